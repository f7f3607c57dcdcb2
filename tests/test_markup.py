"""Inline markup is read by markdown-it-py, limited to the features prauthor allows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from prauthor.markup import escape, parse, positions, typographer

# markdown-it-py as it comes, with the features prauthor allows: what parse must give.
REFERENCE = MarkdownIt("zero", {"typographer": True}).enable(
    ["emphasis", "link", "escape", "newline", "smartquotes"])
REFERENCE.validateLink = lambda url: url.lower().startswith(("http://", "https://", "mailto:"))
SMARTQUOTES = MarkdownIt("zero", {"typographer": True}).enable(["smartquotes"])
CURLED = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}
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
    "[a](https://b.example)b",
    r"a \q and \\ and \" kept",
    '**"Bold" quote**, said [the "Company"](https://x.example/ab)',
    "line one  \nline two\nline three",
]


def reference_spans(text: str) -> list[tuple]:
    """Return (text, bold, italic, href) runs from markdown-it-py's own tokens."""
    bold = italic = 0
    href = None
    runs: list[tuple] = []
    for token in REFERENCE.parseInline(text)[0].children:
        if token.type in ("strong_open", "strong_close"):
            bold += 1 if token.type == "strong_open" else -1
        elif token.type in ("em_open", "em_close"):
            italic += 1 if token.type == "em_open" else -1
        elif token.type in ("link_open", "link_close"):
            href = token.attrs["href"] if token.type == "link_open" else None
        elif token.content or token.type in ("softbreak", "hardbreak"):
            run = (token.content or "\n", bold > 0, italic > 0, href)
            if runs and runs[-1][1:] == run[1:]:
                runs[-1] = (runs[-1][0] + run[0], *run[1:])
            else:
                runs.append(run)
    return runs


def assert_located(text: str) -> None:
    """Every printed character maps to the character written for it, in order."""
    plain, where = positions(text)
    assert plain == "".join(span.text for span in parse(text))
    assert len(where) == len(plain) and where == sorted(set(where))
    for n, i in enumerate(where):
        assert CURLED.get(plain[n], plain[n]) == text[i], (n, i, plain, text)


@pytest.mark.parametrize("text", CASES)
def test_spans_are_markdown_its(text):
    assert [(s.text, s.bold, s.italic, s.href) for s in parse(text)] == reference_spans(text)


@pytest.mark.parametrize("text", CASES)
def test_positions_map_every_printed_character_back(text):
    assert_located(text)


def test_positions_start_at_an_offset():
    assert positions("**ab**", offset=10) == ("ab", [12, 13])


# Text that leans on every rule at once: marks, brackets, escapes, quotes and breaks.
PIECES = [*"ab *[]()\\\"'\n_&`<>!", "](https://x.example/", "](mailto:a@b.example)"]
MARKED = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(MARKED.map(lambda t: t.replace("_", "")))
def test_any_text_reads_as_markdown_it_reads_it(text):
    assert [(s.text, s.bold, s.italic, s.href) for s in parse(text)] == reference_spans(text)


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(MARKED)
def test_any_text_is_located(text):
    assert_located(text)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.text(st.sampled_from(list("ab *[]()\\_&`<!")), max_size=30))
def test_escaped_text_reads_back_as_typed(text):  # text of one line, as counsel inserts
    assert "".join(span.text for span in parse(escape(text))) == text


@pytest.mark.parametrize("text", ["snake_case and _under_ score", "`code`", "<b>tag</b>",
                                  "&amp; &copy;", "<https://x.example>", "(c) -- ... +-"])
def test_features_prauthor_does_not_allow_read_as_typed(text):
    printed = "".join(span.text for span in parse(text))
    assert printed == text
    assert all(not span.bold and not span.italic for span in parse(text))


@pytest.mark.parametrize("url", ["ftp://x.example/a", "javascript:alert(1)", "file:///etc/passwd",
                                 "data:text/html,x", "/relative"])
def test_a_link_of_another_scheme_stays_text(url):
    (span,) = parse(f"[here]({url})")
    assert span.href is None and span.text == f"[here]({url})"


QUOTED = ['"Hello," she said.', "the Company's cash", "'90s rock", "5' 10\"", '("quoted")',
          '"We\'re glad," said Ms. Lin. "It\'s done."', "don't 'quote' me", '"a" - "b"',
          "the investors' day", '"nested \'single\' here"', 'He said "yes".']


@pytest.mark.parametrize("text", QUOTED)
def test_straight_quotes_curl_as_commonmarks_typographer_curls_them(text):
    expected = "".join(token.content for token in SMARTQUOTES.parseInline(text)[0].children)
    assert typographer(text) == expected == "".join(span.text for span in parse(text))


def test_a_headline_curls_its_quotes_and_keeps_its_stars():
    assert typographer('The "*Best*" Year') == "The \u201c*Best*\u201d Year"


def test_a_link_address_keeps_its_quotes():
    (span,) = parse("[it's here](https://e.example/it's)")
    assert (span.text, span.href) == ("it\u2019s here", "https://e.example/it's")
