"""Settings files: a ``deckmentor.toml`` or the ``[tool.deckmentor]`` table of a pyproject.toml,
read into a Config with flags on top, every mistake refused with the file, the key and a
did-you-mean; and the caps they set reaching the analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import analyze
from analyzer.annotation import Lang
from analyzer.config import (
    ENV_EN_MODEL,
    ENV_FR_MODEL,
    Config,
    ConfigError,
    Limits,
    find_config,
    load_config,
)
from analyzer.errors import DeckError, Problem
from analyzer.findings import Severity

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "codir-offre-v1.pptx"
MB = 1024 * 1024

FULL = """
lang = "fr"
select = ["CN101", "filler-phrase"]
ignore = ["too-many-bullets"]

[rules.too-many-bullets]
max-bullets = 5

[rules.CN104]
ignore-phrases = ["afin de"]

[severity]
filler-phrase = "warning"

[limits]
max-file-mb = 50
max-parts = 2000
max-part-mb = 64.5
max-total-mb = 300
max-ratio = 150
"""


@pytest.fixture(autouse=True)
def _no_model_dirs_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_EN_MODEL, raising=False)
    monkeypatch.delenv(ENV_FR_MODEL, raising=False)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path | None, **overrides: object) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(path, **overrides)
    return str(caught.value)


def test_no_file_is_the_defaults() -> None:
    assert load_config(None) == Config()
    assert Config().limits == Limits(
        max_file_bytes=200 * MB,
        max_members=10_000,
        max_member_bytes=256 * MB,
        max_total_bytes=1024 * MB,
        max_ratio=200.0,
    )


def test_every_key_of_a_deckmentor_toml(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "deckmentor.toml", FULL))
    assert config == Config(
        lang=Lang.FR,
        select=frozenset({"CN101", "CN104"}),
        ignore=frozenset({"CN101"}),
        rule_options={"CN101": {"max-bullets": 5}, "CN104": {"ignore-phrases": ["afin de"]}},
        severities={"CN104": Severity.WARNING},
        limits=Limits(
            max_file_bytes=50 * MB,
            max_members=2000,
            max_member_bytes=int(64.5 * MB),
            max_total_bytes=300 * MB,
            max_ratio=150.0,
        ),
    )


def test_the_tool_table_of_a_pyproject(tmp_path: Path) -> None:
    text = '[project]\nname = "decks"\n\n[tool.deckmentor]\nlang = "en"\n\n'
    text += "[tool.deckmentor.limits]\nmax-parts = 500\n"
    config = load_config(_write(tmp_path, "pyproject.toml", text))
    assert (config.lang, config.limits) == (Lang.EN, Limits(max_members=500))


def test_a_pyproject_without_the_table_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "pyproject.toml", '[project]\nname = "decks"\n')
    assert _error(path) == f"{path}: no [tool.deckmentor] table"


def test_flags_win_over_the_file_and_unset_flags_keep_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "deckmentor.toml", FULL)
    config = load_config(
        path,
        lang=None,
        select=None,
        ignore=frozenset(),
        rule_options={"CN101": {"count-sub-bullets": False}},
        severities={"too-many-bullets": Severity.ERROR},
        limits=Limits(max_file_bytes=MB),
    )
    assert (config.lang, config.select, config.ignore) == (
        Lang.FR,
        frozenset({"CN101", "CN104"}),
        frozenset({"CN101"}),
    )
    assert config.rule_options == {
        "CN101": {"max-bullets": 5, "count-sub-bullets": False},
        "CN104": {"ignore-phrases": ["afin de"]},
    }
    assert config.severities == {"CN104": Severity.WARNING, "CN101": Severity.ERROR}
    assert config.limits == Limits(max_file_bytes=MB)
    assert load_config(path, lang="auto", select=("CN104",)).lang is None
    assert load_config(path, select=("CN104",)).select == frozenset({"CN104"})


def test_model_directories_still_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_FR_MODEL, str(tmp_path / "fr"))
    config = load_config(_write(tmp_path, "deckmentor.toml", 'lang = "fr"\n'))
    assert config.model_dirs == {Lang.FR: tmp_path / "fr"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('lnag = "fr"', "unknown key 'lnag' (did you mean 'lang'?)"),
        (
            "colour = 1",
            "unknown key 'colour' (keys: lang, select, extend-select, ignore, english-tagger, "
            "rules, severity, limits)",
        ),
        ('lang = "de"', "unknown report language 'de': use auto, fr or en"),
        ("lang = 1", "lang: expected text, got 1"),
        ('select = "CN101"', "select: expected a list of rule codes or names, got 'CN101'"),
        ('ignore = ["CN1O1"]', "unknown rule 'CN1O1' (did you mean 'CN101'?)"),
        (
            "[rules.CN101]\nmax-bulets = 3",
            "CN101: unknown option 'max-bulets' (did you mean 'max-bullets'?)",
        ),
        ("[rules.CN101]\nmax-bullets = 'five'", "CN101.max-bullets: expected a number, got 'five'"),
        ("rules = 3", "[rules]: expected a table, got 3"),
        ("[rules]\nCN101 = 3", "[rules.CN101]: expected a table, got 3"),
        (
            "[severity]\nCN101 = 'fatal'",
            "[severity] CN101: expected info, warning, error, got 'fatal'",
        ),
        (
            "[limits]\nmax-file-mbb = 3",
            "unknown key 'max-file-mbb' in [limits] (did you mean 'max-file-mb'?)",
        ),
        ("[limits]\nmax-file-mb = 0", "[limits] max-file-mb: expected a number above 0, got 0"),
        ("[limits]\nmax-ratio = true", "[limits] max-ratio: expected a number above 0, got True"),
        ("[limits]\nmax-parts = 10.5", "[limits] max-parts: expected a whole number, got 10.5"),
        ("[limits]\nmax-part-mb = '1'", "[limits] max-part-mb: expected a number above 0, got '1'"),
    ],
    ids=lambda value: value if len(value) < 30 else value[:30],
)
def test_mistakes_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, "deckmentor.toml", text)
    assert _error(path) == f"{path}: {message}"


def test_mistakes_in_a_pyproject_name_its_table(tmp_path: Path) -> None:
    text = "[tool.deckmentor]\nlang = 'fr'\nlimit = 2\n\n[tool.deckmentor.limits]\nmax-ratio = 0\n"
    path = _write(tmp_path, "pyproject.toml", text)
    assert _error(path) == (
        f"{path}: unknown key 'limit' in [tool.deckmentor] (did you mean 'limits'?)"
    )
    path.write_text("[tool.deckmentor.limits]\nmax-ratio = 0\n", encoding="utf-8")
    assert _error(path) == (
        f"{path}: [tool.deckmentor.limits] max-ratio: expected a number above 0, got 0"
    )


def test_unreadable_files(tmp_path: Path) -> None:
    broken = _write(tmp_path, "deckmentor.toml", "lang = \n")
    assert _error(broken).startswith(f"{broken}: not valid TOML (Invalid value")
    missing = tmp_path / "nowhere.toml"
    assert _error(missing) == f"{missing}: cannot read it (No such file or directory)"


def test_find_config_walks_up_to_the_nearest_file(tmp_path: Path) -> None:
    deep = tmp_path / "team" / "decks" / "2025"
    deep.mkdir(parents=True)
    assert find_config(deep) is None
    top = _write(tmp_path, "deckmentor.toml", 'lang = "fr"\n')
    assert find_config(deep) == top
    _write(tmp_path / "team", "pyproject.toml", '[project]\nname = "x"\n')  # not about us
    assert find_config(deep) == top
    team = _write(tmp_path / "team", "pyproject.toml", "[tool.deckmentor]\nlang = 'en'\n")
    assert find_config(deep) == team
    deck = deep / "offre.pptx"
    deck.write_bytes(b"")
    assert find_config(deck) == team  # from a deck, its folder
    own = _write(tmp_path / "team", "deckmentor.toml", "")
    assert find_config(deep) == own  # deckmentor.toml first in a folder


def test_a_broken_pyproject_meant_for_us_is_found(tmp_path: Path) -> None:
    path = _write(tmp_path, "pyproject.toml", "[tool.deckmentor]\nlang = \n")
    assert find_config(tmp_path) == path
    assert _error(path).startswith(f"{path}: not valid TOML")


def test_limits_from_a_file_reach_the_analysis(tmp_path: Path) -> None:
    path = _write(tmp_path, "deckmentor.toml", "[limits]\nmax-file-mb = 0.001\n")
    with pytest.raises(DeckError) as caught:
        analyze(SAMPLE, load_config(path))
    size_mb = f"{SAMPLE.stat().st_size / MB:.2g}"
    assert (caught.value.problem, caught.value.values) == (
        Problem.TOO_LARGE,
        {"size_mb": size_mb, "limit_mb": "0.001"},
    )
    assert caught.value.describe(Lang.EN) == (
        f"file too large for analysis ({size_mb} MB, limit 0.001 MB): compress its pictures "
        "(File > Compress Pictures), or raise max-file-mb in deckmentor.toml"
    )


def test_a_file_over_the_cap_is_refused_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.pptx"
    big.write_bytes(bytes(4096))

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(DeckError) as caught:
        analyze(big, Config(limits=Limits(max_file_bytes=1000)))
    assert caught.value.problem is Problem.TOO_LARGE


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_an_endless_file_is_read_no_further_than_the_cap() -> None:
    with pytest.raises(DeckError) as caught:
        analyze(Path("/dev/zero"), Config(limits=Limits(max_file_bytes=MB)))
    assert (caught.value.problem, caught.value.values) == (
        Problem.TOO_LARGE,
        {"size_mb": "1", "limit_mb": "1"},
    )
