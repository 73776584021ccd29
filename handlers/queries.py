"""/tasks, /overdue, /upcoming, /done and /find: paged lists of the tasks one may see.

Members see the tasks of their agencies (lead or supporting), admins the whole province.
/tasks and /overdue also work in a group linked to agencies, for those agencies only
(:meth:`BotContext.access` narrows the access there): everyone in the group gets their
nudges anyway. The other lists stay in private chats. Paging buttons are re-evaluated for
whoever presses them, so a forwarded list shows the presser their own tasks, never the
sender's.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.core.access import Access
from bot.core.normalize import search_words
from bot.core.numbers import parse_number
from bot.texts import Html, plain, t
from bot.usecases import queries
from bot.usecases.services import Services
from bot.views.tasklists import (
    BUTTONS_PER_ROW,
    DONE_DAYS,
    ListKind,
    ListView,
    clamp_page,
    paging_query,
    parse_days,
    render_list,
    short_names,
    unpack_query,
)
from handlers.context import BotContext
from handlers.tasks import open_task_button

LIST_PAGE = "ol"  # callback action: ol:<kind>:<page>[:<days or packed query>]
IN_GROUPS = frozenset({ListKind.OPEN, ListKind.OVERDUE})
"""Lists a linked group may show (for its agencies)."""



def scope_of(services: Services, access: Access) -> str:
    """Whose tasks the list shows: the province for admins, else the member's agencies."""
    if access.is_admin:
        return plain("tl.scope_province", access.language)
    return short_names(sorted(access.agency_ids), services.directory)


def _buttons(services: Services, view: ListView, page: queries.ListPage, lang: str
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
    page = await queries.task_list(services, access, view)
    if page.total and not page.tasks:  # a stale button past the (shrunken) end
        view = ListView(view.kind, clamp_page(view.page, page.total), page.total, view.days,
                        view.query)
        page = await queries.task_list(services, access, view)
    view = ListView(view.kind, view.page, page.total, view.days, view.query)
    lang = access.language
    viewer = None if access.is_admin else access.agency_ids
    text = render_list(view, page.tasks, scope_of(services, access), services.directory,
                       services.today(), lang, viewer, page.progress)
    if view.kind is ListKind.FIND and view.pages > 1 and paging_query(view.query) is None:
        text = Html(f"{text}\n{t('tl.find_narrow', lang)}")
    return text, _buttons(services, view, page, lang)


async def _refused(
    update: Update, context: BotContext, access: Access, kind: ListKind | None = None
) -> bool:
    """Answer strangers and groups (unless ``kind`` is a list groups may show); True when
    the command must stop here."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return True
    group = chat.type != "private"
    if group and kind not in IN_GROUPS:
        await message.reply_text(t("error.private_only", access.language))
        return True
    if not (access.is_admin or access.is_member):
        if not group:
            await message.reply_text(t("error.members_only", access.language))
            return True
        # In a group the access is narrowed to the group's agencies: none linked, or the
        # person belongs to none of them.
        linked = await context.services.linked_agencies(chat.id)
        if not linked:
            await message.reply_text(t("group.not_linked", access.language))
        else:
            await message.reply_text(t(
                "group.lists_members_only", access.language,
                agencies=short_names(sorted(linked), context.services.directory)))
        return True
    return False


async def _show(update: Update, context: BotContext, view: ListView) -> None:
    access = await context.access()
    if await _refused(update, context, access, view.kind):
        return
    message = update.effective_message
    assert message is not None
    text, markup = await _compose(context.services, access, view)
    await message.reply_text(text, reply_markup=markup)


async def tasks_command(update: Update, context: BotContext) -> None:
    """/tasks: open tasks, most urgent first."""
    await _show(update, context, ListView(ListKind.OPEN, 0, 0))


async def overdue_command(update: Update, context: BotContext) -> None:
    """/overdue: open tasks past their deadline."""
    await _show(update, context, ListView(ListKind.OVERDUE, 0, 0))


async def upcoming_command(update: Update, context: BotContext) -> None:
    """/upcoming [days]: open tasks due soon."""
    days = parse_days(context.args or [])
    if days is None:
        access = await context.access()
        if not await _refused(update, context, access) and update.effective_message:
            await update.effective_message.reply_text(t("tl.upcoming_usage", access.language))
        return
    await _show(update, context, ListView(ListKind.UPCOMING, 0, 0, days=days))


async def done_command(update: Update, context: BotContext) -> None:
    """/done: tasks confirmed done in the last 30 days."""
    await _show(update, context, ListView(ListKind.DONE, 0, 0, days=DONE_DAYS))


async def find_command(update: Update, context: BotContext) -> None:
    """/find <words>: search task texts, diacritics ignored."""
    query = " ".join(context.args or []).strip()
    if not search_words(query):
        access = await context.access()
        if not await _refused(update, context, access) and update.effective_message:
            await update.effective_message.reply_text(t("tl.find_usage", access.language))
        return
    await _show(update, context, ListView(ListKind.FIND, 0, 0, query=query))


async def page_button(update: Update, context: BotContext) -> None:
    """Prev/Next: the same list for whoever presses, at another page, edited in place."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    access = await context.access()
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
    page = parse_number(args[1]) if len(args) >= 2 else None
    if page is None:
        return None
    try:
        kind = ListKind(args[0])
    except ValueError:
        return None
    extra = args[2] if len(args) > 2 else ""
    if kind in (ListKind.UPCOMING, ListKind.DONE):
        days = parse_days([extra]) if extra else None
        return None if days is None else ListView(kind, page, 0, days=days)
    if kind is ListKind.FIND:
        return ListView(kind, page, 0, query=unpack_query(extra)) if extra else None
    return ListView(kind, page, 0)
