"""The bot's HTTP client for the Bot API: timeouts chosen for this bot, and a guard that
notices a rejected token on any request.

A 401 while running (the token revoked in @BotFather) ended PTB's polling loop for good
while the process went on: deaf, and writing tens of thousands of log lines. Every
request passes through :meth:`GuardedRequest.do_request`, so whichever call meets the 401
first (a poll, a send) tells the runner, which stops the bot with one line.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from telegram.request import HTTPXRequest

# How long a call may take. A send that Telegram processed but answered after the read
# timeout is retried by the outbox sender and arrives twice, so the read timeout is long
# enough to wait for a slow but alive server (PTB's default of 5 s duplicated every send
# answered in 6 s). The price: a request to a server that never answers holds its slot
# for READ_TIMEOUT before it is retried. README ("Delivery") states the trade-off.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
WRITE_TIMEOUT = 30.0
MEDIA_WRITE_TIMEOUT = 60.0
POOL_TIMEOUT = 5.0


class GuardedRequest(HTTPXRequest):
    """HTTPXRequest that calls ``on_unauthorized`` when Telegram answers 401."""

    def __init__(self, *, on_unauthorized: Callable[[], None] | None = None,
                 connection_pool_size: int = 256, read_timeout: float = READ_TIMEOUT) -> None:
        super().__init__(
            connection_pool_size=connection_pool_size,
            connect_timeout=CONNECT_TIMEOUT,
            read_timeout=read_timeout,
            write_timeout=WRITE_TIMEOUT,
            pool_timeout=POOL_TIMEOUT,
            media_write_timeout=MEDIA_WRITE_TIMEOUT,
        )
        self.on_unauthorized = on_unauthorized

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        """The request as PTB makes it; a 401 is also reported to the runner."""
        status, payload = await super().do_request(url, method, *args, **kwargs)
        if status == HTTPStatus.UNAUTHORIZED and self.on_unauthorized is not None:
            self.on_unauthorized()
        return status, payload
