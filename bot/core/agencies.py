"""The agency directory and the resolver that maps any spelling to one agency.

Real notices name agencies in many ways ("Sở LĐ-TB&XH", "ngành Lao động – Thương binh
và Xã hội", "Sở Lao động - TB&XH") and, since the 2025 reorganisation, by names that no
longer exist. The resolver is pure: it works on an in-memory snapshot of the directory,
which storage loads from the database (itself synced from the TOML file at start-up).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.core.normalize import SortKey, fold, initials, name_key, vi_sort_key

KINDS = (
    "department", "provincial", "local", "commune", "ward", "special_zone", "group", "central",
    "other",
)
LOCAL_UNIT_KINDS = ("commune", "ward", "special_zone")
"""Commune-level units since 1/7/2025: xã, phường, đặc khu."""
COLLECTIVE = "group"
"""The kind of a collective addressee ("UBND các xã, phường"): never a workplace itself."""

# Words that open an agency name; the part after them is what abbreviations abbreviate.
_PREFIXES = ("sở", "ban", "văn phòng", "ủy ban nhân dân", "ubnd")
# Generic words a text may put in front of a department's field ("ngành Y tế" = "Sở Y tế").
_FIELD_WORDS = ("ngành", "sở")


class DirectoryError(ValueError):
    """The agency directory file is malformed; the message says where."""


@dataclass(frozen=True)
class Agency:
    """One agency as the directory knows it. ``code`` is the stable identity."""

    code: str
    name: str
    short_name: str | None = None
    kind: str = "department"
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    successor: str | None = None
    active: bool = True
    id: int | None = None
    # A collective (kind "group") names its members: codes, and/or every active agency of
    # some kinds. ``qualified`` ("… có cụm công nghiệp"): the admin ticks the members that
    # fit when a task is recorded (all of them by default).
    members: tuple[str, ...] = ()
    member_kinds: tuple[str, ...] = ()
    qualified: bool = False

    @property
    def display(self) -> str:
        """Name shown to users: the short name when there is one, else the full name."""
        return self.short_name or self.name

    @property
    def is_collective(self) -> bool:
        """A collective addressee that declares its members (expanded into one unit each)."""
        return self.kind == COLLECTIVE and bool(self.members or self.member_kinds)


@dataclass(frozen=True)
class Resolution:
    """What a written name resolved to: the agency it names and who holds its duties now."""

    written: str
    named: Agency
    current: Agency

    @property
    def renamed(self) -> bool:
        """True when the written name is a former agency whose duties moved elsewhere."""
        return self.named.code != self.current.code


def parse_directory(text: str, source: str = "agencies file") -> list[Agency]:
    """Parse the TOML directory (``[[agency]]`` tables) and check its links."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DirectoryError(f"{source}: {exc}") from exc
    rows = data.get("agency", [])
    if not isinstance(rows, list):
        raise DirectoryError(f"{source}: expected [[agency]] tables")
    agencies: list[Agency] = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise DirectoryError(f"{source}: agency #{index} is not a table")
        code, name = row.get("code"), row.get("name")
        if not isinstance(code, str) or not code or not isinstance(name, str) or not name:
            raise DirectoryError(f"{source}: agency #{index} needs 'code' and 'name'")
        kind = row.get("kind", "department")
        if kind not in KINDS:
            raise DirectoryError(f"{source}: agency {code!r} has unknown kind {kind!r}")
        aliases = _texts(row, "aliases", code, source)
        members = [m for m in _texts(row, "members", code, source) if m]
        member_kinds = [k for k in _texts(row, "member_kinds", code, source) if k]
        qualified = row.get("qualified", False)
        if not isinstance(qualified, bool):
            raise DirectoryError(f"{source}: agency {code!r}: 'qualified' must be true or false")
        if (members or member_kinds or qualified) and kind != COLLECTIVE:
            raise DirectoryError(
                f"{source}: agency {code!r}: only a collective (kind = \"group\") has members"
            )
        for member_kind in member_kinds:
            if member_kind not in KINDS or member_kind == COLLECTIVE:
                raise DirectoryError(
                    f"{source}: agency {code!r}: unknown member kind {member_kind!r}"
                )
        if qualified and not (members or member_kinds):
            raise DirectoryError(
                f"{source}: agency {code!r}: a qualified collective needs members or member_kinds"
            )
        agencies.append(
            Agency(
                code=code,
                name=name,
                short_name=row.get("short"),
                kind=kind,
                aliases=tuple(aliases),
                parent=row.get("parent"),
                successor=row.get("successor"),
                active=bool(row.get("active", row.get("successor") is None)),
                members=tuple(dict.fromkeys(members)),
                member_kinds=tuple(dict.fromkeys(member_kinds)),
                qualified=qualified,
            )
        )
    _check_links(agencies, source)
    return agencies


def _texts(row: dict[str, object], key: str, code: str, source: str) -> list[str]:
    """A list-of-text field of an ``[[agency]]`` table (absent: empty)."""
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DirectoryError(f"{source}: agency {code!r}: {key!r} must be a list of text")
    return list(value)


def _check_links(agencies: list[Agency], source: str) -> None:
    codes = [a.code for a in agencies]
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise DirectoryError(f"{source}: agency code {code!r} appears twice")
        seen.add(code)
    for agency in agencies:
        for link in (agency.parent, agency.successor):
            if link is not None and link not in seen:
                raise DirectoryError(f"{source}: agency {agency.code!r} links to unknown {link!r}")
    by_code = {a.code: a for a in agencies}
    for agency in agencies:
        for member in agency.members:
            target = by_code.get(member)
            if target is None:
                raise DirectoryError(f"{source}: collective {agency.code!r} lists unknown member"
                                     f" {member!r}")
            if target.kind == COLLECTIVE:
                raise DirectoryError(f"{source}: collective {agency.code!r} lists the collective"
                                     f" {member!r} as a member; list its members instead")
    for agency in agencies:
        steps, cursor = 0, agency
        while cursor.successor is not None:
            cursor = by_code[cursor.successor]
            steps += 1
            if steps > len(agencies):
                raise DirectoryError(f"{source}: successor links of {agency.code!r} form a loop")


def spellings(agency: Agency) -> list[str]:
    """Every spelling that should resolve to the agency, generated ones included."""
    names = [agency.name, *agency.aliases]
    if agency.short_name:
        names.append(agency.short_name)
    folded = fold(agency.name)
    for prefix in _PREFIXES:
        folded_prefix = fold(prefix)
        if folded.startswith(folded_prefix + " "):
            rest = agency.name.split(None, len(prefix.split()))[-1]
            # "Sở Kế hoạch và Đầu tư" is also "Sở KH&ĐT", "Sở KHĐT".
            names.append(f"{prefix} {initials(rest)}")
            break
    if agency.kind in LOCAL_UNIT_KINDS:
        # "UBND phường Hồng Gai" is also written as the unit itself, "phường Hồng Gai".
        for prefix in ("ubnd", "uy ban nhan dan"):
            if folded.startswith(prefix + " "):
                names.append(agency.name.split(None, len(prefix.split()))[-1])
                break
    return names


@dataclass
class AgencyDirectory:
    """An immutable snapshot of the agencies with lookup by any spelling."""

    agencies: list[Agency]
    _by_code: dict[str, Agency] = field(init=False, repr=False)
    _by_key: dict[str, Agency] = field(init=False, repr=False)
    _by_id: dict[int, Agency] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code = {a.code: a for a in self.agencies}
        self._by_id = {a.id: a for a in self.agencies if a.id is not None}
        self._by_key = {}
        # Canonical names win over aliases, active agencies over former ones.
        ordered = sorted(self.agencies, key=lambda a: (not a.active, a.code))
        for agency in ordered:
            self._by_key.setdefault(name_key(agency.name), agency)
        for agency in ordered:
            for spelling in spellings(agency):
                self._by_key.setdefault(name_key(spelling), agency)

    def __len__(self) -> int:
        return len(self.agencies)

    def by_code(self, code: str) -> Agency | None:
        """The agency with this code, if any."""
        return self._by_code.get(code)

    def by_id(self, agency_id: int) -> Agency | None:
        """The agency with this database id, if any."""
        return self._by_id.get(agency_id)

    def in_reading_order(self, ids: Iterable[int]) -> list[int]:
        """Agency ids in the Vietnamese alphabetical order of their names ("Đông Mai" among
        the D), unknown ids last by number."""
        def key(agency_id: int) -> tuple[bool, SortKey, int]:
            agency = self._by_id.get(agency_id)
            return agency is None, vi_sort_key(agency.name if agency else ""), agency_id
        return sorted(ids, key=key)

    def with_members(self, ids: Iterable[int]) -> list[int]:
        """These agencies' ids, a collective's with its members' (the units that hold its
        tasks), sorted."""
        found: set[int] = set()
        for agency_id in ids:
            found.add(agency_id)
            agency = self._by_id.get(agency_id)
            if agency is not None:
                found.update(m.id for m in self.members_of(agency) if m.id is not None)
        return sorted(found)

    def members_of(self, agency: Agency) -> list[Agency]:
        """The units a collective stands for, by name; empty for anything else.

        Listed codes (a former agency's successor in its place) and every active agency of
        the listed kinds; never a collective, never an inactive agency.
        """
        if agency.kind != COLLECTIVE:
            return []
        found: dict[str, Agency] = {}
        for code in agency.members:
            member = self._by_code.get(code)
            if member is not None:
                current = self.current(member)
                if current.active and current.kind != COLLECTIVE:
                    found[current.code] = current
        if agency.member_kinds:
            for candidate in self.agencies:
                if candidate.active and candidate.kind in agency.member_kinds:
                    found[candidate.code] = candidate
        return sorted(found.values(), key=lambda a: (vi_sort_key(a.name), a.code))

    def current(self, agency: Agency) -> Agency:
        """Follow successor links to the agency that holds the duties today."""
        cursor, steps = agency, 0
        while cursor.successor is not None and steps <= len(self.agencies):
            nxt = self._by_code.get(cursor.successor)
            if nxt is None:
                break
            cursor, steps = nxt, steps + 1
        return cursor

    def lookup(self, written: str, *, bare_field: bool = True) -> Agency | None:
        """The agency the text names exactly (modulo spelling), without following successors.

        ``bare_field=False`` refuses a bare field ("Tài chính" -> "Sở Tài chính"): running
        text is full of such words ("tài chính", "y tế") that are not addressees.
        """
        key = name_key(written)
        if not key:
            return None
        found = self._by_key.get(key)
        if found is not None:
            return found
        words = written.split(None, 1)
        if len(words) == 2 and fold(words[0]) in {fold(w) for w in _FIELD_WORDS}:
            # "ngành Y tế" -> "Sở Y tế"
            found = self._by_key.get(name_key("Sở " + words[1]))
            if found is not None:
                return found
        if not bare_field:
            return None
        # "Tài chính" in a list after "các sở:" -> "Sở Tài chính"
        return self._by_key.get(name_key("Sở " + written))

    def resolve(self, written: str, *, bare_field: bool = True) -> Resolution | None:
        """Resolve a written name to the agency it names and its current successor."""
        named = self.lookup(written.strip(), bare_field=bare_field)
        if named is None:
            return None
        return Resolution(written=written.strip(), named=named, current=self.current(named))

    def search(self, query: str, limit: int = 50) -> list[Agency]:
        """Active agencies whose name, short name or alias contains the query (for pickers).

        A query that matches a former agency ("LĐTBXH") finds its current successor.
        Ranking: exact match, then prefix of a word, then substring anywhere.
        """
        folded_query = fold(query)
        key_query = name_key(query)
        if not folded_query:
            pool = [a for a in self.agencies if a.active]
            return sorted(pool, key=lambda a: vi_sort_key(a.name))[:limit]
        best: dict[str, tuple[int, int, str, Agency]] = {}
        for agency in self.agencies:
            score = _match_score(agency, folded_query, key_query)
            if score is None:
                continue
            target = self.current(agency)
            if not target.active:
                continue
            # A direct match ranks above one found through a former name.
            entry = (score, int(target is not agency), fold(target.name), target)
            if target.code not in best or entry[:3] < best[target.code][:3]:
                best[target.code] = entry
        ranked = sorted(best.values(), key=lambda item: item[:3])
        return [item[3] for item in ranked[:limit]]


def _match_score(agency: Agency, folded_query: str, key_query: str) -> int | None:
    """0 exact, 1 word prefix, 2 substring, None no match."""
    best: int | None = None
    for spelling in spellings(agency):
        folded = fold(spelling)
        if name_key(spelling) == key_query:
            score = 0
        elif folded.startswith(folded_query) or f" {folded_query}" in folded:
            score = 1
        elif folded_query in folded or (len(key_query) >= 3 and key_query in name_key(spelling)):
            score = 2
        else:
            continue
        best = score if best is None else min(best, score)
    return best
