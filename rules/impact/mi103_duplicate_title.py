"""The MI103 duplicate-title rule and its options."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Slide
from rules._base import Msg, Rule, RuleContext
from rules._lexicon import normalize_term
from rules.impact._shared import (
    BODY_SCOPES,
    SKIPPED_LAYOUTS,
    has_cue,
    has_layout,
    is_divider,
    is_whole_title,
    layout_pattern,
    list_terms,
    read_title,
    title_loc,
    visible_slides,
)


@dataclass(frozen=True, kw_only=True)
class DuplicateTitleOptions:
    allow_continued: bool = False
    skip_layouts: frozenset[str] = SKIPPED_LAYOUTS


class DuplicateTitle(Rule[DuplicateTitleOptions]):
    """Two slides with the same title.

    ## What it does
    Compares the titles of the visible slides, ignoring case, spacing and punctuation, and a
    continuation mark at the end ("(cont.)", « (suite) », "2/2"). Each slide whose title was
    already used gets one finding naming the first slide. A continued slide counts as a
    duplicate: two slides with one title carry one message, spread too thin.

    Left alone, as titles that recur on purpose: navigation, demo, recap and end titles
    ("Agenda", "Demo", « Synthèse », « Annexe », "Questions": the `topic-labels`,
    `impact-outline-titles`, `summary-cues` and `impact-end-matter` word lists). Slides that
    name a part of the talk rather than make a point are not compared either: slides whose
    layout name contains one of `skip-layouts` (covers, section headers, demos; a slide that
    repeats the cover's title is MI102's business), and dividers (a title and nothing else,
    not even a picture) that open or close a section whose slides repeat their title. A slide
    built in steps is one point: a slide that follows one with the same title and shows at
    least half of its lines again, with something added or changed, is not flagged (two
    identical slides are).

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
    - `skip-layouts`: layout names (or parts of them, any case) whose slides are not compared.
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
        skip = layout_pattern(ctx.options.skip_layouts)
        previous: tuple[str, Slide] | None = None
        for slide in visible_slides(ctx.slides):
            key, continued = self._key(ctx, slide, skip)
            if not key:
                previous = None
                continue
            first = first_with.setdefault(key, slide)
            is_step = previous is not None and previous[0] == key and _is_build(previous[1], slide)
            previous = (key, slide)
            if first is slide or is_step or (continued and ctx.options.allow_continued):
                continue
            yield self.finding(
                ctx, title_loc(slide), evidence=slide.title or "", first=first.number
            )

    def _key(
        self, ctx: RuleContext[DuplicateTitleOptions], slide: Slide, skip: re.Pattern[str] | None
    ) -> tuple[str, bool]:
        """The slide's title as compared and whether it was marked as continued; no key for a
        slide that is not compared."""
        if has_layout(skip, slide) or is_divider(slide):
            return "", False
        title = read_title(ctx, slide)
        if title is None:
            return "", False
        recurring = list_terms(ctx, title.lang, "topic-labels", "impact-end-matter", "summary-cues")
        outline = ctx.lexicon("impact-outline-titles", title.lang).terms
        if has_cue(recurring, title.text) or is_whole_title(outline, title.text):
            return "", False
        return _title_key(title.text, ctx.lexicon("impact-continuation-marks", title.lang).terms)


def _body_lines(slide: Slide) -> set[str]:
    return {
        " ".join(p.text.split())
        for b in slide.blocks_in(BODY_SCOPES)
        for p in b.non_empty_paragraphs
    }


def _is_build(before: Slide, after: Slide) -> bool:
    """Whether ``after`` shows ``before`` again with something changed, as a slide built in
    steps does: it keeps at least half of its lines and is not the same slide twice."""
    kept, shown = _body_lines(before), _body_lines(after)
    return bool(kept) and kept != shown and 2 * len(kept & shown) >= len(kept)


#: "2/2", "(1/3)": a slide part, not a year range ("2024/2025").
_FRACTION = re.compile(r"[\s(\[\-–—,:]*\b\d{1,2}\s*/\s*\d{1,2}\s*[)\]]?\W*$")


def _title_key(title: str, marks: tuple[str, ...]) -> tuple[str, bool]:
    """The title as compared (folded, no punctuation), and whether it carried a continuation
    mark, which is removed from the key."""
    text = normalize_term(title)
    stripped = _FRACTION.sub("", text)
    if marks:
        alternatives = "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))
        pattern = r"\s*[(\[\-–—,:]\s*(?:" + alternatives + r")\s*[)\]]?\W*$"
        stripped = re.sub(pattern, "", stripped)
    continued = stripped != text
    key = " ".join(re.sub(r"[^\w\s]|_", " ", stripped).split())
    return key, continued
