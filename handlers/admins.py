"""/admins, /grant_admin, /revoke_admin: who administers the bot.

Rule (see :mod:`bot.admin`): super-admins come from ADMIN_IDS and cannot be revoked in
chat; only they grant or revoke the stored admin role. Granted admins may list admins.
Every change is logged and written to the ``admin_audit`` table.
"""

from __future__ import annotations

import logging

from telegram import Message, MessageOriginUser, Update
from telegram import User as TgUser
from telegram.error import TelegramError

from bot.core.access import Access, Audience
from bot.core.admin import parse_user_ref
from bot.core.dates import fmt_date
from bot.core.models import ChatType, User
from bot.texts import Html, t
from bot.usecases import admins
from bot.usecases.admins import RoleProblem
from bot.usecases.services import Services
from handlers.context import BotContext
from handlers.menu import publish_user_menu

log = logging.getLogger(__name__)



def who(user: User | None, user_id: int, lang: str, name: str | None = None) -> Html:
    """"Lan (@lan_vp) — mã 1001": enough to tell two people with the same name apart."""
    username = user.username if user else None
    shown = name or (user.full_name if user and user.full_name else "") or (
        f"@{username}" if username else str(user_id))
    handle = t("admin.who_username", lang, username=username) if username else ""
    return t("admin.who", lang, name=shown, username=Html(handle), id=user_id)


def _replied_user(message: Message) -> TgUser | None:
    """The author of the message replied to (the original author of a forwarded one)."""
    replied = message.reply_to_message
    if replied is None:
        return None
    origin = replied.forward_origin
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user
    return replied.from_user


async def _target(
    services: Services, message: Message, args: list[str], lang: str, usage_key: str
) -> tuple[User | None, Html | None]:
    """The user a grant/revoke is about, or the message explaining why there is none."""
    replied = _replied_user(message)
    if replied is not None:
        if replied.is_bot:
            return None, t("admin.target_bot", lang)
        # Met through a reply in a group: remember them so they can be named later.
        user = await admins.met(services, replied.id, replied.full_name, replied.username)
        return user, None
    if len(args) != 1:
        return None, t(usage_key, lang)
    ref = parse_user_ref(args[0])
    if ref is None:
        return None, t(usage_key, lang)
    found = await admins.find(services, ref)
    written = str(ref.user_id) if ref.user_id is not None else f"@{ref.username}"
    if found is None:
        return None, t("admin.unknown_user", lang, who=written)
    return found, None


async def _may_change_roles(message: Message, access: Access) -> bool:
    """Only super-admins grant or revoke; everyone else is told why, politely."""
    if not access.is_admin:
        await message.reply_text(t("error.admin_only", access.language))
        return False
    if not access.is_super_admin:
        await message.reply_text(t("admin.super_only", access.language))
        return False
    return True


def _problem(problem: RoleProblem, name: Html, lang: str) -> Html:
    return t(f"admin.{problem.value}", lang, who=name)


async def _tell(context: BotContext, user: User, key: str, by: str) -> bool:
    """Tell the user about their new role; False when Telegram will not deliver it."""
    try:
        await context.bot.send_message(user.telegram_id, t(key, user.language, by=by))
    except TelegramError as exc:
        log.info("could not tell %s about %s: %s", user.telegram_id, key, exc)
        return False
    return True


async def grant_admin(update: Update, context: BotContext) -> None:
    """/grant_admin (reply | id | @username)."""
    message = update.effective_message
    actor = update.effective_user
    if message is None or actor is None:
        return
    # The person's own rights, also in a group: replying there to someone is the natural way
    # to name them. Nothing about tasks is shown, so the group's links do not matter here.
    access = await context.services.access(actor.id)
    lang = access.language
    if not await _may_change_roles(message, access):
        log.warning("refused /grant_admin from %s", actor.id)
        return
    services = context.services
    target, problem = await _target(services, message, context.args or [], lang,
                                    "admin.usage_grant")
    if target is None:
        await message.reply_text(problem or t("admin.usage_grant", lang))
        return
    name = who(target, target.telegram_id, lang)
    refused = await admins.grant(services, access, target)
    if refused is not None:
        await message.reply_text(_problem(refused, name, lang))
        return
    log.info("admin rights granted to %s by %s", target.telegram_id, actor.id)
    await publish_user_menu(context.bot, target.telegram_id, Audience.ADMIN, target.language)
    told = await _tell(context, target, "admin.you_granted", actor.full_name)
    notice = t("admin.notified" if told else "admin.not_notified", lang)
    await message.reply_text(t("admin.granted", lang, who=name, notice=notice))


async def revoke_admin(update: Update, context: BotContext) -> None:
    """/revoke_admin (reply | id | @username)."""
    message = update.effective_message
    actor = update.effective_user
    if message is None or actor is None:
        return
    access = await context.services.access(actor.id)  # as for /grant_admin
    lang = access.language
    if not await _may_change_roles(message, access):
        log.warning("refused /revoke_admin from %s", actor.id)
        return
    services = context.services
    target, problem = await _target(services, message, context.args or [], lang,
                                    "admin.usage_revoke")
    if target is None:
        await message.reply_text(problem or t("admin.usage_revoke", lang))
        return
    name = who(target, target.telegram_id, lang)
    refused = await admins.revoke(services, access, target)
    if refused is not None:
        await message.reply_text(_problem(refused, name, lang))
        return
    log.info("admin rights revoked from %s by %s", target.telegram_id, actor.id)
    # Back to what they are without the rights: a member of their agencies, or a stranger.
    now = await services.access(target.telegram_id)
    await publish_user_menu(context.bot, target.telegram_id, now.audience, now.language)
    told = await _tell(context, target, "admin.you_revoked", actor.full_name)
    notice = t("admin.notified" if told else "admin.not_notified", lang)
    await message.reply_text(t("admin.revoked", lang, who=name, notice=notice))


async def list_admins(update: Update, context: BotContext) -> None:
    """/admins: super-admins, then granted admins with who granted them and when."""
    message = update.effective_message
    if message is None:
        return
    access = await context.access()
    lang = access.language
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE.value:
        # Names and ids of the admins are not for everyone in a group to read.
        await message.reply_text(t("error.private_only", lang))
        return
    if not access.is_admin:
        await message.reply_text(t("error.admin_only", lang))
        return
    services = context.services
    listed = await admins.admin_list(services)
    names = listed.names
    lines: list[str] = [t("admin.list_super", lang)]
    for admin_id, user in listed.supers:
        lines.append(t("admin.list_line", lang, who=who(user, admin_id, lang)))
    lines += ["", t("admin.list_granted", lang)]
    for user, entry in listed.granted:
        name = who(user, user.telegram_id, lang)
        if entry is not None and entry.action == "grant":
            date = fmt_date(entry.at.astimezone(services.settings.tz).date())
            lines.append(t("admin.list_granted_line", lang, who=name,
                           by=names.get(entry.actor_id, str(entry.actor_id)), date=date))
        else:
            lines.append(t("admin.list_line", lang, who=name))
    if not listed.granted:
        lines.append(t("admin.list_none", lang))
    lines += ["", t("admin.list_rule", lang)]
    await message.reply_text(Html("\n".join(lines)))
