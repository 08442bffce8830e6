"""A per-user disk cache for tables that take seconds to build and never change between runs.

What is cached is plain data (dicts, lists, tuples, sets, strings, numbers) written with
``marshal``, under a key naming every version the data derives from (Python, the libraries and
data packages read, the source of the code that builds it): a new version of any of them is a
new file. The cache lives in the user's own cache directory (``$XDG_CACHE_HOME/deckmentor``,
``~/Library/Caches/deckmentor``, ``%LOCALAPPDATA%\\deckmentor\\Cache``), created private (0700),
and is used only when that directory belongs to the user and nobody else may write to it.
``DECKMENTOR_CACHE_DIR`` puts it elsewhere; ``DECKMENTOR_NO_CACHE=1`` turns it off.

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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

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
    directory = cache_dir()
    if directory is None:
        with collector_paused():
            return build()
    digest = hashlib.sha256(repr((_LAYOUT, name, key)).encode("utf-8")).hexdigest()[:32]
    path = directory / f"{name}-{digest}.marshal"
    with collector_paused():
        found = _read(path, key)
        if found is not None:
            _mark_used(path)
            return found[0]  # type: ignore[no-any-return]
        value = build()
    _write(path, key, value)
    _prune(directory, name, keep=path)
    return value


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


def _prune(directory: Path, name: str, *, keep: Path) -> None:
    import time

    now = time.time()
    for other in directory.glob(f"{name}-*.marshal"):
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
