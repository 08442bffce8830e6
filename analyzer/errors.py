"""Why a deck could not be analyzed, in one line a person can act on, in French and English."""

from __future__ import annotations

from enum import Enum

from analyzer.annotation import Lang


class Problem(str, Enum):
    """What is wrong with an input file; the value is a stable slug for JSON and CI."""

    NOT_FOUND = "not-found"
    EMPTY_FILE = "empty-file"
    TOO_LARGE = "too-large"
    ENCRYPTED = "encrypted"
    LEGACY_PPT = "legacy-ppt"
    OLE_OTHER = "ole-document"
    PDF = "pdf"
    TEXT = "text-file"
    LOCK_FILE = "office-lock-file"
    OTHER_OFFICE = "other-office-document"
    NOT_A_ZIP = "not-a-presentation"
    CORRUPT_ZIP = "corrupt-zip"
    ZIP_BOMB = "zip-bomb"
    NOT_A_PRESENTATION = "not-a-presentation-package"
    UNREADABLE_XML = "unreadable-xml"
    NO_SLIDES = "no-slides"


_WHAT_TO_DO: dict[Problem, tuple[str, str]] = {
    Problem.NOT_FOUND: (
        "file not found: check the path",
        "fichier introuvable : vérifiez le chemin",
    ),
    Problem.EMPTY_FILE: (
        "empty file (0 bytes): export the deck again from PowerPoint",
        "fichier vide (0 octet) : exportez de nouveau la présentation depuis PowerPoint",
    ),
    Problem.TOO_LARGE: (
        "file too large for analysis: {detail}; compress its pictures (File > Compress Pictures)",
        "fichier trop volumineux pour l'analyse : {detail} ; compressez ses images "
        "(Fichier > Compresser les images)",
    ),
    Problem.ENCRYPTED: (
        "password-protected: remove the password in PowerPoint (File > Info) and try again",
        "protégé par mot de passe : retirez le mot de passe dans PowerPoint (Fichier > Informations) "
        "et réessayez",
    ),
    Problem.LEGACY_PPT: (
        "legacy PowerPoint 97-2003 file (.ppt): save it as .pptx in PowerPoint (File > Save As), "
        "or convert it with LibreOffice: soffice --headless --convert-to pptx FILE",
        "ancien format PowerPoint 97-2003 (.ppt) : enregistrez-le en .pptx dans PowerPoint "
        "(Fichier > Enregistrer sous), ou convertissez-le avec LibreOffice : "
        "soffice --headless --convert-to pptx FICHIER",
    ),
    Problem.OLE_OTHER: (
        "legacy Office file that is not a presentation: open it in its application and save a .pptx",
        "ancien fichier Office qui n'est pas une présentation : ouvrez-le dans son application et "
        "enregistrez un .pptx",
    ),
    Problem.PDF: (
        "PDF file, not a PowerPoint deck: analyze the .pptx it was exported from",
        "fichier PDF, pas une présentation PowerPoint : analysez le .pptx dont il est issu",
    ),
    Problem.TEXT: (
        "plain text file, not a PowerPoint deck: give the .pptx file itself",
        "fichier texte, pas une présentation PowerPoint : donnez le fichier .pptx lui-même",
    ),
    Problem.LOCK_FILE: (
        "Office lock file (~$...), left while the deck is open: analyze the deck without '~$'",
        "fichier de verrouillage Office (~$...), laissé pendant l'ouverture : analysez la "
        "présentation sans « ~$ »",
    ),
    Problem.OTHER_OFFICE: (
        "{detail}, not a presentation: give a .pptx file",
        "{detail}, pas une présentation : donnez un fichier .pptx",
    ),
    Problem.NOT_A_ZIP: (
        "not a PowerPoint deck (not an Office Open XML file): give a .pptx file",
        "pas une présentation PowerPoint (pas un fichier Office Open XML) : donnez un fichier .pptx",
    ),
    Problem.CORRUPT_ZIP: (
        "damaged or truncated file ({detail}): copy or download it again",
        "fichier endommagé ou tronqué ({detail}) : copiez-le ou téléchargez-le de nouveau",
    ),
    Problem.ZIP_BOMB: (
        "refused for safety: {detail}",
        "refusé par sécurité : {detail}",
    ),
    Problem.NOT_A_PRESENTATION: (
        "Office Open XML package without a presentation ({detail}): give a .pptx file",
        "paquet Office Open XML sans présentation ({detail}) : donnez un fichier .pptx",
    ),
    Problem.UNREADABLE_XML: (
        "the deck's XML cannot be read ({detail}): open and save it again in PowerPoint",
        "le XML de la présentation est illisible ({detail}) : ouvrez-la et enregistrez-la de "
        "nouveau dans PowerPoint",
    ),
    Problem.NO_SLIDES: (
        "the presentation has no slides: add slides, then analyze it",
        "la présentation ne contient aucune diapositive : ajoutez-en, puis analysez-la",
    ),
}


class DeckError(Exception):
    """A deck that cannot be analyzed. ``describe(lang)`` is the one line shown to a person."""

    def __init__(self, problem: Problem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail

    def describe(self, lang: Lang = Lang.EN) -> str:
        en, fr = _WHAT_TO_DO[self.problem]
        return (fr if lang is Lang.FR else en).format(detail=self.detail)
