"""A cache that stays small however many distinct keys a long run meets."""

from __future__ import annotations

from typing import Any


class Memo(dict[Any, Any]):
    """A dict that forgets everything once it holds more than `limit` entries.

    For the caches an Engine fills over a batch or a long-running server:
    reading stays a plain dict lookup, and memory does not grow with the rows.
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int = 4096) -> None:
        super().__init__()
        self.limit = limit

    def __setitem__(self, key: Any, value: Any) -> None:
        if len(self) > self.limit:
            self.clear()
        super().__setitem__(key, value)
