"""Agency names in running text, mapped to the directory when it knows them.

Notices name addressees in lists ("Sở A, Sở B và UBND các xã"), in grouped forms
("Các Sở: Công Thương, Tài chính", "UBND các phường: Yên Bái, Văn Phú", "Đại sứ quán
các nước: Trung Quốc, Ấn Độ"), behind a leader's title ("Giám đốc Sở Y tế", "Bộ trưởng
Bộ Tài chính") and by former names. A name the directory does not know is kept as
written when it has the shape of a Vietnamese agency name: a head word (Bộ, Sở, Cục,
Ban, Ủy ban, Trung tâm, Công ty, Tổng Công ty, Đài, Thành đoàn, Đảng ủy, Hiệp hội, Đại
sứ quán …) followed by its field in capitals, lower-case words that continue the field
("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông") and a place ("tỉnh
Quảng Nam", "thành phố Hà Nội"). A name stops before a verb, even a capitalised one
after the field ("Công ty Điện lực tỉnh X Khảo sát …" names "Công ty Điện lực tỉnh X").
A province or city named on its own as an addressee ("Mời tỉnh Điện Biên") is its
People's Committee. Generic groups ("các cơ quan, đơn vị liên quan") are recognised
and dropped: there is no one to remind. Pure: the directory is an in-memory snapshot.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from bot.core.agencies import AgencyDirectory, spellings
from bot.core.normalize import word_set
from bot.extraction.text import folded_words, name_id

_TOKEN = re.compile(r"[^\W_]+(?:[&.'’-][^\W_]+)*|[,;:()/.!?–—-]")
_BREAKS = frozenset(";:()/.!?")
_HEADS = re.compile(
    r"(?:so|ban|van phong|vp|vpub|vpubnd|ubnd|uy ban|hdnd|hoi dong|cac|nganh|cong an|"
    r"bo chi huy|bchqs|bao hiem|bhxh|ngan hang|nhcsxh|chi nhanh|bao|dai|thanh tra|kho bac|cuc|"
    r"chi cuc|trung tam|phong|truong|benh vien|hoi|lien doan|tinh doan|doan|mat tran|ubmttq|vien|"
    r"quy|bql|bqlda|tong cong ty|cong ty|tinh uy|bo|tong cuc|vu|hiep hoi|lien hiep|thanh doan|"
    r"dang uy|dang doan|huyen uy|thanh uy|toa an|tap doan|dai su quan|co quan|chu dau tu|don vi)\b"
)
# The first words of the heads above, to rule out most positions before tokenizing.
_HEAD_FIRST_WORDS = frozenset(
    alternative.split()[0] for alternative in _HEADS.pattern[3:-4].split("|")
)
_GENERIC_HEADS = (
    "ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "văn phòng", "sở", "phòng", "ban",
    "trung tâm", "chi cục", "cục", "công an", "bảo hiểm xã hội", "bhxh", "ngân hàng", "kho bạc",
    "thanh tra", "trường", "bệnh viện", "hội", "liên đoàn", "tỉnh đoàn", "đoàn", "đài", "báo",
    "viện", "quỹ", "tổng công ty", "công ty", "bộ chỉ huy", "ủy ban", "uỷ ban", "ngành",
    "thuế tỉnh", "thuế cơ sở", "hải quan", "kho bạc nhà nước",
    # Central and Party bodies, companies and other organisations.
    "bộ", "tổng cục", "vụ", "hiệp hội", "liên hiệp", "thành đoàn", "đảng ủy", "đảng đoàn",
    "huyện ủy", "ban cán sự đảng", "tòa án", "toà án", "tập đoàn", "đại sứ quán", "học viện",
    "đại học", "cơ quan", "chủ đầu tư", "đơn vị", "cảnh sát", "lực lượng", "bộ tư lệnh",
    "bộ đội biên phòng", "thông tấn xã", "nhà xuất bản", "hợp tác xã", "tổ công tác",
    "ban chỉ đạo", "ban quản lý", "viện kiểm sát", "kiểm toán nhà nước", "kiểm toán",
    "vườn quốc gia", "khu bảo tồn", "tạp chí", "cổng thông tin", "chi nhánh", "hội đồng",
    "liên minh",
    # The Party committee's own bodies, often written in lower case ("Ban xây dựng đảng").
    "ban xây dựng đảng", "ban tuyên giáo", "ban dân vận", "ban tổ chức", "ban nội chính",
    "ủy ban kiểm tra", "uỷ ban kiểm tra",
)
# Heads that name no one without the name after them ("Công ty" alone).
_NAMELESS_HEADS = frozenset({"công ty", "tổng công ty", "tập đoàn", "hợp tác xã"})
# Heads that are a whole name on their own ("7. Thuế tỉnh" heads its bullets).
_COMPLETE_HEADS = frozenset({
    "thuế tỉnh", "thuế cơ sở", "kho bạc nhà nước", "kiểm toán nhà nước", "bộ đội biên phòng",
})
def _by_first_word(heads: Sequence[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for head in heads:
        index.setdefault(head.split()[0], []).append(head)
    return {word: tuple(sorted(found, key=len, reverse=True)) for word, found in index.items()}


# Heads that are plain nouns too ("các đơn vị", "cơ quan"): only with a capital or a
# qualifier do they name someone.
_WEAK_HEADS = frozenset({"cơ quan", "đơn vị", "chủ đầu tư", "lực lượng", "vụ", "bộ"})
_GROUP_HEADS = (
    "các phòng", "các đơn vị", "các trường", "các trung tâm", "các sở", "các ban", "các hội",
    "các cơ sở", "các chi cục", "các bệnh viện", "thủ trưởng các", "ubnd các", "các chủ đầu tư",
    "ủy ban nhân dân các", "uỷ ban nhân dân các", "các cơ quan", "các công ty", "các bộ",
    "các tổng công ty", "các ban quản lý", "các doanh nghiệp",
    # Party committees below the province's: "Các huyện ủy, thành ủy, đảng ủy trực thuộc".
    "các huyện ủy", "các thành ủy", "các đảng ủy", "các đảng bộ", "các chi bộ", "các quận ủy",
)
_GROUP_INDEX = _by_first_word(_GROUP_HEADS)
_GENERIC_INDEX = _by_first_word(_GENERIC_HEADS)
_STOP_WORDS = word_set(
    "cần phải khẩn tập tiếp tăng chủ phối nghiên tham theo trong để khi đã đang sẽ được "
    "rà kiểm đôn hướng chỉ hoàn đẩy nâng xem giải lập cùng tích nghiêm thường định sớm "
    "kịp nhanh có về trên đối nhằm với của tại thực triển tổ xây bảo đảm quan hỗ gửi "
    "nếu như là thì một những đưa rất vẫn cho từ đến sau trước ngày năm tháng quý tiến "
    "chịu tuyên vận rút xử ưu sắp ban trình báo mở đề tạo thẩm cung phát duy rà nghiên "
    "đánh chuẩn phấn huy cập lưu thừa thay ký nêu lựa cử mời đón dịch thiết in đóng kêu "
    "phân trao thống khảo biết bố tổng hoặc nhưng mà này đó kể tiếp lãnh thu"
)
# A capitalised word that starts one of these ends a name once its field is given
# ("Sở Tài chính Chủ trì …", "Công ty Điện lực tỉnh X Khảo sát …").
_VERB_PAIRS = frozenset({
    "khao sat", "chu tri", "phoi hop", "ra soat", "trien khai", "tang cuong", "day manh",
    "tap trung", "khan truong", "tiep tuc", "thuc hien", "huong dan", "tham muu", "bao cao",
    "nghien cuu", "don doc", "chi dao", "theo doi", "chiu trach", "bo tri", "tong hop",
    "cap nhat", "hoan thanh", "hoan thien", "bao dam", "dam bao", "ban hanh", "de xuat",
    "kiem tra", "de nghi", "yeu cau", "chu dong", "lap ke",
})
# Verbs of two syllables that never continue a name written in lower case ("Bộ Tài chính
# cân đối …"); compounds that do ("xây dựng", "quản lý", "tổ chức") are not listed.
_LOWER_VERBS = frozenset({
    "can doi", "bo tri", "ra soat", "khao sat", "trien khai", "tang cuong", "day manh",
    "tap trung", "khan truong", "tiep tuc", "thuc hien", "huong dan", "tham muu", "bao cao",
    "nghien cuu", "don doc", "chi dao", "theo doi", "tong hop", "cap nhat", "hoan thanh",
    "hoan thien", "bao dam", "dam bao", "ban hanh", "de xuat", "kiem tra", "de nghi",
    "yeu cau", "chu dong", "chu tri", "phoi hop", "xu ly", "giai quyet", "khac phuc", "ho tro",
    "chi tra", "xem xet", "long ghep", "dieu chinh", "sua doi", "bo sung", "phan bo",
    "kiem soat", "tuyen truyen", "van dong", "thu hoi", "cap phep", "nghiem thu", "ban giao",
    "thong bao", "phe duyet", "cung cap", "chuan bi", "phat hien", "ngan chan", "quan triet",
    "phan dau", "nang cao", "duy tri", "day nhanh", "sap xep", "kien toan", "huy dong",
    "lanh dao", "giam sat", "dieu tiet", "van hanh", "rut kinh", "tiep nhan", "thanh toan",
    "quyet toan", "giai ngan",
})
_GENERIC_GROUP = re.compile(
    r"(?:các|cac)\s+(?:{g})(?:\s*,?\s*(?:các\s+|cac\s+)?(?:{g}))*"
    r"(?:\s+(?:có\s+|co\s+)?(?:liên|lien)\s+(?:quan)|\s+(?:khác|khac|còn\s+lại|con\s+lai)\b)?"
    r"(?:\s+(?:cấp\s+tỉnh|tỉnh|cap tinh|tinh))?".format(
        g="cơ quan|co quan|đơn vị|don vi|ngành|nganh|cấp|cap|địa phương|dia phuong|"
        r"tổ chức chính trị\s*[-–]\s*xã hội|to chuc chinh tri\s*[-–]\s*xa hoi|tổ chức|to chuc|"
        "đoàn thể|doan the|cá nhân|ca nhan|doanh nghiệp|doanh nghiep|sở, ngành|so, nganh|"
        "lực lượng|luc luong|bộ, ngành|bo, nganh"
    ),
    re.I,
)
_PLURAL = re.compile(
    r"(?P<ubnd>(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+)?các\s+"
    r"(?P<unit>sở|phường|xã|huyện|thị\s+xã|thành\s+phố|ban|phòng|trường|trung\s+tâm|chi\s+cục|"
    r"bộ|tỉnh)"
    r"\s*:\s*",
    re.I,
)
# "Đại sứ quán các nước: Trung Quốc, Ấn Độ" -> "Đại sứ quán Trung Quốc", …
_PLURAL_COUNTRIES = re.compile(r"(?:các\s+)?(?P<head>Đại\s+sứ\s+quán)\s+các\s+nước\s*:\s*", re.I)
_LEADER_TITLE = re.compile(
    r"(?:(?:Phó\s+)?(?:Giám\s+đốc|Thủ\s+trưởng|Chủ\s+tịch|Trưởng\s+ban|Chánh\s+Văn\s+phòng|"
    r"Chánh\s+Thanh\s+tra|Cục\s+trưởng|Chi\s+cục\s+trưởng|Hiệu\s+trưởng|Tổng\s+Giám\s+đốc|"
    r"Trưởng\s+phòng|Lãnh\s+đạo|Bộ\s+trưởng|Thứ\s+trưởng|Vụ\s+trưởng|Tổng\s+cục\s+trưởng|"
    r"Viện\s+trưởng|Chánh\s+án|Người\s+đứng\s+đầu|Bí\s+thư))\s+(?=\S)",
    re.I,
)
# The authorities that issue directives are never their addressees.
_SUPERIOR = re.compile(
    r"(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+tinh\b(?!\s+\w)|tinh uy\b|thuong truc\b|"
    r"ban thuong vu tinh uy\b|chinh phu\b|thu tuong\b|quoc hoi\b|bo chinh tri\b|ban bi thu\b|"
    r"(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+(?:tinh|thanh pho)$"
)
# The companies an inspection notice reports on, and the words that refer back to them.
_COMPANY = re.compile(
    r"(?:Tổng\s+công\s+ty|Công\s+ty|Hợp\s+tác\s+xã|Doanh\s+nghiệp\s+tư\s+nhân)\s+\S"
)
# "Đối với Công ty A: …", "Tại Tổng công ty B, …": a report on one company.
_REPORT_LEAD_IN = re.compile(
    r"\W{0,3}(?i:đối\s+với|tại|về|(?:qua\s+)?kiểm\s+tra\s+(?:tại|đối\s+với))\s+"
)
_ANAPHOR = re.compile(
    r"(?i:(?:các\s+)?(?:đơn\s+vị|doanh\s+nghiệp|công\s+ty|cơ\s+sở|tổ\s+chức)\s+"
    r"(?:nêu\s+trên|nói\s+trên|kể\s+trên|trên|được\s+kiểm\s+tra))\b"
    # A bare "Công ty" / "các Công ty" / "Doanh nghiệp" with no name after it: then a
    # verb or a function word follows (see ``_bare_company``).
    r"|(?P<bare>(?:[Cc]ác\s+)?(?:Công\s+ty|Doanh\s+nghiệp|Tổng\s+công\s+ty))(?=\s*[,.;:]|\s|$)"
)
# A Party document addresses the province's People's Council and Committee (the Party
# leads the state), so there they are addressees, not the issuer's superiors.
_STATE_AUTHORITY = re.compile(r"(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+tinh")
# (previous, word) pairs where ``word`` ends a compound inside a unit's name although it
# is a stop word on its own ("phát triển", "xúc tiến", "công trình", "đào tạo").
_NAME_COMPOUNDS = frozenset({
    ("phát", "triển"), ("xúc", "tiến"), ("cải", "tiến"), ("tiên", "tiến"), ("công", "trình"),
    ("đào", "tạo"), ("sáng", "tạo"), ("cải", "tạo"), ("thẩm", "định"), ("kiểm", "định"),
    ("giám", "định"), ("xác", "định"), ("cơ", "quan"), ("tư", "xây"), ("trình", "xây"),
    ("người", "có"), ("ổn", "định"), ("các", "tổ"), ("hữu", "nghị"), ("quản", "lý"),
    ("dân", "vận"), ("hải", "quan"), ("giao", "thông"), ("vận", "tải"), ("thi", "đua"),
    ("đăng", "kiểm"), ("kiểm", "toán"),
})
# Words of a unit's field whose first syllable is a stop word on its own ("Tạp chí Y học
# thực hành", "Cục An toàn thực phẩm": not "thực hiện").
_NAME_WORDS = frozenset({
    ("thực", "hành"), ("thực", "phẩm"), ("thực", "vật"), ("thực", "nghiệm"),
})
# Lower-case pairs that never continue a name, though neither is a verb ("Bộ Xây dựng
# nội dung như sau": the name ends before "nội dung").
_NOT_IN_NAME = frozenset({"noi dung", "mot so", "cac noi", "nhu sau", "can cu", "theo quy"})
# Fixed phrases with a comma that a name may contain ("Các cơ quan chuyên trách tham mưu,
# giúp việc Đảng ủy", the Party's term for its committee's advisory bodies).
_NAME_PHRASES = (("tham muu giup viec", 5),)
# "giao" ends a name ("Chủ tịch UBND tỉnh giao:") unless it begins one of these words.
_GIAO_WORDS = frozenset({"thông", "dịch", "lưu", "nhận", "thương", "nộp"})
# Fixed expressions with a comma inside a unit's name ("phòng cháy, chữa cháy").
_COMMA_COMPOUNDS = ("phong chay chua chay", "cuu nan cuu ho", "phong chong")
_PLACE_UNITS = frozenset({"phuong", "xa", "huyen", "thi xa", "thanh pho", "tinh"})
# "UBND huyện Gia Viễn", "Ủy ban nhân dân tỉnh Quảng Nam": one authority, named by place.
_LOCAL_UBND = re.compile(
    r"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+"
    r"(?P<unit>(?i:huyện|xã|phường|thị\s+xã|thị\s+trấn|thành\s+phố|tỉnh))\s+(?=[^\W_])",
    re.I,
)
# A province or city named as the addressee itself ("Mời tỉnh Điện Biên").
_PLACE_ADDRESSEE = re.compile(r"(?P<unit>(?i:tỉnh|thành\s+phố))\s+(?=[A-ZĐÀ-Ỹ])")
_UNIT_WORD = re.compile(
    r"\s*(?i:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn|đặc\s+khu|"
    r"(?:huyện|thành|quận|thị|đảng)\s+ủy|đảng\s+bộ|chi\s+bộ)\b"
)
_HEADING_LEAD_IN = re.compile(
    r"(?i:đối\s+với|về\s+phía|riêng|đề\s+nghị|giao|mời|yêu\s+cầu|kính\s+gửi)\s*:?\s+"
)
_SEPARATOR = re.compile(r"\s*(?:,|;|\bvà\b)\s*")
# What narrows a group to some of its members: "có cụm công nghiệp", "thuộc diện …",
# "nằm trong vùng dự án" (not "có liên quan", "có trách nhiệm …": those say nothing more).
_QUALIFIER = re.compile(
    r"\s+(?:có|thuộc|nằm\s+trong|trên\s+địa\s+bàn)\s+"
    r"(?!liên\s+quan|trách\s+nhiệm|ý\s+kiến|văn\s+bản|thẩm\s+quyền|kế\s+hoạch)"
    r"(?P<what>(?:[^\W\d_]+)(?:\s+(?!(?:phối|chủ|tăng|khẩn|tập|tiếp|triển|thực|rà|báo|xây|"
    r"hướng|đẩy|chịu|có|được|theo|để|và|cần|phải)\b)[^\W\d_]+){0,4})",
    re.I,
)
_NATIONAL = re.compile(r"\s+(?:Việt\s+Nam|Trung\s+ương)\b")
_GROUP_ORDER = re.compile(r"(?i)\b(phường|xã)\s*,\s*(phường|xã)\b")


@dataclass
class Mention:
    """Names found at a position: directory names, or as written; ``end`` is where they stop."""

    names: list[str]
    end: int
    resolved: bool = True


@dataclass
class AgencyFinder:
    """Finds agency names in running text and maps them to directory names.

    ``unresolved`` collects names kept as written, for the extractor's warnings.
    """

    directory: AgencyDirectory | None
    unresolved: set[str] = field(default_factory=set)
    # A Party document: the province's People's Committee and Council are addressees.
    party: bool = False
    # The companies a document reports on, one item each ("a) Công ty A: …"), whom "các
    # đơn vị nêu trên" and a bare "Công ty" then refer to.
    antecedents: tuple[str, ...] = ()
    # The extractor asks about the same text from several angles; answer each once.
    _lists: dict[tuple[int, str, int], Mention | None] = field(default_factory=dict, repr=False)
    _names: dict[str, str | None] = field(default_factory=dict, repr=False)
    _keys: frozenset[str] | None = field(default=None, repr=False)
    _groups: frozenset[str] | None = field(default=None, repr=False)

    def refer_back_to(self, names: Sequence[str]) -> None:
        """Resolve anaphoric addressees ("các đơn vị nêu trên", "Công ty") to ``names``."""
        if tuple(names) != self.antecedents:
            self.antecedents = tuple(names)
            self._lists.clear()

    def companies(self, texts: Sequence[str]) -> list[str]:
        """The companies a document reports on: those that open a paragraph or an item
        ("a) Công ty TNHH A: …", "Công ty A đã lập …") and those listed together ("đã kiểm
        tra tại 03 đơn vị: Công ty A, Tổng công ty B và Công ty C")."""
        names: list[str] = []
        for text in texts:
            lead_in = _REPORT_LEAD_IN.match(text)
            start = lead_in.end() if lead_in is not None else 0
            if _COMPANY.match(text, start) is not None:
                found = self.one(text, start)
                if found is not None and len(found.names) == 1 and (
                    len(found.names[0].split()) > 2
                ):
                    names.extend(found.names)
                continue
            for match in itertools.islice(_COMPANY.finditer(text, 0, 1500), 20):
                listed = self.many(text, match.start())
                named = [name for name in (listed.names if listed else [])
                         if _COMPANY.match(name) and len(name.split()) > 2]
                if len(named) >= 2:
                    names.extend(named)
                    break
        return unique_names(names)

    def in_party_document(self) -> None:
        """Read the rest as a Party document's text (see :attr:`party`)."""
        if not self.party:
            self.party = True
            self._lists.clear()

    def canonical(self, written: str, *, bare_field: bool = False) -> str | None:
        """The current directory name for a written name (successors followed), if known.

        Grouped local units compare in either order ("UBND các phường, xã" = "UBND các
        xã, phường").
        """
        if self.directory is None:
            return None
        key = f"{int(bare_field)}{written}"
        if key in self._names:
            return self._names[key]
        resolution = self.directory.resolve(written, bare_field=bare_field)
        if resolution is None and _GROUP_ORDER.search(written):
            swapped = _GROUP_ORDER.sub(lambda m: f"{m.group(2)}, {m.group(1)}", written)
            resolution = self.directory.resolve(swapped, bare_field=bare_field)
        name = None if resolution is None else resolution.current.name
        self._names[key] = name
        return name

    def _kept(self, written: str) -> str:
        """A name the directory does not know, as written (in today's spelling)."""
        name = modern_spelling(written)
        self.unresolved.add(name)
        return name

    def one(self, text: str, pos: int) -> Mention | None:
        """The agency mention starting at ``pos`` (after spaces), if any.

        A leader's title in front ("Giám đốc Sở Y tế", "Chủ tịch UBND các xã") addresses
        the agency itself.
        """
        while pos < len(text) and text[pos] == " ":
            pos += 1
        title = _LEADER_TITLE.match(text, pos)
        if title is not None:
            pos = title.end()
        if pos >= len(text):
            return None
        if self.antecedents:
            anaphor = _ANAPHOR.match(text, pos)
            if anaphor is not None and (not anaphor["bare"] or _bare_company(text, anaphor.end())):
                return Mention(list(self.antecedents), anaphor.end(), resolved=False)
        plural = _PLURAL.match(text, pos)
        if plural is not None:
            listed = self._plural(text, plural)
            if listed is not None:
                return listed
        countries = _PLURAL_COUNTRIES.match(text, pos)
        if countries is not None:
            listed = self._countries(text, countries)
            if listed is not None:
                return listed
        generic = _GENERIC_GROUP.match(text, pos)
        if generic is not None:
            after = text[generic.end():generic.end() + 20].split()
            nxt = after[0] if after else ""
            # "… liên quan" always closes the group; a bare "các đơn vị" must not run on
            # into a name ("các đơn vị trực thuộc").
            closed = folded_words(generic.group(0)).endswith(
                ("lien quan", "tinh", "khac", "con lai")
            )
            if closed or not nxt or not nxt[0].isalpha() or nxt.lower() in _STOP_WORDS or (
                nxt == "và"
            ):
                if folded_words(generic.group(0)).startswith(("cac so nganh", "cac so, nganh")):
                    return self._directory_match(text, pos) or Mention([], generic.end())
                return Mention([], generic.end())
        found = self._directory_match(text, pos)
        if found is not None:
            return self._qualified(text, pos, found)
        local = self._local(text, pos)
        if local is not None:
            return local
        return self._generic(text, pos)

    def _qualified(self, text: str, pos: int, found: Mention) -> Mention:
        """A group narrowed by a qualifier ("UBND các xã, phường có cụm công nghiệp"): a
        collective of its own, kept as written."""
        if self.directory is None or len(found.names) != 1:
            return found
        if self._groups is None:
            self._groups = frozenset(a.name for a in self.directory.agencies if a.kind == "group")
        if found.names[0] not in self._groups:
            return found
        qualifier = _QUALIFIER.match(text, found.end)
        if qualifier is None:
            return found
        end = qualifier.end("what")
        written = " ".join(text[pos:end].split())
        return Mention([self._kept(written[0].upper() + written[1:])], end, resolved=False)

    def addressee(self, text: str, pos: int) -> Mention | None:
        """Like :meth:`one`, and a bare province or city is its People's Committee."""
        found = self.one(text, pos)
        if found is not None:
            return found
        while pos < len(text) and text[pos] == " ":
            pos += 1
        place = _PLACE_ADDRESSEE.match(text, pos)
        if place is None:
            return None
        return self._place(text, place.end(), place["unit"])

    def _local(self, text: str, pos: int) -> Mention | None:
        """ "UBND huyện Gia Viễn": the unit word is lower case, the place capitalised."""
        match = _LOCAL_UBND.match(text, pos)
        if match is None:
            return None
        return self._place(text, match.end(), match["unit"])

    def _place(self, text: str, pos: int, unit: str) -> Mention | None:
        raw = self._tokens(text, pos, 8, dashes=True)
        size = 0
        for index, token in enumerate(raw):
            word = token.group(0)
            if word in {"–", "—", "-"}:
                if index + 1 < len(raw) and raw[index + 1].group(0)[:1].isupper():
                    continue
                break
            if not (word[0].isupper() or word.isdigit()) or index >= 7:
                break
            size = index + 1
        if size == 0:
            return None
        end = raw[size - 1].end()
        place = " ".join(text[pos:end].split())
        written = f"UBND {' '.join(unit.lower().split())} {place}"
        name = self.canonical(written)
        if name is not None:
            return Mention([name], end)
        return Mention([self._kept(written)], end, resolved=False)

    def _tokens(
        self, text: str, pos: int, limit: int = 16, *, dashes: bool = False
    ) -> list[re.Match[str]]:
        tokens: list[re.Match[str]] = []
        for match in _TOKEN.finditer(text, pos):
            if len(tokens) >= limit:
                break
            word = match.group(0)
            if word in _BREAKS and not (dashes and word == "-"):
                break
            tokens.append(match)
        return tokens

    def _directory_match(self, text: str, pos: int) -> Mention | None:
        if self.directory is None:
            return None
        opening = text[pos:pos + 24].split(None, 1)
        if not opening:
            return None
        word = opening[0]
        if folded_words(word.rstrip(",.;:")) not in _HEAD_FIRST_WORDS and not (
            word.isupper() and len(word) >= 3
        ):
            return None
        tokens = self._tokens(text, pos, 14)
        if not tokens or tokens[0].start() != pos:
            return None
        first = tokens[0].group(0)
        head_words = " ".join(t.group(0) for t in tokens[:3])
        head_ok = _HEADS.match(folded_words(head_words))
        if not head_ok and not (first.isupper() and len(first) >= 3):
            return None
        # Which prefixes the directory knows, from each token's part of the name key: one
        # key per token instead of one per prefix (a mention is looked for at every
        # clause of every task).
        prefixes = list(itertools.accumulate(_key_piece(token.group(0)) for token in tokens))
        first_piece = _key_piece(first)
        known = self._key_index()
        swapped = _GROUP_ORDER.search(text, pos, tokens[-1].end()) is not None
        for size in range(len(tokens), 0, -1):
            last = tokens[size - 1].group(0)
            if last in {",", "–", "—", "-"} or last.lower() in {"và", "va", "&"}:
                continue
            if size < len(tokens) and _NATIONAL.match(text, tokens[size - 1].end()):
                continue  # "Bảo hiểm xã hội Việt Nam" is not the province's
            key = prefixes[size - 1]
            if not swapped and key not in known and not (
                first_piece in ("nganh", "so") and "so" + key[len(first_piece):] in known
            ):
                continue
            written = text[pos:tokens[size - 1].end()]
            name = self.canonical(written)
            if name is None:
                continue
            end = tokens[size - 1].end()
            # "Sở Y tế tỉnh", "Các Sở, ban, ngành Thành phố" (a city of provincial rank).
            tail = re.match(r"\s+(?:tỉnh|Thành\s+phố)\b(?!\s+[A-ZĐÀ-Ỹ])", text[end:end + 20])
            if tail is not None and not written.lower().endswith("tỉnh"):
                end += tail.end()
            return Mention([name], end)
        return None

    def _key_index(self) -> frozenset[str]:
        """The name keys of every spelling the directory resolves."""
        if self._keys is None:
            agencies = self.directory.agencies if self.directory is not None else []
            self._keys = frozenset(
                name_id(spelling) for agency in agencies for spelling in spellings(agency)
            )
        return self._keys

    def _head(self, text: str, pos: int) -> tuple[str, bool] | None:
        lowered = text[pos:pos + 40].lower()
        head = _longest_head(lowered, _GROUP_INDEX)
        if head is not None:
            return head, True
        head = _longest_head(lowered, _GENERIC_INDEX)
        return None if head is None else (head, False)

    def _generic(self, text: str, pos: int) -> Mention | None:
        found = self._head(text, pos)
        if found is None:
            return None
        head, group = found
        tokens = self._tokens(text, pos, 18)
        head_size = len(head.split())
        if len(tokens) < head_size:
            return None
        complete = head in _COMPLETE_HEADS and text[pos].isupper()
        if len(tokens) == head_size and not complete:
            return None
        following = tokens[head_size].group(0) if len(tokens) > head_size else ""
        if complete and head.endswith(" tỉnh") and following[:1].isupper():
            # "Thuế tỉnh Lào Cai" is the province's "Thuế tỉnh", as "Công an tỉnh Lào Cai"
            # is the directory's "Công an tỉnh".
            place = self._place(text, tokens[head_size].start(), "tỉnh")
            written = " ".join(text[pos:tokens[head_size - 1].end()].split())
            if place is not None:
                name = self.canonical(written)
                if name is not None:
                    return Mention([name], place.end)
                return Mention([self._kept(written)], place.end, resolved=False)
        # "Sở Y tế", "phòng LĐTBXH": a one-word head needs a name after it ("Sở kết luận" is
        # not an agency); "Ủy ban nhân dân xã …", "các phòng chuyên môn" do not.
        named = complete or following[0].isupper() or following[0].isdigit()
        # A collective ("Chủ đầu tư các khu đô thị", "Đơn vị duy trì thoát nước") names
        # someone when it opens a heading or a sentence, in capitals.
        strict = head_size == 1 or head in ("bộ", "vụ") or (
            head in _WEAK_HEADS and not text[pos].isupper()
        )
        if not group and strict and not named:
            return None
        if not group and head_size > 1 and not (text[pos].isupper() or named):
            return None
        end_token = head_size - 1
        skip_to = 0
        for index in range(head_size, min(len(tokens), head_size + 16)):
            if index < skip_to:
                end_token = index
                continue
            word = tokens[index].group(0)
            lowered = word.lower()
            phrase = self._name_phrase(tokens, index)
            if phrase:
                skip_to = index + phrase
                end_token = index
                continue
            if word == "Các":
                break  # "… đảng bộ cơ sở Các cấp ủy …": a new noun phrase, a new sentence
            if lowered == "giao" and (
                index + 1 >= len(tokens) or tokens[index + 1].group(0).lower() not in _GIAO_WORDS
            ):
                break
            if word == ",":
                # "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch": fields listed inside
                # the name; a comma before another agency or plain words ends it. A group
                # lists its units ("UBND các tỉnh, thành phố").
                if self._fields_follow(text, tokens, index + 1) or self._comma_compound(
                    tokens, index
                ) or (group and _UNIT_WORD.match(text, tokens[index].end())):
                    continue
                break
            if word in {"–", "—", "-"}:
                if index + 1 < len(tokens) and tokens[index + 1].group(0)[:1].isupper():
                    continue
                break
            previous = tokens[index - 1].group(0).lower()
            # The second syllable of a word already begun belongs to the name, even when
            # on its own it starts a verb ("Trung tâm Phát triển quỹ đất", "Phòng Người
            # có công", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông").
            in_name = (previous, lowered) in _NAME_COMPOUNDS or (
                index + 1 < len(tokens)
                and (lowered, tokens[index + 1].group(0).lower()) in _NAME_WORDS
            )
            if lowered in _STOP_WORDS and not word[0].isupper() and not in_name:
                break
            if index > head_size and word[0].islower() and index + 1 < len(tokens) and (
                folded_words(f"{word} {tokens[index + 1].group(0)}") in _LOWER_VERBS
                or folded_words(f"{word} {tokens[index + 1].group(0)}") in _NOT_IN_NAME
            ):
                break
            if word[0].isupper() and index > head_size and index + 1 < len(tokens) and (
                folded_words(f"{word} {tokens[index + 1].group(0)}") in _VERB_PAIRS
            ):
                break
            if lowered == "và" and index + 1 < len(tokens):
                nxt = text[tokens[index + 1].start():]
                # "UBND tỉnh và các tổ chức đảng trực thuộc": two addressees.
                if self._starts_agency(nxt) or _GENERIC_GROUP.match(nxt):
                    break
            end_token = index
        if end_token < head_size and (head_size == 1 or head in _WEAK_HEADS) and not group:
            return None
        if end_token < head_size and head in _NAMELESS_HEADS:
            # "Đề nghị Công ty tiếp tục …": the company the letter is about, named elsewhere.
            return Mention([], tokens[end_token].end())
        if head in _WEAK_HEADS and not group and end_token == head_size and not named and (
            tokens[end_token].group(0).lower() in ("các", "cac")
        ):
            return None
        end = tokens[end_token].end()
        written = " ".join(text[pos:end].split())
        if _SUPERIOR.match(folded_words(written)) and not (
            self.party and _STATE_AUTHORITY.fullmatch(folded_words(written))
        ):
            return None
        if written.lower().endswith(" và"):
            written = written[:-3]
        name = self.canonical(written)
        if name is not None:
            return Mention([name], end)
        return Mention([self._kept(written[0].upper() + written[1:])], end, resolved=False)

    def _name_phrase(self, tokens: Sequence[re.Match[str]], index: int) -> int:
        """How many tokens a fixed phrase of names ("tham mưu, giúp việc") takes at ``index``."""
        for phrase, size in _NAME_PHRASES:
            words = " ".join(t.group(0) for t in tokens[index:index + size])
            if len(tokens) - index >= size and folded_words(words) == phrase:
                return size
        return 0

    def _comma_compound(self, tokens: Sequence[re.Match[str]], index: int) -> bool:
        """ "phòng cháy, chữa cháy" inside a name: a fixed expression with a comma."""
        words = [t.group(0) for t in tokens[max(0, index - 2):index + 3]]
        folded = folded_words(" ".join(words))
        return any(compound in folded for compound in _COMMA_COMPOUNDS)

    def _fields_follow(self, text: str, tokens: Sequence[re.Match[str]], index: int) -> bool:
        """Whether ``tokens[index:]`` continue a name's field list: capitalised fields
        separated by commas and closed by "và" + a capitalised field, none of them an agency
        or a leader's title ("…, Thương mại và Du lịch", not "…, Sở Y tế và …")."""
        expect_field = True
        for position in range(index, len(tokens)):
            word = tokens[position].group(0)
            if expect_field:
                start = tokens[position].start()
                if not word[0].isupper() or self._starts_agency(text[start:]) or (
                    _LEADER_TITLE.match(text, start) or _HEADS.match(folded_words(word))
                ):
                    return False
                expect_field = False
                after = tokens[position + 1].group(0) if position + 1 < len(tokens) else ""
                if position == index and after[:1].islower() and (
                    after not in _STOP_WORDS and after != "và"
                    and folded_words(f"{word} {after}") not in _VERB_PAIRS
                ):
                    # "Viện Chiến lược, Chính sách tài nguyên và môi trường": a field in
                    # sentence case (a place or a list of agencies is all capitals).
                    return True
            elif word == ",":
                expect_field = True
            elif word.lower() == "và":
                following = tokens[position + 1] if position + 1 < len(tokens) else None
                return following is not None and following.group(0)[0].isupper() and not (
                    self._starts_agency(text[following.start():])
                )
            elif word.lower() in _STOP_WORDS or word in {"–", "—", "-"}:
                return False
        return False

    def _starts_agency(self, text: str) -> bool:
        """Whether an agency name (not just its head word used as a noun) starts here."""
        lowered = text[:40].lower()
        if _longest_head(lowered, _GROUP_INDEX) is not None:
            return True
        head = _longest_head(lowered, _GENERIC_INDEX)
        if head is None:
            return False
        rest = text[len(head):].lstrip()
        if head in _COMPLETE_HEADS and text[:1].isupper():
            return True
        return bool(rest) and (
            rest[0].isupper() or rest[0].isdigit()
            or (len(head.split()) > 1 and (head not in _WEAK_HEADS or text[:1].isupper()))
        )

    def _plural(self, text: str, match: re.Match[str]) -> Mention | None:
        unit = " ".join(match["unit"].split())
        unit_key = folded_words(unit)
        names: list[str] = []
        pos = match.end()
        ubnd = bool(match["ubnd"]) or unit_key in _PLACE_UNITS
        while True:
            item = self._plural_item(text, pos, unit, unit_key, ubnd)
            if item is None:
                break
            name, pos = item
            names.append(name)
            sep = re.match(r"\s*(?:,|;|\bvà\b)\s*", text[pos:pos + 10])
            if sep is None:
                break
            following = self._plural_item(text, pos + sep.end(), unit, unit_key, ubnd)
            if following is None:
                break
            pos += sep.end()
        if not names:
            return None
        return Mention(names, pos)

    def _plural_item(
        self, text: str, pos: int, unit: str, unit_key: str, ubnd: bool
    ) -> tuple[str, int] | None:
        raw = self._tokens(text, pos, 8, dashes=True)
        tokens = [t for t in raw if t.group(0) not in {",", "–", "—", "-"}][:6]
        if not tokens or tokens[0].start() != pos:
            return None
        if unit_key in _PLACE_UNITS:
            if _LOCAL_UBND.match(text, pos) or self._starts_agency(text[pos:pos + 40]):
                return None
            found = self._place(text, pos, unit)
            if found is None:
                return None
            return found.names[0], found.end
        prefix = unit[0].upper() + unit[1:].lower()
        for size in range(min(len(tokens), 6), 0, -1):
            end = tokens[size - 1].end()
            written = f"{prefix} {' '.join(text[pos:end].split())}"
            name = self.canonical(written, bare_field=True)
            if name is not None:
                return name, end
        size = 0
        for token in tokens[:5]:
            word = token.group(0)
            if size and (word.lower() in _STOP_WORDS or word.lower() == "và"
                         or not (word[0].isupper() or word[0].islower())):
                break
            size += 1
        end = tokens[size - 1].end()
        written = f"{prefix} {' '.join(text[pos:end].split())}"
        return self._kept(written), end

    def _countries(self, text: str, match: re.Match[str]) -> Mention | None:
        head = " ".join(match["head"].split())
        names: list[str] = []
        pos = match.end()
        while True:
            tokens = self._tokens(text, pos, 8)
            size = 0
            for index, token in enumerate(tokens):
                word = token.group(0)
                if word == "," or word.lower() == "và" or (
                    word.lower() in _STOP_WORDS and not word[0].isupper()
                ):
                    break
                size = index + 1
            if size == 0 or tokens[0].start() != pos:
                break
            end = tokens[size - 1].end()
            written = f"{head} {' '.join(text[pos:end].split())}"
            names.append(self._kept(written))
            pos = end
            sep = re.match(r"\s*(?:,|\bvà\b)\s*", text[pos:pos + 10])
            if sep is None:
                break
            pos += sep.end()
        if not names:
            return None
        return Mention(names, pos, resolved=False)

    def heading_names(self, text: str, *, loose: bool = False) -> list[str] | None:
        """The addressees an agency heading names ("1.2. Trung tâm … thành phố Hà Nội:",
        "4. Đề nghị Ban Tuyên giáo và Dân vận Thành ủy", "19. Mời tỉnh Điện Biên"), or None
        when ``text`` is not such a heading.

        A heading names its agencies and nothing else. Unless the finder reads the whole
        text as names, a heading must show that it is one (a closing colon, or ``loose``:
        items follow it); then the whole text is taken, split where a further agency
        begins, and a verb anywhere means it is a sentence, not a heading.
        """
        if not loose and not text.rstrip().endswith(":") and text.count(" ") > 24:
            return None  # no name is that long: a sentence
        lead_in = _HEADING_LEAD_IN.match(text)
        start = lead_in.end() if lead_in is not None else 0
        opening = text[start:start + 60].lstrip()
        if not (self._starts_agency(opening) or _LOCAL_UBND.match(opening)
                or _PLACE_ADDRESSEE.match(opening) or _PLURAL_COUNTRIES.match(opening)
                or _PLURAL.match(opening)):
            return None
        body = _heading_body(text[start:start + 400])
        if not body or len(body.split()) > 25 or not (
            self._starts_agency(body) or _LOCAL_UBND.match(body) or _PLACE_ADDRESSEE.match(body)
            or _PLURAL_COUNTRIES.match(body) or _PLURAL.match(body)
        ):
            return None
        head = self._head(body, 0)
        if head is not None and len(body.split()) <= len(head[0].split()) and (
            head[0] not in _COMPLETE_HEADS
        ):
            return None  # "Các Sở", "UBND các phường": a list's head, not a name
        # Read at the text's own position: the roles ask the same question there.
        offset = start + (len(text[start:]) - len(text[start:].lstrip()))
        found = self.many(text, offset, places=True)
        if found is not None and not text[found.end:offset + len(body)].strip(" .,;:") and (
            found.end <= offset + len(body) + 1
        ):
            return found.names or None
        if not (loose or text.rstrip().endswith(":")) or ":" in body or body.isupper():
            return None  # a section title in capitals, not an agency's name
        words = body.split()
        pairs = itertools.pairwise(words)
        if any(a[0].islower() and folded_words(f"{a} {b}") in _VERB_PAIRS for a, b in pairs) or (
            {word.lower() for word in words}
            & {"là", "được", "có", "sẽ", "đã", "cần", "phải", "như"}
        ):
            return None
        names: list[str] = []
        for segment in self._segments(body):
            if _GENERIC_GROUP.fullmatch(segment) or not segment:
                continue
            found = self.many(segment, 0, places=True)
            if found is not None and not segment[found.end:].strip(" .,;:"):
                names.extend(found.names)
                continue
            name = self.canonical(segment)
            if name is None:
                name = self._kept(segment[0].upper() + segment[1:])
            names.append(name)
        return unique_names(names) or None

    def _segments(self, body: str) -> list[str]:
        """``body`` cut before each ", " / " và " / "; " that a further agency follows."""
        cuts = [0]
        for match in _SEPARATOR.finditer(body):
            if self._starts_agency(body[match.end():]) or _GENERIC_GROUP.match(body, match.end()):
                cuts.append(match.start())
                cuts.append(match.end())
        cuts.append(len(body))
        return [body[a:b].strip(" ,;.") for a, b in zip(cuts[::2], cuts[1::2], strict=False)]

    def many(self, text: str, pos: int, *, places: bool = False) -> Mention | None:
        """A list of agencies ("Sở A, Sở B và UBND các xã") starting at ``pos``;
        ``places``: a bare province or city counts as its People's Committee."""
        key = (int(places), text, pos)
        if key not in self._lists:
            self._lists[key] = self._many(text, pos, places)
        return self._lists[key]

    def _many(self, text: str, pos: int, places: bool) -> Mention | None:
        find = self.addressee if places else self.one
        first = find(text, pos)
        if first is None:
            return None
        names = list(first.names)
        end = first.end
        resolved = first.resolved
        while True:
            sep = re.match(r"\s*(?:,|;|\bvà\b|\bcùng\b|\bvới\b)\s*", text[end:end + 12])
            if sep is None:
                break
            nxt = find(text, end + sep.end())
            if nxt is None:
                break
            names.extend(nxt.names)
            end = nxt.end
            resolved = resolved and nxt.resolved
        return Mention(unique_names(names), end, resolved)

    def mentions(self, text: str) -> Iterator[str]:
        """Every directory agency named anywhere in the text (for the meeting's subject)."""
        pos = 0
        for match in _TOKEN.finditer(text):
            if match.start() < pos:
                continue
            found = self._directory_match(text, match.start())
            if found is not None:
                yield from found.names
                pos = found.end


_TONE_MOVES = (
    # The older placement of the tone mark ("hoá", "Uỷ ban", "thuỷ") -> the common one.
    (re.compile(r"([oO])([áàảãạ])(?![^\W\d_])"), "oa"),
    (re.compile(r"([oO])([éèẻẽẹ])(?![^\W\d_])"), "oe"),
    (re.compile(r"(?<![qQ])([uU])([ýỳỷỹỵ])(?![^\W\d_])"), "uy"),
)
_MARKED = {
    "oa": dict(zip("áàảãạ", "óòỏõọ", strict=True)),
    "oe": dict(zip("éèẻẽẹ", "óòỏõọ", strict=True)),
    "uy": dict(zip("ýỳỷỹỵ", "úùủũụ", strict=True)),
}


@functools.lru_cache(maxsize=8192)
def _key_piece(token: str) -> str:
    """A token's part of :func:`bot.normalize.name_key` (keys join their words)."""
    return name_id(token)


@functools.lru_cache(maxsize=4096)
def modern_spelling(name: str) -> str:
    """A name kept as written, with the tone mark where most texts put it today
    ("Sở Văn hoá" -> "Sở Văn hóa", "Uỷ ban" -> "Ủy ban"), so that one agency written
    both ways is one custom agency."""
    for pattern, cluster in _TONE_MOVES:
        marks = _MARKED[cluster]

        def move(
            match: re.Match[str], marks: dict[str, str] = marks, cluster: str = cluster
        ) -> str:
            first, second = match.group(1), match.group(2)
            marked = marks[second.lower()]
            if first.isupper():
                marked = marked.upper()
            plain = cluster[1] if second.islower() else cluster[1].upper()
            return marked + plain

        name = pattern.sub(move, name)
    return re.sub(r"^(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân\b", "UBND", name)


def _bare_company(text: str, end: int) -> bool:
    """ "Công ty" with no name: what follows is punctuation, a verb or a function word
    ("Đề nghị Công ty tiếp tục …"), not "cổ phần …", "TNHH …" or a capitalised name."""
    found = re.match(r"\s*([^\W\d_]+)(?:\s+([^\W\d_]+))?", text[end:end + 40])
    if found is None:
        return True
    word, following = found.group(1), found.group(2) or ""
    if not word[0].islower():
        return False
    return word in _STOP_WORDS or folded_words(f"{word} {following}") in _LOWER_VERBS


def _heading_body(text: str) -> str:
    """A heading without its closing punctuation and a closing parenthesis ("Sở Nội vụ (Ban
    Thi đua …):" -> "Sở Nội vụ")."""
    body = text.rstrip().rstrip(":.;").rstrip()
    if body.endswith(")"):
        opening = body.rfind("(")
        if opening > 0 and "(" not in body[opening + 1:-1] and ")" not in body[opening + 1:-1]:
            body = body[:opening].rstrip().rstrip(":.;").rstrip()
    return body


def _longest_head(lowered: str, index: dict[str, tuple[str, ...]]) -> str | None:
    """The longest head of ``index`` that ``lowered`` opens with."""
    first = lowered.split(None, 1)[0].rstrip(",.;:") if lowered.strip() else ""
    for head in index.get(first, ()):
        if _starts_with(lowered, head):
            return head
    return None


def _starts_with(lowered: str, head: str) -> bool:
    """``lowered`` opens with the whole word(s) ``head``."""
    return lowered.startswith(head) and (
        len(lowered) == len(head) or not lowered[len(head)].isalnum()
    )


def unique_names(names: Sequence[str]) -> list[str]:
    """Names in order without repeats (compared by :func:`bot.normalize.name_key`)."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        identity = name_id(name)
        if identity and identity not in seen:
            seen.add(identity)
            out.append(name)
    return out
