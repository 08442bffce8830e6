"""The CN104 filler-phrase rule and its options."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from analyzer.annotation import SUPPORTED_LANGS, Lang
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Scope
from analyzer.prose import verbatim_spans
from rules._base import Msg, ParagraphRef, Rule, RuleContext
from rules._lexicon import Lexicon
from rules._match import find_phrases, overlaps

#: The word lists CN104 reads, merged: stock phrases, then phrases that say a thing twice.
_FILLER_LISTS = ("filler-phrases", "redundant-phrases")


@dataclass(frozen=True, kw_only=True)
class FillerPhraseOptions:
    scopes: frozenset[Scope] = VISIBLE_SCOPES
    extend_phrases: Mapping[str, str] = field(default_factory=dict)
    ignore_phrases: frozenset[str] = frozenset()


class FillerPhrase(Rule[FillerPhraseOptions]):
    """Phrase that adds words but no meaning.

    ## What it does
    Flags stock phrases ("in order to", « afin de », "it is important to note that") and phrases
    that say the same thing twice ("end result", « prévoir à l'avance ») in the visible text of
    the slides, and gives the shorter form, or says the phrase can simply go. The phrases are
    the `filler-phrases` and `redundant-phrases` word lists of the paragraph's language. Code
    shown on the slide is not read, nor are quotations, links and paths: a client's words and
    a slogan are quoted as they were said.

    ## Why is this bad?
    An audience reads a slide in seconds. Filler pushes the point to the end of the line and
    makes every bullet longer than it needs to be.

    ## Example
    Title: "In order to grow, it is important to note that we must cut costs"

    Use instead:
    Title: "To grow, we cut costs by 8 %"

    ## Options
    - `scopes`: where to look (title, body, table, chart, smartart; notes are left out).
    - `extend-phrases`: team additions, as `weak phrase: better form` ("" to delete).
    - `ignore-phrases`: phrases of the lists not to flag.

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CN104"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    none of 23 remarks was correct: every one was true but pedantic (« afin de » for « pour » on
    a slide whose real problem is elsewhere).
    """

    code, name = "CN104", "filler-phrase"
    enabled_by_default = False
    family, severity = Family.CONCISION, Severity.INFO
    languages = SUPPORTED_LANGS
    Options = FillerPhraseOptions
    message = Msg(
        en="“{evidence}” is wordy: write “{better}”.",
        fr="« {evidence} » alourdit la phrase : écrivez « {better} ».",
    )
    suggestion = Msg(
        en="Replace “{evidence}” with “{better}”: the line gets shorter and the point comes "
        "sooner.",
        fr="Remplacez « {evidence} » par « {better} » : la ligne raccourcit et l'idée arrive plus "
        "tôt.",
    )
    group_message = Msg(
        en="{count} phrases add words but no meaning, on slides {slides}.",
        fr="{count} tournures ajoutent des mots mais pas de sens, sur les diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Shorten each as its slide shows.",
        fr="Raccourcissez chacune comme l'indique sa diapositive.",
    )
    deletion = Msg(
        en="“{evidence}” adds words but no meaning.",
        fr="« {evidence} » ajoute des mots, pas de sens.",
    )
    deletion_suggestion = Msg(
        en="Delete “{evidence}” and start with the point itself.",
        fr="Supprimez « {evidence} » et allez droit à l'idée.",
    )

    def check(self, ctx: RuleContext[FillerPhraseOptions]) -> Iterator[Finding]:
        swaps: dict[Lang, Lexicon] = {}
        for ref in ctx.prose(ctx.options.scopes):
            if ref.lang not in swaps:
                swaps[ref.lang] = self._swaps(ctx, ref.lang)
            lexicon = swaps[ref.lang]
            verbatim = verbatim_spans(ref.paragraph.text)
            for hit in find_phrases(lexicon.terms, ref.paragraph.text):
                better = lexicon.swap.get(hit.term)
                if better is None or overlaps(hit, verbatim):
                    continue
                yield self._finding(ctx, ref, hit.text, better)

    def _swaps(self, ctx: RuleContext[FillerPhraseOptions], lang: Lang) -> Lexicon:
        merged = ctx.lexicon(_FILLER_LISTS[0], lang)
        for name in _FILLER_LISTS[1:]:
            merged = merged.extended(ctx.lexicon(name, lang).swap)
        return merged.extended(ctx.options.extend_phrases).without(ctx.options.ignore_phrases)

    def _finding(
        self, ctx: RuleContext[FillerPhraseOptions], ref: ParagraphRef, written: str, better: str
    ) -> Finding:
        if not better:
            return self.finding(
                ctx,
                ref.loc,
                message=self.deletion,
                suggestion=self.deletion_suggestion,
                evidence=written,
                better="",
            )
        # "In order to grow" becomes "To grow": the better form starts the line as written.
        if written[:1].isupper():
            better = better[:1].upper() + better[1:]
        return self.finding(ctx, ref.loc, evidence=written, better=better)
