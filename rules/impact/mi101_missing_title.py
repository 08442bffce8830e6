"""The MI101 missing-title rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import Slide
from rules._base import Msg, Rule, RuleContext
from rules.impact._shared import BODY_SCOPES, title_loc, visible_slides


@dataclass(frozen=True, kw_only=True)
class MissingTitleOptions:
    min_words: int = 1


class MissingTitle(Rule[MissingTitleOptions]):
    """Slide with text but no title.

    ## What it does
    Flags a visible slide that shows text, a table or a chart but has no title: no text in a
    title placeholder and no title that deckmentor could infer from the layout. Hidden slides,
    blank slides and slides with only pictures are left alone (a full-page photo or a logo is
    often deliberate).

    ## Why is this bad?
    The title is the first thing the committee reads, and on a slide without one, nobody knows
    what to look at or what to conclude. A reader who leafs through the deck afterwards reads
    only the titles.

    ## Example
    A slide with three bullets, "Bundles replace options", "Renewals become automatic",
    "Partners get a portal", and nothing in the title placeholder.

    Use instead:
    Title: "The new offer is simpler to buy and to renew", then the three bullets.

    ## Options
    - `min-words`: flag only slides showing at least this many words (1: any text), to let a
      picture with a short caption go.

    ## Precision on real decks
    Off by default: run it with `extend-select = ["MI101"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    none of 7 remarks was correct: the slides without a title were steps of a diagram
    walk-through or test files, where the highlighted step or the text itself acts as the title.
    """

    code, name = "MI101", "missing-title"
    enabled_by_default = False
    family, severity = Family.IMPACT, Severity.WARNING
    tier = Tier.TITLES
    Options = MissingTitleOptions
    message = Msg(
        en="This slide has no title: the audience must guess its point from “{evidence}”.",
        fr="Cette diapositive n'a pas de titre : l'auditoire doit deviner son message à partir "
        "de « {evidence} ».",
    )
    suggestion = Msg(
        en="Add a title that states the slide's point as a short sentence, e.g. “The new offer "
        "is simpler to buy and to renew”.",
        fr="Ajoutez un titre qui énonce le message en une phrase courte, par exemple « La "
        "nouvelle offre est plus simple à acheter et à renouveler ».",
    )
    group_message = Msg(
        en="{count} slides have text but no title: slides {slides}.",
        fr="{count} diapositives ont du texte mais pas de titre : diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Give each a title that states its point as a short sentence.",
        fr="Donnez à chacune un titre qui énonce son message en une phrase courte.",
    )

    def check(self, ctx: RuleContext[MissingTitleOptions]) -> Iterator[Finding]:
        for slide in visible_slides(ctx.slides):
            if slide.title is not None:
                continue
            lines = [ref.paragraph.text for ref in ctx.paragraphs(BODY_SCOPES, slide=slide)]
            words = sum(
                1
                for text in lines
                for token in ctx.analysis(text).tokens
                if token.is_word or token.is_number
            )
            has_data = bool(slide.tables or slide.charts)
            if has_data or (lines and words >= ctx.options.min_words):
                evidence = lines[0].strip() if lines else _table_or_chart_text(slide)
                yield self.finding(ctx, title_loc(slide), evidence=evidence)


def _table_or_chart_text(slide: Slide) -> str:
    for table in slide.tables:
        for cell in table.cells:
            if cell.text.strip():
                return cell.text.strip()
    for chart in slide.charts:
        if chart.title:
            return chart.title
    return ""
