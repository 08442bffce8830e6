"""The rule contract: a Rule is a small class with its metadata, options, messages and check().

A rule reads the annotated deck through a RuleContext and yields Findings. It never prints,
opens files, reads the environment or formats text by hand: ``self.finding()`` does that from
the rule's ``message`` and ``suggestion`` templates, in the report's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from analyzer.annotation import AnnotatedDeck, Lang, TextAnalysis
from analyzer.findings import Family, Finding, Severity
from analyzer.model import VISIBLE_SCOPES, Loc, Paragraph, Scope, Slide, TextBlock
from analyzer.prose import looks_like_code
from rules._lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class Msg:
    """One text in both report languages; ``{placeholders}`` are filled by ``Rule.finding``."""

    en: str
    fr: str

    def in_lang(self, lang: Lang) -> str:
        return self.fr if lang is Lang.FR else self.en

    @property
    def placeholders(self) -> dict[Lang, frozenset[str]]:
        return {
            Lang.EN: frozenset(re.findall(r"{(\w+)}", self.en)),
            Lang.FR: frozenset(re.findall(r"{(\w+)}", self.fr)),
        }


@dataclass(frozen=True, kw_only=True)
class NoOptions:
    """For rules without thresholds."""


OptionsT = TypeVar("OptionsT")


@dataclass(frozen=True)
class ParagraphRef:
    """A paragraph with where it stands and its language analysis."""

    slide: Slide
    block: TextBlock
    paragraph: Paragraph
    analysis: TextAnalysis

    @property
    def loc(self) -> Loc:
        return self.slide.loc(self.block)

    @property
    def lang(self) -> Lang:
        return self.analysis.lang


#: Paragraph lists already gathered for a deck, by what was asked (see ``RuleContext.read``).
ReadingMemo = dict[tuple[object, ...], tuple[ParagraphRef, ...]]


@dataclass(frozen=True)
class RuleContext(Generic[OptionsT]):
    """Everything a rule may read: the annotated deck, its options, the report language, and
    the languages the running rule has data for (``Rule.languages``).

    The rules of one run share ``read``: most of them walk the same paragraphs, and gathering
    them (and deciding which are code) once per deck rather than once per rule saves a tenth
    of the rules' time."""

    annotated: AnnotatedDeck
    options: OptionsT
    report_lang: Lang
    languages: frozenset[Lang] = frozenset(Lang)
    read: ReadingMemo = field(default_factory=dict, compare=False, repr=False)

    @property
    def slides(self) -> tuple[Slide, ...]:
        return self.annotated.deck.slides

    def paragraphs(
        self,
        scopes: frozenset[Scope] = VISIBLE_SCOPES,
        *,
        slide: Slide | None = None,
        rule_languages: bool = False,
    ) -> Iterator[ParagraphRef]:
        """Non-empty paragraphs in the given scopes, slide by slide, in reading order; with
        ``rule_languages``, only those in a language the rule has data for (an English quote
        in a French deck is read with the English lists, a Spanish one not at all)."""
        refs = self._gathered("all", scopes, slide, self._all_paragraphs)
        if not rule_languages:
            return iter(refs)
        return (ref for ref in refs if ref.lang in self.languages)

    def prose(
        self, scopes: frozenset[Scope] = VISIBLE_SCOPES, *, slide: Slide | None = None
    ) -> Iterator[ParagraphRef]:
        """The paragraphs a rule about wording reads: in the rule's languages, not on the cover
        (names, affiliations and thanks are not prose), and not code shown on the slide (its
        identifiers are not acronyms, its statements not sentences)."""
        refs = self._gathered("prose", scopes, slide, self._prose)
        return (ref for ref in refs if ref.lang in self.languages)

    def _gathered(
        self,
        kind: str,
        scopes: frozenset[Scope],
        slide: Slide | None,
        gather: Callable[[frozenset[Scope], Slide | None], Iterator[ParagraphRef]],
    ) -> tuple[ParagraphRef, ...]:
        key = (kind, scopes, None if slide is None else slide.number)
        found = self.read.get(key)
        if found is None:
            found = self.read[key] = tuple(gather(scopes, slide))
        return found

    def _all_paragraphs(
        self, scopes: frozenset[Scope], slide: Slide | None
    ) -> Iterator[ParagraphRef]:
        for current in (slide,) if slide is not None else self.slides:
            for block in current.blocks_in(scopes):
                for paragraph in block.non_empty_paragraphs:
                    analysis = self.annotated.analysis(paragraph.text)
                    yield ParagraphRef(current, block, paragraph, analysis)

    def _prose(self, scopes: frozenset[Scope], slide: Slide | None) -> Iterator[ParagraphRef]:
        for ref in self._gathered("all", scopes, slide, self._all_paragraphs):
            if not ref.slide.is_cover and not looks_like_code(ref.paragraph):
                yield ref

    def analysis(self, text: str) -> TextAnalysis:
        return self.annotated.analysis(text)

    def lexicon(self, name: str, lang: Lang) -> Lexicon:
        """A word list for a language; OTHER gets an empty list, so nothing fires on it."""
        return load_lexicon(name, lang)


class Rule(Generic[OptionsT]):
    """Base of every rule; subclasses set the class attributes and write ``check``.

    The docstring of a subclass is its documentation page: a one-line summary, then the sections
    ``## What it does``, ``## Why is this bad?``, ``## Example``, ``Use instead:`` and
    ``## Options``.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[Family]
    severity: ClassVar[Severity]
    #: Languages the rule has data for; a paragraph in another language is skipped.
    languages: ClassVar[frozenset[Lang]] = frozenset({Lang.EN, Lang.FR, Lang.OTHER})
    Options: ClassVar[type[Any]] = NoOptions
    #: False for a rule about inputs that never became a deck (``DK100``): it is documented
    #: and listed like the others, but the pipeline never runs it.
    runs_on_decks: ClassVar[bool] = True
    message: ClassVar[Msg]
    suggestion: ClassVar[Msg]

    def __init__(self, severity: Severity | None = None) -> None:
        self.effective_severity = severity or self.severity

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0].strip()

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    def check(self, ctx: RuleContext[OptionsT]) -> Iterator[Finding]:
        raise NotImplementedError

    def runs_on(self, lang: Lang) -> bool:
        return lang in self.languages

    def finding(
        self,
        ctx: RuleContext[OptionsT],
        loc: Loc,
        *,
        evidence: str = "",
        message: Msg | None = None,
        suggestion: Msg | None = None,
        **fields: object,
    ) -> Finding:
        """A Finding at ``loc`` with the message and suggestion in the report language.

        ``message`` / ``suggestion`` pick another wording pair held on the rule (a deletion
        rather than a swap, say); by default the rule's own.
        """
        values: Mapping[str, object] = {"evidence": evidence, **fields}
        lang = ctx.report_lang
        return Finding(
            code=self.code,
            name=self.name,
            family=self.family,
            severity=self.effective_severity,
            loc=loc,
            message=(message or self.message).in_lang(lang).format_map(values),
            suggestion=(suggestion or self.suggestion).in_lang(lang).format_map(values),
            evidence=evidence,
        )
