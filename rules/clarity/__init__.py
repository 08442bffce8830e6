"""Clarity: say it so that the audience understands it on first reading."""

from rules.clarity.cl101_sentence_too_long import SentenceTooLong
from rules.clarity.cl102_passive_voice import PassiveVoice
from rules.clarity.cl103_undefined_acronym import UndefinedAcronym
from rules.clarity.cl104_hard_to_read_slide import HardToReadSlide
from rules.clarity.cl105_nominalisation_chain import NominalisationChain
from rules.clarity.cl106_vague_word import VagueWord
from rules.clarity.cl107_spelling_mistake import SpellingMistake
from rules.clarity.cl108_leftover_template_text import LeftoverTemplateText

RULES = (
    SentenceTooLong,
    PassiveVoice,
    UndefinedAcronym,
    HardToReadSlide,
    NominalisationChain,
    VagueWord,
    SpellingMistake,
    LeftoverTemplateText,
)

__all__ = [
    "RULES",
    "HardToReadSlide",
    "LeftoverTemplateText",
    "NominalisationChain",
    "PassiveVoice",
    "SentenceTooLong",
    "SpellingMistake",
    "UndefinedAcronym",
    "VagueWord",
]
