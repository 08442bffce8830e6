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
        # The first worker reads the first deck alone, forks the second when it is done, and
        # takes the next two decks (one to read, one waiting): the second and third decks are
        # its, the fourth and fifth the forked worker's. A worker that dies holds the deck
        # after the one it dies on, which another worker then reads.
        (["a", "exits", "b", "c"], "worker process exited with code 3"),
        (["a", "killed", "b", "c"], "worker process killed by SIGKILL"),
        (["a", "b", "c", "exits"], "worker process ended unexpectedly"),
        (["a", "b", "c", "killed"], "worker process ended unexpectedly"),
    ],
    ids=["first-exits", "first-killed", "forked-exits", "forked-killed"],
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
@pytest.mark.parametrize(
    "names",
    [["a", "exits", "b", "c"], ["a", "b", "c", "exits"]],
    ids=["first-worker", "forked-worker"],
)
def test_a_worker_that_dies_between_two_tasks_costs_only_its_deck(
    names: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent hands a worker two paths back to back. Here the worker always dies on the
    first before the second is sent (the race a busy machine makes now and then): the second
    send fails, and both decks must still get their outcome."""
    give = batch._Worker.give

    def give_after_its_death(worker: batch._Worker, index: int, path: Path) -> bool:
        if worker.tasks and worker.tasks[-1][1].stem == "exits":
            assert worker.conn.poll(10)  # its end of the pipe has closed: it is dead
        return give(worker, index, path)

    monkeypatch.setattr(batch._Worker, "give", give_after_its_death)
    paths = _paths(*names, "d", "e")
    outcomes = list(run_batch(paths, Config(), jobs=2))
    assert [o.path for o in outcomes] == [str(p) for p in paths]
    dead = names.index("exits")
    assert [o.problem for o in outcomes if isinstance(o, Unread)] == [
        Problem.INTERNAL_ERROR if i == dead else Problem.TEXT for i in range(len(paths))
    ]


@pytest.mark.usefixtures("fake_pipeline")
def test_a_batch_that_cannot_make_progress_says_so_instead_of_waiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A task lost on its way to a worker (a bug) leaves no worker busy and no outcome coming:
    the batch reports the decks left as not read and ends."""
    monkeypatch.setattr(batch._Worker, "give", lambda worker, index, path: True)
    paths = _paths("a", "b", "c")
    outcomes = list(run_batch(paths, Config(), jobs=2))
    assert [o.path for o in outcomes] == [str(p) for p in paths]
    assert {o.finding.message for o in outcomes if isinstance(o, Unread)} == {
        "deckmentor failed on this deck (the worker pool stopped making progress): please "
        "report it with the file if you can"
    }
    assert len([o for o in outcomes if isinstance(o, Unread)]) == 3


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
    assert len(workers) == 2  # the first worker and the one it forked
    outcomes.close()
    assert time.monotonic() - before < 2
    _assert_gone(workers)


def _read_ahead_fake(path: Path, config: Config, deck: Deck | None = None) -> Outcome:
    """Says whether the deck came read ahead. The first deck ("first") waits until the reader
    has logged ``wait-for`` reads, so that what it reads in the meantime does not depend on
    the machine's speed."""
    if path.stem == "first":
        log, count = Path(os.environ["READ_LOG"]), int(os.environ["READ_WAIT_FOR"])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not log.exists() or len(log.read_text().splitlines()) < count
        ):
            time.sleep(0.01)
        time.sleep(float(os.environ.get("READ_THEN_SLEEP", "0")))
    how = "read by its worker" if deck is None else f"read ahead ({len(deck.slides)} slides)"
    return unread(path, DeckError(Problem.INTERNAL_ERROR, how), config)


@pytest.fixture
def read_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The reader logs each path it has read or failed to read, taking ``READ_DELAY`` seconds
    more for each (and dies on a deck named "kills-reader", before logging it); the first
    worker logs the pipelines it is asked to load before it forks the others (``warm.log``),
    and loads none."""
    log = tmp_path / "read.log"
    monkeypatch.setenv("READ_LOG", str(log))

    def warm(languages: frozenset[Lang], config: Config) -> None:
        with (tmp_path / "warm.log").open("a") as file:
            file.write(" ".join(sorted(lang.value for lang in languages)) + "\n")

    monkeypatch.setattr(batch, "_load_pipelines", warm)
    read_deck = pipeline.read_deck

    def logged(source: Path, config: Config) -> tuple[bytes, Deck]:
        name = Path(source).stem
        time.sleep(float(os.environ.get("READ_DELAY", "0")))
        try:
            if name == "kills-reader":
                os.kill(os.getpid(), signal.SIGKILL)
            return read_deck(source, config)
        finally:
            with log.open("a") as file:
                file.write(f"{name}\n")

    monkeypatch.setattr(pipeline, "read_deck", logged)
    monkeypatch.setattr(batch, "analyze_path", _read_ahead_fake)
    return log


def _how_read(outcome: Outcome) -> str:
    assert isinstance(outcome, Unread)
    return outcome.finding.message.split("(", 1)[1].rsplit(")", 1)[0].split(": ", 1)[-1]


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


def test_decks_are_read_ahead_while_the_first_worker_warms_up(
    read_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _decks(tmp_path, "first", "a", "broken", "b", "missing", "c")
    monkeypatch.setenv("READ_WAIT_FOR", "5")
    monkeypatch.setenv("READ_THEN_SLEEP", "0.2")  # its last deck reaches the parent meanwhile
    outcomes = run_batch(paths, Config(), jobs=2)
    first, second = next(outcomes), next(outcomes)  # the second is read once the others forked
    assert "deckmentor-reader" not in _children()  # then every CPU analyzes
    how = [_how_read(outcome) for outcome in [first, second, *outcomes]]
    # What the reader cannot read, its worker reads, and says what is wrong with it.
    assert how == [
        "read by its worker",
        "read ahead (10 slides)",
        "read by its worker",
        "read ahead (10 slides)",
        "read by its worker",
        "read ahead (10 slides)",
    ]
    assert sorted(read_log.read_text().split()) == ["a", "b", "broken", "c", "missing"]


def test_the_first_worker_loads_the_languages_read_ahead_before_it_forks(
    read_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _decks(tmp_path, "first", "en-a", "b", "en-c")
    monkeypatch.setenv("READ_WAIT_FOR", "3")
    monkeypatch.setenv("READ_THEN_SLEEP", "0.2")
    outcomes = run_batch(paths, Config(), jobs=2)
    next(outcomes)  # the first deck, read before anything was asked of the first worker
    how = [_how_read(outcome) for outcome in outcomes]
    assert how == ["read ahead (6 slides)", "read ahead (10 slides)", "read ahead (6 slides)"]
    assert (tmp_path / "warm.log").read_text() == "en fr\n"


@pytest.mark.parametrize(
    ("count", "order"),
    [
        (0, []),
        (1, []),
        (2, [1]),
        (4, [1, 2, 3]),
        (12, [3, 6, 9, 11, 1, 2, 4, 5, 7, 8, 10]),
    ],
)
def test_decks_across_the_batch_are_read_first(count: int, order: list[int]) -> None:
    assert list(batch.reading_order(count)) == order


def test_a_language_found_late_in_the_batch_is_loaded_before_the_fork(
    read_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """French decks first, as a sorted folder gives them: the reader reads the last deck early,
    and the first worker loads English for all the workers."""
    paths = _decks(tmp_path, "first", *[f"fr-{n}" for n in range(6)], "en-last")
    monkeypatch.setenv("READ_DELAY", "0.1")  # read in order, the last deck would come too late
    monkeypatch.setenv("READ_WAIT_FOR", "4")  # decks 2, 4, 6 and the last
    monkeypatch.setenv("READ_THEN_SLEEP", "0.15")
    assert len(list(run_batch(paths, Config(), jobs=2))) == 8
    assert (tmp_path / "warm.log").read_text() == "en fr\n"


def test_a_reader_that_dies_costs_nothing(
    read_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _decks(tmp_path, "first", "a", "kills-reader", "b")
    monkeypatch.setenv("READ_WAIT_FOR", "1")
    monkeypatch.setenv("READ_THEN_SLEEP", "0.5")  # the parent sees the reader's end meanwhile
    how = [_how_read(outcome) for outcome in run_batch(paths, Config(), jobs=2)]
    assert how == ["read by its worker", "read ahead (10 slides)", *["read by its worker"] * 2]


def test_reading_ahead_stops_at_its_memory_cap(
    read_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "READ_AHEAD_BYTES", 1)
    paths = _decks(tmp_path, "first", "a", "b", "c")
    monkeypatch.setenv("READ_WAIT_FOR", "1")
    monkeypatch.setenv("READ_THEN_SLEEP", "0.5")  # time enough to read the others, were it asked
    how = [_how_read(outcome) for outcome in run_batch(paths, Config(), jobs=2)]
    assert how == ["read by its worker", "read ahead (10 slides)", *["read by its worker"] * 2]
    assert read_log.read_text().split() == ["a"]


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
