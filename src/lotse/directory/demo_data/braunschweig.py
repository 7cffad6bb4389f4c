"""The Braunschweig region, kept by the Welcome Center Region Braunschweig.

No recognition service here speaks French (see `counseling.py`).
"""

from __future__ import annotations

from dataclasses import replace

from lotse.directory.demo_data import (
    AGENCY,
    AUTHORITY,
    BS,
    CHAMBER,
    CLUB,
    COUNSEL,
    COUNSEL_SHORT,
    COUNSELING,
    CULTURE,
    EMPLOYMENT,
    EVENING,
    LANGUAGE_SCHOOL,
    OFFICE,
    OTHER,
    RAMP,
    SCHOOL,
    SPORT,
    STAIRS,
    STEP_FREE,
    UNI,
    UNIVERSITY,
    WEEKEND,
    WELFARE,
    at,
    org,
    svc,
)

ALL = "skilled-worker student eu-citizen family-member refugee other"
NON_EU = "skilled-worker student family-member refugee researcher"
LEARNERS = "refugee family-member skilled-worker eu-citizen"

_ORGANISATIONS = [
    org(
        "Welcome Center Region Braunschweig",
        OTHER,
        [at("Braunschweig", "Ackerstraße 22", COUNSEL, accessibility=STEP_FREE)],
        [svc("welcome_first", "residence-title work-job-search family-partner-work", ALL,
             "de en uk ru es", "appointment walk_in phone online")],
    ),
    org(
        "Stadt Braunschweig – Ausländerbehörde",
        AUTHORITY,
        [at("Braunschweig", "Eiermarkt 4", OFFICE, accessibility=STEP_FREE)],
        [
            svc("abh_residence", "residence-title residence-settlement", NON_EU, "de en",
                "appointment online", free=False),
            svc("abh_skilled", "residence-blue-card residence-visa", "skilled-worker researcher",
                "de en", "appointment online phone", free=False),
        ],
    ),
    org(
        "Stadt Braunschweig – Bürgerservice",
        AUTHORITY,
        [at("Braunschweig", "Bohlweg 32", OFFICE, accessibility=RAMP)],
        [svc("registration", "registration-address registration-documents", ALL, "de en tr",
             "appointment walk_in")],
    ),
    org(
        "Landkreis Wolfenbüttel – Ausländerbehörde",
        AUTHORITY,
        [at("Wolfenbüttel", "Bahnhofstraße 13", OFFICE, accessibility=STEP_FREE)],
        [svc("abh_residence", "residence-title", NON_EU, "de en", "appointment",
             free=False)],
    ),
    org(
        "Jobcenter Braunschweig",
        EMPLOYMENT,
        [at("Braunschweig", "Ludwig-Winter-Straße 8", AGENCY, accessibility=STEP_FREE)],
        [svc("jobcenter_benefits", "benefits-citizens-income", "refugee family-member other",
             "de en ar uk", "appointment walk_in online")],
    ),
    org(
        "Agentur für Arbeit Braunschweig-Goslar",
        EMPLOYMENT,
        [at("Braunschweig", "Cyriaksring 12", AGENCY, accessibility=STEP_FREE)],
        [
            svc("job_placement", "work-job-search work-application", "skilled-worker eu-citizen",
                "de en pl", "appointment online phone"),
            svc("career_guidance", "work-apprenticeship", "apprentice student", "de en",
                "appointment walk_in"),
        ],
    ),
    org(
        "Stadt Braunschweig – Fachbereich Kinder, Jugend und Familie",
        AUTHORITY,
        [at("Braunschweig", "Eiermarkt 6", COUNSEL_SHORT, accessibility=STEP_FREE)],
        [svc("kita_placement", "family-childcare", "family-member skilled-worker refugee",
             "de en ar", "appointment phone online")],
    ),
    org(
        "IHK Braunschweig",
        CHAMBER,
        [at("Braunschweig", "Brabandtstraße 13", OFFICE, accessibility=STEP_FREE)],
        [svc("recognition_chamber", "recognition-professional", "skilled-worker refugee",
             "de en", "appointment phone", free=False)],
    ),
    org(
        "Handwerkskammer Braunschweig-Lüneburg-Stade",
        CHAMBER,
        [at("Braunschweig", "Burgplatz 4", OFFICE, accessibility=STAIRS)],
        [svc("recognition_chamber", "recognition-professional", "skilled-worker", "de en ru",
             "appointment", free=False)],
    ),
    org(
        "Technische Universität Braunschweig – International Office",
        UNIVERSITY,
        [at("Braunschweig", "Pockelsstraße 16", UNI, accessibility=STEP_FREE)],
        [
            svc("uni_admission", "studies-admission", "student researcher", "de en",
                "appointment walk_in online"),
            svc("uni_welcome", "residence-visa housing-search", "researcher family-member",
                "de en", "appointment online"),
        ],
    ),
    org(
        "Volkshochschule Braunschweig",
        LANGUAGE_SCHOOL,
        [at("Braunschweig", "Alte Waage 17", SCHOOL, accessibility=STEP_FREE)],
        [
            svc("integration_course", "language-integration-course", LEARNERS, "de en ar uk",
                "appointment walk_in", free=False),
            svc("language_cafe", "language-informal", LEARNERS, "de en", "walk_in"),
        ],
    ),
    org(
        "Volkshochschule Wolfsburg",
        LANGUAGE_SCHOOL,
        [at("Wolfsburg", "Porschestraße 49", SCHOOL, accessibility=RAMP)],
        [svc("integration_course", "language-integration-course", LEARNERS, "de en it",
             "appointment", free=False)],
    ),
    org(
        "Caritasverband Braunschweig",
        WELFARE,
        [
            at("Braunschweig", "Kasernenstraße 30", COUNSEL, accessibility=RAMP),
            at("Salzgitter", "Joachim-Campe-Straße 8", COUNSEL_SHORT, accessibility=STEP_FREE),
        ],
        [svc("migration_counseling", "residence-title language-integration-course",
             "skilled-worker family-member refugee", "de en ar ru", "appointment phone",
             at=(0, 1))],
    ),
    org(
        "Refugium Braunschweig e.V.",
        COUNSELING,
        [at("Braunschweig", "Ritterstraße 9", COUNSEL_SHORT, accessibility=STAIRS)],
        [svc("psychosocial", "health-mental", "refugee", "de en ar fa ti", "appointment phone")],
    ),
    org(
        "Haus der Kulturen Braunschweig e.V.",
        CULTURE,
        [at("Braunschweig", "Am Nordbahnhof 1", EVENING, accessibility=STEP_FREE)],
        [
            svc("cultural", "everyday-clubs everyday-community", ALL, "de en tr ar", "walk_in"),
            svc("migrant_org", "everyday-community", "refugee family-member", "de ar fa tr",
                "walk_in phone"),
        ],
    ),
    org(
        "MTV Braunschweig e.V.",
        SPORT,
        [at("Braunschweig", "Rote Wiese 9", CLUB, accessibility=RAMP)],
        [svc("sport_club", "everyday-clubs", ALL, "de en", "walk_in phone", free=False)],
    ),
    org(
        "Ukrainischer Verein Gifhorn e.V.",
        OTHER,
        [at("Gifhorn", "Steinweg 21", WEEKEND)],
        [svc("migrant_org", "everyday-community asylum-temporary-protection",
             "refugee family-member", "de uk ru", "walk_in phone")],
    ),
]  # fmt: skip

#: Every organisation here is kept by the Braunschweig office.
ORGANISATIONS = [replace(organisation, office=BS) for organisation in _ORGANISATIONS]
