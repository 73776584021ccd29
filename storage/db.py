"""The SQLite database: one connection, WAL, foreign keys, numbered migrations.

aiosqlite runs every statement of a connection on one thread, so statements never race;
what can interleave are *coroutines*. An asyncio lock therefore guards every statement,
and a transaction holds the lock from BEGIN to COMMIT so that no other coroutine's
statement slips into it (or is rolled back with it).
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from contextvars import ContextVar
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.core.clock import Clock, SystemClock
from bot.core.normalize import fold

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_in_transaction: ContextVar[bool] = ContextVar("nhacviec_in_transaction", default=False)


class DatabaseError(RuntimeError):
    """The database cannot be opened or migrated.

    ``key`` names the operator's message in the catalogue (``cli.db.*``) and ``params``
    fill it: storage knows no texts, the command line says it (see bot/cli). Without a
    key, ``str(exc)`` is the (English) reason.
    """

    def __init__(self, reason: str, *, key: str | None = None, **params: object) -> None:
        super().__init__(reason)
        self.key = key
        self.params = params


class StorageFull(DatabaseError):
    """A write failed for lack of room (disk full, file-size limit, I/O error); nothing
    of it was saved. Logged once by the database; callers tell their user."""


Report = Callable[[int, str, Mapping[str, object]], None]


def _report(level: int, key: str, params: Mapping[str, object]) -> None:
    log.log(level, "%s %s", key, dict(params))


# SQLITE_IOERR (a short write: EFBIG, EIO) and SQLITE_FULL (ENOSPC).
_WRITE_FAILURES = frozenset({10, 13})


def to_db_time(moment: datetime) -> str:
    """Fixed-width UTC text, so that text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to storage")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """Inverse of :func:`to_db_time`."""
    return datetime.fromisoformat(text)


def to_db_date(day: date | None) -> str | None:
    """ISO date text or NULL."""
    return day.isoformat() if day is not None else None


def from_db_date(text: str | None) -> date | None:
    """Inverse of :func:`to_db_date`."""
    return date.fromisoformat(text) if text else None


def _fold_sql(text: object) -> str | None:
    """``nv_fold(x)`` in SQL: :func:`bot.normalize.fold` of a text, NULL stays NULL."""
    return None if text is None else fold(str(text))


def migration_files() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every packaged migration, in order."""
    found: list[tuple[int, str, str]] = []
    folder = resources.files("storage") / "migrations"
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if len(numbers) != len(set(numbers)):
        raise DatabaseError(f"two migrations share a number: {numbers}")
    return found


ABSENT = object()
"""What :meth:`Database.recall` gives for a row remembered as missing."""
UNKNOWN = object()
"""What :meth:`Database.recall` gives when nothing is remembered."""


class Database:
    """An open SQLite database with the project's schema.

    Besides the connection it keeps a *memo*: what this process last read or wrote in a
    few rows that every update asks about (is this chat recorded as it is, does this user
    have a pending question). Every update paid one trip to the database thread per such
    question (the benchmark's handler latency). The memo is only an answer this process
    already got: a repository forgets a key *before* it writes the row, notes are taken
    only outside transactions (a rollback would make them false) and only if the key was
    not forgotten since the read began (:meth:`memo_token`). Only tables no other process
    writes are memoised (the CLI never touches chats or pending questions).
    """

    def __init__(self, path: Path, clock: Clock | None = None, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self.clock: Clock = clock or SystemClock()
        self.report: Report = _report
        """Says a change of state to the operator (``key`` names the catalogue's message);
        storage knows no texts, so the services set one that speaks the catalogue."""
        self.busy_timeout_ms = busy_timeout_ms
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._memo: dict[Hashable, object] = {}
        self._memo_generation: dict[Hashable, int] = {}
        self.storage_failing = False

    _MEMO_LIMIT = 200_000

    def recall(self, key: Hashable) -> object:
        """What was remembered under ``key``: a value, :data:`ABSENT` or :data:`UNKNOWN`."""
        return self._memo.get(key, UNKNOWN)

    def memo_token(self, key: Hashable) -> int:
        """Take before reading the row behind ``key``; give to :meth:`remember` after."""
        return self._memo_generation.get(key, 0)

    def remember(self, key: Hashable, value: object, token: int) -> None:
        """Note what the row behind ``key`` holds, unless a write forgot it since ``token``."""
        if _in_transaction.get() or self._memo_generation.get(key, 0) != token:
            return
        if len(self._memo) >= self._MEMO_LIMIT:
            self._memo.clear()  # a bound, not a policy: the notes are cheap to learn again
        self._memo[key] = value

    def forget(self, key: Hashable) -> None:
        """Call before writing the row behind ``key``: drops the note, refuses older ones."""
        self._memo.pop(key, None)
        self._memo_generation[key] = self._memo_generation.get(key, 0) + 1

    @property
    def conn(self) -> aiosqlite.Connection:
        """The live connection (error if closed)."""
        if self._conn is None:
            raise DatabaseError("database is not open")
        return self._conn

    async def open(self, *, verify: bool = False) -> Database:
        """Open (creating the directory), set pragmas and apply pending migrations.

        Anything that is not a SQLite database of ours (a directory, /dev/null, a text
        file, a damaged header) is one :class:`DatabaseError` naming the file, and the
        connection is closed again: its thread left open kept the process alive after the
        error, deaf to SIGTERM. ``verify`` runs ``PRAGMA quick_check`` first (start-up of
        the bot), so that it never runs, nor migrates, on a damaged file.
        """
        if self.path.exists() and not self.path.is_file():
            raise DatabaseError(f"{self.path} is not a regular file", key="cli.db.not_regular",
                                path=self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(f"cannot open {self.path}: {exc}", key="cli.db.cannot_open",
                                path=self.path, detail=exc) from exc
        try:
            self._conn.row_factory = aiosqlite.Row
            await self._conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            await self._conn.execute_fetchall("SELECT count(*) FROM sqlite_master")
            if verify:
                await self.quick_check()
            await self._conn.execute("PRAGMA journal_mode = WAL")
            await self._conn.execute("PRAGMA foreign_keys = ON")
            await self._conn.execute("PRAGMA synchronous = NORMAL")
            # Folding in SQL for migrations that back-fill search columns (see 0005).
            await self._conn.create_function("nv_fold", 1, _fold_sql, deterministic=True)
            await self.migrate()
        except sqlite3.Error as exc:
            await self.close()
            raise DatabaseError(f"{self.path} is not a database: {exc}", key="cli.db.not_database",
                                path=self.path, detail=exc) from exc
        except BaseException:
            await self.close()
            raise
        return self

    async def quick_check(self) -> None:
        """Raise DatabaseError unless ``PRAGMA quick_check`` finds the file sound."""
        cursor = await self.conn.execute("PRAGMA quick_check(5)")
        problems = [" ".join(str(row[0]).split()) for row in await cursor.fetchall()]
        await cursor.close()
        if problems != ["ok"]:
            detail = "; ".join(problems)
            raise DatabaseError(f"{self.path} is damaged: {detail}", key="cli.db.damaged",
                                path=self.path, detail=detail)

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[Database]:
        """A second, read-only connection to the same file, for one long read.

        Statements of the main connection run one at a time; a count over a whole
        province (0.1-0.4 s) there would hold up every handler's query behind it. WAL
        lets this connection read a consistent snapshot while the main one goes on.
        """
        other = Database(self.path, self.clock, self.busy_timeout_ms)
        try:
            other._conn = await aiosqlite.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
            )
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(f"cannot open {self.path} for reading: {exc}") from exc
        try:
            other._conn.row_factory = aiosqlite.Row
            await other._conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            yield other
        finally:
            await other.close()

    async def close(self) -> None:
        """Close the connection; safe to call twice."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()

    async def __aenter__(self) -> Database:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @asynccontextmanager
    async def _guard(self, write: bool = False) -> AsyncIterator[None]:
        if _in_transaction.get():
            with self._watch(write=False):  # the transaction notes its own outcome
                yield
            return
        async with self._lock:
            with self._watch(write=write):
                yield

    @contextmanager
    def _watch(self, *, write: bool) -> Iterator[None]:
        """Turn a full disk into :class:`StorageFull`, logged once until writes work again.

        A full disk (or a file-size limit) made every update log a traceback. The bot
        stays up: reads go on, each failed write says so to its user, and the first write
        that succeeds again is logged as the recovery.
        """
        try:
            yield
        except sqlite3.OperationalError as exc:
            if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) not in _WRITE_FAILURES:
                raise
            if not self.storage_failing:
                self.storage_failing = True
                self.report(logging.ERROR, "cli.db.write_failed",
                            {"path": self.path, "detail": exc})
            raise StorageFull(str(exc)) from exc
        if write and self.storage_failing:
            self.storage_failing = False
            self.report(logging.WARNING, "cli.db.write_recovered", {"path": self.path})

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on error. Nested use joins the outer one."""
        if _in_transaction.get():
            yield
            return
        async with self._lock:
            token = _in_transaction.set(True)
            try:
                with self._watch(write=True):
                    await self.conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield
                    except BaseException:
                        if self.conn.in_transaction:
                            with suppress(sqlite3.Error):  # a full disk may have ended it
                                await self.conn.execute("ROLLBACK")
                        raise
                    await self.conn.execute("COMMIT")
            finally:
                _in_transaction.reset(token)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns lastrowid (for INSERT) or 0."""
        async with self._guard(write=True):
            cursor = await self.conn.execute(sql, params)
            rowid = cursor.lastrowid or 0
            await cursor.close()
            return rowid

    async def execute_rowcount(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        async with self._guard(write=True):
            cursor = await self.conn.execute(sql, params)
            count = cursor.rowcount
            await cursor.close()
            return count

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for many parameter rows."""
        async with self._guard(write=True):
            await self.conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """First row of a query, or None; meant for queries of one row (by key, LIMIT 1).

        The whole result is fetched in one trip to the database thread: execute, fetch and
        close as three trips made every handler wait three times per query (the
        benchmark's /task N latency; see bench/RESULTS.md).
        """
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """All rows of a query, in one trip to the database thread."""
        async with self._guard():
            rows = await self.conn.execute_fetchall(sql, params)
            return list(rows)

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """First column of the first row, or None."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def migrate(self) -> list[str]:
        """Apply every migration not yet recorded, each in its own transaction."""
        await self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        cursor = await self.conn.execute("SELECT number FROM schema_migrations")
        done = {row[0] for row in await cursor.fetchall()}
        await cursor.close()
        applied: list[str] = []
        for number, name, sql in migration_files():
            if number in done:
                continue
            log.info("applying migration %s", name)
            try:
                # executescript commits first; the script itself runs in one transaction.
                await self.conn.executescript(
                    "BEGIN;\n"
                    + sql
                    + "\nINSERT INTO schema_migrations(number, name, applied_at) VALUES ("
                    + f"{number}, '{name}', '{to_db_time(self.clock.now())}');\nCOMMIT;"
                )
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    await self.conn.execute("ROLLBACK")
                raise DatabaseError(f"migration {name} failed: {exc}") from exc
            applied.append(name)
        return applied

    async def schema_version(self) -> int:
        """Highest applied migration number."""
        value = await self.fetchval("SELECT max(number) FROM schema_migrations")
        return int(value or 0)
