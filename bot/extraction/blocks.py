"""Stage 2, blocks: lines -> paragraphs and list items.

A block is a paragraph or a list item with its marker ("1.", "a)", "-", "+", "II.",
"Điều 3."), or a table row. Text from the web keeps one paragraph per line; text from
PDF is wrapped at a fixed width and seldom keeps blank lines, so there only a line that
stops visibly short, a marker or a new assignment opens a block; a paragraph that a
PDF broke in the middle of a sentence (blank line, next part in lower case) is joined
back. Each block's text and folded text are computed once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.normalize import word_set
from bot.extraction.lines import PAGE_BREAK, ROW
from bot.extraction.text import ends_clause, fold_text

ROMAN_VALUES = {
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
    ("article", re.compile(r"Điều\s+(?P<m>\d{1,3})\s*[.:]\s*(?=\S)")),
    ("roman", re.compile(r"(?P<m>[IVX]{1,4})(?:\s*[.)]|\s*[-/](?=\s))\s*(?=\S)")),
    ("sub", re.compile(r"(?P<m>\d{1,3}(?:\.\d{1,3})+)\.?[)]?\s+(?=\S)")),
    ("arabic", re.compile(
        r"(?P<m>\d{1,3})(?:\s*[.)]|\s*[-/](?=\s))\s*(?=[^\d\s])|\((?P<m2>\d{1,3})\)\.?\s*(?=\S)"
    )),
    # "Một là, …", "Thứ hai, …" (but not "Thứ Hai, ngày 5/6" — a weekday): points counted
    # in words inside a numbered section, a rank below its number.
    ("word", re.compile(
        r"(?P<w>(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))\s+là\s*[,:]\s*(?=\S)"
        r"|(?i:thứ)\s+(?P<w2>(?i:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))\s*[,:]\s*"
        r"(?!ngày|\d)(?=\S)"
    )),
    # "a)", "a.", "(a)", and small roman numerals "(i).", "(ii)", "iii)" counted as letters.
    ("letter", re.compile(
        r"(?P<m>[a-zđ]|[ivx]{2,4})\s*\)\.?\s*(?=\S)|(?P<m2>[a-zđ])\.\s+(?=[A-ZĐÀ-Ỹ])"
        r"|\((?P<m3>[a-zđ]|[ivx]{2,4})\)\.?\s*(?=\S)"
    )),
    ("dash", re.compile(r"[-–—•●▪◦·~]\s*(?=\S)")),
    ("plus", re.compile(r"\+\s*(?=\S)")),
)
_SMALL_ROMAN = re.compile(r"[ivx]{2,4}\)")
_WORD_MARKER = re.compile(r"(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|thứ)\s")
BULLETS = frozenset({"dash", "plus"})
RANK: dict[str, float] = {
    "part": -1, "article": 0, "roman": 0, "arabic": 1, "sub": 2, "word": 2.5, "letter": 3,
    "dash": 4,
    "plus": 4, "row": 3.5,
}


@dataclass
class Marker:
    type: str
    marker: str
    rest: str


def _may_open_marker(line: str) -> bool:
    """A cheap test that rules out most lines before the marker patterns run."""
    first = line[0]
    if first.isdigit() or first in "-–—•●▪◦·~+(IVXĐP":
        return True
    if first in "ABCDE" and line[1:2] == ".":
        return True
    if first.islower() and line[1:3].lstrip()[:1] in (")", "."):
        return True
    if first in "iv" and _SMALL_ROMAN.match(line):
        return True
    return bool(_WORD_MARKER.match(line))


def marker(line: str) -> Marker | None:
    """The list marker a line opens with, if any, and the text after it."""
    if not line or not _may_open_marker(line):
        return None
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
            roman = ROMAN_VALUES.get(number.upper())
            value = f"P{roman or _WORD_NUMBERS.get(number, number)}"
        if kind == "roman" and value not in ROMAN_VALUES:
            continue
        if kind == "article":
            value = f"Điều {value}"
        rest = line[match.end():].strip()
        if not rest:
            continue
        return Marker(kind, value, rest)
    return None


_PLACE_DATE_LINE = re.compile(r"[^\d:;]{2,50},\s*ngày\b.{0,30}\bnăm\s+\d{4}\s*\.?$")
_STANDALONE = re.compile(
    r"Số\s*:|Ngày\s*:\s*\d"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:\s*[-,]?\s*\d{1,2}[:h]\d{2})?\s*$"
    r"|\d{1,2}:\d{2}\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\s*$"
    r"|(?:Thứ\s+\S+|Chủ\s+nhật)\s*,?\s*(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}"
    r"|C[ỘỌO]NG\s+H[ÒO]À\s+XÃ\s+HỘI|Độc\s+lập\s*[-–—]?\s*Tự\s+do|THÔNG\s+BÁO\b|\.?N[ơớ]i\s+nh[ậâ]n\b"
    r"|(?:KT|TL|TM|TUQ|Q|PP)\s*\.\s*\S|\(?\s*Đã\s+ký|Kính\s+gửi\s*:|V/v\b|ĐẢNG\s+CỘNG\s+SẢN",
)
SIGNATURE_TITLE = re.compile(
    r"(?:KT|TL|TM|TUQ|Q|PP)\s*\.\s*\S|(?:T/M|T/L|K/T)\s*\.?\s*\S"
    r"|(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|"
    r"TRƯỞNG\s+BAN|BÍ\s+THƯ(?:\s+THƯỜNG\s+TRỰC)?|THỦ\s+TRƯỞNG|TỔNG\s+GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|"
    r"CHI\s+CỤC\s+TRƯỞNG|VIỆN\s+TRƯỞNG|TRƯỞNG\s+PHÒNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|CHỦ\s+NHIỆM|"
    r"CHÁNH\s+ÁN)\s*$"
)
NEWS_TAIL = re.compile(
    r"(?:Tin\s+liên\s+quan|Các\s+tin\s+khác|Tin\s+khác|Tin\s+cùng\s+chuyên\s+mục|"
    r"Bài\s+viết\s+liên\s+quan|Ý\s+kiến\s+bạn\s+đọc|Từ\s+khóa|Tags?)\b\s*:?",
    re.I,
)


def is_caps(line: str) -> bool:
    """A line in capitals ("SỞ Y TẾ"); a wrapped citation's tail ("55/2025/NĐ-CP.") is not:
    words with digits do not count, and at least two words must remain."""
    if len(line) > 1 and line[1].islower() and line[0].isalpha():
        return False
    if _DIGIT.search(line) is not None:
        line = _DIGIT_WORD.sub("", line)
    if line.upper() != line:
        return False
    words = line.split()
    letters = [ch for word in words for ch in word if ch.isalpha()]
    return len(words) >= 2 and len(letters) >= 3 and all(ch.isupper() for ch in letters)


def is_standalone(line: str) -> bool:
    """A header or tail line that is never part of a paragraph."""
    if _STANDALONE.match(line) or (len(line) <= 60 and NEWS_TAIL.match(line)
                                   and len(line.split()) <= 6):
        return True
    if "ngày" in line and len(line) <= 120 and _PLACE_DATE_LINE.match(line):
        return True
    return len(line) <= 120 and is_caps(line) and len(line.split()) <= 12 and marker(line) is None


@dataclass
class Block:
    """A paragraph ("para"), a list item ("item") or a table row ("row")."""

    kind: str
    mtype: str | None
    marker: str | None
    lines: list[str]
    new_paragraph: bool
    standalone: bool
    index: int = 0
    words: int = 0
    _text: str | None = field(default=None, repr=False)
    _folded: str | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = join_lines(self.lines)
        return self._text

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold_text(self.text)
        return self._folded

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.words += line.count(" ") + 1
        self._text = self._folded = None


def join_lines(lines: Sequence[str]) -> str:
    """Lines of one paragraph; "…số 101/KH-" + "UBND ngày…" join without a space."""
    if len(lines) == 1:
        return lines[0]
    out = [lines[0]]
    previous = lines[0]
    for line in lines[1:]:
        hyphen = len(previous) >= 2 and previous[-1] == "-" and previous[-2].isalnum()
        out.append(line if hyphen and line[:1].isalnum() else " " + line)
        previous = line
    return "".join(out)


_DIGIT = re.compile(r"\d")
_DIGIT_WORD = re.compile(r"\S*\d\S*")
_FUNCTION_WORDS = word_set(
    "với của và các cho theo tại trên về để những được là có đối từ đến trong như mà thì "
    "hoặc cùng nhằm do bởi vào ra sẽ đã đang cần phải"
)


def _is_wrap(previous: str, following: str) -> bool:
    """A blank line that a PDF put in the middle of a sentence (``previous`` is the last
    line of the paragraph before it)."""
    previous = previous.rstrip()
    if not previous or not following or ends_clause(previous):
        return False
    if previous.endswith(","):
        return True
    last_word = previous.rsplit(None, 1)[-1].lower()
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
    r"Sau\s+khi\s+nghe|Nơi\s+nhận|Trân\s+trọng"
)


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The width a PDF wrapped the text at, or None for one paragraph per line.

    Wrapped text has many lines of nearly the same length that stop mid-sentence.
    """
    lengths = sorted(len(line) for line in lines if len(line) > 20 and line[0] != ROW)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.8)]
    long_lines = [line for line in lines if len(line) >= 0.8 * width and line[0] != ROW]
    unfinished = sum(1 for line in long_lines if not ends_clause(line))
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
    if width is None or not line or last_line.endswith((",", "-", "–", "—", "(")):
        return False
    first_word = line.split(None, 1)[0]
    return len(last_line) + 1 + len(first_word) <= 0.8 * width


# Words a number follows in a citation or a date; a line ending with one goes on.
_NEEDS_NUMBER = re.compile(
    r"(?i:\b(?:khoản|điều|điểm|mục|chương|tiết|số|tại|phụ\s+lục|lần\s+thứ))\s*$"
)
_FINISHED = (".", "!", "?", "…", ".)", ";", ":")
_LONG_NUMBER = re.compile(r"(\d{4,6})\s*[.)]\s*(?=[^\d\s])")


def _long_number(line: str, last: int) -> Marker | None:
    """Item 1000 and beyond: a number of four digits or more is a marker only where it
    continues the count (elsewhere "2026." is a year that a line happens to start with)."""
    found = _LONG_NUMBER.match(line)
    if found is None or int(found.group(1)) != last + 1:
        return None
    return Marker("arabic", found.group(1), line[found.end():].strip())


def build_blocks(lines: Sequence[str]) -> list[Block]:
    """Group lines into blocks (see the module docstring)."""
    width = _wrap_width(lines)
    blocks: list[Block] = []
    current: Block | None = None
    blank_before = True
    last_number = 0
    for line in lines:
        if line == PAGE_BREAK:
            # A page that ends in a full line goes on with the next one.
            if current is not None and ends_clause(current.lines[-1]) and (
                width is None or len(current.lines[-1]) < 0.88 * width
            ):
                current, blank_before = None, True
            continue
        if not line:
            current, blank_before = None, True
            continue
        if line[0] == ROW:
            blocks.append(Block("row", "row", None, [line], True, False))
            current, blank_before = None, True
            continue
        standalone = is_standalone(line)
        found = marker(line)
        if found is not None and found.type == "arabic" and current is not None and (
            _NEEDS_NUMBER.search(current.lines[-1]) is not None
        ):
            # "… theo quy định tại Khoản" / "3 - Điều 61 Luật …": a citation wrapped before
            # its number, not item 3.
            found = None
        if found is None and last_number >= 999:
            found = _long_number(line, last_number)
        if found is not None and found.type == "arabic" and found.marker.isdigit():
            last_number = int(found.marker)
        new_block = current is None or standalone or current.standalone
        if not new_block and found is None and current is not None:
            # Text from web pages keeps one paragraph per line: a line that follows a
            # finished sentence and opens with a capital starts a new paragraph. In text
            # wrapped at a fixed width (PDF) only a visibly short line ends a paragraph.
            last_line = current.lines[-1]
            finished = last_line.endswith(_FINISHED)
            new_block = bool(_OPENS_INTRO.match(line)) or (
                line[0].isupper() and _ended_early(last_line, line, width)
            ) or (
                # "1. Đánh giá chung" / "Quý I năm 2026, …": a numbered heading, then its text.
                width is None and line[0].isupper() and current.kind == "item"
                and len(current.lines) == 1 and current.words <= 12
                and not ends_clause(last_line) and not last_line.endswith(",")
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
                found.type not in BULLETS
                or ends_clause(current.lines[-1])
                or _ended_early(current.lines[-1], line, width)
                or (current.mtype in BULLETS and current.words <= 12)
                # A bullet under a short heading ("20. Mời Đại sứ quán …" / "- Đề nghị …").
                or (current.kind == "item" and current.mtype not in BULLETS
                    and current.words <= 20 and found.rest[:1].isupper())
            )
        if new_block or current is None:
            first = found.rest if found else line
            current = Block(
                kind="item" if found else "para",
                mtype=found.type if found else None,
                marker=found.marker if found else None,
                lines=[first],
                # PDF text seldom keeps its blank lines: there every block that the
                # rules above start is a paragraph of its own.
                new_paragraph=blank_before or width is not None,
                standalone=standalone,
                words=first.count(" ") + 1,
            )
            blocks.append(current)
        else:
            current.add(line)
        blank_before = False
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and block.kind == "para"
            and previous.kind != "row"
            and not block.standalone
            and not previous.standalone
            and _is_wrap(previous.lines[-1], block.lines[0])
        ):
            for line in block.lines:
                previous.add(line)
        else:
            joined.append(block)
    for index, block in enumerate(joined):
        block.index = index
    return joined
