"""Numbers people type: ASCII digits only, within what the database can hold.

``str.isdigit`` accepts "²" and "٣", and ``int`` turns 30 digits into a number SQLite
cannot bind: both reached the generic error. Everything typed goes through here.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1  # SQLite's INTEGER


def parse_int(text: str, low: int = 0, high: int = MAX_ID) -> int | None:
    """``text`` as an int in [low, high] when it is ASCII digits only; None otherwise."""
    text = text.strip()
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_id(text: str) -> int | None:
    """A record's number (a task, an invitation): 1 and up."""
    return parse_int(text, 1)
