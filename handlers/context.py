"""What every handler receives besides the update: :class:`BotContext`.

PTB builds one context per update (``CallbackContext.from_update``) and hands the same
object to every handler group that takes the update, so what is resolved here is resolved
once per update: the services of the running application and the person's access (read
from the database on the first ``await context.access()``, then kept). Jobs get the same
class (``from_job``), without an update. Modelled on PTB's ``contexttypesbot`` example.
"""

from __future__ import annotations

from typing import Any, cast

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.adapters.delivery import OutboxSender
from bot.core.access import Access
from bot.core.models import ChatType
from bot.usecases.services import Services

SERVICES_KEY = "services"
SENDER_KEY = "outbox_sender"


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The handler's context: services, the update's person and their access."""

    def __init__(
        self, application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None, user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self._update: Update | None = None
        self._access: Access | None = None

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, Any, Any, Any, Any, Any]
    ) -> BotContext:
        """The context of one update (PTB calls this once per update)."""
        context = super().from_update(update, application)
        if isinstance(update, Update):
            context._update = update
        return context

    @property
    def services(self) -> Services:
        """Database, repositories, directory, clock and settings of the running bot."""
        return cast(Services, self.application.bot_data[SERVICES_KEY])

    async def access(self) -> Access:
        """What the person behind the update may do here, resolved once per update.

        In a group it is narrowed to the agencies the group is linked to (see
        :meth:`Access.in_group`): task data never reaches a group not linked to its agency.
        Commands that need the person's own rights in a group (/link) use
        :meth:`own_access`. Nobody behind the update: a stranger's access.
        """
        if self._access is None:
            self._access = await self._resolve()
        return self._access

    async def own_access(self) -> Access:
        """The person's own rights, not narrowed to a group's agencies."""
        update = self._update
        user = update.effective_user if update is not None else None
        if user is None:
            return Access(0, False, False, frozenset())
        return await self.services.access(user.id)

    def forget_access(self) -> None:
        """The person's rights changed during this update (joined, left): read them again."""
        self._access = None

    async def _resolve(self) -> Access:
        access = await self.own_access()
        update = self._update
        chat = update.effective_chat if update is not None else None
        if chat is None or chat.type == ChatType.PRIVATE.value or access.user_id == 0:
            return access
        return access.in_group(await self.services.linked_agencies(chat.id))

    @property
    def lang(self) -> str:
        """The language of the resolved access (call :meth:`access` first); "vi" before."""
        return self._access.language if self._access is not None else "vi"

    def wake_sender(self) -> None:
        """Tell the outbox sender that new rows are waiting (it would find them anyway)."""
        wake_sender(self.application)


AppType = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any],
                      JobQueue[BotContext]]
Context = BotContext
CONTEXT_TYPES = ContextTypes(context=BotContext)


def app_services(app: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The services of a running application (tests, benchmarks, jobs outside an update)."""
    return cast(Services, app.bot_data[SERVICES_KEY])


def wake_sender(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Tell the application's outbox sender that new rows are waiting."""
    sender = app.bot_data.get(SENDER_KEY)
    if isinstance(sender, OutboxSender):
        sender.wakeup.set()
