"""The word lists the taggers read: English closed classes, and the lexicon values that
``analyzer.nlp`` builds from spacy-lookups-data and ``analyzer/data/tagging-*.yml``."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- English closed classes ----------------------------------------------------------------

_EN_CLOSED: Mapping[str, str] = {
    **dict.fromkeys(
        _words(
            "a an the this that these those each every no some any all both several many few "
            "fewer more most less other another such either neither"
        ),
        "DET",
    ),
    **dict.fromkeys(_words("my your his her its our their whose which what"), "DET"),
    **dict.fromkeys(
        _words(
            "i you he she it we they me him us them myself ourselves itself themselves yourself "
            "who whom everything everyone something someone nothing anything"
        ),
        "PRON",
    ),
    **dict.fromkeys(
        _words(
            "of in on at by for with from to into onto over under about across after before "
            "between through during without within against among via per than vs versus towards "
            "toward despite throughout beyond upon"
        ),
        "ADP",
    ),
    **dict.fromkeys(_words("and or but nor yet &"), "CCONJ"),
    **dict.fromkeys(
        _words("if because while although though whether unless since once as when where so"),
        "SCONJ",
    ),
    **dict.fromkeys(_words("not n't"), "PART"),
    **dict.fromkeys(
        _words(
            "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
            "forty fifty hundred thousand million billion dozen"
        ),
        "NUM",
    ),
    **dict.fromkeys(
        _words(
            "january february march april may june july august september october november december"
        ),
        "PROPN",
    ),
}
_EN_FINITE_AUX = _words(
    "am is are was were has have had does do did will would can could shall should may "
    "might must 's 're 've 'll 'd 'm isn't aren't wasn't weren't hasn't haven't hadn't "
    "doesn't don't didn't won't wouldn't can't couldn't shouldn't ca wo"
)
_EN_BE_FORMS = _words("am is are was were be been being 's 're 'm")
_EN_SUBJECT_PRONOUNS = _words("i you we they he she it who")
_EN_THIRD_SINGULAR_PRONOUNS = _words("he she it who")
#: Words after which "'s" is "is"/"has", not a possessive.
_EN_S_HOSTS = _words("it that what here there he she who where how let")
#: Adverbs that sit between a subject and its verb ("Sales now represent 30%").
_EN_VERB_ADVERBS = _words("now also still already only just often never always even")
_EN_IRREGULAR_PLURALS = _words("people data media criteria staff personnel")


@dataclass(frozen=True)
class EnglishLexicons:
    """Word classes by lemma (WordNet via spacy-lookups-data), form -> lemma lookups, and the
    title hints of ``analyzer/data/tagging-en.yml``."""

    nouns: frozenset[str]
    verbs: frozenset[str]
    adjectives: frozenset[str]
    adverbs: frozenset[str]
    lemmas: Mapping[str, str]
    headline_verbs: frozenset[str] = frozenset()
    modifier_plurals: frozenset[str] = frozenset()
    irregular_pasts: frozenset[str] = frozenset()
    irregular_participles: frozenset[str] = frozenset()
    stative_participles: frozenset[str] = frozenset()

    def lemma(self, lower: str) -> str:
        return self.lemmas.get(lower, lower)

    def classes(self, lower: str) -> frozenset[str]:
        lemma = self.lemma(lower)
        found = set()
        for pos, words in (
            ("NOUN", self.nouns),
            ("VERB", self.verbs),
            ("ADJ", self.adjectives),
            ("ADV", self.adverbs),
        ):
            if lemma in words or lower in words:
                found.add(pos)
        if lower in self.irregular_pasts or lower in self.irregular_participles:
            found.add("VERB")
        return frozenset(found)


@dataclass(frozen=True)
class FrenchLexicons:
    """spacy-lookups-data's French tables, and the hints of ``analyzer/data/tagging-fr.yml``.

    ``lemmas`` is the lookup table (form -> most common lemma); ``verb_forms`` maps inflected
    forms of irregular and -ir/-re verbs to their lemmas; ``verb_lemmas``, ``nouns`` and
    ``adjectives`` are the lemma index; ``verb_suffixes`` the (ending, replacement) rules that
    turn a regular -er form into its lemma.
    """

    lemmas: Mapping[str, str]
    verb_lemmas: frozenset[str]
    verb_forms: Mapping[str, tuple[str, ...]]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    adjective_forms: AbstractSet[str]
    verb_suffixes: tuple[tuple[str, str], ...]
    appositive_nouns: frozenset[str] = frozenset()
    etre_verbs: frozenset[str] = frozenset()
    stative_participles: frozenset[str] = frozenset()
    #: verb_readings() by form: a deck asks about the same words again and again.
    _readings: dict[str, tuple[FrenchVerbReading, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def lemma(self, lower: str) -> str:
        return self.lemmas.get(lower, lower)

    def verb_readings(self, lower: str) -> tuple[FrenchVerbReading, ...]:
        """Every verb this form may belong to, with what its ending allows."""
        found = self._readings.get(lower)
        if found is None:
            found = self._readings[lower] = self._verb_readings(lower)
        return found

    def _verb_readings(self, lower: str) -> tuple[FrenchVerbReading, ...]:
        lemmas: dict[str, None] = dict.fromkeys(self.verb_forms.get(lower, ()))
        if lower in self.verb_lemmas:
            lemmas.setdefault(lower, None)  # an infinitive
        looked_up = self.lemmas.get(lower)
        if looked_up is not None and looked_up in self.verb_lemmas:
            lemmas.setdefault(looked_up, None)
        for suffix, replacement in self.verb_suffixes:
            if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
                candidate = lower[: len(lower) - len(suffix)] + replacement
                if candidate in self.verb_lemmas:
                    lemmas.setdefault(candidate, None)
        return tuple(_french_reading(lower, lemma) for lemma in lemmas)

    def is_noun(self, lower: str) -> bool:
        singular = lower[:-1] if lower.endswith(("s", "x")) else lower
        return lower in self.nouns or singular in self.nouns or self._lemma_in(lower, self.nouns)

    def is_adjective(self, lower: str) -> bool:
        # The index holds masculine singulars: « brute » is « brut » + e.
        stems = (lower, lower[:-1], lower[:-2]) if lower.endswith("es") else (lower, lower[:-1])
        return (
            lower in self.adjective_forms
            or any(stem in self.adjectives for stem in stems)
            or self._lemma_in(lower, self.adjectives)
        )

    def _lemma_in(self, lower: str, words: AbstractSet[str]) -> bool:
        # The index lists some infinitives as nouns or adjectives (« baisser », « peser »):
        # a form whose lemma is a verb is not a noun or adjective on that account.
        lemma = self.lemmas.get(lower)
        return lemma is not None and lemma in words and lemma not in self.verb_lemmas


@dataclass(frozen=True)
class FrenchVerbReading:
    """One way to read a French form as a verb: its lemma, and whether the ending may be a
    conjugated (finite) form or a past participle ("atteint" may be both)."""

    lemma: str
    finite: bool
    participle: bool


# Endings of the non -er verbs: participles only, or participle and third person both.
_FR_PARTICIPLE_ENDINGS = (
    "i", "ie", "ies", "is", "u", "ue", "ues", "us", "ise", "ises", "ite", "ites", "its", "aite",
    "aites", "aits", "ert", "erte", "ertes", "erts", "inte", "intes", "ints", "é", "ée", "és",
    "ées",
)  # fmt: skip
_FR_AMBIGUOUS_ENDINGS = ("it", "int", "ait", "uit")
_FR_ER_PARTICIPLE = ("é", "ée", "és", "ées")
_FR_PRESENT_PARTICIPLE = ("ant", "ante", "ants", "antes")


def _french_reading(lower: str, lemma: str) -> FrenchVerbReading:
    if lower == lemma or lower.endswith(_FR_PRESENT_PARTICIPLE):
        return FrenchVerbReading(lemma, finite=False, participle=False)
    if lemma.endswith("er") and lemma != "être":
        participle = lower.endswith(_FR_ER_PARTICIPLE)
        return FrenchVerbReading(lemma, finite=not participle, participle=participle)
    if lower.endswith(_FR_AMBIGUOUS_ENDINGS):
        return FrenchVerbReading(lemma, finite=True, participle=True)
    participle = lower.endswith(_FR_PARTICIPLE_ENDINGS)
    return FrenchVerbReading(lemma, finite=not participle, participle=participle)
