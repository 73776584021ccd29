"""Agency names in running text: lists, grouped forms, titles, generic groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.extraction.mentions import AgencyFinder

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))

LISTS: list[tuple[str, list[str] | None, str]] = [
    # text, names found at position 0 (None: no agency there), what follows the list
    ("Sở Tài chính, Sở Xây dựng rà soát", ["Sở Tài chính", "Sở Xây dựng"], " rà soát"),
    ("Sở Tài chính tỉnh, Sở Y tế tỉnh chủ trì", ["Sở Tài chính", "Sở Y tế"], " chủ trì"),
    ("Bảo hiểm xã hội tỉnh và Sở Y tế trong việc", ["Bảo hiểm xã hội tỉnh", "Sở Y tế"],
     " trong việc"),
    ("các sở, ban, ngành, UBND các huyện, thị xã, thành phố tăng cường",
     ["Các sở, ban, ngành tỉnh", "UBND các xã, phường"], " tăng cường"),
    ("Các Sở: Công Thương, Tài chính, Xây dựng tập trung",
     ["Sở Công Thương", "Sở Tài chính", "Sở Xây dựng"], " tập trung"),
    ("UBND các phường: Yên Bái, Văn Phú rà soát",
     ["UBND phường Yên Bái", "UBND phường Văn Phú"], " rà soát"),
    ("Giám đốc Sở Lao động - TB&XH chỉ đạo", ["Sở Nội vụ"], " chỉ đạo"),
    ("Chủ tịch UBND các huyện, thành phố chịu trách nhiệm", ["UBND các xã, phường"],
     " chịu trách nhiệm"),
    ("ngành lao động – thương binh và xã hội trong công tác", ["Sở Nội vụ"], " trong công tác"),
    ("Ban Dân tộc tỉnh phối hợp", ["Sở Dân tộc và Tôn giáo"], " phối hợp"),
    ("Phòng LĐTBXH các huyện, tham mưu", ["Phòng LĐTBXH các huyện"], ", tham mưu"),
    ("các phòng chuyên môn, các đơn vị trực thuộc cần tập trung",
     ["Các phòng chuyên môn", "Các đơn vị trực thuộc"], " cần tập trung"),
    ("Trường Cao đẳng nghề Lạng Sơn tổ chức", ["Trường Cao đẳng nghề Lạng Sơn"], " tổ chức"),
    # Unit names the directory does not know, whose inner words also start verbs.
    ("Trung tâm Phát triển quỹ đất tỉnh chủ trì", ["Trung tâm Phát triển quỹ đất tỉnh"],
     " chủ trì"),
    ("Trung tâm Phát triển quỹ đất tỉnh và Sở Tài chính phát triển",
     ["Trung tâm Phát triển quỹ đất tỉnh", "Sở Tài chính"], " phát triển"),
    ("Quỹ Phát triển đất rà soát", ["Quỹ Phát triển đất"], " rà soát"),
    ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tổ chức",
     ["Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch"], " tổ chức"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông triển khai",
     ["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông"], " triển khai"),
    ("Trung tâm Phục vụ hành chính công tiếp nhận", ["Trung tâm Phục vụ hành chính công"],
     " tiếp nhận"),
    ("Trung tâm Kiểm định chất lượng công trình xây dựng, Sở Xây dựng kiểm tra",
     ["Trung tâm Kiểm định chất lượng công trình xây dựng", "Sở Xây dựng"], " kiểm tra"),
    # A comma before another agency, a title or plain words still ends the name.
    ("Trung tâm Dịch vụ việc làm, Sở Nội vụ và Sở Y tế hướng dẫn",
     ["Trung tâm Dịch vụ việc làm", "Sở Nội vụ", "Sở Y tế"], " hướng dẫn"),
    ("Trung tâm Dịch vụ việc làm, Giám đốc Sở Y tế và Sở Nội vụ chủ trì",
     ["Trung tâm Dịch vụ việc làm", "Sở Y tế", "Sở Nội vụ"], " chủ trì"),
    ("Trung tâm Dịch vụ việc làm, Hà Nội tổ chức", ["Trung tâm Dịch vụ việc làm"],
     ", Hà Nội tổ chức"),
    # Agencies outside the directory, by the shape of their names, stopping before the verb.
    ("Bộ Tài chính cân đối, bố trí vốn", ["Bộ Tài chính"], " cân đối, bố trí vốn"),
    ("Bộ Nông nghiệp và Phát triển nông thôn, Bộ Tài nguyên và Môi trường chủ trì",
     ["Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Tài nguyên và Môi trường"], " chủ trì"),
    ("Bộ trưởng Bộ Tài nguyên và Môi trường thừa ủy quyền", ["Bộ Tài nguyên và Môi trường"],
     " thừa ủy quyền"),
    ("Công ty Điện lực tỉnh Hà Tĩnh Khảo sát tuyến", ["Công ty Điện lực tỉnh Hà Tĩnh"],
     " Khảo sát tuyến"),
    ("Tập đoàn Điện lực Việt Nam khẩn trương", ["Tập đoàn Điện lực Việt Nam"], " khẩn trương"),
    ("Ban Tuyên giáo Tỉnh ủy chủ trì", ["Ban Tuyên giáo Tỉnh ủy"], " chủ trì"),
    ("Ban cán sự đảng UBND tỉnh lãnh đạo", ["Ban cán sự đảng UBND tỉnh"], " lãnh đạo"),
    ("Ủy ban nhân dân tỉnh Quảng Nam chủ trì", ["UBND tỉnh Quảng Nam"], " chủ trì"),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương khẩn trương",
     ["UBND các tỉnh, thành phố trực thuộc Trung ương"], " khẩn trương"),
    ("Sở Văn hoá và Thể thao phối hợp", ["Sở Văn hóa và Thể thao"], " phối hợp"),
    ("Viện kiểm sát nhân dân tối cao chỉ đạo", ["Viện kiểm sát nhân dân tối cao"], " chỉ đạo"),
    ("Bảo hiểm xã hội Việt Nam hướng dẫn", ["Bảo hiểm xã hội Việt Nam"], " hướng dẫn"),
    ("Kho bạc Nhà nước tỉnh thanh toán", ["Kho bạc Nhà nước tỉnh"], " thanh toán"),
    ("Các huyện ủy, thành ủy, đảng ủy trực thuộc lãnh đạo",
     ["Các huyện ủy, thành ủy, đảng ủy trực thuộc"], " lãnh đạo"),
    # Names with lower-case words, a comma, "và" or a fixed phrase inside them; the list
    # they stand in still splits where a further agency begins.
    ("Cục Đăng kiểm Việt Nam khẩn trương", ["Cục Đăng kiểm Việt Nam"], " khẩn trương"),
    ("Viện Địa lý; Viện Chiến lược, Chính sách nông nghiệp và nông thôn nghiên cứu",
     ["Viện Địa lý", "Viện Chiến lược, Chính sách nông nghiệp và nông thôn"], " nghiên cứu"),
    ("Viện Chiến lược, Chính sách NN&PTNT chủ trì", ["Viện Chiến lược, Chính sách NN&PTNT"],
     " chủ trì"),
    ("Trung tâm Thông tin y tế, Báo Sức khỏe và Đời sống, Tạp chí Y học và Dược học có",
     ["Trung tâm Thông tin y tế", "Báo Sức khỏe và Đời sống", "Tạp chí Y học và Dược học"],
     " có"),
    ("Trung tâm Truyền thông, Báo Nông thôn, Tạp chí Kinh tế phối hợp",
     ["Trung tâm Truyền thông", "Báo Nông thôn", "Tạp chí Kinh tế"], " phối hợp"),
    ("Các cơ quan chuyên trách tham mưu, giúp việc Huyện ủy; các chi bộ, đảng bộ cơ sở chủ động",
     ["Các cơ quan chuyên trách tham mưu, giúp việc Huyện ủy", "Các chi bộ, đảng bộ cơ sở"],
     " chủ động"),
    ("Ban xây dựng đảng Huyện ủy chủ trì", ["Ban xây dựng đảng Huyện ủy"], " chủ trì"),
    ("Vườn quốc gia Bạch Mã, các Công ty Lâm nghiệp chủ động",
     ["Vườn quốc gia Bạch Mã", "Các Công ty Lâm nghiệp"], " chủ động"),
    ("Bộ Y tế nội dung như sau", ["Bộ Y tế"], " nội dung như sau"),
    ("Chi cục An toàn vệ sinh thực phẩm, Tạp chí Y học thực hành thực hiện",
     ["Chi cục An toàn vệ sinh thực phẩm", "Tạp chí Y học thực hành"], " thực hiện"),
    ("Bộ Công Thương căn cứ quy định", ["Bộ Công Thương"], " căn cứ quy định"),
    # A body whose head is its whole name; the province's own name after it adds nothing.
    ("Thuế tỉnh chủ trì", ["Thuế tỉnh"], " chủ trì"),
    ("Thuế tỉnh Hà Giang, Công an tỉnh rà soát", ["Thuế tỉnh", "Công an tỉnh"], " rà soát"),
    ("Kho bạc Nhà nước chủ trì", ["Kho bạc Nhà nước"], " chủ trì"),
    # Collectives with the qualifiers of the directory's aliases.
    ("Các Sở, ban, ngành thuộc UBND tỉnh, Công an tỉnh chủ động",
     ["Các sở, ban, ngành tỉnh", "Công an tỉnh"], " chủ động"),
    ("Các Sở, ban, ngành thuộc tỉnh tăng cường", ["Các sở, ban, ngành tỉnh"], " tăng cường"),
    # Groups: either order of their units, narrowed by a qualifier, listed by country.
    ("UBND các phường, xã phối hợp", ["UBND các xã, phường"], " phối hợp"),
    ("UBND các xã, phường có cụm công nghiệp phối hợp",
     ["UBND các xã, phường có cụm công nghiệp"], " phối hợp"),
    ("UBND các xã, phường có liên quan phối hợp", ["UBND các xã, phường"],
     " có liên quan phối hợp"),
    ("Đại sứ quán các nước: Trung Quốc, Ấn Độ lựa chọn",
     ["Đại sứ quán Trung Quốc", "Đại sứ quán Ấn Độ"], " lựa chọn"),
    # Generic groups are consumed but name nobody.
    ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tuyên truyền",
     ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], " tuyên truyền"),
    ("các cơ quan, đơn vị liên quan tổng kết", [], " tổng kết"),
    ("các ngành đơn vị có liên quan tiếp tục", [], " tiếp tục"),
    # Not agencies: the issuing authority, bare field words, "Sở" without a name.
    ("UBND tỉnh xem xét", None, ""),
    ("Chủ tịch Ủy ban nhân dân tỉnh giao:", None, ""),
    ("Ủy ban nhân dân tỉnh và các tổ chức đảng trực thuộc triển khai", None, ""),
    ("Tài chính công khai", None, ""),
    ("Sở kết luận", None, ""),
    ("hồ sơ đất đai", None, ""),
]


@pytest.mark.parametrize(("text", "names", "rest"), LISTS)
def test_lists(text: str, names: list[str] | None, rest: str) -> None:
    found = AgencyFinder(DIRECTORY).many(text, 0)
    if names is None:
        assert found is None or not found.names
        return
    assert found is not None
    assert (found.names, text[found.end:]) == (names, rest)


def test_a_party_document_addresses_the_peoples_committee() -> None:
    # The Party leads the state: in a Party committee's letter "Ủy ban nhân dân tỉnh" is
    # an addressee, not the issuer's superior; "các tổ chức đảng trực thuộc" is generic.
    finder = AgencyFinder(DIRECTORY)
    finder.in_party_document()
    text = "Ủy ban nhân dân tỉnh và các tổ chức đảng trực thuộc triển khai"
    found = finder.many(text, 0)
    assert found is not None
    assert found.names == ["UBND tỉnh"]


def test_unresolved_names_are_collected() -> None:
    finder = AgencyFinder(DIRECTORY)
    finder.many("Trung tâm Dịch vụ việc làm tổ chức", 0)
    assert finder.unresolved == {"Trung tâm Dịch vụ việc làm"}


def test_without_directory_everything_is_as_written() -> None:
    found = AgencyFinder(None).many("Sở Lao động – Thương binh và Xã hội, Sở Tài chính chủ trì", 0)
    assert found is not None
    assert found.names == ["Sở Lao động – Thương binh và Xã hội", "Sở Tài chính"]


def test_mentions_counts_every_directory_name() -> None:
    text = "Sở LĐ-TB&XH phối hợp với Sở Tài chính; Sở Lao động – TBXH báo cáo UBND tỉnh."
    assert list(AgencyFinder(DIRECTORY).mentions(text)) == ["Sở Nội vụ", "Sở Tài chính",
                                                             "Sở Nội vụ"]


HEADINGS: list[tuple[str, list[str] | None]] = [
    # A heading names its agencies and nothing else; its whole text up to the colon.
    ("Trung tâm Quản lý hạ tầng kỹ thuật thành phố Hà Nội:",
     ["Trung tâm Quản lý hạ tầng kỹ thuật thành phố Hà Nội"]),
    ("Phòng Kiểm tra Xây dựng và phòng cháy, chữa cháy và các cơ quan, đơn vị thuộc Sở:",
     ["Phòng Kiểm tra Xây dựng và phòng cháy, chữa cháy", "Các cơ quan, đơn vị thuộc Sở"]),
    ("Chủ đầu tư các khu đô thị:", ["Chủ đầu tư các khu đô thị"]),
    ("Đề nghị Ban Tuyên giáo và Dân vận Thành ủy", ["Ban Tuyên giáo và Dân vận Thành ủy"]),
    ("Mời Thành phố Hồ Chí Minh, tỉnh Điện Biên",
     ["UBND thành phố Hồ Chí Minh", "UBND tỉnh Điện Biên"]),
    ("Sở Nội vụ (Ban Thi đua Khen thưởng Thành phố)", ["Sở Nội vụ"]),
    ("Các Sở, ban, ngành Thành phố:", ["Các sở, ban, ngành tỉnh"]),
    ("Giao các sở, ngành:", ["Các sở, ban, ngành tỉnh"]),
    ("Thuế tỉnh", ["Thuế tỉnh"]),
    ("Đối với Thuế tỉnh:", ["Thuế tỉnh"]),
    ("Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy; các chi bộ, đảng bộ cơ sở",
     ["Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy", "Các chi bộ, đảng bộ cơ sở"]),
    # Not headings: a sentence, a section title in capitals, a list's head alone.
    ("Sở Xây dựng là cơ quan chủ trì, đầu mối đôn đốc các cơ quan", None),
    ("CƠ QUAN CHỈ ĐẠO VÀ TỔ CHỨC THỰC HIỆN", None),
    ("Các Sở", None),
    ("Về đầu tư công:", None),
    ("Bộ Xây dựng nội dung như sau:", None),
]


@pytest.mark.parametrize(("text", "names"), HEADINGS)
def test_heading_names(text: str, names: list[str] | None) -> None:
    assert AgencyFinder(DIRECTORY).heading_names(text, loose=True) == names
