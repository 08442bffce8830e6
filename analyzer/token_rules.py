"""spaCy's AttributeRuler, faster when most of its rules read one token: the same changes,
made without running a Matcher of every rule over each text.

The French model's ruler copies each token's part of speech to its tag ("NOUN" to "NOUN") and
gives whitespace tokens the part of speech SPACE; the English model's maps each fine tag to a
part of speech and morphology ("VBD" to VERB, ``Tense=Past|VerbForm=Fin``) and gives some
words a lemma ("n't" to "not"). spaCy runs a Matcher of all the rules over every Doc, then sets
each matched token through a Span: about 5% of a French deck's analysis, and a quarter of an
English one's. Here a one-token rule's changes depend only on the attributes it reads (a
token's part of speech, tag, lower-case form, whether it is a space, its dependency label), so
they are worked out once for each combination of those values, then made to a whole Doc: the
tag in one ``Doc.from_array`` call, the other attributes token by token with the function
spaCy uses (``set_token_attrs``). The few rules of another kind (longer than a token, or
reading another attribute) run in a Matcher of their own, and every token's changes are made
in the rules' order, a later rule winning, as spaCy does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy import attrs
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "deckmentor_one_token_attribute_ruler"

#: The token attributes a one-token rule may read, as ``Doc.to_array`` names them.
_READABLE = ("POS", "IS_SPACE", "DEP", "TAG", "LOWER")
_READ = [getattr(attrs, name) for name in _READABLE]
_TAG_COLUMN = _READABLE.index("TAG")

_Condition = Callable[[Mapping[str, object]], bool]
#: The rules that apply to a token, by rule number, each with the changes it makes.
_Applied = tuple[tuple[int, dict[int, int]], ...]
#: A token's changes: its new tag (None: unchanged), then its other attributes.
_Changes = tuple[int | None, dict[int, int]]
#: Combinations of read values worked out before the table starts again: the lower-case form
#: is read, so there is about one per word of the vocabulary seen.
_SIGNATURES_KEPT = 100_000


class OneTokenAttributeRuler(AttributeRuler):
    """An AttributeRuler that applies one-token rules without the Matcher (see the module)."""

    def clear(self) -> None:
        super().clear()
        self._reset()

    def add(self, patterns: Iterable[Any], attrs: dict[str, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._reset()

    def _reset(self) -> None:
        self._rules: _SplitRules | None = None
        self._worked_out: dict[tuple[int, ...], _WorkedOut] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self._rules is None:
            self._rules = _split_rules(self)
        if not self._rules.one_token:  # no rules, or none of the fast kind
            return super().__call__(doc)
        rows = doc.to_array(_READ).tolist()
        worked_out = [self._worked_out.get(tuple(row)) or self._work_out(row) for row in rows]
        # The Matcher of the other rules runs only over a text where one of them can start.
        others = (
            self._other_rules_by_token(doc, self._rules.others)
            if any(token.opens_other_rule for token in worked_out)
            else {}
        )
        tags = []
        for i, (row, token) in enumerate(zip(rows, worked_out, strict=True)):
            new_tag, changes = token.changes
            if i in others:
                applied = sorted((*token.applied, *others[i]), key=lambda rule: rule[0])
                new_tag, changes = _merged(applied)
            tags.append(row[_TAG_COLUMN] if new_tag is None else new_tag)
            if changes:
                set_token_attrs(doc[i], changes)
        if tags:
            column: Any = numpy.asarray(tags, dtype="uint64").reshape(-1, 1)
            doc.from_array([attrs.TAG], column)
        return doc

    def _other_rules_by_token(self, doc: Doc, others: Matcher | None) -> dict[int, _Applied]:
        """The rules of the other kind that apply to each token, as spaCy finds them."""
        if others is None:
            return {}
        found: dict[int, list[tuple[int, dict[int, int]]]] = {}
        for match_id, start, end in others(doc, allow_missing=True, as_spans=False):
            rule = int(self.vocab.strings[match_id])
            # Span indexing, as spaCy does: the rule's index may count from the end.
            token = Span(doc, start, end)[self.indices[rule]].i
            found.setdefault(token, []).append((rule, dict(self.attrs[rule])))
        return {token: tuple(rules) for token, rules in found.items()}

    def _work_out(self, row: list[int]) -> _WorkedOut:
        """What the one-token rules do to a token with these values, and whether one of the
        other rules may start at it."""
        strings = self.vocab.strings
        token: dict[str, object] = {
            name: bool(value) if name == "IS_SPACE" else strings[value]
            for name, value in zip(_READABLE, row, strict=True)
        }
        assert self._rules is not None
        applied = tuple(
            (rule, made) for rule, condition, made in self._rules.one_token if condition(token)
        )
        opens = any(condition(token) for condition in self._rules.other_openings)
        worked_out = _WorkedOut(applied, _merged(applied), opens)
        if len(self._worked_out) >= _SIGNATURES_KEPT:
            self._worked_out.clear()
        self._worked_out[tuple(row)] = worked_out
        return worked_out


def _merged(applied: Sequence[tuple[int, dict[int, int]]]) -> _Changes:
    """The changes of rules applied in this order: a later rule's value wins."""
    found: dict[int, int] = {}
    for _, made in applied:
        found.update(made)
    return found.pop(attrs.TAG, None), found


@Language.factory(FACTORY)
def _make(nlp: Language, name: str) -> OneTokenAttributeRuler:
    return OneTokenAttributeRuler(nlp.vocab, name)


@dataclass(frozen=True)
class _WorkedOut:
    """For a token with given read values: the one-token rules that apply to it, by rule
    number, the changes they make together, and whether one of the other rules may start at
    it."""

    applied: _Applied
    changes: _Changes
    opens_other_rule: bool


@dataclass(frozen=True)
class _SplitRules:
    """A ruler's rules in two kinds: one-token rules as tests of a token's ``_READABLE``
    values (rule number, test, changes), and the others in a Matcher of their own, with a test
    for the tokens each may start at (always true when its first token reads something else)."""

    one_token: Sequence[tuple[int, _Condition, dict[int, int]]]
    others: Matcher | None
    other_openings: Sequence[_Condition]


def _split_rules(ruler: AttributeRuler) -> _SplitRules:
    one_token: list[tuple[int, _Condition, dict[int, int]]] = []
    others: Matcher | None = None
    openings: list[_Condition] = []
    # Rule i is the Matcher's key "i", and the changes it makes are normalised already.
    for i, (changes, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
        patterns = ruler.matcher.get(str(i))[1]
        tests = [test for p in patterns if len(p) == 1 and (test := _condition(p[0]))]
        if index in (0, -1) and len(tests) == len(patterns):
            one_token.append((i, _any(tests), dict(changes)))
            continue
        if others is None:
            others = Matcher(ruler.vocab, validate=False)
        others.add(str(i), patterns)
        openings.extend(_condition(p[0]) or _always for p in patterns)
    return _SplitRules(one_token, others, openings)


def _always(token: Mapping[str, object]) -> bool:
    return True


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
        if operator == "REGEX" and isinstance(listed, str):
            regex = re.compile(listed)
            return lambda value: isinstance(value, str) and regex.search(value) is not None
    return None
