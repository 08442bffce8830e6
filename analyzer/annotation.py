"""What the language stage knows about the deck's text, as plain frozen values rules can read.

The NLP machinery (spaCy, textstat) lives in ``analyzer.nlp``; this module holds only its
answers, so that rules never import spaCy and a test can build an annotation by hand.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
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


_HAN, _HIRAGANA, _KATAKANA, _OTHER = range(4)

#: Code point ranges of the scripts Chinese and Japanese write without spaces between words
#: (with Han: 々 〆, the iteration and closing marks).
_UNSPACED_SCRIPTS = (
    (_HAN, ((0x3005, 0x3006), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))),
    (_HAN, ((0x20000, 0x3134F),)),
    (_HIRAGANA, ((0x3041, 0x309F), (0x1B001, 0x1B11F))),
    (_KATAKANA, ((0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))),  # ー, half-width
)


def _script(ch: str) -> int:
    code = ord(ch)
    if code < 0x3005 or not ch.isalpha():  # Latin, Arabic, Hebrew...; CJK punctuation (、。・)
        return _OTHER
    for script, ranges in _UNSPACED_SCRIPTS:
        if any(low <= code <= high for low, high in ranges):
            return script
    return _OTHER


#: Single letters in a row from which text is read as spaced out ("S a u d i"), not as words
#: of one letter (French has three: « il y a à faire »).
_SPACED_OUT = 4


def _written_words(tokens: Sequence[Token]) -> Iterator[str | None]:
    """The paragraph's texts between spaces, from its tokens: tokens written together ("ca" +
    "n't", « l' » + « offre ») make one; None for a whitespace token (a wider space)."""
    glued = ""
    for token in tokens:
        if not token.text.strip():
            if glued:
                yield glued
                glued = ""
            yield None
            continue
        glued += token.text
        if token.whitespace:
            yield glued
            glued = ""
    if glued:
        yield glued


def count_words(text: str) -> int:
    """The words of a token (a text without spaces).

    Chinese and Japanese put no space between words; their words are counted at each change
    of script, as a reader segments them: a run of hiragana is one word (particles and verb
    endings: « による »), a run of katakana one word (« ソフトウェア »), a run of Han
    ideographs one word per two characters, rounded up (most Chinese and Japanese words have
    two: « 実行時間 » is 実行 + 時間). Any other run with a letter in it is one word: "offre",
    "l'offre", "Q3", Korean « 매출 » (Korean puts spaces between words), Arabic, Hebrew;
    "2025" is none. So « ソフトウェア実験 » counts 2 and « AI実験 » 2.

    Microsoft Word counts each Chinese or Japanese character as a word. That count is about
    twice the words of an English rendering of the same text, and deckmentor's thresholds
    and talk-time rate are set in English and French words: the Japanese deck of the corpus
    has 2,024 characters on its slides and 1,044 words by this count."""
    if text.isascii():  # the common case, without a look at each character's script
        return 1 if any(ch.isalpha() for ch in text) else 0
    count = 0
    for script, run in itertools.groupby(text, key=_script):
        chars = "".join(run)
        if script == _HAN:
            count += (len(chars) + 1) // 2
        elif script != _OTHER or any(ch.isalpha() for ch in chars):
            count += 1
    return count


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

    # Cached: rules ask each paragraph for its words thousands of times per deck.
    @functools.cached_property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.is_word)

    @functools.cached_property
    def word_count(self) -> int:
        """Words as a reader counts them: what is written between spaces ("can't", « l'offre »,
        "for-profit", "less/no" are one word each; a figure alone is none), Chinese and Japanese
        at script changes (``count_words``). Text spaced out letter by letter ("R o o h  S a u
        d i", a designer's effect) is read as the words it spells: a run of four single letters
        or more is one word, plus one for each wider space inside it."""
        count = 0
        run: list[str | None] = []  # spaced-out letters, None for a wider space between them
        for written in (*_written_words(self.tokens), ""):
            letter = len(written or "") == 1 and (written or "").isalpha()
            if letter or (run and written is None):
                run.append(written)
                continue
            letters = [w for w in run if w is not None]
            if len(letters) >= _SPACED_OUT:
                count += 1 + run.count(None)
            else:
                count += len(letters)
            run = []
            if written:
                count += count_words(written)
        return count

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
