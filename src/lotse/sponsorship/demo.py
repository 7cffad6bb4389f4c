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


#: Requests per office at scale 1 (about 200 in all) and the share already in a tandem.
OFFICE_REQUESTS = {"stuttgart": 140, "region-stuttgart": 40, "braunschweig": 20}
TANDEM_SHARE = 0.35
NOTES = (
    "Familie mit zwei Kindern, sucht Begleitung zu Ämtern und Schule.",
    "Möchte Deutsch im Alltag üben, gern bei Spaziergängen.",
    "Sucht Unterstützung bei Bewerbungen als Pflegefachkraft.",
    "Neu in der Stadt, kennt noch niemanden.",
    "",
)


def _training(
    rng: random.Random, office: Office, volunteers: list[Volunteer], today: dt.date
) -> int:
    """Past seminars the active volunteers attended, and upcoming ones with registrations."""
    from lotse.sponsorship.models import Attendance, SeminarModule, SessionKind, TrainingSession

    def session(kind: str, module: str, title: str, days: int, hour: int) -> TrainingSession:
        start = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour))
        )
        return TrainingSession.objects.create(
            office=office,
            kind=kind,
            module=module,
            title=title,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            place=f"{office.name}, Seminarraum",
            capacity=25,
        )

    past_intro = session(
        SessionKind.SEMINAR, SeminarModule.INTRODUCTION, "Einführungsseminar", -60, 17
    )
    past_child = session(
        SessionKind.SEMINAR, SeminarModule.CHILD_PROTECTION, "Kinderschutz", -40, 17
    )
    reflection = session(SessionKind.REFLECTION, "", "Reflexionstreffen", -14, 18)
    next_intro = session(
        SessionKind.SEMINAR, SeminarModule.INTRODUCTION, "Einführungsseminar", 12, 17
    )
    session(SessionKind.REFLECTION, "", "Reflexionstreffen", 26, 18)
    rows = []
    for volunteer in volunteers:
        if volunteer.status in (VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED):
            rows.append(Attendance(session=past_intro, volunteer=volunteer, status="attended"))
            family = "family" in volunteer.prefers or "children_school" in volunteer.offers
            if family and rng.random() < 0.8:
                rows.append(Attendance(session=past_child, volunteer=volunteer, status="attended"))
            if rng.random() < 0.4:
                rows.append(
                    Attendance(
                        session=reflection,
                        volunteer=volunteer,
                        status="attended" if rng.random() < 0.85 else "absent",
                    )
                )
        elif volunteer.status == VolunteerStatus.IN_CONVERSATION:
            rows.append(Attendance(session=next_intro, volunteer=volunteer))
    Attendance.objects.bulk_create(rows)
    return len(rows)


def _requests(
    rng: random.Random, office: Office, volunteers: list[Volunteer], count: int, today: dt.date
) -> tuple[int, int]:
    """Requests from counseling records (with the consent), some already in a tandem."""
    from lotse.counseling.models import Consent, ConsentPurpose, Person
    from lotse.sponsorship.models import (
        CheckIn,
        EndReason,
        Mood,
        SponsorshipRequest,
        Tandem,
        TandemStatus,
    )

    people = list(
        Person.objects.filter(office=office, merged_into__isnull=True)
        .prefetch_related("languages")
        .order_by("-last_contact_at", "id")[: count * 3]
    )
    rng.shuffle(people)
    people = people[:count]
    available = [v for v in volunteers if v.status == VolunteerStatus.ACTIVE]
    free = {v.pk: v.max_tandems for v in available}
    requests = tandems = 0
    for person in people:
        asked = today - dt.timedelta(days=rng.randint(1, 300))
        asked_at = timezone.make_aware(dt.datetime.combine(asked, dt.time(11)))
        Consent.objects.get_or_create(
            office=office,
            person=person,
            purpose=ConsentPurpose.SPONSOR_PROGRAM,
            withdrawn_on=None,
            defaults={"given_on": asked, "form": "written"},
        )
        codes = [lang.pk for lang in person.languages.all()][:2] or ["en"]
        kind = rng.choice(("family", "single", "single", "student"))
        request = SponsorshipRequest.objects.create(
            office=office,
            person=person,
            subject=person.subject,
            source="counselor",
            needs=sorted(rng.sample(list(Offer.values), k=rng.randint(1, 3))),
            languages=codes,
            district=person.municipality or rng.choice(DISTRICTS.get(office.slug, ("Mitte",))),
            availability=_availability(rng),
            kind=kind,
            has_children=kind == "family",
            urgency="high" if rng.random() < 0.15 else "normal",
            note=rng.choice(NOTES),
            created_at=asked_at,
            waiting_since=asked_at,
        )
        requests += 1
        candidates = [v for v in available if free[v.pk] > 0]
        if not candidates or rng.random() > TANDEM_SHARE or asked > today - dt.timedelta(days=20):
            continue
        volunteer = rng.choice(candidates)
        free[volunteer.pk] -= 1
        started = asked + dt.timedelta(days=rng.randint(7, 20))
        ended = rng.random() < 0.25 and started < today - dt.timedelta(days=60)
        tandem = Tandem.objects.create(
            office=office,
            request=request,
            volunteer=volunteer,
            person=person,
            started_on=started,
            agreement="Treffen alle zwei Wochen; Begleitung zu Terminen, Deutsch im Alltag.",
            expected_duration="6 Monate",
            usual_places="Stadtbibliothek, Café, Behördengänge",
            status=TandemStatus.ENDED if ended else TandemStatus.ACTIVE,
            ended_on=started + dt.timedelta(days=rng.randint(45, 120)) if ended else None,
            end_reason=rng.choice(list(EndReason.values)) if ended else "",
        )
        if tandem.ended_on and tandem.ended_on > today:
            tandem.ended_on = today
        request.status = "closed" if ended else "matched"
        request.save(update_fields=["status"])
        day, contact = started, None
        while day + dt.timedelta(days=30) < (tandem.ended_on or today):
            day += dt.timedelta(days=rng.randint(25, 45))
            had = rng.random() < 0.85
            CheckIn.objects.create(
                tandem=tandem,
                on=min(day, today),
                mood=rng.choice((Mood.GOOD, Mood.GOOD, Mood.OK, Mood.DIFFICULT)),
                had_contact=had,
                note="",
            )
            contact = min(day, today) if had else contact
        tandem.last_contact_on = contact
        tandem.save()
        tandems += 1
    return requests, tandems


@transaction.atomic
def seed(*, scale: int, stdout: TextIO) -> None:
    offices = Office.objects.in_bulk([slug for slug, _n in OFFICE_VOLUNTEERS], field_name="slug")
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets
    today = timezone.localdate()
    known = set(Language.objects.values_list("code", flat=True))
    created = attendances = requests = tandems = 0
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
        attendances += _training(rng, office, volunteers, today)
        made_requests, made_tandems = _requests(
            rng, office, volunteers, OFFICE_REQUESTS[slug] * max(scale, 1), today
        )
        requests += made_requests
        tandems += made_tandems
    if created:
        stdout.write(
            f"Sponsorship: {created} volunteers, {attendances} seminar places, "
            f"{requests} requests, {tandems} tandems.\n"
        )
