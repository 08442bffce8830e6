"""Deck input: what deckmentor could not read, said as findings so no loss is silent."""

from __future__ import annotations

from collections.abc import Iterator

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Loc, PartKind, Scope
from rules._base import Msg, NoOptions, Rule, RuleContext

_PART_WORDS = {
    PartKind.SLIDE: Msg(en="A slide", fr="Une diapositive"),
    PartKind.LAYOUT: Msg(en="A slide layout", fr="Une disposition"),
    PartKind.MASTER: Msg(en="A slide master", fr="Un masque de diapositive"),
    PartKind.NOTES: Msg(en="The speaker notes", fr="Les notes du présentateur"),
    PartKind.CHART: Msg(en="A chart", fr="Un graphique"),
    PartKind.SMARTART: Msg(en="A SmartArt diagram", fr="Un diagramme SmartArt"),
}
_PROBLEM_WORDS = {
    "missing": Msg(en="is missing from the file", fr="manque dans le fichier"),
    "unreadable": Msg(en="cannot be read", fr="est illisible"),
}


class PartNotRead(Rule[NoOptions]):
    """Part of the deck that could not be read, so its text is not in the report.

    ## What it does
    Reports each slide, set of speaker notes, chart or SmartArt diagram that the file refers to
    but that is missing from it or whose XML does not parse. The rest of the deck is analyzed.

    ## Why is this bad?
    Feedback on a deck with a missing part is feedback on another deck: a slide the audience
    will see was not checked, and the scores do not count it.

    ## Example
    A deck copied from a damaged USB key: slide 4's chart points to `ppt/charts/chart3.xml`,
    which is not in the file.

    Use instead:
    Open the deck in PowerPoint, save it again (PowerPoint repairs or drops the broken part),
    and analyze the saved copy.

    ## Options
    None.
    """

    code, name = "DK101", "part-not-read"
    family, severity = Family.INPUT, Severity.WARNING
    message = Msg(
        en="{what} {problem} ({evidence}): its text is not in this report.",
        fr="{what} {problem} ({evidence}) : son texte n'est pas dans ce rapport.",
    )
    suggestion = Msg(
        en="Open the deck in PowerPoint, save it again, and analyze the saved copy.",
        fr="Ouvrez la présentation dans PowerPoint, enregistrez-la de nouveau et analysez "
        "la copie.",
    )

    def check(self, ctx: RuleContext[NoOptions]) -> Iterator[Finding]:
        lang = ctx.report_lang
        for part in ctx.annotated.deck.skipped:
            yield self.finding(
                ctx,
                Loc(slide_number=part.slide_number, scope=Scope.DECK),
                evidence=part.part_name,
                what=_PART_WORDS[part.kind].in_lang(lang),
                problem=_PROBLEM_WORDS[part.problem].in_lang(lang),
            )


RULES = (PartNotRead,)
