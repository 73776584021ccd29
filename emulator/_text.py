"""Message text rules of the Bot API: HTML entity parsing, trimming and UTF-16 lengths.

Telegram parses ``parse_mode=HTML`` itself and answers with plain text plus a list of
entities whose offsets are counted in UTF-16 code units; limits (4096 for text, 1024
for captions) apply to that plain text.  Reproducing this is what lets tests catch the
bugs that only show up against the real server: a stray ``<`` in user-supplied text, a
message that is short in Python characters but long in UTF-16, a tag cut in half by a
naive truncation.

The HTML and Markdown parsers follow the behaviour of tdlib (the library behind the Bot API server),
including its error messages, with one deliberate difference that the caller controls:
with ``strict_ampersand`` a bare ``&`` that does not start ``&amp;``, ``&lt;``, ``&gt;``,
``&quot;`` or a numeric reference is rejected, although Telegram would keep it as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "TextParseError",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "trim",
    "utf16_len",
]

_SPACES = frozenset(b" \t\r\n\f\v")
_SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
# tdlib orders entities starting at the same place by length, then by this priority.
_TYPE_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_NAMED_REFERENCES = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}


class TextParseError(ValueError):
    """Raised with the exact text Telegram puts after ``can't parse entities: ``."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of every Bot API offset and limit."""
    if text.isascii():
        return len(text)
    # Encoded in C: a Python loop over every character was most of the emulator's time
    # per message, which the benchmark charges to the bot's handlers.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


_MARKUP = re.compile(rb"[&<]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class _OpenTag:
    name: str
    argument: str
    offset: int  # UTF-16 offset in the output
    output_pos: int  # index into the output character list
    byte_pos: int  # byte offset of "<" in the input, for error messages


class _HtmlParser:
    """Single-pass parser over the UTF-8 bytes, because error offsets are byte offsets."""

    def __init__(self, text: str, strict_ampersand: bool) -> None:
        self.data = text.encode("utf-8")
        self.strict_ampersand = strict_ampersand
        self.out: list[str] = []
        self.utf16 = 0
        self.entities: list[dict[str, Any]] = []
        self.stack: list[_OpenTag] = []

    def at(self, i: int) -> int:
        """Byte at ``i``, or 0 past the end (mirrors a NUL-terminated C string)."""
        return self.data[i] if i < len(self.data) else 0

    def is_space(self, i: int) -> bool:
        """Whitespace or end of input, which tdlib's tag scanner treats alike."""
        return i >= len(self.data) or self.data[i] in _SPACES

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)

    def decode_reference(self, i: int) -> tuple[str, int] | None:
        """Decode a character reference starting at ``&``; ``None`` if it is not one."""
        end = i + 1
        if self.at(end) == ord("#"):
            end += 1
            value = 0
            if self.at(end) == ord("x"):
                end += 1
                while chr(self.at(end)) in "0123456789abcdefABCDEF":
                    value = value * 16 + int(chr(self.at(end)), 16)
                    end += 1
            else:
                while ord("0") <= self.at(end) <= ord("9"):
                    value = value * 10 + self.at(end) - ord("0")
                    end += 1
            if value == 0 or value >= 0x10FFFF or end - i >= 10:
                return None
            char = chr(value)
        else:
            while chr(self.at(end)).isascii() and chr(self.at(end)).isalpha():
                end += 1
            named = _NAMED_REFERENCES.get(self.data[i + 1 : end])
            if named is None:
                return None
            char = named
        if self.at(end) == ord(";"):
            end += 1
        return char, end

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        data = self.data
        i = 0
        text_start = 0
        while i < len(data):
            found = _MARKUP.search(data, i)
            if found is None:
                break
            i = found.start()
            c = data[i]
            if i > text_start:
                self.emit(data[text_start:i].decode("utf-8"))
            if c == ord("&"):
                decoded = self.decode_reference(i)
                if decoded is None:
                    if self.strict_ampersand:
                        raise TextParseError(
                            f'Character "&" must be escaped as "&amp;" at byte offset {i}'
                            " (emulator strict mode: Telegram itself keeps a bare '&' as text)"
                        )
                    self.emit("&")
                    i += 1
                else:
                    self.emit(decoded[0])
                    i = decoded[1]
            elif self.at(i + 1) == ord("/"):
                i = self.end_tag(i)
            else:
                i = self.start_tag(i)
            text_start = i
        if text_start < len(data):
            self.emit(data[text_start:].decode("utf-8"))
        if self.stack:
            raise TextParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        text = "".join(self.out)
        if _SURROGATE.search(text):
            raise TextParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        self.entities.sort(
            key=lambda e: (e["offset"], -e["length"], _TYPE_PRIORITY.get(e["type"], 50))
        )
        return text, self.entities

    def start_tag(self, begin: int) -> int:
        i = begin + 1
        while not self.is_space(i) and self.at(i) != ord(">"):
            i += 1
        if i >= len(self.data):
            raise TextParseError(f"Unclosed start tag at byte offset {begin}")
        name = self.data[begin + 1 : i].decode("utf-8", "replace").lower()
        if name not in _SUPPORTED_TAGS:
            raise TextParseError(f'Unsupported start tag "{name}" at byte offset {begin}')
        attributes: dict[str, str] = {}
        while self.at(i) != ord(">"):
            while i < len(self.data) and self.is_space(i):
                i += 1
            if self.at(i) == ord(">"):
                break
            attr_begin = i
            while not self.is_space(i) and self.at(i) not in (ord("="), ord(">")):
                i += 1
            attr_name = self.data[attr_begin:i].decode("utf-8", "replace").lower()
            if not attr_name:
                raise TextParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset {begin}'
                )
            if name == "blockquote" and attr_name == "expandable" and self.at(i) != ord("="):
                attributes[attr_name] = ""
                continue
            while i < len(self.data) and self.is_space(i):
                i += 1
            if self.at(i) != ord("="):
                raise TextParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{name}" at byte offset {begin}'
                )
            i += 1
            while i < len(self.data) and self.is_space(i):
                i += 1
            if i >= len(self.data):
                raise TextParseError(f'Unclosed start tag "{name}" at byte offset {begin}')
            value, i = self.attribute_value(i)
            if i >= len(self.data):
                raise TextParseError(f"Unclosed start tag at byte offset {begin}")
            attributes[attr_name] = value
        argument = self.tag_argument(name, attributes, begin)
        self.stack.append(_OpenTag(name, argument, self.utf16, len(self.out), begin))
        return i + 1

    def attribute_value(self, i: int) -> tuple[str, int]:
        quote = self.at(i)
        if quote in (ord("'"), ord('"')):
            i += 1
            chunks: list[str] = []
            start = i
            while i < len(self.data) and self.data[i] != quote:
                if self.data[i] == ord("&"):
                    decoded = self.decode_reference(i)
                    if decoded is not None:
                        chunks.append(self.data[start:i].decode("utf-8"))
                        chunks.append(decoded[0])
                        i = start = decoded[1]
                        continue
                i += 1
            chunks.append(self.data[start:i].decode("utf-8"))
            if self.at(i) == quote and i < len(self.data):
                i += 1
            return "".join(chunks), i
        token_begin = i
        while chr(self.at(i)).isascii() and (chr(self.at(i)).isalnum() or self.at(i) in b".-"):
            i += 1
        if not self.is_space(i) and self.at(i) != ord(">"):
            raise TextParseError(f"Unexpected end of name token at byte offset {token_begin}")
        return self.data[token_begin:i].decode("ascii").lower(), i

    @staticmethod
    def tag_argument(name: str, attributes: dict[str, str], begin: int) -> str:
        if name == "a":
            return attributes.get("href", "")
        if name == "code":
            cls = attributes.get("class", "")
            return cls[len("language-") :] if cls.startswith("language-") else ""
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise TextParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        if name == "tg-emoji":
            emoji_id = attributes.get("emoji-id", "")
            if not emoji_id.isdigit():
                raise TextParseError(
                    f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {begin}'
                )
            return emoji_id
        if name == "blockquote" and "expandable" in attributes:
            return "expandable"
        return ""

    def end_tag(self, begin: int) -> int:
        if not self.stack:
            raise TextParseError(f"Unexpected end tag at byte offset {begin}")
        i = begin + 2
        while not self.is_space(i) and self.at(i) != ord(">"):
            i += 1
        end_name = self.data[begin + 2 : i].decode("utf-8", "replace").lower()
        while i < len(self.data) and self.is_space(i):
            i += 1
        if self.at(i) != ord(">"):
            raise TextParseError(f"Unclosed end tag at byte offset {begin}")
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            raise TextParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        length = self.utf16 - tag.offset
        if length > 0:
            self.add_entity(tag, length)
        return i + 1

    def add_entity(self, tag: _OpenTag, length: int) -> None:
        entity: dict[str, Any] = {"offset": tag.offset, "length": length}
        if tag.name in _SIMPLE_TYPES:
            entity["type"] = _SIMPLE_TYPES[tag.name]
        elif tag.name == "a":
            url = tag.argument or "".join(self.out[tag.output_pos :])
            if url.startswith("tg://user?id=") and url[len("tg://user?id=") :].isdigit():
                entity["type"] = "text_mention"
                entity["user"] = {
                    "id": int(url[len("tg://user?id=") :]),
                    "is_bot": False,
                    "first_name": "",
                }
            else:
                checked = _check_url(url)
                if checked is None:
                    return  # Telegram silently drops links it cannot understand
                entity["type"] = "text_link"
                entity["url"] = checked
        elif tag.name == "pre":
            last = self.entities[-1] if self.entities else None
            if (
                last is not None
                and last["type"] == "code"
                and (last["offset"], last["length"]) == (tag.offset, length)
                and last.get("language")
            ):
                last["type"] = "pre"
                return
            entity["type"] = "pre"
        elif tag.name == "code":
            last = self.entities[-1] if self.entities else None
            if (
                last is not None
                and last["type"] == "pre"
                and (last["offset"], last["length"]) == (tag.offset, length)
                and tag.argument
            ):
                last["language"] = tag.argument
                return
            entity["type"] = "code"
            if tag.argument:
                entity["language"] = tag.argument  # dropped below unless a <pre> claims it
        elif tag.name == "blockquote":
            entity["type"] = (
                "expandable_blockquote" if tag.argument == "expandable" else "blockquote"
            )
        else:  # tg-emoji
            entity["type"] = "custom_emoji"
            entity["custom_emoji_id"] = tag.argument
        self.entities.append(entity)

    def finish(self) -> None:
        """Plain ``code`` entities carry no language (only ``pre`` may)."""
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)


def _check_url(url: str) -> str | None:
    """Normalise a link target the way Telegram shows it, or ``None`` if it is unusable."""
    url = url.strip()
    if not url:
        return None
    if "://" not in url and not url.startswith(("tg:", "mailto:")):
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ftp"):
        host = parts.hostname or ""
        if "." not in host:
            return None
        if not parts.path:
            url = f"{parts.scheme}://{parts.netloc}/" + (f"?{parts.query}" if parts.query else "")
            if parts.fragment:
                url += f"#{parts.fragment}"
        return url
    if parts.scheme in ("tg", "mailto", "ton"):
        return url
    return None


def parse_html(text: str, *, strict_ampersand: bool = False) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-flavoured HTML into ``(plain_text, entities)``.

    Raises :class:`TextParseError` with Telegram's wording for malformed markup.
    """
    parser = _HtmlParser(text, strict_ampersand)
    plain, entities = parser.parse()
    parser.finish()
    return plain, entities


def trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace like Telegram does and shift/clip entities to match."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    new_len = utf16_len(stripped)
    result: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, new_len)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


# ---------------------------------------------------------------------------- Markdown

_MD2_RESERVED = frozenset(b"_*[]()~`>#+-=|{}.!")
_MD2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


@dataclass
class _MdOpen:
    type: str
    argument: str
    offset: int
    byte_pos: int
    output_pos: int


class _MarkdownV2Parser:
    """MarkdownV2 as Telegram reads it: every reserved character must be escaped."""

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8")
        self.out: list[str] = []
        self.utf16 = 0
        self.entities: list[dict[str, Any]] = []
        self.stack: list[_MdOpen] = []
        self.quote: tuple[int, bool] | None = None  # (offset, expandable) of an open quote

    def at(self, i: int) -> int:
        return self.data[i] if i < len(self.data) else 0

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)

    def char_at(self, i: int) -> tuple[str, int]:
        """The whole UTF-8 character starting at byte ``i`` and the index after it."""
        lead = self.data[i]
        size = 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        return self.data[i : i + size].decode("utf-8"), i + size

    def in_code(self) -> bool:
        return bool(self.stack) and self.stack[-1].type in ("code", "pre")

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        i = 0
        data = self.data
        while i < len(data):
            c = data[i]
            if i == 0 or data[i - 1] == ord("\n"):
                i = self.line_start(i)
                if i >= len(data):
                    break
                c = data[i]
            if c == ord("\\") and 0 < self.at(i + 1) <= 126:
                self.emit(chr(data[i + 1]))
                i += 2
                continue
            reserved = b"`" if self.in_code() else _MD2_RESERVED
            if c not in reserved:
                char, i = self.char_at(i)
                self.emit(char)
                continue
            i = self.close(i) if self.stack and self.closes(i) else self.open(i)
        if self.quote is not None:
            self.close_quote()
        if self.stack:
            top = self.stack[-1]
            name = _MD2_NAMES[top.type]
            if top.type == "pre" and top.argument:
                name = "PreCode"
            raise TextParseError(f"Can't find end of {name} entity at byte offset {top.byte_pos}")
        self.entities.sort(
            key=lambda e: (e["offset"], -e["length"], _TYPE_PRIORITY.get(e["type"], 50))
        )
        return "".join(self.out), self.entities

    def line_start(self, i: int) -> int:
        """Handle ``>`` / ``**>`` blockquote markers at the start of a line."""
        if self.in_code():
            return i
        expandable = self.data.startswith(b"**>", i)
        if expandable or self.at(i) == ord(">"):
            if self.quote is None:
                self.quote = (self.utf16, expandable)
            return i + (3 if expandable else 1)
        if self.quote is not None:
            self.close_quote()
        return i

    def close_quote(self) -> None:
        assert self.quote is not None
        offset, expandable = self.quote
        text = "".join(self.out)
        end = self.utf16 - (1 if text.endswith("\n") else 0)
        if end > offset:
            kind = "expandable_blockquote" if expandable else "blockquote"
            self.entities.append({"type": kind, "offset": offset, "length": end - offset})
        self.quote = None

    def closes(self, i: int) -> bool:
        c, top = self.data[i], self.stack[-1].type
        if top == "bold":
            return c == ord("*")
        if top == "italic":
            return c == ord("_") and self.at(i + 1) != ord("_")
        if top == "underline":
            return self.data.startswith(b"__", i)
        if top == "strikethrough":
            return c == ord("~")
        if top == "spoiler":
            return self.data.startswith(b"||", i)
        if top == "code":
            return c == ord("`")
        if top == "pre":
            return self.data.startswith(b"```", i)
        return c == ord("]")  # text_link, custom_emoji

    def open(self, i: int) -> int:
        c = self.data[i]
        begin = i
        argument = ""
        if c == ord("_"):
            kind = "underline" if self.at(i + 1) == ord("_") else "italic"
            i += 2 if kind == "underline" else 1
        elif c == ord("*"):
            kind, i = "bold", i + 1
        elif c == ord("~"):
            kind, i = "strikethrough", i + 1
        elif (
            self.data.startswith(b"||", i)
            and self.quote is not None
            and self.quote[1]
            and self.at(i + 2) in (0, ord("\n"))
        ):
            self.close_quote()  # "||" at the end of a line ends an expandable quote
            return i + 2
        elif c == ord("|") and self.at(i + 1) == ord("|"):
            kind, i = "spoiler", i + 2
        elif c == ord("["):
            kind, i = "text_link", i + 1
        elif c == ord("!") and self.at(i + 1) == ord("["):
            kind, i = "custom_emoji", i + 2
        elif c == ord("`") and self.data.startswith(b"```", i):
            kind, i = "pre", i + 3
            end = i
            while end < len(self.data) and self.data[end] not in _SPACES and self.at(end) != 96:
                end += 1
            if end != i and end < len(self.data) and self.data[end] != ord("`"):
                argument = self.data[i:end].decode("utf-8", "replace")
                i = end
            if self.at(i) in (ord("\n"), ord("\r")):
                pair = self.at(i + 1) in (ord("\n"), ord("\r")) and self.at(i + 1) != self.at(i)
                i += 2 if pair else 1
        elif c == ord("`"):
            kind, i = "code", i + 1
        else:
            raise TextParseError(
                f"Character '{chr(c)}' is reserved and must be escaped with the preceding '\\'"
            )
        self.stack.append(_MdOpen(kind, argument, self.utf16, begin, len(self.out)))
        return i

    def close(self, i: int) -> int:
        top = self.stack.pop()
        length = self.utf16 - top.offset
        entity: dict[str, Any] = {"type": top.type, "offset": top.offset, "length": length}
        step = {"underline": 2, "spoiler": 2, "pre": 3}.get(top.type, 1)
        i += step
        if top.type in ("text_link", "custom_emoji"):
            url = "".join(self.out[top.output_pos :])
            if self.at(i) == ord("("):
                i += 1
                url_begin = i
                chars: list[str] = []
                while i < len(self.data) and self.data[i] != ord(")"):
                    if self.data[i] == ord("\\") and 0 < self.at(i + 1) <= 126:
                        chars.append(chr(self.data[i + 1]))
                        i += 2
                        continue
                    char, i = self.char_at(i)
                    chars.append(char)
                if i >= len(self.data):
                    raise TextParseError(f"Can't find end of a URL at byte offset {url_begin}")
                i += 1
                url = "".join(chars)
            if top.type == "custom_emoji":
                prefix = "tg://emoji?id="
                if not (url.startswith(prefix) and url[len(prefix) :].isdigit()):
                    raise TextParseError("Custom emoji entity must contain a tg://emoji URL")
                entity["custom_emoji_id"] = url[len(prefix) :]
            else:
                checked = _check_url(url)
                if checked is None:
                    return i
                entity["url"] = checked
        if top.type == "pre" and top.argument:
            entity["language"] = top.argument
        if length > 0:
            self.entities.append(entity)
        return i


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse ``parse_mode=MarkdownV2`` text into ``(plain_text, entities)``.

    Raises :class:`TextParseError` with Telegram's wording, e.g. for an unescaped ``.``.
    """
    return _MarkdownV2Parser(text).parse()


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse legacy ``parse_mode=Markdown``: no nesting, only ``_ * ` [`` are special."""
    data = text.encode("utf-8")
    out: list[str] = []
    utf16 = 0
    entities: list[dict[str, Any]] = []
    ends = {ord("_"): b"_", ord("*"): b"*", ord("`"): b"`", ord("["): b"]"}
    i = 0
    while i < len(data):
        c = data[i]
        if c == ord("\\") and i + 1 < len(data) and data[i + 1] in b"_*`[":
            out.append(chr(data[i + 1]))
            utf16 += 1
            i += 2
            continue
        if c not in ends:
            start = i
            while i < len(data) and data[i] not in ends and data[i] != ord("\\"):
                i += 1
            if i == start:
                i += 1
            chunk = data[start:i].decode("utf-8")
            out.append(chunk)
            utf16 += utf16_len(chunk)
            continue
        begin = i
        kind = {ord("_"): "italic", ord("*"): "bold", ord("`"): "code", ord("["): "text_link"}[c]
        end_mark = ends[c]
        language = ""
        i += 1
        if data.startswith(b"```", begin):
            kind, end_mark, i = "pre", b"```", begin + 3
            newline = data.find(b"\n", i)
            first_line = data[i:newline] if newline >= 0 else b""
            if newline >= 0 and first_line and b" " not in first_line and b"`" not in first_line:
                language, i = first_line.decode("utf-8", "replace"), newline + 1
        end = data.find(end_mark, i)
        if end < 0:
            raise TextParseError(f"Can't find end of the entity starting at byte offset {begin}")
        inner = data[i:end].decode("utf-8")
        i = end + len(end_mark)
        entity: dict[str, Any] = {"type": kind, "offset": utf16, "length": utf16_len(inner)}
        if kind == "text_link":
            if i < len(data) and data[i] == ord("("):
                close = data.find(b")", i)
                if close < 0:
                    raise TextParseError(
                        f"Can't find end of the entity starting at byte offset {begin}"
                    )
                url = data[i + 1 : close].decode("utf-8")
                i = close + 1
            else:
                url = inner
            checked = _check_url(url)
            if checked is None:
                entity = {}
            else:
                entity["url"] = checked
        if language:
            entity["language"] = language
        out.append(inner)
        utf16 += utf16_len(inner)
        if entity and entity["length"] > 0:
            entities.append(entity)
    return "".join(out), entities
