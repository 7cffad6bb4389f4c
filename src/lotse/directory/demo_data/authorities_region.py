"""Authorities and employment agencies in the towns of the Stuttgart region (kept by the region)."""

from __future__ import annotations

from lotse.directory.demo_data import (
    AGENCY,
    AUTHORITY,
    COUNSEL_SHORT,
    EMPLOYMENT,
    OFFICE,
    RAMP,
    RS,
    STAIRS,
    STEP_FREE,
    at,
    org,
    svc,
)

ALL = "skilled-worker student eu-citizen family-member refugee other"
NON_EU = "skilled-worker student family-member refugee researcher"

# (town, name of the district office, street, languages besides German and English)
IMMIGRATION_OFFICES = [
    ("Esslingen", "Landratsamt Esslingen", "Pulverwiesen 11", "tr"),
    ("Ludwigsburg", "Landratsamt Ludwigsburg", "Hindenburgstraße 40", ""),
    ("Böblingen", "Landratsamt Böblingen", "Parkstraße 16", "it"),
    ("Waiblingen", "Landratsamt Rems-Murr-Kreis", "Alter Postplatz 10", ""),
    ("Göppingen", "Landratsamt Göppingen", "Lorcher Straße 6", "tr"),
]

CITIZEN_OFFICES = [
    ("Esslingen", "Bürgeramt Esslingen am Neckar", "Ritterstraße 14", "tr el"),
    ("Ludwigsburg", "Bürgerbüro Ludwigsburg", "Wilhelmstraße 11", "it"),
    ("Böblingen", "Bürgeramt Böblingen", "Marktplatz 16", ""),
]

ORGANISATIONS = [
    *[
        org(
            f"{office} – Ausländerbehörde",
            AUTHORITY,
            [at(town, street, OFFICE, accessibility=STEP_FREE if index % 2 else RAMP)],
            [
                svc("abh_residence", "residence-title residence-settlement", NON_EU,
                    f"de en {extra}", "appointment online", free=False),
                *(
                    [svc("abh_skilled", "residence-blue-card residence-visa",
                         "skilled-worker researcher", "de en", "appointment online phone",
                         free=False)]
                    if town == "Esslingen"
                    else []
                ),
                *(
                    [svc("abh_family", "family-reunification", "family-member refugee", "de en",
                         "appointment", free=False)]
                    if town == "Ludwigsburg"
                    else []
                ),
            ],
            office=RS,
        )
        for index, (town, office, street, extra) in enumerate(IMMIGRATION_OFFICES)
    ],
    *[
        org(
            name,
            AUTHORITY,
            [at(town, street, OFFICE, accessibility=STEP_FREE)],
            [svc("registration", "registration-address registration-documents", ALL,
                 f"de en {extra}", "appointment walk_in")],
            office=RS,
        )
        for town, name, street, extra in CITIZEN_OFFICES
    ],
    org(
        "Jobcenter Landkreis Esslingen",
        EMPLOYMENT,
        [at("Esslingen", "Bahnhofstraße 19", AGENCY, accessibility=STEP_FREE)],
        [svc("jobcenter_benefits", "benefits-citizens-income", "refugee family-member other",
             "de en ar tr", "appointment walk_in online")],
        office=RS,
    ),
    org(
        "Jobcenter Landkreis Ludwigsburg",
        EMPLOYMENT,
        [at("Ludwigsburg", "Stuttgarter Straße 52", AGENCY, accessibility=STEP_FREE)],
        [
            svc("jobcenter_benefits", "benefits-citizens-income", "refugee family-member other",
                "de en ar uk", "appointment online"),
            svc("job_placement", "work-job-search", "refugee other", "de en ar",
                "appointment"),
        ],
        office=RS,
    ),
    org(
        "Agentur für Arbeit Ludwigsburg",
        EMPLOYMENT,
        [at("Ludwigsburg", "Stuttgarter Straße 58", AGENCY, accessibility=STEP_FREE)],
        [
            svc("job_placement", "work-job-search work-application",
                "skilled-worker eu-citizen", "de en", "appointment online phone"),
            svc("career_guidance", "work-apprenticeship", "apprentice", "de en",
                "appointment walk_in"),
        ],
        office=RS,
    ),
    org(
        "Agentur für Arbeit Göppingen",
        EMPLOYMENT,
        [at("Göppingen", "Mörikestraße 19", AGENCY, accessibility=RAMP)],
        [svc("job_placement", "work-job-search", "skilled-worker eu-citizen refugee", "de en",
             "appointment online phone")],
        office=RS,
    ),
    org(
        "Agentur für Arbeit Waiblingen",
        EMPLOYMENT,
        [at("Waiblingen", "Mayenner Straße 62", AGENCY, accessibility=STEP_FREE)],
        [svc("career_guidance", "work-apprenticeship", "apprentice student", "de en",
             "appointment online")],
        office=RS,
    ),
    org(
        "Kreisjugendamt Esslingen – Kita-Beratung",
        AUTHORITY,
        [at("Esslingen", "Pulverwiesen 13", COUNSEL_SHORT, accessibility=STAIRS)],
        [svc("kita_placement", "family-childcare", "family-member skilled-worker refugee",
             "de en tr", "appointment phone")],
        office=RS,
    ),
    org(
        "Landratsamt Böblingen – Kreisjugendamt",
        AUTHORITY,
        [at("Böblingen", "Parkstraße 18", COUNSEL_SHORT, accessibility=STEP_FREE)],
        [svc("youth_office", "family-school", "family-member refugee", "de en",
             "appointment phone")],
        office=RS,
    ),
]  # fmt: skip
