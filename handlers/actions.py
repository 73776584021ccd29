"""Acting on a task: progress reports, done reports, extensions, and the office's decisions.

Buttons (on the task card, on nudges, on the admins' notices) only *start* an action: the
use case (:mod:`bot.usecases.acting`) re-checks everything on every press and again when
writing. What the person then types is the answer to a question of flow ``act``
(:mod:`handlers.waiting`), so it survives a restart and expires clearly.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import Forbidden, TelegramError

from bot.core.access import Access
from bot.core.actions import (
    ADMIN_ACTIONS,
    APPROVE,
    APPROVE_TO,
    CANCEL_INPUT,
    CONFIRM,
    CONFIRM_ON,
    DONE,
    EXTEND,
    FILE,
    PROGRESS,
    REJECT,
    RETURN,
    InputKind,
    Refusal,
    check_completion_date,
    local_date,
)
from bot.core.callbacks import Callback
from bot.core.dates import examples, fmt_date
from bot.core.pickers import DateInputError, parse_document_date
from bot.core.waiting import TTL, Flow, Waiting
from bot.texts import Html, plain, t
from bot.usecases import acting
from bot.usecases import waiting as asked
from bot.views.render import shorten
from handlers.context import BotContext
from handlers.tasks import is_card, refresh_card
from handlers.waiting import Ending, FlowHandlers

log = logging.getLogger(__name__)

ACTIONS = (PROGRESS, DONE, EXTEND, CONFIRM, RETURN, APPROVE, REJECT, CANCEL_INPUT, FILE,
           CONFIRM_ON, APPROVE_TO)
_ASKS = {
    PROGRESS: InputKind.PROGRESS,
    DONE: InputKind.DONE_RESULT,
    EXTEND: InputKind.EXTENSION_DATE,
    RETURN: InputKind.RETURN_NOTE,
    REJECT: InputKind.REJECT_NOTE,
    CONFIRM_ON: InputKind.DONE_DATE,
    APPROVE_TO: InputKind.APPROVE_DATE,
}
_DECISIONS = (CONFIRM, RETURN, APPROVE, REJECT, FILE, CONFIRM_ON, APPROVE_TO)


def refusal_text(refusal: Refusal, task_id: int, lang: str) -> str:
    """The plain-text reason (for button alerts)."""
    return plain(f"act.refuse.{refusal.value}", lang, id=task_id)


def _minutes() -> int:
    return int(TTL[Flow.ACT].total_seconds() // 60)


def _open_markup(context: BotContext, task_id: int, lang: str) -> InlineKeyboardMarkup:
    label, data = acting.view_button(context.services, task_id, lang)
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def _who(unit: str | None, lang: str) -> str:
    """Who a decision is about: the unit, named among several, or "the lead agency"."""
    return shorten(unit, 60) if unit is not None else plain("act.who.lead", lang)


def _prompt(kind: InputKind, question: acting.Question, lang: str, today: date) -> Html:
    task = question.task  # as the unit decided on lives it: its own deadline
    line = acting.task_line(task, lang)
    who = _who(question.unit, lang)
    if kind is InputKind.DONE_DATE:
        return t("act.ask.done_date", lang, task=line, deadline=fmt_date(task.deadline),
                 minutes=_minutes(), **examples(today))
    if kind is InputKind.APPROVE_DATE:
        asked = acting.requested_date(question.ref_event) if question.ref_event else "—"
        return t("act.ask.approve_date", lang, task=line, deadline=fmt_date(task.deadline),
                 asked=asked, who=who, minutes=_minutes(),
                 **examples(today, after=task.deadline))
    if kind is InputKind.EXTENSION_DATE:
        return t("act.ask.extension_date", lang, task=line, deadline=fmt_date(task.deadline),
                 minutes=_minutes(), **examples(today, after=task.deadline))
    key = "done" if kind is InputKind.DONE_RESULT else kind.value
    return t(f"act.ask.{key}", lang, task=line, who=who, minutes=_minutes())


def _card_at(context: BotContext, message: object) -> tuple[int, int] | None:
    """(chat, message) of a card a decision button was pressed on; None for a notice."""
    if isinstance(message, Message) and is_card(context.services, message):
        return message.chat.id, message.message_id
    return None


def _origin(waiting: Waiting) -> tuple[int, int] | None:
    """The card a typed decision's question was asked from (see ``acting.ask``)."""
    origin = waiting.data.get("origin")
    if isinstance(origin, list) and len(origin) == 2 and all(isinstance(n, int) for n in origin):
        return origin[0], origin[1]
    return None


async def _close_copies(
    context: BotContext, decided: acting.Decided, access: Access | None = None,
    card: tuple[int, int] | None = None,
) -> None:
    """Take the decision buttons off every admin's copy of the notice (best effort), and
    redraw for ``access`` the ``card`` (chat, message) the decision was taken from."""
    for closing in decided.closings:
        with contextlib.suppress(TelegramError):
            await context.bot.edit_message_text(
                closing.text, chat_id=closing.chat_id, message_id=closing.message_id,
                reply_markup=None)
    if access is not None and card is not None:
        await refresh_card(context, access, card, decided.task.id)


# ----------------------------------------------------------------------------- presses


async def on_button(update: Update, context: BotContext) -> None:
    """Every officials' and decision button: the use case decides, this says what came of it."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    access = await context.access()
    lang = access.language
    pressed = services.parse_button(query.data)
    task_id = pressed.int_arg(0) if pressed else None
    if pressed is None or task_id is None:
        await query.answer(plain("error.bad_button", lang), show_alert=True)
        return
    if pressed.action == CANCEL_INPUT:
        nonce = pressed.args[1] if len(pressed.args) > 1 else None
        if not await acting.stop_asking(services, access, task_id, nonce):
            # Answered (or ended) already: what was sent stays; only the buttons go.
            await query.answer(plain("act.cancel_stale", lang), show_alert=True)
            if isinstance(query.message, Message):
                with contextlib.suppress(TelegramError):
                    await query.edit_message_reply_markup(reply_markup=None)
            return
        await query.answer(plain("act.cancelled", lang))
        if isinstance(query.message, Message):
            with contextlib.suppress(TelegramError):
                await query.edit_message_text(t("act.cancelled_prompt", lang), reply_markup=None)
        return
    if pressed.action in ADMIN_ACTIONS and not access.is_admin:
        await query.answer(refusal_text(Refusal.NOT_ADMIN, task_id, lang), show_alert=True)
        return
    if not (access.is_admin or access.is_member):
        # In a group the access is narrowed to the group's agencies: someone who belongs to
        # another agency is told the task is not theirs, not that they belong nowhere.
        own = await context.own_access()
        refusal = (refusal_text(Refusal.NO_ACCESS, task_id, lang) if own.is_member or own.is_admin
                   else plain("error.members_only", lang))
        await query.answer(refusal, show_alert=True)
        return
    ref = pressed.int_arg(1)
    if pressed.action in _DECISIONS and ref is None:
        await query.answer(plain("error.bad_button", lang), show_alert=True)
        return
    if pressed.action in _ASKS:
        await _ask(update, context, access, _ASKS[pressed.action], task_id, ref)
    elif pressed.action == CONFIRM and ref is not None:
        day = pressed.int_arg(2)  # a day chosen on the date question ("Hôm nay", …)
        await _confirm(update, context, access, task_id, ref,
                       date.fromordinal(day) if day is not None and day > 0 else None)
    elif pressed.action == APPROVE and ref is not None:
        await _approve(update, context, access, task_id, ref)
    elif ref is not None:  # FILE
        await _send_file(update, context, access, task_id, ref)


async def _ask(
    update: Update, context: BotContext, access: Access, kind: InputKind, task_id: int,
    ref: int | None,
) -> None:
    """Wait for the person's answer and ask for it in the private chat."""
    query = update.callback_query
    assert query is not None
    lang = access.language
    question = await acting.ask(context.services, access, kind, task_id, ref,
                                _card_at(context, query.message))
    if isinstance(question, Refusal):
        await query.answer(refusal_text(question, task_id, lang), show_alert=True)
        return
    services = context.services
    rows = [[InlineKeyboardButton(plain("act.btn.cancel", lang),
                                  callback_data=services.button(
                                      CANCEL_INPUT, task_id, question.waiting.nonce))]]
    if kind is InputKind.DONE_DATE and question.ref_event is not None and ref is not None:
        # The days the office most often means, one tap each; any other is typed.
        today = services.today()
        reported = local_date(question.ref_event.at, services.settings.tz)
        days = [("act.btn.on_today", today)]
        if reported != today:
            days.append(("act.btn.on_reported", reported))
        rows.insert(0, [InlineKeyboardButton(
            plain(key, lang, date=fmt_date(day)),
            callback_data=services.button(CONFIRM, task_id, ref, day.toordinal()))
            for key, day in days])
    cancel = InlineKeyboardMarkup(rows)
    try:
        prompt = _prompt(kind, question, lang, context.services.today())
        await context.bot.send_message(access.user_id, prompt, reply_markup=cancel)
    except Forbidden:  # pressed in a group by someone who never opened the bot
        await asked.end(context.services, question.waiting)
        await query.answer(plain("act.open_private", lang), show_alert=True)
        return
    private = query.message is not None and query.message.chat.id == access.user_id
    await query.answer(None if private else plain("act.asked_in_private", lang))


async def _confirm(
    update: Update, context: BotContext, access: Access, task_id: int, report_id: int,
    completed_on: date | None = None,
) -> None:
    query = update.callback_query
    assert query is not None
    lang = access.language
    services = context.services
    if completed_on is not None and check_completion_date(completed_on, services.today()):
        await query.answer(plain("act.done_date.future", lang, today=fmt_date(services.today())),
                           show_alert=True)
        return
    result = await acting.confirm_done(services, access, task_id, report_id, completed_on)
    if isinstance(result, Refusal):
        await query.answer(refusal_text(result, task_id, lang), show_alert=True)
        return
    unit = result[1].unit
    await query.answer(plain("act.confirmed_toast_unit", lang, id=task_id,
                             unit=shorten(unit, 60)) if unit is not None
                       else plain("act.confirmed_toast", lang, id=task_id))
    context.wake_sender()
    # A day chosen on the date question answers that question, not a card.
    await _close_copies(context, result[1], access,
                        None if completed_on else _card_at(context, query.message))
    if completed_on is not None and isinstance(query.message, Message):
        # The date question is answered: it says so instead of keeping its buttons.
        with contextlib.suppress(TelegramError):
            await query.edit_message_text(
                _confirmed_text(result[0].completed_on, result[1], task_id, lang))


def _confirmed_text(completed_on: date, decided: acting.Decided, task_id: int, lang: str
                    ) -> Html:
    """The office's answer once it confirmed a report on a day it gave."""
    day, unit = fmt_date(completed_on), decided.unit
    if unit is not None:
        return t("act.done.admin_confirmed_unit", lang, id=task_id, unit=shorten(unit, 60),
                 date=day)
    return t("act.done.admin_confirmed", lang, id=task_id, date=day)


async def _approve(
    update: Update, context: BotContext, access: Access, task_id: int, request_id: int
) -> None:
    query = update.callback_query
    assert query is not None
    lang = access.language
    result = await acting.approve_extension(context.services, access, task_id, request_id)
    if isinstance(result, Refusal):
        await query.answer(refusal_text(result, task_id, lang), show_alert=True)
        return
    if result.unit is not None:
        await query.answer(plain("act.approved_toast_unit", lang, id=task_id,
                                 unit=shorten(result.unit, 60),
                                 date=fmt_date(result.task.deadline)))
    else:
        await query.answer(plain("act.approved_toast", lang, id=task_id))
    context.wake_sender()
    await _close_copies(context, result, access, _card_at(context, query.message))


async def _send_file(
    update: Update, context: BotContext, access: Access, task_id: int, event_id: int
) -> None:
    """Send the file attached to a progress report to someone who may see the task."""
    query = update.callback_query
    assert query is not None
    lang = access.language
    found = await acting.progress_file(context.services, access, task_id, event_id)
    if isinstance(found, Refusal):
        await query.answer(refusal_text(found, task_id, lang), show_alert=True)
        return
    event, file_id = found
    await query.answer()
    caption = t("act.file_caption", lang, id=task_id, note=shorten(event.note or "", 200))
    if event.data.get("file_kind") == "photo":
        await context.bot.send_photo(access.user_id, file_id, caption=caption)
    else:
        await context.bot.send_document(access.user_id, file_id, caption=caption)


# ----------------------------------------------------------------------------- answers


def _attachment(message: Message) -> dict[str, Any] | None:
    if message.document is not None:
        return {"file_id": message.document.file_id, "file_kind": "document",
                "file_name": message.document.file_name or ""}
    if message.photo:
        return {"file_id": message.photo[-1].file_id, "file_kind": "photo", "file_name": ""}
    return None


async def on_answer(update: Update, context: BotContext, waiting: Waiting) -> None:
    """The answer to a question a button asked."""
    message = update.effective_message
    assert message is not None
    services = context.services
    access = await context.access()
    lang = access.language
    task_id = waiting.task_id or 0
    text = (message.text or message.caption or "").strip()
    kind = InputKind(waiting.kind)
    reply: Html
    markup: InlineKeyboardMarkup | None = _open_markup(context, task_id, lang)
    if kind is InputKind.PROGRESS:
        result = await acting.report_progress(services, access, waiting, text,
                                              _attachment(message))
        if result is None:
            await message.reply_text(t("act.progress.need_text", lang))
            return
        if isinstance(result, Refusal):
            await message.reply_text(t(f"act.refuse.{result.value}", lang, id=task_id))
            return
        reply = t("act.progress.saved_file" if result.data.get("file_id")
                  else "act.progress.saved", lang, id=task_id)
    elif not text:
        await message.reply_text(t("act.input.need_text", lang))
        return
    elif kind is InputKind.DONE_DATE:
        await _answer_done_date(context, message, access, waiting, text)
        return
    elif kind is InputKind.APPROVE_DATE:
        granted = await acting.choose_extension_date(services, access, waiting, text)
        if isinstance(granted, Refusal):
            await message.reply_text(t(f"act.refuse.{granted.value}", lang, id=task_id))
        elif isinstance(granted, acting.DateAnswer):
            await message.reply_text(t(granted.key, lang, **granted.params))
        else:
            await message.reply_text(t("act.ask.approve_note", lang, id=task_id,
                                       date=fmt_date(granted.due),
                                       who=_who(granted.unit, lang)))
        return
    elif kind is InputKind.EXTENSION_DATE:
        due = await acting.propose_date(services, access, waiting, text)
        if isinstance(due, Refusal):
            await message.reply_text(t(f"act.refuse.{due.value}", lang, id=task_id))
        elif isinstance(due, acting.DateAnswer):
            await message.reply_text(t(due.key, lang, **due.params))
        else:
            await message.reply_text(t("act.ask.extension_reason", lang, id=task_id,
                                       date=fmt_date(due)))
        return
    else:
        done = await _answer_note(context, access, kind, waiting, text)
        if isinstance(done, Refusal):
            await message.reply_text(t(f"act.refuse.{done.value}", lang, id=task_id))
            return
        reply, markup = done
    context.wake_sender()
    await message.reply_text(reply, reply_markup=markup)


async def _answer_note(
    context: BotContext, access: Access, kind: InputKind, waiting: Waiting, text: str
) -> tuple[Html, InlineKeyboardMarkup | None] | Refusal:
    """A typed result, reason or note: the use case files it; the reply says so."""
    services = context.services
    lang = access.language
    task_id = waiting.task_id or 0
    if kind is InputKind.DONE_RESULT:
        done = await acting.report_done(services, access, waiting, text)
        if isinstance(done, Refusal):
            return done
        return t("act.done.sent", lang, id=task_id), _open_markup(context, task_id, lang)
    if kind is InputKind.EXTENSION_REASON:
        request = await acting.request_extension(services, access, waiting, text)
        if isinstance(request, Refusal):
            return request
        return (t("act.extension.sent", lang, id=task_id, new=acting.requested_date(request)),
                _open_markup(context, task_id, lang))
    if kind is InputKind.APPROVE_NOTE:
        approved = await acting.approve_extension(
            services, access, task_id, int(waiting.data.get("request", 0)), waiting, text)
        if isinstance(approved, Refusal):
            return approved
        await _close_copies(context, approved, access, _origin(waiting))
        granted = fmt_date(approved.task.deadline)  # the unit's new deadline
        if approved.unit is not None:
            return t("act.done.admin_approved_unit", lang, id=task_id,
                     unit=shorten(approved.unit, 60), date=granted), None
        return t("act.done.admin_approved", lang, id=task_id, date=granted), None
    if kind is InputKind.RETURN_NOTE:
        decided = await acting.return_done(services, access, waiting, text)
        key = "act.done.admin_returned"
    else:
        decided = await acting.reject_extension(services, access, waiting, text)
        key = "act.done.admin_rejected"
    if isinstance(decided, Refusal):
        return decided
    await _close_copies(context, decided, access, _origin(waiting))
    if decided.unit is not None:
        return t(f"{key}_unit", lang, id=task_id, unit=shorten(decided.unit, 60)), None
    return t(key, lang, id=task_id), None


async def _answer_done_date(
    context: BotContext, message: Message, access: Access, waiting: Waiting, text: str
) -> None:
    """The day the task was really done, typed by the office: checked, then confirmed."""
    services = context.services
    lang = access.language
    task_id = waiting.task_id or 0
    today = services.today()
    try:
        day = parse_document_date(text, today)
    except DateInputError as exc:
        await message.reply_text(t(f"act.done_date.{exc.code}", lang, text=text,
                                   today=fmt_date(today), **examples(today)))
        return
    if check_completion_date(day, today):
        await message.reply_text(t("act.done_date.future", lang, today=fmt_date(today)))
        return
    result = await acting.confirm_done(services, access, task_id,
                                       int(waiting.data.get("report", 0)), day)
    if isinstance(result, Refusal):
        await asked.end(services, waiting)
        await message.reply_text(t(f"act.refuse.{result.value}", lang, id=task_id))
        return
    context.wake_sender()
    await _close_copies(context, result[1], access, _origin(waiting))
    await message.reply_text(_confirmed_text(result[0].completed_on, result[1], task_id, lang))


async def on_ended(context: BotContext, waiting: Waiting, why: Ending) -> Html | None:
    """What to say when the question ends unanswered."""
    lang = (await context.access()).language
    task_id = waiting.task_id or 0
    if why is Ending.EXPIRED:
        return t("act.input.expired", lang, id=task_id,
                 what=t(f"act.kind.{waiting.kind}", lang), minutes=_minutes())
    if why is Ending.CANCEL:
        return t(f"cancel.act.{waiting.kind}", lang, id=task_id)
    if why is Ending.COMMAND:
        return t(f"act.dropped.{waiting.kind}", lang, id=task_id)
    return None


def owns(pressed: Callback) -> bool:
    """The flow's own buttons (another task's button does not end a question)."""
    return pressed.action in ACTIONS


FLOW = FlowHandlers(answer=on_answer, ended=on_ended, owns=owns)
