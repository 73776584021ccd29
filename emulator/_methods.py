"""Bot API methods as pure functions of the :class:`~._state.World`.

Each method validates its parameters the way Telegram does and answers with the same
error texts, because bot code (and PTB) branch on them: ``BadRequest`` vs ``Forbidden``,
"message is not modified", ``retry_after``, ``migrate_to_chat_id``...
"""

from __future__ import annotations

import json
import re
import struct
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ._models import ApiError, CallbackAnswer, EditRecord, JSONDict, SentMessage, StoredFile
from ._models import UploadedPart as Part
from ._state import ChatState, UserMessage, World, scope_key
from ._text import (
    TextParseError,
    parse_html,
    parse_markdown,
    parse_markdown_v2,
    trim,
    utf16_len,
)

__all__ = ["BOT_API_METHODS", "BotApi", "Params", "decode_params"]

# Every method of Bot API 9.x, so that a real-but-unemulated method is told apart from a
# typo (Telegram answers 404 only for the latter).  Word lists below are kept as split
# strings on purpose: ~200 names read far better this way than as quoted list items.
BOT_API_METHODS = """
addStickerToSet answerCallbackQuery answerInlineQuery answerPreCheckoutQuery
answerShippingQuery answerWebAppQuery approveChatJoinRequest approveSuggestedPost
banChatMember banChatSenderChat close closeForumTopic closeGeneralForumTopic
convertGiftToStars copyMessage copyMessages createChatInviteLink
createChatSubscriptionInviteLink createForumTopic createInvoiceLink createNewStickerSet
declineChatJoinRequest declineSuggestedPost deleteBusinessMessages deleteChatPhoto
deleteChatStickerSet deleteForumTopic deleteMessage deleteMessages deleteMyCommands
deleteStickerFromSet deleteStickerSet deleteStory deleteWebhook editChatInviteLink
editChatSubscriptionInviteLink editForumTopic editGeneralForumTopic editMessageCaption
editMessageChecklist editMessageLiveLocation editMessageMedia editMessageReplyMarkup
editMessageText editStory editUserStarSubscription exportChatInviteLink forwardMessage
forwardMessages getAvailableGifts getBusinessAccountGifts getBusinessAccountStarBalance
getBusinessConnection getChat getChatAdministrators getChatGifts getChatMember
getChatMemberCount getChatMenuButton getCustomEmojiStickers getFile
getForumTopicIconStickers getGameHighScores getMe getMyCommands
getMyDefaultAdministratorRights getMyDescription getMyName getMyShortDescription
getMyStarBalance getStarTransactions getStickerSet getUpdates getUserChatBoosts
getUserGifts getUserProfilePhotos getWebhookInfo giftPremiumSubscription
hideGeneralForumTopic leaveChat logOut pinChatMessage postStory promoteChatMember
readBusinessMessage refundStarPayment removeBusinessAccountProfilePhoto
removeChatVerification removeUserVerification reopenForumTopic reopenGeneralForumTopic
replaceStickerInSet repostStory restrictChatMember revokeChatInviteLink
savePreparedInlineMessage sendAnimation sendAudio sendChatAction sendChecklist
sendContact sendDice sendDocument sendGame sendGift sendInvoice sendLocation
sendMediaGroup sendMessage sendMessageDraft sendPaidMedia sendPhoto sendPoll sendSticker
sendVenue sendVideo sendVideoNote sendVoice setBusinessAccountBio
setBusinessAccountGiftSettings setBusinessAccountName setBusinessAccountProfilePhoto
setBusinessAccountUsername setChatAdministratorCustomTitle setChatDescription
setChatMenuButton setChatPermissions setChatPhoto setChatStickerSet setChatTitle
setCustomEmojiStickerSetThumbnail setGameScore setMessageReaction setMyCommands
setMyDefaultAdministratorRights setMyDescription setMyName setMyShortDescription
setPassportDataErrors setStickerEmojiList setStickerKeywords setStickerMaskPosition
setStickerPositionInSet setStickerSetThumbnail setStickerSetTitle setUserEmojiStatus
setWebhook stopMessageLiveLocation stopPoll transferBusinessAccountStars transferGift
unbanChatMember unbanChatSenderChat unhideGeneralForumTopic unpinAllChatMessages
unpinAllForumTopicMessages unpinAllGeneralForumTopicMessages unpinChatMessage
upgradeGift uploadStickerFile verifyChat verifyUser
""".split()  # noqa: SIM905

# Parameters that are strings even when they look like numbers or JSON (PTB sends every
# string as-is and JSON-encodes everything else, so this is the only way to tell).
_STRING_FIELDS = frozenset(
    """text caption parse_mode callback_query_id inline_message_id file_id document photo
    audio video animation voice video_note sticker thumbnail action url language_code title
    description short_description name emoji query secret_token ip_address message_effect_id
    business_connection_id first_name last_name phone_number address question explanation
    custom_title invite_link payload currency start_parameter game_short_name
    custom_emoji_id quote quote_parse_mode web_app_query_id result_id""".split()  # noqa: SIM905
)
_RATE_LIMITED = frozenset(
    """sendMessage sendDocument sendPhoto sendAudio sendVideo sendAnimation sendVoice
    sendVideoNote sendSticker sendLocation sendVenue sendContact sendPoll sendDice
    sendMediaGroup copyMessage copyMessages forwardMessage forwardMessages""".split()  # noqa: SIM905
)
_CHAT_ACTIONS = frozenset(
    """typing upload_photo record_video upload_video record_voice upload_voice upload_document
    choose_sticker find_location record_video_note upload_video_note""".split()  # noqa: SIM905
)
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_SCOPE_TYPES = frozenset(
    """default all_private_chats all_group_chats all_chat_administrators chat
    chat_administrators chat_member""".split()  # noqa: SIM905
)
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")
_JSONISH = re.compile(r"[\[{]|-?\d+(\.\d+)?$|true$|false$|null$")

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_TEXT_LIMIT = 200
DOCUMENT_LIMIT = 50 * 1024 * 1024
PHOTO_LIMIT = 10 * 1024 * 1024
DOWNLOAD_LIMIT = 20 * 1024 * 1024

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_WRONG_FILE = "Bad Request: wrong file identifier/HTTP URL specified"


def bad_request(text: str, parameters: JSONDict | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {text}", parameters)


def decode_params(raw: dict[str, Any]) -> JSONDict:
    """Turn form values back into the JSON values PTB encoded (strings stay strings)."""
    decoded: JSONDict = {}
    for name, value in raw.items():
        if isinstance(value, str) and name not in _STRING_FIELDS and _JSONISH.match(value):
            try:
                decoded[name] = json.loads(value)
                continue
            except ValueError:
                pass
        decoded[name] = value
    return decoded


class Params:
    """Typed, validating access to one request's decoded parameters and uploaded files."""

    def __init__(self, data: JSONDict, files: dict[str, Part]) -> None:
        self.data = data
        self.files = files

    def raw(self, name: str) -> Any:
        return self.data.get(name)

    def str_(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if isinstance(value, str) else str(value)

    def int_(self, name: str) -> int | None:
        value = self.data.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return int(str(value))
        except ValueError:
            raise bad_request(f'field "{name}" must be of type Integer') from None

    def float_(self, name: str) -> float | None:
        value = self.data.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f'field "{name}" must be of type Number') from None

    def bool_(self, name: str) -> bool:
        value = self.data.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def json_(self, name: str) -> Any:
        value = self.data.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def chat_id(self) -> int | str:
        value = self.data.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value)
        if text.startswith("@"):
            return text
        try:
            return int(text)
        except ValueError:
            raise bad_request("chat not found") from None


def _image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG/JPEG/GIF/BMP/WebP, or ``None`` if it is not an image."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        width, height = struct.unpack("<HH", content[6:10])
        return int(width), int(height)
    if content.startswith(b"BM") and len(content) >= 26:
        width, height = struct.unpack("<ii", content[18:26])
        return abs(int(width)), abs(int(height))
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return 512, 512
    if content.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(content):
            if content[i] != 0xFF:
                i += 1
                continue
            marker = content[i + 1]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", content[i + 5 : i + 9])
                return int(width), int(height)
            (length,) = struct.unpack(">H", content[i + 2 : i + 4])
            i += 2 + int(length)
    return None


def _normal_markup(markup: JSONDict | None) -> JSONDict | None:
    """Only inline keyboards stay attached to a message; an empty one is no keyboard."""
    if not markup:
        return None
    rows = markup.get("inline_keyboard")
    if not rows or not any(rows):
        return None
    return {"inline_keyboard": rows}


class BotApi:
    """Dispatches a Bot API method name to its implementation."""

    def __init__(self, world: World) -> None:
        self.world = world
        # The bot id from the token of the request being served (any token is accepted).
        self.current_bot_id: int | None = None
        self.handlers: dict[str, Callable[[Params], Any]] = {
            "getme": self.get_me,
            "logout": self.true,
            "close": self.true,
            "setwebhook": self.set_webhook,
            "deletewebhook": self.delete_webhook,
            "getwebhookinfo": self.get_webhook_info,
            "setmycommands": self.set_my_commands,
            "getmycommands": self.get_my_commands,
            "deletemycommands": self.delete_my_commands,
            "setchatmenubutton": self.set_chat_menu_button,
            "getchatmenubutton": self.get_chat_menu_button,
            "setmydescription": self.set_bot_property("description"),
            "setmyshortdescription": self.set_bot_property("short_description"),
            "setmyname": self.set_bot_property("name"),
            "getmydescription": self.get_bot_property("description"),
            "getmyshortdescription": self.get_bot_property("short_description"),
            "getmyname": self.get_bot_property("name"),
            "sendmessage": self.send_message,
            "senddocument": self.send_document,
            "sendphoto": self.send_photo,
            "editmessagetext": self.edit_message_text,
            "editmessagecaption": self.edit_message_caption,
            "editmessagereplymarkup": self.edit_message_reply_markup,
            "deletemessage": self.delete_message,
            "deletemessages": self.delete_messages,
            "answercallbackquery": self.answer_callback_query,
            "getfile": self.get_file,
            "sendchataction": self.send_chat_action,
            "getchat": self.get_chat,
            "leavechat": self.leave_chat,
            "getchatmember": self.get_chat_member,
            "getchatadministrators": self.get_chat_administrators,
            "getchatmembercount": self.get_chat_member_count,
            "pinchatmessage": self.pin_chat_message,
            "unpinchatmessage": self.unpin_chat_message,
            "unpinallchatmessages": self.unpin_all_chat_messages,
        }

    # ----------------------------------------------------------------- shared checks

    def chat(self, p: Params, *, send: bool) -> ChatState:
        """Resolve ``chat_id`` and refuse chats the bot cannot reach, with Telegram's errors."""
        chat_id = p.chat_id()
        state = self.world.chats.get(chat_id) if isinstance(chat_id, int) else None
        if state is None or (state.chat.type == "private" and not state.known):
            if isinstance(chat_id, int) and self.world.seen_in_groups(chat_id):
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if state.chat.type == "private":
            if send and state.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return state
        if state.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": state.migrated_to},
            )
        if not state.known:
            raise bad_request("chat not found")
        if state.bot_status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {state.kind} chat")
        if state.bot_status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {state.kind} chat")
        return state

    def flood_check(self, method: str, state: ChatState) -> None:
        limiter = self.world.rate_limiter
        if limiter is None or method not in _RATE_LIMITED:
            return
        retry_after = limiter.acquire(state.chat.id)
        if retry_after:
            self.world.stats.rate_limited += 1
            raise ApiError(
                429,
                f"Too Many Requests: retry after {retry_after}",
                {"retry_after": retry_after},
            )

    def formatted(
        self, p: Params, field: str, *, limit: int, too_long: str, required: bool
    ) -> tuple[str | None, str, list[JSONDict], str | None]:
        """Validate text or caption: returns (raw, plain, entities, parse_mode)."""
        raw = p.str_(field)
        if raw is None or raw == "":
            if required:
                raise bad_request("message text is empty")
            return None, "", [], None
        mode_value = (p.str_("parse_mode") or "").strip()
        mode = {"html": "HTML", "markdown": "Markdown", "markdownv2": "MarkdownV2", "": None}.get(
            mode_value.lower(), "invalid"
        )
        if mode == "invalid":
            raise bad_request("unsupported parse_mode")
        entities: list[JSONDict]
        try:
            if mode == "HTML":
                strict = self.world.strict_html_entities
                plain, entities = parse_html(raw, strict_ampersand=strict)
            elif mode == "MarkdownV2":
                plain, entities = parse_markdown_v2(raw)
            elif mode == "Markdown":
                plain, entities = parse_markdown(raw)
            else:
                plain = raw
                explicit = p.json_("entities" if field == "text" else "caption_entities")
                entities = explicit if isinstance(explicit, list) else []
        except TextParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
        plain, entities = trim(plain, entities)
        if not plain:
            if required:
                raise bad_request("message text is empty")
            return None, "", [], mode
        if utf16_len(plain) > limit:
            raise bad_request(too_long)
        return raw, plain, entities, mode

    def reply_markup(self, p: Params, *, inline_only: bool = False) -> JSONDict | None:
        value = p.json_("reply_markup")
        if value is None:
            return None
        if not isinstance(value, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in value:
            self.check_inline_keyboard(value["inline_keyboard"])
            return value
        if inline_only:
            raise bad_request("inline keyboard expected")
        if not any(key in value for key in ("keyboard", "remove_keyboard", "force_reply")):
            raise bad_request("can't parse reply keyboard markup JSON object")
        return value

    @staticmethod
    def check_inline_keyboard(rows: Any) -> None:
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse reply keyboard markup JSON object")
        buttons = [button for row in rows for button in row]
        if len(buttons) > 100:
            raise bad_request("reply markup is too long")
        for button in buttons:
            if not isinstance(button, dict):
                raise bad_request("can't parse inline keyboard button: Object expected")
            if not isinstance(button.get("text"), str):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if not any(action in button for action in _BUTTON_ACTIONS):
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button:
                url = str(button["url"])
                parts = urlsplit(url)
                valid = parts.scheme == "tg" or (
                    parts.scheme in ("http", "https") and "." in (parts.hostname or "")
                )
                if not valid:
                    raise bad_request(
                        f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL"
                    )

    def reply_to(self, p: Params, state: ChatState) -> int | None:
        params = p.json_("reply_parameters")
        allow = p.bool_("allow_sending_without_reply")
        message_id: int | None = None
        if isinstance(params, dict):
            message_id = params.get("message_id")
            allow = allow or bool(params.get("allow_sending_without_reply"))
            if params.get("chat_id") not in (None, state.chat.id):
                raise bad_request("replying to messages in other chats is not emulated")
        elif params is not None:
            raise bad_request("can't parse reply parameters JSON object")
        else:
            message_id = p.int_("reply_to_message_id")
        if message_id is None:
            return None
        target = state.messages.get(int(message_id))
        if target is None or target.deleted:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return int(message_id)

    def upload(self, p: Params, field: str, kind: str) -> StoredFile:
        """The file for ``field``: a multipart upload, an ``attach://`` part or a file_id."""
        value = p.str_(field)
        part = p.files.get(field)
        if value and value.startswith("attach://"):
            part = p.files.get(value[len("attach://") :])
            if part is None:
                raise bad_request(_WRONG_FILE[len("Bad Request: ") :])
        if part is not None:
            if not part.content:
                raise bad_request("file must be non-empty")
            if len(part.content) > (PHOTO_LIMIT if kind == "photo" else DOCUMENT_LIMIT):
                raise ApiError(413, "Request Entity Too Large")
            width = height = None
            if kind == "photo":
                size = _image_size(part.content)
                if size is None:
                    raise bad_request("IMAGE_PROCESS_FAILED")
                width, height = size
                if width + height > 10000 or min(width, height) == 0:
                    raise bad_request("PHOTO_INVALID_DIMENSIONS")
                if max(width, height) / min(width, height) > 20:
                    raise bad_request("PHOTO_INVALID_DIMENSIONS")
            return self.world.store_file(
                part.content,
                kind,
                file_name=part.filename,
                mime_type=part.content_type,
                width=width,
                height=height,
            )
        if not value:
            raise bad_request(f"there is no {kind} in the request")
        if value.startswith(("http://", "https://")):
            raise bad_request("failed to get HTTP URL content")
        stored = self.world.files.get(value)
        if stored is None:
            raise bad_request(_WRONG_FILE[len("Bad Request: ") :])
        if stored.kind != kind:
            raise bad_request("type of file mismatch")
        return stored

    def store_sent(self, state: ChatState, method: str, p: Params, **fields: Any) -> JSONDict:
        message = SentMessage(
            message_id=state.new_message_id(),
            chat_id=state.chat.id,
            method=method,
            date=self.world.now(),
            seq=self.world.next_seq(),
            params=dict(p.data),
            **fields,
        )
        state.messages[message.message_id] = message
        state.sent.append(message)
        self.world.sent.append(message)
        self.world.stats.sent_ok += 1
        return self.world.message_api(message)

    def bot_message(self, p: Params, *, action: str = "edit") -> tuple[ChatState, SentMessage]:
        if p.raw("inline_message_id") is not None:
            raise bad_request("MESSAGE_ID_INVALID")
        state = self.chat(p, send=True)
        message_id = p.int_("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        message = state.messages.get(message_id)
        if message is None or message.deleted:
            raise bad_request(f"message to {action} not found")
        if isinstance(message, UserMessage):
            raise bad_request("message can't be edited")
        return state, message

    def record_edit(self, message: SentMessage, method: str) -> JSONDict:
        message.edits.append(
            EditRecord(
                seq=self.world.next_seq(),
                at=time.time(),
                method=method,
                text=message.text,
                caption=message.caption,
                parse_mode=message.parse_mode,
                plain_text=message.plain_text,
                reply_markup=message.reply_markup,
            )
        )
        self.world.stats.edits_ok += 1
        return self.world.message_api(message)

    # ----------------------------------------------------------------- bot & webhook

    @staticmethod
    def true(p: Params) -> bool:
        return True

    def get_me(self, p: Params) -> JSONDict:
        data = self.world.bot_api(self.current_bot_id)
        data.update(
            can_join_groups=True,
            can_read_all_group_messages=not self.world.group_privacy,
            supports_inline_queries=False,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
        return data

    def set_webhook(self, p: Params) -> bool:
        url = p.str_("url") or ""
        if not url:
            self.world.webhook = None
            return True
        if not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if p.bool_("drop_pending_updates"):
            self.world.updates.clear()
        self.world.webhook = {"url": url, "max_connections": p.int_("max_connections") or 40}
        return True

    def delete_webhook(self, p: Params) -> bool:
        self.world.webhook = None
        if p.bool_("drop_pending_updates"):
            self.world.updates.clear()
        return True

    def get_webhook_info(self, p: Params) -> JSONDict:
        webhook = self.world.webhook or {}
        return {
            "url": webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.world.updates),
            **({"max_connections": webhook["max_connections"]} if webhook else {}),
        }

    def _command_key(self, p: Params) -> tuple[str, str]:
        scope = p.json_("scope")
        if scope is not None and (
            not isinstance(scope, dict) or scope.get("type") not in _SCOPE_TYPES
        ):
            raise bad_request("can't parse BotCommandScope JSON object")
        language = p.str_("language_code") or ""
        if language and not _LANGUAGE_CODE.fullmatch(language):
            raise bad_request("invalid language code specified")
        return scope_key(scope), language

    def set_my_commands(self, p: Params) -> bool:
        commands = p.json_("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JSONDict] = []
        for item in commands:
            if not isinstance(item, dict):
                raise bad_request("can't parse BotCommand JSON object")
            command, description = item.get("command"), item.get("description")
            if not isinstance(command, str) or not _COMMAND_NAME.fullmatch(command):
                raise bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not description.strip():
                raise bad_request("command description must be non-empty")
            if len(description) > 256:
                raise bad_request("command description is too long")
            cleaned.append({"command": command, "description": description})
        key = self._command_key(p)
        if cleaned:
            self.world.commands[key] = cleaned
        else:
            self.world.commands.pop(key, None)
        return True

    def get_my_commands(self, p: Params) -> list[JSONDict]:
        return list(self.world.commands.get(self._command_key(p), []))

    def delete_my_commands(self, p: Params) -> bool:
        self.world.commands.pop(self._command_key(p), None)
        return True

    def set_chat_menu_button(self, p: Params) -> bool:
        button = p.json_("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "commands",
            "web_app",
            "default",
        ):
            raise bad_request("can't parse menu button JSON object")
        if button["type"] == "web_app":
            web_app = button.get("web_app")
            url = web_app.get("url", "") if isinstance(web_app, dict) else ""
            if not button.get("text") or not str(url).startswith("https://"):
                raise bad_request("BUTTON_URL_INVALID")
        if p.raw("chat_id") is None:
            self.world.default_menu_button = button
            return True
        state = self.chat(p, send=False)
        if state.chat.type != "private":
            raise bad_request("menu button can be set only in private chats")
        state.menu_button = button
        return True

    def get_chat_menu_button(self, p: Params) -> JSONDict:
        if p.raw("chat_id") is None:
            return self.world.default_menu_button
        state = self.chat(p, send=False)
        return state.menu_button or self.world.default_menu_button

    def set_bot_property(self, name: str) -> Callable[[Params], bool]:
        def handler(p: Params) -> bool:
            language = p.str_("language_code") or ""
            self.world.bot_properties[f"{name}:{language}"] = p.str_(name) or ""
            return True

        return handler

    def get_bot_property(self, name: str) -> Callable[[Params], JSONDict]:
        def handler(p: Params) -> JSONDict:
            language = p.str_("language_code") or ""
            value = self.world.bot_properties.get(f"{name}:{language}")
            if value is None and name == "name":
                value = self.world.bot.first_name
            return {name: value or ""}

        return handler

    # ----------------------------------------------------------------- sending

    def send_message(self, p: Params) -> JSONDict:
        state = self.chat(p, send=True)
        raw, plain, entities, mode = self.formatted(
            p, "text", limit=TEXT_LIMIT, too_long="message is too long", required=True
        )
        markup = self.reply_markup(p)
        reply_to = self.reply_to(p, state)
        self.flood_check("sendMessage", state)
        return self.store_sent(
            state,
            "sendMessage",
            p,
            text=raw,
            parse_mode=mode,
            plain_text=plain,
            entities=entities,
            reply_markup=markup,
            reply_to_message_id=reply_to,
        )

    def _send_media(self, p: Params, method: str, kind: str) -> JSONDict:
        state = self.chat(p, send=True)
        raw, plain, entities, mode = self.formatted(
            p,
            "caption",
            limit=CAPTION_LIMIT,
            too_long="message caption is too long",
            required=False,
        )
        markup = self.reply_markup(p)
        reply_to = self.reply_to(p, state)
        stored = self.upload(p, kind, kind)
        self.flood_check(method, state)
        return self.store_sent(
            state,
            method,
            p,
            caption=raw,
            parse_mode=mode,
            plain_text=plain,
            entities=entities,
            reply_markup=markup,
            reply_to_message_id=reply_to,
            document=stored if kind == "document" else None,
            photo=stored if kind == "photo" else None,
        )

    def send_document(self, p: Params) -> JSONDict:
        return self._send_media(p, "sendDocument", "document")

    def send_photo(self, p: Params) -> JSONDict:
        return self._send_media(p, "sendPhoto", "photo")

    def send_chat_action(self, p: Params) -> bool:
        state = self.chat(p, send=True)
        action = p.str_("action") or ""
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.world.chat_actions.append((state.chat.id, action))
        return True

    # ----------------------------------------------------------------- editing

    def edit_message_text(self, p: Params) -> JSONDict:
        _, message = self.bot_message(p)
        raw, plain, entities, mode = self.formatted(
            p, "text", limit=TEXT_LIMIT, too_long="message is too long", required=True
        )
        markup = self.reply_markup(p, inline_only=True)
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        if (plain, entities, _normal_markup(markup)) == (
            message.plain_text,
            message.entities,
            _normal_markup(message.reply_markup),
        ):
            raise ApiError(400, _NOT_MODIFIED)
        message.text, message.parse_mode = raw, mode
        message.plain_text, message.entities = plain, entities
        message.reply_markup = markup  # omitting reply_markup removes the keyboard
        return self.record_edit(message, "editMessageText")

    def edit_message_caption(self, p: Params) -> JSONDict:
        _, message = self.bot_message(p)
        raw, plain, entities, mode = self.formatted(
            p,
            "caption",
            limit=CAPTION_LIMIT,
            too_long="message caption is too long",
            required=False,
        )
        markup = self.reply_markup(p, inline_only=True)
        if message.document is None and message.photo is None:
            raise bad_request("there is no caption in the message to edit")
        if (plain, entities, _normal_markup(markup)) == (
            message.plain_text,
            message.entities,
            _normal_markup(message.reply_markup),
        ):
            raise ApiError(400, _NOT_MODIFIED)
        message.caption, message.parse_mode = raw, mode
        message.plain_text, message.entities = plain, entities
        message.reply_markup = markup
        return self.record_edit(message, "editMessageCaption")

    def edit_message_reply_markup(self, p: Params) -> JSONDict:
        _, message = self.bot_message(p)
        markup = self.reply_markup(p, inline_only=True)
        if _normal_markup(markup) == _normal_markup(message.reply_markup):
            raise ApiError(400, _NOT_MODIFIED)
        message.reply_markup = markup
        return self.record_edit(message, "editMessageReplyMarkup")

    def _delete(self, state: ChatState, message_id: int) -> None:
        message = state.messages.get(message_id)
        if message is None or message.deleted:
            raise bad_request("message to delete not found")
        from_bot = isinstance(message, SentMessage)
        if not from_bot and state.chat.type != "private" and state.bot_status != "administrator":
            raise bad_request("message can't be deleted")
        message.deleted = True
        self.world.next_seq()

    def delete_message(self, p: Params) -> bool:
        state = self.chat(p, send=False)
        message_id = p.int_("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        self._delete(state, message_id)
        return True

    def delete_messages(self, p: Params) -> bool:
        state = self.chat(p, send=False)
        ids = p.json_("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must be a list of 1-100 identifiers")
        deleted = 0
        for message_id in ids:
            try:
                self._delete(state, int(message_id))
                deleted += 1
            except ApiError:
                continue  # Telegram skips messages it cannot delete
        if not deleted:
            raise bad_request("message to delete not found")
        return True

    def pin_chat_message(self, p: Params) -> bool:
        state = self.chat(p, send=False)
        message_id = p.int_("message_id")
        if message_id is None or message_id not in state.messages:
            raise bad_request("message to pin not found")
        if state.chat.type != "private" and state.bot_status != "administrator":
            raise bad_request("not enough rights to manage pinned messages in the chat")
        return True

    def unpin_chat_message(self, p: Params) -> bool:
        self.chat(p, send=False)
        return True

    def unpin_all_chat_messages(self, p: Params) -> bool:
        self.chat(p, send=False)
        return True

    # ----------------------------------------------------------------- callbacks, files

    def answer_callback_query(self, p: Params) -> bool:
        query_id = p.str_("callback_query_id") or ""
        query = self.world.callback_queries.get(query_id)
        if (
            query is None
            or query.answered
            or self.world.clock() - query.created > self.world.callback_query_ttl
        ):
            raise bad_request(_QUERY_INVALID[len("Bad Request: ") :])
        text = p.str_("text")
        if text is not None and len(text) > CALLBACK_TEXT_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        self.world.callback_answers.append(
            CallbackAnswer(
                callback_query_id=query_id,
                text=text,
                show_alert=p.bool_("show_alert"),
                url=p.str_("url"),
                cache_time=p.int_("cache_time"),
                at=time.time(),
            )
        )
        self.world.next_seq()
        return True

    def get_file(self, p: Params) -> JSONDict:
        stored = self.world.files.get(p.str_("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        if stored.file_size > DOWNLOAD_LIMIT:
            raise bad_request("file is too big")
        return stored.file_api()

    # ----------------------------------------------------------------- chats & members

    def get_chat(self, p: Params) -> JSONDict:
        state = self.chat(p, send=False)
        data = state.chat.to_api()
        data.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return data

    def leave_chat(self, p: Params) -> bool:
        state = self.chat(p, send=False)
        if state.chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        state.bot_status = "left"
        return True

    def get_chat_member(self, p: Params) -> JSONDict:
        state = self.chat(p, send=False)
        user_id = p.int_("user_id")
        user = self.world.users.get(user_id) if user_id is not None else None
        if user is None:
            raise bad_request("user not found")
        if user.id == self.world.bot.id:
            return self.world.member_api(user, state.bot_status)
        if state.chat.type == "private":
            if user.id != state.chat.id:
                raise bad_request("user not found")
            return self.world.member_api(user, "member")
        return self.world.member_api(user, state.members.get(user.id, "left"))

    def get_chat_administrators(self, p: Params) -> list[JSONDict]:
        state = self.chat(p, send=False)
        if state.chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = [
            self.world.member_api(self.world.users[user_id], status)
            for user_id, status in state.members.items()
            if status in ("creator", "administrator") and user_id in self.world.users
        ]
        if state.bot_status == "administrator":
            admins.append(self.world.member_api(self.world.bot, "administrator"))
        return admins

    def get_chat_member_count(self, p: Params) -> int:
        state = self.chat(p, send=False)
        if state.chat.type == "private":
            return 2
        humans = sum(1 for status in state.members.values() if status not in ("left", "kicked"))
        return humans + (1 if state.bot_status in ("member", "administrator") else 0)
