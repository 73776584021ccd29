"""Chats the bot talks in: who writes from where, groups linked to agencies, /settings.

Linking and unlinking a group re-check here that the person is an admin of the bot (by
Telegram id, whatever their rank in the group).
"""

from __future__ import annotations

from bot.core.access import Access
from bot.core.models import ChatType, NewOutboxMessage, Subscription
from bot.core.payloads import message_payload
from bot.texts import t
from bot.usecases.services import Services


class NotAllowed(Exception):
    """An admin-only change asked by someone who is not an admin (now)."""


async def seen(
    services: Services, user: tuple[int, str, str | None] | None,
    chat: tuple[int, str, str | None] | None,
) -> None:
    """Remember who writes ((id, full name, username)) and where ((id, type, title))."""
    if user is not None:
        await services.user_seen(*user)
    if chat is not None:
        await services.repos.chats.upsert(chat[0], ChatType(chat[1]), chat[2])


async def bot_left(services: Services, chat_id: int, reason: str) -> None:
    """Removed, kicked or blocked: nothing more is sent there (queued messages are dropped)."""
    await services.repos.chats.deactivate(chat_id, reason)


async def bot_added(
    services: Services, chat_id: int, chat_type: str, title: str | None, *, greet: str | None
) -> None:
    """Added to a chat (or unblocked); a group is greeted with how to link it.

    The greeting goes through the outbox (dedupe key ``greet``), which paces each chat, so
    a burst of additions cannot collide with nudges already queued for the group.
    """
    async with services.db.transaction():
        await services.repos.chats.upsert(chat_id, ChatType(chat_type), title)
        if greet is not None:
            await services.repos.outbox.enqueue([NewOutboxMessage(
                greet, chat_id, "group_hello", message_payload(t("group.hello", "vi")))])


async def migrated(services: Services, old: int, new: int) -> None:
    """A group became a supergroup: its links move to the new id."""
    await services.repos.chats.migrate(old, new)


async def link(
    services: Services, access: Access, chat_id: int, chat_type: str, title: str | None,
    agency_id: int,
) -> bool:
    """The group receives the agency's nudges and summaries; False if it already did."""
    if not access.is_admin:
        raise NotAllowed(access.user_id)
    async with services.db.transaction():
        await services.repos.chats.upsert(chat_id, ChatType(chat_type), title)
        return await services.repos.chats.subscribe(chat_id, agency_id, access.user_id)


async def unlink(services: Services, access: Access, chat_id: int,
                 agency_ids: list[int]) -> None:
    """Stop sending these agencies' messages to the group."""
    if not access.is_admin:
        raise NotAllowed(access.user_id)
    async with services.db.transaction():
        for agency_id in agency_ids:
            await services.repos.chats.unsubscribe(chat_id, agency_id)


async def subscriptions(services: Services, chat_id: int) -> dict[int, Subscription]:
    """What a chat receives, per agency."""
    return {s.agency_id: s for s in await services.repos.chats.subscriptions_of_chat(chat_id)}


async def toggle(services: Services, access: Access, agency_id: int, switch: str) -> bool:
    """Flip one of the person's own switches ("n" nudges, "s" summaries, "p" nudges about
    the tasks the agency supports) for an agency they belong to; False when they do not
    belong to it."""
    if agency_id not in access.agency_ids:
        return False
    chats = services.repos.chats
    async with services.db.transaction():
        current = (await subscriptions(services, access.user_id)).get(agency_id)
        if current is None:  # e.g. subscribed before a removal and re-added by hand
            await chats.subscribe(access.user_id, agency_id, access.user_id,
                                  nudges=False, summaries=False)
        nudges = current.nudges if current else False
        summaries = current.summaries if current else False
        supported = current.support_nudges if current else False
        if switch == "n":
            await chats.set_switches(access.user_id, agency_id, nudges=not nudges)
        elif switch == "p":
            await chats.set_switches(access.user_id, agency_id, support_nudges=not supported)
        else:
            await chats.set_switches(access.user_id, agency_id, summaries=not summaries)
    return True


async def set_language(services: Services, user_id: int, code: str) -> Access:
    """The person's language; their fresh access."""
    await services.repos.users.set_language(user_id, code)
    return await services.access(user_id)
