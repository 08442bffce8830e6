"""The CN106 wall-of-text rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.annotation import TextAnalysis
from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.prose import is_quotation
from rules._base import Msg, Rule, RuleContext
from rules._slides import is_content
from rules.concision._shared import body_paragraphs, sentence_count, wall_of_text

#: How many words of a long paragraph its evidence quotes before the ellipsis.
_EVIDENCE_WORDS = 12


def _opening(analysis: TextAnalysis) -> str:
    """The first words of a long paragraph, cut after a word, with an ellipsis."""
    words = analysis.words
    if len(words) <= _EVIDENCE_WORDS:
        return analysis.text.strip()
    last = words[_EVIDENCE_WORDS - 1]
    return analysis.text[: last.idx + len(last.text)].strip() + "…"


@dataclass(frozen=True, kw_only=True)
class WallOfTextOptions:
    max_words: int = 50
    max_sentences: int = 2
    min_words: int = 35


class WallOfText(Rule[WallOfTextOptions]):
    """Paragraph of prose on a slide, written to be read rather than shown.

    ## What it does
    Flags a body paragraph (a bullet or a text box) of more than `max-words` words, or of more
    than `max-sentences` sentences once it has more than `min-words` words, on a content slide
    (not a cover, an agenda, a divider or end matter). The remark quotes the paragraph's first
    words. Such a paragraph gets no `CN103 bullet-too-long` remark as well. Code shown on the
    slide is not prose and is not read, nor is a quotation (a paragraph that opens with a quote
    mark, or is mostly quoted): a customer's testimonial or an author's sentence is evidence
    shown as it was said.

    ## Why is this bad?
    A block of prose on a slide turns the audience into readers: they read at their own pace,
    stop listening, and the point of the paragraph, usually in its last sentence, is missed.

    ## Example
    A text box: "Our current offer was built over ten years of successive additions. Clients no
    longer understand what they pay for. Sales teams spend a third of their time on quotes."

    Use instead:
    Title: "Our offer has become too complex to sell" and three short bullets: "40 options
    added in ten years", "Clients no longer see what they pay for", "A third of sales time
    spent on quotes".

    ## Options
    - `max-words`: the most words a paragraph may have (50).
    - `max-sentences`: the most sentences a paragraph may have (2).
    - `min-words`: below this many words, a paragraph of short sentences is not prose (35).

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): no remark on its own: on these decks every slide with
    a wall of prose was also over `CN102`'s limit, which says it once. Before the rework (one
    remark per paragraph, quotations counted) 35% of its remarks were correct.
    """

    code, name = "CN106", "wall-of-text"
    family, severity = Family.CONCISION, Severity.WARNING
    tier = Tier.OVERLOAD
    Options = WallOfTextOptions
    message = Msg(
        en="Wall of text: a paragraph of {words} words (more than {limit}).",
        fr="Pavé de texte : un paragraphe de {words} mots (plus de {limit}).",
    )
    prose = Msg(
        en="Prose on a slide: {sentences} sentences in one paragraph ({words} words).",
        fr="De la prose sur la diapositive : {sentences} phrases dans un même paragraphe "
        "({words} mots).",
    )
    suggestion = Msg(
        en="Keep the one idea to remember as a short bullet, split the rest into bullets of a "
        "line each, or move it to the speaker notes.",
        fr="Gardez l'idée à retenir en une puce courte, découpez le reste en puces d'une ligne, "
        "ou passez-le dans les notes.",
    )
    group_message = Msg(
        en="{count} paragraphs of prose are written to be read rather than shown, on slides "
        "{slides}.",
        fr="{count} paragraphes de prose sont écrits pour être lus plutôt que montrés, sur les "
        "diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="In each, keep the one idea to remember as a short bullet and move the rest to the "
        "speaker notes.",
        fr="Dans chacun, gardez l'idée à retenir en une puce courte et passez le reste dans les "
        "notes.",
    )

    def check(self, ctx: RuleContext[WallOfTextOptions]) -> Iterator[Finding]:
        opts = ctx.options
        for slide in ctx.slides:
            if not is_content(ctx, slide):
                continue
            for block, paragraph in body_paragraphs(slide):
                analysis = ctx.analysis(paragraph.text)
                reason = wall_of_text(analysis, opts)
                if reason is None or is_quotation(paragraph.text):
                    continue
                fields = {
                    "words": analysis.word_count,
                    "limit": opts.max_words,
                    "sentences": sentence_count(analysis),
                }
                message = self.message if reason == "words" else self.prose
                loc, evidence = slide.loc(block), _opening(analysis)
                yield self.finding(
                    ctx,
                    loc,
                    excess=analysis.word_count / opts.max_words,
                    message=message,
                    suggestion=self.suggestion,
                    evidence=evidence,
                    **fields,
                )
