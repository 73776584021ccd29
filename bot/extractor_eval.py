"""Precision and recall of the extractor on the real documents in ``../shared``.

Run ``python -m bot.extractor_eval [DIR ...]``: it scores every document of
``../shared/conclusions`` (five conclusion notices and news reports) and
``../shared/notices`` (ten letters, guidelines and plans) that the answer key below
covers, or those in the given folders, and prints per-document and total figures. The
documents themselves are data kept outside the project; only the hand-made answer key
lives here: for each document, the tasks a careful reader lists, each identified by a
phrase from its opening words, with its lead and supporting agencies (directory names
after successor links, else as written) and its deadline. A proposed task matches an
expected one when that phrase occurs near the start of its text; each side is matched
at most once.

Three scores, each as precision (how much of what was proposed is right) and recall
(how much of what is expected was found):

* tasks: proposed tasks that match an expected task;
* leads: lead agencies, counted per task (an agency proposed as lead of a matched task
  that the key also names as lead is right; every lead on an unmatched task is wrong);
  two spellings of one name are equal when their :func:`~bot.normalize.name_key` is
  ("UBND" = "Ủy ban nhân dân");
* deadlines: tasks with a deadline or a recurrence, right when the date equals the
  key's date and the recurrence the key's recurrence (a key may give only one of them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.core.normalize import fold, name_key
from bot.extraction import ExtractedTask, extract

ROOT = Path(__file__).resolve().parents[1]
ENV_SAMPLES = "NHACVIEC_SAMPLES_DIR"


@dataclass(frozen=True)
class Expected:
    """One task of the answer key."""

    ordinal: str
    opening: str
    lead: tuple[str, ...]
    support: tuple[str, ...] = ()
    deadline: date | None = None
    recurrence: str | None = None


NOI_VU = "Sở Nội vụ"
TAI_CHINH = "Sở Tài chính"
GROUP_SO = "Các sở, ban, ngành tỉnh"
GROUP_XA = "UBND các xã, phường"
PHONG_HUYEN = "Phòng LĐTBXH các huyện"
UNITS_002 = ("Các phòng chuyên môn", "Các đơn vị trực thuộc", PHONG_HUYEN)

# Notice file-name prefix -> every task a careful reader lists in it. The Sở Lao động –
# Thương binh và Xã hội ("ngành Lao động – TB&XH") was merged into the Sở Nội vụ in 2025,
# the districts' UBND into the communes', the Sở Thông tin và Truyền thông into the Sở
# Khoa học và Công nghệ, the Sở Kế hoạch và Đầu tư into the Sở Tài chính.
GOLD: dict[str, list[Expected]] = {
    "000": [
        Expected("1", "Tiếp tục đẩy mạnh công tác tuyên truyền", (NOI_VU,)),
        Expected("2", "Chương trình mục tiêu quốc gia giảm nghèo bền vững", (NOI_VU,),
                 deadline=date(2023, 12, 31)),
        Expected("3", "Công tác bảo vệ, chăm sóc trẻ em", (NOI_VU,)),
        Expected("4", "Đối với công tác giáo dục nghề nghiệp", (NOI_VU,)),
        Expected("5", "Về công tác lao động, việc làm", (NOI_VU,)),
        Expected("6", "Từ năm 2024 trở về sau", (NOI_VU,)),
    ],
    "001": [
        Expected("1", "Tiếp tục rà soát, xác định đầy đủ", (NOI_VU,)),
        Expected("2", "Tăng cường phối hợp với các sở", (NOI_VU,), (GROUP_SO,)),
        Expected("3", "Tổ chức triển khai đầy đủ, kịp thời", (NOI_VU,)),
        Expected("4", "Đẩy mạnh triển khai Luật trẻ em", (NOI_VU,)),
        Expected("5", "Tăng cường công tác thanh tra", (NOI_VU,)),
    ],
    "002": [
        Expected("3.a.1", "Đảm bảo có giải pháp thực hiện mục tiêu giảm nghèo", (PHONG_HUYEN,),
                 deadline=date(2022, 7, 30)),
        Expected("3.a.2", "Tập trung điều tra, rà soát hộ nghèo", UNITS_002),
        Expected("3.a.3", "Tiếp tục thực hiện tốt các chính sách bảo trợ xã hội", UNITS_002),
        Expected("3.b", "Lĩnh vực giáo dục nghề nghiệp", UNITS_002),
        Expected("3.c.1", "Tập trung triển khai công tác đưa người lao động", UNITS_002),
        # Cites Kế hoạch số 101/KH-UBND ngày 28/4/2022: that date is no deadline.
        Expected("3.c.2", "Triển khai thu thập, lưu trữ", UNITS_002),
        Expected("3.d", "Lĩnh vực người có công", UNITS_002, (GROUP_XA,)),
        Expected("3.đ", "Công tác cai nghiện", UNITS_002),
        Expected("3.e", "Lĩnh vực Trẻ em, Bình đẳng giới", UNITS_002),
        Expected("3.g", "Công tác chuyển đổi số", UNITS_002),
    ],
    "003": [
        Expected("II.1", "Cập nhật thường xuyên và kịp thời", (NOI_VU,)),
        Expected("II.2", "Quan tâm thực hiện hiệu quả công tác đào tạo nghề", (NOI_VU,)),
        Expected("II.3", "Tập trung thực hiện hiệu quả công tác quản lý nhà nước", (NOI_VU,)),
        Expected("II.4", "Khẩn trương hoàn thành công tác tham mưu", (NOI_VU,),
                 deadline=date(2024, 9, 30)),
        Expected("II.5", "Tiếp tục quan tâm, thực hiện tốt hơn nữa", (NOI_VU,)),
        Expected("II.6", "Chủ trì, phối hợp với Sở Tài chính", (NOI_VU,), (TAI_CHINH,)),
        Expected("II.7", "Tiếp tục chủ động tham mưu triển khai", (NOI_VU,)),
        Expected("II.8.a", "Nghiêm túc thực hiện các nội dung", (NOI_VU,)),
        Expected("II.8.b", "Thường xuyên theo dõi, kiểm tra, đôn đốc", (NOI_VU,)),
        Expected("II.9", "Yêu cầu các sở, ban, ngành", (GROUP_SO, GROUP_XA), (NOI_VU,)),
        Expected("III.1", "Đối với nội dung kiến nghị Bộ Kế hoạch và Đầu tư",
                 (TAI_CHINH, "Sở Xây dựng")),
        Expected("III.2.a", "Thống nhất giao Sở Lao động", (NOI_VU,),
                 deadline=date(2025, 12, 31)),
        Expected("III.2.b", "Giao Sở Tài chính chủ trì", (TAI_CHINH,), (NOI_VU,),
                 deadline=date(2025, 12, 31)),
        Expected("III.3", "Giao Sở Thông tin và Truyền thông chủ trì",
                 ("Sở Khoa học và Công nghệ",), (TAI_CHINH,), deadline=date(2024, 9, 30)),
        Expected("III.4", "Đối với các đề xuất của thành viên dự họp", (NOI_VU,)),
    ],
    "004": [
        Expected("1", "toàn ngành tập trung quán triệt", (NOI_VU,),
                 deadline=date(2023, 12, 31)),
    ],
}


# --- The ten documents of ../shared/notices -------------------------------------------
#
# Annotated by the same rules, written down before looking at what the extractor
# proposes. Agencies outside the directory are named as the document writes them ("Bộ
# Tài chính", "UBND tỉnh Quảng Nam"); names compare by :func:`bot.normalize.name_key`, so
# "Ủy ban nhân dân" and "UBND" are one spelling. What the clerk does not enter:
#
# * the approval of a proposal ("Đồng ý về chủ trương …", "Đồng ý với kiến nghị …"), the
#   background, the cited and quoted law, a guideline's explanations;
# * the clause that makes everyone "chỉ đạo và tổ chức thực hiện Hướng dẫn này" or
#   "chịu trách nhiệm thi hành Quyết định này", like the closing "… biết, thực hiện";
# * in a plan with a "Tổ chức thực hiện" section: the purposes and requirements, the
#   forecasts, the measures of the "Nội dung"/"Giải pháp" sections and the funding
#   sources; the tasks are what "Tổ chức thực hiện" hands to each agency (every bullet
#   under an agency heading) and the content items that name their own "Đơn vị chủ trì"
#   and date, as a table row would;
# * a heading that only states an agency's role above its units' duties ("1. Sở Xây
#   dựng là cơ quan chủ trì, đầu mối …" above 1.1, 1.2, 1.3), and the closing request to
#   all participants that repeats the items' "cử đầu mối".
#
# A recurring duty is keyed by its recurrence (the storage form of
# :class:`bot.deadlines.Recurrence`); its first date depends on the day of import when the
# document leaves its own date blank.

BO_TC = "Bộ Tài chính"
BO_TNMT = "Bộ Tài nguyên và Môi trường"
BO_NN = "Bộ Nông nghiệp và Phát triển nông thôn"
CUC_HQ = "Cục Hải quan"
XAY_DUNG = "Sở Xây dựng"
NN_MT = "Sở Nông nghiệp và Môi trường"
PHONG_KTXD = ("Phòng Kiểm tra Xây dựng và phòng cháy, chữa cháy",
              "Các cơ quan, đơn vị thuộc Sở")
TT_HTKT = "Trung tâm Quản lý hạ tầng kỹ thuật thành phố Hà Nội"
DUY_TRI = "Đơn vị duy trì thoát nước trên địa bàn Thành phố"
BQLDA_HN = ("Ban Quản lý dự án đầu tư xây dựng thuộc Thành phố", "Các chủ đầu tư")
CDT_KDT = "Chủ đầu tư các khu đô thị"
VHTT = "Sở Văn hóa và Thể thao"
TT_DI_SAN = "Trung tâm Bảo tồn di sản Thăng Long - Hà Nội"
CA_HN = "Công an thành phố Hà Nội"
PHUONG_17 = ("UBND phường Ba Đình", "UBND phường Hoàn Kiếm", "UBND phường Cửa Nam",
             "UBND phường Văn Miếu – Quốc Tử Giám", "UBND phường Từ Liêm", "UBND xã Bát Tràng")
TINH_19 = ("UBND Thành phố Hồ Chí Minh", "UBND tỉnh Đăk Lăk", "UBND tỉnh Điện Biên")
DSQ_20 = ("Đại sứ quán Trung Quốc", "Đại sứ quán Ấn Độ", "Đại sứ quán Cộng hoà Liên bang Nga")

NOTICES_GOLD: dict[str, list[Expected]] = {
    # A Deputy Prime Minister's opinion in one unnumbered paragraph; the 2012 decision
    # it cites dates nothing.
    "d01": [
        Expected("1", "Bộ Tài chính báo cáo tình hình thực hiện nhiệm vụ", (BO_TC,), (BO_TNMT,)),
    ],
    "d02": [
        Expected("1", "Bộ Tài nguyên và Môi trường chủ trì, phối hợp với các cơ quan liên quan "
                 "khẩn trương", (BO_TNMT,)),
    ],
    # Item 1 approves the province's proposal; the pilot's five years are no deadline.
    "d03": [
        Expected("2", "Ủy ban nhân dân tỉnh Quảng Nam chủ trì, phối hợp",
                 ("UBND tỉnh Quảng Nam",)),
        Expected("3", "Giao Bộ Nông nghiệp và Phát triển nông thôn chủ trì", (BO_NN,), (BO_TNMT,)),
    ],
    # OCR'd ministry letter: the quoted circular and its effective date are background.
    "d04": [
        Expected("1", "Ủy ban nhân dân các tỉnh, thành phố hướng dẫn, tổ chức thực hiện",
                 ("UBND các tỉnh, thành phố",)),
    ],
    # OCR'd reply that explains rules; the three requests go to the addressee. Each sits
    # under a topic heading ("2. Về …"), so it is numbered as that heading's first.
    "d05": [
        Expected("2.a", "Để xác định tổ chức, cá nhân nhập", (CUC_HQ,)),
        Expected("5.a", "Đề nghị tham khảo Công văn số 597", (CUC_HQ,)),
        Expected("6.a", "Về việc truy cập tài khoản khai báo hóa chất nhập", (CUC_HQ,)),
    ],
    # An inter-ministry guideline: definitions, legal qualification and the duty to
    # implement it; nothing to track.
    "d06": [],
    "d07": [
        Expected("1", "Bộ Tài nguyên và Môi trường nghiên cứu tiếp thu", (BO_TNMT,)),
        Expected("2", "Giao Bộ trưởng Bộ Tài nguyên và Môi trường thừa ủy quyền", (BO_TNMT,),
                 deadline=date(2022, 5, 23)),
    ],
    "d08": [
        Expected("1", "Giao Bộ Nông nghiệp và Phát triển nông thôn chủ trì", (BO_NN,),
                 ("Hiệp hội mắc ca Việt Nam",), deadline=date(2021, 9, 30)),
    ],
    # A decision with its plan: the tasks are section III, "Tổ chức thực hiện".
    "d09": [
        Expected("III.1.1.a", "Phối hợp chặt chẽ với chính quyền địa phương trong việc tiếp "
                 "nhận", PHONG_KTXD),
        Expected("III.1.1.b", "Xây dựng kế hoạch kiểm tra, xử lý vi phạm hành lang", PHONG_KTXD),
        Expected("III.1.2.a", "Tăng cường công tác kiểm tra, rà soát công tác duy tu", (TT_HTKT,)),
        Expected("III.1.2.b", "Lập kế hoạch tổ chức kiểm tra, đôn đốc thực hiện Kế hoạch",
                 (TT_HTKT,), recurrence="monthly:last"),
        Expected("III.1.2.c", "Chủ động nghiên cứu, đề xuất các dự án đầu tư xây dựng, cải tạo",
                 (TT_HTKT,)),
        Expected("III.1.2.d", "Phối hợp với các Chủ đầu tư đẩy nhanh công tác tiếp nhận",
                 (TT_HTKT,)),
        Expected("III.1.2.đ", "Chủ trì phối hợp với Chi cục thủy lợi và phòng chống thiên tai",
                 (TT_HTKT,), ("Chi cục thủy lợi và phòng chống thiên tai",
                              "Công ty TNHH MTV thoát nước Hà Nội")),
        Expected("III.1.2.e", "Hoàn thiện, cập nhật phần mềm, cơ sở dữ liệu quản lý hệ thống "
                 "thoát", (TT_HTKT,)),
        Expected("III.1.3.a", "Chủ động triển khai thực hiện Kế hoạch bảo đảm thoát nước",
                 (DUY_TRI,), recurrence="monthly:20"),
        Expected("III.1.3.b", "Xây dựng kế hoạch ứng trực 24/24h cụ thể", (DUY_TRI,)),
        Expected("III.1.3.c", "Tăng cường kiểm tra, phát hiện khắc phục sự cố", (DUY_TRI,)),
        Expected("III.1.3.d", "Phối hợp với chính quyền địa phương và các đơn vị liên quan "
                 "thực hiện tốt", (DUY_TRI,)),
        Expected("III.1.3.đ", "Chủ động phối hợp với Tổng công ty Điện lực Hà Nội", (DUY_TRI,),
                 ("Tổng công ty Điện lực Hà Nội",)),
        Expected("III.1.3.e", "Thực hiện duy trì vận hành các trạm, nhà máy xử lý nước thải",
                 (DUY_TRI,)),
        Expected("III.2.1", "phối hợp bố trí lực lượng ứng trực", ("Công an Thành phố",)),
        Expected("III.2.2.a", "Chủ trì phối hợp các cơ quan, đơn vị liên quan rà soát, tham mưu",
                 (TAI_CHINH,)),
        Expected("III.2.2.b", "Hướng dẫn về công tác thanh quyết toán", (TAI_CHINH,)),
        Expected("III.2.3", "duy trì, cung cấp điện ổn định",
                 ("Sở Công Thương", "Tổng Công ty Điện lực Hà Nội")),
        Expected("III.2.4.a", "Phối hợp chỉ đạo các Công ty TNHH MTV Đầu tư phát triển Thủy lợi",
                 (NN_MT,)),
        Expected("III.2.4.b", "Tham mưu trình ban hành Quy trình vận hành công trình thủy lợi",
                 (NN_MT,)),
        Expected("III.3.a", "Chỉ đạo các Nhà thầu thi công, khẩn trương thanh thải", BQLDA_HN),
        Expected("III.3.b", "Đẩy nhanh tiến độ thi công các Lệnh Xây dựng công trình khẩn cấp",
                 BQLDA_HN),
        Expected("III.3.c", "Chủ động xây dựng kế hoạch phòng chống thiên tai và tìm kiếm",
                 BQLDA_HN),
        Expected("III.4", "Xây dựng Kế hoạch đảm bảo thoát nước, chống úng ngập mùa mưa",
                 (GROUP_XA,)),
        Expected("III.5.a", "Tổ chức quản lý, vận hành thường xuyên hệ thống thoát nước",
                 (CDT_KDT,)),
        Expected("III.5.b", "Chủ động phối hợp UBND các xã, phường và đơn vị vận hành",
                 (CDT_KDT,), (GROUP_XA,)),
        Expected("III.5.c", "Tăng cường kiểm tra, giám sát và phối hợp xử lý vi phạm",
                 (CDT_KDT,)),
        Expected("III.5.d", "Khẩn trương hoàn chỉnh hệ thống hạ tầng kỹ thuật theo dự án",
                 (CDT_KDT,)),
    ],
    # A festival plan: the activities with their own "Đơn vị chủ trì" and date, then
    # section V's bullets under each agency.
    "d10": [
        Expected("III.2.1", "Chương trình nghệ thuật đặc biệt Khai mạc", (VHTT,),
                 deadline=date(2026, 9, 11)),
        Expected("III.2.2", "Chương trình nghệ thuật nhạc trẻ", (VHTT,),
                 deadline=date(2026, 9, 12)),
        Expected("III.2.3", "Chương trình “Giao lưu nghệ thuật”", (VHTT,),
                 deadline=date(2026, 9, 13)),
        Expected("III.2.4", "Chương trình đêm thời trang", (VHTT,), deadline=date(2026, 9, 18)),
        Expected("III.2.5", "Hoạt động trình diễn nghệ thuật thanh âm Gốm", (VHTT,),
                 ("UBND xã Bát Tràng",), deadline=date(2026, 9, 19)),
        Expected("III.2.6", "Bế mạc Festival Thăng Long", (VHTT,), deadline=date(2026, 9, 20)),
        Expected("III.3.1", "Hoạt động triển lãm, trưng bày, trải nghiệm kết nối di sản",
                 (VHTT,), deadline=date(2026, 9, 20)),
        Expected("III.3.2", "Hoạt động triển lãm, trải nghiệm về tinh hoa làng nghề", (VHTT,),
                 deadline=date(2026, 12, 31)),
        Expected("III.3.3", "Vở diễn “ Thăng Long Ngự Yến”", (TT_DI_SAN,),
                 deadline=date(2026, 10, 10)),
        Expected("III.4", "Xây dựng, triển khai phương án truyền thông", (VHTT,)),
        Expected("V.1.a", "Là cơ quan thường trực tham mưu tổng thể", (VHTT,)),
        Expected("V.1.b", "Chủ trì, chịu trách nhiệm thiết kế, in bộ nhận diện", (VHTT,)),
        Expected("V.1.c", "Chủ trì, chịu trách nhiệm sản xuất phim phóng sự", (VHTT,)),
        Expected("V.1.d", "Chủ trì xây dựng phương án truyền thông, đẩy mạnh", (VHTT,)),
        Expected("V.1.đ", "Chủ trì, phối hợp với các đơn vị liên quan để gửi giấy mời", (VHTT,)),
        Expected("V.1.e", "Thực hiện dịch bài phát biểu", (VHTT,)),
        Expected("V.1.g", "Tổ chức hợp luyện, sơ duyệt, tổng duyệt", (VHTT,)),
        Expected("V.1.h", "Chủ trì vận động, kêu gọi các tổ chức", (VHTT,)),
        Expected("V.1.i", "Tổng hợp, tham mưu, báo cáo UBND Thành phố các nhiệm vụ", (VHTT,)),
        Expected("V.2.a", "Chủ trì xây dựng nội dung kịch bản, tổ chức dàn dựng", (TT_DI_SAN,)),
        Expected("V.2.b", "Chủ trì, phối hợp với các sở, ngành, đơn vị đảm bảo các điều kiện",
                 (TT_DI_SAN,)),
        Expected("V.3.a", "Tăng cường công tác tuyên truyền đến đông đảo du khách",
                 ("Sở Du lịch",)),
        Expected("V.3.b", "Chỉ đạo các doanh nghiệp lữ hành", ("Sở Du lịch",)),
        Expected("V.4.a", "Chỉ đạo và định hướng các cơ quan báo chí",
                 ("Ban Tuyên giáo và Dân vận Thành ủy",)),
        Expected("V.4.b", "Thẩm định Bài phát biểu của Lãnh đạo Thành phố",
                 ("Ban Tuyên giáo và Dân vận Thành ủy",)),
        Expected("V.4.c", "Tham gia Sơ duyệt, Tổng duyệt Chương trình",
                 ("Ban Tuyên giáo và Dân vận Thành ủy",)),
        Expected("V.5.a", "Chủ trì, phối hợp với các lực lượng, xây dựng kế hoạch", (CA_HN,)),
        Expected("V.5.b", "Chủ trì, phối hợp với Sở Xây dựng thực hiện phân luồng", (CA_HN,),
                 (XAY_DUNG,)),
        Expected("V.5.c", "Phối hợp với Sở Văn hóa và Thể thao trong công tác đóng dấu",
                 (CA_HN,), (VHTT,)),
        Expected("V.5.d", "Phối hợp với Sở Văn hóa và Thể thao trong công tác thẩm định",
                 (CA_HN,), (VHTT,)),
        Expected("V.5.đ", "Xây dựng phương án an ninh, phương án phòng cháy", (CA_HN,)),
        Expected("V.6.a", "Thực hiện rà phá bom mìn", ("Bộ Tư lệnh Thủ đô",)),
        Expected("V.6.b", "Phối hợp với Bộ Quốc phòng trong việc cấp phép", ("Bộ Tư lệnh Thủ đô",),
                 ("Bộ Quốc phòng",)),
        Expected("V.6.c", "Đảm bảo an ninh, an toàn liên quan đến hoạt động bay",
                 ("Bộ Tư lệnh Thủ đô",)),
        Expected("V.7.a", "Phối hợp Sở Văn hóa và Thể thao thực hiện công tác hướng dẫn",
                 ("Thành đoàn Hà Nội",), (VHTT,)),
        Expected("V.7.b", "Hỗ trợ các đơn vị liên quan chỉ đạo đoàn viên", ("Thành đoàn Hà Nội",)),
        Expected("V.8.a", "Chỉ đạo Trung tâm Quản lý hạ tầng kỹ thuật thành phố Hà Nội và các "
                 "đơn vị", (XAY_DUNG,)),
        Expected("V.8.b", "Phối hợp với Công an Thành phố, chính quyền địa phương", (XAY_DUNG,)),
        Expected("V.9.a", "Chủ trì, phối hợp với các đơn vị liên quan chỉ đạo đảm bảo vệ sinh",
                 (NN_MT,)),
        Expected("V.9.b", "Bố trí tăng cường nhà vệ sinh công cộng", (NN_MT,)),
        Expected("V.9.c", "Xây dựng phương án đảm bảo vệ sinh môi trường cho từng sự kiện",
                 (NN_MT,)),
        Expected("V.10.a", "Phối hợp Công an Thành phố, UBND các phường", ("Sở Y tế",)),
        Expected("V.10.b", "Kiểm soát phương án phòng, chống dịch", ("Sở Y tế",)),
        Expected("V.10.c", "Kiểm soát, đảm bảo công tác an toàn vệ sinh thực phẩm", ("Sở Y tế",)),
        Expected("V.10.d", "Xây dựng phương án y tế cho từng sự kiện", ("Sở Y tế",)),
        Expected("V.11.a", "Căn cứ Kế hoạch được UBND Thành phố phê duyệt", (TAI_CHINH,)),
        Expected("V.11.b", "Chịu trách nhiệm kiểm tra việc phân bổ và giao dự toán",
                 (TAI_CHINH,)),
        Expected("V.12.a", "Phối hợp Sở Văn hóa và Thể thao xây dựng Hướng dẫn khen thưởng",
                 (NOI_VU,), (VHTT,)),
        Expected("V.12.b", "Rà soát thành tích của các tập thể, cá nhân", (NOI_VU,)),
        Expected("V.13", "Chủ trì, xây dựng các phương án đảm bảo phục vụ nhu cầu sử dụng điện",
                 ("Tổng Công ty Điện lực Hà Nội",)),
        Expected("V.14.a", "Tổ chức truyền hình trực tiếp Lễ khai mạc",
                 ("Đài Truyền hình Việt Nam",)),
        Expected("V.14.b", "Tăng cường các hoạt động thông tin, tuyên truyền về những sự kiện",
                 ("Đài Truyền hình Việt Nam",)),
        Expected("V.15.a", "Phối hợp Đài Truyền hình Việt Nam thực hiện tiếp sóng",
                 ("Cơ quan Báo và Phát thanh, Truyền hình Hà Nội",)),
        Expected("V.15.b", "Thực hiện truyền hình trực tiếp, ghi hình và phát sóng",
                 ("Cơ quan Báo và Phát thanh, Truyền hình Hà Nội",)),
        Expected("V.15.c", "Xây dựng Kế hoạch truyền thông tổng thể",
                 ("Cơ quan Báo và Phát thanh, Truyền hình Hà Nội",)),
        Expected("V.16.a", "Phối hợp chặt chẽ với Sở Văn hóa và Thể thao trong việc thiết lập",
                 ("Liên hiệp các tổ chức hữu nghị thành phố Hà Nội",), (VHTT,)),
        Expected("V.16.b", "Chủ trì tham mưu lập danh sách, mời các Đại sứ",
                 ("Liên hiệp các tổ chức hữu nghị thành phố Hà Nội",)),
        Expected("V.17.a", "Phối hợp với Sở Văn hóa và Thể thao, Sở Xây dựng, Sở Y tế", PHUONG_17),
        Expected("V.17.b", "Chỉ đạo các đơn vị chức năng xây dựng phương án", PHUONG_17),
        Expected("V.17.c", "Phối hợp Công ty Điện lực Hà Nội đảm bảo cung cấp", PHUONG_17),
        Expected("V.17.d", "Phối hợp Sở Nông nghiệp và Môi trường bố trí tăng cường", PHUONG_17),
        Expected("V.18", "Căn cứ Kế hoạch, các văn bản chỉ đạo của UBND Thành phố",
                 (GROUP_XA,)),
        Expected("V.19.a", "Đề nghị UBND Thành phố Hồ Chí Minh, UBND tỉnh Đăk Lăk", TINH_19),
        Expected("V.19.b", "Cử đầu mối phối hợp với Sở Văn hóa và Thể thao Hà Nội", TINH_19),
        Expected("V.20.a", "Đề nghị các Đại sứ quán các nước", DSQ_20),
        Expected("V.20.b", "Cử đầu mối phối hợp với Sở Văn hóa và Thể thao Hà Nội", DSQ_20),
    ],
}


@dataclass(frozen=True)
class Count:
    """Right, proposed and expected items of one kind; they add up over notices."""

    expected: int
    proposed: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def __add__(self, other: Count) -> Count:
        return Count(
            self.expected + other.expected,
            self.proposed + other.proposed,
            self.matched + other.matched,
        )

    def describe(self) -> str:
        return (
            f"P {self.precision:.2f} R {self.recall:.2f} "
            f"({self.matched} right of {self.proposed} proposed, {self.expected} expected)"
        )


@dataclass(frozen=True)
class Score:
    """Task, lead and deadline counts for one notice or a whole set."""

    tasks: Count
    leads: Count
    deadlines: Count

    def __add__(self, other: Score) -> Score:
        return Score(
            self.tasks + other.tasks, self.leads + other.leads, self.deadlines + other.deadlines
        )


EMPTY = Score(Count(0, 0, 0), Count(0, 0, 0), Count(0, 0, 0))


def match_tasks(
    tasks: Sequence[ExtractedTask], gold: Sequence[Expected]
) -> dict[str, ExtractedTask]:
    """Expected ordinal -> the proposed task whose opening contains its phrase."""
    matched: dict[str, ExtractedTask] = {}
    free = list(tasks)
    for expected in gold:
        key = fold(expected.opening)
        for task in free:
            if key in fold(task.text[: len(expected.opening) + 80]):
                matched[expected.ordinal] = task
                free.remove(task)
                break
    return matched


def _deadline_right(task: ExtractedTask, expected: Expected) -> bool:
    if expected.deadline is not None and task.deadline != expected.deadline:
        return False
    return expected.recurrence is None or task.recurrence == expected.recurrence


def _has_deadline(task: ExtractedTask) -> bool:
    return task.deadline is not None or task.recurrence is not None


def score(tasks: Sequence[ExtractedTask], gold: Sequence[Expected]) -> Score:
    """How the proposed tasks compare with the answer key, one to one."""
    pairs = match_tasks(tasks, gold)
    right_leads = 0
    right_deadlines = 0
    for expected in gold:
        task = pairs.get(expected.ordinal)
        if task is None:
            continue
        keys = {name_key(name) for name in expected.lead}
        right_leads += len({name_key(name) for name in task.lead} & keys)
        dated = expected.deadline is not None or expected.recurrence is not None
        if dated and _deadline_right(task, expected):
            right_deadlines += 1
    return Score(
        tasks=Count(len(gold), len(tasks), len(pairs)),
        leads=Count(
            sum(len(e.lead) for e in gold),
            sum(len({name_key(name) for name in t.lead}) for t in tasks),
            right_leads,
        ),
        deadlines=Count(
            sum(1 for e in gold if e.deadline is not None or e.recurrence is not None),
            sum(1 for t in tasks if _has_deadline(t)),
            right_deadlines,
        ),
    )


SHARED_FOLDERS = ("conclusions", "notices")


def shared_root() -> Path:
    """``shared/`` beside the project, or beside the folder of its worktree."""
    candidates = [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((path for path in candidates if path.is_dir()), candidates[0])


def samples_dir(argument: str | None = None) -> Path:
    """The five samples' folder: the argument, else $NHACVIEC_SAMPLES_DIR, else
    ``shared/conclusions``."""
    if argument:
        return Path(argument)
    env = os.environ.get(ENV_SAMPLES)
    if env:
        return Path(env)
    return shared_root() / "conclusions"


def notices_dir() -> Path:
    """The ten further documents' folder, ``shared/notices``."""
    return shared_root() / "notices"


def answer_key() -> dict[str, list[Expected]]:
    """Every document's expected tasks, by file-name prefix."""
    return {**GOLD, **NOTICES_GOLD}


def sample_files(folder: Path, key: Iterable[str] = GOLD) -> dict[str, Path]:
    """Answer-key prefix -> document file, for the documents present in ``folder``."""
    found: dict[str, Path] = {}
    for prefix in key:
        candidates = sorted(folder.glob(f"{prefix}_*.txt"))
        if candidates:
            found[prefix] = candidates[0]
    return found


def all_files(folders: Sequence[Path] | None = None) -> dict[str, Path]:
    """Prefix -> file for every keyed document in ``folders`` (default: both shared ones)."""
    if folders is None:
        folders = [samples_dir(), notices_dir()]
    found: dict[str, Path] = {}
    for folder in folders:
        found.update(sample_files(folder, answer_key()))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    files = all_files([Path(arg) for arg in args] if args else None)
    if not files:
        print(f"no keyed documents in {args or [samples_dir(), notices_dir()]}",
              file=sys.stderr)
        return 1
    directory = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))
    key = answer_key()
    total = EMPTY
    for prefix, path in files.items():
        result = score(extract(path.read_text(encoding="utf-8"), directory).tasks, key[prefix])
        total = total + result
        print(path.name)
        print(f"  tasks     {result.tasks.describe()}")
        print(f"  leads     {result.leads.describe()}")
        print(f"  deadlines {result.deadlines.describe()}")
    print(f"TOTAL over {len(files)} documents")
    print(f"  tasks     {total.tasks.describe()}")
    print(f"  leads     {total.leads.describe()}")
    print(f"  deadlines {total.deadlines.describe()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
