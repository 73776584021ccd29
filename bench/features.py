"""Where the benchmark meets features that land on main at different times.

A measurement whose feature is not there yet reports ``None`` ("not available"): the
benchmark never times a stand-in. Commands are detected on the running Application
itself, so /tasks and /stats are measured as soon as a feature registers them.
"""

from __future__ import annotations

import time
from typing import Any

from telegram.ext import Application, CommandHandler

from bot.services import Services


def has_command(app: Application[Any, Any, Any, Any, Any, Any], name: str) -> bool:
    """Whether some handler of the running bot answers ``/name``."""
    for handlers in app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CommandHandler) and name in handler.commands:
                return True
    return False


async def plan_ms(services: Services) -> float | None:
    """Milliseconds for "what is due at T" over all tasks; None until the policy exists."""
    del services
    return None


async def summary_ms(services: Services) -> float | None:
    """Milliseconds to compose the weekly summaries of all chats; None until they exist."""
    del services
    return None


def elapsed_ms(start: float) -> float:
    """Milliseconds since ``start`` (a ``time.perf_counter()`` value), rounded to 0.01."""
    return round((time.perf_counter() - start) * 1000.0, 2)
