"""The command line: ``deckmentor check`` and ``deckmentor rules``. A thin shell over analyze().

It owns what the core must not do: reading paths, writing files, printing, exit codes.
Nothing heavy is imported before a command needs it, so ``--help`` answers at once.
Exit codes: 0 clean, 1 a deck below --fail-under or with findings at --fail-on, 2 a usage error
or a deck that could not be read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from analyzer.config import Config
    from analyzer.report import Report

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2

#: File endings of the OOXML presentation flavours a folder is searched for.
DECK_SUFFIXES = (".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm")
FORMATS = ("html", "json")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="deckmentor", prog_name="deckmentor")
def main() -> None:
    """deckmentor: a mentor's feedback on a draft PowerPoint deck.

    It reads a .pptx and says, slide by slide, what is unclear, what is too long and which
    messages land weakly, with concrete suggestions, in the deck's language (French or English).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Report file (one deck) or folder (several decks). "
    "Without it: a summary in the terminal (JSON goes to standard output).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Report format; by default taken from the output file's ending (html when unsure).",
)
@click.option(
    "--lang",
    type=click.Choice(["auto", "fr", "en"]),
    default="auto",
    show_default=True,
    help="Language of the report; auto follows the deck.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    help="Exit with 1 when a deck's overall score is below this.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["none", "info", "warning", "error"]),
    default="none",
    show_default=True,
    help="Exit with 1 when a deck has a finding at or above this severity.",
)
@click.option("--select", multiple=True, help="Run only these rules (code or name); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rules (code or name); repeatable.")
def check(
    paths: tuple[Path, ...],
    output: Path | None,
    fmt: str | None,
    lang: str,
    fail_under: float | None,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Analyze decks (files or folders) and write their feedback reports."""
    from analyzer.config import Config, ConfigError, parse_lang
    from analyzer.registry import enabled_rules

    decks = list(_expand(paths))
    fmt = fmt or _format_from(output) or ("html" if output is not None else None)
    try:
        config = Config.from_env(
            lang=parse_lang(lang),
            select=frozenset(select) if select else None,
            ignore=frozenset(ignore),
        )
        enabled_rules(config)  # validates --select/--ignore before any deck is read
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    if not decks:
        raise click.UsageError("no deck found in the given paths")
    if output is not None and len(decks) > 1 and output.suffix:
        raise click.UsageError("several decks: --output must be a folder")

    worst = EXIT_OK
    for deck_path in decks:
        report = _analyze_one(deck_path, config)
        if report is None:
            worst = EXIT_BAD_INPUT
            continue
        _emit(report, deck_path, output, fmt, several=len(decks) > 1)
        if _fails(report, fail_under, fail_on) and worst == EXIT_OK:
            worst = EXIT_FINDINGS
    sys.exit(worst)


def _expand(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in DECK_SUFFIXES and not p.name.startswith("~$")
            )
        else:
            yield path


def _format_from(output: Path | None) -> str | None:
    if output is None:
        return None
    suffix = output.suffix.lower().lstrip(".")
    return {"htm": "html"}.get(suffix, suffix) if suffix in ("html", "htm", "json") else None


def _analyze_one(path: Path, config: Config) -> Report | None:
    """The deck's report, or None after one line on stderr saying why it could not be read."""
    from analyzer.annotation import Lang
    from analyzer.config import ConfigError
    from analyzer.errors import DeckError
    from analyzer.pipeline import analyze

    try:
        return analyze(path, config)
    except ConfigError as error:  # a wrong model directory: every deck would fail the same way
        raise click.UsageError(str(error)) from None
    except DeckError as error:
        _err(f"{path}: {error.describe(config.lang or Lang.EN)}")
    except Exception as error:  # never a traceback for a person; say what broke
        _err(f"{path}: internal error ({type(error).__name__}: {error}); please report it")
    return None


def _emit(
    report: Report, deck_path: Path, output: Path | None, fmt: str | None, *, several: bool
) -> None:
    """Without a format, a summary in the terminal; JSON without -o goes to standard output;
    otherwise the report is written to -o, or beside the current folder."""
    if fmt is None:
        _print_summary(report)
        return
    text = _render(report, fmt)
    if output is None and fmt == "json":
        click.echo(text)
        return
    target = _target(deck_path, output, fmt, several=several)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _print_summary(report)
    _err(f"{deck_path}: report written to {target}")


def _target(deck_path: Path, output: Path | None, fmt: str, *, several: bool) -> Path:
    name = f"{deck_path.stem}.deckmentor.{fmt}"
    if output is None:
        return Path(name)
    if several or not output.suffix:
        return output / name
    return output


def _render(report: Report, fmt: str) -> str:
    if fmt == "json":
        from reports.json import render_json

        return render_json(report)
    from reports.html import render_html

    return render_html(report)


def _fails(report: Report, fail_under: float | None, fail_on: str) -> bool:
    from analyzer.findings import Severity

    if fail_under is not None and report.scores.deck.overall < fail_under:
        return True
    if fail_on == "none":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)


def _print_summary(report: Report) -> None:
    from analyzer.cli_view import print_summary

    print_summary(report)


def _err(line: str) -> None:
    click.echo(line, err=True)


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every rule, or print one rule's documentation (by code or name)."""
    from analyzer.cli_view import print_rule_doc, print_rule_table
    from analyzer.config import ConfigError
    from analyzer.registry import all_rules, rule_by_key

    if code is None:
        print_rule_table(all_rules())
        return
    try:
        print_rule_doc(rule_by_key(code))
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
