"""Patterns of Vietnamese administrative writing that documents unseen while tuning use,
each on a few invented lines (no real document is copied).

Each test names the pattern it follows; every snippet failed before the rule it tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.extraction import ExtractedTask, Extraction, extract

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))

GROUP_SO = "Các sở, ban, ngành tỉnh"
GROUP_XA = "UBND các xã, phường"


def _letter(body: str, *, to: str = "- Các sở, ban, ngành tỉnh;\n- UBND các xã, phường.") -> str:
    """A province's letter of 12/8/2026 around ``body`` (its content, after "Kính gửi")."""
    return (
        "ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: 3456/UBND-KT\nV/v triển khai nhiệm vụ\n"
        "Phú Thọ, ngày 12 tháng 8 năm 2026\n\n"
        f"Kính gửi:\n{to}\n\n{body}\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Bình\n"
    )


def _notice(body: str) -> str:
    """A conclusion notice of 10/4/2026 around ``body`` (the conclusions)."""
    return (
        "ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: 120/TB-UBND\nPhú Thọ, ngày 10 tháng 4 năm 2026\n\n"
        "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp về đầu tư công\n\n"
        "Ngày 07/4/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp về tiến độ giải ngân vốn đầu tư "
        "công. Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:\n\n"
        f"{body}\n\n"
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\n"
        "Lê Thị Hoa\n"
    )


def _rows(tasks: list[ExtractedTask]) -> list[tuple[list[str], date | None]]:
    return [(task.lead, task.deadline) for task in tasks]


# --- Agency names as a line of their own ------------------------------------------------


def test_a_list_of_addressees_wrapped_onto_the_duty_line_stays_one_sentence() -> None:
    body = (
        "Chủ tịch UBND tỉnh yêu cầu:\n\n"
        "1. Các Sở, ban, ngành thuộc tỉnh, Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh,\n"
        "Ủy ban nhân dân các xã, phường tổ chức nghiên cứu, cụ thể hóa các nhiệm vụ của "
        "Chương trình hành động.\n\n"
        "2. Sở Tài chính tham mưu bố trí kinh phí thực hiện."
    )
    tasks = extract(_letter(body), DIRECTORY).tasks
    assert _rows(tasks) == [
        ([GROUP_SO, "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", GROUP_XA], None),
        (["Sở Tài chính"], None),
    ]
    assert tasks[0].text.startswith("Các Sở, ban, ngành thuộc tỉnh")


def test_a_line_naming_only_the_addressees_heads_the_paragraph_below() -> None:
    # The names alone on the numbered line, the duty (with a generic subject) below it,
    # with or without a blank line between them.
    for gap in ("\n", "\n\n"):
        body = (
            "Chủ tịch UBND tỉnh yêu cầu:\n\n"
            "1. Trung tâm Phục vụ hành chính công tỉnh; các Ban Quản lý dự án đầu tư xây dựng"
            f"{gap}Các đơn vị chủ động rà soát thủ tục, rút ngắn thời gian giải quyết hồ sơ.\n\n"
            "2. Sở Tài chính tham mưu bố trí kinh phí thực hiện."
        )
        tasks = extract(_letter(body), DIRECTORY).tasks
        assert _rows(tasks) == [
            (["Trung tâm Phục vụ hành chính công tỉnh",
              "Các Ban Quản lý dự án đầu tư xây dựng"], None),
            (["Sở Tài chính"], None),
        ], gap
        assert tasks[0].lead_source == "heading"
        assert tasks[0].text.startswith("Các đơn vị chủ động rà soát")


# --- Text pasted without its document -------------------------------------------------


def test_a_directive_pasted_on_its_own_is_one_task() -> None:
    # An admin pastes one paragraph of a notice into /import: no header, no title, no
    # meeting report to skip, with or without its full stop.
    for text in ("Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 30/9/2027.",
                 "Giao Sở Tài chính chủ trì rà soát quy hoạch các cụm công nghiệp"):
        tasks = extract(text, DIRECTORY).tasks
        assert [(t.ordinal, t.lead, t.lead_source) for t in tasks] == [
            ("1", ["Sở Tài chính"], "written")
        ], text
    assert extract("Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 30/9/2027.",
                   DIRECTORY).tasks[0].deadline == date(2027, 9, 30)


def test_pasted_paragraphs_each_with_an_addressee() -> None:
    text = ("Sở Y tế khẩn trương kiểm tra các trạm y tế, báo cáo trước ngày 15/10/2027.\n"
            "Giao Sở Tài chính bố trí kinh phí thực hiện.")
    assert _rows(extract(text, DIRECTORY).tasks) == [
        (["Sở Y tế"], date(2027, 10, 15)), (["Sở Tài chính"], None),
    ]


def test_a_title_is_not_joined_to_the_line_that_opens_the_conclusions() -> None:
    # The trích yếu with no blank line before "Chủ tịch UBND tỉnh kết luận như sau:".
    text = ("THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp về đầu tư công\n"
            "Chủ tịch UBND tỉnh kết luận như sau:\n"
            "1. Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 30/9/2027.\n"
            "2. Sở Y tế kiểm tra các trạm y tế.\n")
    ex = extract(text, DIRECTORY)
    assert ex.document.title == "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về đầu tư công"
    assert _rows(ex.tasks) == [(["Sở Tài chính"], date(2027, 9, 30)), (["Sở Y tế"], None)]
    # A title wrapped before "về …" stays whole.
    wrapped = ("THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp\nvề đầu tư công năm "
               "2026\n\nNgày 05/6/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh "
               "kết luận như sau:\n1. Giao Sở Tài chính chủ trì rà soát.\n")
    assert extract(wrapped, DIRECTORY).document.title == (
        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về đầu tư công năm 2026"
    )


# --- Addressees named elsewhere ---------------------------------------------------------


def test_a_letter_to_a_company_calls_it_the_company() -> None:
    text = (
        "SỞ XÂY DỰNG TỈNH NAM ĐỊNH\nSố: 455/SXD-QLCL\nV/v khắc phục tồn tại sau kiểm tra\n"
        "Nam Định, ngày 02 tháng 10 năm 2026\n\n"
        "Kính gửi: Công ty cổ phần Xây dựng Thành Nam.\n\n"
        "Căn cứ kết quả kiểm tra ngày 25/9/2026, Sở Xây dựng đề nghị Công ty khẩn trương khắc "
        "phục các tồn tại về an toàn lao động, báo cáo kết quả về Sở Xây dựng trước ngày "
        "20/10/2026.\n\nTrân trọng./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn Hải\n"
    )
    ex = extract(text, DIRECTORY)
    assert _rows(ex.tasks) == [(["Công ty cổ phần Xây dựng Thành Nam"], date(2026, 10, 20))]
    # The department's own name, without the province's after it.
    assert ex.document.issuer == "Sở Xây dựng"


def test_a_bare_company_without_antecedents_names_no_one() -> None:
    body = "Chủ tịch UBND tỉnh yêu cầu:\n\n1. Đề nghị Công ty tiếp tục rà soát hồ sơ."
    tasks = extract(_letter(body), DIRECTORY).tasks
    assert tasks[0].lead == [GROUP_SO, GROUP_XA]  # the letter's addressees


# --- Background: what is, and what a cited text assigned ---------------------------------


def test_a_cited_decree_that_assigns_work_is_background() -> None:
    # Item 1 states what a thing is and what a decree assigned long ago; item 2 assigns.
    body = (
        "1. Thị trường các-bon được coi là công cụ quan trọng để thực hiện cam kết giảm phát "
        "thải. Nghị định số 06/2022/NĐ-CP ngày 07/01/2022 của Chính phủ giao Bộ Tài chính chủ "
        "trì xây dựng Đề án thành lập thị trường các-bon trong nước.\n\n"
        "2. Bộ Tài chính khẩn trương hoàn thiện Đề án, trình Thủ tướng Chính phủ trong tháng "
        "10/2026.\n\n"
        "3. Theo Nghị định số 06/2022/NĐ-CP, giao Sở Nông nghiệp và Môi trường kiểm kê khí nhà "
        "kính của tỉnh."
    )
    tasks = extract(_notice(body), DIRECTORY).tasks
    assert [(t.ordinal, t.lead, t.deadline) for t in tasks] == [
        ("2", ["Bộ Tài chính"], date(2026, 10, 31)),
        ("3", ["Sở Nông nghiệp và Môi trường"], None),
    ]


def test_a_later_sentence_naming_other_subjects_is_a_joint_task() -> None:
    # "Bộ X …. Bộ X, Bộ Y thống nhất …": a second duty, with leads of its own; a sentence
    # in which others only take part ("… phối hợp thực hiện") or the same agency goes on
    # stays in the task.
    body = (
        "1. Bộ Công Thương chủ trì, phối hợp với Bộ Tài chính rà soát chức năng, nhiệm vụ theo "
        "quy định tại Luật Điện lực. Bộ Công Thương, Bộ Tài chính thống nhất về nội dung này "
        "trước khi trình Thủ tướng Chính phủ trong tháng 10/2026.\n\n"
        "2. Giao Sở Y tế rà soát các trạm y tế. UBND các xã, phường phối hợp thực hiện.\n\n"
        "3. Sở Xây dựng kiểm tra các công trình. Sở Xây dựng báo cáo kết quả trước ngày "
        "30/10/2026."
    )
    tasks = extract(_notice(body), DIRECTORY).tasks
    assert [(t.ordinal, t.lead, t.deadline) for t in tasks] == [
        ("1.a", ["Bộ Công Thương"], None),
        ("1.b", ["Bộ Công Thương", "Bộ Tài chính"], date(2026, 10, 31)),
        ("2", ["Sở Y tế"], None),
        ("3", ["Sở Xây dựng"], date(2026, 10, 30)),
    ]


# --- Roles marked after the names ----------------------------------------------------------


def test_roles_marked_in_parentheses() -> None:
    body = (
        "1. Giao Sở Tài chính (chủ trì), Sở Xây dựng, UBND các xã, phường (phối hợp) rà soát "
        "quỹ đất, báo cáo UBND tỉnh trước ngày 15/5/2026.\n\n"
        "2. Sở Nội vụ (chủ trì), Sở Tài chính (phối hợp) tham mưu bổ sung biên chế."
    )
    tasks = extract(_notice(body), DIRECTORY).tasks
    assert [(t.lead, t.support) for t in tasks] == [
        (["Sở Tài chính"], ["Sở Xây dựng", GROUP_XA]),
        (["Sở Nội vụ"], ["Sở Tài chính"]),
    ]


def test_companies_listed_in_the_opening_are_the_units_referred_back_to() -> None:
    # The inspection_notice fixture with the inspected companies listed in its opening
    # paragraph and its results by topic rather than by company.
    text = (ROOT / "tests" / "fixtures" / "notices" / "inspection_notice.txt").read_text(
        encoding="utf-8")
    companies = ["Công ty cổ phần Khai thác đá Đông Sơn", "Tổng công ty Xây dựng Lam Sơn",
                 "Công ty TNHH Thành Công"]
    text = text.replace("tại các đơn vị.", f"tại 03 đơn vị: {companies[0]}, {companies[1]} và "
                        f"{companies[2]}.")
    for letter, topic, company in zip("abc", ("Về hộ chiếu", "Về báo cáo", "Về an toàn"),
                                      companies, strict=True):
        text = text.replace(f"{letter}) {company}:", f"{letter}) {topic}:")
    tasks = extract(text, DIRECTORY).tasks
    assert [t.lead for t in tasks] == [companies] * 3


# --- Guards: what these rules leave alone -------------------------------------------------


def test_a_request_that_is_the_whole_content_is_no_closing_formula() -> None:
    body = ("Để bảo đảm an toàn thực phẩm dịp Tết, Bộ Y tế đề nghị Ủy ban nhân dân các tỉnh "
            "chỉ đạo các cơ sở y tế trên địa bàn nghiêm túc thực hiện.\n\nTrân trọng./.")
    tasks = extract(_letter(body, to="Ủy ban nhân dân các tỉnh, thành phố."), DIRECTORY).tasks
    assert len(tasks) == 1


def test_a_heading_without_its_own_date_only_announces_its_points() -> None:
    body = ("1. Sở Y tế chủ trì, phối hợp với các đơn vị thực hiện tốt các nhiệm vụ được giao. "
            "Trong đó tập trung một số nội dung sau:\n"
            "- Rà soát các trạm y tế xã.\n- Bổ sung trang thiết bị cho trạm y tế.")
    tasks = extract(_notice(body), DIRECTORY).tasks
    assert [(t.ordinal, t.lead) for t in tasks] == [("1.a", ["Sở Y tế"]), ("1.b", ["Sở Y tế"])]


def test_names_wrapped_after_va_go_on_into_the_sentence() -> None:
    body = ("Chủ tịch UBND tỉnh yêu cầu:\n\n1. Sở Tài chính, Sở Xây dựng và\n"
            "Ủy ban nhân dân các xã, phường khẩn trương rà soát quỹ đất.")
    tasks = extract(_letter(body), DIRECTORY).tasks
    assert [(t.lead, t.text[:13]) for t in tasks] == [
        (["Sở Tài chính", "Sở Xây dựng", GROUP_XA], "Sở Tài chính,"),
    ]


def test_companies_reported_on_one_paragraph_each_are_referred_back_to() -> None:
    text = (ROOT / "tests" / "fixtures" / "notices" / "inspection_notice.txt").read_text(
        encoding="utf-8")
    companies = ["Công ty cổ phần Khai thác đá Đông Sơn", "Tổng công ty Xây dựng Lam Sơn",
                 "Công ty TNHH Thành Công"]
    for letter, lead_in, company in zip("abc", ("Đối với", "Tại", "Qua kiểm tra tại"),
                                        companies, strict=True):
        text = text.replace(f"{letter}) {company}:", f"{lead_in} {company}:")
    tasks = extract(text, DIRECTORY).tasks
    assert [t.lead for t in tasks] == [companies] * 3


def test_a_deadline_phrase_cut_inside_brackets_is_closed() -> None:
    ex = extract(
        "1. Sở Tài chính tổng hợp tình hình giải ngân, báo cáo UBND tỉnh định kỳ hằng tháng "
        "(trước ngày 25).",
        DIRECTORY,
    )
    (task,) = ex.tasks
    phrase = task.deadline_text or ""
    assert task.recurrence is not None
    assert phrase.count("(") == phrase.count(")"), phrase


# --- An OCR'd letter with a two-column header ---------------------------------------------
# Nghị định 30/2020 sets the issuing body beside the quốc hiệu and the trích yếu ("V/v …")
# beside the địa danh và ngày tháng; OCR reads the two columns line by line and interleaves
# them, damaging a few letters. The fixture is invented.


def _ocr_two_column_letter() -> Extraction:
    text = (ROOT / "tests" / "fixtures" / "notices" / "ocr_two_column_letter.txt").read_text(
        encoding="utf-8")
    return extract(text, DIRECTORY)


def test_the_place_and_date_beside_the_subject_is_cut_from_it() -> None:
    # The subject goes on below in its column, here from a capitalised word.
    assert _ocr_two_column_letter().document.title == (
        "Hướng dẫn thực hiện thủ tục cấp Giấy phép hoạt động khám bệnh, chữa bệnh")
    # A subject that cites a dated document keeps its date.
    text = _letter("Sở Tài chính tham mưu bố trí kinh phí thực hiện.").replace(
        "V/v triển khai nhiệm vụ", "V/v triển khai Nghị quyết số 12/NQ-CP ngày 05 tháng 3 năm 2026")
    assert extract(text, DIRECTORY).document.title == (
        "Triển khai Nghị quyết số 12/NQ-CP ngày 05 tháng 3 năm 2026")


def test_the_quoc_hieu_beside_the_issuing_body_is_no_part_of_its_name() -> None:
    # "BỘ Y TẾ CỘNG HOÀ XÃ : HỘI CHỦ NGHĨA VIỆT NAM": the old tone placement "HOÀ" and an
    # OCR-damaged "XÃ : HỘI".
    assert _ocr_two_column_letter().document.issuer == "Bộ Y tế"
    for quoc_hieu in ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CONG HOA XA HOI CHU NGHIA VIET NAM",
                      "XÃ : HỦ NGHĨA VIỆT NAM"):
        text = _letter("Sở Tài chính tham mưu bố trí kinh phí thực hiện.").replace(
            "ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\n", f"SỞ Y TẾ {quoc_hieu}\n")
        assert extract(text, DIRECTORY).document.issuer == "Sở Y tế", quoc_hieu
    # "CÔNG THƯƠNG" merges two fields (Công nghiệp, Thương mại): "Bộ Công Thương".
    text = (ROOT / "tests" / "fixtures" / "notices" / "ocr_two_column_letter.txt").read_text(
        encoding="utf-8").replace("BỘ Y TẾ CỘNG", "BỘ CÔNG THƯƠNG CỘNG")
    assert extract(text, DIRECTORY).document.issuer == "Bộ Công Thương"


def test_the_end_of_content_mark_is_no_part_of_a_task() -> None:
    # Nghị định 30/2020 ends the content with "./."; the task's sentence ends with its ".".
    (task,) = _ocr_two_column_letter().tasks
    assert task.text.endswith("trên địa bàn theo đúng quy định pháp luật.")
    body = ("1. Sở Tài chính tham mưu bố trí kinh phí thực hiện. /.\n\n"
            "2. Sở Y tế rà soát các trạm y tế./.")
    assert [t.text for t in extract(_letter(body), DIRECTORY).tasks] == [
        "Sở Tài chính tham mưu bố trí kinh phí thực hiện.", "Sở Y tế rà soát các trạm y tế."]


def test_the_meeting_date_comes_from_a_meeting_never_from_a_cited_document() -> None:
    # "Ngày 02 tháng 7 năm 2026, Bộ Y tế ban hành Thông tư số …": the day a document was
    # issued, not a meeting.
    assert _ocr_two_column_letter().document.meeting_on is None
    ministry = extract(_letter(
        "Ngày 20/5/2026, Chính phủ ban hành Nghị định số 99/2026/NĐ-CP về quản lý trang thiết "
        "bị y tế.\n\nĐề nghị Sở Y tế hướng dẫn các cơ sở thực hiện."), DIRECTORY).document
    assert ministry.meeting_on is None
    # "Ngày …, … chủ trì cuộc họp" and "Tại cuộc họp ngày …," open a conclusion notice.
    assert extract(_notice("1. Sở Y tế rà soát các trạm y tế."), DIRECTORY).document.meeting_on \
        == date(2026, 4, 7)
    held = _notice("1. Sở Y tế rà soát các trạm y tế.").replace(
        "Ngày 07/4/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp về",
        "Tại cuộc họp ngày 06/4/2026 về")
    assert extract(held, DIRECTORY).document.meeting_on == date(2026, 4, 6)
    heard = _notice("1. Sở Y tế rà soát các trạm y tế.").replace(
        "Chủ tịch UBND tỉnh chủ trì cuộc họp về", "Ban Thường vụ Tỉnh ủy nghe Sở Tài chính báo cáo")
    assert extract(heard, DIRECTORY).document.meeting_on == date(2026, 4, 7)


def test_the_e_signature_time_dates_a_document_whose_date_is_blank() -> None:
    # A digitally signed document carries "Ký bởi / Cơ quan / Thời gian ký: dd.mm.yyyy …";
    # OCR lost the first letters of each line ("hời gian ký").
    assert _ocr_two_column_letter().document.issued_on == date(2026, 7, 14)
    # A written date outranks it.
    text = _letter("Sở Tài chính tham mưu bố trí kinh phí thực hiện.")
    signed = "Thời gian ký: 13.08.2026 10:00:00 +07:00\n" + text
    assert extract(signed, DIRECTORY).document.issued_on == date(2026, 8, 12)


def test_the_signer_s_name_under_the_recipients_without_a_title() -> None:
    # OCR lost the signature's title (an image), leaving the name under "Nơi nhận".
    assert _ocr_two_column_letter().document.signer == "Nguyễn Thị Lan"
