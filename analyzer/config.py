"""Settings for one analysis, as a frozen value built from plain dicts (CLI flags, a TOML file).

Rule options are written in kebab-case under the rule's code or name; unknown rules and unknown
keys are refused with a did-you-mean, so a typo never silently keeps a default.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from analyzer.annotation import Lang
from analyzer.findings import Severity

#: Environment variable naming a directory that holds an installed spaCy pipeline for English.
ENV_EN_MODEL = "DECKMENTOR_EN_MODEL"
#: Environment variable naming a directory that holds an installed spaCy pipeline for French.
ENV_FR_MODEL = "DECKMENTOR_FR_MODEL"


class ConfigError(ValueError):
    """A setting is wrong; the message says which and what would be right."""


@dataclass(frozen=True)
class Config:
    """What to check and how.

    - ``lang``: the report's language; None follows the deck (English for other languages).
    - ``select`` / ``ignore``: rule codes or names to run only / to skip.
    - ``rule_options``: per rule code, its options as kebab-case keys.
    - ``severities``: per rule code, a severity that replaces the default.
    - ``model_dirs``: per language, a directory holding a spaCy pipeline to use.
    """

    lang: Lang | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    severities: Mapping[str, Severity] = field(default_factory=dict)
    model_dirs: Mapping[Lang, Path] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Config:
        """A Config whose model directories also come from the environment (flags win)."""
        env = os.environ if environ is None else environ
        dirs: dict[Lang, Path] = {}
        for lang, var in ((Lang.EN, ENV_EN_MODEL), (Lang.FR, ENV_FR_MODEL)):
            if env.get(var):
                dirs[lang] = Path(env[var])
        dirs.update(kwargs.pop("model_dirs", {}) or {})
        return cls(model_dirs=dirs, **kwargs)


def parse_lang(value: str | None) -> Lang | None:
    """``auto``/None -> follow the deck; ``fr``/``en`` -> that language."""
    if value is None or value == "auto":
        return None
    try:
        lang = Lang(value.lower())
    except ValueError:
        lang = Lang.OTHER
    if lang is Lang.OTHER:
        raise ConfigError(f"unknown report language {value!r}: use auto, fr or en")
    return lang


def build_options(options_cls: type[Any], raw: Mapping[str, Any], rule_code: str) -> Any:
    """An options dataclass from kebab-case keys; unknown keys get a did-you-mean."""
    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(options_cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in fields:
            hint = difflib.get_close_matches(key, list(fields), n=1)
            known = ", ".join(sorted(fields)) or "none"
            extra = f" (did you mean {hint[0]!r}?)" if hint else f" (options: {known})"
            raise ConfigError(f"{rule_code}: unknown option {key!r}{extra}")
        target = fields[key]
        default = getattr(options_cls(), target.name)
        values[target.name] = _coerce(value, default, f"{rule_code}.{key}")
    return options_cls(**values)


def _coerce(value: Any, default: Any, where: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if isinstance(default, int | float) and not isinstance(default, bool):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return type(default)(value)
    if isinstance(default, frozenset):
        if not isinstance(value, list | tuple | set | frozenset):
            raise ConfigError(f"{where}: expected a list, got {value!r}")
        sample = next(iter(default), None)
        if isinstance(sample, Enum):
            enum_type = type(sample)
            try:
                return frozenset(enum_type(v) for v in value)
            except ValueError:
                allowed = ", ".join(m.value for m in enum_type)
                raise ConfigError(f"{where}: values must be among {allowed}") from None
        return frozenset(str(v) for v in value)
    if isinstance(default, tuple):
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{where}: expected a list, got {value!r}")
        return tuple(str(v) for v in value)
    if isinstance(default, Mapping):
        if not isinstance(value, Mapping):
            raise ConfigError(f"{where}: expected a mapping, got {value!r}")
        return {str(k): "" if v is None else str(v) for k, v in value.items()}
    return value
