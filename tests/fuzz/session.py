"""The seeded mutation loop, and the figures a run keeps.

Step ``i`` of a session with seed ``s`` draws everything from ``random.Random(f"{s}:{i}")``:
the unmutated seeds first, then mutants of a seed (small decks drawn more often) or of an
earlier mutant that gave an outcome not seen before, so that mutations stack where they
reached new code. The same seeds and seed give the same inputs, in the same order.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tests.fuzz.mutate import Mutant, Mutator
from tests.fuzz.oracle import Executor, Result
from tests.fuzz.seeds import Seed
from tests.fuzz.store import CrashStore

_POOL_SIZE = 256


@dataclass
class Stats:
    """What a run saw. ``crashes`` maps a signature to its kind, stage, count and saved file."""

    engine: str = ""
    executions: int = 0
    full_analyses: int = 0
    seconds: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: Counter[str] = field(default_factory=Counter)
    slowest: tuple[float, str] = (0.0, "")
    done: bool = False

    def record(self, result: Result, saved: str | None, origin: str) -> None:
        self.executions += 1
        self.full_analyses += result.full
        self.outcomes[result.label] += 1
        if result.seconds > self.slowest[0]:
            self.slowest = (round(result.seconds, 3), result.label[:160])
        if result.crash is not None:
            entry = self.crashes.setdefault(
                result.crash.signature,
                {"kind": result.crash.kind, "stage": result.crash.stage, "count": 0},
            )
            entry["count"] += 1
            if saved is not None:
                entry.setdefault("file", saved)
                entry.setdefault("origin", origin)

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "executions": self.executions,
            "full_analyses": self.full_analyses,
            "seconds": round(self.seconds, 2),
            "outcomes": dict(self.outcomes),
            "crashes": self.crashes,
            "warnings": dict(self.warnings),
            "slowest": list(self.slowest),
            "done": self.done,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stats:
        return cls(
            engine=data["engine"],
            executions=data["executions"],
            full_analyses=data["full_analyses"],
            seconds=data["seconds"],
            outcomes=Counter(data["outcomes"]),
            crashes=data["crashes"],
            warnings=Counter(data["warnings"]),
            slowest=(data["slowest"][0], data["slowest"][1]),
            done=data["done"],
        )

    def merge(self, other: Stats) -> None:
        """Add another worker's figures to these."""
        self.engine = self.engine or other.engine
        self.executions += other.executions
        self.full_analyses += other.full_analyses
        self.seconds += other.seconds
        self.outcomes.update(other.outcomes)
        self.warnings.update(other.warnings)
        self.slowest = max(self.slowest, other.slowest)
        for signature, entry in other.crashes.items():
            mine = self.crashes.setdefault(signature, {**entry, "count": 0})
            mine["count"] += entry["count"]
            for key in ("file", "origin"):
                if key in entry:
                    mine.setdefault(key, entry[key])


class Session:
    """The mutation loop over ``seeds``; ``before_run`` sees each input before it runs (the
    worker writes it to disk, so an input that kills the process is not lost)."""

    def __init__(
        self,
        seeds: Sequence[Seed],
        *,
        seed: int,
        executor: Executor,
        store: CrashStore | None = None,
        before_run: Callable[[Mutant, str], None] | None = None,
        seeds_first: bool = True,
    ) -> None:
        self.seeds = list(seeds)
        self.seed = seed
        self.executor = executor
        self.store = store
        self.before_run = before_run
        self.stats = Stats(engine="random")
        self.mutator = Mutator([s.data for s in self.seeds])
        #: Step of the loop; it starts past the unmutated seeds when they are not run first.
        self.iteration = 0 if seeds_first else len(self.seeds)
        self._pool: list[tuple[Seed, tuple[str, ...]]] = []
        # Drawn in inverse proportion to size, so that each seed gets about the same CPU time.
        self._weights = [1.0 / max(len(s.data), 20_000) for s in self.seeds]

    def step(self) -> Result:
        rng = random.Random(f"{self.seed}:{self.iteration}")
        history: tuple[str, ...] = ()
        if self.iteration < len(self.seeds):
            parent = self.seeds[self.iteration]
            mutant = Mutant(parent.data, ())
        else:
            if self._pool and rng.random() < 0.3:
                parent, history = rng.choice(self._pool)
            else:
                parent = rng.choices(self.seeds, self._weights)[0]
            mutant = self.mutator.mutate(parent.data, rng)
            mutant = Mutant(mutant.data, history + mutant.ops)
        self.iteration += 1
        if self.before_run is not None:
            self.before_run(mutant, parent.name)
        result = self.executor.run(mutant.data)
        saved = None
        if result.crash is not None and self.store is not None:
            path = self.store.save(mutant.data, result.crash, parent.name, mutant.ops)
            saved = path.name if path is not None else None
        self.stats.record(result, saved, parent.name)
        if self.stats.outcomes[result.label] == 1 and mutant.ops and result.crash is None:
            self._remember((Seed(parent.name, mutant.data), mutant.ops), rng)
        return result

    def _remember(self, entry: tuple[Seed, tuple[str, ...]], rng: random.Random) -> None:
        if len(self._pool) < _POOL_SIZE:
            self._pool.append(entry)
        else:
            self._pool[rng.randrange(_POOL_SIZE)] = entry
