"""A regular expression rewritten over a small alphabet answers exactly as the original does.

Every test compares with ``re`` itself, string by string: same match or no match, same span.
The strings are built to hit what a reduced alphabet could get wrong: case folding
(« ſ » is an « s », the Kelvin sign a « K », « İ » an « i » under ``(?i)``), the line break
``$`` looks at, characters of big classes no literal names, and each alternative of spaCy's
French ``TOKEN_MATCH`` (a string it matches, then small changes to it).
"""

from __future__ import annotations

import importlib
import random
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from analyzer import reduced_regex
from analyzer.reduced_regex import ReducedPattern, compile_reduced, reduce

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

#: Characters whose case-insensitive matches are not just upper and lower case.
TRICKY = (
    "ſsSKkK\u212aİıiIßẞµμΜΣσςΩωΩ\u00c5\u00e5\u212bﬀﬁ\n'’-–—‐‑éÉèÈêÊ0123456789 _.@/"
    "ǅǆǄᾳΐ\u0307😀𝒜日本"  # titlecase letters, a combining dot, characters beyond the BMP
)


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reductions computed here go to a cache of the test's own, not the user's."""
    monkeypatch.setenv("DECKMENTOR_CACHE_DIR", str(tmp_path / "cache"))


def assert_same(pattern: str, flags: int, strings: Sequence[str]) -> int:
    """Compares the reduced and the real pattern on ``strings``; returns how many match."""
    reduced = reduce(pattern, flags)
    assert reduced is not None
    fast = ReducedPattern(pattern, flags, reduced)
    real = re.compile(pattern, flags)
    matched = 0
    for string in strings:
        expected = real.match(string)
        got = fast.match(string)
        assert (got is None, got and got.span()) == (
            expected is None,
            expected and expected.span(),
        ), (
            pattern[:60],
            string,
        )
        matched += expected is not None
    return matched


def variants(word: str) -> Iterator[str]:
    """The word, in other cases, with each letter swapped for a look-alike under ``(?i)``."""
    yield from (word, word.upper(), word.lower(), word.title(), word.swapcase(), word + "\n")
    for i, ch in enumerate(word):
        for other in ("ſ", "\u212a", "İ", "ı", "ẞ", "\u212b", "K", "S", "-", "’", "é", "x", "\n"):
            if ch.lower() in ("s", "k", "i", "ß", "å", "-", "'", "e", "\n") or i == len(word) - 1:
                yield word[:i] + other + word[i + 1 :]


# --- small patterns --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"(?i)^stra(?:ss|ß)e$", 0),
        (r"^[a-zà-ÿ]+[-–][a-z]+$", re.IGNORECASE),
        (r"(?i)^(?:kelvin|ſki)[\w-]*$", 0),
        (r"(?iu)^(?P<first>[^\W\d_]+)'(?P<second>[a-z]+)$", 0),
        (r"^(?:ab|a)+?c*+(?=d)d{1,3}(?<!x)$", 0),
        (r"(?i)^.[0-9\s]?(?:[^a-f]|é)$", re.DOTALL),
        (r"(?m)^un$\n^deux$", 0),
        (r"(?a)^\w+$", 0),
        (r"\A(?>\d+)\Z", 0),
    ],
)
def test_small_patterns_answer_as_re_does(pattern: str, flags: int) -> None:
    words = [
        *("strasse", "STRAẞE", "Straße", "ſtraſſe", "anti-âge", "ſki-club", "kelvin-x", "l'eau"),
        *("l’eau", "aabcd", "abddd", "abd", "un\ndeux", "é1b", "x\n", "123", "١٢٣", "ab_c"),
    ]
    strings = [v for word in words for v in variants(word)] + list(TRICKY)
    assert_same(pattern, flags, strings)


def test_what_the_alphabet_cannot_preserve_is_compiled_as_it_is() -> None:
    for pattern in (r"^(a)\1$", r"\bmot\b", r"^(a)?(?(1)b|c)$"):
        assert reduce(pattern) is None
        assert isinstance(compile_reduced(pattern), re.Pattern)


def test_the_reduced_pattern_keeps_the_original_for_serialisation() -> None:
    fast = compile_reduced(r"(?i)^[a-zé]+-[a-z]+$")
    assert isinstance(fast, ReducedPattern)
    assert (fast.pattern, fast.flags) == (r"(?i)^[a-zé]+-[a-z]+$", 0)
    # spaCy writes a tokenizer's token_match as token_match.__self__.pattern
    assert fast.match.__self__.pattern == r"(?i)^[a-zé]+-[a-z]+$"  # type: ignore[attr-defined]


# --- spaCy's French TOKEN_MATCH --------------------------------------------------------------


@pytest.fixture(scope="module")
def french_token_match() -> tuple[str, int]:
    exceptions = importlib.import_module("spacy.lang.fr.tokenizer_exceptions")
    compiled = exceptions.TOKEN_MATCH.__self__
    return compiled.pattern, compiled.flags & ~re.UNICODE


def _alternatives(pattern: str) -> list[Any]:
    """The top-level alternatives of the parsed pattern (the parser factors out ``^``)."""
    tree = list(_parser.parse(pattern))
    branches = [av[1] for op, av in tree if op is _c.BRANCH]
    assert len(branches) == 1
    return [[*[x for x in tree if x[0] is not _c.BRANCH], *alt] for alt in branches[0]]


def _sample(items: Sequence[tuple[Any, Any]], rng: random.Random) -> str:
    """A string the parsed items match (case as written; variants() changes it)."""
    out = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(chr(av))
        elif op is _c.IN:
            members = [
                chr(rng.randint(value[0], value[1])) if kind is _c.RANGE else chr(value)
                for kind, value in av
                if kind in (_c.LITERAL, _c.RANGE)
            ]
            out.append(rng.choice(members[:40] + members[-3:]))
        elif op is _c.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng))
        elif op is _c.SUBPATTERN:
            out.append(_sample(av[3], rng))
        elif op is _c.MAX_REPEAT:
            low, high, inner = av
            count = rng.randint(low, min(high, low + 3))
            out.append("".join(_sample(inner, rng) for _ in range(count)))
    return "".join(out)


def test_french_token_match_answers_as_re_does(french_token_match: tuple[str, int]) -> None:
    from spacy.lang.fr.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    pattern, flags = french_token_match
    rng = random.Random(20240611)
    samples = [_sample(alt, rng) for alt in _alternatives(pattern) for _ in range(3)]
    assert len(samples) > 700
    words = [*TOKENIZER_EXCEPTIONS, *samples, *HYPHENATED_WORDS]
    strings = [v for word in words for v in variants(word)]
    alphabet = sorted(set("".join(words)) | set(TRICKY))
    for _ in range(20_000):
        word = list(rng.choice(words))
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(word) + 1)
            action = rng.random()
            if action < 0.4 and word:
                word[min(i, len(word) - 1)] = rng.choice(alphabet)
            elif action < 0.7:
                word.insert(i, rng.choice(alphabet))
            elif word:
                del word[min(i, len(word) - 1)]
        strings.append("".join(word))
    matched = assert_same(pattern, flags, strings)
    # Both sides of the comparison are exercised: many strings match, many do not.
    assert 0.2 * len(strings) < matched < 0.8 * len(strings)


def test_french_tokenizer_affixes_are_found_where_re_finds_them() -> None:
    """The model's prefix, suffix and infix patterns, through search and finditer."""
    import spacy
    import srsly  # type: ignore[import-untyped]

    from analyzer import nlp

    path = nlp.model_path(Path(spacy.util.get_package_path(nlp.FR_MODEL)))
    data = srsly.msgpack_loads((path / "tokenizer").read_bytes())
    rng = random.Random(7)
    words = [*HYPHENATED_WORDS, "(l'offre)", "«Vite»", "12,5%", "T3-2024.", "10h30…", "J.-C."]
    alphabet = sorted(set("".join(words)) | set(TRICKY) | set('()[]{}«»“”"…%€$°+*/'))
    strings = [v for word in words for v in variants(word)]
    for _ in range(5_000):
        strings.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
    for name in ("prefix_search", "suffix_search", "infix_finditer"):
        reduced = reduce(data[name])
        assert reduced is not None
        fast = ReducedPattern(data[name], 0, reduced)
        real = re.compile(data[name])
        for string in strings:
            if name == "infix_finditer":
                spans = [m.span() for m in fast.finditer(string)]
                assert spans == [m.span() for m in real.finditer(string)], (name, string)
            else:
                got, expected = fast.search(string), real.search(string)
                assert (got and got.span()) == (expected and expected.span()), (name, string)


def test_the_reduction_is_cached_on_disk_and_read_back(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern = r"(?i)^(?:anti|contre)[-‐][a-zà-ÿ]+$"
    first = compile_reduced(pattern)
    files = list((tmp_path / "cache").iterdir())
    assert [f.name.startswith("regex-") for f in files] == [True]
    calls = []
    monkeypatch.setattr(reduced_regex, "reduce", lambda *a: calls.append(a))
    second = compile_reduced(pattern)
    assert calls == []  # read from the file, not reduced again
    for word in ("anti-âge", "CONTRE‐ÉTUDE", "antiage", "ſ", "Anti-ſki\n"):
        assert bool(first.match(word)) == bool(second.match(word)) == bool(re.match(pattern, word))


#: Words with hyphens and elisions a French deck has, and the tokenizer's hard cases.
HYPHENATED_WORDS = (
    "aujourd'hui", "Aujourd’hui", "c'est-à-dire", "peut-être", "anti-inflammatoire",
    "Saint-Étienne", "saint-étienne", "arc-en-ciel", "pet-en-l'air", "prud'homme", "entr'ouvert",
    "États-Unis", "états-unis", "New-York", "porte-parole", "sous-traitance", "co-construction",
    "grand'mère", "grands-parents", "Jean-Pierre", "Val-de-Marne", "week-end", "e-mail",
    "ex-directeur", "après-midi", "vis-à-vis", "post-it", "best-of", "multi-canal",
    "cyber-sécurité", "éco-conception", "Île-de-France", "socio-économique", "Aix-en-Provence",
    "rendez-vous", "mi-temps", "demi-journée", "non-conformité", "auto-entrepreneur",
    "vidéo-conférence", "ANTI-INFLAMMATOIRE", "Anti-Inflammatoire", "ſaint-étienne",
    "\u212aick-off", "İnter-entreprises",
)  # fmt: skip
