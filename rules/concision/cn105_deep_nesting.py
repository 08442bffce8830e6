"""The CN105 deep-nesting rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import Paragraph, Slide, TextBlock
from rules._base import Msg, Rule, RuleContext
from rules.concision._shared import body_paragraphs


@dataclass(frozen=True, kw_only=True)
class DeepNestingOptions:
    max_level: int = 1


class DeepNesting(Rule[DeepNestingOptions]):
    """Bullets nested more than two levels deep.

    ## What it does
    Flags a slide whose body has a bullet below `max-level` (levels count from 0: the default
    allows bullets and sub-bullets, not sub-sub-bullets). Levels are the tiers a reader sees,
    the indent levels a list uses, in order: a list on levels 0, 3 and 6 (indents used as
    spacing) has three tiers, not seven. One remark per slide, at its first bullet that is too
    deep. Indented lines of code shown on the slide are not bullets.

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

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CN105"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    3 of 18 remarks were correct (17%). The third level usually held short details on a slide
    whose density was already reported, and indent levels used as spacing were read as depth.
    """

    code, name = "CN105", "deep-nesting"
    enabled_by_default = False
    family, severity = Family.CONCISION, Severity.INFO
    tier = Tier.OVERLOAD
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
    group_message = Msg(
        en="{count} slides nest their bullets too deep: slides {slides}.",
        fr="{count} diapositives imbriquent trop leurs puces : diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Flatten each list: promote the detail to bullets of their own, or move it to the "
        "notes.",
        fr="Aplatissez chaque liste : faites du détail des puces à part entière, ou passez-le "
        "dans les notes.",
    )

    def check(self, ctx: RuleContext[DeepNestingOptions]) -> Iterator[Finding]:
        max_level = ctx.options.max_level
        for slide in ctx.slides:
            for block, paragraphs in _lists(slide):
                # Tiers the reader sees: the levels used, in order. Levels 0, 3 and 6 (indents
                # used as spacing) are three tiers, not seven.
                tier_of = {
                    level: i for i, level in enumerate(sorted({p.level for p in paragraphs}))
                }
                too_deep = [p for p in paragraphs if tier_of[p.level] > max_level]
                if too_deep:
                    depth = len(tier_of)
                    yield self.finding(
                        ctx,
                        slide.loc(block),
                        evidence=too_deep[0].text,
                        depth=depth,
                        allowed=max_level + 1,
                    )
                    break


def _lists(slide: Slide) -> Iterator[tuple[TextBlock, list[Paragraph]]]:
    """Each text block's paragraphs: a list's tiers are counted within its own shape."""
    by_block: dict[int, tuple[TextBlock, list[Paragraph]]] = {}
    for block, paragraph in body_paragraphs(slide):
        by_block.setdefault(id(block), (block, []))[1].append(paragraph)
    yield from by_block.values()
