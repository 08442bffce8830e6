"""Concision: say it in fewer words, fewer bullets, fewer levels."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Scope
from rules._base import Msg, Rule, RuleContext


@dataclass(frozen=True, kw_only=True)
class TooManyBulletsOptions:
    max_bullets: int = 6


class TooManyBullets(Rule[TooManyBulletsOptions]):
    """Slide with more bullets than an audience can follow.

    ## What it does
    Counts the non-empty paragraphs in the body text of each slide (titles, tables, charts and
    notes are not counted) and flags a slide that has more than `max-bullets`.

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
    - `max-bullets`
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
                p for block in slide.blocks_in({Scope.BODY}) for p in block.non_empty_paragraphs
            ]
            if len(bullets) > limit:
                yield self.finding(
                    ctx, slide.loc(), evidence=bullets[limit].text, count=len(bullets), limit=limit
                )


RULES = (TooManyBullets,)
