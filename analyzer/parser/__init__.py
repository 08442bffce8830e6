"""python-pptx in, the frozen Deck model out. The only module that imports pptx.

python-pptx opens the package, resolves relationships between parts and gives each shape's
position (placeholders inherit theirs from the layout). The XML it has no API for (SmartArt data,
chart words, inherited run formatting, sections, alternate content) is read by ``analyzer.ooxml``
and ``analyzer.ooxml_text``. Every exception from python-pptx or lxml becomes a DeckError; a part
missing from the package is skipped and named in ``Deck.skipped``.
"""

from analyzer.parser.deck import parse

__all__ = ["parse"]
