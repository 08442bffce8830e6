"""The one path from bytes to Report: gate, parse, annotate, check, score.

``analyze`` depends only on its arguments: no printing, no clock, no exit codes. Entry points
(API, CLI, web) call it and decide what to do with the Report or the DeckError it raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analyzer import gate, nlp, parser, spelling
from analyzer.annotation import AnnotatedDeck, Lang
from analyzer.config import Config, Limits
from analyzer.critique import one_per_slide, said_once
from analyzer.errors import DeckError, Problem
from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import Deck, Loc, Scope
from analyzer.registry import enabled_rules
from analyzer.report import WORDS_PER_MINUTE, DeckStats, Report, SkippedRule
from analyzer.scoring import score, top_fixes
from rules._base import Msg, ReadingMemo, RuleContext

#: Code of the finding that stands in for a rule that crashed, so the other rules still run.
INTERNAL_ERROR_CODE = "DK900"


def analyze(
    source: str | Path | bytes, config: Config | None = None, *, file_name: str | None = None
) -> Report:
    """Analyze a deck given as a path or as the bytes of a .pptx file.

    Raises DeckError, with a one-line reason, when the input is not an analyzable deck.
    """
    config = config or Config()
    _, deck = read_deck(source, config, file_name=file_name)
    return analyze_deck(deck, config)


def analyze_deck(deck: Deck, config: Config) -> Report:
    """Analyze a deck already read (``read_deck``). Raises DeckError when it has no slide."""
    if not deck.slides:
        raise DeckError(Problem.NO_SLIDES)
    rules = enabled_rules(config)
    # Speaker notes go through the tagger only when an enabled rule reads them (a rule's
    # ``scopes`` option): their word counts need tokens only.
    tag_notes = any(Scope.NOTES in getattr(options, "scopes", ()) for _, options in rules)
    annotated = nlp.annotate(
        deck,
        model_dirs=config.model_dirs,
        tag_notes=tag_notes,
        english_model=config.english_model,
    )
    report_lang = config.lang or (annotated.lang if annotated.lang is not Lang.OTHER else Lang.EN)
    findings, skipped = run_rules(annotated, rules, report_lang)
    slide_numbers = [slide.number for slide in deck.slides]
    return Report(
        file_name=deck.file_name,
        deck=deck,
        lang=annotated.lang,
        report_lang=report_lang,
        findings=findings,
        scores=score(findings, slide_numbers),
        top_fixes=top_fixes(findings),
        stats=deck_stats(annotated),
        sources=annotated.sources,
        skipped_rules=skipped,
        readability=annotated.readability,
        rule_codes=tuple(rule.code for rule, _ in rules),
    )


def read_deck(
    source: str | Path | bytes, config: Config, *, file_name: str | None = None
) -> tuple[bytes, Deck]:
    """The bytes of a deck and what the parser made of them, within ``config.limits``: the
    gate before the parser, the text caps after it. Raises DeckError."""
    data, name = _read(source, file_name, config.limits)
    gate.check(data, config.limits)
    deck = parser.parse(data, name)
    gate.check_text(deck, config.limits)
    return data, deck


def _read(source: str | Path | bytes, file_name: str | None, limits: Limits) -> tuple[bytes, str]:
    """The bytes of a deck; a file over the size cap is refused from its size, unread, and no
    more than the cap is ever read (a file may grow, or be a device that never ends)."""
    if isinstance(source, bytes):
        return source, file_name or "deck.pptx"
    path = Path(source)
    try:
        gate.check_size(path.stat().st_size, limits)
        with path.open("rb") as file:
            data = file.read(limits.max_file_bytes + 1)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise DeckError(Problem.NOT_FOUND, str(path)) from None
    except OSError as error:  # permission denied, a device error...: say which, in one line
        raise DeckError(Problem.CANNOT_OPEN, error.strerror or type(error).__name__) from None
    gate.check_size(len(data), limits)
    return data, file_name or path.name


def run_rules(
    annotated: AnnotatedDeck, rules: Sequence[tuple[Any, Any]], report_lang: Lang
) -> tuple[tuple[Finding, ...], tuple[SkippedRule, ...]]:
    """Run each rule on the deck; a rule that raises becomes one internal-error finding."""
    findings: list[Finding] = []
    skipped: list[SkippedRule] = []
    read: ReadingMemo = {}  # the paragraphs rules gathered, shared by all (see RuleContext)
    roles: dict[int, str] = {}  # each slide's role, shared by all
    for rule, options in rules:
        if not rule.runs_on(annotated.lang):
            skipped.append(SkippedRule(rule.code, _NOT_RUN_LANGUAGE.in_lang(report_lang)))
            continue
        install = spelling.missing(annotated.lang) if rule.needs_dictionary else None
        if install is not None:
            reason = _NO_DICTIONARY.in_lang(report_lang).format(install=install)
            skipped.append(SkippedRule(rule.code, reason))
            continue
        ctx = RuleContext(
            annotated, options, report_lang, rule.languages, read, roles, spelling.speller
        )
        try:
            findings.extend(rule.check(ctx))
        except Exception as error:  # a broken rule must not hide the other rules' findings
            findings.append(_internal_error(rule.code, error, report_lang))
    by_code = {rule.code: rule for rule, _ in rules}
    remarks = said_once(
        one_per_slide(findings, by_code), by_code, report_lang, len(annotated.deck.slides)
    )
    remarks.sort(key=_reading_order)
    return tuple(remarks), tuple(skipped)


def _reading_order(finding: Finding) -> tuple[int, int, str]:
    number = finding.loc.slide_number
    # Deck-level findings first: they are about the whole storyline.
    return (0 if number is None else number, finding.loc.shape_id or 0, finding.code)


_NOT_RUN_LANGUAGE = Msg(
    en="the deck's language is neither French nor English, and this rule needs word lists or "
    "grammar for it",
    fr="la langue de la présentation n'est ni le français ni l'anglais, et cette règle a besoin "
    "de listes de mots ou de grammaire dans cette langue",
)


_NO_DICTIONARY = Msg(
    en="no spelling dictionary for the deck's language is installed: install {install}",
    fr="aucun dictionnaire orthographique n'est installé pour la langue de la présentation : "
    "installez {install}",
)


_RULE_CRASHED = Msg(
    en="Rule {code} failed on this deck and was skipped ({evidence}).",
    fr="La règle {code} a échoué sur cette présentation et n'a pas été appliquée ({evidence}).",
)
_RULE_CRASHED_SUGGESTION = Msg(
    en="Please report this to the deckmentor developers, with the deck if you can share it.",
    fr="Signalez-le aux développeurs de deckmentor, avec la présentation si vous pouvez la "
    "partager.",
)


def _internal_error(code: str, error: Exception, report_lang: Lang) -> Finding:
    detail = f"{type(error).__name__}: {error}"
    return Finding(
        code=INTERNAL_ERROR_CODE,
        name="rule-crashed",
        family=Family.INPUT,
        severity=Severity.ERROR,
        loc=Loc(scope=Scope.DECK),
        message=_RULE_CRASHED.in_lang(report_lang).format(code=code, evidence=detail),
        suggestion=_RULE_CRASHED_SUGGESTION.in_lang(report_lang),
        evidence=detail,
        tier=Tier.INPUT,
    )


def deck_stats(annotated: AnnotatedDeck) -> DeckStats:
    """Word counts and a talk-time estimate: notes read aloud at 130 words a minute, or, for a
    slide without notes, twice its visible words (a presenter says more than the slide shows),
    and at least half a minute a slide."""
    slide_words = notes_words = 0
    minutes = 0.0
    for slide in annotated.deck.slides:
        visible = sum(
            annotated.analysis(p.text).word_count
            for block in slide.blocks
            for p in block.non_empty_paragraphs
        )
        spoken = (
            sum(annotated.analysis(p.text).word_count for p in slide.notes.non_empty_paragraphs)
            if slide.notes is not None
            else 0
        )
        slide_words += visible
        notes_words += spoken
        if not slide.hidden:
            minutes += max(0.5, (spoken or 2 * visible) / WORDS_PER_MINUTE)
    return DeckStats(
        slides=len(annotated.deck.slides),
        hidden_slides=sum(1 for s in annotated.deck.slides if s.hidden),
        words_on_slides=slide_words,
        words_in_notes=notes_words,
        talk_minutes=round(minutes, 1),
    )
