"""Demo directory data: organisations, their places and services, as plain Python values.

The data modules describe organisations with the small helpers below; `lotse.directory.demo`
turns them into rows. Texts are not written per service: each service names a *type* (e.g.
"migration_counseling") whose sentences live per language in the `texts_*` modules.

Streets are real street names with fictional house numbers; phones (+49 711 000…, +49 531 000…)
and e-mail addresses (@example.org) are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

S, RS, BS = "stuttgart", "region-stuttgart", "braunschweig"

# Organisation kinds (values of OrganisationKind), short for the data modules.
AUTHORITY = "authority"
COUNSELING = "counseling_service"
CHAMBER = "chamber"
EMPLOYMENT = "employment_agency"
UNIVERSITY = "university"
LANGUAGE_SCHOOL = "language_course_provider"
WELFARE = "welfare_provider"
SPORT = "sport_club"
CULTURE = "cultural_association"
MIGRANT = "migrant_organisation"
OTHER = "other"

# key: (city, district, postal code, latitude, longitude, place name used in texts)
PLACES: dict[str, tuple[str, str, str, float, float, str]] = {
    "Mitte": ("Stuttgart", "Mitte", "70173", 48.7758, 9.1794, "Stuttgart-Mitte"),
    "Nord": ("Stuttgart", "Nord", "70191", 48.7960, 9.1840, "Stuttgart-Nord"),
    "Süd": ("Stuttgart", "Süd", "70180", 48.7620, 9.1700, "Stuttgart-Süd"),
    "Ost": ("Stuttgart", "Ost", "70190", 48.7830, 9.2050, "Stuttgart-Ost"),
    "West": ("Stuttgart", "West", "70176", 48.7740, 9.1570, "Stuttgart-West"),
    "Bad Cannstatt": ("Stuttgart", "Bad Cannstatt", "70372", 48.8050, 9.2150, "Bad Cannstatt"),
    "Feuerbach": ("Stuttgart", "Feuerbach", "70469", 48.8130, 9.1640, "Feuerbach"),
    "Zuffenhausen": ("Stuttgart", "Zuffenhausen", "70435", 48.8300, 9.1720, "Zuffenhausen"),
    "Vaihingen": ("Stuttgart", "Vaihingen", "70563", 48.7290, 9.1080, "Vaihingen"),
    "Degerloch": ("Stuttgart", "Degerloch", "70597", 48.7460, 9.1700, "Degerloch"),
    "Möhringen": ("Stuttgart", "Möhringen", "70567", 48.7260, 9.1430, "Möhringen"),
    "Weilimdorf": ("Stuttgart", "Weilimdorf", "70499", 48.8150, 9.1090, "Weilimdorf"),
    "Esslingen": ("Esslingen am Neckar", "Esslingen", "73728", 48.7406, 9.3108, "Esslingen"),
    "Ludwigsburg": ("Ludwigsburg", "Ludwigsburg", "71638", 48.8975, 9.1916, "Ludwigsburg"),
    "Böblingen": ("Böblingen", "Böblingen", "71032", 48.6833, 9.0115, "Böblingen"),
    "Waiblingen": ("Waiblingen", "Waiblingen", "71332", 48.8309, 9.3166, "Waiblingen"),
    "Göppingen": ("Göppingen", "Göppingen", "73033", 48.7036, 9.6527, "Göppingen"),
    "Braunschweig": ("Braunschweig", "Innenstadt", "38100", 52.2689, 10.5268, "Braunschweig"),
    "Wolfsburg": ("Wolfsburg", "Wolfsburg", "38440", 52.4227, 10.7865, "Wolfsburg"),
    "Salzgitter": ("Salzgitter", "Salzgitter", "38226", 52.1503, 10.3331, "Salzgitter"),
    "Wolfenbüttel": ("Wolfenbüttel", "Wolfenbüttel", "38300", 52.1625, 10.5348, "Wolfenbüttel"),
    "Gifhorn": ("Gifhorn", "Gifhorn", "38518", 52.4789, 10.5462, "Gifhorn"),
    "Bonn": ("Bonn", "Bonn", "53113", 50.7374, 7.0982, "Bonn"),
}

#: Districts and towns the synthetic (scale > 1) services are spread over.
STUTTGART_AREA = [key for key, row in PLACES.items() if row[3] < 49]

Hours = tuple[tuple[int, str, str], ...]

# Opening hours presets: (weekday 0 = Monday, opens, closes).
OFFICE: Hours = (
    *((day, "08:30", "12:00") for day in range(5)),
    (3, "14:00", "18:00"),
)
AGENCY: Hours = (*((day, "08:00", "12:30") for day in range(5)), (3, "14:00", "17:00"))
COUNSEL: Hours = (
    *((day, "09:00", "12:00") for day in (0, 1, 3)),
    *((day, "13:00", "16:00") for day in (0, 1, 3)),
)
COUNSEL_SHORT: Hours = ((1, "10:00", "13:00"), (3, "14:00", "17:00"))
UNI: Hours = (*((day, "10:00", "12:00") for day in range(4)), (1, "13:30", "15:30"))
SCHOOL: Hours = tuple((day, "09:00", "17:00") for day in range(5))
EVENING: Hours = ((1, "18:00", "20:00"), (3, "18:00", "20:00"))
WEEKEND: Hours = ((2, "17:00", "19:00"), (5, "10:00", "13:00"))
CLUB: Hours = ((0, "18:00", "21:00"), (2, "18:00", "21:00"), (5, "10:00", "12:00"))
NONE: Hours = ()

# Accessibility notes (German; shown as written).
STEP_FREE = "Stufenloser Eingang, Aufzug und barrierefreies WC."
RAMP = "Eingang über eine Rampe an der Seite des Gebäudes; Aufzug vorhanden."
STAIRS = (
    "Beratungsräume im 1. Stock ohne Aufzug. Ein Termin im Erdgeschoss ist nach Absprache möglich."
)
HEARING = "Induktionsschleife am Empfang; Gebärdensprachdolmetschen auf Anfrage."


@dataclass(frozen=True)
class Place:
    key: str
    street: str
    hours: Hours = OFFICE
    name: str = ""
    accessibility: str = ""
    notes: str = ""

    @property
    def city(self) -> str:
        return PLACES[self.key][0]

    @property
    def district(self) -> str:
        return PLACES[self.key][1]

    @property
    def postal_code(self) -> str:
        return PLACES[self.key][2]

    @property
    def label(self) -> str:
        return PLACES[self.key][5]

    def coordinates(self) -> tuple[float, float]:
        """The district's centre, moved a little per street so places do not overlap."""
        lat, lon = PLACES[self.key][3], PLACES[self.key][4]
        shift = sum(map(ord, self.street)) % 17 - 8
        return round(lat + shift * 0.0011, 6), round(lon - shift * 0.0014, 6)


@dataclass(frozen=True)
class Svc:
    type: str
    topics: tuple[str, ...]
    groups: tuple[str, ...]
    languages: tuple[str, ...]
    access: tuple[str, ...]
    free: bool = True
    at: tuple[int, ...] = (0,)
    note: str = ""


@dataclass(frozen=True)
class Org:
    name: str
    kind: str
    office: str
    places: tuple[Place, ...]
    services: tuple[Svc, ...]


def at(key: str, street: str, hours: Hours = OFFICE, **extra: str) -> Place:
    if key not in PLACES:
        raise KeyError(f"unknown demo place {key!r}")
    return Place(key, street, hours, **extra)


def svc(
    type_: str,
    topics: str,
    groups: str,
    languages: str,
    access: str,
    *,
    free: bool = True,
    at: tuple[int, ...] = (0,),
    note: str = "",
) -> Svc:
    """A service; topics, groups, languages and access modes are space-separated codes."""
    return Svc(
        type_,
        tuple(topics.split()),
        tuple(groups.split()),
        tuple(languages.split()),
        tuple(access.split()),
        free,
        at,
        note,
    )


def org(name: str, kind: str, places: list[Place], services: list[Svc], office: str = S) -> Org:
    return Org(name, kind, office, tuple(places), tuple(services))


def all_organisations() -> list[Org]:
    """Every realistic demo organisation, in a fixed order."""
    from lotse.directory.demo_data import (
        authorities,
        authorities_region,
        braunschweig,
        community,
        counseling,
        education,
        languages,
        welfare,
    )

    # Language schools first, then counseling (with IQ first): where search scores tie, the
    # older entry wins, and these are the best answers to the most common questions.
    return [
        *languages.ORGANISATIONS,
        *counseling.ORGANISATIONS,
        *authorities.ORGANISATIONS,
        *authorities_region.ORGANISATIONS,
        *education.ORGANISATIONS,
        *welfare.ORGANISATIONS,
        *community.ORGANISATIONS,
        *braunschweig.ORGANISATIONS,
    ]
