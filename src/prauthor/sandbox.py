"""The Jinja sandbox block text and desk templates render in, with limits on what they make.

Jinja's own sandbox blocks unsafe attributes but not size: `'a' * 300000000`, doubling a
string in a loop, or nested `range(10**5)` loops exhaust memory or never end. Here every
product, power, concatenation, call result and filter result is bounded, loops over
`range` share one budget per render, and a number too large for any layout is refused
before it is used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_TEXT = 1_000_000  # characters (or items) any one value may hold
MAX_OUTPUT = 50_000_000  # characters a render writes
MAX_NUMBER = 1_000_000  # an integer handed to a call or filter (a width, a count)
MAX_STEPS = 200_000  # range() iterations in one render
MAX_MADE = 20_000_000  # characters (or items) of values made in one render, all together
MAX_POWER_BITS = 4096
# A width or precision in a format string: '%999999999d' or '{:>999999999}'.
BIG_WIDTH = re.compile(r"\d{7,}")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple | dict) else 0


def _check_arguments(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            raise SecurityError(f"the number {value} is too large for a template")


class _Generator(CodeGenerator):
    """Compile `a ~ b` so that the joined text is measured."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedSandbox(SandboxedEnvironment):
    """A sandboxed environment that also bounds sizes and loop steps."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps_left, self.made_left = MAX_STEPS, MAX_MADE
        self.filters = {name: self._guarded(f) for name, f in self.filters.items()}

    def checked(self, value: Any) -> Any:
        """Return a value a template made if it, and all made so far, are of a sane size."""
        size = _size(value)
        if size > MAX_TEXT:
            raise SecurityError(f"a template value over {MAX_TEXT:,} characters or items")
        self.made_left -= size
        if self.made_left < 0:
            raise SecurityError(f"a template made over {MAX_MADE:,} characters in one render")
        return value

    def _guarded(self, function):
        """Wrap a filter so that its arguments and its result stay within the limits."""

        @functools.wraps(function)
        def guarded(*args, **kwargs):
            _check_arguments(args[1:], kwargs)  # the value filtered may be any number
            return self.checked(function(*args, **kwargs))

        return guarded

    @staticmethod
    def concat(parts) -> str:
        """Join output parts, refusing output over the size limit before joining it."""
        parts, total = list(parts), 0
        for part in parts:
            total += len(part)
            if total > MAX_OUTPUT:
                raise SecurityError(f"template output over {MAX_OUTPUT:,} characters")
        return "".join(parts)

    def reset(self) -> None:
        """Give the next render a fresh budget of loop steps and of values made."""
        self.steps_left, self.made_left = MAX_STEPS, MAX_MADE

    def call_binop(self, context, operator_name: str, left: Any, right: Any) -> Any:
        """Compute an intercepted operator, refusing results too large to hold."""
        if operator_name == "*" and (_size(left) or _size(right)):
            count = right if _size(left) else left
            base = left if _size(left) else right
            if isinstance(count, int) and _size(base) * max(count, 0) > MAX_TEXT:
                raise SecurityError(f"a repeated value over {MAX_TEXT:,} characters or items")
        if (operator_name == "**" and isinstance(right, int) and isinstance(left, int | float)
                and abs(right) * max(abs(int(left)), 2).bit_length() > MAX_POWER_BITS):
            raise SecurityError("a power too large for a template")
        if operator_name == "%" and isinstance(left, str) and BIG_WIDTH.search(left):
            raise SecurityError("a format width too large for a template")
        return self.checked(super().call_binop(context, operator_name, left, right))

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        """Call a function or method from a template, within the limits."""
        _check_arguments(args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, range):
            return __self._counted(result)
        return __self.checked(result)

    def wrap_str_format(self, value: Any):
        """Refuse str.format on a format string with a huge width, before it runs."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and BIG_WIDTH.search(str(value.__self__)):
            raise SecurityError("a format width too large for a template")
        return wrapped

    def _counted(self, steps: range) -> Iterator[int]:
        for step in steps:
            self.steps_left -= 1
            if self.steps_left < 0:
                raise SecurityError(f"template loops over more than {MAX_STEPS:,} steps")
            yield step


def template_line(trace, names: tuple[str, ...] = ("<template>", ".j2")) -> int | None:
    """Return the template line the innermost template frame of a traceback was at."""
    line = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith(names):
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def raised_in_template(error: BaseException,
                       names: tuple[str, ...] = ("<template>", ".j2")) -> bool:
    """Tell whether the template's own code raised `error` (1/0), not a function it called."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    return trace is not None and trace.tb_frame.f_code.co_filename.endswith(names)
