"""Helpers shared by the impact rules: titles, figures, cue words and where findings stand."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.annotation import SUPPORTED_LANGS, Lang, TextAnalysis, Token
from analyzer.model import VISIBLE_SCOPES, Loc, Scope, Slide
from analyzer.prose import looks_like_code
from rules._base import RuleContext
from rules._lexicon import normalize_term
from rules._match import Hit, find_phrases

WORD_LISTS = SUPPORTED_LANGS
BODY_SCOPES = VISIBLE_SCOPES - {Scope.TITLE}
TEXT_SCOPES = frozenset({Scope.TITLE, Scope.BODY})
#: Word classes after which a determiner starts a second noun group, i.e. an object: "the
#: offer [cuts] the churn". A topic label links its noun groups with prepositions instead.
_BEFORE_OBJECT = frozenset({"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV"})
#: Marks after which a verbless title states its point: « Offre actuelle : trop complexe »,
#: "Previous frameworks - similar, but different". A dash counts only between spaces
#: ("kick-off" is one word).
_PREDICATE_MARKS = frozenset({":", "-", "–", "—"})
_NOMINAL = frozenset({"NOUN", "PROPN", "NUM"})
_NO_TITLE = "—"
#: Covers, section headers and demo slides: their title names a part of the talk, not a point.
SKIPPED_LAYOUTS = frozenset(
    {
        "cover",
        "couverture",
        "demo",
        "démo",
        "diapositive de titre",
        "en-tête de section",
        "page de garde",
        "section header",
        "title slide",
        "titre de section",
    }
)


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
    such as « améliore » tagged as an adverb; its object still shows: « améliore la marge »),
    or a verbless statement: "ASP.NET = one web stack", « Offre actuelle : trop complexe »."""
    if analysis.has_finite_verb:
        return True
    previous = None
    for token in analysis.tokens:
        if token.pos == "DET" and previous is not None and previous.pos in _BEFORE_OBJECT:
            return True
        previous = token
    return _verbless_statement(analysis)


def _verbless_statement(analysis: TextAnalysis) -> bool:
    """An equation between two words ("ASP.NET = A unified web stack"), or a subject, a colon
    or a spaced dash, then a quality: an adverb (« trop complexe », "too slow") or an adjective
    that does not qualify a noun right after it ("similar, but different", « identiques pour
    tous »; "Example: Differentiated products" is a noun group), possibly after another one
    (« complexe et lente »)."""
    tokens = analysis.tokens
    # Positions of the words and numbers: what follows a mark is looked up, not scanned again
    # for each token (a fuzzed title of 40,000 tokens took minutes). Four words after the mark
    # decide it.
    words_at = [j for j, t in enumerate(tokens) if t.is_word or t.is_number]
    first_word = next((j for j, t in enumerate(tokens) if t.is_word), len(tokens))
    for i, token in enumerate(tokens):
        if i <= first_word or (token.text != "=" and token.text not in _PREDICATE_MARKS):
            continue
        after = bisect.bisect_right(words_at, i)
        rest = [tokens[j] for j in words_at[after : after + 4]]
        if token.text == "=" and rest:
            return True
        spaced = token.text == ":" or (i > 0 and tokens[i - 1].whitespace != "")
        if token.text not in _PREDICATE_MARKS or not spaced or not rest:
            continue
        if rest[0].pos == "ADV":
            return True
        # « complexe et lente » : the tagger may take the first quality for a noun; the second
        # one, after « et », shows what both are.
        quality = 2 if len(rest) > 2 and rest[1].pos == "CCONJ" else 0
        return _is_quality(rest, 0) or (quality > 0 and _is_quality(rest, quality))
    return False


def _is_quality(words: Sequence[Token], i: int) -> bool:
    """An adjective that does not qualify a noun right after it."""
    return words[i].pos == "ADJ" and (i + 1 == len(words) or words[i + 1].pos not in _NOMINAL)


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def visible_slides(slides: Iterable[Slide]) -> tuple[Slide, ...]:
    return tuple(s for s in slides if not s.hidden)


def layout_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Layout names matched as whole words anywhere in a layout's name ("Title Slide 2")."""
    folded = sorted({normalize_term(name) for name in names if name.strip()})
    if not folded:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in folded) + r")(?!\w)")


def has_layout(pattern: re.Pattern[str] | None, slide: Slide) -> bool:
    # PowerPoint names a copied layout "1_Title Slide".
    name = normalize_term(slide.layout_name.replace("_", " "))
    return pattern is not None and pattern.search(name) is not None


def is_code_slide(slide: Slide) -> bool:
    """A slide whose text is mostly code or a terminal: its title names the code it shows."""
    lines = [p for b in slide.blocks_in(BODY_SCOPES) for p in b.non_empty_paragraphs]
    return bool(lines) and 2 * sum(looks_like_code(p) for p in lines) > len(lines)


def is_divider(slide: Slide) -> bool:
    """A slide that shows its title and nothing else: a section divider or a pause."""
    if slide.tables or slide.charts or slide.pictures:
        return False
    return not any(b.non_empty_paragraphs for b in slide.blocks_in(BODY_SCOPES))


def outside(hits: Iterable[Hit], exceptions: Sequence[Hit]) -> Iterator[Hit]:
    """The hits that do not lie inside one of ``exceptions`` ("the more" holds "more")."""
    for hit in hits:
        if not any(e.start <= hit.start and hit.end <= e.end for e in exceptions):
            yield hit


def has_cue(terms: tuple[str, ...], text: str) -> bool:
    return next(find_phrases(terms, text), None) is not None


def starts_with_cue(terms: tuple[str, ...], text: str) -> bool:
    first = next(find_phrases(terms, text), None)
    return first is not None and not any(ch.isalnum() for ch in text[: first.start])


def is_whole_title(terms: tuple[str, ...], text: str) -> bool:
    """Whether the title, without case and punctuation, is one of ``terms`` ("Overview.")."""
    words = re.sub(r"[^\w' ]|_", " ", normalize_term(text)).split()
    return " ".join(words) in terms


def list_terms(ctx: RuleContext[Any], lang: Lang, *names: str) -> tuple[str, ...]:
    return tuple(t for name in names for t in ctx.lexicon(name, lang).terms)


def word_list(
    ctx: RuleContext[Any], name: str, lang: Lang, extend: frozenset[str], ignore: frozenset[str]
) -> tuple[str, ...]:
    """A list's terms with a team's additions and removals."""
    return ctx.lexicon(name, lang).extended(extend).without(ignore).terms


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
    """The slides read, numbered: "1. Pricing review · 2. Agenda" (a title may hold a "/")."""
    return " · ".join(f"{s.number}. {s.title or _NO_TITLE}" for s in slides)
