"""Many inputs, one outcome each: a deck analyzed, or a deck not read and why.

A batch never stops at a bad file. An input that cannot be analyzed becomes an ``Unread``
carrying one deck-level finding (``DK100 deck-not-read``), so every output format reports it
where it reports findings, and CI sees it like any other finding.

``run_batch`` yields the outcomes in input order, in this process (``jobs=1``) or from worker
processes, each with its own pipeline. The parent only hands out paths and receives finished
outcomes: it never imports spaCy. On Linux the first worker, once it has analyzed a deck and so
loaded its pipelines, forks the other workers from itself: they start warm, without paying the
model load again, and share the models' memory pages until they write to them. A worker that
dies (a crash in a native library, the out-of-memory killer) costs exactly the deck it was
reading, which becomes an ``Unread`` with ``INTERNAL_ERROR``, and a fresh worker takes its place.
At most ``AHEAD_PER_WORKER`` finished outcomes per worker wait for their turn in the parent.

Until the first worker is warm, the other CPUs have nothing to analyze: a reader process
(``_read_ahead``) reads the next decks meanwhile, through the gate and the parser, which need no
language pipeline, and each deck it read reaches its worker parsed. It also says which
languages the decks need: the first worker loads those pipelines before it forks the others
(``_WARM``), while the reader goes on, so that a language is loaded once for all workers. The
reader only saves time: a deck it could not read, or had not read yet when the others were
forked, is read by its worker as any other, which reports what is wrong with it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from analyzer.annotation import Lang
from analyzer.cache import collector_paused
from analyzer.config import Config, ConfigError
from analyzer.errors import DeckError, Problem
from analyzer.model import Deck
from analyzer.report import Analyzed, Outcome, Unread

#: Outcomes a parallel batch may hold ahead of the one it waits for, per worker: enough to keep
#: every worker busy behind one slow deck, few enough that memory does not grow with the batch.
AHEAD_PER_WORKER = 4
#: Paths a worker holds at once: the one it reads and the next, waiting in its pipe, so that it
#: goes on while the parent writes a report (for a 10-slide deck, a quarter of its analysis)
#: instead of waiting for the parent to hand it one.
TASKS_PER_WORKER = 2
#: The most a parallel batch keeps of decks read ahead (pickled): what the reader reads while
#: the first worker loads its pipeline (about a second) stays far below it.
READ_AHEAD_BYTES = 64 * 2**20


def analyze_path(path: Path, config: Config, deck: Deck | None = None) -> Outcome:
    """The outcome of one input (``deck``: what the reader read of it); only a ConfigError
    (the same for every deck) propagates."""
    from analyzer.pipeline import analyze, analyze_deck

    try:
        report = analyze(path, config) if deck is None else analyze_deck(deck, config)
        return Analyzed(str(path), report)
    except ConfigError:
        raise
    except DeckError as error:
        return unread(path, error, config)
    except Exception as error:  # a bug in deckmentor must not stop the batch or show a traceback
        detail = f"{type(error).__name__}: {error}"
        return unread(path, DeckError(Problem.INTERNAL_ERROR, detail), config)


def unread(path: Path, error: DeckError, config: Config) -> Unread:
    """The ``DK100 deck-not-read`` finding for ``error``, in the configured report language.

    Without ``--lang`` the report follows each deck's language, but an unread input has none
    to follow: its line is in English.
    """
    from rules.deck_input import DeckNotRead

    lang = config.lang or Lang.EN
    return Unread(str(path), error.problem, DeckNotRead().for_error(error, lang), lang)


def reading_order(count: int) -> Iterator[int]:
    """The order in which a batch of ``count`` decks is read ahead: a few decks across the
    batch first, then from the start. Folders group decks by language (``en/``, ``fr/``, or in
    their names): decks from the whole batch tell early which pipelines the workers will need
    (``_WARM``). Each index comes once; the first deck is the first worker's."""
    quarters = (count // 4, count // 2, 3 * count // 4, count - 1)
    probes = [i for i in dict.fromkeys(quarters) if i > 0]
    yield from probes
    yield from (i for i in range(1, count) if i not in probes)


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def run_batch(
    paths: Sequence[Path], config: Config, jobs: int = 1
) -> Generator[Outcome, None, None]:
    """One outcome per path, in the order of ``paths``, from ``jobs`` worker processes.

    Close the iterator (``contextlib.closing``) to stop the workers early, on Ctrl-C say.
    """
    workers = min(jobs, len(paths))
    if workers <= 1:
        for path in paths:
            yield analyze_path(path, config)
        return
    pool = _Pool(workers, config)
    try:
        yield from pool.outcomes(paths)
    finally:
        pool.stop()


#: Told to the first worker once it has analyzed a deck (its pipelines are loaded), with the
#: decks read ahead: fork the other workers from yourself, so that they start warm, share the
#: models' memory, and have those decks too.
_HATCH = "hatch"
#: Told to the first worker before ``_HATCH``, with the languages of the decks read ahead: load
#: their pipelines, so that the workers forked from you have them.
_WARM = "warm"


class _Worker:
    """A worker as the parent sees it: the pipe that carries a path out and its outcome back,
    the task in hand, and the process. A worker this process started has ``process``; one the
    first worker forked ("hatched") is not our child: it has a pid and, where Linux gives one,
    a pidfd, which says when it ends and lets a signal reach it and no process reusing its pid.
    """

    def __init__(self, conn: Connection, process: BaseProcess | None = None, pid: int = 0):
        self.conn = conn
        self.process = process
        self.pid = process.pid if process is not None and process.pid else pid
        self.pidfd = _pidfd(pid) if process is None else None
        #: The paths handed over and not answered yet, the one being read first.
        self.tasks: deque[tuple[int, Path]] = deque()

    @classmethod
    def start(
        cls,
        context: BaseContext,
        config: Config,
        siblings: Sequence[Connection] = (),
        spares: Sequence[Connection] = (),
    ) -> _Worker:
        here, process = _start_process(
            context, "deckmentor-worker", _serve, config, siblings, tuple(spares)
        )
        return cls(here, process)

    @property
    def sentinels(self) -> list[Any]:
        if self.process is not None:
            return [self.process.sentinel]
        return [self.pidfd] if self.pidfd is not None else []  # else its pipe's end says it

    def give(self, index: int, path: Path) -> bool:
        """Hand over a task; False when the worker is gone (no deck of its is lost: the ones it
        held come back through ``_collect``)."""
        try:
            self.conn.send((index, path))
        except OSError:
            return False
        self.tasks.append((index, path))
        return True

    def death(self) -> str:
        """How the worker ended, for the INTERNAL_ERROR line of the deck it was reading."""
        if self.process is None:
            return "worker process ended unexpectedly"
        # Its pipe's end closed: it has exited or is about to; waitpid says how (not the
        # sentinel, which the workers it forked keep open).
        deadline = time.monotonic() + 5
        while self.process.exitcode is None and time.monotonic() < deadline:
            time.sleep(0.01)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"worker process killed by {signal.Signals(-code).name}"
        return f"worker process exited with code {code}"

    def stop(self, *, now: bool) -> None:
        """Ask the worker to leave (``now``: terminate it) and wait until it has."""
        left = False
        if not now:
            try:
                self.conn.send(None)
                left = self.conn.poll(5)  # its end of the pipe closes as it exits
            except OSError:
                pass
        if not left:
            self._terminate()
        self.conn.close()
        if self.process is not None:
            self.process.join()
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None

    def _terminate(self) -> None:
        if self.process is not None:
            self.process.terminate()
            return
        with contextlib.suppress(ProcessLookupError):
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGTERM)
            elif self.pid and not self.conn.poll(0):  # still there: not a reused pid
                os.kill(self.pid, signal.SIGTERM)


class _Reader:
    """The process that reads decks ahead (``_read_ahead``), as the parent sees it: its pipe,
    whether it is reading a deck, and the process."""

    def __init__(self, context: BaseContext, config: Config, inherited: Sequence[Connection]):
        self.conn, self.process = _start_process(
            context, "deckmentor-reader", _read_ahead, config, inherited
        )
        self.busy = False

    def ask(self, index: int, path: Path) -> bool:
        """Ask for the deck at ``path``; False when the reader is gone."""
        try:
            self.conn.send((index, path))
        except OSError:
            return False
        self.busy = True
        return True

    def stop(self) -> None:
        """Stop it at once: what it is reading is read again by a worker."""
        self.process.terminate()
        self.process.join()
        self.conn.close()


class _Pool:
    """Workers for one batch. On Linux the first worker is forked from this process, which
    never loads spaCy; once that worker has analyzed a deck it forks the others from itself,
    warm. Elsewhere (spawn), and to replace a worker that died, a worker starts cold."""

    def __init__(self, size: int, config: Config) -> None:
        self.size = size
        self.config = config
        self.context = _context()
        self.workers: list[_Worker] = []
        #: Our ends of the pipes of the workers the first one will fork.
        self.unhatched: list[Connection] = []
        #: Tasks a worker held, not yet started, when it died: handed out again first.
        self.returned: deque[tuple[int, Path]] = deque()
        #: Reads decks ahead until the others are forked from the first worker.
        self.reader: _Reader | None = None
        #: The decks it read, pickled, by index; those still to ask for (``reading_order``);
        #: the languages they need.
        self.decks_read: dict[int, bytes] = {}
        self.to_read: Iterator[int] | None = None
        self.languages: set[Lang] = set()
        #: Whether the first worker is loading those languages' pipelines, or has.
        self.warming = self.warmed = False
        self.finished = False
        _flush_std_streams()
        try:
            if self.context.get_start_method() == "fork":
                pipes = [self.context.Pipe() for _ in range(size - 1)]
                self.unhatched = [here for here, _ in pipes]
                spares = [there for _, there in pipes]
                self.workers.append(_Worker.start(self.context, config, self.unhatched, spares))
                for end in spares:
                    end.close()
                self.reader = _Reader(self.context, config, self._conns())
            self._fill()
        except BaseException:  # no process may outlive a batch that could not start
            self.stop()
            raise

    def outcomes(self, paths: Sequence[Path]) -> Iterator[Outcome]:
        ready: dict[int, Outcome] = {}
        next_task = next_out = 0
        ahead = AHEAD_PER_WORKER * self.size
        while next_out < len(paths):
            for position in range(len(self.workers)):
                while self._room(position) and (
                    self.returned or next_task < min(len(paths), next_out + ahead)
                ):
                    if not self.returned:
                        self.returned.append((next_task, paths[next_task]))
                        next_task += 1
                    if not self._give(position, ready):
                        break
            if next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
                continue
            if self.reader is not None and not self.reader.busy:
                self._read_next(paths, next_task)
            busy = [w for w in self.workers if w.tasks]
            handles = [handle for w in busy for handle in (w.conn, *w.sentinels)]
            reader = self.reader
            if reader is not None and reader.busy:
                handles.append(reader.conn)
            if self.warming:
                handles.append(self.workers[0].conn)
            if not handles:  # nothing is on its way: waiting would never end
                self._give_up(paths, next_out, ready)
                continue
            woken = set(wait(handles))
            if reader is not None and reader.conn in woken:
                self._collect_read(next_task)
            if self.warming and self.workers[0].conn in woken:
                self._warmed()
            for worker in busy:
                if woken.intersection((worker.conn, *worker.sentinels)):
                    index, outcome = self._collect(worker)
                    ready[index] = outcome
            if self.unhatched:
                self._hatch()
            if not self.unhatched:
                # Every worker is at work: no CPU is left for reading, and decks read but not
                # handed to the first worker before it forked the others reach no worker.
                self._stop_reading()
                self.decks_read.clear()
        self.finished = True

    def _give(self, position: int, ready: dict[int, Outcome]) -> bool:
        """Hand the first task of ``returned`` to the worker at ``position``; False when that
        worker cannot take more now.

        A worker found dead here may have died on a deck it holds: those decks are answered by
        ``_collect``, once ``wait`` sees its pipe close, and this task waits in ``returned``
        for the next worker with room. A worker that died holding nothing is replaced at once.
        """
        task = self.returned[0]
        worker = self.workers[position]
        if not worker.give(*task):
            if worker.tasks:
                return False
            if not self._restart(position).give(*task):
                # No worker can be had: the deck still gets its outcome.
                failure = DeckError(Problem.INTERNAL_ERROR, "no worker process started")
                ready[task[0]] = unread(task[1], failure, self.config)
        self.returned.popleft()
        return True

    def _give_up(self, paths: Sequence[Path], next_out: int, ready: dict[int, Outcome]) -> None:
        """Every deck not answered yet, from ``next_out`` on, as not read: no worker holds a
        deck and none can be handed one, so no outcome would ever come. A bug, but a batch
        must end and say so rather than wait forever."""
        failure = DeckError(Problem.INTERNAL_ERROR, "the worker pool stopped making progress")
        for index in range(next_out, len(paths)):
            ready.setdefault(index, unread(paths[index], failure, self.config))

    def _read_next(self, paths: Sequence[Path], next_task: int) -> None:
        """Ask the reader for the next deck of ``reading_order`` no worker has yet, while what
        it read fits."""
        assert self.reader is not None
        if sum(map(len, self.decks_read.values())) >= READ_AHEAD_BYTES:
            return
        if self.to_read is None:
            self.to_read = reading_order(len(paths))
        index = next((i for i in self.to_read if i >= next_task), None)  # the rest: handed out
        if index is not None and not self.reader.ask(index, paths[index]):
            self._stop_reading()

    def _collect_read(self, next_task: int) -> None:
        """Keep what the reader sent, unless a worker took that deck meanwhile."""
        assert self.reader is not None
        try:
            index, read, languages = self.reader.conn.recv()
        except (EOFError, OSError):  # it died: the workers read the decks themselves
            self._stop_reading()
            return
        self.reader.busy = False
        self.languages.update(languages)
        if read is not None and index >= next_task:
            self.decks_read[index] = read

    def _stop_reading(self) -> None:
        if self.reader is not None:
            self.reader.stop()
            self.reader = None

    def _room(self, position: int) -> bool:
        """Whether the worker at ``position`` may take another path. The first one takes one
        at a time until it has forked the others: it forks them when it waits for work, and
        takes none while it loads pipelines for them."""
        if position == 0 and self.warming:
            return False
        limit = 1 if position == 0 and self.unhatched else TASKS_PER_WORKER
        return len(self.workers[position].tasks) < limit

    def _collect(self, worker: _Worker) -> tuple[int, Outcome]:
        """The outcome the worker sent, or an INTERNAL_ERROR Unread if it died reading it
        (the paths it held after that one are handed out again)."""
        index, path = worker.tasks.popleft()
        try:
            # An outcome is thousands of small objects, none of them garbage: unpickled with
            # the collector on, it costs ten times as much, on the parent all workers wait for.
            with collector_paused():
                sent_index, result = worker.conn.recv()
        except (EOFError, OSError):
            how = worker.death()
            self.returned.extend(worker.tasks)
            worker.tasks.clear()
            self._restart(self.workers.index(worker))
            return index, unread(path, DeckError(Problem.INTERNAL_ERROR, how), self.config)
        if isinstance(result, ConfigError):
            raise result
        assert sent_index == index
        outcome: Outcome = result
        return index, outcome

    def _hatch(self) -> None:
        """Once the first worker is warm (it has sent an outcome and waits for work), it forks
        the others. If it died first, they start cold instead."""
        first = self.workers[0]
        if first.tasks or first.process is None or self.warming:
            return
        if self.languages and not self.warmed:
            try:
                first.conn.send((_WARM, frozenset(self.languages)))
            except OSError:  # it died between two decks: no deck is lost
                self._restart(0)
                return
            self.warming = True
            return
        unhatched, self.unhatched = self.unhatched, []
        decks_read, self.decks_read = self.decks_read, {}
        try:
            first.conn.send((_HATCH, decks_read))
            reply, pids = first.conn.recv()
        except (EOFError, OSError):  # it died between two decks: no deck is lost
            for conn in unhatched:
                conn.close()
            self._restart(0)
            self._fill()
            return
        assert reply == _HATCH and len(pids) == len(unhatched)
        self.workers += [_Worker(conn, pid=pid) for conn, pid in zip(unhatched, pids, strict=True)]

    def _warmed(self) -> None:
        """The first worker has loaded the pipelines (``_WARM``): it may fork the others."""
        self.warming, self.warmed = False, True
        try:
            self.workers[0].conn.recv()
        except (EOFError, OSError):  # it died loading them: the others start cold
            self._restart(0)

    def _restart(self, position: int) -> _Worker:
        """A cold worker in place of the one at ``position``, which is gone."""
        self.workers[position].stop(now=True)
        if position == 0 and self.unhatched:  # the pipes it held for the others died with it
            for conn in self.unhatched:
                conn.close()
            self.unhatched = []
        _flush_std_streams()
        self.workers[position] = _Worker.start(self.context, self.config, self._conns())
        self._fill()
        return self.workers[position]

    def _fill(self) -> None:
        """Cold workers up to the pool's size, when no warm one is on its way."""
        while not self.unhatched and len(self.workers) < self.size:
            self.workers.append(_Worker.start(self.context, self.config, self._conns()))

    def _conns(self) -> list[Connection]:
        live = [worker.conn for worker in self.workers if not worker.conn.closed]
        return live + self.unhatched + ([self.reader.conn] if self.reader is not None else [])

    def stop(self) -> None:
        """Ask idle workers to leave after a complete batch; otherwise (Ctrl-C, an error, the
        reader stopped early) terminate them at once."""
        for conn in self.unhatched:
            conn.close()
        self.unhatched = []
        self._stop_reading()
        for worker in self.workers:
            worker.stop(now=not self.finished)


def _start_process(
    context: BaseContext,
    name: str,
    target: Callable[..., None],
    config: Config,
    inherited: Sequence[Connection],
    *args: object,
) -> tuple[Connection, BaseProcess]:
    """A process of the batch running ``target(its end of a new pipe, config, the pipe ends
    it must close, *args)``; this process's end of that pipe, and the process."""
    here, there = context.Pipe()
    # A forked process inherits this process's end of its own pipe and of the others'; it
    # closes them, or no worker would see its pipe end when the parent dies.
    to_close = (here, *inherited) if context.get_start_method() == "fork" else ()
    # They ignore Ctrl-C from the moment they exist: the parent stops them, so that a
    # terminal's interrupt gives one clean exit instead of a traceback per process.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=target,
            args=(there, config, to_close, *args),
            daemon=True,
            name=name,
        )
        process.start()
    finally:
        signal.signal(signal.SIGINT, previous)
    there.close()
    return here, process


def _tasks(conn: Connection, inherited: Sequence[Connection]) -> Iterator[Any]:
    """What the parent sends a process of the batch, until it says to stop (None) or is gone
    (its end of the pipe closes). The process ignores Ctrl-C, since the parent stops it, and
    first closes the pipe ends it inherited (``_start_process``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in inherited:
        end.close()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        yield task


def _serve(
    conn: Connection,
    config: Config,
    inherited: Sequence[Connection] = (),
    spares: Sequence[Connection] = (),
    decks_read: dict[int, bytes] | None = None,
) -> None:
    """A worker's life: read a path, send its outcome back, until told to stop or until the
    parent is gone (its end of the pipe closes). The first worker also holds the pipe ends of
    the workers it will fork when told to (``_HATCH``). The decks read ahead come with that
    message and stay in every worker forked then (``decks_read``, pickled, by index): those are
    analyzed without reading their files again."""
    decks_read = decks_read if decks_read is not None else {}
    for task in _tasks(conn, inherited):
        if task[0] == _HATCH:
            decks_read.update(task[1])
            reply: object = (_HATCH, _hatch(conn, config, spares, decks_read))
            spares = ()
        elif task[0] == _WARM:
            _load_pipelines(task[1], config)
            reply = (_WARM, None)
        else:
            index, path = task
            result: Outcome | ConfigError
            try:
                result = analyze_path(path, config, *_deck_read(decks_read, index))
            except ConfigError as error:
                result = error
            reply = (index, result)
        try:
            conn.send(reply)
        except OSError:  # the parent is gone (killed, or stopped reading): leave quietly
            return
        except Exception as error:  # an outcome that cannot be pickled is a deckmentor bug
            if task[0] in (_HATCH, _WARM):  # these replies always pickle
                raise
            failure = DeckError(Problem.INTERNAL_ERROR, f"{type(error).__name__}: {error}")
            try:
                conn.send((index, unread(path, failure, config)))
            except OSError:
                return


def _load_pipelines(languages: frozenset[Lang], config: Config) -> None:
    """Load these languages' pipelines now, as the decks that need them would."""
    from analyzer.nlp import load_pipelines

    # A pipeline that fails to load fails the same way for the deck that needs it, which then
    # reports it (or stops the batch, for a configured model directory that is wrong).
    with contextlib.suppress(Exception):
        load_pipelines(languages, config.model_dirs, config.english_model)


def _deck_read(decks_read: dict[int, bytes], index: int) -> tuple[Deck, ...]:
    """The deck at ``index`` if it was read ahead, dropped from ``decks_read`` with those before
    it (decks are handed out in order: another worker had those)."""
    for earlier in [i for i in decks_read if i < index]:
        del decks_read[earlier]
    pickled = decks_read.pop(index, None)
    if pickled is None:
        return ()
    # A deck is thousands of small objects, none of them garbage.
    with collector_paused():
        return (pickle.loads(pickled),)


def _read_ahead(conn: Connection, config: Config, inherited: Sequence[Connection] = ()) -> None:
    """The reader's life: read the deck at each path it is sent, through the gate and the
    parser, and send it back pickled, until the parent stops it. A deck it cannot read comes
    back as None: its worker reads it again and reports what is wrong with it."""
    from analyzer.nlp import PIPELINE_LANGUAGES, pipeline_languages
    from analyzer.pipeline import read_deck

    # Language detection is an eighth of reading a deck, and its worker detects them again:
    # once every language with a pipeline has been found, it would say nothing new.
    found: frozenset[Lang] = frozenset()
    for index, path in _tasks(conn, inherited):
        read: bytes | None
        languages: frozenset[Lang] = frozenset()
        try:
            deck = read_deck(path, config)[1]
            read = pickle.dumps(deck, protocol=pickle.HIGHEST_PROTOCOL)
            if found != PIPELINE_LANGUAGES:
                languages = pipeline_languages(deck)
                found |= languages
        except Exception:  # the worker says why, as it does for a deck not read ahead
            read = None
        try:
            conn.send((index, read, languages))
        except OSError:
            return


def _hatch(
    conn: Connection, config: Config, spares: Sequence[Connection], decks_read: dict[int, bytes]
) -> list[int]:
    """Fork one worker per spare pipe end from this warm worker, each with ``decks_read``;
    their pids."""
    # The kernel reaps them: this worker never waits for its children.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    _flush_std_streams()
    # The loaded pipelines are millions of objects no collection will ever free. Left to the
    # collector, its first full pass in each new worker writes to every one of them, copying
    # the pages the workers share: a sixth of a second per worker, and the memory.
    gc.freeze()
    pids = []
    for end in spares:
        pid = os.fork()
        if pid == 0:  # the new worker: keep only its own pipe
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            conn.close()
            for other in spares:
                if other is not end:
                    other.close()
            code = 1
            try:
                _serve(end, config, decks_read=decks_read)
                code = 0
            finally:
                os._exit(code)
        end.close()
        pids.append(pid)
    return pids


def _pidfd(pid: int) -> int | None:
    """A pidfd for a process that is not our child (Linux 5.3+), or None."""
    if not pid or not hasattr(os, "pidfd_open"):
        return None
    try:
        return os.pidfd_open(pid)
    except OSError:
        return None


def _context() -> BaseContext:
    # fork: a worker starts with the parent's imports done and nothing heavy in them (the
    # parent never loads spaCy); elsewhere, spawn, the only safe choice on macOS and Windows.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _flush_std_streams() -> None:
    # A forked child inherits unwritten output and would write it a second time.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # closed or replaced
            stream.flush()
