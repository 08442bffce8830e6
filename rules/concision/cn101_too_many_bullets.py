"""The CN101 too-many-bullets rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from rules._base import Msg, Rule, RuleContext
from rules.concision._shared import body_paragraphs


@dataclass(frozen=True, kw_only=True)
class TooManyBulletsOptions:
    max_bullets: int = 6
    count_sub_bullets: bool = True


class TooManyBullets(Rule[TooManyBulletsOptions]):
    """Slide with more bullets than an audience can follow.

    ## What it does
    Counts the non-empty paragraphs of the slide's body text (body placeholders and text boxes)
    and flags a slide that has more than `max-bullets`. Sub-bullets count: each is one more line
    the audience reads. Titles, tables, charts and speaker notes are not counted.

    ## Why is this bad?
    An audience reads a slide while listening to the speaker. Past about six bullets, people
    stop reading and stop listening: every point loses weight, and the one that matters drowns.

    ## Example
    A slide "Offer transformation" with nine bullets: context, three pricing changes, two
    organisation changes, the timeline, the budget and the risks.

    Use instead:
    One slide per idea, each with at most five bullets; move details to the speaker notes or
    an appendix.

    ## Options
    - `max-bullets`: the most bullets a slide may have (6).
    - `count-sub-bullets`: count sub-bullets too (true); false counts top-level bullets only,
      for templates that use sub-bullets as small print.
    """

    code, name = "CN101", "too-many-bullets"
    family, severity = Family.CONCISION, Severity.WARNING
    Options = TooManyBulletsOptions
    message = Msg(
        en="{count} bullets on this slide (more than {limit}).",
        fr="{count} puces sur cette diapositive (plus de {limit}).",
    )
    suggestion = Msg(
        en="Keep the {limit} bullets that carry the message; move the rest to the notes or split "
        "the slide.",
        fr="Gardez les {limit} puces qui portent le message ; déplacez le reste dans les notes ou "
        "scindez la diapositive.",
    )

    def check(self, ctx: RuleContext[TooManyBulletsOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_bullets
        for slide in ctx.slides:
            bullets = [
                paragraph
                for _block, paragraph in body_paragraphs(slide)
                if ctx.options.count_sub_bullets or paragraph.level == 0
            ]
            if len(bullets) > limit:
                yield self.finding(
                    ctx, slide.loc(), evidence=bullets[limit].text, count=len(bullets), limit=limit
                )
