"""/start, /help, user tracking, the forged-button guard, fallbacks and the error handler."""

from __future__ import annotations

import contextlib
import html
import logging
import traceback
from pathlib import Path

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType as TgChatType
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.core.access import Access, Audience
from bot.core.callbacks import Callback
from bot.core.models import ChatType
from bot.texts import Html, t
from bot.usecases import chats, incidents
from bot.usecases.errors import StorageFull
from bot.views.render import split_message, summary_when
from handlers.context import SERVICES_KEY, BotContext
from handlers.menu import COMMANDS, help_lines, help_sections

log = logging.getLogger(__name__)

_CHAT_TYPES = frozenset(kind.value for kind in ChatType)

Rows = list[list[InlineKeyboardButton]]


def is_private(update: Update) -> bool:
    """The update comes from a private chat with the bot."""
    chat = update.effective_chat
    return chat is not None and chat.type == TgChatType.PRIVATE


async def reply(update: Update, text: Html, rows: Rows | None = None) -> None:
    """Answer in the chat of the update, split when long; buttons go on the last part."""
    chat = update.effective_chat
    if chat is None:
        return
    chunks = split_message(text)
    for index, chunk in enumerate(chunks):
        markup = InlineKeyboardMarkup(rows) if rows and index == len(chunks) - 1 else None
        await chat.send_message(chunk, reply_markup=markup)


async def command_access(
    update: Update, context: BotContext, *, private: bool = False, admin: bool = False
) -> Access | None:
    """The caller's access once the command's guard passed; None when it was refused.

    One place for the refusal every guarded command gives (private chat first, then admin
    rights), so no handler can forget a check or word it differently. The refusal is sent
    with :func:`reply`; handlers that answer with ``message.reply_text`` keep their own.
    """
    access = await context.access()
    if private and not is_private(update):
        await reply(update, t("error.private_only", access.language))
        return None
    if admin and not access.is_admin:
        await reply(update, t("error.admin_only", access.language))
        return None
    return access


async def pressed_button(
    update: Update, context: BotContext, *, admin: bool = False
) -> tuple[CallbackQuery, Callback, Access] | None:
    """The query, its verified data and the presser's access; None when there is no press.

    Forged data never gets here (:func:`guard_buttons` refused it), so a missing press needs
    no answer. With ``admin``, a presser who is not an admin now gets the refusal as an alert
    and None. Each handler still re-checks the target's state itself.
    """
    query = update.callback_query
    pressed = context.services.parse_button(query.data if query else None)
    if query is None or pressed is None:
        return None
    access = await context.access()
    if admin and not access.is_admin:
        await query.answer(t("error.admin_only", access.language), show_alert=True)
        return None
    return query, pressed, access


async def track(update: Update, context: BotContext) -> None:
    """Remember who writes and where, so admins can name users and chats can be reached."""
    user = update.effective_user
    chat = update.effective_chat
    # A full disk: what only reads is still answered (the database logged it).
    with contextlib.suppress(StorageFull):
        await chats.seen(
            context.services,
            (user.id, user.full_name, user.username) if user is not None and not user.is_bot
            else None,
            (chat.id, chat.type, chat.title)
            if chat is not None and update.my_chat_member is None and chat.type in _CHAT_TYPES
            else None,
        )


async def guard_buttons(update: Update, context: BotContext) -> None:
    """Refuse forged or mangled callback data before any feature handler runs."""
    query = update.callback_query
    if query is None:
        return
    if context.services.parse_button(query.data) is None:
        access = await context.access()
        log.warning("refused forged callback data %r from %s", query.data, access.user_id)
        await query.answer(t("error.bad_button", access.language), show_alert=True)
        raise ApplicationHandlerStop


async def refuse_edit(update: Update, context: BotContext) -> None:
    """An edited message changes nothing: Telegram sends the whole message again, command
    included, and the bot may be waiting for another answer by now. A private chat is told
    so in one line; a group is not disturbed."""
    if is_private(update) and update.effective_user is not None:
        access = await context.access()
        await reply(update, t("error.edited", access.language))
    raise ApplicationHandlerStop


def render_help(access: Access, group: bool = False) -> Html:
    """The command list this person may use (in a group: only what works there).

    In a private chat an admin's and a member's commands come grouped by what they are for
    (Ghi nhận, Theo dõi, Báo cáo, Người dùng, Chung), then how to begin.
    """
    lang = access.language
    title = t("help.title.group" if group else f"help.title.{access.audience.value}", lang)
    if group or access.audience is Audience.STRANGER:
        lines = [t("help.line", lang, command=name, description=description)
                 for name, description in help_lines(access, group)]
        return Html("\n".join([title, *lines]))
    parts: list[str] = [title]
    for key, commands in help_sections(access):
        parts.append("")
        parts.append(t(f"help.section.{key}", lang))
        parts.extend(t("help.line", lang, command=name, description=description)
                     for name, description in commands)
    parts.append("")
    parts.append(t(f"help.begin.{access.audience.value}", lang))
    return Html("\n".join(parts))


async def start(update: Update, context: BotContext) -> None:
    """Introduce the bot: what it is for a stranger, their commands for members and admins."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    access = await context.access()
    services = context.services
    lang = access.language
    if access.audience is Audience.STRANGER:
        text = t("start.stranger", lang, name=user.first_name, user_id=user.id)
    elif access.audience is Audience.ADMIN:
        text = t("start.admin", lang, name=user.first_name, commands=render_help(access))
    else:
        names = [
            agency.name
            for agency_id in sorted(access.agency_ids)
            if (agency := services.directory.by_id(agency_id)) is not None
        ]
        agencies = ", ".join(names) or t("help.no_agency", lang)
        text = t(
            "start.member", lang, name=user.first_name, agencies=agencies,
            when=summary_when(services.settings.summary_weekday, services.settings.summary_hour,
                              lang),
            commands=render_help(access),
        )
    await message.reply_text(text)


async def help_command(update: Update, context: BotContext) -> None:
    """The commands this person may use."""
    message = update.effective_message
    chat = update.effective_chat
    user = update.effective_user
    if message is None:
        return
    if chat is None or user is None or chat.type == ChatType.PRIVATE.value:
        await message.reply_text(render_help(await context.access()))
        return
    # In a group: the person's own rights decide which commands are listed (an admin may
    # /link here), and everything else is for the private chat.
    access = await context.own_access()
    private = t("help.group_private", access.language,
                link=f"https://t.me/{context.bot.username}")
    await message.reply_text(Html(f"{render_help(access, group=True)}\n\n{private}"))


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command nobody handles: say so instead of staying silent."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split()[0].split("@")[0]
    access = await context.access()
    await message.reply_text(t("error.unknown_command", access.language, command=command))


async def private_text(update: Update, context: BotContext) -> None:
    """Free text outside any conversation: one line pointing to /help, not the whole list
    (a greeting answered with twenty commands reads as a wall)."""
    message = update.effective_message
    if message is None or update.effective_user is None:
        return
    access = await context.access()
    # A member's stray text is most often a report typed without pressing its button.
    key = ("error.not_understood_member" if access.is_member and not access.is_admin
           else "error.not_understood")
    await message.reply_text(t(key, access.language))


async def stale_button(update: Update, context: BotContext) -> None:
    """A signed button whose flow no longer exists (e.g. an old conversation step)."""
    query = update.callback_query
    if query is None:
        return
    access = await context.access()
    await query.answer(t("error.bad_button", access.language), show_alert=True)


async def on_error(update: object, context: BotContext) -> None:
    """Log the traceback; tell the user, in one polite line, that something went wrong."""
    error = context.error
    if isinstance(error, InvalidToken):
        return  # the token was revoked: the runner stops the bot and says so in one line
    full = isinstance(error, StorageFull)  # logged once by the database, not per update
    if isinstance(error, RetryAfter | NetworkError) and not isinstance(error, BadRequest):
        # Telegram is throttling us or unreachable: a polite line would fail the same way,
        # and a traceback per flooded reply would bury the log.
        log.warning("reply not sent (%s: %s)", type(error).__name__, error)
        return
    if error is not None and not full:
        trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        log.error("error while handling an update:\n%s", trace)
        await _tell_super_admins(update, context, error)
    if not isinstance(update, Update):
        return
    lang = "vi"
    if update.effective_user is not None and SERVICES_KEY in context.application.bot_data:
        try:
            lang = (await context.services.access(update.effective_user.id)).language
        except Exception:  # the database itself may be what failed
            lang = "vi"
    text = t("error.storage_full" if full else "error.generic", lang)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(html.unescape(text), show_alert=True)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.exception("could not tell the user about the error")


_ROOT = Path(__file__).resolve().parents[1]
_KNOWN_COMMANDS = frozenset({c.name for c in COMMANDS} | {"ketluan", "huy"})
# Every Bot API call passes through these: the caller is the place to look at.
_TRANSPORT = frozenset({"bot/adapters/ratelimit.py", "bot/adapters/telegram_http.py"})


def error_place(error: BaseException) -> str:
    """``handlers/queries.py:_show``: the innermost frame of the project's own code (the
    place to look at; the request transport excepted), else of whatever raised. No line
    number: the place names a kind of error across versions."""
    place = ""
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename).resolve()
        ours = path.is_relative_to(_ROOT) and not {".venv", "site-packages"} & set(path.parts)
        relative = path.relative_to(_ROOT).as_posix() if ours else ""
        if ours and relative not in _TRANSPORT:
            place = f"{relative}:{frame.name}"
        elif not place:
            place = f"{path.name}:{frame.name}"
    return place or "?"


def incident_of(update: object, context: BotContext, error: BaseException) -> incidents.Incident:
    """What may be told of a failed update: its kind (a known command's name, a button's
    action code, a job's name), never who sent it or what they wrote."""
    kind, detail, chat = "other", "", ""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            chat = "private" if update.effective_chat.type == TgChatType.PRIVATE else "group"
        message = update.effective_message
        if update.callback_query is not None:
            pressed = context.services.parse_button(update.callback_query.data)
            kind, detail = "button", pressed.action if pressed is not None else "?"
        elif update.my_chat_member is not None or update.chat_member is not None:
            kind = "member"
        elif message is not None and message.text and message.text.startswith("/"):
            name = message.text.split()[0][1:].split("@")[0].lower()
            kind, detail = "command", f"/{name}" if name in _KNOWN_COMMANDS else "/…"
        elif message is not None and message.document is not None:
            kind = "file"
        elif message is not None and message.photo:
            kind = "photo"
        elif message is not None and message.text:
            kind = "text"
    elif context.job is not None:
        kind, detail = "job", context.job.name or ""
    return incidents.Incident(type(error).__name__, error_place(error), kind, detail, chat)


async def _tell_super_admins(update: object, context: BotContext, error: BaseException) -> None:
    """Report the failure to ADMIN_IDS (once per kind per hour, through the outbox)."""
    if SERVICES_KEY not in context.application.bot_data:
        return  # failed before the services were open: the log is all there is
    try:
        if await incidents.report(context.services, incident_of(update, context, error)):
            context.wake_sender()
    except Exception:  # the database may be what failed; the log has the error already
        log.warning("could not queue the error report for the super-admins", exc_info=True)


async def stray_file(update: Update, context: BotContext) -> None:
    """A file nobody asked for: say when the bot reads files."""
    message = update.effective_message
    if message is None:
        return
    access = await context.access()
    await message.reply_text(t("error.stray_file", access.language))
