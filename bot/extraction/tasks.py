"""Stage 5, task selection: the outline's items and paragraphs -> proposed tasks.

Counting decisions (the samples and the answer key depend on them):

* An item with sub-items is a heading, not a task; its addressee and a firm deadline
  ("…, hoàn thành trước ngày X:") flow down. Its bullets get letter ordinals under a
  number ("II.8.a", "II.8.b") and numbers under a letter ("3.a.1"); unnumbered
  directive paragraphs at the top get "1", "2", … Field groups ("- Lĩnh vực giảm
  nghèo") are headings of their "+" bullets. An agency heading with a single duty under
  it gives that duty its own number ("13. Tổng Công ty …" -> "13").
* An item followed by further paragraphs stays one task, the paragraphs joined to it,
  unless a paragraph hands work to its own addressee ("Giao Sở Tài chính chủ trì…");
  then every paragraph is a task: "III.2.a", "III.2.b".
* A paragraph, item or bullet is one task even when ";" strings several duties
  together, as the documents themselves count them.
* "Giao Sở X kiểm tra các công trình sau:" followed by short verbless bullets is one
  task listing them.
* What is not a task: assessments and praise, approvals of a proposal, captions, the
  grounds ("Căn cứ …"), quoted provisions, "label: names" lines ("Cơ quan chỉ đạo: UBND
  thành phố"), the clause that makes everyone implement the document itself, and the
  request to all participants that closes a list.
* Documents by type (Nghị định 30/2020): a plan's purposes, funding and — when it has a
  "Tổ chức thực hiện" section — its content sections give only the items that name
  their own "Đơn vị chủ trì" and the rows of assignment tables; a guideline's
  explanations give nothing, only explicit assignments; a decision's articles that
  approve, enact or take effect give nothing.
* Unaddressed directives go to the heading's agency, else the section's announced
  addressee ("Sở X tập trung thực hiện một số nhiệm vụ sau:"), else the letter's
  addressee ("Kính gửi"), else the agency the meeting was held with; a news report falls
  back to the agency it mentions most. A notice otherwise leaves the lead empty rather
  than guess.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from bot.core.deadlines import Deadline
from bot.extraction.blocks import BULLETS, ROMAN_VALUES, Block, join_lines
from bot.extraction.classify import (
    DIRECTIVE_WORDS,
    IMPERATIVE,
    directive_start,
    field_label,
    implements_the_document,
    is_accountability,
    is_approval,
    is_assessment,
    is_caption,
    is_enacting,
    is_generic_request,
    is_legal_basis,
    is_preamble,
    is_quoted_law,
    leader_directive,
    section_is_assessment,
    section_role,
)
from bot.extraction.dates import DateContext, is_strong
from bot.extraction.lines import decode_row
from bot.extraction.mentions import AgencyFinder, unique_names
from bot.extraction.model import (
    HEADING,
    LETTERS,
    SECTION,
    WRITTEN,
    ExtractedTask,
    Source,
)
from bot.extraction.outline import Node
from bot.extraction.roles import RoleReader, last_sentence
from bot.extraction.text import (
    SENTENCE_BREAK,
    balanced,
    ends_clause,
    fold_text,
    name_id,
    squeeze,
)

# How far into a task's text its deadline (and its weight as an assessment) is read.
_DEADLINE_WINDOW = 20000
# How a section's content counts: every directive ("normal"), only items naming their
# own lead and table rows ("records"), only explicit assignments ("explicit"), nothing.
NORMAL, RECORDS, EXPLICIT, SILENT = "normal", "records", "explicit", "silent"


@dataclass
class Lead:
    names: list[str]
    source: Source | None


@dataclass
class Context:
    """What the walk over one part of the document shares."""

    agencies: AgencyFinder
    reader: RoleReader
    dates: DateContext
    region_start: int
    body_index: dict[int, int]
    official: bool
    kind: str
    has_organisation: bool
    tasks: list[ExtractedTask]
    used_ordinals: set[str]
    # For an ordinal seen before, the next "~N" suffix to try (so repeats cost O(1)).
    next_suffix: dict[str, int] = field(default_factory=dict)
    groups: frozenset[str] = frozenset()
    # Text without header or title (a paragraph pasted on its own): its first paragraph
    # may be a directive; there is no meeting report to skip.
    pasted: bool = False


@dataclass
class Scope:
    """What the children of one outline node share: the addressee and deadline announced
    so far, how its content counts, the ordinal counters, and where its tasks begin."""

    parts: list[str]
    lead: Lead
    deadline: Deadline | None
    deadline_source: Source | None
    assessment: bool
    mode: str
    first_task: int
    counters: Counter[str] = field(default_factory=Counter)
    row_prefix: list[str] = field(default_factory=list)
    # The enclosing scope when this node is the last item there: a line closing this
    # list then closes that one too.
    outer: Scope | None = None

    def closed_by_last_line(self) -> Scope:
        """The outermost list that a closing line after this one's last item ends."""
        scope = self
        while scope.outer is not None:
            scope = scope.outer
        return scope


def walk(node: Node, parts: list[str], ctx: Context, lead: Lead, mode: str) -> None:
    """Turn the part's outline into tasks (appended to ``ctx.tasks``)."""
    _walk(node, parts, ctx, lead, None, None, False, mode)


def _walk(
    node: Node,
    parts: list[str],
    ctx: Context,
    lead: Lead,
    deadline: Deadline | None,
    deadline_source: Source | None,
    assessment: bool,
    mode: str,
    outer: Scope | None = None,
) -> None:
    """Turn a node's children into tasks; ``parts`` is the node's ordinal path."""
    scope = Scope(parts, Lead(list(lead.names), lead.source), deadline, deadline_source,
                  assessment, mode, len(ctx.tasks), outer=outer)
    items = node.item_children
    last_item = items[-1] if items else None
    seen_item = False
    for position, child in enumerate(node.children):
        if child.is_item:
            seen_item = True
            _walk_item(child, scope, ctx, is_last=child is last_item)
        elif not assessment and mode != SILENT:
            trailing = seen_item and all(not c.is_item for c in node.children[position:])
            _walk_paragraph(child, scope, ctx, trailing=trailing)


def _generated(parent_parts: list[str], counter: int) -> str:
    """Bullets under a number get letters (8.a), under a letter or at the top numbers."""
    last = parent_parts[-1] if parent_parts else ""
    if last and last[-1].isdigit():
        return LETTERS[counter - 1] if counter <= len(LETTERS) else str(counter)
    return str(counter)


def _ordinal_part(block: Block, parent_parts: list[str], counter: int) -> list[str]:
    assert block.mtype is not None
    if block.mtype == "part":
        return [block.marker or f"P{counter}"]
    if block.mtype in ("roman", "article"):
        # A section sits at the top or inside a part ("P2.I").
        return [*parent_parts, block.marker or str(counter)]
    if block.mtype == "sub":
        marker = block.marker or str(counter)
        parent_number = marker.rsplit(".", 1)[0]
        if parent_parts and parent_parts[-1] == parent_number:
            return [*parent_parts[:-1], marker]
        return [*parent_parts, marker]
    if block.mtype in ("arabic", "letter", "word"):
        return [*parent_parts, block.marker or str(counter)]
    return [*parent_parts, _generated(parent_parts, counter)]


def _written_lead(text: str, ctx: Context, scope: Scope) -> tuple[str, list[str], Source | None]:
    """The task's text without an inline addressee heading, and its written lead."""
    text, heading_lead = ctx.reader.addressee_heading(text)
    if heading_lead:
        return text, heading_lead, HEADING
    under = scope.lead.source == HEADING and bool(scope.lead.names)
    if scope.lead.source == SECTION and scope.lead.names and _DIRECTS.match(fold_text(text[:40])):
        # "… đề nghị Bộ X: (i) Chỉ đạo Cục Y …": the addressee announced for the items
        # directs Y, as under an agency heading; Y is whom it directs, not the lead.
        return text, [], None
    roles = ctx.reader.roles(text, under_heading=under)
    return text, roles.lead, WRITTEN if roles.lead else None


_DIRECTS = re.compile(r"(?:som\s+|kip thoi\s+|khan truong\s+)?chi dao\b")


def _add_task(ctx: Context, ordinal: str, text: str, scope: Scope) -> ExtractedTask | None:
    """Propose a task from an item's text, filling in what the text itself does not say."""
    text, lead, lead_source = _written_lead(squeeze(text), ctx, scope)
    if len(text.split()) < 3:
        return None
    under = scope.lead.source == HEADING and bool(scope.lead.names)
    roles = ctx.reader.roles(text, under_heading=under)
    if not lead:
        lead, lead_source = list(scope.lead.names), scope.lead.source if scope.lead.names else None
    lead_keys = {name_id(name) for name in lead}
    support = [name for name in roles.support if name_id(name) not in lead_keys]
    # A deadline is stated near the duty; a task text longer than a few pages is noise.
    found = ctx.dates.find(text[:_DEADLINE_WINDOW])
    deadline, deadline_source = (found, WRITTEN) if found else (scope.deadline,
                                                                 scope.deadline_source)
    return _append(ctx, ordinal, text, lead, lead_source, support, deadline, deadline_source)


# "./.", the mark Nghị định 30/2020 ends a document's content with (also OCR'd ". /."): the
# last task's sentence ends with its full stop alone.
_END_OF_CONTENT = re.compile(r"\s*\.?\s*/\s*\.\s*$")


def _append(
    ctx: Context, ordinal: str, text: str, lead: list[str], lead_source: Source | None,
    support: list[str], deadline: Deadline | None, deadline_source: Source | None,
) -> ExtractedTask:
    text = text[0].upper() + _END_OF_CONTENT.sub(".", text[1:])
    base = ordinal
    if ordinal in ctx.used_ordinals:
        suffix = ctx.next_suffix.get(base, 2)
        ordinal = f"{base}~{suffix}"
        while ordinal in ctx.used_ordinals:
            suffix += 1
            ordinal = f"{base}~{suffix}"
        ctx.next_suffix[base] = suffix + 1
    ctx.used_ordinals.add(ordinal)
    task = ExtractedTask(
        ordinal=ordinal,
        text=text,
        lead=unique_names(lead),
        support=unique_names(support),
        deadline=deadline.due if deadline else None,
        deadline_text=balanced(deadline.phrase) if deadline and deadline.phrase else None,
        recurrence=(
            deadline.recurrence.to_text()
            if deadline is not None and deadline.recurrence is not None
            else None
        ),
        lead_source=lead_source if lead else None,
        deadline_source=deadline_source if deadline else None,
    )
    ctx.tasks.append(task)
    return task


def _apply_shared(ctx: Context, first_task: int, shared: Deadline) -> None:
    for task in ctx.tasks[first_task:]:
        if task.deadline is None and task.recurrence is None:
            task.deadline = shared.due
            task.deadline_text = shared.phrase
            task.deadline_source = SECTION
            if shared.recurrence is not None:
                task.recurrence = shared.recurrence.to_text()


# --- Paragraphs -------------------------------------------------------------------------


def paragraph_is_task(text: str, folded: str, ctx: Context) -> bool:
    """A directive paragraph: opens with a verb or an addressee and a verb, or reports the
    leader asking for something, or makes a request after a leading clause.

    Praise before the leader's verb ("Ghi nhận kết quả…, Chủ tịch … yêu cầu …") does
    not count against it; only what follows the verb is judged.
    """
    if is_caption(text, folded) or is_legal_basis(folded) or is_quoted_law(folded):
        return False
    if text.startswith("(") and text.rstrip(" .").endswith(")"):
        return False  # a note in parentheses
    if implements_the_document(folded) or is_generic_request(folded) or is_accountability(folded):
        return False
    if directive_start(folded) or ctx.reader.roles(text).lead or _inner_request(folded):
        return not is_assessment(folded[:_DEADLINE_WINDOW])
    found = leader_directive(folded)
    return found is not None and not is_assessment(folded[found.end():found.end() + 2000])


_REQUEST_AFTER_CLAUSE = re.compile(r"^[^.;]{0,400}?,\s*(?:kinh\s+)?(?:de nghi|yeu cau)\s+\S")


def _inner_request(folded: str) -> bool:
    """ "Để xác định …, đề nghị nghiên cứu …": a request after a leading clause."""
    return bool(_REQUEST_AFTER_CLAUSE.match(folded))


def leader_text(text: str, folded: str) -> str:
    """The directive after "Chủ tịch … yêu cầu" when the paragraph opens with praise."""
    if directive_start(folded):
        return text
    found = leader_directive(folded)
    if found is None:
        return text
    rest = text[found.end():].strip(" ,:")
    return rest or text


def _after_approval(text: str, ctx: Context) -> str | None:
    """A paragraph that opens with an approval and then hands out work ("Đồng ý với kiến
    nghị …. Giao Bộ X …"): the work, from the sentence that hands it out; None when the
    paragraph only approves."""
    folded = fold_text(text[:300])
    if not is_approval(folded):
        return text
    if not ctx.reader.roles(text).lead:
        return None
    pieces = SENTENCE_BREAK.split(text, maxsplit=3)
    if ctx.reader.roles(pieces[0]).lead:
        return text
    for index, piece in enumerate(pieces[1:], start=1):
        if ctx.reader.roles(piece).lead:
            return " ".join(pieces[index:])
    return text


def _label_line(text: str, ctx: Context) -> bool:
    """ "Cơ quan chỉ đạo: Ủy ban nhân dân thành phố Hà Nội.", "Về kiến nghị của Sở Y tế: UBND
    tỉnh sẽ xem xét …": a label and what it states, no duty handed to anyone."""
    label, colon, value = text.partition(":")
    value = value.strip()
    if not colon or len(label) > 60 or not value:
        return False
    if ctx.agencies.heading_names(label) is not None or ctx.reader.roles(text).lead or (
        directive_start(fold_text(label))
    ):
        return False
    folded = fold_text(value[:600])
    return not (directive_start(folded) or _inner_request(folded) or DIRECTIVE_WORDS.search(folded)
                or ctx.reader.roles(value).lead or leader_directive(folded))


def _walk_paragraph(child: Node, scope: Scope, ctx: Context, *, trailing: bool) -> None:
    """An unnumbered paragraph: a shared deadline, a preamble, or a directive of its own."""
    block = child.block
    assert block is not None
    if block.kind == "row":
        return
    folded = block.folded
    shared = ctx.dates.shared(block.text)
    if shared is not None and scope.counters:
        _apply_shared(ctx, scope.closed_by_last_line().first_task, shared)
        return
    if is_preamble(folded):
        # The sentence announcing the items names who carries them out; a paragraph that
        # is only an agency's name ("Sở Công Thương:") heads the items like a numbered one.
        named = ctx.agencies.heading_names(block.text) if block.words <= 25 else None
        if named and ctx.reader._keep(named):
            scope.lead = Lead(ctx.reader._keep(named), HEADING)
            return
        announcing = last_sentence(block.text)
        lead = ctx.reader.preamble_lead(announcing)
        # Under an agency heading the heading names who carries the items out; the
        # paragraph only describes its role ("Là đầu mối …:", "Công ty A; Công ty B …:").
        if lead and scope.lead.source != HEADING:
            scope.lead = Lead(lead, SECTION)
        found = ctx.dates.find(announcing)
        if is_strong(found):
            scope.deadline, scope.deadline_source = found, SECTION
        return
    if scope.mode == RECORDS:
        return
    position = ctx.body_index.get(id(block), 0)
    if position < ctx.region_start or (position == 0 and ctx.kind != "letter" and not ctx.pasted):
        return  # a notice's first paragraph reports the meeting
    if not (paragraph_is_task(block.text, folded, ctx) or _duty_under_heading(block, scope, ctx)):
        return
    text = leader_text(block.text, folded)
    after = _after_approval(text, ctx)
    if after is None:
        return
    text = after
    if scope.mode == EXPLICIT and not ctx.reader.roles(text).lead:
        return
    if trailing and _closes_the_list(text, ctx):
        return
    # Bullets and unnumbered paragraphs share one generated sequence per parent.
    scope.counters["generated"] += 1
    ordinal = ".".join([*scope.parts, _generated(scope.parts, scope.counters["generated"])])
    if _add_task(ctx, ordinal, text, scope) is None:
        scope.counters["generated"] -= 1


def _duty_under_heading(block: Block, scope: Scope, ctx: Context) -> bool:
    """A paragraph under an agency heading whose first clause acts ("Các cấp ủy, tổ chức
    đảng chủ động quán triệt …"): the heading's agency's duty, whoever its subject names."""
    if scope.lead.source != HEADING or not scope.lead.names:
        return False
    folded = block.folded
    clause = re.split(r"[.;:]\s", folded[:400], maxsplit=1)[0]
    if is_assessment(folded) or is_caption(block.text, folded) or is_legal_basis(folded):
        return False
    return IMPERATIVE.search(clause) is not None and not (
        implements_the_document(folded) or is_generic_request(folded)
    )


def _only_groups(names: list[str], ctx: Context) -> bool:
    return all(name_id(name) in ctx.groups or name.startswith(("Các ", "UBND các"))
               for name in names)


def _closes_the_list(text: str, ctx: Context) -> bool:
    """A paragraph after a list's last item that asks everyone at once ("… đề nghị các Đại
    sứ quán, các tỉnh, yêu cầu các Sở, ngành, địa phương cử đầu mối …"): the list's
    closing request, not a duty of someone in particular."""
    roles = ctx.reader.roles(text)
    folded = fold_text(text[:200])
    everyone = re.search(r"\b(?:de nghi|yeu cau)\s+cac\b", folded) is not None
    return everyone and (not roles.lead or _only_groups(roles.lead, ctx))


# --- Items ------------------------------------------------------------------------------


def _walk_item(child: Node, scope: Scope, ctx: Context, *, is_last: bool) -> None:
    """A numbered or bulleted item or a table row: a heading to descend into, or a task."""
    block = child.block
    assert block is not None and block.mtype is not None
    if block.kind == "row":
        _walk_row(block, scope, ctx)
        return
    counter_key = block.mtype if block.mtype not in BULLETS else "generated"
    scope.counters[counter_key] += 1
    child_parts = _ordinal_part(block, scope.parts, scope.counters[counter_key])
    first = len(ctx.tasks)
    _item(child, child_parts, scope, ctx, is_last=is_last)
    if counter_key == "generated" and len(ctx.tasks) == first:
        # Unnumbered items are counted as proposed: one that gives no task takes no number.
        scope.counters[counter_key] -= 1


def _item(
    child: Node, child_parts: list[str], scope: Scope, ctx: Context, *, is_last: bool
) -> None:
    block = child.block
    assert block is not None
    if block.mtype == "article" and (is_enacting(block.folded) or implements_the_document(
        block.folded
    )):
        return
    if _record_fields(child):
        if scope.mode != SILENT and not scope.assessment:
            _record_task(child, child_parts, scope, ctx)
        return
    if _lists_objects(child, ctx):
        if scope.mode in (NORMAL, EXPLICIT):
            # "Giao Sở X kiểm tra các công trình sau: - Trường A; - Trạm B." is one duty.
            listed = "; ".join(c.block.text.rstrip(" ;.") for c in child.children if c.block)
            _add_task(ctx, ".".join(child_parts), f"{block.text} {listed}.", scope)
        return
    is_heading = (
        bool(child.item_children)
        or (block.mtype in ("roman", "part") and not _roman_is_task(block.text))
        or _is_topic_heading(child, ctx)
    )
    if is_heading:
        _walk_heading(child, child_parts, scope, ctx, is_last=is_last)
    elif not scope.assessment and scope.mode not in (SILENT, RECORDS):
        _leaf(child, child_parts, ctx, scope, is_last=is_last)


def _walk_heading(
    child: Node, child_parts: list[str], scope: Scope, ctx: Context, *, is_last: bool
) -> None:
    """Descend into a heading: its addressee and a firm deadline flow down to what it
    contains, and a plan's section heading says how its content counts."""
    block = child.block
    assert block is not None
    heading_text, heading_lead = ctx.reader.addressee_heading(
        block.text, loose=bool(child.item_children)
    )
    if heading_lead:
        lead = Lead(heading_lead, HEADING)
    else:
        announced = ctx.reader.preamble_lead(block.text)
        lead = Lead(announced, SECTION) if announced else scope.lead
    found = ctx.dates.find(block.text)
    deadline, deadline_source = (found, HEADING) if is_strong(found) else (
        scope.deadline, scope.deadline_source)
    assessment = scope.assessment or section_is_assessment(fold_text(heading_text or block.text))
    mode = _section_mode(block, scope, ctx)
    first = len(ctx.tasks)
    own_duty = _duty_before_points(block.text) if not assessment and mode == NORMAL else None
    if own_duty is not None and not is_strong(ctx.dates.find(own_duty)):
        own_duty = None  # "… thực hiện tốt các nhiệm vụ được giao. Trong đó:": the points
    if own_duty is not None:
        # "2. Bộ X hoàn thiện Đề án, trình … trước ngày 20/10/2026. Trong đó chú ý một số
        # nội dung sau:": the first sentence is a duty of its own, the points refine it.
        _add_task(ctx, ".".join(child_parts), own_duty, replace(scope, lead=lead))
    _walk(child, child_parts, ctx, lead, deadline, deadline_source, assessment, mode,
          outer=scope if is_last else None)
    added = ctx.tasks[first:]
    if heading_lead and len(added) == 1:
        # The single duty under an agency heading is numbered as the heading.
        only = added[0]
        own = ".".join(child_parts)
        if only.ordinal.startswith(own + ".") and own not in ctx.used_ordinals:
            ctx.used_ordinals.discard(only.ordinal)
            only.ordinal = own
            ctx.used_ordinals.add(own)


_ANNOUNCES_POINTS = re.compile(
    r"(?:trong do|cu the|dong thoi|luu y|chu y)\b[^.;:]{0,80}:\s*$"
)


def _duty_before_points(text: str) -> str | None:
    """A heading that first hands out a whole, dated duty and then announces points of it
    in a sentence of its own ("… trước ngày X. Trong đó chú ý một số nội dung sau:"): that
    duty; None for an ordinary heading."""
    pieces = SENTENCE_BREAK.split(text.strip())
    if len(pieces) < 2 or not _ANNOUNCES_POINTS.match(fold_text(pieces[-1])):
        return None
    duty = " ".join(pieces[:-1])
    folded = fold_text(duty)
    if not (directive_start(folded) or DIRECTIVE_WORDS.search(folded)) or is_assessment(folded):
        return None
    return duty


def _section_mode(block: Block, scope: Scope, ctx: Context) -> str:
    """How a section of a plan or guideline counts, from its heading."""
    if scope.mode in (SILENT, RECORDS) or block.mtype not in ("roman", "part", "arabic"):
        return scope.mode
    if block.mtype == "arabic" and scope.parts:
        return scope.mode
    role = section_role(block.folded)
    if ctx.kind in ("plan", "annex"):
        if role in ("purpose", "funding"):
            return SILENT
        if role == "content" and ctx.has_organisation:
            return RECORDS
        if role == "tasks" and ctx.has_organisation:
            # "II. NHIỆM VỤ CHỦ YẾU" beside "III. TỔ CHỨC THỰC HIỆN": what is to be done;
            # who does it is said there (or in the annex), unless an item names its own.
            return EXPLICIT
        return NORMAL
    if ctx.kind == "guideline":
        return EXPLICIT
    return scope.mode


def _lists_objects(node: Node, ctx: Context) -> bool:
    """An item announcing a list of things, not of duties: its bullets are short and verbless."""
    block = node.block
    if block is None or not node.item_children or not block.text.rstrip().endswith(":"):
        return False
    if not (directive_start(block.folded) or ctx.reader.roles(block.text).lead):
        return False
    for child in node.children:
        if child.block is None or not child.is_item or child.item_children:
            return False
        text = child.block.text
        if child.block.words > 10 or IMPERATIVE.search(child.block.folded):
            return False
        if field_label(child.block.folded) is not None or len(text) > 120:
            return False
    return True


# Section titles that open with a verb all the same ("Tổ chức thực hiện", "Đánh giá chung").
_SECTION_TITLE = re.compile(
    r"(?:danh gia|ket qua|tinh hinh|nhiem vu|giai phap|to chuc thuc hien|phan cong|kien nghi|"
    r"de xuat|phuong huong|muc dich|yeu cau|noi dung|kinh phi|chu de|hoat dong|trach nhiem)\b"
)


def _is_topic_heading(node: Node, ctx: Context) -> bool:
    """ "1. Về công tác giảm nghèo" above plain paragraphs: a heading, its paragraphs the tasks."""
    block = node.block
    if block is None or not node.children or node.item_children:
        return False
    text = block.text.rstrip()
    if block.words <= 10 and not text.endswith((".", ";", ":")) and _SECTION_TITLE.match(
        block.folded
    ):
        return True
    if text.endswith((".", ";", "!", "?")) and not (
        block.words <= 15 and ctx.agencies.heading_names(text) is not None
    ):
        return False
    if ctx.agencies.heading_names(text) is not None:
        return True  # a line that only names the addressees ("2. Các cơ quan …; các chi bộ …")
    if block.words > 15 and not (block.words <= 30 and _TOPIC.match(block.folded)):
        return False
    return not directive_start(block.folded) and not ctx.reader.roles(text).lead


_TOPIC_LABEL = re.compile(r"(?:ve|doi voi|rieng)\s[^:]{0,600}:\s*$")


def _topic_label(text: str, folded: str, ctx: Context) -> bool:
    """ "- Về việc xây dựng cơ chế …:" over the paragraph that says what to do: a topic,
    no duty (a topic that names an agency, "- Đối với Sở Y tế:", heads its bullets)."""
    return bool(_TOPIC_LABEL.match(folded)) and ctx.agencies.heading_names(text, loose=True) is None


def _roman_is_task(text: str) -> bool:
    return len(text.split()) > 25 and directive_start(fold_text(text))


def _joint_sentences(text: str, ctx: Context) -> list[str]:
    """An item whose later sentence hands work to others by name, as its subject ("Bộ X
    hoàn thiện …. Bộ X, Bộ Y thống nhất về nội dung này …"): one task per such sentence."""
    pieces = SENTENCE_BREAK.split(text) if len(text) < 6000 else [text]
    if len(pieces) < 2:
        return [text]
    out = [pieces[0]]
    known = {name_id(name) for name in ctx.reader.roles(pieces[0]).lead}
    for piece in pieces[1:]:
        subject = ctx.reader.subject(piece, fold_text(piece)) if known else None
        names = ctx.reader._keep(subject.names) if subject is not None else []
        keys = {name_id(name) for name in names}
        supports = subject is not None and _SUPPORTS.match(fold_text(piece), subject.end)
        if names and keys != known and not supports and not _CONDITION.match(fold_text(piece[:40])):
            out.append(piece)
            known = keys
        else:
            out[-1] = out[-1] + " " + piece
    return out


# "…. UBND các xã phối hợp …": the others' part in the same duty, support.
_SUPPORTS = re.compile(r"\s*,?\s*(?:co trach nhiem\s+)?(?:phoi hop|tham gia|cung|ho tro)\b")
# "Nếu …", "Trường hợp …": a condition on the duty before it, not a duty of its own.
_CONDITION = re.compile(r"(?:neu|truong hop|trong truong hop|khi)\b")


_ASIDE = re.compile(r"\(\s*((?:giao|đề\s+nghị|yêu\s+cầu)\s[^()]{10,400}?)\s*\)", re.I)


def _assigned_aside(text: str, ctx: Context) -> str | None:
    """ "Sở X hướng dẫn … (giao cho UBND các xã chủ động bố trí nhân sự …)": work handed to
    someone else in parentheses, a task of its own."""
    if "(" not in text:
        return None
    found = _ASIDE.search(text)
    if found is None:
        return None
    aside = found.group(1).strip(" .;")
    if not ctx.reader.roles(aside).lead:
        return None
    return aside[0].upper() + aside[1:] + "."


# Words a line of names cannot end with: the list goes on after them.
_GOES_ON = frozenset({"và", "với", "của", "cùng", "các", "tại"})


def _first_line_heading(block: Block, ctx: Context) -> tuple[str, list[str]] | None:
    """An item whose first line names only its addressees, without a colon, and whose duty
    starts on the next line: (the duty, the addressees)."""
    if len(block.lines) < 2 or ends_clause(block.lines[0]) or not block.lines[1][:1].isupper():
        return None
    first = block.lines[0].rstrip()
    if first.endswith((",", "-", "–")) or first.rsplit(None, 1)[-1].lower() in _GOES_ON:
        return None  # a list wrapped onto the next line
    names = ctx.agencies.heading_names(first) if len(first) <= 300 else None
    kept = ctx.reader._keep(names) if names else []
    if not kept:
        return None
    return join_lines(block.lines[1:]), kept


def _leaf(node: Node, parts: list[str], ctx: Context, scope: Scope, *, is_last: bool) -> None:
    """An item without sub-items: one task, or one per further paragraph that names its
    own addressee; a closing "Báo cáo … trước ngày X" after the last item dates the list."""
    block = node.block
    assert block is not None
    text = block.text
    folded = block.folded
    if is_assessment(folded) or is_legal_basis(folded) or is_quoted_law(folded):
        return
    if implements_the_document(folded) or is_generic_request(folded) or _label_line(text, ctx):
        return
    if _topic_label(text, folded, ctx) or is_accountability(folded):
        return
    after = _after_approval(text, ctx)
    if after is None:
        return
    text = after
    acting = IMPERATIVE.search(folded) or ctx.reader.roles(text).lead
    if block.mtype in BULLETS and not acting:
        # A bullet without any verb of action lists people or things ("- Đồng chí A, Giám
        # đốc Sở Y tế;" under "Tham dự có:"), not a duty.
        return
    if not acting and ctx.kind in ("guideline", "letter") and not ctx.reader.addressee_heading(
        text
    )[1]:
        return  # an explanation, not a duty
    if scope.mode == EXPLICIT and not ctx.reader.roles(text).lead:
        return
    before_speech = not ctx.official and ctx.body_index.get(id(block), 0) < ctx.region_start
    if before_speech and not paragraph_is_task(text, folded, ctx):
        # A news report lists results and targets before the leader speaks.
        return
    heading = _first_line_heading(block, ctx) if text == block.text else None
    if heading is not None:
        # "2. Các cơ quan …; các chi bộ …" on its own line, the duty on the next one.
        text = heading[0]
        scope = replace(scope, lead=Lead(heading[1], HEADING))
    pieces: list[str] = _joint_sentences(text, ctx)
    aside = _assigned_aside(text, ctx)
    if aside is not None:
        pieces.append(aside)
    shared: Deadline | None = None
    for child in node.children:
        assert child.block is not None
        extra = child.block.text
        # Only a separate paragraph after the last item speaks for the whole list.
        closing_line = is_last and child.block.new_paragraph
        if closing_line and (found := ctx.dates.shared(extra)) is not None:
            shared = found
            continue
        extra_folded = child.block.folded
        if is_caption(extra, extra_folded) or is_assessment(extra_folded) or child.block.kind == (
            "row"
        ) or is_generic_request(extra_folded) or implements_the_document(extra_folded):
            continue
        if ctx.reader.roles(extra).lead and not (is_last and _closes_the_list(extra, ctx)):
            pieces.append(extra)
        elif is_last and _closes_the_list(extra, ctx):
            continue
        else:
            pieces[-1] = pieces[-1] + " " + extra
    if len(pieces) == 1:
        _add_task(ctx, ".".join(parts), pieces[0], scope)
    else:
        for index, piece in enumerate(pieces, start=1):
            ordinal = ".".join([*parts, _generated(parts, index)])
            _add_task(ctx, ordinal, piece, scope)
    if shared is not None:
        _apply_shared(ctx, scope.closed_by_last_line().first_task, shared)


# --- Records and table rows -------------------------------------------------------------


def _record_fields(node: Node) -> bool:
    """An item described by labelled fields ("- Đơn vị chủ trì: Sở X", "- Thời gian: …")."""
    block = node.block
    if block is None or not node.children or block.words > 40 or block.mtype not in (
        "arabic", "sub", "letter", *BULLETS
    ):
        return False
    labels = [
        field_label(c.block.folded.lstrip("- ")) for c in node.children
        if c.block is not None and (c.block.kind == "para" or c.block.mtype in BULLETS)
    ]
    return "lead" in labels


def _record_task(node: Node, parts: list[str], scope: Scope, ctx: Context) -> None:
    block = node.block
    assert block is not None
    lead: list[str] = []
    executors: list[str] = []
    support: list[str] = []
    deadline: Deadline | None = None
    for child in node.children:
        if child.block is None:
            continue
        text = child.block.text
        label = field_label(child.block.folded.lstrip("- "))
        value = text.split(":", 1)[1].strip() if ":" in text else ""
        if label == "lead":
            lead.extend(_names(value, ctx))
        elif label == "executor":
            executors.extend(_names(value, ctx))
        elif label == "support":
            support.extend(_names(value, ctx))
        elif label == "deadline" and deadline is None:
            deadline = ctx.dates.column(value)
    if not lead:
        lead, executors = executors, []
    support = executors + support
    text = squeeze(block.text)
    if len(text.split()) < 2:
        return
    _append(ctx, ".".join(parts), text, lead, HEADING if lead else None, support, deadline,
            HEADING if deadline else None)


def _names(value: str, ctx: Context) -> list[str]:
    """Agencies listed in a field or a cell ("Sở Xây dựng; Sở Tài chính", "Các Đại sứ quán,
    tổ chức quốc tế …"): as the finder reads them, else each piece as written."""
    value = value.strip(" .;")
    if not value:
        return []
    found = ctx.agencies.many(value, 0, places=True)
    if found is not None and found.names:
        names = list(found.names)
        rest = value[found.end:]
        for piece in re.split(r"\s*[;\n]\s*", rest):
            more = ctx.agencies.many(piece.strip(" ,"), 0, places=True)
            if more is not None:
                names.extend(more.names)
        return unique_names(names)
    names = []
    for piece in re.split(r"\s*[;\n]\s*|\s*,\s*(?=[A-ZĐÀ-Ỹ])", value):
        piece = piece.strip(" .,-")
        if piece and ctx.agencies.heading_names(piece):
            names.extend(ctx.agencies.heading_names(piece) or [])
    return unique_names(names)


# A topic heading of any length up to a line or two: "Về …", "Đối với …", "Lĩnh vực …".
_TOPIC = re.compile(r"(?:ve|doi voi|linh vuc|cong tac|quy dinh ve|khai niem)\b")
_ROMAN_CELL = re.compile(r"[IVX]{1,4}|[A-E]")


def _walk_row(block: Block, scope: Scope, ctx: Context) -> None:
    """A row of an assignment table: a task with its lead, support and deadline columns;
    a row with only a title ("I | NHIỆM VỤ CHUNG | | |") heads the rows below it."""
    columns, cells = decode_row(block.lines[0])

    def cell(index: int) -> str:
        return cells[index].strip() if 0 <= index < len(cells) else ""

    number = cell(columns.ordinal).strip(" .")
    content = cell(columns.content)
    lead_cell, support_cell, deadline_cell = (
        cell(columns.lead), cell(columns.support), cell(columns.deadline)
    )
    if not content or (number and not re.fullmatch(r"[\w.]{1,8}", number)):
        return
    if not lead_cell and not deadline_cell and not support_cell and (
        _ROMAN_CELL.fullmatch(number) or (not number and content.isupper())
    ):
        scope.row_prefix = [number] if number in ROMAN_VALUES or len(number) == 1 else []
        return
    if scope.mode == SILENT or scope.assessment:
        return
    if not number:
        scope.counters["row"] += 1
        number = str(scope.counters["row"])
    ordinal = ".".join([*scope.parts, *scope.row_prefix, number])
    text = squeeze(content)
    lead = _names(lead_cell, ctx)
    lead_source: Source | None = HEADING
    if not lead:
        text, lead, lead_source = _written_lead(text, ctx, scope)
    if not lead:
        lead, lead_source = list(scope.lead.names), scope.lead.source
    support = _names(support_cell, ctx)
    if not support:
        support = ctx.reader.roles(text).support
    deadline = ctx.dates.column(deadline_cell)
    deadline_source: Source | None = HEADING
    if deadline is None:
        deadline, deadline_source = ctx.dates.find(text), WRITTEN
    if deadline is None:
        deadline, deadline_source = scope.deadline, scope.deadline_source
    if len(text.split()) < 2:
        return
    lead_keys = {name_id(name) for name in lead}
    support = [name for name in support if name_id(name) not in lead_keys]
    _append(ctx, ordinal, text, lead, lead_source, support, deadline, deadline_source)
