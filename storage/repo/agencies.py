"""Agencies: synced from the directory file, extended by admins on the spot."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.agencies import Agency
from bot.core.normalize import fold
from storage.repo.base import Repo


class ImportRefused(ValueError):
    """A CSV list that must not be imported: ``problems`` are (reason, details), a reason
    being the end of a ``cli.import.*`` text the command line shows."""

    def __init__(self, problems: list[tuple[str, dict[str, object]]]) -> None:
        super().__init__("; ".join(reason for reason, _ in problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportReport:
    """What an import of a CSV list changed."""

    added: int
    updated: int
    unchanged: int
    deactivated: int


@dataclass(frozen=True)
class SyncReport:
    """What a directory sync changed."""

    added: int
    updated: int
    deactivated: int


class AgencyRepo(Repo):
    """Typed access to ``agencies`` and ``agency_aliases``."""

    async def sync_directory(self, agencies: Sequence[Agency]) -> SyncReport:
        """Make the database match the directory file.

        New codes are inserted, known ones updated; directory agencies missing from the
        file are kept (tasks point to them) but marked inactive. Agencies added by admins,
        and those a CSV list brought (``agencies import``), are left alone; a code the file
        declares belongs to the file from then on.
        """
        now = self.now_text()
        added = updated = deactivated = 0
        async with self.db.transaction():
            existing = {
                row["code"]: row
                for row in await self.db.fetchall("SELECT * FROM agencies")
            }
            for agency in agencies:
                row = existing.get(agency.code)
                if row is None:
                    await self.db.execute(
                        "INSERT INTO agencies(code, name, short_name, kind, active, origin,"
                        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'directory', ?, ?)",
                        (agency.code, agency.name, agency.short_name, agency.kind,
                         int(agency.active), now, now),
                    )
                    added += 1
                elif (row["name"], row["short_name"], row["kind"], bool(row["active"])) != (
                    agency.name, agency.short_name, agency.kind, agency.active
                ):
                    await self.db.execute(
                        "UPDATE agencies SET name = ?, short_name = ?, kind = ?, active = ?,"
                        " updated_at = ? WHERE code = ?",
                        (agency.name, agency.short_name, agency.kind, int(agency.active), now,
                         agency.code),
                    )
                    updated += 1
            ids = {
                row["code"]: row["id"]
                for row in await self.db.fetchall("SELECT id, code FROM agencies")
            }
            for agency in agencies:
                parent = ids.get(agency.parent) if agency.parent else None
                successor = ids.get(agency.successor) if agency.successor else None
                await self.db.execute(
                    "UPDATE agencies SET members_rule = ?, imported_from = NULL WHERE code = ?"
                    " AND (members_rule IS NOT ? OR imported_from IS NOT NULL)",
                    (_rule(agency), agency.code, _rule(agency)),
                )
                await self.db.execute(
                    "UPDATE agencies SET parent_id = ?, successor_id = ? WHERE code = ?"
                    " AND (parent_id IS NOT ? OR successor_id IS NOT ?)",
                    (parent, successor, agency.code, parent, successor),
                )
                await self.db.execute(
                    "DELETE FROM agency_aliases WHERE agency_id = ?", (ids[agency.code],)
                )
                await self.db.executemany(
                    "INSERT OR IGNORE INTO agency_aliases(agency_id, alias) VALUES (?, ?)",
                    [(ids[agency.code], alias) for alias in agency.aliases],
                )
            in_file = {agency.code for agency in agencies}
            for code, row in existing.items():
                if (code not in in_file and row["origin"] == "directory" and row["active"]
                        and row["imported_from"] is None):
                    await self.db.execute(
                        "UPDATE agencies SET active = 0, updated_at = ? WHERE code = ?",
                        (now, code),
                    )
                    deactivated += 1
        return SyncReport(added=added, updated=updated, deactivated=deactivated)

    async def refresh_members(self, members: Iterable[tuple[int, Sequence[int]]]) -> int:
        """Store whom each collective stands for (computed from the rules by the directory:
        :meth:`bot.core.agencies.AgencyDirectory.members_of`); returns how many pairs."""
        pairs = [(group, member) for group, ids in members for member in ids]
        async with self.db.transaction():
            current = {(row[0], row[1]) for row in await self.db.fetchall(
                "SELECT group_id, member_id FROM agency_members")}
            wanted = set(pairs)
            await self.db.executemany(
                "DELETE FROM agency_members WHERE group_id = ? AND member_id = ?",
                sorted(current - wanted))
            await self.db.executemany(
                "INSERT INTO agency_members(group_id, member_id) VALUES (?, ?)",
                sorted(wanted - current))
        return len(wanted)

    async def import_list(self, agencies: Sequence[Agency], source: str) -> ImportReport:
        """Load a province's list (``agencies import FILE``): new codes are added, known ones
        updated, and agencies an earlier list brought that this one lacks are deactivated.

        Refused (:class:`ImportRefused`, nothing written): an empty list; a code that
        belongs to the agency file or to an agency an admin added; a list that would
        deactivate every agency imported before (the wrong file, most likely).
        """
        if not agencies:
            raise ImportRefused([("empty", {})])
        now = self.now_text()
        added = updated = unchanged = 0
        async with self.db.transaction():
            existing = {row["code"]: row for row in await self.db.fetchall(
                "SELECT * FROM agencies")}
            others = {fold(row["name"]): row for row in existing.values()
                      if row["imported_from"] is None and row["active"]}
            problems: list[tuple[str, dict[str, object]]] = []
            for agency in agencies:
                row = existing.get(agency.code)
                if row is not None and row["imported_from"] is None:
                    owner = "file_code" if row["origin"] == "directory" else "admin_code"
                    problems.append((owner, {"code": agency.code, "name": row["name"]}))
                elif fold(agency.name) in others:
                    twin = others[fold(agency.name)]
                    problems.append(("twin", {"name": agency.name, "code": twin["code"]}))
            if problems:
                raise ImportRefused(problems)
            imported = {code for code, row in existing.items()
                        if row["imported_from"] is not None and row["active"]}
            keep = {agency.code for agency in agencies}
            leaving = imported - keep
            if imported and leaving == imported:
                raise ImportRefused([("all_gone", {"count": len(imported)})])
            for agency in agencies:
                row = existing.get(agency.code)
                if row is None:
                    await self.db.execute(
                        "INSERT INTO agencies(code, name, short_name, kind, active, origin,"
                        " imported_from, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, 1, 'directory', ?, ?, ?)",
                        (agency.code, agency.name, agency.short_name, agency.kind, source,
                         now, now),
                    )
                    added += 1
                elif (row["name"], row["short_name"], row["kind"], bool(row["active"]),
                      row["imported_from"]) != (agency.name, agency.short_name, agency.kind,
                                                True, source):
                    await self.db.execute(
                        "UPDATE agencies SET name = ?, short_name = ?, kind = ?, active = 1,"
                        " imported_from = ?, updated_at = ? WHERE code = ?",
                        (agency.name, agency.short_name, agency.kind, source, now,
                         agency.code),
                    )
                    updated += 1
                else:
                    unchanged += 1
                agency_id = await self.db.fetchval(
                    "SELECT id FROM agencies WHERE code = ?", (agency.code,))
                await self.db.execute("DELETE FROM agency_aliases WHERE agency_id = ?",
                                      (agency_id,))
                await self.db.executemany(
                    "INSERT OR IGNORE INTO agency_aliases(agency_id, alias) VALUES (?, ?)",
                    [(agency_id, alias) for alias in agency.aliases],
                )
            for code in sorted(leaving):
                await self.db.execute(
                    "UPDATE agencies SET active = 0, updated_at = ? WHERE code = ?", (now, code))
        return ImportReport(added, updated, unchanged, len(leaving))

    async def list_all(self) -> list[Agency]:
        """Every agency, former and admin-added ones included, as directory records."""
        rows = await self.db.fetchall(
            "SELECT a.*, p.code AS parent_code, s.code AS successor_code FROM agencies a"
            " LEFT JOIN agencies p ON p.id = a.parent_id"
            " LEFT JOIN agencies s ON s.id = a.successor_id ORDER BY a.id"
        )
        aliases: dict[int, list[str]] = {}
        for row in await self.db.fetchall(
            "SELECT agency_id, alias FROM agency_aliases ORDER BY rowid"
        ):
            aliases.setdefault(row["agency_id"], []).append(row["alias"])
        return [_agency(row, aliases.get(row["id"], [])) for row in rows]

    async def get(self, agency_id: int) -> Agency | None:
        """One agency by database id."""
        row = await self.db.fetchone(
            "SELECT a.*, p.code AS parent_code, s.code AS successor_code FROM agencies a"
            " LEFT JOIN agencies p ON p.id = a.parent_id"
            " LEFT JOIN agencies s ON s.id = a.successor_id WHERE a.id = ?",
            (agency_id,),
        )
        if row is None:
            return None
        alias_rows = await self.db.fetchall(
            "SELECT alias FROM agency_aliases WHERE agency_id = ? ORDER BY rowid", (agency_id,)
        )
        return _agency(row, [r["alias"] for r in alias_rows])

    async def add_custom(self, name: str, created_by: int | None, kind: str = "other") -> Agency:
        """Add an agency that is not in the directory (an admin confirmed the name)."""
        name = " ".join(name.split())
        base = "custom-" + (re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "agency")
        now = self.now_text()
        async with self.db.transaction():
            code, suffix = base, 1
            while True:
                try:
                    agency_id = await self.db.execute(
                        "INSERT INTO agencies(code, name, kind, active, origin, created_by,"
                        " created_at, updated_at) VALUES (?, ?, ?, 1, 'admin', ?, ?, ?)",
                        (code, name, kind, created_by, now, now),
                    )
                    break
                except sqlite3.IntegrityError:
                    suffix += 1
                    code = f"{base}-{suffix}"
        return Agency(code=code, name=name, kind=kind, id=agency_id)

    async def count(self) -> int:
        """Number of agencies."""
        return int(await self.db.fetchval("SELECT count(*) FROM agencies") or 0)


def _rule(agency: Agency) -> str | None:
    """A collective's rule as stored (``members_rule``, migration 0010), None for others."""
    if not (agency.members or agency.member_kinds or agency.qualified):
        return None
    return json.dumps({"members": list(agency.members), "kinds": list(agency.member_kinds),
                       "qualified": agency.qualified}, ensure_ascii=False)


def _agency(row: sqlite3.Row, aliases: list[str]) -> Agency:
    rule = json.loads(row["members_rule"]) if row["members_rule"] else {}
    return Agency(
        code=row["code"],
        name=row["name"],
        short_name=row["short_name"],
        kind=row["kind"],
        aliases=tuple(aliases),
        parent=row["parent_code"],
        successor=row["successor_code"],
        active=bool(row["active"]),
        id=row["id"],
        members=tuple(rule.get("members", ())),
        member_kinds=tuple(rule.get("kinds", ())),
        qualified=bool(rule.get("qualified", False)),
    )
