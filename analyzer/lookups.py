"""spacy-lookups-data's tables, as the tagging layer and spaCy's French lemmatizer read them.

The tagging layer's word lists (``analyzer.tagging``) come from spacy-lookups-data: the English
lemma index and lookups, and the French lemma tables, which the French model's lemmatizer holds
too. Reading the French ones (half a million entries of JSON) takes most of a second, so what is
kept of them is cached on disk (``analyzer.cache``), keyed by the data files and by this
module's source; strings are shared between tables, so they are read and held once.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer import cache
from analyzer.tagging import EnglishLexicons, FrenchLexicons

_FR_TABLES = ("lemma_index", "lemma_lookup", "lemma_exc", "lemma_rules")


@dataclass(frozen=True)
class FrenchTables:
    """spacy-lookups-data's French lemma tables, keyed by part of speech ("noun", "verb"...),
    and what tagging derives from them. ``key`` names the files they were read from. The
    exceptions' lemmas are tuples (a Table holds lists), read alike by the lemmatizer."""

    key: tuple[str, ...]
    lookup: Mapping[str, str]  # form -> its (only) lemma
    exceptions: Mapping[str, Mapping[str, tuple[str, ...]]]  # part of speech -> form -> lemmas
    index: Mapping[str, frozenset[str]]  # part of speech -> lemmas
    rules: Mapping[str, list[list[str]]]  # part of speech -> [ending, replacement]
    verb_lemmas: frozenset[str]
    verb_suffixes: tuple[tuple[str, str], ...]


@functools.cache
def french_tables() -> FrenchTables:
    """The French tables. The form -> lemma lookups and the exceptions (400,000 forms, of which
    a deck looks up a few thousand) are read from an SQLite file of the cache a form at a
    time: unmarshalled whole, they were a fifth of a second of every start. The rest (lemma
    index, rules, verb lemmas) is read whole."""
    key = cache.version_key(*_lookups_files("fr", _FR_TABLES), cache.source_hash(__file__))
    read: list[tuple[Any, ...]] = []  # spacy-lookups-data's JSON, read at most once

    def tables() -> tuple[Any, ...]:
        if not read:
            read.append(_read_french_tables())
        return read[0]

    index, rules, verb_lemmas, suffixes = cache.cached(
        "lookups-fr-tables", key, lambda: _whole_tables(tables())
    )
    words = cache.stored("lookups-fr-words", key, lambda: _word_tables(tables()))
    exceptions = {
        name.removeprefix(_EXCEPTIONS): _Lemmas(table)
        for name, table in words.items()
        if name.startswith(_EXCEPTIONS)
    }
    return FrenchTables(key, words["lookup"], exceptions, index, rules, verb_lemmas, suffixes)


#: The stored tables of exceptions are named after their part of speech: "exceptions-verb".
_EXCEPTIONS = "exceptions-"


def _whole_tables(tables: tuple[Any, ...]) -> tuple[Any, ...]:
    _, _, index, rules, verb_lemmas, suffixes = tables
    return index, rules, verb_lemmas, suffixes


def _word_tables(tables: tuple[Any, ...]) -> dict[str, Mapping[str, str]]:
    lookup, exceptions, *_ = tables
    stored: dict[str, Mapping[str, str]] = {"lookup": lookup}
    for pos, forms in exceptions.items():
        stored[_EXCEPTIONS + pos] = {form: "\t".join(lemmas) for form, lemmas in forms.items()}
    return stored


class _Lemmas(Mapping[str, tuple[str, ...]]):
    """A table of exceptions as the lemmatizer reads it (form -> its lemmas), from a table
    that holds them joined by tabs."""

    def __init__(self, joined: Mapping[str, str]) -> None:
        self._joined = joined

    def get(self, form: str, default: Any = None) -> Any:
        lemmas = self._joined.get(form)
        return default if lemmas is None else tuple(lemmas.split("\t"))

    def __getitem__(self, form: str) -> tuple[str, ...]:
        found: tuple[str, ...] | None = self.get(form)
        if found is None:
            raise KeyError(form)
        return found

    def __contains__(self, form: object) -> bool:
        return form in self._joined

    def __iter__(self) -> Iterator[str]:
        return iter(self._joined)

    def __len__(self) -> int:
        return len(self._joined)


def _read_french_tables() -> tuple[Any, ...]:
    index, lookup, exceptions, rules = (_shared(t) for t in _lookup_tables("fr", *_FR_TABLES))
    exceptions = {
        pos: {f: tuple(ls) for f, ls in forms.items()} for pos, forms in exceptions.items()
    }
    verb_forms = _VerbForms(exceptions["verb"], exceptions["aux"])
    verb_lemmas = frozenset(index["verb"]) | {lemma for ls in verb_forms.values() for lemma in ls}
    # The rules list every ending of a regular -er verb but the commonest (« progresse »).
    suffixes = tuple(
        (ending, replacement)
        for ending, replacement in [*rules["verb"], ["e", "er"]]
        if ending.isalpha() and replacement.isalpha()
    )
    return (
        {form: _first(lemma) for form, lemma in lookup.items()},
        exceptions,
        {pos: frozenset(lemmas) for pos, lemmas in index.items()},
        rules,
        verb_lemmas,
        suffixes,
    )


class _VerbForms(Mapping[str, tuple[str, ...]]):
    """Form -> the lemmas of the verbs and auxiliaries it is an exception of, read from the
    exception tables (not a copy of them)."""

    def __init__(self, verbs: Mapping[str, tuple[str, ...]], aux: Mapping[str, tuple[str, ...]]):
        self._verbs = verbs
        self._aux = aux

    def __getitem__(self, form: str) -> tuple[str, ...]:
        if form not in self._verbs and form not in self._aux:
            raise KeyError(form)
        return (*self._verbs.get(form, ()), *self._aux.get(form, ()))

    def __iter__(self) -> Iterator[str]:
        yield from self._verbs
        yield from (form for form in self._aux if form not in self._verbs)

    def __len__(self) -> int:
        return len(self._verbs) + sum(1 for form in self._aux if form not in self._verbs)


def _shared(value: Any) -> Any:
    """The same value with its strings interned: a lemma written a thousand times is one
    string, in memory and in the cache file."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list):
        return [_shared(item) for item in value]
    if isinstance(value, dict):
        return {_shared(k): _shared(v) for k, v in value.items()}
    return value


@functools.cache
def french_lexicons() -> FrenchLexicons:
    tables = french_tables()
    hints = tagging_hints("tagging-fr.yml")
    return FrenchLexicons(
        lemmas=tables.lookup,
        verb_lemmas=tables.verb_lemmas,
        verb_forms=_VerbForms(tables.exceptions["verb"], tables.exceptions["aux"]),
        nouns=tables.index["noun"],
        adjectives=tables.index["adj"],
        adjective_forms=tables.exceptions["adj"].keys(),
        verb_suffixes=tables.verb_suffixes,
        appositive_nouns=hints["appositive-nouns"],
        etre_verbs=hints["etre-verbs"],
        stative_participles=hints["stative-participles"],
    )


@functools.cache
def english_lexicons() -> EnglishLexicons:
    index, lookup = _lookup_tables("en", "lemma_index", "lemma_lookup")
    hints = tagging_hints("tagging-en.yml")
    return EnglishLexicons(
        nouns=frozenset(index["noun"]),
        verbs=frozenset(index["verb"]),
        adjectives=frozenset(index["adj"]),
        adverbs=frozenset(index["adv"]),
        lemmas={form: _first(lemma) for form, lemma in lookup.items()},
        headline_verbs=hints["headline-verbs"],
        modifier_plurals=hints["modifier-plurals"],
        irregular_pasts=hints["irregular-pasts"],
        irregular_participles=hints["irregular-participles"],
        stative_participles=hints["stative-participles"],
    )


@functools.cache
def tagging_hints(name: str) -> Mapping[str, frozenset[str]]:
    """A word-list file of ``analyzer/data`` (tagging-en.yml, tagging-fr.yml)."""
    from importlib import resources

    import yaml

    text = resources.files("analyzer").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: faster
    return {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}


def _lookup_tables(lang: str, *names: str) -> list[Any]:
    """Tables of spacy-lookups-data as plain dicts (a spaCy Table hashes every key: slower)."""
    from spacy.util import load_language_data, registry

    paths = registry.lookups.get(lang)
    with cache.collector_paused():
        return [load_language_data(paths[name]) for name in names]


def _lookups_files(lang: str, names: Sequence[str]) -> list[str]:
    """The data files of spacy-lookups-data that tables come from, with their size and time:
    part of a cache key, so that another version of the data is read again."""
    from spacy.util import registry

    paths = registry.lookups.get(lang)
    found = []
    for name in names:
        # load_language_data reads the path given, or the same with ".gz" added.
        for path in (str(paths[name]), f"{paths[name]}.gz"):
            with contextlib.suppress(OSError):
                info = os.stat(path)
                found.append(f"{path} {info.st_size} {info.st_mtime_ns}")
    return found


def _first(value: Any) -> str:
    # French lookups map a form to a list of lemmas, English ones to a lemma.
    return str(value[0]) if isinstance(value, list) else str(value)
