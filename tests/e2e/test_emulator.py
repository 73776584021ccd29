"""The Bot API emulator, driven by a real python-telegram-bot Application.

These tests pin down the contract every end-to-end test and benchmark relies on: PTB's
requests are understood, its responses parse, and Telegram's errors surface in PTB as
the same exception types and messages they would in production.
"""

from __future__ import annotations

import asyncio
import os
import signal
import struct
import sys
import zlib
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    ChatFullInfo,
    ChatMemberAdministrator,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    Message,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.helpers import escape_markdown

from emulator import (
    BotAPIEmulator,
    EmuUser,
    TextParseError,
    parse_html,
    parse_markdown_v2,
    utf16_len,
)

AnyApp = Application[Any, Any, Any, Any, Any, Any]

# PTB 22.8 reads its own deprecated ``RetryAfter.retry_after`` inside ``RetryAfter.__init__``,
# so every 429 warns unless PTB_TIMEDELTA=1 is set; that is PTB's noise, not ours.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*`retry_after` will be of type:telegram.warnings.PTBDeprecationWarning"
)


# ===================================================================== fixtures & bot


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        "Xin chào <b>đồng chí</b> &amp; bạn", parse_mode="HTML"
    )


async def _menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Đồng ý", callback_data="vote:yes"),
                InlineKeyboardButton("Từ chối", callback_data="vote:no"),
            ],
            [InlineKeyboardButton("Hướng dẫn", url="https://example.gov.vn/help")],
        ]
    )
    await update.effective_message.reply_text("Chọn một phương án:", reply_markup=keyboard)


async def _on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"Đã ghi nhận {query.data}")
    await query.edit_message_text(f"Bạn đã chọn: {query.data}")


async def _on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.document is not None
    file = await message.document.get_file()
    content = bytes(await file.download_as_bytearray())
    await message.reply_document(
        document=content[::-1],
        filename=f"reversed-{message.document.file_name}",
        caption=f"{len(content)} bytes",
    )


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await update.effective_message.reply_text(
        f"echo: {update.effective_message.text}", do_quote=True
    )


async def _on_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    member = update.my_chat_member
    assert member is not None
    context.bot_data.setdefault("membership", []).append(
        (member.chat.id, member.new_chat_member.status)
    )


def _build_app(emu: BotAPIEmulator) -> AnyApp:
    app = (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(CommandHandler("menu", _menu))
    app.add_handler(CallbackQueryHandler(_on_button))
    app.add_handler(MessageHandler(filters.Document.ALL, _on_document))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    app.add_handler(ChatMemberHandler(_on_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    return app


@pytest.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emulator:
        yield emulator


@pytest.fixture
async def app(emu: BotAPIEmulator) -> AsyncIterator[AnyApp]:
    application = _build_app(emu)
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=10)
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()


@pytest.fixture
async def bot(emu: BotAPIEmulator) -> AsyncIterator[Bot]:
    """A bare Bot for direct calls, when no update handling is needed."""
    async with Bot(emu.token, base_url=emu.base_url, base_file_url=emu.base_file_url) as b:
        yield b


@pytest.fixture
def alice(emu: BotAPIEmulator) -> EmuUser:
    return emu.user(1001, "Alice", username="alice")


class FakeClock:
    """Frozen time for the flood-limit tests, so they count instead of racing."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


async def _until(condition: Callable[[], object], what: str) -> None:
    """Poll state that lives in PTB (bot_data), which has no event to wait on."""
    async with asyncio.timeout(5):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    assert condition(), what


def _retry_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after  # int today, timedelta under PTB_TIMEDELTA=1
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _png(width: int, height: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\xc0\x20\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# ===================================================================== round trips


async def test_text_round_trip_records_request_and_reply(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    reply = await emu.ask(alice, "/start")

    assert reply.chat_id == alice.id
    assert reply.text == "Xin chào <b>đồng chí</b> &amp; bạn"
    assert reply.plain_text == "Xin chào đồng chí & bạn"
    assert reply.entities == [{"offset": 9, "length": 8, "type": "bold"}]
    assert reply.parse_mode == "HTML"
    send = emu.requests_for("sendMessage")[-1]
    assert send.status == 200
    assert send.params["chat_id"] == alice.id  # JSON-decoded, not the string "1001"
    assert send.params["text"] == reply.text
    assert emu.stats.sent_ok == 1
    assert [r.method for r in emu.requests[:2]] == ["getMe", "deleteWebhook"]


async def test_plain_text_is_echoed_and_answers_parse_in_ptb(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    update = emu.send_text(alice, "123")  # digits must stay a string end to end
    reply = await emu.wait_for_message(alice)
    await emu.wait_until_consumed(update)

    assert reply.plain_text == "echo: 123"
    assert reply.reply_to_message_id == update["message"]["message_id"]
    response = emu.requests_for("sendMessage")[-1].response
    assert response is not None
    returned = Message.de_json(response["result"], app.bot)
    assert returned.text == "echo: 123"
    assert returned.reply_to_message is not None
    assert returned.reply_to_message.text == "123"


async def test_buttons_callback_answer_and_edit(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    menu = await emu.ask(alice, "/menu")
    assert menu.buttons() == [
        ("Đồng ý", "vote:yes"),
        ("Từ chối", "vote:no"),
        ("Hướng dẫn", "https://example.gov.vn/help"),
    ]

    press = emu.press_button(alice, menu, text="Từ chối")
    answer = await emu.wait_for_callback_answer(press)
    edited = await emu.wait_for_edit(menu)

    assert answer.text == "Đã ghi nhận vote:no"
    assert answer.show_alert is False
    assert edited.plain_text == "Bạn đã chọn: vote:no"
    assert edited.reply_markup is None  # editMessageText without reply_markup drops it
    assert len(edited.edits) == 1


async def test_forged_callback_data_reaches_the_bot(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    menu = await emu.ask(alice, "/menu")
    with pytest.raises(LookupError, match="no button"):
        emu.press_button(alice, menu, text="Không có")
    with pytest.raises(ValueError, match="not a callback button"):
        emu.press_button(alice, menu, text="Hướng dẫn")

    emu.press_button(alice, menu, data="vote:forged")
    edited = await emu.wait_for_edit(menu)
    assert edited.plain_text == "Bạn đã chọn: vote:forged"


async def test_wait_timeout_explains_what_was_sent(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    await emu.ask(alice, "hello")
    with pytest.raises(TimeoutError) as caught:
        await emu.wait_for_message(alice, lambda m: "never" in m.plain_text, timeout=0.2)
    assert "echo: hello" in str(caught.value)


async def test_document_upload_download_and_send_back(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    content = "Thông báo kết luận số 12\n".encode() * 50
    emu.send_document(alice, "ket-luan.txt", content, "text/plain", caption="Tệp mới")

    reply = await emu.wait_for_message(alice, lambda m: m.document is not None)

    assert reply.document is not None
    assert reply.document.content == content[::-1]
    assert reply.document.file_name == "reversed-ket-luan.txt"
    assert reply.plain_text == f"{len(content)} bytes"
    assert emu.downloads and emu.downloads[0].startswith("documents/")
    # what the bot sent can be fetched again through getFile + the file endpoint
    file = await app.bot.get_file(reply.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content[::-1]


async def test_photos_by_upload_and_by_file_id(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    emu.send_text(alice, "hi")
    sent = await bot.send_photo(alice.id, photo=_png(30, 20), caption="Biểu đồ")
    assert sent.photo[-1].width == 30 and sent.photo[-1].height == 20
    again = await bot.send_photo(alice.id, photo=sent.photo[-1].file_id)
    assert again.photo[-1].file_unique_id == sent.photo[-1].file_unique_id
    assert emu.messages(alice)[-1].photo is not None

    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(alice.id, photo=b"%PDF-1.7 not an image")
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_document(alice.id, document="BQACAgIAAxkBunknown")


# ===================================================================== long polling


async def test_long_poll_wakes_on_injection_and_offset_confirms(
    emu: BotAPIEmulator, alice: EmuUser
) -> None:
    url = f"{emu.base_url}{emu.token}/getUpdates"
    async with aiohttp.ClientSession() as http:

        async def poll(**params: str) -> dict[str, Any]:
            async with http.post(url, data=params) as response:
                body: dict[str, Any] = await response.json()
                return body

        waiting = asyncio.create_task(poll(timeout="30"))
        await emu.wait_for_poll()
        update = emu.send_text(alice, "ping")
        async with asyncio.timeout(5):  # would hang for 30 s without the wake-up
            body = await waiting

        assert body["ok"] is True
        assert [u["update_id"] for u in body["result"]] == [update["update_id"]]
        assert Update.de_json(body["result"][0], None).effective_message is not None
        await emu.wait_until_consumed(update)

        again = await poll(offset=str(update["update_id"]), timeout="0")
        assert [u["update_id"] for u in again["result"]] == [update["update_id"]]
        confirmed = await poll(offset=str(update["update_id"] + 1), timeout="0")
        assert confirmed["result"] == []
        assert emu.pending_updates == []
        await emu.wait_until_consumed(update, confirmed=True)


async def test_second_poll_terminates_the_first_with_conflict(emu: BotAPIEmulator) -> None:
    url = f"{emu.base_url}{emu.token}/getUpdates"
    async with aiohttp.ClientSession() as http:

        async def poll() -> tuple[int, dict[str, Any]]:
            async with http.post(url, data={"timeout": "30"}) as response:
                return response.status, await response.json()

        first = asyncio.create_task(poll())
        await emu.wait_for_poll()
        second = asyncio.create_task(poll())
        async with asyncio.timeout(5):
            status, body = await first
        assert status == 409
        assert "terminated by other getUpdates request" in body["description"]
        await emu.stop()  # releases the second poll with an empty result
        async with asyncio.timeout(5):
            assert await second == (200, {"ok": True, "result": []})


async def test_stop_releases_pending_poll_promptly() -> None:
    emulator = BotAPIEmulator()
    await emulator.start()
    url = f"{emulator.base_url}{emulator.token}/getUpdates"
    async with aiohttp.ClientSession() as http:

        async def poll() -> dict[str, Any]:
            async with http.post(url, data={"timeout": "50"}) as response:
                body: dict[str, Any] = await response.json()
                return body

        waiting = asyncio.create_task(poll())
        await emulator.wait_for_poll()
        async with asyncio.timeout(5):  # the poll asked for 50 s
            await emulator.stop()
            body = await waiting
    assert body == {"ok": True, "result": []}


async def test_idle_bot_is_parked_in_one_long_poll(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    await emu.ask(alice, "/start")
    await emu.wait_idle(quiet=0.1)
    assert emu.waiting_polls == 1
    polls = emu.requests_for("getUpdates")
    assert all(r.status in (200, None) for r in polls)


async def test_webhook_blocks_get_updates(bot: Bot) -> None:
    await bot.set_webhook("https://bot.example.gov.vn/hook")
    assert (await bot.get_webhook_info()).url == "https://bot.example.gov.vn/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates(timeout=0)
    with pytest.raises(BadRequest, match="https url must be provided"):
        await bot.set_webhook("http://insecure.example.org/hook")
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()


# ===================================================================== validation


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": ""}, "Message text is empty"),
        ({"text": "   \n "}, "Message text is empty"),
        ({"text": "<b></b>", "parse_mode": "HTML"}, "Message text is empty"),
        ({"text": "x" * 4097}, "Message is too long"),
        ({"text": "😀" * 2049}, "Message is too long"),  # 2049 chars, 4098 UTF-16 units
        ({"text": "<b>x", "parse_mode": "HTML"}, "Can't find end tag"),
        ({"text": "a < b", "parse_mode": "HTML"}, 'unsupported start tag "" at byte offset 2'),
        ({"text": "<p>x</p>", "parse_mode": "HTML"}, 'unsupported start tag "p"'),
        ({"text": "<b>x</i>", "parse_mode": "HTML"}, "unmatched end tag"),
        ({"text": "AT&T", "parse_mode": "HTML"}, 'character "&" must be escaped'),
        ({"text": '<span class="x">s</span>', "parse_mode": "HTML"}, "tg-spoiler"),
        ({"text": "x", "parse_mode": "HTML5"}, "Unsupported parse_mode"),
        ({"text": "Hạn: 12.5", "parse_mode": "MarkdownV2"}, "character '.' is reserved"),
        ({"text": "*đậm", "parse_mode": "MarkdownV2"}, "can't find end of bold entity"),
        ({"text": "_nghiêng", "parse_mode": "Markdown"}, "can't find end of the entity"),
    ],
)
async def test_send_message_validation(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser, kwargs: dict[str, Any], message: str
) -> None:
    emu.send_text(alice, "hi")
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(alice.id, **kwargs)
    assert message.lower() in caught.value.message.lower()
    assert emu.sent == []
    assert emu.requests_for("sendMessage")[-1].status == 400


async def test_length_limits_count_utf16_after_html(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    emu.send_text(alice, "hi")
    await bot.send_message(alice.id, "x" * 4096)
    await bot.send_message(alice.id, "😀" * 2048)
    await bot.send_message(alice.id, "<b>" + "&lt;" * 4096 + "</b>", parse_mode="HTML")
    await bot.send_message(alice.id, "AT&amp;T <i>đúng</i> &#8364; <a href='x.vn'>l</a>", "HTML")
    assert [utf16_len(m.plain_text) for m in emu.sent[:3]] == [4096, 4096, 4096]
    assert emu.sent[3].plain_text == "AT&T đúng € l"
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_document(alice.id, b"data", filename="a.txt", caption="c" * 1025)
    await bot.send_document(alice.id, b"data", filename="a.txt", caption="c" * 1024)


@pytest.mark.parametrize(
    ("keyboard", "message"),
    [
        ([[{"text": "x", "callback_data": "a" * 65}]], "Button_data_invalid"),
        ([[{"text": "x", "callback_data": "đ" * 33}]], "Button_data_invalid"),  # 66 bytes
        ([[{"text": "x", "callback_data": ""}]], "Button_data_invalid"),
        ([[{"text": str(i), "callback_data": str(i)} for i in range(101)]], "too long"),
        ([[{"text": "x"}]], "Text buttons are unallowed"),
        ([[{"text": "x", "url": "localhost"}]], "Wrong http url"),
    ],
)
async def test_inline_keyboard_validation(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser, keyboard: Any, message: str
) -> None:
    emu.send_text(alice, "hi")
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(alice.id, "menu", reply_markup={"inline_keyboard": keyboard})  # type: ignore[arg-type]
    assert message.lower() in caught.value.message.lower()


async def test_keyboard_at_the_limits_is_accepted(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    emu.send_text(alice, "hi")
    buttons = [InlineKeyboardButton(str(i), callback_data="đ" * 32) for i in range(100)]
    await bot.send_message(alice.id, "menu", reply_markup=InlineKeyboardMarkup([buttons]))
    assert len(emu.sent[0].buttons()) == 100


async def test_edit_and_delete_errors(emu: BotAPIEmulator, bot: Bot, alice: EmuUser) -> None:
    emu.send_text(alice, "hi")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="a")]])
    sent = await bot.send_message(alice.id, "<b>v1</b>", parse_mode="HTML", reply_markup=markup)

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<b>v1</b>", alice.id, sent.message_id, parse_mode="HTML", reply_markup=markup
        )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(alice.id, sent.message_id, reply_markup=markup)
    # same visible text but bold removed is a modification, as on Telegram
    await bot.edit_message_text("v1", alice.id, sent.message_id, reply_markup=markup)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", alice.id, 9999)
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", alice.id, 1)  # the user's own "hi"

    assert await bot.delete_message(alice.id, sent.message_id)
    assert emu.messages(alice)[0].deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(alice.id, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("v2", alice.id, sent.message_id)
    assert [e.plain_text for e in emu.messages(alice)[0].edits] == ["v1"]


async def test_unreachable_chats(emu: BotAPIEmulator, bot: Bot, alice: EmuUser) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(alice.id, "never talked to the bot")
    emu.send_text(alice, "/start")
    await bot.send_message(alice.id, "ok now")

    emu.block_bot(alice)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(alice.id, "blocked")
    with pytest.raises(RuntimeError, match="blocked the bot"):
        emu.send_text(alice, "cannot write while blocked")
    emu.unblock_bot(alice)
    await bot.send_message(alice.id, "welcome back")
    assert [m.plain_text for m in emu.messages(alice)] == ["ok now", "welcome back"]


async def test_callback_query_ids_are_checked(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    emu.send_text(alice, "hi")
    sent = await bot.send_message(
        alice.id,
        "m",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="a")]]),
    )
    record = emu.messages(alice)[0]
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("123456")
    press = emu.press_button(alice, record, text="a")
    query_id = press["callback_query"]["id"]
    assert press["callback_query"]["message"]["message_id"] == sent.message_id
    assert await bot.answer_callback_query(query_id, "xong", show_alert=True)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)  # only one answer per query
    assert emu.callback_answers[-1].show_alert is True


async def test_callback_queries_expire() -> None:
    clock = FakeClock()
    async with BotAPIEmulator(clock=clock, callback_query_ttl=15) as emulator:
        user = emulator.user(1001, "Alice")
        emulator.send_text(user, "hi")
        async with Bot(emulator.token, base_url=emulator.base_url) as b:
            await b.send_message(
                user.id,
                "m",
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="a")]]),
            )
            press = emulator.press_button(user, emulator.sent[0], data="a")
            clock.now += 16
            with pytest.raises(BadRequest, match="Query is too old"):
                await b.answer_callback_query(press["callback_query"]["id"])


async def test_unknown_method_token_and_case_insensitive_names(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy")
    emu.send_text(alice, "hi")
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{emu.root_url}/botnot-a-token/getMe") as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }
        async with http.post(
            f"{emu.base_url}{emu.token}/SENDMESSAGE", json={"chat_id": alice.id, "text": "42"}
        ) as response:
            body = await response.json()
    assert body["ok"] is True and body["result"]["text"] == "42"
    assert emu.requests[-1].method == "sendMessage"
    async with Bot("123456:ABC-def_ghi", base_url=emu.base_url) as other:
        assert other.id == 123456 and other.username == emu.bot.username


# ===================================================================== faults


async def test_fault_kinds_surface_as_ptb_exceptions(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    emu.send_text(alice, "hi")
    emu.inject_fault("sendMessage", "retry_after", retry_after=7)
    emu.inject_fault("sendMessage", "server_error")
    emu.inject_fault("sendMessage", "bad_gateway")
    emu.inject_fault("sendMessage", "drop")
    emu.inject_fault("sendMessage", "forbidden")

    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(alice.id, "1")
    assert _retry_seconds(retry.value) == 7
    with pytest.raises(NetworkError) as server_error:
        await bot.send_message(alice.id, "2")
    assert type(server_error.value) is NetworkError and "Internal Server Error" in str(
        server_error.value
    )
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(alice.id, "3")
    with pytest.raises(NetworkError) as dropped:
        await bot.send_message(alice.id, "4")
    assert not isinstance(dropped.value, (BadRequest, TimedOut))
    with pytest.raises(Forbidden):
        await bot.send_message(alice.id, "5")
    await bot.send_message(alice.id, "6")

    assert [m.plain_text for m in emu.sent] == ["6"]  # faulted calls were not processed
    assert emu.stats.faults_injected == 5
    assert [r.fault for r in emu.requests_for("sendMessage")] == [
        "retry_after",
        "server_error",
        "bad_gateway",
        "drop",
        "forbidden",
        None,
    ]


async def test_fault_counts_chat_filter_and_clearing(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    bob = emu.user(1002, "Bob")
    emu.send_text(alice, "hi")
    emu.send_text(bob, "hi")
    fault = emu.inject_fault("sendmessage", "server_error", times=2, chat_id=bob.id)

    await bot.send_message(alice.id, "alice is unaffected")
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(bob.id, "fails")
    await bot.send_message(bob.id, "third try works")
    assert fault.triggered == 2 and fault.remaining == 0

    emu.inject_fault(None, "server_error", times=5)
    emu.clear_faults()
    await bot.send_message(bob.id, "cleared")
    assert emu.stats.faults_injected == 2
    assert len(emu.sent) == 3


async def test_slow_fault_times_out_client_but_is_processed(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    emu.send_text(alice, "hi")
    emu.inject_fault("sendMessage", "slow", delay=3.0)
    with pytest.raises(TimedOut):
        await bot.send_message(alice.id, "late", read_timeout=0.3)
    # Telegram had already accepted it: a retry would duplicate the message
    assert [m.plain_text for m in emu.sent] == ["late"]


async def test_retry_after_fault_with_ptb_rate_limiter_retries(
    emu: BotAPIEmulator, alice: EmuUser
) -> None:
    from telegram.ext import AIORateLimiter

    emu.send_text(alice, "hi")
    emu.inject_fault("sendMessage", "retry_after", retry_after=1, times=1)
    limiter = AIORateLimiter(max_retries=2)
    async with (
        ApplicationBuilder().token(emu.token).base_url(emu.base_url).rate_limiter(limiter).build()
    ) as application:
        await application.bot.send_message(alice.id, "after one retry")
    assert [r.status for r in emu.requests_for("sendMessage")] == [429, 200]


# ===================================================================== flood limits


async def test_per_chat_limit_and_retry_after() -> None:
    clock = FakeClock()
    async with BotAPIEmulator(clock=clock) as emulator:
        emulator.enforce_rate_limits(global_per_second=30, per_chat_per_second=1.0)
        alice = emulator.user(1001, "Alice")
        emulator.send_text(alice, "hi")
        async with Bot(emulator.token, base_url=emulator.base_url) as b:
            await b.send_message(alice.id, "1")
            clock.now += 0.4
            with pytest.raises(RetryAfter) as caught:
                await b.send_message(alice.id, "2")
            assert _retry_seconds(caught.value) == 1
            clock.now += 0.6
            await b.send_message(alice.id, "3")
        assert emulator.stats.rate_limited == 1
        assert emulator.stats.sent_ok == 2


async def test_global_limit_counts_exactly() -> None:
    clock = FakeClock()
    async with BotAPIEmulator(clock=clock) as emulator:
        emulator.enforce_rate_limits(global_per_second=30, per_chat_per_second=1.0)
        users = [emulator.user(2000 + i, f"U{i}") for i in range(35)]
        for user in users:
            emulator.send_text(user, "/start")
        async with Bot(emulator.token, base_url=emulator.base_url) as b:
            outcomes = []
            for user in users:
                try:
                    await b.send_message(user.id, "thông báo")
                    outcomes.append("ok")
                except RetryAfter as exc:
                    outcomes.append(f"429/{_retry_seconds(exc):g}")
            clock.now += 1.0
            await b.send_message(users[-1].id, "next second")
        assert outcomes == ["ok"] * 30 + ["429/1"] * 5
        assert emulator.stats.rate_limited == 5
        assert emulator.stats.sent_ok == 31


async def test_group_limit_per_minute() -> None:
    clock = FakeClock()
    async with BotAPIEmulator(clock=clock) as emulator:
        emulator.enforce_rate_limits()
        group = emulator.group(-4001, "Sở Nội vụ")
        emulator.add_bot_to_group(group, emulator.user(1001, "Alice"))
        async with Bot(emulator.token, base_url=emulator.base_url) as b:
            for i in range(20):
                await b.send_message(group.id, f"{i}")
                clock.now += 1.0
            with pytest.raises(RetryAfter) as caught:
                await b.send_message(group.id, "21st within a minute")
            assert _retry_seconds(caught.value) == 40  # first send leaves the window at +60 s
            clock.now += 40
            await b.send_message(group.id, "allowed again")
        assert emulator.stats.rate_limited == 1


async def test_under_the_limits_nothing_is_refused(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    emu.enforce_rate_limits(global_per_second=1000, per_chat_per_second=None)
    emu.send_text(alice, "hi")
    for i in range(25):
        await bot.send_message(alice.id, f"{i}")
    emu.disable_rate_limits()
    assert emu.stats.rate_limited == 0 and emu.stats.sent_ok == 25


# ===================================================================== groups


async def test_group_membership_privacy_and_commands(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    group = emu.group(-5001, "UBND tỉnh")
    with pytest.raises(RuntimeError, match="not a member"):
        emu.send_text(alice, "/start", chat=group)

    joined = emu.add_bot_to_group(group, alice)
    await emu.wait_until_consumed(joined)
    hidden = emu.send_text(alice, "chào cả nhà", chat=group)
    assert hidden["update_id"] is None  # privacy mode: the bot never sees it
    emu.send_text(alice, f"/start@{emu.bot.username}", chat=group)
    reply = await emu.wait_for_message(group)

    assert reply.plain_text.startswith("Xin chào")
    assert [m.plain_text for m in emu.messages(group)] == [reply.plain_text]
    await _until(
        lambda: app.bot_data.get("membership") == [(group.id, "member")],
        "my_chat_member update not handled",
    )


async def test_kicked_and_migrated_groups(emu: BotAPIEmulator, bot: Bot, alice: EmuUser) -> None:
    group = emu.group(-6001, "Sở Tài chính")
    emu.add_bot_to_group(group, alice)
    await bot.send_message(group.id, "before")

    supergroup = emu.migrate_group(group, -1006001)
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(group.id, "to the old id")
    assert caught.value.new_chat_id == supergroup.id
    await bot.send_message(supergroup.id, "to the new id")
    kinds = [
        next(k for k in u["message"] if k.startswith("migrate")) for u in emu.pending_updates[-2:]
    ]
    assert kinds == ["migrate_to_chat_id", "migrate_from_chat_id"]

    emu.remove_bot_from_group(supergroup, alice)
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(supergroup.id, "after kick")
    assert emu.bot_status(supergroup) == "kicked"

    other = emu.group(-6002, "Sở Y tế")
    emu.add_bot_to_group(other, alice)
    assert await bot.leave_chat(other.id)
    with pytest.raises(Forbidden, match="not a member of the group chat"):
        await bot.send_message(other.id, "after leaving")


async def test_chat_info_members_and_admins(emu: BotAPIEmulator, bot: Bot, alice: EmuUser) -> None:
    bob = emu.user(1002, "Bob")
    group = emu.group(-1007001, "Văn phòng UBND", supergroup=True)
    emu.add_bot_to_group(group, alice, as_admin=True)
    emu.set_member_status(group, alice, "creator")
    emu.set_member_status(group, bob, "member")

    info = await bot.get_chat(group.id)
    assert isinstance(info, ChatFullInfo) and info.title == "Văn phòng UBND"
    assert info.type == "supergroup"
    owner = await bot.get_chat_member(group.id, alice.id)
    assert isinstance(owner, ChatMemberOwner)
    assert (await bot.get_chat_member(group.id, bob.id)).status == "member"
    admins = await bot.get_chat_administrators(group.id)
    assert {a.user.id for a in admins} == {alice.id, emu.bot.id}
    assert any(isinstance(a, ChatMemberAdministrator) for a in admins)
    assert await bot.get_chat_member_count(group.id) == 3
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.get_chat(-999)


# ===================================================================== bot settings


async def test_commands_per_scope_and_language(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    group = emu.group(-8001, "Nhóm")
    await bot.set_my_commands([BotCommand("start", "Bắt đầu"), BotCommand("help", "Trợ giúp")])
    await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    await bot.set_my_commands(
        [BotCommand("report", "Báo cáo")], scope=BotCommandScopeAllGroupChats()
    )
    await bot.set_my_commands(
        [BotCommand("admin", "Quản trị")], scope=BotCommandScopeChat(alice.id)
    )

    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c["command"] for c in emu.commands(language_code="en")] == ["start"]
    assert [c["command"] for c in emu.commands({"type": "all_group_chats"})] == ["report"]
    assert [c["command"] for c in emu.commands_for(alice)] == ["admin"]
    bob = emu.user(1002, "Bob", language_code="en")
    assert [c["command"] for c in emu.commands_for(bob)] == ["start"]
    assert [c["command"] for c in emu.commands_for(bob, group)] == ["report"]

    await bot.delete_my_commands(scope=BotCommandScopeChat(alice.id))
    assert [c["command"] for c in emu.commands_for(alice)] == ["start", "help"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("BaoCao", "Hoa không được phép")])


async def test_menu_button_and_chat_action(emu: BotAPIEmulator, bot: Bot, alice: EmuUser) -> None:
    emu.send_text(alice, "hi")
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert emu.menu_button() == {"type": "commands"}
    assert await bot.send_chat_action(alice.id, "typing")
    assert emu.chat_actions == [(alice.id, "typing")]
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(alice.id, "dancing")


# ===================================================================== helpers


async def test_markdown_v2_is_parsed_like_telegram(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    emu.send_text(alice, "hi")
    text = escape_markdown("Hạn chót: 12.05 (thứ Hai)!", version=2)
    sent = await bot.send_message(alice.id, f"*{text}* ||mật||", parse_mode="MarkdownV2")
    assert sent.text == "Hạn chót: 12.05 (thứ Hai)! mật"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 26),
        ("spoiler", 27, 3),
    ]


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("Báo cáo <quý", "Unclosed start tag at byte offset 10"),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<a =x>y</a>", 'Empty attribute name in the tag "a" at byte offset 0'),
        ("<a href>y</a>", 'Expected equal sign in declaration of an attribute of the tag "a"'),
        ("<a href=https://x.vn>y</a>", "Unexpected end of name token at byte offset 8"),
        ("đ</b>", "Unexpected end tag at byte offset 2"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<i>x", 'Can\'t find end tag corresponding to start tag "i"'),
        ("&#xD800;", "Text contains invalid Unicode characters"),
    ],
)
def test_html_errors_use_telegram_wording(source: str, error: str) -> None:
    with pytest.raises(TextParseError) as caught:
        parse_html(source)
    assert str(caught.value).startswith(error)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("Số 12.5", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("_nghiêng", "Can't find end of Italic entity at byte offset 0"),
        ("a __gạch", "Can't find end of Underline entity at byte offset 2"),
        ("```python\nx", "Can't find end of PreCode entity at byte offset 0"),
        ("[trang](https://x.vn", "Can't find end of a URL at byte offset 8"),
    ],
)
def test_markdown_v2_errors_use_telegram_wording(source: str, error: str) -> None:
    with pytest.raises(TextParseError) as caught:
        parse_markdown_v2(source)
    assert str(caught.value) == error


def test_html_parser_matches_telegram_offsets() -> None:
    plain, entities = parse_html('🏟 <i>x<b aba=caba>y</b></i> <a href="https://t.me">t</a>')
    assert plain == "🏟 xy t"
    assert entities == [
        {"offset": 3, "length": 2, "type": "italic"},
        {"offset": 4, "length": 1, "type": "bold"},
        {"offset": 6, "length": 1, "type": "text_link", "url": "https://t.me/"},
    ]


async def test_wait_helpers_respect_the_marker(
    emu: BotAPIEmulator, app: AnyApp, alice: EmuUser
) -> None:
    first = await emu.ask(alice, "một")
    second = await emu.ask(alice, "hai")
    assert (first.plain_text, second.plain_text) == ("echo: một", "echo: hai")
    both = await emu.wait_for_messages(alice, 2, after=0)
    assert [m.message_id for m in both] == [first.message_id, second.message_id]
    emu.mark()
    with pytest.raises(TimeoutError):
        await emu.wait_for_message(alice, timeout=0.1)
    emu.send_text(alice, "ba")
    request = await emu.wait_for_request("sendMessage")
    assert request.ok and request.params["text"] == "echo: ba"
    assert (await emu.wait_for_message(alice)).plain_text == "echo: ba"


async def test_bot_cannot_initiate_conversation_with_group_member(
    emu: BotAPIEmulator, bot: Bot, alice: EmuUser
) -> None:
    bob = emu.user(1002, "Bob")
    group = emu.group(-9001, "Phòng họp")
    emu.add_bot_to_group(group, alice)
    emu.send_text(bob, "/start", chat=group)
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(bob.id, "xin chào riêng")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(4242, "a stranger")


async def test_allowed_updates_filter_and_user_edits(emu: BotAPIEmulator, alice: EmuUser) -> None:
    url = f"{emu.base_url}{emu.token}/getUpdates"
    original = emu.send_text(alice, "bản nháp")
    edit = emu.edited_message(alice, original, "bản cuối")
    async with aiohttp.ClientSession() as http:
        params = {"timeout": "0", "allowed_updates": '["edited_message"]'}
        async with http.post(url, data=params) as response:
            body = await response.json()
    assert [u["update_id"] for u in body["result"]] == [edit["update_id"]]
    assert body["result"][0]["edited_message"]["text"] == "bản cuối"
    assert emu.pending_updates == [edit]  # the disallowed message is gone for good


SUBPROCESS_BOT = """
import os
from telegram.ext import ApplicationBuilder, MessageHandler, filters

async def echo(update, context):
    await update.effective_message.reply_text("subprocess: " + update.effective_message.text)

root = os.environ["TELEGRAM_API_BASE_URL"]
app = (
    ApplicationBuilder()
    .token(os.environ["TELEGRAM_BOT_TOKEN"])
    .base_url(root + "/bot")
    .base_file_url(root + "/file/bot")
    .build()
)
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(poll_interval=0, timeout=5)
"""


async def test_bot_in_a_separate_process(emu: BotAPIEmulator, alice: EmuUser) -> None:
    env = {
        **os.environ,
        "TELEGRAM_API_BASE_URL": emu.root_url,
        "TELEGRAM_BOT_TOKEN": emu.token,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SUBPROCESS_BOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await emu.wait_for_poll(timeout=20)
        reply = await emu.ask(alice, "chào từ tiến trình khác")
        assert reply.plain_text == "subprocess: chào từ tiến trình khác"
    finally:
        process.send_signal(signal.SIGTERM)  # run_polling stops cleanly on SIGTERM
        try:
            async with asyncio.timeout(10):
                _, stderr = await process.communicate()
        except TimeoutError:
            process.kill()
            await process.wait()
            raise
    assert process.returncode == 0, stderr.decode(errors="replace")[-2000:]
    assert emu.pending_updates == []  # the bot confirmed what it fetched before exiting
