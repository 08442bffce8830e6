"""The CN102 too-many-words rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.prose import looks_like_code
from rules._base import Msg, Rule, RuleContext
from rules.concision._shared import is_marker


@dataclass(frozen=True, kw_only=True)
class TooManyWordsOptions:
    max_words: int = 80


class TooManyWords(Rule[TooManyWordsOptions]):
    """Slide with more words than an audience can read while listening.

    ## What it does
    Counts the words a person sees on the slide (title, body, text boxes, tables, charts and
    SmartArt; not the speaker notes) and flags a slide with more than `max-words`. Numbers and
    symbols are not words, nor are the lone letters that mark a diagram ("R"), nor code shown
    on the slide, which is read as code, not as words.

    ## Why is this bad?
    A Codir member gives a slide a few seconds. A slide of 150 words is a document: people read
    it instead of listening, finish at different times, and the speaker loses the room.

    ## Example
    Title: "Offer transformation" over three paragraphs describing the market, the current
    offer and the new pricing, about 140 words in all.

    Use instead:
    Title: "Three tiers replace our 40 options" and four short bullets (about 40 words); the
    description moves to the notes and the appendix.

    ## Options
    - `max-words`: the most words a slide may show (80).
    """

    code, name = "CN102", "too-many-words"
    family, severity = Family.CONCISION, Severity.WARNING
    Options = TooManyWordsOptions
    message = Msg(
        en="{count} words on this slide (more than {limit}).",
        fr="{count} mots sur cette diapositive (plus de {limit}).",
    )
    suggestion = Msg(
        en="Cut to {limit} words or fewer: keep the claim and the figures that prove it, and move "
        "the explanations to the speaker notes.",
        fr="Descendez à {limit} mots ou moins : gardez le message et les chiffres qui le prouvent, "
        "et passez les explications dans les notes.",
    )

    def check(self, ctx: RuleContext[TooManyWordsOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        for slide in ctx.slides:
            count = sum(
                ref.analysis.word_count
                for ref in ctx.paragraphs(slide=slide)
                if not is_marker(ref.paragraph) and not looks_like_code(ref.paragraph)
            )
            if count > limit:
                yield self.finding(
                    ctx, slide.loc(), evidence=slide.title or "", count=count, limit=limit
                )
