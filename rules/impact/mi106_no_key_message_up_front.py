"""The MI106 no-key-message-up-front rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import Slide
from rules._base import Msg, Rule, RuleContext
from rules._match import find_phrases
from rules.impact._shared import (
    BODY_SCOPES,
    WORD_LISTS,
    deck_loc,
    has_cue,
    has_result_figure,
    joined_titles,
    read_title,
    visible_slides,
)


@dataclass(frozen=True, kw_only=True)
class NoKeyMessageUpFrontOptions:
    first_slides: int = 3
    min_slides: int = 5


class NoKeyMessageUpFront(Rule[NoKeyMessageUpFrontOptions]):
    """Deck that states its result only at the end, not in its first slides.

    ## What it does
    In a deck of at least `min-slides` visible slides, finds the slide that states the deck's
    result: a slide in its second half whose title names a conclusion, results or
    recommendations ("Results", « Bilan », "Key findings": the `conclusion-titles` word list)
    and that holds a figure ("548 hours saved", « 78 % des parties gagnées »). When none of
    the first `first-slides` visible slides states a key message, the deck is reported with
    that slide. A first slide states it when its title is a summary ("Executive summary", «
    Synthèse »: the `summary-cues` word list) or a statement (a verb that asserts, or a figure;
    not a question), or when one of its paragraphs opens with a summary cue and goes on to say
    it ("In short: we ...").

    A deck with no such result slide is left alone: a training, a tutorial or a talk that
    builds its argument is not expected to open on its conclusion, and a deck that never
    states one is `MI107 no-closing-call-to-action`'s business.

    ## Why is this bad?
    An audience listens best in the first minutes, and a committee member or a jury may leave
    or stop listening. If the result comes at slide 12, the first eleven are heard without
    knowing what they support. Say the result first, then how you got there.

    ## Example
    Slides 1 to 3: "Data Battle 2026", "Context", "Pipeline"; slide 13: "Results: 548 hours
    saved, 1.8 % risk".

    Use instead:
    Slide 2: "We save 548 hours a year at 1.8 % risk: here is how".

    ## Options
    - `first-slides`: how many of the first visible slides may carry the key message.
    - `min-slides`: shorter decks (visible slides) are not checked.

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): 1 of 1 remark correct (both readers), against
    21% before the rework, which asked every training and talk to open on a result it never
    states.
    """

    code, name = "MI106", "no-key-message-up-front"
    family, severity = Family.IMPACT, Severity.WARNING
    tier = Tier.STORYLINE
    languages = WORD_LISTS
    Options = NoKeyMessageUpFrontOptions
    message = Msg(
        en="The deck's result comes only at slide {late} (“{title}”): none of the first {count} "
        "slides says it, so the audience listens without knowing where you are taking them.",
        fr="Le résultat de la présentation n'arrive qu'à la diapositive {late} (« {title} ») : "
        "aucune des {count} premières diapositives ne le dit, et l'auditoire écoute sans savoir "
        "où vous l'emmenez.",
    )
    suggestion = Msg(
        en="Say it up front: state the result of slide {late} on one of the first slides, then "
        "show how you got there.",
        fr="Dites-le d'emblée : énoncez le résultat de la diapositive {late} dans l'une des "
        "premières diapositives, puis montrez comment vous y êtes arrivé.",
    )

    def check(self, ctx: RuleContext[NoKeyMessageUpFrontOptions]) -> Iterator[Finding]:
        slides = visible_slides(ctx.slides)
        count = ctx.options.first_slides
        if len(slides) < ctx.options.min_slides or count < 1:
            return
        first = slides[:count]
        if any(self._states_key_message(ctx, slide) for slide in first):
            return
        late = next((s for s in slides[len(slides) // 2 :] if _states_result(ctx, s)), None)
        if late is None or late in first:
            return
        yield self.finding(
            ctx,
            deck_loc(),
            evidence=joined_titles(first),
            count=len(first),
            late=late.number,
            title=late.title or "",
        )

    def _states_key_message(
        self, ctx: RuleContext[NoKeyMessageUpFrontOptions], slide: Slide
    ) -> bool:
        title = read_title(ctx, slide)
        if title is not None:
            if title.lang not in self.languages or not title.tagged:
                return True  # cannot tell: say nothing rather than something wrong
            if has_cue(ctx.lexicon("summary-cues", title.lang).terms, title.text):
                return True
            # A figure that measures a result states one ("CA : +12 %"); "Puissance 4" or
            # "Top 10" name something.
            if not title.is_question and (title.states_something or has_result_figure(title.text)):
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


def _states_result(ctx: RuleContext[NoKeyMessageUpFrontOptions], slide: Slide) -> bool:
    """A slide whose title names the deck's result or conclusion and which holds a figure."""
    title = read_title(ctx, slide)
    if title is None or title.lang not in WORD_LISTS:
        return False
    if not has_cue(ctx.lexicon("conclusion-titles", title.lang).terms, title.text):
        return False
    texts = [title.text, *(ref.paragraph.text for ref in ctx.paragraphs(BODY_SCOPES, slide=slide))]
    return any(has_result_figure(text) for text in texts)
