"""The fuzz target in the normal suite: a short seeded run over the built-in decks, and every
input saved in tests/fuzz/crashes/ replayed through the whole pipeline (see tests/fuzz/).

The property: a deck is analyzed (a Report) or refused with a DeckError; nothing else, within
a CPU-time bound.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz.mutate import Mutator
from tests.fuzz.oracle import Executor
from tests.fuzz.seeds import ROOT, builtin_seeds
from tests.fuzz.session import Session
from tests.fuzz.store import CRASH_DIR

SAVED_CRASHES = sorted(CRASH_DIR.glob("*.pptx"))


def test_a_hundred_mutants_of_the_built_in_decks_are_analyzed_or_refused() -> None:
    seeds = builtin_seeds()
    session = Session(seeds, seed=20260301, executor=Executor(cpu_seconds=30.0))
    for _ in range(100):
        session.step()
    stats = session.stats
    assert stats.crashes == {}
    assert stats.executions == 100
    # The first executions are the seeds as they are: each one is a deck deckmentor reads.
    reports = sum(n for label, n in stats.outcomes.items() if label.startswith("report"))
    problems = {label.split()[1] for label in stats.outcomes if label.startswith("refused:")}
    # Mutants reach both sides of the gate: decks still analyzed and several kinds of refusal.
    assert reports >= len(seeds) + 10, stats.outcomes
    assert len(problems) >= 5, stats.outcomes


def test_mutants_depend_only_on_the_seed() -> None:
    seeds = [seed.data for seed in builtin_seeds()]

    def digests() -> list[str]:
        mutator = Mutator(seeds)
        return [
            hashlib.sha256(mutator.mutate(seeds[i % len(seeds)], random.Random(i)).data).hexdigest()
            for i in range(40)
        ]

    first = digests()
    assert first == digests()
    assert len(set(first)) == 40


@pytest.fixture(scope="module")
def replayed() -> dict[str, dict[str, Any]]:
    """Every saved crash replayed once, in a subprocess with bounded time and memory."""
    files = [str(path) for path in SAVED_CRASHES] or [str(ROOT / "samples" / "codir-offre-v1.pptx")]
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.replay", "--json", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.stdout.startswith("["), done.stderr[-3000:]
    return {entry["file"]: entry for entry in json.loads(done.stdout)}


def test_replay_runs_a_deck_through_the_whole_pipeline(replayed: dict[str, Any]) -> None:
    if SAVED_CRASHES:
        assert set(replayed) == {path.name for path in SAVED_CRASHES}
    else:
        assert replayed["codir-offre-v1.pptx"]["label"] == "report"


@pytest.mark.parametrize("path", SAVED_CRASHES, ids=[path.stem[:16] for path in SAVED_CRASHES])
def test_saved_crash_is_now_analyzed_or_refused(path: Path, replayed: dict[str, Any]) -> None:
    crash = replayed[path.name]["crash"]
    note = path.with_suffix(".txt")
    explained = note.read_text("utf-8") if note.exists() else ""
    assert crash is None, f"{crash['signature']}\n{explained}"
