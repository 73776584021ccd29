"""A local Telegram Bot API emulator for end-to-end tests and benchmarks.

Typical use::

    async with BotAPIEmulator() as emu:
        app = (
            ApplicationBuilder()
            .token(emu.token)
            .base_url(emu.base_url)
            .base_file_url(emu.base_file_url)
            .build()
        )
        ...  # start polling
        alice = emu.user(1001, "Alice")
        reply = await emu.ask(alice, "/start")
        assert "Xin chào" in reply.plain_text
"""

from ._models import (
    ApiError,
    CallbackAnswer,
    EditRecord,
    EmuChat,
    EmulatorStats,
    EmuUser,
    Fault,
    FaultKind,
    JSONDict,
    RecordedRequest,
    SentMessage,
    StoredFile,
    UploadedPart,
)
from ._server import BotAPIEmulator
from ._text import TextParseError, parse_html, parse_markdown, parse_markdown_v2, utf16_len

__all__ = [
    "ApiError",
    "BotAPIEmulator",
    "CallbackAnswer",
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
    "TextParseError",
    "UploadedPart",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "utf16_len",
]
