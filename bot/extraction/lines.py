"""Stage 1, layout: raw text -> clean lines, page breaks and table rows.

Documents reach the bot as text from .docx (tables as ``| cell | cell |`` rows), PDF
(wrapped lines, page numbers, footnotes), OCR (broken diacritics, stray page furniture)
and web pages (markdown, view counters, breadcrumbs). This stage removes what is layout
and keeps what is content, line by line, in one pass:

* a page number alone on its line ("2", "- 3 -", "Trang 2/5", an OCR tool's
  "===== Trang 2 =====") becomes a page break, and a line repeated at the top or bottom
  of several pages (a running header or footer) is dropped;
* footnotes at the foot of a page (¹, [1], or an OCR'd "' Nghị định số …") are dropped;
* a table whose header names the columns of an assignment table (Nội dung / Cơ quan
  chủ trì / Cơ quan phối hợp / Thời gian) becomes one row line per row; any other
  table (the two-column header of Nghị định 30/2020's layout, "Kính gửi" beside its
  list, the "Nơi nhận" beside the signature) becomes its cells, one line each;
* an editor's note before the document itself ("# source: …", "[OCR] […]") is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from bot.extraction.text import fold_text

PAGE_BREAK = "\f"
Emit = Callable[[str], None]
# A table row travels through the line stage as one string: ROW, then the cells
# separated by CELL. Both characters are removed from the input first.
ROW = "\x1e"
CELL = "\x1f"

_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_DROP.update({ord(ROW): " ", ord(CELL): " ", ord("\r"): "\n", ord("\v"): "\n",
              # OCR reads "Đ" as the look-alike eth ("QĐÐ-BCT").
              ord("Ð"): "Đ", ord("ð"): "đ"})
_DROP_CHARS = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x1e\x1f\r\vÐð]")
_SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_VIEWS = re.compile(r"\b(?:Số\s+lượt\s+xem|Lượt\s+xem|Lượt\s+đọc)\s*:?\s*[\d.,]+", re.I)
_PAGE_NUMBER = re.compile(
    r"(?:-\s*)?\d{1,3}(?:\s*-)?|(?:trang|page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}"
    r"|[=\-–—_*#\s]*(?:trang|page)\s+\d{1,4}[=\-–—_*#\s]*",
    re.I,
)
_DOC_WORDS = (
    r"Quyết định|Nghị quyết|Kế hoạch|Văn bản|Công văn|Thông báo|Báo cáo|Tờ trình|Chỉ thị|"
    r"Nghị định|Thông tư|Luật|Theo|Tại|Xem|Số liệu"
)
# A footnote: a superscript (or what OCR made of one: ', ’, ?) or "[1]" before text, or a
# small number before a cited document.
_FOOTNOTE = re.compile(
    rf"[{_SUPERSCRIPT_DIGITS}]+\s*\S|\[\d{{1,2}}\]\s*\S|\d{{1,2}}\s+(?:{_DOC_WORDS})\b"
    rf"|['’?]\s*(?:{_DOC_WORDS})\s+số\b"
)
_SPECIAL = re.compile(rf"[*#\[_{_SUPERSCRIPT_DIGITS}]|ượt")
_DECORATION = re.compile(r"[-–—_=*~.·•]{3,}")
# A separator line under a title ("_______", "___ ___", "* * *"). Checked before the markup
# rules: they drop "__" pairs and "*", and an odd run of underscores left one "_" behind.
_RULE = re.compile(r"_(?:\s*_)*|[-–—_=*~.·•](?:\s*[-–—_=*~.·•]){2,}")
_RULE_START = frozenset("-–—_=*~.·•")
_EDGE_DECORATION = re.compile(r"^\s*[-–—_=*~·•]{3,}\s*|\s*[-–—_=*~·•]{3,}\s*$")
_BREADCRUMB = re.compile(r"[^>»›]{1,40}(?:\s*[>»›]\s*[^>»›]{1,60}){2,}")
_BARE_MARKER = re.compile(
    r"(?:[IVX]{1,4}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.)]|[-+•]|Điều\s+\d{1,3}\s*\.?"
)
_COLUMNS = re.compile(r"\s{4,}|\t+")
_TRICH_YEU = re.compile(r"\s+(?=V/v\b)")
_NOTE = re.compile(r"#\s*source\s*:.*|\[[^\]\n]{0,400}\](?:\s*\[[^\]\n]{0,400}\])*")


def _clean(raw: str) -> str | None:
    """One line without markup; None when the whole line is layout noise, PAGE_BREAK for
    a page number."""
    line = raw.strip()
    if not line:
        return ""
    if line[0] in _RULE_START and _RULE.fullmatch(line):
        return "---"  # a decoration, which prepare() drops (None would open a footnote)
    if _SPECIAL.search(line) is not None:
        if _FOOTNOTE.match(line):
            return None
        line = re.sub(r"^\*\s+(?=\S)", "- ", line)
        line = re.sub(r"^#{1,6}\s*", "", line)
        line = line.replace("*", "").replace("__", "")
        if "ượt" in line:
            line = _VIEWS.sub("", line)
        line = re.sub(f"[{_SUPERSCRIPT_DIGITS}]+", "", line)
        line = re.sub(r"\[\d{1,2}\]", "", line)
    elif (line[0] in "'’?" or line[0].isdigit()) and _FOOTNOTE.match(line):
        return None
    line = " ".join(line.split())
    if line and len(line) <= 40 and line[0] in _PAGE_NUMBER_START and _PAGE_NUMBER.fullmatch(
        line
    ):
        return PAGE_BREAK
    return line


# --- Tables --------------------------------------------------------------------------

# Column roles of an assignment table, recognised by the words of its header cells.
_COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ordinal", re.compile(r"^(?:stt|tt|so tt|so thu tu|thu tu)$")),
    ("support", re.compile(r"\bphoi hop\b")),
    ("lead", re.compile(
        r"\bchu tri\b|\b(?:don vi|co quan|bo phan)\s+(?:thuc hien|thuc hien chinh|dau moi)\b"
        r"|^trach nhiem|^phan cong")),
    ("deadline", re.compile(r"\bthoi gian\b|\bthoi han\b|\btien do\b|\bhan hoan thanh\b")),
    ("content", re.compile(
        r"\bnoi dung\b|\bnhiem vu\b|\bcong viec\b|\bhoat dong\b|\bgiai phap\b|\bten\b")),
)


@dataclass(frozen=True)
class Columns:
    """Which cell of a row holds what; -1 when the table has no such column."""

    count: int
    ordinal: int = -1
    content: int = -1
    lead: int = -1
    support: int = -1
    deadline: int = -1


def table_columns(cells: Sequence[str]) -> Columns | None:
    """The columns of an assignment table when ``cells`` is its header row."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        folded = " ".join(fold_text(cell).replace(".", " ").split())
        if not folded or len(folded) > 60:
            continue
        for role, pattern in _COLUMN_ROLES:
            if role not in roles and pattern.search(folded):
                roles[role] = index
                break
    if "content" not in roles or not ("lead" in roles or "deadline" in roles):
        return None
    return Columns(count=len(cells), **roles)


def encode_row(cells: Sequence[str], columns: Columns) -> str:
    """A table row as one line; ``columns`` names what its cells hold."""
    head = ",".join(str(value) for value in (
        columns.count, columns.ordinal, columns.content, columns.lead, columns.support,
        columns.deadline,
    ))
    return ROW + CELL.join([head, *cells])


def decode_row(line: str) -> tuple[Columns, list[str]]:
    """Inverse of :func:`encode_row`."""
    head, *cells = line[1:].split(CELL)
    count, ordinal, content, lead, support, deadline = (int(v) for v in head.split(","))
    return Columns(count, ordinal, content, lead, support, deadline), cells


_SEPARATOR_CELL = re.compile(r":?-{3,}:?")


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [cell.strip() for cell in inner.split("|")]


def _is_separator(cells: Sequence[str]) -> bool:
    return all(_SEPARATOR_CELL.fullmatch(cell.replace(" ", "")) or not cell for cell in cells)


# --- The pass over the text ---------------------------------------------------------


def _editor_note_end(text: str) -> int:
    """Where the document starts after an editor's note on its first lines."""
    pos = 0
    while True:
        while pos < len(text) and text[pos] in " \t\n":
            pos += 1
        found = _NOTE.match(text, pos)
        if found is None or (found.end() < len(text) and text[found.end()] not in " \t\n"):
            return pos
        pos = found.end()


def _parts(raw: str) -> Iterator[str]:
    """The columns of a layout line: PDF puts two columns apart by runs of spaces."""
    stripped = raw.strip(" \t")
    if "    " not in stripped and "\t" not in stripped:
        yield stripped
        return
    yield from _COLUMNS.split(stripped)


@dataclass
class _Table:
    columns: Columns | None = None


_BLANK_RUNS = re.compile(r"\n(?:[ \t\u00a0]*\n){2,}")
_PAGE_NUMBER_START = frozenset("0123456789-–—=_*#tTpP")
_DECORATION_START = frozenset("-–—_=*~.·•")


def prepare(text: str) -> list[str]:
    """Clean lines of ``text``; PAGE_BREAK marks a page end, ROW lines are table rows."""
    text = unicodedata.normalize("NFC", text)
    if _DROP_CHARS.search(text) is not None:
        text = text.translate(_DROP)
    text = text[_editor_note_end(text):]
    # Runs of blank lines are one paragraph break; collapsing them here costs nothing
    # per line (a hostile text may be little else).
    text = _BLANK_RUNS.sub("\n\n", text)
    lines: list[str] = []
    pending_marker = ""
    after_page_break = False
    table = _Table()

    def emit(line: str) -> None:
        nonlocal pending_marker, after_page_break
        if line == PAGE_BREAK:
            # The blank lines around a page number are layout; whether the page break
            # ends a paragraph is for the block builder to judge.
            while lines and not lines[-1]:
                lines.pop()
            if lines and lines[-1] != PAGE_BREAK:
                lines.append(PAGE_BREAK)
            after_page_break = True
            return
        if not line:
            if not after_page_break:
                lines.append(line)
            return
        after_page_break = False
        first = line[0]
        if first in _DECORATION_START and _DECORATION.fullmatch(line):
            return
        if ("›" in line or ">" in line or "»" in line) and _BREADCRUMB.fullmatch(line):
            return
        if len(line) <= 12 and (line[-1] in ".)-+•" or first == "Đ") and _BARE_MARKER.fullmatch(
            line
        ):
            # "1." alone on its line, the item's text on the next one.
            pending_marker = line
            return
        if pending_marker:
            line = f"{pending_marker} {line}"
            pending_marker = ""
        lines.append(line)

    in_footnote = in_footnote_end = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            if "\f" in raw:
                emit(PAGE_BREAK)
            else:
                emit("")
            in_footnote = False
            continue
        if in_footnote:
            # A footnote goes on until a blank line or a line that opens a sentence
            # after one that ended.
            if stripped[0].islower() or not lines or not in_footnote_end:
                in_footnote_end = stripped.endswith((".", ";"))
                continue
            in_footnote = False
        if "\f" in raw:
            raw = raw.replace("\f", " ")
            stripped = raw.strip()
        if stripped[0] == "|" and stripped.count("|") >= 2:
            _table_line(_pipe_cells(stripped), table, emit)
            continue
        if "\t" in stripped and stripped.count("\t") >= 2:
            cells = [cell.strip() for cell in stripped.split("\t")]
            if table.columns is not None or table_columns(cells) is not None:
                _table_line(cells, table, emit)
                continue
        if table.columns is not None and _clean(stripped) != PAGE_BREAK:
            table.columns = None
        if "    " not in stripped and "\t" not in stripped:
            line = _clean(stripped)
            if line is None:
                in_footnote, in_footnote_end = True, stripped.endswith((".", ";"))
                continue
            emit(line)
            continue
        for part in _COLUMNS.split(stripped):
            line = _clean(part)
            if line is None:
                in_footnote, in_footnote_end = True, part.rstrip().endswith((".", ";"))
                break
            emit(line)
    return _drop_running_lines(lines)


def _table_line(cells: list[str], table: _Table, emit: Emit) -> None:
    if _is_separator(cells):
        return
    numbered = table.columns is not None and cells[max(table.columns.ordinal, 0)][:1].isdigit()
    header = None if numbered else table_columns(cells)
    if header is not None:
        table.columns = header
        return
    if table.columns is not None and any(cells):
        emit(encode_row([" ".join(cell.replace("*", "").split()) for cell in cells],
                        table.columns))
        return
    # A layout table: its cells are lines of their own.
    for cell in cells:
        cell = _EDGE_DECORATION.sub("", cell.replace("*", " "))
        for piece in _TRICH_YEU.split(cell):
            for part in _parts(piece):
                line = _clean(part)
                if line is not None:
                    emit(line)


def _page_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(fold_text(line).split()))


def _drop_running_lines(lines: list[str]) -> list[str]:
    """Drop a line that opens (or closes) several pages with the same words: a running
    header or footer, which OCR and PDF readers repeat on every page."""
    breaks = [i for i, line in enumerate(lines) if line == PAGE_BREAK]
    if len(breaks) < 2:
        return lines
    tops: list[int] = []
    bottoms: list[int] = []
    for index in breaks:
        after = next((i for i in range(index + 1, min(index + 4, len(lines))) if lines[i]), None)
        if after is not None and lines[after] != PAGE_BREAK and len(lines[after]) <= 120:
            tops.append(after)
        before = next((i for i in range(index - 1, max(index - 4, -1), -1) if lines[i]), None)
        if before is not None and lines[before] != PAGE_BREAK and len(lines[before]) <= 120:
            bottoms.append(before)
    pages = len(breaks) + 1
    edges = tops + bottoms
    counts = Counter(_page_key(lines[i]) for i in edges)
    repeated = {
        key for key, count in counts.items()
        if count >= 2 and count >= 0.3 * pages and len(key) >= 4
    }
    drop = {i for i in edges if _page_key(lines[i]) in repeated}
    if not drop:
        return lines
    return [line for i, line in enumerate(lines) if i not in drop]
