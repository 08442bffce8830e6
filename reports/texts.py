"""The report's own words, in English and French, in one Lang-keyed table.

Finding messages are not here: rules write them, already in the report's language. What is
here is everything around them: headings, labels, the score explanation. Both languages have
the same keys and the same ``{placeholders}`` (a test checks it). French follows French
typography: a no-break space before « : ; ? ! » and inside guillemets.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from analyzer.annotation import Lang

_NB = "\u00a0"  # no-break space, before French double punctuation

_EN: dict[str, str] = {
    "doc_title": "deckmentor report: {file}",
    "report_kind": "Feedback on a presentation",
    "deck_language": "Deck language",
    "overall_score": "Overall score",
    "out_of_100": "out of 100",
    "score_aria": "{label}: {score} out of 100",
    "family_clarity": "Clarity",
    "family_concision": "Concision",
    "family_impact": "Impact",
    "family_input": "Deck input",
    "severity_info": "Info",
    "severity_warning": "Warning",
    "severity_error": "Error",
    "lang_fr": "French",
    "lang_en": "English",
    "lang_other": "another language",
    "scope_title": "title",
    "scope_body": "body text",
    "scope_table": "table",
    "scope_chart": "chart",
    "scope_smartart": "SmartArt",
    "scope_notes": "speaker notes",
    "scope_alt-text": "alt text",
    "scope_deck": "whole deck",
    "top_fixes": "Top fixes",
    "top_fixes_intro": (
        "What to work on first, in a mentor's order: the storyline, then the slides furthest "
        "over their limits, then titles, then wording."
    ),
    "top_fixes_none": "No finding: nothing to fix first.",
    "storyline": "Storyline",
    "storyline_intro": (
        "The slide titles in order. Read one after the other, they should tell the story on "
        "their own."
    ),
    "flag_topic_label": "topic label, not a message",
    "flag_missing_title": "no title",
    "flag_inferred": "title inferred",
    "flag_hidden": "hidden",
    "untitled": "(no title)",
    "slides_heading": "Slide by slide",
    "slide_n": "Slide {n}",
    "section": "Section",
    "speaker_notes": "Speaker notes",
    "no_text": "No text on this slide.",
    "chart": "Chart",
    "picture": "Picture",
    "slide_findings_none": "No finding on this slide.",
    "suggestion": "Suggestion",
    "evidence": "In the deck",
    "where": "Where",
    "findings_label": "Findings",
    "slide_score": "Slide score",
    "readability": "Reading ease",
    "readability_value": "{score} / 100 ({formula}, {words} words)",
    "formula_flesch-reading-ease": "Flesch",
    "formula_kandel-moles": "Kandel-Moles",
    "deck_findings": "Whole-deck findings",
    "deck_findings_none": "No finding about the deck as a whole.",
    "stats": "Deck statistics",
    "stat_slides": "Slides",
    "stat_hidden": "Hidden slides",
    "stat_words_slides": "Words on slides",
    "stat_words_notes": "Words in speaker notes",
    "stat_talk": "Estimated talk time",
    "minutes": "{m} min",
    "talk_note": (
        "Estimated from the speaker notes read aloud at {wpm} words a minute, or from the "
        "slide's text when it has no notes; hidden slides are not counted."
    ),
    "how_heading": "How is the score computed?",
    "how_slide": (
        "Each slide starts at 100 in each family (clarity, concision, impact) and loses points "
        "for each finding of that family on it: {info} for an info, {warning} for a warning, "
        "{error} for an error, down to 0."
    ),
    "how_deck": (
        "A family's deck score is the mean of its slide scores, so a long deck is not punished "
        "for being long, minus the points of whole-deck findings, down to 0."
    ),
    "how_overall": "The overall score is the mean of the three family scores.",
    "how_monotone": "Fixing a finding only gives points back: it never lowers a score.",
    "how_input": "Findings about the file itself (deck input) are shown but not scored.",
    "how_order": (
        "Top fixes come in a mentor's order: the storyline first (the key message up front, the "
        "conclusion or the ask at the end), then the slides furthest over their limits (a slide "
        "at three times the word limit before one just over it), then titles, then wording; "
        "information remarks last."
    ),
    "how_once": (
        "A remark that holds for more than three slides is said once for the deck, naming its "
        "slides; each slide still shows its part and still loses its points."
    ),
    "places": "Where",
    "said_once": "Part of a remark on the whole deck",
    "why_heading": "Why {score}?",
    "col_family": "Family",
    "col_findings": "Findings on slides",
    "col_lost": "Points lost on slides",
    "col_mean": "Mean of slides",
    "col_deck_penalty": "Whole-deck penalty",
    "col_score": "Score",
    "why_overall": "Overall score: ({scores}) / {count} = {overall}",
    "engines": "Language engines",
    "engine_model": "trained model",
    "engine_lexicon": "word lists, no trained model",
    "engines_none": "No language engine was needed.",
    "skipped_heading": "Rules that did not run",
    "skipped_none": "All selected rules ran.",
    "rules_run": "Rules run: {count}.",
    "generated_by": "Report generated by deckmentor {version}.",
    "macros_notice": "This deck carries macros; deckmentor never runs or extracts them.",
    "unread_kind": "File not read",
    "unread_heading": "This file could not be analyzed",
    "unread_intro": (
        "deckmentor checked nothing in it, so there is no score and no feedback. Here is what "
        "the file is and what to do."
    ),
    "index_kind": "Batch of decks",
    "index_doc_title": "deckmentor: batch report",
    "index_h1": "Batch report",
    "index_heading": "Decks",
    "index_intro": (
        "One line per input, in the order given. Open a deck's full report from its name."
    ),
    "stat_analyzed": "Analyzed",
    "stat_unread": "Not read",
    "stat_mean": "Mean score",
    "col_file": "File",
    "col_first_fix": "First thing to fix",
    "status_unread": "not read",
    "flag_macros": "macros",
    "batch_tally": "Inputs: {count} · analyzed: {analyzed} · not read: {unread}",
    # CI formats (JUnit, Markdown, GitHub annotations)
    "colon": ":",
    "quote": "“{text}”",
    "finding_count": "{n} findings",
    "finding_count_one": "1 finding",
    "slide_n_inline": "slide {n}",
    "md_heading": "deckmentor report",
    "md_counts": "Decks analyzed: {analyzed} · not read: {unread}",
    "col_deck": "Deck",
    "col_errors": "Errors",
    "col_warnings": "Warnings",
    "col_info": "Info",
    "md_not_read": "not read",
    "md_not_read_heading": "Could not be read",
}

_FR: dict[str, str] = {
    "doc_title": f"Rapport deckmentor{_NB}: {{file}}",
    "report_kind": "Relecture d'une présentation",
    "deck_language": "Langue de la présentation",
    "overall_score": "Score global",
    "out_of_100": "sur 100",
    "score_aria": f"{{label}}{_NB}: {{score}} sur 100",
    "family_clarity": "Clarté",
    "family_concision": "Concision",
    "family_impact": "Impact",
    "family_input": "Lecture du fichier",
    "severity_info": "Info",
    "severity_warning": "Attention",
    "severity_error": "Erreur",
    "lang_fr": "français",
    "lang_en": "anglais",
    "lang_other": "autre langue",
    "scope_title": "titre",
    "scope_body": "texte",
    "scope_table": "tableau",
    "scope_chart": "graphique",
    "scope_smartart": "SmartArt",
    "scope_notes": "notes de l'orateur",
    "scope_alt-text": "texte alternatif",
    "scope_deck": "ensemble de la présentation",
    "top_fixes": "Les corrections prioritaires",
    "top_fixes_intro": (
        f"Par quoi commencer, dans l'ordre d'un mentor{_NB}: le fil du discours, puis les "
        "diapositives les plus chargées, puis les titres, puis la formulation."
    ),
    "top_fixes_none": f"Aucune remarque{_NB}: rien à corriger en priorité.",
    "storyline": "Le fil du récit",
    "storyline_intro": (
        "Les titres des diapositives dans l'ordre. Lus à la suite, ils doivent raconter "
        "l'histoire à eux seuls."
    ),
    "flag_topic_label": "intitulé, pas un message",
    "flag_missing_title": "sans titre",
    "flag_inferred": "titre déduit",
    "flag_hidden": "masquée",
    "untitled": "(sans titre)",
    "slides_heading": "Diapositive par diapositive",
    "slide_n": "Diapositive {n}",
    "section": "Section",
    "speaker_notes": "Notes de l'orateur",
    "no_text": "Aucun texte sur cette diapositive.",
    "chart": "Graphique",
    "picture": "Image",
    "slide_findings_none": "Aucune remarque sur cette diapositive.",
    "suggestion": "Suggestion",
    "evidence": "Dans la présentation",
    "where": "Où",
    "findings_label": "Remarques",
    "slide_score": "Score de la diapositive",
    "readability": "Facilité de lecture",
    "readability_value": "{score} / 100 ({formula}, {words} mots)",
    "formula_flesch-reading-ease": "Flesch",
    "formula_kandel-moles": "Kandel-Moles",
    "deck_findings": "Remarques sur l'ensemble de la présentation",
    "deck_findings_none": "Aucune remarque sur l'ensemble de la présentation.",
    "stats": "Statistiques de la présentation",
    "stat_slides": "Diapositives",
    "stat_hidden": "Diapositives masquées",
    "stat_words_slides": "Mots sur les diapositives",
    "stat_words_notes": "Mots dans les notes de l'orateur",
    "stat_talk": "Durée de présentation estimée",
    "minutes": f"{{m}}{_NB}min",
    "talk_note": (
        "Estimée d'après les notes de l'orateur lues à {wpm} mots par minute, ou d'après le "
        "texte de la diapositive quand elle n'a pas de notes ; les diapositives masquées ne "
        "comptent pas."
    ).replace(" ;", f"{_NB};"),
    "how_heading": f"Comment le score est-il calculé{_NB}?",
    "how_slide": (
        "Chaque diapositive part de 100 dans chaque famille (clarté, concision, impact) et perd "
        f"des points pour chaque remarque de cette famille qui la concerne{_NB}: {{info}} pour "
        "une info, {warning} pour un avertissement, {error} pour une erreur, sans descendre "
        "sous 0."
    ),
    "how_deck": (
        "Le score d'une famille pour la présentation est la moyenne des scores de ses "
        "diapositives, pour qu'une présentation longue ne soit pas pénalisée parce qu'elle est "
        "longue, moins les points des remarques sur l'ensemble de la présentation, sans "
        "descendre sous 0."
    ),
    "how_overall": "Le score global est la moyenne des scores des trois familles.",
    "how_monotone": (
        f"Corriger une remarque ne fait que rendre des points{_NB}: cela ne baisse jamais un score."
    ),
    "how_input": (
        "Les remarques sur le fichier lui-même (lecture du fichier) sont affichées mais ne "
        "comptent pas dans le score."
    ),
    "how_order": (
        f"Les corrections prioritaires suivent l'ordre d'un mentor{_NB}: le fil du discours "
        f"d'abord (le message clé dès le début, la conclusion ou la demande à la fin), puis les "
        f"diapositives les plus au-delà de leurs limites (une diapositive à trois fois le seuil "
        f"de mots avant une qui le dépasse à peine), puis les titres, puis la formulation{_NB}; "
        "les remarques d'information en dernier."
    ),
    "how_once": (
        f"Une remarque qui vaut pour plus de trois diapositives est dite une fois pour toute la "
        f"présentation, en nommant ses diapositives{_NB}; chacune montre toujours sa part et "
        "perd toujours ses points."
    ),
    "places": "Où",
    "said_once": "Partie d'une remarque sur l'ensemble de la présentation",
    "why_heading": f"Pourquoi {{score}}{_NB}?",
    "col_family": "Famille",
    "col_findings": "Remarques sur les diapositives",
    "col_lost": "Points perdus sur les diapositives",
    "col_mean": "Moyenne des diapositives",
    "col_deck_penalty": "Pénalité d'ensemble",
    "col_score": "Score",
    "why_overall": f"Score global{_NB}: ({{scores}}) / {{count}} = {{overall}}",
    "engines": "Moteurs linguistiques",
    "engine_model": "modèle entraîné",
    "engine_lexicon": "listes de mots, sans modèle entraîné",
    "engines_none": "Aucun moteur linguistique n'a été nécessaire.",
    "skipped_heading": "Règles non exécutées",
    "skipped_none": "Toutes les règles sélectionnées ont été exécutées.",
    "rules_run": f"Règles exécutées{_NB}: {{count}}.",
    "generated_by": "Rapport produit par deckmentor {version}.",
    "macros_notice": (
        f"Cette présentation contient des macros{_NB}; deckmentor ne les exécute ni ne les "
        "extrait jamais."
    ),
    "unread_kind": "Fichier non lu",
    "unread_heading": "Ce fichier n'a pas pu être analysé",
    "unread_intro": (
        "deckmentor n'y a rien vérifié, il n'a donc ni score ni remarques. Voici ce qu'est le "
        "fichier et ce qu'il faut faire."
    ),
    "index_kind": "Lot de présentations",
    "index_doc_title": f"deckmentor{_NB}: rapport du lot",
    "index_h1": "Rapport du lot",
    "index_heading": "Présentations",
    "index_intro": (
        "Une ligne par fichier, dans l'ordre donné. Ouvrez le rapport complet d'une présentation "
        "depuis son nom."
    ),
    "stat_analyzed": "Analysées",
    "stat_unread": "Non lues",
    "stat_mean": "Score moyen",
    "col_file": "Fichier",
    "col_first_fix": "Premier point à corriger",
    "status_unread": "non lu",
    "flag_macros": "macros",
    "batch_tally": (
        f"Fichiers{_NB}: {{count}} · analysés{_NB}: {{analyzed}} · non lus{_NB}: {{unread}}"
    ),
    # CI formats (JUnit, Markdown, GitHub annotations)
    "colon": f"{_NB}:",
    "quote": f"«{_NB}{{text}}{_NB}»",
    "finding_count": "{n} remarques",
    "finding_count_one": "1 remarque",
    "slide_n_inline": "diapositive {n}",
    "md_heading": "Rapport deckmentor",
    "md_counts": f"Présentations analysées{_NB}: {{analyzed}} · non lues{_NB}: {{unread}}",
    "col_deck": "Présentation",
    "col_errors": "Erreurs",
    "col_warnings": "Avertissements",
    "col_info": "Infos",
    "md_not_read": "non lue",
    "md_not_read_heading": "Lecture impossible",
}

TEXTS: Mapping[Lang, Mapping[str, str]] = MappingProxyType(
    {Lang.EN: MappingProxyType(_EN), Lang.FR: MappingProxyType(_FR)}
)


def texts_for(lang: Lang) -> Mapping[str, str]:
    """The report's words in ``lang``; a language without texts gets English."""
    return TEXTS.get(lang, TEXTS[Lang.EN])


def decimal(value: float, lang: Lang, digits: int = 1) -> str:
    """A number with ``digits`` decimals and the language's decimal mark (« 12,5 » in French)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang is Lang.FR else text
