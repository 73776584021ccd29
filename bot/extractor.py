"""A conclusion notice ("Thông báo kết luận") -> document metadata and proposed tasks.

The extractor is pure and deliberately rule-based: an admin reviews every proposal
before it becomes a task, so the rules favour predictable behaviour that is easy to
explain over cleverness. The pipeline:

1. *Lines*: markdown, page numbers, footnotes and view counters are dropped.
2. *Blocks*: lines are grouped into paragraphs and list items; a paragraph that a PDF
   broke in the middle of a sentence (blank line, next part starting in lower case)
   is joined back.
3. *Regions*: header (number, place and date, "THÔNG BÁO", title), body, and tail
   (closing formula, "Nơi nhận", signature block).
4. *Outline*: the body's items are nested by their markers (I., 1., 8.1., a), -, +);
   a paragraph without a marker belongs to the item above it.
5. *Tasks*: leaves of the outline in directive sections become tasks; items with
   children are headings whose addressee and deadline flow down; a paragraph that
   announces the items ("Sở X tập trung thực hiện một số nhiệm vụ sau:") sets the
   default lead. News reports have no numbering: their directive paragraphs (those
   that open with a verb, after the leader starts speaking) are the tasks.

Counting decisions (documented because the samples depend on them):

* An item with sub-items is a heading, not a task; its addressee and a firm deadline
  ("…, hoàn thành trước ngày X:") flow down. Its bullets get letter ordinals under a
  number ("II.8.a", "II.8.b") and numbers under a letter ("3.a.1"); unnumbered
  directive paragraphs at the top get "1", "2", … Field groups ("- Lĩnh vực giảm
  nghèo") are headings of their "+" bullets.
* An item followed by further paragraphs stays one task, the paragraphs joined to it,
  unless a paragraph hands work to its own addressee ("Giao Sở Tài chính chủ trì…");
  then every paragraph is a task: "III.2.a", "III.2.b".
* A paragraph, item or bullet is one task even when ";" strings several duties
  together, as the notices themselves count them; so the news report's "… yêu cầu …
  toàn ngành …; …; …" is one task, its text the directive after the leader's verb.
* "Giao Sở X kiểm tra các công trình sau:" followed by short verbless bullets is one
  task listing them.
* Unaddressed directives go to the section's announced addressee ("Sở X tập trung thực
  hiện một số nhiệm vụ sau:"), else to the agency the meeting was held with ("làm việc
  với Sở X", "Sở X tổ chức Hội nghị"); a news report falls back to the agency it
  mentions most. A notice otherwise leaves the lead empty rather than guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.core.agencies import AgencyDirectory
from bot.core.deadlines import Deadline, DeadlineKind, find_deadline
from bot.core.normalize import fold, fold_aligned, word_set
from bot.mentions import AgencyFinder, Mention, unique_names

# The letters Vietnamese documents number with (no f, j, w, z).
LETTERS = tuple("abcdđeghiklmnopqrstuvxy")


# --- Public data --------------------------------------------------------------------


@dataclass
class ExtractedDocument:
    """Metadata of the notice; any field may be missing in a real document."""

    number: str | None = None
    issuer: str | None = None
    signer: str | None = None
    issued_on: date | None = None
    meeting_on: date | None = None
    title: str | None = None


@dataclass
class ExtractedTask:
    """A proposed task; names are directory canonical names when resolvable.

    ``deadline`` is the (first) due date; ``deadline_text`` the phrase it was read
    from; ``recurrence`` is set for recurring duties, in the storage form of
    :meth:`bot.deadlines.Recurrence.to_text` ("quarterly:last", "weekly:4",
    "yearly:12-15"), which ``Recurrence.from_text`` reads back.
    """

    ordinal: str
    text: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str | None = None
    recurrence: str | None = None


@dataclass
class Extraction:
    """The extractor's proposal; ``warnings`` are short codes for logs, not UI text."""

    document: ExtractedDocument
    tasks: list[ExtractedTask]
    warnings: list[str] = field(default_factory=list)


def extraction_to_json(ex: Extraction) -> dict[str, object]:
    """The JSON shape the CLI prints and the review screen consumes (dates as ISO)."""
    doc = ex.document
    return {
        "document": {
            "number": doc.number,
            "issuer": doc.issuer,
            "signer": doc.signer,
            "issued_on": _iso(doc.issued_on),
            "meeting_on": _iso(doc.meeting_on),
            "title": doc.title,
        },
        "tasks": [
            {
                "ordinal": task.ordinal,
                "text": task.text,
                "lead": list(task.lead),
                "support": list(task.support),
                "deadline": _iso(task.deadline),
                "deadline_text": task.deadline_text,
                "recurrence": task.recurrence,
            }
            for task in ex.tasks
        ],
    }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# --- 1. Lines ----------------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_VIEWS = re.compile(r"\b(?:Số\s+lượt\s+xem|Lượt\s+xem|Lượt\s+đọc)\s*:?\s*[\d.,]+", re.I)
_PAGE_NUMBER = re.compile(
    r"(?:-\s*)?\d{1,3}(?:\s*-)?|(?:trang|page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}",
    re.I,
)
_DOC_WORDS = (
    r"Quyết định|Nghị quyết|Kế hoạch|Văn bản|Công văn|Thông báo|Báo cáo|Tờ trình|Chỉ thị|"
    r"Nghị định|Thông tư|Luật|Theo|Tại|Xem|Số liệu"
)
_FOOTNOTE = re.compile(
    rf"[{_SUPERSCRIPT_DIGITS}]+\s*\S|\[\d{{1,2}}\]\s*\S|\d{{1,2}}\s+(?:{_DOC_WORDS})\b"
)


_PAGE_BREAK = "\f"
# A separator line under a title ("_______", "___ ___", "* * *"). Checked before the markup
# rules: they drop "__" pairs and "*", and an odd run of underscores left one "_" behind.
_RULE = re.compile(r"_(?:\s*_)*|[-–—_=*~.·•](?:\s*[-–—_=*~.·•]){2,}")


def _clean_line(raw: str) -> str | None:
    """One line without markup; None when the whole line is layout noise, ``_PAGE_BREAK``
    for a page number."""
    line = raw.strip()
    if _FOOTNOTE.match(line) or _RULE.fullmatch(line):
        return None
    line = re.sub(r"^\*\s+(?=\S)", "- ", line)
    line = re.sub(r"^#{1,6}\s*", "", line)
    line = line.replace("*", "").replace("__", "")
    line = _VIEWS.sub("", line)
    line = re.sub(f"[{_SUPERSCRIPT_DIGITS}]+", "", line)
    line = re.sub(r"\[\d{1,2}\]", "", line)
    line = " ".join(line.split())
    if line and _PAGE_NUMBER.fullmatch(line):
        return _PAGE_BREAK
    return line


_DECORATION = re.compile(r"[-–—_=*~.·•]{3,}")
_BREADCRUMB = re.compile(r"[^>»›]{1,40}(?:\s*[>»›]\s*[^>»›]{1,60}){2,}")
_BARE_MARKER = re.compile(r"(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]|[-+•]")


def _prepare(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    pending_marker = ""
    after_page_break = False
    for raw in text.split("\n"):
        # Two-column headers keep their columns apart with long runs of spaces (PDF) or
        # "|" (tables flattened by web pages). A form feed is the reader's page break.
        parts = re.split(r"\s{4,}|\t+|\s*\|\s*", raw.strip(" \t\r\n")) or [""]
        for part in parts:
            line = _PAGE_BREAK if "\f" in part and not part.strip() else _clean_line(part)
            if line is None:
                continue
            if line == _PAGE_BREAK:
                # The blank lines around a page number are layout; whether the page break
                # ends a paragraph is for the block builder to judge.
                while lines and not lines[-1]:
                    lines.pop()
                if lines and lines[-1] != _PAGE_BREAK:
                    lines.append(_PAGE_BREAK)
                after_page_break = True
                continue
            if after_page_break and not line:
                continue
            after_page_break = False
            if _DECORATION.fullmatch(line) or _BREADCRUMB.fullmatch(line):
                continue
            if _BARE_MARKER.fullmatch(line):
                # "1." alone on its line, the item's text on the next one.
                pending_marker = line
                continue
            if pending_marker and line:
                line = f"{pending_marker} {line}"
                pending_marker = ""
            lines.append(line)
    return lines


# --- 2. Blocks -----------------------------------------------------------------------

_ROMAN_VALUES = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
    "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15,
}
_WORD_NUMBERS = {
    "một": "1", "nhất": "1", "hai": "2", "ba": "3", "bốn": "4", "tư": "4", "năm": "5", "sáu": "6",
    "bảy": "7", "tám": "8", "chín": "9", "mười": "10",
}
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(
        r"(?:PHẦN|Phần)\s+(?P<m>[IVX]{1,4}|\d{1,2}|THỨ\s+\S+|thứ\s+\S+)\s*[.:–-]?\s*(?=\S)"
        r"|(?P<m2>[A-E])\.\s+(?=[A-ZĐÀ-Ỹ])"
    )),
    ("roman", re.compile(r"(?P<m>[IVX]{1,4})(?:\s*[.)]|\s*[-/](?=\s))\s*(?=\S)")),
    ("sub", re.compile(r"(?P<m>\d{1,2}(?:\.\d{1,2})+)\.?[)]?\s+(?=\S)")),
    ("arabic", re.compile(
        r"(?P<m>\d{1,2})(?:\s*[.)]|\s*[-/](?=\s))\s*(?=[^\d\s])|\((?P<m2>\d{1,2})\)\s*(?=\S)"
        # "Một là, …", "Thứ hai, …" (but not "Thứ Hai, ngày 5/6" — a weekday).
        r"|(?P<w>(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))\s+là\s*[,:]\s*(?=\S)"
        r"|(?i:thứ)\s+(?P<w2>(?i:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))\s*[,:]\s*"
        r"(?!ngày|\d)(?=\S)"
    )),
    ("letter", re.compile(
        r"(?P<m>[a-zđ])\s*\)\s*(?=\S)|(?P<m2>[a-zđ])\.\s+(?=[A-ZĐÀ-Ỹ])|\((?P<m3>[a-zđ])\)\s*(?=\S)"
    )),
    ("dash", re.compile(r"[-–—•●▪◦·]\s*(?=\S)")),
    ("plus", re.compile(r"\+\s*(?=\S)")),
)
_BULLETS = frozenset({"dash", "plus"})
_RANK = {"part": -1, "roman": 0, "arabic": 1, "sub": 2, "letter": 3, "dash": 4, "plus": 4}


@dataclass
class _Marker:
    type: str
    marker: str
    rest: str


def _marker(line: str) -> _Marker | None:
    for kind, pattern in _MARKERS:
        match = pattern.match(line)
        if match is None:
            continue
        groups = match.groupdict()
        value = groups.get("m") or groups.get("m2") or groups.get("m3") or ""
        word = groups.get("w") or groups.get("w2")
        if word:
            value = _WORD_NUMBERS[word.lower()]
        if kind == "part" and not re.fullmatch(r"[A-E]", value):
            # "Phần II", "PHẦN THỨ HAI" -> "P2", distinct from the sections inside.
            number = re.sub(r"(?i)^thứ\s+", "", value).lower()
            roman = _ROMAN_VALUES.get(number.upper())
            value = f"P{roman or _WORD_NUMBERS.get(number, number)}"
        if kind == "roman" and value not in _ROMAN_VALUES:
            continue
        rest = line[match.end():].strip()
        if not rest:
            continue
        return _Marker(kind, value, rest)
    return None


_STANDALONE = re.compile(
    r"Số\s*:|[^\d:;]{2,50},\s*ngày\b.{0,30}\bnăm\s+\d{4}\s*\.?$|Ngày\s*:\s*\d"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:\s*[-,]?\s*\d{1,2}[:h]\d{2})?\s*$"
    r"|(?:Thứ\s+\S+|Chủ\s+nhật)\s*,?\s*(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}"
    r"|CỘNG\s+H[ÒO]À\s+XÃ\s+HỘI|Độc\s+lập\s*[-–—]\s*Tự\s+do|THÔNG\s+BÁO\b|Nơi\s+nhận\b"
    r"|(?:KT|TL|TM|TUQ|Q|PP)\s*\.\s*\S|\(?\s*Đã\s+ký",
)
_SIGNATURE_TITLE = re.compile(
    r"(?:KT|TL|TM|TUQ|Q|PP)\s*\.\s*\S|(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|"
    r"TRƯỞNG\s+BAN|BÍ\s+THƯ|THỦ\s+TRƯỞNG|TỔNG\s+GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|CHI\s+CỤC\s+TRƯỞNG|"
    r"VIỆN\s+TRƯỞNG|TRƯỞNG\s+PHÒNG)\s*$"
)


def _is_caps(line: str) -> bool:
    """A line in capitals ("SỞ Y TẾ"); a wrapped citation's tail ("55/2025/NĐ-CP.") is not:
    words with digits do not count, and at least two words must remain."""
    words = [word for word in line.split() if not any(ch.isdigit() for ch in word)]
    letters = [ch for word in words for ch in word if ch.isalpha()]
    return len(words) >= 2 and len(letters) >= 3 and all(ch.isupper() for ch in letters)


_NEWS_TAIL = re.compile(
    r"(?:Tin\s+liên\s+quan|Các\s+tin\s+khác|Tin\s+khác|Tin\s+cùng\s+chuyên\s+mục|"
    r"Bài\s+viết\s+liên\s+quan|Ý\s+kiến\s+bạn\s+đọc|Từ\s+khóa|Tags?)\b\s*:?",
    re.I,
)


def _is_standalone(line: str) -> bool:
    if _STANDALONE.match(line) or (len(line.split()) <= 6 and _NEWS_TAIL.match(line)):
        return True
    return _is_caps(line) and len(line.split()) <= 12 and _marker(line) is None


@dataclass
class _Block:
    kind: str  # "item" or "para"
    mtype: str | None
    marker: str | None
    lines: list[str]
    new_paragraph: bool
    standalone: bool

    @property
    def text(self) -> str:
        # "…số 101/KH-" + "UBND ngày…": a word broken at its hyphen joins without a space.
        joined = self.lines[0]
        for line in self.lines[1:]:
            glue = "" if re.search(r"\w-$", joined) and line[:1].isalnum() else " "
            joined += glue + line
        return joined


_CLAUSE_END = tuple(".;:!?…)\"”’")
_FUNCTION_WORDS = word_set(
    "với của và các cho theo tại trên về để những được là có đối từ đến trong như mà thì "
    "hoặc cùng nhằm do bởi vào ra sẽ đã đang cần phải"
)


def _ends_clause(text: str) -> bool:
    return text.rstrip().endswith(_CLAUSE_END)


def _is_wrap(previous: str, following: str) -> bool:
    """A blank line that a PDF put in the middle of a sentence."""
    previous = previous.rstrip()
    if not previous or not following or _ends_clause(previous):
        return False
    if previous.endswith(","):
        return True
    last_word = previous.split()[-1].lower()
    return following[0].islower() or last_word in _FUNCTION_WORDS


# Lines that open a paragraph of their own even when a PDF left no blank line before
# them: the meeting's date, a new assignment, the closing formula.
_OPENS_INTRO = re.compile(
    r"(?:(?:Sáng|Chiều|Tối|Vào|Hôm\s+nay)\s*,?\s*(?:ngày\s+)?|Ngày\s+)\d{1,2}"
    r"(?:\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)\s*,"
)
_OPENS_PARAGRAPH = re.compile(
    r"(?:Thống\s+nhất\s+)?(?:Giao|Đề\s+nghị|Yêu\s+cầu|Chỉ\s+đạo)\s|Nay\s+thông\s+báo|"
    r"Trên\s+đây\s+là|(?:Văn\s+phòng|Sở|UBND|Ủy\s+ban)[^.;:]{0,60}?\sthông\s+báo\s|"
    r"Sau\s+khi\s+nghe|Nơi\s+nhận"
)


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The width a PDF wrapped the text at, or None for one paragraph per line.

    Wrapped text has many lines of nearly the same length that stop mid-sentence.
    """
    lengths = sorted(len(line) for line in lines if len(line) > 20)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.8)]
    long_lines = [line for line in lines if len(line) >= 0.8 * width]
    unfinished = sum(1 for line in long_lines if not _ends_clause(line))
    if width > 140 or unfinished < 0.5 * len(long_lines):
        return None
    return width


def _ended_early(last_line: str, line: str, width: int | None) -> bool:
    """In text wrapped at ``width``, whether ``last_line`` stopped before the margin.

    A PDF moves a word to the next line only when it does not fit, so a line with room
    to spare for the next line's first word was ended on purpose: a heading ("I. Đánh giá
    chung"), a name above its bullets ("1. Sở Công Thương"), a paragraph's last line.
    The margin absorbs both the estimate of the width and proportional fonts.
    """
    if width is None or not line:
        return False
    first_word = line.split()[0]
    return len(last_line) + 1 + len(first_word) <= 0.8 * width


def _blocks(lines: Sequence[str]) -> list[_Block]:
    width = _wrap_width(lines)
    blocks: list[_Block] = []
    current: _Block | None = None
    blank_before = True
    for line in lines:
        if line == _PAGE_BREAK:
            # A page that ends in a full line goes on with the next one.
            if current is not None and _ends_clause(current.lines[-1]) and (
                width is None or len(current.lines[-1]) < 0.88 * width
            ):
                current, blank_before = None, True
            continue
        if not line:
            current, blank_before = None, True
            continue
        standalone = _is_standalone(line)
        found = _marker(line)
        new_block = current is None or standalone or current.standalone
        if not new_block and found is None and current is not None:
            # Text from web pages keeps one paragraph per line: a line that follows a
            # finished sentence and opens with a capital starts a new paragraph. In text
            # wrapped at a fixed width (PDF) only a visibly short line ends a paragraph.
            last_line = current.lines[-1]
            finished = last_line.endswith((".", "!", "?", "…", ".)", ";", ":"))
            new_block = bool(_OPENS_INTRO.match(line)) or (
                line[0].isupper() and _ended_early(last_line, line, width)
            ) or (
                finished
                and line[0].isupper()
                and (
                    width is None
                    or len(last_line) < 0.88 * width
                    or bool(_OPENS_PARAGRAPH.match(line))
                )
            )
        if not new_block and found is not None and current is not None:
            new_block = (
                found.type not in _BULLETS
                or _ends_clause(current.lines[-1])
                or _ended_early(current.lines[-1], line, width)
                or (current.mtype in _BULLETS and len(current.text.split()) <= 12)
            )
        if new_block or current is None:
            current = _Block(
                kind="item" if found else "para",
                mtype=found.type if found else None,
                marker=found.marker if found else None,
                lines=[found.rest if found else line],
                # PDF text seldom keeps its blank lines: there every block that the
                # rules above start is a paragraph of its own.
                new_paragraph=blank_before or width is not None,
                standalone=standalone,
            )
            blocks.append(current)
        else:
            current.lines.append(line)
        blank_before = False
    joined: list[_Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and block.kind == "para"
            and not block.standalone
            and not previous.standalone
            and _is_wrap(previous.text, block.text)
        ):
            previous.lines.extend(block.lines)
        else:
            joined.append(block)
    return joined


# --- 3. Regions and metadata -----------------------------------------------------------

_INTRO_START = re.compile(
    r"(?:Sáng|Chiều|Tối|Trưa|Vào|Hôm\s+nay|Ngày|Căn\s+cứ|Thực\s+hiện|Theo|Tham\s+dự|Dự\s+họp|"
    r"Sau\s+khi|Trong\s+(?:hai\s+)?ngày|Tại)\b",
    re.I,
)
_CLOSING = re.compile(
    r"^(?:nay\s+)?(?:[^.;]{0,120}?\s)?thong bao\b.*(?:\./\.|\bbiet|thuc hien|trien khai|"
    r"to chuc thuc hien|chi dao)\W*$|^tren day la\b"
)


def _is_closing(block: _Block) -> bool:
    return block.kind == "para" and bool(_CLOSING.search(fold_aligned(block.text).strip()))


def _is_tail_start(block: _Block) -> bool:
    """The body ends at the closing formula, "Nơi nhận", a signature, or a news page's lists."""
    text = block.text
    return (
        _is_closing(block)
        or re.match(r"Nơi\s+nhận\b", text, re.I) is not None
        or (block.standalone and _SIGNATURE_TITLE.match(text) is not None)
        or (len(text.split()) <= 6 and _NEWS_TAIL.match(text) is not None)
    )


@dataclass
class _Layout:
    header: list[_Block]
    title: list[_Block]
    body: list[_Block]
    tail: list[_Block]
    notice: bool


def _layout(blocks: list[_Block]) -> _Layout:
    heading = next(
        (i for i, b in enumerate(blocks[:15]) if re.match(r"THÔNG\s+BÁO\b", b.text)), None
    )
    title: list[_Block] = []
    if heading is not None:
        header = blocks[: heading + 1]
        index = heading + 1
        rest = re.sub(r"^THÔNG\s+BÁO\s*", "", blocks[heading].text).strip(" :-")
        if rest:
            title.append(_Block("para", None, None, [rest], True, False))
        else:
            while index < len(blocks) and len(title) < 3:
                block = blocks[index]
                words = sum(len(b.text.split()) for b in title) + len(block.text.split())
                if block.kind != "para" or _INTRO_START.match(block.text) or words > 80:
                    break
                title.append(block)
                index += 1
                if _ends_clause(block.text) and not block.text.endswith(")"):
                    break
    else:
        index = 0
        while index < len(blocks) and blocks[index].standalone:
            index += 1
        header = blocks[:index]
        if index < len(blocks):
            block = blocks[index]
            is_headline = (
                block.kind == "para"
                and len(block.text.split()) <= 40
                and not block.text.rstrip().endswith(".")
                and not _INTRO_START.match(block.text)
            )
            if is_headline:
                title.append(block)
                index += 1
                while index < len(blocks) and blocks[index].standalone:
                    header.append(blocks[index])
                    index += 1
    end = next((i for i in range(index, len(blocks)) if _is_tail_start(blocks[i])), len(blocks))
    body = [b for b in blocks[index:end] if not (b.standalone and b.kind == "para")]
    official_tail = any(
        _is_closing(b) or re.match(r"Nơi\s+nhận\b", b.text, re.I) or _SIGNATURE_TITLE.match(b.text)
        for b in blocks[end:]
    )
    notice = heading is not None or official_tail or any(
        re.match(r"Số\s*:", b.text) or _PLACE_DATE.search(b.text) for b in header
    )
    return _Layout(header, title, body, blocks[end:], notice)


_NUMBER = re.compile(r"\bSố\s*:?\s*(?P<n>\d*)\s*/\s*(?P<suffix>[^\s,;]+)")
_PLACE_DATE = re.compile(
    r"(?P<place>[^\d,:;]{2,50}?),\s*ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s*(?P<m>\d{1,2})?"
    r"[\s.…_]*năm\s*(?P<y>\d{4})",
    re.I,
)
_NEWS_DATE = re.compile(
    r"^(?:Ngày\s*:\s*|(?:Thứ\s+\S+|Chủ\s+nhật)\s*,?\s*(?:ngày\s+)?)?"
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})",
    re.I,
)
_MEETING = re.compile(
    r"^(?:(?:Sáng|Chiều|Tối|Trưa|Vào|Hôm\s+nay)\s*,?\s*(?:ngày\s+)?|ngày\s+)"
    r"(?P<d>\d{1,2})(?:\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?"
    r"|\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>\d{4}))?)(?!\d)",
    re.I,
)


def _safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass
class _Issued:
    on: date | None = None
    month: int | None = None
    year: int | None = None
    place: str | None = None


def _issued(header: Sequence[_Block]) -> _Issued:
    for block in header:
        found = _PLACE_DATE.search(block.text)
        if found is not None:
            year = int(found["y"])
            month = int(found["m"]) if found["m"] else None
            day = int(found["d"]) if found["d"] else None
            place = found["place"].strip(" .-")
            place = re.sub(r"^.*\b(?:Số\s*:?\s*\S*)\s+", "", place).strip() or None
            return _Issued(_safe_date(year, month, day), month, year, place)
    for block in header:
        news = _NEWS_DATE.match(block.text)
        if news is not None:
            year, month = int(news["y"]), int(news["m"])
            return _Issued(_safe_date(year, month, int(news["d"])), month, year)
    return _Issued()


def _meeting(body: Sequence[_Block], anchor: _Issued) -> date | None:
    for block in body[:3]:
        found = _MEETING.match(block.text)
        if found is None or re.match(r"Ngày\s*:", block.text):
            continue
        day = int(found["d"])
        month_text = found["m"] or found["m2"]
        year_text = found["y"] or found["y2"]
        year = int(year_text) if year_text else anchor.year
        return _safe_date(year, int(month_text) if month_text else None, day)
    return None


def _signer(tail: Sequence[_Block]) -> str | None:
    seen_title = False
    signer: str | None = None
    for block in tail:
        for line in block.lines:
            if _SIGNATURE_TITLE.match(line):
                seen_title = True
                continue
            if seen_title and _looks_like_name(line):
                signer = line.strip()
    return signer


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or _SIGNATURE_TITLE.match(line):
        return False
    return all(w[0].isupper() and w.replace("-", "").isalpha() for w in words)


def _title(blocks: Sequence[_Block]) -> str | None:
    if not blocks:
        return None
    text = " ".join(block.text for block in blocks)
    text = " ".join(text.replace("#", " ").split()).strip(" -:")
    return text or None


# --- Roles: lead and support ----------------------------------------------------------

# "giao" hands work out, but not in "bàn giao", "chuyển giao", "được giao".
_GIVE = re.compile(
    r"(?<!ban )(?<!chuyen )(?<!duoc )(?<!da )(?<!vua )\b(?:thong nhat\s+)?(?:giao(?:\s+cho)?|"
    r"phan cong)\s+"
)
_ASK = re.compile(r"\b(?:kinh\s+)?(?:de nghi|yeu cau|chi dao)\s+")
_SUPPORT = re.compile(
    r"\b(?:phoi hop(?:\s+chat che|\s+tot|\s+thuong xuyen)?(?:\s+(?:voi|cung))?|cung voi|"
    r"voi su phoi hop cua|co su phoi hop cua)\s+"
)
# "theo chức năng, nhiệm vụ (được giao)" may sit between an addressee and its verb.
_BY_FUNCTION = (
    r"(?:,\s*)?theo\s+chuc\s+nang(?:\s*,\s*|\s+)?(?:nhiem\s+vu)?(?:\s+(?:duoc\s+giao|cua\s+minh|"
    r"cua\s+tung\s+(?:co\s+quan|don\s+vi)|quy\s+dinh))?\s*,?\s*"
)
_LEAD_VERBS = re.compile(
    rf"\s*(?:,\s*)?(?:{_BY_FUNCTION})?(?:chu tri|la co quan chu tri)\b"
)
_TIME_PREFIX = re.compile(
    r"(?:(?:trong|tu|den)\s+)?(?:nam\s+\d{4}|thoi gian toi|thoi gian den|trong thoi gian toi|"
    r"nam\s+\d{4}\s+tro\s+(?:ve\s+sau|di)|tu\s+nay\s+den\s+cuoi\s+nam)(?:\s+tro\s+(?:ve\s+sau|di))?"
    r"\s*,?\s*"
)
_TOPIC_PREFIX = re.compile(r"(?:doi voi|ve|linh vuc|cong tac|rieng)\b[^:;.]{0,120}?[:,]\s*")
# A leading purpose or circumstance clause: "Để bảo đảm tiến độ, Sở X …".
_CLAUSE_PREFIX = re.compile(
    r"(?:de|nham|tren co so|can cu|sau khi|truoc mat|dong thoi|ngoai ra|ben canh do|mat khac|"
    r"trong truong hop|truong hop)\b[^,;:.]{0,150}?,\s*"
)


def _skip_prefixes(folded: str, pos: int = 0) -> int:
    """Position after a leading time phrase ("Năm 2018,") or topic ("Về công tác X:")."""
    for _ in range(3):
        moved = False
        for pattern in (_TIME_PREFIX, _TOPIC_PREFIX, _CLAUSE_PREFIX):
            found = pattern.match(folded, pos)
            if found is not None and found.end() > pos:
                pos = found.end()
                moved = True
        if not moved:
            break
    return pos


@dataclass
class _Roles:
    lead: list[str]
    support: list[str]


def _roles(text: str, agencies: AgencyFinder) -> _Roles:
    """Lead: the first agency handed work ("Giao X", "Đề nghị X") or the clause's subject;
    support: every agency after "phối hợp với". Targets ("tham mưu UBND tỉnh", "kiến nghị
    Bộ Y tế") are in neither position, so they are never picked up."""
    folded = fold_aligned(text)
    lead: list[str] = []
    triggers = sorted([*_GIVE.finditer(folded), *_ASK.finditer(folded)], key=lambda m: m.start())
    for trigger in triggers:
        found = agencies.many(text, trigger.end())
        if found is not None and found.names:
            lead = found.names
            break
    if not lead:
        subject = _subject(text, folded, agencies)
        if subject is not None:
            lead = subject.names
    support: list[str] = []
    for match in _SUPPORT.finditer(folded):
        found = agencies.many(text, match.end())
        if found is not None:
            support.extend(found.names)
    lead = unique_names(lead)
    lead_keys = {fold(name) for name in lead}
    support = [name for name in unique_names(support) if fold(name) not in lead_keys]
    return _Roles(lead, support)


_BEFORE_VERB = re.compile(rf"\s*,?\s*(?:{_BY_FUNCTION})?")


def _followed_by_verb(text: str, folded: str, end: int) -> bool:
    """Whether an agency mention is the subject of a directive: "Sở X (cần) tăng cường…"."""
    if re.match(r"\s*:", text[end:end + 5]):
        return True
    gap = _BEFORE_VERB.match(folded, end)
    pos = gap.end() if gap is not None else end
    return bool(_IMPERATIVE.match(folded, pos))


def _subject(text: str, folded: str, agencies: AgencyFinder) -> Mention | None:
    """An agency opening a clause and followed by a verb: "Sở Y tế tăng cường…".

    Only the first clause may name any verb; later sentences must say "chủ trì", since
    they often describe what someone else does.
    """
    starts = [_skip_prefixes(folded)]
    starts += [_skip_prefixes(folded, m.end()) for m in re.finditer(r"[;.]\s+", folded)]
    for index, start in enumerate(starts):
        found = agencies.many(text, start)
        if found is None or not found.names:
            continue
        if index == 0 and _followed_by_verb(text, folded, found.end):
            return found
        if _LEAD_VERBS.match(folded, found.end):
            return found
    return None


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])", text.strip())[-1]


def _preamble_lead(text: str, agencies: AgencyFinder) -> list[str]:
    """Who a paragraph announcing the items addresses ("…, Sở X tập trung … sau:")."""
    roles = _roles(text, agencies)
    if roles.lead:
        return roles.lead
    folded = fold_aligned(text)
    starts = [0] + [m.end() for m in re.finditer(r"[,;.]\s*", folded)]
    for start in reversed(starts):
        start = _skip_prefixes(folded, start)
        found = agencies.many(text, start)
        if found is not None and found.names and _followed_by_verb(text, folded, found.end):
            return found.names
    return []


_HEADING_LEAD_IN = re.compile(r"(?:doi voi|rieng|ve phia|ve)\s+", re.I)


def _strip_addressee_heading(text: str, agencies: AgencyFinder) -> tuple[str, list[str]]:
    """An addressee used as a heading: ("Chủ trì…", ["Sở Tài chính"]) from "Sở Tài chính: Chủ trì…".

    Also "1. Sở Công Thương" (the whole item is the name) and "Đối với Sở Y tế:".
    """
    folded = fold_aligned(text)
    lead_in = _HEADING_LEAD_IN.match(folded)
    start = lead_in.end() if lead_in is not None else 0
    found = agencies.many(text, start)
    if found is None or not found.names:
        return text, []
    rest = text[found.end:]
    colon = re.match(r"\s*:\s*", rest)
    if colon is not None:
        return rest[colon.end():].strip(), found.names
    if not rest.strip(" .;"):
        return "", found.names
    return text, []


# --- Classification of paragraphs --------------------------------------------------

_IMPERATIVE = re.compile(
    r"(?:tiep tuc|tang cuong|day manh|tap trung|trien khai|thuc hien|to chuc|chu dong|khan truong|"
    r"nghiem tuc|quan tam|ra soat|xay dung|hoan thanh|nghien cuu|cap nhat|chu tri|phoi hop|"
    r"huong dan|kiem tra|don doc|theo doi|giao|thong nhat giao|de nghi|yeu cau|chi dao|bao dam|"
    r"dam bao|phan dau|nang cao|duy tri|bao cao|tham muu|kip thoi|lam tot|chuan bi|day nhanh|"
    r"uu tien|sap xep|kien toan|ban hanh|de xuat|tong hop|danh gia|quan triet|tuyen truyen|"
    r"huy dong|phat huy|hoan thien|bo sung|dieu chinh|sua doi|luu y|chu y|xu ly|giai quyet|"
    r"khac phuc|tich cuc|rut kinh nghiem|ket noi|mo rong|tao dieu kien|ho tro|chi tra|xem xet|"
    r"soan thao|cung co|kiem soat|ngan chan|dau tranh|phat hien|thanh tra|gui|phoi hop|can|phai|"
    r"khan cap|chuyen|day nhanh|quyet liet|thuong xuyen|dinh ky|tiep thu|nghiem tuc|phan cong|"
    r"cu|bo tri|lap|thanh lap|rasoat|van dong|thu hut|dao tao|boi duong|tiep nhan|hoan tat|"
    r"chiu trach nhiem|co trach nhiem)\b"
)
_ASSESSMENT = re.compile(
    r"\bda co ban hoan thanh\b|\bco ban hoan thanh\b|\bhoan thanh co ban\b|\bghi nhan\b|"
    r"\bbieu duong\b|\bdanh gia cao\b|\bnoi bat\b|\bthanh cong\b|\bco nhieu co gang\b|"
    r"\bdat duoc\b|\bdat ket qua\b|\bket qua quan trong\b|\bdat\s+\d|\bdat va vuot\b|"
    r"\bvuot chi tieu\b|\bdat\s+(?:ty le|muc)\b|\bgan dat\b|\bdat so voi\b"
)
_DIRECTIVE_WORDS = re.compile(
    r"\b(?:can|phai|de nghi|yeu cau|giao|tiep tuc|tang cuong|day manh|khan truong|phan dau|"
    r"chu tri|chi dao)\b"
)
_LEADER = re.compile(
    r"\b(?:chu tich|pho chu tich|bi thu|pho bi thu|giam doc|pho giam doc|dong chi|lanh dao|"
    r"thu truong|bo truong|truong ban|chanh van phong)\b[^.;]{0,120}?\b(?P<verb>yeu cau|de nghi|"
    r"chi dao|nhan manh|giao)\b"
)
_CAPTION = re.compile(
    r"\b(?:phat bieu|trao tang|trao|tang hoa|tang qua|chup anh|anh\s*:|quang canh|toan canh)\b"
)
_CONCLUSION_CUE = re.compile(
    r"(?:ket luan|chi dao|nhu sau|noi dung sau|nhiem vu sau|nhiem vu cu the sau|mot so noi dung|"
    r"cac noi dung sau|giai phap sau|sau)\W*$"
)


def _directive_start(folded: str) -> bool:
    pos = _skip_prefixes(folded)
    return bool(_IMPERATIVE.match(folded, pos))


def _is_assessment(folded: str) -> bool:
    pos = _skip_prefixes(folded)
    assess = len(_ASSESSMENT.findall(folded)) + len(re.findall(r"\bda\b", folded))
    if re.match(r"da\b", folded[pos:]):
        assess += 3
    directive = len(_DIRECTIVE_WORDS.findall(folded))
    if _directive_start(folded):
        directive += 3
    return assess > directive


def _is_preamble(folded: str) -> bool:
    text = folded.rstrip()
    return text.endswith(":") or bool(re.match(r"de\s", text))


def _leader_directive(folded: str) -> re.Match[str] | None:
    """ "Chủ tịch UBND tỉnh … yêu cầu <directive>" with a real directive after the verb."""
    for match in _LEADER.finditer(folded):
        after = folded[match.end():]
        if re.match(r"\s*(?:tai|o)\s+(?:hoi nghi|buoi)", after):
            continue
        if re.search(r"phat bieu\s+$", folded[: match.start("verb")]):
            continue
        # The directive itself must follow in the same sentence ("… dự và chỉ đạo hội
        # nghị." only reports attendance).
        if len(re.split(r"[.;]\s", after, maxsplit=1)[0].split()) >= 8:
            return match
    return None


def _is_caption(text: str, folded: str) -> bool:
    words = len(text.split())
    return (
        words <= 40
        and bool(_CAPTION.search(folded))
        and not _directive_start(folded)
        and _leader_directive(folded) is None
    )


def _section_is_assessment(heading: str) -> bool:
    folded = fold(heading)
    assess = re.search(
        r"\b(?:danh gia|ket qua|tinh hinh|uu diem|han che|ton tai|nhan xet|khuyet diem|"
        r"nguyen nhan|thuc trang)\b",
        folded,
    )
    task = re.search(
        r"\b(?:nhiem vu|giai phap|chi dao|ket luan|kien nghi|de xuat|phuong huong|giao|"
        r"trien khai|thoi gian toi|to chuc thuc hien|de nghi|yeu cau|phan cong|ke hoach)\b",
        folded,
    )
    return bool(assess) and not task


# --- 4. Outline --------------------------------------------------------------------------


@dataclass
class _Node:
    block: _Block | None
    children: list[_Node] = field(default_factory=list)

    @property
    def is_item(self) -> bool:
        return self.block is not None and self.block.kind == "item"

    @property
    def item_children(self) -> list[_Node]:
        return [child for child in self.children if child.is_item]


def _outline(body: Sequence[_Block]) -> _Node:
    root = _Node(None)
    stack: list[tuple[str, _Node]] = [("root", root)]
    for block in body:
        node = _Node(block)
        if block.kind == "item" and block.mtype is not None:
            kind = block.mtype
            if any(entry[0] == kind for entry in stack[1:]):
                while stack[-1][0] != kind:
                    stack.pop()
                stack.pop()
            else:
                rank = _RANK[kind]
                while len(stack) > 1 and _RANK[stack[-1][0]] > rank:
                    stack.pop()
            stack[-1][1].children.append(node)
            stack.append((kind, node))
        else:
            top = stack[-1][0]
            if top in _BULLETS and _leader_directive(fold_aligned(block.text)) is not None:
                # "Đồng chí cũng yêu cầu …" after a bulleted list speaks on its own.
                while len(stack) > 1 and stack[-1][0] in _BULLETS:
                    stack.pop()
            stack[-1][1].children.append(node)
    return root


# --- 5. Tasks ------------------------------------------------------------------------------


@dataclass
class _Context:
    agencies: AgencyFinder
    reference: date | None
    exclude: frozenset[date]
    region_start: int
    body_index: dict[int, int]
    notice: bool
    tasks: list[ExtractedTask] = field(default_factory=list)
    used_ordinals: set[str] = field(default_factory=set)


def _ordinal_part(node: _Node, parent_parts: Sequence[str], counter: int) -> list[str]:
    block = node.block
    assert block is not None and block.mtype is not None
    if block.mtype == "part":
        return [block.marker or f"P{counter}"]
    if block.mtype == "roman":
        # A section sits at the top or inside a part ("P2.I").
        return [*parent_parts, block.marker or str(counter)]
    if block.mtype == "sub":
        marker = block.marker or str(counter)
        parent_number = marker.rsplit(".", 1)[0]
        if parent_parts and parent_parts[-1] == parent_number:
            return [*parent_parts[:-1], marker]
        return [*parent_parts, marker]
    if block.mtype in ("arabic", "letter"):
        return [*parent_parts, block.marker or str(counter)]
    return [*parent_parts, _generated(parent_parts, counter)]


def _generated(parent_parts: Sequence[str], counter: int) -> str:
    """Bullets under a number get letters (8.a), under a letter or at the top numbers."""
    last = parent_parts[-1] if parent_parts else ""
    if last and last[-1].isdigit():
        return LETTERS[counter - 1] if counter <= len(LETTERS) else str(counter)
    return str(counter)


def _clean_text(text: str) -> str:
    text = " ".join(text.replace("*", "").split())
    return text.strip(" -–")


def _deadline_of(text: str, ctx: _Context) -> Deadline | None:
    return find_deadline(text, ctx.reference, exclude=ctx.exclude)


_STRONG_PHRASE = re.compile(
    r"(?:truoc|han|thoi han|cham nhat|den het|hoan thanh|xong|thoi gian)\b|.*\bxong$"
)


def _is_strong(deadline: Deadline | None) -> bool:
    if deadline is None:
        return False
    if deadline.kind is DeadlineKind.RECURRING:
        return True
    return bool(_STRONG_PHRASE.match(fold(deadline.phrase)))


def _shared_deadline(text: str, ctx: _Context) -> Deadline | None:
    """ "Báo cáo kết quả … trước ngày 12/6/2026" closing a list: a deadline for all of it."""
    folded = fold(text)
    opener = re.match(
        r"(?:bao cao|thoi han|thoi gian hoan thanh|hoan thanh|cac noi dung tren|ket qua thuc hien|"
        r"cac co quan|cac don vi|de nghi cac|yeu cau cac|tong hop)\b",
        folded,
    )
    if opener is None:
        return None
    found = _deadline_of(text, ctx)
    return found if _is_strong(found) else None


def _add_task(
    ctx: _Context,
    ordinal: str,
    text: str,
    default_lead: Sequence[str],
    default_deadline: Deadline | None,
) -> None:
    """Propose a task from an item's text, filling in what the text itself does not say."""
    text, heading_lead = _strip_addressee_heading(_clean_text(text), ctx.agencies)
    if len(text.split()) < 3:
        return
    roles = _roles(text, ctx.agencies)
    lead = heading_lead or roles.lead or list(default_lead)
    lead_keys = {fold(name) for name in lead}
    support = [name for name in roles.support if fold(name) not in lead_keys]
    deadline = _deadline_of(text, ctx) or default_deadline
    text = text[0].upper() + text[1:]
    base, suffix = ordinal, 2
    while ordinal in ctx.used_ordinals:
        ordinal, suffix = f"{base}~{suffix}", suffix + 1
    ctx.used_ordinals.add(ordinal)
    task = ExtractedTask(
        ordinal=ordinal,
        text=text,
        lead=unique_names(lead),
        support=support,
        deadline=deadline.due if deadline else None,
        deadline_text=deadline.phrase if deadline else None,
        recurrence=(
            deadline.recurrence.to_text()
            if deadline is not None and deadline.recurrence is not None
            else None
        ),
    )
    ctx.tasks.append(task)


def _has_own_addressee(text: str, agencies: AgencyFinder) -> bool:
    """A further paragraph of an item that hands work to someone ("Giao Sở Tài chính …")."""
    return bool(_roles(text, agencies).lead)


@dataclass
class _Scope:
    """What the children of one outline node share: the addressee and deadline announced
    so far, the ordinal counters, and where this node's tasks begin."""

    parts: list[str]
    lead: list[str]
    deadline: Deadline | None
    assessment: bool
    first_task: int
    counters: Counter[str] = field(default_factory=Counter)
    # The enclosing scope when this node is the last item there: a line closing this
    # list then closes that one too.
    outer: _Scope | None = None

    def closed_by_last_line(self) -> _Scope:
        """The outermost list that a closing line after this one's last item ends."""
        scope = self
        while scope.outer is not None:
            scope = scope.outer
        return scope


def _walk(
    node: _Node,
    parts: list[str],
    ctx: _Context,
    lead: list[str],
    deadline: Deadline | None,
    assessment: bool,
    outer: _Scope | None = None,
) -> None:
    """Turn a node's children into tasks; ``parts`` is the node's ordinal path."""
    scope = _Scope(parts, list(lead), deadline, assessment, len(ctx.tasks), outer=outer)
    items = node.item_children
    for child in node.children:
        if child.is_item:
            _walk_item(child, scope, ctx, is_last=child is items[-1])
        elif not assessment:
            _walk_paragraph(child, scope, ctx)


def _walk_paragraph(child: _Node, scope: _Scope, ctx: _Context) -> None:
    """An unnumbered paragraph: a shared deadline, a preamble, or a directive of its own."""
    block = child.block
    assert block is not None
    folded = fold_aligned(block.text)
    shared = _shared_deadline(block.text, ctx)
    if shared is not None and scope.counters:
        _apply_shared(ctx, scope.closed_by_last_line().first_task, shared)
        return
    if _is_preamble(folded):
        # The sentence announcing the items names who carries them out.
        announcing = _last_sentence(block.text)
        scope.lead = _preamble_lead(announcing, ctx.agencies) or scope.lead
        found = _deadline_of(announcing, ctx)
        if _is_strong(found):
            scope.deadline = found
        return
    position = ctx.body_index.get(id(block), 0)
    if position == 0 or position < ctx.region_start:
        return
    if not _paragraph_is_task(block.text, folded, ctx.agencies):
        return
    text = _leader_text(block.text, folded)
    if _is_approval(text, fold_aligned(text), ctx.agencies):
        return
    # Bullets and unnumbered paragraphs share one generated sequence per parent.
    scope.counters["generated"] += 1
    ordinal = ".".join([*scope.parts, _generated(scope.parts, scope.counters["generated"])])
    _add_task(ctx, ordinal, text, scope.lead, scope.deadline)


def _walk_item(child: _Node, scope: _Scope, ctx: _Context, *, is_last: bool) -> None:
    """A numbered or bulleted item: a heading to descend into, or a task."""
    block = child.block
    assert block is not None and block.mtype is not None
    counter_key = block.mtype if block.mtype not in _BULLETS else "generated"
    scope.counters[counter_key] += 1
    child_parts = _ordinal_part(child, scope.parts, scope.counters[counter_key])
    if _lists_objects(child, ctx.agencies):
        # "Giao Sở X kiểm tra các công trình sau: - Trường A; - Trạm B." is one duty.
        listed = "; ".join(c.block.text.rstrip(" ;.") for c in child.children if c.block)
        _add_task(ctx, ".".join(child_parts), f"{block.text} {listed}.", scope.lead,
                  scope.deadline)
        return
    is_heading = (
        bool(child.item_children)
        or (block.mtype == "roman" and not _roman_is_task(block.text))
        or _is_topic_heading(child, ctx.agencies)
    )
    if is_heading:
        # Its addressee and a firm deadline flow down to what it contains.
        heading_text, heading_lead = _strip_addressee_heading(block.text, ctx.agencies)
        lead = heading_lead or _preamble_lead(block.text, ctx.agencies) or scope.lead
        found = _deadline_of(block.text, ctx)
        deadline = found if _is_strong(found) else scope.deadline
        assessment = scope.assessment or _section_is_assessment(heading_text or block.text)
        _walk(child, child_parts, ctx, lead, deadline, assessment,
              outer=scope if is_last else None)
    elif not scope.assessment:
        _leaf(child, child_parts, ctx, scope, is_last=is_last)


def _lists_objects(node: _Node, agencies: AgencyFinder) -> bool:
    """An item announcing a list of things, not of duties: its bullets are short and verbless."""
    block = node.block
    if block is None or not node.item_children or not block.text.rstrip().endswith(":"):
        return False
    folded = fold_aligned(block.text)
    if not (_directive_start(folded) or _roles(block.text, agencies).lead):
        return False
    for child in node.children:
        if child.block is None or not child.is_item or child.item_children:
            return False
        text = child.block.text
        child_folded = fold_aligned(text)
        if len(text.split()) > 10 or _directive_start(child_folded) or _IMPERATIVE.search(
            child_folded
        ):
            return False
    return True


def _is_topic_heading(node: _Node, agencies: AgencyFinder) -> bool:
    """ "1. Về công tác giảm nghèo" above plain paragraphs: a heading, its paragraphs the tasks."""
    block = node.block
    if block is None or not node.children or node.item_children:
        return False
    text = block.text.rstrip()
    if len(text.split()) > 15 or text.endswith((".", ";", "!", "?")):
        return False
    folded = fold_aligned(text)
    return not _directive_start(folded) and not _roles(text, agencies).lead


def _roman_is_task(text: str) -> bool:
    folded = fold_aligned(text)
    return len(text.split()) > 25 and _directive_start(folded)


_APPROVAL = re.compile(
    r"(?:(?:ubnd|uy ban nhan dan|chu tich ubnd|chu tich uy ban nhan dan)\s+tinh\s+)?(?:co ban\s+)?"
    r"(?:thong nhat|dong y|chap thuan|khong dong y|chua dong y|chua xem xet|se xem xet)\b"
)


def _is_approval(text: str, folded: str, agencies: AgencyFinder) -> bool:
    """A reply to a proposal ("Thống nhất chủ trương …", "UBND tỉnh sẽ xem xét …"), not a duty.

    It still is a task when it hands work to someone ("Thống nhất giao Sở X …").
    """
    pos = _skip_prefixes(folded)
    if not _APPROVAL.match(folded, pos):
        return False
    return not _roles(text, agencies).lead


def _paragraph_is_task(text: str, folded: str, agencies: AgencyFinder) -> bool:
    """A directive paragraph: opens with a verb or an addressee and a verb, or reports the
    leader asking for something.

    Praise before the leader's verb ("Ghi nhận kết quả…, Chủ tịch … yêu cầu …") does
    not count against it; only what follows the verb is judged.
    """
    if _is_caption(text, folded):
        return False
    if _directive_start(folded) or _roles(text, agencies).lead:
        return not _is_assessment(folded)
    found = _leader_directive(folded)
    return found is not None and not _is_assessment(folded[found.end():])


def _leader_text(text: str, folded: str) -> str:
    """The directive after "Chủ tịch … yêu cầu" when the paragraph opens with praise."""
    if _directive_start(folded):
        return text
    found = _leader_directive(folded)
    if found is None:
        return text
    rest = text[found.end():].strip(" ,:")
    return rest or text


def _apply_shared(ctx: _Context, first_task: int, shared: Deadline) -> None:
    for task in ctx.tasks[first_task:]:
        if task.deadline is None and task.recurrence is None:
            task.deadline = shared.due
            task.deadline_text = shared.phrase
            if shared.recurrence is not None:
                task.recurrence = shared.recurrence.to_text()


def _leaf(
    node: _Node,
    parts: list[str],
    ctx: _Context,
    scope: _Scope,
    *,
    is_last: bool,
) -> None:
    """An item without sub-items: one task, or one per further paragraph that names its
    own addressee; a closing "Báo cáo … trước ngày X" after the last item dates the list."""
    block = node.block
    assert block is not None
    text = block.text
    folded = fold_aligned(text)
    if _is_assessment(folded) or _is_approval(text, folded, ctx.agencies):
        return
    acting = _IMPERATIVE.search(folded) or _roles(text, ctx.agencies).lead
    if block.mtype in _BULLETS and not acting:
        # A bullet without any verb of action lists people or things ("- Đồng chí A, Giám
        # đốc Sở Y tế;" under "Tham dự có:"), not a duty.
        return
    before_speech = not ctx.notice and ctx.body_index.get(id(block), 0) < ctx.region_start
    if before_speech and not _paragraph_is_task(text, folded, ctx.agencies):
        # A news report lists results and targets before the leader speaks.
        return
    pieces: list[str] = [text]
    shared: Deadline | None = None
    for child in node.children:
        assert child.block is not None
        extra = child.block.text
        # Only a separate paragraph after the last item speaks for the whole list.
        closing_line = is_last and child.block.new_paragraph
        if closing_line and (found := _shared_deadline(extra, ctx)) is not None:
            shared = found
            continue
        folded = fold_aligned(extra)
        if _is_caption(extra, folded) or _is_assessment(folded):
            continue
        if _has_own_addressee(extra, ctx.agencies):
            pieces.append(extra)
        else:
            pieces[-1] = pieces[-1] + " " + extra
    if len(pieces) == 1:
        _add_task(ctx, ".".join(parts), pieces[0], scope.lead, scope.deadline)
    else:
        for index, piece in enumerate(pieces, start=1):
            ordinal = ".".join([*parts, _generated(parts, index)])
            _add_task(ctx, ordinal, piece, scope.lead, scope.deadline)
    if shared is not None:
        _apply_shared(ctx, scope.closed_by_last_line().first_task, shared)


# --- Putting it together ----------------------------------------------------------------


_SPEECH = re.compile(r"phat bieu\s+(?:chi dao|ket luan)|ket luan hoi nghi")


def _region_start(body: Sequence[_Block]) -> int:
    """First body block from which unnumbered paragraphs may be directives."""
    speech: int | None = None
    for index, block in enumerate(body):
        folded = fold_aligned(block.text)
        if block.kind == "para" and folded.rstrip().endswith(":") and _CONCLUSION_CUE.search(
            folded.rstrip()[:-1] + " "
        ):
            return index + 1
        if block.kind == "para" and _leader_directive(folded) is not None:
            return index
        if speech is None and _SPEECH.search(folded):
            speech = index + 1
    return speech if speech is not None else 1


def _host(
    body: Sequence[_Block], title: str | None, agencies: AgencyFinder, *, notice: bool
) -> list[str]:
    """The agency the meeting was about: the default addressee of unaddressed directives."""
    if agencies.directory is None:
        return []
    intro = " ".join(block.text for block in body[:2])
    folded = fold_aligned(intro)
    with_match = re.search(r"\blam viec voi\s+", folded)
    if with_match is not None:
        found = agencies.many(intro, with_match.end())
        if found is not None and found.names and found.resolved:
            return found.names
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
            return found.names
    if notice:
        # A notice names its addressees; guessing from frequency would mislead.
        return []
    counts: Counter[str] = Counter()
    # The subject of a report shows early; scanning a whole book would only cost time.
    texts = [title or "", *(block.text[:2000] for block in body[:40])]
    for text in texts:
        counts.update(agencies.mentions(text))
    directory = agencies.directory
    for name, _ in counts.most_common():
        agency = next((a for a in directory.agencies if a.name == name), None)
        if agency is not None and agency.kind not in ("group", "central"):
            return [name]
    return []


def _issuer(
    header: Sequence[_Block], tail: Sequence[_Block], suffix: str | None, issued: _Issued,
    agencies: AgencyFinder, warnings: list[str],
) -> str | None:
    """Who issued the notice: the header, else the number's suffix, else the closing formula.

    "…/TB-UBND" is issued by the province even when its Office writes "Văn phòng UBND
    tỉnh thông báo…" at the end, so the suffix outranks the closing formula; a
    department's suffix ("TB-SLĐTBXH") is spelled as the closing formula spells it.
    """
    caps = [
        b.text for b in header
        if _is_caps(b.text) and not re.match(r"CỘNG\s+H|ĐỘC\s+LẬP|THÔNG\s+BÁO", b.text.upper())
        and not _SIGNATURE_TITLE.match(b.text)
    ]
    if caps:
        return _issuer_from_header(caps, issued, agencies)
    code = (suffix.split("-", 1)[1] if "-" in suffix else suffix) if suffix else ""
    code_key = fold(code).replace(" ", "")
    if code_key in ("ubnd", "ub"):
        warnings.append("issuer_from_number")
        return f"UBND tỉnh {issued.place}" if issued.place else "UBND tỉnh"
    if code_key in ("vpubnd", "vpub", "vp", "vpubt"):
        warnings.append("issuer_from_number")
        return "Văn phòng UBND tỉnh"
    for block in tail:
        if not _is_closing(block):
            continue
        found = agencies.many(block.text, 0)
        match = re.match(r"(.+?)\s+(?:xin\s+)?thông\s+báo", block.text, re.I)
        if found is not None and found.names and match is not None:
            warnings.append("issuer_from_closing")
            return " ".join(match.group(1).split())
    if code:
        warnings.append("issuer_from_number")
        if agencies.directory is not None:
            agency = agencies.directory.lookup(code, bare_field=False)
            if agency is not None:
                return agency.name
        return code
    return None


def _issuer_from_header(
    lines: Sequence[str], issued: _Issued, agencies: AgencyFinder
) -> str:
    """ "ỦY BAN NHÂN DÂN / TỈNH LÀO CAI" -> "UBND tỉnh Lào Cai"; the lowest unit wins."""
    split = [line for block in lines for line in re.split(r"\s{2,}|\n", block) if line.strip()]
    place = issued.place or ""
    level = "tỉnh"
    for line in split:
        found = re.search(r"\b(TỈNH|THÀNH PHỐ)\s+(.+)$", line)
        if found is not None:
            level = "tỉnh" if found.group(1) == "TỈNH" else "thành phố"
            place = found.group(2).title()
    unit = next(
        (line for line in reversed(split) if re.match(r"(?:SỞ|BAN|VĂN PHÒNG|CHI CỤC)\b", line)),
        None,
    )
    if unit is not None and unit.startswith("VĂN PHÒNG") and len(unit.split()) <= 3:
        return f"Văn phòng UBND {level} {place}".strip()
    if unit is not None:
        if agencies.directory is not None:
            # The name as it was then ("Sở Lao động – Thương binh và Xã hội"), not its successor.
            agency = agencies.directory.lookup(unit, bare_field=False)
            if agency is not None:
                return agency.name
        return _sentence_case_name(unit)
    if any(re.search(r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND", line) for line in split):
        return f"UBND {level} {place}".strip()
    return _sentence_case_name(" ".join(split))


def _sentence_case_name(caps: str) -> str:
    """ "SỞ GIÁO DỤC VÀ ĐÀO TẠO" -> "Sở Giáo dục và Đào tạo": agency names capitalise the
    head word and the first word of each field (after the head, "và", "-" or ",")."""
    words = caps.lower().split()
    out: list[str] = []
    capitalise_next = True
    for index, word in enumerate(words):
        if word in ("và", "-", "–", ","):
            out.append(word)
            capitalise_next = True
            continue
        out.append(word[0].upper() + word[1:] if capitalise_next or index == 1 else word)
        capitalise_next = word.endswith(",")
    return " ".join(out)


def extract(text: str, directory: AgencyDirectory | None = None) -> Extraction:
    """Read a notice's text and propose its metadata and tasks.

    The stable entry point for the CLI and the chat review: pure (no I/O), never raises
    on any ``str``, and gives the same result for the same text and directory. Tasks
    come in document order with unique ordinals. Agency names are the directory's
    canonical names after successor links, or as written when ``directory`` is None or
    does not know them (then ``warnings`` has ``unresolved_agency:<name>``). ``lead`` is
    empty when the notice names nobody, rather than a guess: the reviewer picks one.
    """
    warnings: list[str] = []
    blocks = _blocks(_prepare(text if isinstance(text, str) else ""))
    layout = _layout(blocks)
    agencies = AgencyFinder(directory)

    number: str | None = None
    suffix: str | None = None
    for block in layout.header + layout.body[:1]:
        found = _NUMBER.search(block.text)
        if found is not None:
            suffix = found["suffix"]
            number = f"{found['n']}/{suffix}" if found["n"] else None
            if number is None:
                warnings.append("number_blank")
            break
    issued = _issued(layout.header)
    if issued.on is None and issued.year is not None:
        warnings.append("issue_day_blank")
    meeting_on = _meeting(layout.body, issued)
    title = _title(layout.title)
    document = ExtractedDocument(
        number=number,
        issuer=_issuer(layout.header, layout.tail, suffix, issued, agencies, warnings)
        if layout.notice else None,
        signer=_signer(layout.tail),
        issued_on=issued.on,
        meeting_on=meeting_on,
        title=title,
    )
    if not layout.notice:
        warnings.append("news_report")

    reference = issued.on or meeting_on
    if reference is None and issued.year is not None:
        reference = date(issued.year, issued.month or 1, 1)
    if reference is None:
        warnings.append("no_reference_date")
    ctx = _Context(
        agencies=agencies,
        reference=reference,
        exclude=frozenset(d for d in (issued.on, meeting_on) if d is not None),
        region_start=_region_start(layout.body),
        body_index={id(block): index for index, block in enumerate(layout.body)},
        notice=layout.notice,
    )
    host = _host(layout.body, title, agencies, notice=layout.notice)
    _walk(_outline(layout.body), [], ctx, host, None, assessment=False)
    if not ctx.tasks:
        warnings.append("no_tasks")
    for name in sorted(agencies.unresolved):
        if any(name in task.lead or name in task.support for task in ctx.tasks):
            warnings.append(f"unresolved_agency:{name}")
    return Extraction(document, ctx.tasks, warnings)
