"""Where the command line puts a batch's outcomes, and the exit code they add up to.

Three kinds of output, all fed one outcome at a time in input order:
- the terminal: a summary per deck, one line per input that could not be read (stderr);
- one file per input (HTML, JSON), plus an index page for an HTML batch;
- one document for the whole batch (SARIF, JUnit, Markdown, GitHub annotations).
Nothing keeps a report longer than its output needs: per-input files are written as outcomes
arrive and the index keeps a few values per deck; only whole-batch documents hold every outcome,
because they are written at the end.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import click

from analyzer.annotation import Lang
from analyzer.findings import Severity
from analyzer.report import Outcome, Unread

if TYPE_CHECKING:
    from reports.html import IndexEntry

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2

#: Formats written once per input.
PER_INPUT_FORMATS = ("html", "json")


@dataclass(frozen=True)
class BatchFormat:
    """A format written once for the whole batch: the renderer that makes it, and the file
    ending it gets in an output folder."""

    name: str
    module: str
    function: str
    suffix: str


BATCH_FORMATS = (
    BatchFormat("sarif", "reports.sarif", "render_sarif", ".sarif"),
    BatchFormat("junit", "reports.junit", "render_junit", ".xml"),
    BatchFormat("markdown", "reports.markdown", "render_markdown", ".md"),
    BatchFormat("github", "reports.github", "render_github", ".txt"),
)

#: Output file endings that name a format.
SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    **{fmt.suffix: fmt.name for fmt in BATCH_FORMATS},
}


def names_a_file(output: Path) -> bool:
    """Whether ``-o`` names a file rather than a folder: it has an ending and is no existing
    folder (``reports.d/`` is a folder)."""
    return bool(output.suffix) and not output.is_dir()


def available_formats() -> tuple[str, ...]:
    """The formats this installation can write; a renderer module is looked up, not imported."""
    batch = tuple(f.name for f in BATCH_FORMATS if importlib.util.find_spec(f.module) is not None)
    return PER_INPUT_FORMATS + batch


def format_from(output: Path | None) -> str | None:
    """The format an output file's ending names, if any."""
    if output is None:
        return None
    return SUFFIX_FORMATS.get(output.suffix.lower())


def batch_lang(configured: Lang | None, langs: Iterable[Lang]) -> Lang:
    """The language of what speaks for the whole batch: ``--lang``, else the report language
    every input shares, else English."""
    if configured is not None:
        return configured
    seen = set(langs)
    return seen.pop() if len(seen) == 1 else Lang.EN


class Tally:
    """Counts the outcomes and owns the exit code: 2 when an input could not be read, else 1
    when a deck fails ``--fail-under`` or ``--fail-on``, else 0."""

    def __init__(self, fail_under: float | None, fail_on: Severity | None) -> None:
        self.fail_under = fail_under
        self.fail_on = fail_on
        self.analyzed = self.unread = self.failed = 0
        self.langs: set[Lang] = set()

    def add(self, outcome: Outcome) -> None:
        self.langs.add(outcome.report_lang)
        if isinstance(outcome, Unread):
            self.unread += 1
            return
        self.analyzed += 1
        report = outcome.report
        below = self.fail_under is not None and report.scores.deck.overall < self.fail_under
        threshold = self.fail_on.rank if self.fail_on is not None else None
        flagged = threshold is not None and any(
            f.severity.rank >= threshold for f in report.findings
        )
        if below or flagged:
            self.failed += 1

    @property
    def exit_code(self) -> int:
        if self.unread:
            return EXIT_BAD_INPUT
        return EXIT_FINDINGS if self.failed else EXIT_OK


class Sink(Protocol):
    def add(self, outcome: Outcome) -> None: ...

    def close(self) -> None: ...


class Terminal:
    """Summaries on stderr; when the report itself goes to stdout, only the inputs that could
    not be read (a person watching a pipe still learns about them)."""

    def __init__(self, *, brief: bool) -> None:
        self.brief = brief

    def add(self, outcome: Outcome) -> None:
        from analyzer.cli_view import print_summary, print_unread

        if isinstance(outcome, Unread):
            print_unread(outcome)
        elif not self.brief:
            print_summary(outcome.report)

    def close(self) -> None:
        pass


class Files:
    """One HTML or JSON file per input, named after the deck (``<stem>.deckmentor.<fmt>``) in
    the output folder, or the output file itself for a single input; an HTML batch also gets an
    index page (``index.html``, or ``deckmentor-index.html`` in the current folder)."""

    def __init__(
        self, fmt: str, output: Path | None, *, batch: bool, configured_lang: Lang | None
    ) -> None:
        self.fmt = fmt
        self.batch = batch
        self.configured_lang = configured_lang
        self.file = output if output is not None and names_a_file(output) and not batch else None
        self.folder = output if output is not None and self.file is None else Path()
        self.index_name = "index.html" if output is not None else "deckmentor-index.html"
        self.taken: set[str] = {self.index_name}
        self.index: list[IndexEntry] = []

    def add(self, outcome: Outcome) -> None:
        target = self.file or self.folder / self._name(outcome.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self._render(outcome), encoding="utf-8")
        click.echo(f"{outcome.path}: report written to {target}", err=True)
        if self.fmt == "html" and self.batch:
            from reports.html import index_entry

            self.index.append(index_entry(outcome, target.name))

    def close(self) -> None:
        if not self.index:
            return
        from reports.html import render_index_html

        lang = batch_lang(self.configured_lang, (entry.lang for entry in self.index))
        target = self.folder / self.index_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_index_html(self.index, lang), encoding="utf-8")
        click.echo(f"batch index written to {target}", err=True)

    def _name(self, path: str) -> str:
        # Two decks of one name in different folders must not overwrite each other's report.
        stem = Path(path).stem or "deck"
        name, n = f"{stem}.deckmentor.{self.fmt}", 1
        while name.lower() in self.taken:
            n += 1
            name = f"{stem}-{n}.deckmentor.{self.fmt}"
        self.taken.add(name.lower())
        return name

    def _render(self, outcome: Outcome) -> str:
        if self.fmt == "json":
            from reports.json import render_outcome_json

            return render_outcome_json(outcome)
        from reports.html import render_outcome_html

        return render_outcome_html(outcome)


class JsonLines:
    """JSON on stdout: one indented document for one input; for a batch, one document per line
    (JSON Lines), so that ``jq`` or a script reads them one by one."""

    def __init__(self, *, batch: bool) -> None:
        self.compact = batch

    def add(self, outcome: Outcome) -> None:
        from reports.json import render_outcome_json

        click.echo(render_outcome_json(outcome, compact=self.compact), nl=False)

    def close(self) -> None:
        pass


class BatchDocument:
    """One document for the whole batch, written when the batch ends: to the output file, to
    ``deckmentor<suffix>`` in the output folder, or to stdout."""

    def __init__(
        self, fmt: BatchFormat, output: Path | None, *, configured_lang: Lang | None
    ) -> None:
        self.fmt = fmt
        self.output = output
        self.configured_lang = configured_lang
        self.outcomes: list[Outcome] = []

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)

    def close(self) -> None:
        lang = batch_lang(self.configured_lang, (o.report_lang for o in self.outcomes))
        text = _batch_renderer(self.fmt)(self.outcomes, lang)
        if self.output is None:
            click.echo(text, nl=not text.endswith("\n"))
            return
        target = (
            self.output
            if names_a_file(self.output)
            else self.output / f"deckmentor{self.fmt.suffix}"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        click.echo(f"{self.fmt.name} report written to {target}", err=True)


def _batch_renderer(fmt: BatchFormat) -> Callable[[Sequence[Outcome], Lang], str]:
    renderer: Callable[[Sequence[Outcome], Lang], str] = getattr(
        importlib.import_module(fmt.module), fmt.function
    )
    return renderer


def sinks_for(
    fmt: str | None, output: Path | None, *, batch: bool, configured_lang: Lang | None
) -> list[Sink]:
    """The outputs a format asks for, the terminal always among them."""
    if fmt is None:
        return [Terminal(brief=False)]
    whole_batch = next((f for f in BATCH_FORMATS if f.name == fmt), None)
    if whole_batch is not None:
        document = BatchDocument(whole_batch, output, configured_lang=configured_lang)
        return [Terminal(brief=output is None), document]
    if fmt == "json" and output is None:
        return [Terminal(brief=True), JsonLines(batch=batch)]
    files = Files(fmt, output, batch=batch, configured_lang=configured_lang)
    return [Terminal(brief=False), files]
