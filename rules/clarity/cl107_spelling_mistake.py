"""The CL107 spelling-mistake rule and its options."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.annotation import Lang
from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import Scope
from analyzer.prose import is_monospace, verbatim_spans
from analyzer.spelling import Speller
from rules._base import Msg, ParagraphRef, Rule, RuleContext
from rules._slides import is_content
from rules.clarity._shared import WORD_LANGS

#: A word as written: letters, with inner hyphens and apostrophes ("e-mail", « aujourd'hui »).
_WORD = re.compile(r"[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*")
#: An elided article or pronoun glued to the word: « l'offre », « qu'il », "don't" is one word.
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’ʼ]", re.IGNORECASE)
_SCOPES = frozenset({Scope.TITLE, Scope.BODY, Scope.TABLE, Scope.SMARTART})
#: Acronyms are not words to spell: capitals up to this length ("CRM", "NASDAQ" is a name).
_ACRONYM_LETTERS = 6
_APOSTROPHES = re.compile(r"[’ʼ]")
_MARKUP = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
_LINK_INSIDE = re.compile(r"://|www\.|@|\.\w{2,4}\b")
_VOWELS = frozenset("aeiouy")
#: Signs after which a word starts a sentence, and may be capitalised without being a name.
_SENTENCE_ENDS = ".!?:•–—-»)"


@dataclass(frozen=True, kw_only=True)
class SpellingMistakeOptions:
    ignore_words: frozenset[str] = frozenset()
    min_letters: int = 6
    max_repeats: int = 2


class SpellingMistake(Rule[SpellingMistakeOptions]):
    """Word misspelt on a slide.

    ## What it does
    Reads the words on the content slides (titles, bullets, text boxes, tables and SmartArt;
    not the speaker notes) and flags a word that the language's Hunspell dictionaries do not
    know when they know a word one slip away: one letter missing, added, changed or two letters
    swapped ("DESCIPTION" for "DESCRIPTION", « Résulats » for « Résultats »), or the same word
    without its accents (« problematique » for « problématique »). The remark gives that word.

    Not mistakes, and left alone: names and product names (a capital inside a sentence, a
    word the tagger reads as a proper noun, the cover, the speaker's introduction and end
    matter such as references), acronyms (capitals up to six letters), words with figures,
    code and words set in a code typeface, links, e-mail addresses and paths, a word the
    deck writes more than `max-repeats` times (a term of its own field), a word the other
    language's dictionary knows (an English term in a French deck), a missing accent on a
    capital (« Etapes », « ACCESSIBILITE »: French typography allows it), and a word with no
    close correction, which is more likely a term than a slip. Words shorter than
    `min-letters` letters are checked for missing accents only.

    ## Why is this bad?
    A spelling mistake on a slide is read by the whole room, projected in large type, and
    costs the presenter the credibility the slide was meant to earn. In a title it is the first
    thing the audience sees.

    ## Example
    Title: "HIGHER EDUCTION"

    Use instead:
    Title: "HIGHER EDUCATION"

    ## Options
    - `ignore-words`: words of your field, names or spellings the rule should accept, beside
      the terms the dictionaries lack that it accepts already (the `accepted-terms` list).
    - `min-letters`: shorter words are checked for missing accents only (6).
    - `max-repeats`: a word written more times than this in the deck is a term, not a slip (2).

    ## Dictionaries
    The dictionaries come from the Linux distribution (Debian's `hunspell-fr-comprehensive`,
    `hunspell-en-us` and `hunspell-en-gb`, read through pyenchant); without them the rule does
    not run and the report says what to install.

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): 5 of 5 remarks correct (all French: 32 words, among
    them a deck written without accents); the English decks had no mistake it found. Before it
    existed, mentors named spelling mistakes on 9 of 14 reviewed decks.
    """

    code, name = "CL107", "spelling-mistake"
    family, severity = Family.CLARITY, Severity.WARNING
    tier = Tier.WORDING
    languages = WORD_LANGS
    needs_dictionary = True
    Options = SpellingMistakeOptions
    message = Msg(
        en="“{evidence}” looks misspelt: “{better}”?",
        fr="« {evidence} » semble mal orthographié : « {better} » ?",
    )
    suggestion = Msg(
        en="Write “{better}”; if “{evidence}” is a name or a term of your field, add it to the "
        "rule's `ignore-words`.",
        fr="Écrivez « {better} » ; si « {evidence} » est un nom ou un terme de votre domaine, "
        "ajoutez-le à l'option `ignore-words` de la règle.",
    )
    group_message = Msg(
        en="{count} words look misspelt, on slides {slides}.",
        fr="{count} mots semblent mal orthographiés, sur les diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Correct each (each slide shows the word and its likely spelling).",
        fr="Corrigez chacun (chaque diapositive montre le mot et son orthographe probable).",
    )

    def check(self, ctx: RuleContext[SpellingMistakeOptions]) -> Iterator[Finding]:
        opts = ctx.options
        refs = [
            (ref, list(_words(ref)))
            for ref in ctx.prose(_SCOPES)
            if is_content(ctx, ref.slide) and not _is_placeholder_text(ref.block.text)
        ]
        repeats = Counter(w.lower() for _, words in refs for w, _ in words)
        ignored = {w.lower() for w in opts.ignore_words}
        for lang in self.languages:
            ignored.update(ctx.lexicon("accepted-terms", lang).terms)
        said: set[str] = set()
        for ref, words in refs:
            spell, other = ctx.speller(ref.lang), ctx.speller(_other(ref.lang))
            if spell is None:
                continue
            # A proper noun is a name; in a line of capitals the tagger calls every word one.
            proper = {
                t.idx for t in ref.analysis.tokens if t.pos == "PROPN" and not t.text.isupper()
            }
            for word, start in words:
                key = word.lower()
                if key in said or key in ignored or repeats[key] > opts.max_repeats:
                    continue
                if not _is_checked(ref.paragraph.text, word, start) or start in proper:
                    continue
                better = _correction(word, spell, other, opts.min_letters)
                if better is not None:
                    said.add(key)
                    yield self.finding(ctx, ref.loc, evidence=word, better=better)


def _other(lang: Lang) -> Lang:
    return Lang.EN if lang is Lang.FR else Lang.FR


def _words(ref: ParagraphRef) -> Iterator[tuple[str, int]]:
    """The words to check, without an elided article, with their offsets: not in links,
    quotations of code, addresses or paths, nor in runs set in a code typeface."""
    text = ref.paragraph.text
    if _MARKUP.search(text):
        return  # HTML or XML shown on the slide: code, whatever its typeface
    # Quotations are read (a quote can hold a slip); links, addresses and paths are not, even
    # inside quotation marks.
    skipped = [
        (a, b)
        for a, b in verbatim_spans(text)
        if text[a] not in '«“"' or _LINK_INSIDE.search(text[a:b])
    ]
    position = 0
    for run in ref.paragraph.runs:
        if is_monospace(run.font_name):
            skipped.append((position, position + len(run.text)))
        position += len(run.text)
    for match in _WORD.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in skipped):
            continue
        word = match.group(0)
        elided = _ELISION.match(word)
        if elided:
            word, start = word[elided.end() :], start + elided.end()
        yield word, start


def _is_checked(text: str, word: str, start: int) -> bool:
    """Whether the word is one to spell: not an acronym, not a name inside a sentence, not a
    word with capitals inside ("iPhone", "JavaScript"), not followed by a figure ("v2")."""
    letters = [ch for ch in word if ch.isalpha()]
    if word.isupper():
        return len(letters) > _ACRONYM_LETTERS
    if any(ch.isupper() for ch in word[1:]):
        return False
    if word[0].isupper():
        before = text[:start].rstrip()
        return not before or before[-1] in _SENTENCE_ENDS
    return True


def _correction(word: str, spell: Speller, other: Speller | None, min_letters: int) -> str | None:
    """The word meant, when ``word`` is unknown and one slip from a known word; else None."""
    plain = _APOSTROPHES.sub("'", word)
    parts = [p for p in re.split(r"[-']", plain) if p]
    joined = plain.replace("-", "")
    if spell.knows(plain) or all(_known(p, spell, other) for p in parts):
        return None
    if "-" in plain and _known(joined, spell, other):
        return None  # « algo-rithme »: a word hyphenated at a line break, not misspelt
    better = spell.suggest(word)
    if better is None or " " in better or better.lower() == word.lower():
        return None  # a split ("server less") or a case ("Json") is no spelling mistake
    if "'" in better and "'" not in plain:
        return None  # "logic's" for "logics": a plural the dictionary lacks
    if _fold(better).lower() == _fold(word).lower():
        # Only accents differ: a slip, unless a missing one is on a capital (« ETAPES »).
        missed = [a for a, b in zip(word, better, strict=True) if a.lower() != b.lower()]
        return better if not any(ch.isupper() for ch in missed) else None
    typed, meant = _fold(word).lower(), _fold(better).lower()
    if len(word) >= min_letters and _one_slip(typed, meant) and _inside(typed, meant):
        return better
    return None


def _known(part: str, spell: Speller, other: Speller | None) -> bool:
    return spell.knows(part) or (other is not None and other.knows(part))


def _inside(typed: str, meant: str) -> bool:
    """Whether the slip is inside the word and of the kinds fingers make: words that differ at
    their first or last letter are more often an inflection or a prefix the dictionary lacks
    ("embeddings", "preloaded", "underuse"); a consonant typed for another makes another word
    more often than a slip ("dumbing", not "dubbing"), a vowel for another is a slip
    ("sphynx")."""
    if typed[0] != meant[0] or typed[-1] != meant[-1]:
        return False
    if len(typed) != len(meant):
        return True
    changed = [(a, b) for a, b in zip(typed, meant, strict=True) if a != b]
    swapped = len(changed) == 2
    return swapped or all(a in _VOWELS and b in _VOWELS for a, b in changed)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _one_slip(typed: str, meant: str) -> bool:
    """One letter missing, added or changed, or two neighbours swapped."""
    if abs(len(typed) - len(meant)) > 1 or typed == meant:
        return False
    if len(typed) == len(meant):
        diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == meant[diff[1]]
            and typed[diff[1]] == meant[diff[0]]
        )
    short, long = sorted((typed, meant), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _is_placeholder_text(text: str) -> bool:
    """Lorem ipsum is filler, not the presenter's words (``CL108`` reports it)."""
    return "lorem ipsum" in text.lower()
