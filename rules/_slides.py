"""What a slide is for, as a mentor sees it before reading it: the cover, an agenda, a section
divider, the speaker's introduction, end matter (references, thanks, questions, appendix), or
content. The rules about length and titles judge content only: an agenda's items are a plan,
not bullets to cut; a cover's names are not prose; "References" is rightly a label.

This is the one notion of these kinds of slide that every rule family shares.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from analyzer.annotation import Lang
from analyzer.model import VISIBLE_SCOPES, Scope, Slide
from rules._base import RuleContext
from rules._lexicon import normalize_term
from rules._match import find_phrases

_BODY_SCOPES = VISIBLE_SCOPES - {Scope.TITLE}
#: Layout names of section headers and demo slides, any case, anywhere in the name ("1_Section
#: Header"): their title names a part of the talk.
_SECTION_LAYOUTS = re.compile(
    r"(?<!\w)(section header|en-tête de section|titre de section|demo|démo)(?!\w)"
)


class Role(StrEnum):
    COVER = "cover"
    AGENDA = "agenda"
    DIVIDER = "divider"
    SPEAKER = "speaker"
    END_MATTER = "end-matter"
    CONTENT = "content"


def slide_role(ctx: RuleContext[Any], slide: Slide) -> Role:
    """The slide's role, found once per deck for all rules (``RuleContext.roles``)."""
    found = ctx.roles.get(slide.number)
    if found is None:
        found = ctx.roles[slide.number] = _role(ctx, slide)
    return Role(found)


def is_content(ctx: RuleContext[Any], slide: Slide) -> bool:
    return slide_role(ctx, slide) is Role.CONTENT


def _role(ctx: RuleContext[Any], slide: Slide) -> Role:
    if is_cover(ctx, slide):
        return Role.COVER
    lang = _title_lang(ctx, slide)
    title = slide.title or ""
    if title and lang is not Lang.OTHER:
        if _opens_with(ctx, "impact-end-matter", lang, title):
            return Role.END_MATTER
        if _is_whole(ctx, "agenda-titles", lang, title):
            return Role.AGENDA
        if _is_whole(ctx, "speaker-titles", lang, title):
            return Role.SPEAKER
    if _SECTION_LAYOUTS.search(normalize_term(slide.layout_name.replace("_", " "))):
        return Role.DIVIDER
    if title and not _has_body(slide):
        return Role.DIVIDER
    return Role.CONTENT


def is_cover(ctx: RuleContext[Any], slide: Slide) -> bool:
    """The deck's title page: the first visible slide of a deck of several, or a slide on a
    title layout that shows a title and a subtitle only (names, a date). A slide on a "Title
    Slide" layout that holds bullets or text boxes is a content slide: decks are built on
    whatever layout was at hand. The one slide of a one-slide deck is content."""
    visible = [s for s in ctx.slides if not s.hidden]
    if len(visible) > 1 and slide is visible[0]:
        return True
    if not slide.is_cover:
        return False
    kinds = {b.kind for b in slide.blocks_in(_BODY_SCOPES) if b.non_empty_paragraphs}
    return kinds <= {"subtitle"} and not (slide.tables or slide.charts)


def _has_body(slide: Slide) -> bool:
    if slide.tables or slide.charts or slide.pictures:
        return True
    return any(b.non_empty_paragraphs for b in slide.blocks_in(_BODY_SCOPES))


def _title_lang(ctx: RuleContext[Any], slide: Slide) -> Lang:
    if not slide.title:
        return Lang.OTHER
    lang = ctx.analysis(slide.title).lang
    # A one-word title is too short to tell its language: the deck's tells it.
    return lang if lang is not Lang.OTHER else ctx.annotated.lang


def _opens_with(ctx: RuleContext[Any], name: str, lang: Lang, title: str) -> bool:
    first = next(find_phrases(ctx.lexicon(name, lang).terms, title), None)
    return first is not None and not any(ch.isalnum() for ch in title[: first.start])


def _is_whole(ctx: RuleContext[Any], name: str, lang: Lang, title: str) -> bool:
    words = re.sub(r"[^\w' ]|_", " ", normalize_term(title)).split()
    # "1. Agenda", "Agenda du jour": a number or the words around the term do not change it.
    bare = " ".join(w for w in words if not w.isdigit())
    terms = ctx.lexicon(name, lang).terms
    return bare in terms or any(bare.startswith(t + " ") for t in terms if len(t) > 4)
