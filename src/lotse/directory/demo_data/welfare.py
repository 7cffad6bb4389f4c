"""Independent welfare providers: migration counseling (MBE), youth migration services (JMD),
refugee counseling, debt counseling and help with housing, in Stuttgart and the region."""

from __future__ import annotations

from lotse.directory.demo_data import (
    COUNSEL,
    COUNSEL_SHORT,
    EVENING,
    RAMP,
    RS,
    STAIRS,
    STEP_FREE,
    WELFARE,
    at,
    org,
    svc,
)

MBE_TOPICS = "residence-title language-integration-course work-job-search"
ADULTS = "skilled-worker family-member refugee eu-citizen"
YOUNG = "apprentice student refugee family-member"
JMD_TOPICS = "work-apprenticeship family-school language-integration-course"

ORGANISATIONS = [
    org(
        "Caritasverband für Stuttgart e.V.",
        WELFARE,
        [
            at("Mitte", "Strombergstraße 11", COUNSEL, accessibility=STEP_FREE),
            at("Bad Cannstatt", "Waiblinger Straße 32", COUNSEL_SHORT, accessibility=RAMP),
        ],
        [
            svc("migration_counseling", MBE_TOPICS, ADULTS, "de en ar fa it",
                "appointment walk_in phone", at=(0, 1)),
            svc("refugee_counseling", "asylum-procedure benefits-asylum-seekers",
                "refugee family-member", "de en ar fa ti", "walk_in appointment", at=(1,)),
            svc("debt_counseling", "money-debt", "other family-member", "de en",
                "appointment phone"),
            svc("ukraine", "asylum-temporary-protection benefits-citizens-income",
                "refugee family-member", "de uk ru", "walk_in phone online"),
        ],
    ),
    org(
        "Evangelische Gesellschaft Stuttgart (eva) – Diakonie",
        WELFARE,
        [
            at("Mitte", "Büchsenstraße 34", COUNSEL, accessibility=STEP_FREE),
            at("Süd", "Filderstraße 19", COUNSEL_SHORT, accessibility=STAIRS),
        ],
        [
            svc("migration_counseling", MBE_TOPICS, ADULTS, "de en ru tr", "appointment phone"),
            svc("emergency_housing", "housing-temporary housing-search", "other refugee",
                "de en", "walk_in phone", at=(1,)),
            svc("debt_counseling", "money-debt money-bank", "other family-member", "de en tr",
                "appointment"),
        ],
    ),
    org(
        "Arbeiterwohlfahrt (AWO) Stuttgart",
        WELFARE,
        [at("Ost", "Olgastraße 63", COUNSEL, accessibility=RAMP)],
        [
            svc("migration_counseling", MBE_TOPICS, ADULTS, "de en el hr sr", "appointment"),
            svc("kita_placement", "family-childcare", "family-member refugee", "de en ar",
                "appointment phone"),
            svc("refugee_counseling", "asylum-procedure family-reunification",
                "refugee family-member", "de ar ku", "walk_in"),
        ],
    ),
    org(
        "DRK-Kreisverband Stuttgart – Migrationsberatung für Erwachsene",
        WELFARE,
        [at("Feuerbach", "Stuttgarter Straße 44", COUNSEL, accessibility=STEP_FREE)],
        [
            svc("migration_counseling", MBE_TOPICS, ADULTS, "de en ar sq", "appointment phone"),
            svc("refugee_counseling", "family-reunification registration-documents",
                "refugee family-member", "de en ar", "appointment",
                note="Suchdienst des DRK: Familienzusammenführung und Suche nach Angehörigen."),
        ],
    ),
    org(
        "Jugendmigrationsdienst Stuttgart – IN VIA",
        WELFARE,
        [at("Mitte", "Reinsburgstraße 13", COUNSEL_SHORT, accessibility=STAIRS)],
        [svc("youth_migration", JMD_TOPICS, YOUNG, "de en ar fr", "appointment walk_in online")],
    ),
    org(
        "Jugendmigrationsdienst der Evangelischen Gesellschaft",
        WELFARE,
        [at("Bad Cannstatt", "Badstraße 31", COUNSEL_SHORT, accessibility=RAMP)],
        [svc("youth_migration", JMD_TOPICS, YOUNG, "de en ru uk tr", "appointment walk_in")],
    ),
    org(
        "Internationaler Bund – Jugendmigrationsdienst Zuffenhausen",
        WELFARE,
        [at("Zuffenhausen", "Ludwigsburger Straße 88", EVENING, accessibility=STEP_FREE)],
        [svc("youth_migration", JMD_TOPICS, YOUNG, "de en fa prs", "walk_in phone")],
    ),
    org(
        "Caritas Ludwigsburg-Waiblingen-Enz",
        WELFARE,
        [
            at("Ludwigsburg", "Eberhardstraße 29", COUNSEL, accessibility=STEP_FREE),
            at("Waiblingen", "Fronackerstraße 40", COUNSEL_SHORT, accessibility=RAMP),
        ],
        [
            svc("migration_counseling", MBE_TOPICS, ADULTS, "de en ar ro", "appointment",
                at=(0, 1)),
            svc("ukraine", "asylum-temporary-protection", "refugee family-member", "de uk ru",
                "walk_in phone", at=(1,)),
        ],
        office=RS,
    ),
    org(
        "Kreisdiakonieverband im Landkreis Esslingen",
        WELFARE,
        [at("Esslingen", "Berliner Straße 27", COUNSEL, accessibility=STEP_FREE)],
        [
            svc("migration_counseling", MBE_TOPICS, ADULTS, "de en tr", "appointment phone"),
            svc("debt_counseling", "money-debt", "other family-member", "de", "appointment"),
            svc("psychosocial", "health-mental", "refugee", "de en ar fa", "appointment phone"),
        ],
        office=RS,
    ),
    org(
        "AWO Kreisverband Böblingen-Tübingen",
        WELFARE,
        [at("Böblingen", "Poststraße 38", COUNSEL_SHORT, accessibility=RAMP)],
        [
            svc("migration_counseling", MBE_TOPICS, ADULTS, "de en it", "appointment"),
            svc("refugee_counseling", "asylum-procedure benefits-asylum-seekers", "refugee",
                "de en ar", "walk_in"),
        ],
        office=RS,
    ),
    org(
        "DRK-Kreisverband Göppingen",
        WELFARE,
        [at("Göppingen", "Pfarrstraße 8", COUNSEL_SHORT, accessibility=STEP_FREE)],
        [svc("refugee_counseling", "asylum-procedure housing-temporary", "refugee",
             "de en ar", "walk_in phone")],
        office=RS,
    ),
]  # fmt: skip
