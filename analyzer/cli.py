"""The command line: ``deckmentor check`` and ``deckmentor rules``. A thin shell over the batch.

It owns what the core must not do: reading paths and settings files, writing files, printing,
exit codes. Nothing heavy is imported before a command needs it, so ``--help`` answers at once,
and the process that runs a parallel batch never imports spaCy (its workers do).
Exit codes: 0 clean, 1 a deck below --fail-under or with findings at --fail-on, 2 a usage error
or an input that could not be read, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from analyzer.cli_output import EXIT_BAD_INPUT, available_formats, format_from, names_a_file

if TYPE_CHECKING:
    from analyzer.config import Config
    from analyzer.findings import Severity

#: Exit code after Ctrl-C, as a shell reports a process ended by SIGINT.
EXIT_INTERRUPTED = 130

#: File endings of the OOXML presentation flavours a folder is searched for.
DECK_SUFFIXES = (".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="deckmentor", prog_name="deckmentor")
def main() -> None:
    """deckmentor: a mentor's feedback on a draft PowerPoint deck.

    It reads a .pptx and says, slide by slide, what is unclear, what is too long and which
    messages land weakly, with concrete suggestions, in the deck's language (French or English).
    """


def entry() -> None:
    """The ``deckmentor`` command: ``main``, then a quick exit.

    An analysis leaves some 300 MB of small objects behind (the language pipelines and their
    word tables), which the interpreter would free one by one on the way out: a quarter of a
    second after one deck, half a second after a long batch, for nothing. By the time ``main``
    returns every report is written and closed, so the process flushes its output and leaves.
    """
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = _exit_status(stop.code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, a closed stream
            stream.flush()
    os._exit(code)


def _exit_status(code: object) -> int:
    """What the interpreter makes of ``sys.exit(code)``: None is 0, a message is printed and
    is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Report file (one deck, or a whole-batch format) or folder (one report per deck). "
    "Without it: a summary in the terminal; JSON and whole-batch formats go to standard output.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(available_formats()),
    default=None,
    help="html and json: one report per deck (and an index page for an HTML batch); the others: "
    "one document for the whole batch. By default taken from the output's ending "
    "(html when unsure).",
)
@click.option(
    "--lang",
    type=click.Choice(["auto", "fr", "en"]),
    default=None,
    help="Language of the report [default: auto, which follows each deck; English for files "
    "that could not be read].",
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
@click.option(
    "--select",
    multiple=True,
    help="Run only these rules (code, name, code prefix or family); repeatable.",
)
@click.option(
    "--extend-select",
    multiple=True,
    help="Run these rules too, beside those on by default (e.g. rules off by default).",
)
@click.option("--ignore", multiple=True, help="Skip these rules; repeatable.")
@click.option(
    "-j",
    "--jobs",
    default="1",
    show_default=True,
    metavar="N|auto",
    help="Decks analyzed at once, each worker process with its own pipeline; 0 or auto: one "
    "per CPU. Reports come out in the order of the inputs.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="With --jobs 2 or more: a deck that takes longer is reported as not read (DK100) and "
    "its worker replaced; 0: no limit.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Settings file; by default the nearest one found from the current folder up. "
    "Flags override it.",
)
def check(
    paths: tuple[Path, ...],
    output: Path | None,
    fmt: str | None,
    lang: str | None,
    fail_under: float | None,
    fail_on: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    jobs: str,
    timeout: float,
    config_path: Path | None,
) -> None:
    """Analyze decks (files or folders) and write their feedback reports.

    A file that cannot be read does not stop the others: it is reported in every format as a
    DK100 deck-not-read finding, and the command exits with 2.
    """
    from analyzer.config import ConfigError
    from analyzer.findings import Severity
    from analyzer.registry import enabled_rules

    workers = _jobs(jobs)
    decks = list(_expand(paths))
    fmt = fmt or format_from(output) or ("html" if output is not None else None)
    try:
        config = _config(
            config_path, lang=lang, select=select, extend_select=extend_select, ignore=ignore
        )
        enabled_rules(config)  # validates --select/--ignore before any deck is read
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    if not decks:
        raise click.UsageError("no deck found in the given paths")
    batch = len(decks) > 1 or any(path.is_dir() for path in paths)
    if batch and output is not None and names_a_file(output) and fmt in ("html", "json"):
        raise click.UsageError("several decks: --output must be a folder")
    threshold = None if fail_on == "none" else Severity(fail_on)
    limit = timeout or None
    sys.exit(_run(decks, config, fmt, output, batch, workers, limit, fail_under, threshold))


def _run(
    decks: list[Path],
    config: Config,
    fmt: str | None,
    output: Path | None,
    batch: bool,
    workers: int,
    timeout: float | None,
    fail_under: float | None,
    fail_on: Severity | None,
) -> int:
    from analyzer.batch import run_batch
    from analyzer.cli_output import Tally, batch_lang, sinks_for
    from analyzer.cli_view import print_tally
    from analyzer.config import ConfigError

    tally = Tally(fail_under, fail_on)
    sinks = sinks_for(fmt, output, batch=batch, configured_lang=config.lang)
    try:
        with contextlib.closing(run_batch(decks, config, workers, timeout)) as outcomes:
            for outcome in outcomes:
                tally.add(outcome)
                for sink in sinks:
                    sink.add(outcome)
        for sink in sinks:
            sink.close()
    except ConfigError as error:  # a wrong model directory: every deck would fail the same way
        raise click.UsageError(str(error)) from None
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
    except OSError as error:  # a report that cannot be written: say where and why, no traceback
        where = error.filename or output
        click.echo(f"cannot write the report to {where}: {error.strerror or error}", err=True)
        return EXIT_BAD_INPUT
    if batch:
        lang = batch_lang(config.lang, tally.langs)
        print_tally(lang, analyzed=tally.analyzed, unread=tally.unread)
    return tally.exit_code


def _jobs(value: str) -> int:
    """``--jobs``: a number of workers, or 0/auto for one per CPU."""
    from analyzer.batch import available_cpus

    text = value.strip().lower()
    if text == "auto" or (text.isdigit() and int(text) == 0):
        return available_cpus()
    if text.isdigit():
        return int(text)
    raise click.BadParameter(
        f"{value!r}: give a number of workers, or 0 or auto", param_hint="--jobs"
    )


def _config(
    path: Path | None,
    *,
    lang: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> Config:
    """Settings from the file (given, or the nearest found from the current folder up), with
    the flags the user gave on top; model directories also come from the environment."""
    from analyzer.config import find_config, load_config

    if path is None:
        path = find_config(Path.cwd())
    return load_config(
        path,
        lang=lang,
        select=frozenset(select),
        extend_select=frozenset(extend_select),
        ignore=frozenset(ignore),
    )


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


@main.group()
def debug() -> None:
    """Tools for checking deckmentor itself on real decks."""


@debug.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def recall(paths: tuple[Path, ...]) -> None:
    """Extraction recall: the share of the text nodes a person sees (slides, notes, SmartArt,
    charts, alt text, sections, read straight from the zip) that deckmentor extracted, and each
    node it missed, lost or left out by design."""
    from analyzer.recall import main as measure

    sys.exit(measure([str(path) for path in paths]))
