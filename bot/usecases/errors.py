"""Failures of the layers below that handlers answer in their own words."""

from __future__ import annotations

from storage.db import StorageFull

__all__ = ["StorageFull"]
