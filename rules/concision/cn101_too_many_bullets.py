"""The CN101 too-many-bullets rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Paragraph, Slide
from rules._base import Msg, Rule, RuleContext
from rules.concision._shared import body_paragraphs, is_marker

#: Where bullets are written: placeholders and text boxes. A subtitle holds a name and a date;
#: an auto shape (rectangle, arrow, callout) is a box of a diagram.
_LIST_KINDS = frozenset({"body", "text-box"})
#: A text box of one line shorter than this is a caption or a label ("Week 1", "Source: IDC").
_LABEL_WORDS = 4


@dataclass(frozen=True, kw_only=True)
class TooManyBulletsOptions:
    max_bullets: int = 6
    count_sub_bullets: bool = True


class TooManyBullets(Rule[TooManyBulletsOptions]):
    """Slide with more bullets than an audience can follow.

    ## What it does
    Counts the non-empty paragraphs of the slide's body text (body placeholders and text boxes)
    and flags a slide that has more than `max-bullets`. Sub-bullets count: each is one more line
    the audience reads. Titles, subtitles, tables, charts and speaker notes are not counted, nor
    is what belongs to a diagram: the text of shapes (rectangles, arrows, callouts), a text box
    of one line of three words or fewer ("Week 1", "Source: IDC"), a lone letter or figure
    ("R", "3"). Lines of code shown on the slide are not bullets either.

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
                for paragraph in _bullets(ctx, slide)
                if ctx.options.count_sub_bullets or paragraph.level == 0
            ]
            if len(bullets) > limit:
                yield self.finding(
                    ctx, slide.loc(), evidence=bullets[limit].text, count=len(bullets), limit=limit
                )


def _bullets(ctx: RuleContext[TooManyBulletsOptions], slide: Slide) -> list[Paragraph]:
    bullets = []
    for block, paragraph in body_paragraphs(slide):
        if block.kind not in _LIST_KINDS or is_marker(paragraph):
            continue
        if (
            block.kind == "text-box"
            and len(block.non_empty_paragraphs) == 1
            and ctx.analysis(paragraph.text).word_count < _LABEL_WORDS
        ):
            continue
        bullets.append(paragraph)
    return bullets
