"""The MI109 figure-without-comparison rule and its options."""

from __future__ import annotations

import re
from collections.abc import Iterator

from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import VISIBLE_SCOPES, Slide
from rules._base import Msg, NoOptions, Rule, RuleContext
from rules._slides import is_content
from rules.impact._shared import WORD_LISTS, has_cue, visible_slides

#: An amount of money or a duration: the figures that mean little alone ("450 k€", "3 weeks").
#: A share ("12 %") is already a comparison with a whole.
_AMOUNT = re.compile(
    r"(?<![\w.,])\d[\d\u00a0\u202f .,]*\s?(?:k€|m€|md€|€|\$|£|k\$|m\$|euros?\b|dollars?\b)"
    r"|(?:€|\$|£)\s?\d",
    re.IGNORECASE,
)
#: Any figure, to tell whether the slide sets the amount beside another one.
_FIGURE = re.compile(r"\d")


class FigureWithoutComparison(Rule[NoOptions]):
    """Amount of money shown with nothing to compare it with.

    ## What it does
    On a content slide, flags an amount of money ("450 k€", "$2.3M") when the slide shows
    nothing to set it against: no other figure, and no word of comparison, baseline, target,
    period or competitor ("vs", "than", "target", "last year", « contre », « par rapport à
    », « objectif », « par an »: the `comparison-cues` word list). Shares ("12 %") compare
    already; counts and dates are not amounts.

    Off by default: see its precision below.

    ## Why is this bad?
    A figure alone does not tell the audience whether it is good news: 450 k€ is cheap for a
    national roll-out and expensive for a pilot. Set it beside last year, the budget, the
    target or the competitor, and the audience sees the point without doing the sum.

    ## Example
    Bullet: "Project cost: 450 k€"

    Use instead:
    Bullet: "Project cost: 450 k€, a third of last year's licence bill"

    ## Options
    None.

    ## Precision on real decks
    Off by default: run it with `extend-select = ["MI109"]`. On the 34 real decks of the
    development corpus it made no remark at all, so its precision could not be measured there,
    and the target is precision measured on real decks; an amount alone is also often the
    point of the slide (a price, a budget line read out in full).
    """

    code, name = "MI109", "figure-without-comparison"
    family, severity = Family.IMPACT, Severity.INFO
    tier = Tier.WORDING
    enabled_by_default = False
    languages = WORD_LISTS
    message = Msg(
        en="“{evidence}” stands alone: the slide gives nothing to compare it with.",
        fr="« {evidence} » est seul : la diapositive ne donne rien à quoi le comparer.",
    )
    suggestion = Msg(
        en="Set it beside a baseline, a target, last year or a competitor, so the audience "
        "sees whether it is good news.",
        fr="Mettez-le en regard d'une référence, d'un objectif, de l'an dernier ou d'un "
        "concurrent, pour que l'auditoire voie si c'est une bonne nouvelle.",
    )
    group_message = Msg(
        en="{count} amounts stand alone, with nothing to compare them with: slides {slides}.",
        fr="{count} montants sont donnés seuls, sans rien à quoi les comparer : diapositives "
        "{slides}.",
    )
    group_suggestion = Msg(
        en="Set each beside a baseline, a target, last year or a competitor.",
        fr="Mettez chacun en regard d'une référence, d'un objectif, de l'an dernier ou d'un "
        "concurrent.",
    )

    def check(self, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
        for slide in visible_slides(ctx.slides):
            if not is_content(ctx, slide):
                continue
            alone = _lone_amount(ctx, slide)
            if alone is not None:
                yield self.finding(ctx, slide.loc(), evidence=alone)


def _lone_amount(ctx: RuleContext[NoOptions], slide: Slide) -> str | None:
    """The one amount of money on the slide, when nothing on it compares it."""
    refs = list(ctx.paragraphs(VISIBLE_SCOPES, slide=slide, rule_languages=True))
    amounts = [m.group(0).strip() for ref in refs for m in _AMOUNT.finditer(ref.paragraph.text)]
    figures = sum(len(_FIGURE.findall(ref.paragraph.text)) > 0 for ref in refs)
    if len(amounts) != 1 or figures > 1 or slide.charts or slide.tables:
        return None
    if any(
        has_cue(ctx.lexicon("comparison-cues", ref.lang).terms, ref.paragraph.text) for ref in refs
    ):
        return None
    return amounts[0]
