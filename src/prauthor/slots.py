"""Fill a block's {{ parameter }} slots in a sandboxed, strict Jinja environment."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta, nodes

from prauthor.errors import Problem, problem
from prauthor.library import Block
from prauthor.sandbox import LimitedSandbox, raised_in_template, template_line

# Block text is one approved text: it may not pull in or extend other templates.
OTHER_TEMPLATES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


@lru_cache(maxsize=1)
def environment() -> LimitedSandbox:
    """Return the environment block text renders in."""
    # Autoescape is off on purpose: the result is plain text, not markup. Every
    # renderer escapes it for its own format, as it does all spec text.
    return LimitedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def slot_names(block: Block) -> set[str] | Problem:
    """Return the parameter names a block's text uses, or a problem with its syntax."""
    try:
        tree = environment().parse(block.text)
    except TemplateSyntaxError as error:
        return Problem(block.path, block.text_line + error.lineno - 1, "text",
                       f"template syntax: {error.message}")
    for node in tree.find_all(OTHER_TEMPLATES):
        return Problem(block.path, block.text_line + node.lineno - 1, "text",
                       "block text cannot include, import or extend other templates")
    return meta.find_undeclared_variables(tree)


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
    env = environment()
    env.reset()
    try:
        return env.from_string(block.text).render(params)
    except Exception as error:  # the text's own doing (1/0, a blocked access), located
        if not (isinstance(error, TemplateError) or raised_in_template(error)):
            raise
        line = template_line(error.__traceback__) or getattr(error, "lineno", None)
        where = block.text_line + line - 1 if line else block.text_line
        message = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
        raise problem(block.path, where, "text", f"cannot fill the block: {message}") from None
