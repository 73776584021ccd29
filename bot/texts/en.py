"""English texts: the same keys as ``vi.py``; a missing key falls back to Vietnamese."""

TEXTS: dict[str, str] = {
    # --- General --------------------------------------------------------------
    "error.generic": "Sorry, something went wrong while handling your request. Please try again in a few minutes.",
    "error.not_allowed": "Sorry, you are not allowed to do this.",
    "error.admin_only": "This command is for administrators (the Provincial People's Committee Office) only.",
    "error.members_only": (
        "You do not belong to any agency yet, so you cannot see tasks. "
        "Send /start to see how to join."
    ),
    "error.bad_button": "This button is invalid or has expired. Please open it again from the command.",
    "error.unknown_command": "Unknown command {command}. Send /help to see what you can use.",
    "error.private_only": "Please use this command in a private chat with the bot.",
    # --- /start and /help ------------------------------------------------------
    "start.stranger": (
        "Hello {name}!\n\n"
        "This is <b>Nhắc việc</b>, a bot that tracks the tasks assigned in the province's "
        "conclusion notices: it reminds agencies before and after deadlines, takes progress "
        "reports and sends weekly summaries.\n\n"
        "Task information is only for staff of the agencies concerned. To use the bot, please "
        "ask the Provincial People's Committee Office for an invitation link to your agency.\n\n"
        "Your Telegram id: <code>{user_id}</code>"
    ),
    "start.member": (
        "Hello {name}!\n\n"
        "You follow the tasks of: {agencies}.\n"
        "The bot reminds you before and after each deadline and sends a summary on Monday "
        "mornings.\n\n"
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
