"""The MI102 topic-label-title rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity, Tier
from rules._base import Msg, Rule, RuleContext
from rules._slides import is_content
from rules.impact._shared import (
    WORD_LISTS,
    is_code_slide,
    is_topic_label,
    read_title,
    shows_data,
    takeaway,
    title_loc,
    visible_slides,
)


@dataclass(frozen=True, kw_only=True)
class TopicLabelTitleOptions:
    max_words: int = 15


class TopicLabelTitle(Rule[TopicLabelTitleOptions]):
    """Title that names a topic while the slide's body states its point.

    ## What it does
    On a content slide, flags a title that names a topic ("Q3 results", « Chiffres clés »,
    "Market overview": no verb that makes a statement, no instruction, no figure, no word of
    change, not a question) when the body says the slide's point in a sentence a title could
    carry: a subject, a verb and a figure, in 20 words at most ("Revenue grew 12 % in every
    region but the North"). The remark proposes that sentence as the title. It also flags a
    title longer than `max-words` words, too long to be read at a glance.

    A topic title over a body that states no figure is left alone: in a training or a talk a
    title that names the topic is normal, and a mentor asks for a message title where the
    message is there to take. A slide of data (a chart, a table of figures, a comparison) is
    `MI108 data-without-takeaway`'s business. Left alone too: the cover, agendas, section
    dividers, the speaker's introduction and end matter (`rules._slides`), slides that mostly
    show code, titles the deck did not set in a title placeholder (a title guessed from the
    largest text may be a bullet), and navigation, demo, summary or closing titles («
    Sommaire », "Demo", « Synthèse », "Next steps": the `topic-labels`, `summary-cues` and
    `closing-cues` word lists).

    ## Why is this bad?
    The committee reads the title first and then decides whether to read the rest. When the
    point sits in the third bullet, each member draws their own conclusion, or none. The slide
    already holds its action title: it is in the wrong place.

    ## Example
    Title: "Q3 results", over the bullets "Revenue grew 12 % in every region but the North" and
    "Margin held despite discounts".

    Use instead:
    Title: "Revenue grew 12 % in every region but the North".

    ## Options
    - `max-words`: longest title, in words, before it is too long to be read at a glance.

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): no remark on these decks since the rework (it now
    speaks only where the body states the point, with a result figure, that the title could
    say); before it, 12% of its remarks were correct: a topic title is normal on most
    slides of a training or a talk.
    """

    code, name = "MI102", "topic-label-title"
    family, severity = Family.IMPACT, Severity.WARNING
    tier = Tier.TITLES
    languages = WORD_LISTS
    Options = TopicLabelTitleOptions
    message = Msg(
        en="The title “{evidence}” names a topic, while the slide's point is in its body: "
        "“{point}”.",
        fr="Le titre « {evidence} » nomme un sujet, alors que le message de la diapositive est "
        "dans le corps : « {point} ».",
    )
    suggestion = Msg(
        en="Make the point the title: “{point}”.",
        fr="Faites du message le titre : « {point} ».",
    )
    long = Msg(
        en="The title “{evidence}” has {count} words: too long to be read at a glance.",
        fr="Le titre « {evidence} » compte {count} mots : trop long pour être lu d'un coup d'œil.",
    )
    shorten = Msg(
        en="Say the slide's point in {limit} words or fewer; move the rest to the body.",
        fr="Dites le message de la diapositive en {limit} mots au plus ; passez le reste dans "
        "le corps.",
    )
    group_message = Msg(
        en="On {count} slides the title names a topic while the body states the point: slides "
        "{slides}.",
        fr="Sur {count} diapositives, le titre nomme un sujet alors que le corps énonce le "
        "message : diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Make each slide's point its title: each slide shows the sentence found in its body.",
        fr="Faites du message de chaque diapositive son titre : chacune montre la phrase "
        "trouvée dans son corps.",
    )

    def check(self, ctx: RuleContext[TopicLabelTitleOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        for slide in visible_slides(ctx.slides):
            if slide.title_inferred or not is_content(ctx, slide) or is_code_slide(slide):
                continue
            title = read_title(ctx, slide)
            if title is None or title.lang not in self.languages or not title.tagged:
                continue
            if title.words > limit:
                yield self.finding(
                    ctx,
                    title_loc(slide),
                    evidence=title.text,
                    message=self.long,
                    suggestion=self.shorten,
                    count=title.words,
                    limit=limit,
                )
            elif is_topic_label(ctx, title) and not shows_data(ctx, slide, title):
                point = takeaway(ctx, slide)
                if point is not None:
                    yield self.finding(ctx, title_loc(slide), evidence=title.text, point=point)
