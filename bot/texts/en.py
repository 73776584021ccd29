"""English texts: the same keys as ``vi.py``; a missing key falls back to Vietnamese."""

TEXTS: dict[str, str] = {
    # --- General --------------------------------------------------------------
    "error.generic": "Sorry, something went wrong while handling your request. Please try again in a few minutes.",
    "error.not_allowed": "Sorry, you are not allowed to do this.",
    "error.admin_only": "This command is for administrators (the Provincial People's Committee Office) only.",
    "error.storage_full": (
        "Sorry, the provincial office's server cannot save data right now (disk full or a "
        "write error). What you just did was not saved; please try again later."
    ),
    "error.members_only": (
        "You do not belong to any agency yet, so you cannot see tasks. "
        "Send /start to see how to join."
    ),
    "error.bad_button": (
        "This button is invalid or has expired. Please send the command again (e.g. /tasks) "
        "to get fresh buttons."
    ),
    "error.unknown_command": (
        "There is no command {command}. Send /help to see the commands you can use."
    ),
    "error.private_only": "Please use this command in a private chat with the bot.",
    # --- /start and /help ------------------------------------------------------
    "start.stranger": (
        "Hello {name}!\n\n"
        "This is <b>Nhắc việc</b>, a bot that tracks the tasks assigned in the province's "
        "conclusion notices: it reminds agencies before and after deadlines, takes progress "
        "reports and sends weekly summaries.\n\n"
        "Task information is only for staff of the agencies concerned. To use the bot, please "
        "ask the Provincial People's Committee Office for an invitation link to your agency, "
        "or send /join to pick your agency and wait for an administrator's approval.\n\n"
        "Your Telegram id: <code>{user_id}</code>"
    ),
    "start.member": (
        "Hello {name}!\n\n"
        "You follow the tasks of: {agencies}.\n"
        "The bot reminds you before and after each deadline and sends a summary {when}."
        "\n\n"
        "{commands}"
    ),
    "start.admin": (
        "Hello {name}!\n\n"
        "You are an <b>administrator</b> of Nhắc việc: record conclusion notices, assign tasks, "
        "manage agencies and users, and see province-wide reports.\n\n"
        "{commands}"
    ),
    "help.title.member": "<b>Your commands</b>",
    "help.title.admin": "<b>Administrator commands</b>",
    "help.title.stranger": "<b>Commands</b>",
    "help.line": "/{command} — {description}",
    "help.no_agency": "no agency yet",
    # --- Command descriptions (menu and /help) -----------------------------------
    "cmd.start": "Introduction and how to start",
    "cmd.help": "List of commands",
}

TEXTS.update({
    # --- Task card and lists (bot/render.py) -------------------------------------
    "class.done_on_time": "Done on time",
    "class.done_late": "Done late",
    "class.in_progress": "Not done, within deadline",
    "class.overdue": "Not done, overdue",
    "class.no_deadline": "No deadline",
    "class.cancelled": "Cancelled",
    "status.open": "In progress",
    "status.reported_done": "Reported done, awaiting confirmation",
    "status.done": "Done",
    "status.cancelled": "Cancelled",
    "due.days_left": "{days:# day|# days} left",
    "due.today": "due today",
    "due.days_overdue": "{days:# day|# days} overdue",
    "due.none": "no deadline",
    "due.recurring": "recurring",
    "card.title": "<b>Task #{id}</b>{ordinal} {icon} {state}",
    "card.ordinal": " (item {ordinal})",
    "card.source": "📄 <b>Document:</b> {source}",
    "card.source_number": "Notice no. {number}",
    "card.source_no_number": "Conclusion notice",
    "card.source_date": "of {date}",
    "card.lead": "🏢 <b>Lead:</b> {agencies}",
    "card.support": "🤝 <b>Supporting:</b> {agencies}",
    "card.deadline": "⏰ <b>Deadline:</b> {deadline}",
    "card.deadline_phrase": "{date} (“{phrase}”)",
    "card.deadline_extended": "{date} (extended; originally “{phrase}”)",
    "card.deadline_extended_from": "{date} (extended; originally {old})",
    "card.deadline_left": "{deadline} — {left}",
    "card.deadline_units_open": "{deadline} (units not done yet were granted more time, the nearest until {date})",
    "card.deadline_units_done": "{deadline} (units were granted until {date} at the latest)",
    "card.completed": "✅ <b>Completed on:</b> {date}",
    "card.latest_done": "✅ <b>Done report</b> ({date}, {who}): {text}",
    "card.latest_report": "📝 <b>Latest report</b> ({date}, {who}): {text}",
    "card.history": "🕘 <b>History:</b>",
    "card.history_more": "  … and {count} older entries",
    "card.event": "  • {at} — {what}{who}",
    "card.event_who": " ({who})",
    "card.not_found": "Task {id} does not exist.",
    "card.usage": "Usage: /task &lt;task number&gt;, e.g. /task 12",
    "card.no_access": "Task #{id} does not belong to your agencies, so you cannot see it.",
    "event.created": "Task created",
    "event.progress": "Progress report: {note}",
    "event.status": "Status changed: {old} → {new}",
    "event.deadline": "Deadline changed: {old} → {new}",
    "event.text": "Task text edited",
    "event.agencies": "Lead/supporting agencies changed",
    "event.done_reported": "Reported done: {note}",
    "event.done_confirmed": "Completion confirmed, done on {date}",
    "event.done_returned": "Returned as not done: {note}",
    "event.extension_requested": "Asked for an extension to {new}: {note}",
    "event.extension_approved": "Extension approved: {old} → {new}",
    "event.extension_rejected": "Extension rejected: {note}",
    "event.extension_closed": "Extension request to {new} closed: confirmed done, not needed",
    "event.cancelled": "Task cancelled: {note}",
    "event.reopened": "Task reopened",
    "event.recurred": "Rolled over to the next period, new deadline {new}",
    "event.closed": "Closed by the office: {note}",
    "cmd.task": "Show one task: /task <number>",
    "list.more": "… and {count:# more task|# more tasks}",
})

TEXTS.update({
    # --- Charts ----------------------------------------------------------------
    "chart.tasks": "Tasks",
    "chart.title_province": "Task status by lead agency (as of {date})",
})

TEXTS.update({
    # --- Extractor: python -m bot extract / import -----------------------------------
    "extract.help": "read a conclusion notice (.txt, .docx, .pdf) and propose its tasks",
    "extract.help_file": "the notice: .txt, .docx or .pdf (text that can be selected and copied)",
    "extract.help_json": "print the result as JSON (for machines)",
    "import.help": "read a conclusion notice and save its tasks in the database",
    "import.help_yes": "save without asking (to load a backlog of existing notices)",
    "extract.error.missing": "File {path} not found.",
    "extract.error.unsupported_type": "Cannot read {path}: only .txt, .docx and .pdf files.",
    "extract.error.too_large": "File {path} is too large (at most {limit} MB).",
    "extract.error.unreadable": "Cannot open {path} (no read permission, or a folder).",
    "extract.error.empty": "File {path} is empty.",
    "extract.error.binary": "File {path} is not text (it looks binary).",
    "extract.error.undecodable": "File {path} is not UTF-8 text; save it as UTF-8.",
    "extract.error.corrupt": "File {path} is damaged or not in its format; cannot read it.",
    "extract.error.encrypted": "PDF {path} is password-protected; cannot read it.",
    "extract.error.no_text_layer": (
        "PDF {path} is a scan, its text cannot be read; use a PDF whose text can be selected "
        "and copied, a .docx or a .txt."
    ),
    "extract.error.not_regular": "File {path} is not a regular file (a folder, device or pipe); not read.",
    "extract.error.too_big_unpacked": "File {path} unpacks to more than {unpacked} MB (the limit); not read further.",
    "extract.error.too_many_parts": "File {path} has more than {parts} parts inside (the limit); not read.",
    "extract.error.too_complex": "File {path} has more than {elements} XML elements (the limit); too complex to read.",
    "extract.error.too_many_paragraphs": "File {path} has more than {paragraphs} paragraphs (the limit); not a conclusion notice.",
    "extract.error.too_many_pages": "File {path} has more than {pages} pages (the limit); not read.",
    "extract.error.too_long": "File {path} is longer than {chars} characters (the limit); not read.",
    "extract.error.too_slow": "File {path} needs more than {seconds} seconds to read and analyse (the limit); stopped.",
    "extract.error.too_much_memory": "File {path} needs more than {memory} MB of memory to read (the limit); stopped.",
    "extract.error.failed": "File {path} could not be read (the reading process stopped abnormally).",
    "extract.unknown": "(unknown)",
    "extract.doc_number": "Number     : {value}",
    "extract.doc_issuer": "Issued by  : {value}",
    "extract.doc_issued": "Issued on  : {value}",
    "extract.doc_meeting": "Meeting on : {value}",
    "extract.doc_signer": "Signed by  : {value}",
    "extract.doc_title": "Title      : {value}",
    "extract.count": "{count:# proposed task|# proposed tasks}:",
    "extract.none": "No tasks found in the document.",
    "extract.task": "{ordinal}. {text}",
    "extract.lead": "    Lead      : {names}",
    "extract.lead_missing": "    Lead      : (not found — choose an agency)",
    "extract.support": "    Support   : {names}",
    "extract.deadline": "    Deadline  : {date} (“{phrase}”)",
    "extract.deadline_none": "    Deadline  : none",
    "extract.recurring": "    Recurring : {period}, next due {date} (“{phrase}”)",
    "extract.period.weekly": "weekly",
    "extract.period.monthly": "monthly",
    "extract.period.quarterly": "quarterly",
    "extract.period.half_yearly": "every 6 months",
    "extract.period.yearly": "yearly",
    "extract.unresolved": "Agencies not in the directory (kept as written): {names}",
    "import.no_tasks": "No tasks found in {path}; nothing saved.",
    "import.duplicate":
        "This notice was imported before (conclusion #{id}{number}{issued}); not saved again.",
    "import.duplicate_number": ", number {number}",
    "import.duplicate_issued": ", dated {date}",
    "import.new_agencies": "{count} new agencies will be added to the directory: {names}",
    "import.created_agencies": "Added {count} new agencies to the directory: {names}",
    "import.without_lead":
        "No lead agency for these tasks: {ordinals}; nothing saved. Run again without --yes to "
        "type the agency, or import through /import in Telegram.",
    "import.ask_lead": "Task {ordinal} has no lead agency. Type its name (Enter skips the task): ",
    "import.lead_unknown": "  “{name}” is not in the directory: it will be added as new.",
    "import.skipped": "  Skipped task {ordinal}.",
    "import.confirm": "Save this notice with {count:# task|# tasks}? [y/N] ",
    "import.cancelled": "Cancelled, nothing saved.",
    "import.saved": "Saved conclusion #{id} with {count:# task|# tasks} (task numbers {ids}).",
    # --- Nudges and weekly summaries (bot/nudges.py, bot/summary.py, bot/reminders.py) ---
    "nudge.head_before": "⏰ <b>Reminder: task #{id} is due in {days:# day|# days}</b>",
    "nudge.head_due": "🔔 <b>Reminder: task #{id} is due today</b>",
    "nudge.head_overdue": "🔴 <b>Reminder: task #{id} is {days:# day|# days} overdue</b>",
    "nudge.agency": "🏢 Lead agency: <b>{agency}</b>",
    "nudge.deadline": "⏰ <b>Deadline:</b> {date}",
    "nudge.ask_before": "Please make sure it is done on time and keep its progress up to date.",
    "nudge.ask_due": (
        "Please complete it and report today; if that is not possible, explain why and ask "
        "for an extension."
    ),
    "nudge.ask_overdue": (
        "Please complete it as soon as possible, report the result, or explain the delay and "
        "propose a new deadline."
    ),
    "nudge.open": "📋 Open task #{id}",
    "nudge.open_short": "📋 #{id}",
    "nudge.digest_head": "🔔 <b>Reminders for {today}</b>\n{count:# task is|# tasks are} due soon or overdue:",
    "nudge.catchup_head": (
        "🔔 <b>Catch-up reminder</b>\nThe service was interrupted, so the reminders since {since} "
        "are combined here. State of {count:# task|# tasks} as of {today}:"
    ),
    "nudge.digest_agency": "🏢 <b>{agency}</b>",
    "nudge.digest_ask": "Press a task number below to see it and update its progress.",
    "nudge.support_agency": "🤝 Supporting agency: <b>{agency}</b> · lead: {lead}",
    "nudge.ask_support_before": (
        "The task is nearly due; please work closely with the lead agency and report the "
        "progress of your part."
    ),
    "nudge.ask_support_due": (
        "The task is due today; please work closely with the lead agency and report the "
        "progress of your part."
    ),
    "nudge.ask_support_overdue": (
        "The task is overdue; please help the lead agency finish it and report the progress "
        "of your part."
    ),
    "nudge.digest_support": "🤝 <b>{agency}</b> (supporting)",
    "summary.supported": "🤝 <b>Supporting, not finished ({count}):</b>",
    "summary.unreached_head": (
        "📵 <b>Units nobody receives nudges for ({count}):</b> they have open tasks but no "
        "member or group follows them. Invite them:"
    ),
    "summary.unreached_row": "• {agency} — {count:# task|# tasks}: <code>/invite {agency}</code>",
    "summary.unreached_more": "… and {count:# more unit|# more units}.",
    "unreported.remind_head": (
        "📣 <b>Progress report requested — {agency}</b> ({today})\nIn the last {days:day|# days}, "
        "your agency has not reported progress on {count:# task|# tasks} due soon or overdue:"
    ),
    "unreported.remind_ask": (
        "Please report progress (press a task number below, then “Report progress”) or report "
        "the result if it is done."
    ),
    "unreported.line": "• <b>#{id}</b> {text}\n     due {date}, {due} · {last}",
    "unreported.never": "never reported",
    "unreported.last": "last report {date}",
    "unreported.head": (
        "📋 <b>Units that have not reported</b> (no report in the last {days:day|# days}; tasks due "
        "within {near:# day|# days} or overdue), as of {today}: {agencies:# unit|# units}, {count:# task|# tasks}."
    ),
    "unreported.agency": "🏢 <b>{agency}</b> ({count}):",
    "unreported.shared_head": "📌 <b>Tasks of many units</b>:",
    "unreported.shared_line": (
        "• <b>#{id}</b> {text}\n     due {date}, {due} · <b>{count:# unit has|# units have} not reported</b>: "
        "{names}{more} (/chuabaocao task {id})"
    ),
    "unreported.shared_more": " and {count} more",
    "unreported.none": (
        "👍 As of {today}, every unit with a task due within {near:# day|# days} or overdue has "
        "reported in the last {days:day|# days}."
    ),
    "unreported.none_own": (
        "👍 As of {today}, {agency} has no task due within {near:# day|# days} or overdue that went "
        "without a progress report in the last {days:day|# days}."
    ),
    "summary.head": "📊 <b>Weekly summary {week} — {agency}</b>\nTasks this agency leads, "
                    "as of {today}:",
    "summary.count": "{icon} {label}: <b>{count}</b>",
    "summary.total": "Total: <b>{count}</b> {count:task|tasks}",
    "summary.overdue": "🔴 <b>Overdue ({count}):</b>",
    "summary.due_soon": "⏰ <b>Due within 7 days ({count}):</b>",
    "summary.completed": "✅ <b>Completed last week ({week}): {count}</b>",
    "summary.all_clear": "👍 Nothing overdue or due within the next 7 days.",
    "summary.province_head": "📊 <b>Province summary — week {week}</b>\nTasks per lead agency "
                             "as of {today}:",
    "summary.province_legend": (
        "(🔴 overdue · 🟡 within deadline · ✅ on time · ☑️ done late · ⚪ no deadline; "
        "most overdue first)"
    ),
    "summary.province_row": "{n}. <b>{agency}</b> ({total}): {cells}",
    "summary.province_empty": "No tasks assigned yet.",
    "summary.province_totals": (
        "<b>Province</b> (by task: a task of several units counts once, done when every unit "
        "is done):"
    ),
})

TEXTS.update({
    # --- Joining: invitations, join requests, members, groups, /settings ------------
    "cmd.join": "Ask to join your agency",
    "cmd.join_another": "Ask to join another agency as well",
    "cmd.settings": "Turn reminders and weekly summaries on/off; language",
    "cmd.settings_admin": "Turn the digest of progress reports (and your agency's nudges, if any) on or off; choose the language",
    "cmd.invite": "Create an invitation link: /invite <agency> [uses] [days]",
    "cmd.invites": "Invitation links still valid; revoke one",
    "cmd.members": "Members of an agency: /members <agency>",
    "cmd.link": "Link a group to an agency (send in the group): /link <agency>",
    "cmd.unlink": "Unlink a group (send in the group): /unlink [agency]",
    "agency.renamed": "ℹ️ {named} is now <b>{current}</b> (after the reorganisation).\n\n",
    "agency.not_found": "No agency matches “{written}”. Please type the name again, e.g. “Sở Y tế” or “y tế”.",
    "agency.choose": "Several agencies match “{written}”. Please choose:",
    "agency.choose_more": (
        "Many agencies match “{written}”; here are some. If yours is not listed, please type a "
        "more complete name."
    ),
    "agency.chosen": "Chosen: <b>{agency}</b>.",
    "invite.usage": (
        "Usage: /invite &lt;agency&gt; [uses] [days valid]\n"
        "Example: /invite Sở Y tế 20 7 — the link works 20 times within 7 days."
    ),
    "invite.bad_uses": "The number of uses must be between 1 and {max_uses}.",
    "invite.bad_days": "The number of days must be between 1 and {max_days}.",
    "invite.bad_both": (
        "The number of uses must be between 1 and {max_uses} and the number of days between "
        "1 and {max_days}. Example: /invite Sở Y tế 20 7."
    ),
    "invite.created": (
        "{note}🔗 <b>Invitation to join {agency}</b> (link #{id})\n\n"
        "{link}\n\n"
        "• Works at most {uses:once|# times}, expires at {expires}.\n"
        "• Send it privately to the agency's staff, never publicly: whoever opens it sees the "
        "tasks of {agency}.\n"
        "• If it leaks, press “Revoke” below or use /invites."
    ),
    "invite.revoke_button": "🚫 Revoke link #{id}",
    "invite.revoked": "Link #{id} revoked.",
    "invite.already_revoked": "Link #{id} had already been revoked.",
    "invite.revoked_note": "🚫 Invitation #{id} to join {agency} has been revoked and no longer works.",
    "invites.none": "No invitation link is valid right now. Create one with /invite &lt;agency&gt;.",
    "invites.title": "<b>Valid invitation links ({count})</b>",
    "invites.line": "#{id} · {agency} — used {uses}/{max_uses}, expires {expires} (by {by})",
    "invites.footer": (
        "\n"
        "For security, a link cannot be shown again once created; create a new one with "
        "/invite if needed."
    ),
    "invite.problem.unknown": (
        "This invitation link is not valid. Please check the link (open it complete) or ask "
        "the Provincial People's Committee Office for a new one.\n\n"
        "Your Telegram id: <code>{user_id}</code>"
    ),
    "invite.problem.revoked": (
        "This invitation link has been revoked. Please ask the Provincial People's Committee "
        "Office for a new one, or send /join to ask to join."
    ),
    "invite.problem.expired": (
        "This invitation link has expired. Please ask the Provincial People's Committee Office "
        "for a new one, or send /join to ask to join."
    ),
    "invite.problem.used_up": (
        "This invitation link has been used the maximum number of times. Please ask the "
        "Provincial People's Committee Office for a new one, or send /join to ask to join."
    ),
    "invite.already_member": (
        "You have already joined <b>{agency}</b>; no need to use the invitation link again.\n\n"
        "{commands}"
    ),
    "invite.used": "ℹ️ {who} (id {user_id}) joined <b>{agency}</b> with link #{id} (used {uses}/{max_uses}).",
    "join.welcome": (
        "Hello {name}! You are now a member of <b>{agency}</b>.{also}\n\n"
        "You can see the tasks your agency leads or supports, report progress, and you will "
        "get reminders before and after deadlines and a summary {when}. Use "
        "/settings to turn notifications off or change the language.\n\n"
        "{commands}"
    ),
    "join.also": "\nYou also follow: {agencies}.",
    "join.pick": (
        "Which agency do you work for? Choose from the list (page {page}/{pages}) or type its "
        "name, e.g. “y tế” or “Sở NN&amp;MT”.\n\n"
        "Your request goes to the Provincial People's Committee Office for approval."
    ),
    "join.prev": "◀ Previous",
    "join.next": "Next ▶",
    "join.none_found": "No agency matches “{written}”. Type another name, or send /join to pick from the list.",
    "join.results": "{note}Results for “{written}”. Press your agency to send the request:",
    "join.results_more": (
        "{note}Results for “{written}” (not all of them; type a more precise name if yours is "
        "missing). Press your agency to send the request:"
    ),
    "join.already_member": "You have already joined {agency}.",
    "join.already_pending": "Your request to join {agency} is waiting for approval.",
    "join.too_many": "You have several requests waiting. Please wait for the administrators before sending more.",
    "join.sent": (
        "✉️ Your request to join <b>{agency}</b> was sent to the administrators. The bot will "
        "tell you as soon as it is decided."
    ),
    "request.admin": (
        "🙋 <b>Join request #{id}</b>\n"
        "From: {who}{handle}, id <code>{user_id}</code>\n"
        "Agency: <b>{agency}</b>\n"
        "Sent at: {at}\n\n"
        "If approved, this person will see the agency's tasks. Approve only after checking "
        "they really work there."
    ),
    "request.approve": "✅ Approve",
    "request.reject": "❌ Reject",
    "request.approved": "✅ Approved by {by} at {at}.",
    "request.rejected": "❌ Rejected by {by} at {at}.",
    "request.rejected_user": (
        "Your request to join <b>{agency}</b> was not approved. If needed, please contact the "
        "Provincial People's Committee Office."
    ),
    "members.usage": "Usage: /members &lt;agency&gt;, e.g. /members Sở Y tế",
    "members.none": "<b>{agency}</b> has no members yet. Invite some with /invite.",
    "members.title": "<b>Members of {agency}</b> ({count})",
    "members.line": "{n}. {name}{handle} — id {user_id}",
    "members.page": "Page {page}/{pages}",
    "members.remove_button": "🗑 Remove {name}",
    "members.not_member": "This person is no longer a member of {agency}.",
    "members.confirm": (
        "Remove <b>{name}</b> from <b>{agency}</b>?\n\n"
        "They will no longer see the agency's tasks or get its reminders."
    ),
    "members.confirm_button": "🗑 Remove from agency",
    "members.cancel_button": "↩ Back",
    "members.removed": "Removed {name} from {agency}.",
    "members.removed_user": (
        "You are no longer a member of <b>{agency}</b> on Nhắc việc: you will not see its tasks "
        "or get its reminders. If this is a mistake, please contact the Provincial People's "
        "Committee Office."
    ),
    "group.hello": (
        "Hello! I am <b>Nhắc việc</b>, a bot that tracks the tasks of the province's conclusion "
        "notices.\n\n"
        "For this group to receive an agency's reminders and weekly summaries, an administrator "
        "of the Provincial People's Committee Office sends here: /link &lt;agency&gt;, e.g. "
        "/link Sở Y tế."
    ),
    "group.only_in_group": "Please send this command in the group you want to link.",
    "group.admin_only": "Only Nhắc việc administrators (the Provincial People's Committee Office) can link or unlink groups.",
    "group.link_usage": "Usage: /link &lt;agency&gt;, e.g. /link Sở Y tế",
    "group.linked": (
        "✅ This group is now linked to <b>{agency}</b>: it will receive the agency's reminders "
        "and weekly summaries. Send /unlink to stop."
    ),
    "group.already_linked": "This group is already linked to <b>{agency}</b>.",
    "group.not_linked": "This group is not linked to any agency.",
    "group.not_linked_to": "This group is not linked to “{written}”.",
    "group.unlinked": "Unlinked this group from: {agencies}. It will no longer receive their reminders.",
    "prefs.title": "<b>Notification settings</b>",
    "prefs.no_agencies": "You do not belong to any agency yet, so there is nothing to set.",
    "prefs.agency": "• <b>{agency}</b>: reminders {nudges}; weekly summary {summaries}",
    "prefs.on": "on",
    "prefs.off": "off",
    "prefs.nudges_button": "🔔 Reminders {agency}: on — press to turn off",
    "prefs.nudges_button_off": "🔕 Reminders {agency}: off — press to turn on",
    "prefs.summaries_button": "📊 Weekly summary {agency}: on — press to turn off",
    "prefs.summaries_button_off": "📊 Weekly summary {agency}: off — press to turn on",
    "prefs.language": "\nNgôn ngữ / Language:",
    "prefs.lang.vi": "Tiếng Việt",
    "prefs.lang.en": "English",
    "prefs.language_set": "Switched to English.",
    "prefs.saved": "Saved.",
    "prefs.not_member": "You are no longer a member of {agency}.",
})

TEXTS.update({
    # --- Officials: task lists (/tasks /overdue /upcoming /done /find) -------------
    "cmd.tasks": "Open tasks, most urgent first",
    "cmd.overdue": "Overdue tasks",
    "cmd.upcoming": "Tasks due soon: /upcoming [days, default 7]",
    "cmd.done": "Tasks completed in the last 30 days",
    "cmd.find": "Search tasks by text, diacritics optional: /find <words>",
    "tl.scope_province": "whole province",
    "tl.head.open": "📋 <b>Open tasks</b> — {scope}: {total:# task|# tasks}",
    "tl.head.overdue": "🔴 <b>Overdue tasks</b> — {scope}: {total:# task|# tasks}",
    "tl.head.upcoming": "⏰ <b>Tasks due in the next {days:day|# days}</b> — {scope}: {total:# task|# tasks}",
    "tl.head.done": "✅ <b>Tasks completed in the last {days:day|# days}</b> — {scope}: {total:# task|# tasks}",
    "tl.head.find": "🔎 <b>Results for “{query}”</b> — {scope}: {total:# task|# tasks}",
    "tl.empty.open": "No open tasks.",
    "tl.empty.overdue": "No overdue tasks. 👍",
    "tl.empty.upcoming": "No tasks due in the next {days:day|# days}.",
    "tl.empty.done": "No task was confirmed done in the last {days:day|# days}.",
    "tl.empty.find": "No task contains “{query}”. Try fewer or other words.",
    "tl.page": "Page {page}/{pages}",
    "tl.hint": "Press a task number to see it, report progress or ask for more time.",
    "tl.prev": "« Previous",
    "tl.next": "Next »",
    "tl.find_narrow": "Many results; please search with more specific words.",
    "tl.upcoming_usage": "Usage: /upcoming [days from 1 to 366], e.g. /upcoming 14",
    "tl.find_usage": "Usage: /find &lt;words&gt;, e.g. /find so hoa (diacritics optional)",
    "tl.done_when": "completed {date} ({verdict})",
    "tl.done_on_time": "on time",
    "tl.done_late": "{days:# day|# days} late",
    "tl.done_no_deadline": "no deadline",
    # --- Officials: acting on a task and admins' decisions --------------------------
    "act.btn.progress": "📝 Report progress",
    "act.btn.done": "✅ Report done",
    "act.btn.extend": "⏳ Ask for more time",
    "act.btn.confirm": "✅ Confirm done",
    "act.btn.return": "↩️ Return",
    "act.btn.approve": "👍 Approve extension",
    "act.btn.reject": "👎 Reject",
    "act.btn.cancel": "Cancel",
    "act.btn.file": "📎 Latest report's file",
    "act.btn.view": "Open task #{id}",
    "act.refuse.not_found": "Task #{id} does not exist (it may have been deleted).",
    "act.refuse.no_access": "Task #{id} does not belong to your agencies, so you cannot act on it.",
    "act.refuse.not_lead": "Your agency only supports task #{id}: you may report progress; reporting it done or asking for more time is for the lead agency.",
    "act.refuse.not_admin": "Only admins (the provincial office) may decide this.",
    "act.refuse.cancelled": "Task #{id} was cancelled.",
    "act.refuse.closed": (
        "Task #{id} is already done (confirmed or closed by the office); this no longer applies."
    ),
    "act.refuse.awaiting": "Task #{id} was reported done and awaits the provincial office's confirmation.",
    "act.refuse.no_deadline": "Task #{id} has no deadline, so there is nothing to extend.",
    "act.refuse.recurring": "Task #{id} recurs; each period has its own deadline, which cannot be extended.",
    "act.refuse.extension_pending": "Task #{id} already has an extension request awaiting a decision.",
    "act.refuse.decided": "This request on task #{id} was already decided; nothing changed.",
    "act.refuse.settled": (
        "This extension request is no longer open: the requesting unit's part (task #{id}) "
        "was confirmed done."
    ),
    "act.refuse.stale": "This button is no longer valid. Please open the task again with /task {id}.",
    "act.task_line": "<b>Task #{id}</b>: {text}",
    "act.verdict.on_time": "on time",
    "act.verdict.late": "{days:# day|# days} late",
    "act.verdict.no_deadline": "task without deadline",
    "act.open_private": "The bot needs to message you privately: open a chat with the bot, press Start, then press this button again.",
    "act.asked_in_private": "The bot sent you a private message; please answer there.",
    "act.cancel_stale": "This question had already ended (answered or cancelled); what you sent is kept.",
    "act.cancelled": "Cancelled.",
    "act.cancelled_prompt": "Cancelled. Nothing was recorded.",
    "act.confirmed_toast": "Task #{id} confirmed done; the lead agency has been told.",
    "act.approved_toast": "Extension of task #{id} approved; the lead agency has been told.",
    "act.ask.progress": (
        "📝 Progress report — {task}\n\n"
        "Please send the report in your next message. You may attach a file (document, "
        "photo): attach it and write the report in its caption.\n"
        "<i>The bot will wait {minutes:# minute|# minutes} for your answer.</i>"
    ),
    "act.ask.done": (
        "✅ Report done — {task}\n\n"
        "Please send a short result (e.g. the number and date of the report or what was "
        "delivered). The provincial office will confirm it.\n"
        "<i>The bot will wait {minutes:# minute|# minutes} for your answer.</i>"
    ),
    "act.ask.extension_date": (
        "⏳ More time — {task}\n\n"
        "Current deadline: <b>{deadline}</b>. Please send the proposed deadline, e.g. "
        "<code>{ex_day}</code>, <code>{ex_dm}</code> or <code>+14</code> (14 more days, i.e. {ex_plus}).\n"
        "<i>The bot will wait {minutes:# minute|# minutes} for your answer.</i>"
    ),
    "act.ask.extension_reason": "Proposed deadline for task #{id}: <b>{date}</b>.\nPlease send the reason.",
    "act.ask.return_note": (
        "↩️ Return the done report — {task}\n\n"
        "Please send your note (why it is not done yet); {who} will receive it.\n"
        "<i>The bot will wait {minutes:# minute|# minutes} for your answer.</i>"
    ),
    "act.ask.reject_note": (
        "👎 Reject the extension — {task}\n\n"
        "Please send the reason; {who} will receive it.\n"
        "<i>The bot will wait {minutes:# minute|# minutes} for your answer.</i>"
    ),
    "act.file_caption": "📎 Progress report file of task #{id}: {note}",
    "act.kind.progress": "progress report",
    "act.kind.done_result": "done report",
    "act.kind.extension_date": "extension request",
    "act.kind.extension_reason": "extension request",
    "act.kind.return_note": "return of a done report",
    "act.kind.reject_note": "extension rejection",
    "act.input.expired": (
        "Your {what} for task #{id} waited more than {minutes:# minute|# minutes}, so this message was "
        "not recorded. Please open the task again (/task {id}) and press the button again."
    ),
    "act.input.need_text": "Please send it as text (or press Cancel on the previous message).",
    "act.progress.need_text": "File received. Please send a few lines of report to go with it.",
    "act.progress.saved": "Progress report on task #{id} recorded. Thank you!",
    "act.progress.saved_file": "Progress report on task #{id} recorded with its file. Thank you!",
    "act.done.sent": "Your done report on task #{id} was sent to the provincial office. You will be told when it is confirmed or returned.",
    "act.extension.sent": "Your request to extend task #{id} to {new} was sent to the provincial office. You will be told of the decision.",
    "act.date.empty": "Please send the proposed deadline, e.g. {ex_day}.",
    "act.date.unrecognized": "The bot did not understand “{text}”. Please send a date, e.g. {ex_day} or +14.",
    "act.date.invalid_date": "There is no such date as “{date}”. Please send it again, e.g. {ex_day}.",
    "act.date.past": "{date} is past (today is {today}). Please send a later date.",
    "act.date.no_such_quarter": "“{text}”: a year has four quarters, I to IV (e.g. quý {ex_quarter}).",
    "act.date.too_far": "{date} is too far ahead. Please send an earlier date.",
    "act.date.not_a_date": "An extension needs one date, e.g. {ex_day}. Please send it again.",
    "act.date.not_later": "The proposed deadline must be after the current one ({deadline}). Please send it again.",
    "act.notify.done_reported": (
        "🕓 <b>Reported done, awaiting confirmation</b>\n{task}\n\n"
        "🏢 {agencies} — {who}, {at}\n"
        "⏰ Deadline: {deadline}\n"
        "📝 Result: {result}\n\n"
        "If confirmed, {what} counts as done on {date} ({verdict}); if it was actually done "
        "on another day, press «📅 Done on another day»."
    ),
    "act.notify.extension_requested": (
        "⏳ <b>Extension request</b>\n{task}\n\n"
        "🏢 {agencies} — {who}, {at}\n"
        "⏰ Current deadline: {old}\n"
        "➡️ Asked for: <b>{new}</b>\n"
        "💬 Reason: {reason}"
    ),
    "act.notify.confirmed": "✅ <b>Confirmed done</b>\n{task}\n\nDone on {date} ({verdict}).",
    "act.notify.recurred": (
        "✅ <b>This period confirmed done</b>\n{task}\n\n"
        "Done on {date} ({verdict}). Next period: due <b>{next}</b>."
    ),
    "act.notify.returned": (
        "↩️ <b>Done report not confirmed</b>\n{task}\n\n"
        "💬 The provincial office says: {note}\n"
        "The task stays open; deadline: {deadline}."
    ),
    "act.notify.approved": "👍 <b>Extension approved</b>\n{task}\n\nNew deadline: <b>{new}</b> (was {old}).",
    "act.notify.rejected": (
        "👎 <b>Extension rejected</b>\n{task}\n\n"
        "The deadline stays <b>{old}</b> (asked: {new}).\n💬 Reason: {note}"
    ),
    "act.done.admin_returned": "The done report on task #{id} was returned; the lead agency was told, with your note.",
    "act.done.admin_rejected": "Extension of task #{id} rejected; the lead agency was told, with your reason.",
    # --- /new: recording a conclusion in chat; pick.*: agency and deadline pickers ---
    "cmd.new": "Record a new conclusion notice step by step (or /ketluan)",
    "new.intro.new": (
        "📝 <b>Recording a conclusion notice</b>\n"
        "The bot asks for the document's details, then each task. Press <b>Skip</b> for what "
        "is missing and <b>Back</b> to correct. The draft is saved after every step."
    ),
    "new.intro.import": (
        "📥 <b>Importing a conclusion notice</b>\n"
        "The bot reads the notice and proposes each task (lead, supporting agencies, "
        "deadline) for you to <b>Accept</b>, <b>Edit</b> or <b>Skip</b>; nothing is saved "
        "before you press <b>Save and assign</b>."
    ),
    "cmd.import": "Import a conclusion notice from pasted text or a .docx/.pdf/.txt file",
    "new.import.ask": (
        "Paste the whole notice here, or send a <b>.docx</b>, <b>.pdf</b> (text that can be "
        "selected and copied; scans cannot be read yet) or <b>.txt</b> file of at most "
        "{limit} MB."
    ),
    "new.import.received": "{chars} characters received. Paste the rest (if any), or press <b>Read</b>.",
    "new.import.read": "📖 Read «{name}»: <b>{count:# proposed task|# proposed tasks}</b>. Review them one by one:",
    "new.import.nothing": "📖 No task was found in this text. You can type the tasks yourself.",
    "new.import.proposal": "<b>Proposal {index}/{total}</b> (item {ordinal} of the notice):",
    "new.import.unknown": (
        "⚠️ Agencies marked “not in the directory” are added to it when you save. If the bot "
        "misread a name, press <b>Edit</b> to pick another agency."
    ),
    "new.import.no_lead": "⚠️ No lead agency found: press <b>Edit</b> to choose one.",
    "new.import.taken": "✅ {count:# task|# tasks} accepted.",
    "new.import.stopped": "Stopped at a task without a lead agency:",
    "new.import.not_waiting": "The bot is not waiting for a file now. Please answer the current question, or send /import for a new notice.",
    "new.import.doc_error.unsupported_type": "The file «{name}» cannot be read: send a .docx, .pdf or .txt file.",
    "new.import.doc_error.too_large": "The file «{name}» is larger than {limit} MB. Please send a smaller file or paste the text.",
    "new.import.doc_error.unreadable": "The file «{name}» could not be downloaded. Please send it again.",
    "new.import.doc_error.empty": "The file «{name}» is empty.",
    "new.import.doc_error.binary": "The file «{name}» is not plain text. Please send a .docx or .pdf, or paste the text.",
    "new.import.doc_error.undecodable": "The file «{name}» is not UTF-8. Please save it as UTF-8 or paste the text.",
    "new.import.doc_error.corrupt": "The file «{name}» is damaged and cannot be opened.",
    "new.import.doc_error.encrypted": "The file «{name}» is password-protected.",
    "new.import.doc_error.no_text_layer": (
        "The PDF «{name}» is a scan; the bot cannot read its text yet. Please send the "
        ".docx, a PDF whose text can be selected and copied, or paste the text."
    ),
    "new.import.doc_error.not_regular": "The file «{name}» is not a regular file (a folder, device or pipe); not read.",
    "new.import.doc_error.too_big_unpacked": "The file «{name}» unpacks to more than {unpacked} MB (the limit); not read further.",
    "new.import.doc_error.too_many_parts": "The file «{name}» has more than {parts} parts inside (the limit); not read.",
    "new.import.doc_error.too_complex": "The file «{name}» has more than {elements} XML elements (the limit); too complex to read.",
    "new.import.doc_error.too_many_paragraphs": "The file «{name}» has more than {paragraphs} paragraphs (the limit); not a conclusion notice.",
    "new.import.doc_error.too_many_pages": "The file «{name}» has more than {pages} pages (the limit); not read.",
    "new.import.doc_error.too_long": "The file «{name}» is longer than {chars} characters (the limit); not read.",
    "new.import.doc_error.too_slow": "The file «{name}» needs more than {seconds} seconds to read and analyse (the limit); stopped.",
    "new.import.doc_error.too_much_memory": "The file «{name}» needs more than {memory} MB of memory to read (the limit); stopped.",
    "new.import.doc_error.failed": "The file «{name}» could not be read (the reading process stopped abnormally).",
    "new.import.paste_error.too_long": "The pasted text is longer than {chars} characters (the limit); not read.",
    "new.import.paste_error.too_many_paragraphs": "The pasted text has more than {paragraphs} paragraphs (the limit); not a conclusion notice.",
    "new.import.paste_error.too_slow": "The pasted text needs more than {seconds} seconds to read and analyse (the limit); stopped.",
    "new.import.paste_error.too_much_memory": "The pasted text needs more than {memory} MB of memory to read (the limit); stopped.",
    "new.import.paste_error.failed": "The pasted text could not be read (the reading process stopped abnormally).",
    "new.btn.read": "📖 Read",
    "new.btn.accept": "✅ Accept",
    "new.btn.edit": "✏️ Edit",
    "new.btn.skip_proposal": "⏭ Skip",
    "new.btn.accept_rest": "✅ Accept all {count} remaining",
    "new.step.source": "waiting for the notice",
    "new.step.review": "reviewing proposals",
    "new.ask.number": "<b>Step {index}/{total}.</b> Document number? (e.g. 412/TB-UBND)",
    "new.ask.issuer": "<b>Step {index}/{total}.</b> Issuing body? (e.g. UBND {province})",
    "new.ask.signer": "<b>Step {index}/{total}.</b> Signed by?",
    "new.ask.issued_on": "<b>Step {index}/{total}.</b> Issue date? (e.g. {ex_issued})",
    "new.ask.meeting_on": "<b>Step {index}/{total}.</b> Meeting date? (e.g. {ex_meeting})",
    "new.ask.title": "<b>Step {index}/{total}.</b> Title of the notice?",
    "new.ask.current": "Now: <i>{value}</i>",
    "new.ask.task_text": "<b>Task {number}.</b> Type (or paste) the task:",
    "new.ask.task_text_hint": "Tip: paste the whole paragraph; agencies and deadline come next.",
    "new.ask.lead": (
        "<b>Lead agency</b> for «{text}»?\n"
        "Pick below or type part of a name or an abbreviation to filter (e.g. "
        "<i>tài chính</i>, <i>KH&amp;ĐT</i>). Several lead agencies: separate them with "
        "semicolons (;)."
    ),
    "new.ask.support": (
        "<b>Supporting agencies</b> for {lead}?\n"
        "Tap to tick/untick (✓), type to filter or type the names; then press <b>Continue</b>."
    ),
    "new.ask.support_chosen": "Chosen: {chosen}",
    "new.ask.support_none_yet": "No supporting agency chosen yet.",
    "new.ask.offer_new": "If «{name}» is an agency missing from the directory, press ➕ to add it.",
    "new.ask.deadline": "<b>Deadline</b> of «{text}»?",
    "new.ask.more_done": "✅ <b>Task {number}</b> recorded: {text}\n    → {assignment}",
    "new.ask.more": "Type the next task right away, or press <b>Done</b> to review everything.",
    "new.btn.back": "↩ Back",
    "new.btn.cancel": "✖ Cancel",
    "new.btn.skip": "Skip",
    "new.btn.keep": "Keep",
    "new.btn.no_deadline": "No deadline",
    "new.btn.same_deadline": "As previous: {phrase}",
    "new.btn.add_task": "➕ Add a task",
    "new.btn.finish": "✅ Done, review",
    "new.btn.save": "💾 Save and assign",
    "new.btn.edit_task": "✏️ Edit a task",
    "new.btn.delete_task": "🗑 Delete a task",
    "new.btn.edit_meta": "📝 Edit document details",
    "new.btn.no_support": "No supporting agency",
    "new.btn.support_done": "Continue ▶ ({count} chosen)",
    "new.btn.resume": "▶️ Continue the draft",
    "new.btn.discard": "🗑 Discard the draft",
    "new.btn.cancel_yes": "Yes, discard the draft",
    "new.btn.cancel_no": "No, go on",
    "new.btn.delete_yes": "🗑 Delete task {number}",
    "new.resume": (
        "You have an <b>unfinished draft</b>: «{title}», {tasks:# task|# tasks}, at step <i>{step}</i>. "
        "Continue where you stopped, or discard it?"
    ),
    "new.step.number": "document number",
    "new.step.issuer": "issuing body",
    "new.step.signer": "signer",
    "new.step.issued_on": "issue date",
    "new.step.meeting_on": "meeting date",
    "new.step.title": "title",
    "new.step.task_text": "task text",
    "new.step.lead": "lead agency",
    "new.step.support": "supporting agencies",
    "new.step.deadline": "deadline",
    "new.step.more": "more tasks",
    "new.step.preview": "review before saving",
    "new.no_draft": "No draft is open. Send /new to record a new conclusion notice.",
    "new.date_error.unrecognized": "The bot cannot read the date «{text}». Please type day/month/year, e.g. {ex_issued} (or press Skip).",
    "new.date_error.invalid": "The date «{text}» does not exist. Please check it.",
    "new.date_error.future": "The date «{text}» is too far ahead; a typo in the year? Please type it again.",
    "new.blank_meta": "The message is empty. Please type the answer, or use a button under the question.",
    "new.number_error": (
        "«{text}» is not a document number. Please type the number (at most 6 digits) "
        "with its symbol, e.g. 512/TB-UBND or 45-KL/TU; with no number, press Skip."
    ),
    "new.date_error.issued_future": (
        "The issue date {date} is still ahead (today is {today}): an issued document "
        "cannot bear a later date. Please check it."
    ),
    "new.date_error.meeting_after_issue": (
        "The meeting date {date} is after the issue date ({issued}): a conclusion notice "
        "is issued after the meeting. Please type the meeting date again, or - if the "
        "notice gives none."
    ),
    "new.date_error.meeting_future": (
        "The meeting date {date} is still ahead (today is {today}): only conclusions of a "
        "meeting already held are recorded. Please check it."
    ),
    "new.task_text_error.empty": (
        "No task text yet. Please type or paste the task, e.g. Review and update the "
        "population data on the province's digital platform."
    ),
    "new.task_text_error.no_words": (
        "«{text}» is not a task. Please write the task in words (at least two), e.g. "
        "Review and update the population data on the province's digital platform."
    ),
    "new.too_long": "That is longer than {limit} characters. Please shorten it and send it again.",
    "new.too_long_split": "That is {length} characters long, over the limit of {limit}, so it was not taken. If Telegram split the long message into parts, the next part is not taken either. Please shorten it and send it again.",
    "new.too_long_tail": "This is the end of the long text just sent (Telegram splits long messages), so it is not taken either. Please send the task in one message under {limit} characters.",
    "new.deadline_ok": "⏰ Deadline: {deadline}",
    "new.use_buttons": "Please choose with the buttons under the latest message.",
    "new.stale": "This button belongs to an earlier step. Please use the bot's latest message.",
    "new.lead_ok": "🏢 Lead: {names}",
    "new.support_ok": "🤝 Supporting: {names}",
    "new.not_your_draft": "This button belongs to someone else's draft.",
    "new.closed": "This draft was already saved or discarded. Send /new to record a new notice.",
    "new.duplicate": (
        "{notice} was recorded on {saved} (tasks {tasks}), so it is not saved again. If it is "
        "another notice, change its number or issue date; otherwise discard the draft."
    ),
    "new.cancelled": "Draft discarded; nothing was saved. Send /new to start again.",
    "new.pick_edit": "✏️ <b>Edit which task?</b> Choose it by its item number in the notice.",
    "new.pick_delete": "🗑 <b>Delete which task?</b> Choose it by its item number in the notice.",
    "new.confirm_delete": "❓ <b>Delete task {number}</b> «{text}» from the draft?",
    "new.deleted": "🗑 Task {number} deleted: {text}",
    "new.saved_past_due": (
        "⚠️ {count:# task is|# tasks are} overdue from the start ({tasks}), the deadline having passed: "
        "the agencies will get overdue reminders. To change a deadline, send /task {first} "
        "and press <b>⏰ Change deadline</b>."
    ),
    "new.saved_number": "notice {number}",
    "new.saved_no_number": "the conclusion notice",
    "new.saved": (
        "💾 Saved {conclusion} with <b>{count:# task|# tasks}</b>: {tasks}.\n"
        "{sent}\n"
        "See a task with /task &lt;number&gt;, e.g. /task {first}."
    ),
    "new.deadline.recurring": "{phrase} (recurring)",
    "new.deadline.recurring_first": "{phrase} (recurring; first due {first})",
    "new.deadline.none_phrase": "{phrase} (no fixed deadline)",
    "new.deadline.none": "none",
    "new.deadline.date_phrase": "{date} (“{phrase}”)",
    "new.assign.with_support": "<b>{lead}</b> leads, with {support}; deadline: {deadline}.",
    "new.assign.lead_only": "<b>{lead}</b> leads; deadline: {deadline}.",
    "new.preview.title": "📄 <b>REVIEW THE DOCUMENT BEFORE SAVING</b>",
    "new.preview.number": "No. <b>{number}</b>",
    "new.preview.issued_on": "of {date}",
    "new.preview.issuer": "Issued by: {issuer}",
    "new.preview.signer": "Signed by: {signer}",
    "new.preview.meeting_on": "Meeting date: {date}",
    "new.preview.tasks": "<b>Tasks ({count}):</b>",
    "new.preview.past_due": (
        "⚠️ <b>{count:# task|# tasks} with a deadline already passed</b> ({numbers}): once saved, "
        "the agencies will at once be reminded that they are overdue. To change a deadline, "
        "press <b>Edit a task</b>, choose the task, then type the new deadline at the "
        "deadline step."
    ),
    "new.preview.check": (
        "Check, then press <b>Save and assign</b>; tasks can be edited or deleted before "
        "saving."
    ),
    "new.source.number": "Notice no. {number}",
    "new.source.no_number": "Conclusion notice",
    "new.source.date": "of {date}",
    "new.notify.title": "📌 <b>New tasks assigned ({count})</b>",
    "new.notify.source": "📄 {source}",
    "new.notify.agencies": "🏢 Agencies: {agencies}",
    "new.notify.lead": "<b>As lead agency:</b>",
    "new.notify.support": "<b>As supporting agency:</b>",
    "new.notify.task": "• <b>#{id}</b> {text}",
    "new.notify.deadline": "⏰ Deadline: {deadline}",
    "new.notify.led_by": "led by: {lead}",
    "new.notify.footer": "Press a task number below (or send /task &lt;number&gt;) for details and progress reports.",
    "new.notify.open": "#{id}",
    "pick.all": "Show all",
    "pick.add_new": "➕ Add new: {name}",
    "pick.filtered": "🔎 Filtered by «{query}»: {count:# agency|# agencies}.",
    "pick.none_found": "🔎 No agency in the directory matches «{query}».",
    "pick.former": "ℹ️ {former} is now <b>{current}</b>: tasks go to {current}.",
    "pick.renamed": "ℹ️ «{written}» is a former name ({former}); the agency today is <b>{current}</b> — {current} chosen.",
    "pick.renamed_same": "ℹ️ «{written}» is now <b>{current}</b> (after the reorganisation) — {current} chosen.",
    "pick.gone": "This agency is no longer in the directory. Please choose again.",
    "pick.already_known": "«{name}» is already in the directory; using it.",
    "pick.added": "➕ New agency «{name}» added to the directory.",
    "pick.deadline_hint": (
        "Type it as the document says, e.g. <i>{ex_day}</i>, <i>trước ngày {ex_day}</i>, "
        "<i>tháng {ex_month}</i>, <i>quý {ex_quarter}</i>, <i>trong năm {ex_year}</i>, "
        "<i>trong kỳ họp tháng {ex_month}</i>, <i>+7</i> (in 7 days), <i>hằng quý</i>; "
        "or press <b>No deadline</b>."
    ),
    "pick.deadline_error.empty": "No deadline given. Please type one or press No deadline.",
    "pick.deadline_error.unrecognized": "The bot cannot read the deadline «{text}».",
    "pick.deadline_error.invalid_date": "The date «{date}» does not exist. Please check it.",
    "pick.deadline_error.past": "{date} is already past (today is {today}). Please give a deadline from today on.",
    "pick.deadline_error.no_such_quarter": "“{text}”: a year has four quarters, I to IV (e.g. quý {ex_quarter}).",
    "pick.deadline_error.too_far": "The deadline {date} is too far ahead (over 10 years); a typo? Please type it again.",
})

TEXTS.update({
    # --- Reports: /export (Excel) and /stats ----------------------------------------
    "settings.province_name": (
        "must be the province or city named in report titles (at most 80 characters), "
        "e.g. PROVINCE_NAME=tỉnh An Giang"
    ),
    "cmd.export": "Excel report: /export [agency] [from] [to]",
    "cmd.stats": "Task counts per agency, with a chart: /stats [agency]",
    "export.usage": (
        "Usage: /export [agency] [from] [to], dates as dd/mm/yyyy.\n"
        "Example: /export Sở Y tế {ex_from} {ex_to}\n"
        "The period covers tasks due or assigned within it."
    ),
    "export.bad_date": "“{text}” is not a valid date. Please write dd/mm/yyyy, e.g. {ex_today}.",
    "export.bad_period": "The start date ({start}) must not be after the end date ({end}).",
    "export.unknown_agency": "No agency called “{written}” in the directory.",
    "export.unknown_agency_hint": "No agency called “{written}”. Did you mean: {hints}?",
    "stats.not_your_agency": (
        "You can only see the figures of your own agencies; {agency} is not one of them. "
        "Send /stats to see yours."
    ),
    "export.not_your_agency": "You can only export your own agencies' reports; {agency} is not one of them.",
    "export.busy": "Your previous report is still being prepared; please wait for the file first.",
    "export.empty": "No tasks for {scope} in the period ({period}).",
    "export.caption": "📊 Task report — {scope}\nPeriod: {period}. Tasks: {rows}. Figures as of {today}.",
    "export.scope_province": "whole province",
    "export.period_between": "from {start} to {end}",
    "export.period_from": "from {start}",
    "export.period_until": "until {end}",
    "export.period_all": "no time limit",
    "export.sheet_tasks": "Tasks",
    "export.sheet_summary": "Summary",
    "export.sheet_unreported": "Not reported",
    "export.subtitle_unreported": "UNITS THAT HAVE NOT REPORTED PROGRESS",
    "export.unreported_note": (
        "Open tasks due within {near:# day|# days} or overdue whose unit has not reported progress in "
        "the last {days:day|# days} (as of {today}, whatever the report's period)."
    ),
    "export.unreported_none": "Every unit has reported.",
    "export.col.unit": "Unit",
    "export.col.units_done": "Units done",
    "export.col.due_state": "Time left / overdue",
    "export.col.last_report": "Latest report",
    "export.units_done": "{done}/{total} units",
    "export.title": "People's Committee of {province}",
    "export.subtitle_tasks": "PROGRESS OF TASKS ASSIGNED IN CONCLUSION NOTICES",
    "export.subtitle_summary": "TASK RESULTS PER AGENCY",
    "export.scope_line": "Agencies: {scope} — Period: {period} — Figures as of {today}",
    "export.col.stt": "No.",
    "export.col.task_id": "Task no.",
    "export.col.doc_number": "Document no.",
    "export.col.doc_date": "Document date",
    "export.col.doc_signer": "Signed by",
    "export.col.text": "Task",
    "export.col.lead": "Lead agency",
    "export.col.support": "Supporting agencies",
    "export.col.deadline": "Deadline",
    "export.col.class": "Status",
    "export.col.report": "Latest report (progress or done)",
    "export.col.completed": "Completed on",
    "export.col.agency": "Agency",
    "export.col.total": "Total tasks",
    "export.col.count": "Count",
    "export.col.percent": "Share",
    "export.units_extended_open": " (units not done yet were granted more time, the nearest until {date})",
    "export.units_extended_done": " (units were granted until {date} at the latest)",
    "export.awaiting_confirmation": " (reported done, awaiting confirmation)",
    "export.former_agency": "{name} (now {current})",
    "export.as_support": "{name} (supporting)",
    "export.total_row": "Total (each task counted once)",
    "export.summary_note": (
        "Note: each task counts for its lead agency; a task with several lead agencies counts "
        "for each of them, so the rows may add up to more than the total. A task given to a "
        "collective (e.g. “UBND các xã, phường”) is one row for it; /stats and the weekly "
        "summary count each assigned unit, so an agency's figures may differ there. The "
        "report of an agency that is an assigned unit counts its own part (the unit's deadline "
        "and completion date), as /stats does. "
        "“(supporting)” rows "
        "count tasks the agency supports. Tasks reported done but not yet confirmed by the "
        "provincial office count as not done; cancelled tasks are not counted."
    ),
    "export.cli_description": (
        "Export the task report to an Excel file: the task list and a summary per agency. "
        "The period (--from/--to, dd/mm/yyyy) covers tasks due or assigned within it."
    ),
    "export.cli_done": "Wrote {path}: {rows:# task|# tasks} ({scope}, {period}).",
    "export.cli_bad_date": "{option}: “{text}” is not a valid date, expected dd/mm/yyyy.",
    "stats.title": "📊 <b>Task progress</b> — {scope}\n(lead agencies, as of {today})",
    "stats.legend": "✅ on time · ☑️ done late · 🟡 within deadline · 🔴 overdue · ⚪ no deadline",
    "stats.line": "<b>{name}</b>: {total:# task|# tasks}\n   ✅ {done_on_time} · ☑️ {done_late} · 🟡 {in_progress} · 🔴 {overdue} · ⚪ {no_deadline}",
    "stats.total": "<b>Whole province</b>: {total:# task|# tasks} — done {done} ({done_pct}), overdue {overdue}",
    "stats.rest": "… and <b>{count:# other agency|# other agencies}</b>: {total:# task|# tasks}\n   ✅ {done_on_time} · ☑️ {done_late} · 🟡 {in_progress} · 🔴 {overdue} · ⚪ {no_deadline}\nEvery agency in a table: /export",
    "stats.empty": "There are no tasks to count yet.",
    "chart.caption.all": "📈 Task progress by lead agency",
    "chart.caption.worst": (
        "📈 The {shown:agency|# agencies} with the most overdue tasks (of {total} lead agencies)"
    ),
    "chart.caption.some": (
        "📈 The first {shown}/{total} lead agencies of the table ({late} with overdue tasks)"
    ),
    "chart.caption.none": (
        "📈 The first {shown}/{total} lead agencies of the table (no overdue tasks)"
    ),
    "chart.caption.today": "{head}, as of {today}.",
    "chart.caption.today_rest": "{head}, as of {today}; every agency: /export.",
    "chart.caption.week": "{head}, week {week} (as of {today}).",
    "chart.caption.week_rest": "{head}, week {week} (as of {today}); the table above has every agency.",
})

TEXTS.update({
    # --- Admin tools: roles (/admins, /grant_admin, /revoke_admin) and task editing ---
    "cmd.admins": "List the administrators",
    "cmd.grant_admin": "Make someone an administrator (super-admins only)",
    "cmd.revoke_admin": "Take administrator rights away (super-admins only)",
    "admin.super_only": (
        "Only super-admins (listed in ADMIN_IDS) may grant or revoke administrator rights. "
        "Please ask a super-admin — send /admins to see who they are."
    ),
    "admin.usage_grant": (
        "To grant administrator rights, either:\n"
        "• reply to one of the person's messages with /grant_admin\n"
        "• /grant_admin &lt;Telegram id&gt;, e.g. /grant_admin 123456789\n"
        "• /grant_admin @username (the person must have written to the bot)"
    ),
    "admin.usage_revoke": (
        "To revoke administrator rights, either:\n"
        "• reply to one of the person's messages with /revoke_admin\n"
        "• /revoke_admin &lt;Telegram id&gt;, e.g. /revoke_admin 123456789\n"
        "• /revoke_admin @username"
    ),
    "admin.unknown_user": (
        "The bot has not met {who} yet. Ask them to open the bot and send /start (it tells them "
        "their Telegram id), then try again."
    ),
    "admin.target_bot": "A bot cannot be made or unmade an administrator.",
    "admin.already_super": "{who} is a super-admin (listed in ADMIN_IDS) already.",
    "admin.cannot_revoke_super": (
        "{who} is a super-admin (listed in ADMIN_IDS); that cannot be revoked in chat. Edit "
        "ADMIN_IDS in the configuration and restart the bot instead."
    ),
    "admin.already_admin": "{who} is an administrator already; nothing changed.",
    "admin.not_admin": "{who} is not an administrator; nothing changed.",
    "admin.granted": "✅ {who} is now an administrator.{notice}",
    "admin.revoked": "✅ {who} is no longer an administrator.{notice}",
    "admin.notified": " The bot told them.",
    "admin.not_notified": (
        " The bot could not message them (they may not have opened the bot); they will see "
        "their new rights when they send /start."
    ),
    "admin.you_granted": (
        "{by} made you an <b>administrator</b> of Nhắc việc: record conclusion notices, edit "
        "tasks, see province-wide reports. Send /help to see the admin commands."
    ),
    "admin.you_revoked": (
        "{by} revoked your administrator rights in Nhắc việc. Send /help to see the commands you "
        "can still use."
    ),
    "admin.who": "{name}{username} — id {id}",
    "admin.who_username": " (@{username})",
    "admin.list_super": "<b>Super-admins</b> (listed in ADMIN_IDS):",
    "admin.list_granted": "<b>Granted administrators</b>:",
    "admin.list_line": "• {who}",
    "admin.list_granted_line": "• {who}, granted by {by} on {date}",
    "admin.list_none": "• (nobody yet)",
    "admin.list_rule": (
        "Only super-admins grant or revoke rights: /grant_admin, /revoke_admin (reply to the "
        "person's message, or give their Telegram id or @username)."
    ),
    # --- Editing a saved task from its card -------------------------------------------
    "edit.admin_only": (
        "Sorry, only administrators (the Provincial People's Committee Office) may do this. "
        "Nothing was changed."
    ),
    "edit.button.text": "✏️ Edit text",
    "edit.button.agencies": "🏢 Change agencies",
    "edit.button.deadline": "⏰ Change deadline",
    "edit.button.cancel": "🚫 Cancel task",
    "edit.button.reopen": "↩️ Reopen task",
    "edit.button.abort": "✖️ Never mind",
    "edit.button.abort_close": "✖️ Never mind, keep it open",
    "edit.button.abort_cancel": "✖️ Never mind, don't cancel it",
    "edit.button.keep_lead": "Keep lead agencies",
    "edit.button.keep_support": "Keep supporting agencies",
    "edit.button.no_deadline": "No deadline",
    "edit.button.no_support": "No supporting agencies",
    "edit.button.add_new": "➕ Add to the directory",
    "edit.button.retype": "✏️ Type again",
    "edit.prompt.text": (
        "✏️ <b>Edit the text of task #{id}</b>\n"
        "Current text:\n<i>{text}</i>\n\n"
        "Send the new text in one message."
    ),
    "edit.prompt.deadline": (
        "⏰ <b>Change the deadline of task #{id}</b>\n"
        "Current deadline: {deadline}\n\n"
        "Send the new deadline. {hint}"
    ),
    "edit.prompt.lead": (
        "🏢 <b>Change the agencies of task #{id}</b>\n"
        "Lead now: {lead}\n"
        "Supporting now: {support}\n\n"
        "<b>Step 1/2:</b> send the lead agency (abbreviations work). Several agencies: one per "
        "line or separated by semicolons."
    ),
    "edit.prompt.support": (
        "{renamed}New lead: {lead}\n\n"
        "<b>Step 2/2:</b> send the supporting agencies (one per line or separated by "
        "semicolons), or press “No supporting agencies”.\n"
        "Supporting now: {support}"
    ),
    "edit.prompt.cancel": (
        "🚫 <b>Cancel task #{id}</b>\n"
        "Send the reason in one message. The task is not deleted: the reason goes into its "
        "history and it can be reopened later."
    ),
    "edit.prompt.unknown": (
        "{renamed}Not in the agency directory: {names}.{suggestions}\n\n"
        "Press “Add to the directory” if it really is a new agency, or “Type again”."
    ),
    "edit.suggestions": "\nDid you mean: {names}?",
    "edit.none": "none",
    "edit.need_lead": "A task needs at least one lead agency. Send its name, or press “Keep lead agencies”.",
    "edit.empty_text": "The text cannot be empty. Send the new text, or press “Never mind”.",
    "edit.empty_reason": "Please send the reason for cancelling, or press “Never mind, don't cancel it”.",
    "edit.same_text": "That is the current text. Send a different one, or press “Never mind”.",
    "edit.same_deadline": "That is the current deadline ({deadline}). Send another, or press “Never mind”.",
    "edit.done.text": "✅ The text of task #{id} was changed.",
    "edit.done.deadline": "✅ The deadline of task #{id} was changed: {old} → {new}.",
    "edit.done.agencies": "✅ The agencies of task #{id} were changed.",
    "edit.done.cancel": "✅ Task #{id} was cancelled; the reason is in its history.",
    "edit.done.reopen": "✅ Task #{id} was reopened.",
    "edit.no_change": "Nothing changed: task #{id} stays as it was.",
    "edit.aborted": "Never mind — task #{id} is unchanged.",
    "edit.added_agencies": "➕ Added to the directory: {names}.",
    "edit.expired": (
        "The edit of task #{id} expired (no answer for {minutes:# minute|# minutes}), so this message was "
        "not used. Press the button on the task's card again (/task {id}) to start over."
    ),
    "edit.abandoned": "ℹ️ The unfinished edit of task #{id} was dropped because you sent another command; the task is unchanged.",
    "edit.stale_state": (
        "This button is out of date: task #{id} is now “{state}”, so this cannot be done. "
        "Send /task {id} for the current card."
    ),
    "edit.stale_prompt": (
        "This button belongs to an edit that is finished, dropped or expired. Send /task and "
        "the task number to start again."
    ),
})

TEXTS.update({
    # --- Polish: usability fixes after the review walk-through ---------------------
    # usability fixes after the review walk-through
    "act.dropped.progress": (
        "The progress report for task #{id} was cancelled because you sent another command; "
        "nothing was recorded. Press the button on the task again if needed."
    ),
    "act.dropped.done_result": (
        "The done report for task #{id} was cancelled because you sent another command; "
        "nothing was recorded. Press the button on the task again if needed."
    ),
    "act.dropped.extension_date": (
        "The extension request for task #{id} was cancelled because you sent another command; "
        "nothing was sent. Press the button on the task again if needed."
    ),
    "act.dropped.extension_reason": (
        "The extension request for task #{id} was cancelled because you sent another command; "
        "nothing was sent. Press the button on the task again if needed."
    ),
    "act.dropped.return_note": (
        "Returning the done report of task #{id} was cancelled because you sent another "
        "command; the report still awaits confirmation. Press the button again if needed."
    ),
    "act.dropped.reject_note": (
        "Rejecting the extension of task #{id} was cancelled because you sent another "
        "command; the request still awaits a decision. Press the button again if needed."
    ),
    # /invite
    "invite.renamed": (
        "ℹ️ {named} is now <b>{current}</b> (after the reorganisation); the invitation "
        "below is for {current}.\n\n"
    ),
    "invite.collective": (
        "“{agency}” is a collective name for many agencies and has no members of its own, "
        "so no invitation can be made for it. Please invite each agency, e.g. /invite Sở Y tế."
    ),
    # when the weekly summary goes out (SUMMARY_WEEKDAY, SUMMARY_HOUR)
    "summary.when": "every {weekday} at {hour}",
    "weekday.1": "Monday",
    "weekday.2": "Tuesday",
    "weekday.3": "Wednesday",
    "weekday.4": "Thursday",
    "weekday.5": "Friday",
    "weekday.6": "Saturday",
    "weekday.7": "Sunday",
    # task lists
    "tl.hint_view": "Press a task number to see its details.",
    "tl.role_support": "Lead: {lead} · {support} supporting",
    # an admin's notice once decided
    "act.closed.confirmed": "✅ <b>Confirmed done</b>",
    "act.closed.returned": "↩️ <b>Done report returned</b>",
    "act.closed.approved": "👍 <b>Extension approved to {date}</b>",
    "act.closed.rejected": "👎 <b>Extension not approved</b>",
    "act.line.deadline": "⏰ Deadline: {deadline}",
    "act.line.current_deadline": "⏰ Current deadline: {old}",
    "act.line.deadline_asked": "⏰ Deadline when asked: {old}",
    "act.decided_by": "Decided by {who}, {at}",
    # groups (/task N, the open-task button, /help)
    "group.card_elsewhere": (
        "This group only receives information for {agencies}; task #{id} is not shown here. "
        "Please look it up in your private chat with the bot."
    ),
    "group.card_members_only": (
        "Task #{id} is shown only to officials of {agencies} who have joined Nhắc việc. "
        "Please message the bot privately (send /start) to see how to join."
    ),
    "group.card_unlinked": (
        "This group is not linked to any agency, so task #{id} is not shown here. "
        "Please look it up in your private chat with the bot."
    ),
    "help.title.group": "<b>Commands that work in this group</b>",
    "help.group_private": (
        "Other commands (search, progress reports, settings…) work in your private chat "
        "with the bot: {link}"
    ),
    # free text with nothing pending
    "error.not_understood": "The bot did not understand this message. Send /help to see the commands you can use.",
    "error.not_understood_member": (
        "This message was not recorded. To report progress, send /tasks, choose the task, press "
        "«📝 Report progress» and send the text again. Send /help for the commands you can use."
    ),
    # weekly summary of an agency that leads no task
    "summary.support_only": (
        "📊 <b>Weekly summary {week} — {agency}</b>\n"
        "As of {today}, {agency} leads no task; it supports {count:# open task|# open tasks}: {ids}."
    ),
    "cli.summary_nothing": (
        "{agency} neither leads nor supports any open task: no summary is sent this week."
    ),
})

TEXTS.update({
    # --- /cancel and the one question the bot waits for -----------------------------
    "cmd.cancel": "Cancel what the bot is waiting for you to answer",
    "cancel.nothing": "The bot is not waiting for any answer from you, so there is nothing to cancel.",
    "cancel.act.progress": "The progress report for task #{id} was cancelled; nothing was recorded.",
    "cancel.act.done_result": "The completion report for task #{id} was cancelled; nothing was recorded.",
    "cancel.act.extension_date": "The extension request for task #{id} was cancelled; nothing was sent.",
    "cancel.act.extension_reason": "The extension request for task #{id} was cancelled; nothing was sent.",
    "cancel.act.return_note": "Returning the completion report of task #{id} was cancelled; the report still awaits confirmation.",
    "cancel.act.reject_note": "Declining the extension of task #{id} was cancelled; the request still awaits a decision.",
    "cancel.edit": "Editing task #{id} was cancelled; the task is unchanged.",
    "new.paused": "The draft you were recording is paused (nothing is lost); send /new or /import to go on.",
    "cancel.new_kept": (
        "Recording stopped. The draft ({tasks:# task|# tasks} accepted, {proposals:# proposal|# proposals} read from "
        "the document) is kept so that no work is lost: send /new to go on, or to discard it."
    ),
    "cancel.new": "The draft conclusion ({tasks:# task|# tasks} entered) was discarded; nothing was saved. Send /new or /import to record one again.",
    "cancel.join": "Stopped looking for an agency. Send /join when you want to ask to join.",
    "join.need_name": "Please type the name of your agency (e.g. Sở Tài chính), or send /cancel to stop.",
    "error.stray_file": (
        "The bot reads files only when it is waiting for one: send /import to record a "
        "conclusion notice, or press “Report progress” on a task and then send the file."
    ),
    "error.edited": (
        "The bot does not read edited messages, so nothing was changed. If needed, please "
        "send the text again in a new message."
    ),
})

TEXTS.update({
    # --- Telegram conventions (issue #14): the bot's profile, error reports ---------
    "bot.description": (
        "Nhắc việc follows the tasks the province's leaders assign in conclusion notices: it "
        "reminds agencies before and after each deadline, takes progress reports and "
        "extension requests, and sends a weekly summary.\n\n"
        "For officials of the departments and localities invited by the Provincial People's "
        "Committee Office. Press “Start” to see how to join."
    ),
    "bot.short_description": (
        "Follows and reminds the deadlines of tasks assigned in the province's conclusion notices."
    ),
    "incident.report": (
        "⚠️ <b>The bot failed to handle a request</b>\n"
        "Error: <code>{error}</code> in <code>{where}</code>\n"
        "Request: {update}\n"
        "At: {at}{repeated}\n\n"
        "The user was told something went wrong and to try again. The technical details are "
        "in the server's log. The same kind of error is not reported again within 1 hour."
    ),
    "incident.repeated": "\nIt happened {count:once more|# more times} since the last report.",
    "incident.update.command": "command {detail}",
    "incident.update.button": "a button press (action code {detail})",
    "incident.update.text": "a text message",
    "incident.update.file": "an uploaded file",
    "incident.update.photo": "an uploaded photo",
    "incident.update.member": "the bot added to or removed from a group",
    "incident.update.job": "the scheduled job “{detail}”",
    "incident.update.other": "another update from Telegram",
    "incident.chat.private": ", in a private chat",
    "incident.chat.group": ", in a group",
})

TEXTS.update({
    # --- Told when it concerns them (issue #14): digests, change notices, lists in groups
    "prefs.digest": "• Digest of the agencies' progress reports (sent at {times} on working days): {state}",
    "prefs.digest_unset": "• Digest of progress reports: off for everyone (setting REPORT_DIGEST_AT).",
    "prefs.digest_button": "📝 Progress report digest: on — press to turn off",
    "prefs.digest_button_off": "📝 Progress report digest: off — press to turn on",
    "digest.title": "📝 <b>New progress reports: {count}</b>\nFrom {since} to {until}",
    "digest.task": "\n<b>#{id}</b> {text}\n🏢 Lead: {lead}",
    "digest.report": "• {at} — {who}: {note}{file}",
    "digest.who": "{who}",
    "digest.who_agency": "{who} ({agency})",
    "digest.file": " 📎 with an attached file",
    "digest.more": "\n… and {count:# more report|# more reports}; see each task with /task &lt;number&gt;.",
    "digest.footer": (
        "\nPress a task number below for its details. Turn this digest off or on in /settings."
    ),
    "edit.notify.text": (
        "✏️ <b>The office changed the text of a task</b>\n{task}\n\n"
        "New text: {new}"
    ),
    "edit.notify.deadline": (
        "⏰ <b>The office changed the deadline of a task</b>\n{task}\n\n"
        "Old deadline: {old}\nNew deadline: {new}"
    ),
    "edit.notify.deadline_kept": (
        "⏰ <b>The office changed the deadline of a task</b>\n{task}\n\n"
        "Task deadline: {old} → {new}\n"
        "The extended deadline of {units} stays: {own}"
    ),
    "edit.notify.extended_old": "{date} (extended)",
    "edit.notify.agencies": (
        "🏢 <b>The office changed the agencies of a task</b>\n{task}\n\n"
        "Lead: {lead}\nSupporting: {support}\n"
        "Before — lead: {old_lead}; supporting: {old_support}{dropped}"
    ),
    "edit.notify.no_support": "none",
    "edit.notify.dropped": (
        "\n\n{agencies} no longer take part in this task; the bot stops reminding about it."
    ),
    "edit.notify.cancelled": (
        "🚫 <b>The office cancelled a task</b>\n{task}\n\n"
        "Reason: {reason}\nThe bot stops reminding about it."
    ),
    "edit.notify.reopened_awaiting": (
        "↩️ <b>The office reopened a task</b>\n{task}\n\n"
        "Your unit's done report waits for the office's confirmation."
    ),
    "edit.notify.reopened": (
        "↩️ <b>The office reopened a task</b>\n{task}\n\n"
        "The task is followed again; deadline: {deadline}."
    ),
    "group.lists_members_only": (
        "The task list of {agencies} is shown only to their officials who joined Nhắc việc. "
        "Please write to the bot privately (send /start) to see how to join."
    ),
})

TEXTS.update({
    # --- Issue #14: what officials tripped over -----------------------------------------
    "line.done": "due {deadline} · done {date}",
    "line.done_no_deadline": "done {date}",
    "line.awaiting": "reported done, awaiting confirmation",
    "line.units_extended": "{deadline} (units not done yet were granted more time, the nearest until {date}), {left}",
    "line.cancelled": "cancelled",
    "new.ask.current_meta": (
        "Now: <i>{value}</i>\nPress <b>Keep</b>, type something else to replace it, or type "
        "<code>-</code> to leave it empty."
    ),
    "new.agency_new": "{name} (not in the directory)",
    "new.btn.new_ticked": "✓ {name} (new)",
    "new.import.earlier": (
        "⚠️ {notice} was recorded on {saved}, with tasks {tasks}. The bot does not record it "
        "again, so no task is assigned twice; the draft was discarded. See the tasks: /task "
        "{first}."
    ),
    "new.ask.first_period": (
        "🔁 <b>First period</b> of the recurring task «{text}» ({phrase})?\n"
        "Each time the office confirms it done, the task moves on to the next period. By "
        "default it is followed from the current period (due {current}); if the previous "
        "period was not reported on, choose that one."
    ),
    "new.import.first_period": (
        "🔁 Recurring task, followed from the period due {date}. If the previous period was "
        "not reported on, choose it:"
    ),
    "new.period.before2": "2 periods ago · {date}",
    "new.period.before": "Previous · {date}",
    "new.period.current": "Current · {date}",
    "new.period.next": "Next · {date}",
    "new.step.first_period": "first period",
    "act.btn.confirm_on": "📅 Done on another day",
    "act.btn.approve_to": "📅 Extend to another date",
    "act.btn.on_today": "Today · {date}",
    "act.btn.on_reported": "Day reported · {date}",
    "act.ask.done_date": (
        "📅 Actual completion date — {task}\n\n"
        "Deadline: {deadline}. Press a day below, or send the day it was actually done, e.g. "
        "<code>{ex_issued}</code>.\n"
        "<i>The bot will wait {minutes:# minute|# minutes} for your answer.</i>"
    ),
    "act.ask.approve_date": (
        "📅 Extend to another date — {task}\n\n"
        "Current deadline: <b>{deadline}</b>; {who} asked for <b>{asked}</b>. "
        "Please send the new deadline, e.g. <code>{ex_day}</code> or <code>+14</code> "
        "(14 more days, i.e. {ex_plus}).\n"
        "<i>The bot will wait {minutes:# minute|# minutes} for your answer.</i>"
    ),
    "act.ask.approve_note": (
        "New deadline of task #{id}: <b>{date}</b>.\nPlease send your comment for {who} "
        "(e.g. why this date), or send «-» for none."
    ),
    "act.done_date.unrecognized": (
        "The bot cannot read the date «{text}». Please send day/month/year, e.g. {ex_issued}."
    ),
    "act.done_date.invalid": "The date «{text}» does not exist. Please check it.",
    "act.done_date.future": "The completion date cannot be after today ({today}). Please send it again.",
    "act.done.admin_confirmed": (
        "Task #{id} confirmed done on {date}; the lead agency has been told."
    ),
    "act.done.admin_approved": (
        "Extension of task #{id} to {date} approved; the lead agency has been told."
    ),
    "act.done.admin_approved_unit": (
        "Extension of {unit}'s part (task #{id}) to {date} approved; the unit has been told."
    ),
    "act.approved_toast_unit": (
        "Extension of {unit}'s part (task #{id}) to {date} approved; the unit has been told."
    ),
    "act.who.lead": "the lead agency",
    "act.what.task": "the task",
    "act.what.part": "the unit's part",
    "act.notify.extension_settled": (
        "\nThe extension request to {new} needs no decision any more: {what} is done."
    ),
    "act.closed.by_closing": (
        "✅ <b>Counted as done on {date} (the day reported)</b>: the office closed the task."
    ),
    "act.closed.task_closed": (
        "☑️ <b>Extension request closed</b>: the office closed the task."
    ),
    "act.closed.settled": (
        "☑️ <b>Extension request closed</b>: the task was confirmed done, no extension needed."
    ),
    "act.closed.settled_unit": (
        "☑️ <b>Extension request closed</b>: {unit}'s part was confirmed done, no extension "
        "needed."
    ),
    "act.what.unit": "{unit}'s part",
    "act.confirmed_toast_unit": "{unit}'s part (task #{id}) confirmed done; the unit has been told.",
    "act.done.admin_confirmed_unit": (
        "{unit}'s part (task #{id}) confirmed done on {date}; the unit has been told."
    ),
    "act.done.admin_returned_unit": (
        "The done report of {unit}'s part (task #{id}) was returned; the unit was told, with "
        "your note."
    ),
    "act.done.admin_rejected_unit": (
        "Extension of {unit}'s part (task #{id}) rejected; the unit was told, with your reason."
    ),
    "act.notify.approved_other": (
        "👍 <b>Extension approved</b>\n{task}\n\n"
        "New deadline: <b>{new}</b> (asked for: {asked}; previous deadline: {old}).{comment}"
    ),
    "act.notify.comment": "\n💬 The office's comment: {note}",
    "act.kind.done_date": "confirming the completion date",
    "act.kind.approve_date": "extending to another date",
    "act.kind.approve_note": "extending to another date",
    "cancel.act.done_date": (
        "Confirming the completion date of task #{id} was cancelled; the report still awaits "
        "confirmation."
    ),
    "cancel.act.approve_date": (
        "Extending task #{id} to another date was cancelled; the request still awaits a "
        "decision."
    ),
    "cancel.act.approve_note": (
        "Extending task #{id} to another date was cancelled; the request still awaits a "
        "decision."
    ),
    "act.dropped.done_date": (
        "Confirming the completion date of task #{id} was dropped because you sent another "
        "command; the report still awaits confirmation. Press the button on the notice again "
        "if needed."
    ),
    "act.dropped.approve_date": (
        "Extending task #{id} to another date was dropped because you sent another command; "
        "the request still awaits a decision. Press the button on the notice again if needed."
    ),
    "act.dropped.approve_note": (
        "Extending task #{id} to another date was dropped because you sent another command; "
        "the request still awaits a decision. Press the button on the notice again if needed."
    ),
    "new.saved_sent": "The assignment was sent to {chats:# chat|# chats} following the agencies concerned.",
    "new.saved_unreached": (
        "{count:# assigned unit has|# assigned units have} no one following them, so they were not told: "
        "{names}{more}. Invite their officials with /invite &lt;agency name&gt;."
    ),
    "new.saved_unreached_more": " and {count} more",
    "new.saved_nobody": (
        "No chat follows the agencies concerned yet, so nobody was told of the assignment. "
        "Invite each agency's staff with /invite &lt;agency&gt;; once they join, they see "
        "these tasks and get reminders."
    ),
    "new.confirm_cancel": (
        "❓ <b>Discard this draft?</b> The document details and the {tasks:# task|# tasks} entered "
        "are dropped; nothing is saved."
    ),
    "help.section.record": "📝 <b>Recording</b>",
    "help.section.follow": "📋 <b>Following up</b>",
    "help.section.report": "📊 <b>Reports</b>",
    "help.section.people": "👥 <b>People</b>",
    "help.section.general": "⚙️ <b>General</b>",
    "help.begin.admin": (
        "<b>To begin:</b> send /import and paste the whole conclusion notice (or send a .docx "
        "or .pdf file); the bot proposes each task for you to review, then save and assign. "
        "Then invite each agency's staff with /invite &lt;agency&gt; so they get their tasks "
        "and reminders."
    ),
    "help.begin.member": (
        "<b>To begin:</b> send /tasks to see your agency's tasks; press a task's number to "
        "report progress, report it done or ask for more time."
    ),
    "due.none_short": "none",
    "nudge.ask_due_recurring": (
        "Please complete this period's work and report on it today; if it cannot be done, "
        "report why."
    ),
    "nudge.ask_overdue_recurring": (
        "Please complete this period's work and report on it urgently; if it cannot be done, "
        "report why."
    ),
})

TEXTS.update({
    # --- /import review: why a proposal's lead and deadline were chosen (issue #16) ----
    "new.import.source.line": "ℹ️ Based on: {parts}.",
    "new.import.source.lead": "lead agency {why}",
    "new.import.source.deadline": "deadline {why}",
    "new.import.source.written": "written in the task itself",
    "new.import.source.heading": "from the notice's heading or column",
    "new.import.source.section": "from the section's general assignment",
    "new.import.source.document": "from the notice's addressees",
    "new.import.source.guessed": "guessed by the bot",
    "new.import.guessed_lead": "⚠️ The lead agency was guessed by the bot (the notice does not say): please check it, and press <b>Edit</b> if it is wrong.",
    "new.import.doubtful_first": (
        "Tasks to check (the bot is unsure of the lead agency, or the deadline has passed) "
        "come first in this review; when saved, tasks keep the notice's order."
    ),
    "new.import.past_due": (
        "⚠️ The deadline has passed: {date} (today is {today}). Saved like this, the task is "
        "overdue at once and the agencies get overdue reminders; press <b>Edit</b> to change "
        "the deadline if needed."
    ),
})

TEXTS.update({
    # --- Choosing the units of a qualified collective ("… có cụm công nghiệp") ---------
    "new.btn.members": "☑ Units of {agency}{task}: {chosen}/{total}",
    "new.btn.members_done": "✅ Done",
    "new.btn.members_all": "Tick all",
    "new.btn.members_none": "Untick all",
    "new.members.ask": (
        "The task «{text}» goes to <b>{agency}</b>. Tick the units it is assigned to "
        "({chosen}/{total} ticked); each ticked unit reports on its own. Press <b>Done</b> when finished."
    ),
    "new.members.page": "Page {page}/{pages}.",
    "new.members.none": "Please tick at least one unit.",
    "new.members.chosen": " ({chosen}/{total} units)",
})

# Tasks to several units in chat (#15): the card, the list of units, closing, /chuabaocao,
# the supporting agencies' switch.
TEXTS.update({
    "units.card.progress": "📊 <b>{done}/{total} units done</b>{awaiting}",
    "units.card.awaiting": " · {count} awaiting confirmation",
    "units.card.closed": "; {count} closed by the office",
    "units.card.mine": "📌 <b>Your unit:</b> {agency}",
    "units.card.more_decisions": (
        "🕓 {count:# more completion report or extension request waits|# more completion reports or extension requests wait} for the office; decide "
        "the ones below, then open the task again to see the next."
    ),
    "units.btn.list": "📋 Units not done ({count})",
    "units.btn.confirm": "✅ Confirm completion — {agency}",
    "units.btn.return": "↩️ Return — {agency}",
    "units.btn.confirm_on": "📅 Done on another day — {agency}",
    "units.btn.approve": "👍 Grant extension — {agency}",
    "units.btn.reject": "👎 Refuse extension — {agency}",
    "units.btn.approve_to": "📅 Extend to another date — {agency}",
    "units.page.head": "📋 <b>Task #{id}</b> — {text}\nUnits not done: <b>{left}/{total}</b>",
    "tl.units": " · {done}/{total} units done",
    "units.page.line": "• {agency} — {state}",
    "units.page.page": "Page {page}/{pages}",
    "units.page.none": "✅ Every unit is done.",
    "units.state.not_reported": "no report yet",
    "units.state.reported": "progress reported {date}",
    "units.state.awaiting": "reported done, awaiting confirmation",
    "units.state.extended": "extended to {date}",
    "units.state.overdue": "{days:# day|# days} overdue",
    "card.event_unit": "[{agency}] ",
    "edit.button.close": "✅ Close the task",
    "edit.prompt.close": (
        "✅ <b>Close task #{id}</b>\n"
        "The task will count as done on {today}; the units not done are closed with it and "
        "the bot stops sending reminders.{awaiting}\nSend a note in one message, e.g. “Province-wide results "
        "compiled in Report no. …”. The note is kept in the history and sent to the units."
    ),
    "edit.prompt.close_awaiting": (
        "\n{count:# unit reported done and waits for confirmation: it counts|# units reported "
        "done and wait for confirmation: they count} as done on the day reported."
    ),
    "edit.empty_note": "Please send a note for closing the task (it cannot be empty), or press “Never mind”.",
    "edit.done.close": "✅ Task #{id} closed. The note is in its history.",
    "edit.done.close_units": (
        "✅ Task #{id} closed; {count:# unit not done was|# units not done were} closed with it. The note is in its "
        "history."
    ),
    "edit.notify.closed": (
        "✅ <b>The Provincial People's Committee Office closed a task</b>\n{task}\n\n"
        "{done}Note: {note}{stop}"
    ),
    "edit.notify.closed_task": "The task counts as done on {date}.\n",
    "edit.notify.closed_own": "Your unit's part counts as done on {date}.\n",
    "edit.notify.closed_stop": "\nThe bot will stop sending reminders about it.",
    "cmd.chuabaocao": "Units that have not reported, remind them now: /chuabaocao [agency | task N]",
    "unreported.usage": (
        "Usage:\n/chuabaocao — {whole}\n/chuabaocao &lt;agency name&gt; — one agency "
        "(abbreviations and no diacritics work)\n/chuabaocao task &lt;number&gt; — one task, "
        "e.g. /chuabaocao task 12"
    ),
    "unreported.whole.province": "the whole province",
    "unreported.whole.own": "your agencies",
    "unreported.scope.agency": "🔎 Scope: {agency}",
    "unreported.scope.task": "🔎 Scope: task #{id} — {text}",
    "unreported.not_yours": (
        "You can only see the reporting of your own agencies ({agencies}). Send /chuabaocao "
        "to see it."
    ),
    "unreported.unit_line": "• {agency} — due {date}, {due} · {last}",
    "unreported.more_agencies": (
        "… and {count:# more unit|# more units}. One agency: /chuabaocao &lt;agency name&gt;; the full list "
        "is the “Not reported” sheet of /export. “Remind now” reminds them all."
    ),
    "unreported.btn.remind": "🔔 Remind now",
    "unreported.reminded": (
        "🔔 <b>Reminders to report</b> {scope}: {agencies:# unit has|# units have} not reported.\n"
        "• Reminders sent: <b>{queued}</b> {queued:message|messages}."
    ),
    "unreported.reminded_zero": (
        "🔔 <b>Reminders to report</b> {scope}: {agencies:# unit has|# units have} not reported.\n"
        "• No new reminder sent."
    ),
    "unreported.reminded_already": "• Already reminded today, not sent again: {count:# recipient|# recipients}.",
    "unreported.reminded_nothing": "👍 No unit is behind with its reports {scope}; nothing to remind.",
    "unreported.reminded_scope.province": "(whole province)",
    "unreported.reminded_scope.own": "(your agencies)",
    "unreported.reminded_scope.agency": "({agency})",
    "unreported.reminded_scope.task": "(task #{id})",
    "unreported.unreached_head": (
        "📵 <b>Nobody receives messages ({count:# unit|# units})</b> — they could not be reminded; "
        "invite them:"
    ),
    "unreported.unreached_row": "• {agency}: <code>/invite {agency}</code>",
    "unreported.unreached_row_member": "• {agency}",
    "unreported.unreached_member_tail": "Please ask the Provincial Office to invite them.",
    "prefs.agency_units": (
        "• <b>{agency}</b>: reminders {nudges}; weekly summary {summaries}; reminders about "
        "supported tasks {support}"
    ),
    "prefs.support_with_nudges": "on (while reminders are on)",
    "prefs.support_button": "🤝 Reminders about supported tasks ({agency}): on — press to turn off",
    "prefs.support_button_off": "🤝 Reminders about supported tasks ({agency}): off — press to turn on",
})
