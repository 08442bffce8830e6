"""The CL103 undefined-acronym rule and its options."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from analyzer.annotation import TextAnalysis
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Scope
from rules._base import Msg, ParagraphRef, Rule, RuleContext
from rules.clarity._shared import WORD_LANGS

# Two to six capitals or digits (with « & » inside: "R&D"); a plural "s" is not part of it.
# Two to five capitals: longer all-caps words are names or shouting ("AVONDE", "URGENT").
# A capital run glued to a dot belongs to a compound name ("ASP.NET", ".NET"), not an acronym;
# one joined by a hyphen to figures is a reference ("CCF-0520346", "ISO-27001"), not an acronym.
_ACRONYM = re.compile(r"(?<![\w&.])([A-Z0-9&]{2,5})s?(?![\w&]|\.\w|-\d)")
_ACRONYM_WORD = re.compile(r"[A-Z0-9&]{2,}s?")
_ROMAN = re.compile(r"^(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
#: Word classes an acronym never has: a capitalised "NOT", « PAS » or "NEW" is emphasis.
_NOT_ACRONYM_POS = frozenset(
    {"ADJ", "ADV", "VERB", "AUX", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "INTJ"}
)
#: A paragraph, or a run of words, written in capitals from this many words on is styling.
_CAPS_RUN = 3
#: A shape's or a text box's paragraph of this many words or fewer is a diagram's label.
_LABEL_WORDS = 3
#: Capitals of this many letters or more that a dictionary knows are a word: "TOOLS".
_WORD_IN_CAPITALS = 4
#: Around a code literal: an assignment before it ("= TRUE") or after it ("DEBUG=").
_CODE_VALUE = re.compile(r"=\s*$")
_CODE_NAME = re.compile(r"\s*=(?!=)")
#: The expansion written before its acronym: "event dispatching thread : EDT", "Net Revenue
#: Retention - NRR", « chiffre d'affaires = CA ».
_EXPANSION_BEFORE = re.compile(
    r"([^\W\d_][\w'’ -]*?)\s*(?::|=|\s[-\u2013\u2014])\s*([A-Z0-9&]{2,6})s?\b"
)
#: Separators of a glossary line: "ARR: Annual Recurring Revenue", « ARR = revenu ... ».
_GLOSSARY = re.compile(r"^\s*([A-Z0-9&]{2,5})s?(?:\s*[:=]|\s+[\u2013\u2014-])\s*(.+)$")


@dataclass(frozen=True, kw_only=True)
class UndefinedAcronymOptions:
    ignore: frozenset[str] = frozenset()
    scopes: frozenset[Scope] = VISIBLE_SCOPES


class UndefinedAcronym(Rule[UndefinedAcronymOptions]):
    """Acronym used on the slides but never spelled out.

    ## What it does
    Finds acronyms (two to five capitals or digits, such as "ARR" or « NRR ») shown on the slides
    and flags each one, once, at its first slide, when the deck never spells it out. Spelled out
    means, in any paragraph including the speaker notes: "Annual Recurring Revenue (ARR)",
    "ARR (Annual Recurring Revenue)", a glossary line "ARR: Annual Recurring Revenue", or
    capitalised words whose initials make the acronym. Acronyms every executive knows (CEO,
    KPI, « TVA », « CA », "API", "URL") are exempt, as are Roman numerals, units and currencies
    ("MEUR"), a few company names ("SAP", « EDF »), months and ordinary words written in
    capitals ("SEPT", "NEW"), and paragraphs or runs of three words and more written in
    capitals. References joined to a number ("grant CCF-0520346") and code shown on the slides
    (where "CPQ" may name a constant) are not read.

    ## Why is this bad?
    Every team has its jargon, and a committee mixes teams: the finance director may not know
    the sales team's ARR, NRR or CAC. A member who does not know an acronym stops following,
    and rarely asks.

    ## Example
    Bullet: "NRR reaches 112 % on the mid-market segment"

    Use instead:
    Bullet: "Net Revenue Retention (NRR) reaches 112 % on the mid-market segment"

    ## Options
    - `ignore`
    - `scopes`

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CL103"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    7 of 111 remarks were correct (6%). Most acronyms flagged were known to the deck's audience
    (SQL, TLS, API for developers), were names rather than jargon (GNU, IEC in ISO/IEC, MIT), or
    were explained in a way the rule missed.
    """

    code, name = "CL103", "undefined-acronym"
    enabled_by_default = False
    family, severity = Family.CLARITY, Severity.WARNING
    languages = WORD_LANGS
    Options = UndefinedAcronymOptions
    message = Msg(
        en="“{evidence}” is used but never spelled out in the deck.",
        fr="« {evidence} » est employé sans être développé nulle part dans la présentation.",
    )
    suggestion = Msg(
        en="Spell it out where it first appears, as “full name ({evidence})”, or use plain words.",
        fr="Développez-le à sa première apparition, sous la forme « nom complet ({evidence}) », "
        "ou employez des mots simples.",
    )
    group_message = Msg(
        en="{count} acronyms are never spelled out, first used on slides {slides}.",
        fr="{count} sigles ne sont jamais développés, employés d'abord sur les diapositives "
        "{slides}.",
    )
    group_suggestion = Msg(
        en="Spell each out where it first appears, as “full name (ACRONYM)”, or use plain words.",
        fr="Développez chacun à sa première apparition, sous la forme « nom complet (SIGLE) », ou "
        "employez des mots simples.",
    )

    def check(self, ctx: RuleContext[UndefinedAcronymOptions]) -> Iterator[Finding]:
        ignored = {term.upper() for term in ctx.options.ignore}
        everywhere = list(ctx.paragraphs(frozenset(Scope)))
        defined: set[str] | None = None
        reported: set[str] = set()
        exempt = {
            lang: frozenset(ctx.lexicon("known-acronyms", lang).terms)
            | frozenset(ctx.lexicon("not-acronyms", lang).terms)
            for lang in self.languages
        }
        for ref in ctx.prose(ctx.options.scopes):
            if _is_label(ref):
                continue  # a diagram's label, or one name of a list of names ("GED", "ERP")
            speller = ctx.speller(ref.lang)
            for acronym in _acronyms_used(ref.analysis):
                if (
                    acronym in reported
                    or acronym in ignored
                    or _is_exempt(acronym, exempt[ref.lang])
                    or (
                        # A word in capitals ("TOOLS", "URGENT"); short ones are acronyms.
                        len(acronym) >= _WORD_IN_CAPITALS
                        and speller is not None
                        and speller.knows(acronym.lower())
                    )
                ):
                    continue
                if defined is None:
                    # Computed once, and only for decks that use an acronym at all.
                    defined = _defined_acronyms(everywhere)
                if acronym in defined or _spelled_out(acronym, everywhere):
                    continue
                reported.add(acronym)
                yield self.finding(ctx, ref.loc, evidence=acronym)


def _is_label(ref: ParagraphRef) -> bool:
    """A diagram's label (a short line in a shape or a text box) or a list item that is one
    name: acronyms there name boxes and tools, they are not read as prose."""
    words = ref.analysis.word_count
    if ref.block.kind in ("shape", "text-box"):
        return words <= _LABEL_WORDS
    return words <= 1 and ref.block.scope is not Scope.TABLE  # a row's label is a use


def _acronyms_used(analysis: TextAnalysis) -> Iterator[str]:
    text = analysis.text
    caps = _caps_spans(text)
    pos_at = {token.idx: token.pos for token in analysis.tokens}
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if not _looks_like_acronym(acronym) or any(a <= match.start() < b for a, b in caps):
            continue
        if _CODE_VALUE.search(text[: match.start()]) or _CODE_NAME.match(text[match.end() :]):
            continue  # a code literal: "na.rm = TRUE", "DEBUG=1"
        if pos_at.get(match.start()) in _NOT_ACRONYM_POS:
            continue
        yield acronym


def _looks_like_acronym(candidate: str) -> bool:
    capitals = sum(ch.isalpha() for ch in candidate)
    return (
        capitals >= 2
        and not candidate.startswith("&")
        and not candidate.endswith("&")
        and not _ROMAN.match(candidate)
    )


def _caps_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of runs of words written in capitals: styling, not acronyms."""
    words = list(_WORD_RE.finditer(text))
    if len(words) >= 2 and all(w.group(0).isupper() for w in words):
        return [(0, len(text))]
    spans, run = [], []
    for word in [*words, None]:
        if word is not None and word.group(0).isupper():
            run.append(word)
            continue
        if len(run) >= _CAPS_RUN:
            spans.append((run[0].start(), run[-1].end()))
        run = []
    return spans


def _is_exempt(acronym: str, exempt: frozenset[str]) -> bool:
    lower = acronym.lower()
    # "FY25" is the known "FY" with a year.
    return lower in exempt or lower.rstrip("0123456789") in exempt


def _defined_acronyms(paragraphs: Sequence[ParagraphRef]) -> set[str]:
    """Acronyms the deck spells out by one of the written conventions."""
    defined: set[str] = set()
    for ref in paragraphs:
        text = ref.paragraph.text
        for match in re.finditer(r"\(\s*([A-Z0-9&]{2,6})s?\s*\)", text):
            # "Net Revenue Retention (NRR)", « taux de rétention nette (NRR) »: words then the
            # acronym in brackets. Authors expand English acronyms in French, so the initials
            # need not match; a number before the brackets ("12 % (NRR)") is a label.
            before = text[: match.start()].rstrip()
            if len(_WORD_RE.findall(before)) >= 2 and before[-1:].isalpha():
                defined.add(match.group(1))
        for match in re.finditer(r"(?<![\w&])([A-Z0-9&]{2,6})s?\s*\(([^)]*)\)", text):
            inside = match.group(2).strip()
            if len(_WORD_RE.findall(inside)) >= 2 and inside[:1].isalpha():
                defined.add(match.group(1))
        for match in _EXPANSION_BEFORE.finditer(text):
            words = _WORD_RE.findall(match.group(1))
            acronym = match.group(2)
            # The expansion ends right before the sign: its last words spell the acronym.
            letters = sum(ch.isalpha() for ch in acronym)
            tail = words[-(letters * 2 + 2) :]
            if any(_spells(acronym, tail[i:]) for i in range(len(tail))):
                defined.add(acronym)
        glossary = _GLOSSARY.match(text)
        if glossary is not None:
            acronym, rest = glossary.groups()
            words = _WORD_RE.findall(rest)
            # A definition names a thing; "ARR: up 12 %" states a result.
            if _spells(acronym, words) or (
                len(words) >= 2 and not re.search(r"\d", rest) and not ref.analysis.has_finite_verb
            ):
                defined.add(acronym)
    return defined


def _spelled_out(acronym: str, paragraphs: Sequence[ParagraphRef]) -> bool:
    """Whether capitalised words somewhere spell the acronym ("Net Revenue Retention")."""
    for ref in paragraphs:
        words = _WORD_RE.findall(ref.paragraph.text)
        for i, word in enumerate(words):
            if word[:1].isupper() and _spells(acronym, words[i:], capitalised=True):
                return True
    return False


def _bare(word: str) -> str:
    # « d'Acquisition » spells with its noun, not with the elided article.
    return word.replace("\u2019", "'").rsplit("'", 1)[-1]


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _spells(acronym: str, words: Sequence[str], *, capitalised: bool = False) -> bool:
    """Whether ``words``, from the first, spell ``acronym`` by the start of each word ("Net
    Revenue Retention", « COmité de DIRection »). Short lowercase words ("of", « de ») may be
    skipped; with ``capitalised``, every other word must start with a capital."""
    letters = _fold("".join(ch for ch in acronym if ch.isalpha()))
    bare = [_bare(w) for w in words[: len(letters) * 2 + 2]]
    folded = [_fold(w) for w in bare]

    def spell(i: int, j: int) -> bool:
        if i == len(letters):
            return True
        if j == len(folded):
            return False
        word = folded[j]
        connector = len(word) <= 3 and bare[j].islower()
        if connector and j > 0 and spell(i, j + 1):
            return True
        # Another acronym ("NRR" itself) spells nothing out.
        if not connector and _ACRONYM_WORD.fullmatch(bare[j]):
            return False
        if capitalised and not connector and not bare[j][:1].isupper():
            return False
        k = 1
        while i + k <= len(letters) and word.startswith(letters[i : i + k]):
            if spell(i + k, j + 1):
                return True
            k += 1
        return False

    return bool(letters) and spell(0, 0)
