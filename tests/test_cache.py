"""The per-user disk cache: private, keyed by versions, and never a reason to fail."""

from __future__ import annotations

import marshal
import os
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from analyzer import cache


@pytest.fixture
def where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "deckmentor"
    monkeypatch.setenv("DECKMENTOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("DECKMENTOR_NO_CACHE", raising=False)
    return folder


def build_counter() -> tuple[list[int], Callable[[], dict[str, object]]]:
    calls: list[int] = []

    def build() -> dict[str, object]:
        calls.append(1)
        return {"forme": "lemme", "ensemble": frozenset({"a", "b"}), "suite": (1, 2)}

    return calls, build


def test_an_entry_is_built_once_then_read(where: Path) -> None:
    calls, build = build_counter()
    key = cache.version_key("data 1.0")
    first = cache.cached("table", key, build)
    second = cache.cached("table", key, build)
    assert first == second == {"forme": "lemme", "ensemble": frozenset({"a", "b"}), "suite": (1, 2)}
    assert calls == [1]
    assert [p.name.startswith("table-") for p in where.iterdir()] == [True]


def test_another_version_is_another_entry(where: Path) -> None:
    calls, build = build_counter()
    cache.cached("table", cache.version_key("data 1.0"), build)
    cache.cached("table", cache.version_key("data 1.1"), build)
    assert calls == [1, 1]
    assert len(list(where.iterdir())) == 2


def test_the_key_names_the_python_version() -> None:
    import sys

    assert cache.version_key("x")[:1] == (sys.version,)


def test_the_directory_is_created_private(where: Path) -> None:
    assert cache.cache_dir() == where
    assert stat.S_IMODE(where.stat().st_mode) == 0o700


def test_the_standard_directory_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DECKMENTOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "deckmentor").mkdir(mode=0o777)
    os.chmod(tmp_path / "deckmentor", 0o777)
    assert cache.cache_dir() == tmp_path / "deckmentor"
    assert stat.S_IMODE((tmp_path / "deckmentor").stat().st_mode) == 0o700


def test_a_configured_directory_others_can_write_to_is_not_used(where: Path) -> None:
    where.mkdir(mode=0o777)
    os.chmod(where, 0o777)
    assert cache.cache_dir() is None
    assert stat.S_IMODE(where.stat().st_mode) == 0o777  # the user's directory is left alone
    os.chmod(where, 0o755)
    assert cache.cache_dir() == where  # readable by others is fine: it holds no deck content


def test_a_directory_of_another_user_is_not_used(
    where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: where.stat().st_uid + 1)
    calls, build = build_counter()
    assert cache.cache_dir() is None
    cache.cached("table", cache.version_key(), build)
    assert (calls, list(where.iterdir())) == ([1], [])


def test_a_symbolic_link_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(target)
    monkeypatch.setenv("DECKMENTOR_CACHE_DIR", str(link))
    assert cache.cache_dir() is None


def test_the_cache_can_be_turned_off(where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECKMENTOR_NO_CACHE", "1")
    calls, build = build_counter()
    cache.cached("table", cache.version_key(), build)
    cache.cached("table", cache.version_key(), build)
    assert calls == [1, 1]
    assert not where.exists()


def test_xdg_cache_home_is_used_when_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DECKMENTOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "deckmentor"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "deckmentor"


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps((1, ("other",), 2))])
def test_a_corrupt_or_foreign_file_is_built_again_and_replaced(where: Path, content: bytes) -> None:
    calls, build = build_counter()
    key = cache.version_key("data 1.0")
    cache.cached("table", key, build)
    (entry,) = where.iterdir()
    entry.write_bytes(content)
    assert cache.cached("table", key, build)["forme"] == "lemme"
    assert calls == [1, 1]
    assert cache.cached("table", key, build)["forme"] == "lemme"
    assert calls == [1, 1]  # the replaced file is read again


def test_an_unwritable_cache_still_gives_the_value(
    where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    _, build = build_counter()
    assert cache.cached("table", cache.version_key(), build)["forme"] == "lemme"
    assert list(where.iterdir()) == []


def test_values_that_are_not_plain_data_are_not_written(where: Path) -> None:
    value = cache.cached("table", cache.version_key(), lambda: [object()])
    assert len(value) == 1
    assert list(where.iterdir()) == []


def test_concurrent_writers_leave_one_whole_file(where: Path) -> None:
    key = cache.version_key("data 1.0")
    big = {f"forme{i}": f"lemme{i}" for i in range(50_000)}

    def write() -> None:
        cache.cached("table", key, lambda: big)

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(list(where.iterdir())) == 1  # no temporary file left behind
    assert cache.cached("table", key, lambda: {}) == big


def test_entries_unused_for_a_month_are_removed(where: Path) -> None:
    _, build = build_counter()
    cache.cached("table", cache.version_key("data 1"), build)
    cache.cached("table", cache.version_key("data 2"), build)
    cache.cached("other", cache.version_key(), build)
    old, recent = sorted(where.glob("table-*"), key=lambda p: p.stat().st_mtime_ns)
    other = next(where.glob("other-*"))
    for path in (old, other):
        os.utime(path, (0, 0))  # written in 1970
    cache.cached("table", cache.version_key("data 3"), build)
    assert not old.exists()
    assert recent.exists()
    assert other.exists()  # another name: pruned when an entry of its name is written


def test_a_read_entry_is_marked_used(where: Path) -> None:
    _, build = build_counter()
    key = cache.version_key("data 1")
    cache.cached("table", key, build)
    (entry,) = where.iterdir()
    os.utime(entry, (0, 0))
    cache.cached("table", key, build)
    assert entry.stat().st_mtime > 1_000_000_000


def test_an_entry_others_may_write_is_never_read(where: Path) -> None:
    """marshal trusts its input: a file planted or left group-writable is built again."""
    calls, build = build_counter()
    key = cache.version_key("data 1.0")
    cache.cached("table", key, build)
    (entry,) = where.iterdir()
    entry.chmod(0o666)
    cache.cached("table", key, build)
    assert calls == [1, 1]


# Stored tables (SQLite) ---------------------------------------------------------------------

WORDS = {
    "lookup": {"offres": "offre", "été": "être", "": "vide"},
    "exceptions-verb": {"ont": "avoir"},
}


def words_counter() -> tuple[list[int], Callable[[], dict[str, dict[str, str]]]]:
    calls: list[int] = []

    def build() -> dict[str, dict[str, str]]:
        calls.append(1)
        return {name: dict(table) for name, table in WORDS.items()}

    return calls, build


def _as_dicts(tables: object) -> dict[str, dict[str, str]]:
    assert isinstance(tables, dict)
    return {name: {k: table[k] for k in table} for name, table in tables.items()}


def test_stored_tables_are_built_once_then_looked_up_key_by_key(where: Path) -> None:
    calls, build = words_counter()
    key = cache.version_key("data 1.0")
    built = cache.stored("words", key, build)
    read = cache.stored("words", key, build)
    assert calls == [1]
    assert _as_dicts(built) == _as_dicts(read) == WORDS
    lookup = read["lookup"]
    assert isinstance(lookup, cache.StoredTable)
    assert (lookup.get("été"), lookup.get("absent"), lookup.get("absent", "-")) == (
        "être",
        None,
        "-",
    )
    number: object = 3
    assert ("offres" in lookup, "absent" in lookup, number in lookup) == (True, False, False)
    assert (len(lookup), list(lookup)) == (3, ["", "offres", "été"])
    with pytest.raises(KeyError):
        lookup["absent"]
    assert [p.suffix for p in where.iterdir()] == [".sqlite"]


def test_stored_tables_are_read_in_a_forked_process(where: Path) -> None:
    key = cache.version_key("data 1.0")
    cache.stored("words", key, words_counter()[1])
    lookup = cache.stored("words", key, words_counter()[1])["lookup"]
    assert lookup.get("offres") == "offre"  # a connection opened before the fork
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child must not use the parent's connection (SQLite forbids it)
        os.close(read)
        os.write(write, str(lookup.get("été")).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 100) == "être".encode()


@pytest.mark.parametrize("damage", ["garbage", "other-key", "writable-by-others"])
def test_a_damaged_or_foreign_store_is_built_again(where: Path, damage: str) -> None:
    calls, build = words_counter()
    key = cache.version_key("data 1.0")
    cache.stored("words", key, build)
    (path,) = where.iterdir()
    if damage == "garbage":
        path.write_bytes(b"not a database" * 100)
    elif damage == "other-key":
        stored_elsewhere = cache.version_key("data 0.9")
        cache.stored("other", stored_elsewhere, build)
        (other,) = (p for p in where.iterdir() if p.name.startswith("other-"))
        os.replace(other, path)
    else:
        path.chmod(0o666)
    assert _as_dicts(cache.stored("words", key, build)) == WORDS
    assert len(calls) == (3 if damage == "other-key" else 2)


def test_stored_tables_without_a_cache_stay_in_memory(
    where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DECKMENTOR_NO_CACHE", "1")
    calls, build = words_counter()
    key = cache.version_key("data 1.0")
    assert cache.stored("words", key, build) == WORDS
    assert cache.stored("words", key, build) == WORDS
    assert calls == [1, 1]
