"""Why a deck could not be analyzed, in one line a person can act on, in French and English."""

from __future__ import annotations

import re
from enum import StrEnum

from analyzer.annotation import Lang


class Problem(StrEnum):
    """What is wrong with an input file; the value is a stable slug for JSON and CI."""

    NOT_FOUND = "not-found"
    CANNOT_OPEN = "cannot-open"
    EMPTY_FILE = "empty-file"
    TOO_LARGE = "too-large"
    ENCRYPTED = "encrypted"
    LEGACY_PPT = "legacy-ppt"
    OLE_OTHER = "ole-document"
    PDF = "pdf"
    TEXT = "text-file"
    LOCK_FILE = "office-lock-file"
    LFS_POINTER = "git-lfs-pointer"
    LINK_FILE = "symbolic-link-as-file"
    OTHER_OFFICE = "other-office-document"
    NOT_A_ZIP = "not-a-presentation"
    CORRUPT_ZIP = "corrupt-zip"
    ZIP_BOMB = "zip-bomb"
    NOT_A_PRESENTATION = "not-a-presentation-package"
    UNREADABLE_XML = "unreadable-xml"
    NO_SLIDES = "no-slides"
    OPENDOCUMENT = "opendocument"
    TOO_MANY_PARTS = "too-many-parts"
    UNPACKED_TOO_LARGE = "unpacked-too-large"
    MISSING_PART = "missing-part"
    UNREADABLE_STRUCTURE = "unreadable-structure"
    XML_ENTITIES = "xml-entities"
    OVERLAPPING_ZIP = "overlapping-zip-entries"
    INTERNAL_ERROR = "internal-error"
    TIMEOUT = "timeout"
    PARAGRAPH_TOO_LONG = "paragraph-too-long"
    TEXT_TOO_LONG = "text-too-long"


#: One line per problem, (English, French). Placeholders are language-neutral values (sizes,
#: counts, part names, file extensions): ``{detail}`` and the keyword values of the DeckError.
_WHAT_TO_DO: dict[Problem, tuple[str, str]] = {
    Problem.NOT_FOUND: (
        "file not found: check the path",
        "fichier introuvable : vérifiez le chemin",
    ),
    Problem.CANNOT_OPEN: (
        "the file cannot be opened ({detail}): check that you may read it",
        "impossible d'ouvrir le fichier ({detail}) : vérifiez que vous avez le droit de le lire",
    ),
    Problem.EMPTY_FILE: (
        "empty file (0 bytes): export the deck again from PowerPoint",
        "fichier vide (0 octet) : exportez de nouveau la présentation depuis PowerPoint",
    ),
    Problem.TOO_LARGE: (
        "file too large for analysis ({size_mb} MB, limit {limit_mb} MB): compress its pictures "
        "(File > Compress Pictures), or raise max-file-mb in deckmentor.toml",
        "fichier trop volumineux pour l'analyse ({size_mb} Mo, limite {limit_mb} Mo) : compressez "
        "ses images (Fichier > Compresser les images), ou relevez max-file-mb dans "
        "deckmentor.toml",
    ),
    Problem.ENCRYPTED: (
        "password-protected: open it in PowerPoint with its password, remove the password "
        "(File > Info > Protect Presentation), save it as .pptx and try again",
        "protégé par mot de passe : ouvrez-le dans PowerPoint avec son mot de passe, retirez le "
        "mot de passe (Fichier > Informations > Protéger la présentation), enregistrez-le en "
        ".pptx et réessayez",
    ),
    Problem.LEGACY_PPT: (
        "legacy PowerPoint 97-2003 file (.ppt): save it as .pptx in PowerPoint (File > Save As), "
        "or convert it with LibreOffice: soffice --headless --convert-to pptx FILE",
        "ancien format PowerPoint 97-2003 (.ppt) : enregistrez-le en .pptx dans PowerPoint "
        "(Fichier > Enregistrer sous), ou convertissez-le avec LibreOffice : "
        "soffice --headless --convert-to pptx FICHIER",
    ),
    Problem.OLE_OTHER: (
        "legacy Office file that is not a presentation: open it in its application and save a "
        ".pptx",
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
    Problem.LFS_POINTER: (
        "Git LFS pointer, not the deck itself: fetch the file with `git lfs pull`",
        "pointeur Git LFS, pas la présentation elle-même : récupérez le fichier avec "
        "`git lfs pull`",
    ),
    Problem.LINK_FILE: (
        "a symbolic link saved as a text file (it names {detail}): analyze that file, or check "
        "the repository out with symbolic links (git config core.symlinks true)",
        "un lien symbolique enregistré comme fichier texte (il désigne {detail}) : analysez ce "
        "fichier, ou récupérez le dépôt avec les liens symboliques (git config core.symlinks "
        "true)",
    ),
    Problem.OTHER_OFFICE: (
        "{detail} document, not a presentation: give a .pptx file",
        "document {detail}, pas une présentation : donnez un fichier .pptx",
    ),
    Problem.OPENDOCUMENT: (
        "OpenDocument file ({detail}): save it as a PowerPoint .pptx (LibreOffice: File > Save "
        "As), then analyze it",
        "fichier OpenDocument ({detail}) : enregistrez-le au format PowerPoint .pptx "
        "(LibreOffice : Fichier > Enregistrer sous), puis analysez-le",
    ),
    Problem.NOT_A_ZIP: (
        "not a PowerPoint deck (not an Office Open XML file): give a .pptx file",
        "pas une présentation PowerPoint (pas un fichier Office Open XML) : donnez un fichier "
        ".pptx",
    ),
    Problem.CORRUPT_ZIP: (
        "damaged or truncated file (not a complete zip archive): copy or download it again",
        "fichier endommagé ou tronqué (archive zip incomplète) : copiez-le ou téléchargez-le de "
        "nouveau",
    ),
    Problem.ZIP_BOMB: (
        "refused for safety: part {part} would unpack to {ratio} times its compressed size "
        "(limit {limit}), the mark of a zip bomb; if you trust the file, raise max-ratio in "
        "deckmentor.toml",
        "refusé par sécurité : la partie {part} se décompresserait à {ratio} fois sa taille "
        "compressée (limite {limit}), signe d'une bombe zip ; si vous faites confiance au "
        "fichier, relevez max-ratio dans deckmentor.toml",
    ),
    Problem.UNPACKED_TOO_LARGE: (
        "refused for safety: it would unpack to {size_mb} MB (limit {limit_mb} MB); if you "
        "trust the file, raise {setting} in deckmentor.toml",
        "refusé par sécurité : il occuperait {size_mb} Mo une fois décompressé "
        "(limite {limit_mb} Mo) ; si vous faites confiance au fichier, relevez {setting} dans "
        "deckmentor.toml",
    ),
    Problem.TOO_MANY_PARTS: (
        "refused for safety: {count} parts in its zip archive (limit {limit}); if you trust the "
        "file, raise max-parts in deckmentor.toml",
        "refusé par sécurité : {count} parties dans son archive zip (limite {limit}) ; si vous "
        "faites confiance au fichier, relevez max-parts dans deckmentor.toml",
    ),
    Problem.NOT_A_PRESENTATION: (
        "zip archive without a PowerPoint presentation inside: give a .pptx file",
        "archive zip sans présentation PowerPoint : donnez un fichier .pptx",
    ),
    Problem.UNREADABLE_XML: (
        "the deck's XML cannot be read (part {part}): open and save it again in PowerPoint",
        "le XML de la présentation est illisible (partie {part}) : ouvrez-la et "
        "enregistrez-la de nouveau dans PowerPoint",
    ),
    Problem.MISSING_PART: (
        "the deck is incomplete ({detail} is missing): open and save it again in PowerPoint",
        "la présentation est incomplète ({detail} manque) : ouvrez-la et enregistrez-la de "
        "nouveau dans PowerPoint",
    ),
    Problem.UNREADABLE_STRUCTURE: (
        "the deck's structure cannot be read: open and save it again in PowerPoint, and report "
        "it if that does not help",
        "la structure de la présentation est illisible : ouvrez-la et enregistrez-la de nouveau "
        "dans PowerPoint, et signalez-le si cela ne suffit pas",
    ),
    Problem.XML_ENTITIES: (
        "refused for safety: part {part} declares XML entities (a document type definition), "
        'which no PowerPoint file does and which can expand to gigabytes ("billion laughs")',
        "refusé par sécurité : la partie {part} déclare des entités XML (une définition de type "
        "de document), ce qu'aucun fichier PowerPoint ne fait et qui peut se développer en "
        "gigaoctets (« billion laughs »)",
    ),
    Problem.OVERLAPPING_ZIP: (
        "refused for safety: parts of its zip archive overlap ({detail}), the mark of a crafted "
        "zip bomb",
        "refusé par sécurité : des parties de son archive zip se chevauchent ({detail}), signe "
        "d'une bombe zip fabriquée",
    ),
    Problem.PARAGRAPH_TOO_LONG: (
        "refused for safety: a paragraph on slide {slide} has {count} characters (limit "
        "{limit}); no slide holds that much text, so the file was probably generated or altered "
        "(if you trust it, raise max-paragraph-chars in deckmentor.toml)",
        "refusé par sécurité : un paragraphe de la diapositive {slide} compte {count} caractères "
        "(limite {limit}) ; aucune diapositive ne porte autant de texte, le fichier a sans doute "
        "été généré ou altéré (si vous lui faites confiance, relevez max-paragraph-chars dans "
        "deckmentor.toml)",
    ),
    Problem.TEXT_TOO_LONG: (
        "refused for safety: the deck holds {count} characters of text (limit {limit}); split "
        "it, or raise max-text-chars in deckmentor.toml",
        "refusé par sécurité : la présentation contient {count} caractères de texte (limite "
        "{limit}) ; découpez-la, ou relevez max-text-chars dans deckmentor.toml",
    ),
    Problem.INTERNAL_ERROR: (
        "deckmentor failed on this deck ({detail}): please report it with the file if you can",
        "deckmentor a échoué sur cette présentation ({detail}) : signalez-le, avec le fichier "
        "si possible",
    ),
    Problem.TIMEOUT: (
        "stopped after {seconds} s: the analysis of this deck took too long; raise --timeout, or "
        "report it with the file if you can",
        "arrêté après {seconds} s : l'analyse de cette présentation a pris trop de temps ; "
        "relevez --timeout, ou signalez-le avec le fichier si possible",
    ),
    Problem.NO_SLIDES: (
        "the presentation has no slides: add slides, then analyze it",
        "la présentation ne contient aucune diapositive : ajoutez-en, puis analysez-la",
    ),
}


_LINE_BREAKS = re.compile(r"\s*[\r\n\t\v\f\x85\u2028\u2029]+\s*")


class _Values(dict[str, object]):
    """Template values; a value a caller did not give shows as "?" rather than raising."""

    def __missing__(self, key: str) -> str:
        return "?"


class DeckError(Exception):
    """A deck that cannot be analyzed. ``describe(lang)`` is the one line shown to a person.

    ``detail`` is for people debugging (an exception message, in English); the line shown
    uses it only where it is language-neutral. ``values`` fill the line's placeholders.
    """

    def __init__(self, problem: Problem, detail: str = "", **values: object) -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
        self.values = values

    def describe(self, lang: Lang = Lang.EN) -> str:
        en, fr = _WHAT_TO_DO[self.problem]
        line = (fr if lang is Lang.FR else en).format_map(_Values(self.values, detail=self.detail))
        # A detail may carry an exception message over several lines; a person gets one line.
        return _LINE_BREAKS.sub(" ", line).strip()
