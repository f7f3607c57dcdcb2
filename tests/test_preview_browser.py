"""`prauthor preview` in a real browser: each save shows, a broken spec shows its error
beside the last good render, and fixing it recovers."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from conftest import EXAMPLES
from governance_helpers import make_desk
from preview_helpers import HEADLINE_IN_PAGE, chromium_page, preview_server

TIMEOUT = 60_000  # ms: generous for a busy two-core machine; a miss still fails

def _save_like_an_editor(path: Path, text: str) -> None:
    """Write a new file and rename it over the old one, as most editors save."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_preview_follows_edits_errors_and_recovery(tmp_path):
    desk = make_desk(tmp_path / "desk")
    spec = desk / "releases" / "rd-day.yaml"
    shutil.copy(EXAMPLES[1], spec)
    original = spec.read_text(encoding="utf-8")
    headline = re.search(r"^headline: (.+)$", original, re.M).group(1)

    with preview_server(spec) as (url, _), chromium_page() as page:
        page.goto(url)
        page.wait_for_function(HEADLINE_IN_PAGE, arg=headline, timeout=TIMEOUT)
        page.wait_for_function("document.body.dataset.pdfVersion", timeout=TIMEOUT)
        assert headline in page.locator("#text").inner_text()
        assert page.locator("#pdf-pages img").count() >= 1
        assert page.locator("#problems").is_hidden()

        # 1. A new headline with a placeholder: page, text and findings follow.
        first = "Corvane Therapeutics to Host Virtual R&D Day on TBD"
        spec.write_text(original.replace(headline, first), encoding="utf-8")
        page.wait_for_function(HEADLINE_IN_PAGE, arg=first, timeout=TIMEOUT)
        page.locator("#text").filter(has_text=first).wait_for(timeout=TIMEOUT)
        page.locator("#findings li", has_text="[placeholder]").first.wait_for(timeout=TIMEOUT)
        pdf_before = page.evaluate("document.body.dataset.pdfVersion")

        # 2. A broken spec: its located error shows; the last good render stays.
        broken = original.replace(headline, first).replace("\ncompany: corvane",
                                                             "\ncompany: corvanne")
        spec.write_text(broken, encoding="utf-8")
        problems = page.locator("#problems")
        problems.wait_for(state="visible", timeout=TIMEOUT)
        assert re.search(r"rd-day\.yaml:3: company: .*corvanne.*did you mean 'corvane'",
                         page.locator("#errors").inner_text()), page.locator("#errors").inner_text()
        assert "last good render" in page.locator("#status").inner_text()
        assert page.evaluate(HEADLINE_IN_PAGE, first)
        assert first in page.locator("#text").inner_text()
        page.screenshot(path=tmp_path / "broken.png")

        # 3. Fixed, saved the way editors save: the error goes, the new render shows.
        fixed = "Corvane Therapeutics to Host Virtual R&D Day on April 9, 2026"
        _save_like_an_editor(spec, original.replace(headline, fixed))
        page.wait_for_function(HEADLINE_IN_PAGE, arg=fixed, timeout=TIMEOUT)
        problems.wait_for(state="hidden", timeout=TIMEOUT)
        page.wait_for_function(f"document.body.dataset.pdfVersion > {pdf_before}",
                               timeout=TIMEOUT)
        assert fixed in page.locator("#text").inner_text()
        assert page.locator("#findings li", has_text="[placeholder]").count() == 0
        assert "Rendered at" in page.locator("#status").inner_text()
        page.screenshot(path=tmp_path / "fixed.png")
