"""A per-user disk cache for tables that take seconds to build and never change between runs.

What is cached is plain data (dicts, lists, tuples, sets, strings, numbers) written with
``marshal``, under a key naming every version the data derives from (Python, the libraries and
data packages read, the source of the code that builds it): a new version of any of them is a
new file. The cache lives in the user's own cache directory (``$XDG_CACHE_HOME/deckmentor``,
``~/Library/Caches/deckmentor``, ``%LOCALAPPDATA%\\deckmentor\\Cache``), created private (0700),
and is used only when that directory belongs to the user and nobody else may write to it.
``DECKMENTOR_CACHE_DIR`` puts it elsewhere; ``DECKMENTOR_NO_CACHE=1`` turns it off.

Tables too big to read whole at every start, of which a run looks up a few thousand keys, are
kept in a read-only SQLite file instead (``stored``), looked up one key at a time.

Nothing depends on the cache being there: a missing, unreadable, corrupt or foreign file is
rebuilt, a directory that cannot be written to is skipped, and files are written whole then
renamed, so that two processes building the same entry at once both leave a valid file.
Entries no run has used for a month are removed.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    import sqlite3  # imported when a stored entry is opened: a batch's parent never does

T = TypeVar("T")

#: Bumped when the file layout changes.
_LAYOUT = 1
_APP = "deckmentor"


def cache_dir() -> Path | None:
    """The private cache directory, created if needed; None when it cannot be used safely."""
    if os.environ.get("DECKMENTOR_NO_CACHE", "").strip() not in ("", "0"):
        return None
    configured = os.environ.get("DECKMENTOR_CACHE_DIR", "").strip()
    path = Path(configured).expanduser() if configured else _base_dir()
    if path is None:
        return None
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return path if _is_private(path, ours=not configured) else None


def _base_dir() -> Path | None:
    home = Path.home() if _has_home() else None
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / _APP / "Cache" if local else None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / _APP if home else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():  # the XDG spec ignores relative paths
        return Path(xdg) / _APP
    return home / ".cache" / _APP if home else None


def _has_home() -> bool:
    try:
        Path.home()
    except (KeyError, RuntimeError):  # no HOME and no passwd entry
        return False
    return True


def _is_private(path: Path, *, ours: bool) -> bool:
    """Whether ``path`` is a real directory of this user that nobody else can write to. The
    standard directory (``ours``) is made private if it is not; a configured one is left as it
    is, and not used if others may write to it."""
    if not hasattr(os, "getuid"):  # Windows: %LOCALAPPDATA% is per user
        return path.is_dir()
    try:
        info = path.lstat()
        if not os.path.isdir(path) or path.is_symlink() or info.st_uid != os.getuid():
            return False
        if ours and info.st_mode & 0o077:
            os.chmod(path, 0o700)  # an older directory made with the umask's permissions
            return True
        return not info.st_mode & 0o022
    except OSError:
        return False


def version_key(*parts: object) -> tuple[str, ...]:
    """A cache key: the parts given, plus the Python version (marshal's format, ``re`` and
    Unicode tables all depend on it)."""
    return (sys.version, sys.implementation.name, *map(str, parts))


def source_hash(module_file: str | None) -> str:
    """A digest of a module's source, so that changing the code that builds a table rebuilds
    it (a development checkout changes code without changing its version)."""
    if module_file is None:
        return "?"
    try:
        return hashlib.sha256(Path(module_file).read_bytes()).hexdigest()[:16]
    except OSError:
        return "?"


def cached(name: str, key: tuple[str, ...], build: Callable[[], T]) -> T:
    """The value ``build()`` returns, read from the cache when an entry for ``key`` is there,
    built and stored otherwise. ``build`` must return marshal-able plain data."""
    path = _entry_path(name, key, ".marshal")
    if path is None:
        with collector_paused():
            return build()
    with collector_paused():
        found = _read(path, key)
        if found is not None:
            _mark_used(path)
            return found[0]  # type: ignore[no-any-return]
        value = build()
    _write(path, key, value)
    _prune(path, name)
    return value


def _entry_path(name: str, key: tuple[str, ...], suffix: str) -> Path | None:
    """Where the entry for ``name`` and ``key`` lives; None when the cache is off."""
    directory = cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256(repr((_LAYOUT, name, key)).encode("utf-8")).hexdigest()[:32]
    return directory / f"{name}-{digest}{suffix}"


def stored(
    name: str, key: tuple[str, ...], build: Callable[[], Mapping[str, Mapping[str, str]]]
) -> Mapping[str, Mapping[str, str]]:
    """Tables of strings (name -> key -> value) that ``build()`` returns: read from an SQLite
    file of the cache one key at a time when an entry for ``key`` is there, else built, stored
    for the next run, and returned as built (in memory)."""
    path = _entry_path(name, key, ".sqlite")
    if path is None:
        with collector_paused():
            return build()
    found = _open_store(path, key)
    if found is not None:
        _mark_used(path)
        return found
    with collector_paused():
        tables = build()
    _write_store(path, key, tables)
    _prune(path, name)
    return tables


class StoredTable(Mapping[str, str]):
    """One table of a stored entry, as a read-only mapping. Each key is looked up once per
    process (``get``); iterating reads the whole table, in key order."""

    def __init__(self, database: _Database, table: str) -> None:
        self._database = database
        self._table = table
        self._query = f'SELECT v FROM "{table}" WHERE k = ?'
        self._seen: dict[str, str | None] = {}

    def get(self, key: str, default: Any = None) -> Any:
        found = self._seen.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self._seen[key] = self._database.value(self._query, key)
        return default if found is None else found

    def __getitem__(self, key: str) -> str:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return str(found)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._database.column(f'SELECT k FROM "{self._table}" ORDER BY k'))

    def __len__(self) -> int:
        return int(self._database.column(f'SELECT count(*) FROM "{self._table}"')[0])


_UNSEEN = object()


class _Database:
    """A read-only SQLite file, with one connection per process: SQLite forbids using a
    connection opened before ``fork`` in the child, and a batch's workers are forked. The
    lock lets threads share it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def value(self, query: str, key: str) -> str | None:
        with self._lock:
            row = self._connect().execute(query, (key,)).fetchone()
        return None if row is None else str(row[0])

    def column(self, query: str) -> list[Any]:
        with self._lock:
            return [row[0] for row in self._connect().execute(query)]

    def _connect(self) -> sqlite3.Connection:
        import sqlite3

        if self._connection is None or self._pid != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection


def _open_store(path: Path, key: tuple[str, ...]) -> Mapping[str, Mapping[str, str]] | None:
    """The stored entry's tables, when the file is there, ours, and holds ``key``'s tables;
    None otherwise (it is then built again and replaced)."""
    import sqlite3

    try:
        if not _private(path.stat()):
            return None
        database = _Database(path)
        stored_key, names = database.column("SELECT v FROM meta ORDER BY k")
    except (OSError, sqlite3.Error, ValueError):
        return None
    if stored_key != repr((_LAYOUT, key)):
        return None
    return {name: StoredTable(database, f"t_{name}") for name in names.split("\t")}


def _write_store(path: Path, key: tuple[str, ...], tables: Mapping[str, Mapping[str, str]]) -> None:
    import sqlite3
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".sqlite")
        os.close(handle)
        with contextlib.closing(sqlite3.connect(temporary)) as database:
            # A temporary file, renamed once whole: no journal, no waiting for the disk.
            database.execute("PRAGMA journal_mode = OFF")
            database.execute("PRAGMA synchronous = OFF")
            database.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
            # Sorted by key (a: the layout and key; b: the table names), read in that order.
            database.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("a", repr((_LAYOUT, key))), ("b", "\t".join(tables))],
            )
            for name, table in tables.items():
                database.execute(
                    f'CREATE TABLE "t_{name}" (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID'
                )
                rows = sorted(table.items())  # in key order, each row goes at the end of the tree
                database.executemany(f'INSERT INTO "t_{name}" VALUES (?, ?)', rows)
            database.commit()
        os.replace(temporary, path)  # atomic: readers see the old file or the whole new one
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Big tables are built of many small objects, none of them garbage: the cyclic garbage
    collector, which would walk them again and again while they grow (most of the time it
    takes to build them), waits until they are built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: Entries unused this long are removed (when another entry of the same name is written):
#: tables of an uninstalled version should not stay forever. A read entry is marked used once
#: a day.
_UNUSED_SECONDS = 30 * 24 * 3600
_MARK_USED_SECONDS = 24 * 3600


def _prune(keep: Path, name: str) -> None:
    """Remove the entries of ``name`` other than ``keep`` that no run has used for a month."""
    import time

    now = time.time()
    for other in keep.parent.glob(f"{name}-*{keep.suffix}"):
        with contextlib.suppress(OSError):
            if other != keep and now - other.stat().st_mtime > _UNUSED_SECONDS:
                other.unlink()


def _mark_used(path: Path) -> None:
    import time

    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > _MARK_USED_SECONDS:
            os.utime(path)


def _read(path: Path, key: tuple[str, ...]) -> tuple[Any] | None:
    try:
        with path.open("rb") as file:
            if not _private(os.fstat(file.fileno())):
                return None  # planted before the folder was made private: never unmarshalled
            data = file.read()
    except OSError:
        return None
    try:
        stored = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None  # a corrupt or truncated file: built again and replaced
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (_LAYOUT, key)):
        return None  # a digest collision or another layout: treated as absent
    return (stored[2],)


def _private(stat: os.stat_result) -> bool:
    """A file only this user wrote and may write: ``marshal`` trusts what it reads."""
    getuid = getattr(os, "getuid", None)  # not on Windows, where the folder's ACL protects it
    if getuid is None:
        return True
    return stat.st_uid == getuid() and not stat.st_mode & 0o022


def _write(path: Path, key: tuple[str, ...], value: object) -> None:
    try:
        data = marshal.dumps((_LAYOUT, key, cast(Any, value)))
    except ValueError:
        return  # not plain data: nothing to cache
    import tempfile  # only when writing: importing it costs a few milliseconds at start-up

    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)  # atomic: readers see the old file or the whole new one
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
