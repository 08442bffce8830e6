"""Helpers shared by the concision rules: body paragraphs, sentence counts, walls of text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from analyzer.annotation import TextAnalysis
from analyzer.model import Paragraph, Scope, Slide, TextBlock
from analyzer.prose import is_transcript, looks_like_code

if TYPE_CHECKING:
    from rules.concision.cn106_wall_of_text import WallOfTextOptions


#: A piece the sentence splitter cut off with fewer words ("T2.") is not a sentence of its own.
_MIN_SENTENCE_WORDS = 2
#: A paragraph with fewer letters is a marker or a diagram's label ("R", "0", "?", "→").
_MIN_LETTERS = 2


def body_paragraphs(slide: Slide) -> Iterator[tuple[TextBlock, Paragraph]]:
    """Non-empty paragraphs of the body placeholders, text boxes and shapes, in reading order
    (a title inferred from a text box has scope TITLE, footers are not blocks). Code shown on
    the slide is left out: its lines are neither bullets nor prose. Which slides are worth
    reading so (not a cover, an agenda...) is ``rules._slides``' business."""
    for block in slide.blocks_in({Scope.BODY}):
        if is_transcript(block):
            continue
        for paragraph in block.non_empty_paragraphs:
            if not looks_like_code(paragraph):
                yield block, paragraph


#: A box of a diagram holds a label of this many words at most ("Stock", "Microservice A").
_LABEL_WORDS = 3
#: Blocks that may be a diagram's boxes: shapes and text boxes (not placeholders).
_FREE_KINDS = frozenset({"shape", "text-box"})


def is_diagram_label(block: TextBlock, words: int) -> bool:
    """A paragraph that labels a box of a diagram rather than says something: a short line
    (``_LABEL_WORDS`` words at most) in a shape or a text box of one or two lines."""
    return (
        block.kind in _FREE_KINDS and words <= _LABEL_WORDS and len(block.non_empty_paragraphs) <= 2
    )


def is_marker(paragraph: Paragraph) -> bool:
    """A paragraph of one letter, a figure or a sign: a marker on a diagram, not text to read."""
    letters = 0
    for ch in paragraph.text:  # stops at the second letter: most paragraphs are sentences
        if ch.isalpha():
            letters += 1
            if letters >= _MIN_LETTERS:
                return False
    return True


def sentence_count(analysis: TextAnalysis) -> int:
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


def wall_of_text(analysis: TextAnalysis, opts: WallOfTextOptions) -> str | None:
    """Why a paragraph is a wall of text ("words" or "prose"), or None when it is not."""
    words = analysis.word_count
    if words > opts.max_words:
        return "words"
    if words > opts.min_words and sentence_count(analysis) > opts.max_sentences:
        return "prose"
    return None
