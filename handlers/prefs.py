"""/settings: per agency, whether nudges (also about the tasks it supports) and weekly
summaries come; and the language.

Members are subscribed to everything by default; switching off is per agency so that an
official who follows two agencies can keep one quiet. Admins also switch the office's
daily digest of progress reports.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, Update

from bot.core.access import Access
from bot.texts import LANGUAGES, Html, plain, t
from bot.usecases import chats, digests
from bot.usecases.services import Services
from handlers.common import Rows, command_access, is_private, pressed_button, reply
from handlers.context import BotContext
from handlers.join import agency_name, edit
from handlers.menu import publish_user_menu

PREF_SWITCH = "pfs"  # pfs:<agency>:<n|s|p> (nudges, summaries, nudges about supported tasks)
PREF_LANGUAGE = "pfl"  # pfl:<vi|en>
PREF_DIGEST = "pfd"  # pfd: the admin's digest of progress reports on/off


async def render_settings(services: Services, access: Access) -> tuple[Html, Rows]:
    """The person's switches and the language buttons."""
    lang = access.language
    chat_id = access.user_id
    subscriptions = await chats.subscriptions(services, chat_id)
    lines = [t("prefs.title", lang)]
    rows: Rows = []
    if not access.agency_ids and not access.is_admin:
        lines.append(t("prefs.no_agencies", lang))
    for agency_id in sorted(access.agency_ids):
        sub = subscriptions.get(agency_id)
        nudges, summaries = (sub.nudges, sub.summaries) if sub else (False, False)
        supported = sub.support_nudges if sub else False
        name = agency_name(services, agency_id)
        # Supporting-task nudges come only while the agency's nudges are on.
        support_state = ("prefs.off" if not supported
                         else "prefs.on" if nudges else "prefs.support_with_nudges")
        lines.append(t(
            "prefs.agency_units", lang, agency=name,
            nudges=plain("prefs.on" if nudges else "prefs.off", lang),
            support=plain(support_state, lang),
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
        rows.append([InlineKeyboardButton(
            plain("prefs.support_button" if supported else "prefs.support_button_off", lang,
                  agency=name),
            callback_data=services.button(PREF_SWITCH, agency_id, "p"),
        )])
    if access.is_admin:
        if not digests.enabled(services):
            lines.append(t("prefs.digest_unset", lang))
        else:
            wanted = await digests.wanted(services, access)
            times = ", ".join(h.strftime("%H:%M") for h in services.settings.report_digest_at)
            lines.append(t("prefs.digest", lang, times=times, state=plain(
                "prefs.on" if wanted else "prefs.off", lang)))
            rows.append([InlineKeyboardButton(
                plain("prefs.digest_button" if wanted else "prefs.digest_button_off", lang),
                callback_data=services.button(PREF_DIGEST))])
    lines.append(t("prefs.language", lang))
    rows.append([
        InlineKeyboardButton(
            ("✓ " if code == lang else "") + plain(f"prefs.lang.{code}", lang),
            callback_data=services.button(PREF_LANGUAGE, code),
        )
        for code in LANGUAGES
    ])
    return Html("\n".join(lines)), rows


async def settings_command(update: Update, context: BotContext) -> None:
    """/settings (private chat only: the switches are about this person's chat)."""
    access = await command_access(update, context, private=True)
    if access is None:
        return
    text, rows = await render_settings(context.services, access)
    await reply(update, text, rows)


async def settings_button(update: Update, context: BotContext) -> None:
    """A switch or a language pressed: applies to the presser's own chat only."""
    services = context.services
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
        access = await chats.set_language(services, access.user_id, code)
        context.forget_access()
        await publish_user_menu(context.bot, access.user_id, access.audience, access.language)
        await query.answer(plain("prefs.language_set", code))
    elif pressed.action == PREF_DIGEST:
        if await digests.toggle(services, access) is None:
            await query.answer(t("error.admin_only", access.language), show_alert=True)
            return
        await query.answer(plain("prefs.saved", access.language))
    else:
        agency_id, switch = pressed.int_arg(0), pressed.args[1:2]
        if agency_id is None or switch not in (("n",), ("s",), ("p",)):
            await query.answer(t("error.bad_button", access.language), show_alert=True)
            return
        if not await chats.toggle(services, access, agency_id, switch[0]):
            await query.answer(plain("prefs.not_member", access.language,
                                     agency=agency_name(services, agency_id)), show_alert=True)
        else:
            await query.answer(plain("prefs.saved", access.language))
    text, rows = await render_settings(services, access)
    await edit(update, text, rows)
