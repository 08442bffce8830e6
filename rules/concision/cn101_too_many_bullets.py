"""The CN101 too-many-bullets rule and its options."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import Paragraph, Slide
from rules._base import Msg, Rule, RuleContext
from rules._slides import is_content
from rules.concision._shared import body_paragraphs, is_marker

#: Where bullets are written: placeholders and text boxes. A subtitle holds a name and a date;
#: an auto shape (rectangle, arrow, callout) is a box of a diagram.
_LIST_KINDS = frozenset({"body", "text-box"})
#: A caption under a figure or a table ("Fig. 7: Monthly volume", « Tableau 2 : ... »).
_CAPTION = re.compile(r"^\s*(fig(ure)?|table|tableau|source)\.?\s*\d*\s*[:.–-]", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class TooManyBulletsOptions:
    max_bullets: int = 6
    min_words: int = 4
    count_sub_bullets: bool = True


class TooManyBullets(Rule[TooManyBulletsOptions]):
    """Slide with more bullets than an audience can follow.

    ## What it does
    Counts the bullets to read on a content slide, the lines of its body placeholders and text
    boxes of at least `min-words` words, and flags a slide that has more than `max-bullets`.
    Sub-bullets count: each is one more line the audience reads. A shorter line is a keyword,
    a label or a value ("Logging", "OS: Linux", "↑ : up") that the eye takes in at a glance.
    Titles, subtitles, tables, charts and speaker notes are not counted, nor is what belongs
    to a diagram (the text of shapes: rectangles, arrows, callouts), a caption ("Fig. 7: ..."),
    a lone letter or figure, or code. The cover, an agenda, section dividers, the speaker's
    introduction and end matter (references, links, thanks) are not checked: a plan or a
    reading list is meant to be a list.

    ## Why is this bad?
    An audience reads a slide while listening to the speaker. Past about six lines to read,
    people stop reading and stop listening: every point loses weight, and the one that matters
    drowns.

    ## Example
    A slide "Offer transformation" with nine bullets: context, three pricing changes, two
    organisation changes, the timeline, the budget and the risks.

    Use instead:
    One slide per idea, each with at most five bullets; move details to the speaker notes or
    an appendix.

    ## Options
    - `max-bullets`: the most bullets a slide may have (6).
    - `min-words`: a line counts as a bullet to read from this many words (4).
    - `count-sub-bullets`: count sub-bullets too (true); false counts top-level bullets only,
      for templates that use sub-bullets as small print.

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CN101"]`. Judged on the 34 real decks of
    the development corpus, 18 of 63 remarks were correct (29%): a slide of many long bullets
    is over the word limit too, and `CN102 too-many-words` says it once; a slide of many short
    bullets (a feature list, a structured checklist, a framework of seven traits) was judged
    easy to read. Counting only bullets of four words or more did not change that (1 of 7).
    """

    code, name = "CN101", "too-many-bullets"
    enabled_by_default = False
    family, severity = Family.CONCISION, Severity.WARNING
    tier = Tier.OVERLOAD
    subsumes = frozenset({"CN103", "CN105", "CL101"})
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
    group_message = Msg(
        en="{count} slides carry more bullets than an audience can follow: slides {slides}.",
        fr="{count} diapositives portent plus de puces qu'un auditoire ne peut en suivre : "
        "diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="On each, keep the bullets that carry the message; move the rest to the notes or "
        "split the slide.",
        fr="Sur chacune, gardez les puces qui portent le message ; déplacez le reste dans les "
        "notes ou scindez la diapositive.",
    )

    def check(self, ctx: RuleContext[TooManyBulletsOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_bullets
        for slide in ctx.slides:
            if not is_content(ctx, slide):
                continue
            bullets = [
                paragraph
                for paragraph in _bullets(ctx, slide)
                if ctx.options.count_sub_bullets or paragraph.level == 0
            ]
            if len(bullets) > limit:
                yield self.finding(
                    ctx,
                    slide.loc(),
                    evidence=bullets[limit].text,
                    excess=len(bullets) / limit,
                    count=len(bullets),
                    limit=limit,
                )


def _bullets(ctx: RuleContext[TooManyBulletsOptions], slide: Slide) -> list[Paragraph]:
    return [
        paragraph
        for block, paragraph in body_paragraphs(slide)
        if block.kind in _LIST_KINDS
        and not is_marker(paragraph)
        and not _CAPTION.match(paragraph.text)
        and ctx.analysis(paragraph.text).word_count >= ctx.options.min_words
    ]
