"""French: the model's answers checked against the lexicons (see the package docstring)."""

from __future__ import annotations

from collections.abc import Sequence

from analyzer.tagging.lexicons import FrenchLexicons, FrenchVerbReading, _words
from analyzer.tagging.passives import _PassiveTest
from analyzer.tagging.word import _clauses, _Word

_FR_SUBJECT_PRONOUNS = _words("il elle on nous vous ils elles ce c' c’ cela ça qui je j' j’ tu")
_FR_PLURAL_PRONOUNS = _words("nous vous ils elles")
_FR_REFLEXIVE = _words("se s' s’ me m' m’ te t' t’")
_FR_SUBJECT_DETERMINERS = _words(
    "le la les l' l’ un une des du notre nos votre vos leur leurs son sa ses mon ma mes "
    "ce cet cette ces chaque tout toute tous toutes plusieurs certains certaines aucun "
    "aucune"
)
_FR_PLURAL_DETERMINERS = _words(
    "les des nos vos leurs ses mes ces tous toutes plusieurs certains certaines"
)
#: Inside a subject noun phrase: « Le chiffre d'affaires », « Les ventes en ligne ».
_FR_NP_LINKS = _words("de d' d’ du des en à au aux")
_FR_OBJECT_STARTS = frozenset({"DET", "NUM", "PRON"})
#: Word classes the model gives verbs it misses in titles (« recule » ADJ, « pèsent » NOUN,
#: « baisse » ADP, « quitte » SCONJ).
_FR_PROMOTABLE = frozenset({"NOUN", "ADJ", "ADV", "ADP", "SCONJ", "CCONJ", "PROPN", "X", "VERB"})
#: Prepositions and conjunctions that are also verb forms (« entrer », « contrer »): the
#: preposition, always, in a title.
_FR_FUNCTION_HOMOGRAPHS = _words("entre contre comme face suite sauf outre")


def _check_french(words: list[_Word], lex: FrenchLexicons, numbers: Sequence[str]) -> None:
    for start, end in _clauses(words):
        for i in range(start, end):
            word = words[i]
            known = lex.nouns if word.pos == "NOUN" else lex.adjectives
            if word.pos in ("NOUN", "ADJ") and word.lemma not in known:
                # The rule lemmatizer guesses from the word class: « pilote » ADJ -> « pilot ».
                word.lemma = lex.lemma(word.lower)
            if word.finite or word.participle:
                _demote_if_not_a_verb(words, i, start, lex)
            if not word.finite and not word.participle and word.pos in _FR_PROMOTABLE:
                _promote_if_verb(words, i, start, end, lex, numbers)


def _demote_if_not_a_verb(words: list[_Word], i: int, start: int, lex: FrenchLexicons) -> None:
    """The reverse guard: what the model calls a verb but cannot be one here."""
    word = words[i]
    if word.pos == "AUX":
        return
    readings = lex.verb_readings(word.lower)
    after_noun = i > start and words[i - 1].pos in ("NOUN", "PROPN")
    appositive = word.lower in lex.appositive_nouns and after_noun
    if appositive or not readings:
        # « Chiffres clés », « Démarche pilote »: a noun or adjective the model took for a verb.
        word.pos = "ADJ" if after_noun or lex.is_adjective(word.lower) else "NOUN"
        word.lemma = lex.lemma(word.lower)
        word.finite = word.participle = False
        return
    if word.finite and not any(r.finite for r in readings):
        word.finite = False
        word.participle = any(r.participle for r in readings)
        return
    if word.participle and not any(r.participle for r in readings):
        word.participle = False  # « recule » is no participle: maybe a verb the model missed
        return
    # « Nouvelle offre commerciale »: the head of a verbless noun phrase, not « offrir ».
    if word.finite and _heads_opening_noun_phrase(words, i, start, lex):
        word.pos, word.lemma, word.finite = "NOUN", lex.lemma(word.lower), False


def _heads_opening_noun_phrase(
    words: Sequence[_Word], i: int, start: int, lex: FrenchLexicons
) -> bool:
    if not lex.is_noun(words[i].lower) or words[i].lower.endswith(("ons", "ez")):
        return False
    before = words[start:i]
    return all(
        w.lower in _FR_SUBJECT_DETERMINERS
        or (w.pos in ("ADJ", "PROPN") and lex.is_adjective(w.lower))
        for w in before
    )


def _promote_if_verb(
    words: list[_Word],
    i: int,
    start: int,
    end: int,
    lex: FrenchLexicons,
    numbers: Sequence[str],
) -> None:
    """The model missed a verb: « La marge recule de 3 points » (it says ADJ for « recule »)."""
    word = words[i]
    if word.lower in _FR_FUNCTION_HOMOGRAPHS:
        return
    if word.lower in lex.appositive_nouns and not (i + 1 < end and words[i + 1].pos == "DET"):
        return
    readings = [r for r in lex.verb_readings(word.lower) if r.finite]
    if not readings:
        return
    if i == start and word.lower.endswith(("ons", "ez")):
        # « Simplifions l'offre »: an imperative opens the clause.
        if lex.is_noun(word.lower) or lex.is_adjective(word.lower):
            return
        _make_finite(word, readings, lex)
        return
    subject = _french_subject(words, i, start, lex, numbers)
    if subject is None or not _french_agrees(word.lower, subject):
        return
    if (lex.is_noun(word.lower) or lex.is_adjective(word.lower)) and not _french_complement(
        words, i, end, noun_only=not lex.is_adjective(word.lower)
    ):
        return
    _make_finite(word, readings, lex)


def _make_finite(word: _Word, readings: Sequence[FrenchVerbReading], lex: FrenchLexicons) -> None:
    looked_up = lex.lemma(word.lower)
    lemma = looked_up if any(r.lemma == looked_up for r in readings) else readings[0].lemma
    word.pos = "AUX" if lemma in ("être", "avoir") else "VERB"
    word.lemma, word.finite, word.participle = lemma, True, False


def _french_subject(
    words: Sequence[_Word], i: int, start: int, lex: FrenchLexicons, numbers: Sequence[str]
) -> str | None:
    """The grammatical number ("Sing", "Plur", or a pronoun) of the subject that ends right
    before ``words[i]``, or None when no subject stands there."""
    j = i - 1
    while j >= start and (
        words[j].lower in ("ne", "n'", "n’")
        or (words[j].pos == "PRON" and words[j].lower not in _FR_SUBJECT_PRONOUNS)
    ):
        j -= 1  # « ne », « se », « le »: clitics between the subject and its verb
    if j < start:
        return None
    if words[j].lower in _FR_SUBJECT_PRONOUNS:
        return words[j].lower
    span = words[start : j + 1]
    if any(w.finite or w.pos in ("VERB", "AUX", "PRON", "SCONJ") for w in span):
        return None
    last = span[-1]
    if last.pos in ("ADP", "DET", "CCONJ", "PUNCT") or last.lower in _FR_NP_LINKS:
        return None
    first = span[0]
    head = next((k for k, w in enumerate(span) if w.pos in ("NOUN", "PROPN")), None)
    if head is None:
        return None
    if first.lower in _FR_SUBJECT_DETERMINERS:
        plural = first.lower in _FR_PLURAL_DETERMINERS
    elif first.pos == "NUM" or span[head].pos == "PROPN" or span[head].text.isupper():
        plural = first.pos == "NUM" and first.lower not in ("un", "une", "1")
    else:
        return None  # « Offre complète » has no determiner: a label, not a subject
    if numbers[start + head] == "Plur" and first.pos != "DET":
        plural = True
    if any(w.lower in ("et", "ainsi") for w in span):
        plural = True
    return "Plur" if plural else "Sing"


def _french_agrees(lower: str, subject: str) -> bool:
    """Whether a verb form's ending fits its subject: « les ventes progressent », « la marge
    recule », but not « les marges recule », nor « balises » (tu) after a noun."""
    if subject == "nous":
        return lower.endswith("ons") or lower == "sommes"
    if subject == "vous":
        return lower.endswith("ez") or lower in ("êtes", "dites", "faites")
    if subject in ("je", "j'", "j’", "tu", "qui"):
        return True  # « qui » agrees with what it stands for, which may be plural
    if lower.endswith(("ons", "ez")):
        return False
    plural_verb = lower.endswith(("ent", "ont"))
    if subject in _FR_PLURAL_PRONOUNS or subject == "Plur":
        return plural_verb
    # A third person singular never ends in -s or -x (« il recule », « il finit », « il va »).
    return not plural_verb and not lower.endswith(("s", "x"))


def _french_complement(words: Sequence[_Word], i: int, end: int, *, noun_only: bool) -> bool:
    """Whether what follows ``words[i]`` reads as a verb's complement. A word that may also be
    a noun needs less (French does not stack bare nouns: « La marge baisse » is a clause) than
    one that may be an adjective (« Le marché calme » is a noun phrase)."""
    if i + 1 >= end:
        return noun_only
    following = words[i + 1]
    if following.pos in _FR_OBJECT_STARTS or following.lower in ("plus", "moins", "encore"):
        return True
    if following.pos == "ADV":
        return True
    if following.pos == "ADP" and i + 2 < end:
        after = words[i + 2]
        return after.pos == "NUM" or (noun_only and after.pos in ("DET", "PROPN", "NOUN"))
    return False


def _french_passive_test(lex: FrenchLexicons) -> _PassiveTest:
    def is_passive_participle(word: _Word) -> bool:
        lemma = word.lemma
        if not word.participle:
            # « La décision sera prise »: the model reads « prise » as a noun.
            if word.pos not in ("NOUN", "ADJ"):
                return False
            readings = [r for r in lex.verb_readings(word.lower) if r.participle and not r.finite]
            if not readings:
                return False
            lemma = readings[0].lemma
        if lemma in lex.etre_verbs:
            return False
        return lemma in lex.verb_lemmas and lemma not in lex.stative_participles

    return _PassiveTest(("être",), is_passive_participle, _FR_REFLEXIVE)
