"""Sport clubs, cultural associations and migrant self-organisations: places to meet people.

Migrant self-organisations have fictional names, one in every Stuttgart district and region town.
"""

from __future__ import annotations

from lotse.directory.demo_data import (
    CLUB,
    CULTURE,
    EVENING,
    MIGRANT,
    OTHER,
    RAMP,
    RS,
    SPORT,
    STAIRS,
    STEP_FREE,
    WEEKEND,
    S,
    at,
    org,
    svc,
)

EVERYONE = "family-member refugee skilled-worker student eu-citizen other"

# (name, place, street, languages, free, owner office)
SPORT_CLUBS = [
    ("MTV Stuttgart 1843 e.V.", "Nord", "Kräherwald 201", "de en", False, S),
    ("TV Cannstatt 1846 e.V.", "Bad Cannstatt", "Tennwiesenstraße 12", "de en tr", False, S),
    ("Sportvereinigung Feuerbach 1883 e.V.", "Feuerbach", "Hohewartstraße 5", "de tr it", False, S),
    ("TSV Weilimdorf e.V.", "Weilimdorf", "Solitudestraße 219", "de en", False, S),
    ("SV Vaihingen e.V.", "Vaihingen", "Katzenbachstraße 56", "de en", False, S),
    ("TSV Möhringen e.V.", "Möhringen", "Vaihinger Straße 90", "de", False, S),
    ("Post SV Stuttgart e.V.", "Bad Cannstatt", "Wiener Straße 12", "de en es", False, S),
    (
        "Sportkreis Stuttgart – Integration durch Sport",
        "Mitte",
        "Fritz-Walter-Weg 21",
        "de en ar fa",
        True,
        S,
    ),
    ("TSG Esslingen e.V.", "Esslingen", "Weilstraße 25", "de tr", False, RS),
    ("MTV Ludwigsburg e.V.", "Ludwigsburg", "Bebenhäuser Straße 43", "de en", False, RS),
]

# (name, place, street, languages, hours, accessibility)
CULTURAL = [
    (
        "Forum der Kulturen Stuttgart e.V.",
        "Mitte",
        "Marktplatz 6",
        "de en fr es tr",
        EVENING,
        STEP_FREE,
    ),
    (
        "Deutsch-Türkisches Forum Stuttgart e.V.",
        "Mitte",
        "Kronprinzstraße 18",
        "de tr",
        EVENING,
        RAMP,
    ),
    ("Institut Français Stuttgart", "Mitte", "Schloßstraße 57", "de fr", EVENING, STEP_FREE),
    (
        "Deutsch-Amerikanisches Zentrum Stuttgart",
        "Mitte",
        "Charlottenplatz 19",
        "de en",
        EVENING,
        STEP_FREE,
    ),
    ("Theaterhaus Stuttgart", "Feuerbach", "Siemensstraße 13", "de en", WEEKEND, STEP_FREE),
    ("Kulturzentrum Merlin", "West", "Augustenstraße 74", "de en", EVENING, STAIRS),
    ("Istituto Italiano di Cultura Stoccarda", "Süd", "Kolbstraße 8", "de it", EVENING, RAMP),
]

# (name, place, street, languages, owner office)
MIGRANT_ORGANISATIONS = [
    (
        "Kurdisches Gemeinschaftszentrum Stuttgart e.V.",
        "Mitte",
        "Leonhardsplatz 4",
        "de ku kmr ar tr",
        S,
    ),
    ("Afrikanischer Kulturverein Stuttgart-Nord e.V.", "Nord", "Mönchstraße 21", "de en fr", S),
    ("Indischer Kulturverein Stuttgart-Süd e.V.", "Süd", "Möhringer Straße 61", "de en hi ta", S),
    ("Eritreische Gemeinschaft Stuttgart-Ost e.V.", "Ost", "Ostendstraße 44", "de ti ar", S),
    ("Latinoamérica en Stuttgart e.V.", "West", "Rotebühlstraße 133", "de es pt", S),
    ("Syrisches Haus Bad Cannstatt e.V.", "Bad Cannstatt", "Brunnenstraße 15", "de ar ku", S),
    ("Türkischer Elternverein Feuerbach e.V.", "Feuerbach", "Burgenlandstraße 9", "de tr", S),
    (
        "Ukrainische Gemeinde Zuffenhausen e.V.",
        "Zuffenhausen",
        "Hohenloher Straße 31",
        "de uk ru",
        S,
    ),
    (
        "Persischer Kulturkreis Vaihingen e.V.",
        "Vaihingen",
        "Möhringer Landstraße 8",
        "de fa prs",
        S,
    ),
    ("Griechische Gemeinde Degerloch e.V.", "Degerloch", "Epplestraße 40", "de el", S),
    (
        "Russischsprachiger Elternverein Möhringen e.V.",
        "Möhringen",
        "Sigmaringer Straße 28",
        "de ru uk",
        S,
    ),
    (
        "Afghanischer Frauenverein Weilimdorf e.V.",
        "Weilimdorf",
        "Pforzheimer Straße 17",
        "de fa prs ps",
        S,
    ),
    ("Internationaler Frauentreff Esslingen e.V.", "Esslingen", "Webergasse 9", "de en tr ar", RS),
    (
        "Arabischer Familienverein Ludwigsburg e.V.",
        "Ludwigsburg",
        "Asperger Straße 30",
        "de ar",
        RS,
    ),
    (
        "Polnischer Kulturverein Böblingen e.V.",
        "Böblingen",
        "Wolfgang-Brumme-Allee 12",
        "de pl",
        RS,
    ),
    ("Ukrainischer Treffpunkt Waiblingen e.V.", "Waiblingen", "Bahnhofstraße 52", "de uk ru", RS),
    ("Türkisch-Deutscher Kulturverein Göppingen e.V.", "Göppingen", "Hauptstraße 29", "de tr", RS),
]

ORGANISATIONS = [
    *[
        org(
            name,
            SPORT,
            [at(place, street, CLUB, accessibility=STEP_FREE if free else RAMP)],
            [svc("sport_club", "everyday-clubs", EVERYONE, languages, "walk_in phone",
                 free=free)],
            office=office,
        )
        for name, place, street, languages, free, office in SPORT_CLUBS
    ],
    *[
        org(
            name,
            CULTURE,
            [at(place, street, hours, accessibility=accessibility)],
            [svc("cultural", "everyday-clubs everyday-community", EVERYONE, languages,
                 "walk_in online", free=index % 3 != 1)],
        )
        for index, (name, place, street, languages, hours, accessibility) in enumerate(CULTURAL)
    ],
    *[
        org(
            name,
            MIGRANT,
            [at(place, street, WEEKEND, accessibility=STAIRS if index % 4 == 2 else "")],
            [svc("migrant_org", "everyday-community everyday-volunteering",
                 "refugee family-member other", languages, "walk_in phone")],
            office=office,
        )
        for index, (name, place, street, languages, office) in enumerate(MIGRANT_ORGANISATIONS)
    ],
    org(
        "Treffpunkt Nachbarschaft – Sprachcafé Bad Cannstatt",
        OTHER,
        [at("Bad Cannstatt", "Marktstraße 51", EVENING, accessibility=STEP_FREE)],
        [svc("language_cafe", "language-informal everyday-community", EVERYONE, "de en ar uk",
             "walk_in")],
    ),
]  # fmt: skip
