"""Numbers, lengths and signatures of hostile chat input (issue #17), in the pure core."""

from __future__ import annotations

from bot.core import callbacks
from bot.core.numbers import parse_number
from bot.core.textlen import utf16_cut, utf16_len
from bot.views.render import shorten, split_message

SECRET = b"s" * 32


def test_numbers_are_ascii_digits_within_range() -> None:
    assert parse_number("12") == 12
    assert parse_number(" 7 ", 1, 366) == 7
    for text in ("²", "١٢", "-1", "1.5", "", "9223372036854775808", "9" * 30, "12a"):
        assert parse_number(text) is None, text
    assert parse_number("9223372036854775807") == 2**63 - 1
    assert parse_number("367", 1, 366) is None


def test_a_non_ascii_signature_is_refused_not_raised() -> None:
    assert callbacks.decode(SECRET, "tv:1~ñandú🚀") is None
    assert callbacks.decode(SECRET, "x~é") is None
    good = callbacks.encode(SECRET, "tv", 5)
    decoded = callbacks.decode(SECRET, good)
    assert decoded is not None and decoded.int_arg(0) == 5


def test_split_and_shorten_count_utf16_units() -> None:
    text = "🚀" * 2450
    assert utf16_len(text) == 4900 and utf16_cut(text, 4096) == 2048
    chunks = split_message(text)
    assert len(chunks) == 2 and all(utf16_len(c) <= 4096 for c in chunks)
    assert "".join(chunks) == text
    short = shorten("😀 " * 300, 200)
    assert utf16_len(short) <= 200 and short.endswith("…")
