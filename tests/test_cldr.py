"""The trimmed CLDR cache (refusalkit/cldr.py) never changes what Babel answers.

Each run is a fresh interpreter, as a cold start is: first with an empty cache
(Babel loads everything and the subset is written), then with the cache (the
subset is used), then with caching off. All three must print the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import datetime, decimal, json, sys
from babel.numbers import format_currency, format_decimal
from babel.dates import format_date
from babel.lists import format_list
from babel import localedata
from refusalkit import cldr

out = []
for name in ("de_DE", "en_GB", "tr_TR"):
    for code in ("EUR", "USD", "TRY", "JPY", "CHF", "GBP", "KWD"):
        out.append(format_currency(decimal.Decimal("1234.5"), code, locale=cldr.locale(name, "numbers")))
    out.append(format_decimal(decimal.Decimal("-1234567.891"), locale=cldr.locale(name, "numbers")))
    for fmt in ("short", "medium", "long", "full"):
        out.append(format_date(datetime.date(2026, 2, 29 - 1), fmt, locale=cldr.locale(name, "dates")))
    out.append(format_list(["a", "b", "c"], locale=cldr.locale(name, "lists")))
out.append([cldr.currency(c) for c in ("EUR", "JPY", "KWD", "ZZZ")])
data = localedata._cache.get("de_DE")
subset = type(data).__name__ + ("+all" if getattr(data, "_load_all", 1) is None else "")
print(json.dumps({"out": out, "subset": subset}, ensure_ascii=False))
"""


def run(cache: Path, *, off: bool = False) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("REFUSALKIT_NO_CACHE", None)
    if off:
        env["REFUSALKIT_NO_CACHE"] = "1"
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=root, capture_output=True,
                            text=True, check=True)
    import json

    return json.loads(result.stdout)


def test_cached_cldr_subset_gives_babels_answers(tmp_path: Path) -> None:
    cold = run(tmp_path)
    warm = run(tmp_path)
    off = run(tmp_path / "unused", off=True)
    assert cold["out"] == warm["out"] == off["out"]
    assert warm["subset"] == "_Subset"  # the warm run used the cache and never needed the rest
    assert cold["subset"] == off["subset"] == "dict"
    assert "1.234,50\u00a0€" in cold["out"] and "€1.234,50" in cold["out"]
