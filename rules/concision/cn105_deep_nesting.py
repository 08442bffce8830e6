"""The CN105 deep-nesting rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from rules._base import Msg, Rule, RuleContext
from rules.concision._shared import body_paragraphs


@dataclass(frozen=True, kw_only=True)
class DeepNestingOptions:
    max_level: int = 1


class DeepNesting(Rule[DeepNestingOptions]):
    """Bullets nested more than two levels deep.

    ## What it does
    Flags a slide whose body has a bullet below `max-level` (levels count from 0: the default
    allows bullets and sub-bullets, not sub-sub-bullets). One remark per slide, at its first
    bullet that is too deep. Indented lines of code shown on the slide are not bullets.

    ## Why is this bad?
    Each level of indentation asks the audience to hold the level above in mind. At the third
    level, nobody remembers which point the detail belongs to: the slide reads like an outline
    of a document, not like a message.

    ## Example
    "New pricing" > "Three tiers" > "Premium tier" > "Includes the 24/7 hotline"

    Use instead:
    "Three tiers: Essential, Business, Premium" with one sub-bullet per tier, and the content of
    each tier in the appendix.

    ## Options
    - `max-level`: the deepest bullet level allowed, counting from 0 (1).
    """

    code, name = "CN105", "deep-nesting"
    family, severity = Family.CONCISION, Severity.INFO
    Options = DeepNestingOptions
    message = Msg(
        en="Bullets nested {depth} levels deep (at most {allowed}).",
        fr="Puces imbriquées sur {depth} niveaux (au plus {allowed}).",
    )
    suggestion = Msg(
        en="Flatten the list to {allowed} levels: promote the detail to a bullet of its own, or "
        "move it to the notes or the appendix.",
        fr="Ramenez la liste à {allowed} niveaux : faites du détail une puce à part entière, ou "
        "passez-le dans les notes ou en annexe.",
    )

    def check(self, ctx: RuleContext[DeepNestingOptions]) -> Iterator[Finding]:
        max_level = ctx.options.max_level
        for slide in ctx.slides:
            too_deep = [(b, p) for b, p in body_paragraphs(slide) if p.level > max_level]
            if too_deep:
                block, first = too_deep[0]
                depth = max(p.level for _b, p in too_deep) + 1
                yield self.finding(
                    ctx, slide.loc(block), evidence=first.text, depth=depth, allowed=max_level + 1
                )
