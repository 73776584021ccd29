"""The one way the bot waits for a typed answer, and /cancel.

A feature that asks a question stores a :class:`bot.core.waiting.Waiting` row (through
the use cases, one per person, replacing any earlier question) and declares
its :class:`FlowHandlers` in :data:`handlers.registry.FLOWS`. This module then routes,
before every feature handler (group :data:`GROUP`):

* an answer (text, or a file for flows that take one) to the flow that asked;
* ``/cancel`` (also ``/huy``) to the flow, which says what was dropped;
* any other command: the question ends (the flow says so, or pauses quietly) and the
  command runs as usual, so text meant for that command is never taken as the answer;
* a button of another feature, for flows that end then (an admin's edit, /join's search).

An expired question is dropped with the flow's explanation. Nothing here knows what a
flow asks: flows own their texts, this module owns the order and the one row.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.core.callbacks import Callback
from bot.core.waiting import Flow, Waiting
from bot.texts import Html, t
from bot.usecases import waiting as asked
from handlers.context import BotContext

log = logging.getLogger(__name__)

GROUP = -3
"""After tracking (-10) and the forged-button guard (-5), before every feature (0)."""


class Ending(StrEnum):
    """Why a question ends without its answer."""

    CANCEL = "cancel"  # /cancel
    COMMAND = "command"  # another command
    BUTTON = "button"  # a button of another feature
    EXPIRED = "expired"  # the answer came too late


Answer = Callable[[Update, BotContext, Waiting], Awaitable[None]]
Ended = Callable[[BotContext, Waiting, Ending], Awaitable[Html | None]]


@dataclass(frozen=True)
class FlowHandlers:
    """What a flow does with its answers and when its question ends.

    ``answer`` gets every private message while the flow waits (text, files, photos) and
    says itself what it cannot take; the row is cleared by the flow once answered.
    ``ended`` runs after the row is gone (close a draft, take buttons off a prompt) and
    returns what to tell the person, or None to stay quiet. ``owns`` tells the flow's own
    buttons apart; other buttons end the question when ``ends_on_other_button``.
    """

    answer: Answer
    ended: Ended
    owns: Callable[[Callback], bool]
    ends_on_other_button: bool = False


_FLOWS: dict[Flow, FlowHandlers] = {}


def install(flows: Mapping[Flow, FlowHandlers]) -> None:
    """The flows of the registration table (every :class:`Flow` must have one)."""
    missing = set(Flow) - set(flows)
    if missing:
        raise RuntimeError(f"flows without handlers: {sorted(missing)}")
    _FLOWS.clear()
    _FLOWS.update(flows)


async def _current(update: Update, context: BotContext) -> Waiting | None:
    user = update.effective_user
    if user is None:
        return None
    return await asked.current(context.services, user.id)


async def _end(context: BotContext, waiting: Waiting, why: Ending) -> Html | None:
    """Drop the row (if it is still this question) and let the flow clean up."""
    if not await asked.end(context.services, waiting):
        return None  # answered or replaced meanwhile
    return await _FLOWS[waiting.flow].ended(context, waiting, why)


async def on_message(update: Update, context: BotContext) -> None:
    """A private message while a question waits is its answer; otherwise others decide."""
    message = update.effective_message
    waiting = await _current(update, context)
    if message is None or waiting is None:
        return
    if waiting.expired(context.services.clock.now()):
        text = await _end(context, waiting, Ending.EXPIRED)
        if text is None:
            return  # a quiet flow: the message is for whoever else wants it
        await message.reply_text(text)
        raise ApplicationHandlerStop
    await _FLOWS[waiting.flow].answer(update, context, waiting)
    raise ApplicationHandlerStop


async def on_cancel(update: Update, context: BotContext) -> None:
    """/cancel: end whatever waits and say what was dropped."""
    message = update.effective_message
    if message is None:
        return
    access = await context.access()
    waiting = await _current(update, context)
    text = None
    if waiting is not None and not waiting.expired(context.services.clock.now()):
        text = await _end(context, waiting, Ending.CANCEL)
    elif waiting is not None:
        await _end(context, waiting, Ending.EXPIRED)
    await message.reply_text(text or t("cancel.nothing", access.language))
    raise ApplicationHandlerStop


async def on_command(update: Update, context: BotContext) -> None:
    """Another command ends the question; the command itself then runs as usual."""
    message = update.effective_message
    waiting = await _current(update, context)
    if message is None or waiting is None:
        return
    expired = waiting.expired(context.services.clock.now())
    text = await _end(context, waiting, Ending.EXPIRED if expired else Ending.COMMAND)
    if text is not None and not expired:
        await message.reply_text(text)


async def on_button(update: Update, context: BotContext) -> None:
    """A button of another feature ends the question of flows that say so."""
    query = update.callback_query
    if query is None:
        return
    pressed = context.services.parse_button(query.data)
    waiting = await _current(update, context)
    if pressed is None or waiting is None:
        return
    flow = _FLOWS[waiting.flow]
    if flow.ends_on_other_button and not flow.owns(pressed):
        await _end(context, waiting, Ending.BUTTON)
