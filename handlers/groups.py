"""Group chats: the bot joining or leaving, /link and /unlink, supergroup migration.

With privacy mode on (the BotFather default) the bot sees only commands in groups, and it
answers only commands. A group receives an agency's nudges and summaries only after an
admin of the bot (checked by Telegram user id here, not by group rank) linked it.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.constants import ChatType as TgChatType

from bot.core.agencies import Agency
from bot.core.models import ChatType
from bot.texts import Html, t
from bot.usecases import chats
from bot.views.render import echo
from handlers.common import reply
from handlers.context import BotContext
from handlers.join import active_agency, agency_name, ask_to_choose, edit, find_agency

log = logging.getLogger(__name__)

LINK_PICK = "lks"  # lks:<agency>

_GROUP_TYPES = (TgChatType.GROUP, TgChatType.SUPERGROUP)
_PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
_GONE = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)



def _in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in _GROUP_TYPES


async def my_chat_member(update: Update, context: BotContext) -> None:
    """The bot was added to, removed from, blocked or unblocked in a chat."""
    change = update.my_chat_member
    if change is None:
        return
    services = context.services
    chat = change.chat
    old, new = change.old_chat_member.status, change.new_chat_member.status
    if new in _GONE:
        reason = "kicked" if new == ChatMemberStatus.BANNED else "left"
        await chats.bot_left(services, chat.id, reason)
        log.info("bot %s chat %s", reason, chat.id)
        return
    if new not in _PRESENT or chat.type not in {kind.value for kind in ChatType}:
        return
    greet = chat.type in _GROUP_TYPES and old in _GONE
    await chats.bot_added(services, chat.id, chat.type, chat.title,
                          greet=f"group-hello:{chat.id}:{update.update_id}" if greet else None)
    if greet:
        log.info("bot added to group %s (%s)", chat.id, chat.title)
        context.wake_sender()


async def migrated(update: Update, context: BotContext) -> None:
    """Group -> supergroup: the chat gets a new id; its subscriptions move with it."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    await chats.migrated(context.services, old, new)
    log.info("chat %s migrated to %s", old, new)


async def _link(update: Update, context: BotContext, agency: Agency, note: Html) -> Html:
    services = context.services
    chat = update.effective_chat
    access = await context.own_access()
    assert chat is not None and agency.id is not None
    added = await chats.link(services, access, chat.id, chat.type, chat.title, agency.id)
    if added:
        log.info("group %s linked to agency %s by %s", chat.id, agency.code, access.user_id)
    key = "group.linked" if added else "group.already_linked"
    return Html(note + t(key, access.language, agency=agency.name))


async def link_command(update: Update, context: BotContext) -> None:
    """/link <agency> in a group: the group receives the agency's nudges and summaries."""
    services = context.services
    access = await context.own_access()
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


async def link_pick(update: Update, context: BotContext) -> None:
    """An agency chosen among /link candidates: re-check the presser and the chat."""
    query = update.callback_query
    services = context.services
    pressed = services.parse_button(query.data if query else None)
    if query is None or pressed is None:
        return
    access = await context.own_access()
    if not access.is_admin:
        await query.answer(t("group.admin_only", access.language), show_alert=True)
        return
    agency = active_agency(services, pressed.int_arg(0))
    if agency is None or not _in_group(update):
        await query.answer(t("error.bad_button", access.language), show_alert=True)
        return
    await query.answer()
    await edit(update, await _link(update, context, agency, Html("")))


async def unlink_command(update: Update, context: BotContext) -> None:
    """/unlink [agency] in a group: stop sending that agency's (or every) message here."""
    services = context.services
    access = await context.own_access()
    lang = access.language
    chat = update.effective_chat
    if chat is None or not _in_group(update):
        await reply(update, t("group.only_in_group", lang))
        return
    if not access.is_admin:
        await reply(update, t("group.admin_only", lang))
        return
    linked = sorted(await services.linked_agencies(chat.id))
    written = " ".join(context.args or []).strip()
    if written:
        agency, _, _ = await find_agency(services, written, lang)
        if agency is None or agency.id not in linked:
            await reply(update, t("group.not_linked_to", lang, written=echo(written)))
            return
        assert agency.id is not None
        targets = [agency.id]
    else:
        targets = linked
    if not targets:
        await reply(update, t("group.not_linked", lang))
        return
    await chats.unlink(services, access, chat.id, targets)
    log.info("group %s unlinked from %s by %s", chat.id, targets, access.user_id)
    names = ", ".join(agency_name(services, a) for a in targets)
    await reply(update, t("group.unlinked", lang, agencies=names))
