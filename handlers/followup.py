"""/chuabaocao [cơ quan | nhiệm vụ N]: the units that have not reported, and "Nhắc ngay".

The office sees the province (or one agency, a collective standing for its members, or
one task); an agency's own members see their agencies. "🔔 Nhắc ngay" queues one reminder
per chat following each agency listed, at most once a day (:mod:`bot.usecases.followup`),
and says how many went, how many had been sent today already, and which units nobody can
be reminded in (with the /invite to send). Who may see and remind what is decided on the
server for the command and again for every press: a forwarded button reminds only what
the presser may see.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, Update

from bot.core.access import Access
from bot.core.actions import Refusal
from bot.core.agencies import Agency
from bot.core.unreported_args import parse_unreported_args
from bot.texts import Html, plain, t
from bot.usecases import followup, units
from bot.usecases.followup import UnreportedScope
from bot.usecases.services import Services
from bot.views.render import shorten
from bot.views.tasklists import short_names
from handlers.common import Rows, command_access, pressed_button, reply
from handlers.context import BotContext
from handlers.join import active_agency, ask_to_choose, find_agency

REMIND = "cbn"  # cbn:<p|a|t>[:<agency or task id>]: "Nhắc ngay" for the list shown
PICK = "cbp"  # cbp:<agency id>: one of the candidates of a vague agency name

WHOLE, AGENCY, TASK = "p", "a", "t"
UNREACHED_SHOWN = 20
"""Units without a chat named after "Nhắc ngay" (the others are counted)."""


def _agency_scope(services: Services, agency: Agency) -> tuple[int, ...]:
    """An agency's units: a collective ("UBND các xã, phường") stands for its members."""
    members = [m.id for m in services.directory.members_of(agency) if m.id is not None]
    if members:
        return tuple(members)
    return (agency.id,) if agency.id is not None else ()


def _usage(access: Access) -> Html:
    whole = "unreported.whole.province" if access.is_admin else "unreported.whole.own"
    return t("unreported.usage", access.language, whole=t(whole, access.language))


def _refusal(services: Services, access: Access, refusal: Refusal,
             task_id: int | None = None) -> tuple[str, dict[str, object]]:
    """The message key and parameters of a refusal (sent, or shown as a pop-up)."""
    if refusal is Refusal.NOT_FOUND:
        return "card.not_found", {"id": task_id or "?"}
    if task_id is not None:
        return "card.no_access", {"id": task_id}
    if not (access.is_member or access.is_admin):
        return "error.members_only", {}
    return "unreported.not_yours", {
        "agencies": short_names(sorted(access.agency_ids), services.directory)}


def _refusal_text(services: Services, access: Access, refusal: Refusal,
                  task_id: int | None = None) -> Html:
    key, params = _refusal(services, access, refusal, task_id)
    return t(key, access.language, **params)


async def _show(
    update: Update, context: BotContext, access: Access, scope: UnreportedScope, kind: str,
    ref: int | None, heading: Html | None,
) -> None:
    """The list for ``scope``, with its "Nhắc ngay" button when something is listed."""
    services = context.services
    lang = access.language
    found = await units.unreported_chat(services, access, scope)
    if isinstance(found, Refusal):
        await reply(update, _refusal_text(services, access, found, scope.task_id))
        return
    text, groups = found
    if heading is not None:
        text = Html(f"{heading}\n\n{text}")
    rows: Rows = []
    if groups:
        args: tuple[object, ...] = (kind,) if ref is None else (kind, ref)
        rows.append([InlineKeyboardButton(plain("unreported.btn.remind", lang),
                                          callback_data=services.button(REMIND, *args))])
    await reply(update, text, rows)


async def unreported_command(update: Update, context: BotContext) -> None:
    """/chuabaocao [cơ quan | nhiệm vụ N] (private chat: names and numbers of other units)."""
    access = await command_access(update, context, private=True)
    if access is None:
        return
    services = context.services
    lang = access.language
    if not (access.is_admin or access.is_member):
        await reply(update, t("error.members_only", lang))
        return
    args = parse_unreported_args(context.args or [])
    if args is None:
        await reply(update, _usage(access))
        return
    if args.task_id is not None:
        task = await units.visible_task(services, access, args.task_id)
        if isinstance(task, Refusal):
            await reply(update, _refusal_text(services, access, task, args.task_id))
            return
        heading = t("unreported.scope.task", lang, id=task.id, text=shorten(task.text, 120))
        await _show(update, context, access, UnreportedScope(task_id=task.id), TASK, task.id,
                    heading)
        return
    if args.agency is None:
        await _show(update, context, access, UnreportedScope(), WHOLE, None, None)
        return
    agency, candidates, note = await find_agency(services, args.agency, lang)
    if agency is None or agency.id is None:
        await ask_to_choose(update, services, lang, args.agency, candidates, PICK)
        return
    await _show_agency(update, context, access, agency, note)


async def _show_agency(update: Update, context: BotContext, access: Access, agency: Agency,
                       note: Html) -> None:
    assert agency.id is not None
    heading = Html(note + t("unreported.scope.agency", access.language, agency=agency.name))
    scope = UnreportedScope(agency_ids=_agency_scope(context.services, agency))
    await _show(update, context, access, scope, AGENCY, agency.id, heading)


async def pick_agency(update: Update, context: BotContext) -> None:
    """An agency chosen among the candidates of a vague name."""
    button = await pressed_button(update, context)
    if button is None:
        return
    query, pressed, access = button
    agency = active_agency(context.services, pressed.int_arg(0))
    if agency is None:
        await query.answer(plain("error.bad_button", access.language), show_alert=True)
        return
    await query.answer()
    await _show_agency(update, context, access, agency, Html(""))


def _scope_of(services: Services, kind: str, ref: int | None) -> UnreportedScope | None:
    """The scope a "Nhắc ngay" button names (None: a button that makes no sense)."""
    if kind == WHOLE and ref is None:
        return UnreportedScope()
    if kind == TASK and ref is not None:
        return UnreportedScope(task_id=ref)
    agency = active_agency(services, ref) if kind == AGENCY else None
    return UnreportedScope(agency_ids=_agency_scope(services, agency)) if agency else None


def _scope_label(services: Services, kind: str, ref: int | None, access: Access) -> Html:
    lang = access.language
    if kind == TASK:
        return t("unreported.reminded_scope.task", lang, id=ref)
    if kind == AGENCY and ref is not None:
        agency = services.directory.by_id(ref)
        return t("unreported.reminded_scope.agency", lang,
                 agency=agency.name if agency else f"#{ref}")
    return t("unreported.reminded_scope.province" if access.is_admin
             else "unreported.reminded_scope.own", lang)


async def remind_button(update: Update, context: BotContext) -> None:
    """ "🔔 Nhắc ngay": remind now what this list shows, as the presser may see it."""
    button = await pressed_button(update, context)
    if button is None:
        return
    query, pressed, access = button
    services = context.services
    lang = access.language
    kind = pressed.args[0] if pressed.args else ""
    ref = pressed.int_arg(1)
    scope = _scope_of(services, kind, ref)
    if scope is None or len(pressed.args) > 2:
        await query.answer(plain("error.bad_button", lang), show_alert=True)
        return
    if not (access.is_admin or access.is_member):
        await query.answer(plain("error.members_only", lang), show_alert=True)
        return
    if scope.task_id is not None:
        task = await units.visible_task(services, access, scope.task_id)
        if isinstance(task, Refusal):
            await query.answer(plain(f"act.refuse.{task.value}", lang, id=scope.task_id),
                               show_alert=True)
            return
    done = await followup.remind_unreported(services, access, scope)
    if isinstance(done, Refusal):
        key, params = _refusal(services, access, done)
        await query.answer(plain(key, lang, **params), show_alert=True)
        return
    await query.answer()
    context.wake_sender()
    await reply(update, _reminded_text(services, access, done,
                                       _scope_label(services, kind, ref, access)))


def _reminded_text(services: Services, access: Access, done: followup.Reminded,
                   scope: Html) -> Html:
    """What "Nhắc ngay" did: queued, already sent today, and who has no chat."""
    lang = access.language
    if done.agencies == 0:
        return t("unreported.reminded_nothing", lang, scope=scope)
    key = "unreported.reminded" if done.queued else "unreported.reminded_zero"
    lines: list[str] = [t(key, lang, scope=scope, queued=done.queued, agencies=done.agencies)]
    if done.already:
        lines.append(t("unreported.reminded_already", lang, count=done.already))
    if done.unreached:
        lines += ["", t("unreported.unreached_head", lang, count=len(done.unreached))]
        row = "unreported.unreached_row" if access.is_admin else "unreported.unreached_row_member"
        for agency_id in done.unreached[:UNREACHED_SHOWN]:
            agency = services.directory.by_id(agency_id)
            lines.append(t(row, lang, agency=agency.name if agency else f"#{agency_id}"))
        if len(done.unreached) > UNREACHED_SHOWN:
            lines.append(t("summary.unreached_more", lang,
                           count=len(done.unreached) - UNREACHED_SHOWN))
        if not access.is_admin:
            lines.append(t("unreported.unreached_member_tail", lang))
    return Html("\n".join(lines))
