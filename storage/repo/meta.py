"""Small key/value facts about this installation (e.g. the button-signing secret)."""

from __future__ import annotations

from storage.repo.base import Repo


class MetaRepo(Repo):
    """Typed access to ``meta``."""

    async def get(self, key: str) -> str | None:
        """The value stored under ``key``."""
        value = await self.db.fetchval("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    async def set(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        await self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def get_or_create(self, key: str, make: str) -> str:
        """The stored value, or store ``make`` first (the first writer wins)."""
        await self.db.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (key, make)
        )
        value = await self.get(key)
        assert value is not None
        return value
