"""The MI102 topic-label-title rule and its options."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Slide
from rules._base import Msg, Rule, RuleContext
from rules.impact._shared import (
    BODY_SCOPES,
    SKIPPED_LAYOUTS,
    WORD_LISTS,
    Title,
    figures_for,
    has_cue,
    has_layout,
    is_code_slide,
    is_whole_title,
    layout_pattern,
    list_terms,
    read_title,
    starts_with_cue,
    title_loc,
    visible_slides,
)


@dataclass(frozen=True, kw_only=True)
class TopicLabelTitleOptions:
    max_words: int = 15
    skip_layouts: frozenset[str] = SKIPPED_LAYOUTS


class TopicLabelTitle(Rule[TopicLabelTitleOptions]):
    """Title that names a topic instead of stating the slide's point.

    ## What it does
    On a content slide (one with bullets, a table or a chart), flags a title that names a
    topic, such as "Q3 results", « Chiffres clés » or "Market overview": no verb that makes a
    statement, no figure, no word of change. It also flags a title longer than `max-words`
    words, too long to be read at a glance.

    A title states its point with a verb ("Bundles cut discounts"), a figure (« CA : +12 % »)
    or, without a verb, a quality after a colon or a dash (« Offre actuelle : trop complexe »)
    or an equals sign ("ASP.NET = one web stack").

    Left alone: the first slide (the cover names the deck's topic), slides whose layout name
    contains one of `skip-layouts` (covers, section headers, demos), slides that mostly show
    code, question titles, and navigation, demo or closing titles (« Sommaire », "Agenda",
    "Glossary", "Demo", "Next steps", « Synthèse »: the `topic-labels`, `summary-cues` and
    `closing-cues` word lists; "Appendix", "References", « Merci » at the start of the title:
    `impact-end-matter`; "Overview" or « Plan » as the whole title: `impact-outline-titles`).
    A title with a word of change but no figure ("Strong growth in the mid-market") is MI105's
    business.

    ## Why is this bad?
    The committee reads the title first and then decides whether to read the rest. A topic
    label leaves them to work out the conclusion themselves, and each will draw their own. An
    action title states the point, with a verb, in one line.

    ## Example
    Title: "Market overview", over four bullets on competitors' prices.

    Use instead:
    Title: "Our competitors already sell bundles 15 % below our list prices".

    ## Options
    - `max-words`: longest title, in words, before it is too long to be an action title.
    - `skip-layouts`: layout names (or parts of them, any case) whose slides are not checked.
    """

    code, name = "MI102", "topic-label-title"
    family, severity = Family.IMPACT, Severity.WARNING
    languages = WORD_LISTS
    Options = TopicLabelTitleOptions
    message = Msg(
        en="The title “{evidence}” is not an action title: {problem}.",
        fr="Le titre « {evidence} » n'est pas un titre-message : {problem}.",
    )
    suggestion = Msg(
        en="State the slide's point as a sentence with a verb, in at most {limit} words, e.g. "
        "“Bundles cut our discounts by 5 points”.",
        fr="Énoncez le message de la diapositive en une phrase avec un verbe, en {limit} mots "
        "au plus, par exemple « Les forfaits réduisent nos remises de 5 points ».",
    )
    problems: ClassVar[Mapping[str, Msg]] = {
        "label": Msg(
            en="it names a topic but does not say what to conclude",
            fr="il nomme un sujet mais ne dit pas quoi en conclure",
        ),
        "long": Msg(
            en="it is too long to be read at a glance",
            fr="il est trop long pour être lu d'un coup d'œil",
        ),
    }

    def check(self, ctx: RuleContext[TopicLabelTitleOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        skip = layout_pattern(ctx.options.skip_layouts)
        for slide in visible_slides(ctx.slides)[1:]:
            if has_layout(skip, slide) or not _is_content_slide(slide) or is_code_slide(slide):
                continue
            title = read_title(ctx, slide)
            if title is None or title.lang not in self.languages or not title.tagged:
                continue
            if title.words > limit:
                problem = "long"
            elif not _is_exempt_label(ctx, title) and _is_topic_label(ctx, title):
                problem = "label"
            else:
                continue
            yield self.finding(
                ctx,
                title_loc(slide),
                evidence=title.text,
                problem=self.problems[problem].in_lang(ctx.report_lang),
                limit=limit,
            )


def _is_content_slide(slide: Slide) -> bool:
    return bool(
        slide.tables
        or slide.charts
        or any(b.non_empty_paragraphs for b in slide.blocks_in(BODY_SCOPES))
    )


def _is_exempt_label(ctx: RuleContext[Any], title: Title) -> bool:
    cues = list_terms(ctx, title.lang, "topic-labels", "summary-cues", "closing-cues")
    # End matter opens its title ("References", "Appendix: ..."); "Customer references" or
    # "Contact center costs" name a topic.
    end_matter = ctx.lexicon("impact-end-matter", title.lang).terms
    outline = ctx.lexicon("impact-outline-titles", title.lang).terms
    return (
        has_cue(cues, title.text)
        or starts_with_cue(end_matter, title.text)
        or is_whole_title(outline, title.text)
    )


def _is_topic_label(ctx: RuleContext[Any], title: Title) -> bool:
    if title.is_question or title.states_something:
        return False
    if figures_for(ctx, title.lang).found_in(title.text):
        return False
    claims = list_terms(ctx, title.lang, "claim-words", "impact-quantifiers")
    return not has_cue(claims, title.text)
