"""Compile the gettext catalogs (locales/**/*.po) into .mo files inside the wheel.

The .po files are the source of truth in git; the wheel carries the compiled .mo
beside them so that an installed refusalkit reads catalogs with the standard
library's gettext instead of importing Babel's message tools at every start.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":  # a checkout reads the .po files directly
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="refusalkit-mo-"))
        for po in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as fh:
                catalog = read_po(fh)
            rel = po.relative_to(root / "locales").with_suffix(".mo")
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            build_data["force_include"][os.fspath(target)] = f"refusalkit/locales/{rel.as_posix()}"
