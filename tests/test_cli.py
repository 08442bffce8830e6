"""The command line as a user meets it: outputs, exit codes, one-line errors, a fast --help,
batches that go on past bad files, parallel workers, Ctrl-C."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.cli_output import available_formats
from reports.json import schema
from tests.builders import build_deck
from tests.processes import descendants

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOOD, FAILING = SAMPLES / "codir-offre-v2.pptx", SAMPLES / "codir-offre-v1.pptx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: The lines the terminal shows for the bad files of the batch folder (English: no --lang).
LINES = {
    "encrypted": "password-protected: open it in PowerPoint with its password, remove the "
    "password (File > Info > Protect Presentation), save it as .pptx and try again",
    "renamed-text": "plain text file, not a PowerPoint deck: give the .pptx file itself",
    "truncated": "damaged or truncated file (not a complete zip archive): copy or download it "
    "again",
}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _encrypted() -> bytes:
    """What PowerPoint writes for a deck with a password: an OLE compound file whose directory
    names an EncryptedPackage stream (header, then directory entries)."""
    names = ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    entries = b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in names)
    return OLE_MAGIC + b"\x00" * 504 + entries


@pytest.fixture(scope="module")
def batch_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good deck, an encrypted file, a text file renamed .pptx and a truncated zip."""
    folder = tmp_path_factory.mktemp("decks")
    good = build_deck([{"title": "Churn fell from 9% to 6% after the new onboarding"}], lang="en")
    (folder / "good.pptx").write_bytes(good)
    (folder / "encrypted.pptx").write_bytes(_encrypted())
    (folder / "renamed-text.pptx").write_text("Q3 sales review, draft\n", encoding="utf-8")
    (folder / "truncated.pptx").write_bytes(good[: len(good) // 2])
    return folder


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "Error:" not in stderr  # click's prefix for an uncaught usage problem


# Help and rules -----------------------------------------------------------------------------


def test_help_does_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from analyzer.cli import main\n"
        "for args in (['--help'], ['check', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print('spacy' in sys.modules, 'pptx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False False"
    assert "-j, --jobs N|auto" in out.stdout
    assert "--config FILE" in out.stdout


def test_rules_lists_every_rule_and_documents_one(runner: CliRunner) -> None:
    from analyzer.registry import all_rules

    listing = runner.invoke(main, ["rules"], terminal_width=200)
    assert listing.exit_code == 0
    for rule in all_rules():
        assert rule.code in listing.output and rule.name in listing.output
    page = runner.invoke(main, ["rules", "too-many-bullets"], terminal_width=200)
    assert page.exit_code == 0
    assert "CN101 too-many-bullets" in page.output and "Why is this bad?" in page.output


def test_rules_documents_deck_not_read(runner: CliRunner) -> None:
    page = runner.invoke(main, ["rules", "DK100"], terminal_width=200)
    assert page.exit_code == 0
    assert "DK100 deck-not-read  (input, error)" in page.output
    assert "never runs on a deck" in page.output


def test_rules_with_an_unknown_code_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["rules", "CN10"])
    assert result.exit_code == 2
    assert "unknown rule 'CN10'" in result.output


# One deck -----------------------------------------------------------------------------------


def test_check_writes_html_and_json(runner: CliRunner, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    result = runner.invoke(main, ["check", str(FAILING), "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")

    result = runner.invoke(main, ["check", str(FAILING), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["status"], data["deck"]["file_name"]) == ("analyzed", "codir-offre-v1.pptx")
    assert {f["code"] for f in data["findings"]} >= {"CN102", "MI102"}


def test_fail_under_exits_1(runner: CliRunner) -> None:
    assert runner.invoke(main, ["check", str(FAILING), "--fail-under", "99.9"]).exit_code == 1
    assert runner.invoke(main, ["check", str(FAILING), "--fail-under", "1"]).exit_code == 0


def test_lang_flag_overrides_the_report_language(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", str(FAILING), "--format", "json", "--lang", "en"])
    data = json.loads(result.stdout)
    assert data["languages"]["deck"] == "fr"
    assert data["languages"]["report"] == "en"
    assert "words on this slide" in " ".join(f["message"] for f in data["findings"])


def test_one_unreadable_deck_gets_its_page_and_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "offre.pptx"
    bad.write_bytes(_encrypted())
    page = tmp_path / "offre.html"
    result = runner.invoke(main, ["check", str(bad), "-o", str(page), "--lang", "fr"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{bad}: DK100 protégé par mot de passe : ouvrez-le dans PowerPoint avec son mot de "
        "passe, retirez le mot de passe (Fichier > Informations > Protéger la présentation), "
        "enregistrez-le en .pptx et réessayez"
    )
    text = page.read_text(encoding="utf-8")
    assert "Ce fichier n&#39;a pas pu être analysé" in text
    assert '<span class="code">DK100</span> deck-not-read' in text
    _no_traceback(result.stderr)


# Exit codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decks", "code"),
    [
        pytest.param(["good"], 0, id="good"),
        pytest.param(["good", "failing"], 1, id="good-failing"),
        pytest.param(["good", "failing", "unreadable"], 2, id="good-failing-unreadable"),
        pytest.param(["unreadable", "good"], 2, id="unreadable-good"),
    ],
)
def test_exit_codes(runner: CliRunner, tmp_path: Path, decks: list[str], code: int) -> None:
    unreadable = tmp_path / "unreadable.pptx"
    unreadable.write_text("not a deck\n", encoding="utf-8")
    paths = {"good": GOOD, "failing": FAILING, "unreadable": unreadable}
    args = ["check", *(str(paths[d]) for d in decks), "--fail-on", "warning"]
    result = runner.invoke(main, args)
    assert result.exit_code == code, result.output
    _no_traceback(result.stderr)


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    deck = str(GOOD)
    for args in (
        ["check", deck, "--jobs", "many"],
        ["check", deck, "--select", "too-many-bulets"],
        ["check", deck, str(FAILING), "-o", str(tmp_path / "both.html")],
        ["check", str(tmp_path)],  # a folder without decks
        ["check", deck, "--config", str(tmp_path / "missing.toml")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, args
        _no_traceback(result.stderr.replace("Error: ", "", 1))


@pytest.mark.parametrize(
    ("given", "timeout"), [([], 300.0), (["--timeout", "5"], 5.0), (["--timeout", "0"], None)]
)
def test_timeout_reaches_the_batch_and_0_means_no_limit(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    given: list[str],
    timeout: float | None,
) -> None:
    from analyzer import batch

    seen: list[tuple[int, float | None]] = []

    def recorded(paths: object, config: object, jobs: int, limit: float | None) -> Iterator[Any]:
        seen.append((jobs, limit))
        return iter(())

    monkeypatch.setattr(batch, "run_batch", recorded)
    deck = str(SAMPLES / "codir-offre-v1.pptx")
    out = str(tmp_path / "out")
    runner.invoke(main, ["check", deck, deck, "--jobs", "2", *given, "-f", "json", "-o", out])
    assert seen == [(2, timeout)]


def test_a_negative_timeout_is_a_usage_error(runner: CliRunner) -> None:
    deck = str(SAMPLES / "codir-offre-v1.pptx")
    result = runner.invoke(main, ["check", deck, "--timeout", "-1"])
    assert result.exit_code == 2
    assert "--timeout" in result.stderr


def test_jobs_takes_a_number_or_one_per_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer import batch, cli

    monkeypatch.setattr(batch, "available_cpus", lambda: 7)
    values = ["1", "3", "0", "auto", " Auto "]
    assert [cli._jobs(value) for value in values] == [1, 3, 7, 7, 7]


# A batch over a folder with bad files -------------------------------------------------------


def test_batch_reports_each_bad_file_as_dk100_in_json(
    runner: CliRunner, batch_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "json"
    result = runner.invoke(main, ["check", str(batch_folder), "-o", str(out), "-f", "json"])
    assert result.exit_code == 2
    _no_traceback(result.stderr)
    validator = jsonschema.Draft202012Validator(schema("1.2"))
    documents = {}
    for name in ("encrypted", "good", "renamed-text", "truncated"):
        document = json.loads((out / f"{name}.deckmentor.json").read_text(encoding="utf-8"))
        assert list(validator.iter_errors(document)) == [], name
        documents[name] = document
    assert documents["good"]["status"] == "analyzed"
    problems = {"encrypted": "encrypted", "renamed-text": "text-file", "truncated": "corrupt-zip"}
    for name, problem in problems.items():
        document = documents[name]
        assert (document["status"], document["problem"]) == ("unread", problem)
        assert document["deck"] == {"file_name": f"{name}.pptx"}
        [finding] = document["findings"]
        assert (finding["code"], finding["message"]) == ("DK100", LINES[name])
    for name in problems:
        assert f"{batch_folder / name}.pptx: DK100 {LINES[name]}\n" in result.stderr
    assert result.stderr.endswith("Inputs: 4 · analyzed: 1 · not read: 3\n")


def test_batch_reports_each_bad_file_as_dk100_in_html_with_an_index(
    runner: CliRunner, batch_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "html"
    result = runner.invoke(main, ["check", str(batch_folder), "-o", str(out)])
    assert result.exit_code == 2
    _no_traceback(result.stderr)
    assert sorted(p.name for p in out.iterdir()) == [
        "encrypted.deckmentor.html",
        "good.deckmentor.html",
        "index.html",
        "renamed-text.deckmentor.html",
        "truncated.deckmentor.html",
    ]
    for name, line in LINES.items():
        page = (out / f"{name}.deckmentor.html").read_text(encoding="utf-8")
        assert "This file could not be analyzed" in page
        assert f'<p class="message">{line.replace(">", "&gt;")}</p>' in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+)"', index) == [
        "encrypted.deckmentor.html",
        "good.deckmentor.html",
        "renamed-text.deckmentor.html",
        "truncated.deckmentor.html",
    ]
    assert index.count('<span class="code">DK100</span>') == 3


@pytest.mark.parametrize("fmt", [f for f in available_formats() if f not in ("html", "json")])
def test_batch_formats_write_one_document_naming_every_bad_file(
    runner: CliRunner, batch_folder: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["check", str(batch_folder), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 2
    _no_traceback(result.stderr)
    [document] = list(out.iterdir())
    text = document.read_text(encoding="utf-8")
    assert text.count("DK100") >= 3
    for name in LINES:
        assert f"{name}.pptx" in text

    to_stdout = runner.invoke(main, ["check", str(batch_folder), "-f", fmt])
    assert to_stdout.exit_code == 2
    assert to_stdout.stdout.rstrip("\n") == text.rstrip("\n")


def test_batch_json_without_output_is_json_lines(runner: CliRunner, batch_folder: Path) -> None:
    result = runner.invoke(main, ["check", str(batch_folder), "-f", "json"])
    assert result.exit_code == 2
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["deck"]["file_name"], d["status"]) for d in documents] == [
        ("encrypted.pptx", "unread"),
        ("good.pptx", "analyzed"),
        ("renamed-text.pptx", "unread"),
        ("truncated.pptx", "unread"),
    ]


def test_decks_of_one_name_get_reports_of_different_names(
    runner: CliRunner, tmp_path: Path
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "offre.pptx").write_text("draft\n", encoding="utf-8")
    out = tmp_path / "out"
    runner.invoke(main, ["check", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out)])
    assert sorted(p.name for p in out.iterdir()) == [
        "index.html",
        "offre-2.deckmentor.html",
        "offre.deckmentor.html",
    ]


# Macros -------------------------------------------------------------------------------------


def _with_macros(data: bytes) -> bytes:
    """The deck with a VBA project part, as PowerPoint saves a .pptm."""
    vba = "application/vnd.ms-office.vbaProject"
    rel = (
        '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/></Relationships>'
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                default = f'<Default Extension="bin" ContentType="{vba}"/></Types>'
                content = content.replace(b"</Types>", default.encode())
            elif item.filename == "ppt/_rels/presentation.xml.rels":
                content = content.replace(b"</Relationships>", rel.encode())
            target.writestr(item, content)
        target.writestr("ppt/vbaProject.bin", b"\x00" * 16)
    return out.getvalue()


def test_a_deck_with_macros_says_so_everywhere(runner: CliRunner, tmp_path: Path) -> None:
    deck = tmp_path / "offre.pptm"
    slides = [{"title": "L'offre groupée fait croître le chiffre d'affaires de 12 %"}]
    deck.write_bytes(_with_macros(build_deck(slides, lang="fr")))
    html = tmp_path / "offre.html"
    result = runner.invoke(main, ["check", str(deck), "-o", str(html)])
    assert result.exit_code == 0, result.output
    notice = "Cette présentation contient des macros\u00a0; deckmentor ne les exécute ni ne les "
    assert f"  {notice}extrait jamais.\n" in result.stderr
    assert f'<p class="notice" role="note">{notice}extrait jamais.</p>' in html.read_text(
        encoding="utf-8"
    )
    english = runner.invoke(main, ["check", str(deck), "-f", "json", "--lang", "en"])
    assert json.loads(english.stdout)["deck"]["has_macros"] is True
    summary = runner.invoke(main, ["check", str(deck), "--lang", "en"])
    assert "  This deck carries macros; deckmentor never runs or extracts them.\n" in (
        summary.stderr
    )


# Settings files -----------------------------------------------------------------------------


def test_settings_file_is_found_from_the_current_folder_and_flags_win(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "offre.pptx"
    deck.write_bytes(FAILING.read_bytes())
    settings = tmp_path / "deckmentor.toml"
    settings.write_text('lang = "en"\nselect = ["CN101"]\n', encoding="utf-8")
    (tmp_path / "reviews").mkdir()
    monkeypatch.chdir(tmp_path / "reviews")  # found from the current folder up
    found = runner.invoke(main, ["check", str(deck), "-f", "json"])
    data = json.loads(found.stdout)
    assert (data["languages"]["report"], data["rules_run"]) == ("en", ["CN101"])
    flagged = runner.invoke(main, ["check", str(deck), "-f", "json", "--lang", "fr"])
    assert json.loads(flagged.stdout)["languages"]["report"] == "fr"

    monkeypatch.chdir(ROOT)
    given = runner.invoke(main, ["check", str(deck), "-f", "json", "--config", str(settings)])
    assert json.loads(given.stdout)["rules_run"] == ["CN101"]


# Parallel batches ---------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_jobs_2_writes_what_jobs_1_writes_with_the_pipelines_loaded_before_the_fork(
    runner: CliRunner, batch_folder: Path, tmp_path: Path
) -> None:
    english = SAMPLES / "pricing-review-en.pptx"
    paths = [str(FAILING), str(batch_folder / "encrypted.pptx"), str(english)]
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert runner.invoke(main, ["check", *paths, "-f", "json", "-o", str(serial)]).exit_code == 2
    args = ["check", *paths, "-f", "json", "-o", str(parallel), "--jobs", "2"]
    code = textwrap.dedent(
        f"""
        import sys
        from analyzer.cli import main
        try:
            main({args!r})
        except SystemExit as stop:
            print(stop.code, "spacy" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    # The parent loads the pipelines the decks need before it forks the workers: they share it.
    assert out.stdout.split() == ["2", "True"]
    _no_traceback(out.stderr)
    names = sorted(p.name for p in serial.iterdir())
    assert names == sorted(p.name for p in parallel.iterdir())
    for name in names:
        assert (parallel / name).read_bytes() == (serial / name).read_bytes(), name


_SLOW_BATCH = """
import sys, time
from analyzer import batch
from analyzer.errors import DeckError, Problem

def slow(path, config):
    sys.stderr.write(f"started {path.stem}\\n")  # one write: workers share the pipe
    if path.stem != "a":  # "a" is done at once: its worker takes the next deck
        time.sleep(60)
    return batch.unread(path, DeckError(Problem.TEXT), config)

batch.analyze_path = slow
from analyzer.cli import main
main(["check", "a.pptx", "b.pptx", "c.pptx", "d.pptx", "--jobs", sys.argv[1]])
"""


@pytest.mark.skipif(sys.platform != "linux", reason="process groups, fork and /proc")
@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_stops_cleanly_with_exit_130(jobs: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BATCH, str(jobs)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    assert process.stderr is not None
    with process:
        started: list[str] = []
        while len(started) < 1 + jobs:  # workers write while the terminal says "a" is unread
            line = process.stderr.readline()
            assert line, "the batch ended before it was interrupted"
            started += re.findall(r"started ([a-d])\b", line)
        # "a" and, with two workers, "b" at once; then "c", by the worker that did "a".
        assert sorted(started) == (["a", "b", "c"] if jobs == 2 else ["a", "b"])
        workers = descendants(process.pid)
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the whole group
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "interrupted" in stderr
    _no_traceback(stderr)
    assert len(workers) == (0 if jobs == 1 else 2)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and [pid for pid in workers if _running(pid)]:
        time.sleep(0.05)
    assert [pid for pid in workers if _running(pid)] == []


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_an_existing_folder_with_a_dot_is_an_output_folder(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "reports.d"
    folder.mkdir()
    result = runner.invoke(main, ["check", str(GOOD), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "codir-offre-v2.deckmentor.html").is_file()


def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    result = runner.invoke(main, ["check", str(GOOD), "-o", str(blocker / "report.html")])
    assert result.exit_code == 2
    assert "cannot write the report to" in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# The console command's quick exit ----------------------------------------------------------


def _entry(*args: str) -> subprocess.CompletedProcess[str]:
    code = f"import sys; from analyzer.cli import entry; sys.argv[1:] = {list(args)!r}; entry()"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_the_command_exits_with_main_s_code_and_all_its_output(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "codir-offre-v1.pptx"
    analyzed = _entry("check", str(sample), "-f", "json")
    assert analyzed.returncode == 0, analyzed.stderr
    assert json.loads(analyzed.stdout)["deck"]["slide_count"] == 10  # written whole, through a pipe
    missing = _entry("check", str(tmp_path / "missing.pptx"))
    assert (missing.returncode, missing.stdout) == (2, "")
    assert "missing.pptx" in missing.stderr and "Traceback" not in missing.stderr
    usage = _entry("bogus")
    assert usage.returncode == 2 and "No such command" in usage.stderr
    assert _entry("--help").returncode == 0
