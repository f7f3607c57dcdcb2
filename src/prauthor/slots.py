"""Fill a block's {{ parameter }} slots in a sandboxed, strict Jinja environment."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from prauthor.errors import Problem
from prauthor.library import Block


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """Return the environment block text renders in."""
    # Autoescape is off on purpose: the result is plain text, not markup. Every
    # renderer escapes it for its own format, as it does all spec text.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                keep_trailing_newline=True)


def slot_names(block: Block) -> set[str] | Problem:
    """Return the parameter names a block's text uses, or a problem with its syntax."""
    try:
        return meta.find_undeclared_variables(environment().parse(block.text))
    except TemplateSyntaxError as error:
        return Problem(block.path, block.text_line + error.lineno - 1, "text",
                       f"template syntax: {error.message}")


def block_problems(block: Block) -> list[Problem]:
    """Check that the block's text uses exactly the parameters it declares."""
    names = slot_names(block)
    if isinstance(names, Problem):
        return [names]
    undeclared = sorted(names - set(block.meta.params))
    return [Problem(block.path, 2, "params", f"the text uses '{{{{ {name} }}}}' but the "
                    "front matter does not declare it") for name in undeclared]


def fill(block: Block, params: dict[str, str]) -> str:
    """Return the block's text with its slots filled; values are inserted, never run."""
    return environment().from_string(block.text).render(params)
