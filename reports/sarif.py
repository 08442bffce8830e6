"""A batch as one SARIF 2.1.0 log, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run of one tool over every input. What a deck is to SARIF, and why:

- **Artifact**: the deck, by its path as given (relative paths under the ``%SRCROOT%`` base, so
  a dashboard resolves them against the checkout; absolute paths as ``file:`` URIs). A .pptx is
  a binary file, so results carry no ``region``: the slide and the shape are logical locations.
- **Logical locations**: SARIF's listed kinds name code ("module", "function") or XML/JSON
  constructs ("element" with an XPath name); a slide and a shape are neither, and the spec
  (3.33.7) lets a tool use its own kind when none fits. So: ``slide`` (name ``slide 3``),
  ``shape`` (name = the shape's name in PowerPoint, qualified ``slide 3/Title 1``) and
  ``notes`` (``slide 3/notes``). Logical names are not translated: they identify, they are
  not read. Each is listed once per deck in ``run.logicalLocations`` (with the deck's artifact
  index in its properties), a shape pointing to its slide with ``parentIndex`` (3.33.8), and
  results refer to them by ``index``.
- **One result per place**: a remark said once for several slides in the report is a result on
  each of its slides here, with that slide's own message: a dashboard tracks each slide's
  alert on its own.
- **Fingerprints**: a hash of the rule code, the slide (its OOXML id, which survives
  reordering) and the evidence, plus the occurrence number of that hash in the deck; given both
  as deckmentor's own key and as GitHub's ``primaryLocationLineHash``, the only key GitHub
  reads and one it cannot compute for a binary file.
- **Messages**: ``text`` is the finding's message in its report's language; the suggestion is
  in ``markdown`` (with the message) and in ``properties``, since ``fixes`` must be byte
  replacements in the artifact, which a mentor's advice is not.
- **Rules**: every registered rule, described from its class (summary, "What it does", the whole
  doc page as ``help``), plus any code a result uses that the registry lacks (``DK900``, a rule
  that crashed). No ``helpUri``: SARIF wants an absolute URI and the project has published none;
  ``help`` carries the page itself. ``informationUri`` is the package's home page when its
  metadata declares one.
- **Unread inputs**: a ``DK100`` result at level error on that artifact, a tool-execution
  notification, and ``executionSuccessful`` false (the batch exits with 2 for them).

Nothing here reads the clock or the environment beyond the installed version, so the same batch
gives the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from analyzer.annotation import Lang
from analyzer.findings import SCORED_FAMILIES, Finding, Severity
from analyzer.model import Loc, Scope
from analyzer.report import Analyzed, Outcome, Unread
from reports._version import deckmentor_version
from reports.markdown import inline

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL_NAME = "deckmentor"
#: The base that relative deck paths are relative to: the directory deckmentor ran in.
SRCROOT = "%SRCROOT%"
#: deckmentor's own fingerprint key; bump the version when the hashed fields change.
FINGERPRINT_KEY = "deckmentorFinding/v1"
GITHUB_FINGERPRINT_KEY = "primaryLocationLineHash"

LEVELS: Mapping[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}

#: The languages SARIF's ``run.language`` may name; another deck language gets English words.
_RUN_LANGUAGES = {Lang.EN: "en", Lang.FR: "fr"}

_SUGGESTION = {Lang.EN: "Suggestion:", Lang.FR: "Suggestion\u00a0:"}

_SECTION = re.compile(r"^## (?P<title>.+)$", re.MULTILINE)
_SPACES = re.compile(r"\s+")


def render_sarif(outcomes: Sequence[Outcome], lang: Lang) -> str:
    """The batch as a SARIF log (UTF-8 text, two-space indent, final newline)."""
    return json.dumps(sarif_log(outcomes, lang), ensure_ascii=False, indent=2) + "\n"


def sarif_log(outcomes: Sequence[Outcome], lang: Lang) -> dict[str, Any]:
    """The SARIF log as plain JSON values. Inputs are sorted by path, so the log does not
    depend on the order in which a batch's workers finished."""
    ordered = sorted(outcomes, key=lambda o: o.path)
    rules = _rule_descriptors(f for o in ordered for f in o.findings)
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    places = _LogicalLocations()
    occurrences: dict[int, Counter[str]] = {}
    results = []
    notifications = []
    for outcome in ordered:
        if outcome.path not in artifact_index:
            artifact_index[outcome.path] = len(artifacts)
            artifacts.append(_artifact(outcome))
        index = artifact_index[outcome.path]
        location = artifact_location(outcome.path) | {"index": index}
        seen = occurrences.setdefault(index, Counter())
        written_in = outcome.report_lang
        for finding in (place for f in outcome.findings for place in f.places):
            logical = places.of(index, finding.loc)
            rule = rule_index[finding.code]
            results.append(_result(finding, location, rule, logical, seen, written_in))
        if isinstance(outcome, Unread):
            rule = rule_index[outcome.finding.code]
            notifications.append(_notification(outcome, location, rule))
    driver: dict[str, Any] = {
        "name": TOOL_NAME,
        "version": deckmentor_version(),
        "language": "en",  # the rule descriptions (docstrings) are written in English
    }
    home = home_page()
    if home:
        driver["informationUri"] = home
    driver["rules"] = rules
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [
            {
                "executionSuccessful": not notifications,
                **({"toolExecutionNotifications": notifications} if notifications else {}),
            }
        ],
        "language": _RUN_LANGUAGES.get(_messages_lang(ordered, lang), "en"),
        "artifacts": artifacts,
    }
    if places.entries:
        run["logicalLocations"] = places.entries
    run["results"] = results
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def artifact_location(path: str) -> dict[str, str]:
    """The deck's path as a SARIF ``artifactLocation``: relative paths as a percent-encoded URI
    reference under ``%SRCROOT%``, absolute ones as ``file:`` URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SRCROOT}


@functools.cache
def home_page() -> str | None:
    """The project's home page from the installed package's metadata, when it declares one."""
    try:
        meta = metadata.metadata(TOOL_NAME)
    except metadata.PackageNotFoundError:
        return None
    entries: list[str] = meta.get_all("Project-URL") or []
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source") and url.strip():
            return url.strip()
    home = meta["Home-page"].strip() if "Home-page" in meta else ""
    return home or None


def _messages_lang(outcomes: Sequence[Outcome], lang: Lang) -> Lang:
    """The language of the log's messages: the one every outcome was written in, else ``lang``
    (decks reported each in its own language share no single one)."""
    languages = {o.report_lang for o in outcomes}
    return languages.pop() if len(languages) == 1 else lang


# Rules --------------------------------------------------------------------------------------


def _rule_descriptors(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    from analyzer.registry import all_rules

    descriptors = {rule.code: _registered(rule) for rule in all_rules()}
    for finding in findings:
        if finding.code not in descriptors:
            descriptors[finding.code] = _unregistered(finding)
    return [descriptors[code] for code in sorted(descriptors)]


def _registered(rule: Any) -> dict[str, Any]:
    documentation: str = rule.documentation()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": _what_it_does(documentation) or rule.summary()},
        "help": {"text": documentation, "markdown": documentation},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"family": rule.family.value, "tags": [rule.family.value]},
    }


def _unregistered(finding: Finding) -> dict[str, Any]:
    """A code no registered rule owns (the pipeline's own, or a plugin since removed)."""
    description = finding.name.replace("-", " ")
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": description},
        "fullDescription": {"text": description},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"family": finding.family.value, "tags": [finding.family.value]},
    }


def _what_it_does(documentation: str) -> str:
    """The text of the doc page's "What it does" section, on one line."""
    sections = list(_SECTION.finditer(documentation))
    for number, match in enumerate(sections):
        if match.group("title").strip() == "What it does":
            end = sections[number + 1].start() if number + 1 < len(sections) else None
            body = documentation[match.end() : end].split("Use instead:")[0]
            return _SPACES.sub(" ", body).strip()
    return ""


# Results ------------------------------------------------------------------------------------


def _result(
    finding: Finding,
    location: Mapping[str, Any],
    rule_index: int,
    logical: Mapping[str, Any] | None,
    seen: Counter[str],
    lang: Lang,
) -> dict[str, Any]:
    sarif_location: dict[str, Any] = {"physicalLocation": {"artifactLocation": dict(location)}}
    if logical is not None:
        sarif_location["logicalLocations"] = [dict(logical)]
    digest = fingerprint(finding)
    seen[digest] += 1
    occurrence = seen[digest]
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": _message(finding, lang),
        "locations": [sarif_location],
        "partialFingerprints": {
            FINGERPRINT_KEY: f"{digest}:{occurrence}",
            GITHUB_FINGERPRINT_KEY: f"{digest[:16]}:{occurrence}",
        },
        "properties": _properties(finding),
    }


def fingerprint(finding: Finding) -> str:
    """What makes a finding the same one from run to run: its rule, its slide (the OOXML id,
    which survives reordering; the number when there is no id) and its evidence, with spacing
    and Unicode form normalised. Not the message: it changes with the report language."""
    loc = finding.loc
    slide = loc.slide_id if loc.slide_id is not None else loc.slide_number
    evidence = _SPACES.sub(" ", unicodedata.normalize("NFC", finding.evidence)).strip()
    key = "\x1f".join([finding.code, "" if slide is None else str(slide), evidence])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _message(finding: Finding, lang: Lang) -> dict[str, str]:
    """``lang`` is the finding's own language: the label must match the words it introduces."""
    markdown = inline(finding.message)
    if finding.suggestion:
        label = _SUGGESTION.get(lang, _SUGGESTION[Lang.EN])
        markdown += f"\n\n**{label}** {inline(finding.suggestion)}"
    return {"text": finding.message, "markdown": markdown}


def _properties(finding: Finding) -> dict[str, Any]:
    loc = finding.loc
    values: dict[str, Any] = {
        "family": finding.family.value,
        "scope": loc.scope.value,
        "slideNumber": loc.slide_number,
        "slideId": loc.slide_id,
        "shapeId": loc.shape_id,
        "shapeName": loc.shape_name,
        "evidence": finding.evidence or None,
        "suggestion": finding.suggestion or None,
    }
    return {key: value for key, value in values.items() if value is not None}


class _LogicalLocations:
    """``run.logicalLocations``: each deck's slides and shapes once, in order of first use."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self._index: dict[tuple[int, str], int] = {}

    def of(self, artifact: int, loc: Loc) -> dict[str, Any] | None:
        """The reference a result carries for ``loc`` in deck ``artifact`` (None: whole deck)."""
        if loc.slide_number is None:
            return None
        slide_name = f"slide {loc.slide_number}"
        slide = self._entry(artifact, slide_name, slide_name, "slide", None)
        if loc.shape_name:
            part, kind = loc.shape_name, "shape"
        elif loc.scope is Scope.NOTES:
            part, kind = "notes", "notes"
        else:
            return self._reference(slide)
        return self._reference(self._entry(artifact, part, f"{slide_name}/{part}", kind, slide))

    def _entry(
        self, artifact: int, name: str, qualified: str, kind: str, parent: int | None
    ) -> int:
        key = (artifact, qualified)
        if key not in self._index:
            entry: dict[str, Any] = {"name": name, "fullyQualifiedName": qualified, "kind": kind}
            if parent is not None:
                entry["parentIndex"] = parent
            # Two decks both have a "slide 3": the deck it belongs to tells them apart.
            entry["properties"] = {"artifactIndex": artifact}
            self._index[key] = len(self.entries)
            self.entries.append(entry)
        return self._index[key]

    def _reference(self, index: int) -> dict[str, Any]:
        entry = self.entries[index]
        return {
            "index": index,
            "name": entry["name"],
            "fullyQualifiedName": entry["fullyQualifiedName"],
            "kind": entry["kind"],
        }


# Artifacts and notifications ----------------------------------------------------------------


def _artifact(outcome: Outcome) -> dict[str, Any]:
    artifact: dict[str, Any] = {
        "location": artifact_location(outcome.path),
        "roles": ["analysisTarget"],
    }
    if isinstance(outcome, Analyzed):
        report = outcome.report
        deck = report.scores.deck
        artifact["properties"] = {
            "deckLanguage": report.lang.value,
            "reportLanguage": report.report_lang.value,
            "slides": len(report.deck.slides),
            "scores": {
                "overall": _round(deck.overall),
                **{f.value: _round(deck.families.get(f, 0.0)) for f in SCORED_FAMILIES},
            },
        }
    else:
        artifact["properties"] = {
            "problem": outcome.problem.value,
            "reportLanguage": outcome.report_lang.value,
        }
    return artifact


def _notification(outcome: Unread, location: Mapping[str, Any], rule_index: int) -> dict[str, Any]:
    """The input that the tool could not analyze, as SARIF says a tool failure (3.58): the rule
    it relates to is DK100, whose result carries the same line."""
    return {
        "level": "error",
        "message": {"text": outcome.finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": dict(location)}}],
        "associatedRule": {"id": outcome.finding.code, "index": rule_index},
        "properties": {"problem": outcome.problem.value},
    }


def _round(value: float) -> float:
    return round(value, 2)
