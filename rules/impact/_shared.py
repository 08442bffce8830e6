"""Helpers shared by the impact rules: titles, figures, cue words and where findings stand."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.annotation import SUPPORTED_LANGS, Lang, TextAnalysis, Token
from analyzer.model import VISIBLE_SCOPES, Loc, Scope, Slide
from analyzer.prose import is_quotation, looks_like_code
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


# --- a slide's point: where the title should say it ------------------------------------------

#: A takeaway that can become a title: a sentence of this many words at least and at most.
_TAKEAWAY_WORDS = (4, 20)
#: Word classes that can head a subject; a figure alone ("40% reported") is a label's.
_SUBJECTS = frozenset({"NOUN", "PROPN", "PRON"})


_UNIT_IN_BRACKETS = re.compile(r"\((?:[^()\d]*)\)")
#: Word classes that start what an instruction asks for: an object, a manner, a clause.
_OBJECT_STARTS = frozenset(
    {"DET", "PRON", "ADV", "SCONJ", "NOUN", "PROPN", "ADJ", "NUM", "VERB", "PART"}
)


def is_imperative(analysis: TextAnalysis) -> bool:
    """An English title or line that opens with a verb in its base form gives an instruction
    ("Use the versions plugin", "Learn how to program with C#", "Book a demo"): it states
    something to do. French imperatives are finite verbs already (« Simplifions l'offre »)."""
    words = [t for t in analysis.tokens if t.is_word]
    if analysis.lang is not Lang.EN or not words:
        return False
    first = words[0]
    if first.lower != first.lemma.lower():
        return False
    # An instruction goes on with what to do: "Use the plugin", "Learn how to...", "Contact
    # us"; "Churn by segment" is a noun phrase whatever the tagger says of "Churn". And "Book
    # a demo": the tagger may read the verb as a noun; the determiner after it shows the verb.
    after = words[1].pos if len(words) > 1 else ""
    if first.pos == "VERB":
        return after in _OBJECT_STARTS
    return first.pos == "NOUN" and after in ("DET", "PRON")


def is_topic_label(ctx: RuleContext[Any], title: Title) -> bool:
    """A title that names a topic ("Q3 results", « Chiffres clés »): no verb that states
    something, no instruction, no figure, no word of change, not a question, and not one of
    the labels that are rightly labels (navigation, demo, summary and closing titles)."""
    if title.is_question or title.states_something:
        return False
    if any(is_imperative(a) for a in title.analyses):
        return False
    # A unit in brackets says how the data is counted: "Enrollment by year (by percent)".
    if figures_for(ctx, title.lang).found_in(_UNIT_IN_BRACKETS.sub(" ", title.text)):
        return False
    claims = list_terms(ctx, title.lang, "claim-words", "impact-quantifiers")
    if has_cue(claims, title.text):
        return False
    cues = list_terms(ctx, title.lang, "topic-labels", "summary-cues", "closing-cues")
    # End matter opens its title ("References", "Appendix: ..."); "Customer references" or
    # "Contact center costs" name a topic.
    end_matter = ctx.lexicon("impact-end-matter", title.lang).terms
    outline = ctx.lexicon("impact-outline-titles", title.lang).terms
    return not (
        has_cue(cues, title.text)
        or starts_with_cue(end_matter, title.text)
        or is_whole_title(outline, title.text)
    )


#: A figure that measures a result: a share, an amount, a duration, a factor ("12 %", "4 M€",
#: "345 ms", "x3", « deux fois »). A count of things ("8 expressions") or a range ("0-1") is not.
_RESULT_FIGURE = re.compile(
    r"\d[\d\u00a0\u202f .,]*\s?(?:%|‰|€|\$|£|k€|m€|md€|k\$|m\$|bn\b|ms\b|h\b|min\b|"
    r"hours?\b|heures?\b|jours?\b|days?\b|weeks?\b|semaines?\b|mois\b|months?\b|"
    r"years?\b|ans\b|points?\b|pts\b|x\b|fois\b|times\b)|[x×]\s?\d",
    re.IGNORECASE,
)
#: Words that open a clause inside a sentence: a verb after one of them is not the sentence's.
_CLAUSE_OPENERS = frozenset(
    {
        "that",
        "which",
        "who",
        "whose",
        "where",
        "when",
        "if",
        "qui",
        "que",
        "qu'",
        "qu’",
        "dont",
        "où",
        "si",
        "quand",
        "lorsque",
    }
)
#: Subjects that present or define rather than state a result: "It is...", « C'est ... ».
_EXPLETIVES = frozenset({"c", "ce", "it", "this", "that", "there", "il", "cela", "ça"})
#: Signs before the main verb that show a label, a formula or a list, not a sentence.
_NOT_A_CLAUSE = frozenset({":", "(", "=", "-", "–", "—"})


#: What comes before the last figure of a range: "1-2 months", "3 à 6 mois", "> 6 months".
_RANGE_BEFORE = re.compile(r"(?:\d\s?[-–‑]\s?|\d\s(?:à|to)\s|[<>≤≥]\s?)$")
_DURATION = re.compile(
    r"(?:h|min|hours?|heures?|jours?|days?|weeks?|semaines?|mois|months?|years?|ans)$",
    re.IGNORECASE,
)


def has_result_figure(text: str) -> bool:
    """Whether the text holds a figure that measures a result (``_RESULT_FIGURE``). A span of
    time given as a range is a horizon, not a result: "Short-term (1-2 months)", « (3 à 6
    mois) », "(> 6 months)"; a range of shares or amounts is one ("up 12-15 %")."""
    return any(
        _DURATION.search(match.group(0)) is None
        or _RANGE_BEFORE.search(text, 0, match.start()) is None
        for match in _RESULT_FIGURE.finditer(text)
    )


def takeaway(ctx: RuleContext[Any], slide: Slide) -> str | None:
    """The sentence of the slide's body that states its point, the one a title should say: a
    main clause (a subject, then its finite verb) with a figure that measures a result ("12 %",
    "345 ms", "x3"), short enough for a title; the first one found, in reading order. None
    when the body states no such point (quotations and code aside)."""
    for ref in ctx.prose(BODY_SCOPES, slide=slide):
        if is_quotation(ref.paragraph.text):
            continue
        analysis = ref.analysis
        for sentence in analysis.sentences:
            tokens = analysis.sentence_tokens(sentence)
            words = [t for t in tokens if t.is_word]
            low, high = _TAKEAWAY_WORDS
            if not low <= len(words) <= high or not _is_main_clause(tokens):
                continue
            text = analysis.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
            if has_result_figure(text):
                return text.strip().rstrip(".;:").strip()
    return None


def _is_main_clause(tokens: Sequence[Token]) -> bool:
    """A subject, then its finite verb, with nothing before the verb that makes the sentence
    a label, a formula or a subordinate clause; it starts with a letter or a figure."""
    if not tokens or not (tokens[0].is_word or tokens[0].is_number):
        return False
    for i, token in enumerate(tokens):
        if token.is_finite_verb:
            before = tokens[:i]
            subjects = [t for t in before if t.pos in _SUBJECTS and t.is_word]
            signs = [
                t for j, t in enumerate(before) if t.text in _NOT_A_CLAUSE and _spaced(tokens, j)
            ]
            return (
                bool(subjects)
                and not all(t.lower.rstrip("'’") in _EXPLETIVES for t in subjects)
                and not signs
                and not any(t.lower in _CLAUSE_OPENERS for t in before)
            )
    return False


def _spaced(tokens: Sequence[Token], j: int) -> bool:
    """A sign with a space before or after it: a hyphen inside "self-service" is part of a
    word; a spaced dash or a colon separates a label from what follows."""
    before = tokens[j - 1].whitespace if j > 0 else " "
    return tokens[j].text != "-" or bool(before) or bool(tokens[j].whitespace)


def shows_data(ctx: RuleContext[Any], slide: Slide, title: Title) -> bool:
    """Whether the slide's content is data to read a conclusion from: a chart, a table of
    figures, or a table or a picture under a title that names results, a comparison or a
    change over time ("Results", « Comparatif », "Enrollment by year"); a table of who does
    what, of options or of commands is not data."""
    data_tables = {table.shape_id for table in slide.tables if _mostly_figures(table.cells)}
    prose = sum(
        ctx.analysis(p.text).word_count
        for block in slide.blocks_in(BODY_SCOPES - {Scope.CHART})
        if not (block.scope is Scope.TABLE and block.shape_id in data_tables)
        for p in block.non_empty_paragraphs
    )
    if prose > _DATA_SLIDE_PROSE:
        return False  # a page of text that shows a table or a chart on the side
    if slide.charts:
        return True
    if data_tables:
        return True
    if slide.tables or slide.pictures:
        return has_cue(ctx.lexicon("data-title-words", title.lang).terms, title.text)
    return False


#: A slide with more words than this outside its tables and charts is a text that shows data
#: on the side, not a slide of data.
_DATA_SLIDE_PROSE = 60
#: A table whose cells hold this many characters on average is text laid out in a grid.
_DATA_CELL_CHARS = 40


def _mostly_figures(cells: Sequence[Any]) -> bool:
    """A table of figures: a quarter of its non-empty cells at least hold a number, and its
    cells are short (a grid of paragraphs is text, whatever numbers it quotes)."""
    texts = [c.text.strip() for c in cells if c.text.strip()]
    if len(texts) < 4 or sum(map(len, texts)) > _DATA_CELL_CHARS * len(texts):
        return False
    with_figures = sum(_STANDALONE_NUMBER.search(text) is not None for text in texts)
    return 4 * with_figures >= len(texts)


#: A number of its own: "12", "3.5", not the digit of a name or a version ("v2", "Q3", "VM1").
_STANDALONE_NUMBER = re.compile(r"(?<![^\W\d_])\d")
