"""Run saved inputs through the whole pipeline and say, for each, whether it still crashes.

    python -m tests.fuzz.replay [FILE...] [--json]

Without files, every ``tests/fuzz/crashes/*.pptx``. Each input gets the full ``analyze``
(no shortcut), a CPU-time bound, and the process's address space is capped. Exit status 1
when any input still crashes. ``tests/test_fuzz_smoke.py`` runs this in a subprocess.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import sys
import traceback
from pathlib import Path

from tests.fuzz.oracle import Executor, cap_address_space
from tests.fuzz.seeds import builtin_seeds
from tests.fuzz.store import CRASH_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz.replay",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON list on stdout")
    parser.add_argument("--cpu-timeout", type=float, default=10.0)
    parser.add_argument("--hard-timeout", type=int, default=120)
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument(
        "--explain", action="store_true", help="for a refusal, the exception it was raised from"
    )
    args = parser.parse_args(argv)
    files = args.files or sorted(CRASH_DIR.glob("*.pptx"))
    executor = Executor(full="always", cpu_seconds=args.cpu_timeout, rss_growth_mb=args.memory_mb)
    executor.warm_up(builtin_seeds()[0].data)
    cap_address_space(2 * args.memory_mb)
    faulthandler.enable()
    entries = []
    for path in files:
        faulthandler.dump_traceback_later(args.hard_timeout, exit=True)
        result = executor.run(path.read_bytes())
        faulthandler.cancel_dump_traceback_later()
        crash = result.crash
        entries.append(
            {
                "file": path.name,
                "label": result.label,
                "seconds": round(result.seconds, 3),
                "crash": None if crash is None else crash.__dict__,
            }
        )
        if not args.json:
            status = "CRASH" if crash else "ok"
            print(f"{status:5}  {path}  {result.label}  ({result.seconds:.2f} s)")
            if crash is not None:
                print(crash.detail)
            elif args.explain and result.label.startswith("refused:"):
                print(_refusal_origin(path))
    if args.json:
        print(json.dumps(entries, indent=1))
    return 1 if any(entry["crash"] for entry in entries) else 0


def _refusal_origin(path: Path) -> str:
    """The traceback of the exception behind a DeckError, if it has one."""
    from analyzer.errors import DeckError
    from analyzer.pipeline import analyze

    try:
        analyze(path)
    except DeckError as error:
        origin = error.__cause__ or error.__context__
        if origin is not None:
            return "".join(traceback.format_exception(origin))
    return "(no exception behind the refusal)"


if __name__ == "__main__":
    sys.exit(main())
