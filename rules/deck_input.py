"""Deck input: what deckmentor could not read, said as findings so no loss is silent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from analyzer.annotation import Lang
from analyzer.errors import DeckError
from analyzer.findings import Family, Finding, Severity, Tier
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


class DeckNotRead(Rule[NoOptions]):
    """Input that could not be analyzed at all: it has no score and no feedback.

    ## What it does
    Stands for a whole input that deckmentor refused or failed to read: a password-protected
    deck, a legacy .ppt, a PDF or a text file renamed .pptx, a truncated download, a file
    refused for safety (zip bomb, XML entities), or deckmentor itself failing on it. The message
    is the one line that says what the file is and what to do.

    This rule never runs on a deck (a deck that could be read has nothing to report here): the
    batch writes it for an input that never became a deck, in every output format, and the
    command then exits with 2. `--select` and `--ignore` do not hide it.

    ## Why is this bad?
    A deck that was not read was not checked. Reported only on the terminal, it would slip
    through a CI job or a mentor's folder of reports as if it were clean.

    ## Example
    `offre-v3.pptx`, saved from an email attachment that was cut off: the zip archive stops in
    the middle of a slide.

    Use instead:
    Copy or download the file again, check that PowerPoint opens it, and analyze the complete
    file.

    ## Options
    None.
    """

    code, name = "DK100", "deck-not-read"
    family, severity = Family.INPUT, Severity.ERROR
    tier = Tier.INPUT
    #: Made by the batch from a DeckError (``for_error``), never by ``check`` on a parsed deck,
    #: so the registry never enables it.
    runs_on_decks: ClassVar[bool] = False
    message = Msg(en="{reason}", fr="{reason}")  # the DeckError's line, already in each language
    suggestion = Msg(
        en="Nothing in this file was checked and it has no score: fix it as said, then analyze "
        "it again.",
        fr="Rien dans ce fichier n'a été vérifié et il n'a pas de score : corrigez-le comme "
        "indiqué, puis analysez-le de nouveau.",
    )

    def for_error(self, error: DeckError, lang: Lang) -> Finding:
        """The deck-level finding that reports ``error`` in ``lang``."""
        return self.deck_finding(lang, {"reason": error.describe(lang)})


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
    tier = Tier.INPUT
    message = Msg(
        en="{what} {problem} ({evidence}): its text is not in this report.",
        fr="{what} {problem} ({evidence}) : son texte n'est pas dans ce rapport.",
    )
    suggestion = Msg(
        en="Open the deck in PowerPoint, save it again, and analyze the saved copy.",
        fr="Ouvrez la présentation dans PowerPoint, enregistrez-la de nouveau et analysez "
        "la copie.",
    )
    group_message = Msg(
        en="{count} parts of the deck could not be read, on slides {slides}: their text is not "
        "in this report.",
        fr="{count} parties de la présentation sont illisibles, sur les diapositives {slides} : "
        "leur texte n'est pas dans ce rapport.",
    )
    group_suggestion = suggestion

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


RULES = (DeckNotRead, PartNotRead)
