"""Publishing everyone's private command menu again after the menus changed.

A member's or admin's menu is set in their private chat (``BotCommandScopeChat``) when
their role or language changes. When a new version changes the menus themselves (a
command added, a description reworded; see ``handlers.menu.menus_fingerprint``), every
such menu must be set again: thousands of calls, too many for start-up. A walk over the
users, a page at a time from a job, does it in the background; its position is kept in
``meta`` so that a restart goes on where it stopped, and a finished walk is not redone
until the menus change again.
"""

from __future__ import annotations

from bot.core.access import Access
from bot.usecases.services import Services

DONE_KEY = "menus.published"
"""Fingerprint of the menus every private menu was last published with."""
PENDING_KEY = "menus.pending"
"""Fingerprint of the walk under way ("" when none)."""
CURSOR_KEY = "menus.cursor"
"""Highest user id of the walk under way whose menu was published."""


async def start_walk(services: Services, fingerprint: str) -> bool:
    """At start-up: whether private menus must be published again (a walk is due or under
    way). A walk for older menus starts over."""
    meta = services.repos.meta
    if await meta.get(DONE_KEY) == fingerprint:
        return False
    async with services.db.transaction():
        if await meta.get(PENDING_KEY) != fingerprint:
            await meta.set(PENDING_KEY, fingerprint)
            await meta.set(CURSOR_KEY, "0")
    return True


async def next_page(services: Services, size: int) -> list[Access] | None:
    """The next users whose private menu the walk publishes; None once it is finished
    (then it is recorded as done)."""
    meta = services.repos.meta
    pending = await meta.get(PENDING_KEY)
    if not pending:
        return None
    cursor = int(await meta.get(CURSOR_KEY) or 0)
    ids = await services.repos.users.with_own_menu_after(cursor, size)
    if not ids:
        async with services.db.transaction():
            await meta.set(DONE_KEY, pending)
            await meta.set(PENDING_KEY, "")
        return None
    return [await services.access(user_id) for user_id in ids]


async def page_done(services: Services, last_user_id: int) -> None:
    """The menus of the page up to ``last_user_id`` were published."""
    await services.repos.meta.set(CURSOR_KEY, str(last_user_id))
