"""Rendering domain records as Telegram HTML. Pure: plain data in, text out.

Handlers fetch what is needed (task, conclusion, history, names) and call these; the
same functions serve commands, nudges and summaries so a task looks the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time
from zoneinfo import ZoneInfo

from bot.core.agencies import AgencyDirectory
from bot.core.dates import fmt_date, fmt_datetime
from bot.core.deadlines import written_phrase
from bot.core.models import Conclusion, DeadlineKind, EventKind, Task, TaskEvent, TaskStatus
from bot.core.status import StatusClass, classify_task, days_left, units_granted_later
from bot.core.textlen import utf16_cut, utf16_len
from bot.texts import Html, escape, t

MAX_MESSAGE = 4096

ICONS: Mapping[StatusClass | None, str] = {
    StatusClass.DONE_ON_TIME: "✅",
    StatusClass.DONE_LATE: "☑️",
    StatusClass.IN_PROGRESS: "🟡",
    StatusClass.OVERDUE: "🔴",
    StatusClass.NO_DEADLINE: "⚪",
    None: "🚫",
}
REPORTED_ICON = "🕓"


def summary_when(weekday: int, hour: time, lang: str) -> Html:
    """When the weekly summary goes out ("08:00 thứ Hai hằng tuần"), from the settings.

    ``weekday`` is 1 (Monday) to 7 (Sunday), as in SUMMARY_WEEKDAY.
    """
    return t("summary.when", lang, weekday=t(f"weekday.{weekday}", lang),
             hour=hour.strftime("%H:%M"))


_PROVINCE_KINDS = (("tỉnh ", "{} Province"), ("thành phố ", "{} City"))


def province_in(name: str, lang: str) -> str:
    """The province as the reader's language writes it: "tỉnh Quảng Ninh" stays in
    Vietnamese, and is "Quảng Ninh Province" in English (not "of Tỉnh Quảng Ninh")."""
    if lang != "vi":
        for kind, english in _PROVINCE_KINDS:
            if name.lower().startswith(kind) and name[len(kind):].strip():
                return english.format(name[len(kind):].strip())
    return name


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` UTF-16 units (as Telegram counts), cut at a word
    with an ellipsis."""
    flat = " ".join(text.split())
    if utf16_len(flat) <= limit:
        return flat
    head = flat[: utf16_cut(flat, limit - 1)]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(",;:.") + "…"


ECHO_LIMIT = 80
"""Longest quote of what someone typed (a name, search words) in an answer."""


def echo(written: str) -> str:
    """What someone typed, quoted back in an answer: one line, at most :data:`ECHO_LIMIT`
    UTF-16 units (a paragraph pasted as a name must not make the answer too long to send)."""
    return shorten(written, ECHO_LIMIT)


def icon(task: Task, today: date) -> str:
    """Status icon of a task (a clock while a reported completion awaits confirmation)."""
    if task.status is TaskStatus.REPORTED_DONE:
        return REPORTED_ICON
    return ICONS[classify_task(task, today)]


def state_label(task: Task, today: date, lang: str) -> str:
    """The official class, or the pending-confirmation state."""
    if task.status is TaskStatus.REPORTED_DONE:
        return t("status.reported_done", lang)
    cls = classify_task(task, today)
    return t(f"class.{cls.value}" if cls else "class.cancelled", lang)


def due_phrase(deadline: date | None, today: date, lang: str) -> str:
    """"còn 5 ngày", "hạn hôm nay", "quá hạn 3 ngày" or "không có thời hạn"."""
    left = days_left(deadline, today)
    if left is None:
        return t("due.none", lang)
    if left > 0:
        return t("due.days_left", lang, days=left)
    if left == 0:
        return t("due.today", lang)
    return t("due.days_overdue", lang, days=-left)


def agency_names(ids: Iterable[int], directory: AgencyDirectory) -> str:
    """Names of agencies by id, comma-separated (escaped)."""
    names = []
    for agency_id in ids:
        agency = directory.by_id(agency_id)
        names.append(agency.name if agency else f"#{agency_id}")
    return escape(", ".join(names))


def deadline_text(task: Task, today: date, lang: str) -> Html:
    """Deadline with the original phrase and days left, as one line's value."""
    if task.deadline is None:
        if task.deadline_kind is DeadlineKind.RECURRING:
            return Html(escape(task.deadline_text or t("due.recurring", lang)))
        phrase = task.deadline_text
        return Html(escape(phrase) if phrase else t("due.none_short", lang))
    when_html = deadline_as_set(task, lang)
    judged = task.judged_deadline
    later = units_granted_later(task.status, task.deadline, judged, task.completed_on)
    if later is not None:
        # Every unit still owing its part was granted a later date (the countdown is to
        # the earliest of those), or done on time by units granted later dates (judged:
        # the latest of them).
        when_html = t(f"card.deadline_units_{later}", lang, deadline=when_html,
                      date=fmt_date(judged))
    if task.is_open:
        return t("card.deadline_left", lang, deadline=when_html,
                 left=Html(due_phrase(judged, today, lang)))
    return when_html


def deadline_as_set(task: Task, lang: str) -> Html:
    """A dated deadline with the original phrase (or what it was extended from), without
    a countdown: a record of a decision, where "days left" would go stale."""
    if task.deadline is None:
        return Html(escape(task.deadline_text or t("due.none_short", lang)))
    when = fmt_date(task.deadline)
    written = written_phrase(task.deadline_text)  # never a "+7" typed in chat
    if task.extended_from is not None:
        # A unit's own deadline: the notice's words are about the task's, which it replaced.
        phrase, old = (written or "").strip(), fmt_date(task.extended_from)
        when_html = (t("card.deadline_extended", lang, date=when, phrase=phrase)
                     if phrase and phrase != old
                     else t("card.deadline_extended_from", lang, date=when, old=old))
    elif written and written.strip() != when:
        when_html = t("card.deadline_phrase", lang, date=when, phrase=written)
    else:
        when_html = Html(escape(when))
    return when_html


def source_text(conclusion: Conclusion | None, lang: str) -> Html:
    """"Thông báo số 123/TB-UBND ngày 05/09/2024 — title"."""
    if conclusion is None:
        return Html("")
    parts = [
        t("card.source_number", lang, number=conclusion.number) if conclusion.number
        else t("card.source_no_number", lang)
    ]
    if conclusion.issued_on:
        parts.append(t("card.source_date", lang, date=fmt_date(conclusion.issued_on)))
    head = " ".join(parts)
    if conclusion.title:
        head += " — " + escape(shorten(conclusion.title, 200))
    return Html(head)


def event_text(event: TaskEvent, lang: str) -> Html:
    """One history entry in words."""
    data = event.data
    note = shorten(event.note or "", 150)

    def day(value: object) -> str:
        return fmt_date(date.fromisoformat(value)) if isinstance(value, str) and value else "—"

    params: dict[str, object] = {"note": note}
    if event.kind in (EventKind.DEADLINE, EventKind.EXTENSION_APPROVED,
                      EventKind.EXTENSION_REQUESTED, EventKind.EXTENSION_CLOSED,
                      EventKind.RECURRED):
        params = {"note": note, "old": day(data.get("old")), "new": day(data.get("new"))}
    elif event.kind is EventKind.DONE_CONFIRMED:
        params = {"note": note, "date": day(data.get("completed_on"))}
    elif event.kind is EventKind.STATUS:
        params = {
            "old": t(f"status.{data.get('old', 'open')}", lang),
            "new": t(f"status.{data.get('new', 'open')}", lang),
        }
    return t(f"event.{event.kind.value}", lang, **params)


def render_task_card(
    task: Task,
    conclusion: Conclusion | None,
    directory: AgencyDirectory,
    events: Sequence[TaskEvent],
    actor_names: Mapping[int, str],
    today: date,
    tz: ZoneInfo,
    lang: str = "vi",
    latest_report: TaskEvent | None = None,
    history_limit: int = 8,
    unit_lines: Sequence[str] = (),
    name_units: bool = False,
) -> Html:
    """The full card of a task: text, source, agencies, deadline, latest report, history.

    ``unit_lines`` (a task of several units: how many are done, the reader's own unit) come
    after the deadline; with ``name_units`` the latest report and each history entry about
    one unit name it.
    """

    def unit_of(event: TaskEvent) -> str:
        unit = directory.by_id(event.agency_id) if name_units and event.agency_id else None
        return unit.name if unit is not None else ""

    ordinal = t("card.ordinal", lang, ordinal=task.ordinal) if task.ordinal else ""
    lines = [
        t("card.title", lang, id=task.id, ordinal=Html(ordinal), icon=icon(task, today),
          state=state_label(task, today, lang)),
        escape(task.text),
        "",
    ]
    if conclusion is not None:
        lines.append(t("card.source", lang, source=source_text(conclusion, lang)))
    lines.append(t("card.lead", lang, agencies=Html(agency_names(task.lead_ids, directory))))
    if task.support_ids:
        lines.append(
            t("card.support", lang, agencies=Html(agency_names(task.support_ids, directory)))
        )
    lines.append(t("card.deadline", lang, deadline=deadline_text(task, today, lang)))
    if task.status is TaskStatus.DONE and task.completed_on:
        lines.append(t("card.completed", lang, date=fmt_date(task.completed_on)))
    lines.extend(unit_lines)
    if latest_report is not None:
        who = ", ".join(part for part in (actor_names.get(latest_report.actor_id or 0, ""),
                                           unit_of(latest_report)) if part)
        key = ("card.latest_done" if latest_report.kind is EventKind.DONE_REPORTED
               else "card.latest_report")
        lines.append(t(
            key, lang, date=fmt_datetime(latest_report.at, tz), who=who,
            text=shorten(latest_report.note or "", 300),
        ))
    if events:
        lines.append("")
        lines.append(t("card.history", lang))
        shown = list(events)[-history_limit:]
        if len(events) > len(shown):
            lines.append(t("card.history_more", lang, count=len(events) - len(shown)))
        for event in shown:
            name = actor_names.get(event.actor_id) if event.actor_id is not None else None
            who = t("card.event_who", lang, who=name) if name else ""
            unit = unit_of(event)
            what = event_text(event, lang)
            if unit:
                what = Html(t("card.event_unit", lang, agency=unit) + what)
            lines.append(t("card.event", lang, at=fmt_datetime(event.at, tz), what=what,
                           who=Html(who)))
    return Html("\n".join(lines))


def render_task_line(task: Task, directory: AgencyDirectory, today: date, lang: str,
                     width: int = 90, agencies: Html | None = None) -> Html:
    """One line of a task list: icon, number, short text, lead, deadline and days left.

    ``agencies`` replaces the lead's name (lists say the reader's own role, see
    :mod:`bot.tasklists`).
    """
    lead = agencies if agencies is not None else agency_names(task.lead_ids[:1], directory)
    if task.status is TaskStatus.DONE and task.completed_on is not None:
        # A finished task has no time left: when it was done says more than a countdown.
        due = (t("line.done", lang, deadline=fmt_date(task.deadline),
                 date=fmt_date(task.completed_on)) if task.deadline
               else t("line.done_no_deadline", lang, date=fmt_date(task.completed_on)))
    elif task.status is TaskStatus.CANCELLED:
        due = t("line.cancelled", lang)
    elif task.deadline:
        # The date it is judged against: a unit's own, or the earliest a unit still owes.
        judged = task.judged_deadline
        left = due_phrase(judged, today, lang)
        if units_granted_later(task.status, task.deadline, judged, None) == "open":
            # Every unit still owing its part was granted a later date: the notice's
            # deadline, with the later one noted (as the card says it).
            due = t("line.units_extended", lang, deadline=fmt_date(task.deadline),
                    date=fmt_date(judged), left=left)
        else:
            due = Html(escape(f"{fmt_date(judged)}, {left}"))
    else:
        due = t("due.none", lang)
    if task.status is TaskStatus.REPORTED_DONE:  # what the clock icon means
        due = Html(f"{due} · {t('line.awaiting', lang)}")
    return Html(
        f"{icon(task, today)} <b>#{task.id}</b> {escape(shorten(task.text, width))}"
        f"\n     {lead} · {due}"
    )


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split into chunks Telegram accepts, between blocks (tags never span lines here).

    Blocks are separated by a blank line (a weekly table's rows, its totals, a section of
    tasks): a chunk ends at a block's end whenever the block fits in one, so a reader never
    finds "Toàn tỉnh:" and half its counts in one message and the rest in the next. A block
    longer than a message is split between its items: a line and the indented lines under
    it (a task and its "lead · deadline" line) stay together. Lengths are UTF-16 units of
    the HTML, as Telegram counts them (its count is of the text after parsing, never
    longer). A single line longer than the limit is cut at a space (or hard) as a last
    resort.
    """
    chunks: list[str] = []
    current = ""

    def add(piece: str, joint: str) -> bool:
        """Append ``piece`` to the current chunk if it fits."""
        nonlocal current
        candidate = f"{current}{joint}{piece}" if current else piece
        if utf16_len(candidate) > limit:
            return False
        current = candidate
        return True

    def flush() -> None:
        nonlocal current
        if current.strip():
            chunks.append(current)
        current = ""

    for block in text.split("\n\n"):
        if add(block, "\n\n"):
            continue
        if utf16_len(block) <= limit:
            flush()
            current = block
            continue
        # A block longer than a message: its items, as many per chunk as fit, the first
        # ones after what the current chunk holds (a table's rows under its title).
        joint = "\n\n"
        for item in _items(block):
            if add(item, joint):
                joint = "\n"
                continue
            flush()
            if add(item, ""):
                joint = "\n"
                continue
            for line in item.split("\n"):  # an item longer than a message: its lines
                if add(line, "\n"):
                    continue
                flush()
                while utf16_len(line) > limit:
                    cut = _cut(line, limit)
                    chunks.append(line[:cut])
                    line = line[cut:].lstrip()
                current = line
            joint = "\n"
    flush()
    return chunks or [""]


def _items(block: str) -> list[str]:
    """A block's lines, each with the indented lines under it."""
    items: list[str] = []
    for line in block.split("\n"):
        if items and line[:1].isspace():
            items[-1] += "\n" + line
        else:
            items.append(line)
    return items


def _cut(line: str, limit: int) -> int:
    """Where to cut a line longer than a message: at a space if one is not too far back,
    never inside an HTML entity such as &amp;."""
    hard = utf16_cut(line, limit)
    cut = line.rfind(" ", 0, hard)
    cut = cut if cut > hard // 2 else hard
    amp = line.rfind("&", 0, cut)
    if amp != -1 and ";" not in line[amp:cut]:
        cut = amp
    return cut
