"""``python -m bot extract`` and ``python -m bot import`` as an operator runs them."""

from __future__ import annotations

import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.extractor_eval import GOLD, sample_files, samples_dir
from tests.cli.test_cli import run_cli
from tests.unit.test_documents import _blank_pdf, _docx_with_header_table, _pdf_with_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notices"
NOTICE = FIXTURES / "post2025_ubnd.txt"

TASK_KEYS = {"ordinal", "text", "lead", "support", "deadline", "deadline_text", "recurrence",
             "lead_source", "deadline_source"}

NO_LEAD = (
    "Số: 7/TB-UBND\n\nHưng Yên, ngày 10 tháng 4 năm 2026\n\nTHÔNG BÁO\nKết luận của Chủ tịch\n\n"
    "Ngày 07/4/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp và kết luận như sau:\n\n"
    "1. Giao Sở Y tế rà soát trạm y tế xã; hoàn thành trước ngày 30/6/2026.\n\n"
    "2. Tiếp tục rà soát hồ sơ người có công, bảo đảm đúng quy định.\n\n"
    "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n"
)


def _rows(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(tmp_path / "data" / "nhacviec.sqlite3") as conn:
        return list(conn.execute(sql))


def test_extract_json_has_exactly_the_documented_shape(tmp_path: Path) -> None:
    result = run_cli("extract", str(NOTICE), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert set(data) == {"document", "tasks"}
    assert data["document"] == {
        "number": "45/TB-UBND", "issuer": "UBND tỉnh Lào Cai", "signer": "Nguyễn Thị Hoa",
        "issued_on": "2026-02-25", "meeting_on": "2026-02-20",
        "title": "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về công tác sau sắp xếp đơn vị "
                 "hành chính",
    }
    assert [task["ordinal"] for task in data["tasks"]] == [
        "II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "II.7", "II.8", "III.1"
    ]
    assert all(set(task) == TASK_KEYS for task in data["tasks"])
    first, fourth, fifth = data["tasks"][0], data["tasks"][3], data["tasks"][4]
    assert (first["lead"], first["support"]) == (["Sở Nội vụ"], ["Sở Tài chính", "Sở Xây dựng"])
    assert (first["deadline"], first["deadline_text"]) == ("2026-06-30", "trước ngày 30/6/2026")
    assert (fourth["recurrence"], fourth["deadline"]) == ("quarterly:last", "2026-03-31")
    assert fifth["recurrence"] == "weekly:4"
    # Nothing was written: extract does not open the database.
    assert not (tmp_path / "data").exists()


def test_extract_reads_standard_input(tmp_path: Path) -> None:
    result = run_cli("extract", "-", "--json", cwd=tmp_path,
                     stdin=NOTICE.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["number"] == "45/TB-UBND"
    assert [task["ordinal"] for task in data["tasks"]][:2] == ["II.1", "II.2"]
    first = data["tasks"][0]
    assert (first["lead_source"], first["deadline_source"]) == ("written", "written")
    empty = run_cli("extract", "-", cwd=tmp_path, stdin="")
    assert empty.returncode == 2 and empty.stdout == "" and "-" in empty.stderr


def test_extract_prints_a_readable_vietnamese_proposal(tmp_path: Path) -> None:
    result = run_cli("extract", str(NOTICE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Đề xuất 9 nhiệm vụ:" in out
    assert "II.1. Giao Sở Nội vụ chủ trì" in out
    assert "Chủ trì   : Sở Nội vụ" in out and "Phối hợp  : Sở Tài chính, Sở Xây dựng" in out
    assert "Thời hạn  : 30/06/2026 (“trước ngày 30/6/2026”)" in out
    assert "Định kỳ   : hằng quý, hạn gần nhất 31/03/2026" in out
    assert "Ngày ban hành   : 25/02/2026" in out


def test_extract_reads_docx_and_pdf(tmp_path: Path) -> None:
    (tmp_path / "notice.docx").write_bytes(_docx_with_header_table())
    result = run_cli("extract", "notice.docx", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["number"] == "45/TB-UBND"
    assert data["tasks"][0]["lead"] == ["Sở Nội vụ"]

    (tmp_path / "notice.pdf").write_bytes(_pdf_with_text([
        "THONG BAO", "1. Giao So Noi vu chu tri, ra soat ho so; hoan thanh truoc ngay 30/9/2026.",
    ]))
    result = run_cli("extract", "notice.pdf", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    tasks = json.loads(result.stdout)["tasks"]
    assert len(tasks) == 1 and tasks[0]["deadline"] == "2026-09-30"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "Không tìm thấy tệp missing.txt"),
        ("notice.odt", b"PK\x03\x04 odt", "chỉ nhận tệp .txt, .docx hoặc .pdf"),
        ("junk.txt", b"\x00\x01\x02\xff\xfe binary", "không phải tệp văn bản"),
        ("junk.pdf", b"\x16\x1b\x8a5\xeb random bytes", "bị hỏng"),
        ("junk.docx", b"not a zip at all", "bị hỏng"),
        ("scan.pdf", "blank", "là bản scan"),
        ("empty.txt", b"", "không có nội dung"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "import"])
def test_unreadable_files_are_one_line_and_exit_2(
    tmp_path: Path, command: str, name: str, content: bytes | str | None, message: str
) -> None:
    if content == "blank":
        (tmp_path / name).write_bytes(_blank_pdf())
    elif isinstance(content, bytes):
        (tmp_path / name).write_bytes(content)
    result = run_cli(command, name, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_import_yes_saves_then_refuses_the_same_notice(tmp_path: Path) -> None:
    result = run_cli("import", str(NOTICE), "--yes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Đã lưu kết luận #1 với 9 nhiệm vụ (số nhiệm vụ 1–9)." in result.stdout
    # Names the directory does not know are added as custom agencies, and said so.
    assert "Đã thêm 2 cơ quan mới vào danh mục: UBND phường Yên Bái, UBND phường Văn Phú" in (
        result.stdout
    )
    assert _rows(tmp_path, "SELECT number, issued_on, issuer FROM conclusions") == [
        ("45/TB-UBND", "2026-02-25", "UBND tỉnh Lào Cai")
    ]
    tasks = _rows(tmp_path, "SELECT ordinal, deadline, deadline_kind, recurrence FROM tasks"
                            " ORDER BY position")
    assert tasks[0] == ("II.1", "2026-06-30", "date", None)
    assert tasks[3] == ("II.4", "2026-03-31", "recurring", "quarterly:last")
    assert tasks[5] == ("II.6", None, "none", None)
    roles = _rows(tmp_path, "SELECT a.name, ta.role FROM task_agencies ta JOIN agencies a"
                            " ON a.id = ta.agency_id JOIN tasks t ON t.id = ta.task_id"
                            " WHERE t.ordinal = 'II.1' ORDER BY ta.role, a.name")
    assert roles == [("Sở Nội vụ", "lead"), ("Sở Tài chính", "support"),
                     ("Sở Xây dựng", "support")]
    assert _rows(tmp_path, "SELECT name FROM agencies WHERE origin = 'admin' ORDER BY id") == [
        ("UBND phường Yên Bái",), ("UBND phường Văn Phú",)
    ]

    again = run_cli("import", str(NOTICE), "--yes", cwd=tmp_path)
    assert again.returncode == 1
    assert "đã được nhập trước đây (kết luận #1, số 45/TB-UBND, ngày 25/02/2026)" in again.stderr
    assert _rows(tmp_path, "SELECT count(*) FROM tasks") == [(9,)]
    assert _rows(tmp_path, "SELECT count(*) FROM agencies WHERE origin = 'admin'") == [(2,)]


def test_import_asks_before_saving(tmp_path: Path) -> None:
    declined = run_cli("import", str(NOTICE), cwd=tmp_path, stdin="k\n")
    assert declined.returncode == 1
    assert "Lưu thông báo này với 9 nhiệm vụ? [c/K]" in declined.stdout
    assert "Sẽ thêm 2 cơ quan mới vào danh mục" in declined.stdout
    assert "Đã hủy, chưa lưu gì." in declined.stdout
    assert _rows(tmp_path, "SELECT count(*) FROM conclusions") == [(0,)]
    assert _rows(tmp_path, "SELECT count(*) FROM agencies WHERE origin = 'admin'") == [(0,)]

    no_terminal = run_cli("import", str(NOTICE), cwd=tmp_path, stdin="")
    assert no_terminal.returncode == 1 and "Đã hủy" in no_terminal.stdout

    accepted = run_cli("import", str(NOTICE), cwd=tmp_path, stdin="c\n")
    assert accepted.returncode == 0, accepted.stderr
    assert _rows(tmp_path, "SELECT count(*) FROM tasks") == [(9,)]


def test_import_without_a_lead(tmp_path: Path) -> None:
    (tmp_path / "no_lead.txt").write_text(NO_LEAD, encoding="utf-8")
    refused = run_cli("import", "no_lead.txt", "--yes", cwd=tmp_path)
    assert refused.returncode == 1
    assert "Chưa xác định cơ quan chủ trì cho nhiệm vụ 2; không lưu gì." in refused.stderr
    assert _rows(tmp_path, "SELECT count(*) FROM conclusions") == [(0,)]

    # Interactively the operator names it (a former name resolves to its successor).
    named = run_cli("import", "no_lead.txt", cwd=tmp_path, stdin="Sở LĐ-TB&XH\nc\n")
    assert named.returncode == 0, named.stderr
    assert "Nhiệm vụ 2 chưa có cơ quan chủ trì" in named.stdout
    assert _rows(tmp_path, "SELECT t.ordinal, a.name FROM task_agencies ta JOIN tasks t"
                           " ON t.id = ta.task_id JOIN agencies a ON a.id = ta.agency_id"
                           " ORDER BY t.position") == [("1", "Sở Y tế"), ("2", "Sở Nội vụ")]


def test_import_skipping_the_task_without_a_lead(tmp_path: Path) -> None:
    (tmp_path / "no_lead.txt").write_text(NO_LEAD, encoding="utf-8")
    result = run_cli("import", "no_lead.txt", cwd=tmp_path, stdin="\nc\n")
    assert result.returncode == 0, result.stderr
    assert "Bỏ qua nhiệm vụ 2." in result.stdout
    assert _rows(tmp_path, "SELECT ordinal FROM tasks") == [("1",)]


def test_import_refuses_a_text_without_tasks(tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text("Kính gửi anh Nam,\n\nHẹn gặp lại.\n", encoding="utf-8")
    result = run_cli("import", "letter.txt", "--yes", cwd=tmp_path)
    assert result.returncode == 1
    assert "Không tìm thấy nhiệm vụ nào trong letter.txt; không lưu gì." in result.stderr


SAMPLES = samples_dir()
needs_samples = pytest.mark.skipif(
    not sample_files(SAMPLES), reason=f"sample notices not found in {SAMPLES}"
)


@needs_samples
def test_real_samples_extract_and_import_once(tmp_path: Path) -> None:
    files = sample_files(SAMPLES)
    # The extractions read nothing but their file: run them side by side (each is a
    # process and its reader child, mostly waiting on start-up).
    with ThreadPoolExecutor(max_workers=len(files)) as pool:
        results = dict(zip(files, pool.map(
            lambda path: run_cli("extract", str(path), "--json", cwd=tmp_path),
            files.values()), strict=True))
    for prefix, result in results.items():
        assert result.returncode == 0, result.stderr
        ordinals = [task["ordinal"] for task in json.loads(result.stdout)["tasks"]]
        assert ordinals == [expected.ordinal for expected in GOLD[prefix]]
    for path in files.values():
        result = run_cli("import", str(path), "--yes", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    # Each is refused the second time (reading only, so side by side too).
    with ThreadPoolExecutor(max_workers=len(files)) as pool:
        refusals = list(pool.map(
            lambda path: run_cli("import", str(path), "--yes", cwd=tmp_path), files.values()))
    for again in refusals:
        assert again.returncode == 1 and "đã được nhập trước đây" in again.stderr
    total = sum(len(GOLD[prefix]) for prefix in files)
    assert _rows(tmp_path, "SELECT count(*) FROM tasks") == [(total,)]
