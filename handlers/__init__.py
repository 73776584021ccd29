"""Telegram handlers: thin translations of updates into calls on the core and storage."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


def register_all(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register every feature's handlers, then the fallbacks (order matters)."""
    from handlers import (
        actions,
        admins,
        common,
        groups,
        join,
        new,
        prefs,
        queries,
        reports,
        task_admin,
        tasks,
    )

    # Feature modules register here, before the common /start and the fallbacks.
    tasks.register(app)
    queries.register(app)
    actions.register(app)
    new.register(app)
    join.register(app)
    groups.register(app)
    prefs.register(app)
    reports.register(app)
    admins.register(app)
    task_admin.register(app)
    common.register(app)
    common.register_fallbacks(app)
