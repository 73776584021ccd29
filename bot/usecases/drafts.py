"""Recording a conclusion in chat (/new, /import): drafts, their questions, saving.

The truth is the draft in SQLite (:class:`bot.core.drafts.Draft`): every answer is a pure
move on the draft, stored with a new revision (a stale revision is refused, so two
devices or a double press cannot both write). The draft's current question is a
:class:`bot.core.waiting.Waiting` row of flow ``new`` while its prompt is on screen.
Saving writes the conclusion, its tasks and one message per subscribed chat in one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.access import Access
from bot.core.agencies import Agency
from bot.core.drafts import Draft, DraftRecord, DraftState, Step
from bot.core.models import Conclusion, NewOutboxMessage, Task
from bot.core.payloads import message_payload
from bot.core.waiting import Flow
from bot.texts import Html, plain
from bot.usecases.acting import OPEN_TASK
from bot.usecases.services import Services
from bot.views.notice import compose_assignments
from bot.views.render import split_message


async def active_of(services: Services, owner_id: int) -> DraftRecord | None:
    """The person's unfinished draft."""
    return await services.repos.drafts.active_of(owner_id)


async def get(services: Services, draft_id: int) -> DraftRecord | None:
    """A draft by id (any state)."""
    return await services.repos.drafts.get(draft_id)


async def create(services: Services, access: Access, kind: str) -> DraftRecord:
    """A fresh draft: /new starts at the notice's number, /import waits for the notice."""
    draft = Draft(step=Step.SOURCE) if kind == "import" else Draft()
    return await services.repos.drafts.create(access.user_id, draft, kind=kind)


async def save(services: Services, record: DraftRecord, draft: Draft) -> DraftRecord | None:
    """Store a move on the draft; None when the draft changed meanwhile (stale)."""
    return await services.repos.drafts.save(record, draft)


async def close(services: Services, record: DraftRecord) -> bool:
    """Cancel the draft (and its question); False when it was no longer open."""
    async with services.db.transaction():
        closed = await services.repos.drafts.close(record, DraftState.CANCELLED)
        if closed:
            await services.repos.waiting.clear(record.owner_id, flow=Flow.NEW)
        return closed


async def asked(services: Services, record: DraftRecord, message_id: int) -> None:
    """The draft's question is on screen: its answer is awaited."""
    async with services.db.transaction():
        await services.repos.drafts.set_prompt(record.id, message_id)
        await services.repos.waiting.put(record.owner_id, Flow.NEW, "draft", None,
                                         {"draft": record.id})


async def offered(services: Services, record: DraftRecord, message_id: int) -> None:
    """An offer to continue or discard the draft is on screen (a choice, not a question)."""
    await services.repos.drafts.set_prompt(record.id, message_id)


async def paused(services: Services, record_id: int, owner_id: int) -> int | None:
    """The draft's question leaves the screen (another command, a newer prompt): the
    message that showed it, whose buttons the caller takes off; the draft stays."""
    async with services.db.transaction():
        old = await services.repos.drafts.prompt_of(record_id)
        if old is not None:
            await services.repos.drafts.set_prompt(record_id, None)
        waiting = await services.repos.waiting.get(owner_id)
        if waiting is not None and waiting.flow is Flow.NEW:
            await services.repos.waiting.clear(owner_id, nonce=waiting.nonce)
        return old


async def agency_usage(services: Services) -> dict[int, int]:
    """How often each agency leads a saved task (the picker shows frequent ones first)."""
    return await services.repos.drafts.agency_usage()


async def add_agency(services: Services, access: Access, name: str) -> tuple[Agency, bool]:
    """A name the admin confirmed as a new agency: (the agency, whether it was added).

    A name that resolves meanwhile (another admin added it, a former name) gives the
    directory's agency instead of a second one.
    """
    existing = services.directory.resolve(name)
    if existing is not None and existing.current.active and existing.current.id is not None:
        return existing.current, False
    agency = await services.repos.agencies.add_custom(name, access.user_id)
    await services.reload_directory()
    return agency, True


@dataclass(frozen=True)
class Saved:
    """A conclusion saved from a draft, and how many chats were told."""

    conclusion: Conclusion
    tasks: list[Task]
    chats: int
    unreached: tuple[int, ...] = ()  # units (or leads) no chat follows: nobody was told


@dataclass(frozen=True)
class Duplicate:
    """The notice was saved before (same number, date and issuer; or the same text)."""

    conclusion: Conclusion


class Closed(Exception):
    """The draft was closed meanwhile (saved or cancelled from another device)."""


async def save_conclusion(
    services: Services, access: Access, record: DraftRecord
) -> Saved | Duplicate:
    """Save the conclusion, its tasks and one notice per subscribed chat, atomically.

    Names the notice gives that the directory lacked join it, as ``bot import`` does; the
    directory is read again afterwards (also when the transaction was rolled back).
    """
    created = False
    try:
        async with services.db.transaction():
            same = await find_duplicate(services, record.draft)
            if same is not None:
                return Duplicate(same)
            added: dict[str, int] = {}
            for name in record.draft.new_agency_names():
                known = services.directory.resolve(name)
                if known is not None and known.current.active and known.current.id is not None:
                    added[name] = known.current.id
                    continue
                agency = await services.repos.agencies.add_custom(name, access.user_id)
                assert agency.id is not None
                added[name] = agency.id
                created = True
            if created:  # the notices below name the new agencies
                await services.reload_directory()
            return await _save(services, access, record, added)
    finally:
        if created:
            await services.reload_directory()


async def find_duplicate(services: Services, draft: Draft) -> Conclusion | None:
    """The conclusion already saved from this notice (same number, date and issuer; or,
    without a number and date, the same text), if any."""
    if not ((draft.number and draft.issued_on) or draft.source_text):
        return None
    return await services.repos.conclusions.find_same(
        draft.number, draft.issued_on, draft.issuer, draft.source_text or "")


@dataclass(frozen=True)
class Earlier:
    """A notice saved before: when, and the numbers of its tasks (to say so in one line)."""

    conclusion: Conclusion
    task_ids: list[int]


async def earlier_import(services: Services, draft: Draft) -> Earlier | None:
    """The same notice saved before, with its task numbers; None when it is new."""
    same = await find_duplicate(services, draft)
    if same is None:
        return None
    tasks = await services.repos.tasks.of_conclusion(same.id)
    return Earlier(same, [task.id for task in tasks])


async def _save(
    services: Services, access: Access, record: DraftRecord, added: dict[str, int]
) -> Saved:
    draft = record.draft
    repos = services.repos
    conclusion, tasks = await repos.conclusions.create(
        draft.to_new_conclusion(), draft.to_new_tasks(added), access.user_id)
    if not await repos.drafts.close(record, DraftState.SAVED, conclusion.id):
        raise Closed(record.id)  # rolls the conclusion back
    await repos.waiting.clear(record.owner_id, flow=Flow.NEW)
    followed: dict[int, set[int]] = {}
    # A collective lead reaches nobody itself: its units (the members ticked) are told.
    for agency_id in sorted({a for task in tasks for a in (*task.agency_ids, *task.unit_ids)}):
        for subscription in await repos.chats.subscribers(agency_id):
            followed.setdefault(subscription.chat_id, set()).add(agency_id)
    reached = {agency for agencies in followed.values() for agency in agencies}
    unreached = tuple(services.directory.in_reading_order(
        {a for task in tasks for a in (task.unit_ids or task.lead_ids)} - reached))
    messages = []
    # Each chat in its reader's language (groups: Vietnamese).
    languages = await repos.users.languages(c for c in followed if c > 0)
    composed: dict[int, tuple[Html, list[int], str]] = {}
    for lang in sorted({languages.get(chat, "vi") for chat in followed}):
        theirs = {c: a for c, a in followed.items() if languages.get(c, "vi") == lang}
        for chat_id, (text, task_ids) in compose_assignments(
                conclusion, tasks, theirs, services.directory, lang).items():
            composed[chat_id] = (text, task_ids, lang)
    for chat_id, (text, task_ids, lang) in sorted(composed.items()):
        buttons = [(plain("new.notify.open", lang, id=task_id),
                    services.button(OPEN_TASK, task_id)) for task_id in task_ids[:24]]
        rows = [buttons[i:i + 4] for i in range(0, len(buttons), 4)]
        parts = split_message(text)
        for part, chunk in enumerate(parts, start=1):
            key = f"new:{conclusion.id}:{chat_id}" + (f":{part}" if part > 1 else "")
            last = part == len(parts)
            messages.append(NewOutboxMessage(
                key, chat_id, "new_tasks", message_payload(chunk, rows if last else ())))
    await repos.outbox.enqueue(messages)
    return Saved(conclusion, tasks, len(composed), unreached)

