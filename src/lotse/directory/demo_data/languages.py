"""Language course providers: adult education centres and integration-course providers."""

from __future__ import annotations

from lotse.directory.demo_data import (
    EVENING,
    LANGUAGE_SCHOOL,
    RAMP,
    RS,
    SCHOOL,
    STAIRS,
    STEP_FREE,
    WEEKEND,
    Svc,
    at,
    org,
    svc,
)

LEARNERS = "refugee family-member skilled-worker eu-citizen"
COURSE = "language-integration-course"


def _course(
    languages: str, *, at: tuple[int, ...] = (0,), access: str = "appointment walk_in"
) -> Svc:
    return svc("integration_course", COURSE, LEARNERS, languages, access, free=False, at=at)


ORGANISATIONS = [
    org(
        "Volkshochschule Stuttgart",
        LANGUAGE_SCHOOL,
        [
            at("Mitte", "Rotebühlplatz 28", SCHOOL, name="TREFFPUNKT Rotebühlplatz",
               accessibility=STEP_FREE),
            at("Bad Cannstatt", "Überkinger Straße 21", SCHOOL, accessibility=RAMP),
        ],
        [
            _course("de en ar tr", at=(0, 1)),
            svc("job_german", "language-job-german", "skilled-worker refugee", "de en",
                "appointment online"),
            svc("language_exam", "language-certificates", LEARNERS, "de en", "online",
                free=False),
            svc("language_cafe", "language-informal", LEARNERS, "de", "walk_in", at=(1,)),
        ],
    ),
    org(
        "Internationaler Bund (IB) – Sprachschule Stuttgart",
        LANGUAGE_SCHOOL,
        [at("Nord", "Wolframstraße 19", SCHOOL, accessibility=STEP_FREE)],
        [
            _course("de en ar ru uk"),
            svc("job_german", "language-job-german language-certificates", "skilled-worker",
                "de en", "appointment"),
        ],
    ),
    org(
        "Euro-Schulen Stuttgart",
        LANGUAGE_SCHOOL,
        [at("Mitte", "Kronenstraße 23", SCHOOL, accessibility=STEP_FREE)],
        [
            _course("de en fa ar"),
            svc("job_german", "language-job-german", "skilled-worker refugee", "de en fa",
                "appointment online"),
        ],
    ),
    org(
        "Kolping-Bildungswerk Stuttgart",
        LANGUAGE_SCHOOL,
        [at("West", "Schwabstraße 42", SCHOOL, accessibility=STAIRS)],
        [_course("de en tr it")],
    ),
    org(
        "inlingua Sprachschule Stuttgart",
        LANGUAGE_SCHOOL,
        [at("Mitte", "Königstraße 37", SCHOOL, accessibility=STEP_FREE)],
        [
            _course("de en es fr", access="appointment online"),
            svc("language_exam", "language-certificates", LEARNERS, "de en", "online",
                free=False),
        ],
    ),
    org(
        "Bildungswerk der Baden-Württembergischen Wirtschaft – Deutsch für den Beruf",
        LANGUAGE_SCHOOL,
        [at("Feuerbach", "Grazer Straße 12", SCHOOL, accessibility=STEP_FREE)],
        [svc("job_german", "language-job-german", "skilled-worker", "de en",
             "appointment online")],
    ),
    org(
        "Sprachschule Vaihingen – Integrationskurse",
        LANGUAGE_SCHOOL,
        [at("Vaihingen", "Hauptstraße 26", SCHOOL, accessibility=RAMP)],
        [_course("de en ru uk")],
    ),
    org(
        "Stadtteilhaus Weilimdorf – Deutsch für Frauen und Eltern",
        LANGUAGE_SCHOOL,
        [at("Weilimdorf", "Ditzinger Straße 5", WEEKEND, accessibility=STEP_FREE)],
        [
            _course("de ar fa ps", access="walk_in phone"),
            svc("language_cafe", "language-informal", "family-member refugee", "de ar fa",
                "walk_in"),
        ],
    ),
    org(
        "Volkshochschule Esslingen",
        LANGUAGE_SCHOOL,
        [at("Esslingen", "Mühlberger Straße 8", SCHOOL, accessibility=STEP_FREE)],
        [_course("de en tr")],
        office=RS,
    ),
    org(
        "Volkshochschule Ludwigsburg",
        LANGUAGE_SCHOOL,
        [at("Ludwigsburg", "Stuttgarter Straße 14", SCHOOL, accessibility=STEP_FREE)],
        [
            _course("de en ar"),
            svc("language_cafe", "language-informal", LEARNERS, "de en", "walk_in"),
        ],
        office=RS,
    ),
    org(
        "Volkshochschule Böblingen-Sindelfingen",
        LANGUAGE_SCHOOL,
        [at("Böblingen", "Pestalozzistraße 7", SCHOOL, accessibility=RAMP)],
        [_course("de en it")],
        office=RS,
    ),
    org(
        "Volkshochschule Unteres Remstal",
        LANGUAGE_SCHOOL,
        [at("Waiblingen", "Karlstraße 12", SCHOOL, accessibility=STEP_FREE)],
        [_course("de en uk ru"),
         svc("language_exam", "language-certificates", LEARNERS, "de", "online", free=False)],
        office=RS,
    ),
    org(
        "Volkshochschule Göppingen",
        LANGUAGE_SCHOOL,
        [at("Göppingen", "Mörikestraße 16", EVENING, accessibility=STAIRS)],
        [_course("de en tr")],
        office=RS,
    ),
]  # fmt: skip
