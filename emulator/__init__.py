"""A local Telegram Bot API emulator for end-to-end tests and benchmarks.

The bot under test talks HTTP to it exactly as to Telegram (in-process or as a
subprocess given ``emu.root_url``); the test acts as users and inspects the bot::

    async with BotAPIEmulator() as emu:
        app = (
            ApplicationBuilder()
            .token(emu.token)
            .base_url(emu.base_url)
            .base_file_url(emu.base_file_url)
            .build()
        )
        ...  # app.initialize(), app.start(), app.updater.start_polling(poll_interval=0)
        alice = emu.user(1001, "Alice")
        reply = await emu.ask(alice, "/start")      # send, then wait for the reply
        emu.press_button(alice, reply, text="Đồng ý")
        edited = await emu.wait_for_edit(reply)

Things worth knowing:

* Validation and error texts follow Telegram (HTML/MarkdownV2 parsing, 4096/1024
  UTF-16 limits, keyboards, unknown/blocked/kicked/migrated chats, "message is not
  modified"...), so PTB raises the same exceptions it would in production.
* ``wait_for_*`` only look at what happened after the last injected update (or
  ``emu.mark()``), never hang (default 5 s) and explain themselves on timeout.
* ``inject_fault`` scripts 429/500/502/403/dropped/slow answers; ``enforce_rate_limits``
  answers real 429s past Telegram's flood limits. Pass ``clock=`` for exact counts.
* Group privacy mode is on by default: in groups the bot only gets commands,
  replies to it and mentions, as with a default BotFather setup.
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
