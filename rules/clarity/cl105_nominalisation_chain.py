"""The CL105 nominalisation-chain rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from analyzer.annotation import Lang, TextAnalysis, Token
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Scope
from rules._base import Msg, Rule, RuleContext
from rules._match import find_phrases
from rules.clarity._shared import WORD_LANGS

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
    are listed apart and break the chain. A chain whose nouns are all capitalised inside a
    sentence written in lower case is a name ("the Office for the Modernisation of the
    Administration of Taxation approved...", « le Comité de Pilotage de la Modernisation de la
    Facturation valide... »): it cannot be rewritten, and is left alone.

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

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CL105"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    none of 12 remarks was correct: the chains found were fixed terms and names (« autorités de
    régulation », the name of a standard).
    """

    code, name = "CL105", "nominalisation-chain"
    enabled_by_default = False
    family, severity = Family.CLARITY, Severity.INFO
    languages = WORD_LANGS
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
    group_message = Msg(
        en="{count} chains of nouns made from verbs bury the action, on slides {slides}.",
        fr="{count} enchaînements de noms tirés de verbes enfouissent l'action, sur les "
        "diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Turn each main noun back into a verb and say who acts.",
        fr="Redonnez à chaque nom principal sa forme de verbe et dites qui agit.",
    )

    def check(self, ctx: RuleContext[NominalisationChainOptions]) -> Iterator[Finding]:
        minimum = ctx.options.min_chain
        # Built once per language: the word lists do not change from a paragraph to the next.
        by_lang: dict[Lang, tuple[_Nominals, frozenset[str]]] = {}
        for ref in ctx.prose(ctx.options.scopes):
            if ref.lang not in by_lang:
                listed = ctx.lexicon("nominalisation-suffixes", ref.lang).terms
                suffixes = tuple(suffix.lstrip("-") for suffix in listed)
                phrases = ctx.lexicon("nominalisation-phrases", ref.lang).terms
                things = frozenset(ctx.lexicon("nominalisation-exceptions", ref.lang).terms)
                links = frozenset(ctx.lexicon("nominalisation-links", ref.lang).terms)
                by_lang[ref.lang] = (_Nominals(suffixes, phrases, things), links)
            nominals, links = by_lang[ref.lang]
            analysis = ref.analysis
            for chain in _chains(analysis, nominals, links):
                if len(chain) < minimum or _is_name(analysis, chain) or _names(analysis, chain):
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
    #: Answers by (lower case, lemma): a deck repeats its nouns.
    known: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)

    def is_nominalisation(self, token: Token) -> bool:
        if token.pos not in _NOMINAL_POS:
            return False
        key = (token.lower, token.lemma)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._is_nominal_form(*key)
        return found

    def _is_nominal_form(self, lower: str, lemma: str) -> bool:
        forms = {lower, lemma.lower(), lower.rstrip("sx")}
        if forms & self.things:
            return False
        return any(
            form.endswith(suffix) and len(form) - len(suffix) >= _MIN_STEM
            for form in forms
            for suffix in self.suffixes
        )


def _names(analysis: TextAnalysis, chain: list[_Group]) -> bool:
    """Whether the tagger reads the chain's capitalised nouns, inside the sentence, as proper
    nouns: "the Agency for the Modernisation of the Administration of Taxation" is a name,
    even when a verb after it is misread as one more noun."""
    tokens = analysis.tokens
    span = range(chain[0].start, chain[-1].end)
    proper = [tokens[i] for i in span if i > 0 and tokens[i].pos == "PROPN"]
    # In a title written in Title Case every word has its capital: that is no name.
    lower_elsewhere = any(
        t.text[:1].islower() and len(t.text) > _MIN_STEM
        for i, t in enumerate(tokens)
        if i not in span and t.is_word
    )
    return len(proper) >= 2 and lower_elsewhere


def _is_name(analysis: TextAnalysis, chain: list[_Group]) -> bool:
    """Whether the chain's nouns are all capitalised while the rest of the paragraph is in lower
    case: the capitals then mark a name, not a title written in Title Case."""
    inside = range(chain[0].start, chain[-1].end)
    tokens = analysis.tokens
    # The paragraph's first word has its capital whatever it is.
    nouns = [tokens[i] for i in inside if i > 0 and tokens[i].pos in _NOMINAL_POS]
    if not nouns or not all(t.text[:1].isupper() for t in nouns):
        return False
    return any(
        t.text[:1].islower() and len(t.text) > _MIN_STEM
        for i, t in enumerate(tokens)
        if i not in inside and t.is_word
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
        if group is None:
            i += 1
            continue
        if not group.nominal:
            # A group starting inside this one would be part of it, so not nominal either:
            # skipping them keeps the scan linear (a fuzzed 20,000-token paragraph hung here).
            i = group.end
            continue
        chain = [group]
        while is_link(chain[-1].end):
            following = group_at(chain[-1].end + 1)
            if following is None or not following.nominal:
                break
            chain.append(following)
        yield chain
        i = chain[-1].end
