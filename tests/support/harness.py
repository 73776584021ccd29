"""End-to-end harness: the real Application polling the project's Bot API emulator.

Tests drive the bot only as Telegram would (messages, button presses) and read what it
sent back; the database file is real and survives :meth:`BotHarness.restart`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr

from bot.core.clock import ManualClock
from bot.core.models import OutboxState
from bot.runtime.app import build_application, running
from bot.usecases.services import Services
from config.settings import Settings
from emulator import BotAPIEmulator, CallbackAnswer, EmuChat, EmuUser, SentMessage
from handlers.context import AppType, app_services, wake_sender

ADMIN_ID = 1001
"""The super-admin of the ``settings`` fixture."""


@dataclass
class BotHarness:
    """A running bot, its emulator, its clock; ``restart`` keeps the database."""

    emu: BotAPIEmulator
    settings: Settings
    clock: ManualClock
    poll_timeout: float = 1.0
    app: AppType | None = None
    _stack: AsyncExitStack = field(default_factory=AsyncExitStack)

    @property
    def services(self) -> Services:
        """The running bot's services (database, directory, access rules)."""
        assert self.app is not None, "bot is not running"
        return app_services(self.app)

    async def start(self) -> None:
        """Build and start a fresh Application against the same database file."""
        assert self.app is None, "bot already running"
        settings = self.settings.model_copy(
            update={
                "telegram_bot_token": SecretStr(self.emu.token),
                "telegram_api_base_url": self.emu.root_url,
            }
        )
        app = build_application(settings, self.clock, poll_timeout=self.poll_timeout)
        self._watch(app)
        self._stack = AsyncExitStack()
        await self._stack.enter_async_context(running(app, poll_timeout=self.poll_timeout))
        self.app = app
        await self.emu.wait_for_poll(timeout=10)

    def _watch(self, app: AppType) -> None:
        """Tell the emulator when the bot is handling an update, so that ``wait_idle``
        need not guess from silence (PTB's fetcher calls ``app.process_update`` per update;
        the queue holds what was fetched and not yet taken)."""
        process = app.process_update
        busy = [0]

        async def counted(update: object) -> None:
            busy[0] += 1
            try:
                await process(update)
            finally:
                busy[0] -= 1

        app.process_update = counted  # type: ignore[method-assign]
        self.emu.busy = lambda: busy[0] > 0 or not app.update_queue.empty()

    async def stop(self) -> None:
        """Stop gracefully (as on SIGTERM)."""
        if self.app is not None:
            self.app = None
            await self._stack.aclose()

    async def restart(self) -> None:
        """Stop and start again: only the database carries state across."""
        await self.stop()
        await self.start()

    async def settle(self) -> None:
        """Return once the bot has handled every update and its outbox is empty (sent,
        failed or cancelled): nothing more will arrive unless something new happens, so a
        test may then count messages to show none was sent twice."""
        assert self.app is not None, "bot is not running"
        outbox = self.services.repos.outbox
        await self.emu.wait_idle(timeout=20)
        wake_sender(self.app)
        async with asyncio.timeout(20):
            while (await outbox.count(OutboxState.PENDING)  # noqa: ASYNC110 (the database)
                   or await outbox.count(OutboxState.SENDING)):
                await asyncio.sleep(0.05)
        await self.emu.wait_idle(quiet=0.2, timeout=20)

    # ------------------------------------------------------------------ people

    def admin(self) -> EmuUser:
        """The super-admin from ``ADMIN_IDS``."""
        return self.emu.user(ADMIN_ID, "Lan", username="lan_vp", language_code="vi")

    def person(self, user_id: int, name: str, username: str | None = None) -> EmuUser:
        """Any other Telegram user (a stranger until invited or approved)."""
        return self.emu.user(user_id, name, username=username, language_code="vi")

    async def ask(self, user: EmuUser, text: str, chat: EmuChat | None = None) -> SentMessage:
        """Send ``text`` and return the bot's first reply in that chat.

        Messages the outbox still holds for that chat are delivered first: otherwise one of
        them, arriving late on a loaded machine, would be taken for the reply; so is what a
        handler still at work sends after its first reply (a chart after /stats' table)."""
        if self.emu.busy is not None and self.emu.busy():
            await self.emu.wait_idle(timeout=20)
        await self._delivered(chat.id if chat is not None else user.id)
        return await self.emu.ask(user, text, chat=chat, timeout=10)

    async def _delivered(self, chat_id: int) -> None:
        if self.app is None:
            return
        outbox = self.services.repos.outbox
        waiting = (OutboxState.PENDING, OutboxState.SENDING)
        if not any(m.state in waiting for m in await outbox.for_chat(chat_id)):
            return
        wake_sender(self.app)
        async with asyncio.timeout(20):
            while any(m.state in waiting  # noqa: ASYNC110 (the database)
                      for m in await outbox.for_chat(chat_id)):
                await asyncio.sleep(0.05)
        await self.emu.wait_idle(timeout=20)

    async def press(
        self, user: EmuUser, message: SentMessage, text: str, **kwargs: Any
    ) -> CallbackAnswer:
        """Press the button labelled ``text`` on ``message`` and wait until it is handled."""
        update = self.emu.press_button(user, message, text=text, **kwargs)
        answer = await self.emu.wait_for_callback_answer(update, timeout=10)
        await self.emu.wait_idle(timeout=10)
        return answer


@asynccontextmanager
async def start_harness(
    settings: Settings, clock: ManualClock, *, emu: BotAPIEmulator | None = None
) -> AsyncIterator[BotHarness]:
    """A running harness for ``async with``; the ``harness`` fixture uses it."""
    async with AsyncExitStack() as stack:
        emulator = emu if emu is not None else await stack.enter_async_context(BotAPIEmulator())
        harness = BotHarness(emulator, settings, clock)
        await harness.start()
        try:
            yield harness
        finally:
            await harness.stop()
