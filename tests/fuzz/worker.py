"""One fuzzing process, started by ``tests.fuzz.run``: the seeded loop (``--engine random``) or
atheris (``--engine atheris``: libFuzzer picks which inputs to mutate again by the coverage of
deckmentor's and python-pptx's Python code; the mutations are still ``tests.fuzz.mutate``'s).

Before each input the worker writes it to ``<workdir>/current.pptx``, so that an input that
kills the process (a hang past the hard bound, the address-space cap, a segfault) is not lost;
its figures go to ``<workdir>/stats.json`` about once a second.
"""

from __future__ import annotations

import argparse
import faulthandler
import hashlib
import importlib
import json
import os
import random
import sys
import time
from collections import OrderedDict
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from tests.fuzz.mutate import Mutant, Mutator
from tests.fuzz.oracle import Executor, Result, cap_address_space
from tests.fuzz.package import MAX_INPUT_BYTES
from tests.fuzz.seeds import all_seeds
from tests.fuzz.session import Session, Stats
from tests.fuzz.store import CrashStore

#: What atheris instruments for coverage: deckmentor's code and python-pptx's.
_INSTRUMENTED = ["analyzer", "rules", "reports", "pptx"]


class Worker:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.workdir = Path(args.workdir)
        self.deadline = float(args.deadline)
        self.stats = Stats(engine=args.engine)
        self.store = CrashStore(Path(args.crashes))
        self._flushed = 0.0
        self._started = 0.0
        self._current = (Mutant(b"", ()), "")

    def start(self) -> None:
        """Load deckmentor (instrumented under atheris), warm its NLP up, cap memory."""
        hook: AbstractContextManager[Any] = nullcontext()
        if self.args.engine == "atheris":
            self.atheris: Any = importlib.import_module("atheris")
            hook = self.atheris.instrument_imports(include=_INSTRUMENTED)
        with hook:
            self.executor = Executor(
                full=self.args.full,
                cpu_seconds=self.args.cpu_timeout,
                rss_growth_mb=self.args.memory_mb,
            )
            corpus = Path(self.args.corpus) if self.args.corpus else None
            self.seeds = all_seeds(corpus, dev_corpus=not self.args.no_dev_corpus)
            self.executor.warm_up(self.seeds[0].data)
        cap_address_space(2 * self.args.memory_mb)
        self._started = time.monotonic()

    def before_run(self, mutant: Mutant, origin: str) -> None:
        self._current = (mutant, origin)
        (self.workdir / "current.pptx").write_bytes(mutant.data)
        ops = "".join(f"  - {op}\n" for op in mutant.ops)
        (self.workdir / "current.txt").write_text(f"{origin}\n{ops}", encoding="utf-8")
        faulthandler.dump_traceback_later(self.args.hard_timeout, exit=True)

    def after_run(self, result: Result) -> None:
        faulthandler.cancel_dump_traceback_later()
        if self.args.outcomes_dir and self.stats.outcomes[result.label] == 1:
            self._keep_outcome(result.label)
        now = time.monotonic()
        if now - self._flushed > 1.0:
            self.flush()
            self._flushed = now

    def _keep_outcome(self, label: str) -> None:
        """The first input of each distinct outcome, to see what reached where."""
        mutant, origin = self._current
        folder = Path(self.args.outcomes_dir)
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(mutant.data).hexdigest()[:16]
        (folder / f"{name}.pptx").write_bytes(mutant.data)
        ops = "".join(f"  - {op}\n" for op in mutant.ops)
        text = f"{label}\nmade from: {origin}\n{ops}"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")

    def flush(self, *, done: bool = False) -> None:
        self.stats.seconds = time.monotonic() - self._started
        self.stats.done = done
        self.stats.warnings = self.executor.warnings
        tmp = self.workdir / "stats.json.tmp"
        tmp.write_text(json.dumps(self.stats.to_json()), encoding="utf-8")
        os.replace(tmp, self.workdir / "stats.json")

    # --- engines --------------------------------------------------------------------------

    def run_random(self) -> None:
        session = Session(
            self.seeds,
            seed=self.args.seed,
            executor=self.executor,
            store=self.store,
            before_run=self.before_run,
            seeds_first=not self.args.mutants_only,
        )
        session.stats = self.stats
        while time.time() < self.deadline:
            self.after_run(session.step())
        self.flush(done=True)

    def run_atheris(self) -> None:
        mutator = Mutator([s.data for s in self.seeds])
        recent: OrderedDict[bytes, tuple[str, ...]] = OrderedDict()
        seed_dir = self.workdir / "seeds"
        seed_dir.mkdir(exist_ok=True)
        for i, seed in enumerate(self.seeds):
            (seed_dir / f"{i:03d}").write_bytes(seed.data)
        corpus_dir = Path(self.args.corpus) if self.args.corpus else self.workdir / "corpus"
        corpus_dir.mkdir(exist_ok=True)

        def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
            mutant = mutator.mutate(data, random.Random(seed))
            if len(mutant.data) > max_size:
                return data[:max_size]
            recent[mutant.data] = mutant.ops
            if len(recent) > 16:
                recent.popitem(last=False)
            return mutant.data

        def test_one_input(data: bytes) -> None:
            if time.time() >= self.deadline:
                self.flush(done=True)
                os._exit(0)  # libFuzzer would exit without returning to Python anyway
            ops = recent.get(data, ())
            self.before_run(Mutant(data, ops), "atheris corpus")
            result = self.executor.run(data)
            self._record(data, result, ops)
            self.after_run(result)

        max_len = max(MAX_INPUT_BYTES, *(len(s.data) for s in self.seeds))
        remaining = max(1, int(self.deadline - time.time()))
        argv = [
            sys.argv[0],
            f"-seed={self.args.seed % 0xFFFFFFFE + 1}",
            f"-max_total_time={remaining + 30}",
            f"-timeout={self.args.hard_timeout + 30}",
            f"-rss_limit_mb={self.args.memory_mb * 3}",
            f"-max_len={max_len}",
            "-len_control=0",
            f"-artifact_prefix={self.workdir}/",
            "-print_final_stats=1",
            str(corpus_dir),
            str(seed_dir),
        ]
        self.atheris.Setup(argv, test_one_input, custom_mutator=custom_mutator)
        self.atheris.Fuzz()

    def _record(self, data: bytes, result: Result, ops: tuple[str, ...]) -> None:
        saved = None
        if result.crash is not None:
            path = self.store.save(data, result.crash, "atheris corpus", ops)
            saved = path.name if path is not None else None
        self.stats.record(result, saved, "atheris corpus")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.worker")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--engine", choices=("random", "atheris"), default="random")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--deadline", type=float, required=True, help="a time.time() value")
    parser.add_argument("--cpu-timeout", type=float, default=10.0)
    parser.add_argument("--hard-timeout", type=int, default=60)
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument("--full", choices=("novel", "always", "never"), default="novel")
    parser.add_argument("--crashes", required=True)
    parser.add_argument("--corpus")
    parser.add_argument("--no-dev-corpus", action="store_true")
    parser.add_argument("--mutants-only", action="store_true", help="skip the unmutated seeds")
    parser.add_argument("--outcomes-dir", help="keep the first input of each distinct outcome")
    args = parser.parse_args()
    faulthandler.enable()
    worker = Worker(args)
    worker.start()
    worker.flush()
    if args.engine == "atheris":
        worker.run_atheris()
    else:
        worker.run_random()


if __name__ == "__main__":
    main()
