"""Telegram handlers: they translate updates into use-case calls and render the answers.

Every handler is listed, with its group, in :mod:`handlers.registry`; the questions the bot
waits for a typed answer to go through :mod:`handlers.waiting`.
"""
