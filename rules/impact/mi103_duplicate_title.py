"""The MI103 duplicate-title rule and its options."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Slide
from rules._base import Msg, Rule, RuleContext
from rules.impact._shared import fold, has_cue, list_terms, read_title, title_loc, visible_slides


@dataclass(frozen=True, kw_only=True)
class DuplicateTitleOptions:
    allow_continued: bool = False


class DuplicateTitle(Rule[DuplicateTitleOptions]):
    """Two slides with the same title.

    ## What it does
    Compares the titles of the visible slides, ignoring case, spacing and punctuation, and a
    continuation mark at the end ("(cont.)", « (suite) », "2/2"). Each slide whose title was
    already used gets one finding naming the first slide. A continued slide counts as a
    duplicate: two slides with one title carry one message, spread too thin. Navigation titles
    that recur on purpose ("Agenda", « Annexe », "Questions") are left alone.

    ## Why is this bad?
    If two slides have the same title, either they say the same thing (cut one) or the title
    does not say what is new on the second. The committee, who reads titles first, sees the
    same point twice and wonders what they missed.

    ## Example
    Slide 4: "New pricing grid"; slide 5: "New pricing grid (cont.)".

    Use instead:
    Slide 4: "Three tiers replace twelve price lists"; slide 5: "Discounts are capped at 10 %
    in every tier".

    ## Options
    - `allow-continued`: do not flag a title that repeats an earlier one with a continuation
      mark ("(cont.)", « (suite) », "2/2").
    """

    code, name = "MI103", "duplicate-title"
    family, severity = Family.IMPACT, Severity.WARNING
    Options = DuplicateTitleOptions
    message = Msg(
        en="Same title as slide {first}: the audience sees the same point twice.",
        fr="Même titre que la diapositive {first} : l'auditoire voit deux fois le même message.",
    )
    suggestion = Msg(
        en="Merge the two slides, or retitle this one with what it adds to slide {first}.",
        fr="Fusionnez les deux diapositives, ou donnez à celle-ci un titre qui dit ce qu'elle "
        "ajoute à la diapositive {first}.",
    )

    def check(self, ctx: RuleContext[DuplicateTitleOptions]) -> Iterator[Finding]:
        first_with: dict[str, Slide] = {}
        for slide in visible_slides(ctx.slides):
            title = read_title(ctx, slide)
            if title is None:
                continue
            if has_cue(
                list_terms(ctx, title.lang, "topic-labels", "impact-end-matter"), title.text
            ):
                continue
            marks = ctx.lexicon("impact-continuation-marks", title.lang).terms
            key, continued = _title_key(title.text, marks)
            if not key:
                continue
            first = first_with.setdefault(key, slide)
            if first is slide or (continued and ctx.options.allow_continued):
                continue
            yield self.finding(ctx, title_loc(slide), evidence=title.text, first=first.number)


#: "2/2", "(1/3)": a slide part, not a year range ("2024/2025").
_FRACTION = re.compile(r"[\s(\[\-–—,:]*\b\d{1,2}\s*/\s*\d{1,2}\s*[)\]]?\W*$")


def _title_key(title: str, marks: tuple[str, ...]) -> tuple[str, bool]:
    """The title as compared (folded, no punctuation), and whether it carried a continuation
    mark, which is removed from the key."""
    text = fold(title).replace("\u2019", "'")
    stripped = _FRACTION.sub("", text)
    if marks:
        alternatives = "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))
        pattern = r"\s*[(\[\-–—,:]\s*(?:" + alternatives + r")\s*[)\]]?\W*$"
        stripped = re.sub(pattern, "", stripped)
    continued = stripped != text
    key = " ".join(re.sub(r"[^\w\s]|_", " ", stripped).split())
    return key, continued
