"""Adapters to the outside world: Telegram delivery, documents, Excel, charts, files."""
