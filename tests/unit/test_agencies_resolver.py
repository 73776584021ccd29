"""The resolver keeps its behaviour; ``bare_field=False`` refuses bare field words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "agencies.example.toml"


@pytest.fixture(scope="module")
def directory() -> AgencyDirectory:
    return AgencyDirectory(load_directory_file(EXAMPLE))


RESOLVED: list[tuple[str, str, str]] = [
    ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
    ("Sở Lao động - TB&XH", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
    ("ngành lao động – thương binh và xã hội", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
    ("Ngành Lao động – TB&XH", "Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
    ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
    ("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"),
    ("các sở, ban, ngành", "Các sở, ban, ngành tỉnh", "Các sở, ban, ngành tỉnh"),
    ("UBND các huyện, thị xã, thành phố", "UBND các huyện, thị xã, thành phố",
     "UBND các xã, phường"),
    ("ngành Y tế", "Sở Y tế", "Sở Y tế"),
]


@pytest.mark.parametrize(("written", "named", "current"), RESOLVED)
def test_resolve_follows_successors(
    directory: AgencyDirectory, written: str, named: str, current: str
) -> None:
    for bare_field in (True, False):
        resolution = directory.resolve(written, bare_field=bare_field)
        assert resolution is not None
        assert (resolution.named.name, resolution.current.name) == (named, current)


@pytest.mark.parametrize(("written", "name"), [("Tài chính", "Sở Tài chính"),
                                               ("Công Thương", "Sở Công Thương"),
                                               ("Xây dựng", "Sở Xây dựng")])
def test_bare_field_only_when_allowed(directory: AgencyDirectory, written: str, name: str) -> None:
    found = directory.lookup(written)
    assert found is not None and found.name == name
    assert directory.lookup(written, bare_field=False) is None
    assert directory.resolve(written, bare_field=False) is None


@pytest.mark.parametrize("written", ["UBND tỉnh", "Bộ Xây dựng", "", "   "])
def test_unknown_names(directory: AgencyDirectory, written: str) -> None:
    assert directory.resolve(written) is None
