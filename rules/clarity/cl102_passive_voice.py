"""The CL102 passive-voice rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.annotation import TextAnalysis
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Scope
from rules._base import Msg, Rule, RuleContext
from rules.clarity._shared import WORD_LANGS


@dataclass(frozen=True, kw_only=True)
class PassiveVoiceOptions:
    scopes: frozenset[Scope] = VISIBLE_SCOPES


class PassiveVoice(Rule[PassiveVoiceOptions]):
    """Passive voice that hides who acts.

    ## What it does
    Flags passive constructions ("was approved", « sera déployée ») in the text shown on the
    slide. States ("is based on", « sont prêtes ») and French verbs conjugated with « être »
    (« sont allés ») are not passives.

    ## Why is this bad?
    An executive committee wants to know who does what. A passive puts the actor last, or drops
    it: "the price list was approved" leaves the room asking "by whom?".

    ## Example
    Bullet: "The new price list was approved in March"

    Use instead:
    Bullet: "The Codir approved the new price list in March"

    ## Options
    - `scopes`

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CL102"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    14 of 315 remarks were correct (4%). Passives in technical, legal and method text are
    usually the natural way to say it (the actor is obvious or irrelevant), and French
    adjectives after « être » (« est adaptée », « sont répandues ») read as passives.
    """

    code, name = "CL102", "passive-voice"
    enabled_by_default = False
    family, severity = Family.CLARITY, Severity.INFO
    languages = WORD_LANGS
    Options = PassiveVoiceOptions
    message = Msg(
        en="“{evidence}” is passive: the actor comes last, or not at all.",
        fr="« {evidence} » est au passif : l'acteur arrive en dernier, ou pas du tout.",
    )
    suggestion = Msg(
        en="Name who acts and make them the subject of “{verb}”: “The Codir approved the price "
        "list” rather than “The price list was approved”.",
        fr="Nommez qui agit et faites-en le sujet de « {verb} » : « Le Codir valide la grille » "
        "plutôt que « La grille est validée ».",
    )
    group_message = Msg(
        en="{count} passives hide who acts, on slides {slides}.",
        fr="{count} tournures passives cachent qui agit, sur les diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Where the actor matters, name them and make them the subject.",
        fr="Là où l'acteur compte, nommez-le et faites-en le sujet.",
    )

    def check(self, ctx: RuleContext[PassiveVoiceOptions]) -> Iterator[Finding]:
        for ref in ctx.prose(ctx.options.scopes):
            for passive, verb in _passives_with_verbs(ref.analysis):
                yield self.finding(ctx, ref.loc, evidence=passive, verb=verb)


def _passives_with_verbs(analysis: TextAnalysis) -> Iterator[tuple[str, str]]:
    """Each passive of the paragraph with the lemma of its participle (its last word)."""
    cursor = 0
    for passive in analysis.passives:
        verb = passive.split()[-1]
        start = analysis.text.find(passive, cursor)
        if start >= 0:
            cursor = start + len(passive)
            for token in analysis.tokens:
                if token.idx < cursor <= token.idx + len(token.text):
                    verb = token.lemma
                    break
        yield passive, verb
