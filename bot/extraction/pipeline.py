"""The extractor's entry point: text -> document metadata and proposed tasks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from bot.core.agencies import AgencyDirectory
from bot.extraction.blocks import Block, build_blocks
from bot.extraction.classify import CONCLUSION_CUE, directive_start, leader_directive
from bot.extraction.dates import DateContext, effective_date
from bot.extraction.header import (
    NUMBER,
    Issued,
    Part,
    addressee_names,
    issued,
    issuer,
    layout,
    meeting,
    signed_on,
    signer,
    title_text,
)
from bot.extraction.lines import prepare
from bot.extraction.mentions import AgencyFinder
from bot.extraction.model import (
    DOCUMENT,
    GUESSED,
    ExtractedDocument,
    ExtractedTask,
    Extraction,
    Source,
)
from bot.extraction.outline import build_outline
from bot.extraction.roles import RoleReader
from bot.extraction.tasks import EXPLICIT, NORMAL, RECORDS, Context, Lead, walk
from bot.extraction.text import name_id

_SPEECH = re.compile(r"phat bieu\s+(?:chi dao|ket luan)|ket luan hoi nghi")
_OPENS_REQUEST = re.compile(
    r"(?:[^,;:.]{0,80}\s)?(?:thong nhat\s+)?(?:giao|de nghi|yeu cau|kinh de nghi)\s"
)
_PARTY_HEADER = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.I)
_ORGANISATION_HEADING = re.compile(r"\bto chuc thuc hien\b|\bphan cong\b")


def extract(text: str, directory: AgencyDirectory | None = None) -> Extraction:
    """Read a notice's text and propose its metadata and tasks.

    The stable entry point for the CLI and the chat review: pure (no I/O), never raises
    on any ``str``, takes time proportional to the text's length, and gives the same
    result for the same text and directory. Tasks come in document order with unique
    ordinals. Agency names are the directory's canonical names after successor links,
    or as written when ``directory`` is None or does not know them (then ``warnings``
    has ``unresolved_agency:<name>``). ``lead`` is empty when the notice names nobody,
    rather than a guess: the reviewer picks one.
    """
    warnings: list[str] = []
    blocks = build_blocks(prepare(text if isinstance(text, str) else ""))
    parts = layout(blocks) or [Part("news", [], [], [], [], False)]
    main = parts[0]
    agencies = AgencyFinder(directory)

    number: str | None = None
    suffix: str | None = None
    for block in main.header + main.body[:1]:
        found = NUMBER.search(block.text[:400])
        if found is not None:
            suffix = found["suffix"]
            number = f"{found['n']}{found['sep']}{suffix}" if found["n"] else None
            if number is None:
                warnings.append("number_blank")
            break
    if _party_document(main, number, suffix):
        agencies.in_party_document()
    when = issued(main.header)
    if when.on is None:
        # A digitally signed document whose date was left blank, or OCR lost, is dated by
        # its signature's stamp.
        stamped = signed_on(main.header + main.tail)
        if stamped is not None and when.year in (None, stamped.year):
            when = Issued(stamped, stamped.month, stamped.year, when.place)
            warnings.append("issued_from_signature")
    if when.on is None and when.year is not None:
        warnings.append("issue_day_blank")
    meeting_on = meeting(main.body, when, main.title)
    title = title_text(main.title)
    issued_by = issuer(main, suffix, when, agencies, warnings) if main.official else None
    document = ExtractedDocument(
        number=number,
        issuer=issued_by,
        signer=signer(main.tail),
        issued_on=when.on,
        meeting_on=meeting_on,
        title=title,
    )
    if not main.official:
        warnings.append("news_report")

    reference = _reference(when, meeting_on)
    if reference is None:
        warnings.append("no_reference_date")
    body_blocks = [block for part in parts for block in part.body]
    dates = DateContext(
        reference,
        frozenset(d for d in (when.on, meeting_on) if d is not None),
        effective_date(body_blocks, when.on),
    )
    issuer_keys = frozenset(
        {name_id(issued_by)} if issued_by and not issued_by.startswith("Văn phòng") else set()
    )
    reader = RoleReader(agencies, issuer_keys)
    groups = frozenset(
        name_id(a.name) for a in (directory.agencies if directory else []) if a.kind == "group"
    )
    # An inspection notice reports on companies one item each; its recommendations then
    # address them as "các đơn vị nêu trên", "Công ty".
    # A letter to companies calls them "Công ty" in its text.
    addressed = addressee_names(main.addressee_blocks, agencies) if main.addressee_blocks else []
    companies = agencies.companies(addressed) or agencies.companies(
        [block.text for block in body_blocks[:200]]
    )
    agencies.refer_back_to(companies)
    tasks: list[ExtractedTask] = []
    used: set[str] = set()
    suffixes: dict[str, int] = {}
    for part in parts:
        kind = part.kind if part is not main or part.kind != "news" else "news"
        pasted = _pasted(part, reader)
        ctx = Context(
            agencies=agencies,
            reader=reader,
            dates=dates,
            region_start=0 if pasted else _region_start(part.body, letter=part.kind == "letter"),
            body_index={id(block): index for index, block in enumerate(part.body)},
            official=part.official,
            kind=kind,
            has_organisation=any(
                block.kind == "item" and block.mtype in ("roman", "part", "arabic")
                and _ORGANISATION_HEADING.search(block.folded[:120]) is not None
                for block in part.body
            ),
            tasks=tasks,
            used_ordinals=used,
            next_suffix=suffixes,
            groups=groups,
            pasted=pasted,
        )
        lead = _default_lead(part, title if part is main else None, agencies, reader)
        mode = NORMAL
        if kind == "guideline":
            mode = EXPLICIT
        elif kind == "annex":
            mode = RECORDS

        def speaks_alone(block: Block) -> bool:
            folded = block.folded
            # A paragraph after a bulleted list that hands out work of its own stands
            # beside the list, not inside its last bullet.
            return leader_directive(folded) is not None or bool(reader.roles(block.text).lead)

        walk(build_outline(part.body, speaks_alone), [], ctx, lead, mode)
    if not tasks:
        warnings.append("no_tasks")
    named = {name for task in tasks for name in (*task.lead, *task.support)}
    for name in sorted(agencies.unresolved):
        if name in named:
            warnings.append(f"unresolved_agency:{name}")
    return Extraction(document, tasks, warnings)


def _pasted(part: Part, reader: RoleReader) -> bool:
    """A passage pasted without the document around it (no header, title or closing) that
    opens with a directive: "Giao Sở Tài chính chủ trì rà soát, …", "Sở Y tế khẩn trương …"."""
    if part.official or part.header or part.title or not part.body:
        return False
    first = part.body[0]
    return directive_start(first.folded) or bool(_OPENS_REQUEST.match(first.folded)) or bool(
        reader.roles(first.text).lead
    )


def _party_document(part: Part, number: str | None, suffix: str | None) -> bool:
    """A Party document (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" in its header, or a
    number written "2449-CV/ĐU" (the type before "/", the committee after)."""
    if any(_PARTY_HEADER.search(block.text) for block in part.header):
        return True
    return bool(number and suffix and "/" in suffix and f"-{suffix}" in number)


def _reference(when: Issued, meeting_on: date | None) -> date | None:
    reference = when.on or meeting_on
    if reference is None and when.year is not None:
        reference = date(when.year, when.month or 1, 1)
    return reference


def _region_start(body: Sequence[Block], *, letter: bool = False) -> int:
    """First body block from which unnumbered paragraphs may be directives: after "… như
    sau:" or where the leader starts speaking; else the second block (the first reports the
    meeting), except in a letter, whose first paragraph may already be the request."""
    speech: int | None = None
    for index, block in enumerate(body):
        folded = block.folded
        if block.kind == "para" and len(folded) < 3000 and folded.rstrip().endswith(":") and (
            CONCLUSION_CUE.search(folded.rstrip()[:-1] + " ")
        ):
            return index + 1
        if block.kind == "para" and leader_directive(folded) is not None:
            return index
        if speech is None and _SPEECH.search(folded[:2000]):
            speech = index + 1
    if speech is not None:
        return speech
    return 0 if letter else 1


def _default_lead(
    part: Part, title: str | None, agencies: AgencyFinder, reader: RoleReader
) -> Lead:
    """Who unaddressed directives go to: a letter's addressees, the agency the meeting was
    held with, or (news reports only) the agency mentioned most."""
    if part.addressee_blocks:
        names = reader._keep(addressee_names(part.addressee_blocks, agencies))
        if names:
            return Lead(names, DOCUMENT)
    host = _host(part.body, title, agencies, official=part.official)
    if host:
        return Lead(host[0], host[1])
    return Lead([], None)


def _host(
    body: Sequence[Block], title: str | None, agencies: AgencyFinder, *, official: bool
) -> tuple[list[str], Source] | None:
    """The agency the meeting was about: the default addressee of unaddressed directives."""
    if agencies.directory is None:
        return None
    intro = " ".join(block.text[:2000] for block in body[:2])
    folded = " ".join(block.folded[:2000] for block in body[:2])
    with_match = re.search(r"\blam viec voi\s+", folded)
    if with_match is not None:
        found = agencies.many(intro, with_match.end())
        if found is not None and found.names and found.resolved:
            return found.names, DOCUMENT
    for verb in re.finditer(r"\b(?:da\s+)?(?:to chuc|tong ket|so ket|trien khai)\b", folded):
        clause_start = max(folded.rfind(",", 0, verb.start()), folded.rfind(".", 0, verb.start()))
        start = clause_start + 1
        while start < verb.start() and intro[start] == " ":
            start += 1
        found = agencies.many(intro, start)
        if (
            found is not None
            and found.names
            and found.resolved
            and not folded[found.end:verb.start()].strip()
        ):
            return found.names, DOCUMENT
    if official:
        # A notice names its addressees; guessing from frequency would mislead.
        return None
    counts: Counter[str] = Counter()
    # The subject of a report shows early; scanning a whole book would only cost time.
    texts = [title or "", *(block.text[:2000] for block in body[:40])]
    for text in texts:
        counts.update(agencies.mentions(text))
    directory = agencies.directory
    kinds = {agency.name: agency.kind for agency in directory.agencies}
    for name, _ in counts.most_common():
        if kinds.get(name) not in (None, "group", "central"):
            return [name], GUESSED
    return None
