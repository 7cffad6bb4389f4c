"""Authorities of the City of Stuttgart and federal and state offices in Stuttgart."""

from __future__ import annotations

from lotse.directory.demo_data import (
    AGENCY,
    AUTHORITY,
    COUNSEL,
    COUNSEL_SHORT,
    EMPLOYMENT,
    HEARING,
    NONE,
    OFFICE,
    RAMP,
    STEP_FREE,
    at,
    org,
    svc,
)

ALL = "skilled-worker student eu-citizen family-member refugee other"
NON_EU = "skilled-worker student family-member refugee researcher"

# (district, street, languages spoken besides German and English)
BUERGERBUEROS = [
    ("Mitte", "Eberhardstraße 48", "tr it"),
    ("Nord", "Heilbronner Straße 115", ""),
    ("Süd", "Böblinger Straße 92", "el"),
    ("Ost", "Schönbühlstraße 65", "tr"),
    ("West", "Bebelstraße 22", "it"),
    ("Bad Cannstatt", "Marktplatz 10", "tr hr"),
    ("Feuerbach", "Wiener Straße 80", "tr"),
    ("Zuffenhausen", "Emil-Schuler-Platz 3", "it"),
    ("Vaihingen", "Vaihinger Markt 19", ""),
    ("Degerloch", "Große Falterstraße 2", ""),
    ("Möhringen", "Filderbahnplatz 32", "ru"),
    ("Weilimdorf", "Löwen-Markt 1", "tr"),
]

ORGANISATIONS = [
    org(
        "Abteilung Ausländerangelegenheiten (Ausländerbehörde) Stuttgart",
        AUTHORITY,
        [
            at("Mitte", "Eberhardstraße 61", OFFICE, accessibility=f"{STEP_FREE} {HEARING}"),
            at("Bad Cannstatt", "Bahnhofstraße 26", COUNSEL_SHORT, accessibility=RAMP),
        ],
        [
            svc("abh_residence", "residence-title residence-settlement", NON_EU, "de en",
                "appointment online", free=False, at=(0, 1)),
            svc("abh_skilled", "residence-blue-card residence-visa", "skilled-worker researcher",
                "de en", "appointment online phone", free=False,
                note="Service Center Fachkräfte; Anfragen von Arbeitgebern per E-Mail."),
            svc("abh_family", "family-reunification residence-title", "family-member refugee",
                "de en", "appointment online", free=False),
            svc("naturalisation", "residence-settlement", "skilled-worker family-member other",
                "de en", "appointment online", free=False),
        ],
    ),
    *[
        org(
            f"Bürgerbüro {district}",
            AUTHORITY,
            [at(district, street, OFFICE, accessibility=STEP_FREE if index % 3 else RAMP)],
            [svc("registration", "registration-address registration-documents", ALL,
                 f"de en {extra}", "appointment walk_in")],
        )
        for index, (district, street, extra) in enumerate(BUERGERBUEROS)
    ],
    org(
        "Führerscheinstelle Stuttgart",
        AUTHORITY,
        [at("Bad Cannstatt", "Krailenshaldenstraße 44", OFFICE, accessibility=STEP_FREE)],
        [svc("driving_licence", "registration-driving-licence", ALL, "de en",
             "appointment online", free=False)],
    ),
    org(
        "Standesamt Stuttgart",
        AUTHORITY,
        [at("Mitte", "Marktplatz 4", OFFICE, accessibility=STEP_FREE)],
        [svc("civil_registry", "registration-documents family-reunification", ALL, "de en",
             "appointment", free=False)],
    ),
    org(
        "Jobcenter Stuttgart",
        EMPLOYMENT,
        [
            at("Mitte", "Rosenbergstraße 48", AGENCY, accessibility=STEP_FREE),
            at("Bad Cannstatt", "Daimlerstraße 30", AGENCY, accessibility=STEP_FREE),
        ],
        [
            svc("jobcenter_benefits", "benefits-citizens-income", "refugee family-member other",
                "de en ar tr uk", "appointment walk_in online phone", at=(0, 1)),
            svc("job_placement", "work-job-search work-application", "refugee other",
                "de en ar uk", "appointment", at=(0, 1)),
        ],
    ),
    org(
        "Agentur für Arbeit Stuttgart",
        EMPLOYMENT,
        [at("Nord", "Nordbahnhofstraße 30", AGENCY, accessibility=f"{STEP_FREE} {HEARING}")],
        [
            svc("job_placement", "work-job-search work-application",
                "skilled-worker eu-citizen family-member", "de en es it",
                "appointment online phone",
                note="Welcome Desk für internationale Fachkräfte im Erdgeschoss."),
            svc("career_guidance", "work-apprenticeship", "apprentice student", "de en tr",
                "appointment walk_in online"),
        ],
    ),
    org(
        "Familienkasse Baden-Württemberg Ost",
        AUTHORITY,
        [at("Nord", "Nordbahnhofstraße 32", NONE)],
        [svc("child_benefit", "benefits-family", "family-member skilled-worker eu-citizen",
             "de en", "online phone")],
    ),
    org(
        "Sozialamt Stuttgart",
        AUTHORITY,
        [at("Mitte", "Eberhardstraße 33", OFFICE, accessibility=STEP_FREE)],
        [
            svc("asylum_benefits", "benefits-asylum-seekers", "refugee family-member",
                "de en ar fa", "appointment walk_in"),
            svc("housing_benefit", "benefits-housing", "other family-member", "de en tr",
                "appointment online"),
        ],
    ),
    org(
        "Jugendamt Stuttgart",
        AUTHORITY,
        [
            at("Mitte", "Wilhelmstraße 3", COUNSEL, accessibility=STEP_FREE),
            at("Feuerbach", "Stuttgarter Straße 30", COUNSEL_SHORT, accessibility=RAMP),
            at("Vaihingen", "Robert-Leicht-Straße 5", COUNSEL_SHORT, accessibility=STEP_FREE),
        ],
        [
            svc("kita_placement", "family-childcare", "family-member skilled-worker refugee",
                "de en tr ar", "appointment walk_in phone", at=(0, 2),
                note="Servicestelle Kita-Platz-Vermittlung; Platzvergabe über das Elternportal."),
            svc("youth_office", "family-school family-childcare", "family-member refugee",
                "de en tr", "appointment phone", at=(0, 1)),
        ],
    ),
    org(
        "Staatliches Schulamt Stuttgart",
        AUTHORITY,
        [at("Ost", "Bebelstraße 48", COUNSEL_SHORT, accessibility=RAMP)],
        [svc("school_enrolment", "family-school", "family-member refugee", "de en",
             "appointment phone")],
    ),
    org(
        "Gesundheitsamt Stuttgart",
        AUTHORITY,
        [at("Mitte", "Schloßstraße 91", COUNSEL, accessibility=STEP_FREE)],
        [svc("health_office", "health-doctors", ALL, "de en", "appointment walk_in phone")],
    ),
    org(
        "Finanzamt Stuttgart I",
        AUTHORITY,
        [at("Mitte", "Rotebühlplatz 32", OFFICE, accessibility=STEP_FREE)],
        [svc("tax_office", "registration-tax-id money-taxes", ALL, "de en",
             "appointment walk_in online phone")],
    ),
    org(
        "Regierungspräsidium Stuttgart",
        AUTHORITY,
        [at("Vaihingen", "Ruppmannstraße 35", NONE, accessibility=STEP_FREE)],
        [
            svc("recognition_regulated", "recognition-regulated", "skilled-worker refugee",
                "de en", "online phone", free=False,
                note="Zuständig für Pflege, Hebammen, Physiotherapie; Ärztinnen und Ärzte: "
                "Landesprüfungsamt."),
            svc("recognition_teacher", "recognition-regulated", "skilled-worker", "de",
                "online phone", free=False),
        ],
    ),
    org(
        "L-Bank – Elterngeldstelle",
        AUTHORITY,
        [at("Mitte", "Börsenplatz 3", NONE)],
        [svc("parental_allowance", "benefits-family", "family-member skilled-worker",
             "de en", "online phone")],
    ),
    org(
        "Amt für Stadtplanung und Wohnen – Wohnungsvermittlung",
        AUTHORITY,
        [at("Mitte", "Eberhardstraße 10", OFFICE, accessibility=STEP_FREE)],
        [svc("housing_counseling", "housing-search benefits-housing",
             "refugee family-member other", "de en", "appointment walk_in online")],
    ),
]  # fmt: skip
