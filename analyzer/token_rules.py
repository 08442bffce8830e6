"""spaCy's AttributeRuler, faster when every rule reads one token: the same changes, made
without running a Matcher over each text.

The French model's ruler is of that kind: it copies each token's part of speech to its tag
("NOUN" to "NOUN") and gives whitespace tokens the part of speech SPACE. spaCy runs its
Matcher over every Doc, then sets each matched token through a Span: about 5% of a deck's
analysis. Here a token's changes depend only on the attributes the rules read (its part of
speech, whether it is a space, its dependency label), so they are worked out once for each
combination of those values, then made to a whole Doc in one ``Doc.from_array`` call (the tag)
and, for the few tokens whose other attributes change, token by token with the function spaCy
uses (``set_token_attrs``). A ruler with any other kind of rule runs as spaCy's does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy
from spacy import attrs
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "deckmentor_one_token_attribute_ruler"

#: The token attributes a rule may read for the fast path, as ``Doc.to_array`` names them.
_READABLE = ("POS", "IS_SPACE", "DEP")
_READ = [*(getattr(attrs, name) for name in _READABLE), attrs.TAG]

_Condition = Callable[[Mapping[str, object]], bool]
#: A token's changes: its new tag (None: unchanged), then its other attributes.
_Changes = tuple[int | None, dict[int, int]]


class OneTokenAttributeRuler(AttributeRuler):
    """An AttributeRuler that applies one-token rules without the Matcher (see the module)."""

    def clear(self) -> None:
        super().clear()
        self._reset()

    def add(self, patterns: Iterable[Any], attrs: dict[str, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._reset()

    def _reset(self) -> None:
        self._conditions: Sequence[tuple[_Condition, dict[int, int]]] | None = None
        self._changes: dict[tuple[int, ...], _Changes] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self._conditions is None:
            self._conditions = _one_token_conditions(self) or ()
        if not self._conditions:  # no rules, or rules of another kind
            return super().__call__(doc)
        tags = []
        for i, (*signature, tag) in enumerate(doc.to_array(_READ).tolist()):
            new_tag, others = self._changes.get(tuple(signature)) or self._work_out(signature)
            tags.append(tag if new_tag is None else new_tag)
            if others:
                set_token_attrs(doc[i], others)
        if tags:
            column: Any = numpy.asarray(tags, dtype="uint64").reshape(-1, 1)
            doc.from_array([attrs.TAG], column)
        return doc

    def _work_out(self, signature: list[int]) -> _Changes:
        """What the rules set on a token with these values: each matching rule in the ruler's
        order, a later one winning (spaCy sorts matches by rule)."""
        pos, is_space, dep = signature
        strings = self.vocab.strings
        token = {"POS": strings[pos], "IS_SPACE": bool(is_space), "DEP": strings[dep]}
        found: dict[int, int] = {}
        for condition, made in self._conditions or ():
            if condition(token):
                found.update(made)
        changes = (found.pop(attrs.TAG, None), found)
        self._changes[tuple(signature)] = changes
        return changes


@Language.factory(FACTORY)
def _make(nlp: Language, name: str) -> OneTokenAttributeRuler:
    return OneTokenAttributeRuler(nlp.vocab, name)


def _one_token_conditions(
    ruler: AttributeRuler,
) -> list[tuple[_Condition, dict[int, int]]] | None:
    """Each rule as a test of one token's ``_READABLE`` values and the changes it makes, or
    None when a rule is of another kind: longer than a token, or reading another attribute,
    or testing it otherwise than with a value, ``IN`` or ``NOT_IN``."""
    conditions: list[tuple[_Condition, dict[int, int]]] = []
    # Rule i is the Matcher's key "i", and the changes it makes are normalised already.
    for i, (changes, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
        patterns = ruler.matcher.get(str(i))[1]
        if index not in (0, -1) or not all(len(p) == 1 for p in patterns):
            return None
        tests = [test for test in map(_condition, (p[0] for p in patterns)) if test is not None]
        if len(tests) != len(patterns):
            return None
        conditions.append((_any(tests), dict(changes)))
    return conditions


def _any(tests: Sequence[_Condition]) -> _Condition:
    return lambda token: any(test(token) for test in tests)


def _condition(pattern: Mapping[str, object]) -> _Condition | None:
    checks: list[tuple[str, Callable[[object], bool]]] = []
    for key, wanted in pattern.items():
        name, check = key.upper(), _value_check(wanted)
        if name not in _READABLE or check is None:
            return None
        checks.append((name, check))
    return lambda token: all(check(token[name]) for name, check in checks)


def _value_check(wanted: object) -> Callable[[object], bool] | None:
    if isinstance(wanted, str | bool):
        return lambda value: value == wanted
    if isinstance(wanted, dict) and len(wanted) == 1:
        ((operator, listed),) = wanted.items()
        if operator == "IN" and isinstance(listed, list):
            return lambda value: value in listed
        if operator == "NOT_IN" and isinstance(listed, list):
            return lambda value: value not in listed
    return None
