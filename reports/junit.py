"""A batch as JUnit XML, for CI test reports (GitLab merge requests, Jenkins, Azure Pipelines).

The mapping, chosen so that a CI page reads like the report:

- ``<testsuites>`` is the root (GitLab and Jenkins both want it), one ``<testsuite>`` per input,
  named by its path as given; its ``<properties>`` hold the deck's scores and languages.
- One ``<testcase>`` per rule that ran on the deck: ``classname`` is the rule's family,
  ``name`` is ``CODE name``, ``file`` the deck's path (GitLab links it).
- A rule with findings fails: one ``<failure>`` per test case (JUnit readers keep only one),
  whose ``message`` counts the findings and whose ``type`` is the worst severity; its text
  lists every finding with its slide, message, suggestion and evidence. Every severity counts:
  whether a finding should fail the job is the exit code's business (``--fail-on``), and a
  test report that hid info findings would disagree with every other format.
- A rule that did not run (a deck in a language it has no data for) is ``<skipped>`` with the
  reason; a finding whose code no rule ran (``DK900``, a rule that crashed) gets its own case.
- An input that could not be read is one test case, ``DK100 deck-not-read``, in ``<error>``
  (the test could not run), with the one line that says why and ``type`` = the problem slug.

Words around the findings ("Slide 3", "Suggestion") are in the language of the deck's report,
so that each finding reads in one language.

No timestamps, host names or durations: the same batch gives the same bytes. Characters XML
1.0 cannot carry (control characters from a damaged deck) are dropped before writing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from analyzer.annotation import Lang
from analyzer.findings import SCORED_FAMILIES, Finding
from analyzer.report import Analyzed, Outcome, Report, Unread
from reports.texts import texts_for

SUITES_NAME = "deckmentor"

# XML 1.0 allows tab, line feed, carriage return and everything from U+0020 but the surrogates
# and U+FFFE/U+FFFF; PowerPoint's in-paragraph line break (vertical tab) becomes a line feed.
_NOT_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_junit(outcomes: Sequence[Outcome], lang: Lang) -> str:
    """The batch as a JUnit XML document (UTF-8 text with its declaration, final newline).

    Every word here sits next to one deck's findings and is in that deck's report language,
    so ``lang`` (the batch's language) has nothing to name; it is taken for a common signature.
    """
    del lang
    root = ET.Element("testsuites", {"name": SUITES_NAME})
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for outcome in sorted(outcomes, key=lambda o: o.path):
        suite = _suite(outcome)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry; ElementTree escapes the markup characters itself."""
    return _NOT_XML.sub("", text.replace("\x0b", "\n"))


def _suite(outcome: Outcome) -> ET.Element:
    suite = ET.Element("testsuite", {"name": xml_text(outcome.path)})
    if isinstance(outcome, Unread):
        cases = [_unread_case(outcome)]
    else:
        _properties(suite, outcome.report)
        cases = _cases(outcome)
    counts = {
        "tests": len(cases),
        "failures": sum(case.find("failure") is not None for case in cases),
        "errors": sum(case.find("error") is not None for case in cases),
        "skipped": sum(case.find("skipped") is not None for case in cases),
    }
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.extend(cases)
    return suite


def _properties(suite: ET.Element, report: Report) -> None:
    deck = report.scores.deck
    values = [
        ("deck.language", report.lang.value),
        ("report.language", report.report_lang.value),
        ("slides", str(len(report.deck.slides))),
        ("score.overall", _score(deck.overall)),
        *((f"score.{f.value}", _score(deck.families.get(f, 0.0))) for f in SCORED_FAMILIES),
    ]
    properties = ET.SubElement(suite, "properties")
    for name, value in values:
        ET.SubElement(properties, "property", {"name": name, "value": value})


def _cases(outcome: Analyzed) -> list[ET.Element]:
    report = outcome.report
    rules = _rule_table()
    skipped = {s.code: s.reason for s in report.skipped_rules}
    by_code: dict[str, list[Finding]] = {}
    for finding in (place for f in report.findings for place in f.places):
        by_code.setdefault(finding.code, []).append(finding)
    codes = sorted(set(report.rule_codes) | set(by_code))
    cases = []
    for code in codes:
        findings = by_code.get(code, [])
        family, name = rules.get(code, ("", ""))
        if findings:  # a code the registry lacks still has its family and name on the finding
            family, name = findings[0].family.value, findings[0].name
        case = _case(family, f"{code} {name}".strip(), outcome.path)
        if findings:
            _failure(case, findings, report.report_lang)
        elif code in skipped:
            ET.SubElement(case, "skipped", {"message": xml_text(skipped[code])})
        cases.append(case)
    return cases


def _case(classname: str, name: str, path: str) -> ET.Element:
    return ET.Element(
        "testcase", {"classname": classname, "name": xml_text(name), "file": xml_text(path)}
    )


def _failure(case: ET.Element, findings: Sequence[Finding], lang: Lang) -> None:
    texts = texts_for(lang)
    count = (
        texts["finding_count_one"]
        if len(findings) == 1
        else texts["finding_count"].format(n=len(findings))
    )
    worst = max((f.severity for f in findings), key=lambda s: s.rank)
    failure = ET.SubElement(case, "failure", {"message": count, "type": worst.value})
    failure.text = xml_text("\n\n".join(_finding_text(f, lang) for f in findings))


def _finding_text(finding: Finding, lang: Lang) -> str:
    """One finding as plain text, its labels in ``lang`` (the language of its message)."""
    texts = texts_for(lang)
    number = finding.loc.slide_number
    if number is not None:
        where = texts["slide_n"].format(n=number)
    else:
        where = texts["scope_deck"][:1].upper() + texts["scope_deck"][1:]
    severity = texts[f"severity_{finding.severity.value}"]
    lines = [f"{where} [{severity}]{texts['colon']} {finding.message}"]
    if finding.suggestion:
        lines.append(f"{texts['suggestion']}{texts['colon']} {finding.suggestion}")
    if finding.evidence:
        quoted = texts["quote"].format(text=finding.evidence)
        lines.append(f"{texts['evidence']}{texts['colon']} {quoted}")
    return "\n".join(lines)


def _unread_case(outcome: Unread) -> ET.Element:
    finding = outcome.finding
    case = _case(finding.family.value, f"{finding.code} {finding.name}", outcome.path)
    error = ET.SubElement(
        case,
        "error",
        {"message": xml_text(finding.message), "type": outcome.problem.value},
    )
    error.text = xml_text(_finding_text(finding, outcome.report_lang))
    return case


def _rule_table() -> dict[str, tuple[str, str]]:
    """Each registered rule's family and name, by code."""
    from analyzer.registry import all_rules

    return {rule.code: (rule.family.value, rule.name) for rule in all_rules()}


def _score(value: float) -> str:
    return f"{round(value, 2):g}"
