"""The CL106 vague-word rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Scope
from analyzer.prose import verbatim_spans
from rules._base import Msg, Rule, RuleContext
from rules._match import find_phrases, overlaps
from rules.clarity._shared import WORD_LANGS


@dataclass(frozen=True, kw_only=True)
class VagueWordOptions:
    extend: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    scopes: frozenset[Scope] = VISIBLE_SCOPES


class VagueWord(Rule[VagueWordOptions]):
    """Vague word that leaves the audience guessing.

    ## What it does
    Flags words and phrases that point at things without naming them ("etc.", "various",
    "several aspects", « divers », « certains éléments », « des choses »). Fixed expressions
    that are not vague (« questions diverses », « frais divers », "miscellaneous expenses")
    are left alone, and so are a line that is only the word, an agenda's last item
    ("Miscellaneous", « Divers »), quotations (a client's words are evidence), links, paths
    and code.

    ## Why is this bad?
    A committee decides on what it can see. "Various improvements" asks the audience to trust
    that there is something behind the words; "etc." says the list was not finished.

    ## Example
    Bullet: "Various improvements to the offer, etc."

    Use instead:
    Bullet: "Three improvements: tiered prices, annual bundles, a partner portal"

    ## Options
    - `extend`
    - `ignore`
    - `scopes`

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CL106"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    1 of 35 remarks was correct (3%). Words such as "etc.", "most" or « divers » were either
    precise in context or not worth the presenter's time.
    """

    code, name = "CL106", "vague-word"
    enabled_by_default = False
    family, severity = Family.CLARITY, Severity.INFO
    languages = WORD_LANGS
    Options = VagueWordOptions
    message = Msg(
        en="“{evidence}” is vague: the audience cannot tell what it covers.",
        fr="« {evidence} » est vague : l'auditoire ne sait pas ce que cela recouvre.",
    )
    suggestion = Msg(
        en="Name the items, or give their number: “three pricing changes” rather than “various "
        "changes”.",
        fr="Nommez les éléments, ou donnez leur nombre : « trois évolutions tarifaires » plutôt "
        "que « diverses évolutions ».",
    )
    group_message = Msg(
        en="{count} vague words leave the audience guessing, on slides {slides}.",
        fr="{count} mots vagues laissent l'auditoire deviner, sur les diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Name the items, or give their number.",
        fr="Nommez les éléments, ou donnez leur nombre.",
    )

    def check(self, ctx: RuleContext[VagueWordOptions]) -> Iterator[Finding]:
        opts = ctx.options
        for ref in ctx.prose(opts.scopes):
            vague = ctx.lexicon("vague-words", ref.lang)
            terms = vague.extended(opts.extend).without(opts.ignore).terms
            exceptions = ctx.lexicon("vague-word-exceptions", ref.lang).terms
            text = ref.paragraph.text
            fixed = [(hit.start, hit.end) for hit in find_phrases(exceptions, text)]
            fixed += verbatim_spans(text)
            for hit in find_phrases(terms, text):
                if overlaps(hit, fixed) or _is_whole_line(hit.text, text):
                    continue
                yield self.finding(ctx, ref.loc, evidence=hit.text)


def _is_whole_line(written: str, text: str) -> bool:
    """Whether the word is all the paragraph says, as an agenda item: « Divers », "Misc.:"."""
    return text.strip().rstrip(".:;!?… ").casefold() == written.rstrip(".").casefold()
