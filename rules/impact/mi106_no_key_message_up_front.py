"""The MI106 no-key-message-up-front rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Slide
from rules._base import Msg, Rule, RuleContext
from rules._match import find_phrases
from rules.impact._shared import (
    BODY_SCOPES,
    WORD_LISTS,
    deck_loc,
    figures_for,
    has_cue,
    joined_titles,
    read_title,
    visible_slides,
)


@dataclass(frozen=True, kw_only=True)
class NoKeyMessageUpFrontOptions:
    first_slides: int = 3
    min_slides: int = 5


class NoKeyMessageUpFront(Rule[NoKeyMessageUpFrontOptions]):
    """Deck that does not state its key message in its first slides.

    ## What it does
    In a deck of at least `min-slides` visible slides, looks at the first `first-slides`
    visible slides and reports the deck when none of them states the key message. A slide
    states it when its title is a summary ("Executive summary", « Synthèse », « En résumé »,
    "Key messages": the `summary-cues` word list) or a statement (a verb that asserts, or a
    figure: "Our new offer wins back the mid-market", « CA : +12 % »; not a question), or
    when one of its paragraphs opens with a summary cue and goes on to say it ("In short: we
    ..."; an agenda item "Summary" announces a summary, it does not state one).

    The finding is about the deck, not a slide; its evidence is the numbered titles of the
    slides read ("1. Pricing review · 2. Agenda · 3. Market context").

    ## Why is this bad?
    An audience listens best in the first minutes, and a committee member may leave or be
    called away. If the answer and the ask come at slide 12, the first eleven are heard
    without knowing what they support. Say the conclusion first, then the reasons: this holds
    for a talk or a training too, whose audience should know from the start what to take
    away.

    ## Example
    Slides 1 to 3: "Commercial offer transformation", "Agenda", "Market context".

    Use instead:
    Slide 2: "Executive summary: three tiers replace twelve price lists, +4 M€ margin in
    2026; we ask you to approve the pilot".

    ## Options
    - `first-slides`: how many of the first visible slides may carry the key message.
    - `min-slides`: shorter decks (visible slides) are not checked.
    """

    code, name = "MI106", "no-key-message-up-front"
    family, severity = Family.IMPACT, Severity.WARNING
    languages = WORD_LISTS
    Options = NoKeyMessageUpFrontOptions
    message = Msg(
        en="None of the first {count} slides states the key message: the audience listens "
        "without knowing where you are taking them.",
        fr="Aucune des {count} premières diapositives n'énonce le message clé : l'auditoire "
        "écoute sans savoir où vous l'emmenez.",
    )
    suggestion = Msg(
        en="Open with a slide that states your conclusion and its key figures (“Executive "
        "summary”, “Key messages”) and, if you need one, the decision you ask for.",
        fr="Ouvrez sur une diapositive qui énonce votre conclusion et ses chiffres clés "
        "(« Synthèse », « Messages clés ») et, s'il en faut une, la décision que vous demandez.",
    )

    def check(self, ctx: RuleContext[NoKeyMessageUpFrontOptions]) -> Iterator[Finding]:
        slides = visible_slides(ctx.slides)
        count = ctx.options.first_slides
        if len(slides) < ctx.options.min_slides or count < 1:
            return
        first = slides[:count]
        if any(self._states_key_message(ctx, slide) for slide in first):
            return
        yield self.finding(ctx, deck_loc(), evidence=joined_titles(first), count=len(first))

    def _states_key_message(
        self, ctx: RuleContext[NoKeyMessageUpFrontOptions], slide: Slide
    ) -> bool:
        title = read_title(ctx, slide)
        if title is not None:
            if title.lang not in self.languages or not title.tagged:
                return True  # cannot tell: say nothing rather than something wrong
            if has_cue(ctx.lexicon("summary-cues", title.lang).terms, title.text):
                return True
            if not title.is_question and (
                title.states_something or figures_for(ctx, title.lang).found_in(title.text)
            ):
                return True
        return any(
            _opens_a_summary(ctx.lexicon("summary-cues", ref.lang).terms, ref.paragraph.text)
            for ref in ctx.paragraphs(BODY_SCOPES, slide=slide, rule_languages=True)
        )


def _opens_a_summary(cues: tuple[str, ...], text: str) -> bool:
    """A paragraph that opens with a summary cue and then states it: "In short: we ...", not
    the bare agenda item "Summary"."""
    first = next(find_phrases(cues, text), None)
    if first is None or any(ch.isalnum() for ch in text[: first.start]):
        return False
    return any(ch.isalnum() for ch in text[first.end :])
