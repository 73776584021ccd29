"""The emulated Telegram world: users, chats, messages, files and the update queue.

It is deliberately synchronous and free of I/O: the HTTP layer (``_server``) and the Bot
API methods (``_methods``) both operate on one :class:`World`, and tests can reason about
it without an event loop.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ._models import (
    CallbackAnswer,
    EmuChat,
    EmulatorStats,
    EmuUser,
    JSONDict,
    SentMessage,
    StoredFile,
)
from ._ratelimit import RateLimiter

__all__ = ["ChatState", "UserMessage", "World"]

# Update types Telegram leaves out unless they are asked for explicitly.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@([A-Za-z0-9_]{3,32}))?(?![\w/<>])")
GROUP_ANONYMOUS_BOT = EmuUser(
    id=1087968824, first_name="Group", username="GroupAnonymousBot", is_bot=True
)


@dataclass
class UserMessage:
    """A message a user sent (as injected by a test)."""

    message_id: int
    chat_id: int
    from_id: int | None
    data: JSONDict
    deleted: bool = False


@dataclass
class ChatState:
    """Everything the emulator tracks about one chat."""

    chat: EmuChat
    known: bool = False  # private: the user wrote to the bot; group: the bot was a member
    blocked: bool = False
    bot_status: str = "left"
    migrated_to: int | None = None
    members: dict[int, str] = field(default_factory=dict)
    messages: dict[int, SentMessage | UserMessage] = field(default_factory=dict)
    sent: list[SentMessage] = field(default_factory=list)
    menu_button: JSONDict | None = None
    hidden_by_privacy: int = 0
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1), init=False, repr=False)

    def new_message_id(self) -> int:
        return next(self._ids)

    @property
    def kind(self) -> str:
        """Word Telegram uses in its errors: "group" or "supergroup"."""
        return "supergroup" if self.chat.type == "supergroup" else "group"


@dataclass
class CallbackQueryState:
    created: float
    chat_id: int
    message_id: int
    user_id: int
    answered: bool = False


class World:
    """The state behind one emulated bot."""

    def __init__(
        self,
        bot: EmuUser,
        *,
        group_privacy: bool,
        strict_html_entities: bool,
        callback_query_ttl: float,
        clock: Callable[[], float],
    ) -> None:
        self.bot = bot
        self.group_privacy = group_privacy
        self.strict_html_entities = strict_html_entities
        self.callback_query_ttl = callback_query_ttl
        self.clock = clock
        self.users: dict[int, EmuUser] = {bot.id: bot}
        self.chats: dict[int, ChatState] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.updates: list[JSONDict] = []
        self.next_update_id = 700_000_001
        self.fetched: set[int] = set()
        self.confirmed_below = 0
        self.allowed_updates: frozenset[str] | None = None
        self.callback_queries: dict[str, CallbackQueryState] = {}
        self.callback_answers: list[CallbackAnswer] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.bot_properties: dict[str, str] = {}
        self.default_menu_button: JSONDict = {"type": "commands"}
        self.webhook: JSONDict | None = None
        self.sent: list[SentMessage] = []
        self.seq = 0
        self.stats = EmulatorStats()
        self.rate_limiter: RateLimiter | None = None
        self._file_counter = itertools.count(1)

    # ----------------------------------------------------------------- bookkeeping

    def next_seq(self) -> int:
        """Monotonic counter ordering bot output against test markers."""
        self.seq += 1
        return self.seq

    def now(self) -> int:
        return int(time.time())

    def add_user(self, user: EmuUser) -> EmuUser:
        self.users[user.id] = user
        return user

    def chat_state(self, chat: EmuChat) -> ChatState:
        state = self.chats.get(chat.id)
        if state is None:
            state = self.chats[chat.id] = ChatState(chat)
        return state

    def seen_in_groups(self, user_id: int) -> bool:
        """Whether the bot met this user in a group (so it knows them, but has no chat)."""
        return any(
            state.known and user_id in state.members
            for state in self.chats.values()
            if state.chat.type != "private"
        )

    def store_file(
        self,
        content: bytes,
        kind: str,
        *,
        file_name: str | None,
        mime_type: str | None,
        width: int | None = None,
        height: int | None = None,
    ) -> StoredFile:
        """Keep uploaded bytes under a fresh file_id and a downloadable file_path."""
        number = next(self._file_counter)
        if kind == "photo":
            file_id = f"AgACAgIAAxkB{number:06d}{secrets.token_urlsafe(18)}"
            file_path = f"photos/file_{number}.jpg"
            stored_kind: Any = "photo"
        else:
            file_id = f"BQACAgIAAxkB{number:06d}{secrets.token_urlsafe(18)}"
            suffix = ""
            if file_name and "." in file_name:
                ext = file_name.rsplit(".", 1)[1]
                if ext.isalnum() and len(ext) <= 8:
                    suffix = "." + ext.lower()
            file_path = f"documents/file_{number}{suffix}"
            stored_kind = "document"
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=f"AgAD{secrets.token_urlsafe(9)}",
            content=content,
            kind=stored_kind,
            file_path=file_path,
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self.files[file_id] = stored
        self.files_by_path[file_path] = stored
        return stored

    # ----------------------------------------------------------------- API objects

    def bot_api(self, bot_id: int | None = None) -> JSONDict:
        data = self.bot.to_api()
        if bot_id is not None:
            data["id"] = bot_id
        return data

    def message_api(self, message: SentMessage, *, with_reply: bool = True) -> JSONDict:
        """The Message object Telegram returns for a bot message in its current state."""
        state = self.chats[message.chat_id]
        data: JSONDict = {
            "message_id": message.message_id,
            "from": self.bot_api(),
            "chat": state.chat.to_api(),
            "date": message.date,
        }
        if message.text is not None:
            data["text"] = message.plain_text
            if message.entities:
                data["entities"] = message.entities
        if message.document is not None:
            data["document"] = message.document.document_api()
        if message.photo is not None:
            data["photo"] = message.photo.photo_api()
        if message.caption is not None and message.plain_text:
            data["caption"] = message.plain_text
            if message.entities:
                data["caption_entities"] = message.entities
        if message.reply_markup and message.inline_keyboard():
            data["reply_markup"] = {"inline_keyboard": message.inline_keyboard()}
        if message.edits:
            data["edit_date"] = int(message.edits[-1].at)
        if with_reply and message.reply_to_message_id is not None:
            replied = state.messages.get(message.reply_to_message_id)
            if replied is not None:
                data["reply_to_message"] = self.any_message_api(replied, with_reply=False)
        return data

    def any_message_api(
        self, message: SentMessage | UserMessage, *, with_reply: bool = True
    ) -> JSONDict:
        if isinstance(message, SentMessage):
            return self.message_api(message, with_reply=with_reply)
        if with_reply:
            return message.data
        return {k: v for k, v in message.data.items() if k != "reply_to_message"}

    def member_api(self, user: EmuUser, status: str) -> JSONDict:
        """A ChatMember object of the right subtype for ``status``."""
        data: JSONDict = {"status": status, "user": user.to_api()}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(
                can_be_edited=False,
                is_anonymous=False,
                can_manage_chat=True,
                can_delete_messages=True,
                can_manage_video_chats=True,
                can_restrict_members=True,
                can_promote_members=False,
                can_change_info=True,
                can_invite_users=True,
                can_post_stories=False,
                can_edit_stories=False,
                can_delete_stories=False,
                can_pin_messages=True,
            )
        elif status == "kicked":
            data["until_date"] = 0
        return data

    # ----------------------------------------------------------------- update queue

    def enqueue(self, kind: str, payload: JSONDict) -> JSONDict:
        update: JSONDict = {"update_id": self.next_update_id, kind: payload}
        self.next_update_id += 1
        self.updates.append(update)
        return update

    def set_allowed_updates(self, allowed: list[str]) -> None:
        self.allowed_updates = frozenset(allowed) if allowed else None

    def _allowed(self, update: JSONDict) -> bool:
        kind = next((k for k in update if k != "update_id"), "")
        if self.allowed_updates is None:
            return kind not in _OPT_IN_UPDATES
        return kind in self.allowed_updates

    def confirm(self, offset: int | None) -> None:
        """Apply getUpdates' ``offset``: forget everything before it (negative: keep the tail)."""
        if offset is None or offset == 0:
            return
        if offset < 0:
            dropped = self.updates[:offset] if -offset < len(self.updates) else []
            self.updates = self.updates[len(dropped) :]
            for update in dropped:
                self.confirmed_below = max(self.confirmed_below, update["update_id"] + 1)
            return
        self.confirmed_below = max(self.confirmed_below, offset)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def pending(self, limit: int) -> list[JSONDict]:
        """Unconfirmed updates the bot may receive; disallowed types are discarded for good."""
        kept = [u for u in self.updates if self._allowed(u)]
        self.updates = kept
        return kept[:limit]

    def consumed(self, update_id: int, *, confirmed: bool) -> bool:
        if update_id < self.confirmed_below:
            return True
        return not confirmed and update_id in self.fetched

    # ----------------------------------------------------------------- injection

    def _new_user_message(
        self, state: ChatState, user: EmuUser, body: JSONDict, reply_to: JSONDict | None = None
    ) -> JSONDict:
        message: JSONDict = {
            "message_id": state.new_message_id(),
            "from": user.to_api(),
            "chat": state.chat.to_api(),
            "date": self.now(),
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(body)
        state.messages[message["message_id"]] = UserMessage(
            message["message_id"], state.chat.id, user.id, message
        )
        return message

    def prepare_user_chat(self, user: EmuUser, chat: EmuChat | None) -> ChatState:
        """Resolve where a user writes and check that the bot can actually see it."""
        if user.id not in self.users:
            self.add_user(user)
        if chat is None:
            chat = EmuChat(user.id, "private", user=user)
        state = self.chat_state(chat)
        if chat.type == "private":
            if state.blocked:
                raise RuntimeError(
                    f"user {user.id} has blocked the bot; call unblock_bot() before writing"
                )
            state.known = True
            state.bot_status = "member"
            state.members.setdefault(user.id, "member")
        else:
            if state.migrated_to is not None:
                raise RuntimeError(
                    f"group {chat.id} was migrated to {state.migrated_to}; write there instead"
                )
            if state.bot_status not in ("member", "administrator"):
                raise RuntimeError(
                    f"the bot is not a member of group {chat.id}; call add_bot_to_group() first"
                )
            state.members.setdefault(user.id, "member")
        return state

    def reply_payload(self, state: ChatState, reply_to: SentMessage | JSONDict | int) -> JSONDict:
        if isinstance(reply_to, SentMessage):
            message_id = reply_to.message_id
        elif isinstance(reply_to, dict):
            inner = reply_to.get("message", reply_to)
            message_id = int(inner["message_id"])
        else:
            message_id = reply_to
        target = state.messages.get(message_id)
        if target is None:
            raise LookupError(f"no message {message_id} in chat {state.chat.id} to reply to")
        return self.any_message_api(target, with_reply=False)

    def visible_to_bot(self, state: ChatState, text: str, reply_to: JSONDict | None) -> bool:
        """Group privacy mode: which group messages Telegram forwards to the bot."""
        if state.chat.type == "private" or not self.group_privacy:
            return True
        if state.bot_status == "administrator":
            return True
        if reply_to is not None and reply_to.get("from", {}).get("id") == self.bot.id:
            return True
        match = _COMMAND_RE.match(text)
        if match is not None:
            target = match.group(1)
            if target is None or target.lower() == (self.bot.username or "").lower():
                return True
        return f"@{(self.bot.username or '').lower()}" in text.lower()

    def user_text(
        self,
        user: EmuUser,
        text: str,
        *,
        chat: EmuChat | None,
        reply_to: SentMessage | JSONDict | int | None,
        forward_from: EmuUser | None,
        entities: list[JSONDict] | None,
    ) -> JSONDict:
        state = self.prepare_user_chat(user, chat)
        reply = self.reply_payload(state, reply_to) if reply_to is not None else None
        body: JSONDict = {"text": text}
        found = list(entities or [])
        match = _COMMAND_RE.match(text)
        if match is not None and not found:
            found.append({"type": "bot_command", "offset": 0, "length": match.end()})
        if found:
            body["entities"] = found
        if forward_from is not None:
            body["forward_origin"] = {
                "type": "user",
                "sender_user": forward_from.to_api(),
                "date": self.now() - 60,
            }
        message = self._new_user_message(state, user, body, reply)
        if not self.visible_to_bot(state, text, reply):
            state.hidden_by_privacy += 1
            return {"update_id": None, "message": message}
        return self.enqueue("message", message)

    def user_file(
        self,
        user: EmuUser,
        stored: StoredFile,
        *,
        caption: str | None,
        chat: EmuChat | None,
    ) -> JSONDict:
        state = self.prepare_user_chat(user, chat)
        body: JSONDict = {}
        if stored.kind == "photo":
            body["photo"] = stored.photo_api()
        else:
            body["document"] = stored.document_api()
        if caption:
            body["caption"] = caption
        message = self._new_user_message(state, user, body)
        if not self.visible_to_bot(state, caption or "", None):
            state.hidden_by_privacy += 1
            return {"update_id": None, "message": message}
        return self.enqueue("message", message)

    def callback_query(self, user: EmuUser, message: SentMessage, data: str) -> JSONDict:
        state = self.chats[message.chat_id]
        if message.deleted:
            raise RuntimeError(f"message {message.message_id} was deleted; nothing to press")
        if state.chat.type == "private" and state.blocked:
            raise RuntimeError(f"user {user.id} has blocked the bot; call unblock_bot() first")
        query_id = str(secrets.randbits(63))
        self.callback_queries[query_id] = CallbackQueryState(
            created=self.clock(),
            chat_id=message.chat_id,
            message_id=message.message_id,
            user_id=user.id,
        )
        payload: JSONDict = {
            "id": query_id,
            "from": user.to_api(),
            "message": self.message_api(message),
            "chat_instance": str(abs(hash((self.bot.id, message.chat_id))) % 10**18),
            "data": data,
        }
        return self.enqueue("callback_query", payload)

    def member_update(
        self,
        state: ChatState,
        by_user: EmuUser,
        old_status: str,
        new_status: str,
    ) -> JSONDict:
        payload: JSONDict = {
            "chat": state.chat.to_api(),
            "from": by_user.to_api(),
            "date": self.now(),
            "old_chat_member": self.member_api(self.bot, old_status),
            "new_chat_member": self.member_api(self.bot, new_status),
        }
        return self.enqueue("my_chat_member", payload)

    def service_message(self, state: ChatState, by_user: EmuUser, body: JSONDict) -> JSONDict:
        message = self._new_user_message(state, by_user, body)
        return self.enqueue("message", message)

    def commands_for(self, user: EmuUser, chat: EmuChat | None) -> list[JSONDict]:
        """Resolve the command list a client would show, following Telegram's scope order."""
        lang = user.language_code or ""
        if chat is None or chat.type == "private":
            chat_id = chat.id if chat is not None else user.id
            scopes: list[JSONDict] = [
                {"type": "chat", "chat_id": chat_id},
                {"type": "all_private_chats"},
                {"type": "default"},
            ]
        else:
            status = self.chat_state(chat).members.get(user.id, "member")
            admin = status in ("creator", "administrator")
            scopes = [{"type": "chat_member", "chat_id": chat.id, "user_id": user.id}]
            if admin:
                scopes.append({"type": "chat_administrators", "chat_id": chat.id})
            scopes.append({"type": "chat", "chat_id": chat.id})
            if admin:
                scopes.append({"type": "all_chat_administrators"})
            scopes += [{"type": "all_group_chats"}, {"type": "default"}]
        for scope in scopes:
            for code in (lang, ""):
                commands = self.commands.get((scope_key(scope), code))
                if commands:
                    return commands
        return []


def scope_key(scope: JSONDict | None) -> str:
    """Canonical text for a BotCommandScope, used as the storage key."""
    if not scope:
        return "default"
    parts = [str(scope.get("type", "default"))]
    for name in ("chat_id", "user_id"):
        if name in scope:
            parts.append(f"{name}={scope[name]}")
    return ";".join(parts)
