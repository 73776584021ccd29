"""``python -m bench.extraction [--json] [--mb N]``: how fast the extractor reads text.

The extractor runs on every document an admin imports, inside a request, so its time
must grow in proportion to the text and stay well under a second for a large document.
This measures, on invented notices in the administrative style (headers, numbered and
bulleted items, agency headings, an assignment table, deadlines, the closing and the
signature; no real document is copied):

* the time for one megabyte of text (target: under a second) and pages per second
  (a page being 3,000 characters, a printed A4 page of a notice); the invented notices
  carry about two tasks per kilobyte, more than twice the fifteen real documents of
  ``shared/`` (0.8 per kilobyte), so the figure errs on the slow side;
* the time per kilobyte across sizes from 1/8 MB to 2 MB: linear growth keeps it flat
  (the ratio of the largest size's to the smallest's stays near 1);
* the shapes that used to take quadratic or cubic time (thousands of numbered items,
  blank-line separated one-letter paragraphs, pairs of blank lines, one endless line).

Each figure is the best of a few runs, since the machine may be shared. Only the pure
``extract`` is timed, with the example agency directory.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.extraction import extract

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
PAGE_CHARS = 3_000
TARGET_SECONDS_PER_MB = 1.0
SIZES = (MB // 8, MB // 4, MB // 2, MB, 2 * MB)

_PROVINCES = ("Lào Cai", "Hưng Yên", "Nghệ An", "Quảng Ngãi", "Đồng Tháp", "Thái Nguyên")
_AGENCIES = ("Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Nội vụ", "Công an tỉnh",
             "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Bảo hiểm xã hội tỉnh")


def notice(index: int) -> str:
    """An invented notice with every structure the extractor reads; ``index`` varies it."""
    province = _PROVINCES[index % len(_PROVINCES)]
    lead = _AGENCIES[index % len(_AGENCIES)]
    other = _AGENCIES[(index + 3) % len(_AGENCIES)]
    third = _AGENCIES[(index + 5) % len(_AGENCIES)]
    month = index % 12 + 1
    items = "\n\n".join(
        f"{n}. Giao {_AGENCIES[(index + n) % len(_AGENCIES)]} chủ trì, phối hợp với {other} "
        f"rà soát hồ sơ, đề xuất phương án xử lý các dự án chậm tiến độ trên địa bàn; "
        f"hoàn thành trước ngày {n + 5}/{month}/2026."
        for n in range(1, 7)
    )
    intro = (
        f"Ngày 10/{month}/2026, tại trụ sở UBND tỉnh, Chủ tịch UBND tỉnh chủ trì cuộc họp với "
        f"{lead} về tiến độ các dự án trọng điểm; tham dự có lãnh đạo các sở: Tài chính, Xây "
        "dựng, Nội vụ; Công an tỉnh. Sau khi nghe báo cáo và ý kiến của các đại biểu, Chủ tịch "
        "UBND tỉnh kết luận như sau:"
    )
    results = (
        "Thời gian qua, các cơ quan, đơn vị đã cơ bản hoàn thành các chỉ tiêu, nhiệm vụ được "
        "giao; tỷ lệ giải ngân đạt 85% kế hoạch theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của "
        "UBND tỉnh. Công tác bồi thường, giải phóng mặt bằng được triển khai quyết liệt, nhiều dự "
        f"án đã hoàn thành đúng tiến độ; thu ngân sách {month} tháng đạt 62% dự toán, tăng 12% so "
        "với cùng kỳ năm trước. Việc sắp xếp tổ chức bộ máy sau hợp nhất được thực hiện đồng bộ, "
        "bảo đảm hoạt động thông suốt, không gián đoạn việc giải quyết thủ tục hành chính cho "
        "người dân và doanh nghiệp."
    )
    shortcomings = (
        "Tuy nhiên, tiến độ một số dự án còn chậm; công tác phối hợp giữa các cơ quan có lúc "
        "chưa chặt chẽ; việc giải quyết kiến nghị của nhà đầu tư chưa kịp thời; tỷ lệ hồ sơ trực "
        "tuyến toàn trình còn thấp so với chỉ tiêu được giao tại Nghị quyết số 12/NQ-HĐND ngày "
        "10/12/2025 của HĐND tỉnh. Nguyên nhân chủ yếu do nguồn lực còn hạn chế, một số quy định "
        "chưa được hướng dẫn cụ thể, năng lực của một số chủ đầu tư chưa đáp ứng yêu cầu."
    )
    rows = [
        f"| 1 | Rà soát quy hoạch sử dụng đất các khu công nghiệp | {lead} | {other} | "
        "Quý III/2026 |",
        f"| 2 | Xây dựng đề án chuyển đổi số | {third} | Sở Tài chính | Năm 2026 |",
        f"| 3 | Tổng kết thực hiện nghị quyết chuyên đề | {other} | Các sở, ban, ngành tỉnh | "
        "Trước ngày 30 tháng 6 hằng năm |",
    ]
    lines = [
        "ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}", "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
        f"Số: {100 + index}/TB-UBND", "", f"{province}, ngày 12 tháng {month} năm 2026", "",
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ các dự án trọng điểm", "",
        intro, "", "I. Đánh giá chung", "", results, "", shortcomings, "",
        "UBND tỉnh ghi nhận, biểu dương sự nỗ lực của các cơ quan, đơn vị và địa phương trong "
        "thời gian qua.", "",
        "II. Nhiệm vụ trong thời gian tới", "", items, "",
        f"7. {third}:",
        "- Chủ trì tổng hợp nhu cầu kinh phí, tham mưu UBND tỉnh trình HĐND tỉnh tại kỳ họp "
        "tháng 7/2026.",
        "- Theo dõi sát diễn biến, định kỳ hằng quý báo cáo UBND tỉnh.",
        "+ Phối hợp với UBND các xã, phường kiểm tra an toàn thực phẩm tại bếp ăn tập thể.", "",
        f"8. Đối với {other}:",
        "a) Rà soát, sắp xếp mạng lưới cơ sở phù hợp với đơn vị hành chính mới trong quý "
        "III/2026.",
        "b) Báo cáo kết quả trước 16 giờ 00 ngày thứ Sáu hằng tuần.", "",
        "III. Danh mục nhiệm vụ",
        "| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |",
        "| --- | --- | --- | --- | --- |",
        *rows, "",
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.", "",
        "Nơi nhận:", "- Như trên;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, KT.", "",
        "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "", f"Nguyễn Văn An{index}", "",
    ]
    return "\n".join(lines)


def realistic(size: int) -> str:
    """Invented notices one after another up to ``size`` characters."""
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        part = notice(index)
        parts.append(part)
        total += len(part) + 1
        index += 1
    return "\n".join(parts)[:size]


def numbered_items(size: int) -> str:
    lines: list[str] = []
    total, n = 0, 1
    while total < size:
        line = f"{n}. Giao Sở Y tế rà soát trạm y tế xã số {n}."
        lines.append(line)
        total += len(line) + 1
        n += 1
    return "\n".join(lines)[:size]


def one_letter_paragraphs(size: int) -> str:
    return ("a\n\n" * (size // 3 + 1))[:size]


def blank_line_pairs(size: int) -> str:
    return ("Giao Sở Y tế rà soát\n\n\n\nx\n\n" * (size // 28 + 1))[:size]


def one_line(size: int) -> str:
    sentence = "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát hồ sơ trước ngày 30/6. "
    return (sentence * (size // len(sentence) + 1))[:size]


def empty_paragraphs(size: int) -> str:
    return "\n" * size


SHAPES: dict[str, Callable[[int], str]] = {
    "numbered items": numbered_items,
    "one-letter paragraphs": one_letter_paragraphs,
    "blank-line pairs": blank_line_pairs,
    "one endless line": one_line,
    "empty paragraphs": empty_paragraphs,
}


def best_time(text: str, directory: AgencyDirectory, repeat: int) -> float:
    """Seconds of the fastest of ``repeat`` extractions of ``text``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extract(text, directory)
        best = min(best, time.perf_counter() - start)
    return best


def measure(megabytes: float = 1.0, repeat: int = 3) -> dict[str, object]:
    """Every figure of the module docstring, as one dictionary."""
    directory = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))
    size = int(megabytes * MB)
    text = realistic(size)
    seconds = best_time(text, directory, repeat)
    tasks = len(extract(text, directory).tasks)
    growth: list[dict[str, float]] = []
    for sample in SIZES:
        spent = best_time(realistic(sample), directory, repeat)
        growth.append({"bytes": sample, "seconds": round(spent, 4),
                       "ms_per_100kb": round(spent / sample * 100_000 * 1000, 2)})
    per_kb = [row["ms_per_100kb"] for row in growth]
    shapes = {
        name: round(best_time(make(size), directory, repeat), 4) for name, make in SHAPES.items()
    }
    return {
        "megabytes": megabytes,
        "seconds": round(seconds, 4),
        "tasks": tasks,
        "pages_per_second": round(len(text) / PAGE_CHARS / seconds),
        "target_met": seconds / megabytes < TARGET_SECONDS_PER_MB,
        "growth": growth,
        "growth_ratio": round(per_kb[-1] / per_kb[0], 2),
        "shapes_seconds": shapes,
    }


def render(result: dict[str, object]) -> str:
    lines = [
        f"Extraction of {result['megabytes']} MB of invented notices: {result['seconds']} s "
        f"({result['tasks']} tasks), {result['pages_per_second']} pages/s "
        f"(page = {PAGE_CHARS} characters); target < {TARGET_SECONDS_PER_MB} s per MB: "
        + ("met" if result["target_met"] else "MISSED"),
        "Growth (time per 100 KB should stay flat):",
    ]
    growth = result["growth"]
    assert isinstance(growth, list)
    for row in growth:
        lines.append(f"  {row['bytes'] / MB:>6.3f} MB  {row['seconds']:>8.3f} s  "
                     f"{row['ms_per_100kb']:>8.2f} ms/100 KB")
    lines.append(f"  largest/smallest per-KB ratio: {result['growth_ratio']}")
    lines.append(f"Pathological shapes, {result['megabytes']} MB each:")
    shapes = result["shapes_seconds"]
    assert isinstance(shapes, dict)
    for name, seconds in shapes.items():
        lines.append(f"  {name:<24} {seconds:>8.3f} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the main run in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best kept)")
    args = parser.parse_args(argv)
    result = measure(args.mb, args.repeat)
    print(json.dumps(result, ensure_ascii=False) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
