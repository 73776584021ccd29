"""/task N and the "open task" button: one card, shown only to those who may see it.

The card's buttons are what this person may do on this task right now: an official's
report, completion and extension; the office's decisions on what waits; an admin's edits.
Every press is checked again on the server (handlers/actions.py, handlers/task_admin.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError

from bot.core.access import Access
from bot.core.actions import (
    APPROVE,
    APPROVE_TO,
    CONFIRM,
    CONFIRM_ON,
    DONE,
    EXTEND,
    FILE,
    PROGRESS,
    REJECT,
    RETURN,
    Refusal,
    latest_of_kind,
    may_report_done,
    may_report_progress,
    may_request_extension,
)
from bot.core.admin import TaskOp, allowed_ops
from bot.core.assignments import unit_view
from bot.core.models import ChatType, EventKind, Task, TaskCard, TaskStatus
from bot.core.numbers import parse_number
from bot.texts import Html, plain, t
from bot.usecases import acting, queries, units
from bot.usecases.acting import OPEN_TASK
from bot.usecases.services import Services
from bot.views.render import agency_names, render_task_card, split_message
from bot.views.units import card_unit_lines, decision_label, render_units_page, unit_name
from handlers.context import BotContext

ButtonRows = list[list[InlineKeyboardButton]]

EDIT = "te"  # callback action of an admin's edit button on a card: te:<op>:<task id>
UNITS = "tu"  # the list of a task's units not done: tu:<task id>:<page>
EDIT_LABELS = {
    TaskOp.TEXT: "edit.button.text",
    TaskOp.AGENCIES: "edit.button.agencies",
    TaskOp.DEADLINE: "edit.button.deadline",
    TaskOp.CANCEL: "edit.button.cancel",
    TaskOp.REOPEN: "edit.button.reopen",
    TaskOp.CLOSE: "edit.button.close",
}


def open_task_button(services: Services, task_id: int, label: str) -> InlineKeyboardButton:
    """A button that opens a task's card (for lists, nudges and summaries)."""
    return InlineKeyboardButton(label, callback_data=services.button(OPEN_TASK, task_id))


def _row(specs: Sequence[tuple[str, str]]) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(label, callback_data=data) for label, data in specs]


def member_buttons(services: Services, access: Access, view: units.CardUnits) -> ButtonRows:
    """An official's report, completion and extension, for their own unit."""
    lang = access.language
    task = view.task
    member_row: list[InlineKeyboardButton] = []
    if view.mine is not None:
        # The task as the official's unit lives it: its state, its deadline, its request.
        own = unit_view(task, view.mine)
        unit = view.mine.agency_id
        if may_report_progress(access, own) is None:
            member_row.append(InlineKeyboardButton(
                plain("act.btn.progress", lang), callback_data=services.button(PROGRESS, task.id)))
        if may_report_done(access, own) is None:
            member_row.append(InlineKeyboardButton(
                plain("act.btn.done", lang), callback_data=services.button(DONE, task.id, unit)))
        if may_request_extension(access, own, view.mine_pending) is None:
            member_row.append(InlineKeyboardButton(
                plain("act.btn.extend", lang),
                callback_data=services.button(EXTEND, task.id, unit)))
    elif may_report_progress(access, task) is None:  # a supporting agency
        member_row.append(InlineKeyboardButton(
            plain("act.btn.progress", lang), callback_data=services.button(PROGRESS, task.id)))
    rows: ButtonRows = []
    if member_row:
        rows.append(member_row[:1])
        if member_row[1:]:
            rows.append(member_row[1:])
    return rows


def decision_buttons(services: Services, access: Access, view: units.CardUnits) -> ButtonRows:
    """The office's decisions waiting on the task: per unit, named when there are several."""
    if not access.is_admin:
        return []
    lang = access.language
    task_id = view.task.id
    rows: ButtonRows = []
    for decision in view.decisions:
        event_id = decision.event.id
        if not view.several:
            specs = (acting.decide_report_buttons(services, task_id, event_id, lang)
                     if decision.is_report
                     else acting.decide_extension_buttons(services, task_id, event_id, lang))
            rows.extend(_row(row) for row in specs)
            continue
        name = unit_name(services.directory, decision.agency_id)
        if decision.is_report:
            pairs = (("units.btn.confirm", CONFIRM), ("units.btn.return", RETURN),
                     ("units.btn.confirm_on", CONFIRM_ON))
        else:
            pairs = (("units.btn.approve", APPROVE), ("units.btn.reject", REJECT),
                     ("units.btn.approve_to", APPROVE_TO))
        rows.extend([InlineKeyboardButton(decision_label(key, name, lang),
                                          callback_data=services.button(action, task_id,
                                                                        event_id))]
                    for key, action in pairs)
    return rows


def units_button(services: Services, access: Access, view: units.CardUnits) -> ButtonRows:
    """The list of the units not done, for a task of several."""
    left = view.progress.left
    if not view.several or left == 0 or view.task.status is TaskStatus.CANCELLED:
        return []
    return [[InlineKeyboardButton(plain("units.btn.list", access.language, count=left),
                                  callback_data=services.button(UNITS, view.task.id, 0))]]


def file_button(services: Services, access: Access, view: units.CardUnits) -> ButtonRows:
    """The file of the latest progress report shown."""
    latest = latest_of_kind(view.events, EventKind.PROGRESS)
    if latest is None or not latest.data.get("file_id"):
        return []
    return [[InlineKeyboardButton(
        plain("act.btn.file", access.language),
        callback_data=services.button(FILE, view.task.id, latest.id))]]


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


async def task_card(
    services: Services, access: Access, card: TaskCard
) -> tuple[Html, ButtonRows]:
    """The card of a task and the buttons this person may press on it.

    A task of several units says how many are done and offers the list of the others; an
    official sees the task as their own unit lives it and acts for it; the office gets a
    decision per unit that waits for one (named) and may close the task with a note.
    """
    view = await units.card_units(services, access, card)
    lang = access.language
    extra: list[str] = []
    if view.several:
        mine = (unit_name(services.directory, view.mine.agency_id)
                if view.mine is not None and not access.is_admin else None)
        extra = card_unit_lines(view.progress, view.awaiting, mine, lang)
        if view.more_decisions:
            extra.append(t("units.card.more_decisions", lang, count=view.more_decisions))
    text = render_task_card(
        view.task, card.conclusion, services.directory, view.events, card.names,
        services.today(), services.settings.tz, lang,
        # A completion report is news too: the newest of either kind is shown.
        latest_report=latest_of_kind(view.events, EventKind.PROGRESS, EventKind.DONE_REPORTED),
        unit_lines=extra, name_units=view.several,
    )
    rows = (member_buttons(services, access, view) + decision_buttons(services, access, view)
            + units_button(services, access, view) + file_button(services, access, view)
            + admin_buttons(services, access, card.task))
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
        text, rows = await task_card(services, access, card)
        chunks = split_message(text)
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await context.bot.send_message(
                chat.id, chunk, reply_markup=InlineKeyboardMarkup(rows) if last and rows else None
            )
    finally:
        if answered is not None:
            await answered


def is_card(services: Services, message: object) -> bool:
    """Whether a message the bot sent is an admin's task card (it carries the card's edit
    buttons, which no notice has): only a card is redrawn after a decision."""
    markup = getattr(message, "reply_markup", None)
    rows = markup.inline_keyboard if isinstance(markup, InlineKeyboardMarkup) else ()
    for row in rows:
        for button in row:
            data = button.callback_data if isinstance(button.callback_data, str) else None
            pressed = services.parse_button(data) if data else None
            if pressed is not None and pressed.action == EDIT:
                return True
    return False


async def refresh_card(
    context: BotContext, access: Access, where: tuple[int, int], task_id: int
) -> None:
    """A decision taken from a card: the card (chat, message) is drawn again where it is, so
    its buttons and state follow the decision (a long card, sent in parts, gets its buttons
    only). A message that is not this task's card is left alone (best effort)."""
    card = await queries.task_card(context.services, task_id)
    if card is None:
        return
    text, rows = await task_card(context.services, access, card)
    markup = InlineKeyboardMarkup(rows) if rows else None
    chunks = split_message(text)
    chat_id, message_id = where
    with contextlib.suppress(TelegramError):
        if len(chunks) == 1:
            await context.bot.edit_message_text(chunks[0], chat_id=chat_id,
                                                message_id=message_id, reply_markup=markup)
        else:
            await context.bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id,
                                                        reply_markup=markup)


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


async def units_page(update: Update, context: BotContext) -> None:
    """« » on the list of a task's units not done (and the card's button that opens it):
    the page is read for whoever presses, and replaces the list, or comes as a new message
    under the card."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    access = await context.access()
    lang = access.language
    pressed = services.parse_button(query.data)
    task_id = pressed.int_arg(0) if pressed else None
    page = pressed.int_arg(1) if pressed else None
    if task_id is None or page is None:
        await query.answer(plain("error.bad_button", lang), show_alert=True)
        return
    found = await units.units_page(services, access, task_id, page)
    if isinstance(found, Refusal):
        await query.answer(plain(f"act.refuse.{found.value}", lang, id=task_id), show_alert=True)
        return
    text = render_units_page(found.task, found.lines, found.total, found.units, found.page,
                             found.pages, services.directory, lang)
    nav: list[InlineKeyboardButton] = []
    if found.page > 0:
        nav.append(InlineKeyboardButton(plain("tl.prev", lang), callback_data=services.button(
            UNITS, task_id, found.page - 1, "p")))
    if found.page + 1 < found.pages:
        nav.append(InlineKeyboardButton(plain("tl.next", lang), callback_data=services.button(
            UNITS, task_id, found.page + 1, "p")))
    rows = [nav] if nav else []
    rows.append([open_task_button(services, task_id, plain("act.btn.view", lang, id=task_id))])
    await query.answer()
    markup = InlineKeyboardMarkup(rows)
    paging = pressed is not None and len(pressed.args) > 2
    if paging and query.message is not None:
        try:
            await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as exc:  # "message is not modified" (a double press) is harmless
            if "not modified" not in exc.message.lower():
                raise
        return
    chat = update.effective_chat
    await context.bot.send_message(chat.id if chat is not None else access.user_id, text,
                                   reply_markup=markup)
