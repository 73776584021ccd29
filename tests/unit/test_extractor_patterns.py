"""The patterns of letters, Party conclusions, plans, tables and OCR'd scans, each on an
invented document in ``tests/fixtures/notices`` (no real document is copied).

Each table was written from reading the fixture, as a clerk would enter it: ordinal ->
(lead, lead source, support, deadline, deadline source, recurrence).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.core.normalize import fold
from bot.extraction import Extraction, extract, extraction_to_json

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "notices"
DIRECTORY = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))

Row = tuple[list[str], str | None, list[str], date | None, str | None, str | None]

BO_NNMT = "Bộ Nông nghiệp và Môi trường"
PROVINCES = "UBND các tỉnh, thành phố trực thuộc Trung ương"
VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
GROUP_XA = "UBND các xã, phường"
GROUP_SO = "Các sở, ban, ngành tỉnh"
NNMT = "Sở Nông nghiệp và Môi trường"
COMPANIES = ["Công ty cổ phần Khai thác đá Đông Sơn", "Tổng công ty Xây dựng Lam Sơn",
             "Công ty TNHH Thành Công"]

EXPECTED: dict[str, dict[str, Row]] = {
    # A Government Office letter: unnumbered directive paragraphs after "có ý kiến như
    # sau:"; a paragraph naming nobody goes to the addressees of "Kính gửi"; the closing
    # request to "các cơ quan" is no task.
    "vpcp_letter": {
        "1": ([BO_NNMT], "written", ["Bộ Tài chính"], date(2026, 7, 30), "written", None),
        "2": ([PROVINCES], "written", [], date(2026, 9, 15), "written", None),
        "3": ([BO_NNMT, "Bộ Tài chính", PROVINCES], "document", [], date(2026, 6, 20), "written",
              "monthly:20"),
    },
    # A ministry's request "đề nghị … một số nội dung sau:" sets the items' lead, also of
    # "1. Chỉ đạo Sở Y tế …" (the provinces direct their department, as under an agency
    # heading); a span counts from the effective date the letter states; "trước ngày 30
    # tháng 6 hằng năm" recurs; "Trong quá trình thực hiện, nếu có vướng mắc …" closes it.
    "ministry_request": {
        "1": ([PROVINCES], "section", [], date(2027, 1, 1), "written", None),
        "2": ([PROVINCES], "section", [], date(2026, 9, 30), "written", None),
        "3": ([PROVINCES], "section", [], date(2026, 6, 30), "written", "yearly:6-30"),
    },
    # A Party conclusion: Party bodies lead; "Tổ chức thực hiện" hands monitoring to the
    # Office and ends with the duty to implement the conclusion, which is no task.
    "party_conclusion": {
        "2.1": (["Ban cán sự đảng UBND tỉnh"], "written", [], date(2026, 9, 30), "written",
                None),
        "2.2": (["Đảng đoàn HĐND tỉnh"], "written", [], date(2026, 12, 31), "written", None),
        "2.3": (["Ban Tuyên giáo Tỉnh ủy"], "written", ["Sở Khoa học và Công nghệ"], None, None,
                None),
        "3.a": (["Văn phòng Tỉnh ủy"], "written", [], date(2026, 6, 30), "written",
                "quarterly:last"),
    },
    # A Party conclusion that first agrees with the report it heard (no task), then
    # requests: a Party body, a collective of lower committees, the Office.
    "party_requests": {
        "2.1": (["Ban cán sự đảng UBND tỉnh"], "written", [], date(2025, 9, 30), "written",
                None),
        "2.2": (["Các huyện ủy, thành ủy, đảng ủy trực thuộc"], "written", [], None, None, None),
        "2.3": (["Ban Tuyên giáo và Dân vận Tỉnh ủy"], "written", [], None, None, None),
        "3": (["Văn phòng Tỉnh ủy"], "written", [], date(2025, 12, 31), "written",
              "half_yearly:last"),
    },
    # A province's letter to its departments and communes: the Chairman's directions as
    # paragraphs; a paragraph naming nobody goes to all three addressees; "Nhận được Công
    # văn này, yêu cầu các cơ quan … triển khai thực hiện./." closes it.
    "ubnd_letter": {
        "1": (["Sở Y tế"], "written", [], date(2026, 9, 20), "written", None),
        "2": (["Sở Tài chính"], "written", [], None, None, None),
        "3": ([GROUP_XA], "written", [], date(2026, 9, 17), "written", "weekly:3"),
        "4": (["Sở Y tế", "Sở Tài chính", GROUP_XA], "document", [], None, None, None),
    },
    # A plan: purposes give nothing; the assignment table's rows are tasks with their
    # columns (group rows head them); "Tổ chức thực hiện" hands bullets to agencies.
    "plan_table": {
        "II.I.1": ([VHTTDL], "heading", ["Sở Xây dựng", GROUP_XA], date(2026, 6, 30), "heading",
                   None),
        "II.I.2": (["Sở Khoa học và Công nghệ"], "heading", [VHTTDL], date(2026, 12, 31),
                   "heading", None),
        "II.II.1": (["Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch"], "heading",
                    ["Các sở, ban, ngành tỉnh"], date(2026, 10, 31), "heading", None),
        "II.II.2": ([GROUP_XA], "heading", [], date(2026, 12, 15), "heading", "yearly:12-15"),
        "III.1.a": ([VHTTDL], "heading", [], date(2026, 12, 20), "written", None),
        "III.1.b": ([VHTTDL], "heading", [], None, None, None),
        "III.2.a": (["Sở Tài chính"], "heading", [], None, None, None),
        "III.2.b": (["Sở Nông nghiệp và Môi trường"], "heading", [], None, None, None),
        "III.3": (["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], "written", [], None, None, None),
        "III.4": ([GROUP_XA], "written", [], None, None, None),
    },
    # An OCR'd letter: page markers, page numbers and a running header repeated on every
    # page; an item continues across the page break.
    "ocr_letter": {
        "1": (["Sở Tài chính"], "written", ["Các chủ đầu tư"], date(2026, 5, 25), "written", None),
        "2": (["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"], "written", [],
              date(2026, 7, 31), "written", None),
        "3": (["Sở Xây dựng"], "written", [], date(2026, 6, 30), "written", None),
        "4": (["Sở Tài chính"], "written", [], date(2026, 5, 31), "written", "monthly:last"),
    },
    # Agency headings as paragraphs ("Sở Công Thương:", "Giao các sở, ngành:") over "-"
    # and "+" bullets, a company and a qualified collective as subjects.
    "headings_in_text": {
        "1": (["Sở Công Thương"], "heading", [], date(2026, 4, 30), "written", None),
        "2": (["Sở Công Thương"], "heading", [], None, None, None),
        "3": (["Sở Tài chính"], "heading", [], None, None, None),
        "4": (["Sở Nông nghiệp và Môi trường"], "heading", [], date(2026, 6, 30), "written",
              None),
        "5": (["Công ty Điện lực Hà Tĩnh"], "written", [], None, None, None),
        "6": (["UBND các xã, phường có cụm công nghiệp"], "written", [], None, None, None),
    },
    # A decision with its plan attached after the signature: articles that enact or take
    # effect give nothing, "Điều 2. Giao …" does; the plan's content sections give
    # nothing beside its "Tổ chức thực hiện".
    "decision_plan": {
        "Điều 2": (["Sở Nội vụ"], "written", [], date(2026, 6, 30), "written",
                   "half_yearly:last"),
        "III.1.a": (["Sở Nội vụ"], "heading", [], date(2026, 12, 15), "written", None),
        "III.1.b": (["Sở Nội vụ"], "heading", [], None, None, None),
        "III.2": (["Sở Tư pháp"], "heading", [], date(2026, 9, 30), "written", None),
    },
    # A province's letter with agency sections: collectives with a qualifier ("… thuộc UBND
    # tỉnh") are the directory's; "Thuế tỉnh Hà Giang" is the province's "Thuế tỉnh", whose
    # name alone heads section 3 though the directory does not know it; "kế hoạch thanh tra
    # hàng năm" is an annual plan and "Hàng năm tổng hợp …" names no day: no deadline.
    "letter_agency_headings": {
        "1.a": ([GROUP_SO, "Công an tỉnh", "Thuế tỉnh", GROUP_XA], "document", [], None, None,
                None),
        "1.b": ([GROUP_SO, "Công an tỉnh", "Thuế tỉnh", GROUP_XA], "document", [], None, None,
                None),
        "2.a": ([NNMT], "heading", [GROUP_SO], None, None, None),
        "2.b": ([NNMT], "heading", [], None, None, None),
        "3.a": (["Thuế tỉnh"], "heading", [], None, None, None),
        "3.b": (["Thuế tỉnh"], "heading", [], None, None, None),
    },
    # A Party committee's letter: the People's Committee it addresses leads its item (the
    # preamble's "UBND tỉnh và các tổ chức đảng" is two addressees, not one name); an item
    # whose first line only names its addressees, with lower-case words inside the names;
    # "Giao Ban xây dựng đảng …" after the last item; the closing "Đề nghị … nghiêm túc
    # triển khai thực hiện." without "./." is no task.
    "party_letter": {
        "1.a": (["UBND tỉnh"], "section", [], None, None, None),
        "1.b": (["UBND tỉnh"], "section", [], None, None, None),
        "2.a": (["Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy",
                 "Các chi bộ, đảng bộ cơ sở"], "heading", [], None, None, None),
        "2.b": (["Ban xây dựng đảng Đảng ủy"], "written", [], None, None, None),
    },
    # A Government Office conclusion notice: item 1 says what a thing is (no task, though
    # it quotes a law that "đã giao" work); item 2 is a dated duty that also announces
    # points of it ("Trong đó chú ý …:"); the "- Về …:" topic lines are no tasks; "Luật
    # Bảo vệ Môi Trường" names no agency ("Môi" is not "Mời"); a citation wrapped before
    # its number ("Khoản" / "3 - Điều 45") is no item 3.
    "vpcp_conclusion": {
        "2": (["Bộ Công Thương"], "written", [], date(2026, 10, 15), "written", None),
        "2.a": (["Bộ Công Thương"], "written", [], date(2026, 10, 15), "heading", None),
        "2.b": (["Bộ Công Thương"], "written", ["Bộ Tài chính"], date(2026, 10, 15), "heading",
                None),
        "3": (["Bộ Tài chính"], "written", [], date(2026, 11, 30), "written", None),
    },
    # A ministry's plan: "II. NHIỆM VỤ CHỦ YẾU" beside "III. TỔ CHỨC THỰC HIỆN" says what
    # is to be done, not who (no tasks); section III names units outside the directory in
    # lists (a semicolon, a comma inside a name, a journal as the third name); the annex
    # table after the signature repeats them in cells.
    "ministry_plan": {
        "III.1": (["Cục Công nghệ thông tin"], "written", [], None, None, None),
        "III.2": (["Viện Chiến lược, Chính sách y tế", "Viện Pháp y Quốc gia"], "written", [],
                  None, None, None),
        "III.3": (["Trung tâm Truyền thông giáo dục sức khỏe", "Báo Sức khỏe và Đời sống",
                   "Tạp chí Y học thực hành"], "written", [], None, None, None),
        "III.4": (["Vụ Kế hoạch - Tài chính"], "written", [], None, None, None),
        "1": (["Cục Công nghệ thông tin"], "heading", ["Vụ Pháp chế"], date(2026, 12, 31),
              "heading", None),
        "2": (["Viện Chiến lược, Chính sách y tế", "Viện Pháp y Quốc gia"], "heading", [],
              date(2027, 12, 31), "heading", None),
        "3": (["Trung tâm Truyền thông GDSK", "Báo SK&ĐS", "Tạp chí Y học thực hành"], "heading",
              [], None, None, None),
    },
    # A conclusion notice: "(giao cho X …)" in parentheses is X's task of its own and does
    # not take the item's lead; "X chịu trách nhiệm trước … về tiến độ" only says who
    # answers for it; a report due "tại phiên họp thường kỳ tháng 10/2026" is due that month.
    "conclusion_asides": {
        "1.a": (["Sở Nội vụ"], "written", ["Sở Tài chính"], None, None, None),
        "1.b": ([GROUP_XA], "written", [], None, None, None),
        "3": (["Văn phòng UBND tỉnh"], "written", [], date(2026, 10, 31), "written", None),
    },
    # A department's notice after an inspection: the result section reports on companies,
    # one item each; the recommendations address them as "các đơn vị nêu trên" and a
    # bare "Công ty"; a law cited by its date is no deadline.
    "inspection_notice": {
        "2.a": (COMPANIES, "written", [], None, None, None),
        "2.b": (COMPANIES, "section", [], None, None, None),
        "2.c": (COMPANIES, "section", [], None, None, None),
    },
    # A công điện: its trích yếu "Về việc …" under the type; "CHỦ TỊCH … điện:" and the
    # lines under it name the addressees, who lead an item naming no one.
    "cong_dien": {
        "1.a": ([GROUP_XA], "section", [], date(2026, 9, 23), "written", None),
        "1.b": ([GROUP_XA], "section", [], None, None, None),
        "2": (["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"], "written", [], None, None, None),
        "3": ([NNMT], "written", [], None, None, None),
        "4": (["Báo và Phát thanh, Truyền hình tỉnh"], "written", [], None, None, None),
        "5": ([GROUP_SO, GROUP_XA], "document", [], None, None, None),
        "6": (["Văn phòng UBND tỉnh"], "written", [], None, None, None),
    },
    # A province's request to a ministry: the difficulties counted "Thứ nhất, Thứ hai, …"
    # (a past request with its date among them) are background; "(i)." items are the
    # requests of "… trân trọng đề nghị Bộ Xây dựng:", "(i). Chỉ đạo Cục …" included; the
    # courtesy closing "… đề nghị Bộ Xây dựng quan tâm, sớm xem xét …./." is no task.
    "request_to_ministry": {
        "3.i": (["Bộ Xây dựng"], "section", [], None, None, None),
        "3.ii": (["Bộ Xây dựng"], "section", [], None, None, None),
        "3.iii": (["Bộ Xây dựng"], "section", [], None, None, None),
    },
    # A province's letter after "Chủ tịch Ủy ban nhân dân tỉnh giao:" (no agency there):
    # subjects outside the directory; the closing formula glued to the last item.
    "letter_glued_closing": {
        "1": ([NNMT], "written", [], date(2026, 9, 30), "written", None),
        "2": (["Sở Tài chính"], "written", [], None, None, None),
        "3": (["Vườn quốc gia Na Hang", "Các Công ty Lâm nghiệp"], "written", [], None, None,
              None),
        "4": ([GROUP_XA], "written", [], None, None, None),
    },
}

DOCUMENTS: dict[str, dict[str, object]] = {
    "vpcp_letter": {"number": "5123/VPCP-KTTH", "issuer": "Văn phòng Chính phủ",
                    "issued_on": "2026-06-15", "signer": "Nguyễn Văn Bình",
                    "title": "Triển khai cơ sở dữ liệu giá đất quốc gia"},
    "ministry_request": {"number": "812/BYT-KCB", "issuer": "Bộ Y tế",
                         "issued_on": "2026-06-10", "signer": "Trần Văn Cường"},
    "party_conclusion": {"number": "245-KL/TU", "issuer": "Tỉnh ủy Ninh Thuận",
                         "issued_on": "2026-04-08", "signer": "Lê Văn Dũng"},
    "party_requests": {"number": "123-KL/TU", "issuer": "Tỉnh ủy Quảng Bình",
                       "issued_on": "2025-09-15", "signer": "Nguyễn Văn Xuân"},
    "plan_table": {"number": "77/KH-UBND", "issuer": "UBND tỉnh Quảng Trị",
                   "issued_on": "2026-03-05"},
    "ocr_letter": {"number": "456/UBND-KT", "issuer": "UBND tỉnh Bình Định",
                   "issued_on": "2026-05-12", "signer": "Nguyễn Văn Phúc"},
    "cong_dien": {"number": "15/CĐ-UBND", "issuer": "UBND tỉnh Nghệ An",
                  "title": "Về việc chủ động ứng phó với bão số 6"},
    "inspection_notice": {"number": "812/TB-SCT", "issuer": "Sở Công Thương",
                          "issued_on": "2026-09-18", "signer": "Lê Văn Toàn"},
    "party_letter": {"number": "512-CV/ĐU", "issuer": "Đảng ủy UBND tỉnh",
                     "issued_on": "2026-03-05", "signer": "Lê Văn Hùng"},
    "decision_plan": {"number": "610/QĐ-UBND", "issuer": "UBND tỉnh Lạng Sơn",
                      "issued_on": "2026-04-20", "signer": "Hồ Tiến Hải"},
}

NEVER_IN_TASKS: dict[str, list[str]] = {
    "vpcp_letter": ["nghiêm túc thực hiện", "Văn bản số 2345", "Kính gửi"],
    "ministry_request": ["nếu có vướng mắc", "có hiệu lực thi hành từ ngày", "Trân trọng"],
    "party_conclusion": ["tỷ lệ hồ sơ trực tuyến đạt", "tổ chức thực hiện Kết luận này"],
    "party_requests": ["cơ bản nhất trí", "Để chủ động ứng phó"],
    "plan_table": ["Mục đích", "chủ động triển khai đồng bộ", "Trên đây là"],
    "ocr_letter": ["Công văn số 456", "Trang", "nghiêm túc thực hiện"],
    "headings_in_text": ["Giao các sở, ngành", "Sở Công Thương:"],
    "ubnd_letter": ["Nhận được Công văn này", "Thực hiện Công văn số 123"],
    "ministry_plan": ["phối hợp với các Bộ, ngành xây dựng", "nền tảng dữ liệu",
                      "triển khai sổ sức khỏe"],
    "vpcp_conclusion": ["được coi là", "Về việc xây dựng cơ chế", "Trong đó chú ý"],
    "request_to_ministry": ["Thứ nhất", "đã có Văn bản", "quan tâm, sớm xem xét", "(ii)"],
    "party_letter": ["nghiêm túc triển khai thực hiện", "Các cơ quan chuyên trách"],
    "letter_glued_closing": ["Căn cứ nội dung chỉ đạo trên", "Chủ tịch Ủy ban nhân dân tỉnh giao"],
    "letter_agency_headings": ["Trách nhiệm chung", "Nhận được văn bản này"],
    "decision_plan": ["Ban hành kèm theo", "có hiệu lực từ ngày ký", "Rà soát, đánh giá các văn",
                      "Đơn giản hóa thủ tục"],
}


def _fixture(name: str) -> Extraction:
    return extract((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), DIRECTORY)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tasks_with_their_sources(name: str) -> None:
    actual = {
        task.ordinal: (task.lead, task.lead_source, task.support, task.deadline,
                       task.deadline_source, task.recurrence)
        for task in _fixture(name).tasks
    }
    assert actual == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_metadata(name: str) -> None:
    document = extraction_to_json(_fixture(name))["document"]
    assert isinstance(document, dict)
    assert {key: document[key] for key in DOCUMENTS[name]} == DOCUMENTS[name]


@pytest.mark.parametrize("name", sorted(NEVER_IN_TASKS))
def test_nothing_else_leaks_into_tasks(name: str) -> None:
    for task in _fixture(name).tasks:
        for phrase in NEVER_IN_TASKS[name]:
            assert fold(phrase) not in fold(task.text), (task.ordinal, phrase)


def test_heading_names_are_not_glued_onto_the_text() -> None:
    tasks = {task.ordinal: task.text for task in _fixture("plan_table").tasks}
    assert tasks["III.2.a"] == "Tham mưu bố trí kinh phí thực hiện Kế hoạch."
    assert tasks["III.1.a"].startswith("Chủ trì theo dõi")
    assert tasks["II.I.1"] == "Rà soát, bổ sung quy hoạch các điểm du lịch nông thôn"


def test_a_citation_wrapped_before_its_number_stays_in_its_sentence() -> None:
    tasks = {task.ordinal: task.text for task in _fixture("vpcp_conclusion").tasks}
    assert "tại Khoản 3 - Điều 45 Luật Điện lực và báo cáo" in tasks["2.b"]


def test_an_item_across_a_page_break_keeps_its_end() -> None:
    second = next(task for task in _fixture("ocr_letter").tasks if task.ordinal == "2")
    assert second.text.endswith("không để dồn vào cuối năm; thời gian hoàn thành trong "
                                "tháng 7/2026.")


PRIME_MINISTER_ASSIGNS = (
    "VĂN PHÒNG CHÍNH PHỦ\nSố: 4567/VPCP-CN\nV/v xử lý kiến nghị của tỉnh Gia Lai\n"
    "Hà Nội, ngày 20 tháng 6 năm 2025\n\nKính gửi:\n- Bộ Xây dựng;\n"
    "- Ủy ban nhân dân tỉnh Gia Lai.\n\n"
    "Xét đề nghị của Ủy ban nhân dân tỉnh Gia Lai tại văn bản số 1234/UBND-KT ngày 10 tháng 6 "
    "năm 2025, Thủ tướng Chính phủ giao:\n\n"
    "Bộ Xây dựng chủ trì, phối hợp với Ủy ban nhân dân tỉnh Gia Lai nghiên cứu, xử lý kiến nghị "
    "của Tỉnh theo quy định, báo cáo Thủ tướng Chính phủ trong tháng 7 năm 2025.\n\n"
    "Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.\n"
)


def test_the_prime_minister_assigns() -> None:
    """ "Thủ tướng Chính phủ giao:" opens the directives like "có ý kiến như sau:"; the date
    of the province's request is no deadline."""
    tasks = extract(PRIME_MINISTER_ASSIGNS, DIRECTORY).tasks
    assert [(t.ordinal, t.lead, t.support, t.deadline) for t in tasks] == [
        ("1", ["Bộ Xây dựng"], ["UBND tỉnh Gia Lai"], date(2025, 7, 31)),
    ]


ONE_PARAGRAPH_LETTER = (
    "BỘ TÀI CHÍNH\nSố: 1234/BTC-NSNN\nV/v báo cáo tình hình thực hiện dự toán năm 2026\n"
    "Hà Nội, ngày 05 tháng 8 năm 2026\n\n"
    "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\n"
    "Để tổng hợp báo cáo Chính phủ, Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh, thành phố "
    "trực thuộc Trung ương chỉ đạo Sở Tài chính báo cáo tình hình thực hiện dự toán ngân sách 6 "
    "tháng đầu năm 2026, gửi về Bộ Tài chính trước ngày 20/8/2026.\n\nTrân trọng./.\n"
)


def test_a_letter_of_one_paragraph_is_one_task() -> None:
    """The case issue 16 opens with: no numbering, no "như sau:", the request is the body's
    first and only paragraph; the issuing ministry, its subject, is not the lead."""
    tasks = extract(ONE_PARAGRAPH_LETTER, DIRECTORY).tasks
    assert [(t.ordinal, t.lead, t.lead_source, t.deadline) for t in tasks] == [
        ("1", [PROVINCES], "written", date(2026, 8, 20)),
    ]
