"""Word lists as data: ``rules/lexicons/{en,fr}/<name>.yml``, loaded once and validated.

Two kinds, after Vale: ``existence`` (a list of ``terms``) and ``substitution`` (a ``swap`` map
from a weak form to a better one; "" means delete). A mentor who does not program can improve
these files; rules reach them only through ``RuleContext.lexicon(name, lang)``.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources

import yaml

from analyzer.annotation import Lang

#: libyaml's loader when PyYAML was built with it: the same values, ten times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = frozenset({"existence", "substitution"})


class LexiconError(ValueError):
    """A word list file is malformed: its message names the file and the problem."""


@dataclass(frozen=True)
class Lexicon:
    """A validated word list. ``terms`` holds the keys of ``swap`` for substitution lists."""

    name: str
    lang: Lang
    kind: str
    terms: tuple[str, ...]
    swap: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def extended(self, extra: Mapping[str, str] | Iterable[str]) -> Lexicon:
        """The list with a team's additions: swaps (bad -> better) or plain terms."""
        added = dict(extra) if isinstance(extra, Mapping) else dict.fromkeys(extra, "")
        if not added:
            return self
        # An existence list has no swap map: its own terms must survive the merge.
        swap = {
            **dict.fromkeys(self.terms, ""),
            **self.swap,
            **{normalize_term(k): v for k, v in added.items()},
        }
        return Lexicon(self.name, self.lang, self.kind, tuple(sorted(swap)), swap, self.source)

    def without(self, ignored: frozenset[str]) -> Lexicon:
        if not ignored:
            return self
        drop = {normalize_term(term) for term in ignored}
        terms = tuple(t for t in self.terms if t not in drop)
        swap = {k: v for k, v in self.swap.items() if k not in drop}
        return Lexicon(self.name, self.lang, self.kind, terms, swap, self.source)


def normalize_term(term: str) -> str:
    """NFC, lower case, typographic apostrophe folded to ASCII, single spaces."""
    folded = unicodedata.normalize("NFC", term).replace("\u2019", "'").lower()
    return " ".join(folded.split())


def available_lexicons(lang: Lang) -> tuple[str, ...]:
    folder = resources.files("rules") / "lexicons" / lang.value
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".yml")))


@functools.cache
def load_lexicon(name: str, lang: Lang) -> Lexicon:
    """Load and validate ``lexicons/<lang>/<name>.yml``; OTHER gets an empty existence list."""
    if lang is Lang.OTHER:
        return Lexicon(name, lang, "existence", ())
    path = resources.files("rules") / "lexicons" / lang.value / f"{name}.yml"
    if not path.is_file():
        raise LexiconError(f"no word list {name!r} for {lang.value}")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    return parse_lexicon(name, lang, data)


def parse_lexicon(name: str, lang: Lang, data: object) -> Lexicon:
    where = f"lexicons/{lang.value}/{name}.yml"
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping at the top")
    if data.get("lang") != lang.value:
        raise LexiconError(f"{where}: 'lang' must be {lang.value!r}")
    kind = data.get("kind")
    if kind not in KINDS:
        raise LexiconError(f"{where}: 'kind' must be one of {sorted(KINDS)}")
    source = str(data.get("source", ""))
    if kind == "existence":
        raw_terms = data.get("terms")
        if not isinstance(raw_terms, list) or not all(isinstance(t, str) for t in raw_terms):
            raise LexiconError(f"{where}: 'terms' must be a list of strings")
        terms = tuple(normalize_term(t) for t in raw_terms)
        return Lexicon(name, lang, kind, terms, {}, source)
    raw_swap = data.get("swap")
    if not isinstance(raw_swap, dict):
        raise LexiconError(f"{where}: 'swap' must be a mapping")
    swap = {normalize_term(str(k)): "" if v is None else str(v) for k, v in raw_swap.items()}
    return Lexicon(name, lang, kind, tuple(swap), swap, source)
