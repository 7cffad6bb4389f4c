"""Chambers, recognition bodies, universities and student services.

No recognition service here speaks French (see `counseling.py`).
"""

from __future__ import annotations

from lotse.directory.demo_data import (
    AUTHORITY,
    CHAMBER,
    COUNSEL,
    COUNSEL_SHORT,
    NONE,
    OFFICE,
    OTHER,
    RAMP,
    RS,
    STAIRS,
    STEP_FREE,
    UNI,
    UNIVERSITY,
    Org,
    Svc,
    at,
    org,
    svc,
)

INTERNATIONAL = "student researcher"


def _university(
    name: str,
    key: str,
    street: str,
    languages: str,
    *,
    office: str = "stuttgart",
    extra: tuple[Svc, ...] = (),
) -> Org:
    return org(
        name,
        UNIVERSITY,
        [at(key, street, UNI, accessibility=STEP_FREE)],
        [
            svc(
                "uni_admission",
                "studies-admission",
                INTERNATIONAL,
                languages,
                "appointment walk_in online",
            ),
            *extra,
        ],
        office=office,
    )


ORGANISATIONS = [
    org(
        "IHK Region Stuttgart",
        CHAMBER,
        [at("Mitte", "Jägerstraße 32", OFFICE, accessibility=STEP_FREE)],
        [
            svc("recognition_chamber", "recognition-professional", "skilled-worker refugee",
                "de en", "appointment phone online", free=False,
                note="Prüfung selbst macht IHK FOSA in Nürnberg; wir beraten vorab."),
            svc("apprenticeship", "work-apprenticeship", "apprentice refugee", "de en tr",
                "appointment phone"),
            svc("business_start", "work-self-employment", "self-employed skilled-worker",
                "de en", "appointment online", free=False),
        ],
    ),
    org(
        "Handwerkskammer Region Stuttgart",
        CHAMBER,
        [at("Mitte", "Heilbronner Straße 45", OFFICE, accessibility=RAMP)],
        [
            svc("recognition_chamber", "recognition-professional recognition-adaptation",
                "skilled-worker refugee", "de en tr", "appointment phone", free=False),
            svc("apprenticeship", "work-apprenticeship", "apprentice refugee", "de en ar",
                "appointment walk_in"),
        ],
    ),
    org(
        "Zentralstelle für ausländisches Bildungswesen (ZAB)",
        AUTHORITY,
        [at("Bonn", "Graurheindorfer Straße 157", NONE)],
        [svc("recognition_academic", "recognition-academic", "skilled-worker researcher",
             "de en", "online", free=False)],
    ),
    org(
        "Akademie für Gesundheitsberufe am Klinikum Stuttgart",
        OTHER,
        [at("Mitte", "Kriegsbergstraße 62", COUNSEL_SHORT, accessibility=STEP_FREE)],
        [svc("adaptation_training", "recognition-adaptation recognition-regulated",
             "skilled-worker", "de en", "appointment", free=False),
         svc("job_german", "language-job-german", "skilled-worker", "de en",
             "appointment")],
    ),
    _university(
        "Universität Stuttgart – International Office",
        "Vaihingen",
        "Pfaffenwaldring 60",
        "de en zh",
        extra=(
            svc("uni_welcome", "residence-visa housing-search", "researcher family-member",
                "de en", "appointment online", at=(0,)),
            svc("scholarship", "studies-financing studies-work", INTERNATIONAL, "de en",
                "appointment online"),
        ),
    ),
    _university(
        "Universität Hohenheim – Akademisches Auslandsamt",
        "Möhringen",
        "Schloss Hohenheim 5",
        "de en es",
        extra=(svc("scholarship", "studies-financing", INTERNATIONAL, "de en", "online phone"),),
    ),
    _university("Hochschule für Technik Stuttgart – International Office", "Mitte",
                "Schellingstraße 28", "de en"),
    _university("Hochschule der Medien Stuttgart – International Office", "Vaihingen",
                "Nobelstraße 14", "de en fr"),
    _university("Duale Hochschule Baden-Württemberg Stuttgart – International Center", "Mitte",
                "Jägerstraße 58", "de en"),
    _university("Hochschule Esslingen – International Office", "Esslingen",
                "Kanalstraße 31", "de en", office=RS),
    _university("Pädagogische Hochschule Ludwigsburg – Akademisches Auslandsamt",
                "Ludwigsburg", "Reuteallee 40", "de en", office=RS),
    org(
        "Studierendenwerk Stuttgart",
        OTHER,
        [
            at("Mitte", "Rosenbergstraße 18", COUNSEL, accessibility=STEP_FREE),
            at("Vaihingen", "Pfaffenwaldring 45", COUNSEL_SHORT, accessibility=STAIRS),
        ],
        [
            svc("student_housing", "housing-search", "student", "de en",
                "online walk_in", free=False, at=(0, 1)),
            svc("scholarship", "studies-financing", "student", "de en tr", "appointment phone"),
        ],
    ),
]  # fmt: skip
