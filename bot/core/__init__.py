"""The pure domain: deadlines, status classes, nudge policy, access rules, value objects.

Plain functions over plain data: no I/O, no Telegram types, no database. Everything above
(views, extraction, storage, adapters, use cases, handlers) may import it; it imports
nothing of theirs (see ARCHITECTURE.md and the contract in pyproject.toml).
"""
