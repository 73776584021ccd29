"""Values derived from the tasks, kept while the tasks' revision stays the same.

The database moves a revision counter on every change to tasks or their agencies
(migration 0009, by triggers, whoever writes). Reading that one row is far cheaper than
recounting a province, so derived figures (the /stats counts) are kept per revision and
dropped all at once when it moves.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class RevisionCache(Generic[V]):
    """At most ``size`` values for one revision, the least recently used dropped first."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._revision: int | None = None
        self._values: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, revision: int, key: Hashable) -> V | None:
        """The value kept for ``key`` at ``revision``, or None."""
        if revision != self._revision:
            return None
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def put(self, revision: int, key: Hashable, value: V) -> None:
        """Keep ``value``; another revision drops everything kept for the previous one."""
        if revision != self._revision:
            self._values.clear()
            self._revision = revision
        self._values[key] = value
        self._values.move_to_end(key)
        while len(self._values) > self.size:
            self._values.popitem(last=False)
