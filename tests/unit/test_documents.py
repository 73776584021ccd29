"""Reading uploaded notices: text encodings, .docx with tables, .pdf with and without text."""

from __future__ import annotations

import codecs
import io
import unicodedata
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from bot.adapters.agency_file import load_directory_file
from bot.adapters.documents import DocumentError, Limits, read_document, read_document_bytes
from bot.core.agencies import AgencyDirectory
from bot.extraction import extract

NOTICE = "THÔNG BÁO\n\nGiao Sở Nội vụ chủ trì, hoàn thành trước ngày 30/9/2026."


def _pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose content stream draws ``lines`` in Helvetica (ASCII only)."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx_with_header_table() -> bytes:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 0).text = "Số: 45/TB-UBND"
    table.cell(1, 1).text = "Lào Cai, ngày 5 tháng 3 năm 2026"
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "Ô gộp chỉ đọc một lần"
    document.add_paragraph("THÔNG BÁO")
    document.add_paragraph("")
    document.add_paragraph("1. Giao Sở Nội vụ chủ trì rà soát.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


TEXT_CASES: list[tuple[bytes, str]] = [
    (NOTICE.encode("utf-8"), NOTICE),
    (codecs.BOM_UTF8 + NOTICE.encode("utf-8"), NOTICE),
    (codecs.BOM_UTF16_LE + NOTICE.encode("utf-16-le"), NOTICE),
    (codecs.BOM_UTF16_BE + NOTICE.encode("utf-16-be"), NOTICE),
    (NOTICE.replace("\n", "\r\n").encode("utf-8"), NOTICE),
]


@pytest.mark.parametrize(("data", "expected"), TEXT_CASES)
def test_text_encodings(data: bytes, expected: str) -> None:
    assert read_document_bytes(data, "notice.txt") == expected


def test_nfd_text_is_composed() -> None:
    """Decomposed input comes back composed, so the extractor's patterns see one form."""
    nfd = unicodedata.normalize("NFD", "Sở Nội vụ")
    assert read_document_bytes(nfd.encode("utf-8"), "a.txt") == "Sở Nội vụ"


REFUSED: list[tuple[bytes, str, str]] = [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "scan.txt", "binary"),
    (b"abc\x00def", "a.txt", "binary"),
    ("Sở Nội vụ".encode("cp1258", errors="replace") + b"\xff\xfe\xfd", "a.txt", "undecodable"),
    (b"", "a.txt", "empty"),
    (b"   \n\n", "a.txt", "empty"),
    (b"hello", "notice.doc", "unsupported_type"),
    (b"hello", "notice", "unsupported_type"),
    (b"not a zip", "notice.docx", "corrupt"),
    (b"%PDF-1.4 garbage", "notice.pdf", "corrupt"),
]


@pytest.mark.parametrize(("data", "name", "code"), REFUSED)
def test_refusals(data: bytes, name: str, code: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_bytes(data, name)
    assert caught.value.code == code


def test_too_large() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_bytes(b"x" * 11, "a.txt", Limits(max_bytes=10))
    assert caught.value.code == "too_large"


def test_docx_reads_tables_in_document_order() -> None:
    text = read_document_bytes(_docx_with_header_table(), "tb.DOCX")
    order = ["ỦY BAN NHÂN DÂN", "Số: 45/TB-UBND", "Lào Cai, ngày 5 tháng 3 năm 2026",
             "THÔNG BÁO", "1. Giao Sở Nội vụ chủ trì rà soát."]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert text.count("Ô gộp chỉ đọc một lần") == 1
    assert "\n\n\n" not in text  # empty paragraphs are skipped


def test_pdf_with_text_layer() -> None:
    data = _pdf_with_text(["THONG BAO", "1. Giao So Noi vu chu tri, hoan thanh truoc 30/9/2026."])
    text = read_document_bytes(data, "notice.pdf")
    assert "THONG BAO" in text
    assert "30/9/2026" in text


def test_pdf_without_text_layer() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document_bytes(_blank_pdf(), "scan.pdf")
    assert caught.value.code == "no_text_layer"


def test_read_document_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "tb.txt"
    path.write_bytes(codecs.BOM_UTF8 + NOTICE.encode("utf-8"))
    assert read_document(path) == NOTICE
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 100)
    with pytest.raises(DocumentError) as caught:
        read_document(big, Limits(max_bytes=50))
    assert caught.value.code == "too_large"
    with pytest.raises(DocumentError) as missing:
        read_document(tmp_path / "missing.txt")
    assert missing.value.code == "unreadable"
    with pytest.raises(DocumentError) as kind:
        read_document(tmp_path / "photo.jpg")
    assert kind.value.code == "unsupported_type"


def test_docx_notice_end_to_end() -> None:
    """A .docx whose header sits in a table reads into text the extractor understands."""
    example = Path(__file__).resolve().parents[2] / "config" / "agencies.example.toml"
    directory = AgencyDirectory(load_directory_file(example))
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 45/TB-UBND"
    header.cell(1, 1).text = "Lào Cai, ngày 5 tháng 3 năm 2026"
    for text in [
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp",
        "Ngày 02/3/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:",
        "1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát biên chế; hoàn thành "
        "trước ngày 30/6/2026.",
        "2. UBND các phường: Yên Bái, Văn Phú khẩn trương bàn giao hồ sơ trong tháng 4/2026.",
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    ]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    ex = extract(read_document_bytes(out.getvalue(), "tb.docx"), directory)
    assert (ex.document.number, ex.document.issuer, str(ex.document.issued_on)) == (
        "45/TB-UBND", "UBND tỉnh Lào Cai", "2026-03-05"
    )
    assert [(t.ordinal, t.lead, t.support, str(t.deadline)) for t in ex.tasks] == [
        ("1", ["Sở Nội vụ"], ["Sở Tài chính"], "2026-06-30"),
        ("2", ["UBND phường Yên Bái", "UBND phường Văn Phú"], [], "2026-04-30"),
    ]
