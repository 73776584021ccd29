"""Group chats: the bot joining or leaving, /link and /unlink, supergroup migration.

With privacy mode on (the BotFather default) the bot sees only commands in groups, and it
answers only commands. A group receives an agency's nudges and summaries only after an
admin of the bot (checked by Telegram user id here, not by group rank) linked it.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.constants import ChatType as TgChatType
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.adapters.delivery import message_payload
from bot.core.access import Access, Audience
from bot.core.agencies import Agency
from bot.core.callbacks import action_pattern
from bot.core.models import ChatType, NewOutboxMessage
from bot.texts import Html, t
from handlers.common import reply
from handlers.context import Context, services_of, wake_sender
from handlers.join import active_agency, agency_name, ask_to_choose, edit, find_agency
from handlers.menu import declare

log = logging.getLogger(__name__)

LINK_PICK = "lks"  # lks:<agency>

_GROUP_TYPES = (TgChatType.GROUP, TgChatType.SUPERGROUP)
_PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
_GONE = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)

declare("link", Audience.ADMIN, "cmd.link", in_groups=True)
declare("unlink", Audience.ADMIN, "cmd.unlink", in_groups=True)


def _in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in _GROUP_TYPES


async def my_chat_member(update: Update, context: Context) -> None:
    """The bot was added to, removed from, blocked or unblocked in a chat."""
    change = update.my_chat_member
    if change is None:
        return
    services = services_of(context)
    chat = change.chat
    old, new = change.old_chat_member.status, change.new_chat_member.status
    if new in _GONE:
        reason = "kicked" if new == ChatMemberStatus.BANNED else "left"
        await services.repos.chats.deactivate(chat.id, reason)
        log.info("bot %s chat %s", reason, chat.id)
        return
    if new not in _PRESENT or chat.type not in {kind.value for kind in ChatType}:
        return
    await services.repos.chats.upsert(chat.id, ChatType(chat.type), chat.title)
    if chat.type in _GROUP_TYPES and old in _GONE:
        log.info("bot added to group %s (%s)", chat.id, chat.title)
        # Not a reply to anyone: it goes through the outbox, which paces each chat, so a
        # burst of additions cannot collide with nudges already queued for the group.
        hello = NewOutboxMessage(
            f"group-hello:{chat.id}:{update.update_id}", chat.id, "group_hello",
            message_payload(t("group.hello", "vi")),
        )
        await services.repos.outbox.enqueue([hello])
        wake_sender(context)


async def migrated(update: Update, context: Context) -> None:
    """Group -> supergroup: the chat gets a new id; its subscriptions move with it."""
    message = update.effective_message
    if message is None:
        return
    chats = services_of(context).repos.chats
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    await chats.migrate(old, new)
    log.info("chat %s migrated to %s", old, new)


async def _own_access(update: Update, context: Context) -> Access:
    """The person's own rights (not narrowed to the group, unlike ``access_of``)."""
    user = update.effective_user
    if user is None:
        return Access(0, False, False, frozenset())
    return await services_of(context).access(user.id)


async def _link(update: Update, context: Context, agency: Agency, note: Html) -> Html:
    services = services_of(context)
    chat = update.effective_chat
    access = await _own_access(update, context)
    assert chat is not None and agency.id is not None
    await services.repos.chats.upsert(chat.id, ChatType(chat.type), chat.title)
    added = await services.repos.chats.subscribe(chat.id, agency.id, access.user_id)
    if added:
        log.info("group %s linked to agency %s by %s", chat.id, agency.code, access.user_id)
    key = "group.linked" if added else "group.already_linked"
    return Html(note + t(key, access.language, agency=agency.name))


async def link_command(update: Update, context: Context) -> None:
    """/link <agency> in a group: the group receives the agency's nudges and summaries."""
    services = services_of(context)
    access = await _own_access(update, context)
    lang = access.language
    if not _in_group(update):
        await reply(update, t("group.only_in_group", lang))
        return
    if not access.is_admin:
        await reply(update, t("group.admin_only", lang))
        return
    written = " ".join(context.args or []).strip()
    if not written:
        await reply(update, t("group.link_usage", lang))
        return
    agency, candidates, note = await find_agency(services, written, lang)
    if agency is None:
        await ask_to_choose(update, services, lang, written, candidates, LINK_PICK)
        return
    await reply(update, await _link(update, context, agency, note))


async def link_pick(update: Update, context: Context) -> None:
    """An agency chosen among /link candidates: re-check the presser and the chat."""
    query = update.callback_query
    services = services_of(context)
    pressed = services.parse_button(query.data if query else None)
    if query is None or pressed is None:
        return
    access = await _own_access(update, context)
    if not access.is_admin:
        await query.answer(t("group.admin_only", access.language), show_alert=True)
        return
    agency = active_agency(services, pressed.int_arg(0))
    if agency is None or not _in_group(update):
        await query.answer(t("error.bad_button", access.language), show_alert=True)
        return
    await query.answer()
    await edit(update, await _link(update, context, agency, Html("")))


async def unlink_command(update: Update, context: Context) -> None:
    """/unlink [agency] in a group: stop sending that agency's (or every) message here."""
    services = services_of(context)
    access = await _own_access(update, context)
    lang = access.language
    chat = update.effective_chat
    if chat is None or not _in_group(update):
        await reply(update, t("group.only_in_group", lang))
        return
    if not access.is_admin:
        await reply(update, t("group.admin_only", lang))
        return
    chats = services.repos.chats
    linked = [s.agency_id for s in await chats.subscriptions_of_chat(chat.id)]
    written = " ".join(context.args or []).strip()
    if written:
        agency, _, _ = await find_agency(services, written, lang)
        if agency is None or agency.id not in linked:
            await reply(update, t("group.not_linked_to", lang, written=written))
            return
        assert agency.id is not None
        targets = [agency.id]
    else:
        targets = linked
    if not targets:
        await reply(update, t("group.not_linked", lang))
        return
    for agency_id in targets:
        await chats.unsubscribe(chat.id, agency_id)
    log.info("group %s unlinked from %s by %s", chat.id, targets, access.user_id)
    names = ", ".join(agency_name(services, a) for a in targets)
    await reply(update, t("group.unlinked", lang, agencies=names))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Group life cycle and linking."""
    app.add_handler(ChatMemberHandler(my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))
    app.add_handler(CommandHandler("link", link_command))
    app.add_handler(CommandHandler("unlink", unlink_command))
    app.add_handler(CallbackQueryHandler(link_pick, pattern=action_pattern(LINK_PICK)))
