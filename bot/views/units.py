"""A task's units in words: the card's lines and the list of units not done. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.core.agencies import AgencyDirectory
from bot.core.assignments import UnitProgress, Unreported, UnreportedGroup
from bot.core.dates import fmt_date
from bot.core.models import Task
from bot.core.normalize import vi_sort_key
from bot.core.unit_card import UnitLine, UnitState
from bot.texts import Html, plain, t
from bot.views.render import due_phrase, shorten

CHAT_AGENCIES = 20
"""Agencies ``/chuabaocao`` lists in chat (the export's sheet has them all)."""
CHAT_TASKS = 3
"""Tasks listed per agency in chat (the rest are counted)."""
SHARED_UNITS = 3
"""A task this many units owe is listed once, with their names, not under each of them
(a directive to every commune)."""
SHARED_NAMES = 30
"""Unit names shown under such a task (the rest are counted; its own list has them all)."""


def unit_name(directory: AgencyDirectory, agency_id: int) -> str:
    """An agency's name as units are named ("#id" if it left the directory)."""
    agency = directory.by_id(agency_id)
    return agency.name if agency is not None else f"#{agency_id}"


def card_unit_lines(
    progress: UnitProgress, awaiting: int, mine: str | None, lang: str
) -> list[str]:
    """The card's lines about a task of several units: how many are done (and wait for the
    office), and the reader's own unit."""
    waiting = t("units.card.awaiting", lang, count=awaiting) if awaiting else Html("")
    if progress.closed:
        waiting = Html(waiting + t("units.card.closed", lang, count=progress.closed))
    lines: list[str] = [t("units.card.progress", lang, done=progress.done, total=progress.total,
                          awaiting=waiting)]
    if mine is not None:
        lines.append(t("units.card.mine", lang, agency=mine))
    return lines


def decision_label(key: str, agency: str, lang: str) -> str:
    """A decision button naming its unit ("✅ Xác nhận hoàn thành — UBND xã A")."""
    return plain(key, lang, agency=shorten(agency, 40))


def _state(line: UnitLine, lang: str) -> str:
    if line.state is UnitState.AWAITING:
        parts = [plain("units.state.awaiting", lang)]
    elif line.state is UnitState.REPORTED and line.reported_on is not None:
        parts = [plain("units.state.reported", lang, date=line.reported_on.strftime("%d/%m"))]
    else:
        parts = [plain("units.state.not_reported", lang)]
    if line.extended_to is not None:
        parts.append(plain("units.state.extended", lang, date=fmt_date(line.extended_to)))
    if line.overdue_days:
        parts.append(plain("units.state.overdue", lang, days=line.overdue_days))
    return " · ".join(parts)


def render_units_page(
    task: Task, lines: Sequence[UnitLine], left: int, total: int, page: int, pages: int,
    directory: AgencyDirectory, lang: str,
) -> Html:
    """One page of the units not done: name and where each stands."""
    head = t("units.page.head", lang, id=task.id, text=shorten(task.text, 120),
             left=left, total=total)
    if not lines:
        return Html(f"{head}\n\n{t('units.page.none', lang)}")
    body = [t("units.page.line", lang, agency=unit_name(directory, line.agency_id),
              state=_state(line, lang)) for line in lines]
    out = [head, "", *body]
    if pages > 1:
        out += ["", t("units.page.page", lang, page=page + 1, pages=pages)]
    return Html("\n".join(out))


NamedGroup = tuple[str, UnreportedGroup, Sequence[date | None]]
"""(agency name, its units that have not reported, the local day of each one's latest
report or None)."""


def _last(day: date | None, lang: str) -> Html:
    return (t("unreported.last", lang, date=fmt_date(day)) if day is not None
            else t("unreported.never", lang))


def _task_line(item: Unreported, day: date | None, today: date, lang: str) -> Html:
    return t("unreported.line", lang, id=item.task_id, text=shorten(item.text, 90),
             date=fmt_date(item.deadline), due=due_phrase(item.deadline, today, lang),
             last=_last(day, lang))


def render_unreported_chat(
    groups: Sequence[NamedGroup], today: date, days: int, near: int, lang: str,
    one_task: bool = False, own: str | None = None,
) -> Html:
    """``/chuabaocao`` in chat: per agency its most urgent tasks, or for one task one line
    per unit; at most :data:`CHAT_AGENCIES` agencies, the others counted. ``own``: the
    names of a member's agencies when the list is theirs (an empty list speaks of them,
    not of every unit of the province)."""
    if not groups:
        if own is not None:
            return t("unreported.none_own", lang, today=fmt_date(today), days=days, near=near,
                     agency=own)
        return t("unreported.none", lang, today=fmt_date(today), days=days, near=near)
    count = len({item.task_id for _, group, _ in groups for item in group.items})
    lines: list[str] = [t("unreported.head", lang, days=days, near=near,
                          today=fmt_date(today), agencies=len(groups), count=count)]
    if one_task:
        lines.append("")
    else:
        shared, groups = _shared_tasks(groups, today, lang)
        lines += shared
    for name, group, report_days in groups[:CHAT_AGENCIES]:
        if one_task:
            item, day = group.items[0], report_days[0]
            lines.append(t("unreported.unit_line", lang, agency=name,
                           date=fmt_date(item.deadline),
                           due=due_phrase(item.deadline, today, lang), last=_last(day, lang)))
            continue
        lines += ["", t("unreported.agency", lang, agency=name, count=len(group.items))]
        pairs = list(zip(group.items, report_days, strict=True))
        lines += [_task_line(item, day, today, lang) for item, day in pairs[:CHAT_TASKS]]
        if len(pairs) > CHAT_TASKS:
            lines.append(t("list.more", lang, count=len(pairs) - CHAT_TASKS))
    if len(groups) > CHAT_AGENCIES:
        lines += ["", t("unreported.more_agencies", lang, count=len(groups) - CHAT_AGENCIES)]
    return Html("\n".join(lines))


def _shared_tasks(
    groups: Sequence[NamedGroup], today: date, lang: str
) -> tuple[list[str], list[NamedGroup]]:
    """Tasks that many units owe, each once with the names of those units; and the groups
    left with the other tasks (a group left with none is dropped)."""
    # Units given more time have their own deadline: grouped by task and deadline.
    owing: dict[tuple[int, date], list[tuple[str, Unreported]]] = {}
    for name, group, _ in groups:
        for item in group.items:
            owing.setdefault((item.task_id, item.deadline), []).append((name, item))
    shared = {key for key, units in owing.items() if len(units) >= SHARED_UNITS}
    if not shared:
        return [], list(groups)
    lines = ["", t("unreported.shared_head", lang)]
    for key in sorted(shared, key=lambda k: (k[1], k[0])):
        units = owing[key]
        item = units[0][1]
        names = sorted((name for name, _ in units), key=vi_sort_key)
        more = len(names) - SHARED_NAMES
        lines.append(t(
            "unreported.shared_line", lang, id=item.task_id, text=shorten(item.text, 90),
            date=fmt_date(item.deadline), due=due_phrase(item.deadline, today, lang),
            count=len(names), names=", ".join(names[:SHARED_NAMES]),
            more=t("unreported.shared_more", lang, count=more) if more > 0 else ""))
    rest: list[NamedGroup] = []
    for name, group, report_days in groups:
        kept = [(item, day) for item, day in zip(group.items, report_days, strict=True)
                if (item.task_id, item.deadline) not in shared]
        if kept:
            rest.append((name, UnreportedGroup(group.agency_id, tuple(i for i, _ in kept)),
                         [d for _, d in kept]))
    return lines, rest
