"""The command registry: one list drives /help and the Telegram command menus.

Each feature module declares its commands with :func:`declare`; the menu for strangers
and members is the default scope, admins get theirs per private chat.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.core.access import Access, Audience, audience_allows
from bot.texts import DEFAULT_LANGUAGE, LANGUAGES, plain
from bot.usecases.services import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CommandInfo:
    """A command as users see it: name, who it is for, and its description key."""

    name: str
    audience: Audience
    description_key: str
    in_menu: bool = True
    in_groups: bool = False
    for_admins: bool = True


_COMMANDS: dict[str, CommandInfo] = {}


def declare(
    name: str, audience: Audience, description_key: str, in_menu: bool = True,
    in_groups: bool = False, for_admins: bool = True,
) -> None:
    """Declare a command for /help and the menus (idempotent).

    ``in_groups``: the command also works in a group chat, so a group's /help lists it.
    ``for_admins=False`` hides it from admins, for whom it makes no sense (/join).
    """
    _COMMANDS[name] = CommandInfo(name, audience, description_key, in_menu, in_groups,
                                  for_admins)


def commands() -> list[CommandInfo]:
    """Every declared command, in declaration order."""
    return list(_COMMANDS.values())


def commands_for(audience: Audience) -> list[CommandInfo]:
    """Commands someone of this audience may use."""
    return [c for c in _COMMANDS.values() if audience_allows(audience, c.audience)
            and (c.for_admins or audience is not Audience.ADMIN)]


def _bot_commands(audience: Audience, lang: str, exact: bool = False) -> list[BotCommand]:
    chosen = [
        c for c in commands_for(audience)
        if c.in_menu and (not exact or c.audience is audience or c.audience is Audience.STRANGER)
    ]
    return [BotCommand(c.name, plain(c.description_key, lang)[:256]) for c in chosen]


async def publish_menus(bot: Bot, services: Services) -> None:
    """Default menu = member commands; each admin's private chat gets the admin menu."""
    for lang in LANGUAGES:
        code = None if lang == "vi" else lang
        await bot.set_my_commands(
            _bot_commands(Audience.MEMBER, lang), scope=BotCommandScopeDefault(), language_code=code
        )
    admin_ids = set(services.settings.admin_ids)
    admin_ids.update(user.telegram_id for user in await services.repos.users.admins())
    for admin_id in sorted(admin_ids):
        # An admin from ADMIN_IDS who never wrote to the bot has no stored language yet.
        user = await services.repos.users.get(admin_id)
        language = user.language if user is not None else DEFAULT_LANGUAGE
        await publish_user_menu(bot, admin_id, Audience.ADMIN, language)


async def publish_user_menu(
    bot: Bot, user_id: int, audience: Audience, language: str = DEFAULT_LANGUAGE
) -> None:
    """Set (or reset) one user's private-chat menu after their role or language changed.

    The menu speaks the language the person chose in /settings (``users.language``), not
    their Telegram client's: the bot's replies follow that choice, so the menu must too.
    Others in the default language fall back to the default menus (one per client language).
    """
    scope = BotCommandScopeChat(chat_id=user_id)
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    try:
        if audience is Audience.ADMIN or lang != DEFAULT_LANGUAGE:
            await bot.set_my_commands(_bot_commands(audience, lang), scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError as exc:  # e.g. the admin never opened a chat with the bot
        log.info("menu for %s not set: %s", user_id, exc)


def help_lines(access: Access, group: bool = False) -> list[tuple[str, str]]:
    """(command, description) pairs for this person's /help (in a group: what works there)."""
    return [(c.name, plain(c.description_key, access.language))
            for c in commands_for(access.audience) if c.in_groups or not group]
