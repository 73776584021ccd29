"""Signed button data and the message catalogues."""

from __future__ import annotations

import re
import string

import pytest

from bot.core import callbacks
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


# Texts only the operator reads, always in Vietnamese: the CLI (`python -m bot ...`, all
# `plain("cli....")` without a language) and the start-up settings errors (`settings.*`,
# printed before any user exists). They need no English version.
VIETNAMESE_ONLY = ("cli.", "settings.")
# Telegram's HTML tags; "<agency>" in a plain-text command description is not one.
_TAG = re.compile(
    r"<(/?)(b|strong|i|em|u|ins|s|strike|del|a|code|pre|span|tg-spoiler|tg-emoji|blockquote)"
    r"(?:\s[^<>]*)?>"
)


def _tags(template: str) -> list[str]:
    """The template's HTML tags in order, after checking they nest and close properly."""
    stack: list[str] = []
    seen: list[str] = []
    for closing, name in _TAG.findall(template):
        seen.append(f"{closing}{name}")
        if not closing:
            stack.append(name)
        else:
            assert stack and stack.pop() == name, f"</{name}> does not close an open tag"
    assert not stack, f"unclosed <{stack[-1]}>"
    return seen


def test_catalogues_agree() -> None:
    """Every user-visible key is in both languages with the same {params} and HTML tags."""
    vi, en = CATALOGS["vi"], CATALOGS["en"]
    assert set(en) <= set(vi), sorted(set(en) - set(vi))
    missing = {k for k in vi if not k.startswith(VIETNAMESE_ONLY) and k not in en}
    assert not missing, sorted(missing)
    for key, template in vi.items():
        tags = _tags(template)
        if key in en:
            assert _fields(en[key]) == _fields(template), key
            assert _tags(en[key]) == tags, key


def test_tag_check_catches_broken_markup() -> None:
    assert _tags('<b>{name}</b> <a href="{url}">x</a>') == ["b", "/b", "a", "/a"]
    for broken in ("<b>x", "<b>x</i>", "x</b>", "<b><i>x</b></i>"):
        with pytest.raises(AssertionError):
            _tags(broken)


def test_operator_texts_stay_vietnamese_only() -> None:
    """The allow-list is for operator output only: none of it is sent to chats."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    senders = [*root.joinpath("handlers").glob("*.py")]
    for path in senders:
        source = path.read_text(encoding="utf-8")
        for prefix in VIETNAMESE_ONLY:
            assert f'"{prefix}' not in source, (path.name, prefix)


def test_unknown_language_falls_back_to_vietnamese() -> None:
    assert t("error.generic", "fr") == t("error.generic", "vi")


# "1 days", "1 tasks", "task(s)": what an English reader sees when a count is one.
_BAD_ONE = re.compile(
    r"(?<![#/\d.,:])\b1 (?:more |other |open |proposed |assigned )?(?:days|tasks|units|agencies|"
    r"messages|recipients|times|proposals|reports|chats|minutes|completion reports)\b"
    r"|\w\(s\)"
)


def test_english_counts_agree_with_one_and_many() -> None:
    assert t("due.days_left", "en", days=1) == "1 day left"
    assert t("due.days_left", "en", days=3) == "3 days left"
    assert t("nudge.head_before", "en", id=5, days=1).endswith("due in 1 day</b>")
    assert plain("summary.total", "en", count=1) == "Total: <b>1</b> task"
    assert t("due.days_left", "vi", days=1) == "còn 1 ngày"
    assert "1 unit reported done and waits for confirmation: it counts as done" in plain(
        "edit.prompt.close_awaiting", "en", count=1)
    assert "2 units reported done and wait for confirmation: they count as done" in plain(
        "edit.prompt.close_awaiting", "en", count=2)
    en = CATALOGS["en"]
    for key, template in en.items():
        fields = _fields(template)
        for value in (1, "1"):
            text = plain(key, "en", **dict.fromkeys(fields, value))
            assert not _BAD_ONE.search(text), (key, text)


def test_english_unreported_lines_name_what_an_english_reader_types_and_sees() -> None:
    """The command as the English /help teaches it ("task N") and the sheet as the English
    export names it, not the Vietnamese ones."""
    shared = plain("unreported.shared_line", "en", id=7, text="x", date="d", due="u",
                   count=2, names="A", more="")
    assert "/chuabaocao task 7" in shared and "nhiệm vụ" not in shared
    more = plain("unreported.more_agencies", "en", count=3)
    assert f"“{plain('export.sheet_unreported', 'en')}” sheet" in more
    assert plain("export.sheet_unreported", "vi") not in more
