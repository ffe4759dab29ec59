"""The sandbox team templates render in: Jinja's ImmutableSandboxedEnvironment
with bounds on time, size and depth, so that a runaway template ends in a
TemplateError naming its file and line instead of eating the machine.

- Time: each letter gets a budget of CPU time (Engine.time_limit, 2 s by
  default), checked at every loop iteration, call (macros, recursion, methods)
  and include. The cheap check is the wall clock; only when the wall-clock
  deadline has passed is the thread's CPU time read, and a letter that was
  merely kept waiting by a busy machine gets the rest of its budget. (A thread
  never uses more CPU time than wall time, so the wall clock can only err on the
  safe side.) The budget is kept in a ContextVar, not a signal: it works in any
  thread (serve) and a slow letter ends by itself.
- Size: every text, list or number a template makes (`*`, `**`, `+`, `%`,
  `~`, literals, filters, calls, format widths) must stay below MAX_TEXT
  characters (counting shared parts of lists as often as they print), and
  everything a letter prints below MAX_OUTPUT. Checked before the big value
  is built, so a refusal costs no memory.
- Depth: lists nest at most MAX_DEPTH levels; Python's recursion limit ends
  recursive macros and include cycles (render.py reports it).
"""

from __future__ import annotations

import functools
import re
import time
from contextvars import ContextVar
import numbers
from types import BuiltinMethodType, MethodType
from typing import Any, Callable, Iterable, Iterator

from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace, generate_lorem_ipsum


MAX_TEXT = 100_000  # characters in any one value a template makes
MAX_OUTPUT = 1_000_000  # characters a letter prints in all (text in loops counts each time)
MAX_RANGE = 10_000  # items of range()
MAX_WIDTH = 10_000  # a format width or precision, a filter's width or count
MAX_INT_BITS = 10_000  # about 3,000 digits
MAX_DEPTH = 50  # nesting of lists and dicts
MAX_MADE = 20_000_000  # characters and list items a letter's template makes in all
MAX_DECIMAL_EXPONENT = 1_000
DEFAULT_TIME_LIMIT = 2.0  # seconds of CPU time per letter (see Time above)


class LimitError(Exception):
    """A template went past one of the sandbox's bounds; render.py adds file and line."""


class TimeUp(LimitError):
    """A template ran past its time limit."""


class _Budget:
    __slots__ = ("deadline", "limit", "cpu_start", "output", "made")

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self.deadline = time.monotonic() + limit if limit else float("inf")
        self.cpu_start = time.thread_time() if limit else 0.0
        self.output = 0
        self.made = 0

    def spent(self) -> bool:
        """Past the wall-clock deadline: whether the letter has used its CPU time
        (True), or was only kept waiting (False, and the deadline moves on by
        the CPU time it has left)."""
        now = time.monotonic()
        if now <= self.deadline:
            return False
        assert self.limit is not None  # no limit: the deadline is infinite
        used = time.thread_time() - self.cpu_start
        if used > self.limit:
            return True
        self.deadline = now + (self.limit - used)
        return False


# The budget of the letter being rendered. A ContextVar, not an attribute of the
# environment: one environment renders letters in several threads at once (serve).
_BUDGET: ContextVar[_Budget | None] = ContextVar("refusalkit_budget", default=None)


def start(time_limit: float | None) -> Any:
    """Start a letter's budget; pass the result to stop()."""
    return _BUDGET.set(_Budget(time_limit))


def stop(token: Any) -> None:
    _BUDGET.reset(token)


_now = time.monotonic


def tick() -> None:
    budget = _BUDGET.get()
    if budget is not None and budget.spent():
        raise TimeUp(f"the letter took longer than {budget.limit:g} s to render "
                         "(a loop, recursion or include that does not end?)")


def _is_decimal(value: Any) -> bool:
    # not isinstance(value, decimal.Decimal): importing decimal costs a cold start
    # milliseconds, and a letter without an amount never needs it
    cls = value.__class__
    return cls.__name__ == "Decimal" and cls.__module__ == "decimal"


def _too_big(what: str) -> LimitError:
    return LimitError(f"{what} would be longer than {MAX_TEXT:,} characters")


def _weigh(value: Any, seen: dict[int, int], depth: int) -> int:
    """About how many characters `value` prints as; a list's parts count as often as they appear."""
    if isinstance(value, (str, bytes, bytearray)):
        return len(value)
    if isinstance(value, (list, tuple, set, frozenset, dict, Namespace)):
        key = id(value)
        known = seen.get(key)
        if known is not None:
            return known
        if depth >= MAX_DEPTH:
            raise LimitError(f"lists or dicts nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, Namespace):
            total = 14 + _weigh(object.__getattribute__(value, "_rk_values"), seen, depth) \
                if type(value) is SafeNamespace else MAX_TEXT  # not ours: unknown, so as big as allowed
        else:
            items: Iterable[Any] = value
            if isinstance(value, dict):
                items = (x for kv in value.items() for x in kv)
            total = 2
            for item in items:
                total += _weigh(item, seen, depth + 1) + 2
                if total > MAX_TEXT:
                    break
        seen[key] = total
        return total
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if _is_decimal(value):
        return abs(value.adjusted()) + 30 if value.is_finite() else 10
    if isinstance(value, range):
        return len(value) * (len(str(value.stop)) + 2) if len(value) else 8
    return 20  # a float, date, None, macro, loop, ...: a short repr


def weight(*values: Any) -> int:
    seen: dict[int, int] = {}
    return sum(_weigh(v, seen, 0) for v in values)


def bounded(value: Any, what: str = "a value") -> Any:
    """`value` if it prints in at most MAX_TEXT characters, else LimitError; what it
    made counts against the letter's MAX_MADE (a loop that makes big texts over and
    over is stopped before the memory is gone)."""
    if value.__class__ is str:
        size = len(value)
        if size > MAX_TEXT:
            raise _too_big(what)
    elif isinstance(value, (str, bytes, bytearray, list, tuple, set, frozenset, dict)):
        if weight(value) > MAX_TEXT:
            raise _too_big(what)
        size = len(value)
    elif isinstance(value, Namespace):
        if weight(value) > MAX_TEXT:
            raise _too_big(what)
        return value
    elif _is_decimal(value) and value.is_finite() and value \
            and abs(value.adjusted()) > MAX_DECIMAL_EXPONENT:
        raise LimitError(f"a number beyond 10^{MAX_DECIMAL_EXPONENT}")
    else:
        return value
    budget = _BUDGET.get()
    if budget is not None:
        budget.made += size
        if budget.made > MAX_MADE:
            raise LimitError(f"the template makes more than {MAX_MADE:,} characters and list items "
                             "for one letter (a loop that builds big texts?)")
    return value


def count_output(value: Any) -> None:
    """Count what `{{ ... }}` prints against the letter's MAX_OUTPUT."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.output += len(value) if value.__class__ is str else weight(value)
        if budget.output > MAX_OUTPUT:
            raise LimitError(f"the letter would be longer than {MAX_OUTPUT:,} characters")


def _concat(pieces: Iterable[str]) -> str:
    """Environment.concat: join the output of a template, a macro or a block, after
    checking its length (text repeated by a loop is only referenced until the join)."""
    pieces = list(pieces)
    if sum(map(len, pieces)) > MAX_OUTPUT:
        raise LimitError(f"the letter would be longer than {MAX_OUTPUT:,} characters")
    return "".join(pieces)


# `%` formats: %(name)-10.3f; a width or precision from the arguments is `*`.
# Patterns are compiled on first use (re's cache), not at every start.
_PERCENT = r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?"
# str.format specs: any number in them is a width or precision; {nested} fields are left out.
_SPEC_NUMBER = r"\d+"
_NESTED_FIELD = r"\{[^{}]*\}"


def _check_numbers(numbers: Iterable[str]) -> int:
    total = 0
    for n in numbers:
        if n and n != "*":
            if len(n) > 6 or int(n) > MAX_WIDTH:
                raise LimitError(f"a format width or precision of {n[:12]} (at most {MAX_WIDTH:,})")
            total += int(n)
    return total


def _int_args(args: Iterable[Any]) -> None:
    for a in args:
        if isinstance(a, int) and abs(a) > MAX_WIDTH:
            raise LimitError(f"a format width or precision of {a} from the arguments (at most {MAX_WIDTH:,})")


def percent_format(fmt: str, args: Any) -> str:
    """`fmt % args` within the bounds: widths and precisions, and the result's length."""
    widths = fields = 0
    star = False
    for m in re.finditer(_PERCENT, fmt):
        widths += _check_numbers((m.group(1) or "", m.group(2) or ""))
        star = star or "*" in m.group(0)
        fields += 1
    fields = max(fields, 1)
    if star:
        _int_args(args if isinstance(args, tuple) else (args,))
    # %(a)s%(a)s prints one argument twice
    if len(fmt) + widths + weight(args) * fields > MAX_TEXT:
        raise _too_big("a %-formatted text")
    return fmt % args


def _format_specs(fmt: str) -> Iterator[str]:
    import string

    for _, field, spec, _ in string.Formatter().parse(fmt):
        if field is not None and spec:
            yield spec
            yield from _format_specs(spec)


def check_format(s: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Bounds for `s.format(*args, **kwargs)`: widths, precisions, the result's length."""
    widths = 0
    nested = False
    for spec in _format_specs(s):
        nested = nested or "{" in spec
        widths += _check_numbers(re.findall(_SPEC_NUMBER, re.sub(_NESTED_FIELD, "", spec)))
    if nested:
        _int_args((*args, *kwargs.values()))
    fields = s.count("{") + 1  # '{0}{0}' prints one argument twice
    if len(s) + widths + weight(args, kwargs) * fields > MAX_TEXT:
        raise _too_big("a formatted text")


class SafeNamespace(Namespace):
    """namespace(): Jinja's, which remembers how large each of its values is."""

    def __init__(*args: Any, **kwargs: Any) -> None:  # noqa: B902 -- as Jinja's
        self = args[0]
        Namespace.__init__(*args, **kwargs)
        object.__setattr__(self, "_rk_values", dict(*args[1:], **kwargs))
        bounded(self, "a namespace")

    def __setitem__(self, name: str, value: Any) -> None:
        values = object.__getattribute__(self, "_rk_values")
        old = values.get(name, _MISSING)
        values[name] = value
        try:
            bounded(self, "a namespace")
        except LimitError:
            if old is _MISSING:
                del values[name]
            else:
                values[name] = old
            raise
        Namespace.__setitem__(self, name, value)


_MISSING = object()


def _range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise LimitError(f"range() of {len(rng):,} numbers (at most {MAX_RANGE:,})")
    return rng


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002 -- Jinja's names
    if not all(isinstance(x, int) for x in (n, min, max)) or n * max > 10_000 or n < 0 or min < 1 or max < min:
        raise LimitError("lipsum(n, min, max): at most 10,000 words (n * max)")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _width_arg(name: str, value: Any) -> None:
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise LimitError(f"|{name} with {value} (at most {MAX_WIDTH:,})")


def _pre_check(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Checks before a filter runs, for filters whose result can be far larger than
    their arguments. `args` starts with the filtered value."""
    value, rest = args[0], args[1:]
    if name in ("center", "truncate", "batch", "slice", "round", "wordwrap"):
        for a in (*rest, *kwargs.values()):
            _width_arg(name, a)
    if name == "indent":
        width = kwargs.get("width", rest[0] if rest else 4)
        _width_arg(name, width)
        per_line = width if isinstance(width, int) else len(str(width))
        if (str(value).count("\n") + 1) * (per_line + 1) + weight(value) > MAX_TEXT:
            raise _too_big("|indent's result")
    elif name == "wordwrap":
        wrap = kwargs.get("wrapstring", rest[2] if len(rest) > 2 else None) or "\n"
        if weight(value) * (len(str(wrap)) + 1) > MAX_TEXT:
            raise _too_big("|wordwrap's result")
    elif name == "join":
        if not isinstance(value, (list, tuple, str, range)):
            value = list(value)
            args = (value, *rest)
        sep = kwargs.get("d", rest[0] if rest else "")
        if weight(value) + len(value) * weight(sep) > MAX_TEXT:
            raise _too_big("|join's result")
    elif name == "replace" and len(rest) >= 2:
        text, old, new = str(value), str(rest[0]), str(rest[1])
        n = text.count(old) if old else len(text) + 1
        if len(text) + n * len(new) > MAX_TEXT:
            raise _too_big("|replace's result")
    elif name == "format":
        percent_format(str(value), kwargs or rest)  # checks; the filter formats again (cheap)
    elif name == "sum":
        start = kwargs.get("start", rest[1] if len(rest) > 1 else 0)
        if not isinstance(start, numbers.Number):
            raise LimitError("|sum adds numbers only (start must be a number)")
    elif name in ("batch", "slice"):
        fill = kwargs.get("fill_with", rest[1] if len(rest) > 1 else None)
        count = kwargs.get("linecount" if name == "batch" else "slices", rest[0] if rest else 1)
        if fill is not None and isinstance(count, int) and weight(fill) * abs(count) > MAX_TEXT:
            raise _too_big(f"|{name}'s result")
    return args


# The filters whose result can be far larger than their arguments (_pre_check).
_PRE_CHECKED = frozenset({"center", "truncate", "batch", "slice", "round", "wordwrap", "indent", "join",
                          "replace", "format", "sum"})


def guard_filter(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """The filter `fn` with the sandbox's bounds on its arguments and result."""
    skip = 1 if getattr(fn, "jinja_pass_arg", None) is not None else 0  # context, eval context or environment

    if name in _PRE_CHECKED:
        @functools.wraps(fn)  # keeps jinja_pass_arg, so Jinja passes the context as before
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if len(args) > skip:
                args = (*args[:skip], *_pre_check(name, args[skip:], kwargs))
            return bounded(fn(*args, **kwargs), f"the result of |{name}")
    else:
        @functools.wraps(fn)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            result = fn(*args, **kwargs)
            if result.__class__ is str and len(result) <= 1000:
                return result  # the common case, without bounded()'s bookkeeping
            return bounded(result, f"the result of |{name}")

    return guarded


_CALL_EXEMPT = frozenset({"format", "format_map"})  # bounded by wrap_str_format()


class Sandbox(ImmutableSandboxedEnvironment):
    """The environment of every letter: Jinja's immutable sandbox, bounded."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "/", "//"})
    concat = staticmethod(_concat)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.update(range=_range, lipsum=_lipsum, namespace=SafeNamespace)
        self.answers: dict[str, Any] = {}  # cldr's kept answers, as this Engine read them (cldr._answers)

    def guard_filters(self) -> None:
        """Wrap every filter (call once the filters are all in place)."""
        self.filters = {name: guard_filter(name, fn) for name, fn in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                    and right * (abs(left).bit_length() - 1) > MAX_INT_BITS:
                raise LimitError(f"a number of more than {MAX_INT_BITS:,} bits (** {right})")
        elif operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise LimitError(f"a number of more than {MAX_INT_BITS:,} bits (*)")
            elif isinstance(right, int) or isinstance(left, int):
                seq, n = (left, right) if isinstance(right, int) else (right, left)
                if n > 0 and weight(seq) * n > MAX_TEXT:
                    raise _too_big("a repeated text or list (*)")
        elif operator == "%" and isinstance(left, str):
            return percent_format(left, right)
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            if weight(left, right) > MAX_TEXT:
                raise _too_big("a joined text or list (+)")
        return bounded(super().call_binop(context, operator, left, right), f"the result of {operator}")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805,B902 -- Jinja's
        budget = _BUDGET.get()
        if budget is not None and _now() > budget.deadline:
            tick()
        cls = __obj.__class__
        if (cls is BuiltinMethodType or cls is MethodType) and isinstance(__obj.__self__, (str, bytes, int)) \
                and __obj.__name__ not in _CALL_EXEMPT:
            owner = __obj.__self__
            if args and not isinstance(args[0], (str, bytes, list, tuple, dict, range, int)):
                args = (list(args[0]), *args[1:])  # sep.join(generator): count what it joins
            # A method of a text or number: its result may be far larger than its
            # arguments ("x".center(n), "ab".replace("", big), sep.join(...),
            # n.to_bytes(k)). Bound it by a product that is never smaller.
            size = weight(*args, *kwargs.values()) + sum(abs(a) for a in (*args, *kwargs.values())
                                                          if isinstance(a, int))
            if (weight(owner) + 1) * (size + 1) > MAX_TEXT:
                raise _too_big(f"the result of .{getattr(__obj, '__name__', 'method')}()")
        # as Jinja's SandboxedEnvironment.call
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"{__obj!r} is not safely callable")
        result = __context.call(__obj, *args, **kwargs)
        if result.__class__ is str and len(result) <= 1000:
            return result  # the common case (gettext, macros), without bounded()'s bookkeeping
        return bounded(result, "the result of a call")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed str.format and str.format_map, bounded."""
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        @functools.wraps(wrapper)
        def bounded_format(*args: Any, **kwargs: Any) -> str:
            check_format(fmt, args, kwargs)
            return wrapper(*args, **kwargs)

        return bounded_format

    def get_template(self, *args: Any, **kwargs: Any) -> Any:
        tick()  # includes, extends and imports: a cycle that fans out ends in time
        return super().get_template(*args, **kwargs)

    def select_template(self, *args: Any, **kwargs: Any) -> Any:
        tick()
        return super().select_template(*args, **kwargs)

    def guarded_loop(self, iterable: Any) -> Iterator[Any]:
        """What a `{% for %}` iterates: the same items, with the deadline checked at each."""
        budget = _BUDGET.get()
        if budget is None:
            yield from iterable
            return
        deadline, now = budget.deadline, time.monotonic
        for item in iterable:
            if now() > deadline:
                tick()
                deadline = budget.deadline  # moved on if the letter was only kept waiting
            yield item

    def sized(self, value: Any) -> Any:
        """A list, tuple or dict a template writes ([a, b], {k: v}) within the bounds."""
        return bounded(value, "a list or dict")

    def sized_parts(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """The operands of `~`, before they are made text and joined."""
        if weight(parts) > MAX_TEXT:
            raise _too_big("a text joined with ~")
        return parts


class GuardedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with the sandbox's checks written into the code:
    loops iterate through Sandbox.guarded_loop, `~` checks its operands, and list,
    tuple and dict literals their size."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guarded_iters: set[int] = set()

    def visit_For(self, node: nodes.For, frame: Any) -> None:
        self.guarded_iters.add(id(node.iter))
        super().visit_For(node, frame)

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        if id(node) in self.guarded_iters:
            self.write("environment.guarded_loop(")
            super().visit(node, *args, **kwargs)
            self.write(")")
            return None
        return super().visit(node, *args, **kwargs)

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        # As Jinja's, with the operands checked before they are made text.
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"{func_name}(environment.sized_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")

    def _sized(self, visit: Callable[[Any, Any], None], node: Any, frame: Any) -> None:
        self.write("environment.sized(")
        visit(node, frame)
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Any) -> None:
        self._sized(super().visit_List, node, frame)

    def visit_Dict(self, node: nodes.Dict, frame: Any) -> None:
        self._sized(super().visit_Dict, node, frame)

    def visit_Tuple(self, node: nodes.Tuple, frame: Any) -> None:
        if node.ctx == "load":
            self._sized(super().visit_Tuple, node, frame)
        else:  # an assignment target: {% for a, b in ... %}
            super().visit_Tuple(node, frame)


Sandbox.code_generator_class = GuardedCodeGenerator
