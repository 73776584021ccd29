"""Logging of the running bot: no secret reaches a log line or the terminal.

PTB's InvalidToken says "The token `123456:abc…` was rejected by the server", and httpx
logs request URLs, which carry the token: every formatted line (message, arguments,
traceback) has the token replaced before it is written.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from urllib.parse import quote

from telegram.error import InvalidToken

MASK = "<TOKEN>"


class RedactingFormatter(logging.Formatter):
    """A Formatter that masks the given secrets wherever they appear in a record."""

    def __init__(self, fmt: str, *, secrets: Sequence[str]) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    @staticmethod
    def redact(text: str, secrets: Sequence[str]) -> str:
        """``text`` with each secret (and its URL-quoted form) masked."""
        for secret in secrets:
            if secret:
                text = text.replace(secret, MASK).replace(quote(secret, safe=""), MASK)
        return text

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record), self.secrets)


def drop_rejected_token(record: logging.LogRecord) -> bool:
    """Drop PTB's tracebacks about a rejected token: the runner reports it in one line."""
    error = record.exc_info[1] if record.exc_info else None
    return not isinstance(error, InvalidToken)
