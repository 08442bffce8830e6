"""The small tagging layer rules ask: word class, "is this a finite verb?", "is this a passive?".

It answers from a trained spaCy model when one is there (French always; English when
``en_core_web_sm`` or a configured model directory is available), and otherwise, for English,
from word-class lexicons: the WordNet-derived lemma index of spacy-lookups-data (nouns, verbs,
adjectives, adverbs), the lookup lemmas, and closed-class word tables below. The lexicon answers
are deliberately cautious: when a word may be a verb in its position, it counts as a verb, so
a rule that fires on "no verb" does not fire on a real statement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.annotation import Lang, Token

# Closed word classes of English, which the WordNet index does not cover.
_EN_CLOSED: Mapping[str, str] = {
    **dict.fromkeys("a an the this that these those each every no some any all both".split(), "DET"),
    **dict.fromkeys(
        "my your his her its our their whose which what".split(), "DET"
    ),
    **dict.fromkeys(
        "i you he she it we they me him us them myself ourselves itself themselves who whom".split(),
        "PRON",
    ),
    **dict.fromkeys(
        "of in on at by for with from to into onto over under about across after before between "
        "through during without within against among via per than vs versus".split(),
        "ADP",
    ),
    **dict.fromkeys("and or but nor yet so".split(), "CCONJ"),
    **dict.fromkeys("if because while although though whether unless since once".split(), "SCONJ"),
    **dict.fromkeys("not n't".split(), "PART"),
}

#: Finite forms of English auxiliaries and modals: each makes a statement on its own.
_EN_FINITE_AUX = frozenset(
    "am is are was were has have had does do did will would can could shall should may might "
    "must 's 're 've 'll 'd isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't "
    "didn't won't wouldn't can't couldn't shouldn't".split()
)
_EN_BE_FORMS = frozenset("am is are was were be been being 's 're".split())
_EN_SUBJECT_PRONOUNS = frozenset("i you we they he she it this that who which".split())

#: Participles that, after "to be", describe a state rather than an action done by someone.
_EN_STATIVE_PARTICIPLES = frozenset(
    "based located interested involved concerned supposed used pleased excited tired married "
    "convinced committed dedicated focused aligned prepared done finished gone".split()
)
_EN_IRREGULAR_PARTICIPLES = frozenset(
    "made given taken seen known shown built sold set cut put kept held led paid sent spent won "
    "brought bought told found left lost meant run chosen driven written spoken broken "
    "beaten begun drawn grown thrown understood undertaken overseen forgotten hidden".split()
)

#: French verbs conjugated with « être » in compound tenses: « il est allé » is not a passive.
_FR_ETRE_VERBS = frozenset(
    "aller venir arriver partir entrer sortir monter descendre naître mourir rester tomber "
    "devenir revenir retourner rentrer parvenir survenir intervenir décéder passer".split()
)
_FR_REFLEXIVE = frozenset("se s' s’ me m' m’ te t' t’ nous vous".split())


@dataclass(frozen=True)
class EnglishLexicons:
    """Word classes by lemma (WordNet via spacy-lookups-data) and form -> lemma lookups."""

    nouns: frozenset[str]
    verbs: frozenset[str]
    adjectives: frozenset[str]
    adverbs: frozenset[str]
    lemmas: Mapping[str, str]

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
        return frozenset(found)


def tokens_from_model(doc: Any) -> tuple[Token, ...]:
    """Tokens from a spaCy Doc annotated by a trained pipeline (tagger or morphologizer)."""
    return tuple(
        Token(
            text=t.text,
            lemma=t.lemma_ or t.text,
            pos=t.pos_ or "X",
            idx=t.idx,
            is_finite_verb=t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"),
            whitespace=t.whitespace_,
        )
        for t in doc
    )


def tokens_from_lexicons(doc: Any, lexicons: EnglishLexicons) -> tuple[Token, ...]:
    """Tokens from a blank English pipeline, tagged from the word-class lexicons."""
    lowers = [t.text.lower() for t in doc]
    candidates = [_en_candidates(t.text, lower, lexicons) for t, lower in zip(doc, lowers, strict=True)]
    tokens = []
    for i, t in enumerate(doc):
        pos = _en_resolve(i, lowers, candidates)
        finite = _en_is_finite(i, lowers, candidates, pos, lexicons)
        tokens.append(
            Token(
                text=t.text,
                lemma=lexicons.lemma(lowers[i]) if pos in ("NOUN", "VERB", "AUX") else lowers[i],
                pos=pos,
                idx=t.idx,
                is_finite_verb=finite,
                whitespace=t.whitespace_,
            )
        )
    return tuple(tokens)


def _en_candidates(text: str, lower: str, lexicons: EnglishLexicons) -> frozenset[str]:
    if lower in _EN_FINITE_AUX or lower in _EN_BE_FORMS:
        return frozenset({"AUX"})
    if lower in _EN_CLOSED:
        return frozenset({_EN_CLOSED[lower]})
    if not any(ch.isalnum() for ch in text):
        return frozenset({"PUNCT"})
    if any(ch.isdigit() for ch in text):
        return frozenset({"NUM"})
    classes = lexicons.classes(lower)
    if classes:
        return classes
    return frozenset({"PROPN"}) if text[:1].isupper() else frozenset({"X"})


def _en_resolve(i: int, lowers: Sequence[str], candidates: Sequence[frozenset[str]]) -> str:
    """One tag for a token, from its candidate classes and its left neighbour."""
    options = candidates[i]
    if len(options) == 1:
        return next(iter(options))
    previous = candidates[i - 1] if i > 0 else frozenset()
    if "VERB" in options and (
        (i > 0 and lowers[i - 1] in _EN_SUBJECT_PRONOUNS | {"to"} | _EN_FINITE_AUX)
        or previous == frozenset({"AUX"})
    ):
        return "VERB"
    if "NOUN" in options and previous & {"DET", "ADJ", "ADP", "NUM"}:
        return "NOUN"
    for preferred in ("NOUN", "VERB", "ADJ", "ADV"):
        if preferred in options:
            return preferred
    return "X"


def _en_is_finite(
    i: int,
    lowers: Sequence[str],
    candidates: Sequence[frozenset[str]],
    pos: str,
    lexicons: EnglishLexicons,
) -> bool:
    lower = lowers[i]
    if lower in _EN_FINITE_AUX:
        return True
    if "VERB" not in candidates[i]:
        return False
    previous = lowers[i - 1] if i > 0 else ""
    if i > 0 and (previous == "to" or candidates[i - 1] == frozenset({"DET"})):
        return False
    if previous in _EN_SUBJECT_PRONOUNS or previous in _EN_FINITE_AUX:
        return True
    lemma = lexicons.lemma(lower)
    only_verb = candidates[i] == frozenset({"VERB"})
    # A past form whose lemma is a verb ("grew", "increased") states something.
    if lemma != lower and lemma in lexicons.verbs and not lower.endswith("s"):
        return i > 0
    if only_verb and i > 0:
        return True
    # An ambiguous noun/verb ("rises", "cut") reads as a verb when a complement follows it.
    following = candidates[i + 1] if i + 1 < len(candidates) else frozenset()
    preceded_by_noun = i > 0 and bool(candidates[i - 1] & {"NOUN", "PROPN", "NUM"})
    complement = bool(following & {"DET", "NUM", "ADV", "PRON", "ADP"}) or (
        bool(following & {"NOUN"}) and "ADJ" not in candidates[i]
    )
    return preceded_by_noun and complement


def passives_from_doc(doc: Any) -> tuple[str, ...]:
    """Passives in a Doc from a trained pipeline: "to be" / « être » + a past participle
    (morphology ``VerbForm=Part|Tense=Past``), without « être » verbs of motion or state
    (« il est allé ») and without pronominal forms (« il s'est trompé »)."""
    found = []
    for i, token in enumerate(doc):
        if token.pos_ != "AUX" or token.lemma_ not in ("be", "être"):
            continue
        if i > 0 and doc[i - 1].lower_ in _FR_REFLEXIVE:
            continue
        for j in range(i + 1, min(i + 4, len(doc))):
            word = doc[j]
            is_participle = "Part" in word.morph.get("VerbForm") and "Past" in word.morph.get(
                "Tense"
            )
            if word.pos_ == "VERB" and is_participle:
                stative = word.lemma_ in _FR_ETRE_VERBS or word.lower_ in _EN_STATIVE_PARTICIPLES
                if not stative:
                    found.append(doc[i : j + 1].text)
                break
            if word.pos_ not in ("ADV", "AUX", "PART"):
                break
    return tuple(found)


def passives_from_lexicon_tokens(tokens: Sequence[Token]) -> tuple[str, ...]:
    """Passives in English tokens tagged from the lexicons: a form of "to be", then (adverbs
    allowed between) a past participle that is not a state ("is based on")."""
    found = []
    for i, token in enumerate(tokens):
        if token.lower not in _EN_BE_FORMS:
            continue
        for j in range(i + 1, min(i + 4, len(tokens))):
            word = tokens[j]
            if word.lower in _EN_STATIVE_PARTICIPLES:
                break
            if _is_en_participle(word):
                found.append("".join(t.text + t.whitespace for t in tokens[i : j + 1]).strip())
                break
            if word.pos not in ("ADV", "PART") and word.lower not in ("being", "been"):
                break
    return tuple(found)


def _is_en_participle(token: Token) -> bool:
    lower = token.lower
    if lower in _EN_IRREGULAR_PARTICIPLES:
        return True
    return lower.endswith("ed") and token.pos == "VERB" and token.lemma != lower
