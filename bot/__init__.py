"""nhacviec: Telegram bot that keeps agencies on top of the tasks their leaders assign."""
