"""Collectives in the directory and a province's list of units from CSV (pure)."""

from __future__ import annotations

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory, DirectoryError, parse_directory
from bot.core.agency_list import MAX_ROWS, AgencyListError, parse_agency_csv
from config.settings import DEFAULT_AGENCIES_FILE


@pytest.fixture(scope="module")
def directory() -> AgencyDirectory:
    return AgencyDirectory(load_directory_file(DEFAULT_AGENCIES_FILE))


def test_the_sample_province_has_the_units_of_the_resolution(directory: AgencyDirectory) -> None:
    kinds = [a.kind for a in directory.agencies if a.kind in ("commune", "ward", "special_zone")]
    # Nghị quyết 1679/NQ-UBTVQH15, Điều 1 khoản 54: 22 xã, 30 phường và 02 đặc khu.
    assert (kinds.count("commune"), kinds.count("ward"), kinds.count("special_zone")) == (
        22, 30, 2)
    everyone = directory.by_code("ubnd-cac-xa-phuong")
    assert everyone is not None and everyone.is_collective
    members = directory.members_of(everyone)
    assert len(members) == 54 and all(m.kind != "group" for m in members)
    assert "UBND phường Móng Cái 1" in {m.name for m in members}


def test_departments_collective_is_every_department_and_the_listed_bodies(
    directory: AgencyDirectory,
) -> None:
    collective = directory.by_code("cac-so-ban-nganh")
    assert collective is not None
    names = {m.name for m in directory.members_of(collective)}
    assert {"Sở Tài chính", "Sở Y tế", "Thanh tra tỉnh", "Ban Quản lý Khu kinh tế tỉnh"} <= names
    # Former departments are not members, and no commune is.
    assert "Sở Kế hoạch và Đầu tư" not in names
    assert not any(name.startswith("UBND") for name in names)


def test_qualified_collective_offers_every_unit(directory: AgencyDirectory) -> None:
    found = directory.resolve("UBND các xã, phường có cụm công nghiệp")
    assert found is not None and found.current.qualified
    assert len(directory.members_of(found.current)) == 54


def test_a_unit_is_found_by_its_own_name(directory: AgencyDirectory) -> None:
    for written in ("phường Hồng Gai", "Ủy ban nhân dân phường Hồng Gai", "UBND phuong Hong Gai"):
        found = directory.resolve(written)
        assert found is not None and found.current.name == "UBND phường Hồng Gai", written
    assert directory.resolve("UBND P. Hồng Gai") is None  # no guessing undeclared abbreviations
    found = directory.resolve("đặc khu Vân Đồn")
    assert found is not None and found.current.kind == "special_zone"


def test_a_collective_is_never_a_member_and_not_offered_by_kind() -> None:
    agencies = parse_directory("""
[[agency]]
code = "a"
name = "UBND xã A"
kind = "commune"
[[agency]]
code = "old"
name = "UBND xã Cũ"
kind = "commune"
successor = "a"
[[agency]]
code = "all"
name = "UBND các xã"
kind = "group"
member_kinds = ["commune"]
[[agency]]
code = "some"
name = "Một số xã"
kind = "group"
members = ["old"]
""")
    directory = AgencyDirectory(agencies)
    everyone, some = directory.by_code("all"), directory.by_code("some")
    assert everyone is not None and some is not None
    assert [a.code for a in directory.members_of(everyone)] == ["a"]  # the former one is not
    assert [a.code for a in directory.members_of(some)] == ["a"]  # its successor stands in
    a = directory.by_code("a")
    assert a is not None and directory.members_of(a) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('kind = "department"\nmembers = ["x"]', "only a collective"),
        ('kind = "group"\nmembers = ["nobody"]', "unknown member 'nobody'"),
        ('kind = "group"\nmember_kinds = ["village"]', "unknown member kind 'village'"),
        ('kind = "group"\nmember_kinds = ["group"]', "unknown member kind 'group'"),
        ('kind = "group"\nqualified = true', "needs members or member_kinds"),
        ('kind = "group"\nqualified = "yes"\nmember_kinds = ["ward"]', "true or false"),
        ('kind = "group"\nmembers = "x"', "'members' must be a list of text"),
        ('kind = "group"\nmembers = ["g2"]', "lists the collective 'g2'"),
    ],
)
def test_bad_collectives_are_one_clear_line(body: str, message: str) -> None:
    text = f"""
[[agency]]
code = "x"
name = "UBND xã X"
kind = "commune"
[[agency]]
code = "g2"
name = "Nhóm khác"
kind = "group"
member_kinds = ["commune"]
[[agency]]
code = "g"
name = "Nhóm"
{body}
"""
    with pytest.raises(DirectoryError) as caught:
        parse_directory(text, "agencies.toml")
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).startswith("agencies.toml: ")


# ------------------------------------------------------------------------------ CSV


def test_csv_list_of_units() -> None:
    agencies = parse_agency_csv(
        "code,name,kind,short,aliases\n"
        "06712,Phường Móng Cái 1,,,\n"
        ",Xã Cái Chiên,xã,,Cái Chiên\n"
        "dk-vd,Đặc khu Vân Đồn,special_zone,Vân Đồn,\n"
        ",UBND xã Hải Sơn,commune,,UBND Hải Sơn; Hải Sơn\n",
        "qn.csv",
    )
    assert [(a.code, a.name, a.kind) for a in agencies] == [
        ("06712", "UBND phường Móng Cái 1", "ward"),
        ("xa-cai-chien", "UBND xã Cái Chiên", "commune"),
        ("dk-vd", "UBND đặc khu Vân Đồn", "special_zone"),
        ("xa-hai-son", "UBND xã Hải Sơn", "commune"),
    ]
    assert agencies[2].short_name == "Vân Đồn"
    assert agencies[3].aliases == ("UBND Hải Sơn", "Hải Sơn")
    directory = AgencyDirectory(agencies)
    found = directory.resolve("phường Móng Cái 1")
    assert found is not None and found.current.code == "06712"


def test_csv_with_semicolons_and_a_byte_order_mark() -> None:
    agencies = parse_agency_csv("\ufeffname;kind\nPhường Hà Tu;\nSở Y tế;department\n")
    assert [(a.name, a.kind) for a in agencies] == [("UBND phường Hà Tu", "ward"),
                                                   ("Sở Y tế", "department")]


def test_every_bad_row_is_named_and_nothing_is_taken() -> None:
    with pytest.raises(AgencyListError) as caught:
        parse_agency_csv(
            "code,name,kind\n"
            "a,Phường A,\n"
            ",,ward\n"                       # 3: no name
            "b,Phường B,commune\n"           # 4: kind disagrees with the name
            "a,Phường C,\n"                  # 5: code used on line 2
            "c,Nhóm,group\n"                 # 6: collectives are not imported
            "d,Trạm gì đó,\n"                # 7: no kind
            "e,UBND xã E,village\n"          # 8: unknown kind
            "f g,Phường F,\n",               # 9: bad code
            "list.csv",
        )
    lines = caught.value.problems
    assert [line.split(":")[0] for line in lines] == [
        "dòng 3", "dòng 4", "dòng 5", "dòng 6", "dòng 7", "dòng 8", "dòng 9"]
    assert "thiếu tên" in lines[0] and "“Phường B” là ward" in lines[1]
    assert "mã “a” đã có ở dòng 2" in lines[2] and "tập thể" in lines[3]
    assert "thiếu loại" in lines[4] and "“village”" in lines[5] and "“f g”" in lines[6]
    assert all(line.startswith("list.csv: ") for line in str(caught.value).splitlines())


@pytest.mark.parametrize("text", ["", "\n\n", "code,name,kind\n", "code,name,kind\n,,\n"])
def test_an_empty_list_is_refused(text: str) -> None:
    with pytest.raises(AgencyListError):
        parse_agency_csv(text)


def test_a_file_without_the_columns_or_far_too_long_is_refused() -> None:
    with pytest.raises(AgencyListError, match="dòng 1 phải ghi tên các cột"):
        parse_agency_csv("Mã,Tên\n1,Phường A\n")
    rows = "".join(f"p{i},Phường {i}\n" for i in range(MAX_ROWS + 1))
    with pytest.raises(AgencyListError, match="hơn 5000 dòng"):
        parse_agency_csv("code,name\n" + rows)
