"""The sample directory and the resolver: any spelling, 2025 successor links."""

from __future__ import annotations

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import Agency, AgencyDirectory, DirectoryError, parse_directory
from bot.core.normalize import fold, name_key
from config.settings import DEFAULT_AGENCIES_FILE


@pytest.fixture(scope="module")
def directory() -> AgencyDirectory:
    return AgencyDirectory(load_directory_file(DEFAULT_AGENCIES_FILE))


def test_fold_and_key() -> None:
    assert fold("Sở LĐ-TB&XH") == "so ld tb va xh"
    assert fold("Sở Lao động – Thương binh và Xã hội") == "so lao dong thuong binh va xa hoi"
    assert name_key("Sở LĐ-TB&XH") == name_key("Sở LĐTBXH") == name_key("so  ldtbxh")
    assert fold("Uỷ ban") == fold("Ủy ban") == "uy ban"


@pytest.mark.parametrize(
    ("written", "named", "current"),
    [
        ("Sở LĐ-TB&XH", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
        ("Sở Lao động - Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
        ("SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
        ("so lao dong thuong binh va xa hoi", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
        ("Sở LĐTBXH", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
        ("ngành Lao động – Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội",
         "Sở Nội vụ"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
        ("Sở Kế hoạch  và  Đầu tư", "Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"),
        ("Sở Giao thông vận tải", "Sở Giao thông vận tải", "Sở Xây dựng"),
        ("Ban Dân tộc", "Ban Dân tộc tỉnh", "Sở Dân tộc và Tôn giáo"),
        ("Sở NN&MT", "Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường"),
        ("VP UBND tỉnh", "Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("Tài chính", "Sở Tài chính", "Sở Tài chính"),
        ("UBND các xã, phường", "UBND các xã, phường", "UBND các xã, phường"),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND các huyện, thị xã, thành phố",
         "UBND các xã, phường"),
        ("Công an tỉnh", "Công an tỉnh", "Công an tỉnh"),
        ("Thanh tra tỉnh", "Thanh tra tỉnh", "Thanh tra tỉnh"),
        ("Ban Quản lý Khu kinh tế tỉnh", "Ban Quản lý Khu kinh tế tỉnh",
         "Ban Quản lý Khu kinh tế tỉnh"),
    ],
)
def test_resolve(directory: AgencyDirectory, written: str, named: str, current: str) -> None:
    found = directory.resolve(written)
    assert found is not None, written
    assert (found.named.name, found.current.name) == (named, current)
    assert found.renamed is (named != current)


@pytest.mark.parametrize("written", ["Sở Vũ trụ", "", "   ", "UBND tỉnh Lào Cai", "Bộ Xây dựng"])
def test_unknown_names_do_not_resolve(directory: AgencyDirectory, written: str) -> None:
    assert directory.resolve(written) is None


def test_every_former_agency_points_to_an_active_one(directory: AgencyDirectory) -> None:
    former = [agency for agency in directory.agencies if not agency.active]
    assert len(former) >= 7
    for agency in former:
        assert directory.current(agency).active, agency.code


def test_search_for_pickers(directory: AgencyDirectory) -> None:
    assert [a.name for a in directory.search("tai chinh")][:1] == ["Sở Tài chính"]
    # An old abbreviation finds today's agency, and only active agencies are offered.
    assert [a.name for a in directory.search("LĐTBXH")] == ["Sở Nội vụ"]
    assert all(a.active for a in directory.search("so"))
    assert directory.search("zzz") == []


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[[agency]]\nname = 'x'", "needs 'code' and 'name'"),
        ("[[agency]]\ncode='a'\nname='A'\n[[agency]]\ncode='a'\nname='B'", "appears twice"),
        ("[[agency]]\ncode='a'\nname='A'\nsuccessor='zz'", "unknown 'zz'"),
        ("[[agency]]\ncode='a'\nname='A'\nsuccessor='b'\n[[agency]]\ncode='b'\nname='B'\n"
         "successor='a'", "loop"),
        ("[[agency]]\ncode='a'\nname='A'\nkind='planet'", "unknown kind"),
        ("[[agency]\n", "agencies file"),
    ],
)
def test_malformed_directory(toml: str, message: str) -> None:
    with pytest.raises(DirectoryError, match=message):
        parse_directory(toml)


def test_directory_defaults() -> None:
    (agency,) = parse_directory("[[agency]]\ncode='a'\nname='Sở A'\n")
    assert agency == Agency(code="a", name="Sở A")
    assert agency.active and agency.display == "Sở A"
