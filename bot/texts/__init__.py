"""All user-visible text, one catalogue per language (``vi`` is the reference).

Messages are HTML. Parameters are escaped here, once, so user text such as
"Sở LĐ-TB&XH" can never break a message; pass :class:`Html` for a parameter that is
already safe markup (e.g. a list rendered from other messages).
"""

from __future__ import annotations

import html
import string
from collections.abc import Mapping

from bot.texts import en, vi

LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
CATALOGS: Mapping[str, Mapping[str, str]] = {"vi": vi.TEXTS, "en": en.TEXTS}


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


# Direction embeddings, overrides and isolates: a U+202E in a note or a name would show the
# rest of the line reversed (the author's name included). Vietnamese needs none of them.
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def escape(text: object) -> str:
    """Escape text for Telegram's HTML parse mode (direction controls dropped)."""
    return html.escape(str(text).translate(_DIRECTION_CONTROLS), quote=False)


class _Formatter(string.Formatter):
    """``str.format`` plus one spec for counted nouns, ``{n:# day|# days}``: the singular
    when the value is 1, else the plural, ``#`` standing for the number. English needs it
    ("1 day left"); Vietnamese nouns do not change, so ``vi.py`` writes plain ``{n}``."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            number = str(value)
            return (one if number == "1" else many).replace("#", number)
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def _format(template: str, params: Mapping[str, object]) -> str:
    if "|" in template:  # only then can a template hold a counted noun
        return _FORMATTER.vformat(template, (), params)
    return template.format(**params)


def t(key: str, lang: str | None = None, /, **params: object) -> Html:
    """The message ``key`` in ``lang`` (falling back to Vietnamese), with escaped params."""
    catalog = CATALOGS.get(lang or DEFAULT_LANGUAGE, vi.TEXTS)
    template = catalog.get(key) or vi.TEXTS[key]
    safe = {
        name: value if isinstance(value, Html) else escape(value)
        for name, value in params.items()
    }
    return Html(_format(template, safe))


def plain(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message ``key`` as plain text (for the CLI and button labels): nothing escaped."""
    catalog = CATALOGS.get(lang or DEFAULT_LANGUAGE, vi.TEXTS)
    template = catalog.get(key) or vi.TEXTS[key]
    return _format(template, params)
