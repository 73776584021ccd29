"""Pure rendering: domain records in, Telegram HTML (or plain text) out."""
