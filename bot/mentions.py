"""Agency names in running text, mapped to the directory when it knows them.

Notices name addressees in lists ("Sở A, Sở B và UBND các xã"), in grouped forms
("Các Sở: Công Thương, Tài chính", "UBND các phường: Yên Bái, Văn Phú"), behind a
leader's title ("Giám đốc Sở Y tế") and by former names; a name the directory does not
know is kept as written when it starts like an agency ("Phòng LĐTBXH các huyện").
Generic groups ("các cơ quan, đơn vị liên quan") are recognised and dropped: there is
no one to remind. Pure: the directory is an in-memory snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from bot.core.agencies import AgencyDirectory
from bot.core.normalize import fold, word_set

_TOKEN = re.compile(r"[^\W_]+(?:[&.'’-][^\W_]+)*|[,;:()/.!?–—-]")
_BREAKS = frozenset(";:()/.!?")
_HEADS = re.compile(
    r"(?:so|ban|van phong|vp|vpub|vpubnd|ubnd|uy ban|hdnd|hoi dong|cac|nganh|cong an|"
    r"bo chi huy|bchqs|bao hiem|bhxh|ngan hang|nhcsxh|chi nhanh|bao|dai|thanh tra|kho bac|cuc|"
    r"chi cuc|trung tam|phong|truong|benh vien|hoi|lien doan|tinh doan|doan|mat tran|ubmttq|vien|"
    r"quy|bql|bqlda|tong cong ty|cong ty|tinh uy|bo)\b"
)
_GENERIC_HEADS = (
    "ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "văn phòng", "sở", "phòng", "ban",
    "trung tâm", "chi cục", "cục", "công an", "bảo hiểm xã hội", "bhxh", "ngân hàng", "kho bạc",
    "thanh tra", "trường", "bệnh viện", "hội", "liên đoàn", "tỉnh đoàn", "đoàn", "đài", "báo",
    "viện", "quỹ", "tổng công ty", "công ty", "bộ chỉ huy", "ủy ban", "uỷ ban", "ngành",
    "thuế tỉnh", "thuế cơ sở", "hải quan", "kho bạc nhà nước",
)
_GROUP_HEADS = (
    "các phòng", "các đơn vị", "các trường", "các trung tâm", "các sở", "các ban", "các hội",
    "các cơ sở", "các chi cục", "các bệnh viện", "thủ trưởng các", "ubnd các", "các chủ đầu tư",
    "ủy ban nhân dân các",
)
_STOP_WORDS = word_set(
    "cần phải khẩn tập tiếp tăng chủ phối nghiên tham theo trong để khi đã đang sẽ được "
    "rà kiểm đôn hướng chỉ hoàn đẩy nâng xem giải lập cùng tích nghiêm thường định sớm "
    "kịp nhanh có về trên đối nhằm với của tại thực triển tổ xây bảo đảm quan hỗ gửi "
    "nếu như là thì một những đưa rất vẫn cho từ đến sau trước ngày năm tháng quý tiến "
    "chịu tuyên vận rút xử ưu sắp ban trình báo mở đề tạo thẩm cung phát duy rà nghiên "
    "đánh chuẩn phấn huy cập lưu"
)
_GENERIC_GROUP = re.compile(
    r"(?:các|cac)\s+(?:{g})(?:\s*,?\s*(?:các\s+|cac\s+)?(?:{g}))*(?:\s+(?:có\s+|co\s+)?(?:liên|lien)\s+"
    r"(?:quan))?(?:\s+(?:cấp\s+tỉnh|tỉnh|cap tinh|tinh))?".format(
        g="cơ quan|co quan|đơn vị|don vi|ngành|nganh|cấp|cap|địa phương|dia phuong|tổ chức|to chuc|"
        "đoàn thể|doan the|cá nhân|ca nhan|doanh nghiệp|doanh nghiep|sở, ngành|so, nganh"
    ),
    re.I,
)
_PLURAL = re.compile(
    r"(?P<ubnd>(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+)?các\s+"
    r"(?P<unit>sở|phường|xã|huyện|thị\s+xã|thành\s+phố|ban|phòng|trường|trung\s+tâm|chi\s+cục)"
    r"\s*:\s*",
    re.I,
)
_LEADER_TITLE = re.compile(
    r"(?:(?:Phó\s+)?(?:Giám\s+đốc|Thủ\s+trưởng|Chủ\s+tịch|Trưởng\s+ban|Chánh\s+Văn\s+phòng|"
    r"Chánh\s+Thanh\s+tra|Cục\s+trưởng|Chi\s+cục\s+trưởng|Hiệu\s+trưởng|Tổng\s+Giám\s+đốc|"
    r"Trưởng\s+phòng|Lãnh\s+đạo))\s+(?=\S)",
    re.I,
)
# The authorities that issue directives are never their addressees.
_SUPERIOR = re.compile(
    r"(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+tinh\b|tinh uy\b|thuong truc\b|"
    r"ban thuong vu\b|chinh phu\b|thu tuong\b|quoc hoi\b"
)
# (previous, word) pairs where ``word`` ends a compound inside a unit's name although it
# is a stop word on its own ("phát triển", "xúc tiến", "công trình", "đào tạo").
_NAME_COMPOUNDS = frozenset({
    ("phát", "triển"), ("xúc", "tiến"), ("cải", "tiến"), ("tiên", "tiến"), ("công", "trình"),
    ("đào", "tạo"), ("sáng", "tạo"), ("cải", "tạo"), ("thẩm", "định"), ("kiểm", "định"),
    ("giám", "định"), ("xác", "định"), ("cơ", "quan"), ("tư", "xây"), ("trình", "xây"),
    ("người", "có"), ("ổn", "định"),
})
_PLACE_UNITS = frozenset({"phuong", "xa", "huyen", "thi xa", "thanh pho"})
# "UBND huyện Gia Viễn", "Ủy ban nhân dân xã Tân Lập": one local authority, named by place.
_LOCAL_UBND = re.compile(
    r"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+"
    r"(?P<unit>(?i:huyện|xã|phường|thị\s+xã|thị\s+trấn|thành\s+phố))\s+(?=[^\W_])",
    re.I,
)


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
    # The extractor asks about the same text from several angles; answer each once.
    _lists: dict[tuple[str, int], Mention | None] = field(default_factory=dict, repr=False)

    def canonical(self, written: str, *, bare_field: bool = False) -> str | None:
        """The current directory name for a written name (successors followed), if known."""
        if self.directory is None:
            return None
        resolution = self.directory.resolve(written, bare_field=bare_field)
        return None if resolution is None else resolution.current.name

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
        plural = _PLURAL.match(text, pos)
        if plural is not None:
            listed = self._plural(text, plural)
            if listed is not None:
                return listed
        generic = _GENERIC_GROUP.match(text, pos)
        if generic is not None:
            after = text[generic.end():generic.end() + 20].split()
            nxt = after[0] if after else ""
            # "… liên quan" always closes the group; a bare "các đơn vị" must not run on
            # into a name ("các đơn vị trực thuộc").
            closed = fold(generic.group(0)).endswith(("lien quan", "tinh"))
            if closed or not nxt or not nxt[0].isalpha() or nxt.lower() in _STOP_WORDS or (
                nxt == "và"
            ):
                if fold(generic.group(0)).startswith(("cac so nganh", "cac so, nganh")):
                    return self._directory_match(text, pos) or Mention([], generic.end())
                return Mention([], generic.end())
        found = self._directory_match(text, pos)
        if found is not None:
            return found
        local = self._local(text, pos)
        if local is not None:
            return local
        return self._generic(text, pos)

    def _local(self, text: str, pos: int) -> Mention | None:
        """ "UBND huyện Gia Viễn": the unit word is lower case, the place capitalised."""
        match = _LOCAL_UBND.match(text, pos)
        if match is None:
            return None
        size = 0
        raw = self._tokens(text, match.end(), 4)
        for token in raw:
            word = token.group(0)
            if not (word[0].isupper() or word.isdigit()):
                break
            size += 1
        if size == 0:
            return None
        end = raw[size - 1].end()
        place = " ".join(text[match.end():end].split())
        written = f"UBND {' '.join(match['unit'].lower().split())} {place}"
        name = self.canonical(written)
        if name is not None:
            return Mention([name], end)
        self.unresolved.add(written)
        return Mention([written], end, resolved=False)

    def _tokens(self, text: str, pos: int, limit: int = 16) -> list[re.Match[str]]:
        tokens: list[re.Match[str]] = []
        for match in _TOKEN.finditer(text, pos):
            if len(tokens) >= limit:
                break
            if match.group(0) in _BREAKS:
                break
            tokens.append(match)
        return tokens

    def _directory_match(self, text: str, pos: int) -> Mention | None:
        if self.directory is None:
            return None
        tokens = self._tokens(text, pos, 14)
        if not tokens or tokens[0].start() != pos:
            return None
        first = tokens[0].group(0)
        head_ok = _HEADS.match(fold(first + " " + " ".join(t.group(0) for t in tokens[1:3])))
        if not head_ok and not (first.isupper() and len(first) >= 3):
            return None
        for size in range(len(tokens), 0, -1):
            last = tokens[size - 1].group(0)
            if last in {",", "–", "—", "-"} or last.lower() in {"và", "va", "&"}:
                continue
            written = text[pos:tokens[size - 1].end()]
            name = self.canonical(written)
            if name is None:
                continue
            end = tokens[size - 1].end()
            tail = re.match(r"\s+tỉnh\b", text[end:])
            if tail is not None and not written.lower().endswith("tỉnh"):
                end += tail.end()
            return Mention([name], end)
        return None

    def _generic(self, text: str, pos: int) -> Mention | None:
        lowered = text[pos:pos + 40].lower()
        head = next((h for h in _GROUP_HEADS if lowered.startswith(h + " ")), None)
        group = head is not None
        if head is None:
            head = next(
                (h for h in _GENERIC_HEADS if lowered.startswith(h + " ") or lowered == h), None
            )
        if head is None:
            return None
        tokens = self._tokens(text, pos, 18)
        head_size = len(head.split())
        if len(tokens) <= head_size:
            return None
        following = tokens[head_size].group(0)
        # "Sở Y tế", "phòng LĐTBXH": a one-word head needs a name after it ("Sở kết luận" is
        # not an agency); "Ủy ban nhân dân xã …", "các phòng chuyên môn" do not.
        named = following[0].isupper() or following[0].isdigit()
        if not group and head_size == 1 and not named:
            return None
        if not group and head_size > 1 and not (text[pos].isupper() or named):
            return None
        end_token = head_size - 1
        for index in range(head_size, min(len(tokens), head_size + 14)):
            word = tokens[index].group(0)
            if word == ",":
                # "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch": fields listed inside
                # the name; a comma before another agency or plain words ends it.
                if self._fields_follow(text, tokens, index + 1):
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
            in_name = (previous, word.lower()) in _NAME_COMPOUNDS
            if word.lower() in _STOP_WORDS and not word[0].isupper() and not in_name:
                break
            if word.lower() == "và" and index + 1 < len(tokens):
                nxt = text[tokens[index + 1].start():]
                if self._starts_agency(nxt):
                    break
            end_token = index
        if end_token < head_size and head_size == 1 and not group:
            return None
        end = tokens[end_token].end()
        written = " ".join(text[pos:end].split())
        if _SUPERIOR.match(fold(written)):
            return None
        if written.lower().endswith(" và"):
            written = written[:-3]
        name = self.canonical(written)
        if name is not None:
            return Mention([name], end)
        self.unresolved.add(written)
        return Mention([written[0].upper() + written[1:]], end, resolved=False)

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
                    _LEADER_TITLE.match(text, start) or _HEADS.match(fold(word))
                ):
                    return False
                expect_field = False
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
        lowered = text[:40].lower()
        return any(lowered.startswith(h + " ") for h in (*_GROUP_HEADS, *_GENERIC_HEADS))

    def _plural(self, text: str, match: re.Match[str]) -> Mention | None:
        unit = " ".join(match["unit"].split())
        unit_key = fold(unit)
        names: list[str] = []
        pos = match.end()
        while True:
            item = self._plural_item(text, pos, unit, unit_key, bool(match["ubnd"]))
            if item is None:
                break
            name, pos = item
            names.append(name)
            sep = re.match(r"\s*(?:,|;|\bvà\b)\s*", text[pos:])
            if sep is None:
                break
            ubnd = bool(match["ubnd"])
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
        raw = self._tokens(text, pos, 6)
        tokens = [t for t in raw if t.group(0) not in {",", "–", "—", "-"}][:6]
        if not tokens or tokens[0].start() != pos:
            return None
        if unit_key in _PLACE_UNITS:
            size = 0
            for token in raw[:4]:
                word = token.group(0)
                if not (word[0].isupper() or word.isdigit()):
                    break
                size += 1
            tokens = raw
            if size == 0:
                return None
            end = tokens[size - 1].end()
            place = " ".join(text[pos:end].split())
            written = f"UBND {unit.lower()} {place}"
            return self.canonical(written) or written, end
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
            if size and (word.lower() in _STOP_WORDS or word.lower() == "và"):
                break
            size += 1
        end = tokens[size - 1].end()
        written = f"{prefix} {' '.join(text[pos:end].split())}"
        self.unresolved.add(written)
        return written, end

    def many(self, text: str, pos: int) -> Mention | None:
        """A list of agencies ("Sở A, Sở B và UBND các xã") starting at ``pos``."""
        key = (text, pos)
        if key not in self._lists:
            self._lists[key] = self._many(text, pos)
        return self._lists[key]

    def _many(self, text: str, pos: int) -> Mention | None:
        first = self.one(text, pos)
        if first is None:
            return None
        names = list(first.names)
        end = first.end
        resolved = first.resolved
        while True:
            sep = re.match(r"\s*(?:,|;|\bvà\b|\bcùng\b|\bvới\b)\s*", text[end:])
            if sep is None:
                break
            nxt = self.one(text, end + sep.end())
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


def unique_names(names: Sequence[str]) -> list[str]:
    """Names in order without repeats (compared folded)."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = fold(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out
