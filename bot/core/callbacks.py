"""Signed callback data for inline buttons (Telegram allows at most 64 bytes).

Anyone can craft a callback query with arbitrary data, so every button carries a short
HMAC made with a secret kept in the database. A forged or mangled button is refused
before any handler sees it. The signature proves only that *we* made the button;
handlers still check that the person pressing it may do what it says.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from bot.core.numbers import parse_number

MAX_BYTES = 64
_SEP = ":"
_SIG_SEP = "~"
_SIG_LEN = 8  # base64url characters = 48 bits


class CallbackDataError(ValueError):
    """Callback data would not fit in Telegram's 64 bytes or has a bad shape."""


@dataclass(frozen=True)
class Callback:
    """A decoded button press: an action name and its arguments."""

    action: str
    args: tuple[str, ...]

    def int_arg(self, index: int) -> int | None:
        """Argument ``index`` as an int, or None when missing or not a number."""
        if index >= len(self.args):
            return None
        text = self.args[index]
        if text.startswith("-"):
            value = parse_number(text[1:])
            return None if value is None else -value
        return parse_number(text)


def _sign(secret: bytes, body: str) -> str:
    digest = hmac.new(secret, body.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:_SIG_LEN]


def encode(secret: bytes, action: str, *args: object) -> str:
    """``action:arg1:arg2~signature``; raises CallbackDataError past 64 bytes."""
    parts = [action, *(str(a) for a in args)]
    if any(_SEP in p or _SIG_SEP in p for p in parts) or not action:
        raise CallbackDataError(f"bad callback part in {parts!r}")
    body = _SEP.join(parts)
    data = f"{body}{_SIG_SEP}{_sign(secret, body)}"
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise CallbackDataError(f"callback data too long: {data!r}")
    return data


def decode(secret: bytes, data: str | None) -> Callback | None:
    """The button's action and arguments, or None when the data is forged or malformed."""
    if not data or len(data.encode("utf-8")) > MAX_BYTES or _SIG_SEP not in data:
        return None
    body, _, signature = data.rpartition(_SIG_SEP)
    # Bytes, not str: compare_digest raises TypeError on a non-ASCII str (a crafted
    # "tv:1~ñandú"), which reached the generic error instead of the invalid-button pop-up.
    if not hmac.compare_digest(signature.encode("utf-8"), _sign(secret, body).encode("ascii")):
        return None
    action, *args = body.split(_SEP)
    return Callback(action=action, args=tuple(args))


def action_pattern(*actions: str) -> str:
    """Regex for CallbackQueryHandler matching the given actions."""
    names = "|".join(actions)
    return rf"^(?:{names})(?:{_SEP}[^{_SIG_SEP}]*)?{_SIG_SEP}"
