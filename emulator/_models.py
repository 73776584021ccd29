"""Records and handles the emulator hands to tests.

Everything here is plain data: tests inspect it, the emulator fills it in.  Nothing is
shared with the bot itself, which only ever sees JSON over HTTP.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

JSONDict = dict[str, Any]
ChatType = Literal["private", "group", "supergroup"]
FaultKind = Literal[
    "retry_after", "server_error", "bad_gateway", "slow", "drop", "forbidden", "bad_request"
]

__all__ = [
    "ApiError",
    "CallbackAnswer",
    "ChatType",
    "EditRecord",
    "EmuChat",
    "EmuUser",
    "EmulatorStats",
    "Fault",
    "FaultKind",
    "JSONDict",
    "RecordedRequest",
    "SentMessage",
    "StoredFile",
    "UploadedPart",
]


class ApiError(Exception):
    """A Bot API error answer: HTTP status, Telegram's description and optional parameters."""

    def __init__(self, code: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_api(self) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass(frozen=True)
class EmuUser:
    """A Telegram user (or the bot itself) as the emulator knows it."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = "vi"
    is_bot: bool = False

    def to_api(self) -> JSONDict:
        data: JSONDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True)
class EmuChat:
    """A chat handle: private chat with ``user``, or a (super)group with ``title``."""

    id: int
    type: ChatType
    title: str | None = None
    user: EmuUser | None = None

    def to_api(self) -> JSONDict:
        data: JSONDict = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.title or ""
        return data


@dataclass
class StoredFile:
    """File bytes known to the emulator (uploaded by a user or sent by the bot)."""

    file_id: str
    file_unique_id: str
    content: bytes
    kind: Literal["document", "photo"]
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None

    @property
    def file_size(self) -> int:
        return len(self.content)

    def document_api(self) -> JSONDict:
        data: JSONDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
        }
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data

    def photo_api(self) -> list[JSONDict]:
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_size": self.file_size,
                "width": self.width or 0,
                "height": self.height or 0,
            }
        ]

    def file_api(self) -> JSONDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "file_path": self.file_path,
        }


@dataclass(frozen=True)
class UploadedPart:
    """One multipart file part of a request, exactly as the bot uploaded it."""

    field: str
    filename: str | None
    content_type: str | None
    content: bytes


@dataclass(frozen=True)
class EditRecord:
    """The content of a bot message right after one edit (one record per successful edit)."""

    seq: int
    at: float
    method: str
    text: str | None
    caption: str | None
    parse_mode: str | None
    plain_text: str
    reply_markup: JSONDict | None


@dataclass
class SentMessage:
    """A message the bot sent, kept up to date through edits and deletion.

    ``text``/``caption`` hold what the bot sent (markup included); ``plain_text`` is what
    a Telegram user would read: tags stripped, character references decoded, trimmed.
    """

    message_id: int
    chat_id: int
    method: str
    date: int
    seq: int
    text: str | None = None
    caption: str | None = None
    parse_mode: str | None = None
    plain_text: str = ""
    entities: list[JSONDict] = field(default_factory=list)
    reply_markup: JSONDict | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    reply_to_message_id: int | None = None
    edits: list[EditRecord] = field(default_factory=list)
    deleted: bool = False
    params: JSONDict = field(default_factory=dict)
    sent_at: float = field(default_factory=time.time)

    @property
    def content(self) -> str | None:
        """The raw text or caption, whichever this message has."""
        return self.text if self.text is not None else self.caption

    def inline_keyboard(self) -> list[list[JSONDict]]:
        """Rows of inline buttons (empty if the message has no inline keyboard)."""
        if not self.reply_markup:
            return []
        rows = self.reply_markup.get("inline_keyboard")
        return rows if isinstance(rows, list) else []

    def buttons(self) -> list[tuple[str, str | None]]:
        """``(text, callback_data or url)`` for every inline button, row by row."""
        return [
            (str(button.get("text", "")), button.get("callback_data") or button.get("url"))
            for row in self.inline_keyboard()
            for button in row
        ]

    def button_texts(self) -> list[str]:
        return [text for text, _ in self.buttons()]

    def __repr__(self) -> str:
        flags = " deleted" if self.deleted else ""
        flags += f" edits={len(self.edits)}" if self.edits else ""
        body = self.plain_text if len(self.plain_text) <= 80 else self.plain_text[:77] + "..."
        kind = "document" if self.document else "photo" if self.photo else "text"
        return (
            f"<SentMessage #{self.message_id} chat={self.chat_id} {kind}{flags} "
            f"{body!r} buttons={self.button_texts()}>"
        )


@dataclass
class RecordedRequest:
    """One HTTP call the bot made, with the decoded parameters and how it was answered."""

    method: str
    params: JSONDict
    files: dict[str, UploadedPart]
    at: float
    status: int | None = None
    response: JSONDict | None = None
    fault: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def description(self) -> str | None:
        if self.response is None:
            return None
        value = self.response.get("description")
        return str(value) if value is not None else None


@dataclass(frozen=True)
class CallbackAnswer:
    """An ``answerCallbackQuery`` call that Telegram accepted."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None
    at: float


@dataclass
class Fault:
    """A scripted failure for the next ``times`` matching calls (see ``inject_fault``)."""

    method: str | None
    kind: FaultKind
    times: int
    retry_after: int = 2
    delay: float = 1.0
    chat_id: int | None = None
    description: str | None = None
    triggered: int = 0

    @property
    def remaining(self) -> int:
        return self.times - self.triggered

    def matches(self, method: str, params: JSONDict) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        if self.chat_id is not None:
            chat = params.get("chat_id")
            if str(chat) != str(self.chat_id):
                return False
        return True


@dataclass
class EmulatorStats:
    """Counters a benchmark can read without walking ``requests``."""

    requests: int = 0
    sent_ok: int = 0
    edits_ok: int = 0
    rate_limited: int = 0
    faults_injected: int = 0
    errors: int = 0
    by_method: dict[str, int] = field(default_factory=dict)
