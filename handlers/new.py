"""/new (alias /ketluan): an admin records a conclusion notice one question at a time.

The truth is the draft in SQLite (``bot.drafts.Draft``): every answer is a pure move on
the draft, stored with a new revision, and the next question is rendered from the
stored step alone. The ConversationHandler only routes an admin's messages to this
flow while it is open; after a restart its memory is empty, so /new or any text offers
to continue the stored draft, and buttons (which carry the draft id and revision) keep
working. Each button press is checked again: admin, owner of the draft, draft still
open, revision current.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
import warnings
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.access import Access, Audience
from bot.agencies import AgencyDirectory
from bot.app import Context, services_of, wake_sender
from bot.callbacks import Callback, action_pattern
from bot.deadlines import Deadline
from bot.delivery import message_payload
from bot.documents import EXTENSIONS, DocumentError, read_document_bytes
from bot.drafts import (
    DATE_STEPS,
    META_STEPS,
    Draft,
    DraftError,
    DraftRecord,
    DraftState,
    Step,
    draft_from_extraction,
)
from bot.extraction import extract
from bot.models import DeadlineKind, NewOutboxMessage
from bot.notice import (
    assignment_line,
    compose_assignments,
    deadline_words,
    render_draft_task,
    render_preview,
)
from bot.pickers import (
    DateInputError,
    former_matches,
    parse_document_date,
    rank_agencies,
    resolve_names,
)
from bot.render import fmt_date, shorten, split_message
from bot.services import Services
from bot.texts import Html, plain, t
from handlers import pickers
from handlers.common import access_of
from handlers.menu import declare
from handlers.tasks import OPEN_TASK

log = logging.getLogger(__name__)

ACTION = "nd"  # callback action of every button of this flow
RESUME = "resume"
# Before other features' text handlers (join's typed agency names use -1) and the default
# group: an answer in the flow stops there; text outside it passes through untouched.
GROUP = -2
COMMANDS = ("new", "ketluan")
MAX_TEXT = 3000
MAX_FIELD = 500

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

IMPORT_MAX_BYTES = 2_000_000  # an uploaded notice; real ones are far smaller
MAX_SOURCE = 200_000  # characters of pasted notice
PASTE_PART = 3500  # Telegram splits long pastes near 4096: a shorter part is the last one

declare("new", Audience.ADMIN, "cmd.new")
declare("import", Audience.ADMIN, "cmd.import")

State = str | int
_TOASTS: dict[int, str] = {}  # per update being handled: text for the callback answer


class _Refused(Exception):
    """The press or message is refused; ``text`` says why (shown as an alert or reply)."""

    def __init__(self, text: Html, state: State | None = None) -> None:
        super().__init__(str(text))
        self.text = text
        self.state = state


def _state_of(record: DraftRecord | None) -> State:
    if record is None or record.state is not DraftState.ACTIVE:
        return ConversationHandler.END
    return record.draft.step.value


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
        lines.append(t(f"new.ask.{step.value}", lang, index=index, total=len(META_STEPS)))
        value = draft.meta_value(step)
        if value is not None:
            shown = fmt_date(value) if step in DATE_STEPS else value  # type: ignore[arg-type]
            lines.append(t("new.ask.current", lang, value=shown))
        skip_key = "new.btn.keep" if draft.meta_edit else "new.btn.skip"
        rows.append([_button(plain(skip_key, lang), make(OP_SKIP))])
        if index == 1 and not (draft.meta_edit or draft.tasks):
            nav = nav[1:]
    elif step is Step.TASK_TEXT:
        task = draft.current
        number = (draft.editing + 1) if draft.editing is not None else len(draft.tasks) + 1
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
        lines.append(pickers.deadline_hint(lang))
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
    elif step is Step.MORE:
        last = draft.tasks[-1]
        lines.append(t("new.ask.more_done", lang, number=len(draft.tasks),
                       text=shorten(last.text, 200),
                       assignment=assignment_line(last, directory, lang)))
        lines.append(t("new.ask.more", lang))
        rows.append([_button(plain("new.btn.add_task", lang), make(OP_ADD_TASK)),
                     _button(plain("new.btn.finish", lang), make(OP_FINISH))])
    elif step is Step.PREVIEW:
        lines.append(render_preview(draft, directory, lang))
        rows.extend(_preview_rows(make, lang))
        nav = [_button(plain("new.btn.cancel", lang), make(OP_CANCEL))]
    elif step is Step.SOURCE:
        lines.append(t("new.import.ask", lang, limit=IMPORT_MAX_BYTES // 1_000_000))
        if draft.source_text:
            lines.append(t("new.import.received", lang, chars=len(draft.source_text)))
            rows.append([_button(plain("new.btn.read", lang), make(OP_READ))])
        nav = [_button(plain("new.btn.cancel", lang), make(OP_CANCEL))]
    elif step is Step.REVIEW:
        lines.extend(_review_lines(draft, directory, lang))
        rows.append([_button(plain("new.btn.accept", lang), make(OP_ACCEPT)),
                     _button(plain("new.btn.edit", lang), make(OP_EDIT_PROPOSAL)),
                     _button(plain("new.btn.skip_proposal", lang), make(OP_SKIP_PROPOSAL))])
        left = len(draft.proposals) - draft.review
        if left > 1:
            rows.append([_button(plain("new.btn.accept_rest", lang, count=left),
                                 make(OP_ACCEPT_REST))])
        if draft.review == 0:
            nav = nav[1:]
    rows.append(nav)
    return Html("\n".join(lines)), rows


def _review_lines(draft: Draft, directory: AgencyDirectory, lang: str) -> list[str]:
    """One proposal of the extractor, laid out like a preview item, with what it lacks."""
    proposal = draft.proposal
    lines: list[str] = [t("new.import.proposal", lang, index=draft.review + 1,
                          total=len(draft.proposals), ordinal=proposal.ordinal or "—")]
    lines.append(render_draft_task(draft.review + 1, proposal, directory, lang))
    if proposal.unknown or proposal.unknown_support:
        lines.append(t("new.import.unknown", lang,
                       names=", ".join([*proposal.unknown, *proposal.unknown_support])))
    if not proposal.lead_ids:
        lines.append(t("new.import.no_lead", lang))
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
    usage = await services.repos.drafts.agency_usage()
    lines: list[str] = []
    directory = services.directory
    if draft.step is Step.LEAD:
        page = pickers.agency_page(directory, draft.query, draft.page, usage,
                                   draft.used_agencies())
        lines.append(t("new.ask.lead", lang, text=shorten(task.text, 160)))
        if draft.changing and task.lead_ids:
            lines.append(t("new.ask.current", lang,
                           value=pickers.agency_names(_agencies(services, task.lead_ids))))
        ticked = None
    else:
        page = pickers.agency_page(directory, draft.query, draft.page, usage,
                                   draft.used_agencies(), exclude=task.lead_ids)
        lead = pickers.agency_names(_agencies(services, task.lead_ids))
        lines.append(t("new.ask.support", lang, lead=lead))
        chosen = pickers.agency_names(_agencies(services, task.support_ids))
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
        rows.append([
            _button(plain("new.btn.no_support", lang), make(OP_NO_SUPPORT)),
            _button(plain("new.btn.support_done", lang, count=len(task.support_ids)),
                    make(OP_SUPPORT_DONE)),
        ])
    elif draft.changing and task.lead_ids:
        rows.append([_button(plain("new.btn.keep", lang), make(OP_SKIP))])
    return rows, lines


def _agencies(services: Services, ids: Sequence[int]) -> list[Any]:
    return [a for a in (services.directory.by_id(i) for i in ids) if a is not None]


async def show(
    context: Context,
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
    services = services_of(context)
    text, rows = await build_prompt(services, record, lang)
    if notes:
        text = Html("\n".join([*notes, "", text]))
    markup = InlineKeyboardMarkup(rows)
    chunks = split_message(text)
    if edit is not None and len(chunks) == 1:
        try:
            await edit.edit_text(chunks[0], reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return
            log.info("could not edit prompt %s: %s", edit.message_id, exc.message)
    await _strip_prompt(context, chat_id, record.id)
    sent: Message | None = None
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        sent = await context.bot.send_message(
            chat_id, chunk, reply_markup=markup if last else None
        )
    if sent is not None:
        await services.repos.drafts.set_prompt(record.id, sent.message_id)


async def _strip_prompt(context: Context, chat_id: int, draft_id: int) -> None:
    repos = services_of(context).repos
    old = await repos.drafts.prompt_of(draft_id)
    if old is None:
        return
    await repos.drafts.set_prompt(draft_id, None)
    try:
        await context.bot.edit_message_reply_markup(chat_id, old, reply_markup=None)
    except TelegramError as exc:  # deleted, too old, already without buttons
        log.debug("old prompt %s kept its buttons: %s", old, exc)


# ====================================================================== entry


async def start_new(update: Update, context: Context) -> State:
    """/new and /ketluan: offer to continue an unfinished draft, or start a fresh one."""
    return await _start(update, context, "new")


async def start_import(update: Update, context: Context) -> State:
    """/import: the same flow, starting from a pasted or uploaded notice."""
    return await _start(update, context, "import")


async def _start(update: Update, context: Context, kind: str) -> State:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return ConversationHandler.END
    access = await access_of(update, context)
    lang = access.language
    if not access.is_admin:
        await message.reply_text(t("error.admin_only", lang))
        raise ApplicationHandlerStop(ConversationHandler.END)
    if chat.type != "private":
        await message.reply_text(t("error.private_only", lang))
        raise ApplicationHandlerStop(ConversationHandler.END)
    services = services_of(context)
    existing = await services.repos.drafts.active_of(access.user_id)
    if existing is not None:
        await _offer_resume(context, chat.id, services, existing, lang, then_new=kind)
        raise ApplicationHandlerStop(RESUME)
    record = await _create(services, access.user_id, kind)
    await message.reply_text(t(f"new.intro.{kind}", lang))
    await show(context, chat.id, record, lang)
    raise ApplicationHandlerStop(_state_of(record))


async def _create(services: Services, owner_id: int, kind: str) -> DraftRecord:
    draft = Draft(step=Step.SOURCE) if kind == "import" else Draft()
    return await services.repos.drafts.create(owner_id, draft, kind=kind)


async def _offer_resume(
    context: Context, chat_id: int, services: Services, record: DraftRecord, lang: str,
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
    await _strip_prompt(context, chat_id, record.id)
    sent = await context.bot.send_message(chat_id, text, reply_markup=markup)
    await services.repos.drafts.set_prompt(record.id, sent.message_id)


async def text_outside(update: Update, context: Context) -> State | None:
    """Text with no open conversation: after a restart, offer the admin's stored draft.

    Only a draft whose question was still on screen counts (an admin who left the flow
    with another command gets it back with /new), so text meant for other features is
    left to them: the update is not stopped then.
    """
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or user is None:
        return None
    services = services_of(context)
    record = await services.repos.drafts.active_of(user.id)
    if record is None or await services.repos.drafts.prompt_of(record.id) is None:
        return None
    access = await access_of(update, context)
    if not access.is_admin:
        return None
    await _offer_resume(context, chat.id, services, record, access.language, then_new=None)
    raise ApplicationHandlerStop(RESUME)


async def leave(update: Update, context: Context) -> State:
    """Another command during the flow: pause the draft (its buttons go) and let it run.

    The update is not stopped, so the command is answered by its own handler; /new
    offers the paused draft again.
    """
    user = update.effective_user
    chat = update.effective_chat
    if user is not None and chat is not None:
        record = await services_of(context).repos.drafts.active_of(user.id)
        if record is not None:
            await _strip_prompt(context, chat.id, record.id)
    return ConversationHandler.END


# ====================================================================== text answers


async def on_text(update: Update, context: Context) -> State:
    """An answer typed in the flow; what it means depends on the stored step."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or not message.text:
        raise ApplicationHandlerStop
    access = await access_of(update, context)
    lang = access.language
    services = services_of(context)
    if not access.is_admin:
        await message.reply_text(t("error.admin_only", lang))
        raise ApplicationHandlerStop(ConversationHandler.END)
    record = await services.repos.drafts.active_of(access.user_id)
    if record is None:
        await message.reply_text(t("new.no_draft", lang))
        raise ApplicationHandlerStop(ConversationHandler.END)
    text = message.text.strip()
    draft = record.draft
    notes: list[str] = []
    step = draft.step
    try:
        if step in META_STEPS:
            limit = MAX_FIELD
            if step in DATE_STEPS:
                if text in {"-", "—"}:
                    draft.answer_meta(None)
                else:
                    try:
                        draft.answer_meta(parse_document_date(text, services.today()))
                    except DateInputError as exc:
                        raise _Refused(t(f"new.date_error.{exc.code}", lang, text=text)) from None
            elif len(text) > limit:
                raise _Refused(t("new.too_long", lang, limit=limit))
            else:
                draft.answer_meta(None if text in {"-", "—"} else text)
        elif step in (Step.TASK_TEXT, Step.MORE):
            if len(text) > MAX_TEXT:
                raise _Refused(t("new.too_long", lang, limit=MAX_TEXT))
            if step is Step.MORE:
                draft.start_task()  # typing right away is the quickest way to add a task
            draft.set_text(text)
        elif step in (Step.LEAD, Step.SUPPORT):
            notes = await _typed_agencies(services, draft, text, lang)
        elif step is Step.SOURCE:
            draft.source_text = ((draft.source_text or "") + "\n" + message.text)[:MAX_SOURCE]
            if len(message.text) < PASTE_PART:
                notes = _read_notice(services, draft, draft.source_text, lang)
        elif step is Step.DEADLINE:
            parsed = pickers.read_deadline(text, services.today(), lang)
            if not isinstance(parsed, Deadline):
                raise _Refused(Html(parsed + "\n" + pickers.deadline_hint(lang)))
            draft.set_deadline(parsed)
            notes.append(t("new.deadline_ok", lang, deadline=_deadline_echo(parsed, lang)))
        else:
            raise _Refused(t("new.use_buttons", lang))
    except _Refused as refusal:
        await message.reply_text(refusal.text)
        raise ApplicationHandlerStop(_state_of(record)) from None
    except DraftError:
        await message.reply_text(t("new.use_buttons", lang))
        raise ApplicationHandlerStop(_state_of(record)) from None
    saved = await services.repos.drafts.save(record, draft)
    if saved is None:
        await message.reply_text(t("new.stale", lang))
        raise ApplicationHandlerStop(_state_of(await services.repos.drafts.active_of(
            access.user_id)))
    await show(context, chat.id, saved, lang, notes=notes)
    raise ApplicationHandlerStop(_state_of(saved))


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
    return notes


def _read_notice(services: Services, draft: Draft, text: str, lang: str) -> list[str]:
    """Run the extractor on the notice and turn its proposals into the draft's review."""
    extraction = extract(text, services.directory)
    draft_from_extraction(extraction, services.directory, text, draft)
    if not extraction.tasks:
        return [t("new.import.nothing", lang)]
    doc = extraction.document
    name = " ".join(part for part in (doc.number, doc.title) if part) or "—"
    return [t("new.import.read", lang, count=len(extraction.tasks), name=shorten(name, 200))]


async def on_document(update: Update, context: Context) -> State | None:
    """A file sent while /import waits for the notice: checked, read, extracted."""
    message = update.effective_message
    chat = update.effective_chat
    user = update.effective_user
    if message is None or chat is None or user is None or message.document is None:
        return None
    services = services_of(context)
    record = await services.repos.drafts.active_of(user.id)
    if record is None:
        return None  # not ours: other features may want the file
    access = await access_of(update, context)
    lang = access.language
    if not access.is_admin:
        await message.reply_text(t("error.admin_only", lang))
        raise ApplicationHandlerStop(ConversationHandler.END)
    if record.draft.step is not Step.SOURCE:
        await message.reply_text(t("new.import.not_waiting", lang))
        raise ApplicationHandlerStop(_state_of(record))
    document = message.document
    name = document.file_name or ""
    refusal: Html | None = None
    if not name.lower().endswith(EXTENSIONS):
        refusal = t("new.import.doc_error.unsupported_type", lang, name=name)
    elif (document.file_size or 0) > IMPORT_MAX_BYTES:
        refusal = t("new.import.doc_error.too_large", lang, name=name,
                    limit=IMPORT_MAX_BYTES // 1_000_000)
    text = ""
    if refusal is None:
        try:
            data = await (await document.get_file()).download_as_bytearray()
            text = read_document_bytes(bytes(data), name, max_bytes=IMPORT_MAX_BYTES)
        except DocumentError as exc:
            refusal = t(f"new.import.doc_error.{exc.code}", lang, name=name,
                        limit=IMPORT_MAX_BYTES // 1_000_000)
        except TelegramError as exc:
            log.warning("could not download %s: %s", name, exc)
            refusal = t("new.import.doc_error.unreadable", lang, name=name, limit=0)
    if refusal is not None:
        await message.reply_text(refusal)
        raise ApplicationHandlerStop(_state_of(record))
    draft = record.draft
    notes = _read_notice(services, draft, text, lang)
    saved = await services.repos.drafts.save(record, draft)
    if saved is None:
        await message.reply_text(t("new.stale", lang))
        raise ApplicationHandlerStop(_state_of(await services.repos.drafts.active_of(user.id)))
    await show(context, chat.id, saved, lang, notes=notes)
    raise ApplicationHandlerStop(_state_of(saved))


# ====================================================================== buttons


async def on_button(update: Update, context: Context) -> State:
    """Every button of the flow: re-check who presses and that the draft is as shown."""
    query = update.callback_query
    if query is None:
        raise ApplicationHandlerStop
    services = services_of(context)
    access = await access_of(update, context)
    pressed = services.parse_button(query.data)
    try:
        state = await _handle_button(update, context, services, access, pressed)
    except _Refused as refusal:
        _TOASTS.pop(id(update), None)
        await query.answer(plain_alert(refusal.text), show_alert=True)
        raise ApplicationHandlerStop(refusal.state) from None
    finally:
        toast = _TOASTS.pop(id(update), None)
    try:
        await query.answer(toast)
    except BadRequest as exc:  # e.g. the query is too old; the press was handled anyway
        log.info("callback answer failed: %s", exc.message)
    raise ApplicationHandlerStop(state)


def plain_alert(text: str) -> str:
    """Alerts are plain text (at most 200 characters): drop the tags of our HTML messages."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))[:200]


async def _handle_button(
    update: Update, context: Context, services: Services, access: Access,
    pressed: Callback | None,
) -> State:
    query = update.callback_query
    assert query is not None
    lang = access.language
    if not access.is_admin:
        log.warning("non-admin %s pressed a draft button", access.user_id)
        raise _Refused(t("error.admin_only", lang), ConversationHandler.END)
    draft_id = pressed.int_arg(0) if pressed else None
    revision = pressed.int_arg(1) if pressed else None
    op = pressed.args[2] if pressed and len(pressed.args) > 2 else None
    if draft_id is None or revision is None or op is None or pressed is None:
        raise _Refused(t("error.bad_button", lang))
    record = await services.repos.drafts.get(draft_id)
    own = await services.repos.drafts.active_of(access.user_id)
    if record is None or record.owner_id != access.user_id:
        log.warning("admin %s pressed a button of draft %s", access.user_id, draft_id)
        raise _Refused(t("new.not_your_draft", lang), _state_of(own))
    if record.state is not DraftState.ACTIVE:
        raise _Refused(t("new.closed", lang), _state_of(own))
    if op == OP_CANCEL:
        await _confirm_cancel(query.message, services, record, lang)
        return _state_of(record)
    if revision != record.revision:
        raise _Refused(t("new.stale", lang), _state_of(record))
    message = query.message if isinstance(query.message, Message) else None
    chat_id = query.message.chat.id if query.message else access.user_id
    handler = _OPS.get(op)
    if handler is None:
        raise _Refused(t("error.bad_button", lang), _state_of(record))
    args = pressed.args[3:]
    press = _Press(context, services, record, lang, chat_id, message, args, access.user_id)
    press.update_key = id(update)
    return await handler(press)


class _Press:
    """One button press in the flow, with what the operation handlers need."""

    def __init__(
        self, context: Context, services: Services, record: DraftRecord, lang: str,
        chat_id: int, message: Message | None, args: tuple[str, ...], user_id: int,
    ) -> None:
        self.context = context
        self.services = services
        self.record = record
        self.draft = record.draft
        self.lang = lang
        self.chat_id = chat_id
        self.message = message
        self.args = args
        self.user_id = user_id
        self.update_key = 0

    def toast(self, text: str) -> None:
        """A short notice shown when the press is answered."""
        _TOASTS[self.update_key] = text

    def int_arg(self, index: int = 0) -> int:
        try:
            return int(self.args[index])
        except (IndexError, ValueError):
            raise _Refused(t("error.bad_button", self.lang), _state_of(self.record)) from None

    async def commit(self, *, edit: bool = False, notes: Sequence[str] = ()) -> State:
        """Store the changed draft and ask the next question (in place when ``edit``)."""
        saved = await self.services.repos.drafts.save(self.record, self.draft)
        if saved is None:
            raise _Refused(t("new.stale", self.lang), _state_of(
                await self.services.repos.drafts.get(self.record.id)))
        await show(self.context, self.chat_id, saved, self.lang, notes=notes,
                   edit=self.message if edit else None)
        return _state_of(saved)

    def move(self, action: Callable[[], object]) -> None:
        """Apply a move on the draft; a move that does not fit the step is a stale button."""
        try:
            action()
        except DraftError:
            raise _Refused(t("new.stale", self.lang), _state_of(self.record)) from None


Op = Callable[[_Press], Awaitable[State]]


async def _op_skip(p: _Press) -> State:
    p.move(p.draft.skip)
    return await p.commit()


async def _op_back(p: _Press) -> State:
    p.move(p.draft.back)
    return await p.commit()


async def _op_redraw(p: _Press) -> State:
    """Back from a sub-menu (number grid, confirmation) to the question's own buttons."""
    if p.draft.step is Step.PREVIEW and p.message is not None:
        # The preview may span several messages: only its keyboard changes.
        _, rows = await build_prompt(p.services, p.record, p.lang)
        await p.message.edit_reply_markup(InlineKeyboardMarkup(rows))
        return _state_of(p.record)
    await show(p.context, p.chat_id, p.record, p.lang, edit=p.message)
    return _state_of(p.record)


async def _confirm_cancel(
    message: Any, services: Services, record: DraftRecord, lang: str
) -> None:
    if not isinstance(message, Message):
        return
    make = _maker(services, record)
    await message.edit_reply_markup(InlineKeyboardMarkup([
        [_button(plain("new.btn.cancel_yes", lang), make(OP_CANCEL_YES))],
        [_button(plain("new.btn.cancel_no", lang), make(OP_REDRAW))],
    ]))


async def _op_cancel_yes(p: _Press) -> State:
    if not await p.services.repos.drafts.close(p.record, DraftState.CANCELLED):
        raise _Refused(t("new.closed", p.lang), ConversationHandler.END)
    await _strip_prompt(p.context, p.chat_id, p.record.id)
    if p.message is not None:
        with contextlib.suppress(TelegramError):
            await p.message.edit_reply_markup(None)
    await p.context.bot.send_message(p.chat_id, t("new.cancelled", p.lang))
    return ConversationHandler.END


async def _op_pick(p: _Press) -> State:
    agency = p.services.directory.by_id(p.int_arg())
    if agency is None or not agency.active:
        raise _Refused(t("pick.gone", p.lang), _state_of(p.record))
    p.move(lambda: p.draft.choose_leads([agency.id or 0]))
    return await p.commit(notes=[t("new.lead_ok", p.lang, names=agency.name)])


async def _op_tick(p: _Press) -> State:
    agency = p.services.directory.by_id(p.int_arg())
    if agency is None or not agency.active or agency.id is None:
        raise _Refused(t("pick.gone", p.lang), _state_of(p.record))
    agency_id = agency.id
    p.move(lambda: p.draft.toggle_support(agency_id))
    return await p.commit(edit=True)


async def _op_page(p: _Press) -> State:
    if p.draft.step not in (Step.LEAD, Step.SUPPORT):
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    page = p.int_arg()
    if page == p.draft.page:
        return _state_of(p.record)
    p.draft.page = max(0, page)
    return await p.commit(edit=True)


async def _op_all(p: _Press) -> State:
    if p.draft.step not in (Step.LEAD, Step.SUPPORT):
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    p.draft.query, p.draft.page, p.draft.pending_agency = "", 0, None
    return await p.commit(edit=True)


async def _op_add_new(p: _Press) -> State:
    """The admin confirmed that a name missing from the directory is a new agency."""
    draft = p.draft
    name = draft.pending_agency
    if draft.step not in (Step.LEAD, Step.SUPPORT) or not name:
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    services = p.services
    existing = services.directory.resolve(name)
    if existing is not None and existing.current.active and existing.current.id is not None:
        agency = existing.current
        note = t("pick.already_known", p.lang, name=agency.name)
    else:
        agency = await services.repos.agencies.add_custom(name, p.user_id)
        await services.reload_directory()
        note = t("pick.added", p.lang, name=agency.name)
    assert agency.id is not None
    agency_id = agency.id
    draft.query, draft.page, draft.pending_agency = "", 0, None
    if draft.current is not None:
        for names in (draft.current.unknown, draft.current.unknown_support):
            if name in names:
                names.remove(name)
        if draft.step is Step.SUPPORT and draft.current.unknown_support:
            draft.pending_agency = draft.current.unknown_support[0]
    if draft.step is Step.LEAD:
        p.move(lambda: draft.choose_leads([agency_id]))
        return await p.commit(notes=[note, t("new.lead_ok", p.lang, names=agency.name)])
    if draft.current is not None and agency_id not in draft.current.support_ids:
        p.move(lambda: draft.toggle_support(agency_id))
    return await p.commit(notes=[note])


async def _op_no_support(p: _Press) -> State:
    p.move(p.draft.clear_supports)
    return await p.commit()


async def _op_support_done(p: _Press) -> State:
    p.move(p.draft.supports_done)
    return await p.commit()


async def _op_no_deadline(p: _Press) -> State:
    p.move(lambda: p.draft.set_deadline(Deadline(DeadlineKind.NONE, None, "")))
    return await p.commit()


async def _op_same_deadline(p: _Press) -> State:
    draft = p.draft
    if not draft.tasks or draft.step is not Step.DEADLINE:
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    previous = draft.tasks[-1]
    phrase = previous.deadline_text or ""
    from bot.deadlines import Recurrence

    recurrence = Recurrence.from_text(previous.recurrence) if previous.recurrence else None
    parsed = Deadline(previous.deadline_kind, previous.deadline, phrase, recurrence)
    p.move(lambda: draft.set_deadline(parsed))
    return await p.commit()


async def _op_add_task(p: _Press) -> State:
    p.move(p.draft.start_task)
    return await p.commit()


async def _op_finish(p: _Press) -> State:
    p.move(p.draft.finish)
    return await p.commit()


async def _op_edit_meta(p: _Press) -> State:
    p.move(p.draft.edit_meta)
    return await p.commit()


async def _number_grid(p: _Press, op: str, title_key: str) -> State:
    if p.draft.step is not Step.PREVIEW or p.message is None:
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    make = _maker(p.services, p.record)
    buttons = [_button(str(i), make(op, i)) for i in range(1, len(p.draft.tasks) + 1)]
    rows = [buttons[i:i + 6] for i in range(0, len(buttons), 6)]
    rows.append([_button(plain("new.btn.back", p.lang), make(OP_REDRAW))])
    await p.message.edit_reply_markup(InlineKeyboardMarkup(rows))
    p.toast(plain(title_key, p.lang))
    return _state_of(p.record)


async def _op_edit_menu(p: _Press) -> State:
    return await _number_grid(p, OP_EDIT, "new.pick_edit")


async def _op_delete_menu(p: _Press) -> State:
    return await _number_grid(p, OP_DELETE, "new.pick_delete")


async def _op_edit(p: _Press) -> State:
    index = p.int_arg() - 1
    p.move(lambda: p.draft.edit_task(index))
    return await p.commit()


async def _op_delete(p: _Press) -> State:
    """Ask once more (on the preview's own keyboard) before dropping a task."""
    index = p.int_arg() - 1
    if p.draft.step is not Step.PREVIEW or not 0 <= index < len(p.draft.tasks) or not p.message:
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    make = _maker(p.services, p.record)
    await p.message.edit_reply_markup(InlineKeyboardMarkup([
        [_button(plain("new.btn.delete_yes", p.lang, number=index + 1),
                 make(OP_DELETE_YES, index + 1))],
        [_button(plain("new.btn.back", p.lang), make(OP_REDRAW))],
    ]))
    p.toast(plain("new.confirm_delete", p.lang, number=index + 1,
                  text=shorten(p.draft.tasks[index].text, 120)))
    return _state_of(p.record)


async def _op_delete_yes(p: _Press) -> State:
    index = p.int_arg() - 1
    removed = None

    def delete() -> None:
        nonlocal removed
        removed = p.draft.delete_task(index)

    p.move(delete)
    assert removed is not None
    return await p.commit(notes=[t("new.deleted", p.lang, number=index + 1,
                                   text=shorten(removed.text, 100))])


async def _op_resume(p: _Press) -> State:
    if p.message is not None:
        with contextlib.suppress(TelegramError):
            await p.message.edit_reply_markup(None)
    await show(p.context, p.chat_id, p.record, p.lang)
    return _state_of(p.record)


async def _op_discard(p: _Press) -> State:
    then_new = p.args[0] if p.args and p.args[0] in ("new", "import") else None
    if not await p.services.repos.drafts.close(p.record, DraftState.CANCELLED):
        raise _Refused(t("new.closed", p.lang), ConversationHandler.END)
    await _strip_prompt(p.context, p.chat_id, p.record.id)
    if then_new is None:
        await p.context.bot.send_message(p.chat_id, t("new.cancelled", p.lang))
        return ConversationHandler.END
    record = await _create(p.services, p.user_id, then_new)
    await p.context.bot.send_message(p.chat_id, t(f"new.intro.{then_new}", p.lang))
    await show(p.context, p.chat_id, record, p.lang)
    return _state_of(record)


async def _op_save(p: _Press) -> State:
    """Save the conclusion, its tasks and one notification per subscribed chat, atomically."""
    draft = p.draft
    if draft.step is not Step.PREVIEW or not draft.tasks:
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    services = p.services
    repos = services.repos
    async with services.db.transaction():
        if (draft.number and draft.issued_on) or draft.source_text:
            same = await repos.conclusions.find_same(
                draft.number, draft.issued_on, draft.issuer, draft.source_text or ""
            )
            if same is not None:
                raise _Refused(t("new.duplicate", p.lang, id=same.id,
                                 number=same.number or "—"), _state_of(p.record))
        conclusion, tasks = await repos.conclusions.create(
            draft.to_new_conclusion(), draft.to_new_tasks(), p.user_id
        )
        if not await repos.drafts.close(p.record, DraftState.SAVED, conclusion.id):
            raise _Refused(t("new.closed", p.lang), ConversationHandler.END)  # rolls back
        followed: dict[int, set[int]] = {}
        for agency_id in sorted({a for task in tasks for a in task.agency_ids}):
            for subscription in await repos.chats.subscribers(agency_id):
                followed.setdefault(subscription.chat_id, set()).add(agency_id)
        messages = []
        composed = compose_assignments(conclusion, tasks, followed, services.directory)
        for chat_id, (text, task_ids) in composed.items():
            buttons = [(plain("new.notify.open", "vi", id=task_id),
                        services.button(OPEN_TASK, task_id)) for task_id in task_ids[:24]]
            rows = [buttons[i:i + 4] for i in range(0, len(buttons), 4)]
            for part, chunk in enumerate(split_message(text), start=1):
                key = f"new:{conclusion.id}:{chat_id}" + (f":{part}" if part > 1 else "")
                last = part == len(split_message(text))
                messages.append(NewOutboxMessage(
                    key, chat_id, "new_tasks", message_payload(chunk, rows if last else ())
                ))
        await repos.outbox.enqueue(messages)
    wake_sender(p.context)
    await _strip_prompt(p.context, p.chat_id, p.record.id)
    numbers = ", ".join(f"#{task.id}" for task in tasks)
    await p.context.bot.send_message(p.chat_id, t(
        "new.saved", p.lang, count=len(tasks),
        conclusion=t("new.saved_number", p.lang, number=conclusion.number) if conclusion.number
        else t("new.saved_no_number", p.lang),
        tasks=numbers, chats=len(composed), first=tasks[0].id,
    ))
    return ConversationHandler.END


async def _op_read(p: _Press) -> State:
    if p.draft.step is not Step.SOURCE or not p.draft.source_text:
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    notes = _read_notice(p.services, p.draft, p.draft.source_text, p.lang)
    return await p.commit(notes=notes)


async def _op_accept(p: _Press) -> State:
    if p.draft.step is Step.REVIEW and not p.draft.proposal.lead_ids:
        raise _Refused(t("new.import.no_lead", p.lang), _state_of(p.record))
    p.move(p.draft.accept)
    return await p.commit()


async def _op_accept_rest(p: _Press) -> State:
    """Take every remaining proposal that names a lead; stop at the first that does not."""
    draft = p.draft
    if draft.step is not Step.REVIEW:
        raise _Refused(t("new.stale", p.lang), _state_of(p.record))
    taken = 0
    while draft.step is Step.REVIEW and draft.proposal.lead_ids:
        draft.accept()
        taken += 1
    notes = [t("new.import.taken", p.lang, count=taken)]
    if draft.step is Step.REVIEW:
        notes.append(t("new.import.stopped", p.lang))
    return await p.commit(notes=notes)


async def _op_edit_proposal(p: _Press) -> State:
    p.move(p.draft.edit_proposal)
    return await p.commit()


async def _op_skip_proposal(p: _Press) -> State:
    p.move(p.draft.skip_proposal)
    return await p.commit()


_OPS: dict[str, Op] = {
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


# ====================================================================== wiring


def build_conversation() -> ConversationHandler[Context]:
    """The ConversationHandler: one state per draft step, all answered from the stored draft."""
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    buttons: BaseHandler[Update, Context, object] = CallbackQueryHandler(
        on_button, pattern=action_pattern(ACTION)
    )
    answer: BaseHandler[Update, Context, object] = MessageHandler(private_text, on_text)
    upload: BaseHandler[Update, Context, object] = MessageHandler(
        filters.ChatType.PRIVATE & filters.Document.ALL, on_document
    )
    resume_text: BaseHandler[Update, Context, object] = MessageHandler(private_text, text_outside)
    states: dict[object, list[BaseHandler[Update, Context, object]]] = {
        step.value: [buttons, answer, upload] for step in Step
    }
    states[RESUME] = [buttons, resume_text]
    with warnings.catch_warnings():
        # Buttons are matched by their signed data, not by message: per_message stays off.
        warnings.filterwarnings("ignore", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler(list(COMMANDS), start_new),
                CommandHandler("import", start_import),
                buttons,
                resume_text,
                upload,
            ],
            states=states,
            fallbacks=[
                CommandHandler(list(COMMANDS), start_new),
                CommandHandler("import", start_import),
                MessageHandler(filters.COMMAND, leave),
            ],
            name="new_conclusion",
        )


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The /new flow, in a group before the default one."""
    app.add_handler(build_conversation(), group=GROUP)
