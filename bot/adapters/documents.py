"""Read the text of an uploaded notice (.txt, .docx, .pdf) for the extractor.

The only I/O in the extraction path lives here, kept thin: decoding and layout
walking, no interpretation. Errors carry a ``code`` (never UI text) so the bot can
explain in Vietnamese why a file was refused.
"""

from __future__ import annotations

import codecs
import io
import logging
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MAX_BYTES = 5_000_000
EXTENSIONS = (".txt", ".docx", ".pdf")


class DocumentError(ValueError):
    """A file the extractor cannot read.

    Codes: ``unsupported_type``, ``too_large``, ``unreadable``, ``empty``, ``binary``,
    ``undecodable``, ``corrupt``, ``encrypted``, ``no_text_layer``.
    """

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a notice on disk; raises :class:`DocumentError`."""
    _check_extension(path.name)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError("too_large")
        data = path.read_bytes()
    except OSError:
        raise DocumentError("unreadable") from None
    return read_document_bytes(data, path.name, max_bytes=max_bytes)


def read_document_bytes(data: bytes, filename: str, max_bytes: int = MAX_BYTES) -> str:
    """The text of an uploaded notice, chosen by the file name's extension."""
    extension = _check_extension(filename)
    if len(data) > max_bytes:
        raise DocumentError("too_large")
    if not data:
        raise DocumentError("empty")
    if extension == ".txt":
        text = _decode_text(data)
    elif extension == ".docx":
        text = _docx_text(data)
    else:
        text = _pdf_text(data)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError("no_text_layer" if extension == ".pdf" else "empty")
    return text


def _check_extension(filename: str) -> str:
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
    if any(ch < " " and ch not in "\t\n\r\f\v" for ch in text):
        raise DocumentError("binary")
    return text


def _docx_text(data: bytes) -> str:
    """Paragraphs and table cells in document order, one block per paragraph.

    Vietnamese notices usually put the issuer, number, place and date in a header
    table, so tables cannot be skipped; merged cells are read once.
    """
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a runtime dependency
        raise DocumentError("unsupported_type") from None
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document.element.body, document))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DocumentError("corrupt") from None
    except Exception as exc:  # lxml and python-docx raise many types on broken files
        if type(exc).__module__.startswith(("docx", "lxml")):
            raise DocumentError("corrupt") from None
        raise
    return "\n\n".join(block for block in blocks if block.strip())


def _docx_blocks(container: Any, parent: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent).text
        elif tag == "tbl":
            table = Table(child, parent)
            # Merged cells repeat across the grid; keep the elements themselves (not ids,
            # which lxml proxies may reuse) to read each one once.
            seen: list[Any] = []
            for row in table.rows:
                for cell in row.cells:
                    if any(cell._tc is element for element in seen):
                        continue
                    seen.append(cell._tc)
                    yield from _docx_blocks(cell._tc, cell)
        elif tag == "sdt":
            content = child.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent"
            )
            if content is not None:
                yield from _docx_blocks(content, parent)


def _pdf_text(data: bytes) -> str:
    """The text layer of every page; a scan without one is refused (no OCR here)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a runtime dependency
        raise DocumentError("unsupported_type") from None
    # pypdf logs its complaints about damaged files; the caller reports them as one
    # DocumentError instead, so a CLI user sees one line and no log noise.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
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
