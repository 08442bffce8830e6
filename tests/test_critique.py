"""The critique as a mentor gives it: one remark per slide and problem, a remark that holds for
many slides said once, and the top fixes in a mentor's order, on whole decks."""

from __future__ import annotations

from analyzer import Config, analyze
from analyzer.critique import MAX_REPEATS
from analyzer.findings import Tier
from tests.builders import build_deck

_LONG = [
    "Clients no longer understand which of our forty options they actually pay for each year",
    "Sales teams spend a third of their week building quotes instead of meeting clients",
    "Renewal rates fell from 92 % to 84 % in two years, mostly among our medium accounts",
    "Competitors sell a single subscription with three tiers and win our accounts on simplicity",
    "We propose to replace the catalogue with three tiers by the end of next year",
    "Decision needed today: approve the three tiers and the pilot budget for the North",
]


_REGIONS = ["North", "West", "South", "East", "Centre", "Islands"]


def _topic_slide(n: int) -> dict[str, object]:
    region = _REGIONS[n - 2]
    return {
        "title": f"{region} region overview",
        "bullets": [f"Revenue grew {n} % in the {region}"],
    }


def test_a_remark_on_many_slides_is_said_once_naming_them() -> None:
    slides = [{"layout": "title", "title": "Regional review"}, *map(_topic_slide, range(2, 8))]
    report = analyze(build_deck(slides, lang="en"), Config(select=frozenset({"MI102"})))
    (remark,) = report.findings
    assert remark.loc.slide_number is None
    assert remark.slide_numbers == (2, 3, 4, 5, 6, 7)
    assert remark.message == (
        "On 6 slides the title names a topic while the body states the point: slides 2, 3, 4, "
        "5, 6 and 7."
    )
    # Each slide keeps its own suggestion, built from its own words, and its marker.
    assert [m.suggestion for m in remark.members][:2] == [
        "Make the point the title: “Revenue grew 2 % in the North”.",
        "Make the point the title: “Revenue grew 3 % in the West”.",
    ]
    assert [m.evidence for m in report.markers_on(4)] == ["South region overview"]


def test_no_message_appears_more_than_three_times() -> None:
    slides = [{"layout": "title", "title": "Regional review"}, *map(_topic_slide, range(2, 5))]
    report = analyze(build_deck(slides, lang="en"), Config(select=frozenset({"MI102"})))
    assert len(report.findings) == MAX_REPEATS == 3
    assert all(not f.members for f in report.findings)


def test_a_slide_over_the_word_limit_gets_one_remark_about_its_length() -> None:
    long_bullets = [b + ", and the committee has asked us for a full review" for b in _LONG]
    slides = [
        {"title": "Our current offer has become too complex to sell", "bullets": long_bullets}
    ]
    codes = ("CN101", "CN102", "CN103", "CL101")
    report = analyze(build_deck(slides, lang="en"), Config(select=frozenset(codes)))
    assert [f.code for f in report.findings] == ["CN102"]


def test_top_fixes_follow_a_mentors_order_and_a_cover_never_ranks_as_overload() -> None:
    names = ", ".join(f"Consultant {n} of the regional sales and pricing team" for n in range(12))
    slides = [
        {"layout": "title", "title": "Commercial offer transformation", "subtitle": names},
        {
            "title": "Agenda",
            "bullets": [f"Part {n}: what we change in region {n}" for n in range(9)],
        },
        {
            "title": "Our offer today",
            "bullets": [
                *_LONG,
                "Twelve price lists, forty options and three discount schemes",
                "Every quote goes through ten steps before it reaches the client",
            ],
        },
        {"title": "Our offer", "bullets": [*_LONG, *_LONG, *_LONG]},
        {"title": "Q3 results", "bullets": ["Revenue grew 12 % in every region but the North"]},
        {"title": "Conclusion", "bullets": ["Three tiers add 4 points of margin by 2026"]},
        {"title": "Timeline", "bullets": ["Pilot in March", "Roll-out in September"]},
        {"title": "Organisation", "bullets": ["A project lead per region"]},
    ]
    report = analyze(build_deck(slides, lang="en"))
    assert [(f.code, f.slide_numbers, f.tier) for f in report.top_fixes] == [
        ("MI106", (), Tier.STORYLINE),
        ("MI107", (), Tier.STORYLINE),
        ("CN102", (4,), Tier.OVERLOAD),  # about three times the limit: first of the overloads
        ("CN102", (3,), Tier.OVERLOAD),  # just over it
        ("MI102", (3,), Tier.TITLES),
    ]
    # The cover's list of names and the agenda's nine items are not overloads.
    assert {f.slide_number for f in report.findings if f.tier is Tier.OVERLOAD} == {3, 4}
