"""Acting on a task: progress reports, done reports, extensions, and admins' decisions.

Buttons (on the task card, on nudges through :func:`action_button_specs`, on the admins'
notices) only *start* an action; the server re-checks everything on every press and again
when writing (see :mod:`storage.repo.actions`). What the user then types is awaited through
a row in ``pending_inputs`` keyed by user, so it survives a restart and expires clearly.
Notifications to admins and agencies go through the outbox, so none is lost.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bot.adapters.delivery import message_payload
from bot.core.access import Access
from bot.core.actions import (
    ADMIN_ACTIONS,
    APPROVE,
    CANCEL_INPUT,
    CONFIRM,
    DONE,
    EXTEND,
    FILE,
    INPUT_TTL,
    PROGRESS,
    REJECT,
    RETURN,
    ButtonSpecs,
    InputKind,
    PendingInput,
    Refusal,
    check_proposed_deadline,
    latest_of_kind,
    may_decide_extension,
    may_decide_report,
    may_report_done,
    may_report_progress,
    may_request_extension,
    pending_extension,
    shorten_note,
)
from bot.core.callbacks import action_pattern
from bot.core.dates import fmt_date, fmt_datetime
from bot.core.deadlines import DeadlineError, parse_deadline
from bot.core.models import EventKind, NewOutboxMessage, Task, TaskEvent, TaskStatus
from bot.texts import Html, plain, t
from bot.usecases.services import Services
from bot.views.render import agency_names, deadline_text, shorten
from handlers.common import access_of
from handlers.context import Context, services_of, wake_sender
from handlers.tasks import OPEN_TASK, ButtonRows, add_task_buttons
from storage.repo.actions import Confirmed

log = logging.getLogger(__name__)

_ACTIONS = (PROGRESS, DONE, EXTEND, CONFIRM, RETURN, APPROVE, REJECT, CANCEL_INPUT, FILE)
# After tracking (-10) and the button guard (-5); before /new (-2) and /join typing (-1).
INPUT_GROUP = -3
_ADMIN_KINDS = frozenset({InputKind.RETURN_NOTE, InputKind.REJECT_NOTE})



# ----------------------------------------------------------------------------- buttons


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


async def card_buttons(
    services: Services, access: Access, task: Task, events: Sequence[TaskEvent]
) -> ButtonRows:
    """Buttons on /task N: what this person may do on this task right now."""
    lang = access.language
    rows: ButtonRows = []
    member_row: list[InlineKeyboardButton] = []
    if may_report_progress(access, task) is None:
        member_row.append(_button(plain("act.btn.progress", lang),
                                  services.button(PROGRESS, task.id)))
    if may_report_done(access, task) is None:
        member_row.append(_button(plain("act.btn.done", lang), services.button(DONE, task.id)))
    pending = pending_extension(events)
    if access.is_lead_of(task) and may_request_extension(access, task, pending) is None:
        member_row.append(_button(plain("act.btn.extend", lang), services.button(EXTEND, task.id)))
    if member_row:
        rows.append(member_row[:1])
        if member_row[1:]:
            rows.append(member_row[1:])
    if access.is_admin and task.status is TaskStatus.REPORTED_DONE:
        report = latest_of_kind(events, EventKind.DONE_REPORTED)
        if report is not None:
            rows.append(_decide_report_row(services, task.id, report.id, lang))
    if access.is_admin and pending is not None and task.is_open:
        rows.append(_decide_extension_row(services, task.id, pending.id, lang))
    latest = latest_of_kind(events, EventKind.PROGRESS)
    if latest is not None and latest.data.get("file_id"):
        rows.append([_button(plain("act.btn.file", lang),
                             services.button(FILE, task.id, latest.id))])
    return rows


def _decide_report_row(
    services: Services, task_id: int, report_id: int, lang: str
) -> list[InlineKeyboardButton]:
    return [
        _button(plain("act.btn.confirm", lang), services.button(CONFIRM, task_id, report_id)),
        _button(plain("act.btn.return", lang), services.button(RETURN, task_id, report_id)),
    ]


def _decide_extension_row(
    services: Services, task_id: int, request_id: int, lang: str
) -> list[InlineKeyboardButton]:
    return [
        _button(plain("act.btn.approve", lang), services.button(APPROVE, task_id, request_id)),
        _button(plain("act.btn.reject", lang), services.button(REJECT, task_id, request_id)),
    ]


# ----------------------------------------------------------------------------- helpers


def refusal_text(refusal: Refusal, task_id: int, lang: str) -> str:
    """The plain-text reason (for button alerts)."""
    return plain(f"act.refuse.{refusal.value}", lang, id=task_id)


def _task_line(task: Task, lang: str) -> Html:
    return t("act.task_line", lang, id=task.id, text=shorten(task.text, 160))


def _verdict(deadline: date | None, completed_on: date, lang: str) -> Html:
    if deadline is None:
        return t("act.verdict.no_deadline", lang)
    if completed_on <= deadline:
        return t("act.verdict.on_time", lang)
    return t("act.verdict.late", lang, days=(completed_on - deadline).days)


async def _admin_ids(services: Services) -> list[int]:
    ids = set(services.settings.admin_ids)
    ids.update(user.telegram_id for user in await services.repos.users.admins())
    return sorted(ids)


async def _lead_member_ids(services: Services, task: Task) -> list[int]:
    ids: set[int] = set()
    for agency_id in task.lead_ids:
        ids.update(user.telegram_id for user in await services.repos.memberships.members_of(
            agency_id))
    return sorted(ids)


async def _language(services: Services, user_id: int) -> str:
    user = await services.repos.users.get(user_id)
    return user.language if user is not None else "vi"


def _view_button(services: Services, task_id: int, lang: str) -> tuple[str, str]:
    return plain("act.btn.view", lang, id=task_id), services.button(OPEN_TASK, task_id)


async def _notify(
    context: Context, key: str, recipients: list[int], kind: str,
    compose: Callable[[str], tuple[str, ButtonSpecs]],
) -> None:
    """Enqueue one message per recipient (in their language) and wake the sender.

    ``compose(lang)`` returns (html, button rows). The dedupe key makes a retried action
    (e.g. a double press racing the first) enqueue nothing twice.
    """
    services = services_of(context)
    messages = []
    for user_id in recipients:
        lang = await _language(services, user_id)
        text, buttons = compose(lang)
        messages.append(NewOutboxMessage(
            dedupe_key=f"{key}:{user_id}", chat_id=user_id, kind=kind,
            payload=message_payload(text, buttons),
        ))
    if messages:
        await services.repos.outbox.enqueue(messages)
        wake_sender(context)


def closed_notice(text: str, header: str, footer: str, drop_last_paragraph: bool) -> str:
    """An admin's notice once decided: the new header, the same facts, who decided.

    Notices are composed from the catalogue as "header line, facts, [a closing sentence
    about the pending decision]" (act.notify.done_reported, act.notify.extension_requested),
    so the header is the first line and the stale sentence the last paragraph.
    """
    body = text.split("\n", 1)[1] if "\n" in text else ""
    if drop_last_paragraph and "\n\n" in body:
        body = body.rsplit("\n\n", 1)[0]
    return f"{header}\n{body}\n\n{footer}"


async def _close_admin_copies(
    context: Context, key: str, outcome: str, drop_last_paragraph: bool, **params: Any
) -> None:
    """Take the decision buttons off every admin's copy of a notice, saying what was decided
    (in its header) and who decided; a sentence about the pending decision goes away."""
    services = services_of(context)
    for admin_id in await _admin_ids(services):
        row = await services.repos.outbox.by_key(f"{key}:{admin_id}")
        if row is None or row.sent_message_id is None:
            continue
        lang = await _language(services, admin_id)
        text = closed_notice(str(row.payload["text"]), t(f"act.closed.{outcome}", lang),
                             t("act.decided_by", lang, **params), drop_last_paragraph)
        with contextlib.suppress(TelegramError):
            await context.bot.edit_message_text(
                text, chat_id=row.chat_id, message_id=row.sent_message_id, reply_markup=None
            )


async def _say(context: Context, user_id: int, text: str,
               markup: InlineKeyboardMarkup | None = None) -> None:
    await context.bot.send_message(user_id, text, reply_markup=markup)


def _open_markup(services: Services, task_id: int, lang: str) -> InlineKeyboardMarkup:
    label, data = _view_button(services, task_id, lang)
    return InlineKeyboardMarkup([[_button(label, data)]])


# ----------------------------------------------------------------------------- presses


async def _ask(
    update: Update, context: Context, access: Access, kind: InputKind, task: Task,
    data: dict[str, Any], prompt: str,
) -> None:
    """Wait for the user's answer (stored) and ask for it in the private chat."""
    query = update.callback_query
    assert query is not None
    services = services_of(context)
    lang = access.language
    await services.repos.pending.put(
        access.user_id, kind, task.id, data, services.clock.now() + INPUT_TTL
    )
    cancel = InlineKeyboardMarkup([[_button(plain("act.btn.cancel", lang),
                                            services.button(CANCEL_INPUT, task.id))]])
    try:
        await _say(context, access.user_id, prompt, cancel)
    except Forbidden:  # pressed in a group by someone who never opened the bot
        await services.repos.pending.clear(access.user_id)
        await query.answer(plain("act.open_private", lang), show_alert=True)
        return
    private = query.message is not None and query.message.chat.id == access.user_id
    await query.answer(None if private else plain("act.asked_in_private", lang))


async def on_button(update: Update, context: Context) -> None:
    """Every officials' button: re-check who presses, on what, in which state."""
    query = update.callback_query
    if query is None:
        return
    services = services_of(context)
    access = await access_of(update, context)
    lang = access.language
    pressed = services.parse_button(query.data)
    task_id = pressed.int_arg(0) if pressed else None
    if pressed is None or task_id is None:
        await query.answer(plain("error.bad_button", lang), show_alert=True)
        return
    action, ref = pressed.action, pressed.int_arg(1)
    if action == CANCEL_INPUT:
        # Only the question this prompt asked: a newer question (another button pressed
        # since) stays pending. The prompt itself no longer promises to wait.
        pending_input = await services.repos.pending.get(access.user_id)
        if pending_input is not None and pending_input.task_id == task_id:
            await services.repos.pending.clear(access.user_id)
        await query.answer(plain("act.cancelled", lang))
        if isinstance(query.message, Message):
            with contextlib.suppress(TelegramError):
                await query.edit_message_text(t("act.cancelled_prompt", lang), reply_markup=None)
        return
    if action in ADMIN_ACTIONS and not access.is_admin:
        await query.answer(refusal_text(Refusal.NOT_ADMIN, task_id, lang), show_alert=True)
        return
    if not (access.is_admin or access.is_member):
        await query.answer(plain("error.members_only", lang), show_alert=True)
        return
    if action in (CONFIRM, RETURN, APPROVE, REJECT, FILE) and ref is None:
        await query.answer(plain("error.bad_button", lang), show_alert=True)
        return
    task = await services.repos.tasks.get(task_id)
    refusal: Refusal | None
    if action == PROGRESS:
        refusal = may_report_progress(access, task)
        if refusal is None and task is not None:
            await _ask(update, context, access, InputKind.PROGRESS, task, {},
                       t("act.ask.progress", lang, task=_task_line(task, lang),
                         minutes=_minutes()))
            return
    elif action == DONE:
        refusal = may_report_done(access, task)
        if refusal is None and task is not None:
            await _ask(update, context, access, InputKind.DONE_RESULT, task, {},
                       t("act.ask.done", lang, task=_task_line(task, lang), minutes=_minutes()))
            return
    elif action == EXTEND:
        pending = await services.repos.actions.pending_extension(task_id)
        refusal = may_request_extension(access, task, pending)
        if refusal is None and task is not None:
            await _ask(update, context, access, InputKind.EXTENSION_DATE, task, {},
                       t("act.ask.extension_date", lang, task=_task_line(task, lang),
                         deadline=fmt_date(task.deadline), minutes=_minutes()))
            return
    elif action == CONFIRM:
        assert ref is not None
        await _confirm(update, context, access, task_id, ref)
        return
    elif action == RETURN:
        assert ref is not None
        refusal = may_decide_report(
            access, task, await services.repos.actions.event(ref),
            await services.repos.actions.latest_report_id(task_id),
        )
        if refusal is None and task is not None:
            await _ask(update, context, access, InputKind.RETURN_NOTE, task, {"report": ref},
                       t("act.ask.return_note", lang, task=_task_line(task, lang),
                         minutes=_minutes()))
            return
    elif action == APPROVE:
        assert ref is not None
        await _approve(update, context, access, task_id, ref)
        return
    elif action == REJECT:
        assert ref is not None
        refusal = may_decide_extension(
            access, task, await services.repos.actions.event(ref),
            await services.repos.actions.pending_extension(task_id),
        )
        if refusal is None and task is not None:
            await _ask(update, context, access, InputKind.REJECT_NOTE, task, {"request": ref},
                       t("act.ask.reject_note", lang, task=_task_line(task, lang),
                         minutes=_minutes()))
            return
    else:  # FILE
        assert ref is not None
        await _send_file(update, context, access, task, ref)
        return
    await query.answer(refusal_text(refusal or Refusal.STALE, task_id, lang), show_alert=True)


def _minutes() -> int:
    return int(INPUT_TTL.total_seconds() // 60)


async def _send_file(
    update: Update, context: Context, access: Access, task: Task | None, event_id: int
) -> None:
    """Send the file attached to a progress report to someone who may see the task."""
    query = update.callback_query
    assert query is not None
    lang = access.language
    if task is None or not access.may_view(task):
        refusal = Refusal.NOT_FOUND if task is None else Refusal.NO_ACCESS
        await query.answer(refusal_text(refusal, task.id if task else 0, lang), show_alert=True)
        return
    event = await services_of(context).repos.actions.event(event_id)
    file_id = event.data.get("file_id") if event and event.task_id == task.id else None
    if not isinstance(file_id, str) or event is None:
        await query.answer(refusal_text(Refusal.STALE, task.id, lang), show_alert=True)
        return
    await query.answer()
    caption = t("act.file_caption", lang, id=task.id, note=shorten(event.note or "", 200))
    if event.data.get("file_kind") == "photo":
        await context.bot.send_photo(access.user_id, file_id, caption=caption)
    else:
        await context.bot.send_document(access.user_id, file_id, caption=caption)


async def _confirm(
    update: Update, context: Context, access: Access, task_id: int, report_id: int
) -> None:
    query = update.callback_query
    assert query is not None
    services = services_of(context)
    lang = access.language
    result = await services.repos.actions.confirm_done(
        access, task_id, report_id, services.settings.tz
    )
    if isinstance(result, Refusal):
        await query.answer(refusal_text(result, task_id, lang), show_alert=True)
        return
    await query.answer(plain("act.confirmed_toast", lang, id=task_id))
    task = await services.repos.tasks.get(task_id)
    assert task is not None
    await _after_confirm(context, access, task, result)


async def _after_confirm(
    context: Context, access: Access, task: Task, result: Confirmed
) -> None:
    services = services_of(context)
    names = await services.repos.users.names([access.user_id])
    when = fmt_datetime(services.clock.now(), services.settings.tz)
    period = result.deadline

    def compose(lang: str) -> tuple[str, ButtonSpecs]:
        verdict = _verdict(period, result.completed_on, lang)
        if result.next_deadline is not None:
            text = t("act.notify.recurred", lang, task=_task_line(task, lang),
                     date=fmt_date(result.completed_on), verdict=verdict,
                     next=fmt_date(result.next_deadline))
        else:
            text = t("act.notify.confirmed", lang, task=_task_line(task, lang),
                     date=fmt_date(result.completed_on), verdict=verdict)
        return text, [[_view_button(services, task.id, lang)]]

    await _notify(context, f"act:confirmed:{result.report.id}",
                  await _lead_member_ids(services, task), "act.decision", compose)
    await _close_admin_copies(context, f"act:report:{result.report.id}", "confirmed", True,
                              who=names[access.user_id], at=when)


async def _approve(
    update: Update, context: Context, access: Access, task_id: int, request_id: int
) -> None:
    query = update.callback_query
    assert query is not None
    services = services_of(context)
    lang = access.language
    result = await services.repos.actions.approve_extension(access, task_id, request_id)
    if isinstance(result, Refusal):
        await query.answer(refusal_text(result, task_id, lang), show_alert=True)
        return
    await query.answer(plain("act.approved_toast", lang, id=task_id))
    task = await services.repos.tasks.get(task_id)
    assert task is not None
    old, new = _request_dates(result)

    def compose(lang: str) -> tuple[str, ButtonSpecs]:
        return (t("act.notify.approved", lang, task=_task_line(task, lang), old=old, new=new),
                [[_view_button(services, task.id, lang)]])

    await _notify(context, f"act:approved:{result.id}",
                  await _lead_member_ids(services, task), "act.decision", compose)
    names = await services.repos.users.names([access.user_id])
    await _close_admin_copies(
        context, f"act:extension:{result.id}", "approved", False,
        who=names[access.user_id], at=fmt_datetime(services.clock.now(), services.settings.tz))


def _request_dates(request: TaskEvent) -> tuple[str, str]:
    def day(value: object) -> str:
        return fmt_date(date.fromisoformat(value)) if isinstance(value, str) and value else "—"

    return day(request.data.get("old")), day(request.data.get("new"))


# ----------------------------------------------------------------------------- typed answers


def _attachment(message: Message) -> dict[str, Any] | None:
    if message.document is not None:
        return {"file_id": message.document.file_id, "file_kind": "document",
                "file_name": message.document.file_name or ""}
    if message.photo:
        return {"file_id": message.photo[-1].file_id, "file_kind": "photo", "file_name": ""}
    return None


async def forget_input(update: Update, context: Context) -> None:
    """A command ends a pending question, so the next text goes to that command's flow.

    The person is told, so an answer typed after the command is not believed to be recorded;
    the command itself then proceeds as usual (this handler does not stop the update).
    """
    user = update.effective_user
    message = update.effective_message
    if user is None:
        return
    services = services_of(context)
    pending = await services.repos.pending.get(user.id)
    if pending is None or not await services.repos.pending.clear(user.id):
        return
    if message is not None and not pending.expired(services.clock.now()):
        lang = (await services.access(user.id)).language
        await message.reply_text(t(f"act.dropped.{pending.kind.value}", lang,
                                   id=pending.task_id))


async def on_input(update: Update, context: Context) -> None:
    """The answer to a question a button asked; anything else passes on to other handlers."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    services = services_of(context)
    pending = await services.repos.pending.get(user.id)
    if pending is None:
        return
    text = (message.text or message.caption or "").strip()
    attachment = _attachment(message)
    if pending.kind in _ADMIN_KINDS and not message.text:
        return  # an admin's file is something else (e.g. a notice to record)
    access = await services.access(user.id)
    lang = access.language
    if pending.expired(services.clock.now()):
        await services.repos.pending.clear(user.id)
        await message.reply_text(t("act.input.expired", lang, id=pending.task_id,
                                   what=t(f"act.kind.{pending.kind.value}", lang),
                                   minutes=_minutes()))
        raise ApplicationHandlerStop
    if pending.kind is InputKind.PROGRESS:
        await _progress_input(context, message, access, pending, text, attachment)
    elif not text:
        await message.reply_text(t("act.input.need_text", lang))
    elif pending.kind is InputKind.DONE_RESULT:
        await _done_input(context, message, access, pending, text)
    elif pending.kind is InputKind.EXTENSION_DATE:
        await _extension_date_input(context, message, access, pending, text)
    elif pending.kind is InputKind.EXTENSION_REASON:
        await _extension_reason_input(context, message, access, pending, text)
    elif pending.kind is InputKind.RETURN_NOTE:
        await _return_input(context, message, access, pending, text)
    else:
        await _reject_input(context, message, access, pending, text)
    raise ApplicationHandlerStop


async def _refuse_input(message: Message, services: Services, access: Access,
                        pending: PendingInput, refusal: Refusal) -> None:
    await services.repos.pending.clear(access.user_id)
    await message.reply_text(t(f"act.refuse.{refusal.value}", access.language,
                               id=pending.task_id))


async def _progress_input(
    context: Context, message: Message, access: Access, pending: PendingInput, text: str,
    attachment: dict[str, Any] | None,
) -> None:
    services = services_of(context)
    lang = access.language
    attachment = attachment or pending.data.get("file")
    if not text:
        # A file without a caption: keep it and ask for the words that go with it.
        await services.repos.pending.put(
            access.user_id, pending.kind, pending.task_id, {"file": attachment},
            services.clock.now() + INPUT_TTL,
        )
        await message.reply_text(t("act.progress.need_text", lang))
        return
    result = await services.repos.actions.report_progress(
        access, pending.task_id, shorten_note(text), attachment
    )
    if isinstance(result, Refusal):
        await _refuse_input(message, services, access, pending, result)
        return
    await services.repos.pending.clear(access.user_id)
    key = "act.progress.saved_file" if attachment else "act.progress.saved"
    await message.reply_text(t(key, lang, id=pending.task_id),
                             reply_markup=_open_markup(services, pending.task_id, lang))


async def _done_input(
    context: Context, message: Message, access: Access, pending: PendingInput, text: str
) -> None:
    services = services_of(context)
    lang = access.language
    result = await services.repos.actions.report_done(access, pending.task_id, shorten_note(text))
    if isinstance(result, Refusal):
        await _refuse_input(message, services, access, pending, result)
        return
    await services.repos.pending.clear(access.user_id)
    task = await services.repos.tasks.get(pending.task_id)
    assert task is not None
    names = await services.repos.users.names([access.user_id])
    today = services.today()
    completed = result.at.astimezone(services.settings.tz).date()

    def compose(lang: str) -> tuple[str, ButtonSpecs]:
        text = t(
            "act.notify.done_reported", lang, task=_task_line(task, lang),
            agencies=Html(agency_names(task.lead_ids, services.directory)),
            who=names[access.user_id], at=fmt_datetime(result.at, services.settings.tz),
            deadline=deadline_text(task, today, lang), result=result.note or "",
            date=fmt_date(completed), verdict=_verdict(task.deadline, completed, lang),
        )
        decide = [(b.text, str(b.callback_data))
                  for b in _decide_report_row(services, task.id, result.id, lang)]
        return text, [decide, [_view_button(services, task.id, lang)]]

    await _notify(context, f"act:report:{result.id}", await _admin_ids(services),
                  "act.done_reported", compose)
    await message.reply_text(t("act.done.sent", lang, id=task.id),
                             reply_markup=_open_markup(services, task.id, lang))


async def _extension_date_input(
    context: Context, message: Message, access: Access, pending: PendingInput, text: str
) -> None:
    services = services_of(context)
    lang = access.language
    task = await services.repos.tasks.get(pending.task_id)
    refusal = may_request_extension(
        access, task, await services.repos.actions.pending_extension(pending.task_id)
    )
    if refusal is not None or task is None:
        await _refuse_input(message, services, access, pending, refusal or Refusal.NOT_FOUND)
        return
    try:
        proposed = parse_deadline(text, services.today())
    except DeadlineError as exc:
        await message.reply_text(t(f"act.date.{exc.code}", lang, **{"text": text, **exc.params}))
        return
    problem = check_proposed_deadline(task, proposed)
    if problem is not None or proposed.due is None:
        await message.reply_text(t(f"act.date.{problem.value if problem else 'not_a_date'}",
                                   lang, deadline=fmt_date(task.deadline)))
        return
    await services.repos.pending.put(
        access.user_id, InputKind.EXTENSION_REASON, task.id,
        {"due": proposed.due.isoformat(), "phrase": proposed.phrase},
        services.clock.now() + INPUT_TTL,
    )
    await message.reply_text(t("act.ask.extension_reason", lang, id=task.id,
                               date=fmt_date(proposed.due)))


async def _extension_reason_input(
    context: Context, message: Message, access: Access, pending: PendingInput, text: str
) -> None:
    services = services_of(context)
    lang = access.language
    due = date.fromisoformat(str(pending.data["due"]))
    phrase = str(pending.data.get("phrase") or fmt_date(due))
    result = await services.repos.actions.request_extension(
        access, pending.task_id, due, phrase, shorten_note(text)
    )
    if isinstance(result, Refusal):
        await _refuse_input(message, services, access, pending, result)
        return
    await services.repos.pending.clear(access.user_id)
    task = await services.repos.tasks.get(pending.task_id)
    assert task is not None
    names = await services.repos.users.names([access.user_id])
    old, new = _request_dates(result)

    def compose(lang: str) -> tuple[str, ButtonSpecs]:
        body = t(
            "act.notify.extension_requested", lang, task=_task_line(task, lang),
            agencies=Html(agency_names(task.lead_ids, services.directory)),
            who=names[access.user_id], at=fmt_datetime(result.at, services.settings.tz),
            old=old, new=new, reason=result.note or "",
        )
        decide = [(b.text, str(b.callback_data))
                  for b in _decide_extension_row(services, task.id, result.id, lang)]
        return body, [decide, [_view_button(services, task.id, lang)]]

    await _notify(context, f"act:extension:{result.id}", await _admin_ids(services),
                  "act.extension_requested", compose)
    await message.reply_text(t("act.extension.sent", lang, id=task.id, new=new),
                             reply_markup=_open_markup(services, task.id, lang))


async def _return_input(
    context: Context, message: Message, access: Access, pending: PendingInput, text: str
) -> None:
    services = services_of(context)
    lang = access.language
    report_id = int(pending.data.get("report", 0))
    note = shorten_note(text)
    result = await services.repos.actions.return_done(access, pending.task_id, report_id, note)
    if isinstance(result, Refusal):
        await _refuse_input(message, services, access, pending, result)
        return
    await services.repos.pending.clear(access.user_id)
    task = await services.repos.tasks.get(pending.task_id)
    assert task is not None
    today = services.today()

    def compose(lang: str) -> tuple[str, ButtonSpecs]:
        return (t("act.notify.returned", lang, task=_task_line(task, lang), note=note,
                  deadline=deadline_text(task, today, lang)),
                [[_view_button(services, task.id, lang)]])

    await _notify(context, f"act:returned:{report_id}", await _lead_member_ids(services, task),
                  "act.decision", compose)
    names = await services.repos.users.names([access.user_id])
    await _close_admin_copies(
        context, f"act:report:{report_id}", "returned", True, who=names[access.user_id],
        at=fmt_datetime(services.clock.now(), services.settings.tz))
    await message.reply_text(t("act.done.admin_returned", lang, id=task.id))


async def _reject_input(
    context: Context, message: Message, access: Access, pending: PendingInput, text: str
) -> None:
    services = services_of(context)
    lang = access.language
    request_id = int(pending.data.get("request", 0))
    note = shorten_note(text)
    result = await services.repos.actions.reject_extension(
        access, pending.task_id, request_id, note
    )
    if isinstance(result, Refusal):
        await _refuse_input(message, services, access, pending, result)
        return
    await services.repos.pending.clear(access.user_id)
    task = await services.repos.tasks.get(pending.task_id)
    assert task is not None
    old, new = _request_dates(result)

    def compose(lang: str) -> tuple[str, ButtonSpecs]:
        return (t("act.notify.rejected", lang, task=_task_line(task, lang), old=old, new=new,
                  note=note),
                [[_view_button(services, task.id, lang)]])

    await _notify(context, f"act:rejected:{request_id}", await _lead_member_ids(services, task),
                  "act.decision", compose)
    names = await services.repos.users.names([access.user_id])
    await _close_admin_copies(
        context, f"act:extension:{request_id}", "rejected", False, who=names[access.user_id],
        at=fmt_datetime(services.clock.now(), services.settings.tz))
    await message.reply_text(t("act.done.admin_rejected", lang, id=task.id))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Action buttons, the card's button provider and the typed-answer handler."""
    add_task_buttons(card_buttons)
    app.add_handler(CallbackQueryHandler(on_button, pattern=action_pattern(*_ACTIONS)))
    answers = filters.ChatType.PRIVATE & (
        (filters.TEXT & ~filters.COMMAND) | filters.Document.ALL | filters.PHOTO
    )
    app.add_handler(MessageHandler(answers, on_input), group=INPUT_GROUP)
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, forget_input),
        group=INPUT_GROUP,
    )
