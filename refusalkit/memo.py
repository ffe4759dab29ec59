"""A cache that stays small however many distinct keys a long run meets."""

from __future__ import annotations

from typing import Any


# The limit of the caches that keep a converted letter per entry (its HTML and text
# blocks, or its encoded eml parts: 3-4 KB each): Converter.letters, Mail.kinds. The
# built-in letters come in about 180 kinds (reason x language x register x salutation
# x company) and 60 distinct Markdown texts; a batch where every letter differs (an
# amount of its own) fills them, and at 1,024 entries each (with 4,096 tidied parts)
# they took its peak RSS to 70 MB (bench/README.md, perf44). The render memo keeps
# 1,024: a miss there is a Jinja render (about 0.35 ms), and it costs 3.5 MB more.
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
