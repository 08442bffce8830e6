"""Concision: say it in fewer words, fewer bullets, fewer levels."""

from rules.concision.cn101_too_many_bullets import TooManyBullets
from rules.concision.cn102_too_many_words import TooManyWords
from rules.concision.cn103_bullet_too_long import BulletTooLong
from rules.concision.cn104_filler_phrase import FillerPhrase
from rules.concision.cn105_deep_nesting import DeepNesting
from rules.concision.cn106_wall_of_text import WallOfText
from rules.concision.cn107_repeated_text import RepeatedText

RULES = (
    TooManyBullets,
    TooManyWords,
    BulletTooLong,
    FillerPhrase,
    DeepNesting,
    WallOfText,
    RepeatedText,
)

__all__ = [
    "RULES",
    "BulletTooLong",
    "DeepNesting",
    "FillerPhrase",
    "RepeatedText",
    "TooManyBullets",
    "TooManyWords",
    "WallOfText",
]
