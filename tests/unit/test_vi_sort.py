"""Vietnamese alphabetical order of agency names: one key for every list."""

from __future__ import annotations

from bot.core.normalize import vi_sort_key


def test_names_sort_as_vietnamese_readers_sort_them() -> None:
    names = ["UBND phường Hiệp Hòa", "UBND phường Hoàng Quế", "UBND phường Hoành Bồ",
             "UBND phường Hà An", "UBND phường Mông Dương", "UBND phường Mạo Khê",
             "UBND phường Yên Tử", "UBND phường Đông Mai", "UBND phường Dương Huy",
             "UBND phường Cẩm Phả", "UBND phường Cao Xanh", "UBND phường Hạ Long",
             "UBND phường Hà Tu", "UBND phường Móng Cái 10", "UBND phường Móng Cái 2",
             "UBND phường Hà Lầm", "UBND phường Ưng Hòa", "UBND phường Uông Bí"]
    assert sorted(names, key=vi_sort_key) == [
        "UBND phường Cao Xanh", "UBND phường Cẩm Phả", "UBND phường Dương Huy",
        "UBND phường Đông Mai", "UBND phường Hà An", "UBND phường Hà Lầm",
        "UBND phường Hà Tu", "UBND phường Hạ Long", "UBND phường Hiệp Hòa",
        "UBND phường Hoàng Quế", "UBND phường Hoành Bồ", "UBND phường Mạo Khê",
        "UBND phường Móng Cái 2", "UBND phường Móng Cái 10", "UBND phường Mông Dương",
        "UBND phường Uông Bí", "UBND phường Ưng Hòa", "UBND phường Yên Tử",
    ]


def test_the_same_name_in_other_spellings_sorts_together() -> None:
    decomposed = "UBND phu\u031bo\u031b\u0300ng Đông Mai"  # marks typed apart (NFD input)
    assert vi_sort_key(decomposed)[0] == vi_sort_key("UBND phường Đông Mai")[0]
    assert vi_sort_key("Sở Y tế") < vi_sort_key("Sở Y tế tỉnh")
