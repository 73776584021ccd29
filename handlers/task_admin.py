"""Admins edit a saved task from its card: text, agencies, deadline, cancel, reopen.

Buttons are only shown to admins, but that is a convenience: every press and every typed
answer re-checks on the server that the person is an admin *now*, that the task exists
and that the action still fits the task's state. Typed answers are awaited through a
pending-input row in SQLite (one per admin, with a time to live), so an edit survives a
restart and never lingers: the row carries a nonce that the prompt's buttons repeat, so
a button from an older prompt can never act on a newer one. All changes go through
:class:`storage.repo.tasks.TaskRepo`, which writes the history entry with the change.
"""

from __future__ import annotations

import html
import logging
import secrets
from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bot.core.access import Access
from bot.core.admin import PENDING_TTL, PendingEdit, PendingKind, TaskOp, allowed_ops
from bot.core.callbacks import action_pattern
from bot.core.dates import fmt_date
from bot.core.deadlines import Deadline
from bot.core.models import ChatType, DeadlineKind, EventKind, Task, TaskEvent, TaskStatus
from bot.core.normalize import fold
from bot.core.pickers import resolve_names
from bot.texts import Html, plain, t
from bot.usecases.services import Services
from bot.views.render import agency_names, deadline_text, state_label
from handlers.common import access_of
from handlers.context import Context, services_of
from handlers.pickers import deadline_hint, read_deadline, renamed_notes
from handlers.tasks import ButtonRows, add_task_buttons, send_task_card

log = logging.getLogger(__name__)

CARD = "te"  # callback action on a task card: te:<op>:<task id>
PROMPT = "tp"  # callback action on a prompt: tp:<choice>:<nonce>
# After user tracking (-10) and the forged-button guard (-5); before the officials' typed
# answers (-3), /new (-2) and /join typing (-1), so an admin's awaited edit is read first.
GROUP_PENDING = -4

# Prompt choices.
ABORT, ADD_NEW, RETYPE, KEEP, NO_SUPPORT, NO_DEADLINE = "x", "y", "n", "k", "0", "z"

_KIND_OF_OP = {
    TaskOp.TEXT: PendingKind.TEXT,
    TaskOp.AGENCIES: PendingKind.LEAD,
    TaskOp.DEADLINE: PendingKind.DEADLINE,
    TaskOp.CANCEL: PendingKind.CANCEL_REASON,
}
_OP_OF_KIND = {
    PendingKind.TEXT: TaskOp.TEXT,
    PendingKind.LEAD: TaskOp.AGENCIES,
    PendingKind.SUPPORT: TaskOp.AGENCIES,
    PendingKind.DEADLINE: TaskOp.DEADLINE,
    PendingKind.CANCEL_REASON: TaskOp.CANCEL,
}
_LABELS = {
    TaskOp.TEXT: "edit.button.text",
    TaskOp.AGENCIES: "edit.button.agencies",
    TaskOp.DEADLINE: "edit.button.deadline",
    TaskOp.CANCEL: "edit.button.cancel",
    TaskOp.REOPEN: "edit.button.reopen",
}


# ----------------------------------------------------------------------- card buttons


async def admin_task_buttons(
    services: Services, access: Access, task: Task, events: Sequence[TaskEvent]
) -> ButtonRows:
    """The card's admin rows: only for admins, only the actions the task's state allows."""
    del events  # the state of the task decides; its history does not
    if not access.is_admin:
        return []
    buttons = [
        InlineKeyboardButton(plain(_LABELS[op], access.language),
                             callback_data=services.button(CARD, op.value, task.id))
        for op in allowed_ops(task)
    ]
    return [buttons[i:i + 2] for i in range(0, len(buttons), 2)]


def _prompt_button(services: Services, key: str, lang: str, choice: str,
                   nonce: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(plain(key, lang), callback_data=services.button(PROMPT, choice,
                                                                                nonce))


async def _refuse(update: Update, text: Html) -> None:
    """Answer a button press with an alert (plain text: alerts do not render HTML)."""
    query = update.callback_query
    if query is not None:
        await query.answer(html.unescape(text), show_alert=True)


async def _checked_task(
    update: Update, services: Services, access: Access, task_id: int | None, op: TaskOp
) -> Task | None:
    """The task if this admin may do ``op`` on it right now; otherwise refuse and None."""
    lang = access.language
    task = await services.repos.tasks.get(task_id) if task_id is not None else None
    if task is None:
        await _refuse(update, t("card.not_found", lang, id=task_id or "?"))
        return None
    if op not in allowed_ops(task):
        await _refuse(update, t("edit.stale_state", lang, id=task.id,
                                state=state_label(task, services.today(), lang)))
        return None
    return task


async def on_card_button(update: Update, context: Context) -> None:
    """A press on one of the card's admin buttons."""
    query = update.callback_query
    user = update.effective_user
    chat = update.effective_chat
    if query is None or user is None or chat is None:
        return
    services = services_of(context)
    access = await access_of(update, context)
    pressed = services.parse_button(query.data)
    if chat.type != ChatType.PRIVATE.value:
        # Nobody acts as admin in a group (see Access.in_group); cards there carry no admin
        # buttons, so this is a forged or replayed press. Admins are pointed to the bot.
        own = await services.access(user.id)
        log.warning("refused admin button %r from %s in chat %s", query.data, user.id, chat.id)
        await _refuse(update, t("error.private_only" if own.is_admin else "edit.admin_only",
                                access.language))
        return
    if not access.is_admin:
        log.warning("refused admin button %r from non-admin %s", query.data, user.id)
        await _refuse(update, t("edit.admin_only", access.language))
        return
    try:
        op = TaskOp(pressed.args[0]) if pressed and pressed.args else None
    except ValueError:
        op = None
    if op is None or pressed is None:
        await _refuse(update, t("error.bad_button", access.language))
        return
    task = await _checked_task(update, services, access, pressed.int_arg(1), op)
    if task is None:
        return
    lang = access.language
    if op is TaskOp.REOPEN:
        await services.repos.tasks.set_status(
            task.id, TaskStatus.OPEN, user.id, event=EventKind.REOPENED,
            data={"old_completed_on": task.completed_on.isoformat() if task.completed_on
                  else None},
        )
        log.info("task %s reopened by %s", task.id, user.id)
        await query.answer()
        await context.bot.send_message(chat.id, t("edit.done.reopen", lang, id=task.id))
        await send_task_card(update, context, task.id)
        return
    await query.answer()
    await _start_pending(context, services, access, task, _KIND_OF_OP[op], chat.id)


# ----------------------------------------------------------------------- prompts


def _agencies_or_none(ids: tuple[int, ...] | list[int], services: Services, lang: str) -> Html:
    return Html(agency_names(ids, services.directory)) if ids else t("edit.none", lang)


async def _start_pending(
    context: Context, services: Services, access: Access, task: Task, kind: PendingKind,
    chat_id: int, data: dict[str, Any] | None = None,
) -> None:
    """Ask for the next piece of text and remember that we are waiting for it."""
    old = await services.repos.admin_edits.get(access.user_id)
    if old is not None:
        await _close_prompt(context, old)
    # One question at a time: an officials' question still waiting would otherwise get the
    # next text once this edit is done.
    await services.repos.pending.clear(access.user_id)
    nonce = secrets.token_hex(4)
    data = dict(data or {})
    data.pop("confirm", None)
    text, rows = _prompt(services, access.language, task, kind, nonce, data)
    sent = await context.bot.send_message(chat_id, text, reply_markup=InlineKeyboardMarkup(rows))
    data["prompt"] = [chat_id, sent.message_id]
    await services.repos.admin_edits.put(access.user_id, kind, task.id, nonce, data)


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
                 hint=deadline_hint(lang)), [none, abort]
    if kind is PendingKind.CANCEL_REASON:
        return t("edit.prompt.cancel", lang, id=task.id), [abort]
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


async def _close_prompt(context: Context, pending: PendingEdit) -> None:
    """Remove the buttons of a prompt that no longer waits (best effort)."""
    where = pending.data.get("prompt")
    if not (isinstance(where, list) and len(where) == 2):
        return
    try:
        await context.bot.edit_message_reply_markup(where[0], where[1], reply_markup=None)
    except TelegramError as exc:
        log.debug("could not close prompt %s: %s", where, exc)


async def _finish(context: Context, services: Services, pending: PendingEdit) -> None:
    await services.repos.admin_edits.clear(pending.user_id, pending.nonce)
    await _close_prompt(context, pending)


# ----------------------------------------------------------------------- typed answers


async def on_pending_text(update: Update, context: Context) -> None:
    """Private text from an admin the bot is waiting on; anything else passes through."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or not message.text:
        return
    services = services_of(context)
    pending = await services.repos.admin_edits.get(user.id)
    if pending is None:
        return
    access = await access_of(update, context)
    task = await _pending_task(update, services, access, pending, message)
    if task is not None:
        handler = {
            PendingKind.TEXT: _answer_text,
            PendingKind.DEADLINE: _answer_deadline,
            PendingKind.CANCEL_REASON: _answer_cancel,
            PendingKind.LEAD: _answer_agencies,
            PendingKind.SUPPORT: _answer_agencies,
        }[pending.kind]
        await handler(update, context, services, access, pending, task, message.text)
    raise ApplicationHandlerStop


async def _pending_task(
    update: Update, services: Services, access: Access, pending: PendingEdit,
    message: Message,
) -> Task | None:
    """Re-check a pending edit before using the text; say why and forget it if it fails."""
    lang = access.language
    if pending.expired(services.clock.now()):
        await services.repos.admin_edits.clear(pending.user_id, pending.nonce)
        await message.reply_text(t("edit.expired", lang, id=pending.task_id or "?",
                                   minutes=int(PENDING_TTL.total_seconds() // 60)))
        return None
    if not access.is_admin:
        await services.repos.admin_edits.clear(pending.user_id)
        log.warning("dropped pending edit of %s: no longer an admin", pending.user_id)
        await message.reply_text(t("edit.admin_only", lang))
        return None
    task = (await services.repos.tasks.get(pending.task_id)
            if pending.task_id is not None else None)
    if task is None:
        await services.repos.admin_edits.clear(pending.user_id)
        await message.reply_text(t("card.not_found", lang, id=pending.task_id or "?"))
        return None
    if _OP_OF_KIND[pending.kind] not in allowed_ops(task):
        await services.repos.admin_edits.clear(pending.user_id)
        await message.reply_text(t("edit.stale_state", lang, id=task.id,
                                   state=state_label(task, services.today(), lang)))
        return None
    return task


async def _answer_text(update: Update, context: Context, services: Services, access: Access,
                       pending: PendingEdit, task: Task, text: str) -> None:
    lang = access.language
    new = text.strip()
    reply = update.effective_message
    assert reply is not None
    if not new:
        await reply.reply_text(t("edit.empty_text", lang))
        return
    if new == task.text:
        await reply.reply_text(t("edit.same_text", lang))
        return
    await services.repos.tasks.set_text(task.id, new, access.user_id)
    log.info("task %s text changed by %s", task.id, access.user_id)
    await _finish(context, services, pending)
    await reply.reply_text(t("edit.done.text", lang, id=task.id))
    await send_task_card(update, context, task.id)


async def _answer_deadline(update: Update, context: Context, services: Services,
                           access: Access, pending: PendingEdit, task: Task,
                           text: str) -> None:
    lang = access.language
    reply = update.effective_message
    assert reply is not None
    parsed = read_deadline(text, services.today(), lang)  # the /new picker's rules and words
    if not isinstance(parsed, Deadline):
        await reply.reply_text(Html(f"{parsed}\n{deadline_hint(lang)}"))
        return
    await _apply_deadline(update, context, services, access, pending, task, parsed)


async def _apply_deadline(update: Update, context: Context, services: Services,
                          access: Access, pending: PendingEdit, task: Task,
                          parsed: Deadline) -> None:
    chat = update.effective_chat
    assert chat is not None
    lang = access.language
    recurrence = parsed.recurrence.to_text() if parsed.recurrence else None
    if (parsed.due, parsed.kind, recurrence) == (task.deadline, task.deadline_kind,
                                                 task.recurrence):
        await context.bot.send_message(chat.id, t(
            "edit.same_deadline", lang, deadline=deadline_text(task, services.today(), lang)))
        return
    await services.repos.tasks.set_deadline(
        task.id, parsed.due, parsed.phrase, parsed.kind, recurrence, access.user_id
    )
    log.info("task %s deadline %s -> %s by %s", task.id, task.deadline, parsed.due,
             access.user_id)
    await _finish(context, services, pending)
    updated = await services.repos.tasks.get(task.id)
    assert updated is not None
    await context.bot.send_message(chat.id, t(
        "edit.done.deadline", lang, id=task.id, old=_short_deadline(task, lang),
        new=_short_deadline(updated, lang)))
    await send_task_card(update, context, task.id)


def _short_deadline(task: Task, lang: str) -> str:
    """The date alone ("30/09/2024"), or the phrase of a deadline without one."""
    if task.deadline is not None:
        return fmt_date(task.deadline)
    return task.deadline_text or plain("due.none", lang)


async def _answer_cancel(update: Update, context: Context, services: Services,
                         access: Access, pending: PendingEdit, task: Task,
                         text: str) -> None:
    lang = access.language
    reply = update.effective_message
    assert reply is not None
    reason = " ".join(text.split())
    if not reason:
        await reply.reply_text(t("edit.empty_reason", lang))
        return
    await services.repos.tasks.set_status(
        task.id, TaskStatus.CANCELLED, access.user_id, event=EventKind.CANCELLED, note=reason
    )
    log.info("task %s cancelled by %s: %s", task.id, access.user_id, reason)
    await _finish(context, services, pending)
    await reply.reply_text(t("edit.done.cancel", lang, id=task.id))
    await send_task_card(update, context, task.id)


async def _answer_agencies(update: Update, context: Context, services: Services,
                           access: Access, pending: PendingEdit, task: Task,
                           text: str) -> None:
    """Lead step, then support step; an unknown name waits for a confirmation button."""
    reply = update.effective_message
    assert reply is not None
    if pending.kind is PendingKind.SUPPORT and _means_none(text):
        await _choose(update, context, services, access, pending, task, [], [])
        return
    if pending.kind is PendingKind.LEAD and _means_none(text):
        await reply.reply_text(t("edit.need_lead", access.language))
        return
    await _resolve_typed(update, context, services, access, pending, task, text)


def _means_none(text: str) -> bool:
    """"không", "-": the admin says there are no (supporting) agencies."""
    return text.strip() == "-" or " ".join(fold(text).split()) in {"khong", "khong co"}


async def _resolve_typed(update: Update, context: Context, services: Services, access: Access,
                         pending: PendingEdit, task: Task, text: str) -> None:
    """Resolve typed names (the /new picker's rules); ask before adding an unknown one."""
    match = resolve_names(text, services.directory)
    notes = [str(note) for note in renamed_notes(match.found, access.language)]
    if match.unknown is None:
        ids = [r.current.id for r in match.found if r.current.id is not None]
        await _choose(update, context, services, access, pending, task, ids, notes)
        return
    await _ask_unknown(update, context, services, access, pending, task, text, match.unknown,
                       notes)


async def _ask_unknown(update: Update, context: Context, services: Services, access: Access,
                       pending: PendingEdit, task: Task, typed: str, unknown: str,
                       notes: list[str]) -> None:
    """A name the directory does not know: offer to add it, or to type again."""
    chat = update.effective_chat
    assert chat is not None
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
    await _close_prompt(context, pending)
    sent = await context.bot.send_message(chat.id, text, reply_markup=InlineKeyboardMarkup(rows))
    data = dict(pending.data)
    data["confirm"] = {"typed": typed, "unknown": unknown}
    data["prompt"] = [chat.id, sent.message_id]
    await services.repos.admin_edits.put(access.user_id, pending.kind, task.id, nonce, data)


async def _choose(update: Update, context: Context, services: Services, access: Access,
                  pending: PendingEdit, task: Task, ids: list[int], notes: list[str]) -> None:
    """Agencies picked for the current step: go to the support step, or save."""
    chat = update.effective_chat
    assert chat is not None
    lang = access.language
    if pending.kind is PendingKind.LEAD:
        data = {"lead": ids, "notes": notes}
        await _start_pending(context, services, access, task, PendingKind.SUPPORT, chat.id, data)
        return
    lead = [int(i) for i in pending.data.get("lead", [])] or list(task.lead_ids)
    support = [i for i in ids if i not in lead]
    await _finish(context, services, pending)
    if notes:
        await context.bot.send_message(chat.id, Html("\n".join(notes)))
    if (tuple(lead), tuple(support)) == (task.lead_ids, task.support_ids):
        await context.bot.send_message(chat.id, t("edit.no_change", lang, id=task.id))
        return
    await services.repos.tasks.set_agencies(task.id, lead, support, access.user_id)
    log.info("task %s agencies %s/%s -> %s/%s by %s", task.id, task.lead_ids, task.support_ids,
             lead, support, access.user_id)
    await context.bot.send_message(chat.id, t("edit.done.agencies", lang, id=task.id))
    await send_task_card(update, context, task.id)


# ----------------------------------------------------------------------- prompt buttons


async def on_prompt_button(update: Update, context: Context) -> None:
    """Abort / keep / none / add-new / type-again on a prompt; bound to the presser's edit."""
    query = update.callback_query
    user = update.effective_user
    chat = update.effective_chat
    if query is None or user is None or chat is None:
        return
    services = services_of(context)
    access = await access_of(update, context)
    lang = access.language
    pressed = services.parse_button(query.data)
    if not access.is_admin:
        log.warning("refused prompt button %r from non-admin %s", query.data, user.id)
        await _refuse(update, t("edit.admin_only", lang))
        return
    pending = await services.repos.admin_edits.get(user.id)
    choice = pressed.args[0] if pressed and len(pressed.args) == 2 else None
    if (pending is None or pressed is None or choice is None
            or pending.nonce != pressed.args[1] or pending.expired(services.clock.now())):
        await _refuse(update, t("edit.stale_prompt", lang))
        return
    task = await _checked_task(update, services, access, pending.task_id,
                               _OP_OF_KIND[pending.kind])
    if task is None:
        await services.repos.admin_edits.clear(user.id, pending.nonce)
        return
    confirm = pending.data.get("confirm")
    agencies = pending.kind in (PendingKind.LEAD, PendingKind.SUPPORT)
    if choice == ABORT:
        await services.repos.admin_edits.clear(user.id, pending.nonce)
        await query.answer()
        try:
            await query.edit_message_text(t("edit.aborted", lang, id=task.id))
        except TelegramError as exc:
            log.debug("could not edit aborted prompt: %s", exc)
        return
    if agencies and choice == KEEP and not confirm:
        await query.answer()
        keep = task.lead_ids if pending.kind is PendingKind.LEAD else task.support_ids
        await _choose(update, context, services, access, pending, task, list(keep), [])
        return
    if pending.kind is PendingKind.DEADLINE and choice == NO_DEADLINE:
        await query.answer()
        none = Deadline(DeadlineKind.NONE, None, "")
        await _apply_deadline(update, context, services, access, pending, task, none)
        return
    if pending.kind is PendingKind.SUPPORT and choice == NO_SUPPORT and not confirm:
        await query.answer()
        await _choose(update, context, services, access, pending, task, [], [])
        return
    if agencies and isinstance(confirm, dict) and choice in (ADD_NEW, RETYPE):
        await query.answer()
        if choice == RETYPE:
            await _start_pending(context, services, access, task, pending.kind, chat.id,
                                 pending.data)
            return
        agency = await services.repos.agencies.add_custom(str(confirm["unknown"]), user.id)
        log.info("agency %r added by %s while editing task %s", agency.name, user.id, task.id)
        await services.reload_directory()
        await context.bot.send_message(chat.id, t("edit.added_agencies", lang,
                                                  names=agency.name))
        # Read the typed text again: the next unknown name (if any) is asked about in turn.
        await _resolve_typed(update, context, services, access, pending, task,
                             str(confirm["typed"]))
        return
    await _refuse(update, t("edit.stale_prompt", lang))


async def on_command_while_pending(update: Update, context: Context) -> None:
    """Another command abandons the unfinished edit (so its text is not taken as an answer)."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    services = services_of(context)
    pending = await services.repos.admin_edits.get(user.id)
    if pending is None:
        return
    await _finish(context, services, pending)
    if not pending.expired(services.clock.now()):
        access = await access_of(update, context)
        await message.reply_text(t("edit.abandoned", access.language, id=pending.task_id or "?"))


async def on_other_button(update: Update, context: Context) -> None:
    """A button of another feature ends the wait, so its own question gets the next text."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    services = services_of(context)
    pressed = services.parse_button(query.data)
    if pressed is not None and pressed.action in (CARD, PROMPT):
        return
    pending = await services.repos.admin_edits.get(user.id)
    if pending is not None:
        await _finish(context, services, pending)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Card buttons, prompt buttons, and the typed-answer hook ahead of other handlers."""
    add_task_buttons(admin_task_buttons)
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_pending_text),
                    group=GROUP_PENDING)
    app.add_handler(MessageHandler(private & filters.COMMAND, on_command_while_pending),
                    group=GROUP_PENDING)
    app.add_handler(CallbackQueryHandler(on_other_button), group=GROUP_PENDING)
    app.add_handler(CallbackQueryHandler(on_card_button, pattern=action_pattern(CARD)))
    app.add_handler(CallbackQueryHandler(on_prompt_button, pattern=action_pattern(PROMPT)))
