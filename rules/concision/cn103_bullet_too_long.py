"""The CN103 bullet-too-long rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from rules._base import Msg, Rule, RuleContext
from rules.concision._shared import body_paragraphs, wall_of_text
from rules.concision.cn106_wall_of_text import WallOfTextOptions


@dataclass(frozen=True, kw_only=True)
class BulletTooLongOptions:
    max_words: int = 20


class BulletTooLong(Rule[BulletTooLongOptions]):
    """Bullet too long to be read at a glance.

    ## What it does
    Flags a body paragraph (a bullet, or a line of a text box) with more than `max-words` words.
    A paragraph that is a wall of text (more than 50 words, or prose of three sentences or more)
    is left to `CN106 wall-of-text`, with that rule's default thresholds, so that one paragraph
    gets one remark. A line of code shown on the slide is not a bullet.

    ## Why is this bad?
    A bullet is a headline, not a sentence from a report: it should be read in one glance. A
    bullet that runs over two lines is read twice as slowly and hides its key word in the middle.

    ## Example
    "Following the analysis carried out with the regional teams, we propose to move the whole
    portfolio to three pricing tiers by the end of next year"

    Use instead:
    "Three pricing tiers for the whole portfolio by end 2026"

    ## Options
    - `max-words`: the most words a bullet may have (20).
    """

    code, name = "CN103", "bullet-too-long"
    family, severity = Family.CONCISION, Severity.INFO
    Options = BulletTooLongOptions
    message = Msg(
        en="This bullet has {count} words (more than {limit}).",
        fr="Cette puce compte {count} mots (plus de {limit}).",
    )
    suggestion = Msg(
        en="Cut it to {limit} words or fewer, like a newspaper headline: subject, verb, figure; "
        "move the context to the notes.",
        fr="Ramenez-la à {limit} mots ou moins, comme un titre de presse : sujet, verbe, chiffre ; "
        "passez le contexte dans les notes.",
    )

    def check(self, ctx: RuleContext[BulletTooLongOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        handed_off = WallOfTextOptions()
        for slide in ctx.slides:
            for block, paragraph in body_paragraphs(slide):
                analysis = ctx.analysis(paragraph.text)
                count = analysis.word_count
                if count > limit and wall_of_text(analysis, handed_off) is None:
                    yield self.finding(
                        ctx, slide.loc(block), evidence=paragraph.text, count=count, limit=limit
                    )
