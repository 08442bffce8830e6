"""Which language a deck, and each of its paragraphs, is written in: French, English or other.

Decided from the extracted text before any pipeline is loaded (loading French costs seconds),
from function words, accents and script; for decks of short labels, from the proofing language
the editor stored on each run.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from analyzer.annotation import (
    Lang,
)
from analyzer.model import Deck


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
        text_letters, text_cjk, text_words, text_hits = _evidence(text)
        letters += text_letters
        cjk += text_cjk
        words += text_words
        hits.update(dict(text_hits))
    if letters and cjk / letters > _CJK_SHARE:
        return LanguageGuess(Lang.OTHER, dict(hits), words)
    fr, en, other = hits[Lang.FR], hits[Lang.EN], hits[Lang.OTHER]
    # Spanish or Italian share « la », « de », « que » with French: their own words, even
    # half as many, say the text is neither.
    if max(fr, en) < max(2, 0.08 * words) or 2 * other >= max(fr, en):
        return LanguageGuess(Lang.OTHER, dict(hits), words)
    return LanguageGuess(Lang.FR if fr > en else Lang.EN, dict(hits), words)


@functools.lru_cache(maxsize=1 << 16)
def _evidence(text: str) -> tuple[int, int, int, tuple[tuple[Lang, int], ...]]:
    """One text's letters, CJK characters, words and function-word hits (in the order first
    found): a deck's language and each paragraph's are sums of these, and the same paragraph
    is asked about several times (deck, paragraph, slide)."""
    hits: Counter[Lang] = Counter()
    words = 0
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
    letters = sum(1 for ch in text if ch.isalpha())
    return letters, len(_CJK.findall(text)), words, tuple(hits.items())


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
    letters = cjk = 0
    for text in texts:
        text_letters, text_cjk, _, _ = _evidence(text)
        letters += text_letters
        cjk += text_cjk
    return bool(letters) and cjk / letters > _CJK_SHARE


def paragraph_language(text: str, deck_lang: Lang) -> Lang:
    """A paragraph's own language when it clearly has one, else the deck's."""
    if _evidence(text)[1] >= 2 and _is_cjk((text,)):
        return Lang.OTHER
    guess = guess_language((text,))
    fr, en = guess.hits.get(Lang.FR, 0), guess.hits.get(Lang.EN, 0)
    if guess.lang is Lang.OTHER or max(fr, en) < _MIN_PARAGRAPH_HITS:
        return deck_lang
    if guess.lang is not deck_lang and max(fr, en) < 2 * min(fr, en) + 1:
        return deck_lang
    return guess.lang
