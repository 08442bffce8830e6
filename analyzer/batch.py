"""Many inputs, one outcome each: a deck analyzed, or a deck not read and why.

A batch never stops at a bad file. An input that cannot be analyzed becomes an ``Unread``
carrying one deck-level finding (``DK100 deck-not-read``), so every output format reports it
where it reports findings, and CI sees it like any other finding.

``run_batch`` yields the outcomes in input order, in this process (``jobs=1``) or from a pebble
``ProcessPool``, which gives the batch what it needs from a pool:

- a worker that dies (a crash in a native library, the out-of-memory killer) costs exactly the
  deck it was analyzing (pebble's ``ProcessExpired``): it becomes an ``Unread`` with
  ``INTERNAL_ERROR``, and pebble starts a fresh worker;
- a deck that takes longer than ``timeout`` seconds becomes an ``Unread`` with ``TIMEOUT``, and
  pebble stops its worker and starts another: one deck that hangs never holds the batch.

Before the workers start, this process loads the language pipelines the batch needs, so that
where the platform forks (Linux) every worker starts with them, loaded once and sharing the
models' memory pages. Meanwhile a reader (a pool of one, forked before the load) reads decks
through the gate and the parser, which need no pipeline: first a few across the batch
(``reading_order``), which say which languages to load, then the next ones in order, each handed
to its worker already read. The reader stops when the workers start; a deck it could not read,
or had not read by then, is read by its worker, which reports what is wrong with it.

At most ``AHEAD_PER_WORKER`` decks per worker are handed out ahead of the one the batch waits
for, so memory does not grow with the batch, and every wait is bounded: by the timeout of the
decks before it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from itertools import islice
from multiprocessing.context import BaseContext
from pathlib import Path

from pebble import ProcessExpired, ProcessFuture, ProcessPool

from analyzer.annotation import Lang
from analyzer.cache import collector_paused
from analyzer.config import Config, ConfigError
from analyzer.errors import DeckError, Problem
from analyzer.model import Deck
from analyzer.report import Analyzed, Outcome, Unread

#: Decks handed out ahead of the one the batch waits for, per worker: enough to keep every
#: worker busy behind one slow deck, few enough that memory does not grow with the batch.
AHEAD_PER_WORKER = 4
#: Seconds a deck may take in a worker before it is reported as not read (``--timeout``): the
#: largest real deck takes a few seconds; a deck that takes minutes hangs a worker.
DEFAULT_TIMEOUT = 300.0
#: Decks the reader reads first, across the batch, to learn which pipelines the workers need.
LANGUAGE_PROBES = 5
#: The most decks the reader is given, and the most the decks it read may hold (pickled):
#: loading the pipelines takes a second or two, time to read a few dozen decks.
READ_AHEAD_DECKS = 64
READ_AHEAD_BYTES = 64 * 2**20


def analyze_path(path: Path, config: Config, deck: Deck | None = None) -> Outcome:
    """The outcome of one input (``deck``: already read); only a ConfigError (the same for
    every deck) propagates."""
    from analyzer.pipeline import analyze, analyze_deck

    try:
        report = analyze(path, config) if deck is None else analyze_deck(deck, config)
        return Analyzed(str(path), report)
    except ConfigError:
        raise
    except DeckError as error:
        return unread(path, error, config)
    except Exception as error:  # a bug in deckmentor must not stop the batch or show a traceback
        return unread(path, _internal_error(error), config)


def unread(path: Path, error: DeckError, config: Config) -> Unread:
    """The ``DK100 deck-not-read`` finding for ``error``, in the configured report language.

    Without ``--lang`` the report follows each deck's language, but an unread input has none
    to follow: its line is in English.
    """
    from rules.deck_input import DeckNotRead

    lang = config.lang or Lang.EN
    return Unread(str(path), error.problem, DeckNotRead().for_error(error, lang), lang)


def reading_order(count: int) -> Iterator[int]:
    """Decks across a batch of ``count``, the first first, then from the start: folders group
    decks by language (``en/``, ``fr/``, or in their names), so decks from the whole batch
    tell early which pipelines the workers will need. Each index comes once."""
    quarters = (0, count // 4, count // 2, 3 * count // 4, count - 1)
    probes = list(dict.fromkeys(i for i in quarters if 0 <= i < count))
    yield from probes
    yield from (i for i in range(count) if i not in probes)


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def run_batch(
    paths: Sequence[Path],
    config: Config,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Generator[Outcome, None, None]:
    """One outcome per path, in the order of ``paths``, from ``jobs`` worker processes; a deck
    that takes more than ``timeout`` seconds in a worker (None: no limit) is reported as not
    read. With one job the decks are analyzed in this process, where nothing can stop a deck
    that hangs: the timeout needs a worker.

    Close the iterator (``contextlib.closing``) to stop the workers early, on Ctrl-C say.
    """
    workers = min(jobs, len(paths))
    if workers <= 1:
        for path in paths:
            yield analyze_path(path, config)
        return
    _flush_std_streams()
    reader = ProcessPool(max_workers=1, context=_context())
    pool: ProcessPool | None = None
    try:
        reading = _ReadAhead(reader, paths, config, timeout)
        languages = reading.languages()
        _load_pipelines(languages, config)
        _warm_up(languages, config)
        # The loaded pipelines are millions of objects no collection will ever free. Left to
        # the collector, its first full pass in each forked worker writes to every one of
        # them, copying the pages the workers share.
        gc.freeze()
        decks_read = reading.done()
        _stop(reader)  # its core is the workers' now
        _flush_std_streams()
        pool = ProcessPool(max_workers=workers, context=_context())
        yield from _in_order(pool, paths, config, workers * AHEAD_PER_WORKER, timeout, decks_read)
    finally:
        _stop(reader)
        if pool is not None:
            _stop(pool)
        gc.unfreeze()


def _stop(pool: ProcessPool) -> None:
    """Stop the pool's workers now, whatever they are doing, and wait for them (10 s at most)."""
    pool.stop()  # type: ignore[no-untyped-call]  # pebble leaves it unannotated
    pool.join(timeout=10)


class _ReadAhead:
    """The reader at work: the decks it is to read, in ``reading_order``, as pebble futures."""

    def __init__(
        self, reader: ProcessPool, paths: Sequence[Path], config: Config, timeout: float | None
    ) -> None:
        self.order = list(islice(reading_order(len(paths)), READ_AHEAD_DECKS))
        self.futures = {
            i: reader.schedule(_read_for_a_worker, (paths[i], config), timeout=timeout)
            for i in self.order
        }

    def languages(self) -> frozenset[Lang]:
        """The pipeline languages of the first decks read across the batch (it waits for them:
        each within the timeout)."""
        found: set[Lang] = set()
        for index in self.order[:LANGUAGE_PROBES]:
            with contextlib.suppress(Exception):  # not read: its worker will say why
                found |= self.futures[index].result()[1]
        return frozenset(found)

    def done(self) -> dict[int, bytes]:
        """The decks read so far (pickled), by index, within ``READ_AHEAD_BYTES``; the reader
        reads no more."""
        read: dict[int, bytes] = {}
        size = 0
        for index in self.order:
            future = self.futures[index]
            if not future.done() or future.cancelled() or future.exception() is not None:
                future.cancel()  # type: ignore[no-untyped-call]
                continue
            pickled = future.result()[0]
            if pickled is not None and size + len(pickled) <= READ_AHEAD_BYTES:
                read[index] = pickled
                size += len(pickled)
        return read


def _read_for_a_worker(path: Path, config: Config) -> tuple[bytes | None, frozenset[Lang]]:
    """The reader's task: the deck read through the gate and the parser, pickled for the worker
    that will analyze it, and the languages it needs a pipeline for; (None, nothing) when it
    cannot be read (its worker reads it again and says why)."""
    from analyzer.nlp import pipeline_languages
    from analyzer.pipeline import read_deck

    try:
        deck = read_deck(path, config)[1]
    except Exception:
        return None, frozenset()
    return pickle.dumps(deck, protocol=pickle.HIGHEST_PROTOCOL), pipeline_languages(deck)


def _analyze_read(path: Path, config: Config, pickled: bytes | None) -> Outcome:
    """A worker's task: the deck's outcome, from the deck the reader read if it did."""
    if pickled is None:
        return analyze_path(path, config)
    # A deck is thousands of small objects, none of them garbage.
    with collector_paused():
        deck = pickle.loads(pickled)
    return analyze_path(path, config, deck)


def _in_order(
    pool: ProcessPool,
    paths: Sequence[Path],
    config: Config,
    ahead: int,
    timeout: float | None,
    decks_read: dict[int, bytes] | None = None,
) -> Iterator[Outcome]:
    """Each path's outcome in order, with at most ``ahead`` decks handed out at a time."""
    read = decks_read if decks_read is not None else {}
    handed_out: deque[tuple[Path, ProcessFuture[Outcome]]] = deque()
    waiting = iter(enumerate(paths))

    def hand_out(count: int) -> None:
        for index, path in islice(waiting, count):
            args = (path, config, read.pop(index, None))
            handed_out.append((path, pool.schedule(_analyze_read, args, timeout=timeout)))

    hand_out(ahead)
    while handed_out:
        path, future = handed_out.popleft()
        outcome = _outcome(path, future, config, timeout)
        hand_out(1)
        yield outcome


def _outcome(
    path: Path, future: ProcessFuture[Outcome], config: Config, timeout: float | None
) -> Outcome:
    """What the worker sent for ``path``, or the ``Unread`` that says why it sent nothing."""
    try:
        return future.result()
    except ConfigError:
        raise
    except FutureTimeout:
        return unread(path, DeckError(Problem.TIMEOUT, seconds=f"{timeout:g}"), config)
    except ProcessExpired as expired:
        how = _how_it_ended(expired.exitcode)
        return unread(path, DeckError(Problem.INTERNAL_ERROR, how), config)
    except Exception as error:  # an outcome that could not be sent back: a deckmentor bug
        return unread(path, _internal_error(error), config)


def _how_it_ended(exitcode: int | None) -> str:
    """How a worker ended, for the INTERNAL_ERROR line of the deck it was analyzing."""
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"the worker process was killed by {signal.Signals(-exitcode).name}"
    return f"the worker process stopped (exit code {exitcode})"


def _internal_error(error: BaseException) -> DeckError:
    return DeckError(Problem.INTERNAL_ERROR, f"{type(error).__name__}: {error}")


def _load_pipelines(languages: frozenset[Lang], config: Config) -> None:
    """Load these languages' pipelines now, as the decks that need them would."""
    from analyzer.nlp import load_pipelines

    # A pipeline that fails to load fails the same way for the deck that needs it, which then
    # reports it (or stops the batch, for a configured model directory that is wrong).
    with contextlib.suppress(Exception):
        load_pipelines(languages, config.model_dirs, config.english_model)


#: The deck the batch warms up on, a slide a language: a title and a line of body text.
_WARM_UP = {
    Lang.FR: ("Notre offre gagne des clients", "Le renouvellement progresse de 12 % en un an"),
    Lang.EN: ("Our offer wins customers", "Renewals grew by 12% in a year"),
}


def _warm_up(languages: frozenset[Lang], config: Config) -> None:
    """Analyze a small deck in these languages: what the analysis loads on first use (word
    lists, dictionaries, rules) is then loaded once here, while the reader reads, rather than
    in each worker."""
    import io

    from pptx import Presentation

    from analyzer.pipeline import analyze

    deck = Presentation()
    for lang in sorted(languages & _WARM_UP.keys()):
        slide = deck.slides.add_slide(deck.slide_layouts[1])  # title and content
        title, body = _WARM_UP[lang]
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
    data = io.BytesIO()
    deck.save(data)
    # The warm-up only saves time: whatever goes wrong here, the decks will say.
    with contextlib.suppress(Exception):
        analyze(data.getvalue(), config, file_name="warm-up.pptx")


def _context() -> BaseContext:
    # fork: a worker starts with this process's pipelines loaded; elsewhere, spawn, the only
    # safe choice on macOS and Windows (each worker then loads the pipelines it needs).
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _flush_std_streams() -> None:
    # A forked child inherits unwritten output and would write it a second time.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # closed or replaced
            stream.flush()
