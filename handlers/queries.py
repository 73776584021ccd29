"""/tasks, /overdue, /upcoming, /done and /find: paged lists of the tasks one may see.

Members see the tasks of their agencies (lead or supporting), admins the whole province.
Lists are answered in private chats only: a group may hold people of other agencies.
Paging buttons are re-evaluated for whoever presses them, so a forwarded list shows the
presser their own tasks, never the sender's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.access import Access, Audience
from bot.core.callbacks import action_pattern
from bot.core.normalize import search_words
from bot.texts import Html, plain, t
from bot.usecases.services import Services
from bot.views.tasklists import (
    BUTTONS_PER_ROW,
    DONE_DAYS,
    PAGE_SIZE,
    ListKind,
    ListView,
    clamp_page,
    paging_query,
    parse_days,
    render_list,
    short_names,
    unpack_query,
)
from handlers.common import access_of
from handlers.context import Context, services_of
from handlers.menu import declare
from handlers.tasks import open_task_button
from storage.repo.queries import TaskPage

LIST_PAGE = "ol"  # callback action: ol:<kind>:<page>[:<days or packed query>]

declare("tasks", Audience.MEMBER, "cmd.tasks")
declare("overdue", Audience.MEMBER, "cmd.overdue")
declare("upcoming", Audience.MEMBER, "cmd.upcoming")
declare("done", Audience.MEMBER, "cmd.done")
declare("find", Audience.MEMBER, "cmd.find")


def scope_of(services: Services, access: Access) -> str:
    """Whose tasks the list shows: the province for admins, else the member's agencies."""
    if access.is_admin:
        return plain("tl.scope_province", access.language)
    return short_names(sorted(access.agency_ids), services.directory)


async def fetch(services: Services, access: Access, view: ListView) -> TaskPage:
    """One page of a list for this person."""
    agencies = None if access.is_admin else sorted(access.agency_ids)
    queries = services.repos.queries
    today = services.today()
    offset, limit = view.offset, PAGE_SIZE
    if view.kind is ListKind.OPEN:
        return await queries.open_tasks(agencies, limit, offset)
    if view.kind is ListKind.OVERDUE:
        return await queries.overdue(agencies, today, limit, offset)
    if view.kind is ListKind.UPCOMING:
        return await queries.upcoming(
            agencies, today, today + timedelta(days=view.days), limit, offset
        )
    if view.kind is ListKind.DONE:
        return await queries.done_since(agencies, today - timedelta(days=view.days), limit, offset)
    return await queries.search(agencies, view.query, limit, offset)


def _buttons(services: Services, view: ListView, page: TaskPage, lang: str
             ) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    tasks = [open_task_button(services, task.id, f"#{task.id}") for task in page.tasks]
    rows.extend(tasks[i:i + BUTTONS_PER_ROW] for i in range(0, len(tasks), BUTTONS_PER_ROW))
    arg: list[object] = []
    if view.kind in (ListKind.UPCOMING, ListKind.DONE):
        arg = [view.days]
    elif view.kind is ListKind.FIND:
        packed = paging_query(view.query)
        arg = [packed] if packed else []
    pageable = view.kind is not ListKind.FIND or bool(arg)
    nav: list[InlineKeyboardButton] = []
    if pageable and view.page > 0:
        nav.append(InlineKeyboardButton(
            plain("tl.prev", lang),
            callback_data=services.button(LIST_PAGE, view.kind.value, view.page - 1, *arg)))
    if pageable and view.page + 1 < view.pages:
        nav.append(InlineKeyboardButton(
            plain("tl.next", lang),
            callback_data=services.button(LIST_PAGE, view.kind.value, view.page + 1, *arg)))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


async def _compose(
    services: Services, access: Access, view: ListView
) -> tuple[Html, InlineKeyboardMarkup | None]:
    page = await fetch(services, access, view)
    if page.total and not page.tasks:  # a stale button past the (shrunken) end
        view = ListView(view.kind, clamp_page(view.page, page.total), page.total, view.days,
                        view.query)
        page = await fetch(services, access, view)
    view = ListView(view.kind, view.page, page.total, view.days, view.query)
    lang = access.language
    viewer = None if access.is_admin else access.agency_ids
    text = render_list(view, page.tasks, scope_of(services, access), services.directory,
                       services.today(), lang, viewer)
    if view.kind is ListKind.FIND and view.pages > 1 and paging_query(view.query) is None:
        text = Html(f"{text}\n{t('tl.find_narrow', lang)}")
    return text, _buttons(services, view, page, lang)


async def _refused(update: Update, context: Context, access: Access) -> bool:
    """Answer strangers and group chats; True when the command must stop here."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return True
    if chat.type != "private":
        await message.reply_text(t("error.private_only", access.language))
        return True
    if not (access.is_admin or access.is_member):
        await message.reply_text(t("error.members_only", access.language))
        return True
    return False


async def _show(update: Update, context: Context, view: ListView) -> None:
    access = await access_of(update, context)
    if await _refused(update, context, access):
        return
    message = update.effective_message
    assert message is not None
    text, markup = await _compose(services_of(context), access, view)
    await message.reply_text(text, reply_markup=markup)


async def tasks_command(update: Update, context: Context) -> None:
    """/tasks: open tasks, most urgent first."""
    await _show(update, context, ListView(ListKind.OPEN, 0, 0))


async def overdue_command(update: Update, context: Context) -> None:
    """/overdue: open tasks past their deadline."""
    await _show(update, context, ListView(ListKind.OVERDUE, 0, 0))


async def upcoming_command(update: Update, context: Context) -> None:
    """/upcoming [days]: open tasks due soon."""
    days = parse_days(context.args or [])
    if days is None:
        access = await access_of(update, context)
        if not await _refused(update, context, access) and update.effective_message:
            await update.effective_message.reply_text(t("tl.upcoming_usage", access.language))
        return
    await _show(update, context, ListView(ListKind.UPCOMING, 0, 0, days=days))


async def done_command(update: Update, context: Context) -> None:
    """/done: tasks confirmed done in the last 30 days."""
    await _show(update, context, ListView(ListKind.DONE, 0, 0, days=DONE_DAYS))


async def find_command(update: Update, context: Context) -> None:
    """/find <words>: search task texts, diacritics ignored."""
    query = " ".join(context.args or []).strip()
    if not search_words(query):
        access = await access_of(update, context)
        if not await _refused(update, context, access) and update.effective_message:
            await update.effective_message.reply_text(t("tl.find_usage", access.language))
        return
    await _show(update, context, ListView(ListKind.FIND, 0, 0, query=query))


async def page_button(update: Update, context: Context) -> None:
    """Prev/Next: the same list for whoever presses, at another page, edited in place."""
    query = update.callback_query
    if query is None:
        return
    services = services_of(context)
    access = await access_of(update, context)
    lang = access.language
    pressed = services.parse_button(query.data)
    if not (access.is_admin or access.is_member):
        await query.answer(plain("error.members_only", lang), show_alert=True)
        return
    view = _view_of(pressed.args if pressed else ())
    if view is None:
        await query.answer(plain("error.bad_button", lang), show_alert=True)
        return
    text, markup = await _compose(services, access, view)
    await query.answer()
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified" (double press) is harmless
        if "not modified" not in exc.message.lower():
            raise


def _view_of(args: tuple[str, ...]) -> ListView | None:
    """The list a paging button names, or None when its arguments make no sense."""
    if len(args) < 2 or not args[1].isdigit():
        return None
    try:
        kind = ListKind(args[0])
    except ValueError:
        return None
    page = int(args[1])
    extra = args[2] if len(args) > 2 else ""
    if kind in (ListKind.UPCOMING, ListKind.DONE):
        days = parse_days([extra]) if extra else None
        return None if days is None else ListView(kind, page, 0, days=days)
    if kind is ListKind.FIND:
        return ListView(kind, page, 0, query=unpack_query(extra)) if extra else None
    return ListView(kind, page, 0)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The list commands and their paging button."""
    app.add_handler(CommandHandler("tasks", tasks_command))
    app.add_handler(CommandHandler("overdue", overdue_command))
    app.add_handler(CommandHandler("upcoming", upcoming_command))
    app.add_handler(CommandHandler("done", done_command))
    app.add_handler(CommandHandler("find", find_command))
    app.add_handler(CallbackQueryHandler(page_button, pattern=action_pattern(LIST_PAGE)))
