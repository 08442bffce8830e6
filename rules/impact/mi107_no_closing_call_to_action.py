"""The MI107 no-closing-call-to-action rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Slide
from rules._base import Msg, Rule, RuleContext
from rules.impact._shared import (
    WORD_LISTS,
    deck_loc,
    has_cue,
    joined_titles,
    list_terms,
    read_title,
    starts_with_cue,
    visible_slides,
)


@dataclass(frozen=True, kw_only=True)
class NoClosingCallToActionOptions:
    last_slides: int = 2
    min_slides: int = 5


class NoClosingCallToAction(Rule[NoClosingCallToActionOptions]):
    """Deck that ends without a conclusion, a decision request or next steps.

    ## What it does
    In a deck of at least `min-slides` visible slides, reads the last `last-slides` visible
    slides before the end matter (a final "Thank you", « Merci », "Questions?", contacts,
    references, appendix or back-up slides, a slide with no text: the `impact-end-matter`
    word list) and reports the deck when none of them, nor the end
    matter, has a conclusion, a decision request or next steps in its title or text ("next
    steps", "we ask", "decision", « prochaines étapes », « nous demandons », « validation »:
    the `closing-cues` word list, plus the `summary-cues`). A "Questions?" slide alone is not
    a conclusion.

    The finding is about the deck, not a slide; its evidence is the numbered titles of the
    slides read ("6. Deployment timeline · 7. Organisation").

    ## Why is this bad?
    A committee meeting exists to decide. If the deck ends on a timeline and "Thank you", the
    discussion drifts and the meeting ends without the decision you came for. The last slide
    the audience sees should say what you ask of them, by when, and what happens next; at a
    talk or a training, what to remember and what to try first.

    ## Example
    Last slides: « Calendrier de déploiement », « Merci ».

    Use instead:
    « Nous demandons au Codir de valider le pilote sur 3 régions et un budget de 450 k€ »,
    then « Prochaines étapes : lancement le 1er mars, bilan en juin ».

    ## Options
    - `last-slides`: how many of the last visible slides (before the end matter) are read.
    - `min-slides`: shorter decks (visible slides) are not checked.
    """

    code, name = "MI107", "no-closing-call-to-action"
    family, severity = Family.IMPACT, Severity.WARNING
    languages = WORD_LISTS
    Options = NoClosingCallToActionOptions
    message = Msg(
        en="The last {count} slides state no conclusion, no ask and no next step: the "
        "audience leaves without knowing what to remember or what to do.",
        fr="Les {count} dernières diapositives n'énoncent ni conclusion, ni demande, ni "
        "prochaine étape : l'auditoire repart sans savoir quoi retenir ni quoi faire.",
    )
    suggestion = Msg(
        en="End with a slide that states your conclusion and what you ask of the audience: a "
        "decision, with owners and dates for the next steps, or what to try first.",
        fr="Terminez par une diapositive qui énonce votre conclusion et ce que vous attendez de "
        "l'auditoire : une décision, avec responsables et dates pour la suite, ou ce qu'il "
        "peut essayer en premier.",
    )

    def check(self, ctx: RuleContext[NoClosingCallToActionOptions]) -> Iterator[Finding]:
        slides = visible_slides(ctx.slides)
        count = ctx.options.last_slides
        if len(slides) < ctx.options.min_slides or count < 1:
            return
        end = len(slides)
        while end > 0 and self._is_end_matter(ctx, slides[end - 1]):
            end -= 1
        read = slides[max(0, end - count) : end]
        if not read:
            return
        for ref in ctx.paragraphs(VISIBLE_SCOPES, rule_languages=True):
            if ref.slide.hidden or ref.slide.number < read[0].number:
                continue
            cues = list_terms(ctx, ref.lang, "closing-cues", "summary-cues")
            if has_cue(cues, ref.paragraph.text):
                return
        yield self.finding(ctx, deck_loc(), evidence=joined_titles(read), count=len(read))

    def _is_end_matter(self, ctx: RuleContext[NoClosingCallToActionOptions], slide: Slide) -> bool:
        title = read_title(ctx, slide)
        if title is None:
            return not slide.visible_text.strip()
        terms = ctx.lexicon("impact-end-matter", title.lang).terms
        return starts_with_cue(terms, title.text)
