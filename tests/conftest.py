"""What many test modules share: markers that skip, with their reason, what this machine
cannot run."""

from __future__ import annotations

import pytest

from analyzer.annotation import Lang
from analyzer.spelling import missing

_MISSING = "; ".join(f"{lang.value}: install {m}" for lang in Lang if (m := missing(lang)))

#: Tests that read Hunspell's French and English dictionaries through Enchant (the spelling
#: rule). CI installs them (`.ci/run`); elsewhere these tests skip and say what to install.
needs_dictionaries = pytest.mark.skipif(
    bool(_MISSING), reason=f"spelling dictionaries missing ({_MISSING})"
)
