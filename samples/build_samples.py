"""Build the sample decks with python-pptx: ``python samples/build_samples.py``.

The story of DESIGN.md: a sales director presents the transformation of the commercial offer to
the executive committee (Codir). ``codir-offre-v1.pptx`` is his weak first draft, in French,
with what a mentor points out first: the result said only at slide 7, no ask at the end, an
overloaded slide, a topic title over the point it should state, a chart titled with its data, a
typo and a leftover "XXX";
``codir-offre-v2.pptx`` is the version he wrote after the mentoring session on the deck itself;
``pricing-review-en.pptx`` is an English deck on the same theme, mid-way between the two.
The .pptx files are committed; run this script again after changing the text below.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.builders import build_deck  # noqa: E402

Spec = list[dict[str, Any]]

CODIR_V1: Spec = [
    {
        "layout": "title",
        "title": "Transformation de l'offre commerciale",
        "subtitle": "Comité de direction – Direction commerciale",
    },
    {
        "title": "Contexte",
        "bullets": [
            "Il est important de noter que le marché a beaucoup évolué au cours des dernières "
            "années et que nos clients ont des attentes différentes sur divers sujets",
            "Afin de pouvoir répondre à ces attentes, une réflexion a été menée par les équipes "
            "commerciales au niveau de l'ensemble des régions",
            "Il semblerait que la concurrence soit plus agressive",
        ],
        "notes": "Rappeler le contexte général du marché et les retours des clients.",
    },
    {
        "title": "Chiffres clés",
        "bullets": [
            "Le chiffre d'affaires des grands comptes baisse de 8 % en un an",
            "Hausse significative du taux d'attrition",
            "Le cycle de vente s'allonge",
        ],
    },
    {
        "title": "Évolution du chiffre d'affaires par segment",
        "chart": {
            "categories": ["2022", "2023", "2024"],
            "series": {"Grands comptes": [44.1, 42.0, 38.6], "PME": [21.3, 22.8, 23.9]},
        },
    },
    {
        "title": "Analyse de la situation actuelle",
        "bullets": [
            "L'offre comporte quatorze options vendues séparément, chacune avec sa propre grille",
            {"text": "Les remises sont négociées au cas par cas par chaque commercial", "level": 1},
            "Les commerciaux passent beaucoup de temps sur les devis au lieu de voir leurs clients",
            "Les clients ne comprennent pas toujours la facturation ni ce qu'ils paient",
            "Le support est sollicité pour des questions de facturation plusieurs fois par jour",
            "Les partenaires revendent l'offre sans outil dédié ni formation",
            "Le reporting commercial est produit à la main chaque mois par les assistantes",
            "Les marges se dégradent sur tous les segments depuis deux ans",
            "Nos concurrents vendent une offre unique, plus simple à comprendre et à vendre",
        ],
    },
    {
        "title": "Nouvelle offre",
        "bullets": [
            "Passage à un modèle en trois paliers pour simplifier la tarifcation",
            "Les options seront intégrées dans les paliers",
            "Budget du projet : XXX k€",
        ],
    },
    {
        "title": "Conclusion",
        "bullets": [
            "Les trois paliers doivent rapporter 4 points de marge brute d'ici 2026",
        ],
    },
    {
        "title": "Organisation",
        "bullets": [
            "Un chef de projet sera nommé",
            "Les équipes seront formées",
        ],
    },
    {
        "title": "Planning",
        "table": [
            ["Étape", "Période"],
            ["Conception", "T1"],
            ["Pilote", "T2"],
            ["Déploiement", "T3"],
        ],
    },
    {"title": "Questions ?", "layout": "title-only"},
]

CODIR_V2: Spec = [
    {
        "layout": "title",
        "title": "Simplifier notre offre pour regagner 4 points de marge",
        "subtitle": "Comité de direction – Direction commerciale",
    },
    {
        "title": "En résumé : nous vous demandons de valider l'offre en trois paliers",
        "bullets": [
            "Nos 14 options perdent des clients : attrition de 9 % en 2024, contre 6 % en 2022",
            "Trois paliers remplacent les options et divisent par deux le temps de devis",
            "Objectif : 4 points de marge brute et 12 % de revenu récurrent en plus d'ici 2026",
        ],
        "notes": "Commencer par la décision attendue, puis donner les trois raisons.",
    },
    {
        "title": "Les grands comptes réduisent leurs achats de 8 % depuis 2023",
        "bullets": [
            "Chiffre d'affaires grands comptes : 42 M€ en 2023, 38,6 M€ en 2024",
            "Attrition : 9 % en 2024, contre 6 % en 2022",
            "Cycle de vente : 94 jours, contre 61 jours en 2022",
        ],
    },
    {
        "title": "Nos 14 options rendent l'offre illisible pour les clients",
        "bullets": [
            "Un devis demande en moyenne 3 heures à un commercial",
            "30 % des appels au support portent sur la facturation",
            "Les remises varient de 5 % à 35 % selon le commercial",
        ],
    },
    {
        "title": "Trois paliers remplacent les 14 options dès le 1er avril",
        "bullets": [
            "Essentiel, Pro et Entreprise, chacun avec un prix public",
            "Remise plafonnée à 15 %, validée par la direction commerciale",
            "Revenu récurrent annuel (ARR) visé : +12 % d'ici 2026",
        ],
        "notes": "Montrer la grille tarifaire en annexe si la question est posée.",
    },
    {
        "title": "Une équipe de six personnes pilote le déploiement en trois étapes",
        "table": [
            ["Étape", "Période", "Responsable"],
            ["Pilote avec 20 clients", "T2 2025", "Directrice grands comptes"],
            ["Formation des 45 commerciaux", "T3 2025", "Responsable formation"],
            ["Bascule de tous les contrats", "T4 2025", "Directeur commercial"],
        ],
    },
    {
        "title": "Décision attendue aujourd'hui : lancer le pilote le 1er avril",
        "bullets": [
            "Valider la grille en trois paliers",
            "Nommer la directrice grands comptes pilote du projet",
            "Prochaine étape : point d'avancement au Codir de juin",
        ],
    },
]

PRICING_EN: Spec = [
    {
        "layout": "title",
        "title": "Pricing review",
        "subtitle": "Executive committee – Sales",
    },
    {
        "title": "Executive summary: we ask you to approve three price tiers",
        "bullets": [
            "Our 14 add-ons confuse buyers: churn rose from 6% to 9% in two years",
            "Three tiers would halve the time our reps spend on quotes",
            "Target: 4 more points of gross margin by 2026",
        ],
    },
    {
        "title": "Market overview",
        "bullets": [
            "In order to understand the market, a survey was conducted by the team",
            "Self-service buying grew 40% in two years among mid-market buyers",
            "Various aspects of our pricing are unclear to customers, etc.",
        ],
    },
    {
        "title": "Churn by segment",
        "chart": {
            "categories": ["2022", "2023", "2024"],
            "series": {"Mid-market": [6, 7.5, 9], "Key accounts": [4, 4, 4]},
        },
    },
    {
        "title": "Quotes take our reps 3 hours each",
        "bullets": [
            "30% of support calls are about invoices",
            "Discounts range from 5% to 35% depending on the rep",
        ],
    },
    {
        "title": "Next steps: launch the pilot with 20 customers in April",
        "bullets": [
            "Approve the three-tier price list today",
            "Train the 45 sales reps in May",
        ],
    },
]

SAMPLES = {
    "codir-offre-v1.pptx": (CODIR_V1, "fr"),
    "codir-offre-v2.pptx": (CODIR_V2, "fr"),
    "pricing-review-en.pptx": (PRICING_EN, "en"),
}


def main() -> None:
    for name, (spec, lang) in SAMPLES.items():
        (HERE / name).write_bytes(build_deck(spec, lang=lang))
        print(f"wrote samples/{name}")


if __name__ == "__main__":
    main()
