"""Concision: say it in fewer words, fewer bullets, fewer levels."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from analyzer.annotation import Lang, TextAnalysis
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Paragraph, Scope, Slide, TextBlock
from rules._base import Msg, ParagraphRef, Rule, RuleContext
from rules._lexicon import Lexicon
from rules._match import find_phrases

#: How many words of a long paragraph its evidence quotes before the ellipsis.
_EVIDENCE_WORDS = 12
#: A piece the sentence splitter cut off with fewer words ("T2.") is not a sentence of its own.
_MIN_SENTENCE_WORDS = 2


def _body_paragraphs(slide: Slide) -> Iterator[tuple[TextBlock, Paragraph]]:
    """Non-empty paragraphs of the body placeholders, text boxes and shapes, in reading order
    (a title inferred from a text box has scope TITLE, footers are not blocks)."""
    for block in slide.blocks_in({Scope.BODY}):
        for paragraph in block.non_empty_paragraphs:
            yield block, paragraph


def _opening(analysis: TextAnalysis) -> str:
    """The first words of a long paragraph, cut after a word, with an ellipsis."""
    words = analysis.words
    if len(words) <= _EVIDENCE_WORDS:
        return analysis.text.strip()
    last = words[_EVIDENCE_WORDS - 1]
    return analysis.text[: last.idx + len(last.text)].strip() + "…"


def _sentence_count(analysis: TextAnalysis) -> int:
    """Sentences that look like sentences: the sentence splitter also cuts after abbreviations
    (« p. ex. », "vs."), so a piece that starts in lower case or is shorter than
    ``_MIN_SENTENCE_WORDS`` is counted with the sentence before it."""
    count = 0
    for sentence in analysis.sentences:
        words = [t for t in analysis.sentence_tokens(sentence) if t.is_word]
        starts_a_sentence = bool(words) and not words[0].text[0].islower()
        if count == 0 or (starts_a_sentence and len(words) >= _MIN_SENTENCE_WORDS):
            count += 1
    return count


# --- CN101 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TooManyBulletsOptions:
    max_bullets: int = 6
    count_sub_bullets: bool = True


class TooManyBullets(Rule[TooManyBulletsOptions]):
    """Slide with more bullets than an audience can follow.

    ## What it does
    Counts the non-empty paragraphs of the slide's body text (body placeholders and text boxes)
    and flags a slide that has more than `max-bullets`. Sub-bullets count: each is one more line
    the audience reads. Titles, tables, charts and speaker notes are not counted.

    ## Why is this bad?
    An audience reads a slide while listening to the speaker. Past about six bullets, people
    stop reading and stop listening: every point loses weight, and the one that matters drowns.

    ## Example
    A slide "Offer transformation" with nine bullets: context, three pricing changes, two
    organisation changes, the timeline, the budget and the risks.

    Use instead:
    One slide per idea, each with at most five bullets; move details to the speaker notes or
    an appendix.

    ## Options
    - `max-bullets`: the most bullets a slide may have (6).
    - `count-sub-bullets`: count sub-bullets too (true); false counts top-level bullets only,
      for templates that use sub-bullets as small print.
    """

    code, name = "CN101", "too-many-bullets"
    family, severity = Family.CONCISION, Severity.WARNING
    Options = TooManyBulletsOptions
    message = Msg(
        en="{count} bullets on this slide (more than {limit}).",
        fr="{count} puces sur cette diapositive (plus de {limit}).",
    )
    suggestion = Msg(
        en="Keep the {limit} bullets that carry the message; move the rest to the notes or split "
        "the slide.",
        fr="Gardez les {limit} puces qui portent le message ; déplacez le reste dans les notes ou "
        "scindez la diapositive.",
    )

    def check(self, ctx: RuleContext[TooManyBulletsOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_bullets
        for slide in ctx.slides:
            bullets = [
                paragraph
                for _block, paragraph in _body_paragraphs(slide)
                if ctx.options.count_sub_bullets or paragraph.level == 0
            ]
            if len(bullets) > limit:
                yield self.finding(
                    ctx, slide.loc(), evidence=bullets[limit].text, count=len(bullets), limit=limit
                )


# --- CN102 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TooManyWordsOptions:
    max_words: int = 80


class TooManyWords(Rule[TooManyWordsOptions]):
    """Slide with more words than an audience can read while listening.

    ## What it does
    Counts the words a person sees on the slide (title, body, text boxes, tables, charts and
    SmartArt; not the speaker notes) and flags a slide with more than `max-words`. Numbers and
    symbols are not words.

    ## Why is this bad?
    A Codir member gives a slide a few seconds. A slide of 150 words is a document: people read
    it instead of listening, finish at different times, and the speaker loses the room.

    ## Example
    Title: "Offer transformation" over three paragraphs describing the market, the current
    offer and the new pricing, about 140 words in all.

    Use instead:
    Title: "Three tiers replace our 40 options" and four short bullets (about 40 words); the
    description moves to the notes and the appendix.

    ## Options
    - `max-words`: the most words a slide may show (80).
    """

    code, name = "CN102", "too-many-words"
    family, severity = Family.CONCISION, Severity.WARNING
    Options = TooManyWordsOptions
    message = Msg(
        en="{count} words on this slide (more than {limit}).",
        fr="{count} mots sur cette diapositive (plus de {limit}).",
    )
    suggestion = Msg(
        en="Cut to {limit} words or fewer: keep the claim and the figures that prove it, and move "
        "the explanations to the speaker notes.",
        fr="Descendez à {limit} mots ou moins : gardez le message et les chiffres qui le prouvent, "
        "et passez les explications dans les notes.",
    )

    def check(self, ctx: RuleContext[TooManyWordsOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        for slide in ctx.slides:
            count = sum(ref.analysis.word_count for ref in ctx.paragraphs(slide=slide))
            if count > limit:
                yield self.finding(
                    ctx, slide.loc(), evidence=slide.title or "", count=count, limit=limit
                )


# --- CN103 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class BulletTooLongOptions:
    max_words: int = 20


class BulletTooLong(Rule[BulletTooLongOptions]):
    """Bullet too long to be read at a glance.

    ## What it does
    Flags a body paragraph (a bullet, or a line of a text box) with more than `max-words` words.
    A paragraph that is a wall of text (more than 50 words, or prose of three sentences or more)
    is left to `CN106 wall-of-text`, with that rule's default thresholds, so that one paragraph
    gets one remark.

    ## Why is this bad?
    A bullet is a headline, not a sentence from a report: it should be read in one glance. A
    bullet that runs over two lines is read twice as slowly and hides its key word in the middle.

    ## Example
    "Following the analysis carried out with the regional teams, we propose to move the whole
    portfolio to three pricing tiers by the end of next year"

    Use instead:
    "Three pricing tiers for the whole portfolio by end 2026"

    ## Options
    - `max-words`: the most words a bullet may have (20).
    """

    code, name = "CN103", "bullet-too-long"
    family, severity = Family.CONCISION, Severity.INFO
    Options = BulletTooLongOptions
    message = Msg(
        en="This bullet has {count} words (more than {limit}).",
        fr="Cette puce compte {count} mots (plus de {limit}).",
    )
    suggestion = Msg(
        en="Cut it to {limit} words or fewer, like a newspaper headline: subject, verb, figure; "
        "move the context to the notes.",
        fr="Ramenez-la à {limit} mots ou moins, comme un titre de presse : sujet, verbe, chiffre ; "
        "passez le contexte dans les notes.",
    )

    def check(self, ctx: RuleContext[BulletTooLongOptions]) -> Iterator[Finding]:
        limit = ctx.options.max_words
        handed_off = WallOfTextOptions()
        for slide in ctx.slides:
            for block, paragraph in _body_paragraphs(slide):
                analysis = ctx.analysis(paragraph.text)
                count = analysis.word_count
                if count > limit and _wall_of_text(analysis, handed_off) is None:
                    yield self.finding(
                        ctx, slide.loc(block), evidence=paragraph.text, count=count, limit=limit
                    )


# --- CN104 ---------------------------------------------------------------------------------

#: The word lists CN104 reads, merged: stock phrases, then phrases that say a thing twice.
_FILLER_LISTS = ("filler-phrases", "redundant-phrases")


@dataclass(frozen=True, kw_only=True)
class FillerPhraseOptions:
    scopes: frozenset[Scope] = VISIBLE_SCOPES
    extend_phrases: Mapping[str, str] = field(default_factory=dict)
    ignore_phrases: frozenset[str] = frozenset()


class FillerPhrase(Rule[FillerPhraseOptions]):
    """Phrase that adds words but no meaning.

    ## What it does
    Flags stock phrases ("in order to", « afin de », "it is important to note that") and phrases
    that say the same thing twice ("end result", « prévoir à l'avance ») in the visible text of
    the slides, and gives the shorter form, or says the phrase can simply go. The phrases are
    the `filler-phrases` and `redundant-phrases` word lists of the paragraph's language.

    ## Why is this bad?
    An audience reads a slide in seconds. Filler pushes the point to the end of the line and
    makes every bullet longer than it needs to be.

    ## Example
    Title: "In order to grow, it is important to note that we must cut costs"

    Use instead:
    Title: "To grow, we cut costs by 8 %"

    ## Options
    - `scopes`: where to look (title, body, table, chart, smartart; notes are left out).
    - `extend-phrases`: team additions, as `weak phrase: better form` ("" to delete).
    - `ignore-phrases`: phrases of the lists not to flag.
    """

    code, name = "CN104", "filler-phrase"
    family, severity = Family.CONCISION, Severity.INFO
    languages = frozenset({Lang.EN, Lang.FR})
    Options = FillerPhraseOptions
    message = Msg(
        en="“{evidence}” is wordy: write “{better}”.",
        fr="« {evidence} » alourdit la phrase : écrivez « {better} ».",
    )
    suggestion = Msg(
        en="Replace “{evidence}” with “{better}”: the line gets shorter and the point comes "
        "sooner.",
        fr="Remplacez « {evidence} » par « {better} » : la ligne raccourcit et l'idée arrive plus "
        "tôt.",
    )
    deletion = Msg(
        en="“{evidence}” adds words but no meaning.",
        fr="« {evidence} » ajoute des mots, pas de sens.",
    )
    deletion_suggestion = Msg(
        en="Delete “{evidence}” and start with the point itself.",
        fr="Supprimez « {evidence} » et allez droit à l'idée.",
    )

    def check(self, ctx: RuleContext[FillerPhraseOptions]) -> Iterator[Finding]:
        swaps: dict[Lang, Lexicon] = {}
        for ref in ctx.paragraphs(ctx.options.scopes):
            if not self.runs_on(ref.lang):
                continue
            if ref.lang not in swaps:
                swaps[ref.lang] = self._swaps(ctx, ref.lang)
            lexicon = swaps[ref.lang]
            for hit in find_phrases(lexicon.terms, ref.paragraph.text):
                better = lexicon.swap.get(hit.term)
                if better is None:
                    continue
                yield self._finding(ctx, ref, hit.text, better)

    def _swaps(self, ctx: RuleContext[FillerPhraseOptions], lang: Lang) -> Lexicon:
        merged = ctx.lexicon(_FILLER_LISTS[0], lang)
        for name in _FILLER_LISTS[1:]:
            merged = merged.extended(ctx.lexicon(name, lang).swap)
        return merged.extended(ctx.options.extend_phrases).without(ctx.options.ignore_phrases)

    def _finding(
        self, ctx: RuleContext[FillerPhraseOptions], ref: ParagraphRef, written: str, better: str
    ) -> Finding:
        if not better:
            return self.finding(
                ctx,
                ref.loc,
                message=self.deletion,
                suggestion=self.deletion_suggestion,
                evidence=written,
                better="",
            )
        # "In order to grow" becomes "To grow": the better form starts the line as written.
        if written[:1].isupper():
            better = better[:1].upper() + better[1:]
        return self.finding(ctx, ref.loc, evidence=written, better=better)


# --- CN105 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DeepNestingOptions:
    max_level: int = 1


class DeepNesting(Rule[DeepNestingOptions]):
    """Bullets nested more than two levels deep.

    ## What it does
    Flags a slide whose body has a bullet below `max-level` (levels count from 0: the default
    allows bullets and sub-bullets, not sub-sub-bullets). One remark per slide, at its first
    bullet that is too deep.

    ## Why is this bad?
    Each level of indentation asks the audience to hold the level above in mind. At the third
    level, nobody remembers which point the detail belongs to: the slide reads like an outline
    of a document, not like a message.

    ## Example
    "New pricing" > "Three tiers" > "Premium tier" > "Includes the 24/7 hotline"

    Use instead:
    "Three tiers: Essential, Business, Premium" with one sub-bullet per tier, and the content of
    each tier in the appendix.

    ## Options
    - `max-level`: the deepest bullet level allowed, counting from 0 (1).
    """

    code, name = "CN105", "deep-nesting"
    family, severity = Family.CONCISION, Severity.INFO
    Options = DeepNestingOptions
    message = Msg(
        en="Bullets nested {depth} levels deep (at most {allowed}).",
        fr="Puces imbriquées sur {depth} niveaux (au plus {allowed}).",
    )
    suggestion = Msg(
        en="Flatten the list to {allowed} levels: promote the detail to a bullet of its own, or "
        "move it to the notes or the appendix.",
        fr="Ramenez la liste à {allowed} niveaux : faites du détail une puce à part entière, ou "
        "passez-le dans les notes ou en annexe.",
    )

    def check(self, ctx: RuleContext[DeepNestingOptions]) -> Iterator[Finding]:
        max_level = ctx.options.max_level
        for slide in ctx.slides:
            too_deep = [(b, p) for b, p in _body_paragraphs(slide) if p.level > max_level]
            if too_deep:
                block, first = too_deep[0]
                depth = max(p.level for _b, p in too_deep) + 1
                yield self.finding(
                    ctx, slide.loc(block), evidence=first.text, depth=depth, allowed=max_level + 1
                )


# --- CN106 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class WallOfTextOptions:
    max_words: int = 50
    max_sentences: int = 2
    min_words: int = 20


def _wall_of_text(analysis: TextAnalysis, opts: WallOfTextOptions) -> str | None:
    """Why a paragraph is a wall of text ("words" or "prose"), or None when it is not."""
    words = analysis.word_count
    if words > opts.max_words:
        return "words"
    if words > opts.min_words and _sentence_count(analysis) > opts.max_sentences:
        return "prose"
    return None


class WallOfText(Rule[WallOfTextOptions]):
    """Paragraph of prose on a slide, written to be read rather than shown.

    ## What it does
    Flags a body paragraph (a bullet or a text box) of more than `max-words` words, or of more
    than `max-sentences` sentences once it has more than `min-words` words. The remark quotes
    the paragraph's first words. Such a paragraph gets no `CN103 bullet-too-long` remark as well.

    ## Why is this bad?
    A block of prose on a slide turns the audience into readers: they read at their own pace,
    stop listening, and the point of the paragraph, usually in its last sentence, is missed.

    ## Example
    A text box: "Our current offer was built over ten years of successive additions. Clients no
    longer understand what they pay for. Sales teams spend a third of their time on quotes."

    Use instead:
    Title: "Our offer has become too complex to sell" and three short bullets: "40 options
    added in ten years", "Clients no longer see what they pay for", "A third of sales time
    spent on quotes".

    ## Options
    - `max-words`: the most words a paragraph may have (50).
    - `max-sentences`: the most sentences a paragraph may have (2).
    - `min-words`: below this many words, a paragraph of short sentences is not prose (20).
    """

    code, name = "CN106", "wall-of-text"
    family, severity = Family.CONCISION, Severity.WARNING
    Options = WallOfTextOptions
    message = Msg(
        en="Wall of text: a paragraph of {words} words (more than {limit}).",
        fr="Pavé de texte : un paragraphe de {words} mots (plus de {limit}).",
    )
    prose = Msg(
        en="Prose on a slide: {sentences} sentences in one paragraph ({words} words).",
        fr="De la prose sur la diapositive : {sentences} phrases dans un même paragraphe "
        "({words} mots).",
    )
    suggestion = Msg(
        en="Keep the one idea to remember as a short bullet, split the rest into bullets of a "
        "line each, or move it to the speaker notes.",
        fr="Gardez l'idée à retenir en une puce courte, découpez le reste en puces d'une ligne, "
        "ou passez-le dans les notes.",
    )

    def check(self, ctx: RuleContext[WallOfTextOptions]) -> Iterator[Finding]:
        opts = ctx.options
        for slide in ctx.slides:
            for block, paragraph in _body_paragraphs(slide):
                analysis = ctx.analysis(paragraph.text)
                reason = _wall_of_text(analysis, opts)
                if reason is None:
                    continue
                fields = {
                    "words": analysis.word_count,
                    "limit": opts.max_words,
                    "sentences": _sentence_count(analysis),
                }
                message = self.message if reason == "words" else self.prose
                loc, evidence = slide.loc(block), _opening(analysis)
                yield self.finding(
                    ctx,
                    loc,
                    message=message,
                    suggestion=self.suggestion,
                    evidence=evidence,
                    **fields,
                )


# --- CN107 ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RepeatedTextOptions:
    min_words: int = 5
    max_share: float = 0.5
    scopes: frozenset[Scope] = frozenset({Scope.BODY})


def _repetition_key(text: str) -> str:
    """The text as compared: case, spacing, punctuation and apostrophe forms do not count."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


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
    are not read: a backup slide may repeat the deck.

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
    """

    code, name = "CN107", "repeated-text"
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

    def check(self, ctx: RuleContext[RepeatedTextOptions]) -> Iterator[Finding]:
        opts = ctx.options
        slides = [s for s in ctx.slides if not s.hidden]
        units: list[tuple[Slide, ParagraphRef, tuple[_Unit, ...]]] = []
        first_slide: dict[str, int] = {}
        slides_with: dict[str, set[int]] = {}
        for slide in slides:
            for ref in ctx.paragraphs(opts.scopes - {Scope.TITLE}, slide=slide):
                found = self._units(ref.analysis, opts.min_words)
                units.append((slide, ref, found))
                for unit in found:
                    first_slide.setdefault(unit.key, slide.number)
                    slides_with.setdefault(unit.key, set()).add(slide.number)
        footer_above = opts.max_share * len(slides)
        for slide, ref, found in units:
            for unit in found:
                first = first_slide[unit.key]
                if first < slide.number and len(slides_with[unit.key]) <= footer_above:
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


RULES = (
    TooManyBullets,
    TooManyWords,
    BulletTooLong,
    FillerPhrase,
    DeepNesting,
    WallOfText,
    RepeatedText,
)
