"""Admins edit a saved task from its card: text, agencies, deadline, cancel, close, reopen.

Buttons are only shown to admins, but that is a convenience: every press and every typed
answer goes through :mod:`bot.usecases.task_edits`, which re-checks on the server that the
person is an admin *now*, that the task exists and that the change still fits its state.
What the admin types is the answer to a question of flow ``edit`` (:mod:`handlers.waiting`):
it survives a restart and never lingers; its nonce is repeated by the prompt's buttons, so
a button from an older prompt can never act on a newer one.
"""

from __future__ import annotations

import contextlib
import html
import logging
import secrets
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.core.access import Access
from bot.core.admin import PendingKind, TaskOp
from bot.core.callbacks import Callback
from bot.core.dates import fmt_date
from bot.core.deadlines import Deadline
from bot.core.models import ChatType, DeadlineKind, Task
from bot.core.normalize import fold
from bot.core.pickers import resolve_names
from bot.core.waiting import TTL, Flow, Waiting
from bot.texts import Html, plain, t
from bot.usecases import task_edits
from bot.usecases import waiting as asked
from bot.usecases.services import Services
from bot.usecases.task_edits import OP_OF_KIND, Problem, Refused
from bot.views.render import agency_names, deadline_text, state_label
from handlers.context import BotContext
from handlers.pickers import deadline_hint, read_deadline, renamed_notes
from handlers.tasks import EDIT, send_task_card
from handlers.waiting import Ending, FlowHandlers

log = logging.getLogger(__name__)

PROMPT = "tp"  # callback action on a prompt: tp:<choice>:<nonce>

# Prompt choices.
ABORT, ADD_NEW, RETYPE, KEEP, NO_SUPPORT, NO_DEADLINE = "x", "y", "n", "k", "0", "z"

_KIND_OF_OP = {
    TaskOp.TEXT: PendingKind.TEXT,
    TaskOp.AGENCIES: PendingKind.LEAD,
    TaskOp.DEADLINE: PendingKind.DEADLINE,
    TaskOp.CANCEL: PendingKind.CANCEL_REASON,
    TaskOp.CLOSE: PendingKind.CLOSE_NOTE,
}


def _prompt_button(services: Services, key: str, lang: str, choice: str,
                   nonce: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(plain(key, lang), callback_data=services.button(PROMPT, choice,
                                                                                nonce))


async def _refuse(update: Update, text: Html) -> None:
    """Answer a button press with an alert (plain text: alerts do not render HTML)."""
    query = update.callback_query
    if query is not None:
        await query.answer(html.unescape(text), show_alert=True)


def _refusal_text(services: Services, refused: Refused, task_id: int | None,
                  lang: str) -> Html:
    if refused.problem is Problem.NOT_ADMIN:
        return t("edit.admin_only", lang)
    if refused.problem is Problem.STATE and refused.task is not None:
        return t("edit.stale_state", lang, id=refused.task.id,
                 state=state_label(refused.task, services.today(), lang))
    return t("card.not_found", lang, id=task_id or "?")


async def on_card_button(update: Update, context: BotContext) -> None:
    """A press on one of the card's admin buttons."""
    query = update.callback_query
    user = update.effective_user
    chat = update.effective_chat
    if query is None or user is None or chat is None:
        return
    services = context.services
    access = await context.access()
    pressed = services.parse_button(query.data)
    if chat.type != ChatType.PRIVATE.value:
        # Nobody acts as admin in a group (see Access.in_group); cards there carry no admin
        # buttons, so this is a forged or replayed press. Admins are pointed to the bot.
        own = await context.own_access()
        log.warning("refused admin button %r from %s in chat %s", query.data, user.id, chat.id)
        await _refuse(update, t("error.private_only" if own.is_admin else "edit.admin_only",
                                access.language))
        return
    try:
        op = TaskOp(pressed.args[0]) if pressed and pressed.args else None
    except ValueError:
        op = None
    if op is None or pressed is None:
        await _refuse(update, t("error.bad_button" if access.is_admin else "edit.admin_only",
                                access.language))
        return
    lang = access.language
    task_id = pressed.int_arg(1)
    if op is TaskOp.REOPEN:
        reopened = await task_edits.reopen(services, access, task_id)
        if isinstance(reopened, Refused):
            await _refuse(update, _refusal_text(services, reopened, task_id, lang))
            return
        log.info("task %s reopened by %s", reopened.id, user.id)
        context.wake_sender()
        await query.answer()
        await context.bot.send_message(chat.id, t("edit.done.reopen", lang, id=reopened.id))
        await send_task_card(update, context, reopened.id)
        return
    task = await task_edits.checked(services, access, task_id, op)
    if isinstance(task, Refused):
        if task.problem is Problem.NOT_ADMIN:
            log.warning("refused admin button %r from non-admin %s", query.data, user.id)
        await _refuse(update, _refusal_text(services, task, task_id, lang))
        return
    await query.answer()
    await _ask(context, access, task, _KIND_OF_OP[op], chat.id)


# ----------------------------------------------------------------------- prompts


def _agencies_or_none(ids: tuple[int, ...] | list[int], services: Services, lang: str) -> Html:
    return Html(agency_names(ids, services.directory)) if ids else t("edit.none", lang)


async def _ask(
    context: BotContext, access: Access, task: Task, kind: PendingKind, chat_id: int,
    data: dict[str, Any] | None = None, previous: Waiting | None = None,
) -> None:
    """Ask for the next piece of text and remember that we are waiting for it."""
    services = context.services
    old = previous or await asked.current(services, access.user_id)
    if old is not None and old.flow is Flow.EDIT:
        await _close_prompt(context, old)
    nonce = secrets.token_hex(4)
    data = dict(data or {})
    data.pop("confirm", None)
    if kind is PendingKind.CLOSE_NOTE:
        data["awaiting"] = await task_edits.awaiting_reports(services, task.id)
    text, rows = _prompt(services, access.language, task, kind, nonce, data)
    sent = await context.bot.send_message(chat_id, text, reply_markup=InlineKeyboardMarkup(rows))
    data["prompt"] = [chat_id, sent.message_id]
    await task_edits.ask(services, access, task, kind, data, nonce)


def _prompt(
    services: Services, lang: str, task: Task, kind: PendingKind, nonce: str,
    data: dict[str, Any],
) -> tuple[Html, list[list[InlineKeyboardButton]]]:
    abort = [_prompt_button(services, "edit.button.abort", lang, ABORT, nonce)]
    if kind is PendingKind.TEXT:
        return t("edit.prompt.text", lang, id=task.id, text=task.text), [abort]
    if kind is PendingKind.DEADLINE:
        none = [_prompt_button(services, "edit.button.no_deadline", lang, NO_DEADLINE, nonce)]
        return t("edit.prompt.deadline", lang, id=task.id,
                 deadline=deadline_text(task, services.today(), lang),
                 hint=deadline_hint(lang, services.today())), [none, abort]
    if kind is PendingKind.CANCEL_REASON:
        keep = [_prompt_button(services, "edit.button.abort_cancel", lang, ABORT, nonce)]
        return t("edit.prompt.cancel", lang, id=task.id), [keep]
    if kind is PendingKind.CLOSE_NOTE:
        keep = [_prompt_button(services, "edit.button.abort_close", lang, ABORT, nonce)]
        awaiting = int(data.get("awaiting") or 0)
        return t("edit.prompt.close", lang, id=task.id, today=fmt_date(services.today()),
                 awaiting=t("edit.prompt.close_awaiting", lang, count=awaiting)
                 if awaiting else Html("")), [keep]
    support = _agencies_or_none(task.support_ids, services, lang)
    if kind is PendingKind.LEAD:
        keep = [_prompt_button(services, "edit.button.keep_lead", lang, KEEP, nonce)]
        return t("edit.prompt.lead", lang, id=task.id,
                 lead=_agencies_or_none(task.lead_ids, services, lang),
                 support=support), [keep, abort]
    rows = [[_prompt_button(services, "edit.button.no_support", lang, NO_SUPPORT, nonce)]]
    if task.support_ids:
        rows.append([_prompt_button(services, "edit.button.keep_support", lang, KEEP, nonce)])
    rows.append(abort)
    notes = Html("".join(f"{note}\n" for note in data.get("notes", [])))
    return t("edit.prompt.support", lang, renamed=notes,
             lead=_agencies_or_none(data.get("lead", []), services, lang),
             support=support), rows


async def _close_prompt(context: BotContext, waiting: Waiting) -> None:
    """Remove the buttons of a prompt that no longer waits (best effort)."""
    where = waiting.data.get("prompt")
    if not (isinstance(where, list) and len(where) == 2):
        return
    try:
        await context.bot.edit_message_reply_markup(where[0], where[1], reply_markup=None)
    except TelegramError as exc:
        log.debug("could not close prompt %s: %s", where, exc)


async def _reply(update: Update, context: BotContext, text: Html) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text)


async def _done(update: Update, context: BotContext, waiting: Waiting, text: Html,
                task_id: int) -> None:
    """The edit is written: its prompt loses its buttons, the admin sees the new card (and
    the agencies' chats their notice of the change)."""
    context.wake_sender()
    await _close_prompt(context, waiting)
    await _reply(update, context, text)
    await send_task_card(update, context, task_id)


async def _refused(update: Update, context: BotContext, access: Access, waiting: Waiting,
                   refused: Refused) -> None:
    """The change cannot be made: forget the question (unless only nothing changed)."""
    if refused.problem is not Problem.UNCHANGED:
        await task_edits.stop(context.services, waiting)
        await _close_prompt(context, waiting)
        if refused.problem is Problem.NOT_ADMIN:
            log.warning("dropped pending edit of %s: no longer an admin", waiting.user_id)
    await _reply(update, context, _refusal_text(context.services, refused, waiting.task_id,
                                                access.language))


# ----------------------------------------------------------------------- typed answers


async def on_answer(update: Update, context: BotContext, waiting: Waiting) -> None:
    """Text from an admin the bot is waiting on (files are not an answer here)."""
    message = update.effective_message
    assert message is not None
    access = await context.access()
    if not message.text:
        await message.reply_text(t("act.input.need_text", access.language))
        return
    kind = PendingKind(waiting.kind)
    task = await task_edits.checked(context.services, access, waiting.task_id,
                                    OP_OF_KIND[kind])
    if isinstance(task, Refused):
        await _refused(update, context, access, waiting, task)
        return
    text = message.text
    if kind is PendingKind.TEXT:
        await _answer_text(update, context, access, waiting, task, text)
    elif kind is PendingKind.DEADLINE:
        parsed = read_deadline(text, context.services.today(), access.language)
        if not isinstance(parsed, Deadline):
            hint = deadline_hint(access.language, context.services.today())
            await message.reply_text(Html(f"{parsed}\n{hint}"))
            return
        await _apply_deadline(update, context, access, waiting, task, parsed)
    elif kind is PendingKind.CANCEL_REASON:
        await _answer_cancel(update, context, access, waiting, task, text)
    elif kind is PendingKind.CLOSE_NOTE:
        await _answer_close(update, context, access, waiting, task, text)
    else:
        await _answer_agencies(update, context, access, waiting, task, text)


async def _answer_text(update: Update, context: BotContext, access: Access, waiting: Waiting,
                       task: Task, text: str) -> None:
    lang = access.language
    new = text.strip()
    if not new:
        await _reply(update, context, t("edit.empty_text", lang))
        return
    changed = await task_edits.change_text(context.services, access, task.id, new, waiting)
    if isinstance(changed, Refused):
        if changed.problem is Problem.UNCHANGED:
            await _reply(update, context, t("edit.same_text", lang))
        else:
            await _refused(update, context, access, waiting, changed)
        return
    log.info("task %s text changed by %s", task.id, access.user_id)
    await _done(update, context, waiting, t("edit.done.text", lang, id=task.id), task.id)


async def _apply_deadline(update: Update, context: BotContext, access: Access,
                          waiting: Waiting, task: Task, parsed: Deadline) -> None:
    services = context.services
    lang = access.language
    changed = await task_edits.change_deadline(services, access, task.id, parsed, waiting)
    if isinstance(changed, Refused):
        if changed.problem is Problem.UNCHANGED:
            await _reply(update, context, t(
                "edit.same_deadline", lang, deadline=deadline_text(task, services.today(), lang)))
        else:
            await _refused(update, context, access, waiting, changed)
        return
    before, after = changed
    log.info("task %s deadline %s -> %s by %s", task.id, before.deadline, after.deadline,
             access.user_id)
    await _done(update, context, waiting, t(
        "edit.done.deadline", lang, id=task.id, old=_short_deadline(before, lang),
        new=_short_deadline(after, lang)), task.id)


def _short_deadline(task: Task, lang: str) -> str:
    """The date alone ("30/09/2024"), or the phrase of a deadline without one."""
    if task.deadline is not None:
        return fmt_date(task.deadline)
    return task.deadline_text or plain("due.none", lang)


async def _answer_cancel(update: Update, context: BotContext, access: Access,
                         waiting: Waiting, task: Task, text: str) -> None:
    lang = access.language
    reason = " ".join(text.split())
    if not reason:
        await _reply(update, context, t("edit.empty_reason", lang))
        return
    cancelled = await task_edits.cancel(context.services, access, task.id, reason, waiting)
    if isinstance(cancelled, Refused):
        await _refused(update, context, access, waiting, cancelled)
        return
    log.info("task %s cancelled by %s: %s", task.id, access.user_id, reason)
    await _done(update, context, waiting, t("edit.done.cancel", lang, id=task.id), task.id)


async def _answer_close(update: Update, context: BotContext, access: Access,
                        waiting: Waiting, task: Task, text: str) -> None:
    lang = access.language
    note = text.strip()
    if not note:
        await _reply(update, context, t("edit.empty_note", lang))
        return
    closed = await task_edits.close(context.services, access, task.id, note, waiting)
    if isinstance(closed, Refused):
        await _refused(update, context, access, waiting, closed)
        return
    _, units, copies = closed
    log.info("task %s closed by %s with %s units not done", task.id, access.user_id, units)
    for copy in copies:  # the reports and requests it settled lose their buttons
        with contextlib.suppress(TelegramError):
            await context.bot.edit_message_text(
                copy.text, chat_id=copy.chat_id, message_id=copy.message_id, reply_markup=None)
    await _done(update, context, waiting, t("edit.done.close_units", lang, id=task.id,
                                            count=units) if units
                else t("edit.done.close", lang, id=task.id), task.id)


async def _answer_agencies(update: Update, context: BotContext, access: Access,
                           waiting: Waiting, task: Task, text: str) -> None:
    """Lead step, then support step; an unknown name waits for a confirmation button."""
    kind = PendingKind(waiting.kind)
    if kind is PendingKind.SUPPORT and _means_none(text):
        await _choose(update, context, access, waiting, task, [], [])
        return
    if kind is PendingKind.LEAD and _means_none(text):
        await _reply(update, context, t("edit.need_lead", access.language))
        return
    await _resolve_typed(update, context, access, waiting, task, text)


def _means_none(text: str) -> bool:
    """"không", "-": the admin says there are no (supporting) agencies."""
    return text.strip() == "-" or " ".join(fold(text).split()) in {"khong", "khong co"}


async def _resolve_typed(update: Update, context: BotContext, access: Access,
                         waiting: Waiting, task: Task, text: str) -> None:
    """Resolve typed names (the /new picker's rules); ask before adding an unknown one."""
    match = resolve_names(text, context.services.directory)
    notes = [str(note) for note in renamed_notes(match.found, access.language)]
    if match.unknown is None:
        ids = [r.current.id for r in match.found if r.current.id is not None]
        await _choose(update, context, access, waiting, task, ids, notes)
        return
    await _ask_unknown(update, context, access, waiting, task, text, match.unknown, notes)


async def _ask_unknown(update: Update, context: BotContext, access: Access, waiting: Waiting,
                       task: Task, typed: str, unknown: str, notes: list[str]) -> None:
    """A name the directory does not know: offer to add it, or to type again."""
    chat = update.effective_chat
    assert chat is not None
    services = context.services
    lang = access.language
    nonce = secrets.token_hex(4)
    suggestions = [a.name for a in services.directory.search(unknown, limit=3)]
    hint = t("edit.suggestions", lang, names=", ".join(suggestions)) if suggestions else ""
    text = t("edit.prompt.unknown", lang, renamed=Html("".join(f"{n}\n" for n in notes)),
             names=f"«{unknown}»", suggestions=Html(hint))
    rows = [
        [_prompt_button(services, "edit.button.add_new", lang, ADD_NEW, nonce),
         _prompt_button(services, "edit.button.retype", lang, RETYPE, nonce)],
        [_prompt_button(services, "edit.button.abort", lang, ABORT, nonce)],
    ]
    await _close_prompt(context, waiting)
    sent = await context.bot.send_message(chat.id, text, reply_markup=InlineKeyboardMarkup(rows))
    data = dict(waiting.data)
    data["confirm"] = {"typed": typed, "unknown": unknown}
    data["prompt"] = [chat.id, sent.message_id]
    await task_edits.ask(services, access, task, PendingKind(waiting.kind), data, nonce)


async def _choose(update: Update, context: BotContext, access: Access, waiting: Waiting,
                  task: Task, ids: list[int], notes: list[str]) -> None:
    """Agencies picked for the current step: go to the support step, or save."""
    chat = update.effective_chat
    assert chat is not None
    lang = access.language
    if PendingKind(waiting.kind) is PendingKind.LEAD:
        data = {"lead": ids, "notes": notes}
        await _ask(context, access, task, PendingKind.SUPPORT, chat.id, data, previous=waiting)
        return
    lead = [int(i) for i in waiting.data.get("lead", [])] or list(task.lead_ids)
    support = [i for i in ids if i not in lead]
    changed = await task_edits.change_agencies(context.services, access, task.id, lead,
                                               support, waiting)
    await _close_prompt(context, waiting)
    if notes:
        await _reply(update, context, Html("\n".join(notes)))
    if isinstance(changed, Refused):
        if changed.problem is Problem.UNCHANGED:
            await _reply(update, context, t("edit.no_change", lang, id=task.id))
        else:
            await _refused(update, context, access, waiting, changed)
        return
    log.info("task %s agencies %s/%s -> %s/%s by %s", task.id, task.lead_ids, task.support_ids,
             lead, support, access.user_id)
    context.wake_sender()
    await _reply(update, context, t("edit.done.agencies", lang, id=task.id))
    await send_task_card(update, context, task.id)


# ----------------------------------------------------------------------- prompt buttons


async def on_prompt_button(update: Update, context: BotContext) -> None:
    """Abort / keep / none / add-new / type-again on a prompt; bound to the presser's edit."""
    query = update.callback_query
    user = update.effective_user
    chat = update.effective_chat
    if query is None or user is None or chat is None:
        return
    services = context.services
    access = await context.access()
    lang = access.language
    pressed = services.parse_button(query.data)
    if not access.is_admin:
        log.warning("refused prompt button %r from non-admin %s", query.data, user.id)
        await _refuse(update, t("edit.admin_only", lang))
        return
    waiting = await asked.current(services, user.id)
    choice = pressed.args[0] if pressed and len(pressed.args) == 2 else None
    if (waiting is None or waiting.flow is not Flow.EDIT or pressed is None or choice is None
            or waiting.nonce != pressed.args[1] or waiting.expired(services.clock.now())):
        await _refuse(update, t("edit.stale_prompt", lang))
        return
    kind = PendingKind(waiting.kind)
    task = await task_edits.checked(services, access, waiting.task_id, OP_OF_KIND[kind])
    if isinstance(task, Refused):
        await task_edits.stop(services, waiting)
        await _refuse(update, _refusal_text(services, task, waiting.task_id, lang))
        return
    confirm = waiting.data.get("confirm")
    agencies = kind in (PendingKind.LEAD, PendingKind.SUPPORT)
    if choice == ABORT:
        await task_edits.stop(services, waiting)
        await query.answer()
        try:
            await query.edit_message_text(t("edit.aborted", lang, id=task.id))
        except TelegramError as exc:
            log.debug("could not edit aborted prompt: %s", exc)
        return
    if agencies and choice == KEEP and not confirm:
        await query.answer()
        keep = task.lead_ids if kind is PendingKind.LEAD else task.support_ids
        await _choose(update, context, access, waiting, task, list(keep), [])
        return
    if kind is PendingKind.DEADLINE and choice == NO_DEADLINE:
        await query.answer()
        none = Deadline(DeadlineKind.NONE, None, "")
        await _apply_deadline(update, context, access, waiting, task, none)
        return
    if kind is PendingKind.SUPPORT and choice == NO_SUPPORT and not confirm:
        await query.answer()
        await _choose(update, context, access, waiting, task, [], [])
        return
    if agencies and isinstance(confirm, dict) and choice in (ADD_NEW, RETYPE):
        await query.answer()
        if choice == RETYPE:
            await _ask(context, access, task, kind, chat.id, waiting.data, previous=waiting)
            return
        agency = await task_edits.add_agency(services, access, str(confirm["unknown"]))
        log.info("agency %r added by %s while editing task %s", agency.name, user.id, task.id)
        await context.bot.send_message(chat.id, t("edit.added_agencies", lang,
                                                  names=agency.name))
        # Read the typed text again: the next unknown name (if any) is asked about in turn.
        await _resolve_typed(update, context, access, waiting, task, str(confirm["typed"]))
        return
    await _refuse(update, t("edit.stale_prompt", lang))


async def on_ended(context: BotContext, waiting: Waiting, why: Ending) -> Html | None:
    """The prompt loses its buttons; the admin is told unless another button ended it."""
    await _close_prompt(context, waiting)
    lang = (await context.access()).language
    task_id = waiting.task_id or "?"
    if why is Ending.EXPIRED:
        return t("edit.expired", lang, id=task_id,
                 minutes=int(TTL[Flow.EDIT].total_seconds() // 60))
    if why is Ending.CANCEL:
        return t("cancel.edit", lang, id=task_id)
    if why is Ending.COMMAND:
        return t("edit.abandoned", lang, id=task_id)
    return None


def owns(pressed: Callback) -> bool:
    """The edit's own buttons (prompt and card edit buttons) do not end it."""
    return pressed.action in (PROMPT, EDIT)


FLOW = FlowHandlers(answer=on_answer, ended=on_ended, owns=owns, ends_on_other_button=True)
