"""Message impact: make each slide state its point, and the deck tell a story.

Slide rules read the title and the bullets; deck rules (MI106, MI107) read the storyline: the
first slides must state the key message and the last ones must ask for a decision. What a cue
word is (« synthèse », "next steps", « merci ») is data, in ``rules/lexicons/{en,fr}/``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from analyzer.annotation import Lang, TextAnalysis
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Loc, Paragraph, Scope, Slide
from rules._base import Msg, Rule, RuleContext
from rules._lexicon import normalize_term
from rules._match import Hit, find_phrases

_WORD_LISTS = frozenset({Lang.EN, Lang.FR})
_BODY_SCOPES = VISIBLE_SCOPES - {Scope.TITLE}
_TEXT_SCOPES = frozenset({Scope.TITLE, Scope.BODY})
#: Word classes after which a determiner starts a second noun group, i.e. an object: "the
#: offer [cuts] the churn". A topic label links its noun groups with prepositions instead.
_BEFORE_OBJECT = frozenset({"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV"})
#: What may follow a one-word quantifier used as a quantity ("more clients", not "more agile").
_NOMINAL = frozenset({"NOUN", "PROPN", "X", "NUM", "DET", "PRON"})
_NO_TITLE = "—"


# --- reading titles and figures --------------------------------------------------------------


@dataclass(frozen=True)
class _Title:
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
        return _is_question(self.text)

    @property
    def states_something(self) -> bool:
        return any(_states_something(a) for a in self.analyses)


def _title(ctx: RuleContext[Any], slide: Slide) -> _Title | None:
    if slide.title is None:
        return None
    whole = ctx.annotated.analyses.get(slide.title)
    if whole is not None:
        return _Title(slide.title, (whole,))
    blocks = [b for b in slide.blocks if b.shape_id == slide.title_shape_id]
    blocks = blocks or [b for b in slide.blocks if b.scope is Scope.TITLE]
    lines = blocks[0].non_empty_paragraphs if blocks else ()
    return _Title(slide.title, tuple(ctx.analysis(p.text) for p in lines))


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


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def _visible(slides: Iterable[Slide]) -> tuple[Slide, ...]:
    return tuple(s for s in slides if not s.hidden)


def _has_cue(terms: tuple[str, ...], text: str) -> bool:
    return next(find_phrases(terms, text), None) is not None


def _starts_with_cue(terms: tuple[str, ...], text: str) -> bool:
    first = next(find_phrases(terms, text), None)
    return first is not None and not any(ch.isalnum() for ch in text[: first.start])


def _terms(ctx: RuleContext[Any], lang: Lang, *names: str) -> tuple[str, ...]:
    return tuple(t for name in names for t in ctx.lexicon(name, lang).terms)


def _word_list(
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
class _Figures:
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
        return _has_cue(self.number_words, text)


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


def _figures(ctx: RuleContext[Any], lang: Lang) -> _Figures:
    return _Figures(
        ctx.lexicon("impact-number-words", lang).terms, ctx.lexicon("impact-months", lang).terms
    )


def _slide_has_data(slide: Slide, figures: _Figures) -> bool:
    """A chart, or a table with figures in it: the numbers are on the slide."""
    if slide.charts:
        return True
    cells = [c.text for table in slide.tables for c in table.cells]
    cells += [p.text for b in slide.blocks_in({Scope.TABLE}) for p in b.non_empty_paragraphs]
    return any(figures.found_in(text) for text in cells)


def _deck_loc() -> Loc:
    return Loc(scope=Scope.DECK)


def _title_loc(slide: Slide) -> Loc:
    names = [b.shape_name for b in slide.blocks if b.shape_id == slide.title_shape_id]
    shape_name = names[0] if names and slide.title_shape_id is not None else None
    return Loc(slide.number, slide.slide_id, slide.title_shape_id, shape_name, Scope.TITLE)


def _titles(slides: Sequence[Slide]) -> str:
    return " / ".join(s.title or _NO_TITLE for s in slides)


# --- MI101 ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class MissingTitleOptions:
    min_words: int = 1


class MissingTitle(Rule[MissingTitleOptions]):
    """Slide with text but no title.

    ## What it does
    Flags a visible slide that shows text, a table or a chart but has no title: no text in a
    title placeholder and no title that deckmentor could infer from the layout. Hidden slides,
    blank slides and slides with only pictures are left alone (a full-page photo or a logo is
    often deliberate).

    ## Why is this bad?
    The title is the first thing the committee reads, and on a slide without one, nobody knows
    what to look at or what to conclude. A reader who leafs through the deck afterwards reads
    only the titles.

    ## Example
    A slide with three bullets, "Bundles replace options", "Renewals become automatic",
    "Partners get a portal", and nothing in the title placeholder.

    Use instead:
    Title: "The new offer is simpler to buy and to renew", then the three bullets.

    ## Options
    - `min-words`: flag only slides showing at least this many words (1: any text), to let a
      picture with a short caption go.
    """

    code, name = "MI101", "missing-title"
    family, severity = Family.IMPACT, Severity.WARNING
    Options = MissingTitleOptions
    message = Msg(
        en="This slide has no title: the audience must guess its point from “{evidence}”.",
        fr="Cette diapositive n'a pas de titre : l'auditoire doit deviner son message à partir "
        "de « {evidence} ».",
    )
    suggestion = Msg(
        en="Add a title that states the slide's point as a short sentence, e.g. “The new offer "
        "is simpler to buy and to renew”.",
        fr="Ajoutez un titre qui énonce le message en une phrase courte, par exemple « La "
        "nouvelle offre est plus simple à acheter et à renouveler ».",
    )

    def check(self, ctx: RuleContext[MissingTitleOptions]) -> Iterator[Finding]:
        for slide in _visible(ctx.slides):
            if slide.title is not None:
                continue
            lines = [ref.paragraph.text for ref in ctx.paragraphs(_BODY_SCOPES, slide=slide)]
            words = sum(
                1
                for text in lines
                for token in ctx.analysis(text).tokens
                if token.is_word or token.is_number
            )
            has_data = bool(slide.tables or slide.charts)
            if has_data or (lines and words >= ctx.options.min_words):
                evidence = lines[0].strip() if lines else _table_or_chart_text(slide)
                yield self.finding(ctx, _title_loc(slide), evidence=evidence)


def _table_or_chart_text(slide: Slide) -> str:
    for table in slide.tables:
        for cell in table.cells:
            if cell.text.strip():
                return cell.text.strip()
    for chart in slide.charts:
        if chart.title:
            return chart.title
    return ""


# --- MI102 ----------------------------------------------------------------------------------

_COVER_LAYOUTS = frozenset(
    {
        "cover",
        "couverture",
        "diapositive de titre",
        "en-tête de section",
        "section header",
        "title slide",
        "titre de section",
    }
)


@dataclass(frozen=True, kw_only=True)
class TopicLabelTitleOptions:
    max_words: int = 15
    skip_layouts: frozenset[str] = _COVER_LAYOUTS


class TopicLabelTitle(Rule[TopicLabelTitleOptions]):
    """Title that names a topic instead of stating the slide's point.

    ## What it does
    On a content slide (one with bullets, a table or a chart), flags a title that names a
    topic, such as "Q3 results", « Chiffres clés » or "Market overview": no verb that makes a
    statement, no figure, no word of change. It also flags a title longer than `max-words`
    words, too long to be read at a glance.

    Left alone: the first slide (the cover names the deck's topic), slides whose layout name
    contains one of `skip-layouts` (covers, section headers), question titles, and navigation
    or closing titles (« Sommaire », "Agenda", "Appendix", "Next steps", « Synthèse »: the
    `topic-labels`, `impact-end-matter`, `summary-cues` and `closing-cues` word lists). A title
    with a word of change but no figure ("Strong growth in the mid-market") is MI105's
    business.

    ## Why is this bad?
    The committee reads the title first and then decides whether to read the rest. A topic
    label leaves them to work out the conclusion themselves, and each will draw their own. An
    action title states the point, with a verb, in one line.

    ## Example
    Title: "Market overview", over four bullets on competitors' prices.

    Use instead:
    Title: "Our competitors already sell bundles 15 % below our list prices".

    ## Options
    - `max-words`: longest title, in words, before it is too long to be an action title.
    - `skip-layouts`: layout names (or parts of them, any case) whose slides are not checked.
    """

    code, name = "MI102", "topic-label-title"
    family, severity = Family.IMPACT, Severity.WARNING
    languages = _WORD_LISTS
    Options = TopicLabelTitleOptions
    message = Msg(
        en="The title “{evidence}” is not an action title: {problem}.",
        fr="Le titre « {evidence} » n'est pas un titre-message : {problem}.",
    )
    suggestion = Msg(
        en="State the slide's point as a sentence with a verb, in at most {limit} words, e.g. "
        "“Bundles cut our discounts by 5 points”.",
        fr="Énoncez le message de la diapositive en une phrase avec un verbe, en {limit} mots "
        "au plus, par exemple « Les forfaits réduisent nos remises de 5 points ».",
    )
    problems: ClassVar[Mapping[str, Msg]] = {
        "label": Msg(
            en="it names a topic but does not say what to conclude",
            fr="il nomme un sujet mais ne dit pas quoi en conclure",
        ),
        "long": Msg(
            en="it is too long to be read at a glance",
            fr="il est trop long pour être lu d'un coup d'œil",
        ),
    }

    def check(self, ctx: RuleContext[TopicLabelTitleOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        skip = _layout_pattern(ctx.options.skip_layouts)
        for slide in _visible(ctx.slides)[1:]:
            skipped = skip is not None and skip.search(_fold(slide.layout_name)) is not None
            if skipped or not _is_content_slide(slide):
                continue
            title = _title(ctx, slide)
            if title is None or title.lang not in self.languages or not title.tagged:
                continue
            if title.words > limit:
                problem = "long"
            elif not _is_exempt_label(ctx, title) and _is_topic_label(ctx, title):
                problem = "label"
            else:
                continue
            yield self.finding(
                ctx,
                _title_loc(slide),
                evidence=title.text,
                problem=self.problems[problem].in_lang(ctx.report_lang),
                limit=limit,
            )


def _layout_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Layout names matched as whole words anywhere in a layout's name ("Title Slide 2")."""
    folded = sorted({_fold(name) for name in names if name.strip()})
    if not folded:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in folded) + r")(?!\w)")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _is_content_slide(slide: Slide) -> bool:
    return bool(
        slide.tables
        or slide.charts
        or any(b.non_empty_paragraphs for b in slide.blocks_in(_BODY_SCOPES))
    )


def _is_exempt_label(ctx: RuleContext[Any], title: _Title) -> bool:
    cues = _terms(
        ctx, title.lang, "topic-labels", "impact-end-matter", "summary-cues", "closing-cues"
    )
    return _has_cue(cues, title.text)


def _is_topic_label(ctx: RuleContext[Any], title: _Title) -> bool:
    if title.is_question or title.states_something:
        return False
    if _figures(ctx, title.lang).found_in(title.text):
        return False
    claims = _terms(ctx, title.lang, "claim-words", "impact-quantifiers")
    return not _has_cue(claims, title.text)


# --- MI103 ----------------------------------------------------------------------------------


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
        en="Same title as slide {first}: the committee sees the same point twice.",
        fr="Même titre que la diapositive {first} : le comité voit deux fois le même message.",
    )
    suggestion = Msg(
        en="Merge the two slides, or retitle this one with what it adds to slide {first}.",
        fr="Fusionnez les deux diapositives, ou donnez à celle-ci un titre qui dit ce qu'elle "
        "ajoute à la diapositive {first}.",
    )

    def check(self, ctx: RuleContext[DuplicateTitleOptions]) -> Iterator[Finding]:
        first_with: dict[str, Slide] = {}
        for slide in _visible(ctx.slides):
            title = _title(ctx, slide)
            if title is None:
                continue
            if _has_cue(_terms(ctx, title.lang, "topic-labels", "impact-end-matter"), title.text):
                continue
            marks = ctx.lexicon("impact-continuation-marks", title.lang).terms
            key, continued = _title_key(title.text, marks)
            if not key:
                continue
            first = first_with.setdefault(key, slide)
            if first is slide or (continued and ctx.options.allow_continued):
                continue
            yield self.finding(ctx, _title_loc(slide), evidence=title.text, first=first.number)


#: "2/2", "(1/3)": a slide part, not a year range ("2024/2025").
_FRACTION = re.compile(r"[\s(\[\-–—,:]*\b\d{1,2}\s*/\s*\d{1,2}\s*[)\]]?\W*$")


def _title_key(title: str, marks: tuple[str, ...]) -> tuple[str, bool]:
    """The title as compared (folded, no punctuation), and whether it carried a continuation
    mark, which is removed from the key."""
    text = _fold(title).replace("\u2019", "'")
    stripped = _FRACTION.sub("", text)
    if marks:
        alternatives = "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))
        pattern = r"\s*[(\[\-–—,:]\s*(?:" + alternatives + r")\s*[)\]]?\W*$"
        stripped = re.sub(pattern, "", stripped)
    continued = stripped != text
    key = " ".join(re.sub(r"[^\w\s]|_", " ", stripped).split())
    return key, continued


# --- MI104 ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class HedgingOptions:
    scopes: frozenset[Scope] = _TEXT_SCOPES
    extend_terms: frozenset[str] = frozenset()
    ignore_terms: frozenset[str] = frozenset()


class Hedging(Rule[HedgingOptions]):
    """Hedge that weakens a message.

    ## What it does
    Flags hedges in titles and bullets: "might", "perhaps", "it seems", "we believe",
    « il semblerait », « peut-être », « éventuellement », « a priori » (the `hedges` word list).
    A capitalised word in mid-sentence, or followed by a day or a year, is a name, not a hedge:
    "launch in May", "May 2025". « Peut être » in two words ("can be": « cela peut être fait »)
    is a plain modal and is not flagged; « peut-être » is.

    ## Why is this bad?
    A committee decides on what you assert. Each hedge tells them you are not sure, and they
    will either ask for proof you did not bring or discount the whole slide. If there is real
    uncertainty, say how much and on what it rests.

    ## Example
    Bullet: « La nouvelle offre pourrait peut-être réduire le churn ».

    Use instead:
    Bullet: « Sur le pilote, la nouvelle offre a réduit le churn de 4 points ».

    ## Options
    - `scopes`: where to look (title, body, table, chart, smartart, notes).
    - `extend-terms`: hedges to add to the list.
    - `ignore-terms`: hedges of the list not to flag.
    """

    code, name = "MI104", "hedging"
    family, severity = Family.IMPACT, Severity.INFO
    languages = _WORD_LISTS
    Options = HedgingOptions
    message = Msg(
        en="“{evidence}” weakens the message: the committee hears doubt.",
        fr="« {evidence} » affaiblit le message : le comité entend un doute.",
    )
    suggestion = Msg(
        en="Assert it, or say how sure you are and why (“70 % of pilot clients renewed”).",
        fr="Affirmez-le, ou dites à quel point vous en êtes sûr et pourquoi (« 70 % des "
        "clients du pilote ont renouvelé »).",
    )

    def check(self, ctx: RuleContext[HedgingOptions]) -> Iterator[Finding]:
        opts = ctx.options
        for ref in ctx.paragraphs(opts.scopes):
            if ref.lang not in self.languages:
                continue
            hedges = _word_list(ctx, "hedges", ref.lang, opts.extend_terms, opts.ignore_terms)
            text = ref.paragraph.text
            for hit in find_phrases(hedges, text):
                if not _is_name(text, hit):
                    yield self.finding(ctx, ref.loc, evidence=hit.text)


_CLAUSE_START = re.compile(r"(?:^|[.!?:;•–—(\"«“])\s*$")
#: After a name: a day or a year ("May 12", "May 2025"), a colon or a dash ("May: roll-out").
_AFTER_NAME = re.compile(r"\s+\d+(?![\d.,]*\s?%)\b|\s*(?:[:;–—)]|-\s|$)")


def _is_name(text: str, hit: Hit) -> bool:
    """A capitalised hit used as a name: mid-sentence ("in May"), or before a day, a year or a
    colon ("May 2025", "May: roll-out")."""
    if not hit.text[:1].isupper():
        return False
    mid_sentence = _CLAUSE_START.search(text[: hit.start]) is None
    return mid_sentence or _AFTER_NAME.match(text, hit.end) is not None


# --- MI105 ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class UnquantifiedClaimOptions:
    scopes: frozenset[Scope] = _TEXT_SCOPES
    extend_terms: frozenset[str] = frozenset()
    ignore_terms: frozenset[str] = frozenset()


class UnquantifiedClaim(Rule[UnquantifiedClaimOptions]):
    """Claim of a change or a size with no figure.

    ## What it does
    Flags a title or a bullet that claims a change or a size ("increase", "strong",
    "significant", "reduce", "most clients", « hausse », « forte croissance », « nettement »,
    « la plupart des »: the `claim-words` and `impact-quantifiers` word lists) and gives no
    figure. A figure counts wherever it quantifies the claim: in the same paragraph, in its
    sub-bullets, in a table or a chart on the slide, and for a title, anywhere on the slide.
    Years, quarter codes ("Q3", « T3 ») and dates are not figures. Questions are not claims.
    One finding per paragraph, on its first claim word.

    ## Why is this bad?
    "Strong growth" invites the question every committee member will ask: how much? Without
    the figure, the claim cannot be weighed against the cost of the decision you ask for, and
    an objective without a target ("Reduce costs") cannot be tracked.

    ## Example
    Bullet: "Significant increase in renewals since the bundles".

    Use instead:
    Bullet: "Renewals up from 71 % to 83 % since the bundles".

    ## Options
    - `scopes`: where to look (title, body, table, chart, smartart, notes).
    - `extend-terms`: claim words to add to the list.
    - `ignore-terms`: claim words of the lists not to flag.
    """

    code, name = "MI105", "unquantified-claim"
    family, severity = Family.IMPACT, Severity.INFO
    languages = _WORD_LISTS
    Options = UnquantifiedClaimOptions
    message = Msg(
        en="“{evidence}” claims a change or a size but gives no figure.",
        fr="« {evidence} » annonce une évolution ou une ampleur sans la chiffrer.",
    )
    suggestion = Msg(
        en="Quantify it: how much, compared with what, by when (“renewals up from 71 % to 83 % "
        "in Q3”).",
        fr="Chiffrez : de combien, par rapport à quoi, pour quand (« renouvellements de 71 % à "
        "83 % au T3 »).",
    )

    def check(self, ctx: RuleContext[UnquantifiedClaimOptions]) -> Iterator[Finding]:
        opts = ctx.options
        figures_by_lang = {lang: _figures(ctx, lang) for lang in self.languages}
        # The deck's own language reads its tables (a table cell has too few words to tell).
        deck_lang = ctx.annotated.lang if ctx.annotated.lang in self.languages else Lang.EN
        for slide in _visible(ctx.slides):
            if _slide_has_data(slide, figures_by_lang[deck_lang]):
                continue
            body_has_figure = any(
                figures_by_lang[ref.lang].found_in(ref.paragraph.text)
                for ref in ctx.paragraphs(_BODY_SCOPES, slide=slide)
                if ref.lang in self.languages
            )
            for block in slide.blocks_in(opts.scopes):
                lines = block.non_empty_paragraphs
                for i, paragraph in enumerate(lines):
                    analysis = ctx.analysis(paragraph.text)
                    if analysis.lang not in self.languages or _is_question(paragraph.text):
                        continue
                    hit = self._first_claim(ctx, analysis)
                    if hit is None:
                        continue
                    figures = figures_by_lang[analysis.lang]
                    quantified = any(figures.found_in(p.text) for p in _with_children(lines, i))
                    if quantified or (block.scope is Scope.TITLE and body_has_figure):
                        continue
                    yield self.finding(ctx, slide.loc(block), evidence=hit.text)

    def _first_claim(
        self, ctx: RuleContext[UnquantifiedClaimOptions], analysis: TextAnalysis
    ) -> Hit | None:
        opts = ctx.options
        lang = analysis.lang
        claims = _word_list(ctx, "claim-words", lang, opts.extend_terms, opts.ignore_terms)
        quantifiers = _word_list(ctx, "impact-quantifiers", lang, frozenset(), opts.ignore_terms)
        negations = frozenset(ctx.lexicon("impact-negations", lang).terms)
        hits = list(find_phrases(claims, analysis.text))
        hits += [
            hit
            for hit in find_phrases(quantifiers, analysis.text)
            if (" " in hit.term or _next_pos(analysis, hit.end) in _NOMINAL)
            and not _negated(analysis, hit.start, negations)
        ]
        return min(hits, key=lambda h: h.start, default=None)


def _next_pos(analysis: TextAnalysis, offset: int) -> str | None:
    for token in analysis.tokens:
        if token.idx >= offset and token.text.strip():
            return token.pos
    return None


#: How far back a negation reaches a quantifier: « n'avons plus de », "no more".
_NEGATION_REACH = 3


def _negated(analysis: TextAnalysis, offset: int, negations: frozenset[str]) -> bool:
    before = [t for t in analysis.tokens if t.idx < offset and t.text.strip()]
    return any(t.lower.replace("\u2019", "'") in negations for t in before[-_NEGATION_REACH:])


def _with_children(lines: Sequence[Paragraph], i: int) -> Iterator[Paragraph]:
    """A paragraph and the deeper-level paragraphs right under it (its sub-bullets)."""
    yield lines[i]
    for child in lines[i + 1 :]:
        if child.level <= lines[i].level:
            return
        yield child


# --- MI106 ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NoKeyMessageUpFrontOptions:
    first_slides: int = 3
    min_slides: int = 5


class NoKeyMessageUpFront(Rule[NoKeyMessageUpFrontOptions]):
    """Deck that does not state its key message in its first slides.

    ## What it does
    In a deck of at least `min-slides` visible slides, looks at the first `first-slides`
    visible slides and reports the deck when none of them states the key message. A slide
    states it when its title is a summary ("Executive summary", « Synthèse », « En résumé »,
    "Key messages": the `summary-cues` word list) or a statement (a verb that asserts, or a
    figure: "Our new offer wins back the mid-market", « CA : +12 % »; not a question), or
    when one of its paragraphs opens with a summary cue ("In short: ...").

    The finding is about the deck, not a slide; its evidence is the titles of the slides read.

    ## Why is this bad?
    A committee listens best in the first minutes, and a member may leave or be called away.
    If the answer and the ask come at slide 12, the first eleven are heard without knowing
    what they support. Say the conclusion first, then the reasons.

    ## Example
    Slides 1 to 3: "Commercial offer transformation", "Agenda", "Market context".

    Use instead:
    Slide 2: "Executive summary: three tiers replace twelve price lists, +4 M€ margin in
    2026; we ask you to approve the pilot".

    ## Options
    - `first-slides`: how many of the first visible slides may carry the key message.
    - `min-slides`: shorter decks (visible slides) are not checked.
    """

    code, name = "MI106", "no-key-message-up-front"
    family, severity = Family.IMPACT, Severity.WARNING
    languages = _WORD_LISTS
    Options = NoKeyMessageUpFrontOptions
    message = Msg(
        en="None of the first {count} slides states the key message: the committee listens "
        "without knowing what you want.",
        fr="Aucune des {count} premières diapositives n'énonce le message clé : le comité "
        "écoute sans savoir ce que vous attendez de lui.",
    )
    suggestion = Msg(
        en="Put a summary slide up front (“Executive summary”) that states the conclusion, "
        "the key figures and the decision you ask for.",
        fr="Placez en tête une diapositive de synthèse qui énonce la conclusion, les chiffres "
        "clés et la décision que vous demandez.",
    )

    def check(self, ctx: RuleContext[NoKeyMessageUpFrontOptions]) -> Iterator[Finding]:
        slides = _visible(ctx.slides)
        count = ctx.options.first_slides
        if len(slides) < ctx.options.min_slides or count < 1:
            return
        first = slides[:count]
        if any(self._states_key_message(ctx, slide) for slide in first):
            return
        yield self.finding(ctx, _deck_loc(), evidence=_titles(first), count=len(first))

    def _states_key_message(
        self, ctx: RuleContext[NoKeyMessageUpFrontOptions], slide: Slide
    ) -> bool:
        title = _title(ctx, slide)
        if title is not None:
            if title.lang not in self.languages or not title.tagged:
                return True  # cannot tell: say nothing rather than something wrong
            if _has_cue(ctx.lexicon("summary-cues", title.lang).terms, title.text):
                return True
            if not title.is_question and (
                title.states_something or _figures(ctx, title.lang).found_in(title.text)
            ):
                return True
        return any(
            ref.lang in self.languages
            and _starts_with_cue(ctx.lexicon("summary-cues", ref.lang).terms, ref.paragraph.text)
            for ref in ctx.paragraphs(_BODY_SCOPES, slide=slide)
        )


# --- MI107 ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NoClosingCallToActionOptions:
    last_slides: int = 2
    min_slides: int = 5


class NoClosingCallToAction(Rule[NoClosingCallToActionOptions]):
    """Deck that ends without a conclusion, a decision request or next steps.

    ## What it does
    In a deck of at least `min-slides` visible slides, reads the last `last-slides` visible
    slides before the end matter (a final "Thank you", « Merci », "Questions?", appendix or
    back-up slides, a slide with no text) and reports the deck when none of them, nor the end
    matter, has a conclusion, a decision request or next steps in its title or text ("next
    steps", "we ask", "decision", « prochaines étapes », « nous demandons », « validation »:
    the `closing-cues` word list, plus the `summary-cues`). A "Questions?" slide alone is not
    a conclusion.

    The finding is about the deck, not a slide; its evidence is the titles of the slides read.

    ## Why is this bad?
    A committee meeting exists to decide. If the deck ends on a timeline and "Thank you", the
    discussion drifts and the meeting ends without the decision you came for. The last slide
    the audience sees should say what you ask of them, by when, and what happens next.

    ## Example
    Last slides: « Calendrier de déploiement », « Merci ».

    Use instead:
    « Nous demandons au Codir de valider le pilote sur 3 régions et un budget de 450 k€ »,
    then « Prochaines étapes : lancement le 1er mars, bilan en juin ».

    ## Options
    - `last-slides`: how many of the last visible slides (before the end matter) are read.
    - `min-slides`: shorter decks (visible slides) are not checked.
    """

    code, name = "MI107", "no-closing-call-to-action"
    family, severity = Family.IMPACT, Severity.WARNING
    languages = _WORD_LISTS
    Options = NoClosingCallToActionOptions
    message = Msg(
        en="The last {count} slides state no conclusion, ask for no decision and give no next "
        "steps: the meeting may end without a decision.",
        fr="Les {count} dernières diapositives n'énoncent ni conclusion, ni décision attendue, "
        "ni prochaines étapes : la réunion risque de finir sans décision.",
    )
    suggestion = Msg(
        en="End with a slide that states your recommendation, the decision you ask for and "
        "the next steps, with owners and dates.",
        fr="Terminez par une diapositive qui énonce votre recommandation, la décision que vous "
        "demandez et les prochaines étapes, avec responsables et dates.",
    )

    def check(self, ctx: RuleContext[NoClosingCallToActionOptions]) -> Iterator[Finding]:
        slides = _visible(ctx.slides)
        count = ctx.options.last_slides
        if len(slides) < ctx.options.min_slides or count < 1:
            return
        end = len(slides)
        while end > 0 and self._is_end_matter(ctx, slides[end - 1]):
            end -= 1
        read = slides[max(0, end - count) : end]
        if not read:
            return
        for ref in ctx.paragraphs(VISIBLE_SCOPES):
            if ref.slide.hidden or ref.slide.number < read[0].number:
                continue
            if ref.lang not in self.languages:
                continue
            cues = _terms(ctx, ref.lang, "closing-cues", "summary-cues")
            if _has_cue(cues, ref.paragraph.text):
                return
        yield self.finding(ctx, _deck_loc(), evidence=_titles(read), count=len(read))

    def _is_end_matter(self, ctx: RuleContext[NoClosingCallToActionOptions], slide: Slide) -> bool:
        title = _title(ctx, slide)
        if title is None:
            return not slide.visible_text.strip()
        terms = ctx.lexicon("impact-end-matter", title.lang).terms
        return _starts_with_cue(terms, title.text)


RULES = (
    MissingTitle,
    TopicLabelTitle,
    DuplicateTitle,
    Hedging,
    UnquantifiedClaim,
    NoKeyMessageUpFront,
    NoClosingCallToAction,
)
