"""Joining an agency: invitation links, /start with a token, join requests, /members.

Every command and every button re-checks on the server who is acting and what state
the target is in: buttons can be forwarded, replayed after a decision or crafted.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.core.access import Access
from bot.core.agencies import Agency
from bot.core.callbacks import Callback
from bot.core.dates import fmt_datetime
from bot.core.joining import (
    MAX_DAYS,
    MAX_USES,
    PAGE_SIZE,
    InviteArgsError,
    JoinRequest,
    RequestState,
    invite_link,
    page_of,
    parse_invite_args,
)
from bot.core.waiting import Waiting
from bot.texts import Html, plain, t
from bot.usecases import joining
from bot.usecases.joining import RequestRefusal
from bot.usecases.services import Services
from bot.views.render import echo, summary_when
from handlers.common import (
    Rows,
    command_access,
    is_private,
    pressed_button,
    render_help,
    reply,
)
from handlers.context import BotContext
from handlers.menu import publish_user_menu
from handlers.waiting import Ending, FlowHandlers

log = logging.getLogger(__name__)

# Callback actions (short: callback data is at most 64 bytes).
INVITE_PICK = "ivs"  # ivs:<agency>:<uses>:<days>
INVITE_REVOKE = "ivr"  # ivr:<invite>:<l|c>  (l = from the /invites list, c = from the link message)
JOIN_PAGE = "jpg"  # jpg:<page>
JOIN_PICK = "jpk"  # jpk:<agency>
REQUEST_APPROVE = "jra"  # jra:<request>
REQUEST_REJECT = "jrr"  # jrr:<request>
MEMBERS_PICK = "mbs"  # mbs:<agency>
MEMBERS_PAGE = "mbp"  # mbp:<agency>:<page>
MEMBER_REMOVE = "mbr"  # mbr:<agency>:<user>  (asks to confirm)
MEMBER_CONFIRM = "mbx"  # mbx:<agency>:<user>

_NOT_JOINABLE = frozenset({"group"})  # "UBND các xã, phường": addressees, not workplaces


# ------------------------------------------------------------------ shared helpers


async def edit(update: Update, text: Html, rows: Rows | None = None) -> None:
    """Replace the message whose button was pressed (ignoring "not modified")."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.edit_message_text(
            text, reply_markup=InlineKeyboardMarkup(rows) if rows else None
        )
    except TelegramError as exc:
        if "not modified" not in str(exc):
            log.warning("could not edit message: %s", exc)


def agency_name(services: Services, agency_id: int) -> str:
    """Full name of an agency id ("#id" if it vanished from the directory)."""
    agency = services.directory.by_id(agency_id)
    return agency.name if agency is not None else f"#{agency_id}"


def active_agency(services: Services, agency_id: int | None) -> Agency | None:
    """An agency by id, only if it still exists and is active."""
    agency = services.directory.by_id(agency_id) if agency_id is not None else None
    return agency if agency is not None and agency.active else None


def joinable(agency: Agency) -> bool:
    """Whether people can belong to it: collective addressees are nobody's workplace."""
    return agency.kind not in _NOT_JOINABLE


async def find_agency(
    services: Services, written: str, lang: str, *, members_only: bool = False,
    renamed_key: str = "agency.renamed",
) -> tuple[Agency | None, list[Agency], Html]:
    """Resolve a typed agency name: (the agency, or the candidates to choose from, a note).

    Former names lead to the successor, with a note saying so; a vague name gives a few
    candidates instead of a guess. ``members_only`` leaves out collective addressees
    ("UBND các xã, phường"), which nobody can be a member of: the caller refuses an exact
    match with :func:`joinable`.
    """
    resolution = services.directory.resolve(written)
    if resolution is not None and resolution.current.active:
        note = Html("")
        if resolution.renamed:
            note = t(
                renamed_key, lang, written=written, named=resolution.named.name,
                current=resolution.current.name,
            )
        return resolution.current, [], note
    if members_only:
        candidates = [a for a in services.directory.search(written, limit=10_000)
                      if joinable(a)][:PAGE_SIZE + 1]
    else:
        candidates = services.directory.search(written, limit=PAGE_SIZE + 1)
    if len(candidates) == 1:
        return candidates[0], [], Html("")
    return None, candidates, Html("")


def choice_rows(services: Services, agencies: list[Agency], action: str, *extra: object) -> Rows:
    """One button per candidate agency (at most a page)."""
    return [
        [InlineKeyboardButton(a.name, callback_data=services.button(action, a.id, *extra))]
        for a in agencies[:PAGE_SIZE]
    ]


async def ask_to_choose(
    update: Update, services: Services, lang: str, written: str, candidates: list[Agency],
    action: str, *extra: object,
) -> None:
    """No single agency matched: say so, or offer the candidates as buttons."""
    if not candidates:
        await reply(update, t("agency.not_found", lang, written=echo(written)))
        return
    key = "agency.choose_more" if len(candidates) > PAGE_SIZE else "agency.choose"
    await reply(
        update, t(key, lang, written=echo(written)),
        choice_rows(services, candidates, action, *extra)
    )


async def send_quietly(
    context: BotContext, chat_id: int, text: Html, rows: Rows | None = None
) -> int:
    """Send to someone who may never have opened the bot; the message id, or 0 on failure."""
    try:
        sent = await context.bot.send_message(
            chat_id, text, reply_markup=InlineKeyboardMarkup(rows) if rows else None
        )
    except TelegramError as exc:
        log.info("could not reach %s: %s", chat_id, exc)
        return 0
    return sent.message_id


async def refresh_menu(context: BotContext, user_id: int) -> Access:
    """After a membership change: the person's fresh access, with their menu updated."""
    context.forget_access()
    access = await context.services.access(user_id)
    await publish_user_menu(context.bot, user_id, access.audience, access.language)
    return access


def welcome(services: Services, access: Access, name: str, agency_id: int) -> Html:
    """Greeting after joining: which agency, what happens next, the commands."""
    others = sorted(access.agency_ids - {agency_id})
    names = ", ".join(agency_name(services, a) for a in others)
    also = t("join.also", access.language, agencies=names) if others else Html("")
    return t(
        "join.welcome", access.language, name=name, agency=agency_name(services, agency_id),
        also=also, commands=render_help(access),
        when=summary_when(services.settings.summary_weekday, services.settings.summary_hour,
                          access.language),
    )


def _local(services: Services, moment: Any) -> str:
    return fmt_datetime(moment, services.settings.tz)


# ------------------------------------------------------------------ invitations


async def invite_command(update: Update, context: BotContext) -> None:
    """/invite <agency> [uses] [days]: a one-agency link for officials to open."""
    services = context.services
    access = await command_access(update, context, private=True, admin=True)
    if access is None:
        return
    lang = access.language
    try:
        args = parse_invite_args(context.args or [])
    except InviteArgsError as exc:
        await reply(update, t(f"invite.{exc.code}", lang, max_uses=MAX_USES, max_days=MAX_DAYS))
        return
    agency, candidates, note = await find_agency(
        services, args.agency, lang, members_only=True, renamed_key="invite.renamed"
    )
    if agency is None:
        await ask_to_choose(
            update, services, lang, args.agency, candidates, INVITE_PICK, args.uses, args.days
        )
        return
    if not joinable(agency):
        await reply(update, t("invite.collective", lang, agency=agency.name))
        return
    await _issue_invite(update, context, access, agency, args.uses, args.days, note)


async def invite_pick(update: Update, context: BotContext) -> None:
    """An agency chosen from the /invite candidates."""
    services = context.services
    button = await pressed_button(update, context, admin=True)
    if button is None:
        return
    query, pressed, access = button
    agency = active_agency(services, pressed.int_arg(0))
    uses, days = pressed.int_arg(1), pressed.int_arg(2)
    if agency is None or not joinable(agency) or uses is None or days is None:
        await query.answer(t("error.bad_button", access.language), show_alert=True)
        return
    await query.answer()
    await edit(update, t("agency.chosen", access.language, agency=agency.name))
    await _issue_invite(update, context, access, agency, uses, days, Html(""))


async def _issue_invite(
    update: Update, context: BotContext, access: Access, agency: Agency, uses: int, days: int,
    note: Html,
) -> None:
    services = context.services
    assert agency.id is not None
    invite, token = await joining.issue_invite(services, access, agency, uses, days)
    log.info("invite %s for agency %s created by %s", invite.id, agency.code, access.user_id)
    text = t(
        "invite.created", access.language, note=note, agency=agency.name,
        link=invite_link(context.bot.username, token), uses=uses,
        expires=_local(services, invite.expires_at), id=invite.id,
    )
    button = InlineKeyboardButton(
        plain("invite.revoke_button", access.language, id=invite.id),
        callback_data=services.button(INVITE_REVOKE, invite.id, "c"),
    )
    await reply(update, text, [[button]])


async def render_invites(services: Services, lang: str) -> tuple[Html, Rows]:
    """The active invitations, one Revoke button each."""
    invites, names = await joining.active_invites(services)
    if not invites:
        return t("invites.none", lang), []
    lines = [t("invites.title", lang, count=len(invites))]
    rows: Rows = []
    for invite in invites:
        lines.append(t(
            "invites.line", lang, id=invite.id, agency=agency_name(services, invite.agency_id),
            uses=invite.uses, max_uses=invite.max_uses,
            expires=_local(services, invite.expires_at), by=names[invite.created_by],
        ))
        rows.append([InlineKeyboardButton(
            plain("invite.revoke_button", lang, id=invite.id),
            callback_data=services.button(INVITE_REVOKE, invite.id, "l"),
        )])
    lines.append(t("invites.footer", lang))
    return Html("\n".join(lines)), rows[:100]


async def invites_command(update: Update, context: BotContext) -> None:
    """/invites: the links that still work, to revoke one that leaked."""
    services = context.services
    access = await command_access(update, context, private=True, admin=True)
    if access is None:
        return
    text, rows = await render_invites(services, access.language)
    await reply(update, text, rows)


async def invite_revoke(update: Update, context: BotContext) -> None:
    """The Revoke button (on the link message or in /invites)."""
    services = context.services
    button = await pressed_button(update, context, admin=True)
    if button is None:
        return
    query, pressed, access = button
    lang = access.language
    invite, revoked = await joining.revoke_invite(services, access, pressed.int_arg(0))
    if invite is None:
        await query.answer(t("error.bad_button", lang), show_alert=True)
        return
    if not revoked:
        await query.answer(plain("invite.already_revoked", lang, id=invite.id), show_alert=True)
    else:
        log.info("invite %s revoked by %s", invite.id, access.user_id)
        await query.answer(plain("invite.revoked", lang, id=invite.id))
    if pressed.args[1:2] == ("l",):
        text, rows = await render_invites(services, lang)
        await edit(update, text, rows)
    else:
        await edit(update, t("invite.revoked_note", lang, id=invite.id,
                             agency=agency_name(services, invite.agency_id)))


async def start_with_token(update: Update, context: BotContext) -> None:
    """/start <token>: the invitation link was opened."""
    services = context.services
    user = update.effective_user
    access = await context.access()
    lang = access.language
    if user is None:
        return
    if not is_private(update):
        await reply(update, t("error.private_only", lang))
        return
    redeemed = await joining.redeem(services, user.id, (context.args or [""])[0])
    invite, problem, joined = redeemed.invite, redeemed.problem, redeemed.joined
    if problem is not None or invite is None:
        log.warning("user %s opened an unusable invite (%s)", user.id, problem)
        await reply(update, t(f"invite.problem.{problem or 'unknown'}", lang, user_id=user.id))
        return
    if not joined:
        await reply(update, t(
            "invite.already_member", lang, agency=agency_name(services, invite.agency_id),
            commands=render_help(access),
        ))
        return
    log.info("user %s joined agency %s with invite %s", user.id, invite.agency_id, invite.id)
    fresh = await refresh_menu(context, user.id)
    await reply(update, welcome(services, fresh, user.first_name, invite.agency_id))
    creator_lang = (await services.access(invite.created_by)).language
    await send_quietly(context, invite.created_by, t(
        "invite.used", creator_lang, who=user.full_name, user_id=user.id,
        agency=agency_name(services, invite.agency_id), id=invite.id, uses=invite.uses,
        max_uses=invite.max_uses,
    ))


# ------------------------------------------------------------------ join requests


def picker(services: Services, lang: str, page: int) -> tuple[Html, Rows]:
    """A page of the active agencies, with previous/next buttons."""
    agencies = sorted(
        (a for a in services.directory.search("", limit=10_000) if a.kind not in _NOT_JOINABLE),
        key=lambda a: a.kind != "department",
    )
    shown, page, pages = page_of(agencies, page)
    rows = choice_rows(services, shown, JOIN_PICK)
    nav: list[InlineKeyboardButton] = []
    if page > 0:
        nav.append(InlineKeyboardButton(
            plain("join.prev", lang), callback_data=services.button(JOIN_PAGE, page - 1)))
    if page < pages - 1:
        nav.append(InlineKeyboardButton(
            plain("join.next", lang), callback_data=services.button(JOIN_PAGE, page + 1)))
    if nav:
        rows.append(nav)
    return t("join.pick", lang, page=page + 1, pages=pages), rows


async def join_command(update: Update, context: BotContext) -> None:
    """/join [agency]: ask an admin to be let into an agency (no invitation needed)."""
    services = context.services
    access = await command_access(update, context, private=True)
    if access is None:
        return
    lang = access.language
    written = " ".join(context.args or []).strip()
    if written:
        await _search(update, context, written)
        return
    text, rows = picker(services, lang, 0)
    await joining.start_search(services, access.user_id)
    await reply(update, text, rows)


async def _search(update: Update, context: BotContext, written: str) -> None:
    services = context.services
    access = await context.access()
    lang = access.language
    resolution = services.directory.resolve(written)
    found = [a for a in services.directory.search(written, limit=PAGE_SIZE + 1)
             if a.kind not in _NOT_JOINABLE]
    if resolution is not None and resolution.current.active and joinable(resolution.current):
        found = [resolution.current, *[a for a in found if a.code != resolution.current.code]]
    await joining.start_search(services, access.user_id)
    if not found:
        await reply(update, t("join.none_found", lang, written=echo(written)))
        return
    note = Html("")
    if resolution is not None and resolution.renamed and joinable(resolution.current):
        note = t("agency.renamed", lang, written=written, named=resolution.named.name,
                 current=resolution.current.name)
    key = "join.results_more" if len(found) > PAGE_SIZE else "join.results"
    await reply(update, t(key, lang, written=echo(written), note=note),
                choice_rows(services, found, JOIN_PICK))


async def typed_agency(update: Update, context: BotContext, waiting: Waiting) -> None:
    """Text right after /join is the agency's name."""
    message = update.effective_message
    if message is None or not message.text:
        lang = (await context.access()).language
        if message is not None:
            await message.reply_text(t("join.need_name", lang))
        return
    await _search(update, context, message.text.strip()[:100])


async def search_ended(context: BotContext, waiting: Waiting, why: Ending) -> Html | None:
    """/cancel says the search stopped; a command or another button ends it quietly."""
    if why is Ending.CANCEL:
        return t("cancel.join", (await context.access()).language)
    return None


def owns_button(pressed: Callback) -> bool:
    """Turning the picker's pages keeps the search open."""
    return pressed.action == JOIN_PAGE


FLOW = FlowHandlers(answer=typed_agency, ended=search_ended, owns=owns_button,
                    ends_on_other_button=True)


async def join_page(update: Update, context: BotContext) -> None:
    """Previous/next page of the agency picker."""
    services = context.services
    button = await pressed_button(update, context)
    if button is None:
        return
    query, pressed, access = button
    lang = access.language
    await query.answer()
    text, rows = picker(services, lang, pressed.int_arg(0) or 0)
    await edit(update, text, rows)


def render_request(services: Services, request: JoinRequest, lang: str, who: str,
                   username: str | None) -> Html:
    """The admins' view of a request."""
    handle = f" (@{username})" if username else ""
    return t(
        "request.admin", lang, id=request.id, who=who, handle=handle, user_id=request.user_id,
        agency=agency_name(services, request.agency_id),
        at=_local(services, request.created_at),
    )


async def join_pick(update: Update, context: BotContext) -> None:
    """An agency chosen in the picker: file the request and tell every admin."""
    query = update.callback_query
    services = context.services
    pressed = services.parse_button(query.data if query else None)
    user = update.effective_user
    if query is None or pressed is None or user is None:
        return
    access = await context.access()
    lang = access.language
    agency = active_agency(services, pressed.int_arg(0))
    if agency is None or not joinable(agency) or not is_private(update):
        await query.answer(t("error.bad_button", lang), show_alert=True)
        return
    assert agency.id is not None
    if agency.id in access.agency_ids:
        await query.answer(plain("join.already_member", lang, agency=agency.name), show_alert=True)
        return
    request = await joining.request_to_join(services, user.id, agency.id)
    if isinstance(request, RequestRefusal):
        await query.answer(plain(f"join.{request.value}", lang, agency=agency.name),
                           show_alert=True)
        return
    await query.answer()
    await edit(update, t("join.sent", lang, agency=agency.name))
    log.info("user %s asks to join agency %s (request %s)", user.id, agency.code, request.id)
    reached = 0
    for admin_id in await services.admin_ids():
        admin_lang = (await services.access(admin_id)).language
        rows = [[
            InlineKeyboardButton(plain("request.approve", admin_lang),
                                 callback_data=services.button(REQUEST_APPROVE, request.id)),
            InlineKeyboardButton(plain("request.reject", admin_lang),
                                 callback_data=services.button(REQUEST_REJECT, request.id)),
        ]]
        text = render_request(services, request, admin_lang, user.full_name, user.username)
        message_id = await send_quietly(context, admin_id, text, rows)
        if message_id:
            reached += 1
            await joining.request_sent(services, request.id, admin_id, message_id)
    if not reached:
        log.warning("join request %s reached no admin", request.id)


async def decide_request(update: Update, context: BotContext) -> None:
    """Approve / Reject: only admins, only once; every admin's copy shows the outcome."""
    services = context.services
    button = await pressed_button(update, context)
    if button is None:
        return
    query, pressed, access = button
    lang = access.language
    if not access.is_admin:
        log.warning("non-admin %s pressed a join decision button", access.user_id)
        await query.answer(t("error.admin_only", lang), show_alert=True)
        return
    request = await joining.join_request(services, pressed.int_arg(0))
    if request is None:
        await query.answer(t("error.bad_button", lang), show_alert=True)
        return
    approve = pressed.action == REQUEST_APPROVE
    decided, changed = await joining.decide_request(services, access, request.id, approve)
    if not changed:
        await query.answer(await _outcome(services, decided, lang, plain_text=True),
                           show_alert=True)
        await _update_admin_messages(context, decided)
        return
    log.info("join request %s %s by %s", request.id, decided.state, access.user_id)
    await query.answer(await _outcome(services, decided, lang, plain_text=True))
    await _update_admin_messages(context, decided)
    target = await services.access(request.user_id)
    user = await joining.user(services, request.user_id)
    full_name = user.full_name if user is not None else ""
    if approve:
        target = await refresh_menu(context, request.user_id)
        await send_quietly(context, request.user_id,
                           welcome(services, target, full_name, request.agency_id))
    else:
        await send_quietly(context, request.user_id, t(
            "request.rejected_user", target.language,
            agency=agency_name(services, request.agency_id),
        ))


async def _outcome(services: Services, request: JoinRequest, lang: str,
                   plain_text: bool = False) -> Html:
    names = await joining.names(services, [request.decided_by or 0])
    key = ("request.approved" if request.state is RequestState.APPROVED
           else "request.rejected")
    params = dict(by=names.get(request.decided_by or 0, ""),
                  at=_local(services, request.decided_at) if request.decided_at else "")
    if plain_text:
        return Html(plain(key, lang, **params))
    return t(key, lang, **params)


async def _update_admin_messages(context: BotContext, request: JoinRequest) -> None:
    services = context.services
    user = await joining.user(services, request.user_id)
    who = user.full_name if user and user.full_name else str(request.user_id)
    for chat_id, message_id in await joining.request_copies(services, request.id):
        lang = (await services.access(chat_id)).language
        text = Html(
            render_request(services, request, lang, who, user.username if user else None)
            + "\n\n" + await _outcome(services, request, lang)
        )
        try:
            await context.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=None
            )
        except TelegramError as exc:
            log.info("could not update request message in %s: %s", chat_id, exc)


# ------------------------------------------------------------------ members


async def render_members(
    services: Services, lang: str, agency: Agency, page: int, header: str = ""
) -> tuple[Html, Rows]:
    """A page of an agency's members, one Remove button each."""
    assert agency.id is not None
    members = await joining.members(services, agency.id)
    if not members:
        return Html(header + t("members.none", lang, agency=agency.name)), []
    shown, page, pages = page_of(members, page, size=10)
    lines = [t("members.title", lang, agency=agency.name, count=len(members))]
    rows: Rows = []
    for index, member in enumerate(shown, start=page * 10 + 1):
        name = member.full_name or str(member.telegram_id)
        handle = f" @{member.username}" if member.username else ""
        lines.append(t("members.line", lang, n=index, name=name, handle=handle,
                       user_id=member.telegram_id))
        rows.append([InlineKeyboardButton(
            plain("members.remove_button", lang, name=name),
            callback_data=services.button(MEMBER_REMOVE, agency.id, member.telegram_id),
        )])
    nav: list[InlineKeyboardButton] = []
    if page > 0:
        nav.append(InlineKeyboardButton(
            plain("join.prev", lang), callback_data=services.button(MEMBERS_PAGE, agency.id,
                                                                    page - 1)))
    if page < pages - 1:
        nav.append(InlineKeyboardButton(
            plain("join.next", lang), callback_data=services.button(MEMBERS_PAGE, agency.id,
                                                                    page + 1)))
    if nav:
        rows.append(nav)
    if pages > 1:
        lines.append(t("members.page", lang, page=page + 1, pages=pages))
    return Html(header + "\n".join(lines)), rows


async def members_command(update: Update, context: BotContext) -> None:
    """/members <agency>: who can see the agency's tasks."""
    services = context.services
    access = await command_access(update, context, private=True, admin=True)
    if access is None:
        return
    lang = access.language
    written = " ".join(context.args or []).strip()
    if not written:
        await reply(update, t("members.usage", lang))
        return
    agency, candidates, note = await find_agency(services, written, lang)
    if agency is None:
        await ask_to_choose(update, services, lang, written, candidates, MEMBERS_PICK)
        return
    text, rows = await render_members(services, lang, agency, 0, note)
    await reply(update, text, rows)


async def members_button(update: Update, context: BotContext) -> None:
    """Agency chosen, page turned, Remove asked or confirmed: all re-checked here."""
    services = context.services
    button = await pressed_button(update, context, admin=True)
    if button is None:
        return
    query, pressed, access = button
    lang = access.language
    agency = services.directory.by_id(pressed.int_arg(0) or 0)
    if agency is None:
        await query.answer(t("error.bad_button", lang), show_alert=True)
        return
    assert agency.id is not None
    if pressed.action in (MEMBERS_PICK, MEMBERS_PAGE):
        await query.answer()
        text, rows = await render_members(services, lang, agency, pressed.int_arg(1) or 0)
        await edit(update, text, rows)
        return
    user_id = pressed.int_arg(1)
    if user_id is None or not await joining.is_member(services, user_id, agency.id):
        await query.answer(plain("members.not_member", lang, agency=agency.name),
                           show_alert=True)
        text, rows = await render_members(services, lang, agency, 0)
        await edit(update, text, rows)
        return
    name = (await joining.names(services, [user_id]))[user_id]
    if pressed.action == MEMBER_REMOVE:
        await query.answer()
        await edit(update, t("members.confirm", lang, name=name, agency=agency.name), [[
            InlineKeyboardButton(plain("members.confirm_button", lang),
                                 callback_data=services.button(MEMBER_CONFIRM, agency.id,
                                                               user_id)),
            InlineKeyboardButton(plain("members.cancel_button", lang),
                                 callback_data=services.button(MEMBERS_PAGE, agency.id, 0)),
        ]])
        return
    await joining.remove_member(services, access, user_id, agency.id)
    log.info("user %s removed from agency %s by %s", user_id, agency.code, access.user_id)
    await query.answer(plain("members.removed", lang, name=name, agency=agency.name))
    header = Html(t("members.removed", lang, name=name, agency=agency.name) + "\n\n")
    text, rows = await render_members(services, lang, agency, 0, header)
    await edit(update, text, rows)
    target = await refresh_menu(context, user_id)
    await send_quietly(context, user_id, t("members.removed_user", target.language,
                                           agency=agency.name))
