"""What `refusalkit serve` serves for one Engine: the page (page.py), the drafts and record
files (jsonapi.py), and the page's Content-Security-Policy. The HTTP plumbing (httpd.py)
calls only this."""

from __future__ import annotations

from typing import Any

from .httpd import PAGE_CSP, letter_style_hashes
from .jsonapi import Drafts
from .page import Page


class App:
    """One engine's page and drafts; all state on the instance, none in the module."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.page = Page(engine)
        self.drafts = Drafts(engine)
        self._csp: str | None = None

    @property
    def csp(self) -> str:
        """The page's Content-Security-Policy, with the hashes of a sample letter's styles."""
        if self._csp is None:
            from ..api import draft
            from ..errors import RefusalkitError

            defaults = self.options("en")["defaults"]
            sample = ""
            # a letter with a list too (resources), since formats.py styles <ul> apart from <p>
            record = {"name": "N", "resources": [{"title": "T", "url": "https://example.org/"}]}
            try:
                sample = draft(defaults["reason"], record, lang=defaults["lang"], engine=self.engine).html
            except RefusalkitError:  # the page shows it with the first letter
                pass
            hashes = letter_style_hashes(sample)
            self._csp = PAGE_CSP.format(styles=f"'unsafe-hashes' {hashes}" if hashes else "'none'")
        return self._csp

    def options(self, lang: str = "en") -> dict[str, Any]:
        return self.page.options(lang)

    def draft(self, request: Any) -> dict[str, Any]:
        """A draft request of the page; its problems in the page's language (`page`, else English)."""
        lang = request.get("page") if isinstance(request, dict) else None
        return self.drafts.draft(request, self.page.catalog(lang if isinstance(lang, str) else "en"))

    def record(self, raw: bytes, filename: str, page_lang: str = "en", letter_lang: str = "") -> dict[str, Any]:
        """A dropped record file; its problems in the page's language `page_lang`."""
        return self.drafts.record(raw, filename, self.page.catalog(page_lang), letter_lang)

    def letter(self, token: str) -> tuple[Any, str]:
        return self.drafts.letter(token)

    def eml(self, token: str) -> bytes:
        return self.drafts.eml(token)
