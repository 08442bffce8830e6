"""The MI108 data-without-takeaway rule and its options."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import Scope, Slide
from rules._base import Msg, NoOptions, Rule, RuleContext
from rules._slides import is_content
from rules.impact._shared import (
    WORD_LISTS,
    is_topic_label,
    read_title,
    shows_data,
    takeaway,
    title_loc,
    visible_slides,
)

#: The slide's own text, beside its charts and tables.
_TEXT_BESIDE_DATA = frozenset({Scope.BODY, Scope.SMARTART})


class DataWithoutTakeaway(Rule[NoOptions]):
    """Chart, table or picture of data whose title describes the data instead of what it shows.

    ## What it does
    On a content slide that shows data, flags a title that only names it ("Enrollment by year
    (by percent)", « Résultats », "Comparison of the models") when nothing on the slide says
    what to conclude from it. A slide shows data when it has a chart, a table of figures (a
    quarter of its cells hold a number), or a table or a picture under a title that names
    results or a comparison (the `data-title-words` word list: "results", "vs", « comparatif
    »...). The slide says what to conclude when its title states something (a verb, a figure,
    an instruction, a question), or when its own text beside the data states something (a box
    under the chart that says what it shows; a sentence with a subject, a verb and a figure
    makes `MI102 topic-label-title` propose it as the title).

    Left alone: the cover, agendas, section dividers, the speaker's introduction, end matter,
    and titles the deck did not set in a title placeholder.

    ## Why is this bad?
    A chart or a table does not speak for itself: each member of the audience looks at a
    different bar or cell and draws their own conclusion, or none, while the speaker talks.
    The title is where the audience looks first; it should say what the data proves, so that
    the chart becomes the evidence.

    ## Example
    Title: "Comparison of the models", over a table of accuracy and training time for three
    models.

    Use instead:
    Title: "The gradient-boosted model is as accurate as the network and trains 10 times
    faster".

    ## Options
    None.

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): 3 of 3 remarks correct (both readers).
    """

    code, name = "MI108", "data-without-takeaway"
    family, severity = Family.IMPACT, Severity.WARNING
    tier = Tier.TITLES
    languages = WORD_LISTS
    message = Msg(
        en="The title “{evidence}” describes the {shown} but does not say what it shows.",
        fr="Le titre « {evidence} » décrit {shown} mais ne dit pas ce qu'il montre.",
    )
    suggestion = Msg(
        en="Title the slide with the conclusion the audience should draw from it: what is "
        "highest, what changed and by how much, or what you chose.",
        fr="Donnez pour titre à la diapositive la conclusion que l'auditoire doit en tirer : ce "
        "qui est le plus élevé, ce qui a changé et de combien, ou ce que vous avez choisi.",
    )
    #: What the slide shows, in the report's words.
    shown: ClassVar[Mapping[str, Msg]] = {
        "chart": Msg(en="chart", fr="le graphique"),
        "table": Msg(en="table", fr="le tableau"),
        "picture": Msg(en="picture", fr="l'image"),
    }
    group_message = Msg(
        en="{count} slides of charts or tables have a title that describes the data but not "
        "what it shows: slides {slides}.",
        fr="{count} diapositives de graphiques ou de tableaux ont un titre qui décrit les données "
        "sans dire ce qu'elles montrent : diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Title each with the conclusion the audience should draw from it: what is highest, "
        "what changed and by how much, or what you chose.",
        fr="Donnez à chacune pour titre la conclusion que l'auditoire doit en tirer : ce qui est "
        "le plus élevé, ce qui a changé et de combien, ou ce que vous avez choisi.",
    )

    def check(self, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
        for slide in visible_slides(ctx.slides):
            if slide.title_inferred or not is_content(ctx, slide):
                continue
            title = read_title(ctx, slide)
            if title is None or title.lang not in self.languages or not title.tagged:
                continue
            if not shows_data(ctx, slide, title) or not is_topic_label(ctx, title):
                continue
            if takeaway(ctx, slide) is not None or _says_what_it_shows(ctx, slide):
                continue
            kind = "chart" if slide.charts else "table" if slide.tables else "picture"
            shown = self.shown[kind].in_lang(ctx.report_lang)
            yield self.finding(ctx, title_loc(slide), evidence=title.text, shown=shown)


#: A line of the slide's own text from this many words on can say what the data shows.
_STATEMENT_WORDS = 4


def _says_what_it_shows(ctx: RuleContext[NoOptions], slide: Slide) -> bool:
    """Whether the slide's text beside the data states something (a box under the chart: "Les
    sorties au cinéma restent rares"): the conclusion is there, if not in the title."""
    return any(
        ref.analysis.has_finite_verb and ref.analysis.word_count >= _STATEMENT_WORDS
        for ref in ctx.prose(_TEXT_BESIDE_DATA, slide=slide)
    )
