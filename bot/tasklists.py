"""Task lists as officials read them (/tasks, /overdue, /upcoming, /done, /find). Pure.

Handlers fetch one page from storage and call :func:`render_list`; paging buttons carry
the list kind, the page and the list's one argument (days or the folded search words),
so a list can be paged without any state on the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.agencies import AgencyDirectory
from bot.models import Task, TaskStatus
from bot.normalize import search_words
from bot.render import agency_names, fmt_date, icon, render_task_line, shorten
from bot.texts import Html, escape, t

PAGE_SIZE = 8
BUTTONS_PER_ROW = 4
DEFAULT_UPCOMING_DAYS = 7
MAX_UPCOMING_DAYS = 366
DONE_DAYS = 30
MAX_PAGED_QUERY = 40  # folded characters of a search that still fit in a paging button


class ListKind(StrEnum):
    """The lists, with one-letter codes for callback data."""

    OPEN = "o"
    OVERDUE = "x"
    UPCOMING = "u"
    DONE = "d"
    FIND = "f"


@dataclass(frozen=True)
class ListView:
    """What one page shows: the list, its argument, the page and the counts."""

    kind: ListKind
    page: int
    total: int
    days: int = 0
    query: str = ""

    @property
    def pages(self) -> int:
        """Number of pages (at least one, even when empty)."""
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def offset(self) -> int:
        """Index of the first task on this page."""
        return self.page * PAGE_SIZE


def clamp_page(page: int, total: int) -> int:
    """A page number that exists (a stale button may point past the end)."""
    pages = max(1, -(-total // PAGE_SIZE))
    return min(max(page, 0), pages - 1)


def paging_query(text: str) -> str | None:
    """The search words in a form that fits a button ("so.hoa"), or None when too long."""
    packed = ".".join(search_words(text))
    return packed if packed and len(packed) <= MAX_PAGED_QUERY else None


def unpack_query(packed: str) -> str:
    """Inverse of :func:`paging_query`."""
    return " ".join(packed.split("."))


def parse_days(args: list[str]) -> int | None:
    """/upcoming [days]: the default without an argument, None when it is not a sane number."""
    if not args:
        return DEFAULT_UPCOMING_DAYS
    text = args[0].strip()
    if not text.isdigit() or len(args) > 1:
        return None
    days = int(text)
    return days if 1 <= days <= MAX_UPCOMING_DAYS else None


def render_done_line(task: Task, directory: AgencyDirectory, today: date, lang: str) -> Html:
    """A completed task: icon, number, text, lead agency, completion date and verdict."""
    lead = agency_names(task.lead_ids[:1], directory)
    when = fmt_date(task.completed_on)
    if task.deadline is None or task.completed_on is None:
        verdict = t("tl.done_no_deadline", lang)
    elif task.completed_on <= task.deadline:
        verdict = t("tl.done_on_time", lang)
    else:
        verdict = t("tl.done_late", lang, days=(task.completed_on - task.deadline).days)
    return Html(
        f"{icon(task, today)} <b>#{task.id}</b> {escape(shorten(task.text, 90))}"
        f"\n     {lead} · {t('tl.done_when', lang, date=when, verdict=verdict)}"
    )


def render_list(
    view: ListView, tasks: list[Task], scope: str, directory: AgencyDirectory, today: date,
    lang: str,
) -> Html:
    """Heading, one entry per task and the page number; a friendly line when empty."""
    params: dict[str, object] = {"scope": scope, "total": view.total, "days": view.days,
                                 "query": view.query}
    head = t(f"tl.head.{view.kind.name.lower()}", lang, **params)
    if not tasks:
        return Html(f"{head}\n\n{t(f'tl.empty.{view.kind.name.lower()}', lang, **params)}")
    lines = [head, ""]
    for task in tasks:
        render = render_done_line if task.status is TaskStatus.DONE else render_task_line
        lines.append(render(task, directory, today, lang))
        lines.append("")
    if view.pages > 1:
        lines.append(t("tl.page", lang, page=view.page + 1, pages=view.pages))
    lines.append(t("tl.hint", lang))
    return Html("\n".join(lines))
