"""refusalkit: polite, clear refusal letters from a client record.

The front door is :func:`refusalkit.draft`; everything else is how it works.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "draft", "Letter", "RefusalkitError"]


def __getattr__(name: str):  # imported lazily: `refusalkit --version` must stay cheap
    if name in ("draft", "Letter"):
        from . import api

        return getattr(api, name)
    if name == "RefusalkitError":
        from .errors import RefusalkitError

        return RefusalkitError
    raise AttributeError(name)
