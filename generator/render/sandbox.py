"""The sandbox every template runs in.

Content pages and templates arrive by pull request and are rendered by `mappa check` in CI,
so a template must never run code, read a file or hang the build. Jinja's
:class:`~jinja2.sandbox.SandboxedEnvironment` refuses unsafe attributes (such as
``cycler.__init__.__globals__``); on top of it, a template may not:

* repeat text or a list into more than :data:`LONGEST_REPEAT` characters or items (``'x' * 10**9``),
  nor raise a number to a power over :data:`LARGEST_EXPONENT`, or to one of more than
  :data:`LARGEST_POWER_BITS` bits;
* run its loops over ``range`` more than :data:`MOST_STEPS` times in one page;
* write more than :data:`LONGEST_OUTPUT` characters.

Each is a :class:`jinja2.exceptions.SecurityError`, which the callers report as a template
error at the template's line.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment, safe_range

LONGEST_REPEAT = 1_000_000
LARGEST_EXPONENT = 100
LARGEST_POWER_BITS = 10_000  # about 3,000 digits
MOST_STEPS = 1_000_000
LONGEST_OUTPUT = 20_000_000

_steps_left: contextvars.ContextVar[int] = contextvars.ContextVar("steps_left", default=MOST_STEPS)


class TemplateSandbox(SandboxedEnvironment):
    """A sandboxed environment with limits on repetition, loops and output."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = limited_range

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``*`` and ``**``, refused where the result would be too large to make."""
        if (
            operator == "**"
            and isinstance(right, int)
            and isinstance(left, int)
            and (abs(right) > LARGEST_EXPONENT or left.bit_length() * abs(right) > LARGEST_POWER_BITS)
        ):
            raise SecurityError(f"{left} to the power of {right} is more than a template may work out")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) and len(sequence) * times > LONGEST_REPEAT:
                    raise SecurityError(
                        f"repeating {len(sequence)} character(s) or item(s) {times} times is more than a "
                        f"template may make (at most {LONGEST_REPEAT:,})"
                    )
        return super().call_binop(context, operator, left, right)

    @staticmethod
    def concat(parts: Iterable[str]) -> str:
        """A page's text, refused past :data:`LONGEST_OUTPUT` characters; each page starts
        with a fresh allowance of loop steps."""
        token = _steps_left.set(MOST_STEPS)
        try:
            out, size = [], 0
            for part in parts:
                size += len(part)
                if size > LONGEST_OUTPUT:
                    raise SecurityError(f"the template writes more than {LONGEST_OUTPUT:,} characters")
                out.append(part)
            return "".join(out)
        finally:
            _steps_left.reset(token)


def limited_range(*args: int) -> Iterator[int]:
    """``range`` for templates: at most 100,000 numbers (Jinja's own limit), and at most
    :data:`MOST_STEPS` steps through every range of the page together."""
    for number in safe_range(*args):
        left = _steps_left.get() - 1
        if left < 0:
            raise SecurityError(f"the template's loops ran more than {MOST_STEPS:,} times")
        _steps_left.set(left)
        yield number
