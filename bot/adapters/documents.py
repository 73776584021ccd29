"""Read the text of an uploaded notice (.txt, .docx, .pdf) for the extractor, within bounds.

The only I/O in the extraction path lives here, kept thin: decoding and layout walking,
no interpretation. Everything read is bounded (issue #17: a .docx under the upload limit
unpacked to gigabytes, an endless file read to 10 GB, ten million empty paragraphs took
minutes): the file's size, the unpacked size and the number of parts of a .docx, its XML
elements and paragraphs, the pages of a PDF, the text handed to the extractor, and the
time spent. Callers in the bot run this in a child process with a memory limit
(:mod:`bot.adapters.notice_reader`), so even a bound forgotten here cannot reach the bot.

Errors carry a ``code`` (never UI text) so the bot can explain in Vietnamese which limit
was hit.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bot.adapters.files import FileRefused, read_regular_file

EXTENSIONS = (".txt", ".docx", ".pdf")


@dataclass(frozen=True)
class Limits:
    """What one notice may cost. A real notice is a few dozen kilobytes, a few hundred
    paragraphs and under fifty pages; each bound is far above that and far below harm.
    README ("Limits") lists them; ``python -m bench.documents`` measures the worst cases."""

    max_bytes: int = 5_000_000
    """The file as uploaded (the bot's upload limit is lower, see handlers.new)."""
    max_unpacked: int = 20_000_000
    """Bytes of the .docx body (word/document.xml) once decompressed."""
    max_parts: int = 2_000
    """Entries in a .docx (a zip)."""
    max_elements: int = 500_000
    """XML elements of the .docx body."""
    max_paragraphs: int = 10_000
    """Paragraphs and table rows of a .docx, pages' lines of a PDF, lines of a text."""
    max_pages: int = 300
    """Pages of a PDF."""
    max_chars: int = 500_000
    """Characters of text handed to the extractor."""
    seconds: float = 5.0
    """Time budget for reading (the child process's timeout also covers extraction)."""


MAX_BYTES = Limits().max_bytes


class DocumentError(ValueError):
    """A file the extractor cannot read.

    Codes: ``unsupported_type``, ``too_large``, ``unreadable``, ``not_regular``,
    ``empty``, ``binary``, ``undecodable``, ``corrupt``, ``encrypted``,
    ``no_text_layer``, ``too_big_unpacked``, ``too_many_parts``, ``too_complex``,
    ``too_many_paragraphs``, ``too_many_pages``, ``too_long``, ``too_slow``,
    ``too_much_memory``, ``failed``.
    """

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


class _Budget:
    """The reading's deadline, checked between steps."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise DocumentError("too_slow")


def read_document(path: Path, limits: Limits | None = None) -> str:
    """The text of a notice on disk (a regular file only); raises :class:`DocumentError`."""
    limits = limits or Limits()
    check_extension(path.name)
    try:
        data = read_regular_file(path, limits.max_bytes)
    except FileRefused as exc:
        code = {"too_large": "too_large", "not_regular": "not_regular"}.get(exc.code, "unreadable")
        raise DocumentError(code) from None
    return read_document_bytes(data, path.name, limits)


def read_document_bytes(data: bytes, filename: str, limits: Limits | None = None) -> str:
    """The text of an uploaded notice, chosen by the file name's extension."""
    limits = limits or Limits()
    budget = _Budget(limits.seconds)
    extension = check_extension(filename)
    if len(data) > limits.max_bytes:
        raise DocumentError("too_large")
    if not data:
        raise DocumentError("empty")
    if extension == ".txt":
        text = _decode_text(data)
    elif extension == ".docx":
        text = _docx_text(data, limits, budget)
    else:
        text = _pdf_text(data, limits, budget)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError("no_text_layer" if extension == ".pdf" else "empty")
    check_text(text, limits)
    return text


def check_text(text: str, limits: Limits | None = None) -> None:
    """Refuse a text too long for the extractor (its time grows faster than the text)."""
    limits = limits or Limits()
    if len(text) > limits.max_chars:
        raise DocumentError("too_long")
    if text.count("\n") + 1 > limits.max_paragraphs * 2:  # a paragraph is a line + a blank
        raise DocumentError("too_many_paragraphs")


def check_extension(filename: str) -> str:
    """The lower-case extension of a notice's file name, or DocumentError."""
    extension = Path(filename).suffix.lower()
    if extension not in EXTENSIONS:
        raise DocumentError("unsupported_type")
    return extension


def _decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused, not guessed."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if b"\x00" in data:
            raise DocumentError("binary")
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError("undecodable") from None
    if _CONTROL.search(text):
        raise DocumentError("binary")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")

# --- .docx ---------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _BODY = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}body"
_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_OFFICE_DOCUMENT = re.compile(
    rb'Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"|'
    rb'Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"'
)


class _BoundedStream(io.RawIOBase):
    """A decompressing stream that refuses to give more than ``limit`` bytes, and stops
    when the time budget is spent (a zip may lie about its sizes)."""

    def __init__(self, raw: IO[bytes], limit: int, budget: _Budget) -> None:
        self.raw = raw
        self.left = limit
        self.budget = budget

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.budget.check()
        wanted = 1 << 16 if size is None or size < 0 else min(size, 1 << 16)
        chunk = self.raw.read(wanted)
        self.left -= len(chunk)
        if self.left < 0:
            raise DocumentError("too_big_unpacked")
        return chunk

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _main_part(archive: zipfile.ZipFile) -> str:
    """The body's name inside the .docx, from the package relationships."""
    try:
        info = archive.getinfo("_rels/.rels")
    except KeyError:
        return "word/document.xml"
    if info.file_size > 100_000:
        raise DocumentError("too_big_unpacked")
    with archive.open(info) as rels:
        found = _OFFICE_DOCUMENT.search(rels.read(100_001))
    if found is None:
        return "word/document.xml"
    return (found.group(1) or found.group(2)).decode("utf-8", "replace")


def _docx_text(data: bytes, limits: Limits, budget: _Budget) -> str:
    """Paragraphs in document order, one block each; a table row is one line
    ``| cell | cell |`` among them (notices put the issuer, number and date in a header
    table, so tables cannot be skipped)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentError("corrupt") from None
    with archive:
        if len(archive.infolist()) > limits.max_parts:
            raise DocumentError("too_many_parts")
        try:
            info = archive.getinfo(_main_part(archive))
        except KeyError:
            raise DocumentError("corrupt") from None
        if info.file_size > limits.max_unpacked:
            raise DocumentError("too_big_unpacked")
        try:
            with archive.open(info) as raw:
                return _walk_body(_BoundedStream(raw, limits.max_unpacked, budget), limits,
                                  budget)
        except DocumentError:
            raise
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
            raise DocumentError("corrupt") from None
        except Exception as exc:  # lxml raises its own types on broken XML
            if type(exc).__module__.startswith("lxml"):
                raise DocumentError("corrupt") from None
            raise


class _Table:
    __slots__ = ("rows",)

    def __init__(self) -> None:
        self.rows: list[list[list[str]]] = []


def _walk_body(stream: _BoundedStream, limits: Limits, budget: _Budget) -> str:
    """One pass over the body's XML, keeping only the paragraph being read in memory."""
    from lxml import etree

    head = stream.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:  # Word never writes one: a bomb's vehicle
        raise DocumentError("corrupt")
    source = io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)
    events = etree.iterparse(
        source, events=("start", "end"), resolve_entities=False, no_network=True,
        huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True,
    )
    blocks: list[str] = []
    tables: list[_Table] = []
    paragraphs = elements = chars = 0
    depth_p = 0
    for event, element in events:
        tag = element.tag
        if event == "start":
            elements += 1
            if elements > limits.max_elements:
                raise DocumentError("too_complex")
            if elements % 5_000 == 0:
                budget.check()
            if tag == _P:
                depth_p += 1
            elif tag == _TBL:
                tables.append(_Table())
            elif tag == _TR and tables:
                tables[-1].rows.append([])
            elif tag == _TC and tables and tables[-1].rows:
                tables[-1].rows[-1].append([])
            continue
        if tag == _P:
            depth_p -= 1
            if depth_p:
                continue  # a text box's paragraph: its text is in the outer one
            paragraphs += 1
            if paragraphs > limits.max_paragraphs:
                raise DocumentError("too_many_paragraphs")
            text = _paragraph_text(element)
            chars += len(text)
            if chars > limits.max_chars:
                raise DocumentError("too_long")
            if tables and tables[-1].rows and tables[-1].rows[-1]:
                tables[-1].rows[-1][-1].append(text)
            elif not tables:
                blocks.append(text)
            _forget(element)
        elif tag == _TBL and tables:
            table = tables.pop()
            if tables and tables[-1].rows and tables[-1].rows[-1]:
                # A table inside a cell: its text joins that cell.
                tables[-1].rows[-1][-1].extend(
                    " ".join(" ".join(cell) for cell in row) for row in table.rows
                )
            else:
                for row in table.rows:
                    paragraphs += 1
                    if paragraphs > limits.max_paragraphs:
                        raise DocumentError("too_many_paragraphs")
                    cells = [" ".join(" ".join(cell).split()) for cell in row]
                    if any(cells):
                        blocks.append("| " + " | ".join(cells) + " |")
            _forget(element)
    return "\n\n".join(block for block in blocks if block.strip())


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(*_TEXT_TAGS):
        fixed = _TEXT_TAGS[node.tag]
        parts.append(node.text or "" if fixed is None else fixed)
    return "".join(parts)


def _forget(element: Any) -> None:
    """Free a finished element and the finished siblings before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


class _Prefixed(io.RawIOBase):
    """``head`` (already read to look at) followed by the rest of ``stream``."""

    def __init__(self, head: bytes, stream: _BoundedStream) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        return self.stream.readinto(buffer)


# --- .pdf ----------------------------------------------------------------------------


def _pdf_text(data: bytes, limits: Limits, budget: _Budget) -> str:
    """The text layer of every page; a scan without one is refused (no OCR here).

    Owner-password-only PDFs (they open in any reader) are decrypted with an empty user
    password; AES needs the ``cryptography`` package, a dependency for this reason.
    """
    try:
        from pypdf import PdfReader, apply_configuration
        from pypdf.errors import (
            DependencyError,
            FileNotDecryptedError,
            LimitReachedError,
            PdfReadError,
        )
    except ImportError:  # pragma: no cover - pypdf is a runtime dependency
        raise DocumentError("unsupported_type") from None
    # pypdf logs its complaints about damaged files; the caller reports them as one
    # DocumentError instead, so a CLI user sees one line and no log noise.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    pages: list[str] = []
    chars = 0
    try:
        with apply_configuration(
            maximum_declared_stream_length=limits.max_unpacked,
            zlib_maximum_output_length=limits.max_unpacked,
            lzw_maximum_output_length=limits.max_unpacked,
            run_length_maximum_output_length=limits.max_unpacked,
            array_based_stream_maximum_output_length=limits.max_unpacked,
            stream_decoding_work_maximum_length=4 * limits.max_unpacked,
        ):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError("encrypted")
            if len(reader.pages) > limits.max_pages:
                raise DocumentError("too_many_pages")
            for page in reader.pages:
                budget.check()
                text = page.extract_text() or ""
                chars += len(text)
                if chars > limits.max_chars:
                    raise DocumentError("too_long")
                pages.append(text)
    except DocumentError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise DocumentError("encrypted") from None
    except LimitReachedError:  # pypdf's own bounds, set from ours above
        raise DocumentError("too_big_unpacked") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise DocumentError("corrupt") from None
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        if type(exc).__module__.startswith("pypdf"):
            raise DocumentError("corrupt") from None
        raise
    if not any(page.strip() for page in pages):
        raise DocumentError("no_text_layer")
    # A form feed marks the page break, so the extractor can tell a paragraph that goes
    # on over the page from one that ends with it.
    return "\n\f\n".join(pages)
