"""Message impact: make each slide state its point, and the deck tell a story.

Slide rules read the title and the bullets; deck rules (MI106, MI107) read the storyline: the
first slides must state the key message and the last ones must ask for a decision. What a cue
word is (« synthèse », "next steps", « merci ») is data, in ``rules/lexicons/{en,fr}/``.
"""

from rules.impact.mi101_missing_title import MissingTitle
from rules.impact.mi102_topic_label_title import TopicLabelTitle
from rules.impact.mi103_duplicate_title import DuplicateTitle
from rules.impact.mi104_hedging import Hedging
from rules.impact.mi105_unquantified_claim import UnquantifiedClaim
from rules.impact.mi106_no_key_message_up_front import NoKeyMessageUpFront
from rules.impact.mi107_no_closing_call_to_action import NoClosingCallToAction
from rules.impact.mi108_data_without_takeaway import DataWithoutTakeaway
from rules.impact.mi109_figure_without_comparison import FigureWithoutComparison

RULES = (
    MissingTitle,
    TopicLabelTitle,
    DuplicateTitle,
    Hedging,
    UnquantifiedClaim,
    NoKeyMessageUpFront,
    NoClosingCallToAction,
    DataWithoutTakeaway,
    FigureWithoutComparison,
)

__all__ = [
    "RULES",
    "DataWithoutTakeaway",
    "DuplicateTitle",
    "FigureWithoutComparison",
    "Hedging",
    "MissingTitle",
    "NoClosingCallToAction",
    "NoKeyMessageUpFront",
    "TopicLabelTitle",
    "UnquantifiedClaim",
]
