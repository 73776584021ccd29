"""What an outbox row holds: the payload of a message or a photo, as plain JSON.

The use cases compose payloads in the transaction of the change that causes them; the
sender (``bot.adapters.delivery``) turns them into Telegram calls. Keeping the shape here,
in the core, lets the use cases and the command line run without importing Telegram.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def message_payload(
    text: str, buttons: Sequence[Sequence[tuple[str, str]]] = ()
) -> dict[str, Any]:
    """Outbox payload of an HTML text message with optional (label, callback data) buttons."""
    payload: dict[str, Any] = {"text": text}
    if buttons:
        payload["buttons"] = [[list(button) for button in row] for row in buttons]
    return payload


def photo_payload(
    file_ref: str, caption: str, buttons: Sequence[Sequence[tuple[str, str]]] = ()
) -> dict[str, Any]:
    """Outbox payload of a photo stored with ``OutboxRepo.put_file`` and an HTML caption.

    The bytes live in ``outbox_files`` (not in the payload) so that one chart sent to
    every admin is stored once; see migration 0006 for why it is stored at all.
    """
    payload: dict[str, Any] = {"photo": file_ref, "caption": caption}
    if buttons:
        payload["buttons"] = [[list(button) for button in row] for row in buttons]
    return payload
