"""Crashing inputs saved as ``tests/fuzz/crashes/<sha256>.pptx``, each with a ``.txt`` beside it
(signature, kind, stage, the mutations that made it, the traceback). One input per signature:
a signature already saved (in an earlier run too) is counted, not saved again."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from tests.fuzz.oracle import Crash

CRASH_DIR = Path(__file__).resolve().parent / "crashes"
_ROOT = Path(__file__).resolve().parents[2]


class CrashStore:
    def __init__(self, directory: Path = CRASH_DIR) -> None:
        self.directory = directory
        self.known = {_signature_of(path) for path in sorted(directory.glob("*.txt"))}

    def save(self, data: bytes, crash: Crash, origin: str, ops: Sequence[str]) -> Path | None:
        """Write the input and its note; None when its signature is already saved."""
        if crash.signature in self.known:
            return None
        self.known.add(crash.signature)
        self.directory.mkdir(parents=True, exist_ok=True)
        sha = hashlib.sha256(data).hexdigest()
        path = self.directory / f"{sha}.pptx"
        path.write_bytes(data)
        mutations = "".join(f"  - {op}\n" for op in ops) or "  (none)\n"
        shown = path.relative_to(_ROOT) if path.is_relative_to(_ROOT) else path
        path.with_suffix(".txt").write_text(
            f"signature: {crash.signature}\n"
            f"kind: {crash.kind}\n"
            f"stage: {crash.stage}\n"
            f"size: {len(data)} bytes\n"
            f"made from: {origin}\n"
            f"mutations:\n{mutations}"
            f"replay: python -m tests.fuzz.replay {shown}\n"
            f"detail:\n{crash.detail}\n",
            encoding="utf-8",
        )
        return path


def _signature_of(note: Path) -> str:
    first = note.read_text(encoding="utf-8").split("\n", 1)[0]
    return first.removeprefix("signature: ")
