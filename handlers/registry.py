"""Every handler of the bot and its group, in one table (as PTB's rules-bot does).

PTB tries the groups in ascending order and, within a group, the handlers in the order
given, running at most one per group; a handler may stop the update for later groups
(``ApplicationHandlerStop``). The groups here:

* ``TRACK`` (-10): remember who writes and where, for every update;
* ``GUARD`` (-5): refuse forged or mangled button data before any feature sees it, and
  edited messages (never a command run again, nor an answer to a later question);
* :data:`handlers.waiting.GROUP` (-3): /cancel, a typed answer to the question the bot
  asked, and the end of that question when another command or button comes;
* ``FEATURES`` (0): commands and buttons, then the fallbacks for whatever is left.

The command catalogue (/help, menus) is :data:`handlers.menu.COMMANDS`; :func:`register`
refuses to start when a command there has no handler here, or the other way round.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.core.callbacks import action_pattern
from bot.core.waiting import Flow
from bot.usecases.acting import OPEN_TASK
from handlers import (
    actions,
    admins,
    common,
    followup,
    groups,
    join,
    new,
    prefs,
    queries,
    reports,
    task_admin,
    tasks,
    waiting,
)
from handlers.context import BotContext
from handlers.menu import COMMANDS

TRACK = -10
GUARD = -5
FEATURES = 0

Handler = BaseHandler[Update, BotContext, object]

_PRIVATE = filters.ChatType.PRIVATE

# The flow that reads each kind of question's answer (see handlers/waiting.py).
FLOWS = {
    Flow.ACT: actions.FLOW,
    Flow.EDIT: task_admin.FLOW,
    Flow.NEW: new.FLOW,
    Flow.JOIN: join.FLOW,
}


def _buttons(callback: Any, *actions: str, block: bool = True) -> Handler:
    return CallbackQueryHandler(callback, pattern=action_pattern(*actions), block=block)


def handlers() -> dict[int, Sequence[Handler]]:
    """The whole table: group -> handlers in the order they are tried."""
    return {
        TRACK: [TypeHandler(Update, common.track)],
        GUARD: [
            CallbackQueryHandler(common.guard_buttons),
            MessageHandler(filters.UpdateType.EDITED, common.refuse_edit),
        ],
        waiting.GROUP: [
            CommandHandler(["cancel", "huy"], waiting.on_cancel),
            MessageHandler(_PRIVATE & filters.COMMAND, waiting.on_command),
            MessageHandler(
                _PRIVATE & ((filters.TEXT & ~filters.COMMAND) | filters.Document.ALL
                            | filters.PHOTO),
                waiting.on_message),
            CallbackQueryHandler(waiting.on_button),
        ],
        FEATURES: [
            # Starting, help, joining.
            CommandHandler("start", join.start_with_token, has_args=True),
            CommandHandler("start", common.start),
            CommandHandler("help", common.help_command),
            CommandHandler("join", join.join_command),
            _buttons(join.join_page, join.JOIN_PAGE),
            _buttons(join.join_pick, join.JOIN_PICK),
            # Tasks: cards, lists, acting on them.
            CommandHandler("task", tasks.task_command),
            _buttons(tasks.open_task, OPEN_TASK),
            _buttons(tasks.units_page, tasks.UNITS),
            CommandHandler("tasks", queries.tasks_command),
            CommandHandler("overdue", queries.overdue_command),
            CommandHandler("upcoming", queries.upcoming_command),
            CommandHandler("done", queries.done_command),
            CommandHandler("find", queries.find_command),
            _buttons(queries.page_button, queries.LIST_PAGE),
            _buttons(actions.on_button, *actions.ACTIONS),
            # Reports: a big export runs beside other updates instead of holding them up.
            CommandHandler("stats", reports.stats_command),
            # Who has not reported, and reminding them now.
            CommandHandler("chuabaocao", followup.unreported_command),
            _buttons(followup.remind_button, followup.REMIND),
            _buttons(followup.pick_agency, followup.PICK),
            CommandHandler("export", reports.export_command, block=False),
            # Personal settings.
            CommandHandler("settings", prefs.settings_command),
            _buttons(prefs.settings_button, prefs.PREF_SWITCH, prefs.PREF_LANGUAGE,
                     prefs.PREF_DIGEST),
            # The office: recording conclusions, editing tasks.
            CommandHandler(["new", "ketluan"], new.start_new),
            CommandHandler("import", new.start_import),
            _buttons(new.on_button, new.ACTION),
            _buttons(task_admin.on_card_button, tasks.EDIT),
            _buttons(task_admin.on_prompt_button, task_admin.PROMPT),
            # The office: people and groups.
            CommandHandler("invite", join.invite_command),
            CommandHandler("invites", join.invites_command),
            CommandHandler("members", join.members_command),
            _buttons(join.invite_pick, join.INVITE_PICK),
            _buttons(join.invite_revoke, join.INVITE_REVOKE),
            _buttons(join.decide_request, join.REQUEST_APPROVE, join.REQUEST_REJECT),
            _buttons(join.members_button, join.MEMBERS_PICK, join.MEMBERS_PAGE,
                     join.MEMBER_REMOVE, join.MEMBER_CONFIRM),
            CommandHandler("admins", admins.list_admins),
            CommandHandler("grant_admin", admins.grant_admin),
            CommandHandler("revoke_admin", admins.revoke_admin),
            # Groups.
            ChatMemberHandler(groups.my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
            MessageHandler(filters.StatusUpdate.MIGRATE, groups.migrated),
            CommandHandler("link", groups.link_command),
            CommandHandler("unlink", groups.unlink_command),
            _buttons(groups.link_pick, groups.LINK_PICK),
            # Whatever nothing above took.
            MessageHandler(filters.COMMAND, common.unknown_command),
            MessageHandler(_PRIVATE & filters.Document.ALL, common.stray_file),
            MessageHandler(_PRIVATE & filters.TEXT & ~filters.COMMAND, common.private_text),
            CallbackQueryHandler(common.stale_button),
        ],
    }


def _command_names(table: dict[int, Sequence[Handler]]) -> set[str]:
    return {name for group in table.values() for handler in group
            if isinstance(handler, CommandHandler) for name in handler.commands}


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Install the table, the flows and the error handler on ``app``."""
    table = handlers()
    missing = {c.name for c in COMMANDS} - _command_names(table)
    if missing:
        raise RuntimeError(f"commands in the menu without a handler: {sorted(missing)}")
    waiting.install(FLOWS)
    for group, entries in sorted(table.items()):
        app.add_handlers(list(entries), group=group)
    app.add_error_handler(common.on_error)
