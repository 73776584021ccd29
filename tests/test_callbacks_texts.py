"""Signed button data and the message catalogues."""

from __future__ import annotations

import re
import string

import pytest

from bot import callbacks
from bot.texts import CATALOGS, Html, escape, plain, t

SECRET = b"s" * 32


def test_round_trip_and_size() -> None:
    data = callbacks.encode(SECRET, "task", 123456789, "edit")
    assert len(data.encode()) <= 64
    decoded = callbacks.decode(SECRET, data)
    assert decoded == callbacks.Callback("task", ("123456789", "edit"))
    assert decoded.int_arg(0) == 123456789 and decoded.int_arg(1) is None
    assert re.match(callbacks.action_pattern("task", "other"), data)
    assert not re.match(callbacks.action_pattern("tas"), data)


@pytest.mark.parametrize(
    "forged",
    ["task:123~AAAAAAAA", "task:123", "", "x" * 70, "task:124~{sig}", "tusk:123~{sig}"],
)
def test_forged_data_is_refused(forged: str) -> None:
    good = callbacks.encode(SECRET, "task", 123)
    signature = good.rpartition("~")[2]
    assert callbacks.decode(SECRET, forged.format(sig=signature)) is None
    assert callbacks.decode(b"other-secret", good) is None


def test_too_long_or_bad_parts_are_refused() -> None:
    with pytest.raises(callbacks.CallbackDataError):
        callbacks.encode(SECRET, "a", "x" * 60)
    with pytest.raises(callbacks.CallbackDataError):
        callbacks.encode(SECRET, "a", "b:c")


def test_params_are_escaped_once() -> None:
    text = t("error.unknown_command", "vi", command="<b>Sở LĐ-TB&XH</b>")
    assert "&lt;b&gt;Sở LĐ-TB&amp;XH&lt;/b&gt;" in text
    assert isinstance(text, Html)
    nested = t("start.admin", "vi", name="A&B", commands=Html("<b>x</b>"))
    assert "A&amp;B" in nested and "<b>x</b>" in nested
    assert escape("a<b>&") == "a&lt;b&gt;&amp;"
    assert plain("cli.resolve_unknown", written="A&B").endswith("\"A&B\" trong danh mục.")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogues_agree() -> None:
    vi, en = CATALOGS["vi"], CATALOGS["en"]
    assert set(en) <= set(vi), set(en) - set(vi)
    for key, template in en.items():
        assert _fields(template) == _fields(vi[key]), key
    # Every user-facing (non-CLI) message has an English version.
    missing = {k for k in vi if not k.startswith(("cli.", "settings.")) and k not in en}
    assert not missing, sorted(missing)


def test_unknown_language_falls_back_to_vietnamese() -> None:
    assert t("error.generic", "fr") == t("error.generic", "vi")
