"""The CL104 hard-to-read-slide rule and its options."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Slide
from rules._base import Msg, Rule, RuleContext
from rules.clarity._shared import WORD_LANGS

#: How a readability formula is named to people (the same in both languages).
_FORMULA_NAMES = {"flesch-reading-ease": "Flesch", "kandel-moles": "Kandel-Moles"}


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

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CL104"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    12 of 46 remarks were correct (26%). Readability formulas misfire on slides of short labels,
    screenshots and diagrams, and technical vocabulary scores as hard for an audience that uses
    it every day.
    """

    code, name = "CL104", "hard-to-read-slide"
    enabled_by_default = False
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
    group_message = Msg(
        en="{count} slides are hard to read: slides {slides}.",
        fr="{count} diapositives sont difficiles à lire : diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Use shorter sentences and everyday words on each: one idea per bullet.",
        fr="Faites sur chacune des phrases plus courtes avec des mots courants : une idée par "
        "puce.",
    )

    def check(self, ctx: RuleContext[HardToReadSlideOptions]) -> Iterator[Finding]:
        opts = ctx.options
        limit = opts.min_reading_ease
        for slide in ctx.slides:
            measured = ctx.annotated.readability.get(slide.number)
            if (
                measured is None
                or measured.score >= limit
                or measured.words / measured.sentences < opts.min_sentence_words
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


def _first_line(slide: Slide) -> str:
    if slide.title:
        return slide.title
    for block in slide.blocks_in(VISIBLE_SCOPES):
        for paragraph in block.non_empty_paragraphs:
            return paragraph.text.strip()
    return ""
