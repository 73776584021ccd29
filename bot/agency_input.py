"""Agency names typed in chat ("Sở Tài chính; Sở LĐ-TB&XH, UBND các xã") → agencies.

Pure and reusable by every picker that accepts typed names. Names may be separated by
new lines, semicolons or commas; since some real names contain a comma ("Sở Văn hóa,
Thể thao và Du lịch"), comma-separated pieces are joined greedily while the joined text
still names an agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.agencies import AgencyDirectory, Resolution
from bot.normalize import fold

_HARD_SEPARATORS = re.compile(r"[;\n]+")
_LEADING_AND = re.compile(r"^(?:và|va|&)\s+", re.IGNORECASE)
_AND = re.compile(r"\s+(?:và|&)\s+", re.IGNORECASE)
_NONE_WORDS = frozenset({"khong", "khong co", "-", "none", "no"})


@dataclass(frozen=True)
class AgencyList:
    """What a typed list resolved to: known agencies (in order, no repeats) and unknown names."""

    resolved: tuple[Resolution, ...]
    unknown: tuple[str, ...]

    @property
    def agency_ids(self) -> tuple[int, ...]:
        """Ids of the agencies holding the duties today (successors of former names)."""
        ids: list[int] = []
        for resolution in self.resolved:
            agency_id = resolution.current.id
            if agency_id is not None and agency_id not in ids:
                ids.append(agency_id)
        return tuple(ids)

    @property
    def renamed(self) -> tuple[Resolution, ...]:
        """Former names that were replaced by their successor (the UI says so)."""
        return tuple(r for r in self.resolved if r.renamed)


def means_none(text: str) -> bool:
    """"không", "-": the admin says there are no such agencies."""
    return text.strip() == "-" or " ".join(fold(text).split()) in _NONE_WORDS


def _clean(piece: str) -> str:
    return _LEADING_AND.sub("", " ".join(piece.split()).strip(" ,.")).strip()


def parse_agency_list(text: str, directory: AgencyDirectory) -> AgencyList:
    """Resolve every name in ``text``; names the directory does not know are returned as is."""
    resolved: list[Resolution] = []
    unknown: list[str] = []
    seen_codes: set[str] = set()
    for chunk in _HARD_SEPARATORS.split(text):
        pieces = [p for p in (_clean(p) for p in chunk.split(",")) if p]
        start = 0
        while start < len(pieces):
            # Longest run of comma pieces, from ``start``, that names one agency.
            for end in range(len(pieces), start, -1):
                written = ", ".join(pieces[start:end])
                found = directory.resolve(written)
                if found is not None:
                    if found.current.code not in seen_codes:
                        seen_codes.add(found.current.code)
                        resolved.append(found)
                    start = end
                    break
            else:
                for name in _split_and(pieces[start], directory):
                    found = directory.resolve(name)
                    if found is not None:
                        if found.current.code not in seen_codes:
                            seen_codes.add(found.current.code)
                            resolved.append(found)
                    elif fold(name) not in {fold(u) for u in unknown}:
                        unknown.append(name)
                start += 1
    return AgencyList(tuple(resolved), tuple(unknown))


def _split_and(name: str, directory: AgencyDirectory) -> list[str]:
    """"Sở Xây dựng và Sở Y tế" → two names, but only when a part is a known agency."""
    parts = [p for p in (_clean(p) for p in _AND.split(name)) if p]
    if len(parts) > 1 and any(directory.resolve(p) is not None for p in parts):
        return parts
    return [name]
