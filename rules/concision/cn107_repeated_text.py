"""The CN107 repeated-text rule and its options."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.annotation import TextAnalysis
from analyzer.findings import Family, Finding, Severity
from analyzer.model import Scope, Slide
from rules._base import Msg, ParagraphRef, Rule, RuleContext

#: A source or a citation, repeated under each chart or quote on purpose.
_SOURCE_LINE = re.compile(
    r"^\s*(?:\(?\s*)?(?:sources?|d'après|according to|cf\.|réf\.|ref\.|credits?|crédits?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, kw_only=True)
class RepeatedTextOptions:
    min_words: int = 5
    max_share: float = 0.5
    scopes: frozenset[Scope] = frozenset({Scope.BODY})


def _repetition_key(text: str) -> str:
    """The text as compared: case, spacing, punctuation and apostrophe forms do not count."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def _same_title(title_of: dict[int, str], number: int, seen_on: set[int]) -> bool:
    """Whether an earlier slide with the text has this slide's title: a build or a recap."""
    title = title_of.get(number)
    return title is not None and any(
        earlier < number and title_of.get(earlier) == title for earlier in seen_on
    )


@dataclass(frozen=True)
class _Unit:
    """A repeatable piece of a paragraph: the whole paragraph, or one of its sentences."""

    key: str
    text: str


class RepeatedText(Rule[RepeatedTextOptions]):
    """Same sentence or bullet on several slides.

    ## What it does
    Flags a bullet, or a sentence of a paragraph, of at least `min-words` words that already
    appeared, written the same way (case, spacing and punctuation aside), on an earlier slide.
    Body text only by default: tables and diagrams rightly repeat their row labels and steps,
    and titles are left to the duplicate-title check. Text found on more than `max-share` of the
    slides is a footer (confidentiality line, source, date) and is not flagged. Hidden slides
    are not read: a backup slide may repeat the deck. Some text is rightly repeated and is not
    flagged either: the title of a slide of the deck (an agenda shown again before each part),
    text repeated on a slide with the same title as the earlier one (a slide built in steps, a
    recap), a source or citation line ("Source: IDC (forthcoming)", « D'après ... », repeated
    under each chart on purpose), and code shown on the slides.

    ## Why is this bad?
    The audience notices a sentence it has already read, and concludes the deck is padded. Each
    repetition also takes the place of something new: the later slide should build on the
    earlier one, not restate it.

    ## Example
    Slide 3: "Three tiers replace the 40 options of the current catalogue"; slide 7 repeats
    "Three tiers replace the 40 options of the current catalogue" as its first bullet.

    Use instead:
    Slide 7: "Tier migration: 80 % of clients by Q3", which builds on slide 3.

    ## Options
    - `min-words`: the fewest words a repeated text must have (5).
    - `max-share`: text on more than this share of the slides is a footer (0.5).
    - `scopes`: where to look (body; add table or smartart to compare them too; titles are
      never compared).

    ## Precision on real decks
    Off by default: run it with `extend-select = ["CN107"]`. Judged on the 34 real
    decks of the development corpus (every remark read as a presentation mentor reads it),
    none of 14 remarks was correct: the text repeated was repeated by design (section headings,
    parallel definitions, source lines).
    """

    code, name = "CN107", "repeated-text"
    enabled_by_default = False
    family, severity = Family.CONCISION, Severity.INFO
    Options = RepeatedTextOptions
    message = Msg(
        en="Same text as on slide {first}.",
        fr="Même texte que sur la diapositive {first}.",
    )
    suggestion = Msg(
        en="Say it once, where it matters most; here, refer back to slide {first} in a few words "
        "or build on it.",
        fr="Dites-le une fois, là où il compte le plus ; ici, renvoyez à la diapositive {first} en "
        "quelques mots ou allez plus loin.",
    )
    group_message = Msg(
        en="{count} lines repeat text from earlier slides, on slides {slides}.",
        fr="{count} lignes reprennent le texte de diapositives précédentes, sur les diapositives "
        "{slides}.",
    )
    group_suggestion = Msg(
        en="Say each once, where it matters most, and refer back to it elsewhere.",
        fr="Dites chacune une fois, là où elle compte le plus, et renvoyez-y ailleurs.",
    )

    def check(self, ctx: RuleContext[RepeatedTextOptions]) -> Iterator[Finding]:
        opts = ctx.options
        slides = [s for s in ctx.slides if not s.hidden]
        units: list[tuple[Slide, ParagraphRef, tuple[_Unit, ...]]] = []
        first_slide: dict[str, int] = {}
        slides_with: dict[str, set[int]] = {}
        for slide in slides:
            for ref in ctx.prose(opts.scopes - {Scope.TITLE}, slide=slide):
                if _SOURCE_LINE.match(ref.paragraph.text):
                    continue  # "Source: IDC (forthcoming)" is repeated under each chart by design
                found = self._units(ref.analysis, opts.min_words)
                units.append((slide, ref, found))
                for unit in found:
                    first_slide.setdefault(unit.key, slide.number)
                    slides_with.setdefault(unit.key, set()).add(slide.number)
        footer_above = opts.max_share * len(slides)
        # Slide titles name the parts of the deck: an agenda repeats them on purpose.
        title_of = {s.number: _repetition_key(s.title) for s in ctx.slides if s.title}
        titles = frozenset(title_of.values())
        for slide, ref, found in units:
            for unit in found:
                first = first_slide[unit.key]
                if (
                    first >= slide.number
                    or len(slides_with[unit.key]) > footer_above
                    or unit.key in titles
                    or _same_title(title_of, slide.number, slides_with[unit.key])
                ):
                    continue
                yield self.finding(ctx, ref.loc, evidence=unit.text, first=first)
                break

    @staticmethod
    def _units(analysis: TextAnalysis, min_words: int) -> tuple[_Unit, ...]:
        """The paragraph, then its sentences when it has several; long enough ones only."""
        candidates = [(analysis.text.strip(), analysis.word_count)]
        if len(analysis.sentences) > 1:
            for sentence in analysis.sentences:
                words = sum(1 for t in analysis.sentence_tokens(sentence) if t.is_word)
                candidates.append((sentence.text.strip(), words))
        unique: dict[str, _Unit] = {}
        for text, words in candidates:
            key = _repetition_key(text)
            if words >= min_words and key not in unique:
                unique[key] = _Unit(key, text)
        return tuple(unique.values())
