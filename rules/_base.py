"""The rule contract: a Rule is a small class with its metadata, options, messages and check().

A rule reads the annotated deck through a RuleContext and yields Findings. It never prints,
opens files, reads the environment or formats text by hand: ``self.finding()`` does that from
the rule's ``message`` and ``suggestion`` templates, in the report's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from analyzer.annotation import AnnotatedDeck, Lang, TextAnalysis
from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import VISIBLE_SCOPES, Loc, Paragraph, Scope, Slide, TextBlock
from analyzer.prose import is_transcript, looks_like_code
from analyzer.spelling import Speller
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
    #: Each slide's role (``rules._slides``), found once per deck for all rules.
    roles: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    #: A language's spelling dictionaries (``analyzer.spelling``), None where none is installed.
    speller: Callable[[Lang], Speller | None] = field(
        default=lambda lang: None, compare=False, repr=False
    )

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
        (names, affiliations and thanks are not prose), and not code or a terminal session
        shown on the slide (its identifiers are not acronyms, its statements not sentences)."""
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
            if ref.slide.is_cover or looks_like_code(ref.paragraph) or is_transcript(ref.block):
                continue
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
    #: Where its remarks stand in the top fixes (storyline, overload, titles, wording).
    tier: ClassVar[Tier] = Tier.WORDING
    #: False for a rule that runs only when selected: its remarks were too often wrong or not
    #: worth the presenter's time on real decks (its page says why and how often).
    enabled_by_default: ClassVar[bool] = True
    #: Rules whose remarks on a slide this rule's remark there already covers ("too many
    #: words" covers "bullet too long"): the pipeline keeps one remark per slide.
    subsumes: ClassVar[frozenset[str]] = frozenset()
    #: Languages the rule has data for; a paragraph in another language is skipped.
    languages: ClassVar[frozenset[Lang]] = frozenset({Lang.EN, Lang.FR, Lang.OTHER})
    Options: ClassVar[type[Any]] = NoOptions
    #: False for a rule about inputs that never became a deck (``DK100``): it is documented
    #: and listed like the others, but the pipeline never runs it.
    runs_on_decks: ClassVar[bool] = True
    #: True for a rule that reads spelling dictionaries: where the deck's language has none,
    #: the report says the rule did not run and what to install.
    needs_dictionary: ClassVar[bool] = False
    message: ClassVar[Msg]
    suggestion: ClassVar[Msg]
    #: The remark said once for many slides (``grouped``): ``{count}`` places, on ``{slides}``
    #: ("3, 5 and 9"), of ``{total}`` slides. None for a rule whose remarks are about the deck.
    group_message: ClassVar[Msg | None] = None
    group_suggestion: ClassVar[Msg | None] = None

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
        excess: float = 1.0,
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
            tier=self.tier,
            excess=excess,
        )

    def grouped(self, members: Sequence[Finding], lang: Lang, total: int) -> Finding:
        """One deck-level remark standing for ``members``, this rule's remarks on several
        slides of a deck of ``total`` slides: said once, it names the slides."""
        assert self.group_message is not None and self.group_suggestion is not None
        numbers = tuple(dict.fromkeys(n for m in members for n in m.slide_numbers))
        return self.deck_finding(
            lang,
            {"count": len(members), "slides": listed(numbers, lang), "total": total},
            message=self.group_message,
            suggestion=self.group_suggestion,
            evidence=" · ".join(f"{m.slide_number}: {m.evidence}" for m in members),
            excess=max(m.excess for m in members),
            members=tuple(members),
        )

    def deck_finding(
        self,
        lang: Lang,
        values: Mapping[str, object],
        *,
        message: Msg | None = None,
        suggestion: Msg | None = None,
        evidence: str = "",
        excess: float = 1.0,
        members: tuple[Finding, ...] = (),
    ) -> Finding:
        """A remark about the whole deck in ``lang``, its wording (the rule's own by default)
        filled with ``values``."""
        return Finding(
            code=self.code,
            name=self.name,
            family=self.family,
            severity=self.effective_severity,
            loc=Loc(scope=Scope.DECK),
            message=(message or self.message).in_lang(lang).format_map(values),
            suggestion=(suggestion or self.suggestion).in_lang(lang).format_map(values),
            evidence=evidence,
            tier=self.tier,
            excess=excess,
            members=members,
        )


def listed(numbers: Sequence[int], lang: Lang) -> str:
    """Slide numbers as a reader says them: "3, 5 and 9", « 3, 5 et 9 »."""
    words = [str(n) for n in numbers]
    if len(words) < 2:
        return "".join(words)
    last = " et " if lang is Lang.FR else " and "
    return ", ".join(words[:-1]) + last + words[-1]
