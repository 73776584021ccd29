"""A conclusion as officials read it: the draft preview and the "new tasks" message.

Pure: plain data in, HTML out. The preview follows the layout of a real notice (header,
numbered items, "Giao X chủ trì, phối hợp với Y; thời hạn: …") so the admin can check it
against the paper; each agency's chats get one message with only their own new tasks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from bot.core.agencies import AgencyDirectory
from bot.core.dates import fmt_date
from bot.core.deadlines import written_phrase
from bot.core.drafts import Draft, DraftTask
from bot.core.models import Conclusion, DeadlineKind, Task
from bot.texts import Html, escape, plain, t
from bot.views.render import shorten


def names(ids: Iterable[int], directory: AgencyDirectory) -> str:
    """Agency names by id, comma-separated, plain text."""
    out = []
    for agency_id in ids:
        agency = directory.by_id(agency_id)
        out.append(agency.name if agency else f"#{agency_id}")
    return ", ".join(out)


def deadline_words(
    kind: DeadlineKind, due: date | None, phrase: str | None, lang: str
) -> Html:
    """"30/09/2024 (“trước ngày 30/9/2024”)", "không có thời hạn", "hằng quý (định kỳ)"."""
    if kind is DeadlineKind.RECURRING:
        if due is not None:
            return t("new.deadline.recurring_first", lang, phrase=phrase or "",
                     first=fmt_date(due))
        return t("new.deadline.recurring", lang, phrase=phrase or "")
    if kind is DeadlineKind.NONE or due is None:
        if phrase and phrase.strip() not in {"-", ""}:
            return t("new.deadline.none_phrase", lang, phrase=phrase)
        return t("new.deadline.none", lang)
    when = fmt_date(due)
    phrase = written_phrase(phrase)
    if phrase and phrase.strip() != when:
        return t("new.deadline.date_phrase", lang, date=when, phrase=phrase)
    return Html(escape(when))


def assignment_line(task: DraftTask, directory: AgencyDirectory, lang: str) -> Html:
    """"Giao X chủ trì, phối hợp với Y; thời hạn: …" (the wording of notices)."""
    deadline = deadline_words(task.deadline_kind, task.deadline, task.deadline_text, lang)
    lead = _with_new(names(task.lead_ids, directory), task.unknown, lang) or "?"
    for group, ticked in task.members.items():
        agency = directory.by_id(group)
        if group in task.lead_ids and agency is not None:
            total = len(directory.members_of(agency))
            lead += plain("new.members.chosen", lang, chosen=len(ticked), total=total)
    support = [a for a in task.support_ids if a not in task.lead_ids]
    if support or task.unknown_support:
        return t("new.assign.with_support", lang, lead=lead, deadline=deadline,
                 support=_with_new(names(support, directory), task.unknown_support, lang))
    return t("new.assign.lead_only", lang, lead=lead, deadline=deadline)


def _with_new(known: str, new: Sequence[str], lang: str) -> str:
    """Known names, then the names the directory lacks (added when the draft is saved)."""
    marked = [plain("new.agency_new", lang, name=name) for name in new]
    return ", ".join([known, *marked] if known else marked)


def draft_header(draft: Draft, lang: str) -> list[str]:
    """The document's details, one per line (empty fields left out)."""
    lines: list[str] = [t("new.preview.title", lang)]
    head: list[str] = []
    if draft.number:
        head.append(t("new.preview.number", lang, number=draft.number))
    if draft.issued_on:
        head.append(t("new.preview.issued_on", lang, date=fmt_date(draft.issued_on)))
    if head:
        lines.append(" ".join(head))
    if draft.issuer:
        lines.append(t("new.preview.issuer", lang, issuer=draft.issuer))
    if draft.signer:
        lines.append(t("new.preview.signer", lang, signer=draft.signer))
    if draft.meeting_on:
        lines.append(t("new.preview.meeting_on", lang, date=fmt_date(draft.meeting_on)))
    if draft.title:
        lines.append(f"<b>{escape(draft.title)}</b>")
    return lines


def render_draft_task(
    index: int, task: DraftTask, directory: AgencyDirectory, lang: str
) -> Html:
    """One numbered item of the preview."""
    number = task.ordinal or str(index)
    return Html(
        f"<b>{escape(number)}.</b> {escape(task.text)}\n"
        f"    → {assignment_line(task, directory, lang)}"
    )


def render_preview(
    draft: Draft, directory: AgencyDirectory, lang: str, today: date | None = None
) -> Html:
    """The whole conclusion laid out as a notice, for a last check before saving; with
    ``today``, the tasks whose deadline has already passed are counted and named."""
    lines = draft_header(draft, lang)
    lines.append("")
    lines.append(t("new.preview.tasks", lang, count=len(draft.tasks)))
    for index, task in enumerate(draft.tasks, start=1):
        lines.append(render_draft_task(index, task, directory, lang))
    lines.append("")
    past = draft.past_due_tasks(today) if today is not None else []
    if past:
        lines.append(t("new.preview.past_due", lang, count=len(past),
                       numbers=", ".join(task.ordinal or str(index + 1) for index, task in past)))
    lines.append(t("new.preview.check", lang))
    return Html("\n".join(lines))


def past_due_line(task: DraftTask, today: date, lang: str) -> Html | None:
    """The review's mark on a proposal whose deadline has already passed."""
    if not task.past_due(today) or task.deadline is None:
        return None
    return t("new.import.past_due", lang, date=fmt_date(task.deadline), today=fmt_date(today))


def saved_past_due(tasks: Sequence[Task], today: date, lang: str) -> Html | None:
    """After saving: the tasks overdue from the start (a deadline already passed), which
    their agencies are at once reminded of, and how to change one."""
    past = [task for task in tasks if task.deadline_kind is DeadlineKind.DATE
            and task.deadline is not None and task.deadline < today]
    if not past:
        return None
    return t("new.saved_past_due", lang, count=len(past),
             tasks=", ".join(f"#{task.id}" for task in past), first=past[0].id)


def source_line(conclusion: Conclusion, lang: str) -> Html:
    """"Thông báo số 123/TB-UBND ngày 05/09/2024 — title"."""
    parts = [
        t("new.source.number", lang, number=conclusion.number) if conclusion.number
        else t("new.source.no_number", lang)
    ]
    if conclusion.issued_on:
        parts.append(t("new.source.date", lang, date=fmt_date(conclusion.issued_on)))
    text = " ".join(parts)
    if conclusion.title:
        text += " — " + escape(shorten(conclusion.title, 200))
    return Html(text)


def compose_assignments(
    conclusion: Conclusion,
    tasks: Sequence[Task],
    followed: Mapping[int, set[int]],
    directory: AgencyDirectory,
    lang: str = "vi",
) -> dict[int, tuple[Html, list[int]]]:
    """One message per chat: the new tasks of the agencies it follows, lead role first.

    ``followed`` maps a chat to the agencies it is subscribed to. Returns, per chat that
    has at least one task, the message and the ids of its tasks (for buttons).
    """
    result: dict[int, tuple[Html, list[int]]] = {}
    for chat_id, agencies in sorted(followed.items()):
        leading = [task for task in tasks
                   if agencies.intersection(task.lead_ids) or agencies.intersection(task.unit_ids)]
        supporting = [
            task for task in tasks
            if task not in leading and agencies.intersection(task.support_ids)
        ]
        if not leading and not supporting:
            continue
        involved = sorted(
            {a for task in [*leading, *supporting]
             for a in (*task.agency_ids, *task.unit_ids) if a in agencies}
        )
        lines: list[str] = [
            t("new.notify.title", lang, count=len(leading) + len(supporting)),
            t("new.notify.source", lang, source=source_line(conclusion, lang)),
            t("new.notify.agencies", lang, agencies=names(involved, directory)),
        ]
        for heading, group in (("new.notify.lead", leading), ("new.notify.support", supporting)):
            if not group:
                continue
            lines.append("")
            lines.append(t(heading, lang))
            # Many tasks get shorter texts so that the chat still gets one message.
            width = max(80, min(400, 2400 // (len(leading) + len(supporting))))
            for task in group:
                show_lead = group is supporting
                lines.append(_notify_task(task, directory, lang, show_lead, width))
        lines.append("")
        lines.append(t("new.notify.footer", lang))
        result[chat_id] = (Html("\n".join(lines)), [task.id for task in [*leading, *supporting]])
    return result


def _notify_task(
    task: Task, directory: AgencyDirectory, lang: str, show_lead: bool, width: int
) -> Html:
    deadline = deadline_words(task.deadline_kind, task.deadline, task.deadline_text, lang)
    line = t("new.notify.task", lang, id=task.id, text=shorten(task.text, width))
    extra = t("new.notify.deadline", lang, deadline=deadline)
    if show_lead:
        extra = Html(t("new.notify.led_by", lang, lead=names(task.lead_ids, directory))
                     + "; " + extra)
    return Html(f"{line}\n    {extra}")


_SOURCES = ("written", "heading", "section", "document", "guessed")


def proposal_sources(task: DraftTask, lang: str) -> list[Html]:
    """Why the extractor chose a proposal's lead and deadline, in one line (none when it
    read neither from the notice: a task typed by the admin)."""
    parts = []
    if task.lead_source in _SOURCES and task.has_lead:
        parts.append(t("new.import.source.lead", lang,
                       why=t(f"new.import.source.{task.lead_source}", lang)))
    if task.deadline_source in _SOURCES and task.deadline_source != "guessed":
        parts.append(t("new.import.source.deadline", lang,
                       why=t(f"new.import.source.{task.deadline_source}", lang)))
    if not parts:
        return []
    return [t("new.import.source.line", lang, parts=Html("; ".join(parts)))]
