"""Settings for one analysis, as a frozen value built from plain dicts (CLI flags, a TOML file).

Rule options are written in kebab-case under the rule's code or name; unknown rules and unknown
keys are refused with a did-you-mean, so a typo never silently keeps a default.

A settings file is TOML: a ``deckmentor.toml``, or the ``[tool.deckmentor]`` table of a
``pyproject.toml``::

    lang = "fr"                      # auto, fr or en: the report's language
    select = ["concision"]           # run only these rules (codes, names, prefixes, families)
    extend-select = ["CL103"]        # run these too, beside the rules on by default
    ignore = ["CN104"]               # skip these rules
    english-tagger = "model"         # model (the trained pipeline, when installed) or lexicons

    [rules.too-many-bullets]         # a rule's options, under its code or its name
    max-bullets = 5

    [severity]                       # a rule's severity: info, warning or error
    CN104 = "warning"

    [limits]                         # caps against hostile files (the defaults shown)
    max-file-mb = 200                # size of the .pptx file
    max-parts = 10000                # members of its zip archive
    max-part-mb = 256                # unpacked size of one member
    max-total-mb = 1024              # unpacked size of all members
    max-ratio = 200                  # unpacked / packed size of a member over 1 MB
    max-paragraph-chars = 50000      # characters in one paragraph (a title, a bullet, a note)
    max-text-chars = 2000000         # characters of text in the whole deck
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from collections.abc import Iterable, Mapping
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
#: Environment variable choosing how English is tagged: ``model`` or ``lexicons``.
ENV_ENGLISH_TAGGER = "DECKMENTOR_ENGLISH_TAGGER"
_ENGLISH_TAGGERS = {"model": True, "lexicons": False}


class ConfigError(ValueError):
    """A setting is wrong; the message says which and what would be right."""


_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps on an input file, checked before anything in it is unpacked (``analyzer.gate``),
    and on its text, checked before any of it is analyzed."""

    max_file_bytes: int = 200 * _MB
    max_members: int = 10_000
    max_member_bytes: int = 256 * _MB
    max_total_bytes: int = 1024 * _MB
    max_ratio: float = 200.0
    #: Parts smaller than this are not judged by their ratio: tiny XML compresses well.
    ratio_floor_bytes: int = _MB
    #: Text caps, checked once the deck is parsed: language analysis costs time and memory in
    #: proportion to the text, and no slide or note a person wrote comes near them.
    max_paragraph_chars: int = 50_000
    max_text_chars: int = 2_000_000


@dataclass(frozen=True)
class Config:
    """What to check and how.

    - ``lang``: the report's language; None follows the deck (English for other languages).
    - ``select`` / ``extend_select`` / ``ignore``: rules to run instead of those on by
      default / to run as well / to skip: codes, names, code prefixes (``CN``) or families.
    - ``rule_options``: per rule code, its options as kebab-case keys.
    - ``severities``: per rule code, a severity that replaces the default.
    - ``model_dirs``: per language, a directory holding a spaCy pipeline to use.
    - ``limits``: caps on an input file's size and on what its zip archive may unpack to.
    - ``english_model``: tag English with the trained pipeline where one is installed (False:
      with the word-class lexicons, as where none is).
    """

    lang: Lang | None = None
    select: frozenset[str] | None = None
    extend_select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    severities: Mapping[str, Severity] = field(default_factory=dict)
    model_dirs: Mapping[Lang, Path] = field(default_factory=dict)
    limits: Limits = Limits()
    english_model: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Config:
        """A Config whose model directories also come from the environment (flags win)."""
        env = os.environ if environ is None else environ
        dirs: dict[Lang, Path] = {}
        for lang, var in ((Lang.EN, ENV_EN_MODEL), (Lang.FR, ENV_FR_MODEL)):
            if env.get(var):
                dirs[lang] = Path(env[var])
        dirs.update(kwargs.pop("model_dirs", {}) or {})
        if env.get(ENV_ENGLISH_TAGGER) and "english_model" not in kwargs:
            kwargs["english_model"] = _english_model(env[ENV_ENGLISH_TAGGER], ENV_ENGLISH_TAGGER)
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


# --- settings files --------------------------------------------------------------------------

#: The settings file of a folder; a ``pyproject.toml`` with a ``[tool.deckmentor]`` table also
#: counts, after it.
CONFIG_FILE = "deckmentor.toml"
PYPROJECT = "pyproject.toml"

_KEYS = (
    "lang",
    "select",
    "extend-select",
    "ignore",
    "english-tagger",
    "rules",
    "severity",
    "limits",
)

#: ``[limits]`` keys: the Limits field each sets and the factor from the value to that field.
_LIMIT_KEYS: dict[str, tuple[str, int]] = {
    "max-file-mb": ("max_file_bytes", _MB),
    "max-parts": ("max_members", 1),
    "max-part-mb": ("max_member_bytes", _MB),
    "max-total-mb": ("max_total_bytes", _MB),
    "max-ratio": ("max_ratio", 1),
    "max-paragraph-chars": ("max_paragraph_chars", 1),
    "max-text-chars": ("max_text_chars", 1),
}


def find_config(start: Path) -> Path | None:
    """The settings file nearest to ``start`` (a file or a folder), walking up to the root: in
    each folder a ``deckmentor.toml``, else a ``pyproject.toml`` with a ``[tool.deckmentor]``
    table."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        own = directory / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _configures_deckmentor(pyproject):
            return pyproject
    return None


def _configures_deckmentor(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        # A broken file that means to configure deckmentor is still found, so that loading it
        # says what is wrong instead of silently running with the defaults.
        return "[tool.deckmentor" in text
    return isinstance(tool, dict) and "deckmentor" in tool


def load_config(path: Path | None, **overrides: Any) -> Config:
    """The Config a settings file describes (None: no file), with ``overrides`` on top.

    ``overrides`` are Config fields, as command-line flags give them; one that is None or an
    empty collection is not given, so the file's value stays. Rule options and severities are
    merged rule by rule; ``lang`` may also be given as text (auto, fr, en). Model directories
    also come from the environment (``Config.from_env``). Every mistake in the file is a
    ConfigError naming the file and the key, with a did-you-mean for a misspelt key.
    """
    values: dict[str, Any] = {}
    if path is not None:
        table, prefix = _read_table(path)
        try:
            values = _values(table, prefix)
        except ConfigError as error:
            raise ConfigError(f"{path}: {error}") from None
    for key, value in overrides.items():
        if value is None or _is_empty_collection(value):
            continue
        if key == "lang" and isinstance(value, str):
            values["lang"] = parse_lang(value)
        elif key in ("select", "extend_select", "ignore"):
            values[key] = frozenset(value)
        elif key == "rule_options":
            values[key] = _merged_options(values.get(key, {}), value)
        elif key == "severities":
            values[key] = {**values.get(key, {}), **{_code(k): v for k, v in value.items()}}
        else:
            values[key] = value
    return Config.from_env(**values)


def _is_empty_collection(value: Any) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str) and not value


def _read_table(path: Path) -> tuple[Mapping[str, Any], str]:
    """The deckmentor table of a settings file, and the prefix that names its sections."""
    try:
        with path.open("rb") as file:
            document = tomllib.load(file)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    if path.name != PYPROJECT:
        return document, ""
    tool = document.get("tool")
    table = tool.get("deckmentor") if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: no [tool.deckmentor] table")
    return table, "tool.deckmentor."


def _values(table: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """Config fields from a settings table whose sections are named ``[<prefix><name>]``."""
    _refuse_unknown(table, _KEYS, f"in [{prefix.rstrip('.')}]" if prefix else "")
    values: dict[str, Any] = {}
    if "lang" in table:
        values["lang"] = parse_lang(_text(table["lang"], "lang"))
    for key in ("select", "extend-select", "ignore"):
        if key in table:
            values[key.replace("-", "_")] = frozenset(_selection(_rule_keys(table[key], key)))
    if "english-tagger" in table:
        tagger = _text(table["english-tagger"], "english-tagger")
        values["english_model"] = _english_model(tagger, "english-tagger")
    if "rules" in table:
        values["rule_options"] = _rule_options(_table(table["rules"], f"[{prefix}rules]"), prefix)
    if "severity" in table:
        severity = f"[{prefix}severity]"
        values["severities"] = _severities(_table(table["severity"], severity), severity)
    if "limits" in table:
        limits = f"[{prefix}limits]"
        values["limits"] = _limits(_table(table["limits"], limits), limits)
    return values


def _refuse_unknown(table: Mapping[str, Any], known: Iterable[str], where: str) -> None:
    names = list(known)
    for key in table:
        if key not in names:
            hint = difflib.get_close_matches(key, names, n=1)
            extra = f"did you mean {hint[0]!r}?" if hint else f"keys: {', '.join(names)}"
            raise ConfigError(" ".join(filter(None, (f"unknown key {key!r}", where, f"({extra})"))))


def _english_model(value: str, where: str) -> bool:
    if value not in _ENGLISH_TAGGERS:
        raise ConfigError(f"{where}: expected model or lexicons, got {value!r}")
    return _ENGLISH_TAGGERS[value]


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected text, got {value!r}")
    return value


def _rule_keys(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule codes or names, got {value!r}")
    return list(value)


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table, got {value!r}")
    return value


def _selection(keys: list[str]) -> list[str]:
    """Selection keys checked against the registry: a rule's code or name becomes its code; a
    family or a code prefix stays as given, so that it still selects the family's rules."""
    from analyzer.registry import rule_by_key, rules_by_key

    selected = []
    for key in keys:
        found = rules_by_key(key)
        one = len(found) == 1 and key.strip().lower() in (found[0].code.lower(), found[0].name)
        selected.append(rule_by_key(key).code if one else key)
    return selected


def _code(key: str) -> str:
    """A rule's code from its code or name (the registry knows which rules exist)."""
    from analyzer.registry import rule_by_key

    return str(rule_by_key(key).code)


def _rule_options(rules: Mapping[str, Any], prefix: str) -> dict[str, dict[str, Any]]:
    """``[rules.<code-or-name>]`` tables, checked against each rule's options now, so that a
    mistake is reported with the file's name rather than at the first deck."""
    from analyzer.registry import rule_by_key

    options: dict[str, dict[str, Any]] = {}
    for key, raw in rules.items():
        rule = rule_by_key(key)
        table = _table(raw, f"[{prefix}rules.{key}]")
        build_options(rule.Options, table, rule.code)
        options.setdefault(rule.code, {}).update(table)
    return options


def _merged_options(
    base: Mapping[str, Mapping[str, Any]], extra: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    merged = {code: dict(options) for code, options in base.items()}
    for key, options in extra.items():
        merged.setdefault(_code(key), {}).update(options)
    return merged


def _severities(table: Mapping[str, Any], where: str) -> dict[str, Severity]:
    allowed = ", ".join(s.value for s in Severity)
    severities: dict[str, Severity] = {}
    for key, value in table.items():
        try:
            severities[_code(key)] = Severity(value)
        except ValueError:
            raise ConfigError(f"{where} {key}: expected {allowed}, got {value!r}") from None
    return severities


def _limits(table: Mapping[str, Any], where: str) -> Limits:
    _refuse_unknown(table, _LIMIT_KEYS, f"in {where}")
    values: dict[str, Any] = {}
    for key, value in table.items():
        name, factor = _LIMIT_KEYS[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(f"{where} {key}: expected a number above 0, got {value!r}")
        if factor == 1 and name != "max_ratio" and not isinstance(value, int):
            raise ConfigError(f"{where} {key}: expected a whole number, got {value!r}")
        values[name] = float(value) if name == "max_ratio" else max(1, int(value * factor))
    return dataclasses.replace(Limits(), **values)
