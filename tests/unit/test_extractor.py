"""The extractor on invented notices: one table per pattern it must handle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.core.normalize import fold
from bot.extraction import ExtractedTask, Extraction, extract, extraction_to_json

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "notices"
DIRECTORY = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))

NOI_VU = "Sở Nội vụ"
TAI_CHINH = "Sở Tài chính"
XAY_DUNG = "Sở Xây dựng"
GROUP_SO = "Các sở, ban, ngành tỉnh"
GROUP_XA = "UBND các xã, phường"


def _fixture(name: str) -> Extraction:
    return extract((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), DIRECTORY)


def _task(ex: Extraction, ordinal: str) -> ExtractedTask:
    found = [task for task in ex.tasks if task.ordinal == ordinal]
    assert len(found) == 1, [task.ordinal for task in ex.tasks]
    return found[0]


def _notice(*items: str, preamble: str = "Chủ tịch UBND tỉnh kết luận như sau:") -> str:
    """A minimal notice of 10/4/2026 around the given item lines."""
    body = "\n\n".join(items)
    return (
        "Số: 12/TB-UBND\n\nHưng Yên, ngày 10 tháng 4 năm 2026\n\nTHÔNG BÁO\n"
        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp\n\n"
        f"Ngày 07/4/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp. {preamble}\n\n{body}\n\n"
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\n"
        "Nguyễn Văn An\n"
    )


def _only_task(item: str, directory: AgencyDirectory | None = DIRECTORY) -> ExtractedTask:
    ex = extract(_notice(f"1. {item}"), directory)
    assert len(ex.tasks) == 1, [t.text for t in ex.tasks]
    return ex.tasks[0]


# --- Numbering and outline ------------------------------------------------------------

ORDINALS: dict[str, list[str]] = {
    "post2025_ubnd": [f"II.{n}" for n in range(1, 9)] + ["III.1"],
    "agency_sections": ["1.a", "1.b", "2.a", "2.b", "3.a", "3.b", "3.c", "3.d", "3.đ", "4",
                        "5.1", "5.2"],
    "preamble_default": [f"I.{n}" for n in range(1, 7)] + ["II.1", "II.2", "II.3"],
    "news_report": ["1", "2", "3"],
    "pdf_wrapped": ["1", "2", "3", "4"],
    "field_groups": ["3.a.1", "3.a.2", "3.b", "3.c.1", "3.c.2"],
}


@pytest.mark.parametrize("name", sorted(ORDINALS))
def test_numbering_and_ordinals(name: str) -> None:
    assert [task.ordinal for task in _fixture(name).tasks] == ORDINALS[name]


NUMBERING_SNIPPETS: list[tuple[list[str], list[str]]] = [
    (["1.\nGiao Sở Y tế rà soát trạm y tế.\n2.\nGiao Sở Tài chính bố trí kinh phí."], ["1", "2"]),
    (["1. Giao Sở Y tế rà soát trạm y tế.\nVăn phòng UBND tỉnh thông báo để các cơ quan biết, "
      "thực hiện./."], ["1"]),
    (["1. Giao Sở Y tế rà soát trạm y tế.", "2. Giao Sở Tài chính bố trí kinh phí."], ["1", "2"]),
    (["1) Giao Sở Y tế rà soát trạm y tế.", "2) Giao Sở Tài chính bố trí kinh phí."], ["1", "2"]),
    (["1/ Giao Sở Y tế rà soát trạm y tế.", "2/ Giao Sở Tài chính bố trí kinh phí."], ["1", "2"]),
    (["a) Giao Sở Y tế rà soát trạm y tế.", "b) Giao Sở Tài chính bố trí kinh phí.",
      "đ) Giao Sở Xây dựng kiểm tra công trình."], ["a", "b", "đ"]),
    (["1. Về y tế:", "- Giao Sở Y tế rà soát trạm y tế.", "- Giao Sở Tài chính bố trí kinh phí.",
      "2. Giao Sở Xây dựng kiểm tra công trình."], ["1.a", "1.b", "2"]),
    (["1. Về y tế:", "1.1. Giao Sở Y tế rà soát trạm y tế.",
      "1.2. Giao Sở Tài chính bố trí kinh phí."], ["1.1", "1.2"]),
    (["a) Về y tế:", "+ Giao Sở Y tế rà soát trạm y tế.", "+ Giao Sở Tài chính bố trí kinh phí."],
     ["a.1", "a.2"]),
    (["I. NHIỆM VỤ", "1. Giao Sở Y tế rà soát trạm y tế.", "II. KIẾN NGHỊ",
      "1. Giao Sở Tài chính bố trí kinh phí."], ["I.1", "II.1"]),
    (["Giao Sở Y tế rà soát trạm y tế.", "Yêu cầu Sở Tài chính bố trí kinh phí."], ["1", "2"]),
    (["(1) Giao Sở Y tế rà soát trạm y tế.", "(2) Giao Sở Tài chính bố trí kinh phí."], ["1", "2"]),
    (["Một là, giao Sở Y tế rà soát trạm y tế.", "Hai là, giao Sở Tài chính bố trí kinh phí."],
     ["1", "2"]),
    (["Thứ nhất, giao Sở Y tế rà soát trạm y tế.", "Thứ hai, giao Sở Tài chính bố trí kinh phí."],
     ["1", "2"]),
    # Points counted in words sit inside the numbered section; small roman numerals in
    # parentheses, with or without a dot, count as letters.
    (["1. Về y tế:", "Thứ nhất, giao Sở Y tế rà soát trạm y tế.",
      "Thứ hai, giao Sở Tài chính bố trí kinh phí.", "2. Giao Sở Xây dựng kiểm tra công trình."],
     ["1.1", "1.2", "2"]),
    (["1. Giao Sở Y tế thực hiện các nội dung sau:\n(i). Rà soát trạm y tế xã.\n"
      "(ii). Bổ sung trang thiết bị cho trạm y tế.\n(iii) Báo cáo kết quả về UBND tỉnh."],
     ["1.i", "1.ii", "1.iii"]),
    (["ii) Giao Sở Y tế rà soát trạm y tế.", "iii) Giao Sở Tài chính bố trí kinh phí."],
     ["ii", "iii"]),
    (["PHẦN I. KẾT QUẢ NĂM 2025", "1. Tăng trưởng kinh tế đạt 8,2%, vượt kế hoạch.",
      "PHẦN II. NHIỆM VỤ NĂM 2026", "1. Giao Sở Y tế rà soát trạm y tế.",
      "2. Giao Sở Tài chính bố trí kinh phí."], ["P2.1", "P2.2"]),
    (["A. KẾT QUẢ", "Đã hoàn thành 95% kế hoạch.", "B. NHIỆM VỤ", "I. Về y tế",
      "1. Giao Sở Y tế rà soát trạm y tế."], ["B.I.1"]),
]


@pytest.mark.parametrize(("items", "ordinals"), NUMBERING_SNIPPETS)
def test_numbering_snippets(items: list[str], ordinals: list[str]) -> None:
    assert [task.ordinal for task in extract(_notice(*items), DIRECTORY).tasks] == ordinals


def test_ordinals_are_unique() -> None:
    for name in ORDINALS:
        ordinals = [task.ordinal for task in _fixture(name).tasks]
        assert len(ordinals) == len(set(ordinals))


# --- Sections headed by an agency, and preambles that set the lead --------------------

LEADS: list[tuple[str, str, list[str], list[str]]] = [
    # Section headed by an agency, with and without a colon, and "Đối với …:".
    ("agency_sections", "1.a", ["Sở Công Thương"], [TAI_CHINH]),
    ("agency_sections", "1.b", ["Sở Công Thương"], []),
    ("agency_sections", "2.a", ["Sở Y tế"], []),
    ("agency_sections", "2.b", ["Sở Y tế"], [GROUP_XA]),
    ("agency_sections", "3.a", ["Sở Giáo dục và Đào tạo"], []),
    ("agency_sections", "3.c", ["Sở Giáo dục và Đào tạo"], [NOI_VU]),
    ("agency_sections", "4", ["Sở Nông nghiệp và Môi trường"], []),  # "X: Chủ trì …"
    ("agency_sections", "5.1", [TAI_CHINH], []),
    ("agency_sections", "5.2", ["Ban Quản lý dự án đầu tư xây dựng tỉnh"], []),  # as written
    # A preamble sets the default lead; "Chủ trì, phối hợp với Y" keeps it, adds Y.
    ("preamble_default", "I.1", [NOI_VU], [TAI_CHINH]),
    ("preamble_default", "I.2", [NOI_VU], []),  # "các cơ quan, đơn vị liên quan": nobody
    ("preamble_default", "I.3", [NOI_VU], []),  # UBND tỉnh, HĐND tỉnh, Bộ are targets
    ("preamble_default", "II.1", [NOI_VU, TAI_CHINH], []),  # own "Giao …" wins
    ("preamble_default", "II.2", ["Sở Y tế", "Bảo hiểm xã hội tỉnh"], []),  # "Đề nghị X, Y …:"
    ("preamble_default", "II.3", ["Chi nhánh Ngân hàng Chính sách xã hội tỉnh"], []),
    ("field_groups", "3.a.1", ["Các phòng chuyên môn", "Các đơn vị trực thuộc Sở"], []),
    ("field_groups", "3.b", ["Trung tâm Dịch vụ việc làm"], []),
    ("field_groups", "3.c.1", ["Các phòng chuyên môn", "Các đơn vị trực thuộc Sở"], [GROUP_XA]),
    # Post-2025 addressees.
    ("post2025_ubnd", "II.1", [NOI_VU], [TAI_CHINH, XAY_DUNG]),
    ("post2025_ubnd", "II.2", ["Sở Công Thương", TAI_CHINH, XAY_DUNG], []),
    ("post2025_ubnd", "II.3", ["UBND phường Yên Bái", "UBND phường Văn Phú"], []),
    ("post2025_ubnd", "II.4", [GROUP_XA], []),
    ("post2025_ubnd", "II.5", ["Sở Khoa học và Công nghệ"], ["Công an tỉnh"]),
    ("post2025_ubnd", "II.6", ["Bảo hiểm xã hội tỉnh"], ["Sở Y tế"]),
    ("post2025_ubnd", "II.7", [GROUP_SO, GROUP_XA], []),
    ("post2025_ubnd", "II.8", [TAI_CHINH], []),  # "kiến nghị Bộ Tài chính" is a target
    ("post2025_ubnd", "III.1", ["Văn phòng UBND tỉnh"], []),
    # News report: the meeting's host, then an explicit "phối hợp với X và Y".
    ("news_report", "1", [NOI_VU], []),
    ("news_report", "3", [NOI_VU], ["Bảo hiểm xã hội tỉnh", "Sở Y tế"]),
    ("pdf_wrapped", "3", ["Sở Nông nghiệp và Môi trường"], [GROUP_XA]),
    ("pdf_wrapped", "4", ["Công an tỉnh"], [XAY_DUNG]),
]


@pytest.mark.parametrize(("name", "ordinal", "lead", "support"), LEADS)
def test_leads_in_fixtures(name: str, ordinal: str, lead: list[str], support: list[str]) -> None:
    task = _task(_fixture(name), ordinal)
    assert (task.lead, task.support) == (lead, support)


ROLES: list[tuple[str, list[str], list[str]]] = [
    ("Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính, Sở Xây dựng rà soát trụ sở.",
     [NOI_VU], [TAI_CHINH, XAY_DUNG]),
    ("Giao Sở Kế hoạch và Đầu tư, Sở Xây dựng theo chức năng nhiệm vụ được giao chủ trì "
     "nghiên cứu đề xuất.", [TAI_CHINH, XAY_DUNG], []),
    ("Thống nhất giao Sở Lao động – Thương binh và Xã hội chủ trì, phối hợp với các cơ quan, "
     "đơn vị liên quan tổng kết Đề án.", [NOI_VU], []),
    ("Đề nghị Công an tỉnh tăng cường tuần tra bảo đảm an ninh trật tự.", ["Công an tỉnh"], []),
    ("Yêu cầu UBND các huyện, thị xã, thành phố rà soát hồ sơ đất đai.", [GROUP_XA], []),
    ("Yêu cầu các sở, ban, ngành, UBND các huyện, thị xã, thành phố đẩy nhanh tiến độ.",
     [GROUP_SO, GROUP_XA], []),
    ("Sở Tài chính chủ trì, phối hợp với Sở Y tế thẩm định dự toán kinh phí.", [TAI_CHINH],
     ["Sở Y tế"]),
    ("Các Sở: Công Thương, Tài chính, Xây dựng rà soát các dự án chậm tiến độ.",
     ["Sở Công Thương", TAI_CHINH, XAY_DUNG], []),
    ("UBND các phường: Yên Bái, Văn Phú hoàn thành bàn giao hồ sơ.",
     ["UBND phường Yên Bái", "UBND phường Văn Phú"], []),
    ("UBND các xã: Tân Lập và Hòa Bình rà soát hộ nghèo.",
     ["UBND xã Tân Lập", "UBND xã Hòa Bình"], []),
    ("Giao Sở Y tế tham mưu UBND tỉnh trình HĐND tỉnh ban hành Nghị quyết; kiến nghị Bộ Y tế "
     "bổ sung kinh phí.", ["Sở Y tế"], []),
    ("Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Tài chính giải quyết kiến nghị "
     "của Sở Lao động – Thương binh và Xã hội.", ["Sở Khoa học và Công nghệ"], [TAI_CHINH]),
    ("Giao Ban Dân tộc tỉnh phối hợp với Sở Giáo dục và Đào tạo rà soát trường nội trú.",
     ["Sở Dân tộc và Tôn giáo"], ["Sở Giáo dục và Đào tạo"]),
    ("Giao Sở LĐ-TB&XH chủ trì rà soát đối tượng bảo trợ xã hội.", [NOI_VU], []),
    ("Giao Trung tâm Phục vụ hành chính công tỉnh chủ trì rà soát thủ tục.",
     ["Trung tâm Phục vụ hành chính công tỉnh"], []),
    ("Giao Sở Nội vụ chủ trì, cùng với Sở Tài chính rà soát biên chế.", [NOI_VU], [TAI_CHINH]),
    ("UBND tỉnh giao Sở Xây dựng kiểm tra chất lượng công trình.", [XAY_DUNG], []),
    ("Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện.", ["Văn phòng UBND tỉnh"], []),
    ("Phối hợp với UBND các xã, phường kiểm tra an toàn thực phẩm.", [], [GROUP_XA]),
    ("Tiếp tục rà soát hồ sơ người có công, bảo đảm đúng quy định.", [], []),
    ("Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ, các cơ quan, đơn vị liên quan tham "
     "mưu kinh phí.", [TAI_CHINH], [NOI_VU]),
    ("Sở Y tế tăng cường kiểm tra an toàn thực phẩm; phối hợp chặt chẽ với Công an tỉnh xử lý "
     "vi phạm.", ["Sở Y tế"], ["Công an tỉnh"]),
    # A leader's title in front of the addressee, and "chịu trách nhiệm" as the verb.
    ("Giao Giám đốc Sở Lao động - Thương binh và Xã hội chỉ đạo rà soát hộ nghèo.", [NOI_VU], []),
    ("Chủ tịch UBND các huyện, thị xã, thành phố chịu trách nhiệm nghiệm thu công trình.",
     [GROUP_XA], []),
    # A leading purpose or circumstance clause before the addressee.
    ("Để bảo đảm tiến độ, Sở Xây dựng khẩn trương thẩm định hồ sơ thiết kế.", [XAY_DUNG], []),
    ("Trên cơ sở đề xuất của các địa phương, Sở Tài chính tham mưu bố trí vốn.", [TAI_CHINH], []),
    ("Đối với kiến nghị của UBND huyện Nghi Lộc: Giao Sở Tài chính xem xét, tham mưu.",
     [TAI_CHINH], []),
    # A department's own units as headings, kept as written.
    ("Phòng Người có công: Tham mưu kế hoạch kỷ niệm Ngày Thương binh - Liệt sĩ.",
     ["Phòng Người có công"], []),
    ("Văn phòng Sở: Tổng hợp báo cáo 6 tháng đầu năm gửi UBND tỉnh.", ["Văn phòng Sở"], []),
    ("Phòng Lao động - Việc làm: Phối hợp với Trung tâm Dịch vụ việc làm tổ chức phiên giao "
     "dịch việc làm.", ["Phòng Lao động - Việc làm"], ["Trung tâm Dịch vụ việc làm"]),
    # "Sở" followed by a lower-case word is not a name; "UBND tỉnh" is never an addressee.
    ("Tiếp tục thực hiện như Sở đã báo cáo; UBND tỉnh sẽ hỗ trợ kinh phí.", [], []),
    ("UBND huyện Gia Viễn khẩn trương hoàn thành kiểm đếm, bàn giao mặt bằng.",
     ["UBND huyện Gia Viễn"], []),
    ("Giao Sở Tài chính chủ trì, phối hợp với Ủy ban nhân dân xã Tân Lập rà soát đất công.",
     [TAI_CHINH], ["UBND xã Tân Lập"]),
    ("Đề nghị UBND thị xã Nghi Sơn chỉ đạo rà soát hộ nghèo.", ["UBND thị xã Nghi Sơn"], []),
    # The one who directs leads; a subject's own verb, even one no list knows.
    ("Bộ Xây dựng chỉ đạo các chủ đầu tư đẩy nhanh tiến độ thi công.", ["Bộ Xây dựng"], []),
    ("Bộ Tài chính cân đối, bố trí đủ vốn cho các dự án.", ["Bộ Tài chính"], []),
    # A named province is an addressee; the issuing province ("UBND tỉnh") never is.
    ("Ủy ban nhân dân tỉnh Quảng Nam chủ trì, phối hợp với các cơ quan liên quan lập Đề án.",
     ["UBND tỉnh Quảng Nam"], []),
]


@pytest.mark.parametrize(("item", "lead", "support"), ROLES)
def test_roles(item: str, lead: list[str], support: list[str]) -> None:
    task = _only_task(item)
    assert (task.lead, task.support) == (lead, support)


def test_attendance_bullets_are_not_tasks() -> None:
    text = _notice(
        "Tham dự cuộc họp có:",
        "- Đồng chí Nguyễn Văn An, Giám đốc Sở Y tế;\n- Đại diện lãnh đạo Sở Tài chính;",
        "1. Giao Sở Y tế bàn giao hồ sơ cho Sở Xây dựng quản lý.",
    )
    tasks = extract(text, DIRECTORY).tasks
    assert [(t.ordinal, t.lead) for t in tasks] == [("1", ["Sở Y tế"])]


NOT_DUTIES: list[str] = [
    "1. Thống nhất chủ trương nâng mức hỗ trợ xây mới nhà ở lên 60 triệu đồng/hộ.",
    "1. Về kết quả thực hiện: Đến nay toàn tỉnh đã hỗ trợ 1.250 hộ, đạt 85% kế hoạch.",
    "1. UBND tỉnh ghi nhận, biểu dương sự nỗ lực của ngành y tế trong thời gian qua.",
    "1. Về kiến nghị của Sở Y tế: UBND tỉnh sẽ xem xét khi cân đối được nguồn lực.",
]


@pytest.mark.parametrize("item", NOT_DUTIES)
def test_assessments_and_replies_are_not_tasks(item: str) -> None:
    assert extract(_notice(item), DIRECTORY).tasks == []


def test_a_reply_that_hands_out_work_is_a_task() -> None:
    task = _only_task("Thống nhất với đề xuất của Sở Xây dựng; giao Sở Xây dựng hướng dẫn mẫu "
                      "thiết kế trong tháng 4/2026.")
    assert (task.lead, task.deadline) == ([XAY_DUNG], date(2026, 4, 30))


def test_a_list_of_objects_is_one_task() -> None:
    text = _notice(
        "1. Giao Sở Giáo dục và Đào tạo kiểm tra hiện trạng các công trình sau:",
        "- Trường THCS Lê Lợi;\n- Trường Tiểu học Hưng Dũng 1;\n- Trạm y tế xã Nghi Phú.",
        "2. Giao Sở Xây dựng thẩm định hồ sơ.",
    )
    tasks = extract(text, DIRECTORY).tasks
    assert [(t.ordinal, t.lead) for t in tasks] == [
        ("1", ["Sở Giáo dục và Đào tạo"]), ("2", [XAY_DUNG])
    ]
    assert tasks[0].text.endswith("sau: Trường THCS Lê Lợi; Trường Tiểu học Hưng Dũng 1; "
                                  "Trạm y tế xã Nghi Phú.")


def test_news_page_with_bullets_and_related_links() -> None:
    text = (
        "Trang chủ > Tin tức > Hoạt động của lãnh đạo\n"
        "UBND tỉnh làm việc với Sở Y tế về phòng, chống dịch\n"
        "Thứ Ba, 11/06/2024 - 15:20\n"
        "Chiều ngày 10/6, Phó Chủ tịch UBND tỉnh làm việc với Sở Y tế về phòng, chống dịch.\n"
        "Từ đầu năm đến nay toàn tỉnh ghi nhận 1.230 ca sốt xuất huyết, tăng 15% so với cùng kỳ.\n"
        "- Đã tổ chức 45 đợt phun hóa chất, đạt 100% kế hoạch.\n"
        "Phát biểu kết luận, Phó Chủ tịch UBND tỉnh đề nghị Sở Y tế thực hiện các nhiệm vụ sau:\n"
        "- Tăng cường giám sát dịch tễ, phát hiện sớm các ca bệnh.\n"
        "- Chủ động dự trữ thuốc, hóa chất; báo cáo UBND tỉnh trước ngày 30/6/2024.\n"
        "Đồng chí cũng yêu cầu UBND các huyện, thành phố chỉ đạo các xã ra quân diệt lăng quăng "
        "trong tháng 6/2024.\n"
        "Tin liên quan\n"
        "Tăng cường phòng chống sốt xuất huyết tại các trường học\n"
    )
    ex = extract(text, DIRECTORY)
    document = extraction_to_json(ex)["document"]
    assert isinstance(document, dict)
    assert (document["title"], document["issued_on"], document["meeting_on"]) == (
        "UBND tỉnh làm việc với Sở Y tế về phòng, chống dịch", "2024-06-11", "2024-06-10"
    )
    assert [(t.lead, t.deadline) for t in ex.tasks] == [
        (["Sở Y tế"], None),
        (["Sở Y tế"], date(2024, 6, 30)),
        ([GROUP_XA], date(2024, 6, 30)),
    ]
    assert all("Tin liên quan" not in t.text and "phun hóa chất" not in t.text for t in ex.tasks)


def test_topic_headings_over_plain_paragraphs() -> None:
    """ "1. Về công tác giảm nghèo" is a heading; its directive paragraphs are the tasks."""
    text = _notice(
        "1. Về công tác giảm nghèo",
        "Sở Nội vụ chủ trì rà soát kết quả giảm nghèo, báo cáo UBND tỉnh trước ngày 20/8/2026.",
        "UBND các xã, phường tập trung hỗ trợ hộ nghèo phát triển sản xuất.",
        "2. Về thu ngân sách",
        "Thu ngân sách 7 tháng đạt 62% dự toán, tăng 12% so với cùng kỳ.",
        "Yêu cầu Thuế tỉnh phối hợp với Sở Tài chính thu hồi nợ đọng thuế.",
    )
    tasks = extract(text, DIRECTORY).tasks
    assert [(t.ordinal, t.lead, t.support, t.deadline) for t in tasks] == [
        ("1.a", [NOI_VU], [], date(2026, 8, 20)),
        ("1.b", [GROUP_XA], [], None),
        ("2.a", ["Thuế tỉnh"], [TAI_CHINH], None),
    ]


def test_attending_leader_is_not_the_start_of_directives() -> None:
    """ "… dự và chỉ đạo hội nghị." reports attendance; targets before the speech are no tasks."""
    text = (
        "Ngành Nội vụ triển khai nhiệm vụ năm 2026\nNgày: 05.03.2026\n"
        "Ngày 04/3/2026, Sở Nội vụ tổ chức Hội nghị. Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội "
        "nghị. Tham dự hội nghị có đại diện lãnh đạo các sở, ban, ngành tỉnh.\n\n"
        "Năm 2026, Sở Nội vụ phấn đấu giải quyết việc làm cho 33.000 lao động.\n\n"
        "Phát biểu chỉ đạo, Phó Chủ tịch UBND tỉnh đề nghị ngành Nội vụ tập trung hoàn thiện tổ "
        "chức bộ máy sau sắp xếp trong năm 2026.\n"
    )
    tasks = extract(text, DIRECTORY).tasks
    assert [(t.ordinal, t.lead, t.deadline) for t in tasks] == [
        ("1", [NOI_VU], date(2026, 12, 31))
    ]
    assert tasks[0].text.startswith("Ngành Nội vụ tập trung hoàn thiện")


def test_local_authorities_by_place_name() -> None:
    ex = _fixture("local_ubnd")
    assert [t.ordinal for t in ex.tasks] == ["2.a", "2.b", "2.c", "2.d", "3"]
    assert ex.tasks[0].lead == ["UBND huyện Gia Viễn"]
    assert (ex.tasks[1].lead, ex.tasks[1].support) == (["Sở Nông nghiệp và Môi trường"],
                                                       [GROUP_XA])
    assert ex.tasks[1].deadline == date(2025, 6, 15)  # day/month takes the notice's year
    assert ex.tasks[3].lead == [XAY_DUNG]  # Sở Giao thông vận tải -> its successor
    assert ex.tasks[3].recurrence == "monthly:25"
    # The assessment item 1 and the closing formula are not tasks.
    assert not any("85%" in t.text or "thông báo" in t.text for t in ex.tasks)


def test_pdf_text_with_agency_headings_page_number_and_footnote() -> None:
    """No blank lines, wrapped lines, a bare page number and a footnote, as pypdf gives it."""
    ex = _fixture("pdf_agency_headings")
    by_ordinal = {t.ordinal: t for t in ex.tasks}
    assert list(by_ordinal) == ["II.1.a", "II.1.b", "II.2", "II.3", "II.4.a", "II.4.b"]
    assert by_ordinal["II.1.a"].lead == ["Sở Nông nghiệp và Môi trường"]
    assert by_ordinal["II.1.a"].deadline == date(2026, 4, 30)
    assert by_ordinal["II.1.b"].recurrence == "monthly:last"
    assert by_ordinal["II.2"].lead == [TAI_CHINH]
    assert by_ordinal["II.2"].text.endswith("ngày 15/01/2026 của UBND tỉnh.")
    assert by_ordinal["II.3"].text.endswith("gia súc, gia cầm bệnh.")
    assert by_ordinal["II.4.a"].lead == [GROUP_XA]
    assert by_ordinal["II.4.a"].deadline == date(2026, 3, 31)
    # "Các cơ quan, đơn vị báo cáo … trước ngày 15/12/2026" after the last item closes the
    # whole list: every task without a deadline of its own takes it; the cited plan's date
    # (15/01/2026) is never one.
    for ordinal in ("II.2", "II.3", "II.4.b"):
        assert by_ordinal[ordinal].deadline == date(2026, 12, 15), ordinal
    assert all("Theo Kế hoạch" not in t.text and "tỷ lệ tiêm phòng" not in t.text
               for t in ex.tasks)
    assert ex.document.number == "88/TB-UBND" and ex.document.signer == "Lê Đức Giang"


def test_without_directory_names_stay_as_written() -> None:
    task = _only_task("Giao Sở Lao động - TB&XH chủ trì, phối hợp với Sở Tài chính rà soát.",
                      directory=None)
    assert (task.lead, task.support) == (["Sở Lao động - TB&XH"], ["Sở Tài chính"])


def test_preamble_sets_the_default_lead() -> None:
    text = _notice(
        "1. Chủ trì, phối hợp với Sở Tài chính rà soát kinh phí.",
        "2. Tăng cường kiểm tra doanh nghiệp.",
        "3. Đề nghị Công an tỉnh phối hợp xử lý vi phạm.",
        preamble="Chủ tịch UBND tỉnh đề nghị ngành Lao động – Thương binh và Xã hội thực hiện "
        "tốt một số nội dung sau:",
    )
    tasks = extract(text, DIRECTORY).tasks
    assert [(t.lead, t.support) for t in tasks] == [
        ([NOI_VU], [TAI_CHINH]), ([NOI_VU], []), (["Công an tỉnh"], [])
    ]


# --- Deadlines inside items -------------------------------------------------------------

ITEM_DEADLINES: list[tuple[str, date | None, str | None, str | None]] = [
    ("Giao Sở Y tế rà soát trạm y tế; hoàn thành trước ngày 30/6/2026.", date(2026, 6, 30),
     "trước ngày 30/6/2026", None),
    ("Giao Sở Y tế ban hành kế hoạch. Thời gian 30/7/2026 thực hiện xong.", date(2026, 7, 30),
     "Thời gian 30/7/2026 thực hiện xong", None),
    ("Giao Sở Y tế tham mưu UBND tỉnh trình HĐND tỉnh trong kỳ họp tháng 9/2026.",
     date(2026, 9, 30), "trong kỳ họp tháng 9/2026", None),
    ("Giao Sở Y tế ban hành kế hoạch trong tháng 6/2026.", date(2026, 6, 30), "trong tháng 6/2026",
     None),
    ("Giao Sở Y tế tổng kết Đề án giai đoạn 2021 - 2025 trong năm 2026.", date(2026, 12, 31),
     "trong năm 2026", None),
    ("Giao Sở Y tế báo cáo trước ngày 20 tháng 10 năm 2026.", date(2026, 10, 20),
     "trước ngày 20 tháng 10 năm 2026", None),
    ("Giao Sở Y tế giải quyết kiến nghị theo quy định. thời gian hoàn thành **trước ngày "
     "30/9/2026**.", date(2026, 9, 30), "trước ngày 30/9/2026", None),
    ("Giao Sở Y tế báo cáo UBND tỉnh trước ngày 15/12.", date(2026, 12, 15), "trước ngày 15/12",
     None),
    ("Giao Sở Y tế triển khai theo Kế hoạch số 101/KH-UBND ngày 28/4/2026 của UBND tỉnh.", None,
     None, None),
    ("Giao Sở Y tế thực hiện Nghị quyết số 11/2024/NQ-QH15 về cơ chế đặc thù.", None, None, None),
    ("Giao Sở Y tế xây dựng Đề án giai đoạn 2026-2030, trình trong thời gian đến.", None, None,
     None),
    ("Từ năm 2027 trở về sau, Sở Y tế chủ động xây dựng chỉ tiêu.", None, None, None),
    ("Giao Sở Y tế triển khai nhiệm vụ 6 tháng cuối năm 2026.", None, None, None),
    ("Giao Sở Y tế thực hiện như kết luận tại cuộc họp ngày 07/4/2026.", None, None, None),
    ("Giao Sở Y tế tổng hợp, định kỳ hằng quý báo cáo UBND tỉnh.", date(2026, 6, 30),
     "định kỳ hằng quý", "quarterly:last"),
    ("Giao Sở Y tế theo dõi dịch bệnh, hằng tuần, trước 16 giờ 00 ngày thứ Sáu báo cáo.",
     date(2026, 4, 10), "hằng tuần, trước 16 giờ 00 ngày thứ Sáu", "weekly:4"),
    ("Giao Sở Y tế gửi báo cáo năm trước ngày 15/12 về UBND tỉnh.", date(2026, 12, 15),
     "báo cáo năm trước ngày 15/12", "yearly:12-15"),
    ("Giao Sở Y tế chi trả trợ cấp hằng tháng đúng quy định.", None, None, None),
    ("Giao Sở Y tế bàn giao mặt bằng; chậm nhất ngày 30/6/2026 hoàn thành.", date(2026, 6, 30),
     "chậm nhất ngày 30/6/2026 hoàn thành", None),
    ("Giao Sở Y tế hướng dẫn xác định giá đất; hoàn thành trước 15/6.", date(2026, 6, 15),
     "trước 15/6", None),
    ("Giao Sở Y tế báo cáo tiến độ về UBND tỉnh trước ngày 25 hằng tháng.", date(2026, 4, 25),
     "trước ngày 25 hằng tháng", "monthly:25"),
]


@pytest.mark.parametrize(("item", "due", "phrase", "recurrence"), ITEM_DEADLINES)
def test_item_deadlines(item: str, due: date | None, phrase: str | None,
                        recurrence: str | None) -> None:
    task = _only_task(item)
    assert (task.deadline, task.deadline_text, task.recurrence) == (due, phrase, recurrence)


SHARED: list[tuple[str, str, date | None, str | None]] = [
    ("preamble_default", "I.1", date(2026, 6, 12), "trước ngày 12/6/2026"),
    ("preamble_default", "I.2", date(2026, 6, 12), "trước ngày 12/6/2026"),
    ("preamble_default", "I.3", date(2026, 6, 12), "trước ngày 12/6/2026"),
    ("preamble_default", "I.4", date(2026, 6, 12), "trước ngày 12/6/2026"),
    ("preamble_default", "I.5", date(2026, 12, 15), "báo cáo năm trước ngày 15/12"),  # own
    ("preamble_default", "I.6", date(2026, 10, 20), "trước ngày 20/10"),  # own, document's year
    ("preamble_default", "II.3", date(2026, 12, 31), "trong năm 2026"),  # other section: own only
    ("preamble_default", "II.1", None, None),  # the shared line of section I does not reach II
]


@pytest.mark.parametrize(("name", "ordinal", "due", "phrase"), SHARED)
def test_shared_deadlines(name: str, ordinal: str, due: date | None, phrase: str | None) -> None:
    task = _task(_fixture(name), ordinal)
    assert (task.deadline, task.deadline_text) == (due, phrase)


def test_heading_deadline_flows_to_its_bullets() -> None:
    text = _notice(
        "1. Giao Sở Nội vụ thực hiện các nội dung sau, hoàn thành trước ngày 30/6/2026:",
        "- Rà soát vị trí việc làm của các cơ quan.",
        "- Tổng hợp biên chế, báo cáo trước ngày 15/5/2026.",
    )
    tasks = extract(text, DIRECTORY).tasks
    assert [(t.ordinal, t.lead, t.deadline) for t in tasks] == [
        ("1.a", [NOI_VU], date(2026, 6, 30)),
        ("1.b", [NOI_VU], date(2026, 5, 15)),
    ]


# --- What is not a task, and what must not leak ------------------------------------------

NEVER_IN_TASKS: list[tuple[str, str]] = [
    ("post2025_ubnd", "Đánh giá chung"),
    ("post2025_ubnd", "98,5%"),  # results with figures
    ("post2025_ubnd", "ghi nhận, biểu dương"),
    ("post2025_ubnd", "tham dự có"),
    ("post2025_ubnd", "kết luận như sau"),
    ("post2025_ubnd", "thông báo để các cơ quan"),
    ("post2025_ubnd", "Nơi nhận"),
    ("post2025_ubnd", "Lưu: VT"),
    ("post2025_ubnd", "CHÁNH VĂN PHÒNG"),
    ("post2025_ubnd", "Nguyễn Thị Hoa"),
    ("news_report", "Ảnh:"),
    ("news_report", "trao Bằng khen"),
    ("news_report", "Số lượt xem"),
    ("news_report", "Minh Anh"),
    ("news_report", "phát biểu chỉ đạo tại hội nghị"),
    ("news_report", "đạt 108%"),
    ("news_report", "phấn đấu giải quyết việc làm cho 33.000"),  # targets before the speech
    ("news_report", "ghi nhận những kết quả"),  # praise before the leader's verb
    ("pdf_wrapped", "- 3 -"),
    ("pdf_wrapped", "Báo cáo số 88/BC-STC"),  # footnote
    ("pdf_wrapped", "¹"),
    ("pdf_wrapped", "Hoàng Văn Sơn"),
    ("field_groups", "18/20 chỉ tiêu"),  # assessment item
    ("field_groups", "Đã hoàn thành số hóa"),  # assessment item
    ("field_groups", "Lĩnh vực tổ chức bộ máy"),  # group heading
    ("field_groups", "Trần Thị Lan"),
    ("agency_sections", "Lê Minh Tuấn"),
    ("agency_sections", "Về đầu tư công"),
]


@pytest.mark.parametrize(("name", "phrase"), NEVER_IN_TASKS)
def test_not_tasks_do_not_leak(name: str, phrase: str) -> None:
    for task in _fixture(name).tasks:
        assert phrase not in task.text, task.ordinal
        if fold(phrase):
            assert f" {fold(phrase)} " not in f" {fold(task.text)} ", task.ordinal


JOINED: list[tuple[str, str, str]] = [
    ("pdf_wrapped", "1", "rà soát toàn bộ các dự án có tỷ lệ giải ngân dưới 30%, đề xuất"),
    ("pdf_wrapped", "2", "các hạng mục còn lại của dự án đường nối các khu công nghiệp, bảo đảm"),
    ("pdf_wrapped", "3", "phường đẩy nhanh công tác giải phóng mặt bằng"),
    ("news_report", "1", "Trong năm 2026, ngành Nội vụ tập trung tham mưu"),
]


@pytest.mark.parametrize(("name", "ordinal", "piece"), JOINED)
def test_wrapped_text_is_joined(name: str, ordinal: str, piece: str) -> None:
    assert piece in _task(_fixture(name), ordinal).text


def test_split_paragraphs_with_own_addressee_become_tasks() -> None:
    text = _notice(
        "1. Thống nhất giao Sở Nội vụ chủ trì tổng kết Đề án trong năm 2026.",
        "Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí.",
        "2. Giao Sở Y tế rà soát trạm y tế xã.",
        "Bảo đảm đúng tiến độ, chất lượng.",
    )
    tasks = extract(text, DIRECTORY).tasks
    assert [(t.ordinal, t.lead, t.support) for t in tasks] == [
        ("1.a", [NOI_VU], []),
        ("1.b", [TAI_CHINH], [NOI_VU]),
        ("2", ["Sở Y tế"], []),
    ]
    assert tasks[2].text.endswith("trạm y tế xã. Bảo đảm đúng tiến độ, chất lượng.")


# --- Metadata ------------------------------------------------------------------------------

METADATA: dict[str, dict[str, object]] = {
    "post2025_ubnd": {
        "number": "45/TB-UBND", "issuer": "UBND tỉnh Lào Cai", "signer": "Nguyễn Thị Hoa",
        "issued_on": "2026-02-25", "meeting_on": "2026-02-20",
        "title": "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về công tác sau sắp xếp đơn vị "
                 "hành chính",
    },
    "agency_sections": {
        "number": "112/TB-VPUBND", "issuer": "Văn phòng UBND tỉnh", "signer": "Lê Minh Tuấn",
        "issued_on": "2026-03-03", "meeting_on": "2026-02-27",
        "title": "Ý kiến chỉ đạo của Phó Chủ tịch UBND tỉnh Trần Văn Nam tại buổi kiểm tra "
                 "công tác chuẩn bị năm học mới và bảo đảm an sinh xã hội",
    },
    "preamble_default": {
        "number": "87/TB-VP", "issuer": "Văn phòng UBND tỉnh Hưng Yên", "signer": "Đỗ Thanh Bình",
        "issued_on": "2026-04-10", "meeting_on": "2026-04-07",
        "title": "Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc với Sở Nội vụ về công tác "
                 "lao động, việc làm và an sinh xã hội",
    },
    "news_report": {
        "number": None, "issuer": None, "signer": None, "issued_on": "2026-03-05",
        "meeting_on": "2026-03-04", "title": "Sở Nội vụ triển khai nhiệm vụ năm 2026",
    },
    "pdf_wrapped": {
        "number": "301/TB-UBND", "issuer": "UBND tỉnh Thái Nguyên", "signer": "Hoàng Văn Sơn",
        "issued_on": "2026-05-18", "meeting_on": "2026-05-15",
        "title": "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư "
                 "công năm 2026",
    },
    "field_groups": {
        "number": None, "issuer": "Sở Nội vụ", "signer": "Trần Thị Lan",
        "issued_on": "2026-01-14", "meeting_on": "2026-01-12",
        "title": "Kết luận của Giám đốc Sở Nội vụ tại Hội nghị triển khai nhiệm vụ năm 2026",
    },
}


@pytest.mark.parametrize("name", sorted(METADATA))
def test_metadata(name: str) -> None:
    assert extraction_to_json(_fixture(name))["document"] == METADATA[name]


HEADER_SNIPPETS: list[tuple[str, dict[str, object]]] = [
    ("Số: 123/TB-UBND\n\nQuảng Ngãi, ngày 5 tháng 9 năm 2024\n\nTHÔNG BÁO\n\nKết luận",
     {"number": "123/TB-UBND", "issuer": "UBND tỉnh Quảng Ngãi", "issued_on": "2024-09-05"}),
    ("Số: /TB-UBND\n\nQuảng Ngãi, ngày tháng 9 năm 2024\n\nTHÔNG BÁO\n\nKết luận",
     {"number": None, "issuer": "UBND tỉnh Quảng Ngãi", "issued_on": None}),
    ("Số: 9/TB-VPUBND\n\nLạng Sơn, ngày 22 tháng 7 năm 2022\n\nTHÔNG BÁO\n\nKết luận",
     {"number": "9/TB-VPUBND", "issuer": "Văn phòng UBND tỉnh", "issued_on": "2022-07-22"}),
    ("Số: 7/TB-SLĐTBXH\n\nLạng Sơn, ngày 22 tháng 7 năm 2022\n\nTHÔNG BÁO\n\nKết luận",
     {"number": "7/TB-SLĐTBXH", "issuer": "Sở Lao động – Thương binh và Xã hội",
      "issued_on": "2022-07-22"}),
    ("Tin hoạt động\nNgày: 24.01.2018\nNgày 23/01/2018, Sở tổ chức hội nghị.",
     {"number": None, "issuer": None, "issued_on": "2018-01-24", "meeting_on": "2018-01-23"}),
    ("Tin hoạt động\n\n26/11/2022 19:14 Số lượt xem: 2068\nNgày 26-11, Sở tổng kết.",
     {"issued_on": "2022-11-26", "meeting_on": "2022-11-26", "title": "Tin hoạt động"}),
    # A department's header in capitals: the directory's spelling, else sentence case.
    ("UBND TỈNH ĐỒNG THÁP\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 95/TB-SLĐTBXH\n\n"
     "THÔNG BÁO\n\nKết luận", {"issuer": "Sở Lao động – Thương binh và Xã hội"}),
    ("UBND TỈNH ĐỒNG THÁP\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n\nTHÔNG BÁO\n\nKết luận", {
        "issuer": "Sở Văn hóa, Thể thao và Du lịch"}),
    ("UBND TỈNH ĐỒNG THÁP\nBAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP\n\nTHÔNG BÁO\n\nKết luận", {
        "issuer": "Ban Quản lý các khu công nghiệp"}),
    # A "/TB-UBND" notice is the province's even when its Office signs off at the end.
    ("Số: 77/TB-UBND\n\nNghệ An, ngày 20 tháng 5 năm 2025\n\nTHÔNG BÁO\n\nKết luận\n\n"
     "Văn phòng UBND tỉnh thông báo để các cơ quan biết, thực hiện./.",
     {"number": "77/TB-UBND", "issuer": "UBND tỉnh Nghệ An"}),
    # Two-column header flattened with "|" and decoration lines.
    ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n-------\n| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "---------------\nSố: 56/TB-UBND | Khánh Hòa, ngày 14 tháng 3 năm 2025\n\nTHÔNG BÁO\n"
     "KẾT LUẬN CỦA PHÓ CHỦ TỊCH UBND TỈNH\n\nSáng 12/3/2025, Phó Chủ tịch UBND tỉnh chủ trì "
     "cuộc họp.",
     {"number": "56/TB-UBND", "issuer": "UBND tỉnh Khánh Hòa", "issued_on": "2025-03-14",
      "meeting_on": "2025-03-12", "title": "KẾT LUẬN CỦA PHÓ CHỦ TỊCH UBND TỈNH"}),
    # A marker alone on its line, a title broken by a blank line, columns in the tail.
    ("UBND TỈNH BẮC GIANG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG\n"
     "Số: 1023/TB-VP          Bắc Giang, ngày 02 tháng 10 năm 2024\n\nTHÔNG BÁO\n"
     "Ý kiến kết luận tại buổi làm việc\n\nvới Sở Thông tin và Truyền thông\n\n"
     "Ngày 30/9/2024, Chủ tịch UBND tỉnh làm việc với Sở Thông tin và Truyền thông.\n"
     "Nơi nhận:          KT. CHÁNH VĂN PHÒNG\n- Lưu: VT.          PHÓ CHÁNH VĂN PHÒNG\n"
     "                     Trần Quốc Việt\n",
     {"issuer": "Văn phòng UBND tỉnh Bắc Giang", "signer": "Trần Quốc Việt",
      "title": "Ý kiến kết luận tại buổi làm việc với Sở Thông tin và Truyền thông",
      "meeting_on": "2024-09-30"}),
]


@pytest.mark.parametrize(("text", "expected"), HEADER_SNIPPETS)
def test_header_snippets(text: str, expected: dict[str, object]) -> None:
    document = extraction_to_json(extract(text, DIRECTORY))["document"]
    assert isinstance(document, dict)
    assert {key: document[key] for key in expected} == expected


def test_json_shape() -> None:
    data = extraction_to_json(_fixture("post2025_ubnd"))
    assert set(data) == {"document", "tasks"}
    document, tasks = data["document"], data["tasks"]
    assert isinstance(document, dict) and isinstance(tasks, list)
    assert set(document) == {"number", "issuer", "signer", "issued_on", "meeting_on", "title"}
    for task in tasks:
        assert set(task) == {"ordinal", "text", "lead", "support", "deadline", "deadline_text",
                             "recurrence", "lead_source", "deadline_source"}
        assert task["deadline"] is None or date.fromisoformat(task["deadline"])
    first = tasks[0]
    assert first["deadline"] == "2026-06-30" and first["deadline_text"] == "trước ngày 30/6/2026"
    assert tasks[3]["recurrence"] == "quarterly:last"


def test_warnings_are_codes() -> None:
    ex = extract(_notice("1. Giao Phòng Văn hóa – Thông tin xã Tân Lập rà soát di tích."), None)
    assert "unresolved_agency:Phòng Văn hóa – Thông tin xã Tân Lập" in ex.warnings
    assert "issuer_from_number" in ex.warnings
    assert "no_tasks" in extract("", DIRECTORY).warnings


UNIT_NAMES: list[tuple[str, list[str], list[str]]] = [
    ("Giao Trung tâm Phát triển quỹ đất tỉnh chủ trì, phối hợp với Sở Tài chính hoàn thiện "
     "hồ sơ giao đất, xong trước ngày 30/6/2026.",
     ["Trung tâm Phát triển quỹ đất tỉnh"], ["Sở Tài chính"]),
    ("Trung tâm Phát triển quỹ đất tỉnh khẩn trương hoàn thành bồi thường, giải phóng mặt bằng.",
     ["Trung tâm Phát triển quỹ đất tỉnh"], []),
    ("Giao Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch chủ trì tổ chức hội nghị.",
     ["Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch"], []),
    ("Quỹ Phát triển đất phối hợp với Trung tâm Phục vụ hành chính công rà soát thủ tục.",
     ["Quỹ Phát triển đất"], ["Trung tâm Phục vụ hành chính công"]),
    ("Giao Ban Quản lý dự án đầu tư xây dựng các công trình giao thông triển khai thi công.",
     ["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông"], []),
]


@pytest.mark.parametrize(("item", "lead", "support"), UNIT_NAMES)
def test_unit_names_whose_words_also_start_verbs_are_kept_whole(
    item: str, lead: list[str], support: list[str]
) -> None:
    """ "Phát triển", "Xúc tiến", "công trình" inside a name do not end it."""
    task = _only_task(item)
    assert (list(task.lead), list(task.support)) == (lead, support)


# --- Properties ------------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "Giao", "Sở Nội vụ", "chủ trì", "phối hợp với", "Sở Tài chính", "trước ngày", "hạn", "ngày",
    "thời gian hoàn thành", "trong năm", "tháng", "quý", "hằng", "rà soát", "báo cáo", "UBND",
    "các xã, phường", ";", ",", ".", ":", "1.", "a)", "-", "+", "\n", "\n\n", "Nơi nhận:",
    "THÔNG BÁO", "Số:", "đề nghị", "yêu cầu", "Văn phòng UBND tỉnh thông báo", "./.",
])
_LINE_TEXT = st.lists(_WORDS, max_size=30).map(" ".join)


@given(st.one_of(st.text(max_size=300), _LINE_TEXT))
def test_extractor_never_crashes(text: str) -> None:
    ex = extract(text, DIRECTORY)
    tasks = extraction_to_json(ex)["tasks"]
    assert isinstance(tasks, list) and len(tasks) == len(ex.tasks)
    for task in ex.tasks:
        assert task.text and task.ordinal


@given(
    before=_LINE_TEXT,
    after=_LINE_TEXT,
    number=st.integers(min_value=1, max_value=9999),
    kind=st.sampled_from(["KH-UBND", "QĐ-UBND", "UBND-KT", "TB-VPUBND", "2024/NQ-HĐND"]),
    cited=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    doc_type=st.sampled_from(["Kế hoạch", "Quyết định", "Văn bản", "Công văn", "Thông báo", ""]),
)
def test_cited_document_dates_are_never_deadlines(
    before: str, after: str, number: int, kind: str, cited: date, doc_type: str
) -> None:
    """The only digits in the notice body are in the citation, so no deadline may equal it."""
    citation = f"{doc_type} số {number}/{kind} ngày {cited.day}/{cited.month}/{cited.year}"
    item = f"1. Giao Sở Nội vụ chủ trì {before} theo {citation} {after}"
    text = f"THÔNG BÁO\n\nKết luận\n\n{item}\n\n2. {before} {citation}, hoàn thành trước ngày."
    ex = extract(text, DIRECTORY)
    for task in ex.tasks:
        assert task.deadline != cited


def _as_pdf_text(text: str, width: int, *, blank_lines: bool) -> str:
    """The notice as a PDF reader returns it: wrapped at ``width``, a form feed between
    pages of 20 lines, and (``blank_lines=False``) no blank line between paragraphs."""
    import textwrap

    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            if blank_lines:
                lines.append("")
            continue
        lines.extend(textwrap.wrap(line, width, break_on_hyphens=False) or [""])
    paged: list[str] = []
    for index, line in enumerate(lines, start=1):
        paged.append(line)
        if index % 20 == 0:
            paged.append("\f")
    return "\n".join(paged)


@pytest.mark.parametrize("width", [64, 78, 95])
@pytest.mark.parametrize("blank_lines", [True, False])
@pytest.mark.parametrize("name", ["post2025_ubnd", "agency_sections", "preamble_default",
                                  "field_groups", "local_ubnd"])
def test_hard_wrapped_pdf_text_gives_the_same_result(name: str, width: int,
                                                     blank_lines: bool) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = extraction_to_json(extract(text, DIRECTORY))
    wrapped = extraction_to_json(extract(_as_pdf_text(text, width, blank_lines=blank_lines),
                                         DIRECTORY))
    assert wrapped == expected


@pytest.mark.parametrize("rule", ["_______", "_", "___ ___", "_ _ _", "-----", "* * *"])
def test_the_rule_under_the_title_is_not_part_of_it(rule: str) -> None:
    """An odd run of underscores lost its pairs to the markup rule and left " _" behind."""
    text = (
        "UỶ BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 512/TB-UBND\n"
        "Quảng Ngãi, ngày 16 tháng 9 năm 2024\nTHÔNG BÁO\n"
        f"Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc với Sở Y tế\n{rule}\n"
        "Ngày 10/9/2024, Phó Chủ tịch UBND tỉnh chủ trì làm việc. Phó Chủ tịch kết luận "
        "như sau:\n1. Giao Sở Y tế chủ trì rà soát, hoàn thành trước ngày 30/10/2024.\n"
    )
    extraction = extract(text, DIRECTORY)
    assert extraction.document.title == (
        "Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc với Sở Y tế")
    assert [task.ordinal for task in extraction.tasks] == ["1"]
