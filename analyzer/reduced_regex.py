"""A regular expression with huge character classes, rewritten over a small alphabet.

spaCy's French ``TOKEN_MATCH`` is one case-insensitive alternation of about 270 patterns, each
with two or three classes of every lower-case letter Unicode has (``[a-zà-öø-ÿāă...]``). Python
spends about three seconds compiling it, on every start, for a test that takes microseconds.

The same decisions can be taken on a smaller alphabet. Every step of the regular expression
engine looks at one character through one *test*: a literal, a class, ``.``, under the flags in
force there (``(?i)``: case-insensitive, with Unicode's special cases such as « ſ » and the
Kelvin sign). Two characters that pass exactly the same tests are interchangeable, so each
character is replaced by one representative of its kind (for this pattern: « a », « A » and
the other letters no literal names fall into a few dozen kinds), and each test by the plain
set of representatives that pass it. The rewritten expression, without flags, makes the same
decisions on the translated string at every step, so it matches exactly the same strings, with
the same spans; it compiles in milliseconds. The kinds are computed once, by running every
test of the original pattern on every Unicode character, which takes a second or two and is
cached on disk (``analyzer.cache``) under the pattern's digest and the Python version.

Only what the translation preserves is accepted: literals, classes, ``.``, groups,
alternations, repeats, lookarounds, and the anchors ``^ $ \\A \\Z`` (the line break that ``$``
looks at keeps its own kind). Backreferences, ``\\b`` and conditionals make :func:`reduce`
return None, and the caller compiles the pattern as it is.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from analyzer import cache

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

#: Bumped when the reduction below changes (it is part of the cache key).
_FORMAT = 1
_NEWLINE = 0x0A
_MAX_CODE = sys.maxunicode
#: Classes with fewer members than this are evaluated on the characters some test matches,
#: found in one pass; larger ones (and negated ones) on all of Unicode, one pass each.
_SMALL_CLASS = 256

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
_ANCHORS = {
    "AT_BEGINNING": "^",
    "AT_END": "$",
    "AT_BEGINNING_STRING": r"\A",
    "AT_END_STRING": r"\Z",
    "AT_BEGINNING_LINE": "(?m:^)",
    "AT_END_LINE": "(?m:$)",
}
_FLAG_LETTERS = ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.ASCII, "a"))


class ReducedPattern:
    """Stands in for ``re.compile(pattern, flags)`` where only ``match``, ``search`` and
    ``finditer`` are used for where they match, as a tokenizer's prefix, suffix, infix and
    token matchers are: the same answers (``None`` or matches with the same spans; their
    ``string`` is the translated text). ``pattern`` and ``flags`` are the original's, so spaCy
    serialises the tokenizer as if it held the real patterns."""

    __slots__ = ("_regex", "_table", "flags", "pattern")

    def __init__(self, pattern: str, flags: int, reduced: Reduction) -> None:
        self.pattern = pattern
        self.flags = flags
        source, starts, reps = reduced
        self._regex = re.compile(source)
        self._table = _Alphabet(starts, reps)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._regex.match(string.translate(self._table), pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._regex.search(string.translate(self._table), pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self._regex.finditer(string.translate(self._table), pos, endpos)

    def __repr__(self) -> str:
        return f"ReducedPattern({self.pattern[:40]!r}..., {self.flags})"


class _Alphabet(dict[int, int]):
    """Code point -> its kind's representative, for ``str.translate``; each character is
    looked up (by bisection in the runs of equal kinds) the first time it is seen."""

    __slots__ = ("_reps", "_starts")

    def __init__(self, starts: Sequence[int], reps: Sequence[int]) -> None:
        super().__init__()
        self._starts = starts
        self._reps = reps

    def __missing__(self, code: int) -> int:
        rep = self._reps[bisect.bisect_right(self._starts, code) - 1]
        self[code] = rep
        return rep


#: The rewritten source, then the runs: characters from ``starts[i]`` up to ``starts[i + 1]``
#: translate to ``reps[i]``.
Reduction = tuple[str, tuple[int, ...], tuple[int, ...]]


def compile_reduced(pattern: str, flags: int = 0) -> ReducedPattern | re.Pattern[str]:
    """``re.compile(pattern, flags)``, or its reduced equivalent when the pattern allows it.
    The reduction is read from the user's cache, or computed and stored there."""
    key = cache.version_key(
        _FORMAT,
        hashlib.sha256(pattern.encode("utf-8", "surrogatepass")).hexdigest(),
        flags,
        _unicode_version(),
        cache.source_hash(__file__),
    )
    reduced = cache.cached("regex", key, lambda: _reduce_or_none(pattern, flags))
    if reduced is None:
        return re.compile(pattern, flags)
    source, starts, reps = reduced
    return ReducedPattern(pattern, flags, (source, tuple(starts), tuple(reps)))


def _unicode_version() -> str:
    import unicodedata

    return unicodedata.unidata_version


def _reduce_or_none(pattern: str, flags: int) -> Reduction | None:
    try:
        return reduce(pattern, flags)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


def reduce(pattern: str, flags: int = 0) -> Reduction | None:
    """The rewritten pattern and its alphabet; None when the pattern uses something the
    translation would not preserve (see the module docstring)."""
    if flags & ~(re.IGNORECASE | re.DOTALL | re.ASCII | re.UNICODE | re.MULTILINE | re.VERBOSE):
        return None
    tree = _parser.parse(pattern, flags)
    if tree.state.flags & re.LOCALE:
        return None
    names = {index: name for name, index in tree.state.groupdict.items()}
    tests: dict[tuple[Any, ...], int] = {}
    template: list[str | int] = []
    if not _walk(tree, tree.state.flags, tests, template, names):
        return None
    masks = _masks(list(tests))
    rep_of: dict[int, int] = {}
    for code in sorted(masks):
        rep_of.setdefault(masks[code], code)
    # Characters no test passes are one kind; -1 when there are none (``(?s).``).
    zero = next((c for c in range(_MAX_CODE + 1) if c not in masks), -1)
    rep_of[0] = zero
    classes = [_class_source(sorted(rep for m, rep in rep_of.items() if m >> t & 1)) for t in
               range(len(tests))]  # fmt: skip
    source = "".join(classes[part] if isinstance(part, int) else part for part in template)
    starts, reps = _runs(masks, rep_of, zero)
    return source, starts, reps


def _walk(
    items: Iterable[tuple[Any, Any]],
    flags: int,
    tests: dict[tuple[Any, ...], int],
    out: list[str | int],
    names: dict[int, str],
) -> bool:
    """Appends the pattern's rewritten form to ``out``: text, and test numbers where the
    class of representatives goes. False on anything the rewriting does not preserve."""
    for op, av in items:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN"):
            key = (name, flags & (re.IGNORECASE | re.DOTALL | re.ASCII), _freeze(av))
            out.append(tests.setdefault(key, len(tests)))
        elif name == "AT":
            # ^ and $ are parsed alike with or without (?m); the flag decides what they mean.
            multiline = flags & re.MULTILINE and str(av) in ("AT_BEGINNING", "AT_END")
            anchor = _ANCHORS.get(str(av) + ("_LINE" if multiline else ""))
            if anchor is None:
                return False  # \b and \B look at word characters
            out.append(anchor)
        elif name == "BRANCH":
            out.append("(?:")
            for i, branch in enumerate(av[1]):
                if i:
                    out.append("|")
                if not _walk(branch, flags, tests, out, names):
                    return False
            out.append(")")
        elif name == "SUBPATTERN":
            group, add, remove, inner = av
            if group is None:
                out.append("(?:")
            else:
                out.append(f"(?P<{names[group]}>" if group in names else "(")
            if not _walk(inner, (flags | add) & ~remove, tests, out, names):
                return False
            out.append(")")
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, inner = av
            out.append("(?:")
            if not _walk(inner, flags, tests, out, names):
                return False
            out.append(")" + _quantifier(low, high, name))
        elif name in ("ASSERT", "ASSERT_NOT"):
            direction, inner = av
            behind = "<" if direction < 0 else ""
            out.append(f"(?{behind}{'=' if name == 'ASSERT' else '!'}")
            if not _walk(inner, flags, tests, out, names):
                return False
            out.append(")")
        elif name == "ATOMIC_GROUP":
            out.append("(?>")
            if not _walk(av, flags, tests, out, names):
                return False
            out.append(")")
        else:
            return False  # backreferences, conditionals
    return True


def _quantifier(low: int, high: int, name: str) -> str:
    unbounded = high == _c.MAXREPEAT
    if (low, unbounded) == (0, True):
        text = "*"
    elif (low, unbounded) == (1, True):
        text = "+"
    elif (low, high) == (0, 1):
        text = "?"
    else:
        text = f"{{{low},{'' if unbounded else high}}}"
    return text + {"MIN_REPEAT": "?", "POSSESSIVE_REPEAT": "+"}.get(name, "")


def _freeze(av: Any) -> Any:
    if isinstance(av, list | tuple):
        return tuple(_freeze(x) for x in av)
    return str(av) if isinstance(av, _c._NamedIntConstant) else av


def _test_source(key: tuple[Any, ...]) -> str:
    """A pattern matching one character as the test ``key`` does, with its flags."""
    name, flags, av = key
    letters = "".join(letter for flag, letter in _FLAG_LETTERS if flags & flag)
    if name == "LITERAL":
        body = _char(av)
    elif name == "NOT_LITERAL":
        body = f"[^{_char(av)}]"
    elif name == "ANY":
        body = "."
    else:
        body = _class_items(av)
    return f"(?{letters}:{body})" if letters else body


def _class_items(av: Any) -> str:
    parts = []
    for op, value in av:
        if op == "NEGATE":
            parts.append("^")
        elif op == "LITERAL":
            parts.append(_char(value))
        elif op == "RANGE":
            parts.append(f"{_char(value[0])}-{_char(value[1])}")
        elif op == "CATEGORY" and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            raise ValueError(f"unsupported class item {op} {value}")
    return f"[{''.join(parts)}]"


def _is_small(key: tuple[Any, ...]) -> bool:
    name, _, av = key
    if name == "LITERAL":
        return True
    if name != "IN":
        return False
    size = 0
    for op, value in av:
        if op == "RANGE":
            size += value[1] - value[0] + 1
        elif op == "LITERAL":
            size += 1
        else:
            return False  # negated, or a category: all of Unicode may match
    return size < _SMALL_CLASS


def _masks(keys: Sequence[tuple[Any, ...]]) -> dict[int, int]:
    """Code point -> the bit set of the tests it passes (only code points passing one)."""
    everything = "".join(map(chr, range(_MAX_CODE + 1)))
    sources = [_test_source(key) for key in keys]
    masks: dict[int, int] = {}
    small = [i for i, key in enumerate(keys) if _is_small(key)]
    # One pass finds every character a small test passes; each small test then runs on those.
    candidates = (
        set(re.findall("|".join(f"(?:{sources[i]})" for i in small), everything)) if small else ()
    )
    for i in range(len(keys)):
        bit = 1 << i
        pattern = re.compile(sources[i])
        if i in small:
            found: Iterable[str] = [ch for ch in candidates if pattern.fullmatch(ch)]
        else:
            found = pattern.findall(everything)
        for ch in found:
            code = ord(ch)
            masks[code] = masks.get(code, 0) | bit
    # The line break that $ looks at stays itself: a kind of its own.
    masks[_NEWLINE] = masks.get(_NEWLINE, 0) | 1 << len(keys)
    return masks


def _runs(
    masks: dict[int, int], rep_of: dict[int, int], zero: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts: list[int] = [0]
    reps: list[int] = [zero]
    previous = -1
    for code in sorted(masks):
        if code > previous + 1 and reps[-1] != zero:
            starts.append(previous + 1)
            reps.append(zero)
        rep = rep_of[masks[code]]
        if rep != reps[-1]:
            if starts[-1] == code:
                reps[-1] = rep
            else:
                starts.append(code)
                reps.append(rep)
        previous = code
    if previous < _MAX_CODE and reps[-1] != zero:
        starts.append(previous + 1)
        reps.append(zero)
    return tuple(starts), tuple(reps)


def _class_source(reps: Sequence[int]) -> str:
    if not reps:
        return "(?!)"
    if len(reps) == 1:
        return _char(reps[0])
    parts = []
    start = previous = reps[0]
    for code in [*reps[1:], -2]:
        if code != previous + 1:
            parts.append(_char(start) if start == previous else f"{_char(start)}-{_char(previous)}")
            start = code
        previous = code
    return f"[{''.join(parts)}]"


def _char(code: int) -> str:
    """A character as the pattern writes it: itself when that is safe, else an escape."""
    if code < 0x80 and chr(code).isalnum():
        return chr(code)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
