"""Text folding for matching Vietnamese names and search words.

Officials type without diacritics, mix en dashes and hyphens, write "&" for "và" and
use abbreviations; matching must see through all of that. Everything here is pure.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Abbreviations that mean exactly the same words wherever they occur in agency names.
_EXPANSIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "vp": "van phong",
    "vpubnd": "van phong uy ban nhan dan",
    "vpub": "van phong uy ban nhan dan",
    "bql": "ban quan ly",
    "kkt": "khu kinh te",
    "tp": "thanh pho",
    "ubmttq": "uy ban mat tran to quoc",
}
_STOP_WORDS = frozenset({"va"})


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; "đ" becomes "d"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case, diacritic-free, punctuation-free words separated by single spaces.

    "Sở LĐ-TB&XH" -> "so ld tb va xh"; "Sở Lao động – Thương binh và Xã hội" ->
    "so lao dong thuong binh va xa hoi".
    """
    text = unicodedata.normalize("NFC", text).translate(_DASHES).replace("&", " và ")
    text = strip_diacritics(text).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def expand(folded: str) -> str:
    """Replace whole-word abbreviations by their words ("ubnd" -> "uy ban nhan dan")."""
    return " ".join(_EXPANSIONS.get(word, word) for word in folded.split())


def name_key(text: str) -> str:
    """Key under which two spellings of one agency name compare equal.

    Folded, abbreviations expanded, "và" dropped and spaces removed, so that
    "Sở LĐ-TB&XH" and "Sở LĐTBXH" share the key "soldtbxh".
    """
    words = expand(fold(text)).split()
    return "".join(word for word in words if word not in _STOP_WORDS)


# The Vietnamese alphabet (with the Latin letters it borrows in names) in dictionary order:
# "ă" and "â" follow "a", "đ" follows "d", "ơ" follows "ô"…; tones only break ties.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: 100 + index for index, letter in enumerate(_ALPHABET)}
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn: part of the letter
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# (huyền, hỏi, ngã, sắc, nặng after the level tone, as dictionaries order them)
_SORT_WORD = re.compile(r"\d+|[^\W\d_]+")

SortKey = tuple[tuple[tuple[tuple[int, ...], int], ...], str]


def vi_sort_key(text: str) -> SortKey:
    """Key putting names in Vietnamese alphabetical order: the one order of every list of
    agencies (units, /stats, the weekly tables, /chuabaocao, invitations, the export).

    Syllable by syllable, as dictionaries do ("Hà An" before "Hà Lầm" before "Hạ Long"
    before "Hiệp Hòa"): letters in the Vietnamese alphabet first ("Cao Xanh" before "Cẩm
    Phả", "Dương" before "Đông"), then the tone; numbers by value ("Móng Cái 2" before
    "Móng Cái 10"); then the text as written.
    """
    words: list[tuple[tuple[int, ...], int]] = []
    for word in _SORT_WORD.findall(unicodedata.normalize("NFC", text).lower()):
        if word.isdigit():
            digits = word.lstrip("0") or "0"
            words.append(((min(len(digits), 99), *(int(d) for d in digits)), 0))
            continue
        ranks: list[int] = []
        tone = 0
        for ch in word:
            decomposed = unicodedata.normalize("NFD", ch)
            letter = unicodedata.normalize("NFC", "".join(
                c for c in decomposed if not unicodedata.combining(c) or c in _LETTER_MARKS))
            ranks.append(_LETTER_RANK.get(letter, 1000 + ord(letter[0])))
            tone = max(tone, *(_TONE_RANK.get(c, 0) for c in decomposed))
        words.append((tuple(ranks), tone))
    return tuple(words), text


def initials(text: str) -> str:
    """Initials of each syllable except "và": "Kế hoạch và Đầu tư" -> "khdt"."""
    return "".join(word[0] for word in fold(text).split() if word not in _STOP_WORDS)


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list, for vocabularies written as one string."""
    return frozenset(text.split())


def search_words(text: str) -> list[str]:
    """Words for diacritic-insensitive search ("so hoa" finds "số hóa")."""
    return fold(text).split()


_WHITESPACE = frozenset(
    " \t\n\r\f\v\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
)


def fold_aligned(text: str) -> str:
    """Lower-case, diacritic-free copy with exactly one character per input character.

    Patterns run on the copy while their spans slice the original, so a phrase found
    in "Trước ngày 30/9" can be quoted as written. Dashes become "-", every kind of
    space becomes " ", and a character that would not fold to one character is kept
    lower-cased (or replaced by a space when even that changes its length).
    """
    out: list[str] = []
    for ch in text:
        if ch in _WHITESPACE:
            out.append(" ")
            continue
        folded = strip_diacritics(ch.translate(_DASHES)).lower()
        if len(folded) != 1:
            lowered = ch.lower()
            folded = lowered if len(lowered) == 1 else " "
        out.append(folded)
    return "".join(out)
