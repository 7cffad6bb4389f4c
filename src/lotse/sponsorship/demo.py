"""Demo volunteers: about 150 welcome sponsors across the demo offices, in every status, with
realistic languages, districts, availability and safeguarding dates; `--scale N` multiplies."""

from __future__ import annotations

import datetime as dt
import random
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from lotse.core.models import Language, Office
from lotse.core.text import fold
from lotse.sponsorship.models import (
    SLOTS,
    Offer,
    Preference,
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)

SEED = 2027
#: Volunteers per office at scale 1 (about 150 in all).
OFFICE_VOLUNTEERS = (("stuttgart", 100), ("region-stuttgart", 30), ("braunschweig", 20))
DISTRICTS = {
    "stuttgart": (
        "Mitte",
        "Nord",
        "Ost",
        "Süd",
        "West",
        "Bad Cannstatt",
        "Feuerbach",
        "Zuffenhausen",
        "Vaihingen",
        "Möhringen",
        "Degerloch",
        "Sillenbuch",
        "Untertürkheim",
        "Weilimdorf",
        "Botnang",
        "Münster",
        "Mühlhausen",
        "Plieningen",
        "Birkach",
        "Obertürkheim",
    ),
    "region-stuttgart": (
        "Esslingen am Neckar",
        "Ludwigsburg",
        "Böblingen",
        "Sindelfingen",
        "Waiblingen",
        "Leonberg",
        "Fellbach",
        "Kornwestheim",
        "Göppingen",
        "Nürtingen",
    ),
    "braunschweig": (
        "Innenstadt",
        "Östliches Ringgebiet",
        "Westliches Ringgebiet",
        "Weststadt",
        "Heidberg",
        "Lehndorf",
        "Wolfenbüttel",
        "Salzgitter",
        "Gifhorn",
        "Peine",
    ),
}
FIRST_NAMES = (
    "Anna",
    "Lena",
    "Sabine",
    "Ute",
    "Claudia",
    "Miriam",
    "Katrin",
    "Julia",
    "Hannah",
    "Sophie",
    "Thomas",
    "Michael",
    "Peter",
    "Jürgen",
    "Stefan",
    "Lukas",
    "Jonas",
    "Felix",
    "Paul",
    "Tobias",
    "Ayşe",
    "Mehmet",
    "Elif",
    "Olga",
    "Dmytro",
    "Iryna",
    "Rania",
    "Samir",
    "Leila",
    "Karim",
    "Maria",
    "José",
    "Giulia",
    "Marco",
    "Agnieszka",
    "Tomasz",
    "Ioana",
    "Andrei",
    "Chloé",
    "Amir",
)
LAST_NAMES = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Yılmaz",
    "Kaya",
    "Petrenko",
    "Kowalski",
    "Haddad",
    "Nasser",
    "Rossi",
    "García",
    "Popescu",
    "Nowak",
    "Rahimi",
    "Dubois",
    "Keller",
    "Braun",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
)
#: Second languages of volunteers and how often they occur (German is everyone's).
OTHER_LANGUAGES = (
    ("en", 60),
    ("fr", 14),
    ("es", 10),
    ("ar", 9),
    ("tr", 9),
    ("ru", 8),
    ("uk", 6),
    ("it", 6),
    ("pl", 4),
    ("ro", 3),
    ("fa", 3),
    ("el", 2),
    ("hr", 2),
    ("pt", 2),
)
INTERESTS = (
    "Wandern",
    "Kochen",
    "Fußball",
    "Musik",
    "Lesen",
    "Radfahren",
    "Garten",
    "Kunst",
    "Theater",
    "Schach",
    "Fotografie",
    "Nähen",
    "Basteln mit Kindern",
    "Stadtgeschichte",
    "Yoga",
)
MOTIVATIONS = (
    "Ich war selbst im Ausland und weiß, wie viel eine Ansprechperson vor Ort hilft.",
    "Ich habe Zeit seit der Rente und möchte etwas Sinnvolles tun.",
    "Ich möchte neue Menschen kennenlernen und meine Stadt zeigen.",
    "Meine Familie kam vor 20 Jahren nach Deutschland; ich möchte etwas zurückgeben.",
    "Ich studiere Soziale Arbeit und möchte Erfahrungen sammeln.",
)
#: Shares of the statuses in the demo.
STATUSES = (
    (VolunteerStatus.ACTIVE, 70),
    (VolunteerStatus.APPLIED, 8),
    (VolunteerStatus.IN_CONVERSATION, 7),
    (VolunteerStatus.PAUSED, 7),
    (VolunteerStatus.ENDED, 8),
)


def _pick(rng: random.Random, weighted: tuple[tuple[object, int], ...]) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _ascii(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isascii() and ch.isalnum()) or "x"


def _availability(rng: random.Random) -> list[str]:
    # Working people: evenings and weekends; retired people and students: daytime too.
    if rng.random() < 0.6:
        pool = [s for s in SLOTS if s.endswith("evening") or s.startswith(("sat", "sun"))]
    else:
        pool = list(SLOTS)
    return sorted(rng.sample(pool, k=rng.randint(2, 6)), key=SLOTS.index)


def _volunteer(
    rng: random.Random, office: Office, districts: tuple[str, ...], today: dt.date, number: int
) -> tuple[Volunteer, list[tuple[str, int]]]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    status = _pick(rng, STATUSES)
    applied = today - dt.timedelta(days=rng.randint(5, 900))
    since = applied + dt.timedelta(days=rng.randint(1, max(1, (today - applied).days)))
    pledged = status in (VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED, VolunteerStatus.ENDED)
    certificate = pledged and rng.random() < 0.55
    seen = applied + dt.timedelta(days=rng.randint(7, 40)) if certificate else None
    if seen and seen > today:
        seen = today
    volunteer = Volunteer(
        office=office,
        first_name=first,
        last_name=last,
        email=f"{_ascii(first)}.{_ascii(last)}.{number}@demo-ehrenamt.example",
        phone=f"0171 {rng.randint(1000000, 9999999)}" if rng.random() < 0.8 else "",
        district=rng.choice(districts),
        gender=rng.choice(("female", "female", "male", "male", "diverse", "")),
        availability=_availability(rng),
        offers=sorted(rng.sample(list(Offer.values), k=rng.randint(2, 5))),
        interests=", ".join(rng.sample(INTERESTS, k=rng.randint(1, 3))),
        prefers=sorted(rng.sample(list(Preference.values), k=rng.randint(0, 2))),
        max_tandems=rng.choice((1, 1, 1, 2, 2, 3)),
        interpreter_ok=rng.random() < 0.4,
        motivation=rng.choice(MOTIVATIONS),
        status=status,
        status_changed_on=min(since, today),
        applied_at=timezone.make_aware(dt.datetime.combine(applied, dt.time(19, 30))),
        consent_given_at=timezone.make_aware(dt.datetime.combine(applied, dt.time(19, 30))),
        pledge_signed_on=applied + dt.timedelta(days=rng.randint(3, 30)) if pledged else None,
        certificate_seen_on=seen,
        # Five years is the usual re-check; some are due soon so the list has work.
        certificate_recheck_on=(
            today + dt.timedelta(days=rng.randint(-10, 40))
            if seen and rng.random() < 0.15
            else seen + dt.timedelta(days=5 * 365)
            if seen
            else None
        ),
    )
    if volunteer.pledge_signed_on and volunteer.pledge_signed_on > today:
        volunteer.pledge_signed_on = today
    languages = [("de", 5 if rng.random() < 0.85 else rng.randint(3, 4))]
    for code, _weight in rng.sample(OTHER_LANGUAGES, k=rng.randint(0, 3)):
        if rng.random() < _weight / 60:
            languages.append((code, rng.randint(2, 5)))
    return volunteer, languages


@transaction.atomic
def seed(*, scale: int, stdout: TextIO) -> None:
    offices = Office.objects.in_bulk([slug for slug, _n in OFFICE_VOLUNTEERS], field_name="slug")
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets
    today = timezone.localdate()
    known = set(Language.objects.values_list("code", flat=True))
    created = 0
    for slug, count in OFFICE_VOLUNTEERS:
        office = offices.get(slug)
        if office is None or Volunteer.objects.filter(office=office).exists():
            continue
        pairs = [
            _volunteer(rng, office, DISTRICTS[slug], today, number)
            for number in range(count * max(scale, 1))
        ]
        volunteers = Volunteer.objects.bulk_create([volunteer for volunteer, _l in pairs])
        VolunteerLanguage.objects.bulk_create(
            VolunteerLanguage(volunteer=volunteer, language_id=code, level=level)
            for volunteer, (_v, languages) in zip(volunteers, pairs, strict=True)
            for code, level in dict(languages).items()
            if code in known
        )
        created += len(volunteers)
    if created:
        stdout.write(f"Sponsorship: {created} volunteers.\n")
