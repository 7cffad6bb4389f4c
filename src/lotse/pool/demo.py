"""Demo pool: interpreters, moderators and speakers for each demo office.

Interpreters cover the languages the dialogue evenings and consultations need most (Arabic,
Farsi and Dari, Ukrainian, Russian, Turkish, Tigrinya, English, French); some work for a fee,
some as volunteers; one has left and is inactive. Stuttgart has a single Tigrinya interpreter,
so the events demo can show a dialogue evening still missing one. `seed_demo` runs this before
the events demo, which staffs its evenings from here. Idempotent: an office with a pool is left
alone. The pool does not grow with `--scale`: offices keep a few dozen people at most.
"""

from __future__ import annotations

import random
from typing import TextIO

from django.db import transaction

from lotse.core.choices import SLOTS
from lotse.core.models import Language, Office
from lotse.core.text import fold
from lotse.pool.models import PoolMember, PoolRole, Terms

SEED = 2029
INT, MOD, SPK = PoolRole.INTERPRETER, PoolRole.MODERATOR, PoolRole.SPEAKER
FEE, VOL = Terms.FEE, Terms.VOLUNTEER

# name, roles, languages (German counts), terms, fee note, notes, active
Row = tuple[str, tuple[str, ...], str, str, str, str, bool]
POOL: dict[str, list[Row]] = {
    "stuttgart": [
        ("Samira Haddad", (INT, MOD), "ar de en", FEE, "45 EUR pro Stunde",
         "Interkulturell geschulte Dialogmoderatorin; dolmetscht auch in der Beratung.", True),
        ("Omar Al-Khatib", (INT,), "ar de en", VOL, "", "Studiert Maschinenbau, abends verfügbar.",
         True),
        ("Parisa Ahmadi", (INT,), "fa prs de", FEE, "40 EUR pro Stunde", "", True),
        ("Wahid Karimi", (INT,), "prs ps fa de", VOL, "",
         "Kam 2016 selbst nach Stuttgart; begleitet gern die Flüchtlingsdialoge.", True),
        ("Olena Kovalchuk", (INT,), "uk ru de", FEE, "45 EUR pro Stunde", "", True),
        ("Iryna Melnyk", (INT,), "uk de en", VOL, "", "", True),
        ("Dmitri Sokolov", (INT,), "ru de", FEE, "40 EUR pro Stunde, Fahrtkosten extra", "", True),
        ("Ayşe Yıldırım", (INT,), "tr ku de", FEE, "45 EUR pro Stunde", "", True),
        ("Mehmet Aydın", (INT, MOD), "tr de", VOL, "", "Moderiert auch auf Deutsch.", True),
        ("Dawit Tesfaye", (INT,), "ti am de", FEE, "50 EUR pro Stunde",
         "Einziger Tigrinya-Dolmetscher im Pool: früh anfragen.", True),
        ("Sarah Thompson", (INT, SPK), "en de", VOL, "", "", True),
        ("Claire Dubois", (INT,), "fr de en", FEE, "45 EUR pro Stunde", "", True),
        ("Johanna Berger", (MOD,), "de en", FEE, "250 EUR pro Abend",
         "Dialogmoderatorin, Schwerpunkt Gruppen mit Dolmetschung.", True),
        ("Thomas Rieger", (MOD,), "de", VOL, "", "", True),
        ("Fatma Demir", (MOD, INT), "de tr", FEE, "200 EUR pro Abend", "", True),
        ("Lena Hofmann", (SPK, MOD), "de en", FEE, "300 EUR pro Vortrag",
         "Fachanwältin für Migrationsrecht; Vorträge zu Aufenthalt und Visum.", True),
        ("Markus Vogel", (SPK,), "de en", VOL, "",
         "Personalleiter in der Pflege; spricht über Anerkennung und Einarbeitung.", True),
        ("Ahmad Rahimi", (INT,), "fa de", VOL, "", "Nach Hamburg gezogen.", False),
    ],
    "region-stuttgart": [
        ("Nadia Benali", (INT,), "ar fr de", FEE, "45 EUR pro Stunde", "", True),
        ("Andrii Shevchenko", (INT,), "uk ru de", VOL, "", "", True),
        ("Priya Nair", (INT, SPK), "en de", VOL, "", "", True),
        ("Kemal Öztürk", (INT,), "tr de", FEE, "40 EUR pro Stunde", "", True),
        ("Katrin Wolf", (MOD,), "de en", FEE, "220 EUR pro Abend", "", True),
        ("Jörg Neumann", (SPK,), "de", VOL, "", "IHK Region Stuttgart, Fachkräfteeinwanderung.",
         True),
    ],
    "braunschweig": [
        ("Rania Nasser", (INT,), "ar de", FEE, "40 EUR pro Stunde", "", True),
        ("Farid Hosseini", (INT,), "fa prs de", VOL, "", "", True),
        ("Tetiana Bondarenko", (INT,), "uk ru de", FEE, "40 EUR pro Stunde", "", True),
        ("Yonas Gebremedhin", (INT,), "ti de", VOL, "", "", True),
        ("Emily Carter", (INT,), "en de", VOL, "", "", True),
        ("Hannah Krüger", (MOD,), "de en", FEE, "200 EUR pro Abend", "", True),
        ("Stefan Lange", (MOD, SPK), "de", VOL, "", "", True),
    ],
}  # fmt: skip
AREA = {"stuttgart": "0711", "region-stuttgart": "07141", "braunschweig": "0531"}


def _availability(rng: random.Random) -> list[str]:
    # Most people in the pool have day jobs or study: evenings and weekends; some are free often.
    if rng.random() < 0.7:
        pool = [s for s in SLOTS if s.endswith("evening") or s.startswith(("sat", "sun"))]
    else:
        pool = list(SLOTS)
    return sorted(rng.sample(pool, k=rng.randint(3, 8)), key=SLOTS.index)


def _email(name: str) -> str:
    local = ".".join(
        "".join(ch for ch in fold(part) if ch.isascii() and ch.isalnum()) for part in name.split()
    )
    return f"{local}@demo-pool.example"


@transaction.atomic
def seed(*, scale: int, stdout: TextIO) -> None:
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets
    offices = Office.objects.in_bulk(list(POOL), field_name="slug")
    known = set(Language.objects.values_list("code", flat=True))
    created = 0
    for slug, rows in POOL.items():
        office = offices.get(slug)
        if office is None or PoolMember.objects.filter(office=office).exists():
            continue
        members = []
        for name, roles, _languages, terms, fee, notes, active in rows:
            members.append(
                PoolMember(
                    office=office,
                    name=name,
                    email=_email(name) if rng.random() < 0.9 else "",
                    phone=f"{AREA[slug]} {rng.randint(100000, 9999999)}"
                    if rng.random() < 0.8
                    else "",
                    roles=[role.value for role in roles],
                    availability=_availability(rng),
                    terms=terms,
                    fee_note=fee,
                    notes=notes,
                    is_active=active,
                )
            )
        for member in members:
            member.full_clean()
        members = PoolMember.objects.bulk_create(members)
        through = PoolMember.languages.through
        through.objects.bulk_create(
            through(poolmember_id=member.pk, language_id=code)
            for member, row in zip(members, rows, strict=True)
            for code in row[2].split()
            if code in known
        )
        created += len(members)
    if created:
        stdout.write(f"Pool: {created} interpreters, moderators and speakers.\n")
