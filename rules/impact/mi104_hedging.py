"""The MI104 hedging rule and its options."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Scope, Slide
from analyzer.prose import is_quotation, verbatim_spans
from rules._base import Msg, Rule, RuleContext
from rules._match import Hit, find_phrases
from rules.impact._shared import TEXT_SCOPES, WORD_LISTS, has_cue, outside, read_title, word_list


@dataclass(frozen=True, kw_only=True)
class HedgingOptions:
    scopes: frozenset[Scope] = TEXT_SCOPES
    extend_terms: frozenset[str] = frozenset()
    ignore_terms: frozenset[str] = frozenset()


class Hedging(Rule[HedgingOptions]):
    """Hedge that weakens a message.

    ## What it does
    Flags hedges in titles and bullets: "might", "perhaps", "it seems", "we believe",
    « il semblerait », « peut-être », « éventuellement », « a priori » (the `hedges` word list).
    A capitalised word in mid-sentence, or followed by a day or a year, is a name, not a hedge:
    "launch in May", "May 2025". « Peut être » in two words ("can be": « cela peut être fait »)
    is a plain modal and is not flagged; « peut-être » is. Nor are fixed expressions that
    hold a hedge but do not weaken anything (a right the offer grants, "clients may switch
    tiers"; a noun, « lever les a priori »: the `impact-hedge-exceptions` word list), code,
    and the slides about risks or limits ("Key risks", « Points de vigilance »: the
    `impact-risk-titles` word list), where a possibility is the content, not a doubt.

    ## Why is this bad?
    A committee decides on what you assert. Each hedge tells them you are not sure, and they
    will either ask for proof you did not bring or discount the whole slide. If there is real
    uncertainty, say how much and on what it rests.

    ## Example
    Bullet: « La nouvelle offre pourrait peut-être réduire le churn ».

    Use instead:
    Bullet: « Sur le pilote, la nouvelle offre a réduit le churn de 4 points ».

    ## Options
    - `scopes`: where to look (title, body, table, chart, smartart, notes).
    - `extend-terms`: hedges to add to the list.
    - `ignore-terms`: hedges of the list not to flag.

    ## Precision on real decks
    Off by default: run it with `extend-select = ["MI104"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    none of 59 remarks was correct: "may", "might" or « potentiellement » stated a real
    possibility (legal and scientific text), and asserting it would make the statement false.
    """

    code, name = "MI104", "hedging"
    enabled_by_default = False
    family, severity = Family.IMPACT, Severity.INFO
    languages = WORD_LISTS
    Options = HedgingOptions
    message = Msg(
        en="“{evidence}” weakens the message: your audience hears doubt.",
        fr="« {evidence} » affaiblit le message : l'auditoire entend un doute.",
    )
    suggestion = Msg(
        en="Assert it, or say how sure you are and why (“70 % of pilot clients renewed”).",
        fr="Affirmez-le, ou dites à quel point vous en êtes sûr et pourquoi (« 70 % des "
        "clients du pilote ont renouvelé »).",
    )
    group_message = Msg(
        en="{count} hedges weaken the message, on slides {slides}.",
        fr="{count} précautions de langage affaiblissent le message, sur les diapositives "
        "{slides}.",
    )
    group_suggestion = Msg(
        en="Assert each, or say how sure you are and why.",
        fr="Affirmez chacune, ou dites à quel point vous en êtes sûr et pourquoi.",
    )

    def check(self, ctx: RuleContext[HedgingOptions]) -> Iterator[Finding]:
        opts = ctx.options
        for ref in ctx.prose(opts.scopes):
            if _is_about_risks(ctx, ref.slide):
                continue
            hedges = word_list(ctx, "hedges", ref.lang, opts.extend_terms, opts.ignore_terms)
            text = ref.paragraph.text
            if is_quotation(text):
                continue  # a customer's testimonial hedges in the customer's name
            fixed = list(find_phrases(ctx.lexicon("impact-hedge-exceptions", ref.lang).terms, text))
            fixed += [Hit(text[a:b], a, b, "") for a, b in verbatim_spans(text)]
            for hit in outside(find_phrases(hedges, text), fixed):
                if not _is_name(text, hit):
                    yield self.finding(ctx, ref.loc, evidence=hit.text)


def _is_about_risks(ctx: RuleContext[HedgingOptions], slide: Slide) -> bool:
    title = read_title(ctx, slide)
    if title is None or title.lang not in WORD_LISTS:
        return False
    return has_cue(ctx.lexicon("impact-risk-titles", title.lang).terms, title.text)


_CLAUSE_START = re.compile(r"(?:^|[.!?:;•–—(\"«“])\s*$")
#: After a name: a day or a year ("May 12", "May 2025"), a colon or a dash ("May: roll-out").
_AFTER_NAME = re.compile(r"\s+\d+(?![\d.,]*\s?%)\b|\s*(?:[:;–—)]|-\s|$)")


def _is_name(text: str, hit: Hit) -> bool:
    """A capitalised hit used as a name: mid-sentence ("in May"), or before a day, a year or a
    colon ("May 2025", "May: roll-out")."""
    if not hit.text[:1].isupper():
        return False
    mid_sentence = _CLAUSE_START.search(text[: hit.start]) is None
    return mid_sentence or _AFTER_NAME.match(text, hit.end) is not None
