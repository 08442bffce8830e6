"""The fast loader gives the French pipeline ``spacy.load`` gives: same tokens, same tags.

The stock pipeline is loaded the slow way here, once for the module, and both tokenize and
annotate a large French text: the French sample decks, every tokenizer exception in a sentence,
hyphenated and elided words in every case, and the characters case-insensitive matching treats
specially (« ſ », the Kelvin sign, « İ »).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from analyzer import lookups, nlp, parser, spacy_loader
from analyzer.reduced_regex import ReducedPattern
from tests.test_reduced_regex import HYPHENATED_WORDS

ROOT = Path(__file__).resolve().parent.parent


def _model_dir() -> Path:
    import spacy

    return nlp.model_path(Path(spacy.util.get_package_path(nlp.FR_MODEL)))


@pytest.fixture(scope="module")
def stock() -> Any:
    import spacy

    pipeline = spacy.load(nlp.FR_MODEL, exclude=nlp._EXCLUDED)
    pipeline.enable_pipe("senter")
    return pipeline


@pytest.fixture(scope="module")
def fast(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        # A cache of its own: the reductions are computed here, not read from an earlier run.
        patch.setenv("DECKMENTOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        pipeline = spacy_loader.load(_model_dir(), nlp._EXCLUDED, lookups.french_tables())
    pipeline.enable_pipe("senter")
    return pipeline


@pytest.fixture(scope="module")
def fast_reading_the_model_tables(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The loader given tables that are not the model's: it reads the model's own."""
    tables = dataclasses.replace(
        lookups.french_tables(), lookup={**lookups.french_tables().lookup, "zzz": "zzz"}
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DECKMENTOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        pipeline = spacy_loader.load(_model_dir(), nlp._EXCLUDED, tables)
    pipeline.enable_pipe("senter")
    return pipeline


def french_text() -> list[str]:
    """Some thousand paragraphs of French, with the tokenizer's hard cases."""
    from spacy.lang.fr.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    lines = []
    for sample in ("codir-offre-v1.pptx", "codir-offre-v2.pptx"):
        deck = parser.parse((ROOT / "samples" / sample).read_bytes(), sample)
        lines += nlp.deck_texts(deck)
    lines += _rule_case_text("fr")
    lines += [line.upper() for line in lines] + [line.swapcase() for line in lines]
    for word in [*TOKENIZER_EXCEPTIONS, *HYPHENATED_WORDS]:
        lines.append(f"Selon lui, {word} (voir « {word} ») : {word}.")
        lines.append(f"{word.upper()}-{word}, {word.title()}… {word}’s")
    for word in HYPHENATED_WORDS:
        for look_alike in ("ſ", "\u212a", "İ", "ı", "ẞ"):
            lines.append(f"Le {word.replace('s', look_alike).replace('k', look_alike)} arrive.")
    lines += [
        "Voir https://www.exemple.fr/offre-2025?client=a&b=1 et contact@exemple-conseil.fr.",
        "Le CA atteint 1 000,50 € (+12,5 %) vs 3.2M$ en T3-2024 ; 15h30–16h, 2e trimestre.",
        "Réunion le 12/03/2025 à 9h — c'est-à-dire aujourd'hui, peut-être après-midi.",
        "L’équipe d’avant-vente s’est-elle engagée ? Qu'est-ce qu'on fait ? Est-ce prêt ?",
        "A-t-il signé ? Va-t-on y arriver ? Semble-t-il, passe-t-on au vote ?",
        "Prud’hommes, entr’ouverts, grand’rue, presqu’île, quelqu’un, jusqu’au bout.",
        "ANTI-INFLAMMATOIRE, Anti-Inflammatoire, anti‐inflammatoire, anti–inflammatoire.",
        "J.-C., M. Dupont, Mme Martin, Dr. House, St. Tropez, etc., cf. p. 12, n° 4, janv.",
        "Ligne un\nLigne deux\u2028et trois\tavec tabulation  et  doubles espaces.",
        "Les États-Unis, la Seine-Saint-Denis, Saint-Étienne et Aix-en-Provence.",
    ]
    return lines


def _rule_case_text(lang: str) -> list[str]:
    """The titles, bullets, notes and table cells of the rule cases in ``lang``."""
    import yaml

    found: list[str] = []
    for path in sorted((ROOT / "tests" / "rules" / "cases").glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).get("cases", []):
            if case.get("lang") != lang:
                continue
            for slide in case.get("slides", []):
                found += [slide[k] for k in ("title", "notes") if isinstance(slide.get(k), str)]
                for bullet in slide.get("bullets") or []:
                    found.append(bullet if isinstance(bullet, str) else bullet.get("text", ""))
                found += [cell for row in slide.get("table") or [] for cell in row]
    return [text for text in found if isinstance(text, str) and text.strip()]


def annotate_all(pipeline: Any, texts: list[str]) -> Iterator[list[tuple[Any, ...]]]:
    for doc in pipeline.pipe(texts, batch_size=256):
        yield [
            (t.text, t.whitespace_, t.pos_, t.tag_, str(t.morph), t.lemma_, t.is_sent_start)
            for t in doc
        ]


def test_the_text_is_large_and_has_the_hard_cases() -> None:
    text = french_text()
    assert len(text) > 3500
    assert sum(len(line.split()) for line in text) > 25_000


def test_tokens_and_tags_are_those_of_spacy_load(stock: Any, fast: Any) -> None:
    texts = french_text()
    differences = [
        (text, ours, theirs)
        for text, ours, theirs in zip(
            texts, annotate_all(fast, texts), annotate_all(stock, texts), strict=True
        )
        if ours != theirs
    ]
    assert differences == []


def test_with_other_tables_the_lemmatizer_reads_the_model_file(
    stock: Any, fast_reading_the_model_tables: Any
) -> None:
    tables = fast_reading_the_model_tables.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    assert type(tables).__name__ == "_Table"
    texts = french_text()[:600]
    ours = list(annotate_all(fast_reading_the_model_tables, texts))
    assert ours == list(annotate_all(stock, texts))


def test_tokenizers_have_the_same_settings(stock: Any, fast: Any) -> None:
    """Serialised, the tokenizers are the same bytes: prefixes, suffixes, infixes, the token
    and URL matchers' patterns, the special cases."""
    assert isinstance(fast.tokenizer.token_match.__self__, ReducedPattern)
    assert fast.tokenizer.to_bytes(exclude=["vocab"]) == stock.tokenizer.to_bytes(exclude=["vocab"])


def test_the_tokenizer_patterns_are_reduced_and_the_config_is_the_models(
    stock: Any, fast: Any
) -> None:
    tokenizer = fast.tokenizer
    for matcher in (tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer):
        assert isinstance(matcher.__self__, ReducedPattern)
    assert fast.config["nlp"]["tokenizer"] == stock.config["nlp"]["tokenizer"]


def test_pipelines_have_the_same_components(stock: Any, fast: Any) -> None:
    assert fast.pipe_names == stock.pipe_names
    assert fast.meta["name"] == stock.meta["name"]
    assert fast.meta["version"] == stock.meta["version"]
    assert fast.get_pipe("lemmatizer").mode == stock.get_pipe("lemmatizer").mode


def test_lemmatizer_tables_answer_as_spacy_tables_do(stock: Any, fast: Any) -> None:
    from spacy.strings import get_string_id

    ours = fast.get_pipe("lemmatizer").lookups
    theirs = stock.get_pipe("lemmatizer").lookups
    assert sorted(ours.tables) == sorted(theirs.tables)
    assert type(ours.get_table("lemma_lookup")).__name__ == "_StringTable"
    words = [w for line in french_text()[:400] for w in (*line.split(), *line.lower().split())]
    for name in theirs.tables:
        our_table, their_table = ours.get_table(name), theirs.get_table(name)
        assert len(our_table) == len(their_table)
        keys = [*words, "noun", "verb", "adj", "adv", "aux", "det", "pron", "propn"]
        for key in [*keys, *(get_string_id(k) for k in keys[:300])]:
            assert (key in our_table) == (key in their_table)
            expected = their_table.get(key, "absent")
            got = our_table.get(key, "absent")
            if isinstance(expected, list) and isinstance(got, frozenset):
                assert got == frozenset(expected)  # the lemma index, asked about membership
            else:
                assert as_lists(got) == expected  # exceptions hold tuples: read alike


def as_lists(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [as_lists(item) for item in value]
    if isinstance(value, Mapping):  # a dict, or a table the cache stores (analyzer.lookups)
        return {key: as_lists(item) for key, item in value.items()}
    return value


_MODULE_DUMP = """
import hashlib, json, sys
{setup}
import spacy.lang.fr.tokenizer_exceptions as m
print(json.dumps({{
    "match": type(m.TOKEN_MATCH.__self__).__name__,
    "pattern": hashlib.sha256(m.TOKEN_MATCH.__self__.pattern.encode()).hexdigest(),
    "exceptions": sorted((k, repr(v)) for k, v in m.TOKENIZER_EXCEPTIONS.items()),
    "names": sorted(k for k in vars(m) if not k.startswith("__")),
    "re": m.re is __import__("re"),
}}))
"""


def _module_dump(setup: str, cache: Path) -> dict[str, Any]:
    code = textwrap.dedent(_MODULE_DUMP.format(setup=setup))
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**__import__("os").environ, "DECKMENTOR_CACHE_DIR": str(cache)},
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_french_module_is_imported_with_its_own_code(tmp_path: Path) -> None:
    """spacy.lang.fr imported by the loader: the same exceptions and names, the same pattern
    behind TOKEN_MATCH, only the matcher is the reduced one."""
    fast = _module_dump(
        "from analyzer.spacy_loader import import_french; import_french()", tmp_path
    )
    stock = _module_dump("", tmp_path)
    assert (fast["match"], stock["match"]) == ("ReducedPattern", "Pattern")
    assert fast["re"] is True
    assert {k: v for k, v in fast.items() if k != "match"} == {
        k: v for k, v in stock.items() if k != "match"
    }
