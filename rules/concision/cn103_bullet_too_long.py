"""The CN103 bullet-too-long rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.prose import is_quotation
from rules._base import Msg, Rule, RuleContext
from rules._slides import is_content
from rules.concision._shared import body_paragraphs, wall_of_text
from rules.concision.cn106_wall_of_text import WallOfTextOptions


@dataclass(frozen=True, kw_only=True)
class BulletTooLongOptions:
    max_words: int = 35


class BulletTooLong(Rule[BulletTooLongOptions]):
    """Bullet too long to be read at a glance.

    ## What it does
    Flags a body paragraph (a bullet, or a line of a text box) with more than `max-words` words,
    once a slide: the longest, saying how many others on the slide are too long as well.
    A paragraph that is a wall of text (more than 50 words, or prose of three sentences or more)
    is left to `CN106 wall-of-text`, with that rule's default thresholds, so that one paragraph
    gets one remark. A line of code shown on the slide is not a bullet, nor is a quotation (a
    customer's or an author's words, shown as said). Only content slides are read (not a cover,
    an agenda, a divider or end matter).

    ## Why is this bad?
    A bullet is a headline, not a sentence from a report: it should be read in one glance. A
    bullet that runs over two lines is read twice as slowly and hides its key word in the middle.

    ## Example
    "Following the analysis carried out with the regional teams, we propose to move the whole
    portfolio to three pricing tiers by the end of next year"

    Use instead:
    "Three pricing tiers for the whole portfolio by end 2026"

    ## Options
    - `max-words`: the most words a bullet may have (35).

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): 3 of 3 remarks correct (both readers), against
    34% before the rework (30 words, one remark per bullet): readers called bullets of 31 to 34
    words marginal, hence the limit of 35.
    """

    code, name = "CN103", "bullet-too-long"
    family, severity = Family.CONCISION, Severity.INFO
    tier = Tier.OVERLOAD
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
    group_message = Msg(
        en="Bullets too long to be read at a glance, on {count} slides: {slides}.",
        fr="Des puces trop longues pour être lues d'un coup d'œil, sur {count} diapositives : "
        "{slides}.",
    )
    group_suggestion = Msg(
        en="Rewrite each as a headline (subject, verb, figure) and move the context to the notes.",
        fr="Réécrivez chacune comme un titre de presse (sujet, verbe, chiffre) et passez le "
        "contexte dans les notes.",
    )

    several_message = Msg(
        en="{several} bullets on this slide have more than {limit} words; the longest has {count}.",
        fr="{several} puces de cette diapositive dépassent {limit} mots ; la plus longue en compte "
        "{count}.",
    )

    def check(self, ctx: RuleContext[BulletTooLongOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        handed_off = WallOfTextOptions()
        for slide in ctx.slides:
            if not is_content(ctx, slide):
                continue
            too_long = []
            for block, paragraph in body_paragraphs(slide):
                analysis = ctx.analysis(paragraph.text)
                count = analysis.word_count
                if (
                    count > limit
                    and wall_of_text(analysis, handed_off) is None
                    and not is_quotation(paragraph.text)
                ):
                    too_long.append((count, block, paragraph))
            if not too_long:
                continue
            # One remark a slide: the longest bullet, and how many others are too long.
            count, block, paragraph = max(too_long, key=lambda found: found[0])
            yield self.finding(
                ctx,
                slide.loc(block),
                evidence=paragraph.text,
                message=self.several_message if len(too_long) > 1 else None,
                excess=count / limit,
                count=count,
                limit=limit,
                several=len(too_long),
            )
