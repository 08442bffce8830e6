"""The benchmark harness (benchmarks/) runs and gives well-formed results.

No timing is asserted: the machine decides those. What is checked is the shape of what the
harness returns, the arithmetic that turns samples into the table, and the JSON round trip.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import decks, measure, run
from benchmarks.results import (
    Measure,
    Target,
    load,
    missing,
    render_comparison,
    render_table,
    to_json,
)
from benchmarks.results import measure as make_measure

needs_markitdown = pytest.mark.skipif(
    not measure.markitdown_available(),
    reason="markitdown is a benchmark-only dependency: pip install -e '.[bench]'",
)


def _text_length(spec: list[dict[str, Any]]) -> int:
    """Characters of every text the spec puts on its slides and notes, counted by hand."""
    total = 0
    for slide in spec:
        total += len(str(slide["title"])) + len(str(slide["notes"]))
        for bullet in slide["bullets"]:
            total += len(bullet if isinstance(bullet, str) else bullet["text"])
        for row in slide.get("table") or []:
            total += sum(len(cell) for cell in row)
    return total


@pytest.fixture(scope="module")
def small_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return decks.build(decks.DeckKind("en", 8), tmp_path_factory.mktemp("decks"))


# --- the decks --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", decks.LANGS)
def test_deck_spec_is_deterministic_with_the_promised_shape(lang: str) -> None:
    spec = decks.deck_spec(decks.DeckKind(lang, 8))
    assert spec == decks.deck_spec(decks.DeckKind(lang, 8))
    assert spec != decks.deck_spec(decks.DeckKind(lang, 8, variant=1))
    assert len(spec) == 8
    assert [len(slide["bullets"]) for slide in spec] == [5] * 8
    assert [i + 1 for i, slide in enumerate(spec) if "table" in slide] == [4, 8]
    assert [len(slide["table"]) for slide in spec if "table" in slide] == [5, 5]
    assert all(slide["title"] and slide["notes"] for slide in spec)
    # Slide 3 and 6 indent their second bullet.
    assert [i + 1 for i, s in enumerate(spec) if isinstance(s["bullets"][1], dict)] == [3, 6]


def test_deck_text_is_mostly_distinct() -> None:
    spec = decks.deck_spec(decks.DeckKind("en", 100))
    bullets = [b if isinstance(b, str) else b["text"] for s in spec for b in s["bullets"]]
    assert len(set(bullets)) > 0.9 * len(bullets)


def test_built_deck_is_cached_and_holds_all_the_text(small_deck: Path) -> None:
    spec = decks.deck_spec(decks.DeckKind("en", 8))
    written = small_deck.stat().st_mtime_ns
    assert decks.build(decks.DeckKind("en", 8), small_deck.parent) == small_deck
    assert small_deck.stat().st_mtime_ns == written
    assert small_deck.name.startswith("bench-en-008-v0-")
    assert measure.walk_text(small_deck) == _text_length(spec)


def test_batch_mixes_languages_and_lengths() -> None:
    kinds = decks.batch_kinds(40)
    assert len(set(kinds)) == 40
    assert sum(k.lang == "fr" for k in kinds) == 20
    assert sorted({k.slides for k in kinds}) == [10, 100]
    assert sum(k.slides == 100 for k in kinds) == 10


# --- child processes --------------------------------------------------------------------------


def test_run_child_reports_time_memory_and_exit_code() -> None:
    result = measure.run_child([sys.executable, "-c", "x = b'x' * 60_000_000"])
    assert result.returncode == 0
    assert result.wall_s > 0
    assert result.cpu_s >= 0
    assert result.max_rss_mb > 60


def test_child_peak_memory_is_its_own_not_the_benchmark_process() -> None:
    # Linux hands the forking process's peak RSS to the child at exec: without the launcher,
    # every child would weigh at least what this process weighs.
    ballast = b"x" * 150_000_000
    result = measure.run_child([sys.executable, "-c", "pass"])
    assert len(ballast) == 150_000_000
    assert result.max_rss_mb < 60


def test_run_child_failure_says_why() -> None:
    with pytest.raises(measure.BenchError, match="exited with 1: boom"):
        measure.run_child([sys.executable, "-c", "import sys; sys.exit('boom')"])


def test_alternating_rounds_warm_first_then_turn(tmp_path: Path) -> None:
    log = tmp_path / "order.txt"

    def appender(name: str) -> list[str]:
        code = f"open({str(log)!r}, 'a').write({name!r})"
        return [sys.executable, "-c", code]

    runs = measure.measure_alternating({"a": appender("a"), "b": appender("b")}, 2)
    assert log.read_text() == "ab" + "ab" + "ba"
    assert [len(runs["a"]), len(runs["b"])] == [2, 2]


def test_cli_start_and_jobs_detection() -> None:
    runs = measure.measure_cli_start(1)
    assert sorted(runs) == ["help", "rules"]
    assert [r.returncode for r in runs["help"] + runs["rules"]] == [0, 0]
    assert isinstance(measure.jobs_option_available(), bool)


# --- in-process measures ----------------------------------------------------------------------


@needs_markitdown
def test_warm_measure_with_markitdown(small_deck: Path) -> None:
    samples = measure.measure_warm(small_deck, 8, 2, with_markitdown=True)
    assert [len(samples.analysis), len(samples.markitdown), len(samples.floor)] == [2, 2, 2]
    assert all(lap.wall_s > 0 for lap in samples.analysis + samples.markitdown + samples.floor)
    lines = run.warm_measures(samples, "en", with_md=True)
    assert [m.id for m in lines] == ["warm.en.8.vs_markitdown", "warm.en.8.analysis_ms"]
    assert [m.status for m in lines] == ["info", "info"]
    assert all(m.value is not None and m.value > 0 for m in lines)


def test_warm_measure_without_markitdown_is_not_available(small_deck: Path) -> None:
    samples = measure.measure_warm(small_deck, 8, 1, with_markitdown=False)
    assert samples.markitdown == []
    lines = run.warm_measures(samples, "en", with_md=False)
    assert [(m.id, m.status) for m in lines] == [
        ("warm.en.8.vs_markitdown", "n/a"),
        ("warm.en.8.analysis_ms", "info"),
    ]


def test_warm_measures_arithmetic_on_a_100_slide_deck() -> None:
    laps = [measure.Lap(0.2, 0.2), measure.Lap(0.4, 0.3)]
    md = [measure.Lap(0.1, 0.1), measure.Lap(0.1, 0.1)]
    floor = [measure.Lap(0.01, 0.01), measure.Lap(0.02, 0.01)]
    samples = measure.WarmSamples(100, laps, md, floor)
    by_id = {m.id: m for m in run.warm_measures(samples, "en", with_md=True)}
    ratio = by_id["warm.en.100.vs_markitdown"]
    assert (ratio.value, ratio.low, ratio.high, ratio.cpu) == (3.0, 2.0, 4.0, 2.5)
    assert ratio.samples == (2.0, 4.0)
    assert ratio.target == Target("<=", 2.0)
    assert ratio.status == "FAIL"
    assert by_id["warm.en.100.analysis_ms"].value == pytest.approx(3.0)
    assert by_id["warm.en.100.vs_floor"].value == pytest.approx(20.0)
    assert by_id["warm.en.100.markitdown_ms"].value == pytest.approx(1.0)
    assert by_id["warm.en.100.floor_ms"].value == pytest.approx(0.15)


# --- table, JSON, comparison ------------------------------------------------------------------


def _measures(help_s: list[float]) -> list[Measure]:
    speedup = Target(">=", 1.7)
    return [
        make_measure(
            "cli.help_s", "5. cli", "deckmentor --help", "s", help_s, target=Target("<", 0.3)
        ),
        make_measure("batch.speedup", "3. batch", "jobs1 / jobs2", "x", [1.8], target=speedup),
        missing("batch.other", "3. batch", "not there", "x", "n/a: no --jobs yet", speedup),
    ]


def test_table_lists_value_spread_target_and_result() -> None:
    lines = render_table(_measures([0.1, 0.2, 0.3]), "header").splitlines()
    assert lines[0] == "header"
    help_line = next(line for line in lines if "deckmentor --help" in line)
    assert help_line.split() == ["deckmentor", "--help", "0.200", "s", "0.100", "s", "–", "0.300",
                                 "s", "<", "0.3", "pass"]  # fmt: skip
    assert next(line for line in lines if "not there" in line).split()[-1] == "n/a"
    assert "      n/a: no --jobs yet" in lines


def test_json_round_trip_and_comparison(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(
        to_json({"quick": True, "raw": {}}, _measures([0.2, 0.3, 0.4])), encoding="utf-8"
    )
    data, old = load(path)
    assert data["quick"] is True
    assert old == _measures([0.2, 0.3, 0.4])
    lines = render_comparison(old, _measures([0.1, 0.15, 0.18])[:1]).splitlines()
    assert [line.split() for line in lines[2:]] == [
        ["5.", "deckmentor", "--help", "0.300", "s", "0.150", "s", "-50%", "better", "FAIL", "->",
         "pass"],
        ["3.", "jobs1", "/", "jobs2", "1.80x", "-", "pass", "->", "-"],
        ["3.", "not", "there", "n/a", "-", "n/a", "->", "-"],
    ]  # fmt: skip


def test_comparison_calls_a_change_within_both_spreads_noise() -> None:
    lines = render_comparison(_measures([0.2, 0.3, 0.4]), _measures([0.25, 0.28, 0.35]))
    help_line = next(line for line in lines.splitlines() if "--help" in line)
    assert help_line.split()[-5:] == ["-7%", "noise", "FAIL", "->", "pass"]


def test_main_shows_a_saved_run_and_check_fails_on_a_missed_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "run.json"
    path.write_text(to_json({"quick": False}, _measures([0.9, 0.2, 0.3])), encoding="utf-8")
    assert run.main(["--load", str(path)]) == 0
    assert run.main(["--load", str(path), "--check"]) == 1
    assert run.main(["--load", str(path), "--compare", str(path)]) == 0
    out = capsys.readouterr().out
    assert "change from" in out
    assert "FAIL -> FAIL" in out
