"""Who leads a task and who supports it, as its own text says.

The lead is the first agency handed work ("Giao X", "Đề nghị X", "Yêu cầu X", "Mời X")
or the subject of the first clause when a verb follows ("Sở Y tế tăng cường …"); later
sentences must say "chủ trì", since they often describe what someone else does.
Support is every agency after "phối hợp (với)", "cùng với". Targets ("tham mưu UBND
tỉnh", "kiến nghị Bộ Y tế", "báo cáo Thủ tướng") are in neither position, so they are
never picked up; neither is the issuer of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.normalize import word_set
from bot.extraction.classify import (
    BEFORE_VERB,
    CITED_SUBJECT,
    IMPERATIVE,
    LEAD_VERBS,
    skip_prefixes,
)
from bot.extraction.mentions import AgencyFinder, Mention, unique_names
from bot.extraction.text import SENTENCE_BREAK, fold_text, name_id

# "giao" hands work out, but not in "bàn giao", "chuyển giao", "được giao".
_GIVE = re.compile(
    r"(?<!ban )(?<!chuyen )(?<!duoc )(?<!da )(?<!vua )\b(?:thong nhat\s+)?(?:giao(?:\s+cho)?|"
    r"phan cong)\s+"
)
_ASK = re.compile(r"\b(?:kinh\s+)?(?:de nghi|yeu cau|chi dao|moi)\s+")
_SUPPORT = re.compile(
    r"\b(?:phoi hop(?:\s+chat che|\s+tot|\s+thuong xuyen)?(?:\s+(?:voi|cung))?|cung voi|"
    r"voi su phoi hop cua|co su phoi hop cua)\s+"
)
# "Sở A (chủ trì), Sở B (phối hợp)": roles marked after the names.
_LEAD_MARK = re.compile(r"\s*\(\s*(?:cơ\s+quan\s+|đơn\s+vị\s+)?chủ\s+trì\s*\)\s*[,;]?\s*", re.I)
_SUPPORT_MARK = re.compile(r"\s*\(\s*(?:cùng\s+)?phối\s+hợp(?:\s+thực\s+hiện)?\s*\)", re.I)
# A request reported as past: "đã có Văn bản số 88/SXD-QLCL (ngày …) đề nghị", "đã đề nghị".
_REPORTED = re.compile(
    r"\bda\s+(?:nhieu lan\s+)?(?:co\s+)?(?:van ban|cong van|to trinh|bao cao|thong bao|"
    r"y kien)\b[^,;.]{0,80}$|\bda\s+(?:nhieu lan\s+)?$"
)
_HEADING_LEAD_IN = re.compile(r"(?:doi voi|rieng|ve phia|ve)\s+", re.I)
# How far into a task's text its lead and support are looked for: addressees come early.
WINDOW = 3000


@dataclass(frozen=True)
class Roles:
    lead: list[str]
    support: list[str]


@dataclass
class RoleReader:
    """Reads roles with one agency finder; answers for the same text once."""

    agencies: AgencyFinder
    issuer_keys: frozenset[str] = frozenset()
    _cache: dict[tuple[str, bool], Roles] = field(default_factory=dict, repr=False)

    def roles(self, text: str, *, under_heading: bool = False) -> Roles:
        """Lead and support written in ``text``; ``under_heading``: the text is an
        agency's duty under its heading, so "Chỉ đạo X …" is that agency directing X."""
        key = (text, under_heading)
        found = self._cache.get(key)
        if found is None:
            found = self._roles(text[:WINDOW], under_heading)
            self._cache[key] = found
        return found

    def _roles(self, text: str, under_heading: bool) -> Roles:
        folded = fold_text(text)
        lead: list[str] = []
        marked: list[str] = []
        triggers = sorted([*_GIVE.finditer(folded), *_ASK.finditer(folded)],
                          key=lambda m: m.start())
        for trigger in triggers:
            if _REPORTED.search(folded, max(0, trigger.start() - 120), trigger.start()):
                continue  # "X đã có Văn bản số … đề nghị Y …": a past request, background
            if _cited_subject(folded, trigger.start()):
                continue  # "Nghị định số … giao Bộ X …": what a cited text assigned
            if folded.count("(", 0, trigger.start()) > folded.count(")", 0, trigger.start()):
                continue  # "(giao cho X …)": an aside, a duty of its own (see tasks)
            if folded.startswith("moi", trigger.start()) and (
                text[trigger.start():trigger.start() + 3].lower() != "mời"
            ):
                continue  # "Môi trường", "mỗi", "mới" fold to "moi" as "Mời" does
            # Under an agency's heading the duty is that agency's: "Chỉ đạo X …", "…,
            # yêu cầu X …" is it directing X; only the issuer's own "Đề nghị X …" at
            # the start hands the duty to someone else.
            if under_heading and (trigger.start() > 2 or folded.startswith("chi dao")):
                continue
            if folded.startswith("chi dao", trigger.start()):
                # "Bộ Xây dựng chỉ đạo các chủ đầu tư …": the one who directs leads.
                director = self._director(text, folded, trigger.start())
                if director:
                    lead = director
                    break
            found = self.agencies.many(text, trigger.end(), places=True)
            if found is not None and self._keep(found.names):
                lead = self._keep(found.names)
                marked = self._marked_support(text, found.end)
                break
        if not lead:
            subject = self.subject(text, folded)
            if subject is not None:
                lead = self._keep(subject.names)
                marked = self._marked_support(text, subject.end)
        support: list[str] = list(marked)
        for match in _SUPPORT.finditer(folded):
            found = self.agencies.many(text, match.end())
            if found is not None:
                support.extend(self._keep(found.names))
        lead = unique_names(lead)
        lead_keys = {name_id(name) for name in lead}
        support = [name for name in unique_names(support) if name_id(name) not in lead_keys]
        return Roles(lead, support)

    def _marked_support(self, text: str, end: int) -> list[str]:
        """ "Giao Sở A (chủ trì), Sở B, UBND các xã (phối hợp) …": the agencies after the
        lead's "(chủ trì)" up to "(phối hợp)" support it."""
        lead_mark = _LEAD_MARK.match(text, end)
        if lead_mark is None:
            return []
        found = self.agencies.many(text, lead_mark.end())
        if found is None or not _SUPPORT_MARK.match(text, found.end):
            return []
        return self._keep(found.names)

    def _director(self, text: str, folded: str, verb: int) -> list[str]:
        """The agency that opens the clause and directly precedes "chỉ đạo" at ``verb``."""
        clause = max(folded.rfind(";", 0, verb), folded.rfind(". ", 0, verb)) + 1
        start = skip_prefixes(folded, clause + (len(folded[clause:verb]) -
                                                len(folded[clause:verb].lstrip())))
        found = self.agencies.many(text, start)
        if found is None or folded[found.end:verb].strip(" ,"):
            return []
        return self._keep(found.names)

    def _keep(self, names: list[str]) -> list[str]:
        """Names without the document's issuer, who hands the work out."""
        return [name for name in names if name_id(name) not in self.issuer_keys]

    def followed_by_verb(self, text: str, folded: str, end: int) -> bool:
        """Whether an agency mention is the subject of a directive: "Sở X (cần) tăng cường…"."""
        if re.match(r"\s*:", text[end:end + 5]):
            return True
        gap = BEFORE_VERB.match(folded, end)
        pos = gap.end() if gap is not None else end
        # "Ban cán sự đảng … lãnh đạo, chỉ đạo …": a Party body's verb (a noun elsewhere).
        return bool(IMPERATIVE.match(folded, pos)) or folded.startswith("lanh dao", pos)

    def subject(self, text: str, folded: str) -> Mention | None:
        """An agency opening a clause and followed by a verb: "Sở Y tế tăng cường…".

        Only the first clause may name any verb; later sentences must say "chủ trì", since
        they often describe what someone else does.
        """
        starts = [skip_prefixes(folded)]
        starts += [skip_prefixes(folded, m.end()) for m in re.finditer(r"[;.]\s+", folded)]
        for index, start in enumerate(starts[:60]):
            found = self.agencies.many(text, start)
            if found is None or not found.names:
                continue
            if index == 0 and (self.followed_by_verb(text, folded, found.end)
                               or _opens_predicate(text, found.end)
                               or _LEAD_MARK.match(text, found.end)):
                return found
            if LEAD_VERBS.match(folded, found.end):
                return found
        return None

    def preamble_lead(self, text: str) -> list[str]:
        """Who a paragraph announcing the items addresses ("…, Sở X tập trung … sau:")."""
        roles = self.roles(text)
        if roles.lead:
            return roles.lead
        text = text[:WINDOW]
        folded = fold_text(text)
        starts = [0] + [m.end() for m in re.finditer(r"[,;.]\s*", folded)]
        for start in reversed(starts[-60:]):
            start = skip_prefixes(folded, start)
            found = self.agencies.many(text, start)
            if found is not None and self._keep(found.names) and self.followed_by_verb(
                text, folded, found.end
            ):
                return self._keep(found.names)
        return []

    def addressee_heading(self, text: str, *, loose: bool = False) -> tuple[str, list[str]]:
        """An addressee used as a heading: ("Chủ trì…", ["Sở Tài chính"]) from "Sở Tài chính:
        Chủ trì…"; also "1. Sở Công Thương" (the whole item is the name), "Đối với Sở Y
        tế:", "4. Đề nghị Ban Tuyên giáo …", "12. Sở Nội vụ (Ban Thi đua …)"."""
        whole = self.agencies.heading_names(text, loose=loose) if len(text) <= 300 else None
        if whole:
            return "", self._keep(whole)
        folded = fold_text(text[:300])
        lead_in = _HEADING_LEAD_IN.match(folded)
        start = lead_in.end() if lead_in is not None else 0
        found = self.agencies.many(text, start)
        if found is not None and found.names:
            rest = text[found.end:]
            colon_match = re.match(r"\s*(?:\([^()]{0,80}\))?\s*:\s*", rest)
            if colon_match is not None:
                return rest[colon_match.end():].strip(), self._keep(found.names)
            if not rest.strip(" .;"):
                return "", self._keep(found.names)
        colon = text.find(":", 0, 300)
        if colon > 0 and (found is None or not found.names or found.end <= colon):
            names = self.agencies.heading_names(text[:colon], loose=True)
            if names and self._keep(names):
                return text[colon + 1:].strip(), self._keep(names)
        return text, []


# Words after an agency's name that do not open what it does ("Sở Y tế của tỉnh", "Bộ
# Tài chính đã có văn bản …": a report, not a directive).
_NOT_A_PREDICATE = word_set(
    "của và với tại về trong theo đã đang được bị là có thì mà cũng vẫn sẽ đều cùng hoặc "
    "hay nhưng nên do bởi cho từ đến năm tháng quý ngày lần này đó ấy"
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


def _cited_subject(folded: str, pos: int) -> bool:
    """Whether the sentence part before ``pos`` opens with a cited document, its subject."""
    start = max(folded.rfind(". ", 0, pos), folded.rfind("; ", 0, pos), folded.rfind(": ", 0, pos))
    start = 0 if start < 0 else start + 2
    if pos - start > 300 or "," in folded[start:pos]:
        return False
    found = CITED_SUBJECT.match(folded, start)
    return found is not None and found.end() >= pos


def _opens_predicate(text: str, end: int) -> bool:
    """ "Bộ Tài chính cân đối, bố trí …": after the subject comes its verb, in lower case."""
    found = _NEXT_WORD.match(text, end)
    if found is None:
        return False
    word = found.group(1)
    return word[0].islower() and word not in _NOT_A_PREDICATE


def last_sentence(text: str) -> str:
    """The last sentence of a paragraph (the one announcing the items)."""
    if len(text) > 4000:
        text = text[-4000:]
    return SENTENCE_BREAK.split(text.strip())[-1]
