"""The CL104 hard-to-read-slide rule and its options."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.annotation import Lang, Readability
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Paragraph, Scope, Slide
from analyzer.nlp import MIN_READABILITY_WORDS, measure_reading_ease
from rules._base import Msg, Rule, RuleContext
from rules._match import is_monospace, looks_like_code
from rules.clarity._shared import WORD_LANGS

#: How a readability formula is named to people (the same in both languages).
_FORMULA_NAMES = {"flesch-reading-ease": "Flesch", "kandel-moles": "Kandel-Moles"}
_FORMULA_LANGS = {"flesch-reading-ease": Lang.EN, "kandel-moles": Lang.FR}
#: Links and e-mail addresses: one "word" of many syllables that nobody reads aloud.
_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
#: Small words a Title Case heading leaves in lower case ("Return on Investment").
_SMALL_WORD = 3


@dataclass(frozen=True, kw_only=True)
class HardToReadSlideOptions:
    min_reading_ease: float = 30.0
    min_sentence_words: float = 5.0


class HardToReadSlide(Rule[HardToReadSlideOptions]):
    """Slide whose text is hard to read.

    ## What it does
    Reads each slide's reading-ease score (0 to 100, higher is easier) computed on its visible
    text, titles apart: Flesch reading ease for English, Kandel and Moles' French adaptation for
    French, so the scale is the same. Flags a slide scoring below `min-reading-ease`.

    The formulas measure sentences, so only sentences are measured: code, links and e-mail
    addresses, text in a monospace typeface, and lines that are names or headings (every word
    capitalised: "Lockheed Martin Fellow") are left out. A slide with fewer than a dozen words
    left, or whose lines average fewer than `min-sentence-words` words (a list of labels such
    as "Authentication", "Localization", "Response caching"), is not measured: on labels, the
    score only measures the length of the words.

    ## Why is this bad?
    A low score means long sentences made of long words. On a slide, that is a paragraph the
    audience will not read; in a committee, the slide that loses the room.

    ## Example
    Bullets: "Industrialisation of the contractualisation of multi-year strategic partnerships",
    "Rationalisation of the intermediation organisation"

    Use instead:
    Bullets: "Sign three-year contracts with our ten key partners", "Cut one sales layer"

    ## Options
    - `min-reading-ease`: the lowest reading ease accepted (30).
    - `min-sentence-words`: below this many words per sentence or bullet on average, the slide
      is a list of labels and is not measured (5).
    """

    code, name = "CL104", "hard-to-read-slide"
    family, severity = Family.CLARITY, Severity.INFO
    languages = WORD_LANGS
    Options = HardToReadSlideOptions
    message = Msg(
        en="Reading ease {score} ({formula}) is below {limit}: this slide is hard to read.",
        fr="Lisibilité de {score} ({formula}), sous le seuil de {limit} : cette diapositive est "
        "difficile à lire.",
    )
    suggestion = Msg(
        en="Use shorter sentences and everyday words: one idea per bullet, verbs rather than "
        "abstract nouns.",
        fr="Faites des phrases plus courtes avec des mots courants : une idée par puce, des verbes "
        "plutôt que des noms abstraits.",
    )

    def check(self, ctx: RuleContext[HardToReadSlideOptions]) -> Iterator[Finding]:
        opts = ctx.options
        limit = opts.min_reading_ease
        for slide in ctx.slides:
            annotated = ctx.annotated.readability.get(slide.number)
            # Leaving labels and code out raises a score: a slide already above the limit stays.
            if annotated is None or annotated.score >= limit:
                continue
            measured = _prose_reading_ease(slide, annotated)
            if (
                measured is None
                or measured.words < MIN_READABILITY_WORDS
                or measured.words / measured.sentences < opts.min_sentence_words
                or measured.score >= limit
            ):
                continue
            yield self.finding(
                ctx,
                slide.loc(),
                evidence=_first_line(slide),
                score=f"{measured.score:.0f}",
                formula=_FORMULA_NAMES.get(measured.formula, measured.formula),
                limit=f"{limit:g}",
            )


def _prose_reading_ease(slide: Slide, annotated: Readability) -> Readability | None:
    """The reading ease of the slide's sentences only, in the language it was measured in."""
    lang = _FORMULA_LANGS.get(annotated.formula)
    if lang is None:
        return None
    lines = [
        line.strip()
        for block in slide.blocks_in(VISIBLE_SCOPES - {Scope.TITLE})
        for paragraph in block.non_empty_paragraphs
        if not looks_like_code(paragraph)
        for line in _LINK.sub(" ", _prose_of(paragraph)).splitlines()
        if not _is_heading(line)
    ]
    return measure_reading_ease("\n".join(lines), lang) if lines else None


def _prose_of(paragraph: Paragraph) -> str:
    """The paragraph without the identifiers it sets in a monospace typeface."""
    if not any(is_monospace(run.font_name) for run in paragraph.runs):
        return paragraph.text
    return "".join(run.text for run in paragraph.runs if not is_monospace(run.font_name))


def _is_heading(line: str) -> bool:
    """A name, a heading or a label: no word but the small ones starts in lower case."""
    return all(w[0].isupper() or len(w) <= _SMALL_WORD for w in _WORD.findall(line))


def _first_line(slide: Slide) -> str:
    if slide.title:
        return slide.title
    for block in slide.blocks_in(VISIBLE_SCOPES):
        for paragraph in block.non_empty_paragraphs:
            return paragraph.text.strip()
    return ""
