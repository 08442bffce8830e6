"""The CN102 too-many-words rule and its options."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from analyzer.annotation import Lang
from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import VISIBLE_SCOPES, Scope, Slide
from analyzer.prose import is_transcript, looks_like_code
from rules._base import Msg, Rule, RuleContext
from rules._slides import is_content
from rules.concision._shared import is_diagram_label, is_marker


@dataclass(frozen=True, kw_only=True)
class TooManyWordsOptions:
    max_words: int = 100


class TooManyWords(Rule[TooManyWordsOptions]):
    """Slide with more words than an audience can read while listening.

    ## What it does
    Counts the words a person reads on a content slide (title, body, text boxes, tables, charts
    and SmartArt; not the speaker notes) and flags a slide with more than `max-words`. Words are
    counted as a reader counts them, what is written between two spaces ("can't", « l'offre »,
    "for-profit" are one word each). Numbers and symbols are not words, nor is what belongs to
    a diagram rather than to text to read: the lone letters that mark it ("R"), the labels of
    its boxes (a shape or text box of one or two lines of three words or fewer: "Stock",
    "Microservice A"); nor code or a terminal session shown on the slide (commands typed at a
    prompt and their output), which is read as code.
    The cover, an agenda, section dividers, the speaker's introduction and end matter
    (references, sources, thanks) are not counted: their length is their nature. Nor is a slide
    that is a table alone (its title aside): a grid to look things up in, a mapping or a
    comparison, is not read through; a table beside bullets counts with them.

    The threshold is set where mentors agree to say it (judged on real decks by two readers):
    a structured slide of 90 words is dense but presentable; past 100 words people read
    instead of listening. One remark per slide: this one covers the bullet, paragraph, sentence
    and nesting remarks on the same slide. When more than three slides are over the limit, the
    remark is said once for the deck, naming the slides, heaviest first in the top fixes; when
    most of the slides are over it, the deck is a document laid out as slides, and the remark
    says so.

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
    - `max-words`: the most words a slide may show (100).

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): 8 of 9 remarks correct (7 of 9 when both readers must
    agree), against 64% before the rework (90 words, cover and agenda counted, one remark per
    slide). The remarks judged pedantic were slides a few words over the limit in training
    material.
    """

    code, name = "CN102", "too-many-words"
    family, severity = Family.CONCISION, Severity.WARNING
    tier = Tier.OVERLOAD
    subsumes = frozenset({"CN101", "CN103", "CN105", "CN106", "CL101", "CL104"})
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
    group_message = Msg(
        en="{count} of {total} slides carry more words than an audience can read while "
        "listening: slides {slides}.",
        fr="{count} diapositives sur {total} portent plus de mots qu'un auditoire ne peut en lire "
        "en écoutant : diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Start with the heaviest (each slide shows its count): keep the claim and the figures "
        "that prove it, and move the explanations to the speaker notes or a handout.",
        fr="Commencez par les plus chargées (chaque diapositive indique son compte) : gardez le "
        "message et les chiffres qui le prouvent, et passez les explications dans les notes ou "
        "un document à distribuer.",
    )

    document = Msg(
        en="{count} of {total} slides carry more words than an audience can read while "
        "listening: this is a document laid out as slides.",
        fr="{count} diapositives sur {total} portent plus de mots qu'un auditoire ne peut en "
        "lire en écoutant : c'est un document mis en diapositives.",
    )
    to_present = Msg(
        en="If it is to be presented, write slides for it: a claim and its proof on each, the "
        "text in the speaker notes; if it is to be read, send it as a document.",
        fr="S'il doit être présenté, écrivez-en des diapositives : un message et sa preuve sur "
        "chacune, le texte dans les notes ; s'il doit être lu, envoyez-le comme un document.",
    )

    def grouped(self, members: Sequence[Finding], lang: Lang, total: int) -> Finding:
        """Said once; and when most slides are over the limit, said of the deck as a whole."""
        remark = super().grouped(members, lang, total)
        if 2 * len(members) <= total:
            return remark
        values = {"count": len(members), "total": total}
        return dataclasses.replace(
            remark,
            message=self.document.in_lang(lang).format_map(values),
            suggestion=self.to_present.in_lang(lang).format_map(values),
        )

    def check(self, ctx: RuleContext[TooManyWordsOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        for slide in ctx.slides:
            if not is_content(ctx, slide) or _is_a_table_alone(slide):
                continue
            count = sum(
                ref.analysis.word_count
                for ref in ctx.paragraphs(slide=slide)
                if not is_marker(ref.paragraph)
                and not looks_like_code(ref.paragraph)
                and not is_transcript(ref.block)
                and not is_diagram_label(ref.block, ref.analysis.word_count)
            )
            if count > limit:
                yield self.finding(
                    ctx,
                    slide.loc(),
                    evidence=slide.title or "",
                    excess=count / limit,
                    count=count,
                    limit=limit,
                )


def _is_a_table_alone(slide: Slide) -> bool:
    """Whether the slide shows a table and no other text than its title: a grid to look things
    up in (a mapping, a comparison), not text to read through."""
    blocks = [b for b in slide.blocks_in(VISIBLE_SCOPES) if b.scope is not Scope.TITLE]
    has_text = [b for b in blocks if any(p.text.strip() for p in b.paragraphs)]
    return bool(has_text) and all(b.scope is Scope.TABLE for b in has_text)
