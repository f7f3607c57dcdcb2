"""Quotations are laid out the AP way, whatever the author's quote block looks like."""

from __future__ import annotations

import pytest

from prauthor.company import Person
from prauthor.document import plain
from prauthor.quotes import lay_out
from prauthor.spec import Quote

MARSH = Person(name="Elena Marsh", title="chief executive officer")


@pytest.mark.parametrize("after, shown", [
    ("We expect growth.", "said Elena Marsh, chief executive officer. \u201cWe expect "
                          "growth.\u201d"),
    ("and we expect growth.", "said Elena Marsh, chief executive officer, \u201cand we expect "
                              "growth.\u201d"),
    ("*and* we expect growth.", "said Elena Marsh, chief executive officer, \u201cand we "
                                "expect growth.\u201d"),
])
def test_the_attribution_ends_a_sentence_or_interrupts_it(after, shown):
    quote = lay_out(Quote(by="elena-marsh", before="We are glad.", after=[after]), MARSH)
    first = plain(quote.paragraphs[0].spans)
    assert first == f"\u201cWe are glad,\u201d {shown}"
