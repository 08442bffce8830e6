"""A batch as GitHub Actions workflow commands: one annotation per finding.

Printed on a job's standard output, each line ``::warning file=deck.pptx,title=...::message``
becomes an annotation on the run's summary page and, for a deck changed in a pull request, on
that file in the diff. A .pptx has no lines to point at, so annotations name the file and put
the slide in the title: ``CN101 too-many-bullets (slide 4)``. Severities map to the three
commands: error, warning, and ``notice`` for info. An input that could not be read is one
``error`` annotation, ``DK100 deck-not-read``, with its one line.

Escaping follows the Actions toolkit (``@actions/core``, ``command.ts``): in the message,
``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; in a property (file, title), ``:`` and ``,``
also become ``%3A`` and ``%2C``. So no deck text can end the command early or start another one
on a new line (``::stop-commands::``, ``::add-mask::``...). GitHub shows at most 10 annotations
of each level per step: the full list is in the other formats.

Words around the findings ("slide 4", "Suggestion") are in each deck's report language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from analyzer.annotation import Lang
from analyzer.findings import Finding, Severity
from analyzer.report import Outcome
from reports.texts import texts_for

COMMANDS: Mapping[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


# PowerPoint's in-paragraph break (vertical tab) and Unicode line separators are line breaks
# to a reader; other C0 controls mean nothing in an annotation.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def render_github(outcomes: Sequence[Outcome], lang: Lang) -> str:
    """One workflow command per finding, inputs sorted by path, findings in report order; a
    remark said once for several slides gets one per slide, where each slide's annotation
    belongs.

    Every word here belongs to one deck's annotation and is in that deck's report language,
    so ``lang`` (the batch's language) has nothing to name; it is taken for a common signature.
    """
    del lang
    lines = [
        annotation(finding, outcome.path, outcome.report_lang)
        for outcome in sorted(outcomes, key=lambda o: o.path)
        for grouped in outcome.findings
        for finding in grouped.places
    ]
    return "".join(line + "\n" for line in lines)


def annotation(finding: Finding, path: str, lang: Lang) -> str:
    """The workflow command for one finding of the deck at ``path``."""
    title = f"{finding.code} {finding.name}"
    if finding.loc.slide_number is not None:
        slide = texts_for(lang)["slide_n_inline"].format(n=finding.loc.slide_number)
        title += f" ({slide})"
    message = finding.message
    if finding.suggestion:
        label = texts_for(lang)["suggestion"] + texts_for(lang)["colon"]
        message += f"\n{label} {finding.suggestion}"
    properties = f"file={escape_property(path)},title={escape_property(title)}"
    return f"::{COMMANDS[finding.severity]} {properties}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF percent-encoded, as the Actions toolkit does."""
    clean = _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))
    return clean.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
