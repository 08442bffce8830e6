"""The batch runner: one outcome per input, in input order, whatever happens to a worker.

Most tests replace ``analyze_path`` with a fake that sleeps, fails or kills its process: the
workers are forked, so they run the fake too, and no test here waits for spaCy to load.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from analyzer import batch, pipeline
from analyzer.annotation import Lang
from analyzer.batch import run_batch, unread
from analyzer.config import Config, ConfigError
from analyzer.errors import DeckError, Problem
from analyzer.findings import Family, Severity
from analyzer.model import Deck, Loc, Scope
from analyzer.report import Analyzed, Outcome, Unread
from tests.processes import descendants

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="the fakes reach the workers through fork"
)


def _fake(path: Path, config: Config) -> Outcome:
    """Stands in for the pipeline: the file's name says what happens to it."""
    name = path.stem
    if name.startswith("slow"):
        time.sleep(0.5)
    if name == "exits":
        os._exit(3)
    if name == "killed":
        os.kill(os.getpid(), signal.SIGKILL)
    if name == "bad-config":
        raise ConfigError("model directory /nowhere does not exist")
    if name == "hangs":
        time.sleep(3600)
    # Not a real analysis: an Unread is the cheapest outcome to build, and it names its input.
    return unread(path, DeckError(Problem.TEXT), config)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "analyze_path", _fake)


def _paths(*names: str) -> list[Path]:
    return [Path(f"decks/{name}.pptx") for name in names]


@pytest.mark.usefixtures("fake_pipeline")
def test_outcomes_come_in_input_order_even_when_the_first_deck_is_slowest() -> None:
    paths = _paths("slow-1", "a", "b", "c", "slow-2", "d", "e")
    outcomes = list(run_batch(paths, Config(), jobs=2))
    assert [o.path for o in outcomes] == [str(p) for p in paths]


@pytest.mark.usefixtures("fake_pipeline")
@pytest.mark.parametrize(
    ("names", "detail"),
    [
        (["exits", "a", "b", "c"], "the worker process stopped (exit code 3)"),
        (["a", "killed", "b", "c"], "the worker process was killed by SIGKILL"),
        (["a", "b", "c", "exits"], "the worker process stopped (exit code 3)"),
        (["a", "b", "c", "killed"], "the worker process was killed by SIGKILL"),
    ],
    ids=["first-exits", "second-killed", "last-exits", "last-killed"],
)
def test_a_worker_that_dies_costs_only_its_deck(names: list[str], detail: str) -> None:
    paths = _paths(*names, "d", "e")
    outcomes = list(run_batch(paths, Config(), jobs=2))
    assert [o.path for o in outcomes] == [str(p) for p in paths]
    dead = names.index("exits" if "exits" in names else "killed")
    assert [o.problem for o in outcomes if isinstance(o, Unread)] == [
        Problem.INTERNAL_ERROR if i == dead else Problem.TEXT for i in range(len(paths))
    ]
    crashed = outcomes[dead]
    assert isinstance(crashed, Unread)
    assert crashed.finding.code == "DK100"
    assert crashed.finding.message == (
        f"deckmentor failed on this deck ({detail}): please report it with the file if you can"
    )


@pytest.mark.usefixtures("fake_pipeline")
def test_every_worker_dying_still_gives_every_deck_its_outcome() -> None:
    paths = _paths("exits", "killed", "exits", "killed", "a")
    outcomes = list(run_batch(paths, Config(), jobs=2))
    assert [o.problem for o in outcomes if isinstance(o, Unread)] == [
        *[Problem.INTERNAL_ERROR] * 4,
        Problem.TEXT,
    ]


@pytest.mark.usefixtures("fake_pipeline")
def test_a_deck_that_hangs_is_stopped_at_the_timeout_and_the_others_are_analyzed() -> None:
    paths = _paths("a", "hangs", "b", "c", "d")
    before = time.monotonic()
    outcomes = list(run_batch(paths, Config(), jobs=2, timeout=1))
    assert time.monotonic() - before < 15  # the hanging deck sleeps an hour
    assert [o.problem for o in outcomes if isinstance(o, Unread)] == [
        Problem.TEXT,
        Problem.TIMEOUT,
        Problem.TEXT,
        Problem.TEXT,
        Problem.TEXT,
    ]
    stopped = outcomes[1]
    assert isinstance(stopped, Unread)
    assert stopped.finding.message == (
        "stopped after 1 s: the analysis of this deck took too long; raise --timeout, or report "
        "it with the file if you can"
    )


class _ListPool:
    """A stand-in for the pool that runs each deck when it is handed out and remembers how many
    were out at once (handed out, their outcome not yet taken)."""

    def __init__(self) -> None:
        self.out = 0
        self.most_out = 0

    def schedule(
        self, function: object, args: tuple[Path, Config, bytes | None], timeout: float
    ) -> object:
        from concurrent.futures import Future

        self.out += 1
        self.most_out = max(self.most_out, self.out)
        future: Future[Outcome] = Future()
        future.set_result(_fake(args[0], args[1]))
        return _Taken(future, self)


class _Taken:
    def __init__(self, future: object, pool: _ListPool) -> None:
        self.future, self.pool = future, pool

    def result(self) -> Outcome:
        self.pool.out -= 1
        return self.future.result()  # type: ignore[attr-defined, no-any-return]


def test_at_most_so_many_decks_are_handed_out_ahead() -> None:
    pool = _ListPool()
    paths = _paths(*(f"deck-{n}" for n in range(30)))
    outcomes = list(batch._in_order(pool, paths, Config(), 8, None))  # type: ignore[arg-type]
    assert [o.path for o in outcomes] == [str(p) for p in paths]
    assert pool.most_out == 8


@pytest.mark.usefixtures("fake_pipeline")
def test_a_config_error_in_a_worker_stops_the_batch_as_a_config_error() -> None:
    with pytest.raises(ConfigError, match="/nowhere"):
        list(run_batch(_paths("a", "bad-config", "b"), Config(), jobs=2))


@pytest.mark.usefixtures("fake_pipeline")
def test_closing_the_batch_early_stops_its_workers() -> None:
    outcomes = run_batch(_paths("a", "slow-1", "slow-2", "slow-3", "slow-4"), Config(), jobs=2)
    assert next(outcomes).path == "decks/a.pptx"
    before = time.monotonic()
    workers = descendants(os.getpid())
    assert len(workers) == 2
    outcomes.close()
    assert time.monotonic() - before < 5
    _assert_gone(workers)


def _decks(folder: Path, *names: str) -> list[Path]:
    """Copies of the 10-slide French sample under these names, of the English one for names
    starting with "en"; "broken" is a text file, and "missing" does not exist."""
    samples = Path(__file__).resolve().parents[1] / "samples"
    paths = [folder / f"{name}.pptx" for name in names]
    for path in paths:
        if path.stem == "broken":
            path.write_text("not a deck")
        elif path.stem != "missing":
            sample = "pricing-review-en" if path.stem.startswith("en") else "codir-offre-v1"
            path.write_bytes((samples / f"{sample}.pptx").read_bytes())
    return paths


@pytest.mark.parametrize(
    ("count", "order"),
    [
        (0, []),
        (1, [0]),
        (2, [0, 1]),
        (4, [0, 1, 2, 3]),
        (12, [0, 3, 6, 9, 11, 1, 2, 4, 5, 7, 8, 10]),
    ],
)
def test_decks_across_the_batch_are_read_first(count: int, order: list[int]) -> None:
    assert list(batch.reading_order(count)) == order


def test_a_language_found_late_in_the_batch_is_loaded_before_the_workers_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """French decks first, as a sorted folder gives them, an English deck last, and decks that
    cannot be read: the pipelines of both languages are loaded once, before the workers fork."""
    paths = _decks(tmp_path, "broken", *[f"fr-{n}" for n in range(6)], "missing", "en-last")
    loaded: list[frozenset[Lang]] = []
    monkeypatch.setattr(batch, "_load_pipelines", lambda langs, config: loaded.append(langs))
    monkeypatch.setattr(batch, "analyze_path", _fake)
    assert len(list(run_batch(paths, Config(), jobs=2))) == 9
    assert loaded == [frozenset({Lang.FR, Lang.EN})]


def _how_read(path: Path, config: Config, deck: Deck | None = None) -> Outcome:
    """Says whether the deck came read by the reader (and how many slides it has)."""
    how = "read by its worker" if deck is None else f"read ahead ({len(deck.slides)} slides)"
    return unread(path, DeckError(Problem.INTERNAL_ERROR, how), config)


def _said(outcome: Outcome) -> str:
    assert isinstance(outcome, Unread)
    return outcome.finding.message.split("(", 1)[1].rsplit(")", 1)[0]


@pytest.fixture
def slow_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader logs each deck it has tried to read; loading the pipelines loads none and
    lasts until the reader has tried ``READ_WANTED`` of them (30 s at most), so that what is
    read ahead does not depend on the machine's speed."""
    log = tmp_path / "read.log"
    read_deck = pipeline.read_deck

    def logged(source: Path, config: Config) -> tuple[bytes, Deck]:
        try:
            if Path(source).stem == "kills-reader":
                os.kill(os.getpid(), signal.SIGKILL)
            return read_deck(source, config)
        finally:
            with log.open("a") as file:
                file.write(f"{Path(source).stem}\n")

    def load(languages: frozenset[Lang], config: Config) -> None:
        wanted = int(os.environ["READ_WANTED"])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _lines(log) < wanted:
            time.sleep(0.01)

    monkeypatch.setattr(pipeline, "read_deck", logged)
    monkeypatch.setattr(batch, "_load_pipelines", load)
    monkeypatch.setattr(batch, "_warm_up", lambda languages, config: None)
    monkeypatch.setattr(batch, "analyze_path", _how_read)


def _lines(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


@pytest.mark.usefixtures("slow_load")
def test_decks_are_read_while_the_pipelines_load_and_reach_their_workers_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _decks(tmp_path, "a", "en-b", "broken", "c", "missing", "d")
    monkeypatch.setenv("READ_WANTED", "6")
    said = [_said(outcome) for outcome in run_batch(paths, Config(), jobs=2)]
    # What the reader cannot read, its worker reads, and says what is wrong with it.
    assert said == [
        "read ahead (10 slides)",
        "read ahead (6 slides)",
        "read by its worker",
        "read ahead (10 slides)",
        "read by its worker",
        "read ahead (10 slides)",
    ]


@pytest.mark.usefixtures("slow_load")
def test_a_reader_that_dies_costs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _decks(tmp_path, "a", "kills-reader", "b", "c")
    monkeypatch.setenv("READ_WANTED", "3")  # killed, it never logs the deck it dies on
    said = [_said(outcome) for outcome in run_batch(paths, Config(), jobs=2)]
    assert said == [
        "read ahead (10 slides)",
        "read by its worker",
        "read ahead (10 slides)",
        "read ahead (10 slides)",
    ]


def test_reading_ahead_stops_at_its_memory_cap(
    slow_load: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "READ_AHEAD_BYTES", 1)
    monkeypatch.setenv("READ_WANTED", "3")
    paths = _decks(tmp_path, "a", "b", "c")
    said = [_said(outcome) for outcome in run_batch(paths, Config(), jobs=2)]
    assert said == ["read by its worker"] * 3


def _children() -> list[str]:
    import multiprocessing

    return [child.name for child in multiprocessing.active_children()]


def _children() -> list[str]:
    import multiprocessing

    return [child.name for child in multiprocessing.active_children()]


def _assert_gone(pids: list[int], within: float = 15) -> None:
    """Gone, or a zombie waiting to be reaped: either way no longer running."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and [p for p in pids if _running(p)]:
        time.sleep(0.05)
    assert [p for p in pids if _running(p)] == []


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.usefixtures("fake_pipeline")
def test_one_job_runs_in_this_process() -> None:
    outcomes = list(run_batch(_paths("a", "b"), Config(), jobs=1))
    assert [o.path for o in outcomes] == ["decks/a.pptx", "decks/b.pptx"]
    assert _children() == []


@pytest.mark.parametrize(
    ("lang", "message", "suggestion"),
    [
        (
            None,
            "password-protected: open it in PowerPoint with its password, remove the password "
            "(File > Info > Protect Presentation), save it as .pptx and try again",
            "Nothing in this file was checked and it has no score: fix it as said, then analyze "
            "it again.",
        ),
        (
            Lang.FR,
            "protégé par mot de passe : ouvrez-le dans PowerPoint avec son mot de passe, retirez "
            "le mot de passe (Fichier > Informations > Protéger la présentation), enregistrez-le "
            "en .pptx et réessayez",
            "Rien dans ce fichier n'a été vérifié et il n'a pas de score : corrigez-le comme "
            "indiqué, puis analysez-le de nouveau.",
        ),
    ],
    ids=["unset-is-english", "fr"],
)
def test_unread_is_a_dk100_finding_in_the_report_language(
    lang: Lang | None, message: str, suggestion: str
) -> None:
    outcome = unread(Path("in/offre.pptx"), DeckError(Problem.ENCRYPTED), Config(lang=lang))
    assert outcome == Unread(
        path="in/offre.pptx",
        problem=Problem.ENCRYPTED,
        finding=outcome.finding,
        report_lang=lang or Lang.EN,
    )
    finding = outcome.finding
    assert (finding.code, finding.name, finding.family, finding.severity) == (
        "DK100",
        "deck-not-read",
        Family.INPUT,
        Severity.ERROR,
    )
    assert finding.loc == Loc(scope=Scope.DECK)
    assert (finding.message, finding.suggestion, finding.evidence) == (message, suggestion, "")
    assert outcome.file_name == "offre.pptx"


def test_a_bug_in_the_pipeline_becomes_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(source: object, config: object) -> None:
        raise KeyError("slide")

    monkeypatch.setattr("analyzer.pipeline.analyze", broken)
    outcome = batch.analyze_path(Path("offre.pptx"), Config())
    assert isinstance(outcome, Unread)
    assert outcome.problem is Problem.INTERNAL_ERROR
    assert "(KeyError: 'slide')" in outcome.finding.message


def test_a_real_deck_and_a_missing_file() -> None:
    samples = Path(__file__).resolve().parents[1] / "samples"
    deck, missing = samples / "pricing-review-en.pptx", samples / "no-such-deck.pptx"
    outcomes = list(run_batch([deck, missing], Config(), jobs=1))
    assert isinstance(outcomes[0], Analyzed)
    assert outcomes[0].report.file_name == "pricing-review-en.pptx"
    assert isinstance(outcomes[1], Unread)
    assert outcomes[1].problem is Problem.NOT_FOUND


_ORPHANED_BATCH = """
import sys, time
from pathlib import Path
from analyzer import batch, pipeline
from analyzer.config import Config
from analyzer.errors import DeckError, Problem

def fake(path, config):
    sys.stderr.write(f"started {path.stem}\\n")  # one write: workers share the pipe
    time.sleep(0.2 if path.stem == "first" else 3)  # the others are busy when the parent dies
    return batch.unread(path, DeckError(Problem.TEXT), config)

batch.analyze_path = fake
for outcome in batch.run_batch([Path("first.pptx"), Path("a.pptx"), Path("b.pptx")], Config(), 2):
    pass
"""


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc")
def test_workers_leave_when_the_parent_is_killed() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(
        [sys.executable, "-c", _ORPHANED_BATCH], cwd=root, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    with process:
        started = {process.stderr.readline().split()[-1] for _ in range(3)}
        assert started == {"first", "a", "b"}
        workers = descendants(process.pid)
        process.kill()  # no cleanup, no atexit: only the pipes tell the workers
    assert len(workers) == 2
    _assert_gone(workers)
