"""The command line as a user meets it: outputs, exit codes, one-line errors, a fast --help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from tests.builders import build_deck

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_help_does_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from analyzer.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('spacy' in sys.modules, 'pptx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False False"


def test_rules_lists_every_rule_and_documents_one(runner: CliRunner) -> None:
    from analyzer.registry import all_rules

    listing = runner.invoke(main, ["rules"], terminal_width=200)
    assert listing.exit_code == 0
    for rule in all_rules():
        assert rule.code in listing.output and rule.name in listing.output
    page = runner.invoke(main, ["rules", "too-many-bullets"], terminal_width=200)
    assert page.exit_code == 0
    assert "CN101 too-many-bullets" in page.output and "Why is this bad?" in page.output


def test_rules_with_an_unknown_code_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["rules", "CN10"])
    assert result.exit_code == 2
    assert "unknown rule 'CN10'" in result.output


def test_check_writes_html_and_json(runner: CliRunner, tmp_path: Path) -> None:
    deck = SAMPLES / "codir-offre-v1.pptx"
    html = tmp_path / "report.html"
    result = runner.invoke(main, ["check", str(deck), "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")

    result = runner.invoke(main, ["check", str(deck), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["deck"]["file_name"] == "codir-offre-v1.pptx"
    assert {f["code"] for f in data["findings"]} >= {"CN101"}


def test_fail_under_exits_1(runner: CliRunner) -> None:
    deck = SAMPLES / "codir-offre-v1.pptx"
    assert runner.invoke(main, ["check", str(deck), "--fail-under", "99.9"]).exit_code == 1
    assert runner.invoke(main, ["check", str(deck), "--fail-under", "1"]).exit_code == 0


def test_unreadable_deck_gets_one_line_exit_2_and_the_others_go_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.pptx"
    bad.write_text("just some text\n", encoding="utf-8")
    good = tmp_path / "good.pptx"
    good.write_bytes(build_deck([{"title": "Sales grew 12% in Q3"}], lang="en"))
    out_dir = tmp_path / "out"
    result = runner.invoke(main, ["check", str(bad), str(good), "-o", str(out_dir), "-f", "json"])
    assert result.exit_code == 2
    assert f"{bad}: plain text file, not a PowerPoint deck: give the .pptx file itself\n" in (
        result.stderr
    )
    assert "Traceback" not in result.output
    assert (out_dir / "good.deckmentor.json").exists()


def test_lang_flag_overrides_the_report_language(runner: CliRunner) -> None:
    deck = SAMPLES / "codir-offre-v1.pptx"
    result = runner.invoke(main, ["check", str(deck), "--format", "json", "--lang", "en"])
    data = json.loads(result.stdout)
    assert data["languages"]["deck"] == "fr"
    assert data["languages"]["report"] == "en"
    assert "bullets on this slide" in " ".join(f["message"] for f in data["findings"])
