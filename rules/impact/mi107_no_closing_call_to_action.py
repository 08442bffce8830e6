"""The MI107 no-closing-call-to-action rule and its options."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.annotation import Lang, TextAnalysis
from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import VISIBLE_SCOPES, Slide
from rules._base import Msg, Rule, RuleContext
from rules._slides import Role, slide_role
from rules.impact._shared import (
    WORD_LISTS,
    deck_loc,
    has_cue,
    is_imperative,
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
    """Deck that ends without a conclusion, an ask or next steps.

    ## What it does
    In a deck of at least `min-slides` visible slides, reads the last `last-slides` visible
    slides before the end matter (thanks, questions, contacts, references, appendix, a slide
    with no text: the `impact-end-matter` word list) and the end matter itself, and reports
    the deck when none of them closes it. A slide closes the deck when:
    - its title or text has a word of conclusion, request or next steps ("next steps", "we
      ask", "lessons learned", "What are we looking for?", « prochaines étapes », « bilan »,
      « pour commencer », "results": the `closing-cues`, `summary-cues`, `conclusion-titles`
      and `result-words` lists);
      a bare « décision » in a title is a topic, not an ask, and does not count;
    - one of its lines is a call to action, a sentence that opens on an instruction
      ("Try the demo on our site", « Contactez-nous avant le 15 novembre pour en profiter ! »);
    - it is end matter that tells the audience where to go next ("Resources", « Liens utiles »,
      "Further reading": the `further-reading-titles` list), as a training or a talk ends.
    The finding is about the deck, not a slide; its evidence is the numbered titles of the
    slides read ("6. Deployment timeline · 7. Organisation").

    ## Why is this bad?
    The last slide is the one the audience remembers. A deck that ends on a timeline, a demo or
    a team slide leaves them without knowing what to remember or what to do: at a committee,
    the meeting ends without the decision you came for; at a talk or a training, the audience
    leaves without the two things to take home.

    ## Example
    Last slides: « Calendrier de déploiement », « Merci ».

    Use instead:
    « Nous demandons au Codir de valider le pilote sur 3 régions et un budget de 450 k€ »,
    then « Prochaines étapes : lancement le 1er mars, bilan en juin ».

    ## Options
    - `last-slides`: how many of the last visible slides (before the end matter) are read.
    - `min-slides`: shorter decks (visible slides) are not checked.

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): 6 of 6 remarks correct (5 of 6 when both
    readers must agree), against 35% before the rework (a fixed word list, tutorials and
    reference decks held to a business deck's close).
    """

    code, name = "MI107", "no-closing-call-to-action"
    family, severity = Family.IMPACT, Severity.WARNING
    tier = Tier.STORYLINE
    languages = WORD_LISTS
    Options = NoClosingCallToActionOptions
    message = Msg(
        en="The last {count} slides state no conclusion, no ask and no next step: the "
        "audience leaves without knowing what to remember or what to do.",
        fr="Les {count} dernières diapositives n'énoncent ni conclusion, ni demande, ni "
        "prochaine étape : l'auditoire repart sans savoir quoi retenir ni quoi faire.",
    )
    suggestion = Msg(
        en="End on a slide that says what to remember and what to do next: at a decision "
        "meeting, the decision you ask for, with owners and dates; at a talk or a training, "
        "the two or three takeaways and what to try first.",
        fr="Terminez sur une diapositive qui dit quoi retenir et quoi faire ensuite : en comité, "
        "la décision que vous demandez, avec responsables et dates ; dans un exposé ou une "
        "formation, les deux ou trois points à retenir et ce qu'il faut essayer en premier.",
    )

    def check(self, ctx: RuleContext[NoClosingCallToActionOptions]) -> Iterator[Finding]:
        slides = visible_slides(ctx.slides)
        count = ctx.options.last_slides
        if len(slides) < ctx.options.min_slides or count < 1:
            return
        end = len(slides)
        while end > 0 and _is_end_matter(ctx, slides[end - 1]):
            end -= 1
        read = slides[max(0, end - count) : end]
        if not read or any(_closes(ctx, slide) for slide in slides[max(0, end - count) :]):
            return
        yield self.finding(ctx, deck_loc(), evidence=joined_titles(read), count=len(read))


def _is_end_matter(ctx: RuleContext[NoClosingCallToActionOptions], slide: Slide) -> bool:
    if slide.title is None:
        return not slide.visible_text.strip()
    return slide_role(ctx, slide) is Role.END_MATTER


def _closes(ctx: RuleContext[NoClosingCallToActionOptions], slide: Slide) -> bool:
    """Whether the slide concludes the deck, asks something or gives next steps."""
    title = read_title(ctx, slide)
    if title is not None and starts_with_cue(
        ctx.lexicon("further-reading-titles", title.lang).terms, title.text
    ):
        return True
    # "Thank you" opens on a verb too: an instruction counts before the end matter only.
    instructs = slide_role(ctx, slide) is not Role.END_MATTER
    for ref in ctx.paragraphs(VISIBLE_SCOPES, slide=slide, rule_languages=True):
        cues = list_terms(
            ctx, ref.lang, "closing-cues", "summary-cues", "conclusion-titles", "result-words"
        )
        if has_cue(cues, ref.paragraph.text) or (instructs and _calls_to_action(ref.analysis)):
            return True
    return False


def _calls_to_action(analysis: TextAnalysis) -> bool:
    """A sentence that opens on an instruction: "Try the demo", « Contactez-nous ... »."""
    for sentence in analysis.sentences:
        tokens = analysis.sentence_tokens(sentence)
        words = [t for t in tokens if t.is_word]
        if len(words) < _ACTION_WORDS:
            continue
        first = words[0]
        if (
            analysis.lang is Lang.FR
            and first.is_finite_verb
            and _FRENCH_IMPERATIVE.search(first.lower)
        ):
            return True
        if analysis.lang is Lang.EN and is_imperative(
            TextAnalysis(analysis.text, analysis.lang, tuple(tokens))
        ):
            return True
    return False


#: An instruction has a verb and what to do: "Try the demo", « Contactez-nous avant le 15 ».
_ACTION_WORDS = 3
#: A French verb at the head of a sentence, without a subject, in the forms of the imperative
#: addressed to the audience: « Contactez », « Rejoignez », « Essayons ».
_FRENCH_IMPERATIVE = re.compile(r"(ez|ons)(-nous|-vous|-le|-la|-les)?$")
