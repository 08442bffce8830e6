"""The CL108 leftover-template-text rule and its options."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar

from analyzer.annotation import Lang
from analyzer.findings import Family, Finding, Severity, Tier
from analyzer.model import VISIBLE_SCOPES, Loc, Slide
from analyzer.prose import looks_like_code
from rules._base import Msg, Rule, RuleContext
from rules._match import find_phrases
from rules.clarity._shared import WORD_LANGS

#: Marks an author leaves for later: "XXX", "TBD", « ??? » anywhere; "TODO" and "FIXME" as a
#: note ("TODO: add the figures", a line of its own), not as a word ("the TODO list app").
_MARKERS = re.compile(
    r"(?<![\w?])(?:X{3,}|TBD|\?{3,})(?![\w?])|(?<!\w)(?:TODO|FIXME)(?=\s*(?::|$))"
)
#: Words a fragment cannot end on: it was cut in the middle ("awards or", « chiffres de »).
_DANGLING = {
    "en": frozenset({"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"}),
    "fr": frozenset({"à", "au", "avec", "de", "des", "du", "en", "et", "la", "le", "les", "ou"}),
}
#: A stray fragment is a text box of this many words at most.
_FRAGMENT_WORDS = 3


@dataclass(frozen=True, kw_only=True)
class LeftoverTemplateTextOptions:
    extend_phrases: frozenset[str] = frozenset()
    ignore_phrases: frozenset[str] = frozenset()


class LeftoverTemplateText(Rule[LeftoverTemplateTextOptions]):
    """Template text or a note to self left on a slide.

    ## What it does
    Flags what a draft leaves behind and the audience should never see:
    - a template's prompt typed or pasted as text ("Click to add text", « Cliquez pour ajouter
      un titre », "Presentation title", "Lorem ipsum": the `template-prompts` word list);
    - a mark left for later: "XXX", "TODO", "TBD", "FIXME", "???";
    - a stray fragment: a text box of one to three words that ends on "and", "of", « de »,
      « et »... ("awards or"), a sentence cut in the middle;
    - a slide left blank: no text, picture, table or chart, only empty text placeholders.
    An empty placeholder on a slide that has other content is not reported: the show does not
    display it. Code shown on a slide, and the text beside it in the same shape (where "TODO"
    is a comment and "Lorem ipsum" the sample content of an HTML example), is not read.

    ## Why is this bad?
    Leftovers tell the audience the deck was not finished: they stop reading the slide and
    start reading the author. A mentor spots them first; they take a minute to fix.

    ## Example
    A bullet: "Market share: XXX %"; a text box "awards or" left at the bottom of the slide.

    Use instead:
    "Market share: 14 %", and the stray text box deleted.

    ## Options
    - `extend-phrases`: prompts of your own templates to flag too.
    - `ignore-phrases`: prompts of the list not to flag.

    ## Precision on real decks
    Judged on the 34 real decks of the development corpus (every remark read as a
    presentation mentor reads it, by a reader who had not seen the rule, and again by a
    second reader): no remark: the corpus decks left no prompt or
    "XXX" behind; its French and English cases are its measure so far.
    """

    code, name = "CL108", "leftover-template-text"
    family, severity = Family.CLARITY, Severity.WARNING
    tier = Tier.WORDING
    languages = WORD_LANGS
    Options = LeftoverTemplateTextOptions
    message = Msg(
        en="Leftover from the draft: “{evidence}” ({what}).",
        fr="Reste du brouillon : « {evidence} » ({what}).",
    )
    suggestion = Msg(
        en="Replace it with the real content, or delete it.",
        fr="Remplacez-le par le vrai contenu, ou supprimez-le.",
    )
    kinds: ClassVar[Mapping[str, Msg]] = {
        "prompt": Msg(en="a template's prompt", fr="une invite du modèle"),
        "marker": Msg(en="a note to self", fr="une note pour plus tard"),
        "fragment": Msg(en="a fragment cut short", fr="un fragment inachevé"),
        "blank": Msg(en="a blank slide", fr="une diapositive vide"),
    }
    group_message = Msg(
        en="{count} leftovers from the draft are still on slides {slides}.",
        fr="{count} restes du brouillon sont encore sur les diapositives {slides}.",
    )
    group_suggestion = Msg(
        en="Replace each with the real content, or delete it.",
        fr="Remplacez chacun par le vrai contenu, ou supprimez-le.",
    )

    def check(self, ctx: RuleContext[LeftoverTemplateTextOptions]) -> Iterator[Finding]:
        opts = ctx.options
        for slide in ctx.slides:
            if slide.hidden:
                continue
            if _is_blank(slide):
                yield self._leftover(ctx, slide, "", "blank")
                continue
            for ref in ctx.paragraphs(VISIBLE_SCOPES, slide=slide, rule_languages=True):
                text = ref.paragraph.text
                if any(looks_like_code(p) for p in ref.block.non_empty_paragraphs):
                    continue  # sample text in a code example: "<p>", then "Lorem ipsum..."
                prompts = ctx.lexicon("template-prompts", ref.lang)
                terms = prompts.extended(opts.extend_phrases).without(opts.ignore_phrases).terms
                hit = next(find_phrases(terms, text), None)
                marker = _MARKERS.search(text)
                if hit is not None:
                    yield self._leftover(ctx, slide, hit.text, "prompt", ref.loc)
                elif marker is not None:
                    yield self._leftover(ctx, slide, marker.group(0), "marker", ref.loc)
                elif ref.block.kind == "text-box" and _is_fragment(ref.block.text, ref.lang):
                    yield self._leftover(ctx, slide, " ".join(text.split()), "fragment", ref.loc)

    def _leftover(
        self,
        ctx: RuleContext[LeftoverTemplateTextOptions],
        slide: Slide,
        evidence: str,
        kind: str,
        loc: Loc | None = None,
    ) -> Finding:
        what = self.kinds[kind].in_lang(ctx.report_lang)
        return self.finding(ctx, loc or slide.loc(), evidence=evidence, what=what)


def _is_blank(slide: Slide) -> bool:
    """Nothing on the slide but empty text placeholders."""
    shows = slide.blocks or slide.tables or slide.charts or slide.pictures
    return bool(slide.empty_placeholders) and not shows


def _is_fragment(text: str, lang: Lang) -> bool:
    """A text box of two or three words whose last is a small word written in lower case:
    "awards or", « chiffres de »; "Module A" is a label."""
    words = text.split()
    if not 2 <= len(words) <= _FRAGMENT_WORDS or len(text.strip().splitlines()) > 1:
        return False
    last = words[-1].strip(",;")
    return last.islower() and last in _DANGLING.get(lang.value, frozenset())
