"""/task N and the "open task" button: one card, shown only to those who may see it.

The card's buttons are what this person may do on this task right now: an official's
report, completion and extension; the office's decisions on what waits; an admin's edits.
Every press is checked again on the server (handlers/actions.py, handlers/task_admin.py).
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.core.access import Access
from bot.core.actions import (
    DONE,
    EXTEND,
    FILE,
    PROGRESS,
    latest_of_kind,
    may_report_done,
    may_report_progress,
    may_request_extension,
    pending_extension,
)
from bot.core.admin import TaskOp, allowed_ops
from bot.core.models import ChatType, EventKind, Task, TaskCard, TaskEvent, TaskStatus
from bot.core.numbers import parse_number
from bot.texts import Html, plain, t
from bot.usecases import acting, queries
from bot.usecases.acting import OPEN_TASK
from bot.usecases.services import Services
from bot.views.render import agency_names, render_task_card, split_message
from handlers.context import BotContext

ButtonRows = list[list[InlineKeyboardButton]]

EDIT = "te"  # callback action of an admin's edit button on a card: te:<op>:<task id>
EDIT_LABELS = {
    TaskOp.TEXT: "edit.button.text",
    TaskOp.AGENCIES: "edit.button.agencies",
    TaskOp.DEADLINE: "edit.button.deadline",
    TaskOp.CANCEL: "edit.button.cancel",
    TaskOp.REOPEN: "edit.button.reopen",
}


def open_task_button(services: Services, task_id: int, label: str) -> InlineKeyboardButton:
    """A button that opens a task's card (for lists, nudges and summaries)."""
    return InlineKeyboardButton(label, callback_data=services.button(OPEN_TASK, task_id))


def _row(specs: Sequence[tuple[str, str]]) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(label, callback_data=data) for label, data in specs]


def member_buttons(
    services: Services, access: Access, task: Task, events: Sequence[TaskEvent]
) -> ButtonRows:
    """An official's report, completion and extension; the office's pending decisions."""
    lang = access.language
    rows: ButtonRows = []
    member_row: list[InlineKeyboardButton] = []
    if may_report_progress(access, task) is None:
        member_row.append(InlineKeyboardButton(
            plain("act.btn.progress", lang), callback_data=services.button(PROGRESS, task.id)))
    if may_report_done(access, task) is None:
        member_row.append(InlineKeyboardButton(
            plain("act.btn.done", lang), callback_data=services.button(DONE, task.id)))
    pending = pending_extension(events)
    if access.is_lead_of(task) and may_request_extension(access, task, pending) is None:
        member_row.append(InlineKeyboardButton(
            plain("act.btn.extend", lang), callback_data=services.button(EXTEND, task.id)))
    if member_row:
        rows.append(member_row[:1])
        if member_row[1:]:
            rows.append(member_row[1:])
    if access.is_admin and task.status is TaskStatus.REPORTED_DONE:
        report = latest_of_kind(events, EventKind.DONE_REPORTED)
        if report is not None:
            rows.extend(_row(row) for row in
                        acting.decide_report_buttons(services, task.id, report.id, lang))
    if access.is_admin and pending is not None and task.is_open:
        rows.extend(_row(row) for row in
                    acting.decide_extension_buttons(services, task.id, pending.id, lang))
    latest = latest_of_kind(events, EventKind.PROGRESS)
    if latest is not None and latest.data.get("file_id"):
        rows.append([InlineKeyboardButton(
            plain("act.btn.file", lang), callback_data=services.button(FILE, task.id, latest.id))])
    return rows


def admin_buttons(services: Services, access: Access, task: Task) -> ButtonRows:
    """An admin's edit rows: only the actions the task's state allows."""
    if not access.is_admin:
        return []
    buttons = [
        InlineKeyboardButton(plain(EDIT_LABELS[op], access.language),
                             callback_data=services.button(EDIT, op.value, task.id))
        for op in allowed_ops(task)
    ]
    return [buttons[i:i + 2] for i in range(0, len(buttons), 2)]


def task_card(services: Services, access: Access, card: TaskCard) -> tuple[Html, ButtonRows]:
    """The card of a task and the buttons this person may press on it."""
    task, events = card.task, card.events
    text = render_task_card(
        task, card.conclusion, services.directory, events, card.names, services.today(),
        services.settings.tz, access.language,
        latest_report=latest_of_kind(events, EventKind.PROGRESS),
    )
    rows = member_buttons(services, access, task, events) + admin_buttons(services, access, task)
    return text, rows


async def _refusal(
    update: Update, context: BotContext, access: Access, task_id: int, task: Task | None
) -> Html | None:
    """Why this card cannot be shown here, or None when it can.

    In a group the person's access is already narrowed to the group's linked agencies; a
    refusal there names what the group shows instead of the private-chat wording (which
    would tell an admin or a member that they belong to no agency).
    """
    services = context.services
    lang = access.language
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE.value:
        if task is not None and access.may_view(task) and (access.is_admin or access.is_member):
            return None
        linked_ids = await services.linked_agencies(chat.id)
        if not linked_ids:
            return t("group.card_unlinked", lang, id=task_id)
        names = agency_names(sorted(linked_ids), services.directory)
        if task is not None and linked_ids & set(task.agency_ids):
            # The group's own agency's task, asked by someone who is not its member.
            return t("group.card_members_only", lang, id=task_id, agencies=Html(names))
        return t("group.card_elsewhere", lang, id=task_id, agencies=Html(names))
    if not (access.is_admin or access.is_member):
        return t("error.members_only", lang)
    if task is None:
        return t("card.not_found", lang, id=task_id)
    if not access.may_view(task):
        return t("card.no_access", lang, id=task_id)
    return None


async def send_task_card(
    update: Update, context: BotContext, task_id: int | None, from_button: bool = False
) -> None:
    """Reply with the card, or with why it cannot be shown.

    A refused button press gets a pop-up alert (like every other button) instead of a new
    message, which in a group everyone would read.
    """
    chat = update.effective_chat
    query = update.callback_query
    if chat is None:
        return
    services = context.services
    access = await context.access()
    lang = access.language
    if task_id is None:
        if from_button and query is not None:
            await query.answer(plain("error.bad_button", lang), show_alert=True)
        else:
            await context.bot.send_message(chat.id, t("card.usage", lang))
        return
    card = await queries.task_card(services, task_id)
    task = card.task if card is not None else None
    refusal = await _refusal(update, context, access, task_id, task)
    if refusal is not None or card is None:
        text = refusal or t("card.not_found", lang, id=task_id)
        if from_button and query is not None:
            await query.answer(html.unescape(text), show_alert=True)
        else:
            await context.bot.send_message(chat.id, text)
        return
    # The press is answered while the card is read and sent: the spinner on the button
    # stops no later, and the card does not wait one more round trip for it.
    answered = (
        asyncio.ensure_future(query.answer()) if from_button and query is not None else None
    )
    try:
        text, rows = task_card(services, access, card)
        chunks = split_message(text)
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await context.bot.send_message(
                chat.id, chunk, reply_markup=InlineKeyboardMarkup(rows) if last and rows else None
            )
    finally:
        if answered is not None:
            await answered


async def task_command(update: Update, context: BotContext) -> None:
    """/task N."""
    args = context.args or []
    task_id = parse_number(args[0].lstrip("#"), 1) if args else None
    await send_task_card(update, context, task_id)


async def open_task(update: Update, context: BotContext) -> None:
    """The "open task" button."""
    query = update.callback_query
    if query is None:
        return
    pressed = context.services.parse_button(query.data)
    await send_task_card(update, context, pressed.int_arg(0) if pressed else None,
                         from_button=True)
