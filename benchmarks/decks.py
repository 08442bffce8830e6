"""The benchmark decks: business decks of any length, in French or English, built with python-pptx.

Each slide has a title, five bullets (the second one indented on every third slide), speaker
notes, and every fourth slide a table of four regions by quarter: the text a sales director
writes for an executive committee, drafts included (about one bullet in five is the padded,
hedged kind deckmentor flags). The text is assembled from phrase pools by a generator seeded with
the deck's kind, so the same kind always gives the same text, and nearly every paragraph is
distinct (deckmentor analyzes each distinct text once, so a deck of repeated lines would flatter
it). Decks are cached on disk under a name that carries a hash of their content: a re-run reuses
them, a change to the text below builds new ones.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.builders import build_deck  # noqa: E402

#: Where built decks are kept between runs (``out/`` is ignored by git).
CACHE_FOLDER = ROOT / "out" / "bench" / "decks"

#: Slide counts of the decks the suite measures.
SIZES = (10, 100, 500)
LANGS = ("fr", "en")

#: Every how many slides a slide carries a table.
TABLE_EVERY = 4
BULLETS_PER_SLIDE = 5


@dataclass(frozen=True)
class DeckKind:
    """Which deck: its language ("fr" or "en"), its slide count, and a variant number that gives
    different text of the same shape (the decks of a batch are all different)."""

    lang: str
    slides: int
    variant: int = 0

    @property
    def name(self) -> str:
        return f"bench-{self.lang}-{self.slides:03d}-v{self.variant}"


# --- phrase pools ---------------------------------------------------------------------------
# Straight apostrophes here; the deck gets the curly ones PowerPoint's autocorrect types.

_FR: Mapping[str, Sequence[str]] = {
    "subject": (
        "L'équipe grands comptes",
        "Le pôle RevOps",
        "La direction financière",
        "Chaque directeur régional",
        "Le support client",
        "Notre réseau de partenaires",
        "La cellule avant-vente",
        "Le service facturation",
        "L'équipe marketing produit",
        "La direction des achats",
        "Le comité de pilotage",
        "Chaque commercial terrain",
    ),
    "verb": (
        "réduit",
        "accélère",
        "simplifie",
        "renégocie",
        "déploie",
        "mesure",
        "pilote",
        "prépare",
        "revoit",
        "automatise",
        "harmonise",
        "suit",
    ),
    "object": (
        "les remises accordées aux distributeurs",
        "le cycle de vente des offres packagées",
        "la grille tarifaire à trois paliers",
        "le processus de validation des devis",
        "les contrats de maintenance arrivant à échéance",
        "le taux de renouvellement des abonnements",
        "les conditions de paiement des grands comptes",
        "l'offre d'entrée de gamme",
        "le tableau de bord mensuel des ventes",
        "les objectifs de marge par segment",
        "la prospection des entreprises de taille intermédiaire",
        "le parcours d'intégration des nouveaux clients",
    ),
    "qualifier": (
        "de {pct} % d'ici {month} {year}",
        "sur le périmètre {region}",
        "avant la revue du {quarter} {year}",
        "avec {count} clients pilotes",
        "pour un gain estimé à {money} M€",
        "en s'appuyant sur {count} commerciaux formés",
    ),
    "weak": (
        "Il est important de noter que des efforts ont été faits concernant {object}",
        "Afin de pouvoir améliorer {object}, une réflexion a été menée par {subject_lc}",
        "Il semblerait qu'un travail sur {object} soit peut-être à prévoir sur certains aspects",
        "Divers sujets restent à traiter sur {object}, etc.",
        "Une amélioration significative concernant {object} est attendue",
    ),
    "title": (
        "{topic}",
        "Point d'étape {quarter} {year}",
        "{topic} : {metric} progresse de {pct} % en {year}",
        "{topic} : {count} clients signés au {quarter}",
        "Nous visons {pct} points de marge en plus sur {topic_lc} d'ici {year}",
        "{topic} : la décision attendue du Codir en {month}",
    ),
    "topic": (
        "Offre grands comptes",
        "Tarification",
        "Canal partenaires",
        "Service client",
        "Pipeline commercial",
        "Renouvellements",
        "Offre PME",
        "Facturation",
        "Avant-vente",
        "Marketing produit",
    ),
    "metric": (
        "le chiffre d'affaires récurrent",
        "le taux de conversion",
        "la marge brute",
        "le panier moyen",
        "le nombre de devis signés",
    ),
    "note": (
        "Insister sur {object} et donner l'exemple du client {client}.",
        "Rappeler que {subject_lc} {verb} {object} {qualifier}.",
        "Prévoir {count} minutes de questions sur ce point.",
        "Si la question est posée, montrer le détail {region} en annexe.",
        "Laisser {client} témoigner en vidéo si le temps le permet.",
    ),
    "client": (
        "Dumas Industrie",
        "Groupe Lefort",
        "Atelier Moreau",
        "Transports Garnier",
        "Laboratoires Vidal",
        "Maison Perrin",
    ),
    "region": (
        "Île-de-France",
        "Grand Est",
        "Auvergne-Rhône-Alpes",
        "Occitanie",
        "Hauts-de-France",
        "Nouvelle-Aquitaine",
        "Bretagne",
        "Provence-Alpes-Côte d'Azur",
    ),
    "month": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "quarter": ("T1", "T2", "T3", "T4"),
    "table_header": ("Région", "T1", "T2", "Évolution"),
}

_EN: Mapping[str, Sequence[str]] = {
    "subject": (
        "The key-account team",
        "The RevOps group",
        "The finance department",
        "Each regional director",
        "Customer support",
        "Our partner network",
        "The presales team",
        "The billing team",
        "Product marketing",
        "The procurement office",
        "The steering committee",
        "Each field sales rep",
    ),
    "verb": (
        "cuts",
        "speeds up",
        "simplifies",
        "renegotiates",
        "rolls out",
        "measures",
        "runs",
        "prepares",
        "reviews",
        "automates",
        "aligns",
        "tracks",
    ),
    "object": (
        "the discounts granted to distributors",
        "the sales cycle of bundled offers",
        "the three-tier price list",
        "the quote approval process",
        "maintenance contracts coming up for renewal",
        "the subscription renewal rate",
        "payment terms for key accounts",
        "the entry-level offer",
        "the monthly sales dashboard",
        "margin targets by segment",
        "prospecting of mid-sized companies",
        "the onboarding journey for new customers",
    ),
    "qualifier": (
        "by {pct}% by {month} {year}",
        "across {region}",
        "before the {quarter} {year} review",
        "with {count} pilot customers",
        "for an expected gain of ${money}M",
        "with {count} trained sales reps",
    ),
    "weak": (
        "It is important to note that efforts have been made regarding {object}",
        "In order to improve {object}, a review was conducted by {subject_lc}",
        "It seems that {object} might need to be revisited in some respects",
        "Various topics remain open around {object}, etc.",
        "A significant improvement of {object} is expected",
    ),
    "title": (
        "{topic}",
        "{quarter} {year} status",
        "{topic}: {metric} grew {pct}% in {year}",
        "{topic}: {count} customers signed in {quarter}",
        "We target {pct} more margin points on {topic_lc} by {year}",
        "{topic}: the decision we need from the committee in {month}",
    ),
    "topic": (
        "Key accounts",
        "Pricing",
        "Partner channel",
        "Customer service",
        "Sales pipeline",
        "Renewals",
        "SMB offer",
        "Billing",
        "Presales",
        "Product marketing",
    ),
    "metric": (
        "recurring revenue",
        "the conversion rate",
        "gross margin",
        "average deal size",
        "the number of signed quotes",
    ),
    "note": (
        "Stress {object} and give the {client} example.",
        "Remind the committee that {subject_lc} {verb} {object} {qualifier}.",
        "Allow {count} minutes for questions on this point.",
        "If asked, show the {region} breakdown in the appendix.",
        "Let {client} speak on video if time allows.",
    ),
    "client": (
        "Dumas Industries",
        "Lefort Group",
        "Moreau Workshop",
        "Garnier Logistics",
        "Vidal Labs",
        "Perrin & Co",
    ),
    "region": (
        "North America",
        "UK and Ireland",
        "DACH",
        "the Nordics",
        "Benelux",
        "Southern Europe",
        "Asia-Pacific",
        "Latin America",
    ),
    "month": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "September",
        "October",
        "November",
        "December",
    ),
    "quarter": ("Q1", "Q2", "Q3", "Q4"),
    "table_header": ("Region", "Q1", "Q2", "Change"),
}

_POOLS: Mapping[str, Mapping[str, Sequence[str]]] = {"fr": _FR, "en": _EN}

#: How a sum of money and a change are written in each language's tables.
_MONEY = {"fr": "{units},{tenths} M€", "en": "${units}.{tenths}M"}
_CHANGE = {"fr": "{sign}{pct} %", "en": "{sign}{pct}%"}


class _Writer:
    """Fills phrase templates for one deck, from one seeded generator."""

    def __init__(self, kind: DeckKind) -> None:
        if kind.lang not in _POOLS:
            raise ValueError(f"no phrase pools for language {kind.lang!r}")
        self.lang = kind.lang
        self.pools = _POOLS[kind.lang]
        # A str seed is hashed with SHA-512 by random: the same text on every run and platform.
        self.rng = random.Random(f"deckmentor-bench/{kind.lang}/{kind.slides}/{kind.variant}")

    def pick(self, pool: str) -> str:
        return self.rng.choice(self.pools[pool])

    def fill(self, template: str) -> str:
        subject = self.pick("subject")
        topic = self.pick("topic")
        slots = {
            "subject": subject,
            "subject_lc": _lower_first(subject),
            "verb": self.pick("verb"),
            "object": self.pick("object"),
            "topic": topic,
            "topic_lc": _lower_first(topic),
            "metric": self.pick("metric"),
            "client": self.pick("client"),
            "region": self.pick("region"),
            "month": self.pick("month"),
            "quarter": self.pick("quarter"),
            "year": str(self.rng.choice((2025, 2026, 2027))),
            "pct": str(self.rng.randint(2, 35)),
            "count": str(self.rng.randint(3, 60)),
            "money": str(self.rng.randint(1, 24)),
        }
        if "{qualifier}" in template:
            slots["qualifier"] = self.pick("qualifier").format(**slots)
        return _typeset(template.format(**slots))

    def bullet(self) -> str:
        if self.rng.random() < 0.2:
            return self.fill(self.pick("weak"))
        return self.fill("{subject} {verb} {object} {qualifier}")

    def notes(self) -> str:
        count = self.rng.randint(2, 3)
        return " ".join(self.fill(self.pick("note")) for _ in range(count))

    def table(self) -> list[list[str]]:
        rows = [list(self.pools["table_header"])]
        for region in self.rng.sample(list(self.pools["region"]), 4):
            first, second = (self.rng.randint(8, 240) for _ in range(2))
            change = round(100 * (second - first) / first)
            rows.append(
                [
                    _typeset(region[0].upper() + region[1:]),
                    _MONEY[self.lang].format(units=first // 10, tenths=first % 10),
                    _MONEY[self.lang].format(units=second // 10, tenths=second % 10),
                    _CHANGE[self.lang].format(sign="+" if change >= 0 else "−", pct=abs(change)),
                ]
            )
        return rows


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _typeset(text: str) -> str:
    return text.replace("'", "’")


def deck_spec(kind: DeckKind) -> list[dict[str, Any]]:
    """The slides of ``kind`` as a tests/builders.py spec (the same on every call)."""
    writer = _Writer(kind)
    slides: list[dict[str, Any]] = []
    for number in range(1, kind.slides + 1):
        bullets: list[Any] = [writer.bullet() for _ in range(BULLETS_PER_SLIDE)]
        if number % 3 == 0:
            bullets[1] = {"text": bullets[1], "level": 1}
        slide: dict[str, Any] = {
            "title": writer.fill(writer.pick("title")),
            "bullets": bullets,
            "notes": writer.notes(),
        }
        if number % TABLE_EVERY == 0:
            slide["table"] = writer.table()
        slides.append(slide)
    return slides


def content_key(kind: DeckKind, spec: Sequence[Mapping[str, Any]]) -> str:
    """A short hash of what the deck holds and of the library that writes it."""
    from importlib.metadata import version

    payload = json.dumps(
        {"lang": kind.lang, "slides": spec, "python-pptx": version("python-pptx")},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def build(kind: DeckKind, folder: Path = CACHE_FOLDER) -> Path:
    """The path of ``kind``'s .pptx in ``folder``, built only when no file holds this content."""
    spec = deck_spec(kind)
    path = folder / f"{kind.name}-{content_key(kind, spec)}.pptx"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(build_deck(spec, lang=kind.lang))
    partial.replace(path)  # never a truncated deck in the cache if the run is stopped
    return path


def batch_kinds(count: int, *, long_every: int = 4) -> list[DeckKind]:
    """A CI batch of ``count`` different decks: French and English in turn, mostly 10 slides,
    every ``long_every``-th pair of 100 slides."""
    kinds = []
    for i in range(count):
        pair = i // 2
        slides = 100 if pair % long_every == long_every - 1 else 10
        kinds.append(DeckKind(LANGS[i % 2], slides, variant=1 + pair))
    return kinds
