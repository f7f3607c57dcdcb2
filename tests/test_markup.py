"""Inline markup reads as CommonMark does, for the features prauthor allows."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from prauthor.markup import parse, positions, typographer

COMMONMARK = MarkdownIt("zero").enable(["emphasis", "link", "escape"])
SMARTQUOTES = MarkdownIt("zero", {"typographer": True}).enable(["smartquotes"])
CASES = [
    "**bold *and italic***",
    "***both***",
    "see [the filing](https://sec.example/wiki/Form_(10-K)) now",
    "[a](https://x.example/(b)c) (d)",
    "**a** and **b**, *c* and *d*",
    "a ** b and 5 * 3",
    "**x**y**z**",
    r"not \*italic\* and \[not](a link)",
    "[write](mailto:ir@corvane.example) to us",
    "*italic with [a link](https://e.example)*",
]


def commonmark_spans(text: str) -> list[tuple]:
    """Return (text, bold, italic, href) runs from CommonMark's own tokens."""
    bold = italic = 0
    href = None
    runs: list[tuple] = []
    for token in COMMONMARK.parseInline(text)[0].children:
        if token.type in ("strong_open", "strong_close"):
            bold += 1 if token.type == "strong_open" else -1
        elif token.type in ("em_open", "em_close"):
            italic += 1 if token.type == "em_open" else -1
        elif token.type in ("link_open", "link_close"):
            href = token.attrs["href"] if token.type == "link_open" else None
        elif token.content:
            run = (token.content, bold > 0, italic > 0, href)
            if runs and runs[-1][1:] == run[1:]:
                runs[-1] = (runs[-1][0] + run[0], *run[1:])
            else:
                runs.append(run)
    return runs


@pytest.mark.parametrize("text", CASES)
def test_spans_match_commonmark(text):
    mine = [(s.text, s.bold, s.italic, s.href) for s in parse(text)]
    assert mine == commonmark_spans(text)


@pytest.mark.parametrize("text", CASES)
def test_positions_map_every_printed_character_back(text):
    plain, where = positions(text)
    assert plain == "".join(span.text for span in parse(text))
    curled = typographer(text)  # one character for one: the indices hold
    assert len(curled) == len(text) and all(curled[i] == plain[n] for n, i in enumerate(where))


QUOTED = ['"Hello," she said.', "the Company's cash", "'90s rock", "5' 10\"", '("quoted")',
          '"We\'re glad," said Ms. Lin. "It\'s done."', "don't 'quote' me", '"a" - "b"',
          '**"Bold" quote**, said [the "Company"](https://x.example/ab)', "the investors' day",
          '"nested \'single\' here"', 'He said "yes".']


@pytest.mark.parametrize("text", QUOTED)
def test_straight_quotes_curl_as_commonmarks_typographer_curls_them(text):
    expected = "".join(token.content for token in SMARTQUOTES.parseInline(text)[0].children)
    assert typographer(text) == expected


def test_a_link_address_keeps_its_quotes():
    (span,) = parse("[it's here](https://e.example/it's)")
    assert (span.text, span.href) == ("it\u2019s here", "https://e.example/it's")
