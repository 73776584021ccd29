"""What a paragraph is: a directive, an assessment, a preamble, an approval, a caption,
quoted law, a record field, or the clause that makes everyone "implement this document".

All tests run on folded text (lower case, no diacritics) and look at bounded windows,
so a paragraph of any length is judged in time proportional to its length.
"""

from __future__ import annotations

import re

# The verbs a directive opens with (after a leading time, topic or purpose clause).
IMPERATIVE = re.compile(
    r"(?:tiep tuc|tang cuong|day manh|tap trung|trien khai|thuc hien|to chuc|chu dong|khan truong|"
    r"nghiem tuc|quan tam|ra soat|xay dung|hoan thanh|nghien cuu|cap nhat|chu tri|phoi hop|"
    r"huong dan|kiem tra|don doc|theo doi|giao|thong nhat giao|de nghi|yeu cau|chi dao|bao dam|"
    r"dam bao|phan dau|nang cao|duy tri|bao cao|tham muu|kip thoi|lam tot|chuan bi|day nhanh|"
    r"uu tien|sap xep|kien toan|ban hanh|de xuat|tong hop|danh gia|quan triet|tuyen truyen|"
    r"huy dong|phat huy|hoan thien|bo sung|dieu chinh|sua doi|luu y|chu y|xu ly|giai quyet|"
    r"khac phuc|tich cuc|rut kinh nghiem|ket noi|mo rong|tao dieu kien|ho tro|chi tra|xem xet|"
    r"soan thao|cung co|kiem soat|ngan chan|dau tranh|phat hien|thanh tra|gui|phoi hop|can|phai|"
    r"khan cap|chuyen|day nhanh|quyet liet|thuong xuyen|dinh ky|tiep thu|nghiem tuc|phan cong|"
    r"cu|bo tri|lap|thanh lap|rasoat|van dong|thu hut|dao tao|boi duong|tiep nhan|hoan tat|"
    r"chiu trach nhiem|co trach nhiem|tham khao|lien he|moi|tham gia|thiet lap|tham dinh|"
    r"van hanh|bao ve|san xuat|thiet ke|cung cap|thuc hien|la co quan|la don vi|la dau moi|"
    r"khao sat)\b"
)
_ASSESSMENT = re.compile(
    r"\bda co ban hoan thanh\b|\bco ban hoan thanh\b|\bhoan thanh co ban\b|\bghi nhan\b|"
    r"\bbieu duong\b|\bdanh gia cao\b|\bnoi bat\b|\bthanh cong\b|\bco nhieu co gang\b|"
    r"\bdat duoc\b|\bdat ket qua\b|\bket qua quan trong\b|\bdat\s+\d|\bdat va vuot\b|"
    r"\bvuot chi tieu\b|\bdat\s+(?:ty le|muc)\b|\bgan dat\b|\bdat so voi\b"
    # What a thing is or was ("… được coi là công cụ …", "… đóng vai trò …"): a statement.
    r"|\bduoc (?:coi|xac dinh|danh gia) la\b|\b(?:dong|giu|co) vai tro\b|\bco y nghia\b"
)
DIRECTIVE_WORDS = re.compile(
    # "đã giao", "được giao" report work handed out before.
    r"\b(?:can|phai|de nghi|yeu cau|(?<!da )(?<!duoc )giao|tiep tuc|tang cuong|day manh|"
    r"khan truong|phan dau|chu tri|chi dao)\b"
)
_LEADER = re.compile(
    r"\b(?:chu tich|pho chu tich|bi thu|pho bi thu|giam doc|pho giam doc|dong chi|lanh dao|"
    r"thu truong|bo truong|truong ban|chanh van phong|thu tuong|pho thu tuong)\b"
    r"[^.;]{0,120}?\b(?P<verb>yeu cau|de nghi|chi dao|nhan manh|(?<!tuyen )(?<!ban )giao)\b"
)
_CAPTION = re.compile(
    r"\b(?:phat bieu|trao tang|trao|tang hoa|tang qua|chup anh|anh\s*:|quang canh|toan canh)\b"
)
CONCLUSION_CUE = re.compile(
    r"(?:ket luan|chi dao|nhu sau|noi dung sau|nhiem vu sau|nhiem vu cu the sau|mot so noi dung|"
    r"cac noi dung sau|giai phap sau|sau|giao)\W*$"
)

_BY_FUNCTION = (
    r"(?:,\s*)?theo\s+chuc\s+nang(?:\s*,\s*|\s+)?(?:nhiem\s+vu)?(?:\s+(?:duoc\s+giao|cua\s+minh|"
    r"cua\s+tung\s+(?:co\s+quan|don\s+vi)|quy\s+dinh))?\s*,?\s*"
)
_TIME_PREFIX = re.compile(
    r"(?:(?:trong|tu|den)\s+)?(?:nam\s+\d{4}|thoi gian toi|thoi gian den|trong thoi gian toi|"
    r"nam\s+\d{4}\s+tro\s+(?:ve\s+sau|di)|tu\s+nay\s+den\s+cuoi\s+nam)(?:\s+tro\s+(?:ve\s+sau|di))?"
    r"\s*,?\s*"
)
_TOPIC_PREFIX = re.compile(r"(?:doi voi|ve|linh vuc|cong tac|rieng)\b[^:;.]{0,120}?[:,]\s*")
# A leading purpose or circumstance clause: "Để bảo đảm tiến độ, Sở X …".
_CLAUSE_PREFIX = re.compile(
    r"(?:de|nham|tren co so|can cu|sau khi|truoc mat|dong thoi|ngoai ra|ben canh do|mat khac|"
    r"trong truong hop|truong hop)\b[^,;:.]{0,150}?,\s*"
)


def skip_prefixes(folded: str, pos: int = 0) -> int:
    """Position after a leading time phrase ("Năm 2018,") or topic ("Về công tác X:")."""
    for _ in range(3):
        moved = False
        for pattern in (_TIME_PREFIX, _TOPIC_PREFIX, _CLAUSE_PREFIX):
            found = pattern.match(folded, pos)
            if found is not None and found.end() > pos:
                pos = found.end()
                moved = True
        if not moved:
            break
    return pos


BEFORE_VERB = re.compile(rf"\s*,?\s*(?:{_BY_FUNCTION})?")
LEAD_VERBS = re.compile(
    rf"\s*(?:,\s*)?(?:{_BY_FUNCTION})?(?:chu tri|la co quan chu tri)\b"
)


def directive_start(folded: str) -> bool:
    """The paragraph opens with a directive verb (after any leading clause)."""
    pos = skip_prefixes(folded)
    return bool(IMPERATIVE.match(folded, pos))


# "…, đề nghị nghiên cứu …", "…, đề nghị Cục X liên hệ …": a request after a clause.
_INNER_REQUEST = re.compile(r"(?:^|[,;:]\s*|\s)(?:kinh\s+)?(?:de nghi|yeu cau)\s+\S")


def inner_request(folded: str) -> bool:
    """A request anywhere in the first sentence: "Để xác định …, đề nghị nghiên cứu …"."""
    sentence = re.split(r"(?<=[.!?])\s", folded[:1500], maxsplit=1)[0]
    return bool(_INNER_REQUEST.search(sentence))


# A sentence whose subject is a document cited ("Nghị định số 06/2022/NĐ-CP … giao Bộ Tài
# chính chủ trì …"): it reports what that document says, it hands out nothing now.
CITED_SUBJECT = re.compile(
    r"(?:^|(?<=[.;:]\s))(?:luat|bo luat|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi|"
    r"ket luan|cong van|van ban|ke hoach|chuong trinh|de an)\b[^,;.:]*"
)


def is_assessment(folded: str) -> bool:
    """Praise and results outweigh directives ("đã hoàn thành …, đạt 95% kế hoạch")."""
    pos = skip_prefixes(folded)
    assess = len(_ASSESSMENT.findall(folded)) + len(re.findall(r"\bda\b", folded))
    if re.match(r"da\b", folded[pos:pos + 3]):
        assess += 3
    if CITED_SUBJECT.search(folded) is not None:
        folded = CITED_SUBJECT.sub(lambda m: " " * len(m.group(0)), folded)
    directive = len(DIRECTIVE_WORDS.findall(folded))
    if directive_start(folded):
        directive += 3
    return assess > directive


_ANSWERS_FOR = re.compile(r"[^.;]{0,150}?\bchiu trach nhiem truoc\b[^;]{0,400}$")


def is_accountability(folded: str) -> bool:
    """ "Chủ tịch UBND các xã chịu trách nhiệm trước Chủ tịch UBND tỉnh về tiến độ …": who
    answers for a result, with nothing to do beside it."""
    text = folded.strip()
    if len(text) > 550 or not _ANSWERS_FOR.match(text):
        return False
    rest = text[text.find("chiu trach nhiem truoc"):]
    return DIRECTIVE_WORDS.search(rest) is None and not re.search(
        r"[,;]\s*(?:dong thoi|va)\s+" + IMPERATIVE.pattern, rest
    )


def is_preamble(folded: str) -> bool:
    """A paragraph announcing the items ("…, Sở X tập trung thực hiện các nhiệm vụ sau:"),
    or a purpose clause standing alone ("Để thực hiện thắng lợi mục tiêu …")."""
    text = folded.rstrip()
    if text.endswith(":"):
        return True
    return bool(re.match(r"de\s", text)) and not inner_request(text)


def leader_directive(folded: str) -> re.Match[str] | None:
    """ "Chủ tịch UBND tỉnh … yêu cầu <directive>" with a real directive after the verb."""
    for match in _LEADER.finditer(folded, 0, min(len(folded), 4000)):
        after = folded[match.end():match.end() + 400]
        if re.match(r"\s*(?:tai|o)\s+(?:hoi nghi|buoi)", after):
            continue
        verb = match.start("verb")
        if re.search(r"phat bieu\s+$", folded[max(0, verb - 30):verb]):
            continue
        # The directive itself must follow in the same sentence ("… dự và chỉ đạo hội
        # nghị." only reports attendance).
        if len(re.split(r"[.;]\s", after, maxsplit=1)[0].split()) >= 8:
            return match
    return None


def is_caption(text: str, folded: str) -> bool:
    """A photo caption or a report of a speech ("… phát biểu tại hội nghị")."""
    return (
        len(text) < 400
        and len(text.split()) <= 40
        and bool(_CAPTION.search(folded))
        and not directive_start(folded)
        and leader_directive(folded) is None
    )


def section_is_assessment(heading_folded: str) -> bool:
    assess = re.search(
        r"\b(?:danh gia|ket qua|tinh hinh|uu diem|han che|ton tai|nhan xet|khuyet diem|"
        r"nguyen nhan|thuc trang|kho khan|vuong mac|bat cap)\b",
        heading_folded,
    )
    task = re.search(
        r"\b(?:nhiem vu|giai phap|chi dao|ket luan|kien nghi|de xuat|phuong huong|giao|"
        r"trien khai|thoi gian toi|to chuc thuc hien|de nghi|yeu cau|phan cong|ke hoach)\b",
        heading_folded,
    )
    return bool(assess) and not task


# --- Sections of a plan -----------------------------------------------------------------

_PURPOSE = re.compile(
    r"(?:muc dich|yeu cau|muc tieu|quan diem|su can thiet|can cu|pham vi|doi tuong|"
    r"nguyen tac)\b"
)
_ORGANISATION = re.compile(
    r"\b(?:to chuc thuc hien|phan cong|trach nhiem|nhiem vu cua cac|nhiem vu cu the cua)\b"
)
_FUNDING = re.compile(r"(?:kinh phi|nguon kinh phi|nguon luc)\b")
_TASKS = re.compile(r"\b(?:nhiem vu|ket luan|kien nghi|chi dao|de nghi|yeu cau)\b")


def section_role(heading_folded: str) -> str:
    """What a plan's section holds, by its heading: "purpose" (Mục đích, yêu cầu),
    "organisation" (Tổ chức thực hiện), "funding" (Kinh phí), "tasks" (Nhiệm vụ …) or
    "content" (Nội dung, Giải pháp, Chủ đề, …)."""
    text = " ".join(heading_folded.split())
    if _ORGANISATION.search(text):
        return "organisation"
    if _PURPOSE.match(text):
        return "purpose"
    if _FUNDING.match(text):
        return "funding"
    if _TASKS.search(text):
        return "tasks"
    return "content"


# --- Approvals, quoted law, the duty to implement the document ----------------------------

# A reply to a proposal, by the issuing body or in its name ("Ban Thường vụ Tỉnh ủy cơ bản
# nhất trí với báo cáo …", "UBND tỉnh thống nhất chủ trương …").
_APPROVAL = re.compile(
    r"(?:(?:ubnd|uy ban nhan dan|chu tich ubnd|chu tich uy ban nhan dan|thu tuong chinh phu|"
    r"ban thuong vu|thuong truc|ban chap hanh|ban can su dang|dang doan)(?:\s+(?:tinh|thanh|"
    r"huyen|tinh uy|thanh uy|huyen uy|dang uy|ubnd tinh|hdnd tinh))*\s+)?(?:co ban\s+)?"
    r"(?:thong nhat|dong y|nhat tri|chap thuan|khong dong y|chua dong y|chua xem xet|"
    r"se xem xet|danh gia cao)\b"
)
# What a decision's articles do besides assigning work: approve, enact, take effect.
_ENACTING = re.compile(
    r"(?:phe duyet|ban hanh kem theo|ban hanh|thanh lap|cong bo|cong nhan|bai bo|kien toan|"
    r"quyet dinh nay co hieu luc|.{0,60}co hieu luc (?:thi hanh )?(?:ke )?tu)\b"
)


def is_approval(folded: str) -> bool:
    """A reply to a proposal ("Thống nhất chủ trương …", "Đồng ý về chủ trương …")."""
    return bool(_APPROVAL.match(folded, skip_prefixes(folded)))


def is_enacting(folded: str) -> bool:
    """A decision's article that approves, enacts or takes effect ("Điều 1. Phê duyệt …")."""
    return bool(_ENACTING.match(folded))


_DOCUMENT_WORDS = (
    r"(?:huong dan|quyet dinh|ke hoach|chi thi|thong bao|nghi quyet|cong van|van ban|quy dinh|"
    r"quy che|ket luan|chuong trinh|de an|phuong an|thong tu|cong dien)"
)
# "… có trách nhiệm chỉ đạo và tổ chức thực hiện Hướng dẫn này", "… chịu trách nhiệm thi
# hành Quyết định này", "… triển khai thực hiện nghiêm túc Kế hoạch này".
_IMPLEMENT_THIS = re.compile(
    r"(?:(?:co|chiu)\s+trach\s+nhiem\s+)?(?:(?:chi dao|to chuc|trien khai|huong dan)\s*"
    r"(?:,\s*|va\s+)?)*(?:thi hanh|thuc hien|trien khai)(?:\s+nghiem tuc)?\s+"
    rf"(?:(?:cac\s+)?(?:noi dung|nhiem vu)\s+(?:cua\s+|tai\s+|trong\s+)?)?{_DOCUMENT_WORDS}\s+"
    r"nay(?:\s+(?:nghiem tuc|hieu qua|dung quy dinh))?\W*$"
)


# "Đề nghị các cơ quan nghiêm túc thực hiện.", "Yêu cầu Thủ trưởng các cơ quan, đơn vị
# nghiêm túc triển khai thực hiện./.": the closing request to everyone, no duty.
_GENERIC_REQUEST = re.compile(
    r"\W{0,3}(?:[^.;:]{0,80},\s*)?(?:kinh\s+)?(?:de nghi|yeu cau)\s+"
    r"(?:thu truong\s+|lanh dao\s+)?cac\s+"
    r"(?:co quan|don vi|dia phuong|so|nganh|cap|to chuc|ban)\b[^.;:]{0,80}?\s"
    r"(?:nghiem tuc\s+|khan truong\s+|chu dong\s+)?(?:to chuc\s+|trien khai\s+)*thuc hien"
    r"(?:\s+(?:nghiem tuc|tot|dung quy dinh|cac noi dung (?:tren|nay)|"
    r"(?:thong bao|ket luan|van ban|cong van|ke hoach|quyet dinh|chi thi) nay))?\W*$"
)


def is_generic_request(folded: str) -> bool:
    """A request to all addressees at once to carry the document out."""
    return len(folded) < 300 and bool(_GENERIC_REQUEST.match(folded))


def implements_the_document(folded: str) -> bool:
    """The clause that makes its addressees implement the document itself, with nothing
    more concrete to do: an execution clause, not a task."""
    tail = folded[-200:]
    closing = tail.rfind("./.")
    if closing != -1:
        tail = tail[:closing]  # "./." ends the text; what follows is stray (OCR) marks
    if " nay" not in tail[-60:]:
        return False
    match = _IMPLEMENT_THIS.search(tail)
    if match is None:
        return False
    before = tail[:match.start()]
    # Only the addressees may precede it ("Bộ Công an, …, Tòa án nhân dân tối cao").
    return not re.search(
        r"\b(?:theo doi|don doc|kiem tra|bao cao|tong hop|giam sat|huong dan cac|so ket|"
        r"tong ket|xay dung|ban hanh)\b", before,
    )


_QUOTED_LAW = re.compile(
    r"\W{0,3}(?:theo\s+|tai\s+|can cu\s+)?(?:(?:diem|khoan|dieu|muc|chuong)\s+[\w.]+\s*,?\s*)+"
    r"(?:cua\s+)?[^.;]{0,200}?\b(?:quy dinh|neu ro|ghi ro|nhu sau)\b\s*:?\s*[\"“”']"
)
_LEGAL_BASIS = re.compile(r"\W{0,3}(?:can cu|xet de nghi|theo de nghi)\b")


def is_quoted_law(folded: str) -> bool:
    """A provision quoted as background ("Khoản 2 Điều 3 … quy định: “…”")."""
    return bool(_QUOTED_LAW.match(folded[:400]))


def is_legal_basis(folded: str) -> bool:
    """ "Căn cứ …", "Theo đề nghị của …": the grounds of the document, unless a duty
    follows the grounds ("Căn cứ Kế hoạch …, Sở Tài chính tổng hợp, tham mưu …")."""
    if not _LEGAL_BASIS.match(folded):
        return False
    if folded.rstrip().endswith((";", ";.")) or ";" in folded[:300]:
        return True  # one of a list of grounds
    comma = folded.find(", ", 0, 600)
    return comma < 0 or not re.search(rf"(?:^|\s){IMPERATIVE.pattern}", folded[comma:comma + 600])


# --- Record items: a task described by labelled fields ----------------------------------

_FIELD = re.compile(
    r"(?P<label>(?:don vi|co quan|bo phan)\s+(?:chu tri|thuc hien|phoi hop)(?:\s+thuc hien)?|"
    r"chu tri|phoi hop|thoi gian(?:\s+(?:du kien|thuc hien|hoan thanh|to chuc))?|thoi han|"
    r"tien do|dia diem(?:\s+thuc hien)?|kinh phi|hinh thuc(?:\s+thuc hien)?|san pham|"
    r"noi dung(?:\s+\w+){0,2}|phuong thuc(?:\s+\w+){0,2}|thanh phan|quy mo)\s*:"
)


def field_label(folded: str) -> str | None:
    """The label of a record field line ("- Đơn vị chủ trì: Sở X.") as its role: "lead",
    "support", "deadline" or "other"; None when the line is no field."""
    found = _FIELD.match(folded)
    if found is None:
        return None
    label = found["label"]
    if "phoi hop" in label:
        return "support"
    if "chu tri" in label:
        return "lead"
    if "thuc hien" in label and label.startswith(("don vi", "co quan", "bo phan")):
        return "executor"
    if label.startswith(("thoi gian", "thoi han", "tien do")):
        return "deadline"
    return "other"
