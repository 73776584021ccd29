"""Message text rules of the Bot API: HTML entity parsing, trimming and UTF-16 lengths.

Telegram parses ``parse_mode=HTML`` itself and answers with plain text plus a list of
entities whose offsets are counted in UTF-16 code units; limits (4096 for text, 1024
for captions) apply to that plain text.  Reproducing this is what lets tests catch the
bugs that only show up against the real server: a stray ``<`` in user-supplied text, a
message that is short in Python characters but long in UTF-16, a tag cut in half by a
naive truncation.

The parser follows the behaviour of tdlib (the library behind the Bot API server),
including its error messages, with one deliberate difference that the caller controls:
with ``strict_ampersand`` a bare ``&`` that does not start ``&amp;``, ``&lt;``, ``&gt;``,
``&quot;`` or a numeric reference is rejected, although Telegram would keep it as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "TextParseError",
    "parse_html",
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
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


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
            c = data[i]
            if c not in (ord("&"), ord("<")):
                i += 1
                continue
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
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
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
