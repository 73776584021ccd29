"""From the policy to the outbox: who gets which nudge or summary, and enqueueing it.

:func:`run_due` is the scheduled job's body. It reads the time of its last recorded run
from ``meta``, asks the pure policy what fell due since then, and writes the messages and
the new "last run" in one transaction, so that a crash either enqueues everything or
nothing (and the next run does it). Dedupe keys make a second enqueue a no-op.

After a downtime (the window holds nudge days before today) every chat gets one merged
catch-up message with the current state of the tasks it missed, instead of one stale
message per missed nudge; only the latest missed weekly summary is sent.

Nudges go per unit (migration 0010): a task to "UBND các xã, phường" nudges each
commune's chats about that commune's own deadline, and only while its own part is open.
Supporting agencies' chats are nudged on the due day and after it (their own switch).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.adapters.charts import class_chart_png
from bot.core.actions import action_button_specs
from bot.core.assignments import unit_view
from bot.core.dates import week_span
from bot.core.models import Assignment, ChatType, NewOutboxMessage, Task, TaskStatus
from bot.core.normalize import vi_sort_key
from bot.core.nudges import (
    LONGEST_DAYS_OFF,
    Nudge,
    NudgePolicy,
    due_nudges_of,
    due_summary,
    iso_week,
)
from bot.core.payloads import message_payload, photo_payload
from bot.core.status import ClassCounts
from bot.texts import plain
from bot.usecases.services import Services
from bot.views.render import split_message
from bot.views.stats import SHOWN, chart_caption
from bot.views.summary import (
    BUTTON_LIMIT,
    LIST_LIMIT,
    SOON_DAYS,
    AgencySummary,
    previous_week,
    render_agency_summary,
    render_nudge,
    render_nudge_digest,
    render_province_summary,
    render_support_only_summary,
    render_supported,
    sort_sections,
    worst_first,
)
from storage.db import from_db_time, to_db_time

log = logging.getLogger(__name__)

LAST_RUN_KEY = "reminders.last_run"
MAX_SEPARATE_NUDGES = 5
"""More nudges than this for one chat on one day are merged into one message."""


def policy_of(services: Services) -> NudgePolicy:
    """The nudge policy configured in the settings, on the province's working calendar."""
    settings = services.settings
    return NudgePolicy(
        offsets=settings.nudge_offsets,
        overdue_every=settings.overdue_every_days,
        hour=settings.nudge_hour,
        summary_weekday=settings.summary_weekday,
        summary_hour=settings.summary_hour,
        calendar=services.calendar,
    )


@dataclass(frozen=True, slots=True)
class Planned:
    """One thing that goes out (or would, for the dry run); chat None = nobody to reach."""

    kind: str  # before | due | overdue | support_<those> | summary | province
    task_id: int | None
    agency_id: int | None
    chat_id: int | None
    due: date | None
    on: date


async def _nudge_chats(services: Services, agency_id: int) -> list[int]:
    subs = await services.repos.chats.subscribers(agency_id, nudges=True)
    return [sub.chat_id for sub in subs]


async def _support_chats(services: Services, agency_id: int) -> list[int]:
    subs = await services.repos.chats.subscribers(agency_id, support_nudges=True)
    return [sub.chat_id for sub in subs]


async def _summary_chats(services: Services, agency_id: int) -> list[int]:
    subs = await services.repos.chats.subscribers(agency_id, summaries=True)
    return [sub.chat_id for sub in subs]


async def admin_chats(services: Services) -> list[int]:
    """Private chats of admins the bot can reach (they get the province-wide summary)."""
    ids = set(services.settings.admin_ids)
    ids.update(user.telegram_id for user in await services.repos.users.admins() if user.active)
    chats = []
    for user_id in sorted(ids):
        chat = await services.repos.chats.get(user_id)
        if chat is not None and chat.active and chat.type is ChatType.PRIVATE:
            chats.append(user_id)
    return chats


@dataclass(frozen=True, slots=True)
class DueNudge:
    """A nudge for one unit of its task (sent to each of that agency's chats), or, with
    ``support``, for one of its supporting agencies."""

    nudge: Nudge
    agency_id: int
    support: bool = False

    @property
    def kind(self) -> str:
        """before | due | overdue, "support_" in front for a supporting agency."""
        return f"support_{self.nudge.kind.value}" if self.support else self.nudge.kind.value


class Plan:
    """Everything due in a window, kept compact; iterating yields one :class:`Planned` per
    (nudge or summary, chat), in order.

    A Monday in a province of 5,000 users is ~200,000 (nudge, chat) entries: each nudge is
    therefore kept once per unit and each agency's chats once, and the entries are made
    only while someone iterates (see bench/RESULTS.md, ``peak_rss_mb``). ``support_chats``
    are the chats that take an agency's nudges about the tasks it supports.
    """

    __slots__ = ("nudge_chats", "nudges", "on", "province_chats", "summary_chats",
                 "support_chats")

    def __init__(
        self,
        nudges: Sequence[DueNudge] = (),
        nudge_chats: dict[int, list[int]] | None = None,
        summary_chats: Sequence[tuple[int, list[int]]] = (),
        province_chats: Sequence[int] = (),
        on: date | None = None,
        support_chats: dict[int, list[int]] | None = None,
    ) -> None:
        self.nudges = nudges
        self.nudge_chats = nudge_chats or {}
        self.support_chats = support_chats or {}
        self.summary_chats = summary_chats
        self.province_chats = province_chats
        self.on = on  # the summaries' day (None: no summary in the window)

    def chats_of(self, due: DueNudge) -> list[int]:
        """The chats a nudge goes to (none: nobody to reach)."""
        return (self.support_chats if due.support else self.nudge_chats).get(due.agency_id, [])

    def __iter__(self) -> Iterator[Planned]:
        for due in self.nudges:
            nudge = due.nudge
            targets: Sequence[int | None] = self.chats_of(due) or [None]
            for chat_id in targets:
                yield Planned(due.kind, nudge.task_id, due.agency_id, chat_id,
                              nudge.deadline, nudge.on)
        yield from self.summaries()

    def __len__(self) -> int:
        nudges = sum(len(self.chats_of(due) or [None]) for due in self.nudges)
        return nudges + sum(len(chats) for _, chats in self.summary_chats) + len(
            self.province_chats)

    def summaries(self) -> list[Planned]:
        """The weekly summaries' entries (agencies' chats, then admins): a few thousand."""
        if self.on is None:
            return []
        on = self.on
        return [Planned("summary", None, agency_id, chat_id, None, on)
                for agency_id, chats in self.summary_chats for chat_id in chats] + [
            Planned("province", None, None, chat_id, None, on) for chat_id in self.province_chats]

    def nudges_by_chat(self) -> dict[int, list[DueNudge]]:
        """Each reachable chat's nudges in plan order; the lists share the DueNudge objects."""
        per_chat: dict[int, list[DueNudge]] = defaultdict(list)
        for due in self.nudges:
            for chat_id in self.chats_of(due):
                per_chat[chat_id].append(due)
        return per_chat


async def plan(services: Services, start: datetime, end: datetime) -> Plan:
    """Everything due in ``(start, end]``; iterate for one entry per (nudge or summary, chat).

    Units are read grouped by (task, deadline): the policy decides once for the hundred
    communes of a task to "UBND các xã, phường", not once per commune (bench/RESULTS.md).
    """
    policy = policy_of(services)
    tz = services.settings.tz
    repos = services.repos
    last = end.astimezone(tz).date()
    # Only dated open units can be nudged, and only up to the largest offset (plus a run
    # of days off) after the window: the rest is not worth reading (see bench/RESULTS.md).
    horizon = last + timedelta(days=max(policy.offsets, default=0)) + LONGEST_DAYS_OFF
    units = due_nudges_of(await repos.assignments.nudge_subjects(horizon), policy, start, end,
                          tz)
    due = [DueNudge(nudge, agency_id) for nudge, subject in units
           for agency_id in subject.agency_ids]
    # Supporting agencies: the due day (a day off moves it to the working day before) and
    # the overdue steps.
    support_policy = replace(policy, offsets=(0,))
    supported = due_nudges_of(await repos.assignments.support_subjects(last + LONGEST_DAYS_OFF),
                              support_policy, start, end, tz)
    due += [DueNudge(nudge, agency_id, True) for nudge, subject in supported
            for agency_id in subject.agency_ids]
    due.sort(key=lambda d: (d.nudge.on, d.nudge.task_id, d.support, d.agency_id))
    chats: dict[int, list[int]] = {}
    support_chats: dict[int, list[int]] = {}
    for item in due:
        target, fetch = ((support_chats, _support_chats) if item.support
                         else (chats, _nudge_chats))
        if item.agency_id not in target:
            target[item.agency_id] = await fetch(services, item.agency_id)
    nominal = due_summary(policy, start, end, tz)
    if nominal is None:
        return Plan(due, chats, support_chats=support_chats)
    summaries: list[tuple[int, list[int]]] = []
    for agency in sorted(services.directory.agencies, key=lambda a: vi_sort_key(a.name)):
        if agency.id is None or not agency.active:
            continue
        summaries.append((agency.id, await _summary_chats(services, agency.id)))
    return Plan(due, chats, summaries, await admin_chats(services), last, support_chats)


async def unreached(services: Services) -> list[tuple[str, int]]:
    """(name, open tasks) of the units with open tasks that no chat follows, most open tasks
    first, then by name: listed to the office with the /invite to send (admins' weekly
    summary, ``python -m bot plan``)."""
    rows = [(_agency_name(services, agency_id), count)
            for agency_id, count in await services.repos.assignments.unreached()]
    return sorted(rows, key=lambda row: (-row[1], vi_sort_key(row[0])))


# ----------------------------------------------------------------------------- messages


async def _language(services: Services, chat_id: int) -> str:
    if chat_id < 0:
        return "vi"
    user = await services.repos.users.get(chat_id)
    return user.language if user is not None else "vi"


def _agency_name(services: Services, agency_id: int) -> str:
    agency = services.directory.by_id(agency_id)
    return agency.name if agency else f"#{agency_id}"


def open_buttons(
    services: Services, task_ids: Sequence[int], lang: str
) -> list[list[tuple[str, str]]]:
    """Open-task buttons, four to a row, at most BUTTON_LIMIT."""
    buttons = [(plain("nudge.open_short", lang, id=i), services.button("tv", i))
               for i in task_ids[:BUTTON_LIMIT]]
    return [buttons[i:i + 4] for i in range(0, len(buttons), 4)]


def text_rows(
    key: str, chat_id: int, kind: str, text: str, buttons: list[list[tuple[str, str]]]
) -> list[NewOutboxMessage]:
    """A message split to Telegram's size, buttons under the last part, keys ``key#n``."""
    parts = split_message(text)
    rows = []
    for index, part in enumerate(parts, start=1):
        last = index == len(parts)
        rows.append(NewOutboxMessage(
            f"{key}#{index}" if len(parts) > 1 else key, chat_id, kind,
            message_payload(part, buttons if last else ()),
        ))
    return rows


def for_chat(
    template: Sequence[NewOutboxMessage], key: str, chat_id: int
) -> list[NewOutboxMessage]:
    """A composed message (``text_rows`` with an empty key) addressed to one chat.

    The payload — text and signed buttons — is shared, not copied: thousands of chats
    reading the same words cost one text.
    """
    return [replace(row, dedupe_key=key + row.dedupe_key, chat_id=chat_id) for row in template]


async def nudge_messages(
    services: Services, planned: Plan, tasks: dict[int, Task], today: date
) -> list[NewOutboxMessage]:
    """Nudges grouped by chat: one message per task, or one merged message per chat.

    Chats with the same nudges in the same language get the same text (members of one
    agency, mostly): it is composed once and shared.
    """
    per_chat = planned.nudges_by_chat()
    languages = await services.repos.users.languages(c for c in per_chat if c > 0)
    digests: dict[tuple[tuple[int, ...], str], list[NewOutboxMessage]] = {}
    singles: dict[tuple[int, str], list[NewOutboxMessage]] = {}
    messages: list[NewOutboxMessage] = []
    for chat_id, items in sorted(per_chat.items()):
        lang = languages.get(chat_id, "vi")
        missed = [item.nudge.on for item in items if item.nudge.on < today]
        if missed or len({item.nudge.task_id for item in items}) > MAX_SEPARATE_NUDGES:
            kind = "nudge_catchup" if missed else "nudge_digest"
            # The items are shared objects: their identities name this chat's nudges.
            same = (tuple(map(id, items)), lang)
            if same not in digests:
                digests[same] = _nudge_digest(services, items, tasks, today, lang,
                                              min(missed) if missed else None, kind)
            messages += for_chat(digests[same], f"{kind}:{today}:{chat_id}", chat_id)
            continue
        for item in items:
            nudge = item.nudge
            if (id(item), lang) not in singles:
                singles[id(item), lang] = await _single_nudge(services, item, tasks, lang)
            # A chat following a unit and a supporting agency of one task gets one nudge.
            key = f"nudge:{nudge.task_id}:{nudge.deadline}:{nudge.on}:{chat_id}"
            messages += for_chat(singles[id(item), lang], key, chat_id)
    return messages


def _nudge_digest(
    services: Services, items: Sequence[DueNudge], tasks: dict[int, Task], today: date,
    lang: str, since: date | None, kind: str,
) -> list[NewOutboxMessage]:
    """One chat's nudges merged: each task once, grouped by agency (its units first, then
    what it supports; a template row)."""
    by_agency: dict[tuple[bool, int], list[Task]] = defaultdict(list)
    seen: set[int] = set()
    for item in items:
        if item.nudge.task_id not in seen:
            seen.add(item.nudge.task_id)
            by_agency[item.support, item.agency_id].append(_as_nudged(tasks, item))
    keys = sorted(by_agency)
    groups = [(_agency_name(services, a), by_agency[support, a]) for support, a in keys]
    supporting = frozenset(i for i, (support, _) in enumerate(keys) if support)
    text = render_nudge_digest(groups, services.directory, today, lang, since=since,
                               supporting=supporting)
    ordered = [task.id for _, ts in groups for task in
               sorted(ts, key=lambda x: (x.deadline or date.max, x.id))]
    return text_rows("", 0, kind, text, open_buttons(services, ordered, lang))


def _as_nudged(tasks: dict[int, Task], item: DueNudge) -> Task:
    """The task as the nudged unit lives it: its own deadline (one the office extended for
    it), the unit as lead; a supporting agency's nudge is about the task itself.

    Only open units of live tasks are nudged (``nudge_subjects``), so the unit is open and
    its deadline is the nudge's.
    """
    task = tasks[item.nudge.task_id]
    if item.support:
        return task
    return unit_view(task, Assignment(task.id, item.agency_id, None, TaskStatus.OPEN,
                                      item.nudge.deadline, None))


async def _single_nudge(
    services: Services, item: DueNudge, tasks: dict[int, Task], lang: str
) -> list[NewOutboxMessage]:
    """One task's reminder for one of its units, or supporting agencies (a template row)."""
    task = _as_nudged(tasks, item)
    conclusion = await services.repos.conclusions.get(task.conclusion_id)
    lead = None
    if item.support:
        lead = ", ".join(_agency_name(services, a) for a in task.lead_ids)
    text = render_nudge(item.nudge, task, _agency_name(services, item.agency_id),
                        conclusion, lang, lead=lead)
    # Only the buttons that can work: no extension while this unit's request waits.
    pending = not item.support and await services.repos.actions.pending_extension(
        task.id, item.agency_id) is not None
    button = [[(plain("nudge.open", lang, id=task.id), services.button("tv", task.id))],
              *action_button_specs(services.button, task, lang, extension_pending=pending,
                                   lead_actions=not item.support)]
    return text_rows("", 0, "nudge", text, button)


async def agency_summary_text(
    services: Services, agency_id: int, today: date, lang: str = "vi",
    counts: Mapping[int, ClassCounts] | None = None,
) -> tuple[str, list[int]]:
    """One agency's weekly summary of its own units, and the tasks it lists (for buttons).

    An agency that holds no unit gets one line about the open tasks it supports, or
    nothing at all ("") when it has none: no message of zero counts. What is sent is
    :func:`weekly_summary_text`, which adds the tasks it supports. ``counts``: the
    province's counts per agency, when the caller has them (the weekly run does).
    """
    own = await _units_summary(services, agency_id, today, lang, counts)
    if own is not None:
        return own
    shown, ids = await _supported(services, agency_id)
    if not ids:
        return "", []
    text = render_support_only_summary(_agency_name(services, agency_id), shown, today,
                                       _week_label(today), lang, len(ids))
    return text, ids


async def weekly_summary_text(
    services: Services, agency_id: int, today: date, lang: str = "vi",
    counts: Mapping[int, ClassCounts] | None = None,
) -> tuple[str, list[int]]:
    """The weekly summary an agency's chats receive: its units in the official classes,
    then the open tasks it supports (always listed, also when it leads others)."""
    own = await _units_summary(services, agency_id, today, lang, counts)
    if own is None:
        return await agency_summary_text(services, agency_id, today, lang, counts)
    text, task_ids = own
    shown, ids = await _supported(services, agency_id)
    if not ids:
        return own
    section = render_supported(shown, services.directory, today, lang, len(ids))
    return text + "\n" + "\n".join(section), task_ids + [i for i in ids if i not in task_ids]


async def _supported(services: Services, agency_id: int) -> tuple[list[Task], list[int]]:
    """The first open tasks an agency supports (those a summary shows), and all of their
    ids, most urgent first."""
    ids = await services.repos.tasks.supported_open(agency_id)
    return await services.repos.tasks.get_many(ids[:LIST_LIMIT]), ids


async def _units_summary(
    services: Services, agency_id: int, today: date, lang: str,
    counts: Mapping[int, ClassCounts] | None = None,
) -> tuple[str, list[int]] | None:
    """The summary of an agency's units, or None when it holds none."""
    repos = services.repos
    if counts is None:
        counts = await repos.tasks.class_counts(today, agency_ids=[agency_id])
    own = counts.get(agency_id)
    if own is None:  # no row: the agency holds no unit at all
        return None
    week = previous_week(today)
    # Light rows decide what is listed; whole tasks are read for the lines shown only (a
    # commune holds hundreds of open units of tasks to every commune: bench/RESULTS.md).
    sections = sort_sections(await repos.tasks.unit_states(
        agency_id, today + timedelta(days=SOON_DAYS), week), today)
    shown = [ids[:LIST_LIMIT] for ids in sections]
    tasks = {task.id: task for task in await repos.tasks.unit_views(
        agency_id, [i for ids in shown for i in ids])}
    overdue, soon, completed = ([tasks[i] for i in ids if i in tasks] for ids in shown)
    summary = AgencySummary(
        agency_id, _agency_name(services, agency_id), today, own, overdue, soon, completed,
        week, sizes=(len(sections[0]), len(sections[1]), len(sections[2])),
        ids=tuple(i for ids in sections for i in ids),
    )
    text = render_agency_summary(summary, services.directory, _week_label(today), lang)
    return text, summary.task_ids


def _week_label(today: date) -> str:
    """"07/12–13/12/2026": how Vietnamese offices name a week (not an ISO number)."""
    return week_span(today)


async def summary_messages(
    services: Services, planned: Sequence[Planned], today: date, nominal: date
) -> list[NewOutboxMessage]:
    """Weekly summaries per (agency, chat) and the province summary with its chart."""
    week = iso_week(nominal)
    admins = [item.chat_id for item in planned if item.kind == "province" and item.chat_id]
    admin_langs = {chat_id: await _language(services, chat_id) for chat_id in admins}
    province = (await _province_chart(services, today, week, set(admin_langs.values()))
                if admins else None)
    # Every agency's counts in one count of the province (kept for /stats too), instead of
    # one count per agency.
    counts = await services.class_counts(today)
    messages: list[NewOutboxMessage] = []
    # One text, split and with its signed buttons, per (agency, language), shared by every
    # chat that gets it: thousands of recipients no longer mean thousands of copies.
    templates: dict[tuple[int, str], list[NewOutboxMessage]] = {}
    # All recipients' languages in a few queries rather than one per chat.
    languages = await services.repos.users.languages(
        item.chat_id for item in planned if item.chat_id is not None and item.chat_id > 0
    )
    for item in planned:
        if item.kind != "summary" or item.chat_id is None or item.agency_id is None:
            continue
        lang = languages.get(item.chat_id, "vi")
        cache_key = (item.agency_id, lang)
        if cache_key not in templates:
            text, task_ids = await weekly_summary_text(services, item.agency_id, today, lang,
                                                       counts)
            # No text: nothing to say to this agency's chats (no message of zero counts).
            templates[cache_key] = text_rows("", 0, "summary", text, open_buttons(
                services, task_ids, lang)) if text else []
        key = f"summary:{item.agency_id}:{week}:{item.chat_id}"
        messages += for_chat(templates[cache_key], key, item.chat_id)
    if province is not None:
        rows, totals, refs = province
        nobody = await unreached(services)
        for chat_id in admins:
            lang = admin_langs[chat_id]
            ref = refs[lang]
            text = render_province_summary(rows, totals, today, _week_label(today), lang,
                                           nobody)
            key = f"province:{week}:{chat_id}"
            messages += text_rows(key, chat_id, "province", text, [])
            _, caption = chart_caption(rows, today, lang, week=_week_label(today))
            messages.append(NewOutboxMessage(f"{key}:chart", chat_id, "province_chart",
                                             photo_payload(ref, caption)))
    return messages


async def _province_chart(
    services: Services, today: date, week: str, languages: set[str]
) -> tuple[list[tuple[str, ClassCounts]], ClassCounts, dict[str, str]]:
    """The admins' table rows, the province totals and the stored chart's reference in
    each of the admins' ``languages``.

    Drawn before the agencies' summaries are composed, not after: a province's chart is a
    35 MB pixel buffer for a moment, better not stacked on thousands of composed messages.
    """
    counts = await services.class_counts(today)
    totals = await services.class_totals(today)
    rows = worst_first(counts, services.directory)
    refs: dict[str, str] = {}
    for lang in sorted(languages):
        png = await asyncio.to_thread(  # the agencies /stats draws: 134 bars are unreadable
            class_chart_png, rows[:SHOWN],
            plain("chart.title_province", lang, date=today.strftime("%d/%m/%Y")), lang)
        suffix = "" if lang == "vi" else f"-{lang}"
        refs[lang] = await services.repos.outbox.put_file(png, f"tong-hop-{week}{suffix}.png")
    return rows, totals, refs


# ----------------------------------------------------------------------------- the job


@dataclass(frozen=True)
class RunReport:
    """What one run did (for logs and tests)."""

    start: datetime | None
    end: datetime
    planned: int
    enqueued: int


async def run_due(services: Services) -> RunReport:
    """Enqueue everything that fell due since the last recorded run (the job's body)."""
    now = services.clock.now()
    repos = services.repos
    stored = await repos.meta.get(LAST_RUN_KEY)
    if stored is None:
        # First run ever: start from now; a fresh install does not replay the past.
        await repos.meta.set(LAST_RUN_KEY, to_db_time(now))
        return RunReport(None, now, 0, 0)
    start = from_db_time(stored)
    if now <= start:
        return RunReport(start, now, 0, 0)
    tz = services.settings.tz
    today = now.astimezone(tz).date()
    planned = await plan(services, start, now)
    tasks = {task.id: task for task in await repos.tasks.get_many(
        sorted({due.nudge.task_id for due in planned.nudges}))}
    messages = await nudge_messages(services, planned, tasks, today)
    nominal = due_summary(policy_of(services), start, now, tz)
    if nominal is not None:
        messages += await summary_messages(services, planned.summaries(), today, nominal)
    async with repos.db.transaction():
        enqueued = await repos.outbox.enqueue(messages)
        await repos.meta.set(LAST_RUN_KEY, to_db_time(now))
    if planned:
        log.info("reminders %s → %s: %d planned, %d messages enqueued",
                 start.isoformat(), now.isoformat(), len(planned), enqueued)
    return RunReport(start, now, len(planned), enqueued)


def day_start(moment: datetime, services: Services) -> datetime:
    """Midnight (local) of the day of ``moment``, minus a microsecond: a window opener."""
    local = moment.astimezone(services.settings.tz)
    midnight = datetime.combine(local.date(), datetime.min.time(), tzinfo=local.tzinfo)
    return midnight - timedelta(microseconds=1)
