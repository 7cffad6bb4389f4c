"""Counseling services in Stuttgart: recognition, the Welcome Center, legal, health, money.

The IQ recognition counseling is the only service with a recognition topic that speaks French,
so referral suggestions rank it first for topics=recognition, language=fr.
"""

from __future__ import annotations

from lotse.directory.demo_data import (
    COUNSEL,
    COUNSEL_SHORT,
    COUNSELING,
    EVENING,
    HEARING,
    NONE,
    OFFICE,
    OTHER,
    RAMP,
    RS,
    STAIRS,
    STEP_FREE,
    at,
    org,
    svc,
)

ORGANISATIONS = [
    org(
        "IQ Netzwerk Baden-Württemberg – Anerkennungsberatung Stuttgart",
        COUNSELING,
        [
            at("Mitte", "Lautenschlagerstraße 41", COUNSEL, accessibility=STEP_FREE),
            at("Bad Cannstatt", "König-Karl-Straße 17", COUNSEL_SHORT, accessibility=RAMP),
        ],
        [
            svc(
                "recognition_iq",
                "recognition-professional recognition-regulated",
                "skilled-worker refugee eu-citizen family-member",
                "de fr ar en ru",
                "appointment phone online",
                at=(0, 1),
                note="Beratung auf Französisch dienstags und donnerstags; bei Pflegeberufen "
                "direkt an das Regierungspräsidium weiterleiten lassen.",
            ),
            svc(
                "labour_rights",
                "work-rights",
                "refugee skilled-worker",
                "de en ar fa fr",
                "appointment phone",
                note="Projekt „Faire Integration“ im IQ Netzwerk.",
            ),
        ],
    ),
    org(
        "Welcome Center Stuttgart",
        OTHER,
        [at("Mitte", "Charlottenplatz 17", COUNSEL, accessibility=f"{STEP_FREE} {HEARING}")],
        [
            svc(
                "welcome_first",
                "residence-title work-job-search language-integration-course",
                "skilled-worker student eu-citizen family-member refugee",
                "de en fr es it ar tr ru uk",
                "appointment walk_in phone online",
            ),
            svc(
                "sponsors",
                "everyday-volunteering",
                "refugee family-member skilled-worker",
                "de en ar uk",
                "appointment",
                note="Vermittlung über die Koordination Willkommenspaten.",
            ),
        ],
    ),
    org(
        "Welcome Service Region Stuttgart",
        OTHER,
        [at("Mitte", "Friedrichstraße 10", COUNSEL, accessibility=STEP_FREE)],
        [
            svc(
                "welcome_first",
                "residence-visa work-job-search family-partner-work",
                "skilled-worker family-member researcher",
                "de en es it pl ro",
                "appointment phone online",
            )
        ],
        office=RS,
    ),
    org(
        "refugio stuttgart e.V. – Psychosoziales Zentrum für Geflüchtete",
        COUNSELING,
        [at("Ost", "Neckarstraße 127", COUNSEL, accessibility=STAIRS)],
        [
            svc(
                "psychosocial",
                "health-mental",
                "refugee family-member",
                "de en ar fa prs ti ku",
                "appointment phone",
                note="Warteliste; Kinder- und Jugendsprechstunde mittwochs.",
            )
        ],
    ),
    org(
        "Arbeitskreis Asyl Stuttgart e.V.",
        COUNSELING,
        [at("Mitte", "Hauptstätter Straße 57", EVENING, accessibility=STAIRS)],
        [
            svc(
                "asylum_legal",
                "asylum-legal-advice asylum-procedure",
                "refugee",
                "de en ar fa fr",
                "walk_in appointment",
            ),
            svc(
                "refugee_counseling",
                "asylum-procedure benefits-asylum-seekers",
                "refugee family-member",
                "de en ar fa",
                "walk_in phone",
            ),
        ],
    ),
    org(
        "Fraueninformationszentrum FIZ",
        COUNSELING,
        [at("West", "Moserstraße 10", COUNSEL, accessibility=RAMP)],
        [
            svc(
                "women_counseling",
                "residence-title work-rights",
                "refugee eu-citizen family-member other",
                "de en es pt ro bg th",
                "appointment phone",
            )
        ],
    ),
    org(
        "pro familia Stuttgart",
        COUNSELING,
        [at("Mitte", "Schloßstraße 60", COUNSEL, accessibility=STEP_FREE)],
        [
            svc(
                "family_counseling",
                "benefits-family health-doctors",
                "family-member refugee other",
                "de en tr ar",
                "appointment phone",
            )
        ],
    ),
    org(
        "Mieterverein Stuttgart und Umgebung e.V.",
        COUNSELING,
        [at("Mitte", "Moserstraße 5", OFFICE, accessibility=STEP_FREE)],
        [
            svc(
                "tenant_advice",
                "housing-rent",
                "skilled-worker student family-member other",
                "de en tr it",
                "appointment phone",
                free=False,
            )
        ],
    ),
    org(
        "Verbraucherzentrale Baden-Württemberg",
        COUNSELING,
        [at("Mitte", "Paulinenstraße 47", COUNSEL_SHORT, accessibility=STEP_FREE)],
        [
            svc(
                "consumer_advice",
                "money-bank health-other-insurance",
                "skilled-worker student refugee other",
                "de en",
                "appointment phone online",
                free=False,
            )
        ],
    ),
    org(
        "Unabhängige Patientenberatung Deutschland – Beratungsstelle Stuttgart",
        COUNSELING,
        [at("Süd", "Tübinger Straße 15", NONE)],
        [
            svc(
                "health_insurance",
                "health-insurance health-doctors",
                "skilled-worker student eu-citizen refugee other",
                "de en tr ru ar",
                "phone online",
            )
        ],
    ),
    org(
        "Schuldnerberatung im Sozialamt Stuttgart",
        COUNSELING,
        [at("Mitte", "Eberhardstraße 33", COUNSEL, accessibility=STEP_FREE)],
        [
            svc(
                "debt_counseling",
                "money-debt money-bank",
                "other refugee family-member",
                "de en tr",
                "appointment phone",
            )
        ],
    ),
    org(
        "Ambulante Hilfe Stuttgart e.V. – Fachberatung Wohnen",
        COUNSELING,
        [at("Süd", "Kreuznacher Straße 41", COUNSEL, accessibility=RAMP)],
        [
            svc(
                "emergency_housing",
                "housing-temporary housing-rent",
                "other refugee eu-citizen",
                "de en",
                "walk_in phone",
            )
        ],
    ),
    org(
        "Faire Mobilität – Beratungsstelle Stuttgart",
        COUNSELING,
        [at("Mitte", "Willi-Bleicher-Straße 20", COUNSEL_SHORT, accessibility=STEP_FREE)],
        [
            svc(
                "labour_rights",
                "work-rights",
                "eu-citizen skilled-worker",
                "de pl ro bg hu",
                "appointment phone walk_in",
            )
        ],
    ),
    org(
        "Wirtschaftsförderung Stuttgart – Gründungsberatung",
        OTHER,
        [at("Mitte", "Königstraße 10", OFFICE, accessibility=STEP_FREE)],
        [
            svc(
                "business_start",
                "work-self-employment",
                "self-employed skilled-worker",
                "de en tr it",
                "appointment online",
            )
        ],
    ),
    org(
        "Tageselternverein Stuttgart e.V.",
        COUNSELING,
        [at("Ost", "Haußmannstraße 6", COUNSEL, accessibility=RAMP)],
        [
            svc(
                "childminding",
                "family-childcare",
                "family-member skilled-worker",
                "de en tr",
                "appointment phone",
            )
        ],
    ),
    org(
        "Elternseminar Stuttgart – Kita-Beratung für zugewanderte Familien",
        COUNSELING,
        [
            at("Bad Cannstatt", "Marktstraße 29", COUNSEL_SHORT, accessibility=STEP_FREE),
            at("Zuffenhausen", "Unterländer Straße 72", COUNSEL_SHORT),
        ],
        [
            svc(
                "kita_placement",
                "family-childcare family-school",
                "family-member refugee skilled-worker",
                "de en ar tr uk",
                "walk_in appointment phone",
                at=(0, 1),
            )
        ],
    ),
    org(
        "Wohnen für Alle Stuttgart e.V.",
        COUNSELING,
        [at("Ost", "Schwarenbergstraße 73", COUNSEL_SHORT, accessibility=STAIRS)],
        [
            svc(
                "housing_counseling",
                "housing-search housing-rent",
                "refugee family-member skilled-worker",
                "de en ar fa",
                "walk_in appointment",
            )
        ],
    ),
    org(
        "Stadtbibliothek Stuttgart",
        OTHER,
        [
            at("Mitte", "Mailänder Platz 7", EVENING, accessibility=STEP_FREE),
            at("Bad Cannstatt", "Überkinger Straße 15", EVENING, accessibility=RAMP),
        ],
        [
            svc(
                "language_cafe",
                "language-informal",
                "refugee family-member student other",
                "de en",
                "walk_in",
                at=(0, 1),
            )
        ],
    ),
    org(
        "VVS Kundenzentrum Stuttgart",
        OTHER,
        [at("Mitte", "Arnulf-Klett-Platz 5", OFFICE, accessibility=STEP_FREE)],
        [svc("mobility", "everyday-mobility", "other student", "de en", "walk_in phone online")],
    ),
    org(
        "AOK Baden-Württemberg – KundenCenter Stuttgart",
        OTHER,
        [at("Mitte", "Breitscheidstraße 20", OFFICE, accessibility=f"{STEP_FREE} {HEARING}")],
        [
            svc(
                "health_insurance",
                "health-insurance",
                "skilled-worker student eu-citizen family-member",
                "de en tr it el hr",
                "walk_in appointment phone online",
            )
        ],
    ),
    org(
        "Freiwilligenagentur Stuttgart",
        OTHER,
        [at("West", "Augustenstraße 39", COUNSEL_SHORT, accessibility=RAMP)],
        [
            svc(
                "sponsors",
                "everyday-volunteering everyday-community",
                "refugee family-member",
                "de en",
                "appointment online",
            )
        ],
    ),
]
