"""Everything a handler or job needs, opened once in ``post_init`` and closed at shutdown.

Handlers reach it through :func:`bot.app.services_of`; tests and the CLI open it directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.adapters.agency_file import load_directory_file
from bot.adapters.holidays_vn import official_years, vietnam_calendar
from bot.core import callbacks
from bot.core.access import Access
from bot.core.agencies import COLLECTIVE, AgencyDirectory
from bot.core.clock import Clock, SystemClock, local_now
from bot.core.models import Role
from bot.core.pastes import SplitPastes
from bot.core.revision_cache import RevisionCache
from bot.core.status import ClassCounts
from bot.core.workdays import Calendar
from bot.texts import plain
from config.settings import Settings
from storage.db import Database
from storage.repo import Repos
from storage.repo.tasks import TaskRepo

log = logging.getLogger(__name__)


async def settle_collectives(repos: Repos, directory: AgencyDirectory) -> tuple[int, int]:
    """Store whom each collective stands for, then give the open tasks still addressed to a
    collective as a whole (saved before it had members) one unit per member.

    Runs at every start after the directory sync (members come from the directory), and
    after ``agencies import``. Returns (memberships stored, tasks given their units).
    """
    pairs = await repos.agencies.refresh_members(
        (agency.id, [m.id for m in directory.members_of(agency) if m.id is not None])
        for agency in directory.agencies if agency.kind == COLLECTIVE and agency.id is not None
    )
    expanded = await repos.tasks.units.expand_collectives()
    if expanded:
        log.info("%d open tasks of a collective now have one unit per member (%d memberships)",
                 expanded, pairs)
    return pairs, expanded


@dataclass
class Services:
    """Open database, repositories, agency directory, clock, settings, working calendar."""

    settings: Settings
    db: Database
    repos: Repos
    clock: Clock
    directory: AgencyDirectory
    callback_secret: bytes
    calendar: Calendar
    pastes: SplitPastes = field(default_factory=SplitPastes, repr=False)
    _seen: dict[int, tuple[str, str | None]] = field(default_factory=dict, repr=False)
    _counts: RevisionCache[dict[int, ClassCounts]] = field(
        default_factory=RevisionCache, repr=False
    )
    _totals: RevisionCache[ClassCounts] = field(default_factory=RevisionCache, repr=False)
    _counting: asyncio.Task[None] | None = field(default=None, repr=False)

    @classmethod
    async def open(
        cls, settings: Settings, clock: Clock | None = None, *, verify: bool = False
    ) -> Services:
        """Open the database (migrating it), sync the agency file and load the directory.

        ``verify`` checks the database file first (``quick_check``; the bot's start-up).
        """
        clock = clock or SystemClock()
        db = Database(settings.database_path, clock)
        db.report = _report
        db = await db.open(verify=verify)
        try:
            repos = Repos(db, clock)
            agencies = load_directory_file(settings.agencies_file)
            report = await repos.agencies.sync_directory(agencies)
            if report.added or report.updated or report.deactivated:
                log.info(
                    "agency directory synced: %d added, %d updated, %d deactivated",
                    report.added, report.updated, report.deactivated,
                )
            directory = AgencyDirectory(await repos.agencies.list_all())
            await settle_collectives(repos, directory)
            secret = await repos.meta.get_or_create("callback_secret", secrets.token_hex(32))
        except BaseException:
            await db.close()
            raise
        # The official days off around this year and the province's additions: computed
        # once here, so that the nudge policy and the summaries only look days up.
        calendar = vietnam_calendar(official_years(local_now(clock, settings.tz).date()),
                                    settings.holidays, settings.workdays)
        return cls(
            settings=settings, db=db, repos=repos, clock=clock, directory=directory,
            callback_secret=bytes.fromhex(secret), calendar=calendar,
        )

    async def close(self) -> None:
        """Stop a background count and close the database."""
        if self._counting is not None and not self._counting.done():
            self._counting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._counting
        await self.db.close()

    async def reload_directory(self) -> None:
        """Reload the in-memory directory after agencies changed in the database."""
        self.directory = AgencyDirectory(await self.repos.agencies.list_all())

    def now_local(self) -> datetime:
        """Now in the province's timezone."""
        return local_now(self.clock, self.settings.tz)

    def today(self) -> date:
        """Today's date in the province's timezone."""
        return self.now_local().date()

    def is_super_admin(self, user_id: int) -> bool:
        """Listed in ADMIN_IDS."""
        return user_id in self.settings.admin_ids

    async def access(self, user_id: int) -> Access:
        """What this user may do, read fresh from the database on every update."""
        user, agencies = await self.repos.users.with_agencies(user_id)
        is_super = self.is_super_admin(user_id)
        stored_admin = user is not None and user.role is Role.ADMIN and user.active
        return Access(
            user_id=user_id,
            is_super_admin=is_super,
            is_admin=is_super or stored_admin,
            agency_ids=frozenset(agencies),
            language=user.language if user else "vi",
        )

    async def admin_ids(self) -> list[int]:
        """Everyone with admin rights now: ADMIN_IDS and the granted admins still active.

        The one answer to "who are the admins" (join requests, done reports, extension
        requests, the weekly province summary and the admins' menus all ask it).
        """
        ids = set(self.settings.admin_ids)
        ids.update(user.telegram_id for user in await self.repos.users.admins() if user.active)
        return sorted(ids)

    async def linked_agencies(self, chat_id: int) -> frozenset[int]:
        """The agencies a group chat is linked to (whose tasks it may show)."""
        return frozenset(s.agency_id for s in await self.repos.chats.subscriptions_of_chat(chat_id))

    async def user_seen(self, user_id: int, full_name: str, username: str | None) -> None:
        """Keep the user's name current, writing only when it changed."""
        if self._seen.get(user_id) == (full_name, username):
            return
        await self.repos.users.seen(user_id, full_name, username)
        self._seen[user_id] = (full_name, username)

    async def class_counts(
        self, today: date, agency_ids: Sequence[int] | None = None
    ) -> dict[int, ClassCounts]:
        """Tasks per lead agency in the official classes on ``today`` (all agencies: None).

        Counts are kept while no task changes: one read of the revision instead of a
        count (0.3-0.4 s for a province of 100,000 tasks, up to 30 ms for its biggest
        agency). The first count of some agencies also starts the province's count on a
        second connection, so that every later question is answered from it. The caller
        must not modify the result.
        """
        revision = await self.repos.tasks.revision()
        province = self._counts.get(revision, (today, None))
        if province is not None:
            if agency_ids is None:
                return province
            return {i: province[i] for i in sorted(set(agency_ids)) if i in province}
        if agency_ids is None:
            province = await self.repos.tasks.class_counts(today)
            self._counts.put(revision, (today, None), province)
            return province
        key = (today, tuple(sorted(set(agency_ids))))
        counts = self._counts.get(revision, key)
        if counts is None:
            counts = await self.repos.tasks.class_counts(today, agency_ids=key[1])
            self._counts.put(revision, key, counts)
        if self._counting is None or self._counting.done():
            self._counting = asyncio.create_task(self._count_province(revision, today))
        return counts

    async def _count_province(self, revision: int, today: date) -> None:
        """Count the province on a reader connection and keep it (see class_counts)."""
        try:
            async with self.db.reader() as reader:
                tasks = TaskRepo(reader, self.clock)
                counts = await tasks.class_counts(today)
                totals = await tasks.class_totals(today)
        except Exception:  # a convenience: the questions are answered without it
            log.exception("counting the province in the background failed")
            return
        self._counts.put(revision, (today, None), counts)
        self._totals.put(revision, today, totals)

    async def class_totals(self, today: date) -> ClassCounts:
        """Province-wide counts in the official classes, kept like :meth:`class_counts`."""
        revision = await self.repos.tasks.revision()
        totals = self._totals.get(revision, today)
        if totals is None:
            totals = await self.repos.tasks.class_totals(today)
            self._totals.put(revision, today, totals)
        return totals

    def button(self, action: str, *args: object) -> str:
        """Signed callback data for an inline button."""
        return callbacks.encode(self.callback_secret, action, *args)

    def parse_button(self, data: str | None) -> callbacks.Callback | None:
        """Decode a pressed button, or None when forged or malformed."""
        return callbacks.decode(self.callback_secret, data)


def _report(level: int, key: str, params: Mapping[str, object]) -> None:
    """The database's news for the operator (a full disk, its recovery), in the catalogue's
    words."""
    log.log(level, plain(key, **params))
