"""English without a model: word classes, finite verbs and passives from the lexicons."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.annotation import Token
from analyzer.tagging.lexicons import (
    _EN_BE_FORMS,
    _EN_CLOSED,
    _EN_FINITE_AUX,
    _EN_IRREGULAR_PLURALS,
    _EN_S_HOSTS,
    _EN_SUBJECT_PRONOUNS,
    _EN_THIRD_SINGULAR_PRONOUNS,
    _EN_VERB_ADVERBS,
    EnglishLexicons,
)
from analyzer.tagging.passives import _passives, _PassiveTest
from analyzer.tagging.word import _CLAUSE_BREAKS, DocColumns, Tagged, _clauses, _Word


def tag_with_lexicons(doc: DocColumns, lex: EnglishLexicons, text: str | None = None) -> Tagged:
    """Tokens and passives from a blank English pipeline, tagged from the lexicons."""
    shouting = _is_all_caps(doc)
    words = []
    for i, token in enumerate(doc.text):
        surface, whitespace = doc.surface(i, text)
        lower = token.lower().replace("’", "'")
        pos = "SPACE" if lower.isspace() else "X"
        words.append(_Word(surface, lower, lower, pos, doc.idx[i], whitespace))
    # A line break inside a title ("Revenue⏎grew 12%") is layout, not syntax.
    content = [w for w in words if w.pos != "SPACE"]
    candidates = [_en_candidates(w, i, content, lex, shouting) for i, w in enumerate(content)]
    for start, end in _clauses_en(content, candidates):
        _tag_english_clause(content, candidates, start, end, lex)
    return Tagged(
        tuple(w.freeze() for w in words),
        _passives(content, _english_passive_test(lex), ("have", "will")),
    )


def _is_all_caps(doc: DocColumns) -> bool:
    letters = [ch for token in doc.text for ch in token if ch.isalpha()]
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
    """Clauses of an English title: a subordinating conjunction also starts a new one."""
    return _clauses(
        words,
        lambda i, word: (
            candidates[i] == frozenset({"SCONJ"}) or word.text in _CLAUSE_BREAKS or word.text == ","
        ),
    )


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


#: A text of this many tokens or fewer is a title, a label or a telegraphic bullet: where a
#: trained English model answers, its verbs are the lexicons' (``with_title_verbs``).
TITLE_TOKENS = 10


def with_title_verbs(model: Tagged, lexicons: Tagged) -> Tagged:
    """A short text as the trained model tagged it, its finite verbs checked with the lexicons'.
    On titles the small English model reads "Q3 results", "Customer needs" and "Sales forecast
    2025" as statements and "Demand shifts to services" as a label; the lexicons, written for
    slide titles, read a word as a verb only in a verb position after a subject that agrees
    with it, and miss some ("Customers stay longer since the redesign"). A verb the lexicons
    find is a verb; one only the model finds is kept when a subject precedes it and something
    follows it, as an object, an adverb or a complement follows a verb: a noun ending a title
    ("results") or before a figure or a colon ("forecast 2025", "offer: positioning") is a
    label's. Both taggers tokenize the same Doc, so their tokens align."""
    if len(model.tokens) != len(lexicons.tokens):
        return model
    words = [i for i, t in enumerate(model.tokens) if t.is_word or t.is_number]
    tokens = []
    for i, (token, other) in enumerate(zip(model.tokens, lexicons.tokens, strict=True)):
        model_only = token.is_finite_verb and _subject_before(model.tokens, i)
        finite = other.is_finite_verb or (model_only and _followed(model.tokens, words, i))
        tokens.append(dataclasses.replace(token, is_finite_verb=finite))
    return Tagged(tuple(tokens), model.passives)


def _subject_before(tokens: Sequence[Token], i: int) -> bool:
    """A finite verb has its subject before it; a verb that opens a title ("Thank you", "Use
    the plugin") is an instruction or a formula."""
    return any(t.pos in ("NOUN", "PROPN", "PRON") for t in tokens[:i])


def _followed(tokens: Sequence[Token], words: Sequence[int], i: int) -> bool:
    """Whether a word comes after token ``i`` before any colon, and that word is no figure."""
    later = [j for j in words if j > i]
    if not later or any(t.text == ":" for t in tokens[i + 1 : later[0]]):
        return False
    return not tokens[later[0]].is_number
