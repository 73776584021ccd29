"""The HTTP side of the emulator and the API tests drive it with.

The bot talks to :class:`BotAPIEmulator` exactly as to ``api.telegram.org``: over HTTP,
with its own token, from the same process or another one.  Tests talk to it directly:
they inject what users do, then wait for and inspect what the bot did.
"""

# The wait helpers take ``timeout=`` on purpose: a bounded wait with a diagnostic message
# is their whole point, and tests read better than with ``asyncio.timeout`` blocks.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import socket
import string
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Literal, TypeVar
from urllib.parse import unquote

from aiohttp import web

from ._methods import BOT_API_METHODS, BotApi, Params, decode_params
from ._models import (
    ApiError,
    CallbackAnswer,
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
from ._ratelimit import RateLimiter
from ._state import _COMMAND_RE, GROUP_ANONYMOUS_BOT, ChatState, World, scope_key

__all__ = ["BotAPIEmulator"]

T = TypeVar("T")
ChatRef = int | EmuChat | EmuUser
MessagePredicate = Callable[[SentMessage], bool]

_TOKEN_RE = re.compile(r"(\d+):([A-Za-z0-9_-]+)")
_API_PATH = re.compile(r"/bot(\d+):[A-Za-z0-9_-]+/([A-Za-z0-9_]*)")
_FILE_PATH = re.compile(r"/file/bot\d+:[A-Za-z0-9_-]+/(.+)")
_NOT_FOUND: JSONDict = {"ok": False, "error_code": 404, "description": "Not Found"}
_CANONICAL = {name.lower(): name for name in BOT_API_METHODS}
_MAX_BODY = 60 * 1024 * 1024


def _json_response(status: int, body: JSONDict) -> web.Response:
    return web.json_response(body, status=status)


class BotAPIEmulator:
    """A local, scriptable Telegram Bot API server for end-to-end tests and benchmarks.

    Use ``async with BotAPIEmulator() as emu:`` and point the bot at ``emu.base_url`` /
    ``emu.base_file_url`` with ``emu.token``.
    """

    def __init__(
        self,
        bot_username: str = "nhacviec_test_bot",
        *,
        token: str | None = None,
        bot_first_name: str = "Nhắc việc",
        group_privacy: bool = True,
        strict_html_entities: bool = True,
        callback_query_ttl: float = 15.0,
        clock: Callable[[], float] = time.monotonic,
        port: int = 0,
    ) -> None:
        """Create a stopped emulator.

        ``port`` 0 takes a free one; a fixed port lets a test start the server after the
        bot (a Telegram that comes back).

        ``group_privacy`` mirrors BotFather's privacy mode (on by default, as on Telegram):
        in groups the bot only receives commands, replies to it and mentions of it.
        ``strict_html_entities`` also rejects a bare ``&`` in HTML (Telegram keeps it).
        ``clock`` drives rate limits and callback-query expiry; inject a fake one to make
        flood tests deterministic.
        """
        if token is None:
            alphabet = string.ascii_letters + string.digits + "_-"
            token = f"{secrets.randbelow(9 * 10**9) + 10**9}:" + "".join(
                secrets.choice(alphabet) for _ in range(35)
            )
        match = _TOKEN_RE.fullmatch(token)
        if match is None:
            raise ValueError(f"not a Bot API token: {token!r}")
        self.token = token
        bot = EmuUser(
            int(match.group(1)),
            bot_first_name,
            username=bot_username,
            language_code=None,
            is_bot=True,
        )
        self._world = World(
            bot,
            group_privacy=group_privacy,
            strict_html_entities=strict_html_entities,
            callback_query_ttl=callback_query_ttl,
            clock=clock,
        )
        self._api = BotApi(self._world)
        self._clock = clock
        self.requests: list[RecordedRequest] = []
        """Every call the bot made, in arrival order."""
        self.downloads: list[str] = []
        """File paths the bot downloaded through the file endpoint."""
        self._uploads: dict[bytes, bytes] = {}
        # Equal uploads share one bytes object: a bot sending the same cached chart 200
        # times (the benchmark's /stats) would otherwise keep 200 copies of it.
        self._faults: list[Fault] = []
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._wanted_port = port
        self._stopping = False
        self._stop_event = asyncio.Event()
        self._changed = asyncio.Event()
        self._poll_event = asyncio.Event()
        self._poll_generation = 0
        self._marker = 0
        self._request_marker = 0
        self._inflight = 0
        self._waiting_polls = 0
        self._last_activity = time.monotonic()
        self.busy: Callable[[], bool] | None = None
        """Set by a test harness: True while the bot is handling an update."""
        self._revoked = False

    # ================================================================= lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and start serving."""
        if self._runner is not None:
            return
        # Fresh events: asyncio primitives belong to the loop that first awaits them.
        self._stop_event = asyncio.Event()
        self._changed = asyncio.Event()
        self._poll_event = asyncio.Event()
        app = web.Application(client_max_size=_MAX_BODY)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=2.0
        )
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self._wanted_port))
        self._port = int(sock.getsockname()[1])
        site = web.SockSite(runner, sock)
        await site.start()
        self._runner = runner
        self._stopping = False

    async def stop(self) -> None:
        """Answer pending long polls with no updates, then close the server."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        self._stopping = True
        self._stop_event.set()
        self._wake_pollers()
        self._notify()
        await runner.cleanup()

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT``: what a subprocess bot gets as its API base."""
        if self._port is None:
            raise RuntimeError("the emulator is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        """Value for ``ApplicationBuilder().base_url(...)``."""
        return f"{self.root_url}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for ``ApplicationBuilder().base_file_url(...)``."""
        return f"{self.root_url}/file/bot"

    @property
    def waiting_polls(self) -> int:
        """Long polls currently parked in getUpdates (1 for a healthy idle bot)."""
        return self._waiting_polls

    @property
    def bot(self) -> EmuUser:
        """The bot's own user (id from the token, username from the constructor)."""
        return self._world.bot

    # ================================================================= HTTP

    def _notify(self) -> None:
        """Wake every waiter so it re-checks its condition."""
        self._changed.set()
        self._changed = asyncio.Event()

    def _wake_pollers(self) -> None:
        self._poll_event.set()
        self._poll_event = asyncio.Event()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        match = _API_PATH.fullmatch(request.path)
        if match is not None:
            return await self._handle_api(request, int(match.group(1)), match.group(2))
        match = _FILE_PATH.fullmatch(request.path)
        if match is not None and request.method in ("GET", "HEAD"):
            return self._handle_file(match.group(1))
        return _json_response(404, _NOT_FOUND)

    def _handle_file(self, path: str) -> web.Response:
        stored = self._world.files_by_path.get(unquote(path))
        if stored is None:
            return _json_response(404, _NOT_FOUND)
        self.downloads.append(stored.file_path)
        return web.Response(
            body=stored.content, content_type=stored.mime_type or "application/octet-stream"
        )

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, UploadedPart]]:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedPart] = {}
        if not request.can_read_body:
            return raw, files
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse JSON request body") from None
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: JSON object expected")
            raw.update(body)
            return raw, files
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                content = value.file.read()
                content = self._uploads.setdefault(content, content)
                files[name] = UploadedPart(name, value.filename, value.content_type, content)
            else:
                raw[name] = value
        return raw, files

    async def _handle_api(
        self, request: web.Request, bot_id: int, method_name: str
    ) -> web.StreamResponse:
        method = _CANONICAL.get(method_name.lower(), method_name)
        self._last_activity = time.monotonic()
        record = RecordedRequest(method=method, params={}, files={}, at=time.time())
        self.requests.append(record)
        stats = self._world.stats
        stats.requests += 1
        stats.by_method[method] = stats.by_method.get(method, 0) + 1
        polling = method == "getUpdates"
        answer: tuple[int, JSONDict] | None
        if not polling:
            self._inflight += 1
        try:
            try:
                raw, files = await self._read_params(request)
                record.params, record.files = decode_params(raw), files
                if self._revoked:
                    raise ApiError(401, "Unauthorized")
                answer = await self._answer(method, bot_id, record)
            except ApiError as exc:
                answer = (exc.code, exc.to_api())
        finally:
            if not polling:
                self._inflight -= 1
            self._last_activity = time.monotonic()
            self._notify()
        if answer is None:  # scripted "drop": vanish without a response
            record.status = None
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=204)
        record.status, record.response = answer
        if record.status != 200:
            stats.errors += 1
        return _json_response(*answer)

    def _take_fault(self, method: str, params: JSONDict) -> Fault | None:
        for fault in self._faults:
            if fault.method is None and method == "getUpdates":
                continue
            if fault.matches(method, params):
                fault.triggered += 1
                return fault
        return None

    async def _pause(self, delay: float) -> None:
        """Sleep, but give up at once when the emulator stops."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), delay)

    async def _answer(
        self, method: str, bot_id: int, record: RecordedRequest
    ) -> tuple[int, JSONDict] | None:
        params = Params(record.params, record.files)
        fault = self._take_fault(method, record.params)
        if fault is not None:
            record.fault = fault.kind
            self._world.stats.faults_injected += 1
            if fault.kind == "drop":
                return None
            if fault.kind == "retry_after":
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    {"retry_after": fault.retry_after},
                )
            if fault.kind == "server_error":
                raise ApiError(500, fault.description or "Internal Server Error")
            if fault.kind == "bad_gateway":
                raise ApiError(502, fault.description or "Bad Gateway")
            if fault.kind == "forbidden":
                raise ApiError(403, fault.description or "Forbidden: bot was blocked by the user")
            if fault.kind == "bad_request":
                raise ApiError(400, fault.description or "Bad Request: wrong file identifier")
        try:
            if method == "getUpdates":
                result: Any = await self._get_updates(params)
            else:
                handler = self._api.handlers.get(method.lower())
                if handler is None:
                    if method.lower() in _CANONICAL:
                        raise ApiError(
                            400,
                            f"Bad Request: {method} is a Bot API method the emulator does "
                            "not implement",
                        )
                    raise ApiError(404, "Not Found")
                self._api.current_bot_id = bot_id
                result = handler(params)
            answer: tuple[int, JSONDict] = (200, {"ok": True, "result": result})
        except ApiError as exc:
            answer = (exc.code, exc.to_api())
        if fault is not None and fault.kind == "slow":
            record.status, record.response = answer  # known even if the client gives up
            await self._pause(fault.delay)  # processed already: a late answer, not a lost one
        return answer

    async def _get_updates(self, p: Params) -> list[JSONDict]:
        world = self._world
        if world.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        limit = min(max(p.int_("limit") or 100, 1), 100)
        timeout = max(p.float_("timeout") or 0.0, 0.0)
        allowed = p.json_("allowed_updates")
        if isinstance(allowed, list):
            world.set_allowed_updates([str(kind) for kind in allowed])
        world.confirm(p.int_("offset"))
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_pollers()  # an older poll still waiting now loses with 409, like Telegram
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._poll_event
            if self._stopping:
                return []
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            batch = world.pending(limit)
            remaining = deadline - loop.time()
            if batch or remaining <= 0:
                break
            self._waiting_polls += 1
            self._notify()
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), remaining)
            finally:
                self._waiting_polls -= 1
        world.fetched.update(update["update_id"] for update in batch)
        return batch

    # ================================================================= users and chats

    def user(
        self,
        user_id: int,
        first_name: str = "Người dùng",
        username: str | None = None,
        language_code: str | None = "vi",
        last_name: str | None = None,
    ) -> EmuUser:
        """Register (or update) a Telegram user the test can act as."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        return self._world.add_user(
            EmuUser(user_id, first_name, username, last_name, language_code, is_bot=False)
        )

    def private_chat(self, user: EmuUser) -> EmuChat:
        """The private chat between ``user`` and the bot (reachable once the user writes)."""
        state = self._world.chat_state(EmuChat(user.id, "private", user=user))
        return state.chat

    def group(self, chat_id: int, title: str, supergroup: bool = False) -> EmuChat:
        """Declare a group; the bot only sees it after :meth:`add_bot_to_group`."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative (supergroups look like -100...)")
        existing = self._world.chats.get(chat_id)
        if existing is not None:
            return existing.chat
        chat = EmuChat(chat_id, "supergroup" if supergroup else "group", title=title)
        return self._world.chat_state(chat).chat

    def set_member_status(
        self,
        chat: EmuChat,
        user: EmuUser,
        status: Literal["creator", "administrator", "member", "left", "kicked"],
    ) -> None:
        """Set a user's membership in a group (for getChatMember / admin checks)."""
        if user.id not in self._world.users:
            self._world.add_user(user)
        self._world.chat_state(chat).members[user.id] = status

    def bot_status(self, chat: ChatRef) -> str:
        """The bot's membership status in a chat ("member", "kicked", "left", ...)."""
        state = self._state(chat)
        if state.chat.type == "private":
            return "kicked" if state.blocked else state.bot_status
        return state.bot_status

    def _chat_id(self, chat: ChatRef) -> int:
        return chat if isinstance(chat, int) else chat.id

    def _state(self, chat: ChatRef) -> ChatState:
        state = self._world.chats.get(self._chat_id(chat))
        if state is None:
            raise LookupError(f"unknown chat {self._chat_id(chat)}")
        return state

    # ================================================================= injecting updates

    def _injected(self, update: JSONDict) -> JSONDict:
        """After any user action: move the markers and wake the bot's long poll."""
        self.mark()
        self._wake_pollers()
        self._notify()
        return update

    def mark(self) -> int:
        """Make the ``wait_for_*`` helpers ignore everything the bot did before now."""
        self._marker = self._world.seq
        self._request_marker = len(self.requests)
        return self._marker

    def send_text(
        self,
        user: EmuUser,
        text: str,
        chat: EmuChat | None = None,
        reply_to: SentMessage | JSONDict | int | None = None,
        forward_from: EmuUser | None = None,
        entities: list[JSONDict] | None = None,
    ) -> JSONDict:
        """The user writes ``text`` (private chat unless ``chat``); returns the Update.

        A leading ``/command`` (or ``/command@bot``) gets a ``bot_command`` entity. In a
        group with privacy mode on, messages the bot would not see are stored but not
        delivered: the returned dict then has ``update_id`` None.
        """
        update = self._world.user_text(
            user,
            text,
            chat=chat,
            reply_to=reply_to,
            forward_from=forward_from,
            entities=entities,
        )
        return self._injected(update)

    def send_document(
        self,
        user: EmuUser,
        filename: str,
        content: bytes,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        chat: EmuChat | None = None,
    ) -> JSONDict:
        """The user uploads a file; its bytes become downloadable via getFile."""
        stored = self._world.store_file(
            content, "document", file_name=filename, mime_type=mime_type
        )
        update = self._world.user_file(user, stored, caption=caption, chat=chat)
        return self._injected(update)

    def send_photo(
        self,
        user: EmuUser,
        content: bytes,
        caption: str | None = None,
        chat: EmuChat | None = None,
        width: int = 1280,
        height: int = 960,
    ) -> JSONDict:
        """The user sends a photo (``width``/``height`` are reported as given)."""
        stored = self._world.store_file(
            content, "photo", file_name=None, mime_type="image/jpeg", width=width, height=height
        )
        update = self._world.user_file(user, stored, caption=caption, chat=chat)
        return self._injected(update)

    def edited_message(self, user: EmuUser, message: JSONDict | int, new_text: str) -> JSONDict:
        """The user edits one of their earlier text messages (``edited_message`` update)."""
        if isinstance(message, dict):
            inner = message.get("message", message)
            chat_id, message_id = int(inner["chat"]["id"]), int(inner["message_id"])
        else:
            chat_id, message_id = user.id, message
        state = self._state(chat_id)
        stored = state.messages.get(message_id)
        if stored is None or isinstance(stored, SentMessage) or stored.from_id != user.id:
            raise LookupError(f"user {user.id} has no message {message_id} in chat {chat_id}")
        stored.data = {**stored.data, "text": new_text, "edit_date": self._world.now()}
        stored.data.pop("entities", None)
        match = _COMMAND_RE.match(new_text)
        if match is not None:  # Telegram parses the new text again, a command included
            stored.data["entities"] = [{"type": "bot_command", "offset": 0, "length": match.end()}]
        return self._injected(self._world.enqueue("edited_message", dict(stored.data)))

    def press_button(
        self,
        user: EmuUser,
        message: SentMessage,
        data: str | None = None,
        text: str | None = None,
    ) -> JSONDict:
        """The user presses an inline button, found by visible ``text`` or ``data``.

        ``data`` that is not on the keyboard is sent anyway (a forged or stale press), so
        tests can check that the bot validates callback data.
        """
        if text is not None:
            found = [b for row in message.inline_keyboard() for b in row if b.get("text") == text]
            if not found:
                raise LookupError(f"no button {text!r} on {message!r}")
            if "callback_data" not in found[0]:
                raise ValueError(f"button {text!r} is not a callback button: {found[0]}")
            data = str(found[0]["callback_data"])
        if data is None:
            raise ValueError("press_button needs data= or text=")
        return self._injected(self._world.callback_query(user, message, data))

    def add_bot_to_group(
        self, group: EmuChat, by_user: EmuUser, as_admin: bool = False
    ) -> JSONDict:
        """``by_user`` adds the bot: a my_chat_member update plus the service message."""
        world = self._world
        state = world.chat_state(group)
        if state.migrated_to is not None:
            raise RuntimeError(f"group {group.id} was migrated to {state.migrated_to}")
        if by_user.id not in world.users:
            world.add_user(by_user)
        old = state.bot_status
        state.bot_status = "administrator" if as_admin else "member"
        state.known = True
        state.members.setdefault(by_user.id, "member")
        update = world.member_update(state, by_user, old, state.bot_status)
        world.service_message(state, by_user, {"new_chat_members": [world.bot.to_api()]})
        return self._injected(update)

    def remove_bot_from_group(
        self, group: EmuChat, by_user: EmuUser, kicked: bool = True
    ) -> JSONDict:
        """``by_user`` removes the bot; later sends get 403 like on Telegram."""
        state = self._state(group)
        old = state.bot_status
        state.bot_status = "kicked" if kicked else "left"
        return self._injected(self._world.member_update(state, by_user, old, state.bot_status))

    def migrate_group(
        self, group: EmuChat, new_chat_id: int, by_user: EmuUser | None = None
    ) -> EmuChat:
        """Upgrade a group to a supergroup; the old id then answers with migrate_to_chat_id."""
        world = self._world
        old_state = self._state(group)
        if old_state.chat.type != "group":
            raise ValueError("only basic groups migrate")
        if new_chat_id >= 0 or new_chat_id in world.chats:
            raise ValueError("the new supergroup needs a fresh negative id")
        actor = by_user or GROUP_ANONYMOUS_BOT
        new_chat = EmuChat(new_chat_id, "supergroup", title=old_state.chat.title)
        new_state = world.chat_state(new_chat)
        new_state.known = old_state.known
        new_state.bot_status = old_state.bot_status
        new_state.members = dict(old_state.members)
        old_state.migrated_to = new_chat_id
        world.service_message(old_state, actor, {"migrate_to_chat_id": new_chat_id})
        world.service_message(new_state, actor, {"migrate_from_chat_id": group.id})
        self._injected({})
        return new_chat

    def block_bot(self, user: EmuUser) -> JSONDict:
        """The user blocks the bot: my_chat_member "kicked", then sends fail with 403."""
        state = self._world.chat_state(self.private_chat(user))
        state.known = True
        state.blocked = True
        return self._injected(self._world.member_update(state, user, "member", "kicked"))

    def unblock_bot(self, user: EmuUser) -> JSONDict:
        """The user restarts the bot: my_chat_member "member"."""
        state = self._state(user.id)
        state.blocked = False
        return self._injected(self._world.member_update(state, user, "kicked", "member"))

    # ================================================================= observing

    @property
    def sent(self) -> list[SentMessage]:
        """Every message the bot sent, in order (deleted ones included, flagged)."""
        return self._world.sent

    def messages(self, chat: ChatRef) -> list[SentMessage]:
        """Messages the bot sent to one chat, in order."""
        state = self._world.chats.get(self._chat_id(chat))
        return list(state.sent) if state is not None else []

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Accepted answerCallbackQuery calls, in order."""
        return self._world.callback_answers

    @property
    def chat_actions(self) -> list[tuple[int, str]]:
        """``(chat_id, action)`` for every accepted sendChatAction."""
        return self._world.chat_actions

    @property
    def stats(self) -> EmulatorStats:
        """Live counters (requests, sends, edits, 429s, faults, errors)."""
        return self._world.stats

    def reset_stats(self) -> None:
        """Zero the counters, e.g. between a benchmark's warm-up and its measured run."""
        self._world.stats = EmulatorStats()

    def forget_requests(self) -> None:
        """Drop the recorded calls (:attr:`requests`), e.g. when a benchmark moves on to a
        phase that no longer reads them: thousands of them are the emulator's memory."""
        self.requests.clear()
        self._request_marker = 0

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed by the bot's getUpdates offset."""
        return list(self._world.updates)

    def requests_for(self, method: str) -> list[RecordedRequest]:
        """Recorded calls of one method (name compared case-insensitively)."""
        wanted = method.lower()
        return [r for r in self.requests if r.method.lower() == wanted]

    def file(self, file_id: str) -> StoredFile:
        """The stored bytes behind a file_id (uploaded by a user or sent by the bot)."""
        return self._world.files[file_id]

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """Commands stored by setMyCommands for exactly this scope and language."""
        return list(self._world.commands.get((scope_key(scope), language_code), []))

    def commands_for(self, user: EmuUser, chat: EmuChat | None = None) -> list[JSONDict]:
        """The command menu ``user`` would see in ``chat``, resolving scopes like Telegram."""
        return list(self._world.commands_for(user, chat))

    def menu_button(self, chat: ChatRef | None = None) -> JSONDict:
        """The menu button set for ``chat`` (or the bot-wide default)."""
        if chat is None:
            return self._world.default_menu_button
        return self._state(chat).menu_button or self._world.default_menu_button

    # ================================================================= faults and limits

    def inject_fault(
        self,
        method: str | None = "sendMessage",
        kind: FaultKind = "retry_after",
        times: int = 1,
        retry_after: int = 2,
        delay: float = 1.0,
        chat_id: int | None = None,
        description: str | None = None,
    ) -> Fault:
        """Fail the next ``times`` calls of ``method`` (``None``: any method but getUpdates).

        Kinds: "retry_after" (429 with parameters.retry_after), "server_error" (500),
        "bad_gateway" (502), "forbidden" (403 blocked), "bad_request" (400, by default the
        answer to a file_id Telegram no longer knows), "drop" (connection closed with no
        answer, nothing processed) and "slow" (processed, answered after ``delay``).
        Faults apply in the order they were injected.
        """
        fault = Fault(method, kind, times, retry_after, delay, chat_id, description)
        self._faults.append(fault)
        return fault

    def revoke_token(self, revoked: bool = True) -> None:
        """Answer every call with 401 Unauthorized, as Telegram does once @BotFather
        revoked the token (``revoked=False`` makes the token work again)."""
        self._revoked = revoked

    def clear_faults(self) -> None:
        """Drop every scripted fault, spent or not."""
        self._faults.clear()

    @property
    def faults(self) -> list[Fault]:
        """Scripted faults in order, with how often each has fired."""
        return list(self._faults)

    def enforce_rate_limits(
        self,
        global_per_second: float | None = 30,
        per_chat_per_second: float | None = 1.0,
        per_group_per_minute: int | None = 20,
    ) -> None:
        """Answer sends beyond Telegram's flood limits with real 429s (``None`` disables one)."""
        self._world.rate_limiter = RateLimiter(
            global_per_second=global_per_second,
            per_chat_per_second=per_chat_per_second,
            per_group_per_minute=per_group_per_minute,
            clock=self._clock,
        )

    def disable_rate_limits(self) -> None:
        """Stop enforcing flood limits (the default)."""
        self._world.rate_limiter = None

    # ================================================================= waiting

    async def _wait_for(
        self, check: Callable[[], T | None], timeout: float, describe: Callable[[], str]
    ) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._changed
            result = check()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(describe())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _diagnose(self, chat_id: int | None) -> str:
        """What the bot did and did not do, so a timeout explains itself."""
        lines: list[str] = []
        if chat_id is not None:
            state = self._world.chats.get(chat_id)
            sent = state.sent if state is not None else []
            lines.append(f"bot messages in chat {chat_id} (marker seq={self._marker}):")
            lines += [f"  seq={m.seq} {m!r}" for m in sent[-10:]] or ["  (none)"]
            if state is not None and state.hidden_by_privacy:
                lines.append(
                    f"  {state.hidden_by_privacy} group message(s) were not delivered "
                    "because of privacy mode"
                )
        unfetched = [u for u in self._world.updates if u["update_id"] not in self._world.fetched]
        if unfetched:
            lines.append(f"{len(unfetched)} update(s) not yet fetched by the bot's getUpdates")
        if not self.requests_for("getUpdates"):
            lines.append("the bot has never called getUpdates")
        failures = [r for r in self.requests[self._request_marker :] if r.status != 200]
        for request in failures[-5:]:
            lines.append(f"failed call: {request.method} -> {request.status} {request.description}")
        return "\n".join(lines)

    async def wait_for_message(
        self,
        chat: ChatRef,
        predicate: MessagePredicate | None = None,
        timeout: float = 5.0,
        after: int | None = None,
    ) -> SentMessage:
        """First bot message in ``chat`` sent after the marker (or seq ``after``) that matches."""
        messages = await self.wait_for_messages(chat, 1, predicate, timeout, after)
        return messages[0]

    async def wait_for_messages(
        self,
        chat: ChatRef,
        count: int,
        predicate: MessagePredicate | None = None,
        timeout: float = 5.0,
        after: int | None = None,
    ) -> list[SentMessage]:
        """The first ``count`` matching bot messages in ``chat`` after the marker."""
        chat_id = self._chat_id(chat)
        since = self._marker if after is None else after

        def check() -> list[SentMessage] | None:
            state = self._world.chats.get(chat_id)
            if state is None:
                return None
            found = [m for m in state.sent if m.seq > since and (predicate is None or predicate(m))]
            return found[:count] if len(found) >= count else None

        return await self._wait_for(
            check,
            timeout,
            lambda: (
                f"expected {count} matching bot message(s) in chat {chat_id} within "
                f"{timeout}s\n{self._diagnose(chat_id)}"
            ),
        )

    async def wait_for_edit(
        self,
        message: SentMessage,
        predicate: MessagePredicate | None = None,
        timeout: float = 5.0,
    ) -> SentMessage:
        """Return ``message`` once it was edited after the marker (and matches)."""
        since = self._marker

        def check() -> SentMessage | None:
            edited = any(edit.seq > since for edit in message.edits)
            if edited and (predicate is None or predicate(message)):
                return message
            return None

        return await self._wait_for(
            check,
            timeout,
            lambda: (
                f"message {message!r} was not edited within {timeout}s; edits: "
                f"{[e.plain_text for e in message.edits]}\n{self._diagnose(message.chat_id)}"
            ),
        )

    async def wait_for_callback_answer(
        self, query: str | JSONDict, timeout: float = 5.0
    ) -> CallbackAnswer:
        """The bot's answerCallbackQuery for a pressed button (id or the press's Update)."""
        query_id = query if isinstance(query, str) else str(query["callback_query"]["id"])

        def check() -> CallbackAnswer | None:
            return next(
                (a for a in self._world.callback_answers if a.callback_query_id == query_id),
                None,
            )

        return await self._wait_for(
            check,
            timeout,
            lambda: (
                f"callback query {query_id} was not answered within {timeout}s\n"
                + self._diagnose(None)
            ),
        )

    async def wait_for_request(
        self,
        method: str,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        timeout: float = 5.0,
    ) -> RecordedRequest:
        """First call of ``method`` after the marker that has been answered (and matches)."""
        since = self._request_marker
        wanted = method.lower()

        def check() -> RecordedRequest | None:
            return next(
                (
                    r
                    for r in self.requests[since:]
                    if r.method.lower() == wanted
                    and (r.status is not None or r.fault == "drop")
                    and (predicate is None or predicate(r))
                ),
                None,
            )

        return await self._wait_for(
            check,
            timeout,
            lambda: f"no answered {method} call within {timeout}s\n{self._diagnose(None)}",
        )

    async def wait_until_consumed(
        self, update: JSONDict | int, timeout: float = 5.0, confirmed: bool = False
    ) -> None:
        """Return once getUpdates handed ``update`` to the bot (or confirmed it by offset)."""
        update_id = update if isinstance(update, int) else update.get("update_id")
        if update_id is None:
            raise ValueError("this update was never delivered (group privacy mode)")

        def check() -> bool | None:
            return True if self._world.consumed(update_id, confirmed=confirmed) else None

        await self._wait_for(
            check,
            timeout,
            lambda: (
                f"update {update_id} was not consumed within {timeout}s\n" + self._diagnose(None)
            ),
        )

    async def wait_for_poll(self, timeout: float = 5.0) -> None:
        """Return once the bot is parked in a long poll, i.e. ready to receive updates."""

        def check() -> bool | None:
            return True if self._waiting_polls > 0 else None

        await self._wait_for(
            check,
            timeout,
            lambda: f"no getUpdates long poll within {timeout}s\n{self._diagnose(None)}",
        )

    async def wait_idle(self, quiet: float | None = None, timeout: float = 5.0) -> None:
        """Return once every update was fetched and handled and no call came for ``quiet`` s.

        Without :attr:`busy` the emulator cannot see the bot's own work between two calls,
        so it waits for 0.3 s of silence; with it (the test harness reports when the
        Application is processing an update) a short silence is enough: 0.05 s covers what
        a handler starts in the background.
        """
        if quiet is None:
            quiet = 0.05 if self.busy is not None else 0.3
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            idle_for = time.monotonic() - self._last_activity
            unfetched = any(u["update_id"] not in self._world.fetched for u in self._world.updates)
            working = self._inflight > 0 or unfetched or (self.busy is not None and self.busy())
            if not working and idle_for >= quiet:
                return
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"bot not idle after {timeout}s: {self._inflight} call(s) in flight, "
                    f"last activity {idle_for:.2f}s ago, unfetched updates: {unfetched}"
                )
            step = quiet - idle_for if not working else 0.01
            await asyncio.sleep(max(min(step, remaining), 0.005))

    async def ask(
        self, user: EmuUser, text: str, chat: EmuChat | None = None, timeout: float = 5.0
    ) -> SentMessage:
        """Send ``text`` as ``user`` and return the bot's first reply in that chat."""
        self.send_text(user, text, chat=chat)
        return await self.wait_for_message(chat or self.private_chat(user), timeout=timeout)
