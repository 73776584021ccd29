"""Text length as Telegram counts it: UTF-16 code units.

Telegram's limits (4096 per message, 200 per pop-up, 64 bytes per button's data…) count
UTF-16 units, where an emoji or a rare Han character is two. Python's ``len`` counts code
points, so a text of 2,450 emoji passed a ``len`` check of 4096 and was refused by
Telegram (4,900 units): its card then broke after the header.
"""

from __future__ import annotations


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def utf16_cut(text: str, limit: int) -> int:
    """The largest index ``i`` with ``utf16_len(text[:i]) <= limit`` (never mid-character)."""
    if utf16_len(text) <= limit:
        return len(text)
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)
