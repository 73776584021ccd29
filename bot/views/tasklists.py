"""Task lists as officials read them (/tasks, /overdue, /upcoming, /done, /find). Pure.

Handlers fetch one page from storage and call :func:`render_list`; paging buttons carry
the list kind, the page and the list's one argument (days or the folded search words),
so a list can be paged without any state on the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.core.agencies import AgencyDirectory
from bot.core.assignments import UnitProgress
from bot.core.dates import fmt_date
from bot.core.models import Task, TaskStatus
from bot.core.normalize import search_words
from bot.core.numbers import parse_number
from bot.texts import Html, escape, t
from bot.views.render import agency_names, echo, icon, render_task_line, shorten

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
    if len(args) > 1:
        return None
    return parse_number(args[0], 1, MAX_UPCOMING_DAYS)


def short_names(ids: Iterable[int], directory: AgencyDirectory) -> str:
    """Short names ("Sở LĐ-TB&XH") comma-separated (not escaped): the naming of list screens.

    The heading's scope and the rows use this one form, so one screen never mixes the
    full and the short name of the same agency.
    """
    names = []
    for agency_id in ids:
        agency = directory.by_id(agency_id)
        names.append((agency.short_name or agency.name) if agency else f"#{agency_id}")
    return ", ".join(names)


def role_text(
    task: Task, directory: AgencyDirectory, viewer: frozenset[int] | None, lang: str
) -> Html:
    """The lead agency, and the reader's agency when it only supports the task.

    ``viewer`` is the reader's agencies (None for the province-wide view of admins).
    """
    lead = short_names(task.lead_ids[:1], directory)
    supporting = [] if viewer is None or viewer & set(task.lead_ids) else [
        a for a in task.support_ids if a in viewer]
    if not supporting:
        return Html(escape(lead))
    return t("tl.role_support", lang, lead=lead, support=short_names(supporting, directory))


def render_done_line(task: Task, directory: AgencyDirectory, today: date, lang: str,
                     agencies: Html | None = None) -> Html:
    """A completed task: icon, number, text, lead agency, completion date and verdict."""
    lead = agencies if agencies is not None else agency_names(task.lead_ids[:1], directory)
    when = fmt_date(task.completed_on)
    judged = task.judged_deadline  # a task of several units: by its units' own deadlines
    if judged is None or task.completed_on is None:
        verdict = t("tl.done_no_deadline", lang)
    elif task.completed_on <= judged:
        verdict = t("tl.done_on_time", lang)
    else:
        verdict = t("tl.done_late", lang, days=(task.completed_on - judged).days)
    return Html(
        f"{icon(task, today)} <b>#{task.id}</b> {escape(shorten(task.text, 90))}"
        f"\n     {lead} · {t('tl.done_when', lang, date=when, verdict=verdict)}"
    )


def render_list(
    view: ListView, tasks: list[Task], scope: str, directory: AgencyDirectory, today: date,
    lang: str, viewer: frozenset[int] | None = None,
    progress: Mapping[int, UnitProgress] | None = None,
) -> Html:
    """Heading, one entry per task and the page number; only a friendly line when empty.

    ``viewer`` is the reader's agencies (None for admins): rows then say when the reader's
    agency only supports a task, and the closing hint mentions reporting only where the
    reader can act (not on done lists, not for admins). ``progress`` gives the units done
    of tasks of several units whose row shows the task's own state ("12/54 đơn vị xong").
    """
    params: dict[str, object] = {"scope": scope, "total": view.total, "days": view.days,
                                 "query": echo(view.query)}
    if not tasks:
        return t(f"tl.empty.{view.kind.name.lower()}", lang, **params)
    lines = [t(f"tl.head.{view.kind.name.lower()}", lang, **params), ""]
    for task in tasks:
        render = render_done_line if task.status is TaskStatus.DONE else render_task_line
        agencies = role_text(task, directory, viewer, lang)
        counted = (progress or {}).get(task.id)
        if counted is not None and task.status is not TaskStatus.DONE:
            agencies = Html(agencies + t("tl.units", lang, done=counted.done,
                                         total=counted.total))
        lines.append(render(task, directory, today, lang, agencies=agencies))
        lines.append("")
    if view.pages > 1:
        lines.append(t("tl.page", lang, page=view.page + 1, pages=view.pages))
    may_act = viewer is not None and view.kind is not ListKind.DONE
    lines.append(t("tl.hint" if may_act else "tl.hint_view", lang))
    return Html("\n".join(lines))
