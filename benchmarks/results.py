"""Measures judged against their targets: the table, the JSON file and the comparison of two runs.

A measure's value is the median of its samples and its spread their minimum and maximum. A ratio
is taken per round (both sides timed in the same round) before the median, so that a busy
moment on the machine slows both sides of the same sample.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = "deckmentor-bench/1"

_OPS = {
    "<=": lambda v, limit: v <= limit,
    "<": lambda v, limit: v < limit,
    ">=": lambda v, limit: v >= limit,
}


@dataclass(frozen=True)
class Target:
    """``value op limit`` must hold, e.g. ``<= 2.0``."""

    op: str
    limit: float

    def __post_init__(self) -> None:
        if self.op not in _OPS:
            raise ValueError(f"unknown comparison {self.op!r}")

    def met(self, value: float) -> bool:
        return bool(_OPS[self.op](value, self.limit))

    @property
    def higher_is_better(self) -> bool:
        return self.op == ">="

    def __str__(self) -> str:
        return f"{self.op} {self.limit:g}"


@dataclass(frozen=True)
class Measure:
    """One line of the table. ``value`` is None when the measure could not be taken (``note``
    says why: "n/a: ..." for a feature not there yet, "error: ..." for a failure)."""

    id: str
    group: str
    label: str
    unit: str  # "x" (a ratio), "ms", "s" or "MB"
    value: float | None
    low: float | None = None
    high: float | None = None
    cpu: float | None = None  # the same measure on CPU time, where it means something
    target: Target | None = None
    note: str = ""
    samples: tuple[float, ...] = field(default=())

    @property
    def status(self) -> str:
        if self.value is None:
            return "error" if self.note.startswith("error") else "n/a"
        if self.target is None:
            return "info"
        return "pass" if self.target.met(self.value) else "FAIL"


def measure(
    id: str,
    group: str,
    label: str,
    unit: str,
    values: Sequence[float],
    *,
    cpu_values: Sequence[float] | None = None,
    target: Target | None = None,
    note: str = "",
) -> Measure:
    """A measure from its samples: median, and minimum and maximum as the spread."""
    if not values:
        raise ValueError(f"{id}: no samples")
    clean_cpu = [v for v in cpu_values or () if not math.isnan(v)]
    return Measure(
        id=id,
        group=group,
        label=label,
        unit=unit,
        value=statistics.median(values),
        low=min(values),
        high=max(values),
        cpu=statistics.median(clean_cpu) if clean_cpu else None,
        target=target,
        note=note,
        samples=tuple(values),
    )


def missing(
    id: str, group: str, label: str, unit: str, note: str, target: Target | None
) -> Measure:
    """A measure that could not be taken; ``note`` starts with "n/a" or "error"."""
    return Measure(id=id, group=group, label=label, unit=unit, value=None, target=target, note=note)


def ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """Per-round ratios of two paired sample lists."""
    if len(numerators) != len(denominators):
        raise ValueError("ratios of unpaired samples")
    return [n / d for n, d in zip(numerators, denominators, strict=True)]


# --- the table ------------------------------------------------------------------------------


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "ms":
        return f"{value:.2f} ms"
    # Under a second, a third decimal: 0.298 s passes "< 0.3", which 0.30 s would hide.
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def _spread(m: Measure) -> str:
    if m.low is None or m.high is None:
        return ""
    return f"{format_value(m.low, m.unit)} – {format_value(m.high, m.unit)}"


def render_table(measures: Sequence[Measure], header: str = "") -> str:
    """The measures as a plain-text table, grouped, with notes under the lines they explain."""
    columns = ("measure", "value", "spread (min – max)", "cpu", "target", "result")
    rows: list[tuple[str, ...] | str] = []
    group = None
    for m in measures:
        if m.group != group:
            group = m.group
            rows.append(group)
        cpu = format_value(m.cpu, m.unit) if m.cpu is not None else ""
        target = str(m.target) if m.target is not None else ""
        rows.append(
            ("  " + m.label, format_value(m.value, m.unit), _spread(m), cpu, target, m.status)
        )
        if m.note:
            rows.append("      " + m.note)
    widths = [len(c) for c in columns]
    for row in rows:
        if isinstance(row, tuple):
            widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [header] if header else []
    lines.append("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        if isinstance(row, str):
            lines.append(row)
        else:
            cells = [row[0].ljust(widths[0])] + [
                cell.rjust(w) if i < 4 else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row[1:], widths[1:], strict=True), start=1)
            ]
            lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def summary_header(data: Mapping[str, Any]) -> str:
    git = data.get("git", {})
    machine = data.get("machine", {})
    commit = str(git.get("commit") or "unknown")[:10] + (" (dirty)" if git.get("dirty") else "")
    load = machine.get("loadavg_start"), machine.get("loadavg_end")
    loads = " -> ".join(f"{x[0]:.2f}" for x in load if x)
    mode = "quick" if data.get("quick") else "full"
    return (
        f"deckmentor benchmarks, {mode} run, commit {commit}, {data.get('created', '')}\n"
        f"{machine.get('cpu_model', '?')}, {machine.get('cpus_usable', '?')} usable CPUs, "
        f"1-minute load {loads or '?'}"
    )


def failed(measures: Iterable[Measure]) -> list[Measure]:
    """Measures that miss their target or could not be taken because of an error."""
    return [m for m in measures if m.status in ("FAIL", "error")]


# --- JSON -------------------------------------------------------------------------------------


def to_json(data: Mapping[str, Any], measures: Sequence[Measure]) -> str:
    payload = {"schema": SCHEMA, **data, "measures": [asdict(m) for m in measures]}
    return json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False, default=_plain)


def _plain(value: object) -> object:
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def load(path: Path) -> tuple[dict[str, Any], list[Measure]]:
    """A results file written by ``to_json``: its data and its measures."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{path}: not a {SCHEMA} results file")
    measures = []
    for raw in data.pop("measures"):
        target = Target(**raw["target"]) if raw.get("target") else None
        measures.append(
            Measure(**{**raw, "target": target, "samples": tuple(raw.get("samples", ()))})
        )
    return data, measures


# --- comparison -----------------------------------------------------------------------------


def _overlap(a: Measure, b: Measure) -> bool:
    if a.low is None or a.high is None or b.low is None or b.high is None:
        return False
    if len(a.samples) < 2 or len(b.samples) < 2:  # one sample has no range to speak of
        return False
    return a.low <= b.high and b.low <= a.high


def render_comparison(old: Sequence[Measure], new: Sequence[Measure], header: str = "") -> str:
    """Each measure of either run: old value, new value, relative change, and whether that change
    is for the better (lower is better, except for speed-ups) or noise (both measures repeated,
    and their min – max ranges meet)."""
    old_by_id = {m.id: m for m in old}
    new_ids = {m.id for m in new}
    lines = [header] if header else []
    rows = [("measure", "old", "new", "change", "result")]
    for m in [*new, *(m for m in old if m.id not in new_ids)]:
        before = old_by_id.get(m.id)
        after = m if m.id in new_ids else None
        old_value = before.value if before else None
        new_value = after.value if after else None
        change = ""
        if before and after and old_value and new_value is not None:
            pct = 100 * (new_value - old_value) / old_value
            better = pct > 0 if (m.target and m.target.higher_is_better) else pct < 0
            if abs(pct) < 1 or _overlap(before, after):
                verdict = " noise"  # the two runs' ranges meet: no change shown
            else:
                verdict = " better" if better else " worse"
            change = f"{pct:+.0f}%{verdict}"
        status = f"{before.status if before else '-'} -> {after.status if after else '-'}"
        rows.append(
            (
                m.label if not m.group else f"{m.group.split(' ', 1)[0]} {m.label}",
                format_value(old_value, m.unit) if before else "-",
                format_value(new_value, m.unit) if after else "-",
                change,
                status,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for i, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.ljust(w) if j in (0, 4) else cell.rjust(w)
                for j, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
