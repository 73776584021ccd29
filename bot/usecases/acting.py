"""Officials acting on a task and the office deciding: one function per action.

Each action re-checks the rule, writes the task's history, queues the notifications it
causes (to the admins, or to the lead agency's members) in the outbox and ends the
question it answered, all in one transaction: a refused or failed action leaves nothing
behind, and a double press or a retried answer enqueues nothing twice (dedupe keys).

The question itself (what the person is asked to type after pressing a button) is a
:class:`bot.core.waiting.Waiting` row of flow ``act``; :func:`ask` stores it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.core.access import Access
from bot.core.actions import (
    APPROVE,
    APPROVE_TO,
    CONFIRM,
    CONFIRM_ON,
    REJECT,
    RETURN,
    ButtonSpecs,
    DateProblem,
    InputKind,
    Refusal,
    action_button_specs,
    check_proposed_deadline,
    may_report_done,
    may_report_progress,
    may_request_extension,
    shorten_note,
)
from bot.core.assignments import unit_view
from bot.core.dates import added_days, examples, fmt_date, fmt_datetime
from bot.core.deadlines import DeadlineError, parse_deadline
from bot.core.models import NewOutboxMessage, Task, TaskEvent
from bot.core.payloads import message_payload
from bot.core.waiting import Flow, Waiting
from bot.texts import Html, plain, t
from bot.usecases.services import Services
from bot.views.render import agency_names, deadline_as_set, deadline_text, shorten
from bot.views.units import unit_name
from storage.repo.actions import Confirmed

OPEN_TASK = "tv"
"""Callback action of the "open task" button (handled by handlers/tasks.py)."""

Compose = Callable[[str], tuple[str, ButtonSpecs]]


@dataclass(frozen=True)
class Question:
    """What the bot now waits for: the task it is about, the stored question, and the
    report or request being decided (for the office's questions)."""

    task: Task
    waiting: Waiting
    ref_event: TaskEvent | None = None
    unit: str | None = None  # the unit decided on, named when the task has several


@dataclass(frozen=True)
class Closing:
    """An admin's copy of a notice to rewrite once decided (buttons off, who decided)."""

    chat_id: int
    message_id: int
    text: str


@dataclass(frozen=True)
class Decided:
    """A decision taken: the history entry, the task, and the admins' copies to close."""

    event: TaskEvent
    task: Task  # as the unit decided on lives it (its own deadline)
    closings: list[Closing]
    unit: str | None = None  # the unit decided on, named when the task has several


# ----------------------------------------------------------------------------- asking


async def ask(
    services: Services, access: Access, kind: InputKind, task_id: int, ref: int | None = None,
    origin: tuple[int, int] | None = None,
) -> Question | Refusal:
    """Check the rule for ``kind`` on the task now, then wait for the person's answer.

    ``ref`` is the done report (return) or extension request (reject) being decided, or
    the unit a member's button names (done, extension); a member answers for their own
    unit, which the question remembers, and the office decides on the unit the report or
    request came from. ``origin`` (chat, message) is where the button was pressed: a card
    there is redrawn once the decision is typed.
    """
    repos = services.repos
    async with services.db.transaction():
        task = await repos.tasks.get(task_id)
        refusal: Refusal | None
        data: dict[str, Any] = {}
        # The report or request a decision is about (a member's button names a unit instead).
        deciding = kind in (InputKind.RETURN_NOTE, InputKind.DONE_DATE, InputKind.REJECT_NOTE,
                            InputKind.APPROVE_DATE)
        ref_event = await repos.actions.event(ref) if deciding and ref is not None else None
        if kind is InputKind.PROGRESS:
            refusal = may_report_progress(access, task)
        elif kind in (InputKind.DONE_RESULT, InputKind.EXTENSION_DATE):
            acting = await repos.actions.acting(access, task_id, ref)
            if isinstance(acting, Refusal):
                refusal = acting
            else:
                task, unit = acting  # the task as the member's unit lives it
                data = {"unit": unit.agency_id}
                if kind is InputKind.DONE_RESULT:
                    refusal = may_report_done(access, task)
                else:
                    pending = await repos.actions.pending_extension(task_id, unit.agency_id)
                    refusal = may_request_extension(access, task, pending)
        elif kind in (InputKind.RETURN_NOTE, InputKind.DONE_DATE) and ref is not None:
            refusal = await repos.actions.report_refusal(access, task_id, ref)
            data = {"report": ref}
        elif kind in (InputKind.REJECT_NOTE, InputKind.APPROVE_DATE) and ref is not None:
            refusal = await repos.actions.request_refusal(access, task_id, ref)
            data = {"request": ref}
        else:
            refusal = Refusal.STALE
        if refusal is not None or task is None:
            return refusal or Refusal.NOT_FOUND
        if deciding and origin is not None:
            data["origin"] = list(origin)
        waiting = await repos.waiting.put(access.user_id, Flow.ACT, kind.value, task.id, data)
        if ref_event is None:
            return Question(task, waiting)
        # The office decides on one unit: its deadline, and its name among several.
        return Question(await _as_unit(services, task, ref_event.agency_id), waiting,
                        ref_event, await _unit_named(services, task.id, ref_event.agency_id))


async def stop_asking(
    services: Services, access: Access, task_id: int, nonce: str | None = None
) -> bool:
    """The prompt's Cancel button: end its own question (``nonce``; buttons sent before
    they carried it: the question about this task). False when that question had already
    ended (answered, cancelled, or replaced by a newer one, which stays)."""
    waiting = await services.repos.waiting.get(access.user_id)
    if (waiting is None or waiting.flow is not Flow.ACT or waiting.task_id != task_id
            or (nonce is not None and waiting.nonce != nonce)):
        return False
    await services.repos.waiting.clear(access.user_id, nonce=waiting.nonce)
    return True


# ----------------------------------------------------------------------------- notices


def task_line(task: Task, lang: str) -> Html:
    """"#12 — <text>" as every notice about a task opens."""
    return t("act.task_line", lang, id=task.id, text=shorten(task.text, 160))


def verdict(deadline: date | None, completed_on: date, lang: str) -> Html:
    """On time, or how many days late."""
    if deadline is None:
        return t("act.verdict.no_deadline", lang)
    if completed_on <= deadline:
        return t("act.verdict.on_time", lang)
    return t("act.verdict.late", lang, days=(completed_on - deadline).days)


def view_button(services: Services, task_id: int, lang: str) -> tuple[str, str]:
    """(label, data) of the button that opens the task's card."""
    return plain("act.btn.view", lang, id=task_id), services.button(OPEN_TASK, task_id)


def decide_report_buttons(
    services: Services, task_id: int, report_id: int, lang: str
) -> ButtonSpecs:
    """Confirm / Return, and confirm as done on another day, on the admins' notice of a
    done report and on the card."""
    return [
        [(plain("act.btn.confirm", lang), services.button(CONFIRM, task_id, report_id)),
         (plain("act.btn.return", lang), services.button(RETURN, task_id, report_id))],
        [(plain("act.btn.confirm_on", lang), services.button(CONFIRM_ON, task_id, report_id))],
    ]


def decide_extension_buttons(
    services: Services, task_id: int, request_id: int, lang: str
) -> ButtonSpecs:
    """Approve / Reject, and approve to another date, on the admins' notice of an
    extension request and on the card."""
    return [
        [(plain("act.btn.approve", lang), services.button(APPROVE, task_id, request_id)),
         (plain("act.btn.reject", lang), services.button(REJECT, task_id, request_id))],
        [(plain("act.btn.approve_to", lang), services.button(APPROVE_TO, task_id, request_id))],
    ]


async def _unit_member_ids(services: Services, task: Task, agency_id: int | None) -> list[int]:
    """The members of the unit a decision is about (for an entry of no unit, written
    before units existed, of every lead and unit of the task)."""
    agencies = {agency_id} if agency_id is not None else {*task.lead_ids, *task.unit_ids}
    ids: set[int] = set()
    for agency in sorted(agencies):
        members = await services.repos.memberships.members_of(agency)
        ids.update(user.telegram_id for user in members)
    return sorted(ids)


async def _as_unit(services: Services, task: Task, agency_id: int | None) -> Task:
    """The task as one of its units lives it (the task itself for no unit)."""
    unit = await services.repos.units.get(task.id, agency_id) if agency_id is not None else None
    return task if unit is None else unit_view(task, unit)


async def _unit_named(services: Services, task_id: int, agency_id: int | None) -> str | None:
    """The name of the unit a decision is about when the task has several units (None for
    a task of one lead, whose messages speak of "the lead agency")."""
    if agency_id is None or len(await services.repos.units.of_task(task_id)) < 2:
        return None
    return unit_name(services.directory, agency_id)


def _unit_of(waiting: Waiting) -> int | None:
    """The unit a member's question is about (None: a question asked before units)."""
    unit = waiting.data.get("unit")
    return unit if isinstance(unit, int) else None


async def _enqueue(
    services: Services, key: str, recipients: Sequence[int], kind: str, compose: Compose
) -> None:
    """One message per recipient, in their language. The dedupe key makes a retried action
    (a double press racing the first) enqueue nothing twice."""
    languages = await services.repos.users.languages(recipients)
    messages = []
    for user_id in recipients:
        text, buttons = compose(languages.get(user_id, "vi"))
        messages.append(NewOutboxMessage(
            dedupe_key=f"{key}:{user_id}", chat_id=user_id, kind=kind,
            payload=message_payload(text, buttons),
        ))
    if messages:
        await services.repos.outbox.enqueue(messages)


def closed_notice(
    text: str, header: str, footer: str, drop_last_paragraph: bool,
    swap: Sequence[tuple[str, Callable[[str], str]]] = (), note: str = "",
) -> str:
    """An admin's notice once decided: the new header, the same facts, who decided.

    Notices are composed from the catalogue as "header line, facts, [a closing sentence
    about the pending decision]" (act.notify.done_reported, act.notify.extension_requested),
    so the header is the first line and the stale sentence the last paragraph. A fact line
    opening with a ``swap`` prefix is rewritten from the rest of it (a deadline no longer
    "current", a countdown gone stale); ``note``, the office's comment, follows the facts.
    """
    body = text.split("\n", 1)[1] if "\n" in text else ""
    if drop_last_paragraph and "\n\n" in body:
        body = body.rsplit("\n\n", 1)[0]
    lines = body.split("\n")
    for prefix, rewrite in swap:
        lines = [rewrite(line[len(prefix):]) if line.startswith(prefix) else line
                 for line in lines]
    return f"{header}\n{chr(10).join(lines)}{note}\n\n{footer}"


async def _closings(
    services: Services, access: Access, key: str, outcome: str, drop_last_paragraph: bool,
    task: Task | None = None, note: str | None = None, **params: object,
) -> list[Closing]:
    """Every admin's copy of a decided notice, rewritten to say what was decided and by
    whom: a request's deadline is the one it was asked against, a report's has no
    countdown (``task``: the task as the unit lives it now), and the office's ``note``
    is kept."""
    who = (await services.repos.users.names([access.user_id]))[access.user_id]
    at = fmt_datetime(services.clock.now(), services.settings.tz)
    admins = await services.admin_ids()
    languages = await services.repos.users.languages(admins)
    closings = []
    for admin_id in admins:
        row = await services.repos.outbox.by_key(f"{key}:{admin_id}")
        if row is None or row.sent_message_id is None:
            continue
        lang = languages.get(admin_id, "vi")
        text = closed_notice(str(row.payload["text"]), t(f"act.closed.{outcome}", lang,
                                                          **params),
                             t("act.decided_by", lang, who=who, at=at), drop_last_paragraph,
                             _swaps(key, task, lang),
                             t("act.notify.comment", lang, note=note) if note else "")
        closings.append(Closing(row.chat_id, row.sent_message_id, text))
    return closings


async def closing_copies(
    services: Services, access: Access, reports: dict[int, tuple[date, Task]],
    requests: list[int],
) -> list[Closing]:
    """The office closed a task: every admin's copy of the done reports it counted (report
    id → the day it counts as done and the task as that unit lives it) and of the requests
    for more time left undecided, rewritten to say so, without their buttons."""
    closings = []
    for report, (day, unit_task) in reports.items():
        closings += await _closings(services, access, f"act:report:{report}", "by_closing",
                                    True, unit_task, date=fmt_date(day))
    for request in requests:
        closings += await _closings(services, access, f"act:extension:{request}",
                                    "task_closed", False)
    return closings


def _swaps(key: str, task: Task | None, lang: str
           ) -> list[tuple[str, Callable[[str], str]]]:
    """The fact lines of a notice that go stale once it is decided, and their rewrites."""
    if key.startswith("act:extension:"):
        asked = str(t("act.line.deadline_asked", lang, old=""))
        return [(str(t("act.line.current_deadline", lang, old="")), lambda rest: asked + rest)]
    if key.startswith("act:report:") and task is not None:
        prefix = str(t("act.line.deadline", lang, deadline=""))
        line = prefix + deadline_as_set(task, lang)
        return [(prefix, lambda _: line)]
    return []


async def _decided(
    services: Services, access: Access, task: Task, event: TaskEvent, about: int,
    agency_id: int | None, outcome: str, compose: Compose, note: str | None = None,
    **params: object,
) -> Decided:
    """Tell the unit's members of the office's decision about report or request ``about``
    and rewrite the admins' notices of it (a report's notice loses its closing question;
    ``params`` fill its new header)."""
    on_report = outcome in ("confirmed", "returned")
    await _enqueue(services, f"act:{outcome}:{about}",
                   await _unit_member_ids(services, task, agency_id), "act.decision", compose)
    notice = f"act:{'report' if on_report else 'extension'}:{about}"
    closings = await _closings(services, access, notice, outcome, on_report, task, note,
                               **params)
    return Decided(event, task, closings, await _unit_named(services, task.id, agency_id))


def _request_dates(request: TaskEvent) -> tuple[str, str]:
    def day(value: object) -> str:
        return fmt_date(date.fromisoformat(value)) if isinstance(value, str) and value else "—"

    return day(request.data.get("old")), day(request.data.get("new"))


async def _task(services: Services, task_id: int) -> Task:
    task = await services.repos.tasks.get(task_id)
    assert task is not None  # the action was just taken on it, in this transaction
    return task


async def _answered(services: Services, waiting: Waiting) -> None:
    await services.repos.waiting.clear(waiting.user_id, nonce=waiting.nonce)


# ----------------------------------------------------------------------------- answers


async def report_progress(
    services: Services, access: Access, waiting: Waiting, text: str,
    attachment: dict[str, Any] | None,
) -> TaskEvent | Refusal | None:
    """A progress report; None when only a file came and its words are still awaited."""
    attachment = attachment or waiting.data.get("file")
    async with services.db.transaction():
        if not text:
            # A file without a caption: keep it and wait for the words that go with it.
            await services.repos.waiting.put(
                access.user_id, Flow.ACT, waiting.kind, waiting.task_id, {"file": attachment},
                nonce=waiting.nonce)
            return None
        assert waiting.task_id is not None
        result = await services.repos.actions.report_progress(
            access, waiting.task_id, shorten_note(text), attachment)
        await _answered(services, waiting)
        return result


async def report_done(
    services: Services, access: Access, waiting: Waiting, text: str
) -> TaskEvent | Refusal:
    """The lead agency says the task is done; every admin is asked to confirm."""
    assert waiting.task_id is not None
    async with services.db.transaction():
        result = await services.repos.actions.report_done(
            access, waiting.task_id, shorten_note(text), _unit_of(waiting))
        await _answered(services, waiting)
        if isinstance(result, Refusal):
            return result
        task = await _as_unit(services, await _task(services, waiting.task_id),
                              result.agency_id)
        who = (await services.repos.users.names([access.user_id]))[access.user_id]
        today = services.today()
        tz = services.settings.tz
        completed = result.at.astimezone(tz).date()
        unit = await _unit_named(services, task.id, result.agency_id)

        def compose(lang: str) -> tuple[str, ButtonSpecs]:
            what = (t("act.what.unit", lang, unit=shorten(unit, 80)) if unit is not None
                    else t("act.what.task", lang))
            body = t(
                "act.notify.done_reported", lang, task=task_line(task, lang),
                agencies=Html(agency_names(task.lead_ids, services.directory)),
                who=who, at=fmt_datetime(result.at, tz),
                deadline=deadline_text(task, today, lang), result=result.note or "",
                date=fmt_date(completed), verdict=verdict(task.deadline, completed, lang),
                what=what,
            )
            return body, [*decide_report_buttons(services, task.id, result.id, lang),
                          [view_button(services, task.id, lang)]]

        await _enqueue(services, f"act:report:{result.id}", await services.admin_ids(),
                       "act.done_reported", compose)
        return result


@dataclass(frozen=True)
class DateAnswer:
    """Why a typed date cannot be the new deadline: a message key and its parameters."""

    key: str
    params: dict[str, object]


def _extension_text(text: str, today: date, deadline: date | None) -> str:
    """An extension's "+14": the date it means (past the deadline), for the deadline
    parser, which reads "+14" from today as /new does."""
    plus = added_days(text, today, deadline)
    return fmt_date(plus) if plus is not None else text


async def propose_date(
    services: Services, access: Access, waiting: Waiting, text: str
) -> date | DateAnswer | Refusal:
    """The new deadline typed for an extension: checked, then its reason is asked for."""
    assert waiting.task_id is not None
    repos = services.repos
    async with services.db.transaction():
        acting = await repos.actions.acting(access, waiting.task_id, _unit_of(waiting))
        if isinstance(acting, Refusal):
            await _answered(services, waiting)
            return acting
        task, unit = acting  # the task as the member's unit lives it: its deadline
        refusal = may_request_extension(
            access, task, await repos.actions.pending_extension(waiting.task_id,
                                                                unit.agency_id))
        if refusal is not None:
            await _answered(services, waiting)
            return refusal
        # Examples in the answer are dates the step accepts: after today and the deadline.
        example = examples(services.today(), after=task.deadline)
        try:
            proposed = parse_deadline(_extension_text(text, services.today(), task.deadline),
                                      services.today())
        except DeadlineError as exc:
            return DateAnswer(f"act.date.{exc.code}", {"text": text, **example, **exc.params})
        problem = check_proposed_deadline(task, proposed)
        if problem is not None or proposed.due is None:
            code = problem.value if problem else DateProblem.NOT_A_DATE.value
            return DateAnswer(f"act.date.{code}", {"deadline": fmt_date(task.deadline),
                                                   **example})
        await repos.waiting.put(
            access.user_id, Flow.ACT, InputKind.EXTENSION_REASON.value, task.id,
            {"due": proposed.due.isoformat(), "phrase": proposed.phrase,
             "unit": unit.agency_id},
            nonce=waiting.nonce)  # the same question: the first prompt's Hủy still ends it
        return proposed.due


async def request_extension(
    services: Services, access: Access, waiting: Waiting, text: str
) -> TaskEvent | Refusal:
    """The reason typed: the request is filed and every admin is asked to decide."""
    assert waiting.task_id is not None
    due = date.fromisoformat(str(waiting.data["due"]))
    phrase = str(waiting.data.get("phrase") or fmt_date(due))
    async with services.db.transaction():
        result = await services.repos.actions.request_extension(
            access, waiting.task_id, due, phrase, shorten_note(text), _unit_of(waiting))
        await _answered(services, waiting)
        if isinstance(result, Refusal):
            return result
        task = await _as_unit(services, await _task(services, waiting.task_id),
                              result.agency_id)
        who = (await services.repos.users.names([access.user_id]))[access.user_id]
        old, new = _request_dates(result)
        tz = services.settings.tz

        def compose(lang: str) -> tuple[str, ButtonSpecs]:
            body = t(
                "act.notify.extension_requested", lang, task=task_line(task, lang),
                agencies=Html(agency_names(task.lead_ids, services.directory)),
                who=who, at=fmt_datetime(result.at, tz), old=old, new=new,
                reason=result.note or "",
            )
            return body, [*decide_extension_buttons(services, task.id, result.id, lang),
                          [view_button(services, task.id, lang)]]

        await _enqueue(services, f"act:extension:{result.id}", await services.admin_ids(),
                       "act.extension_requested", compose)
        return result


def requested_date(request: TaskEvent) -> str:
    """The date an extension request asked for, as shown ("—" when unreadable)."""
    return _request_dates(request)[1]


# ----------------------------------------------------------------------------- decisions


async def confirm_done(
    services: Services, access: Access, task_id: int, report_id: int,
    completed_on: date | None = None,
) -> tuple[Confirmed, Decided] | Refusal:
    """The office confirms a done report: done as of ``completed_on`` (the real day, which
    the office gives) or the report's date (a recurring task rolls on); the lead agency's
    members are told. The office's question about the date, if any, is answered."""
    async with services.db.transaction():
        result = await services.repos.actions.confirm_done(
            access, task_id, report_id, services.settings.tz, completed_on)
        if isinstance(result, Refusal):
            return result
        await stop_asking(services, access, task_id)
        # The task as the unit lives it now: its own deadline, its part done.
        task = await _as_unit(services, await _task(services, task_id),
                              result.report.agency_id)
        unit = await _unit_named(services, task_id, result.report.agency_id)

        def settled(lang: str) -> Html:
            """The line saying the unit's request for more time is closed with it."""
            what = t("act.what.part" if unit is not None else "act.what.task", lang)
            return Html("".join(t("act.notify.extension_settled", lang, what=what,
                             new=requested_date(request)) for request in result.settled))

        def compose(lang: str) -> tuple[str, ButtonSpecs]:
            said = verdict(result.deadline, result.completed_on, lang)
            if result.next_deadline is not None:
                text = t("act.notify.recurred", lang, task=task_line(task, lang),
                         date=fmt_date(result.completed_on), verdict=said,
                         next=fmt_date(result.next_deadline))
            else:
                text = Html(t("act.notify.confirmed", lang, task=task_line(task, lang),
                              date=fmt_date(result.completed_on), verdict=said)
                            + settled(lang))
            return text, [[view_button(services, task.id, lang)]]

        decided = await _decided(services, access, task, result.report, result.report.id,
                                 result.report.agency_id, "confirmed", compose)
        for request in result.settled:
            # The office's copies of the request lose their buttons and say why.
            decided.closings.extend(await _closings(
                services, access, f"act:extension:{request.id}",
                "settled" if unit is None else "settled_unit", False, unit=unit or ""))
        return result, decided


async def return_done(
    services: Services, access: Access, waiting: Waiting, text: str
) -> Decided | Refusal:
    """Not done after all: the task is open again and the agency is told why."""
    assert waiting.task_id is not None
    report_id = int(waiting.data.get("report", 0))
    note = shorten_note(text)
    async with services.db.transaction():
        result = await services.repos.actions.return_done(
            access, waiting.task_id, report_id, note)
        await _answered(services, waiting)
        if isinstance(result, Refusal):
            return result
        task = await _as_unit(services, await _task(services, waiting.task_id),
                              result.agency_id)
        today = services.today()
        pending = await services.repos.actions.pending_extension(task.id, result.agency_id)

        def compose(lang: str) -> tuple[str, ButtonSpecs]:
            # Open again: the agency reports again (or asks for time) from the notice itself.
            again = action_button_specs(services.button, task, lang,
                                        extension_pending=pending is not None)
            return (t("act.notify.returned", lang, task=task_line(task, lang), note=note,
                      deadline=deadline_text(task, today, lang)),
                    [*again, [view_button(services, task.id, lang)]])

        return await _decided(services, access, task, result, report_id, result.agency_id,
                              "returned", compose)


@dataclass(frozen=True)
class Granted:
    """The deadline the office chose for a unit, and the unit, named among several."""

    due: date
    unit: str | None


async def choose_extension_date(
    services: Services, access: Access, waiting: Waiting, text: str
) -> Granted | DateAnswer | Refusal:
    """The deadline the office grants instead of the one asked: checked (one date, after
    the current deadline), then its comment is asked for."""
    assert waiting.task_id is not None
    repos = services.repos
    request_id = int(waiting.data.get("request", 0))
    async with services.db.transaction():
        task = await repos.tasks.get(waiting.task_id)
        request = await repos.actions.event(request_id)
        refusal = await repos.actions.request_refusal(access, waiting.task_id, request_id)
        if refusal is not None or task is None or request is None:
            await _answered(services, waiting)
            return refusal or Refusal.NOT_FOUND
        # The deadline of the unit that asked (a task of several units: that unit's own).
        task = await _as_unit(services, task, request.agency_id)
        example = examples(services.today(), after=task.deadline)
        try:
            granted = parse_deadline(_extension_text(text, services.today(), task.deadline),
                                     services.today())
        except DeadlineError as exc:
            return DateAnswer(f"act.date.{exc.code}", {"text": text, **example, **exc.params})
        problem = check_proposed_deadline(task, granted)
        if problem is not None or granted.due is None:
            code = problem.value if problem else DateProblem.NOT_A_DATE.value
            return DateAnswer(f"act.date.{code}", {"deadline": fmt_date(task.deadline),
                                                   **example})
        await repos.waiting.put(
            access.user_id, Flow.ACT, InputKind.APPROVE_NOTE.value, task.id,
            {"request": request_id, "due": granted.due.isoformat(), "phrase": granted.phrase},
            nonce=waiting.nonce)
        return Granted(granted.due, await _unit_named(services, task.id, request.agency_id))


async def approve_extension(
    services: Services, access: Access, task_id: int, request_id: int,
    waiting: Waiting | None = None, note: str | None = None,
) -> Decided | Refusal:
    """The deadline moves as asked, or, answering the office's question (``waiting``), to
    the date it chose with its ``note``; the history keeps the original; the agency is
    told."""
    granted: tuple[date, str] | None = None
    if waiting is not None and waiting.data.get("due"):
        due = date.fromisoformat(str(waiting.data["due"]))
        granted = (due, str(waiting.data.get("phrase") or fmt_date(due)))
    comment = shorten_note(note) if note and note.strip() not in {"-", "—"} else None
    async with services.db.transaction():
        result = await services.repos.actions.approve_extension(
            access, task_id, request_id, granted, comment)
        if waiting is not None:
            await _answered(services, waiting)
        if isinstance(result, Refusal):
            return result
        # The task as the unit lives it now: the deadline it was granted.
        task = await _as_unit(services, await _task(services, task_id), result.agency_id)
        old, asked = _request_dates(result)
        new = fmt_date(granted[0]) if granted else asked

        def compose(lang: str) -> tuple[str, ButtonSpecs]:
            if granted is None:
                text = t("act.notify.approved", lang, task=task_line(task, lang), old=old,
                         new=new)
            else:
                said = t("act.notify.comment", lang, note=comment) if comment else ""
                text = t("act.notify.approved_other", lang, task=task_line(task, lang),
                         old=old, new=new, asked=asked, comment=Html(said))
            return text, [[view_button(services, task.id, lang)]]

        return await _decided(services, access, task, result, result.id, result.agency_id,
                              "approved", compose, comment, date=new)


async def reject_extension(
    services: Services, access: Access, waiting: Waiting, text: str
) -> Decided | Refusal:
    """The deadline stays; the agency is told why."""
    assert waiting.task_id is not None
    request_id = int(waiting.data.get("request", 0))
    note = shorten_note(text)
    async with services.db.transaction():
        result = await services.repos.actions.reject_extension(
            access, waiting.task_id, request_id, note)
        await _answered(services, waiting)
        if isinstance(result, Refusal):
            return result
        task = await _task(services, waiting.task_id)
        old, new = _request_dates(result)

        def compose(lang: str) -> tuple[str, ButtonSpecs]:
            return (t("act.notify.rejected", lang, task=task_line(task, lang), old=old,
                      new=new, note=note),
                    [[view_button(services, task.id, lang)]])

        return await _decided(services, access, task, result, request_id, result.agency_id,
                              "rejected", compose, note)


async def progress_file(
    services: Services, access: Access, task_id: int, event_id: int
) -> tuple[TaskEvent, str] | Refusal:
    """The file attached to a progress report, for someone who may see the task."""
    task = await services.repos.tasks.get(task_id)
    if task is None:
        return Refusal.NOT_FOUND
    if not access.may_view(task):
        return Refusal.NO_ACCESS
    event = await services.repos.actions.event(event_id)
    file_id = event.data.get("file_id") if event is not None and event.task_id == task.id else None
    if event is None or not isinstance(file_id, str):
        return Refusal.STALE
    return event, file_id
