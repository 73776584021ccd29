"""What a handler receives besides the update: the running application's services."""

from __future__ import annotations

from typing import Any, cast

from telegram.ext import Application, ContextTypes

from bot.adapters.delivery import OutboxSender
from bot.usecases.services import Services

AppType = Application[Any, Any, Any, Any, Any, Any]
Context = ContextTypes.DEFAULT_TYPE

SERVICES_KEY = "services"
SENDER_KEY = "outbox_sender"


def services_of(context: Context | AppType) -> Services:
    """The services of the running application (from a handler's context or the app)."""
    app = context if isinstance(context, Application) else context.application
    return cast(Services, app.bot_data[SERVICES_KEY])


def wake_sender(context: Context | AppType) -> None:
    """Tell the outbox sender that new rows are waiting (it would find them anyway)."""
    app = context if isinstance(context, Application) else context.application
    sender = app.bot_data.get(SENDER_KEY)
    if isinstance(sender, OutboxSender):
        sender.wakeup.set()


