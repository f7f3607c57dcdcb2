"""markdown-it-py's inline parser, with each token noting where in the source it starts.

Counsel's edits to printed words are made in what the author wrote (`prauthor review`),
which needs, for every printed character, its index in the source. markdown-it's inline
tokens carry none, so the parser notes it as tokens are made, in `token.meta["at"]`.
Literal text gathers in the state's pending text until a token flushes it; the rules
that gather it (`text`, and `literal` for a character no rule takes) note where it began.
"""

from __future__ import annotations

from typing import Literal

from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline import emphasis
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.rules_inline.text import text as plain_text
from markdown_it.token import Token


class LocatedState(StateInline):
    """Inline state that notes where each token's text starts in the source."""

    pending_at: int | None = None  # where the literal text not yet flushed starts

    def gather(self, end: int) -> None:
        """Add the source up to `end` to the pending literal text."""
        if self.pending_at is None:
            self.pending_at = self.pos
        if hasattr(self, "append_pending"):  # markdown-it-py 4.3: linear for long runs
            self.append_pending(self.src[self.pos:end])
        else:
            self.pending += self.src[self.pos:end]
        self.pos = end

    def pushPending(self) -> Token:
        """Flush the literal text to a token that notes where it started."""
        token = super().pushPending()
        token.meta["at"] = self.pending_at
        return token

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        """Push a token that notes the position of the rule that made it."""
        token = super().push(ttype, tag, nesting)
        token.meta["at"] = self.pos
        self.pending_at = None  # flushed, or emptied by a rule (trailing spaces at a break)
        return token


class LocatedInline(ParserInline):
    """markdown-it's inline parser, run on a LocatedState."""

    def __init__(self) -> None:
        super().__init__()
        self.ruler.at("text", located_text)
        self.ruler.at("emphasis", stars_only)
        self.ruler.push("literal", literal)  # enabled with the rules prauthor allows

    def parse(self, src, md, env, tokens) -> list[Token]:
        """Tokenize `src` into `tokens`, each located, and run the post-processing rules."""
        state = LocatedState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def located_text(state: LocatedState, silent: bool) -> bool:
    """Take a run of characters no rule reacts to, as markdown-it's `text` rule does."""
    start = state.pos
    if not plain_text(state, True):
        return False
    end, state.pos = state.pos, start
    if silent:
        state.pos = end
    else:
        state.gather(end)
    return True


def literal(state: LocatedState, silent: bool) -> bool:
    """Take one character that no other rule took, as the tokenizer itself would."""
    if silent:
        return False
    state.gather(state.pos + 1)
    return True


def stars_only(state: StateInline, silent: bool) -> bool:
    """Read `*` emphasis as CommonMark does, noting each marker's place; `_` stays text."""
    start = state.pos
    if state.src[start] != "*" or not emphasis.tokenize(state, silent):
        return False
    for index, token in enumerate(state.tokens[start - state.pos:]):
        token.meta["at"] = start + index
    return True
