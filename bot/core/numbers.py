"""Numbers typed by people: ASCII digits within a range, or nothing.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or reads, and a
number of 25 digits passes it but overflows SQLite's 64-bit integer: either reached the
generic error. Every number a user types goes through :func:`parse_number`.
"""

from __future__ import annotations

import re

INT64_MAX = 2**63 - 1
"""The largest integer SQLite stores."""

_ASCII_NUMBER = re.compile(r"[0-9]{1,19}")


def parse_number(text: str, low: int = 0, high: int = INT64_MAX) -> int | None:
    """``text`` (surrounding blanks ignored) as an int in ``[low, high]``, else None."""
    stripped = text.strip()
    if _ASCII_NUMBER.fullmatch(stripped) is None:
        return None
    value = int(stripped)
    return value if low <= value <= high else None


def looks_numeric(text: str) -> bool:
    """Made of digits of any script ("12", "²", "١٢"): meant as a number, right or wrong."""
    stripped = text.strip().lstrip("#")
    return bool(stripped) and all(ch.isdigit() or ch.isnumeric() for ch in stripped)
