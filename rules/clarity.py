"""Clarity: say it so that the audience understands it on first reading."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.annotation import Lang, TextAnalysis, Token
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Scope, Slide
from rules._base import Msg, ParagraphRef, Rule, RuleContext
from rules._match import find_phrases

#: Rules that read word lists or the tagging layer: French and English only.
_WORD_LANGS = frozenset({Lang.EN, Lang.FR})
#: Where a sentence is read as prose; charts and SmartArt hold labels, not sentences.
_PROSE_SCOPES = frozenset({Scope.TITLE, Scope.BODY, Scope.TABLE})
_APOSTROPHES = ("'", "\u2019")


def _paragraphs(
    ctx: RuleContext[Any], scopes: frozenset[Scope], languages: frozenset[Lang]
) -> Iterator[ParagraphRef]:
    """The paragraphs of ``scopes`` whose own language the rule has data for."""
    for ref in ctx.paragraphs(scopes):
        if ref.lang in languages:
            yield ref


def _is_counted_word(token: Token) -> bool:
    # An elided article (« l' », « d' ») is part of the next word for a reader, as for a word
    # processor's count: « l'offre » is one word.
    return token.is_word and not token.text.endswith(_APOSTROPHES)


# --- CL101 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SentenceTooLongOptions:
    max_words: int = 25
    scopes: frozenset[Scope] = _PROSE_SCOPES


class SentenceTooLong(Rule[SentenceTooLongOptions]):
    """Sentence too long to read while listening.

    ## What it does
    Counts the words of each sentence in titles, bullets and table cells and flags a sentence
    longer than `max-words`. Figures ("12 %", "2025") and elided articles (« l' », « d' ») are
    not counted as words.

    ## Why is this bad?
    The audience reads the slide while the speaker talks. A long sentence makes them choose
    between reading and listening; by its end, its beginning is forgotten.

    ## Example
    Bullet: "Following the review of our pricing carried out with the finance team over the
    last quarter, we propose to move all mid-market customers to three bundles with annual
    commitments"

    Use instead:
    Bullet: "Mid-market customers move to three annual bundles", and the review in the notes.

    ## Options
    - `max-words`
    - `scopes`
    """

    code, name = "CL101", "sentence-too-long"
    family, severity = Family.CLARITY, Severity.WARNING
    Options = SentenceTooLongOptions
    message = Msg(
        en="This sentence has {count} words (more than {limit}).",
        fr="Cette phrase compte {count} mots (plus de {limit}).",
    )
    suggestion = Msg(
        en="Keep the point on the slide in {limit} words or fewer and move the detail to the "
        "notes, or split the sentence in two.",
        fr="Gardez l'idée sur la diapositive en {limit} mots au plus et déplacez le détail dans "
        "les notes, ou coupez la phrase en deux.",
    )

    def check(self, ctx: RuleContext[SentenceTooLongOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        for ref in _paragraphs(ctx, ctx.options.scopes, self.languages):
            analysis = ref.analysis
            for sentence in analysis.sentences:
                count = sum(map(_is_counted_word, analysis.sentence_tokens(sentence)))
                if count > limit:
                    yield self.finding(
                        ctx, ref.loc, evidence=sentence.text.strip(), count=count, limit=limit
                    )


# --- CL102 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PassiveVoiceOptions:
    scopes: frozenset[Scope] = VISIBLE_SCOPES


class PassiveVoice(Rule[PassiveVoiceOptions]):
    """Passive voice that hides who acts.

    ## What it does
    Flags passive constructions ("was approved", « sera déployée ») in the text shown on the
    slide. States ("is based on", « sont prêtes ») and French verbs conjugated with « être »
    (« sont allés ») are not passives.

    ## Why is this bad?
    An executive committee wants to know who does what. A passive puts the actor last, or drops
    it: "the price list was approved" leaves the room asking "by whom?".

    ## Example
    Bullet: "The new price list was approved in March"

    Use instead:
    Bullet: "The Codir approved the new price list in March"

    ## Options
    - `scopes`
    """

    code, name = "CL102", "passive-voice"
    family, severity = Family.CLARITY, Severity.INFO
    languages = _WORD_LANGS
    Options = PassiveVoiceOptions
    message = Msg(
        en="“{evidence}” is passive: the actor comes last, or not at all.",
        fr="« {evidence} » est au passif : l'acteur arrive en dernier, ou pas du tout.",
    )
    suggestion = Msg(
        en="Name who acts and make them the subject of “{verb}”: “The Codir approved the price "
        "list” rather than “The price list was approved”.",
        fr="Nommez qui agit et faites-en le sujet de « {verb} » : « Le Codir valide la grille » "
        "plutôt que « La grille est validée ».",
    )

    def check(self, ctx: RuleContext[PassiveVoiceOptions]) -> Iterator[Finding]:
        for ref in _paragraphs(ctx, ctx.options.scopes, self.languages):
            for passive, verb in _passives_with_verbs(ref.analysis):
                yield self.finding(ctx, ref.loc, evidence=passive, verb=verb)


def _passives_with_verbs(analysis: TextAnalysis) -> Iterator[tuple[str, str]]:
    """Each passive of the paragraph with the lemma of its participle (its last word)."""
    cursor = 0
    for passive in analysis.passives:
        verb = passive.split()[-1]
        start = analysis.text.find(passive, cursor)
        if start >= 0:
            cursor = start + len(passive)
            for token in analysis.tokens:
                if token.idx < cursor <= token.idx + len(token.text):
                    verb = token.lemma
                    break
        yield passive, verb


# --- CL103 ---------------------------------------------------------------------------------

# Two to six capitals or digits (with « & » inside: "R&D"); a plural "s" is not part of it.
_ACRONYM = re.compile(r"(?<![\w&])([A-Z0-9&]{2,6})s?(?![\w&])")
_ACRONYM_WORD = re.compile(r"[A-Z0-9&]{2,}s?")
_ROMAN = re.compile(r"^(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
#: Word classes an acronym never has: a capitalised "NOT", « PAS » or "NEW" is emphasis.
_NOT_ACRONYM_POS = frozenset(
    {"ADJ", "ADV", "VERB", "AUX", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "INTJ"}
)
#: A paragraph, or a run of words, written in capitals from this many words on is styling.
_CAPS_RUN = 3
#: Separators of a glossary line: "ARR: Annual Recurring Revenue", « ARR = revenu ... ».
_GLOSSARY = re.compile(r"^\s*([A-Z0-9&]{2,6})s?(?:\s*[:=]|\s+[\u2013\u2014-])\s*(.+)$")


@dataclass(frozen=True, kw_only=True)
class UndefinedAcronymOptions:
    ignore: frozenset[str] = frozenset()
    scopes: frozenset[Scope] = VISIBLE_SCOPES


class UndefinedAcronym(Rule[UndefinedAcronymOptions]):
    """Acronym used on the slides but never spelled out.

    ## What it does
    Finds acronyms (two to six capitals or digits, such as "ARR" or « NRR ») shown on the slides
    and flags each one, once, at its first slide, when the deck never spells it out. Spelled out
    means, in any paragraph including the speaker notes: "Annual Recurring Revenue (ARR)",
    "ARR (Annual Recurring Revenue)", a glossary line "ARR: Annual Recurring Revenue", or
    capitalised words whose initials make the acronym. Acronyms every executive knows (CEO,
    KPI, « TVA », « CA ») are exempt, as are Roman numerals, units, ordinary words written in
    capitals for emphasis, and paragraphs or runs of three words and more written in capitals.

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
    """

    code, name = "CL103", "undefined-acronym"
    family, severity = Family.CLARITY, Severity.WARNING
    languages = _WORD_LANGS
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
        for ref in _paragraphs(ctx, ctx.options.scopes, self.languages):
            for acronym in _acronyms_used(ref.analysis):
                if (
                    acronym in reported
                    or acronym in ignored
                    or _is_exempt(acronym, exempt[ref.lang])
                ):
                    continue
                if defined is None:
                    # Computed once, and only for decks that use an acronym at all.
                    defined = _defined_acronyms(everywhere)
                if acronym in defined or _spelled_out(acronym, everywhere):
                    continue
                reported.add(acronym)
                yield self.finding(ctx, ref.loc, evidence=acronym)


def _acronyms_used(analysis: TextAnalysis) -> Iterator[str]:
    text = analysis.text
    caps = _caps_spans(text)
    pos_at = {token.idx: token.pos for token in analysis.tokens}
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if not _looks_like_acronym(acronym) or any(a <= match.start() < b for a, b in caps):
            continue
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


# --- CL104 ---------------------------------------------------------------------------------

#: How a readability formula is named to people (the same in both languages).
_FORMULA_NAMES = {"flesch-reading-ease": "Flesch", "kandel-moles": "Kandel-Moles"}


@dataclass(frozen=True, kw_only=True)
class HardToReadSlideOptions:
    min_reading_ease: float = 30.0


class HardToReadSlide(Rule[HardToReadSlideOptions]):
    """Slide whose text is hard to read.

    ## What it does
    Reads each slide's reading-ease score (0 to 100, higher is easier) computed on its visible
    text, titles apart: Flesch reading ease for English, Kandel and Moles' French adaptation for
    French, so the scale is the same. Flags a slide scoring below `min-reading-ease`. Slides
    with fewer than a dozen words are not measured.

    ## Why is this bad?
    A low score means long sentences made of long words. On a slide, that is a paragraph the
    audience will not read; in a committee, the slide that loses the room.

    ## Example
    Bullets: "Industrialisation of the contractualisation of multi-year strategic partnerships",
    "Rationalisation of the intermediation organisation"

    Use instead:
    Bullets: "Sign three-year contracts with our ten key partners", "Cut one sales layer"

    ## Options
    - `min-reading-ease`
    """

    code, name = "CL104", "hard-to-read-slide"
    family, severity = Family.CLARITY, Severity.INFO
    languages = _WORD_LANGS
    Options = HardToReadSlideOptions
    message = Msg(
        en="Reading ease {score} ({formula}) is below {limit}: this slide is hard to read.",
        fr="Lisibilité de {score} ({formula}), sous le seuil de {limit} : cette diapositive est "
        "difficile à lire.",
    )
    suggestion = Msg(
        en="Use shorter sentences and everyday words: one idea per bullet, verbs rather than "
        "abstract nouns.",
        fr="Faites des phrases plus courtes avec des mots courants : une idée par puce, des verbes "
        "plutôt que des noms abstraits.",
    )

    def check(self, ctx: RuleContext[HardToReadSlideOptions]) -> Iterator[Finding]:
        limit = ctx.options.min_reading_ease
        for slide in ctx.slides:
            measured = ctx.annotated.readability.get(slide.number)
            if measured is None or measured.score >= limit:
                continue
            yield self.finding(
                ctx,
                slide.loc(),
                evidence=_first_line(slide),
                score=f"{measured.score:.0f}",
                formula=_FORMULA_NAMES.get(measured.formula, measured.formula),
                limit=f"{limit:g}",
            )


def _first_line(slide: Slide) -> str:
    if slide.title:
        return slide.title
    for block in slide.blocks_in(VISIBLE_SCOPES):
        for paragraph in block.non_empty_paragraphs:
            return paragraph.text.strip()
    return ""


# --- CL105 ---------------------------------------------------------------------------------

_NOMINAL_POS = frozenset({"NOUN", "PROPN"})
_GROUP_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_DETERMINER_POS = frozenset({"DET", "NUM"})
#: A suffix needs this many letters before it: "page" and « image » are not nominalisations.
_MIN_STEM = 3


@dataclass(frozen=True, kw_only=True)
class NominalisationChainOptions:
    min_chain: int = 3
    scopes: frozenset[Scope] = VISIBLE_SCOPES


@dataclass(frozen=True)
class _Group:
    """A noun group: tokens ``[start, end)``, and whether one of its nouns is a nominalisation."""

    start: int
    end: int
    nominal: bool


class NominalisationChain(Rule[NominalisationChainOptions]):
    """Chain of nouns made from verbs, linked by "of" or « de ».

    ## What it does
    Finds chains of at least `min-chain` noun groups linked by "of" (« de », « du », « des »,
    « d' »), each holding a nominalisation: a noun made from a verb or an adjective, known by its
    suffix ("-tion", "-ment", "-ity", « -age », « -ité »...) or listed as a phrase (« mise en
    place », "roll-out"). Nouns that only end like one ("business", « solution », « société »)
    are listed apart and break the chain.

    ## Why is this bad?
    Each nominalisation hides a verb, and with it who acts and when. Stacked with "of", they
    make the reader unpack the sentence backwards: the action is in the last noun.

    ## Example
    Title: "Acceleration of the transformation of the sales organisation"

    Use instead:
    Title: "We reorganise sales by region before June"

    ## Options
    - `min-chain`
    - `scopes`
    """

    code, name = "CL105", "nominalisation-chain"
    family, severity = Family.CLARITY, Severity.INFO
    languages = _WORD_LANGS
    Options = NominalisationChainOptions
    message = Msg(
        en="{count} nouns made from verbs are chained here: the action is buried.",
        fr="{count} noms tirés de verbes s'enchaînent ici : l'action est enfouie.",
    )
    suggestion = Msg(
        en="Turn the main noun back into a verb and say who acts: “we simplify invoicing” rather "
        "than “the implementation of the simplification of invoicing”.",
        fr="Redonnez au nom principal sa forme de verbe et dites qui agit : « nous simplifions la "
        "facturation » plutôt que « la mise en place de la simplification de la facturation ».",
    )

    def check(self, ctx: RuleContext[NominalisationChainOptions]) -> Iterator[Finding]:
        minimum = ctx.options.min_chain
        for ref in _paragraphs(ctx, ctx.options.scopes, self.languages):
            listed = ctx.lexicon("nominalisation-suffixes", ref.lang).terms
            suffixes = tuple(suffix.lstrip("-") for suffix in listed)
            phrases = ctx.lexicon("nominalisation-phrases", ref.lang).terms
            things = frozenset(ctx.lexicon("nominalisation-exceptions", ref.lang).terms)
            links = frozenset(ctx.lexicon("nominalisation-links", ref.lang).terms)
            analysis = ref.analysis
            for chain in _chains(analysis, _Nominals(suffixes, phrases, things), links):
                if len(chain) < minimum:
                    continue
                first, last = analysis.tokens[chain[0].start], analysis.tokens[chain[-1].end - 1]
                evidence = analysis.text[first.idx : last.idx + len(last.text)]
                yield self.finding(ctx, ref.loc, evidence=evidence, count=len(chain))


@dataclass(frozen=True)
class _Nominals:
    """What makes a noun a nominalisation in one language: a suffix, or a listed phrase; and
    the nouns that end like one but name a thing."""

    suffixes: tuple[str, ...]
    phrases: tuple[str, ...]
    things: frozenset[str]

    def is_nominalisation(self, token: Token) -> bool:
        if token.pos not in _NOMINAL_POS:
            return False
        forms = {token.lower, token.lemma.lower(), token.lower.rstrip("sx")}
        if forms & self.things:
            return False
        return any(
            form.endswith(suffix) and len(form) - len(suffix) >= _MIN_STEM
            for form in forms
            for suffix in self.suffixes
        )


def _chains(
    analysis: TextAnalysis, nominals: _Nominals, links: frozenset[str]
) -> Iterator[list[_Group]]:
    """Maximal chains of nominal groups joined by a link word, from the left."""
    tokens = analysis.tokens
    # Multiword nominalisations (« mise en place ») count as one noun.
    units: dict[int, int] = {}
    for hit in find_phrases(nominals.phrases, analysis.text):
        covered = [i for i, t in enumerate(tokens) if hit.start <= t.idx < hit.end]
        if covered:
            units[covered[0]] = covered[-1] + 1

    def group_at(i: int) -> _Group | None:
        start = i
        while i < len(tokens) and tokens[i].pos in _DETERMINER_POS and i not in units:
            i += 1
        first, nominal = i, False
        while i < len(tokens):
            if i in units:
                nominal, i = True, units[i]
            elif tokens[i].pos in _GROUP_POS:
                nominal, i = nominal or nominals.is_nominalisation(tokens[i]), i + 1
            else:
                break
        return _Group(start, i, nominal) if i > first else None

    def is_link(i: int) -> bool:
        return i < len(tokens) and tokens[i].lower.replace("\u2019", "'") in links

    i = 0
    while i < len(tokens):
        group = group_at(i)
        if group is None or not group.nominal:
            i += 1
            continue
        chain = [group]
        while is_link(chain[-1].end):
            following = group_at(chain[-1].end + 1)
            if following is None or not following.nominal:
                break
            chain.append(following)
        yield chain
        i = chain[-1].end


# --- CL106 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class VagueWordOptions:
    extend: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    scopes: frozenset[Scope] = VISIBLE_SCOPES


class VagueWord(Rule[VagueWordOptions]):
    """Vague word that leaves the audience guessing.

    ## What it does
    Flags words and phrases that point at things without naming them ("etc.", "various",
    "several aspects", « divers », « certains éléments », « des choses »). Fixed expressions
    that are not vague (« questions diverses », « frais divers », "miscellaneous expenses")
    are left alone.

    ## Why is this bad?
    A committee decides on what it can see. "Various improvements" asks the audience to trust
    that there is something behind the words; "etc." says the list was not finished.

    ## Example
    Bullet: "Various improvements to the offer, etc."

    Use instead:
    Bullet: "Three improvements: tiered prices, annual bundles, a partner portal"

    ## Options
    - `extend`
    - `ignore`
    - `scopes`
    """

    code, name = "CL106", "vague-word"
    family, severity = Family.CLARITY, Severity.INFO
    languages = _WORD_LANGS
    Options = VagueWordOptions
    message = Msg(
        en="“{evidence}” is vague: the audience cannot tell what it covers.",
        fr="« {evidence} » est vague : l'auditoire ne sait pas ce que cela recouvre.",
    )
    suggestion = Msg(
        en="Name the items, or give their number: “three pricing changes” rather than “various "
        "changes”.",
        fr="Nommez les éléments, ou donnez leur nombre : « trois évolutions tarifaires » plutôt "
        "que « diverses évolutions ».",
    )

    def check(self, ctx: RuleContext[VagueWordOptions]) -> Iterator[Finding]:
        opts = ctx.options
        for ref in _paragraphs(ctx, opts.scopes, self.languages):
            vague = ctx.lexicon("vague-words", ref.lang)
            terms = vague.extended(tuple(sorted(opts.extend))).without(opts.ignore).terms
            exceptions = ctx.lexicon("vague-word-exceptions", ref.lang).terms
            text = ref.paragraph.text
            fixed = [(hit.start, hit.end) for hit in find_phrases(exceptions, text)]
            for hit in find_phrases(terms, text):
                if not any(start < hit.end and hit.start < end for start, end in fixed):
                    yield self.finding(ctx, ref.loc, evidence=hit.text)


RULES = (
    SentenceTooLong,
    PassiveVoice,
    UndefinedAcronym,
    HardToReadSlide,
    NominalisationChain,
    VagueWord,
)
