"""The composition root: settings, services, jobs and the Telegram Application."""
