"""Fuzz deckmentor for a bounded time and print what happened.

    python -m tests.fuzz.run --seconds 90 [--seed S] [--corpus DIR] [--engine auto]

A worker process (``tests.fuzz.worker``) fuzzes until the deadline; if an input kills it
(past the hard time bound, out of memory, a signal), that input is saved as a crash and a new
worker goes on with the remaining time. Prints executions, executions per second, the
distinct outcomes and the crashes (saved in ``tests/fuzz/crashes/``). Exit status: 0 when
nothing crashed, 1 when something did, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.fuzz.oracle import Crash
from tests.fuzz.seeds import ROOT
from tests.fuzz.session import Stats
from tests.fuzz.store import CRASH_DIR, CrashStore

#: Time a worker may take to start (import spaCy, load the French pipeline) on a busy machine.
_STARTUP_GRACE = 180
#: A worker is replaced after this long: the memory a long run accumulates (caches, libFuzzer's
#: corpus, arenas Python keeps) must not count against the inputs that come later.
_WORKER_SECONDS = 600
_FRAME = re.compile(r'File "(?P<file>[^"]+)", line \d+ in (?P<function>\S+)')


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") else "random"
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    args.first_seed = seed
    workdir = Path(tempfile.mkdtemp(prefix="deckmentor-fuzz-"))
    store = CrashStore(args.crashes)
    total = Stats(engine=engine)
    started = time.time()
    deadline = started + args.seconds
    print(f"deckmentor fuzz: engine {engine}, seed {seed}, {args.seconds} s", file=sys.stderr)
    workers = 0
    try:
        while deadline - time.time() > 2 or workers == 0:
            until = min(deadline, time.time() + _WORKER_SECONDS)
            stats, death = _run_worker(args, engine, seed + workers, until, workdir)
            workers += 1
            total.merge(stats)
            if death is not None:
                data = (workdir / "current.pptx").read_bytes()
                origin, _, ops = (workdir / "current.txt").read_text("utf-8").partition("\n")
                saved = store.save(data, death, origin, [op[4:] for op in ops.splitlines()])
                entry = total.crashes.setdefault(
                    death.signature, {"kind": death.kind, "stage": death.stage, "count": 0}
                )
                entry["count"] += 1
                if saved is not None:
                    entry.setdefault("file", saved.name)
                print(f"worker died: {death.signature}", file=sys.stderr)
    finally:
        if args.keep_workdir:
            print(f"work directory kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    _print_summary(total, engine, seed, workers, time.time() - started, args.crashes)
    return 1 if total.crashes else 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seconds", type=int, default=60, help="wall-clock budget (60)")
    parser.add_argument("--seed", type=int, help="random by default; printed for a re-run")
    parser.add_argument("--corpus", type=Path, help="more seed decks; atheris keeps its finds here")
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--cpu-timeout", type=float, default=10.0, help="CPU s per input (10)")
    parser.add_argument("--hard-timeout", type=int, default=60, help="wall s per input (60)")
    parser.add_argument("--memory-mb", type=int, default=1024, help="peak RSS growth per input")
    parser.add_argument("--full", choices=("novel", "always", "never"), default="novel")
    parser.add_argument("--crashes", type=Path, default=CRASH_DIR)
    parser.add_argument("--no-dev-corpus", action="store_true", help="skip ../shared/corpus/dev")
    parser.add_argument("--keep-workdir", action="store_true")
    parser.add_argument("--outcomes-dir", type=Path, help="keep one input per distinct outcome")
    args = parser.parse_args(argv)
    if args.seconds < 1:
        parser.error("--seconds must be at least 1")
    if args.engine == "atheris" and importlib.util.find_spec("atheris") is None:
        parser.error("atheris is not installed (pip install atheris), or use --engine random")
    return args


def _run_worker(
    args: argparse.Namespace, engine: str, seed: int, deadline: float, workdir: Path
) -> tuple[Stats, Crash | None]:
    """One worker until the deadline; its figures, and what killed it if something did."""
    for name in ("stats.json", "current.pptx", "current.txt"):
        (workdir / name).unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "tests.fuzz.worker",
        "--workdir", str(workdir), "--engine", engine, "--seed", str(seed),
        "--deadline", str(deadline), "--cpu-timeout", str(args.cpu_timeout),
        "--hard-timeout", str(args.hard_timeout), "--memory-mb", str(args.memory_mb),
        "--full", args.full, "--crashes", str(args.crashes),
    ]  # fmt: skip
    if args.corpus:
        command += ["--corpus", str(args.corpus)]
    if args.no_dev_corpus:
        command.append("--no-dev-corpus")
    if args.outcomes_dir:
        command += ["--outcomes-dir", str(args.outcomes_dir)]
    if seed != args.first_seed:  # a restarted worker: the seeds as they are already ran
        command.append("--mutants-only")
    log_path = workdir / "worker.log"
    wait = deadline - time.time() + _STARTUP_GRACE + args.hard_timeout
    killed = False
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
        )
        try:
            code = _wait(process, wait, workdir)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            code, killed = process.wait(), True
    stats_path = workdir / "stats.json"
    stats = (
        Stats.from_json(json.loads(stats_path.read_text("utf-8")))
        if stats_path.exists()
        else Stats()
    )
    if stats.done and code == 0:
        return stats, None
    if not (workdir / "current.pptx").exists():
        tail = log_path.read_text("utf-8", "replace")[-3000:]
        raise SystemExit(f"the fuzz worker failed before its first input:\n{tail}")
    return stats, _death(code, killed, log_path.read_text("utf-8", "replace"), args.hard_timeout)


def _wait(process: subprocess.Popen[bytes], timeout: float, workdir: Path) -> int:
    """Wait for the worker, printing its progress every 30 s."""
    end = time.time() + timeout
    while True:
        try:
            return process.wait(timeout=min(30.0, max(end - time.time(), 0.1)))
        except subprocess.TimeoutExpired:
            if time.time() >= end:
                raise
            stats_path = workdir / "stats.json"
            if stats_path.exists():
                try:
                    data = json.loads(stats_path.read_text("utf-8"))
                except json.JSONDecodeError:
                    continue
                rate = data["executions"] / max(data["seconds"], 0.001)
                print(
                    f"  {data['seconds']:.0f} s: {data['executions']} executions "
                    f"({rate:.1f}/s), {len(data['crashes'])} crash signatures",
                    file=sys.stderr,
                )


def _death(code: int, killed: bool, log: str, hard_timeout: int) -> Crash:
    """What killed a worker, from its exit status and the end of its log."""
    frames = [
        (m["file"], m["function"])
        for m in _FRAME.finditer(log[log.rfind("most recent call first") :])
    ]
    ours = [f for f in frames if "/analyzer/" in f[0] or "/rules/" in f[0] or "/pptx/" in f[0]]
    where = "?"
    if ours or frames:
        file, function = (ours or frames)[0]
        where = f"{re.sub(r'^.*/(?=(analyzer|rules|reports|pptx)/)', '', file)}:{function}"
    if killed or "Timeout (" in log:
        kind, what = "hang", f"hang (>{hard_timeout} s wall) in {where}"
    elif "out-of-memory" in log or "MemoryError" in log or code == -signal.SIGKILL:
        kind, what = "memory", f"out of memory in {where}"
    elif code < 0:
        kind, what = "died", f"died of {signal.Signals(-code).name} in {where}"
    else:
        kind, what = "died", f"worker exited with status {code} in {where}"
    return Crash(kind, what, "?", log[-4000:])


def _print_summary(
    stats: Stats, engine: str, seed: int, workers: int, wall: float, crash_dir: Path
) -> None:
    rate = stats.executions / max(stats.seconds, 0.001)
    share = stats.full_analyses / max(stats.executions, 1)
    print(f"engine: {engine}   seed: {seed}   workers started: {workers}")
    print(f"wall time: {wall:.0f} s   fuzzing time: {stats.seconds:.0f} s")
    print(f"executions: {stats.executions}   exec/s: {rate:.1f}")
    print(f"full analyses (NLP, rules, scoring): {stats.full_analyses} ({share:.0%})")
    print(f"slowest input: {stats.slowest[0]:.2f} s ({stats.slowest[1]})")
    reports = sum(
        n for label, n in stats.outcomes.items() if label.startswith(("report", "parsed"))
    )
    problems = sorted(
        {label.split()[1] for label in stats.outcomes if label.startswith("refused:")}
    )
    print(f"reports: {reports}   Problems seen ({len(problems)}): {', '.join(problems)}")
    print(f"distinct outcomes: {len(stats.outcomes)}")
    for label, count in stats.outcomes.most_common():
        print(f"  {count:>8}  {label[:150]}")
    if stats.warnings:
        print(f"warnings ({len(stats.warnings)} distinct):")
        for label, count in stats.warnings.most_common(10):
            print(f"  {count:>8}  {label}")
    print(f"crashes: {len(stats.crashes)} signatures")
    for signature, entry in stats.crashes.items():
        saved = entry.get("file")
        where = f"{crash_dir / saved}" if saved else "input already saved for this signature"
        print(f"  {entry['count']:>8}  [{entry['kind']}, {entry['stage']}] {signature}\n"
              f"            {where}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
