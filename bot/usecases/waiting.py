"""The question a person is asked (see :mod:`bot.core.waiting` and handlers/waiting.py)."""

from __future__ import annotations

from bot.core.waiting import Waiting
from bot.usecases.services import Services


async def current(services: Services, user_id: int) -> Waiting | None:
    """What the bot waits for from this person, expired or not."""
    return await services.repos.waiting.get(user_id)


async def end(services: Services, waiting: Waiting) -> bool:
    """Stop waiting for this question; False when it was answered or replaced meanwhile."""
    return await services.repos.waiting.clear(waiting.user_id, nonce=waiting.nonce)
