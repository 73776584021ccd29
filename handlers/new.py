"""/new (alias /ketluan) and /import: an admin records a conclusion one question at a time.

The truth is the draft in SQLite (:mod:`bot.usecases.drafts`): every answer is a pure move
on the draft, stored with a new revision, and the next question is rendered from the
stored step alone. While a question is on screen its answer is awaited as a question of
flow ``new`` (:mod:`handlers.waiting`), stored too, so a restart changes nothing for the
admin; another command pauses the draft (/new offers to continue it), /cancel drops it.
Buttons carry the draft id and revision and are checked again on every press: admin,
owner of the draft, draft still open, revision current.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError

from bot.adapters.documents import EXTENSIONS, DocumentError, Limits
from bot.adapters.notice_reader import Reading, limit_params, read_notice
from bot.core.access import Access
from bot.core.agencies import AgencyDirectory
from bot.core.assignments import members_to_tick
from bot.core.callbacks import Callback
from bot.core.dates import examples, fmt_date
from bot.core.deadlines import Deadline, Recurrence
from bot.core.drafts import (
    DATE_STEPS,
    META_STEPS,
    Draft,
    DraftError,
    DraftRecord,
    DraftState,
    DraftTask,
    Step,
    task_text_problem,
)
from bot.core.models import DeadlineKind
from bot.core.normalize import fold
from bot.core.pickers import (
    DateInputError,
    former_matches,
    parse_document_date,
    parse_document_number,
    rank_agencies,
    resolve_names,
)
from bot.core.waiting import Waiting
from bot.texts import Html, plain, t
from bot.usecases import drafts
from bot.usecases import waiting as asked
from bot.usecases.importing import draft_from_extraction
from bot.usecases.services import Services
from bot.views.notice import (
    assignment_line,
    deadline_words,
    past_due_line,
    proposal_sources,
    render_draft_task,
    render_preview,
    saved_past_due,
)
from bot.views.render import agency_names, shorten, split_message
from handlers import pickers
from handlers.context import BotContext
from handlers.waiting import Ending, FlowHandlers

log = logging.getLogger(__name__)

ACTION = "nd"  # callback action of every button of this flow
MAX_TEXT = 3000
MAX_FIELD = 500
UNREACHED_SHOWN = 10  # units named after a save; the rest are counted

# Button operations (besides the picker's, see handlers.pickers).
OP_SKIP, OP_BACK, OP_CANCEL, OP_CANCEL_YES, OP_REDRAW = "sk", "bk", "cx", "cy", "rd"
OP_NO_SUPPORT, OP_SUPPORT_DONE = "sn", "sd"
OP_NO_DEADLINE, OP_SAME_DEADLINE = "dn", "ds"
OP_ADD_TASK, OP_FINISH = "at", "fi"
OP_SAVE, OP_EDIT_META = "sv", "em"
OP_EDIT_MENU, OP_EDIT, OP_DELETE_MENU, OP_DELETE, OP_DELETE_YES = "eg", "et", "dg", "dt", "dy"
OP_RESUME, OP_DISCARD = "rc", "rx"
OP_READ, OP_ACCEPT, OP_ACCEPT_REST = "rn", "ac", "aa"
OP_EDIT_PROPOSAL, OP_SKIP_PROPOSAL = "ep", "sx"
OP_UNTICK_NEW = "un"
OP_PERIOD = "fp"
OP_TICK_START, OP_MEMBER, OP_TICK_ALL, OP_TICK_DONE = "ms", "mt", "ma", "md"
MEMBERS_PER_PAGE = 10

IMPORT_MAX_BYTES = 2_000_000  # an uploaded notice; real ones are far smaller
MAX_SOURCE = 200_000  # characters of pasted notice
PASTE_PART = 3500  # Telegram splits long pastes near 4096: a shorter part is the last one

_TOASTS: dict[int, str] = {}  # per update being handled: text for the callback answer


class _Refused(Exception):
    """The press or message is refused; ``text`` says why (shown as an alert or reply)."""

    def __init__(self, text: Html) -> None:
        super().__init__(str(text))
        self.text = text


def _maker(services: Services, record: DraftRecord) -> Callable[..., str]:
    def make(op: str, *args: object) -> str:
        return services.button(ACTION, record.id, record.revision, op, *args)

    return make


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


# ====================================================================== prompts


async def build_prompt(
    services: Services, record: DraftRecord, lang: str
) -> tuple[Html, list[list[InlineKeyboardButton]]]:
    """The question for the draft's step and its buttons (rendered from the draft only)."""
    draft = record.draft
    make = _maker(services, record)
    step = draft.step
    directory = services.directory
    nav = [_button(plain("new.btn.back", lang), make(OP_BACK)),
           _button(plain("new.btn.cancel", lang), make(OP_CANCEL))]
    rows: list[list[InlineKeyboardButton]] = []
    lines: list[str] = []
    if step in META_STEPS:
        index = META_STEPS.index(step) + 1
        # Examples name the configured province ("UBND tỉnh Quảng Ninh"), never another.
        lines.append(t(f"new.ask.{step.value}", lang, index=index, total=len(META_STEPS),
                       province=services.settings.province_name, **examples(services.today())))
        value = draft.meta_value(step)
        if value is not None:
            shown = fmt_date(value) if step in DATE_STEPS else value  # type: ignore[arg-type]
            lines.append(t("new.ask.current_meta", lang, value=shown))
        # The same button moves on without a change: "Giữ nguyên" when there is a value.
        skip_key = "new.btn.keep" if value is not None else "new.btn.skip"
        rows.append([_button(plain(skip_key, lang), make(OP_SKIP))])
        if index == 1 and not (draft.meta_edit or draft.tasks):
            nav = nav[1:]
    elif step is Step.TASK_TEXT:
        task = draft.current
        if draft.editing is not None:
            number = task_label(draft.tasks[draft.editing], draft.editing)
        elif draft.from_review and task is not None:
            number = task.ordinal or str(len(draft.tasks) + 1)
        else:
            number = str(len(draft.tasks) + 1)
        lines.append(t("new.ask.task_text", lang, number=number))
        if draft.changing and task is not None:
            lines.append(t("new.ask.current", lang, value=shorten(task.text, 600)))
            rows.append([_button(plain("new.btn.keep", lang), make(OP_SKIP))])
        elif not draft.tasks:
            lines.append(t("new.ask.task_text_hint", lang))
    elif step in (Step.LEAD, Step.SUPPORT):
        rows, lines = await _picker_prompt(services, record, lang, make)
    elif step is Step.DEADLINE:
        task = draft.current
        lines.append(t("new.ask.deadline", lang, text=shorten(task.text if task else "", 120)))
        lines.append(pickers.deadline_hint(lang, services.today()))
        buttons = [_button(plain("new.btn.no_deadline", lang), make(OP_NO_DEADLINE))]
        previous = draft.tasks[-1] if draft.tasks and draft.editing is None else None
        if previous is not None and previous.deadline_text:
            buttons.append(_button(
                plain("new.btn.same_deadline", lang, phrase=shorten(previous.deadline_text, 24)),
                make(OP_SAME_DEADLINE),
            ))
        rows.append(buttons)
        if draft.changing and task is not None:
            current = deadline_words(task.deadline_kind, task.deadline, task.deadline_text, lang)
            lines.append(t("new.ask.current", lang, value=current))
            rows.append([_button(plain("new.btn.keep", lang), make(OP_SKIP))])
    elif step is Step.FIRST_PERIOD:
        task = draft.current
        assert task is not None
        lines.append(t("new.ask.first_period", lang, text=shorten(task.text, 120),
                       phrase=task.deadline_text or "",
                       current=fmt_date(_current_period(task, services.today()))))
        rows.extend(_period_rows(make, task, services.today(), lang))
    elif step is Step.MORE:
        last = draft.tasks[-1]
        lines.append(t("new.ask.more_done", lang,
                       number=task_label(last, len(draft.tasks) - 1),
                       text=shorten(last.text, 200),
                       assignment=assignment_line(last, directory, lang)))
        lines.append(t("new.ask.more", lang))
        rows.append([_button(plain("new.btn.add_task", lang), make(OP_ADD_TASK)),
                     _button(plain("new.btn.finish", lang), make(OP_FINISH))])
    elif step is Step.PREVIEW:
        lines.append(render_preview(draft, directory, lang, services.today()))
        rows.extend(_preview_rows(make, lang))
        for index, task in enumerate(draft.tasks):
            rows.extend(_tick_rows(make, directory, task, lang, index))
        nav = [_button(plain("new.btn.cancel", lang), make(OP_CANCEL))]
    elif step is Step.SOURCE:
        lines.append(t("new.import.ask", lang, limit=IMPORT_MAX_BYTES // 1_000_000))
        if draft.source_text:
            lines.append(t("new.import.received", lang, chars=len(draft.source_text)))
            rows.append([_button(plain("new.btn.read", lang), make(OP_READ))])
        nav = [_button(plain("new.btn.cancel", lang), make(OP_CANCEL))]
    elif step is Step.REVIEW:
        lines.extend(_review_lines(draft, directory, lang, services.today()))
        rows.append([_button(plain("new.btn.accept", lang), make(OP_ACCEPT)),
                     _button(plain("new.btn.edit", lang), make(OP_EDIT_PROPOSAL)),
                     _button(plain("new.btn.skip_proposal", lang), make(OP_SKIP_PROPOSAL))])
        proposal = draft.proposal
        rows.extend(_tick_rows(make, directory, proposal, lang))
        if proposal.deadline_kind is DeadlineKind.RECURRING and proposal.deadline:
            lines.append(t("new.import.first_period", lang, date=fmt_date(proposal.deadline)))
            rows.extend(_period_rows(make, proposal, services.today(), lang))
        left = len(draft.proposals) - draft.review
        if left > 1:
            rows.append([_button(plain("new.btn.accept_rest", lang, count=left),
                                 make(OP_ACCEPT_REST))])
        if draft.review == 0:
            nav = nav[1:]
    elif step is Step.MEMBERS:
        member_lines, member_rows = _members_prompt(draft, directory, make, lang)
        lines.extend(member_lines)
        rows.extend(member_rows)
        nav = [_button(plain("new.btn.members_done", lang), make(OP_TICK_DONE))]
    rows.append(nav)
    return Html("\n".join(lines)), rows


def _tick_rows(
    make: Callable[..., str], directory: AgencyDirectory, task: DraftTask, lang: str,
    index: int | None = None,
) -> list[list[InlineKeyboardButton]]:
    """A button per qualified collective lead ("… có cụm công nghiệp") to choose which of
    its members the task goes to (all of them until the admin chooses)."""
    rows = []
    for found in members_to_tick(directory, task.lead_ids):
        group = found.collective
        assert group.id is not None
        total = len(found.members)
        chosen = len(task.members.get(group.id, [m.id for m in found.members]))
        label = plain("new.btn.members", lang, agency=shorten(group.display, 28),
                      chosen=chosen, total=total,
                      task=f" ({task.ordinal})" if index is not None and task.ordinal else "")
        args = (group.id,) if index is None else (group.id, index)
        rows.append([_button(label, make(OP_TICK_START, *args))])
    return rows


def _members_prompt(
    draft: Draft, directory: AgencyDirectory, make: Callable[..., str], lang: str
) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    task = draft.ticked_task
    group = directory.by_id(draft.ticking or 0)
    members = directory.members_of(group) if group is not None else []
    all_ids = [m.id for m in members if m.id is not None]
    ticked = set(task.members.get(draft.ticking or 0, all_ids))
    pages = max(1, -(-len(members) // MEMBERS_PER_PAGE))
    page = min(max(draft.page, 0), pages - 1)
    lines: list[str] = [t("new.members.ask", lang, agency=group.name if group else "?",
               text=shorten(task.text, 120), chosen=len(ticked & set(all_ids)),
               total=len(all_ids))]
    if pages > 1:
        lines.append(t("new.members.page", lang, page=page + 1, pages=pages))
    shown = members[page * MEMBERS_PER_PAGE:(page + 1) * MEMBERS_PER_PAGE]
    buttons = [_button(("✓ " if m.id in ticked else "") + m.name, make(OP_MEMBER, m.id))
               for m in shown if m.id is not None]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    nav = []
    if page > 0:
        nav.append(_button("«", make(pickers.OP_PAGE, page - 1)))
    if page + 1 < pages:
        nav.append(_button("»", make(pickers.OP_PAGE, page + 1)))
    if nav:
        rows.append(nav)
    rows.append([_button(plain("new.btn.members_all", lang), make(OP_TICK_ALL, 1)),
                 _button(plain("new.btn.members_none", lang), make(OP_TICK_ALL, 0))])
    return lines, rows


_PERIOD_LABELS = {-2: "new.period.before2", -1: "new.period.before", 0: "new.period.current",
                  1: "new.period.next"}


def _current_period(task: DraftTask, today: date) -> date:
    try:
        return Recurrence.from_text(task.recurrence or "").current_due(today)
    except ValueError:
        return task.deadline or today


def _period_rows(
    make: Callable[..., str], task: DraftTask, today: date, lang: str
) -> list[list[InlineKeyboardButton]]:
    """The periods a recurring duty may be followed from, the chosen one ticked."""
    try:
        dues = Recurrence.from_text(task.recurrence or "").periods(today)
    except ValueError:
        return []
    current = dues.index(_current_period(task, today))
    buttons = []
    for index, due in enumerate(dues):
        label = plain(_PERIOD_LABELS.get(index - current, "new.period.current"), lang,
                      date=fmt_date(due))
        mark = "✓ " if due == task.deadline else ""
        buttons.append(_button(mark + label, make(OP_PERIOD, due.toordinal())))
    return [buttons[i:i + 2] for i in range(0, len(buttons), 2)]


def _review_lines(
    draft: Draft, directory: AgencyDirectory, lang: str, today: date
) -> list[str]:
    """One proposal of the extractor, laid out like a preview item, with what it lacks
    and what to check (a guessed lead, a deadline already passed)."""
    proposal = draft.proposal
    lines: list[str] = [t("new.import.proposal", lang, index=draft.review + 1,
                          total=len(draft.proposals), ordinal=proposal.ordinal or "—")]
    lines.append(render_draft_task(draft.review + 1, proposal, directory, lang))
    lines.extend(proposal_sources(proposal, lang))
    if proposal.unknown or proposal.unknown_support:
        lines.append(t("new.import.unknown", lang))
    if not proposal.has_lead:
        lines.append(t("new.import.no_lead", lang))
    elif proposal.lead_source == "guessed":
        lines.append(t("new.import.guessed_lead", lang))
    past = past_due_line(proposal, today, lang)
    if past is not None:
        lines.append(past)
    if draft.review == 0 and proposal.needs_check(today) and len(draft.proposals) > 1:
        lines.append(t("new.import.doubtful_first", lang))
    return lines


def _preview_rows(make: Callable[..., str], lang: str) -> list[list[InlineKeyboardButton]]:
    return [
        [_button(plain("new.btn.save", lang), make(OP_SAVE))],
        [_button(plain("new.btn.edit_task", lang), make(OP_EDIT_MENU)),
         _button(plain("new.btn.delete_task", lang), make(OP_DELETE_MENU))],
        [_button(plain("new.btn.add_task", lang), make(OP_ADD_TASK)),
         _button(plain("new.btn.edit_meta", lang), make(OP_EDIT_META))],
    ]


async def _picker_prompt(
    services: Services, record: DraftRecord, lang: str, make: Callable[..., str]
) -> tuple[list[list[InlineKeyboardButton]], list[str]]:
    draft = record.draft
    task = draft.current
    assert task is not None
    usage = await drafts.agency_usage(services)
    lines: list[str] = []
    directory = services.directory
    if draft.step is Step.LEAD:
        page = pickers.agency_page(directory, draft.query, draft.page, usage,
                                   draft.used_agencies())
        lines.append(t("new.ask.lead", lang, text=shorten(task.text, 160)))
        if draft.changing and task.has_lead:
            lines.append(t("new.ask.current", lang, value=_lead_names(services, task, lang)))
        ticked = None
    else:
        page = pickers.agency_page(directory, draft.query, draft.page, usage,
                                   draft.used_agencies(), exclude=task.lead_ids)
        lines.append(t("new.ask.support", lang, lead=_lead_names(services, task, lang)))
        chosen = ", ".join([
            pickers.agency_names(_agencies(services, task.support_ids)),
            *(plain("new.agency_new", lang, name=name) for name in task.unknown_support),
        ]).strip(", ")
        lines.append(t("new.ask.support_chosen", lang, chosen=chosen) if chosen
                     else t("new.ask.support_none_yet", lang))
        ticked = task.support_ids
    total = len(rank_agencies(directory, draft.query, usage)) if draft.query else 0
    lines.extend(pickers.filter_note(directory, draft.query, total, lang))
    offer = draft.pending_agency
    if offer and former_matches(directory, offer):
        offer = None  # a former name is not a new agency
    if offer and not total:
        lines.append(t("new.ask.offer_new", lang, name=offer))
    rows = pickers.agency_rows(page, make, lang, ticked=ticked, query=draft.query,
                               offer_new=offer)
    if draft.step is Step.SUPPORT:
        # Proposed names the directory lacks are ticked like the others (added on saving).
        new_rows = [[_button(plain("new.btn.new_ticked", lang, name=shorten(name, 36)),
                             make(OP_UNTICK_NEW, index))]
                    for index, name in enumerate(task.unknown_support)]
        rows[0:0] = new_rows
        count = len(task.support_ids) + len(task.unknown_support)
        rows.append([
            _button(plain("new.btn.no_support", lang), make(OP_NO_SUPPORT)),
            _button(plain("new.btn.support_done", lang, count=count), make(OP_SUPPORT_DONE)),
        ])
    elif draft.changing and task.has_lead:
        rows.append([_button(plain("new.btn.keep", lang), make(OP_SKIP))])
    return rows, lines


def _agencies(services: Services, ids: Sequence[int]) -> list[Any]:
    return [a for a in (services.directory.by_id(i) for i in ids) if a is not None]


def _lead_names(services: Services, task: DraftTask, lang: str) -> str:
    """The lead agencies, the ones the directory lacks marked as such."""
    known = pickers.agency_names(_agencies(services, task.lead_ids))
    new = [plain("new.agency_new", lang, name=name) for name in task.unknown]
    return ", ".join([known, *new] if known else new)


async def show(
    context: BotContext,
    chat_id: int,
    record: DraftRecord,
    lang: str,
    *,
    notes: Sequence[str] = (),
    edit: Message | None = None,
) -> None:
    """Ask the draft's current question: edit ``edit`` in place, or send a new message.

    A new question takes the buttons off the previous one, so only one set of live
    buttons is ever on screen.
    """
    services = context.services
    text, rows = await build_prompt(services, record, lang)
    if notes:
        text = Html("\n".join([*notes, "", text]))
    markup = InlineKeyboardMarkup(rows)
    chunks = split_message(text)
    if edit is not None and len(chunks) == 1:
        try:
            await edit.edit_text(chunks[0], reply_markup=markup)
            await drafts.asked(services, record, edit.message_id)
            return
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                await drafts.asked(services, record, edit.message_id)
                return
            log.info("could not edit prompt %s: %s", edit.message_id, exc.message)
    await _strip_prompt(context, chat_id, record)
    sent: Message | None = None
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        sent = await context.bot.send_message(
            chat_id, chunk, reply_markup=markup if last else None
        )
    if sent is not None:
        await drafts.asked(services, record, sent.message_id)


async def _strip_prompt(context: BotContext, chat_id: int, record: DraftRecord) -> None:
    """The draft's question leaves the screen: its buttons go, its answer is not awaited."""
    old = await drafts.paused(context.services, record.id, record.owner_id)
    if old is None:
        return
    try:
        await context.bot.edit_message_reply_markup(chat_id, old, reply_markup=None)
    except TelegramError as exc:  # deleted, too old, already without buttons
        log.debug("old prompt %s kept its buttons: %s", old, exc)


# ====================================================================== entry


async def start_new(update: Update, context: BotContext) -> None:
    """/new and /ketluan: offer to continue an unfinished draft, or start a fresh one."""
    return await _start(update, context, "new")


async def start_import(update: Update, context: BotContext) -> None:
    """/import: the same flow, starting from a pasted or uploaded notice."""
    return await _start(update, context, "import")


async def _start(update: Update, context: BotContext, kind: str) -> None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    access = await context.access()
    lang = access.language
    if not access.is_admin:
        await message.reply_text(t("error.admin_only", lang))
        return
    if chat.type != "private":
        await message.reply_text(t("error.private_only", lang))
        return
    services = context.services
    existing = await drafts.active_of(services, access.user_id)
    if existing is not None:
        await _offer_resume(context, chat.id, services, existing, lang, then_new=kind)
        return
    record = await drafts.create(services, access, kind)
    await message.reply_text(t(f"new.intro.{kind}", lang))
    await show(context, chat.id, record, lang)


async def _offer_resume(
    context: BotContext, chat_id: int, services: Services, record: DraftRecord, lang: str,
    *, then_new: str | None,
) -> None:
    make = _maker(services, record)
    draft = record.draft
    text = t("new.resume", lang, tasks=len(draft.tasks), step=plain(f"new.step.{draft.step}", lang),
             title=shorten(draft.title or draft.number or "—", 80))
    markup = InlineKeyboardMarkup([
        [_button(plain("new.btn.resume", lang), make(OP_RESUME))],
        [_button(plain("new.btn.discard", lang), make(OP_DISCARD, then_new or "-"))],
    ])
    await _strip_prompt(context, chat_id, record)
    sent = await context.bot.send_message(chat_id, text, reply_markup=markup)
    await drafts.offered(services, record, sent.message_id)


# ====================================================================== text answers


async def on_answer(update: Update, context: BotContext, waiting: Waiting) -> None:
    """An answer to the draft's question: a file (the notice to import) or typed text."""
    message = update.effective_message
    chat = update.effective_chat
    assert message is not None and chat is not None
    access = await context.access()
    lang = access.language
    if not access.is_admin:
        await asked.end(context.services, waiting)
        await message.reply_text(t("error.admin_only", lang))
        return
    record = await drafts.active_of(context.services, access.user_id)
    if record is None or record.id != waiting.data.get("draft"):
        await asked.end(context.services, waiting)
        await message.reply_text(t("new.no_draft", lang))
        return
    if message.document is not None:
        await _on_document(update, context, access, record)
    elif message.text:
        await _on_text(update, context, access, record, message.text)
    else:
        await message.reply_text(t("new.use_buttons", lang))


async def _on_text(
    update: Update, context: BotContext, access: Access, record: DraftRecord, typed: str
) -> None:
    """An answer typed in the flow; what it means depends on the stored step."""
    message = update.effective_message
    chat = update.effective_chat
    assert message is not None and chat is not None
    lang = access.language
    services = context.services
    text = typed.strip()
    draft = record.draft
    notes: list[str] = []
    step = draft.step
    read_now = False
    try:
        if step in META_STEPS:
            # A refused answer leaves the draft as it was: the same question waits.
            if not text:
                raise _Refused(t("new.blank_meta", lang))
            if text in {"-", "—"}:
                draft.answer_meta(None)
            elif step in DATE_STEPS:
                draft.answer_meta(_document_date(draft, text, services.today(), lang))
            elif len(text) > MAX_FIELD:
                raise _Refused(t("new.too_long", lang, limit=MAX_FIELD))
            elif step is Step.NUMBER:
                number = parse_document_number(text)
                if number is None:
                    raise _Refused(t("new.number_error", lang, text=shorten(text, 40)))
                draft.answer_meta(number)
            else:
                draft.answer_meta(text)
        elif step in (Step.TASK_TEXT, Step.MORE):
            if services.pastes.is_tail(chat.id, message.date):
                raise _Refused(t("new.too_long_tail", lang, limit=MAX_TEXT))
            if len(text) > MAX_TEXT:
                services.pastes.note(chat.id, typed, message.date)
                raise _Refused(t("new.too_long_split", lang, limit=MAX_TEXT, length=len(text)))
            problem = task_text_problem(text)
            if problem is not None:
                raise _Refused(t(f"new.task_text_error.{problem}", lang, text=shorten(text, 40)))
            if step is Step.MORE:
                draft.start_task()  # typing right away is the quickest way to add a task
            draft.set_text(text)
        elif step in (Step.LEAD, Step.SUPPORT):
            notes = await _typed_agencies(services, draft, text, lang)
        elif step is Step.SOURCE:
            draft.source_text = ((draft.source_text or "") + "\n" + typed)[:MAX_SOURCE]
            read_now = len(typed) < PASTE_PART
        elif step is Step.DEADLINE:
            parsed = pickers.read_deadline(text, services.today(), lang)
            if not isinstance(parsed, Deadline):
                raise _Refused(Html(parsed + "\n" + pickers.deadline_hint(lang, services.today())))
            draft.set_deadline(parsed)
            notes.append(t("new.deadline_ok", lang, deadline=_deadline_echo(parsed, lang)))
        else:
            raise _Refused(t("new.use_buttons", lang))
    except _Refused as refusal:
        await message.reply_text(refusal.text)
        return
    except DraftError:
        await message.reply_text(t("new.use_buttons", lang))
        return
    saved = await drafts.save(services, record, draft)
    if saved is None:
        await message.reply_text(t("new.stale", lang))
        return
    if step is Step.SOURCE and read_now:
        _read_later(update, context, chat.id, access, text=draft.source_text)
    else:
        await show(context, chat.id, saved, lang, notes=notes)


def _document_date(draft: Draft, text: str, today: date, lang: str) -> date:
    """The issue or meeting date typed, or the refusal saying why it cannot be."""
    try:
        value = parse_document_date(text, today)
    except DateInputError as exc:
        raise _Refused(t(f"new.date_error.{exc.code}", lang, text=text,
                         **examples(today))) from None
    _check_document_date(draft, value, today, lang)
    return value


def _check_document_date(draft: Draft, value: date, today: date, lang: str) -> None:
    problem = draft.date_problem(value, today)
    if problem is not None:
        raise _Refused(t(f"new.date_error.{problem}", lang, date=fmt_date(value),
                         today=fmt_date(today),
                         issued=fmt_date(draft.issued_on) if draft.issued_on else ""))


def _deadline_echo(parsed: Deadline, lang: str) -> Html:
    return deadline_words(parsed.kind, parsed.due, parsed.phrase, lang)


async def _typed_agencies(services: Services, draft: Draft, text: str, lang: str) -> list[str]:
    """Typed names: chosen at once when they all resolve, otherwise a filter of the list."""
    match = resolve_names(text, services.directory)
    notes: list[str] = list(pickers.renamed_notes(match.found, lang))
    if match.complete:
        ids = [r.current.id for r in match.found if r.current.id is not None]
        chosen = pickers.agency_names([r.current for r in match.found])
        if draft.step is Step.LEAD:
            draft.choose_leads(ids)
            notes.append(t("new.lead_ok", lang, names=chosen))
        else:
            task = draft.current
            lead = set(task.lead_ids) if task else set()
            draft.add_supports([i for i in ids if i not in lead])
            draft.supports_done()
            notes.append(t("new.support_ok", lang, names=chosen))
        return notes
    query = match.unknown or text
    draft.query = query[:60]
    draft.page = 0
    draft.pending_agency = " ".join(query.split())[:120] or None
    # The whole answer is read again once the unknown name is added: the names typed with
    # it ("Sở Tài chính; <a new centre>") are not lost.
    draft.pending_typed = text[:MAX_FIELD]
    return notes


def _read_later(
    update: Update | None, context: BotContext, chat_id: int, access: Access, *,
    file_id: str | None = None, name: str = "", text: str | None = None,
) -> None:
    """Download, read and extract the notice off the update loop (the reading in a child
    process): PTB handles updates one at a time, so a file downloaded and read in the
    handler held up every user. The draft's next question is shown when the reading is
    done."""
    context.application.create_task(
        _read_and_show(context, chat_id, access, file_id=file_id, name=name, text=text),
        update=update, name=f"read-notice-{access.user_id}",
    )


PASTE_REFUSALS = ("too_long", "too_many_paragraphs", "too_slow", "too_much_memory", "failed")


async def _read_and_show(
    context: BotContext, chat_id: int, access: Access, *,
    file_id: str | None, name: str, text: str | None,
) -> None:
    services = context.services
    lang = access.language
    with contextlib.suppress(TelegramError):
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
    data: bytes | None = None
    if file_id is not None:
        try:
            data = bytes(await (await context.bot.get_file(file_id)).download_as_bytearray())
        except TelegramError as exc:
            log.warning("could not download %s: %s", name, exc)
            await context.bot.send_message(
                chat_id, t("new.import.doc_error.unreadable", lang, name=name, limit=0))
            return
    try:
        reading = await read_notice(
            data=data, filename=name, text=text, agencies=services.directory.agencies,
            limits=Limits(max_bytes=IMPORT_MAX_BYTES),
        )
    except DocumentError as exc:
        params = limit_params(Limits(max_bytes=IMPORT_MAX_BYTES), lang)
        if text is None:
            refusal = t(f"new.import.doc_error.{exc.code}", lang, name=name, **params)
        else:
            code = exc.code if exc.code in PASTE_REFUSALS else "failed"
            refusal = t(f"new.import.paste_error.{code}", lang, **params)
        await context.bot.send_message(chat_id, refusal)
        return
    record = await drafts.active_of(services, access.user_id)
    if record is None or record.draft.step is not Step.SOURCE:
        return  # cancelled, or answered otherwise, while the notice was read
    draft = record.draft
    notes = _read_notice(services, draft, reading, lang)
    earlier = await drafts.earlier_import(services, draft)
    if earlier is not None:
        # Said now, not at Save after the whole review: the same notice is never saved twice.
        if await drafts.close(services, record):
            await _strip_prompt(context, chat_id, record)
            await context.bot.send_message(chat_id, _earlier_text(services, earlier, lang,
                                                                  "new.import.earlier"))
        return
    saved = await drafts.save(services, record, draft)
    if saved is not None:
        await show(context, chat_id, saved, lang, notes=notes)


def _earlier_text(services: Services, earlier: drafts.Earlier, lang: str, key: str) -> Html:
    """"… đã được nhập ngày 23/09/2024: Thông báo số …, các nhiệm vụ #1, #2, #3 …"."""
    same = earlier.conclusion
    ids = earlier.task_ids
    notice = (t("new.source.number", lang, number=same.number) if same.number
              else t("new.source.no_number", lang))
    if same.issued_on:
        notice = Html(f"{notice} {t('new.source.date', lang, date=fmt_date(same.issued_on))}")
    return t(key, lang, saved=fmt_date(same.created_at.astimezone(services.settings.tz).date()),
             notice=notice, tasks=", ".join(f"#{i}" for i in ids) or "—",
             first=ids[0] if ids else same.id)


def _read_notice(services: Services, draft: Draft, reading: Reading, lang: str) -> list[str]:
    """Turn the extractor's proposals into the draft's review."""
    extraction, text = reading.extraction, reading.text
    draft_from_extraction(extraction, services.directory, text, draft, services.today())
    if not extraction.tasks:
        return [t("new.import.nothing", lang)]
    doc = extraction.document
    name = " ".join(part for part in (doc.number, doc.title) if part) or "—"
    return [t("new.import.read", lang, count=len(extraction.tasks), name=shorten(name, 200))]


async def _on_document(
    update: Update, context: BotContext, access: Access, record: DraftRecord
) -> None:
    """A file sent while /import waits for the notice: checked, read, extracted."""
    message = update.effective_message
    chat = update.effective_chat
    assert message is not None and chat is not None and message.document is not None
    lang = access.language
    if record.draft.step is not Step.SOURCE:
        await message.reply_text(t("new.import.not_waiting", lang))
        return
    document = message.document
    name = document.file_name or ""
    refusal: Html | None = None
    if not name.lower().endswith(EXTENSIONS):
        refusal = t("new.import.doc_error.unsupported_type", lang, name=name)
    elif (document.file_size or 0) > IMPORT_MAX_BYTES:
        refusal = t("new.import.doc_error.too_large", lang, name=name,
                    limit=IMPORT_MAX_BYTES // 1_000_000)
    if refusal is not None:
        await message.reply_text(refusal)
        return
    _read_later(update, context, chat.id, access, file_id=document.file_id, name=name)


# ====================================================================== buttons


async def on_button(update: Update, context: BotContext) -> None:
    """Every button of the flow: re-check who presses and that the draft is as shown."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    access = await context.access()
    pressed = services.parse_button(query.data)
    try:
        await _handle_button(update, context, services, access, pressed)
    except _Refused as refusal:
        _TOASTS.pop(id(update), None)
        await query.answer(plain_alert(refusal.text), show_alert=True)
        return
    finally:
        toast = _TOASTS.pop(id(update), None)
    try:
        await query.answer(toast)
    except BadRequest as exc:  # e.g. the query is too old; the press was handled anyway
        log.info("callback answer failed: %s", exc.message)


def plain_alert(text: str) -> str:
    """Alerts are plain text (at most 200 characters): drop the tags of our HTML messages."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))[:200]


async def _handle_button(
    update: Update, context: BotContext, services: Services, access: Access,
    pressed: Callback | None,
) -> None:
    query = update.callback_query
    assert query is not None
    lang = access.language
    if not access.is_admin:
        log.warning("non-admin %s pressed a draft button", access.user_id)
        raise _Refused(t("error.admin_only", lang))
    draft_id = pressed.int_arg(0) if pressed else None
    revision = pressed.int_arg(1) if pressed else None
    op = pressed.args[2] if pressed and len(pressed.args) > 2 else None
    if draft_id is None or revision is None or op is None or pressed is None:
        raise _Refused(t("error.bad_button", lang))
    record = await drafts.get(services, draft_id)
    if record is None or record.owner_id != access.user_id:
        log.warning("admin %s pressed a button of draft %s", access.user_id, draft_id)
        raise _Refused(t("new.not_your_draft", lang))
    if record.state is not DraftState.ACTIVE:
        raise _Refused(t("new.closed", lang))
    if op == OP_CANCEL:
        await _confirm_cancel(query.message, services, record, lang)
        return
    if revision != record.revision:
        raise _Refused(t("new.stale", lang))
    message = query.message if isinstance(query.message, Message) else None
    chat_id = query.message.chat.id if query.message else access.user_id
    handler = _OPS.get(op)
    if handler is None:
        raise _Refused(t("error.bad_button", lang))
    args = pressed.args[3:]
    press = _Press(context, services, record, lang, chat_id, message, args, access)
    press.update_key = id(update)
    await handler(press)


class _Press:
    """One button press in the flow, with what the operation handlers need."""

    def __init__(
        self, context: BotContext, services: Services, record: DraftRecord, lang: str,
        chat_id: int, message: Message | None, args: tuple[str, ...], access: Access,
    ) -> None:
        self.context = context
        self.services = services
        self.record = record
        self.draft = record.draft
        self.lang = lang
        self.chat_id = chat_id
        self.message = message
        self.args = args
        self.access = access
        self.user_id = access.user_id
        self.update_key = 0

    def toast(self, text: str) -> None:
        """A short notice shown when the press is answered."""
        _TOASTS[self.update_key] = text

    def int_arg(self, index: int = 0) -> int:
        try:
            return int(self.args[index])
        except (IndexError, ValueError):
            raise _Refused(t("error.bad_button", self.lang)) from None

    async def commit(self, *, edit: bool = False, notes: Sequence[str] = ()) -> None:
        """Store the changed draft and ask the next question (in place when ``edit``)."""
        saved = await drafts.save(self.services, self.record, self.draft)
        if saved is None:
            raise _Refused(t("new.stale", self.lang))
        await show(self.context, self.chat_id, saved, self.lang, notes=notes,
                   edit=self.message if edit else None)

    def move(self, action: Callable[[], object]) -> None:
        """Apply a move on the draft; a move that does not fit the step is a stale button."""
        try:
            action()
        except DraftError:
            raise _Refused(t("new.stale", self.lang)) from None


Op = Callable[[_Press], Awaitable[None]]


async def _op_skip(p: _Press) -> None:
    kept = p.draft.meta_value(p.draft.step) if p.draft.step in DATE_STEPS else None
    if isinstance(kept, date):  # "Giữ nguyên" keeps only a date that can be true
        _check_document_date(p.draft, kept, p.services.today(), p.lang)
    p.move(p.draft.skip)
    await p.commit()


async def _op_back(p: _Press) -> None:
    p.move(p.draft.back)
    await p.commit()


async def _op_redraw(p: _Press) -> None:
    """Back from a sub-menu (number grid, confirmation) to the question and its buttons."""
    if p.message is not None:
        text, rows = await build_prompt(p.services, p.record, p.lang)
        await _edit_tail(p.message, text, rows)
        return
    await show(p.context, p.chat_id, p.record, p.lang, edit=p.message)


async def _edit_tail(
    message: Message, text: str, rows: list[list[InlineKeyboardButton]], question: str = ""
) -> None:
    """Rewrite the prompt's last message (a preview may span several): the question's last
    part, then ``question``, with ``rows`` under it."""
    tail = split_message(text)[-1]
    if question:
        joined = f"{tail}\n\n{question}"
        tail = joined if len(split_message(joined)) == 1 else question
    try:
        await message.edit_text(tail, reply_markup=InlineKeyboardMarkup(rows))
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


async def _ask_on_prompt(p: _Press, question: str, rows: list[list[InlineKeyboardButton]]) -> None:
    """A sub-question (which task, really delete, really cancel) on the prompt itself: its
    words under the prompt and its buttons instead of the prompt's."""
    if p.message is None:
        raise _Refused(t("new.stale", p.lang))
    text, _ = await build_prompt(p.services, p.record, p.lang)
    await _edit_tail(p.message, text, rows, question)


async def _confirm_cancel(
    message: Any, services: Services, record: DraftRecord, lang: str
) -> None:
    """Ask before dropping the draft: the question under the prompt, Yes / No under it."""
    if not isinstance(message, Message):
        return
    make = _maker(services, record)
    text, _ = await build_prompt(services, record, lang)
    await _edit_tail(message, text, [
        [_button(plain("new.btn.cancel_yes", lang), make(OP_CANCEL_YES))],
        [_button(plain("new.btn.cancel_no", lang), make(OP_REDRAW))],
    ], t("new.confirm_cancel", lang, tasks=len(record.draft.tasks)))


async def _op_cancel_yes(p: _Press) -> None:
    if not await drafts.close(p.services, p.record):
        raise _Refused(t("new.closed", p.lang))
    await _strip_prompt(p.context, p.chat_id, p.record)
    if p.message is not None:
        with contextlib.suppress(TelegramError):
            await p.message.edit_reply_markup(None)
    await p.context.bot.send_message(p.chat_id, t("new.cancelled", p.lang))


async def _op_pick(p: _Press) -> None:
    agency = p.services.directory.by_id(p.int_arg())
    if agency is None or not agency.active:
        raise _Refused(t("pick.gone", p.lang))
    p.move(lambda: p.draft.choose_leads([agency.id or 0]))
    await p.commit(notes=[t("new.lead_ok", p.lang, names=agency.name)])


async def _op_tick(p: _Press) -> None:
    agency = p.services.directory.by_id(p.int_arg())
    if agency is None or not agency.active or agency.id is None:
        raise _Refused(t("pick.gone", p.lang))
    agency_id = agency.id
    p.move(lambda: p.draft.toggle_support(agency_id))
    await p.commit(edit=True)


async def _op_page(p: _Press) -> None:
    if p.draft.step not in (Step.LEAD, Step.SUPPORT, Step.MEMBERS):
        raise _Refused(t("new.stale", p.lang))
    page = p.int_arg()
    if page == p.draft.page:
        return
    p.draft.page = max(0, page)
    await p.commit(edit=True)


async def _op_all(p: _Press) -> None:
    if p.draft.step not in (Step.LEAD, Step.SUPPORT):
        raise _Refused(t("new.stale", p.lang))
    p.draft.query, p.draft.page, p.draft.pending_agency = "", 0, None
    p.draft.pending_typed = None
    await p.commit(edit=True)


async def _op_add_new(p: _Press) -> None:
    """The admin confirmed that a typed name missing from the directory is a new agency.

    The whole answer it came from is then read again, so "Sở Tài chính; <new centre>" gives
    both agencies, and a further unknown name in it is offered in turn.
    """
    draft = p.draft
    name = draft.pending_agency
    if draft.step not in (Step.LEAD, Step.SUPPORT) or not name or draft.current is None:
        raise _Refused(t("new.stale", p.lang))
    agency, added = await drafts.add_agency(p.services, p.access, name)
    note = t("pick.added" if added else "pick.already_known", p.lang, name=agency.name)
    assert agency.id is not None
    agency_id = agency.id
    typed = draft.pending_typed or name
    draft.query, draft.page, draft.pending_agency, draft.pending_typed = "", 0, None, None
    notes: list[str] = [note]
    match = resolve_names(typed, p.services.directory)
    if match.unknown is not None and fold(match.unknown) != fold(name):
        notes += await _typed_agencies(p.services, draft, typed, p.lang)  # offers the next
        await p.commit(notes=notes)
        return
    notes += pickers.renamed_notes(match.found, p.lang)
    found = [r.current for r in match.found if r.current.id is not None]
    if all(a.id != agency_id for a in found):
        found.append(agency)
    ids = [a.id for a in found if a.id is not None]
    task = draft.current
    if draft.step is Step.LEAD:
        p.move(lambda: draft.choose_leads(ids))
        notes.append(t("new.lead_ok", p.lang, names=pickers.agency_names(found)))
    else:
        p.move(lambda: draft.add_supports([i for i in ids if i not in task.lead_ids]))
        p.move(draft.supports_done)
        notes.append(t("new.support_ok", p.lang, names=pickers.agency_names(found)))
    await p.commit(notes=notes)


async def _op_period(p: _Press) -> None:
    """A recurring duty's first period: while it is entered, or on its proposal's card."""
    try:
        due = date.fromordinal(p.int_arg())
    except ValueError:
        raise _Refused(t("error.bad_button", p.lang)) from None
    if p.draft.step is Step.REVIEW:
        p.move(lambda: p.draft.choose_proposal_period(due))
        await p.commit(edit=True)
        return
    p.move(lambda: p.draft.choose_first_period(due))
    await p.commit()


async def _op_untick_new(p: _Press) -> None:
    """Untick a proposed supporting agency that the directory lacks."""
    index = p.int_arg()
    p.move(lambda: p.draft.untick_new(index))
    await p.commit(edit=True)


async def _op_no_support(p: _Press) -> None:
    p.move(p.draft.clear_supports)
    await p.commit()


async def _op_support_done(p: _Press) -> None:
    p.move(p.draft.supports_done)
    await p.commit()


async def _op_no_deadline(p: _Press) -> None:
    p.move(lambda: p.draft.set_deadline(Deadline(DeadlineKind.NONE, None, "")))
    await p.commit()


async def _op_same_deadline(p: _Press) -> None:
    draft = p.draft
    if not draft.tasks or draft.step is not Step.DEADLINE:
        raise _Refused(t("new.stale", p.lang))
    previous = draft.tasks[-1]
    phrase = previous.deadline_text or ""

    recurrence = Recurrence.from_text(previous.recurrence) if previous.recurrence else None
    parsed = Deadline(previous.deadline_kind, previous.deadline, phrase, recurrence)
    p.move(lambda: draft.set_deadline(parsed))
    await p.commit()


async def _op_add_task(p: _Press) -> None:
    p.move(p.draft.start_task)
    await p.commit()


async def _op_finish(p: _Press) -> None:
    p.move(p.draft.finish)
    await p.commit()


async def _op_edit_meta(p: _Press) -> None:
    p.move(p.draft.edit_meta)
    await p.commit()


def task_label(task: DraftTask, index: int) -> str:
    """How the preview numbers a task: the notice's own label ("II.5"), else its place."""
    return task.ordinal or str(index + 1)


async def _number_grid(p: _Press, op: str, title_key: str) -> None:
    """The tasks to choose from, by the labels the preview shows (the notice's "II.5")."""
    if p.draft.step is not Step.PREVIEW or p.message is None:
        raise _Refused(t("new.stale", p.lang))
    make = _maker(p.services, p.record)
    buttons = [_button(shorten(task_label(task, i), 12), make(op, i + 1))
               for i, task in enumerate(p.draft.tasks)]
    width = 6 if all(len(b.text) <= 3 for b in buttons) else 4
    rows = [buttons[i:i + width] for i in range(0, len(buttons), width)]
    rows.append([_button(plain("new.btn.back", p.lang), make(OP_REDRAW))])
    await _ask_on_prompt(p, t(title_key, p.lang), rows)


async def _op_edit_menu(p: _Press) -> None:
    return await _number_grid(p, OP_EDIT, "new.pick_edit")


async def _op_delete_menu(p: _Press) -> None:
    return await _number_grid(p, OP_DELETE, "new.pick_delete")


async def _op_edit(p: _Press) -> None:
    index = p.int_arg() - 1
    p.move(lambda: p.draft.edit_task(index))
    await p.commit()


async def _op_delete(p: _Press) -> None:
    """Ask once more (on the preview's own keyboard) before dropping a task."""
    index = p.int_arg() - 1
    if p.draft.step is not Step.PREVIEW or not 0 <= index < len(p.draft.tasks) or not p.message:
        raise _Refused(t("new.stale", p.lang))
    make = _maker(p.services, p.record)
    label = task_label(p.draft.tasks[index], index)
    await _ask_on_prompt(p, t("new.confirm_delete", p.lang, number=label,
                              text=shorten(p.draft.tasks[index].text, 120)), [
        [_button(plain("new.btn.delete_yes", p.lang, number=label),
                 make(OP_DELETE_YES, index + 1))],
        [_button(plain("new.btn.back", p.lang), make(OP_REDRAW))],
    ])


async def _op_delete_yes(p: _Press) -> None:
    index = p.int_arg() - 1
    removed = None

    def delete() -> None:
        nonlocal removed
        removed = p.draft.delete_task(index)

    p.move(delete)
    assert removed is not None
    await p.commit(notes=[t("new.deleted", p.lang, number=task_label(removed, index),
                                   text=shorten(removed.text, 100))])


async def _op_resume(p: _Press) -> None:
    if p.message is not None:
        with contextlib.suppress(TelegramError):
            await p.message.edit_reply_markup(None)
    await show(p.context, p.chat_id, p.record, p.lang)


async def _op_discard(p: _Press) -> None:
    then_new = p.args[0] if p.args and p.args[0] in ("new", "import") else None
    if not await drafts.close(p.services, p.record):
        raise _Refused(t("new.closed", p.lang))
    await _strip_prompt(p.context, p.chat_id, p.record)
    if then_new is None:
        await p.context.bot.send_message(p.chat_id, t("new.cancelled", p.lang))
        return
    record = await drafts.create(p.services, p.access, then_new)
    await p.context.bot.send_message(p.chat_id, t(f"new.intro.{then_new}", p.lang))
    await show(p.context, p.chat_id, record, p.lang)


async def _op_save(p: _Press) -> None:
    """Save the conclusion, its tasks and one notification per subscribed chat, atomically."""
    draft = p.draft
    if draft.step is not Step.PREVIEW or not draft.tasks:
        raise _Refused(t("new.stale", p.lang))
    try:
        saved = await drafts.save_conclusion(p.services, p.access, p.record)
    except drafts.Closed:
        raise _Refused(t("new.closed", p.lang)) from None
    if isinstance(saved, drafts.Duplicate):
        earlier = await drafts.earlier_import(p.services, draft)
        if earlier is None:  # gone meanwhile (cannot happen: conclusions are kept)
            earlier = drafts.Earlier(saved.conclusion, [])
        raise _Refused(_earlier_text(p.services, earlier, p.lang, "new.duplicate"))
    p.context.wake_sender()
    await _strip_prompt(p.context, p.chat_id, p.record)
    conclusion, tasks = saved.conclusion, saved.tasks
    numbers = ", ".join(f"#{task.id}" for task in tasks)
    # Nobody subscribed yet: say so, and how to bring the agencies in, not "0 chats".
    sent = (t("new.saved_sent", p.lang, chats=saved.chats) if saved.chats
            else t("new.saved_nobody", p.lang))
    if saved.chats and saved.unreached:  # some were told; name those who were not
        shown = saved.unreached[:UNREACHED_SHOWN]
        more = len(saved.unreached) - len(shown)
        sent = Html(sent + "\n" + t(
            "new.saved_unreached", p.lang, count=len(saved.unreached),
            names=Html(agency_names(shown, p.services.directory)),
            more=t("new.saved_unreached_more", p.lang, count=more) if more else ""))
    text = t(
        "new.saved", p.lang, count=len(tasks),
        conclusion=t("new.saved_number", p.lang, number=conclusion.number) if conclusion.number
        else t("new.saved_no_number", p.lang),
        tasks=numbers, sent=sent, first=tasks[0].id,
    )
    past = saved_past_due(tasks, p.services.today(), p.lang)
    await p.context.bot.send_message(p.chat_id, Html(f"{text}\n{past}") if past else text)


async def _op_read(p: _Press) -> None:
    if p.draft.step is not Step.SOURCE or not p.draft.source_text:
        raise _Refused(t("new.stale", p.lang))
    _read_later(None, p.context, p.chat_id, p.access, text=p.draft.source_text)


async def _op_accept(p: _Press) -> None:
    if p.draft.step is Step.REVIEW and not p.draft.proposal.has_lead:
        raise _Refused(t("new.import.no_lead", p.lang))
    p.move(p.draft.accept)
    await p.commit()


async def _op_accept_rest(p: _Press) -> None:
    """Take every remaining proposal that names a lead; stop at the first that does not."""
    draft = p.draft
    if draft.step is not Step.REVIEW:
        raise _Refused(t("new.stale", p.lang))
    taken = 0
    while draft.step is Step.REVIEW and draft.proposal.has_lead:
        draft.accept()
        taken += 1
    notes = [t("new.import.taken", p.lang, count=taken)]
    if draft.step is Step.REVIEW:
        notes.append(t("new.import.stopped", p.lang))
    await p.commit(notes=notes)


async def _op_edit_proposal(p: _Press) -> None:
    p.move(p.draft.edit_proposal)
    await p.commit()


async def _op_skip_proposal(p: _Press) -> None:
    p.move(p.draft.skip_proposal)
    await p.commit()


def _members(p: _Press) -> list[int]:
    group = p.services.directory.by_id(p.draft.ticking or 0)
    if group is None:
        raise _Refused(t("new.stale", p.lang))
    return [m.id for m in p.services.directory.members_of(group) if m.id is not None]


async def _op_tick_start(p: _Press) -> None:
    """Choose the members of a qualified collective lead (from the review or preview)."""
    group = p.int_arg(0)
    index = p.int_arg(1) if len(p.args) > 1 else None
    found = p.services.directory.by_id(group)
    if found is None or not (found.qualified and found.is_collective):
        raise _Refused(t("new.stale", p.lang))
    p.move(lambda: p.draft.start_ticking(group, index))
    await p.commit(edit=p.draft.tick_from is Step.REVIEW)


async def _op_tick_member(p: _Press) -> None:
    members = _members(p)
    member = p.int_arg()
    p.move(lambda: p.draft.toggle_member(member, members))
    await p.commit(edit=True)


async def _op_tick_all(p: _Press) -> None:
    members = _members(p)
    on = p.int_arg() == 1
    p.move(lambda: p.draft.tick_all(members, on))
    await p.commit(edit=True)


async def _op_tick_done(p: _Press) -> None:
    members = _members(p)
    if p.draft.step is Step.MEMBERS and not p.draft.ticked_task.members.get(
            p.draft.ticking or 0, members):
        raise _Refused(t("new.members.none", p.lang))
    p.move(lambda: p.draft.done_ticking(members))
    await p.commit()


_OPS: dict[str, Op] = {
    OP_TICK_START: _op_tick_start,
    OP_MEMBER: _op_tick_member,
    OP_TICK_ALL: _op_tick_all,
    OP_TICK_DONE: _op_tick_done,
    OP_READ: _op_read,
    OP_ACCEPT: _op_accept,
    OP_ACCEPT_REST: _op_accept_rest,
    OP_EDIT_PROPOSAL: _op_edit_proposal,
    OP_SKIP_PROPOSAL: _op_skip_proposal,
    OP_SKIP: _op_skip,
    OP_BACK: _op_back,
    OP_REDRAW: _op_redraw,
    OP_CANCEL_YES: _op_cancel_yes,
    pickers.OP_PICK: _op_pick,
    pickers.OP_TICK: _op_tick,
    pickers.OP_PAGE: _op_page,
    pickers.OP_ALL: _op_all,
    pickers.OP_ADD_NEW: _op_add_new,
    OP_UNTICK_NEW: _op_untick_new,
    OP_PERIOD: _op_period,
    OP_NO_SUPPORT: _op_no_support,
    OP_SUPPORT_DONE: _op_support_done,
    OP_NO_DEADLINE: _op_no_deadline,
    OP_SAME_DEADLINE: _op_same_deadline,
    OP_ADD_TASK: _op_add_task,
    OP_FINISH: _op_finish,
    OP_SAVE: _op_save,
    OP_EDIT_META: _op_edit_meta,
    OP_EDIT_MENU: _op_edit_menu,
    OP_EDIT: _op_edit,
    OP_DELETE_MENU: _op_delete_menu,
    OP_DELETE: _op_delete,
    OP_DELETE_YES: _op_delete_yes,
    OP_RESUME: _op_resume,
    OP_DISCARD: _op_discard,
}


# ====================================================================== the flow


async def on_ended(context: BotContext, waiting: Waiting, why: Ending) -> Html | None:
    """/cancel drops an empty draft and pauses one that holds tasks or proposals; another
    command pauses it (its buttons go, /new offers it again); a draft's question does not
    expire."""
    record = await drafts.get(context.services, int(waiting.data.get("draft", 0)))
    if record is None or record.state is not DraftState.ACTIVE:
        return None
    chat_id = waiting.user_id
    lang = (await context.access()).language
    draft = record.draft
    if why is not Ending.CANCEL:
        await _strip_prompt(context, chat_id, record)
        # Another command: say where the work went, or the vanished buttons look like a loss.
        paused = why is Ending.COMMAND and (draft.tasks or draft.proposals)
        return t("new.paused", lang) if paused else None
    if draft.tasks or draft.proposals:
        # Work a stray /cancel would throw away (the draft's own "Hủy" asks first): the
        # question ends, the draft is kept, /new offers it again (to go on or discard).
        await _strip_prompt(context, chat_id, record)
        return t("cancel.new_kept", lang, tasks=len(draft.tasks),
                 proposals=len(draft.proposals))
    if not await drafts.close(context.services, record):
        return None
    await _strip_prompt(context, chat_id, record)
    return t("cancel.new", lang, tasks=len(record.draft.tasks))


def owns(pressed: Callback) -> bool:
    """Only the draft's own buttons belong to the flow (others do not end it anyway)."""
    return pressed.action == ACTION


FLOW = FlowHandlers(answer=on_answer, ended=on_ended, owns=owns)
