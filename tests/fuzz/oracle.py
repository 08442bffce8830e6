"""Run one input and say what happened: a report, a refusal (``DeckError``), or a crash.

A crash is anything the property forbids: an exception other than DeckError, an input that
runs past its CPU-time bound, memory that grows past its bound (or a DeckError born of a
MemoryError), a rule that raised (the pipeline turns it into a ``DK900`` finding), and a
DeckError(INTERNAL_ERROR), the batch's name for a bug.

Most inputs only go through the stages that read bytes (``gate.check``, ``parser.parse``).
``analyze`` is a function of the parsed Deck, so the full pipeline (NLP, rules, scoring) runs
once per distinct Deck and its outcome is reused when a mutant parses to the same Deck. A
crash in the first stages is confirmed through ``analyze`` before it counts.
"""

from __future__ import annotations

import hashlib
import re
import resource
import signal
import threading
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, Literal

FILE_NAME = "fuzz.pptx"
_PROJECT = ("analyzer/", "rules/", "reports/")
_SITE = re.compile(r"^.*/(site|dist)-packages/")
_MAX_SEEN_DECKS = 200_000

FullMode = Literal["novel", "always", "never"]


class FuzzTimeout(BaseException):
    """The input ran past its CPU-time bound. A BaseException, so that no ``except Exception``
    in the code under test turns it into a refusal."""


@dataclass(frozen=True)
class Crash:
    """What broke the property. ``signature`` is one line without line numbers or messages, so
    that the same bug found twice has the same signature."""

    kind: str  # exception | hang | memory | rule-crashed | internal-error | died
    signature: str
    stage: str  # gate | parse | analyze
    detail: str  # a traceback, or what is known


@dataclass(frozen=True)
class Result:
    label: str  # "report", "refused: corrupt-zip <- BadZipFile at zipfile.py:...", "crash: ..."
    crash: Crash | None
    full: bool  # whether analyze ran for this input
    seconds: float


class Executor:
    """Runs inputs one by one; ``cpu_seconds`` bounds each, ``rss_growth_mb`` bounds how far
    one input may raise the process's peak memory."""

    def __init__(
        self, *, full: FullMode = "novel", cpu_seconds: float = 10.0, rss_growth_mb: int = 1024
    ) -> None:
        from analyzer import gate, parser, pipeline
        from analyzer.config import Config
        from analyzer.errors import DeckError, Problem

        self.full = full
        self.cpu_seconds = cpu_seconds
        self.rss_growth_mb = rss_growth_mb
        self.warnings: Counter[str] = Counter()
        self._gate, self._parser, self._analyze = gate, parser, pipeline.analyze
        self._rule_crashed = getattr(pipeline, "INTERNAL_ERROR_CODE", "DK900")
        self._deck_error, self._internal = DeckError, Problem.INTERNAL_ERROR
        self._config = Config()
        self._seen: dict[bytes, str] = {}

    def warm_up(self, data: bytes) -> Result:
        """Run a deck through the whole pipeline, so the NLP pipelines load before timing."""
        return self._analyze_once(data, "warm-up")

    def run(self, data: bytes) -> Result:
        start = time.perf_counter()
        peak_before = _peak_rss_mb()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            label, crash, full = self._run(data)
        for warning in caught:
            self.warnings[f"{warning.category.__name__}: {str(warning.message)[:80]}"] += 1
        growth = _peak_rss_mb() - peak_before
        if crash is None and growth > self.rss_growth_mb:
            stage = "analyze" if full else "gate/parse"
            what = f"memory: peak RSS grew by more than {self.rss_growth_mb} MB in {stage}"
            crash = Crash("memory", what, stage, f"peak RSS +{growth} MB; outcome: {label}")
        if crash is not None:
            label = f"crash: {crash.signature}"
        return Result(label, crash, full, time.perf_counter() - start)

    def _run(self, data: bytes) -> tuple[str, Crash | None, bool]:
        stage = "gate"
        try:
            with cpu_limit(self.cpu_seconds):
                self._gate.check(data)
                stage = "parse"
                deck = self._parser.parse(data, FILE_NAME)
                if self.full == "never":
                    return "parsed", None, False
                key = hashlib.blake2b(repr(deck).encode(), digest_size=16).digest()
                if self.full == "novel" and key in self._seen:
                    return self._seen[key], None, False
                stage = "analyze"
                label, crash = self._classify_report(self._analyze(data, self._config))
        except self._deck_error as error:
            label, crash = self._classify_refusal(error, stage)
        except FuzzTimeout as error:
            where = _where(error.__traceback__)
            limit = f"{self.cpu_seconds:g}"
            return "", Crash("hang", f"hang (>{limit} s CPU) in {where}", stage, _tb(error)), True
        except MemoryError as error:
            where = _where(error.__traceback__)
            return "", Crash("memory", f"MemoryError in {where}", stage, _tb(error)), True
        except Exception as error:
            crash = Crash("exception", _signature(error), stage, _tb(error))
            if stage != "analyze" and self._analyze_once(data, "confirm").crash is None:
                return f"harness out of step with analyze: {crash.signature}", None, True
            return "", crash, True
        if stage == "analyze" and crash is None:
            if len(self._seen) >= _MAX_SEEN_DECKS:
                self._seen.clear()
            self._seen[key] = label
        return label, crash, stage == "analyze"

    def _analyze_once(self, data: bytes, stage: str) -> Result:
        """``analyze(data)`` and nothing else, with the same classification."""
        start = time.perf_counter()
        try:
            with cpu_limit(self.cpu_seconds):
                label, crash = self._classify_report(self._analyze(data, self._config))
        except self._deck_error as error:
            label, crash = self._classify_refusal(error, stage)
        except FuzzTimeout as error:
            crash = Crash("hang", f"hang in {_where(error.__traceback__)}", stage, _tb(error))
        except Exception as error:
            crash = Crash("exception", _signature(error), stage, _tb(error))
        if crash is not None:
            label = f"crash: {crash.signature}"
        return Result(label, crash, True, time.perf_counter() - start)

    def _classify_report(self, report: Any) -> tuple[str, Crash | None]:
        crashed = [f for f in report.findings if f.code == self._rule_crashed]
        if crashed:
            finding = crashed[0]
            code = re.search(r"\b[A-Z]{2}\d{3}\b", finding.message)
            rule = code.group(0) if code else "?"
            kind = finding.evidence.split(":", 1)[0]
            detail = f"{finding.message}\n{finding.evidence}"
            return "", Crash("rule-crashed", f"rule {rule} raised {kind}", "analyze", detail)
        skipped = sorted({str(part.kind.value) for part in report.deck.skipped})
        return ("report" + (f" (skipped: {', '.join(skipped)})" if skipped else "")), None

    def _classify_refusal(self, error: Any, stage: str) -> tuple[str, Crash | None]:
        origin = _origin(error)
        if error.problem is self._internal:
            return "", Crash("internal-error", f"internal-error: {error.detail}", stage, _tb(error))
        if isinstance(origin, MemoryError) or "Memory allocation failed" in error.detail:
            where = _where(origin.__traceback__) if origin is not None else "?"
            return "", Crash("memory", f"MemoryError (refused) in {where}", stage, _tb(error))
        label = f"refused: {error.problem.value}"
        if origin is not None:
            label += f" <- {type(origin).__name__} at {_where(origin.__traceback__, project=False)}"
        return label, None


def _origin(error: BaseException) -> BaseException | None:
    """The exception a DeckError was raised from or while handling, if any."""
    seen = error.__cause__ or error.__context__
    while seen is not None and type(seen).__name__ == "DeckError":
        seen = seen.__cause__ or seen.__context__
    return seen


def _frames(tb: TracebackType | None) -> list[traceback.FrameSummary]:
    return list(traceback.extract_tb(tb)) if tb is not None else []


def _short(filename: str) -> str:
    filename = _SITE.sub("", filename)
    for part in _PROJECT:
        at = filename.rfind("/" + part)
        if at >= 0:
            return filename[at + 1 :]
    return filename.rsplit("/", 1)[-1]


def _where(tb: TracebackType | None, *, project: bool = True) -> str:
    """``file:function`` of the innermost frame in deckmentor's code (else the innermost)."""
    frames = _frames(tb)
    if project:
        frames = [f for f in frames if _short(f.filename).startswith(_PROJECT)] or frames
    if not frames:
        return "?"
    return f"{_short(frames[-1].filename)}:{frames[-1].name}"


def _signature(error: BaseException) -> str:
    ours, innermost = _where(error.__traceback__), _where(error.__traceback__, project=False)
    inner = f" via {innermost}" if innermost != ours else ""
    return f"{type(error).__name__} in {ours}{inner}"


def _tb(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))


def _peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _on_cpu_limit(signum: int, frame: FrameType | None) -> None:
    raise FuzzTimeout


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Raise FuzzTimeout in the main thread once this process has used ``seconds`` of CPU
    (``ITIMER_PROF``: CPU time, so a busy shared machine does not make inputs time out; and
    not ``SIGALRM``, which libFuzzer uses)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _on_cpu_limit)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def cap_address_space(extra_mb: int) -> None:
    """Cap this process's address space at its current size plus ``extra_mb``, so that an
    input that allocates without bound fails here with MemoryError, not on the machine."""
    status = Path("/proc/self/status")
    if not status.exists():
        return
    for line in status.read_text().splitlines():
        if line.startswith("VmSize:"):
            limit = (int(line.split()[1]) + extra_mb * 1024) * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
