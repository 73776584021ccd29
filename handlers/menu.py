"""The command catalogue: one table drives /help and the Telegram command menus.

Menus follow Telegram's scopes (core.telegram.org/bots/features#command-scopes): the default
scope is the strangers' menu (how to begin, /join); members and admins get theirs per
private chat, set when their role or language changes; every group gets only the commands
that work there, and the group's administrators also /link and /unlink. The bot's
description and short description (the empty chat's "What can this bot do?", the profile)
are set here too. The handlers of these commands are in handlers/registry.py.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)
from telegram.error import TelegramError

from bot.core.access import Access, Audience, audience_allows
from bot.texts import DEFAULT_LANGUAGE, LANGUAGES, plain
from bot.usecases import queries
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



def _cmd(name: str, audience: Audience, *, in_groups: bool = False,
         for_admins: bool = True) -> CommandInfo:
    return CommandInfo(name, audience, f"cmd.{name}", True, in_groups, for_admins)


# Every command people can use, in the order /help and the menus list them. Who may use it
# is checked again by its handler (handlers/registry.py has one handler per command here).
COMMANDS: tuple[CommandInfo, ...] = (
    _cmd("start", Audience.STRANGER),
    _cmd("help", Audience.STRANGER, in_groups=True),
    _cmd("cancel", Audience.STRANGER),
    _cmd("join", Audience.STRANGER, for_admins=False),
    _cmd("task", Audience.MEMBER, in_groups=True),
    _cmd("tasks", Audience.MEMBER, in_groups=True),
    _cmd("overdue", Audience.MEMBER, in_groups=True),
    _cmd("upcoming", Audience.MEMBER),
    _cmd("done", Audience.MEMBER),
    _cmd("find", Audience.MEMBER),
    _cmd("stats", Audience.MEMBER, in_groups=True),
    _cmd("chuabaocao", Audience.MEMBER),
    _cmd("export", Audience.MEMBER),
    _cmd("settings", Audience.MEMBER),
    _cmd("new", Audience.ADMIN),
    _cmd("import", Audience.ADMIN),
    _cmd("invite", Audience.ADMIN),
    _cmd("invites", Audience.ADMIN),
    _cmd("members", Audience.ADMIN),
    _cmd("link", Audience.ADMIN, in_groups=True),
    _cmd("unlink", Audience.ADMIN, in_groups=True),
    _cmd("admins", Audience.ADMIN),
    _cmd("grant_admin", Audience.ADMIN),
    _cmd("revoke_admin", Audience.ADMIN),
)


def commands() -> list[CommandInfo]:
    """Every command, in the order /help lists them."""
    return list(COMMANDS)


def commands_for(audience: Audience) -> list[CommandInfo]:
    """Commands someone of this audience may use."""
    return [c for c in COMMANDS if audience_allows(audience, c.audience)
            and (c.for_admins or audience is not Audience.ADMIN)]


# Descriptions that depend on who reads them: a member already belongs to an agency, so
# /join is for joining another one.
_MEMBER_KEYS = {"join": "cmd.join_another"}
# An admin's /settings holds the digest of progress reports (and, for an admin who also
# belongs to an agency, that agency's switches).
_ADMIN_KEYS = {"settings": "cmd.settings_admin"}


def description(command: CommandInfo, audience: Audience, lang: str) -> str:
    """A command's line in the menu and /help, as this audience reads it."""
    key = command.description_key
    if audience is not Audience.STRANGER:
        key = _MEMBER_KEYS.get(command.name, key)
    if audience is Audience.ADMIN:
        key = _ADMIN_KEYS.get(command.name, key)
    return plain(key, lang)


def _bot_commands(audience: Audience, lang: str, *, group: bool = False) -> list[BotCommand]:
    """The menu of ``audience`` in a private chat, or in a group (what works there)."""
    chosen = [c for c in commands_for(audience) if c.in_menu and (c.in_groups or not group)]
    return [BotCommand(c.name, description(c, audience, lang)[:256]) for c in chosen]


def _language_code(lang: str) -> str | None:
    """Telegram's language_code of a catalogue: None (everyone else) for the default."""
    return None if lang == DEFAULT_LANGUAGE else lang


# (scope, audience, group menu?) of the menus every chat of a kind shares. Group
# administrators are Telegram's (creator, administrators): /link still checks that the
# person is an admin of the bot.
_SHARED_MENUS: tuple[tuple[BotCommandScope, Audience, bool], ...] = (
    (BotCommandScopeDefault(), Audience.STRANGER, False),
    (BotCommandScopeAllGroupChats(), Audience.MEMBER, True),
    (BotCommandScopeAllChatAdministrators(), Audience.ADMIN, True),
)


def menus_fingerprint() -> str:
    """A digest of every menu in every language: when it changes (a command or a
    description was added or reworded), every member's private menu is published again."""
    menus = {
        f"{audience.value}:{group}:{lang}": [(c.command, c.description)
                                             for c in _bot_commands(audience, lang, group=group)]
        for audience in Audience for group in (False, True) for lang in LANGUAGES
    }
    menus["descriptions"] = [(plain("bot.description", lang), plain("bot.short_description",
                                                                   lang)) for lang in LANGUAGES]
    return hashlib.sha256(json.dumps(menus, ensure_ascii=False).encode()).hexdigest()[:16]


async def publish_menus(bot: Bot, services: Services) -> None:
    """The shared menus, the bot's descriptions, and each admin's private menu."""
    await publish_descriptions(bot)
    for scope, audience, group in _SHARED_MENUS:
        for lang in LANGUAGES:
            await bot.set_my_commands(_bot_commands(audience, lang, group=group), scope=scope,
                                      language_code=_language_code(lang))
    admin_ids = await services.admin_ids()
    # An admin from ADMIN_IDS who never wrote to the bot has no stored language yet.
    languages = await queries.languages(services, admin_ids)
    for admin_id in admin_ids:
        language = languages.get(admin_id, DEFAULT_LANGUAGE)
        await publish_user_menu(bot, admin_id, Audience.ADMIN, language)


async def publish_descriptions(bot: Bot) -> None:
    """The description (an empty chat's "What can this bot do?") and the short one (the
    profile, shared links), in Vietnamese for everyone and in English for English clients.
    Set only when they differ from Telegram's: the methods are rate-limited, and a bot
    restarted often would otherwise be refused."""
    for lang in LANGUAGES:
        code = _language_code(lang)
        description = plain("bot.description", lang)
        if (await bot.get_my_description(code)).description != description:
            await bot.set_my_description(description, code)
        short = plain("bot.short_description", lang)
        if (await bot.get_my_short_description(code)).short_description != short:
            await bot.set_my_short_description(short, code)


async def publish_user_menu(
    bot: Bot, user_id: int, audience: Audience, language: str = DEFAULT_LANGUAGE
) -> None:
    """Set (or reset) one user's private-chat menu after their role or language changed.

    The menu speaks the language the person chose in /settings (``users.language``), not
    their Telegram client's: the bot's replies follow that choice, so the menu must too.
    A stranger in the default language falls back to the default menu (one per client
    language); everyone else gets their own.
    """
    scope = BotCommandScopeChat(chat_id=user_id)
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    try:
        if audience is not Audience.STRANGER or lang != DEFAULT_LANGUAGE:
            await bot.set_my_commands(_bot_commands(audience, lang), scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError as exc:  # e.g. the person never opened a chat with the bot
        log.info("menu for %s not set: %s", user_id, exc)


def help_lines(access: Access, group: bool = False) -> list[tuple[str, str]]:
    """(command, description) pairs for this person's /help (in a group: what works there)."""
    return [(c.name, description(c, access.audience, access.language))
            for c in commands_for(access.audience) if c.in_groups or not group]


# /help in a private chat groups an admin's or a member's commands by what they are for
# (how an office thinks of its work), then says how to begin. Commands not listed here
# (none today) would come under "Chung".
HELP_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("record", ("new", "import")),
    ("follow", ("tasks", "overdue", "upcoming", "done", "find", "task")),
    ("report", ("stats", "chuabaocao", "export")),
    ("people", ("invite", "invites", "members", "link", "unlink", "admins", "grant_admin",
                "revoke_admin")),
    ("general", ("start", "help", "cancel", "settings", "join")),
)


def help_sections(access: Access) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section key, [(command, description)]) for this person's private /help, in order;
    sections without a command this person may use are left out."""
    allowed = {c.name: c for c in commands_for(access.audience)}
    placed = {name for _, names in HELP_SECTIONS for name in names}
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for key, names in HELP_SECTIONS:
        chosen = [n for n in names if n in allowed]
        if key == "general":
            chosen += [n for n in allowed if n not in placed]
        if chosen:
            sections.append((key, [(n, description(allowed[n], access.audience,
                                                   access.language)) for n in chosen]))
    return sections

