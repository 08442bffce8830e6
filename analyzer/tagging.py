"""The small tagging layer rules ask: word class, "is this a finite verb?", "is this a passive?".

It answers from a trained spaCy model when one is there (French always; English when
``en_core_web_sm`` or a configured model directory is available), and otherwise, for English,
from word-class lexicons: the WordNet-derived lemma index of spacy-lookups-data (nouns, verbs,
adjectives, adverbs), the lookup lemmas, closed-class tables and the title hints of
``analyzer/data/tagging-en.yml``.

Slide titles are short, verbless or telegraphic, which small models handle badly: the French
model reads « progresse » in « Le chiffre d'affaires progresse de 12 % » as an adjective and
« clés » in « Chiffres clés » as a verb. So French model answers are checked against
spacy-lookups-data's French lexicons (a form's possible verb lemmas and endings, in a verb
position after a subject) both ways. The English lexicon answers lean the same way: a word
that may be a verb in a verb position, after a subject that agrees with it, counts as a verb,
so a rule that fires on "no verb" does not fire on a real statement.

Nothing here imports spaCy: docs come in as objects with spaCy's token attributes, the
lexicons as plain values built by ``analyzer.nlp``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.annotation import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Tokens that end a clause: a title's "Offer: we simplify" has two.
_CLAUSE_BREAKS = frozenset(':;()[]!?.…–—«»"“”|/•')

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
    adjective_forms: frozenset[str]
    verb_suffixes: tuple[tuple[str, str], ...]
    appositive_nouns: frozenset[str] = frozenset()
    etre_verbs: frozenset[str] = frozenset()
    stative_participles: frozenset[str] = frozenset()

    def lemma(self, lower: str) -> str:
        return self.lemmas.get(lower, lower)

    def verb_readings(self, lower: str) -> tuple[FrenchVerbReading, ...]:
        """Every verb this form may belong to, with what its ending allows."""
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

    def _lemma_in(self, lower: str, words: frozenset[str]) -> bool:
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


# --- the working representation ------------------------------------------------------------


@dataclass
class _Word:
    """A token while it is being tagged; frozen into a Token at the end."""

    text: str
    lower: str
    lemma: str
    pos: str
    idx: int
    whitespace: str
    finite: bool = False
    participle: bool = False

    def freeze(self) -> Token:
        return Token(self.text, self.lemma, self.pos, self.idx, self.finite, self.whitespace)


@dataclass(frozen=True)
class Tagged:
    """A paragraph's tokens and the passive constructions found in them."""

    tokens: tuple[Token, ...]
    passives: tuple[str, ...]


def _clauses(words: Sequence[_Word]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, word in enumerate(words):
        if word.text in _CLAUSE_BREAKS or (word.pos == "PUNCT" and word.text != "'"):
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(words):
        spans.append((start, len(words)))
    return spans


def _span_text(words: Sequence[_Word], start: int, end: int) -> str:
    return "".join(w.text + w.whitespace for w in words[start:end]).strip()


# --- trained model (French, and English when a model is there) ------------------------------


def _surface(token: Any, text: str | None) -> tuple[str, str]:
    """A token's text and trailing whitespace as written in ``text``: the pipeline may have
    read a normalised copy (« l’offre » as « l'offre »), of the same length."""
    if text is None:
        return token.text, token.whitespace_
    end = token.idx + len(token.text)
    return text[token.idx : end], text[end : end + len(token.whitespace_)]


def tag_with_model(
    doc: Any,
    french: FrenchLexicons | None = None,
    english_states: frozenset[str] = frozenset(),
    text: str | None = None,
) -> Tagged:
    """Tokens and passives from a Doc annotated by a trained pipeline (tagger or
    morphologizer). With ``french``, the model's answers are checked against the French
    lexicons (see the module docstring); ``english_states`` are the participles that, after
    "to be", describe a state ("based"), for an English model. ``text`` is the paragraph as
    written, when the Doc was made from a normalised copy."""
    words = []
    for t in doc:
        surface, whitespace = _surface(t, text)
        verb_form, tense = t.morph.get("VerbForm"), t.morph.get("Tense")
        is_verb = t.pos_ in ("VERB", "AUX")
        words.append(
            _Word(
                surface,
                t.lower_,
                t.lemma_ or t.text,
                t.pos_ or "X",
                t.idx,
                whitespace,
                finite=is_verb and "Fin" in verb_form,
                participle=is_verb and "Part" in verb_form and "Pres" not in tense,
            )
        )
    if french is not None:
        _check_french(words, french, [_number(t) for t in doc])
        passives = _passives(words, _french_passive_test(french), ("avoir",))
    else:
        passives = _passives(words, _english_model_passive_test(english_states), ("have", "will"))
    return Tagged(tuple(w.freeze() for w in words), passives)


def _number(token: Any) -> str:
    found = token.morph.get("Number")
    return str(found[0]) if found else ""


# --- French: the model checked against the lexicons -----------------------------------------

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


# --- English without a model: the lexicons --------------------------------------------------


def tag_with_lexicons(doc: Any, lex: EnglishLexicons, text: str | None = None) -> Tagged:
    """Tokens and passives from a blank English pipeline, tagged from the lexicons."""
    shouting = _is_all_caps(doc)
    words = []
    for t in doc:
        surface, whitespace = _surface(t, text)
        lower = t.text.lower().replace("’", "'")
        words.append(
            _Word(surface, lower, lower, "SPACE" if lower.isspace() else "X", t.idx, whitespace)
        )
    # A line break inside a title ("Revenue⏎grew 12%") is layout, not syntax.
    content = [w for w in words if w.pos != "SPACE"]
    candidates = [_en_candidates(w, i, content, lex, shouting) for i, w in enumerate(content)]
    for start, end in _clauses_en(content, candidates):
        _tag_english_clause(content, candidates, start, end, lex)
    return Tagged(
        tuple(w.freeze() for w in words),
        _passives(content, _english_passive_test(lex), ("have", "will")),
    )


def _is_all_caps(doc: Any) -> bool:
    letters = [ch for t in doc for ch in t.text if ch.isalpha()]
    return len(letters) > 3 and all(ch.isupper() for ch in letters)


def _en_candidates(
    word: _Word, i: int, words: Sequence[_Word], lex: EnglishLexicons, shouting: bool
) -> frozenset[str]:
    text, lower = word.text, word.lower
    if not any(ch.isalnum() for ch in text):
        return frozenset({"PUNCT"})
    if any(ch.isdigit() for ch in text):
        return frozenset({"NUM"})
    hyphenated = (i > 0 and words[i - 1].text == "-") or (
        i + 1 < len(words) and words[i + 1].text == "-"
    )
    if lower in _EN_FINITE_AUX or lower in _EN_BE_FORMS:
        if lower == "'s" and (i == 0 or words[i - 1].lower not in _EN_S_HOSTS):
            return frozenset({"PART"})  # "the client's needs": a possessive
        if lower == "'s" and words[i - 1].lower == "let":
            return frozenset({"PRON"})  # "Let's": us
        if lower == "may" and ((text == "May" and i > 0) or _next_is_number(words, i)):
            return frozenset({"PROPN"})
        if hyphenated or (i > 0 and words[i - 1].lower in ("a", "the")):
            return frozenset({"NOUN"})  # "must-have", "the will"
        return frozenset({"AUX"})
    if lower in _EN_CLOSED:
        return frozenset({_EN_CLOSED[lower]})
    if not shouting and len(text) > 1 and text.isupper():
        return frozenset({"PROPN"})  # "IT budget", "SME market"
    classes = lex.classes(lower)
    if classes:
        return classes
    if text[:1].isupper():
        return frozenset({"PROPN"})
    # Jargon the lexicons do not know ("upsell", "add-ons") is mostly nouns, sometimes verbs.
    return frozenset({"NOUN", "VERB"}) if lower.isalpha() else frozenset({"X"})


def _next_is_number(words: Sequence[_Word], i: int) -> bool:
    return i + 1 < len(words) and any(ch.isdigit() for ch in words[i + 1].text)


def _clauses_en(
    words: Sequence[_Word], candidates: Sequence[frozenset[str]]
) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, word in enumerate(words):
        if candidates[i] == frozenset({"SCONJ"}) or word.text in _CLAUSE_BREAKS or word.text == ",":
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(words):
        spans.append((start, len(words)))
    return spans


@dataclass(frozen=True)
class _Subject:
    """The subject standing right before a verb slot: a pronoun or a noun phrase."""

    pronoun: str | None
    plural: bool
    determined: bool  # the noun phrase opens with a determiner or a number
    adjectival: bool  # "The key [figures]": the head may be an adjective of what follows
    modifier: bool  # its head is a plural that mostly modifies ("sales")


def _tag_english_clause(
    words: list[_Word],
    candidates: Sequence[frozenset[str]],
    start: int,
    end: int,
    lex: EnglishLexicons,
) -> None:
    verb_slots = [_en_finite_here(words, candidates, i, start, end, lex) for i in range(start, end)]
    for k in range(len(verb_slots) - 1):
        # "Cost cuts boost margin": of two noun/verb words in a row, the first is part of the
        # subject when the second can be its verb.
        i = start + k
        if verb_slots[k] and verb_slots[k + 1] and "NOUN" in candidates[i]:
            verb_slots[k] = False
    for k, finite in enumerate(verb_slots):
        i = start + k
        word = words[i]
        word.finite = finite
        word.pos = _en_pos(words, candidates, i, start, end, finite, lex)
        if word.pos in ("NOUN", "VERB", "AUX", "ADJ", "ADV"):
            word.lemma = _en_lemma(word.lower, word.pos, lex)
        word.participle = word.pos == "VERB" and not finite and _en_is_participle(word.lower, lex)


def _en_lemma(lower: str, pos: str, lex: EnglishLexicons) -> str:
    # The lookup table ignores word classes: "pricing" -> "price" is right for the verb only.
    if pos == "NOUN" and lower.endswith("ing") and lower in lex.nouns:
        return lower
    return lex.lemma(lower)


def _en_form(lower: str, lex: EnglishLexicons) -> str:
    """The verb form a word may be: base, s, past (not a participle), pastpart (either),
    part (participle only), ing."""
    lemma = lex.lemma(lower)
    if lower in lex.irregular_pasts:
        return "past"
    if lemma == lower:
        return "base"
    if lower in lex.irregular_participles:
        # "taken", "grown", "done" are participles only; "made", "sold", "won" also pasts.
        return "part" if lower.endswith(("en", "wn", "ne", "un")) else "pastpart"
    if lower.endswith("ing"):
        return "ing"
    if lower.endswith("ed"):
        return "pastpart"
    if lower.endswith("s"):
        return "s"
    return "other"  # "better" -> "good": not a verb form to decide on


def _en_is_participle(lower: str, lex: EnglishLexicons) -> bool:
    return lower in lex.irregular_participles or _en_form(lower, lex) in ("pastpart", "part")


def _en_finite_here(
    words: Sequence[_Word],
    candidates: Sequence[frozenset[str]],
    i: int,
    start: int,
    end: int,
    lex: EnglishLexicons,
) -> bool:
    options = candidates[i]
    if options == frozenset({"AUX"}):
        return words[i].lower in _EN_FINITE_AUX
    if "VERB" not in options:
        return False
    subject = _en_subject(words, candidates, i, start, lex)
    if subject is None:
        return False
    lower = words[i].lower
    form = _en_form(lower, lex)
    only_verb = not options & {"NOUN", "ADJ"}
    nxt = _en_next(candidates, words, i, end)
    headline = lex.lemma(lower) in lex.headline_verbs
    if form == "past":
        return True
    if form == "pastpart":
        # "Churn dropped to 4%", "Sales doubled" but not "Lessons learned", "Budget approved
        # by the board": a bare participle closing a title is a label.
        return nxt not in ("end", "by") or headline
    if form == "s":
        if subject.pronoun is not None:
            return subject.pronoun in _EN_THIRD_SINGULAR_PRONOUNS
        if subject.plural:
            return False
        # "The market moves to subscriptions", "The pricing model changes": after a noun
        # phrase with a determiner, a noun/verb word in -s reads as its verb.
        weak = nxt in ("adp", "end") and subject.determined and not subject.adjectival
        return only_verb or headline or weak or _en_object(nxt, subject)
    if form != "base":
        return False
    if subject.pronoun is not None:
        return subject.pronoun not in _EN_THIRD_SINGULAR_PRONOUNS
    if not subject.plural:
        return False
    if only_verb or headline:
        return True
    if subject.modifier:
        return nxt in ("det", "pron", "quantity", "adv")
    return nxt == "adp" or _en_object(nxt, subject)


def _en_object(nxt: str, subject: _Subject) -> bool:
    if nxt in ("det", "pron", "quantity", "adv"):
        return True
    return nxt == "noun" and subject.determined


def _en_next(candidates: Sequence[frozenset[str]], words: Sequence[_Word], i: int, end: int) -> str:
    """What follows a verb slot, in the terms the decisions above use."""
    if i + 1 >= end:
        return "end"
    options, word = candidates[i + 1], words[i + 1]
    if word.lower == "by":
        return "by"
    if options == frozenset({"NUM"}):
        return "quantity" if not _is_year_or_period(word.text) else "period"
    single = next(iter(options)) if len(options) == 1 else ""
    if single == "DET":
        return "det"
    if single == "PRON":
        return "pron"
    if single == "ADP":
        return "adp"
    if single in ("ADV", "PART") or ("ADV" in options and "NOUN" not in options):
        return "adv"
    if options & {"NOUN", "ADJ", "PROPN"}:
        return "noun"
    return "other"


def _is_year_or_period(text: str) -> bool:
    upper = text.upper()
    if upper[:1] in ("Q", "H", "S", "T") and upper[1:].isdigit():
        return True  # Q3, H1, S2, T4
    if upper.startswith("FY"):
        return True
    digits = text.replace("-", "").replace("/", "")
    return digits.isdigit() and len(text) >= 4 and text[:2] in ("19", "20")


def _en_subject(
    words: Sequence[_Word],
    candidates: Sequence[frozenset[str]],
    i: int,
    start: int,
    lex: EnglishLexicons,
) -> _Subject | None:
    j = i - 1
    while (
        j >= start
        and words[j].lower != "to"
        and (
            candidates[j] <= {"ADV", "PART"}
            or (
                "ADV" in candidates[j]
                and (words[j].lower in _EN_VERB_ADVERBS or words[j].lower.endswith("ly"))
            )
        )
    ):
        j -= 1  # "We now sell", "Retention still rises", "Prices sharply rise"
    if j < start:
        return None
    before = words[j].lower
    if before in _EN_SUBJECT_PRONOUNS:
        return _Subject(before, before not in _EN_THIRD_SINGULAR_PRONOUNS, True, False, False)
    span = range(start, j + 1)
    if any(
        candidates[k] & {"AUX", "PRON", "SCONJ"} or words[k].finite or words[k].lower == "to"
        for k in span
    ):
        return None
    if not candidates[j] & {"NOUN", "PROPN", "NUM"} or (
        candidates[j] == frozenset({"NUM"})
        and not (_is_year_or_period(words[j].text) and j > start)
        and not (j > start + 1 and candidates[j - 1] == frozenset({"ADP"}))  # "One client in two"
    ):
        return None
    head = j
    for k in span:
        if candidates[k] == frozenset({"ADP"}):
            head = k - 1  # "Two thirds of clients", "Field reps in Lyon"
            break
    if head < start or not candidates[head] & {"NOUN", "PROPN", "NUM"}:
        return None
    head_lower = words[head].lower
    plural = (
        head_lower in _EN_IRREGULAR_PLURALS
        or (head_lower.endswith("s") and lex.lemma(head_lower) != head_lower)
        or _unknown_plural(head_lower, lex)
        or any(words[k].lower in ("and", "&") for k in span)
        or candidates[head] == frozenset({"NUM"})
    )
    first = candidates[start]
    determined = first <= {"DET", "NUM"} or words[start].lower in ("each", "every")
    adjectival = "ADJ" in candidates[head] and head == start + 1
    return _Subject(None, plural, determined, adjectival, head_lower in lex.modifier_plurals)


def _unknown_plural(lower: str, lex: EnglishLexicons) -> bool:
    # "Toolsmiths", "add-ons": words the lexicons do not know, plural by their look.
    known = lower in lex.lemmas or lower in lex.nouns or lower in lex.verbs
    return not known and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _en_pos(
    words: Sequence[_Word],
    candidates: Sequence[frozenset[str]],
    i: int,
    start: int,
    end: int,
    finite: bool,
    lex: EnglishLexicons,
) -> str:
    options = candidates[i]
    if finite:
        return "AUX" if "AUX" in options else "VERB"
    if len(options) == 1:
        return next(iter(options))
    previous = words[i - 1].lower if i > start else ""
    previous_options = candidates[i - 1] if i > start else frozenset()
    if "VERB" in options and (
        previous == "to"
        or previous_options == frozenset({"AUX"})
        or (previous in _EN_SUBJECT_PRONOUNS and _en_form(words[i].lower, lex) != "s")
    ):
        return "VERB"
    following = candidates[i + 1] if i + 1 < end else frozenset()
    inflected = lex.lemma(words[i].lower) != words[i].lower  # "cuts" is no adjective
    if "ADJ" in options and following & {"NOUN", "PROPN"} and not inflected:
        return "ADJ"
    for preferred in ("NOUN", "ADJ", "VERB", "ADV", "PROPN"):
        if preferred in options:
            return preferred
    return "X"


def _english_passive_test(lex: EnglishLexicons) -> _PassiveTest:
    def is_passive_participle(word: _Word) -> bool:
        if word.lower in lex.stative_participles or not _en_is_participle(word.lower, lex):
            return False
        return lex.lemma(word.lower) in lex.verbs or word.lower in lex.irregular_participles

    return _PassiveTest(("be",), is_passive_participle, frozenset())


def _english_model_passive_test(states: frozenset[str]) -> _PassiveTest:
    def is_passive_participle(word: _Word) -> bool:
        return word.participle and word.lower not in states

    return _PassiveTest(("be",), is_passive_participle, frozenset())


# --- passives, in both languages ------------------------------------------------------------


@dataclass(frozen=True)
class _PassiveTest:
    be_lemmas: tuple[str, ...]
    is_passive_participle: Callable[[_Word], bool]
    reflexives: frozenset[str]


#: Between an auxiliary and its participle: "has not been", « n'a pas été », "is being".
_PASSIVE_GAP = _words("not n't never been being été pas ne n' n’ plus jamais déjà")


def _passives(
    words: Sequence[_Word], test: _PassiveTest, lead_lemmas: tuple[str, ...]
) -> tuple[str, ...]:
    """Each "to be" / « être » + past participle of an action, with the auxiliary before it
    ("has been approved", « n'a pas été validé »): not « il est allé » (a verb of motion), not
    « il s'est trompé » (a pronominal verb), not "is based on" (a state)."""
    found = []
    i = 0
    while i < len(words):
        if not _is_be(words, i, test):
            i += 1
            continue
        start = _passive_start(words, i, lead_lemmas)
        for j in range(i + 1, min(i + 5, len(words))):
            candidate = words[j]
            if test.is_passive_participle(candidate):
                found.append(_span_text(words, start, j + 1))
                i = j
                break
            if candidate.lower not in _PASSIVE_GAP and candidate.pos not in ("ADV", "PART"):
                break
        i += 1
    return tuple(found)


def _is_be(words: Sequence[_Word], i: int, test: _PassiveTest) -> bool:
    word = words[i]
    if word.pos not in ("AUX", "VERB"):
        return False
    if word.lemma not in test.be_lemmas and not (
        word.lower in _EN_BE_FORMS and "be" in test.be_lemmas
    ):
        return False
    previous = words[i - 1].lower if i > 0 else ""
    if previous in ("nous", "vous"):
        # « nous nous sommes trompés » is pronominal; « nous sommes accompagnés » is passive.
        return not (i > 1 and words[i - 2].lower == previous)
    return previous not in test.reflexives


def _passive_start(words: Sequence[_Word], i: int, lead_lemmas: tuple[str, ...]) -> int:
    """Where the passive's evidence starts: its first auxiliary, with the negation around it."""
    start, k = i, i - 1
    while k >= 0 and (
        words[k].lower in _PASSIVE_GAP or (words[k].lemma in lead_lemmas and words[k].pos == "AUX")
    ):
        if words[k].pos == "AUX" or words[k].lower in ("ne", "n'", "n’"):
            start = k
        k -= 1
    return start
