"""A cache that stays small however many distinct keys a long run meets."""

from __future__ import annotations

from typing import Any


# The limit of the caches that keep a whole letter per entry (its Markdown, HTML or
# encoded parts: 5-8 KB each): Engine.rendered, Converter.letters, Mail.kinds. The
# built-in letters come in about 180 kinds (reason x language x register x salutation
# x company); a batch where every letter differs (an amount of its own) fills them
# all, and at 1,024 entries each they took peak RSS to 68 MB (bench/README.md, perf44).
LETTERS = 256


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
