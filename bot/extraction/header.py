"""Stage 3, the document's frame: header, body and tail of each part, and metadata.

Nghị định 30/2020/NĐ-CP lays an administrative document out as: quốc hiệu and the
issuing body's name (often two columns), số và ký hiệu, địa danh và ngày tháng, the
document type in capitals with its trích yếu ("THÔNG BÁO / Kết luận của …"; a letter,
công văn, has no type but "V/v …" and "Kính gửi: …"), the content, then the closing
formula, "Nơi nhận" and the signature block. A decision may carry its plan or
regulation after its own signature, with a header of its own ("KẾ HOẠCH / (Kèm theo
Quyết định số …)"): each such part is read in turn.

News pages have none of this: a headline, a date line, the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.extraction.blocks import NEWS_TAIL, SIGNATURE_TITLE, Block, is_caps
from bot.extraction.mentions import AgencyFinder, unique_names
from bot.extraction.text import ends_clause, fold_text, folded_words

# Document types of Nghị định 30/2020 (Phụ lục III) as the capitalised heading names them,
# by how the extractor reads their content.
_KINDS: tuple[tuple[str, str], ...] = (
    ("THÔNG BÁO", "notice"), ("KẾT LUẬN", "notice"), ("CHỈ THỊ", "notice"),
    ("CÔNG ĐIỆN", "notice"), ("NGHỊ QUYẾT", "notice"), ("BÁO CÁO", "notice"),
    ("KẾ HOẠCH", "plan"), ("CHƯƠNG TRÌNH", "plan"), ("PHƯƠNG ÁN", "plan"), ("ĐỀ ÁN", "plan"),
    ("QUYẾT ĐỊNH", "decision"),
    ("HƯỚNG DẪN", "guideline"), ("QUY ĐỊNH", "guideline"), ("QUY CHẾ", "guideline"),
    ("PHỤ LỤC", "annex"),
)
_KIND_HEADING = re.compile(
    r"(?P<word>" + "|".join(re.escape(word) for word, _ in _KINDS) + r")\b(?P<rest>.*)$"
)
_INTRO_START = re.compile(
    r"(?:Sáng|Chiều|Tối|Trưa|Vào|Hôm\s+nay|Ngày|Căn\s+cứ|Thực\s+hiện|Theo|Tham\s+dự|Dự\s+họp|"
    r"Sau\s+khi|Trong\s+(?:hai\s+)?ngày|Tại|Về|Trên\s+cơ\s+sở)\b",
    re.I,
)
_CLOSING = re.compile(
    r"^(?:nay\s+)?(?:[^.;]{0,120}?\s)?thong bao\b.*(?:\./\.|\bbiet|thuc hien|trien khai|"
    r"to chuc thuc hien|chi dao)\W*$|^tren day la\b|^tran trong\b"
    # "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh về …".
    r"|^trong qua trinh (?:trien khai |to chuc )?(?:thuc hien|trien khai)\b[^.;]{0,30}?"
    r"\bneu co\b[^.;]{0,40}?\b(?:vuong mac|kho khan|phat sinh)"
)
_TAIL_MARK = re.compile(r"\W{0,3}n[oơớ]i\s+nh[aậâ]n\b", re.I)
# Who a document is sent to: a letter's "Kính gửi:", a công điện's "CHỦ TỊCH … điện:".
_CABLE = re.compile(r"[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s,.]{2,120}\s(?:điện|ĐIỆN)\s*:")
_GREETING_TEXT = re.compile(
    r"(?i)^\W*kính\s+gửi\s*:?\s*|^[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s,.]{2,120}\s(?:điện|ĐIỆN)\s*:\s*"
)


def _is_greeting(block: Block) -> bool:
    if re.match(r"\W*kinh gui\b", block.folded):
        return True
    head = block.text[:160]
    return ("điện" in head or "ĐIỆN" in head) and _CABLE.match(head) is not None
# "CÔNG ĐIỆN / Về việc chủ động ứng phó với bão số 6": the trích yếu under the type.
_TRICH_YEU = re.compile(r"(?:Về\s+việc|V/v)\b")
_ATTACHED = re.compile(r"\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b")


@dataclass
class Part:
    """One document of the text: its kind, header, title, body and tail."""

    kind: str
    header: list[Block]
    title: list[Block]
    body: list[Block]
    tail: list[Block]
    official: bool
    addressee_blocks: list[Block] = field(default_factory=list)


def is_closing(block: Block) -> bool:
    """The closing formula: "Văn phòng … thông báo để … biết, thực hiện./.", "Trân trọng"."""
    if block.kind != "para":
        return False
    folded = block.folded.strip()
    return len(folded) < 2000 and bool(_CLOSING.search(folded))


# The formulas that end the content of a letter or notice, in the last place only (Nghị
# định 30/2020 puts them after the content): the request to carry the document out,
# "Căn cứ nội dung …, <X> tổ chức thực hiện./.", thanks, and a courtesy request.
_FINAL_FORMULA = re.compile(
    # "Căn cứ nội dung chỉ đạo trên, yêu cầu … triển khai thực hiện./.", "Căn cứ nội dung
    # văn bản, Sở Công Thương tổ chức thực hiện./.", "Nhận được văn bản này, …".
    r"(?:can cu|tren co so|nhan duoc)\b[^.;:]{0,160}?\b(?:noi dung|y kien|chi dao|van ban|"
    r"cong van|thong bao|ke hoach)\b[^.;:]{0,80}?,\s*[^.;:]{0,240}?"
    r"(?P<bare>(?:nghiem tuc\s+|khan truong\s+|chu dong\s+|kip thoi\s+)?"
    r"(?:(?:trien khai|to chuc)\s+)?thuc hien(?:\s+(?:nghiem tuc|tot|hieu qua|kip thoi))?)"
    r"\W*$"
    # "Đề nghị Ủy ban nhân dân tỉnh và các tổ chức đảng nghiêm túc triển khai thực hiện."
    r"|(?:[^.;:]{0,120}?\s)?(?:kinh\s+)?(?:de nghi|yeu cau)\s+(?P<who>[^.;:]{0,200}?)\s"
    r"(?:nghiem tuc\s+|khan truong\s+|chu dong\s+|kip thoi\s+)?(?:(?:trien khai|to chuc)\s+)?"
    r"thuc hien(?:\s+(?:nghiem tuc|tot|hieu qua|kip thoi))?\W*$"
    # "Bộ … trân trọng cảm ơn sự phối hợp của Quý Ủy ban./."
    r"|[^.;:]{0,160}?\btran trong cam on\b[^.;:]{0,200}\W*$"
    # "UBND tỉnh … trân trọng đề nghị Bộ Xây dựng quan tâm, sớm xem xét, chỉ đạo giải quyết./."
    r"|[^.;:]{0,160}?\btran trong de nghi\b[^.;:]{0,120}?\bquan tam\b"
    r"(?:\s*,?\s*(?:som|kip thoi|xem xet|chi dao|giai quyet|giup do|ho tro|tao dieu kien|"
    r"va|cho|tinh|de|duoc|thao go)\b)*\W*$"
)
# Verbs in the addressee part of "Đề nghị X … thực hiện" that make it a duty of its own.
_DUTY_VERBS = re.compile(
    r"\b(?:chu tri|phoi hop|huong dan|kiem tra|bao cao|tong hop|theo doi|don doc|ra soat|"
    r"xay dung|tham muu|de xuat|ban hanh|bo tri)\b"
)


def is_final_formula(block: Block) -> bool:
    """The formula that ends a document's content (see ``_FINAL_FORMULA``); only where
    nothing but the closing and the signature follows it."""
    folded = block.folded.strip()
    if len(folded) > 600:
        return False
    found = _FINAL_FORMULA.match(folded)
    return found is not None and not (found["who"] and _DUTY_VERBS.search(found["who"]))


_SENTENCE_START = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")


def _split_final_formula(block: Block) -> Block | None:
    """The closing formula glued to the last item or paragraph without a line break: cut
    off (the block keeps its own text) and returned as a block of its own."""
    text = block.text
    if block.standalone or block.kind == "row" or len(text) > 20000:
        return None
    starts = [m.end() for m in _SENTENCE_START.finditer(text, max(0, len(text) - 600))]
    for start in starts:
        closing = Block("para", None, None, [text[start:]], True, False)
        if is_final_formula(closing):
            block.lines[:] = [text[:start].rstrip()]
            block.words = block.lines[0].count(" ") + 1
            block._text = block._folded = None
            return closing
    return None


def _opens_body(line: str) -> bool:
    """The body's first line: the meeting ("Ngày 5/6/2026, …"), the grounds, or a line that
    announces what follows ("Chủ tịch UBND tỉnh kết luận như sau:", a công điện's "CHỦ
    TỊCH ỦY BAN NHÂN DÂN TỈNH điện:"); a title never ends with a colon."""
    return _INTRO_START.match(line) is not None or line.rstrip().endswith(":")


def _split_title_block(blocks: list[Block], index: int) -> None:
    """A trích yếu followed, with no blank line, by the body's first line ("Kết luận của Chủ
    tịch … về đầu tư công" / "Chủ tịch UBND tỉnh kết luận như sau:", "Ngày 5/6/2026, …"):
    the body's line starts a block of its own."""
    block = blocks[index]
    if block.kind != "para" or len(block.lines) < 2 or len(block.lines) > 12:
        return
    for position, line in enumerate(block.lines[1:], start=1):
        if line[:1].isupper() and _opens_body(line) and not ends_clause(block.lines[position - 1]):
            rest = Block("para", None, None, block.lines[position:], True, False,
                         words=sum(part.count(" ") + 1 for part in block.lines[position:]))
            del block.lines[position:]
            block.words = sum(part.count(" ") + 1 for part in block.lines)
            block._text = block._folded = None
            blocks.insert(index + 1, rest)
            return


def _is_tail_start(block: Block) -> bool:
    """The body ends at the closing formula, "Nơi nhận", a signature, or a news page's lists."""
    text = block.text
    return (
        is_closing(block)
        or _TAIL_MARK.match(text) is not None
        or (block.standalone and SIGNATURE_TITLE.match(text) is not None)
        or (len(text) <= 60 and len(text.split()) <= 6 and NEWS_TAIL.match(text) is not None)
    )


def _kind_heading(block: Block) -> str | None:
    """The document type a capitalised heading names ("KẾ HOẠCH", "THÔNG BÁO Kết luận …")."""
    if block.kind != "para" or len(block.text) > 300:
        return None
    found = _KIND_HEADING.match(block.text)
    if found is None:
        return None
    return next(kind for word, kind in _KINDS if word == found["word"])


def _is_header_line(block: Block) -> bool:
    folded = block.folded
    return block.standalone or bool(
        re.match(r"\W*(?:cong hoa xa hoi|doc lap|so\s*:|dang cong san)", folded)
    ) or is_caps(block.text)


def layout(blocks: list[Block]) -> list[Part]:
    """Split the text into parts and each part into header, title, body and tail."""
    parts: list[Part] = []
    start = 0
    while start < len(blocks):
        part, end = _part(blocks, start)
        parts.append(part)
        if end <= start:
            break
        start = end
    return parts


def _part(blocks: list[Block], start: int) -> tuple[Part, int]:
    window = range(start, min(start + 30, len(blocks)))
    heading = next((i for i in window if _kind_heading(blocks[i]) is not None), None)
    greeting = next((i for i in window if _is_greeting(blocks[i])), None)
    title: list[Block] = []
    addressees: list[Block] = []
    kind = "news"
    if heading is not None and (greeting is None or heading < greeting):
        kind = _kind_heading(blocks[heading]) or "notice"
        header = blocks[start:heading + 1]
        index = heading + 1
        rest = _KIND_HEADING.sub(lambda m: m["rest"], blocks[heading].text).strip(" :-")
        if rest.isupper() and len(rest.split()) <= 3:
            rest = ""  # "HƯỚNG DẪN LIÊN NGÀNH": the type's qualifier, not its title
        if rest:
            title.append(Block("para", None, None, [rest], True, False))
        else:
            while index < len(blocks) and len(title) < 3:
                _split_title_block(blocks, index)
                block = blocks[index]
                words = sum(b.words for b in title) + block.words
                trich_yeu = not title and _TRICH_YEU.match(block.text) is not None
                if (block.kind != "para" or (_opens_body(block.text) and not trich_yeu)
                        or words > 80
                        or _ATTACHED.match(block.text) or (block.standalone and title)
                        or (block.standalone and not is_caps(block.text))):
                    break
                title.append(block)
                index += 1
                if ends_clause(block.text) and not block.text.endswith(")"):
                    break
        while index < len(blocks) and (blocks[index].standalone or _ATTACHED.match(
            blocks[index].text
        )):
            header.append(blocks[index])
            index += 1
        if greeting is not None and greeting >= index and greeting < index + 3:
            index, addressees = _addressees(blocks, greeting)
    elif greeting is not None:
        kind = "letter"
        header = blocks[start:greeting]
        index, addressees = _addressees(blocks, greeting)
        title = _trich_yeu(header)
    else:
        index = start
        while index < len(blocks) and blocks[index].standalone:
            index += 1
        header = blocks[start:index]
        if index < len(blocks):
            block = blocks[index]
            is_headline = (
                index + 1 < len(blocks)  # a headline stands over a report
                and block.kind == "para"
                and block.words <= 40
                and not block.text.rstrip().endswith(".")
                and not _INTRO_START.match(block.text)
            )
            if is_headline:
                title.append(block)
                index += 1
                while index < len(blocks) and blocks[index].standalone:
                    header.append(blocks[index])
                    index += 1
    end = next((i for i in range(index, len(blocks)) if _is_tail_start(blocks[i])), len(blocks))
    following = _next_part(blocks, end)
    # The closing formula, never the whole content ("Bộ Y tế đề nghị UBND các tỉnh chỉ đạo
    # các cơ sở nghiêm túc thực hiện." alone is the request).
    while end - 1 > index and blocks[end - 1].kind == "para" and is_final_formula(
        blocks[end - 1]
    ):
        end -= 1
    closing = _split_final_formula(blocks[end - 1]) if end > index else None
    body = [b for b in blocks[index:end] if not (b.standalone and b.kind == "para")]
    tail = ([closing] if closing is not None else []) + blocks[end:following]
    official = heading is not None or greeting is not None or any(
        is_closing(b) or _TAIL_MARK.match(b.text) or SIGNATURE_TITLE.match(b.text) for b in tail
    ) or any(re.match(r"Số\s*:", b.text) or _PLACE_DATE.search(b.text) for b in header)
    if kind == "news" and official:
        kind = "notice"
    return Part(kind, header, title, body, tail, official, addressees), following


def _next_part(blocks: list[Block], end: int) -> int:
    """Where a document attached after this one's signature starts, else the end."""
    signed = False
    for index in range(end, len(blocks)):
        block = blocks[index]
        if _TAIL_MARK.match(block.text) or SIGNATURE_TITLE.match(block.text):
            signed = True
            continue
        if not signed:
            continue
        if _kind_heading(block) is not None or _ATTACHED.match(block.text):
            first = index
            while first - 1 >= end and _is_header_line(blocks[first - 1]) and not (
                SIGNATURE_TITLE.match(blocks[first - 1].text)
                or _TAIL_MARK.match(blocks[first - 1].text)
            ):
                first -= 1
            return first
    return len(blocks)


def _addressees(blocks: Sequence[Block], greeting: int) -> tuple[int, list[Block]]:
    """ "Kính gửi: X" and the "- Y;" lines under it: the blocks naming the addressees and
    where the body starts."""
    found = [blocks[greeting]]
    index = greeting + 1
    rest = _GREETING_TEXT.sub("", blocks[greeting].text)
    while index < len(blocks) and index <= greeting + 12:
        block = blocks[index]
        listed = block.kind == "item" and block.mtype in ("dash", "plus") and block.words <= 20
        if listed or (not rest and block.words <= 20 and not ends_clause(block.text[:-1])
                      and block.kind == "para" and not _INTRO_START.match(block.text)):
            found.append(block)
            rest = block.text
            index += 1
            continue
        break
    return index, found


# The địa danh và ngày tháng read into the trích yếu's line: in the two-column header of
# Nghị định 30/2020 the subject ("V/v …") sits beside "Hà Nội, ngày … tháng … năm …", and OCR
# reads both columns across ("V/v triển khai thủ tục cấp Hà Nội, ngày0) thángh năm 2026").
# The place is one to four capitalised words before the comma; "ngày", "tháng", "năm" may
# have lost or changed a letter and the day and month may be blank or misread.
_PLACE_DATE_TAIL = re.compile(
    r"\s+(?:TP\.\s*)?(?:[A-ZĐÀ-Ỹ]\w*\s+){0,3}[A-ZĐÀ-Ỹ]\w*\s*,\s*ng\w{1,3}\W{0,3}"
    r"[^,;:]{0,20}?\bth\w{2,4}[^,;:]{0,12}?\bn\w{1,2}m\s*\d{0,4}\W*$"
)


def _without_place_date(line: str) -> tuple[str, bool]:
    """The trích yếu's line without the place and date OCR glued onto its end."""
    found = _PLACE_DATE_TAIL.search(line)
    if found is None:
        return line, False
    start = found.start()
    # The character class also holds lower-case letters with marks ("ấn"): the place
    # starts at its first capitalised word.
    while (space := line.find(" ", start + 1)) != -1 and not line[start:].lstrip()[:1].isupper():
        start = space
    if not line[:start].strip():
        return line, False
    return line[:start].rstrip(), True


def _trich_yeu(header: Sequence[Block]) -> list[Block]:
    """A letter's subject, "V/v …", as its title (with the line it wrapped onto)."""
    for index, block in enumerate(header):
        found = re.search(r"V/v\s*:?\s*(.+)$", block.text)
        if found is None:
            continue
        first, interleaved = _without_place_date(found.group(1))
        lines = [first]
        for following in header[index + 1:index + 3]:
            # Beside the place and date the subject went on in its own column below, even
            # from a capitalised word ("… thủ tục cấp / Giấy phép …").
            goes_on = following.text[:1].islower() or (
                interleaved and len(lines) == 1 and following.kind == "para"
                and not ends_clause(first) and NUMBER.search(following.text) is None
                and _PLACE_DATE.search(following.text) is None
            )
            if following.standalone or not goes_on:
                break
            lines.append(_without_place_date(following.text)[0])
        subject = " ".join(lines)
        # Standing alone as the title it starts a sentence ("V/v xây dựng …" → "Xây dựng …").
        subject = subject[:1].upper() + subject[1:]
        return [Block("para", None, None, [subject], True, False)]
    return []


# --- Metadata -----------------------------------------------------------------------

NUMBER = re.compile(
    r"\b(?:Số\s*:?|(?:Công\s+văn|Văn\s+bản)\s+số\s*:)\s*(?P<n>\d*)\s*(?P<sep>[/-])\s*"
    r"(?P<suffix>[^\s,;]+)"
)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\d,:;]{2,50}?),\s*ngày\s*(?:(?P<d>\d{1,2})|[^\d\s]{1,4})?[\s.…_)]*"
    r"tháng\s*(?P<m>\d{1,2})?[^\d\s]{0,2}[\s.…_]*năm\s*(?P<y>\d{4})",
    re.I,
)
_NEWS_DATE = re.compile(
    r"^(?:Ngày\s*:\s*|(?:Thứ\s+\S+|Chủ\s+nhật)\s*,?\s*(?:ngày\s+)?|\d{1,2}:\d{2}\s+)?"
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})",
    re.I,
)
_DAY = (
    r"(?P<d>\d{1,2})(?:\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?"
    r"|\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>\d{4}))?)(?!\d)"
)
# A notice's first paragraph reports its meeting: "Ngày 20/02/2026, … chủ trì cuộc họp …",
# "Sáng 12/3, …", "Tại cuộc họp ngày 5/3/2026, …".
_MEETING = re.compile(
    r"^(?:(?:Sáng|Chiều|Tối|Trưa|Vào|Hôm\s+nay)\s*,?\s*(?:ngày\s+)?|ngày\s+)" + _DAY, re.I
)
_MEETING_NOUN = r"(?:cuộc\s+họp|phiên\s+họp|buổi\s+(?:họp|làm\s+việc|kiểm\s+tra)|hội\s+nghị)\b"
_MEETING_AT = re.compile(
    r"^(?:Tại|Trong|Qua)\s+" + _MEETING_NOUN + r"[^.;:]{0,120}?\bngày\s+" + _DAY, re.I
)
# The same in a title: "Kết luận của Chủ tịch … tại cuộc họp ngày 5/3/2026 về …".
_MEETING_IN_TITLE = re.compile(_MEETING_NOUN + r"[^.;:]{0,120}?\bngày\s+" + _DAY, re.I)
# What the day of "Ngày …, …" saw, in its sentence: a meeting (held, chaired, a working
# session, a conference, a reception, an inspection, a report heard) or the issue of a
# document ("Bộ Công Thương ban hành Thông tư số …"), whose date is no meeting's. The first
# one named wins.
_MEETING_EVENT = re.compile(
    r"\b(?:cuoc hop|phien hop|buoi hop|hop (?:ve|voi|ban|nghe|giao ban|truc tuyen|thuong ky|"
    r"dinh ky)|hoi nghi|hoi thao|toa dam|giao ban|lam viec|chu tri|tong ket|so ket|kiem tra|"
    r"khao sat|tham du|du hop|doi thoai|du va chi dao|(?:da )?tiep (?!tuc|nhan|theo|can|thu)|"
    # A standing committee that hears a report: "Ban Thường vụ Tỉnh ủy nghe … báo cáo".
    r"nghe\b[^.;]{0,120}?\bbao cao|thao luan)"
)
_DOCUMENT_ACT = re.compile(
    r"\b(?:(?:ky )?ban hanh|co (?:van ban|cong van|to trinh)|gui (?:van ban|cong van)|"
    r"(?:thong tu|nghi dinh|quyet dinh|cong van|van ban|chi thi|ke hoach|nghi quyet|thong bao|"
    r"luat|to trinh|cong dien)(?: lien tich)? so)\b"
)


def safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass
class Issued:
    on: date | None = None
    month: int | None = None
    year: int | None = None
    place: str | None = None


def issued(header: Sequence[Block]) -> Issued:
    """Địa danh và ngày tháng: "Hà Nội, ngày 26 tháng 01 năm 2022" (day or month may be
    left blank for the signer to fill in)."""
    for block in header:
        found = _PLACE_DATE.search(block.text)
        if found is not None:
            year = int(found["y"])
            month = int(found["m"]) if found["m"] else None
            day = int(found["d"]) if found["d"] else None
            if month is not None and not 1 <= month <= 12:
                month = None
            place = found["place"].strip(" .-")
            place = re.sub(r"^.*\b(?:Số\s*:?\s*\S*|V/v.*)\s+", "", place).strip() or None
            return Issued(safe_date(year, month, day), month, year, place)
    for block in header:
        news = _NEWS_DATE.match(block.text)
        if news is not None:
            year, month = int(news["y"]), int(news["m"])
            return Issued(safe_date(year, month, int(news["d"])), month, year)
    return Issued()


def meeting(
    body: Sequence[Block], anchor: Issued, title: Sequence[Block] = ()
) -> date | None:
    """The day of the meeting a notice reports ("Ngày 20/02/2026, … chủ trì cuộc họp",
    "Tại cuộc họp ngày 5/3/2026, …", a title's "… tại cuộc họp ngày 5/3/2026"), never the
    date of a document its first paragraph cites."""
    for block in body[:3]:
        found = _MEETING_AT.match(block.text)
        if found is None and not re.match(r"Ngày\s*:", block.text):
            found = _MEETING.match(block.text)
            if found is not None and not _reports_meeting(block.text[found.end():]):
                found = None
        if found is not None:
            return _meeting_day(found, anchor)
    for block in title:
        found = _MEETING_IN_TITLE.search(block.text)
        if found is not None:
            return _meeting_day(found, anchor)
    return None


def _reports_meeting(sentence: str) -> bool:
    """Whether the sentence after "Ngày …," tells of a meeting before any document."""
    folded = fold_text(re.split(r"[.;](?:\s|$)", sentence[:600], maxsplit=1)[0])
    event = _MEETING_EVENT.search(folded)
    act = _DOCUMENT_ACT.search(folded)
    return event is not None and (act is None or event.start() < act.start())


def _meeting_day(found: re.Match[str], anchor: Issued) -> date | None:
    day = int(found["d"])
    month_text = found["m"] or found["m2"]
    year_text = found["y"] or found["y2"]
    year = int(year_text) if year_text else anchor.year
    return safe_date(year, int(month_text) if month_text else None, day)


# "Ký bởi: … / Cơ quan: … / Thời gian ký: 02.04.2026 14:24:26 +07:00": the stamp a digital
# signature leaves on the document (Nghị định 30/2020, Phụ lục I); OCR may lose the first
# letters of its lines ("hời gian ký").
_SIGNED_AT = re.compile(
    r"\b\w{0,2}[ờơo]i\s+gian\s+k[ýy]\s*:?\s*(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})",
    re.I,
)


def signed_on(blocks: Sequence[Block]) -> date | None:
    """The day of a digital signature's stamp ("Thời gian ký: dd.mm.yyyy …"), if any."""
    for block in blocks:
        found = _SIGNED_AT.search(block.text[:2000])
        if found is not None:
            return safe_date(int(found["y"]), int(found["m"]), int(found["d"]))
    return None


def signer(tail: Sequence[Block]) -> str | None:
    seen_title = False
    name: str | None = None
    for block in tail:
        for line in block.lines:
            if SIGNATURE_TITLE.match(line):
                seen_title = True
                continue
            if seen_title and _looks_like_name(line):
                name = line.strip()
    if name is None and not seen_title:
        name = _untitled_signer(tail)
    return name


# Family names of Vietnamese people: a name alone under "Nơi nhận" is a signer's only when
# it starts with one.
_FAMILY_NAMES = frozenset(name for line in (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Đoàn",
    "Lâm Mai Trịnh Đào Cao Lương Hà Tạ Tô Châu Quách Lưu Triệu Thái Kiều Chu Mạc La Hứa Nông",
    "Lò Vương Từ Tăng Giang Phùng Âu Diệp Đồng Lục Hầu Tống Bạch Mã Doãn Quan Khổng Thân Lại",
    "Nghiêm Tiêu Kim Lã Ninh Thạch Y",
) for name in line.split())


def _untitled_signer(tail: Sequence[Block]) -> str | None:
    """A signature whose title OCR left out (it was part of the scanned image): the last
    line of a tail with "Nơi nhận", when that line is a person's name ("Trương Thanh
    Hoài"). Nghị định 30/2020 puts the signer's full name last, under the signature."""
    if not any(_TAIL_MARK.match(block.text) for block in tail):
        return None
    lines = [line.strip() for block in tail for line in block.lines if line.strip()]
    last = lines[-1] if lines else ""
    if _looks_like_name(last) and last.split()[0] in _FAMILY_NAMES:
        return last
    return None


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or SIGNATURE_TITLE.match(line):
        return False
    return all(w[0].isupper() and w.replace("-", "").isalpha() for w in words)


def title_text(blocks: Sequence[Block]) -> str | None:
    if not blocks:
        return None
    text = " ".join(block.text for block in blocks)
    text = " ".join(text.replace("#", " ").split()).strip(" -:")
    return text or None


def issuer(
    part: Part, suffix: str | None, when: Issued, agencies: AgencyFinder, warnings: list[str],
) -> str | None:
    """Who issued the document: the header, else the number's suffix, else the closing.

    "…/TB-UBND" is issued by the province even when its Office writes "Văn phòng UBND
    tỉnh thông báo…" at the end, so the suffix outranks the closing formula; a
    department's suffix ("TB-SLĐTBXH") is spelled as the closing formula spells it.
    """
    # The issuing body's column, without the quốc hiệu that shares its line.
    columns = [(b, _QUOC_HIEU.split(b.text, maxsplit=1)[0].strip()) for b in part.header]
    caps = [
        text for b, text in columns
        if is_caps(text) and not re.match(r"C[ỘỌO]NG\s+H|ĐỘC\s+LẬP|ĐẢNG\s+CỘNG", text.upper())
        and _kind_heading(b) is None and not SIGNATURE_TITLE.match(text)
    ]
    if caps:
        return _issuer_from_header(caps, when, agencies)
    code = (suffix.split("-", 1)[1] if "-" in suffix else suffix) if suffix else ""
    code_key = folded_words(code).replace(" ", "")
    if code_key in ("ubnd", "ub"):
        warnings.append("issuer_from_number")
        return f"UBND tỉnh {when.place}" if when.place else "UBND tỉnh"
    if code_key in ("vpubnd", "vpub", "vp", "vpubt"):
        warnings.append("issuer_from_number")
        return "Văn phòng UBND tỉnh"
    if code_key.startswith("vpcp"):
        warnings.append("issuer_from_number")
        return "Văn phòng Chính phủ"
    for block in part.tail:
        if not is_closing(block):
            continue
        found = agencies.many(block.text, 0)
        match = re.match(r"(.+?)\s+(?:xin\s+)?thông\s+báo", block.text, re.I)
        if found is not None and found.names and match is not None:
            warnings.append("issuer_from_closing")
            return " ".join(match.group(1).split())
    if code:
        warnings.append("issuer_from_number")
        if agencies.directory is not None:
            agency = agencies.directory.lookup(code, bare_field=False)
            if agency is not None:
                return agency.name
        return code
    return None


# The quốc hiệu and tiêu ngữ ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh
# phúc") stand beside the issuing body in the two-column header and share its line once the
# columns are read across; in either tone placement ("HÒA", "HOÀ"), without marks, or with
# letters OCR lost ("CỘNG HOÀ XÃ : HỦ NGHĨA VIỆT NAM", "XÃ HỘI CHỦ NGHĨA" alone). "Cộng hòa"
# in a name ("ĐẠI SỨ QUÁN CỘNG HÒA PHÁP") is no quốc hiệu.
_QUOC_HIEU = re.compile(
    r"\s*(?:C\W?[ỘỌÔO]NG\s+H(?:[ÒÓỎO]A|O[ÀÁẢ])\b(?=\W*(?:X[ÃA]|CH|\w{0,2}[ỦU]\s|NGH|VI[ỆÊE]T|$))"
    r"|\bX[ÃA]\W{0,3}(?:H?[ỘỌÔO]I\s+CH|\w{0,2}[ỦU]\s+NGH)|\b\w{0,2}[ỦU]\s+NGH[ĨIÌ]A\s+VI[ỆÊE]T"
    r"|\bNGH[ĨIÌ]A\s+VI[ỆÊE]T\s+NAM|\bĐ[ỘÔO]C\s+L[ẬÂA]P\b|\bT[ỰƯU]\s+DO\s*[-–—]\s*H[ẠA]NH)",
    re.I,
)
_CAPS_UNIT = re.compile(
    r"(?:SỞ|BAN|VĂN PHÒNG|CHI CỤC|CỤC|BỘ|TỔNG CỤC|VỤ|VIỆN|TÒA ÁN|TRUNG TÂM|THANH TRA|"
    r"CÔNG AN|BẢO HIỂM)\b"
)


def _issuer_from_header(lines: Sequence[str], when: Issued, agencies: AgencyFinder) -> str:
    """ "ỦY BAN NHÂN DÂN / TỈNH LÀO CAI" -> "UBND tỉnh Lào Cai"; the lowest unit wins."""
    split = [
        " ".join(line.split()) for block in lines for line in re.split(r"\s{2,}|\n", block)
        if line.strip()
    ]
    split = [_QUOC_HIEU.split(line, maxsplit=1)[0].strip() for line in split]
    split = [line for line in split if line]
    place = when.place or ""
    level = "tỉnh"
    for line in split:
        found = re.search(r"\b(TỈNH|THÀNH PHỐ)\s+(?!ỦY\b)(.+)$", line)
        if found is not None:
            level = "tỉnh" if found.group(1) == "TỈNH" else "thành phố"
            place = found.group(2).title()
    committee = next(filter(None, (re.fullmatch(
        r"((?:TỈNH|THÀNH|HUYỆN|QUẬN|ĐẢNG)\s+ỦY)(?:\s+(.+))?", line) for line in split)), None)
    if committee is not None:
        # A Party committee ("ĐẢNG BỘ TỈNH X / TỈNH ỦY", "TỈNH ỦY X") signs as "Tỉnh ủy X".
        where = _committee_of(committee.group(2)) if committee.group(2) else place
        return f"{committee.group(1).capitalize()} {where}".strip()
    unit = next((line for line in reversed(split) if _CAPS_UNIT.match(line)), None)
    if unit is not None and unit.startswith("VĂN PHÒNG") and len(unit.split()) <= 3 and (
        not re.search(r"CHÍNH PHỦ|QUỐC HỘI|CHỦ TỊCH NƯỚC|TỈNH ỦY|THÀNH ỦY", unit)
    ):
        return f"Văn phòng UBND {level} {place}".strip()
    if unit is not None:
        # "SỞ XÂY DỰNG TỈNH NAM ĐỊNH": the province's own name adds nothing to the unit's.
        own = re.split(r"\s+(TỈNH|THÀNH\s+PHỐ)\s+", unit, maxsplit=1)
        if agencies.directory is not None:
            # The name as it was then ("Sở Lao động – Thương binh và Xã hội"), not its successor.
            for written in dict.fromkeys((unit, own[0])):
                agency = agencies.directory.lookup(written, bare_field=False)
                if agency is not None:
                    return agency.name
        if len(own) == 3:
            return f"{sentence_case_name(own[0])} {own[1].lower()} {own[2].title()}"
        return sentence_case_name(unit)
    if any(re.search(r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND", line) for line in split):
        return f"UBND {level} {place}".strip()
    return sentence_case_name(" ".join(split))


def _committee_of(caps: str) -> str:
    """What a Party committee belongs to, from capitals: a place ("QUẢNG BÌNH" -> "Quảng
    Bình") or a body ("UBND TỈNH" -> "UBND tỉnh", "CÁC CƠ QUAN TỈNH" -> "các cơ quan tỉnh")."""
    words = caps.split()
    if not any(word in ("UBND", "HĐND", "TỈNH", "CÁC", "CƠ", "KHỐI") for word in words):
        return caps.title()
    return " ".join(word if word in ("UBND", "HĐND") else word.lower() for word in words)


_TWO_WORD_HEADS = frozenset({
    "văn phòng", "ủy ban", "uỷ ban", "trung tâm", "chi cục", "tổng cục", "công ty", "ngân hàng",
    "bảo hiểm", "thanh tra", "công an", "kho bạc",
})


def sentence_case_name(caps: str) -> str:
    """ "SỞ GIÁO DỤC VÀ ĐÀO TẠO" -> "Sở Giáo dục và Đào tạo", "VĂN PHÒNG CHÍNH PHỦ" ->
    "Văn phòng Chính phủ": agency names capitalise the head and the first word of each
    field (after the head, "và", "-" or ","); "Công Thương", two fields in one (Công nghiệp,
    Thương mại), both words."""
    words = caps.lower().split()
    head = 2 if " ".join(words[:2]) in _TWO_WORD_HEADS else 1
    out: list[str] = []
    capitalise_next = True
    for index, word in enumerate(words):
        if word in ("và", "-", "–", ","):
            out.append(word)
            capitalise_next = True
            continue
        merged = word == "thương" and index > 0 and words[index - 1] == "công"
        out.append(word[0].upper() + word[1:]
                   if capitalise_next or index == head or merged else word)
        capitalise_next = word.endswith(",")
    return " ".join(out)


def addressee_names(blocks: Sequence[Block], agencies: AgencyFinder) -> list[str]:
    """The agencies a letter's "Kính gửi" names (titles such as "Bộ trưởng" dropped)."""
    names: list[str] = []
    for block in blocks:
        text = _GREETING_TEXT.sub("", block.text)
        for piece in re.split(r"\s*;\s*|\s+-\s+|^-\s*", text):
            piece = piece.strip(" .;-–")
            if not piece:
                continue
            found = agencies.many(piece, 0, places=True)
            if found is not None and found.names:
                names.extend(found.names)
    return unique_names(names)


def first_folded(blocks: Sequence[Block]) -> str:
    return " ".join(fold_text(block.text) for block in blocks)
