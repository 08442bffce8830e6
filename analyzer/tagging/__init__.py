"""The small tagging layer rules ask: word class, "is this a finite verb?", "is this a passive?".

It answers from a trained spaCy model when one is there (French always; English when the
checked ``en_core_web_sm`` or a configured model directory is available), and otherwise, for
English, from word-class lexicons: the WordNet-derived lemma index of spacy-lookups-data
(nouns, verbs, adjectives, adverbs), the lookup lemmas, closed-class tables and the title hints
of ``analyzer/data/tagging-en.yml``.

Slide titles are short, verbless or telegraphic, which small models handle badly: the French
model reads « progresse » in « Le chiffre d'affaires progresse de 12 % » as an adjective and
« clés » in « Chiffres clés » as a verb. So French model answers are checked against
spacy-lookups-data's French lexicons (a form's possible verb lemmas and endings, in a verb
position after a subject) both ways; on English titles and short lines, the verbs are the
English lexicons' (``with_title_verbs``). The English lexicon answers lean the same way: a word
that may be a verb in a verb position, after a subject that agrees with it, counts as a verb,
so a rule that fires on "no verb" does not fire on a real statement.

Nothing here imports spaCy: docs come in as ``DocColumns`` (a list per token attribute), the
lexicons as plain values, both built by ``analyzer.nlp``.
"""

from analyzer.tagging.english import TITLE_TOKENS, tag_with_lexicons, with_title_verbs
from analyzer.tagging.lexicons import EnglishLexicons, FrenchLexicons, FrenchVerbReading
from analyzer.tagging.trained import tag_with_model
from analyzer.tagging.word import DocColumns, Tagged

__all__ = [
    "TITLE_TOKENS",
    "DocColumns",
    "EnglishLexicons",
    "FrenchLexicons",
    "FrenchVerbReading",
    "Tagged",
    "tag_with_lexicons",
    "tag_with_model",
    "with_title_verbs",
]
