"""/task N and the "open task" button: one card, shown only to those who may see it.

Features add their action buttons to the card through :func:`add_task_buttons` (admins'
edit buttons, members' report buttons) instead of re-rendering the card themselves.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.access import Access, Audience
from bot.core.actions import latest_of_kind
from bot.core.callbacks import action_pattern
from bot.core.models import ChatType, EventKind, Task, TaskEvent
from bot.core.numbers import parse_number
from bot.texts import Html, plain, t
from bot.usecases.services import Services
from bot.views.render import agency_names, render_task_card, split_message
from handlers.common import access_of
from handlers.context import Context, services_of
from handlers.menu import declare
from storage.repo.tasks import TaskCard

OPEN_TASK = "tv"  # callback action: open a task's card

ButtonRows = list[list[InlineKeyboardButton]]
TaskButtons = Callable[[Services, Access, Task, Sequence[TaskEvent]], Awaitable[ButtonRows]]
"""A card's button provider: gets the task's history (oldest first) so that it need not
read the database again for what the card already loaded."""
_BUTTON_PROVIDERS: list[TaskButtons] = []

declare("task", Audience.MEMBER, "cmd.task", in_groups=True)


def add_task_buttons(provider: TaskButtons) -> None:
    """Register a function that adds button rows to a task's card (idempotent)."""
    if provider not in _BUTTON_PROVIDERS:
        _BUTTON_PROVIDERS.append(provider)


def open_task_button(services: Services, task_id: int, label: str) -> InlineKeyboardButton:
    """A button that opens a task's card (for lists, nudges and summaries)."""
    return InlineKeyboardButton(label, callback_data=services.button(OPEN_TASK, task_id))


async def task_card(services: Services, access: Access, card: TaskCard) -> tuple[Html, ButtonRows]:
    """The card of a task and the buttons this person may press on it."""
    task, events = card.task, card.events
    text = render_task_card(
        task, card.conclusion, services.directory, events, card.names, services.today(),
        services.settings.tz, access.language,
        latest_report=latest_of_kind(events, EventKind.PROGRESS),
    )
    rows: ButtonRows = []
    for provider in _BUTTON_PROVIDERS:
        rows.extend(await provider(services, access, task, events))
    return text, rows


async def _refusal(
    update: Update, context: Context, access: Access, task_id: int, task: Task | None
) -> Html | None:
    """Why this card cannot be shown here, or None when it can.

    In a group the person's access is already narrowed to the group's linked agencies; a
    refusal there names what the group shows instead of the private-chat wording (which
    would tell an admin or a member that they belong to no agency).
    """
    services = services_of(context)
    lang = access.language
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE.value:
        if task is not None and access.may_view(task) and (access.is_admin or access.is_member):
            return None
        linked = await services.repos.chats.subscriptions_of_chat(chat.id)
        if not linked:
            return t("group.card_unlinked", lang, id=task_id)
        linked_ids = {s.agency_id for s in linked}
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
    update: Update, context: Context, task_id: int | None, from_button: bool = False
) -> None:
    """Reply with the card, or with why it cannot be shown.

    A refused button press gets a pop-up alert (like every other button) instead of a new
    message, which in a group everyone would read.
    """
    chat = update.effective_chat
    query = update.callback_query
    if chat is None:
        return
    services = services_of(context)
    access = await access_of(update, context)
    lang = access.language
    if task_id is None:
        if from_button and query is not None:
            await query.answer(plain("error.bad_button", lang), show_alert=True)
        else:
            await context.bot.send_message(chat.id, t("card.usage", lang))
        return
    card = await services.repos.tasks.card(task_id)
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


async def task_command(update: Update, context: Context) -> None:
    """/task N."""
    args = context.args or []
    task_id = parse_number(args[0].lstrip("#"), 1) if args else None
    await send_task_card(update, context, task_id)


async def open_task(update: Update, context: Context) -> None:
    """The "open task" button."""
    query = update.callback_query
    if query is None:
        return
    pressed = services_of(context).parse_button(query.data)
    await send_task_card(update, context, pressed.int_arg(0) if pressed else None,
                         from_button=True)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """/task and the open-task button."""
    app.add_handler(CommandHandler("task", task_command))
    app.add_handler(CallbackQueryHandler(open_task, pattern=action_pattern(OPEN_TASK)))
