"""The MI105 unquantified-claim rule and its options."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from analyzer.annotation import Lang, TextAnalysis
from analyzer.findings import Family, Finding, Severity
from analyzer.model import Paragraph, Scope, Slide
from analyzer.prose import looks_like_code
from rules._base import Msg, Rule, RuleContext
from rules._match import Hit, find_phrases
from rules.impact._shared import (
    BODY_SCOPES,
    TEXT_SCOPES,
    WORD_LISTS,
    Figures,
    figures_for,
    is_question,
    outside,
    visible_slides,
    word_list,
)

#: What may follow a one-word quantifier used as a quantity ("more clients", not "more agile").
_NOMINAL = frozenset({"NOUN", "PROPN", "X", "NUM", "DET", "PRON"})


@dataclass(frozen=True, kw_only=True)
class UnquantifiedClaimOptions:
    scopes: frozenset[Scope] = TEXT_SCOPES
    extend_terms: frozenset[str] = frozenset()
    ignore_terms: frozenset[str] = frozenset()


class UnquantifiedClaim(Rule[UnquantifiedClaimOptions]):
    """Claim of a change or a size with no figure.

    ## What it does
    Flags a title or a bullet that claims a change or a size ("increase", "strong",
    "significant", "reduce", "most clients", « hausse », « forte croissance », « nettement »,
    « la plupart des »: the `claim-words` and `impact-quantifiers` word lists) and gives no
    figure. A figure counts wherever it quantifies the claim: in the same paragraph, in its
    sub-bullets, in a table or a chart on the slide, and for a title, anywhere on the slide.
    Years, quarter codes ("Q3", « T3 ») and dates are not figures. Questions and code are not
    claims, nor are a quantifier before a quality ("more flexible", "is more common") and
    fixed expressions that claim no size ("the more ..., the more", "strong arguments",
    « amélioration continue », « avec le recul »: the `impact-claim-exceptions` word list).
    One finding per paragraph, on its first claim word.

    ## Why is this bad?
    "Strong growth" invites the question every committee member will ask: how much? Without
    the figure, the claim cannot be weighed against the cost of the decision you ask for, and
    an objective without a target ("Reduce costs") cannot be tracked.

    ## Example
    Bullet: "Significant increase in renewals since the bundles".

    Use instead:
    Bullet: "Renewals up from 71 % to 83 % since the bundles".

    ## Options
    - `scopes`: where to look (title, body, table, chart, smartart, notes).
    - `extend-terms`: claim words to add to the list.
    - `ignore-terms`: claim words of the lists not to flag.

    ## Precision on real decks
    Off by default: run it with `extend-select = ["MI105"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    2 of 31 remarks were correct (6%): words of change or size ("less", "strong", "most") were
    descriptive, and no figure made sense behind them.
    """

    code, name = "MI105", "unquantified-claim"
    enabled_by_default = False
    family, severity = Family.IMPACT, Severity.INFO
    languages = WORD_LISTS
    Options = UnquantifiedClaimOptions
    message = Msg(
        en="“{evidence}” claims a change or a size but gives no figure.",
        fr="« {evidence} » annonce une évolution ou une ampleur sans la chiffrer.",
    )
    suggestion = Msg(
        en="Quantify it: how much, compared with what, by when (“renewals up from 71 % to 83 % "
        "in Q3”).",
        fr="Chiffrez : de combien, par rapport à quoi, pour quand (« renouvellements de 71 % à "
        "83 % au T3 »).",
    )
    group_message = Msg(
        en="{count} claims of change or size have no figure, on slides {slides}.",
        fr="{count} annonces d'évolution ou d'ampleur ne sont pas chiffrées, sur les diapositives "
        "{slides}.",
    )
    group_suggestion = Msg(
        en="Quantify each: how much, compared with what, by when.",
        fr="Chiffrez chacune : de combien, par rapport à quoi, pour quand.",
    )

    def check(self, ctx: RuleContext[UnquantifiedClaimOptions]) -> Iterator[Finding]:
        opts = ctx.options
        figures_by_lang = {lang: figures_for(ctx, lang) for lang in self.languages}
        # The deck's own language reads its tables (a table cell has too few words to tell).
        deck_lang = ctx.annotated.lang if ctx.annotated.lang in self.languages else Lang.EN
        for slide in visible_slides(ctx.slides):
            if _slide_has_data(slide, figures_by_lang[deck_lang]):
                continue
            body_has_figure = any(
                figures_by_lang[ref.lang].found_in(ref.paragraph.text)
                for ref in ctx.paragraphs(BODY_SCOPES, slide=slide, rule_languages=True)
            )
            for block in slide.blocks_in(opts.scopes):
                lines = block.non_empty_paragraphs
                for i, paragraph in enumerate(lines):
                    analysis = ctx.analysis(paragraph.text)
                    if analysis.lang not in self.languages or is_question(paragraph.text):
                        continue
                    if looks_like_code(paragraph):
                        continue
                    hit = self._first_claim(ctx, analysis)
                    if hit is None:
                        continue
                    figures = figures_by_lang[analysis.lang]
                    quantified = any(figures.found_in(p.text) for p in _with_children(lines, i))
                    if quantified or (block.scope is Scope.TITLE and body_has_figure):
                        continue
                    yield self.finding(ctx, slide.loc(block), evidence=hit.text)

    def _first_claim(
        self, ctx: RuleContext[UnquantifiedClaimOptions], analysis: TextAnalysis
    ) -> Hit | None:
        opts = ctx.options
        lang = analysis.lang
        claims = word_list(ctx, "claim-words", lang, opts.extend_terms, opts.ignore_terms)
        quantifiers = word_list(ctx, "impact-quantifiers", lang, frozenset(), opts.ignore_terms)
        negations = frozenset(ctx.lexicon("impact-negations", lang).terms)
        copulas = frozenset(ctx.lexicon("impact-copulas", lang).terms)
        hits = list(find_phrases(claims, analysis.text))
        hits += [
            hit
            for hit in find_phrases(quantifiers, analysis.text)
            if (" " in hit.term or _is_quantity(analysis, hit, copulas))
            and not _negated(analysis, hit.start, negations)
        ]
        exceptions = ctx.lexicon("impact-claim-exceptions", lang).terms
        fixed = list(find_phrases(exceptions, analysis.text))
        # Part of a compound is part of a name: "C# (c-sharp)", « pré-croissance ».
        text = analysis.text
        words = [
            h for h in hits if "-" not in (text[h.start - 1 : h.start] + text[h.end : h.end + 1])
        ]
        return min(outside(words, fixed), key=lambda h: h.start, default=None)


def _is_quantity(analysis: TextAnalysis, hit: Hit, copulas: frozenset[str]) -> bool:
    """A one-word quantifier before a noun ("more clients"), not before a quality ("more
    flexible"); right after a copula it compares a quality ("is more common"), whatever the
    tagger says of the next word."""
    before = [t for t in analysis.tokens if t.idx < hit.start and t.text.strip()]
    after = [t for t in analysis.tokens if t.idx >= hit.end and t.text.strip()]
    if before and before[-1].lower.replace("\u2019", "'") in copulas:
        return False
    return bool(after) and after[0].pos in _NOMINAL


#: How far back a negation reaches a quantifier: « n'avons plus de », "no more".
_NEGATION_REACH = 3


def _negated(analysis: TextAnalysis, offset: int, negations: frozenset[str]) -> bool:
    before = [t for t in analysis.tokens if t.idx < offset and t.text.strip()]
    return any(t.lower.replace("\u2019", "'") in negations for t in before[-_NEGATION_REACH:])


def _with_children(lines: Sequence[Paragraph], i: int) -> Iterator[Paragraph]:
    """A paragraph and the deeper-level paragraphs right under it (its sub-bullets)."""
    yield lines[i]
    for child in lines[i + 1 :]:
        if child.level <= lines[i].level:
            return
        yield child


def _slide_has_data(slide: Slide, figures: Figures) -> bool:
    """A chart, or a table with figures in it: the numbers are on the slide."""
    if slide.charts:
        return True
    cells = [c.text for table in slide.tables for c in table.cells]
    cells += [p.text for b in slide.blocks_in({Scope.TABLE}) for p in b.non_empty_paragraphs]
    return any(figures.found_in(text) for text in cells)
