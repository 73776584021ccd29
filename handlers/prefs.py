"""/settings: per agency, whether nudges and weekly summaries come; and the language.

Members are subscribed to everything by default; switching off is per agency so that an
official who follows two agencies can keep one quiet.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.access import Access, Audience
from bot.core.callbacks import action_pattern
from bot.texts import LANGUAGES, Html, plain, t
from bot.usecases.services import Services
from handlers.common import Rows, command_access, is_private, pressed_button, reply
from handlers.context import Context, services_of
from handlers.join import agency_name, edit
from handlers.menu import declare, publish_user_menu

PREF_SWITCH = "pfs"  # pfs:<agency>:<n|s>
PREF_LANGUAGE = "pfl"  # pfl:<vi|en>

declare("settings", Audience.MEMBER, "cmd.settings")


async def render_settings(services: Services, access: Access) -> tuple[Html, Rows]:
    """The person's switches and the language buttons."""
    lang = access.language
    chat_id = access.user_id
    subscriptions = {
        s.agency_id: s for s in await services.repos.chats.subscriptions_of_chat(chat_id)
    }
    lines = [t("prefs.title", lang)]
    rows: Rows = []
    if not access.agency_ids:
        lines.append(t("prefs.no_agencies", lang))
    for agency_id in sorted(access.agency_ids):
        sub = subscriptions.get(agency_id)
        nudges, summaries = (sub.nudges, sub.summaries) if sub else (False, False)
        name = agency_name(services, agency_id)
        lines.append(t(
            "prefs.agency", lang, agency=name,
            nudges=plain("prefs.on" if nudges else "prefs.off", lang),
            summaries=plain("prefs.on" if summaries else "prefs.off", lang),
        ))
        rows.append([InlineKeyboardButton(
            plain("prefs.nudges_button" if nudges else "prefs.nudges_button_off", lang,
                  agency=name),
            callback_data=services.button(PREF_SWITCH, agency_id, "n"),
        )])
        rows.append([InlineKeyboardButton(
            plain("prefs.summaries_button" if summaries else "prefs.summaries_button_off",
                  lang, agency=name),
            callback_data=services.button(PREF_SWITCH, agency_id, "s"),
        )])
    lines.append(t("prefs.language", lang))
    rows.append([
        InlineKeyboardButton(
            ("✓ " if code == lang else "") + plain(f"prefs.lang.{code}", lang),
            callback_data=services.button(PREF_LANGUAGE, code),
        )
        for code in LANGUAGES
    ])
    return Html("\n".join(lines)), rows


async def settings_command(update: Update, context: Context) -> None:
    """/settings (private chat only: the switches are about this person's chat)."""
    access = await command_access(update, context, private=True)
    if access is None:
        return
    text, rows = await render_settings(services_of(context), access)
    await reply(update, text, rows)


async def settings_button(update: Update, context: Context) -> None:
    """A switch or a language pressed: applies to the presser's own chat only."""
    services = services_of(context)
    button = await pressed_button(update, context)
    if button is None:
        return
    query, pressed, access = button
    if not is_private(update):
        await query.answer(t("error.bad_button", access.language), show_alert=True)
        return
    if pressed.action == PREF_LANGUAGE:
        code = pressed.args[0] if pressed.args else ""
        if code not in LANGUAGES:
            await query.answer(t("error.bad_button", access.language), show_alert=True)
            return
        await services.repos.users.set_language(access.user_id, code)
        access = await services.access(access.user_id)
        await publish_user_menu(context.bot, access.user_id, access.audience, access.language)
        await query.answer(plain("prefs.language_set", code))
    else:
        agency_id, switch = pressed.int_arg(0), pressed.args[1:2]
        if agency_id is None or switch not in (("n",), ("s",)):
            await query.answer(t("error.bad_button", access.language), show_alert=True)
            return
        if agency_id not in access.agency_ids:
            await query.answer(plain("prefs.not_member", access.language,
                                     agency=agency_name(services, agency_id)), show_alert=True)
        else:
            chats = services.repos.chats
            current = next((s for s in await chats.subscriptions_of_chat(access.user_id)
                            if s.agency_id == agency_id), None)
            if current is None:  # e.g. subscribed before a removal and re-added by hand
                await chats.subscribe(access.user_id, agency_id, access.user_id,
                                      nudges=False, summaries=False)
            nudges = current.nudges if current else False
            summaries = current.summaries if current else False
            if switch == ("n",):
                await chats.set_switches(access.user_id, agency_id, nudges=not nudges)
            else:
                await chats.set_switches(access.user_id, agency_id, summaries=not summaries)
            await query.answer(plain("prefs.saved", access.language))
    text, rows = await render_settings(services, access)
    await edit(update, text, rows)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """/settings and its buttons."""
    app.add_handler(CommandHandler("settings", settings_command))
    app.add_handler(CallbackQueryHandler(
        settings_button, pattern=action_pattern(PREF_SWITCH, PREF_LANGUAGE)))

