"""Helpers shared by the impact rules: titles, figures, cue words and where findings stand."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.annotation import Lang, TextAnalysis
from analyzer.model import VISIBLE_SCOPES, Loc, Scope, Slide
from rules._base import RuleContext
from rules._lexicon import normalize_term
from rules._match import Hit, find_phrases

WORD_LISTS = frozenset({Lang.EN, Lang.FR})
BODY_SCOPES = VISIBLE_SCOPES - {Scope.TITLE}
TEXT_SCOPES = frozenset({Scope.TITLE, Scope.BODY})
#: Word classes after which a determiner starts a second noun group, i.e. an object: "the
#: offer [cuts] the churn". A topic label links its noun groups with prepositions instead.
_BEFORE_OBJECT = frozenset({"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV"})
_NO_TITLE = "—"


@dataclass(frozen=True)
class Title:
    """A slide's title with the analyses of its lines (a title may hold several paragraphs)."""

    text: str
    analyses: tuple[TextAnalysis, ...]

    @property
    def lang(self) -> Lang:
        return self.analyses[0].lang if self.analyses else Lang.OTHER

    @property
    def tagged(self) -> bool:
        return any(a.tokens for a in self.analyses)

    @property
    def words(self) -> int:
        return sum(a.word_count for a in self.analyses)

    @property
    def is_question(self) -> bool:
        return is_question(self.text)

    @property
    def states_something(self) -> bool:
        return any(_states_something(a) for a in self.analyses)


def read_title(ctx: RuleContext[Any], slide: Slide) -> Title | None:
    if slide.title is None:
        return None
    whole = ctx.annotated.analyses.get(slide.title)
    if whole is not None:
        return Title(slide.title, (whole,))
    blocks = [b for b in slide.blocks if b.shape_id == slide.title_shape_id]
    blocks = blocks or [b for b in slide.blocks if b.scope is Scope.TITLE]
    lines = blocks[0].non_empty_paragraphs if blocks else ()
    return Title(slide.title, tuple(ctx.analysis(p.text) for p in lines))


def _states_something(analysis: TextAnalysis) -> bool:
    """A finite verb, or a noun group that can only be an object (the tagger may miss a verb
    such as « améliore » tagged as an adverb; its object still shows: « améliore la marge »)."""
    if analysis.has_finite_verb:
        return True
    previous = None
    for token in analysis.tokens:
        if token.pos == "DET" and previous is not None and previous.pos in _BEFORE_OBJECT:
            return True
        previous = token
    return False


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def visible_slides(slides: Iterable[Slide]) -> tuple[Slide, ...]:
    return tuple(s for s in slides if not s.hidden)


def has_cue(terms: tuple[str, ...], text: str) -> bool:
    return next(find_phrases(terms, text), None) is not None


def starts_with_cue(terms: tuple[str, ...], text: str) -> bool:
    first = next(find_phrases(terms, text), None)
    return first is not None and not any(ch.isalnum() for ch in text[: first.start])


def list_terms(ctx: RuleContext[Any], lang: Lang, *names: str) -> tuple[str, ...]:
    return tuple(t for name in names for t in ctx.lexicon(name, lang).terms)


def word_list(
    ctx: RuleContext[Any], name: str, lang: Lang, extend: frozenset[str], ignore: frozenset[str]
) -> tuple[str, ...]:
    """A list's terms with a team's additions and removals (both normalised as the list is)."""
    dropped = {normalize_term(t) for t in ignore}
    terms = set(ctx.lexicon(name, lang).terms) | {normalize_term(t) for t in extend}
    return tuple(sorted(terms - dropped))


_NUMBER = re.compile(r"\d+(?:[\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?")
_UNIT = re.compile(r"\s?(?:%|‰|€|\$|£|k\b|m\b|md\b|bn\b|pts?\b|points?\b)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}|[ivx]{1,4})[.)]\s+", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b")


@dataclass(frozen=True)
class Figures:
    """Tells a figure ("12 %", "2,5 M€", "x3", « deux fois ») from a code, a year or a date."""

    number_words: tuple[str, ...]
    months: tuple[str, ...]

    def found_in(self, text: str) -> bool:
        text = _ENUMERATOR.sub("", _NUMERIC_DATE.sub(" ", text))
        for month in find_phrases(self.months, text):
            text = _without_day(text, month)
        for match in _NUMBER.finditer(text):
            before = text[match.start() - 1] if match.start() else ""
            if before.isalpha() and before not in "x×":
                continue  # a code: Q3, T3, FY25, S1
            if _YEAR.fullmatch(match.group(0)) and not _UNIT.match(text, match.end()):
                continue
            return True
        return has_cue(self.number_words, text)


def _without_day(text: str, month: Hit) -> str:
    """The text with the day number next to a month blanked out ("15 May", « 1er mars »)."""
    before = re.search(r"\d{1,2}(?:er|st|nd|rd|th)?\s+$", text[: month.start])
    if before is not None:
        return text[: before.start()] + " " * (month.start - before.start()) + text[month.start :]
    after = re.match(r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\s?%)", text[month.end :])
    if after is not None:
        end = month.end + after.end()
        return text[: month.end] + " " * (end - month.end) + text[end:]
    return text


def figures_for(ctx: RuleContext[Any], lang: Lang) -> Figures:
    return Figures(
        ctx.lexicon("impact-number-words", lang).terms, ctx.lexicon("impact-months", lang).terms
    )


def deck_loc() -> Loc:
    return Loc(scope=Scope.DECK)


def title_loc(slide: Slide) -> Loc:
    names = [b.shape_name for b in slide.blocks if b.shape_id == slide.title_shape_id]
    shape_name = names[0] if names and slide.title_shape_id is not None else None
    return Loc(slide.number, slide.slide_id, slide.title_shape_id, shape_name, Scope.TITLE)


def joined_titles(slides: Sequence[Slide]) -> str:
    return " / ".join(s.title or _NO_TITLE for s in slides)


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
