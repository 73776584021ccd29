"""What an error report may say about the failed update: its kind, never its content."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

from telegram import CallbackQuery, Chat, Message, Update, User

from handlers.common import error_place, incident_of
from handlers.context import BotContext

PERSON = User(4242, "Nguyễn Văn Bí Mật", is_bot=False, username="bimat")
PRIVATE = Chat(4242, "private")
GROUP = Chat(-100, "group", title="Tổ công tác bí mật")


def _fail() -> None:
    raise KeyError("Nguyễn Văn Bí Mật")


def _error() -> BaseException:
    try:
        _fail()
    except KeyError as exc:
        return exc
    raise AssertionError


def _context(job: str | None = None) -> BotContext:
    services = SimpleNamespace(parse_button=lambda data: SimpleNamespace(action="ed")
                               if data == "signed" else None)
    return cast(BotContext, SimpleNamespace(
        services=services, job=SimpleNamespace(name=job) if job else None))


def _message(text: str | None, chat: Chat = PRIVATE, **extra: Any) -> Update:
    message = Message(1, datetime.now(UTC), chat, from_user=PERSON, text=text, **extra)
    return Update(1, message=message)


def test_the_place_is_the_projects_innermost_frame_without_a_line() -> None:
    assert error_place(_error()) == "tests/unit/test_incidents.py:_fail"


def test_update_kinds_name_no_one_and_quote_nothing() -> None:
    error = _error()
    cases = {
        "/new@nhacviec_bot Thông báo số 12": ("command", "/new", "private"),
        "/NguyenVanBiMat": ("command", "/…", "private"),
        "Anh ơi nhiệm vụ này của Sở Tài chính": ("text", "", "private"),
    }
    for text, expected in cases.items():
        incident = incident_of(_message(text), _context(), error)
        assert (incident.update, incident.detail, incident.chat) == expected, text
        assert incident.error == "KeyError"
    press = Update(2, callback_query=CallbackQuery(
        "q", PERSON, chat_instance="c", data="signed",
        message=Message(5, datetime.now(UTC), GROUP, text="x")))
    button = incident_of(press, _context(), error)
    assert (button.update, button.detail, button.chat) == ("button", "ed", "group")
    job = incident_of(None, _context("reminders"), error)
    assert (job.update, job.detail, job.chat) == ("job", "reminders", "")
    for said in (button, job):
        assert "Bí Mật" not in repr(said) and "4242" not in repr(said)
