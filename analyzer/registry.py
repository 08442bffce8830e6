"""The rules deckmentor knows: the built-in families, listed explicitly, imported on demand.

Everything that describes rules (the ``rules`` command, docs pages, SARIF metadata, the report's
"why?" texts) reads this registry, so each fact is written once, on the rule class.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from analyzer.config import Config, ConfigError, build_options

RuleClass = type[Any]

#: Built-in rule families, in report order.
BUILTIN_FAMILIES = ("rules.clarity", "rules.concision", "rules.impact", "rules.deck_input")


@functools.cache
def all_rules() -> tuple[RuleClass, ...]:
    """Every built-in rule class, in code order."""
    import importlib

    found: list[RuleClass] = []
    for module_name in BUILTIN_FAMILIES:
        module = importlib.import_module(module_name)
        found.extend(module.RULES)
    return tuple(sorted(found, key=lambda rule: rule.code))


def rule_by_key(key: str) -> RuleClass:
    """A rule by its code (``CN101``) or name (``too-many-bullets``), case-insensitive."""
    wanted = key.strip().lower()
    for rule in all_rules():
        if wanted in (rule.code.lower(), rule.name):
            return rule
    import difflib

    keys = [r.code for r in all_rules()] + [r.name for r in all_rules()]
    hint = difflib.get_close_matches(key, keys, n=1)
    raise ConfigError(f"unknown rule {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))


def rules_by_key(key: str) -> tuple[RuleClass, ...]:
    """The rules a selection key names: ``ALL``, a family (``concision``), a code prefix
    (``CN``, ``CN1``), a code (``CN101``) or a name (``too-many-bullets``), any case."""
    wanted = key.strip()
    lowered = wanted.lower()
    rules = all_rules()
    if lowered == "all":
        return rules
    by_family = tuple(r for r in rules if r.family.value == lowered)
    if by_family:
        return by_family
    if wanted.isalnum() and not wanted.isdigit() and 2 <= len(wanted) < 5:
        by_prefix = tuple(r for r in rules if r.code.startswith(wanted.upper()))
        if by_prefix:
            return by_prefix
    return (rule_by_key(key),)


def _codes(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(rule.code for key in keys for rule in rules_by_key(key))


def enabled_rules(config: Config) -> tuple[tuple[Any, Any], ...]:
    """The rules a config turns on, each instantiated with its severity and its options: those
    on by default, or the ``select``ed ones, plus the ``extend_select``ed ones, minus the
    ``ignore``d ones."""
    selected = _codes(config.select) if config.select is not None else None
    extended = _codes(config.extend_select)
    ignored = _codes(config.ignore)
    option_codes = {rule_by_key(k).code: v for k, v in config.rule_options.items()}
    severity_codes = {rule_by_key(k).code: v for k, v in config.severities.items()}
    chosen = []
    for rule_cls in all_rules():
        if not rule_cls.runs_on_decks:
            continue
        on = rule_cls.enabled_by_default if selected is None else rule_cls.code in selected
        if not (on or rule_cls.code in extended) or rule_cls.code in ignored:
            continue
        options = build_options(
            rule_cls.Options, option_codes.get(rule_cls.code, {}), rule_cls.code
        )
        chosen.append((rule_cls(severity_codes.get(rule_cls.code)), options))
    return tuple(chosen)
