"""Folding for matching, fast enough for a whole book of notices.

:func:`bot.normalize.fold_aligned` folds character by character in Python; here the
same mapping is a translation table filled on first sight of each character, so a
megabyte folds in C at ``str.translate`` speed. Spans found in the folded copy slice
the original text, because every character folds to exactly one character.
"""

from __future__ import annotations

import functools
import re

from bot.core.normalize import fold, fold_aligned, name_key


class _FoldTable(dict[int, str]):
    """code point -> its one-character fold, computed on first use."""

    def __missing__(self, code: int) -> str:
        value = fold_aligned(chr(code))
        self[code] = value
        return value


_TABLE = _FoldTable()


def fold_text(text: str) -> str:
    """Lower-case, diacritic-free copy of ``text`` with one character per character."""
    if len(text) > 2000:
        return text.translate(_TABLE)
    return _fold_short(text)


@functools.lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    # The stages ask about the same task text from several angles; fold it once.
    return text.translate(_TABLE)


CLAUSE_END = tuple(".;:!?…)\"”’")


def ends_clause(text: str) -> bool:
    """Whether the text ends a clause (punctuation, a closing bracket or quote)."""
    return text.rstrip().endswith(CLAUSE_END)


def squeeze(text: str) -> str:
    """Single spaces, no markdown emphasis, no leading dashes."""
    text = " ".join(text.replace("*", "").split())
    return text.strip(" -–")


SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")


@functools.lru_cache(maxsize=8192)
def name_id(name: str) -> str:
    """:func:`bot.normalize.name_key`, remembered: the same names come back on every task."""
    return name_key(name)


@functools.lru_cache(maxsize=8192)
def folded_words(text: str) -> str:
    """:func:`bot.normalize.fold` of short texts (names, heads), remembered."""
    return fold(text)


def balanced(phrase: str) -> str:
    """A phrase cut inside brackets ("hằng tháng (trước ngày 25") closed again, so that
    whatever is written after it ("… (định kỳ)") reads right."""
    depth = 0
    for char in phrase:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
    return phrase + ")" * depth
