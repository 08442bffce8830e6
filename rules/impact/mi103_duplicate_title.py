"""The MI103 duplicate-title rule and its options."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import Slide
from rules._base import Msg, Rule, RuleContext
from rules._lexicon import normalize_term
from rules._slides import is_content
from rules.impact._shared import (
    BODY_SCOPES,
    has_cue,
    is_whole_title,
    list_terms,
    read_title,
    title_loc,
    visible_slides,
)


@dataclass(frozen=True, kw_only=True)
class DuplicateTitleOptions:
    allow_continued: bool = False
    max_distance: int = 6


class DuplicateTitle(Rule[DuplicateTitleOptions]):
    """Two slides with the same title.

    ## What it does
    Compares the titles of the visible content slides, ignoring case, spacing and punctuation,
    and a continuation mark at the end ("(cont.)", « (suite) », "2/2"), and flags a title that
    comes back later in the deck: the slide where it comes back gets one remark naming the
    first. Two slides that show the same text word for word are a slide shown twice. Two slides
    more than `max-distance` slides apart are flagged only when they say much the same thing
    (half their words in common): far apart and showing other things, they are told apart by
    what they show, as with a "What's next?" at the end of each part of a talk.

    Slides in a row under one title are one point: a slide built in steps, a table continued,
    a section under a running header ("Spark" over « Écosystème », « Les APIs »...); only two
    slides in a row that show the same text word for word are flagged there. A title on three
    slides or more comes back by design (a "Check your understanding" quiz after each chapter,
    a section heading repeated on each of its slides), and is left alone. So are the cover,
    agendas, section dividers, the speaker's introduction and end matter (`rules._slides`),
    titles the deck did not set in a title placeholder, and navigation, demo and recap titles
    ("Agenda", "Demo", « Synthèse »: the `topic-labels`, `impact-outline-titles` and
    `summary-cues` word lists).

    ## Why is this bad?
    If two slides have the same title, either they say the same thing (cut one) or
    the title does not say what is new on the second. The audience, who reads titles first,
    sees the same point twice and wonders what they missed.

    ## Example
    Slide 4: "Pilot results" (renewals up 12 points); slide 7: "Pilot results" (quotes take
    two days).

    Use instead:
    Slide 4: "The pilot lifted renewals by 12 points"; slide 7: "Quotes now take two days".

    ## Options
    - `allow-continued`: do not flag a title that repeats an earlier one with a continuation
      mark ("(cont.)", « (suite) », "2/2").
    - `max-distance`: how many slides apart two slides with the same title and different text
      are still flagged (6).

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): 2 of 2 remarks correct (both readers), against 9%
    before the rework, which flagged running headers, slides built in steps and a "What's
    next?" closing each part of a talk.
    """

    code, name = "MI103", "duplicate-title"
    family, severity = Family.IMPACT, Severity.WARNING
    tier = Tier.TITLES
    Options = DuplicateTitleOptions
    message = Msg(
        en="Same title as slide {first}: from the titles alone, the audience cannot tell the two "
        "slides apart.",
        fr="Même titre que la diapositive {first} : à lire les titres, l'auditoire ne distingue "
        "pas les deux diapositives.",
    )
    suggestion = Msg(
        en="Merge the two slides, or retitle this one with what it adds to slide {first}.",
        fr="Fusionnez les deux diapositives, ou donnez à celle-ci un titre qui dit ce qu'elle "
        "ajoute à la diapositive {first}.",
    )
    repeated = Msg(
        en="This slide repeats slide {first} word for word.",
        fr="Cette diapositive reprend mot pour mot la diapositive {first}.",
    )
    remove = Msg(
        en="Delete one of the two, or say on this one what it adds.",
        fr="Supprimez l'une des deux, ou dites sur celle-ci ce qu'elle ajoute.",
    )
    group_message = Msg(
        en="{count} slides repeat the title of an earlier slide: slides {slides}.",
        fr="{count} diapositives reprennent le titre d'une diapositive précédente : "
        "diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Retitle each with what it adds, or merge it with the earlier slide.",
        fr="Donnez à chacune un titre qui dit ce qu'elle ajoute, ou fusionnez-la avec la "
        "diapositive précédente.",
    )

    def check(self, ctx: RuleContext[DuplicateTitleOptions]) -> Iterator[Finding]:
        visible = visible_slides(ctx.slides)
        by_key: dict[str, list[tuple[int, Slide, bool]]] = {}
        for position, slide in enumerate(visible):
            key, continued = self._key(ctx, slide)
            if key:
                by_key.setdefault(key, []).append((position, slide, continued))
        for found in by_key.values():
            runs = _runs(found)
            for run in runs:  # the same slide shown twice in a row
                yield from self._shown_twice(ctx, run)
            # One run is one point: a slide built in steps, a table continued, a section under
            # a running header. A title on three slides or more that comes back comes back by
            # design (a quiz after each chapter, a section heading on each of its slides).
            if len(runs) != 2 or len(found) != 2:
                continue
            (first, _), (second, continued) = runs[0][0], runs[1][0]
            if continued and ctx.options.allow_continued:
                continue
            same = _same_text(first, second)
            far = second.number - first.number > ctx.options.max_distance
            if far and not same and _shared_words(first, second) < _MOSTLY_SHARED:
                continue  # far apart and saying other things: told apart by what they show
            message, suggestion = (self.repeated, self.remove) if same else (None, None)
            yield self.finding(
                ctx,
                title_loc(second),
                evidence=second.title or "",
                message=message,
                suggestion=suggestion,
                first=first.number,
            )

    def _shown_twice(
        self, ctx: RuleContext[DuplicateTitleOptions], run: list[tuple[Slide, bool]]
    ) -> Iterator[Finding]:
        for (before, _), (after, _) in itertools.pairwise(run):
            if _same_text(before, after):
                yield self.finding(
                    ctx,
                    title_loc(after),
                    evidence=after.title or "",
                    message=self.repeated,
                    suggestion=self.remove,
                    first=before.number,
                )

    def _key(self, ctx: RuleContext[DuplicateTitleOptions], slide: Slide) -> tuple[str, bool]:
        """The slide's title as compared and whether it was marked as continued; no key for a
        slide that is not compared."""
        if slide.title_inferred or not is_content(ctx, slide):
            return "", False
        title = read_title(ctx, slide)
        if title is None:
            return "", False
        recurring = list_terms(ctx, title.lang, "topic-labels", "impact-end-matter", "summary-cues")
        outline = ctx.lexicon("impact-outline-titles", title.lang).terms
        if has_cue(recurring, title.text) or is_whole_title(outline, title.text):
            return "", False
        return _title_key(title.text, ctx.lexicon("impact-continuation-marks", title.lang).terms)


def _runs(found: list[tuple[int, Slide, bool]]) -> list[list[tuple[Slide, bool]]]:
    """The slides of one title in runs of slides next to each other."""
    runs: list[list[tuple[Slide, bool]]] = []
    last = -2
    for position, slide, continued in found:
        if position != last + 1:
            runs.append([])
        runs[-1].append((slide, continued))
        last = position
    return runs


#: Two slides are the same slide shown twice when this many words of text at least match.
_SAME_WORDS = 8
#: Two slides far apart say much the same thing when they share this share of their words.
_MOSTLY_SHARED = 0.5


def _shared_words(first: Slide, second: Slide) -> float:
    """The share of the two slides' distinct body words that both show (Jaccard index)."""
    words = [
        {w.casefold() for w in re.findall(r"\w+", " ".join(_body_lines(s)))}
        for s in (first, second)
    ]
    both = words[0] | words[1]
    return len(words[0] & words[1]) / len(both) if both else 1.0


def _same_text(first: Slide, second: Slide) -> bool | None:
    """Whether the two slides show the same text; None when they show too little text to
    tell (a title and a "VS" label over two screenshots)."""
    lines = _body_lines(first)
    if lines != _body_lines(second):
        return False
    if len(" ".join(lines).split()) < _SAME_WORDS and (first.pictures or second.pictures):
        return None
    return True


def _body_lines(slide: Slide) -> list[str]:
    return [
        " ".join(p.text.split())
        for b in slide.blocks_in(BODY_SCOPES)
        for p in b.non_empty_paragraphs
    ]


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
