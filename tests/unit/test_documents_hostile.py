"""Hostile documents (issue #17): every read is bounded, only regular files are read, and
the child process's memory and time limits catch what a bound would miss. Limits are made
small here so that each case is quick; ``bench/documents.py`` measures the real ones."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from bot.adapters.agency_file import load_directory_file
from bot.adapters.documents import DocumentError, Limits, read_document, read_document_bytes
from bot.adapters.notice_reader import read_notice, read_notice_sync
from config.settings import DEFAULT_AGENCIES_FILE

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_of(body: bytes | str, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx whose word/document.xml body is ``body`` (compressed)."""
    raw = body.encode() if isinstance(body, str) else body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml",
                         f'<?xml version="1.0"?><w:document {W}><w:body>'.encode() + raw
                         + b"</w:body></w:document>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def _code(data: bytes, name: str, limits: Limits | None = None) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document_bytes(data, name, limits)
    return caught.value.code


def test_a_docx_that_unpacks_to_far_more_is_refused_early() -> None:
    bomb = docx_of(b"<w:p><w:r><w:t>" + b"a" * 30_000_000 + b"</w:t></w:r></w:p>")
    assert len(bomb) < 100_000
    started = time.monotonic()
    assert _code(bomb, "bomb.docx") == "too_big_unpacked"
    assert time.monotonic() - started < 10  # refused by its declared size, not by reading


def test_millions_of_empty_paragraphs_stop_at_the_paragraph_limit() -> None:
    assert _code(docx_of(b"<w:p/>" * 100_000), "p.docx", Limits(max_paragraphs=1_000)) == (
        "too_many_paragraphs"
    )
    assert _code(docx_of(b"<w:p>" + b"<w:r/>" * 50_000 + b"</w:p>"), "r.docx",
                 Limits(max_elements=10_000)) == "too_complex"


def test_entities_and_many_parts_are_refused() -> None:
    laughs = (b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
              b"<w:document " + W.encode() + b"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>"
              b"</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", laughs)
    assert _code(out.getvalue(), "laughs.docx") == "corrupt"
    many = docx_of("<w:p><w:r><w:t>x</w:t></w:r></w:p>",
                   {f"word/media/{i}.bin": b"" for i in range(60)})
    assert _code(many, "many.docx", Limits(max_parts=50)) == "too_many_parts"


def test_docx_table_rows_are_lines_of_cells_in_document_order() -> None:
    document = docx.Document()
    document.add_paragraph("Mở đầu")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 0).text = "Số: 45/TB-UBND"
    table.cell(1, 1).text = "Lào Cai, ngày 5 tháng 3 năm 2026"
    document.add_paragraph("1. Giao Sở Nội vụ chủ trì.")
    out = io.BytesIO()
    document.save(out)
    assert read_document_bytes(out.getvalue(), "tb.docx").split("\n\n") == [
        "Mở đầu",
        "| ỦY BAN NHÂN DÂN TỈNH LÀO CAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
        "| Số: 45/TB-UBND | Lào Cai, ngày 5 tháng 3 năm 2026 |",
        "1. Giao Sở Nội vụ chủ trì.",
    ]


def _pdf(pages: int, owner_password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if owner_password:
        writer.encrypt(user_password="", owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    assert _code(_pdf(5), "many.pdf", Limits(max_pages=4)) == "too_many_pages"


def test_an_aes_pdf_with_only_an_owner_password_is_read() -> None:
    """It opens in any reader; before ``cryptography`` it was refused as damaged."""
    # A blank page has no text layer: reaching that verdict means it was decrypted.
    assert _code(_pdf(1, owner_password="chủ sở hữu"), "aes.pdf") == "no_text_layer"


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)  # nobody writes: opening it the usual way would wait forever
    with pytest.raises(DocumentError) as caught:
        read_document(fifo)
    assert caught.value.code == "not_regular"
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "zero.txt")
    assert caught.value.code == "not_regular"


def test_a_long_text_is_refused_before_the_extractor() -> None:
    assert _code(("a\n\n" * 30_000).encode(), "a.txt") == "too_many_paragraphs"
    assert _code(("chữ " * 200_000).encode(), "a.txt") == "too_long"


AGENCIES = load_directory_file(DEFAULT_AGENCIES_FILE)
NOTICE = ("THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\n1. Giao Sở Nội vụ chủ trì rà soát "
          "vị trí việc làm, hoàn thành trước ngày 30/9/2026.\n")


def test_the_child_reads_and_extracts() -> None:
    reading = read_notice_sync(data=NOTICE.encode(), filename="tb.txt", agencies=AGENCIES)
    assert reading.text == NOTICE
    assert [task.lead for task in reading.extraction.tasks] == [["Sở Nội vụ"]]


def _paragraphs_bomb(count: int, size: int) -> bytes:
    """``count`` paragraphs of ``size`` letters each, written in pieces (the test process
    never holds the unpacked text)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/document.xml", "w", force_zip64=True) as body:
        body.write(f'<w:document {W}><w:body>'.encode())
        for _ in range(count):
            body.write(b"<w:p><w:r><w:t>")
            for _ in range(size // 1_000_000):
                body.write(b"a" * 1_000_000)
            body.write(b"</w:t></w:r></w:p>")
        body.write(b"</w:body></w:document>")
    return out.getvalue()


def test_the_childs_memory_limit_catches_what_no_bound_did() -> None:
    bomb = _paragraphs_bomb(60, 8_000_000)  # 480 MB of text once unpacked
    unbounded = Limits(max_unpacked=10**10, max_elements=10**9, max_paragraphs=10**9,
                       max_chars=10**10, seconds=120)
    with pytest.raises(DocumentError) as caught:
        read_notice_sync(data=bomb, filename="bomb.docx", agencies=AGENCIES, limits=unbounded,
                         memory=200 * 1024 * 1024, timeout=60)
    assert caught.value.code == "too_much_memory"


async def test_the_child_is_killed_at_its_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        await read_notice(text=NOTICE, agencies=AGENCIES, timeout=0.05)
    assert caught.value.code == "too_slow"
    assert time.monotonic() - started < 5
