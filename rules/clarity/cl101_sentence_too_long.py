"""The CL101 sentence-too-long rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.annotation import Token
from analyzer.findings import Family, Finding, Severity
from analyzer.model import Scope
from rules._base import Msg, Rule, RuleContext

#: Where a sentence is read as prose; charts and SmartArt hold labels, not sentences.
_PROSE_SCOPES = frozenset({Scope.TITLE, Scope.BODY, Scope.TABLE})
_APOSTROPHES = ("'", "\u2019")


def _is_counted_word(token: Token) -> bool:
    # An elided article (« l' », « d' ») is part of the next word for a reader, as for a word
    # processor's count: « l'offre » is one word.
    return token.is_word and not token.text.endswith(_APOSTROPHES)


@dataclass(frozen=True, kw_only=True)
class SentenceTooLongOptions:
    max_words: int = 25
    scopes: frozenset[Scope] = _PROSE_SCOPES


class SentenceTooLong(Rule[SentenceTooLongOptions]):
    """Sentence too long to read while listening.

    ## What it does
    Counts the words of each sentence in titles, bullets and table cells and flags a sentence
    longer than `max-words`. Figures ("12 %", "2025") and elided articles (« l' », « d' ») are
    not counted as words.

    ## Why is this bad?
    The audience reads the slide while the speaker talks. A long sentence makes them choose
    between reading and listening; by its end, its beginning is forgotten.

    ## Example
    Bullet: "Following the review of our pricing carried out with the finance team over the
    last quarter, we propose to move all mid-market customers to three bundles with annual
    commitments"

    Use instead:
    Bullet: "Mid-market customers move to three annual bundles", and the review in the notes.

    ## Options
    - `max-words`
    - `scopes`

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CL101"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    38 of 152 remarks were correct (25%). A long sentence on a slide is nearly always on a slide
    whose overload `CN102`, `CN101`, `CN103` or `CN106` already reports, and a mentor says that
    once; elsewhere sentences a few words over the limit were not worth the presenter's time.
    """

    code, name = "CL101", "sentence-too-long"
    enabled_by_default = False
    family, severity = Family.CLARITY, Severity.WARNING
    Options = SentenceTooLongOptions
    message = Msg(
        en="This sentence has {count} words (more than {limit}).",
        fr="Cette phrase compte {count} mots (plus de {limit}).",
    )
    suggestion = Msg(
        en="Keep the point on the slide in {limit} words or fewer and move the detail to the "
        "notes, or split the sentence in two.",
        fr="Gardez l'idée sur la diapositive en {limit} mots au plus et déplacez le détail dans "
        "les notes, ou coupez la phrase en deux.",
    )
    group_message = Msg(
        en="{count} sentences are too long to read while listening, on slides {slides}.",
        fr="{count} phrases sont trop longues pour être lues en écoutant, sur les diapositives "
        "{slides}.",
    )
    group_suggestion = Msg(
        en="Split each in two, or keep its point on the slide and move the detail to the notes.",
        fr="Coupez chacune en deux, ou gardez son idée sur la diapositive et passez le détail "
        "dans les notes.",
    )

    def check(self, ctx: RuleContext[SentenceTooLongOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        for ref in ctx.prose(ctx.options.scopes):
            analysis = ref.analysis
            for sentence in analysis.sentences:
                count = sum(map(_is_counted_word, analysis.sentence_tokens(sentence)))
                if count > limit:
                    yield self.finding(
                        ctx, ref.loc, evidence=sentence.text.strip(), count=count, limit=limit
                    )
