"""Users, their memberships in agencies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from bot.core.models import Role, User
from storage.db import from_db_time
from storage.repo.base import Repo


class UserRepo(Repo):
    """Typed access to ``users``."""

    async def seen(self, telegram_id: int, full_name: str, username: str | None) -> User:
        """Record that a user talked to the bot, keeping name and username current."""
        now = self.now_text()
        await self.db.execute(
            "INSERT INTO users(telegram_id, full_name, username, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(telegram_id) DO UPDATE SET"
            " full_name = excluded.full_name, username = excluded.username,"
            " updated_at = excluded.updated_at"
            " WHERE full_name IS NOT excluded.full_name OR username IS NOT excluded.username",
            (telegram_id, full_name, username, now, now),
        )
        user = await self.get(telegram_id)
        assert user is not None
        return user

    async def get(self, telegram_id: int) -> User | None:
        """One user by Telegram id."""
        row = await self.db.fetchone("SELECT * FROM users WHERE telegram_id = ?", (telegram_id,))
        return None if row is None else _user(row)

    async def with_agencies(self, telegram_id: int) -> tuple[User | None, list[int]]:
        """A user and the agency ids they belong to, in one trip to the database.

        Every update asks this (``Services.access``); two queries were two hand-overs to
        the database thread per update (the benchmark's handler latency).
        """
        row = await self.db.fetchone(
            "SELECT u.*, (SELECT group_concat(m.agency_id) FROM memberships m"
            " WHERE m.user_id = u.telegram_id) AS agency_list"
            " FROM users u WHERE u.telegram_id = ?",
            (telegram_id,),
        )
        if row is None:
            return None, []
        listed = row["agency_list"]
        agencies = sorted(int(part) for part in listed.split(",")) if listed else []
        return _user(row), agencies

    async def by_username(self, username: str) -> User | None:
        """A user the bot has seen, by @username (case-insensitive, @ optional)."""
        row = await self.db.fetchone(
            "SELECT * FROM users WHERE username = ? COLLATE NOCASE", (username.lstrip("@"),)
        )
        return None if row is None else _user(row)

    async def set_role(self, telegram_id: int, role: Role) -> bool:
        """Change a user's role; False when the user is unknown."""
        changed = await self.db.execute_rowcount(
            "UPDATE users SET role = ?, updated_at = ? WHERE telegram_id = ?",
            (role.value, self.now_text(), telegram_id),
        )
        return changed > 0

    async def set_language(self, telegram_id: int, language: str) -> None:
        """Store the language a user chose."""
        await self.db.execute(
            "UPDATE users SET language = ?, updated_at = ? WHERE telegram_id = ?",
            (language, self.now_text(), telegram_id),
        )

    async def admins(self) -> list[User]:
        """Users with the stored admin role (super-admins are in the settings)."""
        rows = await self.db.fetchall(
            "SELECT * FROM users WHERE role = 'admin' ORDER BY full_name"
        )
        return [_user(row) for row in rows]

    async def languages(self, telegram_ids: Iterable[int]) -> dict[int, str]:
        """The chosen language of each known user among ``telegram_ids`` (one query per
        900 ids, so that a fan-out to thousands of chats does not ask one by one)."""
        ids = sorted(set(telegram_ids))
        found: dict[int, str] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            for row in await self.db.fetchall(
                f"SELECT telegram_id, language FROM users"
                f" WHERE telegram_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                found[row["telegram_id"]] = row["language"]
        return found

    async def names(self, telegram_ids: Iterable[int]) -> dict[int, str]:
        """Display names (full name, else @username, else the id) of some users."""
        ids = sorted(set(telegram_ids))
        if not ids:
            return {}
        rows = await self.db.fetchall(
            f"SELECT telegram_id, full_name, username FROM users"
            f" WHERE telegram_id IN ({','.join('?' * len(ids))})",
            ids,
        )
        found = {
            row["telegram_id"]: display_name(row["telegram_id"], row["full_name"], row["username"])
            for row in rows
        }
        return {i: found.get(i, str(i)) for i in ids}

    async def ensure(self, telegram_id: int) -> None:
        """Make sure a row exists for an id known only by number (e.g. from ADMIN_IDS)."""
        now = self.now_text()
        await self.db.execute(
            "INSERT OR IGNORE INTO users(telegram_id, created_at, updated_at) VALUES (?, ?, ?)",
            (telegram_id, now, now),
        )

    async def with_own_menu_after(self, after: int, limit: int) -> list[int]:
        """Ids above ``after``, ascending, of active users with a menu of their own (members
        of an agency, stored admins, or anyone who chose a language other than the
        default): a page of the walk that republishes private menus."""
        rows = await self.db.fetchall(
            "SELECT telegram_id FROM users u WHERE telegram_id > ? AND active = 1"
            " AND (role = 'admin' OR language <> 'vi'"
            "      OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.telegram_id))"
            " ORDER BY telegram_id LIMIT ?",
            (after, limit),
        )
        return [int(row["telegram_id"]) for row in rows]


class MembershipRepo(Repo):
    """Which users belong to which agencies."""

    async def add(self, user_id: int, agency_id: int, added_by: int | None) -> bool:
        """Link a user to an agency; False when already a member."""
        await UserRepo(self.db, self.clock).ensure(user_id)
        changed = await self.db.execute_rowcount(
            "INSERT OR IGNORE INTO memberships(user_id, agency_id, added_by, created_at)"
            " VALUES (?, ?, ?, ?)",
            (user_id, agency_id, added_by, self.now_text()),
        )
        return changed > 0

    async def remove(self, user_id: int, agency_id: int) -> bool:
        """Unlink a user from an agency; False when not a member."""
        changed = await self.db.execute_rowcount(
            "DELETE FROM memberships WHERE user_id = ? AND agency_id = ?", (user_id, agency_id)
        )
        return changed > 0

    async def agencies_of(self, user_id: int) -> list[int]:
        """Agency ids the user belongs to."""
        rows = await self.db.fetchall(
            "SELECT agency_id FROM memberships WHERE user_id = ? ORDER BY agency_id", (user_id,)
        )
        return [row[0] for row in rows]

    async def members_of(self, agency_id: int) -> list[User]:
        """Users of an agency."""
        rows = await self.db.fetchall(
            "SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.telegram_id"
            " WHERE m.agency_id = ? ORDER BY u.full_name, u.telegram_id",
            (agency_id,),
        )
        return [_user(row) for row in rows]

    async def is_member(self, user_id: int, agency_id: int) -> bool:
        """Whether the user belongs to the agency."""
        row = await self.db.fetchone(
            "SELECT 1 FROM memberships WHERE user_id = ? AND agency_id = ?", (user_id, agency_id)
        )
        return row is not None


def display_name(telegram_id: int, full_name: str | None, username: str | None) -> str:
    """How a user is named to others: full name, else @username, else the id."""
    return full_name or (f"@{username}" if username else str(telegram_id))


def _user(row: sqlite3.Row) -> User:
    return User(
        telegram_id=row["telegram_id"],
        full_name=row["full_name"],
        username=row["username"],
        role=Role(row["role"]),
        language=row["language"],
        active=bool(row["active"]),
        created_at=from_db_time(row["created_at"]),
        updated_at=from_db_time(row["updated_at"]),
    )
