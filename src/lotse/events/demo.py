"""Demo events: a year of programs and events in the demo offices, with realistic attendance.

`seed_demo` calls `seed()` after core, the directory (places and partner organisations) and the
pool (interpreters and moderators). For each demo office, about nine months back and three months
ahead of today:

- Stuttgart: the Welcome Club for International Students (every second Thursday, in English),
  Information Nights (monthly, one in German and one in English), Cultural Events, the
  "Stuttgarter Flüchtlingsdialoge" (monthly, moderated, with interpreters from the pool; the
  next evening still misses its Tigrinya interpreter, so the warning shows), and the workshop
  series "Integrationsmanagement in der Pflege" for employers: six numbered modules, module 3
  led by the IQ network, attended in full by most of its participants (certificates to download).
- Region Stuttgart: monthly online Information Nights for skilled workers, in English.
- Braunschweig: monthly Informationsabende and cultural events at the Haus der Kulturen.

Past events hold attended (about 70–85 %), no-show and cancelled registrations, waiting lists
where they were full, reminders and feedback (ratings, some comments); upcoming events fill the
nearer they are, the next Welcome Club and English Information Night are full with a waiting
list. The demo event manager finds an Information Night today (or tomorrow, when today's evening
is over) with about thirty people to check in at the door.

Rows are written with bulk inserts, not through the services: no e-mails, no audit entries, no
scheduled reminders. With `scale` N > 1, (N - 1) × EXTRA_EVENTS_PER_SCALE more events with their
registrations go to an extra Stuttgart program, for benchmarks. A fixed random seed makes the
demo the same every time (dates are relative to today). Idempotent: an office with programs gets
no more, and the extra events are added only up to the number the scale asks for.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import reset_queries, transaction
from django.utils import timezone

from lotse.core.models import Country, Language, Office, TargetGroup, User
from lotse.core.text import fold
from lotse.directory.models import Location, Organisation
from lotse.events.models import (
    Event,
    EventStatus,
    EventTranslation,
    Feedback,
    Program,
    ProgramKind,
    ProgramTranslation,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    Staffing,
)
from lotse.pool.models import PoolMember, PoolRole

SEED = 2030
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
#: The demo year: this many days back and ahead of today.
PAST_DAYS = 270
AHEAD_DAYS = 92
#: Events added for every step of scale above 1 (scale 30: 2,900 more, ~130,000 registrations).
EXTRA_EVENTS_PER_SCALE = 100
INSERT_BATCH = 2_000
DEMO_MANAGER = "events"
#: People registered for the event the demo manager checks in today (or tomorrow).
CHECK_IN_PEOPLE = 32

# --- Texts --------------------------------------------------------------------------------------

# (German title, English title, Arabic title or "")
T = tuple[str, str, str]

WELCOME_CLUB: list[T] = [
    ("Spieleabend", "Games night", ""),
    ("Kochen aus aller Welt", "Cooking from around the world", ""),
    ("Bewerbungstipps für den ersten Job", "Application tips for your first job", ""),
    ("Sprachcafé Deutsch–Englisch", "German–English language café", ""),
    ("Stuttgart bei Nacht: Stadtspaziergang", "Stuttgart by night: a city walk", ""),
    ("Werkstudierendenjobs und Praktika", "Working student jobs and internships", ""),
    ("Filmabend", "Movie night", ""),
    ("Quizabend", "Quiz night", ""),
    ("Wohnen im Studium: Tipps und Rechte", "Student housing: tips and rights", ""),
    ("Karaoke und Musik", "Karaoke and music", ""),
]
INFO_NIGHTS: list[T] = [
    (
        "Aufenthalt und Visum: Was Sie wissen müssen",
        "Residence and visa: what you need to know",
        "الإقامة والتأشيرة: ما تحتاج إلى معرفته",
    ),
    (
        "Anerkennung ausländischer Berufsabschlüsse",
        "Recognition of foreign qualifications",
        "الاعتراف بالمؤهلات المهنية الأجنبية",
    ),
    ("Jobsuche in der Region Stuttgart", "Finding a job in the Stuttgart region", ""),
    ("Wohnungssuche in Stuttgart", "Looking for a flat in Stuttgart", "البحث عن سكن في شتوتغارت"),
    ("Krankenversicherung und Gesundheit", "Health insurance and health care", ""),
    ("Steuern, Rente und Sozialversicherung", "Taxes, pension and social insurance", ""),
    (
        "Familie: Kita, Schule und Familiennachzug",
        "Family: childcare, school and family reunification",
        "الأسرة: الحضانة والمدرسة ولمّ الشمل",
    ),
    (
        "Deutsch lernen: Kurse und Förderung",
        "Learning German: courses and funding",
        "تعلّم الألمانية: الدورات والدعم",
    ),
    ("Die Blaue Karte EU", "The EU Blue Card", ""),
]
CHECK_IN_TITLE: T = (
    "Ankommen in Stuttgart: die ersten Schritte",
    "Arriving in Stuttgart: the first steps",
    "الوصول إلى شتوتغارت: الخطوات الأولى",
)
CULTURAL: list[tuple[str, str, str, str]] = [
    # German, English, meeting point, cost
    (
        "Stadtführung: Stuttgart entdecken",
        "City tour: discover Stuttgart",
        "Treffpunkt: Schlossplatz, an der Jubiläumssäule, 70173 Stuttgart",
        "",
    ),
    (
        "Besuch im Kunstmuseum Stuttgart",
        "Visit to the Kunstmuseum Stuttgart",
        "Kunstmuseum Stuttgart, Kleiner Schlossplatz 1, 70173 Stuttgart",
        "5 EUR",
    ),
    (
        "Wanderung durch die Weinberge",
        "Hike through the vineyards",
        "Treffpunkt: Haltestelle Obertürkheim, 70329 Stuttgart",
        "",
    ),
    (
        "Internationales Picknick im Schlossgarten",
        "International picnic in the Schlossgarten",
        "Treffpunkt: Oberer Schlossgarten, am Eckensee, 70173 Stuttgart",
        "",
    ),
    (
        "Besuch im Mercedes-Benz Museum",
        "Visit to the Mercedes-Benz Museum",
        "Mercedes-Benz Museum, Mercedesstraße 100, 70372 Stuttgart",
        "6 EUR",
    ),
    (
        "Weihnachtsmarkt-Rundgang",
        "Christmas market walk",
        "Treffpunkt: Rathaus, Marktplatz 1, 70173 Stuttgart",
        "",
    ),
    (
        "Theaterabend: Improvisationstheater",
        "Theatre night: improv theatre",
        "Theaterhaus Stuttgart, Siemensstraße 11, 70469 Stuttgart",
        "8 EUR",
    ),
    (
        "Besuch der Wilhelma",
        "Visit to the Wilhelma zoo and botanical garden",
        "Wilhelma, Haupteingang, Wilhelma 13, 70376 Stuttgart",
        "10 EUR",
    ),
]
DIALOGUES: list[T] = [
    (
        "Ankommen in Stuttgart: Erfahrungen und Erwartungen",
        "Arriving in Stuttgart: experiences and expectations",
        "الوصول إلى شتوتغارت: تجارب وتوقعات",
    ),
    (
        "Arbeit und Ausbildung: Wege in den Beruf",
        "Work and training: paths into a job",
        "العمل والتدريب المهني: طرق إلى المهنة",
    ),
    (
        "Zusammenleben in der Nachbarschaft",
        "Living together in the neighbourhood",
        "العيش المشترك في الحي",
    ),
    ("Frauen im Gespräch", "Women in dialogue", "حوار النساء"),
    ("Werte, Rechte und Pflichten", "Values, rights and duties", "القيم والحقوق والواجبات"),
    ("Familie und Schule", "Family and school", "الأسرة والمدرسة"),
    ("Hoffnungen und Pläne", "Hopes and plans", "آمال وخطط"),
    (
        "Alltag in der Gemeinschaftsunterkunft",
        "Everyday life in shared accommodation",
        "الحياة اليومية في السكن المشترك",
    ),
]
DIALOGUE_PLACES = (
    "Gemeinschaftsunterkunft Feuerbach, Gemeinschaftsraum, Wiener Straße 20, 70469 Stuttgart",
    "Gemeinschaftsunterkunft Bad Cannstatt, Begegnungsraum, Hallschlag 5, 70376 Stuttgart",
    "Stadtteilhaus Vaihingen, Saal, Robert-Koch-Straße 12, 70563 Stuttgart",
)
MODULES: list[tuple[str, str, bool]] = [
    # German, English, led by the IQ network
    ("Integrationsmanagement: Rolle und Aufgaben", "Integration management: role and tasks", False),
    ("Anwerbung internationaler Pflegefachkräfte", "Recruiting international nurses", False),
    ("Anerkennung in der Pflege", "Recognition of nursing qualifications", True),
    ("Einarbeitung und Onboarding", "Induction and onboarding", False),
    ("Interkulturelle Teamentwicklung", "Intercultural team development", False),
    (
        "Bindung: Wohnen, Familie, Ankommen im Alltag",
        "Retention: housing, family and everyday life",
        False,
    ),
]
REGION_NIGHTS: list[T] = [
    ("Arbeiten in der Region Stuttgart", "Working in the Stuttgart region", ""),
    ("Visum zur Arbeitssuche und Chancenkarte", "Job-seeker visa and Opportunity Card", ""),
    ("Anerkennung Ihres Abschlusses", "Getting your qualification recognised", ""),
    ("Bewerben in Deutschland", "Applying for jobs in Germany", ""),
    ("Mit der Familie kommen", "Coming with your family", ""),
    ("Die Blaue Karte EU", "The EU Blue Card", ""),
]
BS_NIGHTS: list[T] = [
    ("Ankommen in der Region Braunschweig", "Arriving in the Braunschweig region", ""),
    ("Aufenthalt und Arbeit", "Residence and work", "الإقامة والعمل"),
    ("Anerkennung und Weiterbildung", "Recognition and further training", ""),
    ("Wohnen und Mietrecht", "Housing and tenancy law", ""),
    ("Kita und Schule", "Childcare and school", ""),
]
BS_CULTURE: list[T] = [
    ("Internationaler Kochabend", "International cooking evening", ""),
    ("Stadtführung durch Braunschweig", "City tour of Braunschweig", ""),
    ("Musik aus aller Welt", "Music from around the world", ""),
    ("Lesung: Geschichten vom Ankommen", "Reading: stories of arriving", ""),
]
EXTRA_TOPICS: list[T] = [
    ("Offener Treffpunkt", "Open meetup", ""),
    ("Sprachcafé", "Language café", ""),
    ("Sprechstunde Anerkennung", "Drop-in hours: recognition", ""),
    ("Bewerbungswerkstatt", "Application workshop", ""),
    ("Elterncafé", "Parents' café", ""),
]

SUMMARIES = {
    "club": (
        "Treffen, Kontakte knüpfen, Fragen stellen – in entspannter Runde.",
        "Meet people, make contacts, ask questions – in a relaxed setting.",
    ),
    "info": (
        "Kurzvortrag mit anschließender Fragerunde; kostenlos.",
        "A short talk followed by questions; free of charge.",
    ),
    "culture": (
        "Gemeinsam die Stadt und ihre Kultur erleben.",
        "Experience the city and its culture together.",
    ),
    "dialogue": (
        "Moderiertes Gespräch mit Dolmetschung; Geflüchtete, Haupt- und "
        "Ehrenamtliche sind willkommen.",
        "A moderated conversation with interpreters; refugees, staff and volunteers are welcome.",
    ),
    "module": (
        "Ein Workshoptag der Reihe für Arbeitgeber in der Pflege.",
        "One workshop day of the series for employers in nursing.",
    ),
    "extra": (
        "Offenes Angebot; eine Anmeldung hilft uns bei der Planung.",
        "An open offer; registration helps us plan.",
    ),
}
PROGRAMS: dict[str, tuple[str, str, str, str]] = {
    # key: German title, English title, German description, English description
    "welcome-club": (
        "Welcome Club for International Students",
        "Welcome Club for International Students",
        "Alle zwei Wochen treffen sich internationale Studierende aus Stuttgarter Hochschulen: "
        "zum Kennenlernen, für Tipps rund um Studium, Jobs und Alltag.",
        "Every second week international students of Stuttgart's universities meet: to get to "
        "know each other and for tips on studies, jobs and everyday life.",
    ),
    "information-nights": (
        "Information Nights",
        "Information Nights",
        "Jeden Monat ein Thema rund ums Ankommen, Arbeiten und Leben in Stuttgart – auf "
        "Deutsch und auf Englisch.",
        "A topic about arriving, working and living in Stuttgart every month – in German and "
        "in English.",
    ),
    "cultural-events": (
        "Cultural Events",
        "Cultural Events",
        "Museen, Stadtführungen, Feste: Stuttgart gemeinsam entdecken.",
        "Museums, city tours, festivals: discover Stuttgart together.",
    ),
    "fluechtlingsdialoge": (
        "Stuttgarter Flüchtlingsdialoge",
        "Stuttgart Refugee Dialogues",
        "Geflüchtete berichten von ihren Erfahrungen, Hoffnungen und Erwartungen. Interkulturell "
        "geschulte Dialogmoderatorinnen und Dolmetscher begleiten die Gespräche.",
        "Refugees talk about their experiences, hopes and expectations. Interculturally trained "
        "moderators and interpreters support the conversations.",
    ),
    "integrationsmanagement-pflege": (
        "Integrationsmanagement in der Pflege",
        "Integration management in nursing",
        "Sechs praxisorientierte Workshoptage für Arbeitgeber in der Pflege: Qualifizierung "
        "zur oder zum Integrationsbeauftragten. Mit Teilnahmebescheinigung ab fünf Modulen.",
        "Six practical workshop days for employers in nursing, qualifying an integration "
        "officer. A certificate of participation for five modules or more.",
    ),
    "region-stuttgart-info-nights": (
        "Information Nights for Skilled Workers",
        "Information Nights for Skilled Workers",
        "Online-Informationsabende für Fachkräfte, die in die Region Stuttgart kommen möchten.",
        "Online information nights for skilled workers who plan to come to the Stuttgart region.",
    ),
    "braunschweig-info-nights": (
        "Informationsabende",
        "Information evenings",
        "Monatliche Informationsabende des Welcome Centers Region Braunschweig.",
        "Monthly information evenings of the Welcome Center Region Braunschweig.",
    ),
    "braunschweig-culture": (
        "Kultur im Haus der Kulturen",
        "Culture at the Haus der Kulturen",
        "Begegnungen bei Musik, Essen und Geschichten.",
        "Meeting people over music, food and stories.",
    ),
    "open-meetups": (
        "Offene Treffpunkte",
        "Open meetups",
        "Weitere Treffpunkte und Sprechstunden des Welcome Centers.",
        "More meetups and drop-in hours of the Welcome Center.",
    ),
}
PROGRAM_KINDS = {
    "welcome-club": ProgramKind.CLUB,
    "information-nights": ProgramKind.INFO_NIGHT,
    "cultural-events": ProgramKind.CULTURAL,
    "fluechtlingsdialoge": ProgramKind.DIALOGUE,
    "integrationsmanagement-pflege": ProgramKind.WORKSHOP_SERIES,
    "region-stuttgart-info-nights": ProgramKind.INFO_NIGHT,
    "braunschweig-info-nights": ProgramKind.INFO_NIGHT,
    "braunschweig-culture": ProgramKind.CULTURAL,
    "open-meetups": ProgramKind.OTHER,
}
OFFICE_PROGRAMS = {
    "stuttgart": (
        "welcome-club",
        "information-nights",
        "cultural-events",
        "fluechtlingsdialoge",
        "integrationsmanagement-pflege",
    ),
    "region-stuttgart": ("region-stuttgart-info-nights",),
    "braunschweig": ("braunschweig-info-nights", "braunschweig-culture"),
}
FEEDBACK_COMMENTS = (
    "Sehr hilfreich, vielen Dank!",
    "Great atmosphere, I met other students from my faculty.",
    "Die Dolmetscherin war super, ich habe alles verstanden.",
    "Etwas zu kurz – mehr Zeit für Fragen wäre gut.",
    "Thank you for the clear information about the Blue Card.",
    "Der Raum war zu klein für so viele Leute.",
    "Very friendly team, I will come again.",
    "Gern öfter, auch am Wochenende.",
    "شكراً جزيلاً، كانت المعلومات مفيدة جداً.",
    "The slides would be helpful to have afterwards.",
)

# --- People -------------------------------------------------------------------------------------

#: First and last names by region of origin (space-separated).
NAME_LISTS = {
    "arabic": ("Ahmad Mohammed Omar Yusuf Khaled Rami Layla Fatima Amina Noor Huda Rana Samir "
               "Hassan Maryam",
               "Al-Hassan Haddad Khalil Nasser Mansour Saleh Darwish Ibrahim Youssef Aziz"),
    "persian": ("Ali Reza Mahmoud Zahra Fatemeh Sara Hamid Parisa Mohammad Arezoo Navid Shirin",
                "Ahmadi Hosseini Karimi Rahimi Mohammadi Sadeghi Rezaei Jafari Azizi Noori"),
    "eritrean": ("Yonas Dawit Selam Helen Tesfay Mehari Rahel Senait Filmon Yohannes",
                 "Tesfaye Gebremedhin Haile Kidane Berhane Weldu Tekle Asmerom"),
    "slavic": ("Olena Iryna Oksana Andrii Dmytro Serhii Kateryna Natalia Yulia Maksym Anastasia "
               "Viktor",
               "Kovalenko Shevchenko Bondarenko Melnyk Tkachenko Kravchenko Boyko Savchenko "
               "Ivanova Petrov"),
    "turkish": ("Ayşe Mehmet Elif Emre Zeynep Burak Fatma Can Deniz Selin",
                "Yılmaz Kaya Demir Şahin Çelik Aydın Öztürk Arslan Doğan Koç"),
    "indian": ("Priya Rahul Ananya Arjun Sneha Vikram Deepika Karthik Aisha Rohan",
               "Sharma Patel Nair Reddy Iyer Gupta Singh Menon Rao Kumar"),
    "asian": ("Wei Li Jing Hao Xin Yu Min-jun Ji-woo Lan Minh",
              "Wang Zhang Chen Liu Kim Park Nguyen Tran Le Huang"),
    "latin": ("María José Camila Juan Valentina Carlos Lucía Diego Ana Gabriel Beatriz Rafael",
              "García Rodríguez Silva Santos Martínez López Pereira Gómez Oliveira Fernández"),
    "european": ("Giulia Marco Ioana Andrei Agnieszka Tomasz Eleni Nikos Ana Luka Sofia Pablo",
                 "Rossi Bianchi Popescu Ionescu Nowak Kowalski Papadopoulos Horvat Novak Costa"),
    "african": ("Chinedu Ngozi Aminata Mamadou Fatou Kwame Ama Ibrahim Aïcha Oumar",
                "Okafor Adeyemi Diallo Traoré Mensah Ndiaye Camara Kamara Bah Ouédraogo"),
    "german": ("Anna Sabine Claudia Julia Thomas Michael Stefan Katrin Petra Andreas Nicole "
               "Markus Birgit Frank Monika",
               "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch "
               "Richter Klein Wolf Schröder"),
}  # fmt: skip
NAMES = {
    key: (tuple(first.split()), tuple(last.split())) for key, (first, last) in NAME_LISTS.items()
}
#: Country of origin → name list and the portal language people from there choose most.
ORIGINS = """
arabic   ar  SY IQ EG MA TN JO LB SD YE
persian  fa  AF IR
eritrean en  ER ET
slavic   uk  UA MD
slavic   ru  RU BY KZ
turkish  tr  TR
indian   en  IN PK BD LK NP
asian    en  CN VN KR TW ID
latin    es  CO MX ES AR PE VE
latin    en  BR PT
european en  IT RO PL GR HR RS BG XK
european fr  FR
african  en  NG GH CM SN GN SO
"""
COUNTRIES: dict[str, tuple[str, str]] = {
    code: (names, language)
    for names, language, *codes in (line.split() for line in ORIGINS.strip().splitlines())
    for code in codes
}


def _weights(text: str) -> tuple[tuple[str, int], ...]:
    """Weighted choices from text: IN:18 CN:10 -> (("IN", 18), ("CN", 10))."""
    return tuple((key, int(weight)) for key, weight in (item.split(":") for item in text.split()))


@dataclass(frozen=True)
class Audience:
    """Who comes to a kind of event: target groups and countries (weighted)."""

    groups: tuple[tuple[str, int], ...]
    countries: tuple[tuple[str, int], ...]
    #: Share who registered on the portal (the rest: staff, and at the door for past events).
    portal: float = 0.85
    #: Share who leave the optional statistics fields empty.
    blank: float = 0.18


AUDIENCES = {
    "students": Audience(
        groups=_weights("student:88 researcher:6 other:6"),
        countries=_weights(
            "IN:18 CN:10 TR:6 IR:7 EG:5 PK:5 VN:5 BR:4 CO:4 MX:3 ID:3 KR:3 NG:3 CM:3 MA:3 TN:3 "
            "JO:2 UA:3 IT:3 ES:3"
        ),
    ),
    "newcomers": Audience(
        groups=_weights(
            "skilled-worker:45 family-member:15 student:12 eu-citizen:15 refugee:6 apprentice:4 "
            "researcher:3"
        ),
        countries=_weights(
            "IN:14 TR:8 BR:5 RO:6 IT:5 ES:4 GR:4 PL:4 SY:5 UA:7 EG:3 MA:3 TN:3 VN:3 CO:3 MX:2 "
            "IR:3 RS:2 XK:2 PK:3 NG:2"
        ),
    ),
    "culture": Audience(
        groups=_weights("student:30 skilled-worker:25 family-member:20 refugee:15 eu-citizen:10"),
        countries=_weights("IN:10 SY:8 UA:8 TR:6 CN:5 AF:5 IT:4 ES:4 BR:4 IR:4 RO:4 EG:3 CO:3"),
    ),
    "refugees": Audience(
        groups=_weights("refugee:92 family-member:5 other:3"),
        countries=_weights("SY:25 AF:22 ER:10 IQ:10 UA:8 TR:6 IR:6 SO:4 NG:3 GN:3 ET:3"),
        portal=0.35,
        blank=0.08,
    ),
    "employers": Audience(groups=(), countries=(), portal=0.95, blank=1.0),
}
EMPLOYERS = (
    "pflege-am-park.example",
    "klinikum-nord.example",
    "seniorenzentrum-rosenau.example",
    "diakonie-pflege.example",
    "ambulanter-dienst-mitte.example",
    "pflegeheim-lindenhof.example",
    "caritas-altenhilfe.example",
)
MAIL_DOMAINS = ("mail.example", "post.example", "web.example", "student.example")


# --- What an event is made of -------------------------------------------------------------------


@dataclass
class Spec:
    """One event to write, with how many people want to come."""

    program: str
    starts_at: dt.datetime
    hours: float
    title: T
    summary: str
    language: str
    capacity: int
    audience: str
    #: People who want a place, as a share of the capacity (over 1: full, a waiting list).
    demand: float
    place: str = ""  # a directory organisation's name, or "" with address/online_url
    address: str = ""
    online_url: str = ""
    interpretation: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    module_number: int | None = None
    cost: str = ""
    status: str = EventStatus.PUBLISHED
    cancellation_note: str = ""
    #: (role, language) rows to staff from the pool; a language no interpreter covers stays open.
    staffing: tuple[tuple[str, str], ...] = ()
    #: Languages whose interpreter is left out on purpose (the warning on the staff pages).
    unstaffed: tuple[str, ...] = ()
    #: An exact number of registrations (the check-in event), instead of the demand.
    exact: int | None = None


@dataclass
class Refs:
    languages: set[str]
    countries: set[str]
    groups: dict[str, int]
    locations: dict[str, int]
    organisations: dict[str, int]
    manager: User | None


@dataclass
class Counts:
    programs: int = 0
    events: int = 0
    registrations: int = 0
    attended: int = 0
    waiting: int = 0
    feedback: int = 0
    staffing: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        for name in (
            "programs",
            "events",
            "registrations",
            "attended",
            "waiting",
            "feedback",
            "staffing",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for status, count in other.by_status.items():
            self.by_status[status] = self.by_status.get(status, 0) + count


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def _days(first: dt.date, last: dt.date, weekday: int, step: int) -> Iterator[dt.date]:
    """Every `step` days from the first `weekday` on or after `first`, up to `last`."""
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    while day <= last:
        yield day
        day += dt.timedelta(days=step)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _months(first: dt.date, last: dt.date) -> Iterator[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _demand(rng: random.Random, day: dt.date, today: dt.date, base: tuple[float, float]) -> float:
    """Past events got what they got; upcoming ones fill as they come nearer."""
    demand = rng.uniform(*base)
    ahead = (day - today).days
    if ahead > 0:
        demand *= max(0.1, 1 - ahead / 45)
    return demand


# --- The programs of the demo offices -----------------------------------------------------------


def _stuttgart(rng: random.Random, today: dt.date, refs: Refs) -> list[Spec]:
    first, last = today - dt.timedelta(days=PAST_DAYS), today + dt.timedelta(days=AHEAD_DAYS)
    specs: list[Spec] = []
    # Welcome Club: every second Thursday evening, in English; the next one is full.
    popular_club = None
    for index, day in enumerate(_days(first, last, weekday=3, step=14)):
        title = WELCOME_CLUB[index % len(WELCOME_CLUB)]
        spec = Spec(
            program="welcome-club",
            starts_at=_at(day, 18, 30),
            hours=2.5,
            title=(f"Welcome Club: {title[0]}", f"Welcome Club: {title[1]}", ""),
            summary="club",
            language="en",
            capacity=40,
            audience="students",
            demand=_demand(rng, day, today, (0.6, 1.15)),
            place="Stadtbibliothek Stuttgart",
            target_groups=("student", "researcher"),
        )
        if popular_club is None and day > today + dt.timedelta(days=1):
            popular_club = spec
            spec.demand = 1.25
        specs.append(spec)
    # Information Nights: every month one in German (2nd Tuesday) and one in English (3rd Wed).
    for index, (year, month) in enumerate(_months(first, last)):
        topic = INFO_NIGHTS[index % len(INFO_NIGHTS)]
        for language, weekday, nth, capacity in (("de", 1, 2, 60), ("en", 2, 3, 80)):
            day = _nth_weekday(year, month, weekday, nth)
            if not first <= day <= last:
                continue
            online = language == "en" and index % 3 == 0
            suffix = (" (auf Englisch)", " (in English)") if language == "en" else ("", "")
            iq = topic[0].startswith("Anerkennung")
            specs.append(
                Spec(
                    program="information-nights",
                    starts_at=_at(day, 18),
                    hours=2,
                    title=(
                        f"Informationsabend: {topic[0]}{suffix[0]}",
                        f"Information Night: {topic[1]}{suffix[1]}",
                        f"أمسية معلومات: {topic[2]}" if topic[2] and language == "de" else "",
                    ),
                    summary="info",
                    language=language,
                    capacity=capacity,
                    audience="newcomers",
                    demand=_demand(rng, day, today, (0.55, 1.1)),
                    place="" if online else "Welcome Center Stuttgart",
                    online_url="https://video.stuttgart.example/info-night" if online else "",
                    interpretation=("ar",) if language == "de" and topic[2] else (),
                    target_groups=("skilled-worker", "family-member", "eu-citizen", "student"),
                    partners=("IQ Netzwerk Baden-Württemberg – Anerkennungsberatung Stuttgart",)
                    if iq
                    else (),
                    staffing=((PoolRole.SPEAKER, ""),)
                    + (((PoolRole.INTERPRETER, "ar"),) if language == "de" and topic[2] else ()),
                )
            )
    upcoming_english = [
        s
        for s in specs
        if s.language == "en"
        and s.program == "information-nights"
        and s.starts_at.date() > today + dt.timedelta(days=1)
    ]
    if upcoming_english:
        upcoming_english[0].demand = 1.2
    # The evening the demo event manager checks in: today, or tomorrow when today's is over.
    now = timezone.now().astimezone(BERLIN)
    check_in_day = today if now < _at(today, 19) else today + dt.timedelta(days=1)
    specs.append(
        Spec(
            program="information-nights",
            starts_at=_at(check_in_day, 18),
            hours=2,
            title=(
                f"Informationsabend: {CHECK_IN_TITLE[0]}",
                f"Information Night: {CHECK_IN_TITLE[1]}",
                f"أمسية معلومات: {CHECK_IN_TITLE[2]}",
            ),
            summary="info",
            language="de",
            capacity=40,
            audience="newcomers",
            demand=0,
            exact=CHECK_IN_PEOPLE,
            place="Welcome Center Stuttgart",
            interpretation=("en", "ar"),
            target_groups=("skilled-worker", "family-member", "refugee", "eu-citizen"),
            staffing=(
                (PoolRole.SPEAKER, ""),
                (PoolRole.INTERPRETER, "en"),
                (PoolRole.INTERPRETER, "ar"),
            ),
        )
    )
    # Cultural events: about every five weeks on a Saturday; one past tour was called off.
    for index, day in enumerate(_days(first + dt.timedelta(days=9), last, weekday=5, step=35)):
        title, title_en, address, cost = CULTURAL[index % len(CULTURAL)]
        cancelled = index == 2
        specs.append(
            Spec(
                program="cultural-events",
                starts_at=_at(day, 11),
                hours=3,
                title=(title, title_en, ""),
                summary="culture",
                language="de",
                capacity=rng.choice((20, 25, 30)),
                audience="culture",
                demand=_demand(rng, day, today, (0.7, 1.2)),
                address=address,
                interpretation=("en",),
                cost=cost,
                status=EventStatus.CANCELLED if cancelled else EventStatus.PUBLISHED,
                cancellation_note="Wegen einer Unwetterwarnung abgesagt." if cancelled else "",
            )
        )
    specs.append(  # a draft the manager is still preparing
        Spec(
            program="cultural-events",
            starts_at=_at(last - dt.timedelta(days=3), 15),
            hours=3,
            title=("Sommerfest im Welcome Center", "Summer party at the Welcome Center", ""),
            summary="culture",
            language="de",
            capacity=80,
            audience="culture",
            demand=0,
            place="Welcome Center Stuttgart",
            status=EventStatus.DRAFT,
        )
    )
    # Stuttgarter Flüchtlingsdialoge: monthly, moderated, with interpreters from the pool.
    upcoming_dialogue = False
    for index, (year, month) in enumerate(_months(first, last)):
        day = _nth_weekday(year, month, 2, 4)
        if not first <= day <= last:
            continue
        theme = DIALOGUES[index % len(DIALOGUES)]
        languages = ("ar", "fa", "ti") if index % 2 else ("ar", "fa", "uk")
        unstaffed: tuple[str, ...] = ()
        if not upcoming_dialogue and day > today:
            # The next evening announces Tigrinya, and nobody has been found yet.
            upcoming_dialogue, languages, unstaffed = True, ("ar", "fa", "ti"), ("ti",)
        specs.append(
            Spec(
                program="fluechtlingsdialoge",
                starts_at=_at(day, 17, 30),
                hours=2.5,
                title=(
                    f"Stuttgarter Flüchtlingsdialog: {theme[0]}",
                    f"Stuttgart Refugee Dialogue: {theme[1]}",
                    f"حوار اللاجئين في شتوتغارت: {theme[2]}",
                ),
                summary="dialogue",
                language="de",
                capacity=30,
                audience="refugees",
                demand=_demand(rng, day, today, (0.6, 1.0)),
                address=DIALOGUE_PLACES[index % len(DIALOGUE_PLACES)],
                interpretation=languages,
                target_groups=("refugee",),
                staffing=(
                    (PoolRole.MODERATOR, ""),
                    *((PoolRole.INTERPRETER, code) for code in languages),
                ),
                unstaffed=unstaffed,
            )
        )
    # The workshop series: six monthly workshop days, all held, module 3 led by the IQ network.
    for number, (title, title_en, iq) in enumerate(MODULES, start=1):
        day = _nth_weekday(*_month_back(today, 9 - number), weekday=1, nth=2)
        specs.append(
            Spec(
                program="integrationsmanagement-pflege",
                starts_at=_at(day, 9),
                hours=7,
                title=(f"Modul {number}: {title}", f"Module {number}: {title_en}", ""),
                summary="module",
                language="de",
                capacity=20,
                audience="employers",
                demand=0,
                place="Welcome Center Stuttgart",
                module_number=number,
                partners=("IQ Netzwerk Baden-Württemberg – Anerkennungsberatung Stuttgart",)
                if iq
                else (),
                staffing=((PoolRole.SPEAKER, ""),) if number in (1, 4, 6) else (),
            )
        )
    return specs


def _month_back(today: dt.date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - months
    return index // 12, index % 12 + 1


def _region(rng: random.Random, today: dt.date, refs: Refs) -> list[Spec]:
    first, last = today - dt.timedelta(days=PAST_DAYS), today + dt.timedelta(days=AHEAD_DAYS)
    specs = []
    for index, (year, month) in enumerate(_months(first, last)):
        day = _nth_weekday(year, month, 3, 1)
        if not first <= day <= last:
            continue
        topic = REGION_NIGHTS[index % len(REGION_NIGHTS)]
        specs.append(
            Spec(
                program="region-stuttgart-info-nights",
                starts_at=_at(day, 17),
                hours=1.5,
                title=(
                    f"Online-Infoabend: {topic[0]}",
                    f"Online Information Night: {topic[1]}",
                    "",
                ),
                summary="info",
                language="en",
                capacity=100,
                audience="newcomers",
                demand=_demand(rng, day, today, (0.5, 0.95)),
                online_url="https://video.region-stuttgart.example/info-night",
                target_groups=("skilled-worker", "family-member"),
                staffing=((PoolRole.SPEAKER, ""),),
            )
        )
    return specs


def _braunschweig(rng: random.Random, today: dt.date, refs: Refs) -> list[Spec]:
    first, last = today - dt.timedelta(days=PAST_DAYS), today + dt.timedelta(days=AHEAD_DAYS)
    specs = []
    for index, (year, month) in enumerate(_months(first, last)):
        day = _nth_weekday(year, month, 0, 2)
        if first <= day <= last:
            topic = BS_NIGHTS[index % len(BS_NIGHTS)]
            specs.append(
                Spec(
                    program="braunschweig-info-nights",
                    starts_at=_at(day, 17, 30),
                    hours=2,
                    title=(
                        f"Informationsabend: {topic[0]}",
                        f"Information evening: {topic[1]}",
                        f"أمسية معلومات: {topic[2]}" if topic[2] else "",
                    ),
                    summary="info",
                    language="de",
                    capacity=40,
                    audience="newcomers",
                    demand=_demand(rng, day, today, (0.45, 0.95)),
                    place="Welcome Center Region Braunschweig",
                    interpretation=("en", "uk"),
                    target_groups=("skilled-worker", "family-member", "refugee"),
                    staffing=(
                        (PoolRole.MODERATOR, ""),
                        (PoolRole.INTERPRETER, "en"),
                        (PoolRole.INTERPRETER, "uk"),
                    ),
                )
            )
    for index, day in enumerate(_days(first + dt.timedelta(days=20), last, weekday=4, step=42)):
        topic = BS_CULTURE[index % len(BS_CULTURE)]
        specs.append(
            Spec(
                program="braunschweig-culture",
                starts_at=_at(day, 18),
                hours=3,
                title=topic,
                summary="culture",
                language="de",
                capacity=rng.choice((30, 40, 50)),
                audience="culture",
                demand=_demand(rng, day, today, (0.5, 1.05)),
                place="Haus der Kulturen Braunschweig e.V.",
                target_groups=("refugee", "family-member", "student"),
            )
        )
    return specs


def _extra(rng: random.Random, today: dt.date, count: int) -> list[Spec]:
    """Benchmark-sized events for the scale: open meetups spread over the year."""
    span = PAST_DAYS + AHEAD_DAYS
    specs = []
    for _ in range(count):
        day = today - dt.timedelta(days=PAST_DAYS) + dt.timedelta(days=rng.randrange(span))
        topic = rng.choice(EXTRA_TOPICS)
        specs.append(
            Spec(
                program="open-meetups",
                starts_at=_at(day, rng.choice((10, 14, 16, 18))),
                hours=rng.choice((1.5, 2, 3)),
                title=topic,
                summary="extra",
                language=rng.choice(("de", "de", "en")),
                capacity=rng.randint(20, 80),
                audience=rng.choice(("newcomers", "culture", "students")),
                demand=_demand(rng, day, today, (0.5, 1.1)),
                place="Welcome Center Stuttgart",
            )
        )
    return specs


BUILDERS = {"stuttgart": _stuttgart, "region-stuttgart": _region, "braunschweig": _braunschweig}


# --- Writing ------------------------------------------------------------------------------------


def _ascii(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isalnum()) or "x"


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


class Writer:
    """Turns specs into rows of one office, keeping the bulk inserts together."""

    def __init__(self, office: Office, refs: Refs, rng: random.Random, today: dt.date) -> None:
        self.office = office
        self.refs = refs
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.people = 0
        self.created_programs = 0
        self.pool = list(
            PoolMember.objects.filter(office=office, is_active=True)
            .prefetch_related("languages")
            .order_by("name", "id")
        )

    # -- programs

    def programs(self, keys: tuple[str, ...]) -> dict[str, Program]:
        """The office's programs by key, created with their texts where missing."""
        made = {}
        for key in keys:
            slug = key
            taken = Program.objects.filter(slug=slug).exclude(office=self.office).exists()
            if taken:  # slugs are unique across offices; someone named theirs like ours
                slug = f"{key}-{self.office.slug}"
            program, created = Program.objects.get_or_create(
                slug=slug,
                defaults={
                    "office": self.office,
                    "kind": PROGRAM_KINDS[key],
                    "is_series": PROGRAM_KINDS[key] == ProgramKind.WORKSHOP_SERIES,
                    "certificate_min_modules": 5
                    if PROGRAM_KINDS[key] == ProgramKind.WORKSHOP_SERIES
                    else None,
                    "created_at": self.now - dt.timedelta(days=PAST_DAYS + 30),
                },
            )
            if created:
                self.created_programs += 1
                de, en, text_de, text_en = PROGRAMS[key]
                ProgramTranslation.objects.bulk_create(
                    [
                        ProgramTranslation(
                            program=program, language="de", title=de, description=text_de
                        ),
                        ProgramTranslation(
                            program=program, language="en", title=en, description=text_en
                        ),
                    ]
                )
            made[key] = program
        return made

    # -- events

    def events(self, specs: list[Spec], programs: dict[str, Program]) -> Counts:
        counts = Counts(events=len(specs))
        refs = self.refs
        rows = []
        for spec in specs:
            ends_at = spec.starts_at + dt.timedelta(hours=spec.hours)
            cancelled = spec.status == EventStatus.CANCELLED
            rows.append(
                Event(
                    program=programs[spec.program],
                    office=self.office,
                    module_number=spec.module_number,
                    starts_at=spec.starts_at,
                    ends_at=ends_at,
                    time_zone="Europe/Berlin",
                    location_id=refs.locations.get(spec.place),
                    address=spec.address or self._address(spec),
                    online_url=spec.online_url,
                    language_id=spec.language,
                    capacity=spec.capacity,
                    waiting_list=True,
                    registration_closes_at=spec.starts_at - dt.timedelta(days=2)
                    if spec.module_number
                    else None,
                    status=spec.status,
                    cancelled_at=spec.starts_at - dt.timedelta(days=2) if cancelled else None,
                    cancellation_note=spec.cancellation_note,
                    created_at=min(spec.starts_at - dt.timedelta(days=42), self.now),
                    created_by=refs.manager if self.office.slug == "stuttgart" else None,
                )
            )
        events = Event.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        self._texts(events, specs)
        self._relations(events, specs)
        counts.staffing = self._staffing(events, specs)
        registrations, feedback = self._registrations(events, specs, programs)
        counts.registrations = len(registrations)
        counts.feedback = feedback
        for registration in registrations:
            counts.by_status[registration.status] = counts.by_status.get(registration.status, 0) + 1
        counts.attended = counts.by_status.get(RegistrationStatus.ATTENDED, 0)
        counts.waiting = counts.by_status.get(RegistrationStatus.WAITING, 0)
        return counts

    def _address(self, spec: Spec) -> str:
        """A place outside the directory: its name and the office's city (a demo without the
        directory demo still has a place for every event)."""
        if spec.online_url or spec.place in self.refs.locations:
            return ""
        return f"{spec.place}, {self.office.city}"

    def _texts(self, events: list[Event], specs: list[Spec]) -> None:
        rows = []
        for event, spec in zip(events, specs, strict=True):
            summary_de, summary_en = SUMMARIES[spec.summary]
            de, en, ar = spec.title
            rows.append(
                EventTranslation(
                    event=event, language="de", title=de, summary=summary_de, cost=spec.cost
                )
            )
            rows.append(
                EventTranslation(
                    event=event,
                    language="en",
                    title=en,
                    summary=summary_en,
                    cost=spec.cost,
                )
            )
            if ar:
                rows.append(EventTranslation(event=event, language="ar", title=ar, cost=spec.cost))
        EventTranslation.objects.bulk_create(rows, batch_size=INSERT_BATCH)

    def _relations(self, events: list[Event], specs: list[Spec]) -> None:
        refs = self.refs
        interpretation = Event.interpretation.through
        groups = Event.target_groups.through
        partners = Event.partners.through
        interpretation.objects.bulk_create(
            [
                interpretation(event_id=event.pk, language_id=code)
                for event, spec in zip(events, specs, strict=True)
                for code in spec.interpretation
                if code in refs.languages
            ],
            batch_size=INSERT_BATCH,
        )
        groups.objects.bulk_create(
            [
                groups(event_id=event.pk, targetgroup_id=refs.groups[slug])
                for event, spec in zip(events, specs, strict=True)
                for slug in spec.target_groups
                if slug in refs.groups
            ],
            batch_size=INSERT_BATCH,
        )
        partners.objects.bulk_create(
            [
                partners(event_id=event.pk, organisation_id=refs.organisations[name])
                for event, spec in zip(events, specs, strict=True)
                for name in spec.partners
                if name in refs.organisations
            ],
            batch_size=INSERT_BATCH,
        )

    def _member(self, role: str, language: str, busy: set[int]) -> PoolMember | None:
        """Someone from the pool for the role (and language), not yet busy at this event."""
        fitting = [
            member
            for member in self.pool
            if role in member.roles
            and member.pk not in busy
            and (not language or language in {lang.code for lang in member.languages.all()})
        ]
        return self.rng.choice(fitting) if fitting else None

    def _staffing(self, events: list[Event], specs: list[Spec]) -> int:
        rows = []
        for event, spec in zip(events, specs, strict=True):
            busy: set[int] = set()
            for role, language in spec.staffing:
                if language in spec.unstaffed:
                    continue
                member = self._member(role, language, busy)
                if member is None:
                    continue
                busy.add(member.pk)
                rows.append(
                    Staffing(
                        event=event,
                        office=self.office,
                        role=role,
                        language_id=language or None,
                        member=member,
                    )
                )
        Staffing.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        return len(rows)

    # -- registrations

    def _person(self, audience: Audience, *, series_domain: str = "") -> dict[str, Any]:
        """Name, contact, portal language and the optional statistics of one participant."""
        rng = self.rng
        self.people += 1
        country = None
        group = None
        if series_domain:
            names, language = "german", "de"
        else:
            country = _pick(rng, audience.countries)
            names, language = COUNTRIES.get(country, ("european", "en"))
            if rng.random() < 0.35:
                language = rng.choice(("de", "en"))
            group = _pick(rng, audience.groups)
        first_names, last_names = NAMES[names]
        first, last = rng.choice(first_names), rng.choice(last_names)
        domain = series_domain or rng.choice(MAIL_DOMAINS)
        email = f"{_ascii(first)}.{_ascii(last)}.{self.people}@{domain}"
        phone = f"+49 1{rng.choice((5, 6, 7))}{rng.randint(0, 9)} {rng.randint(1000000, 9999999)}"
        blank = rng.random() < audience.blank
        return {
            "name": f"{first} {last}",
            "email": email,
            "phone": phone if rng.random() < 0.3 else "",
            "language": language,
            "country_of_origin_id": None
            if blank or country not in self.refs.countries
            else country,
            "target_group_id": None if blank or not group else self.refs.groups.get(group),
        }

    def _source(self, audience: Audience, past: bool) -> str:
        roll = self.rng.random()
        if roll < audience.portal:
            return RegistrationSource.PORTAL
        if past and roll > 1 - (1 - audience.portal) / 3:
            return RegistrationSource.DOOR
        return RegistrationSource.STAFF

    def _registrations(
        self, events: list[Event], specs: list[Spec], programs: dict[str, Program]
    ) -> tuple[list[Registration], int]:
        rng = self.rng
        rows: list[Registration] = []
        feedback: list[Feedback] = []
        series = [(e, s) for e, s in zip(events, specs, strict=True) if s.module_number]
        for event, spec in zip(events, specs, strict=True):
            if spec.status == EventStatus.DRAFT or spec.module_number:
                continue
            wanted = spec.exact if spec.exact is not None else round(spec.capacity * spec.demand)
            # Past events full to the brim kept a short waiting list; nobody queues for ever.
            wanted = min(wanted, spec.capacity + rng.randint(4, 12))
            people = [self._person(AUDIENCES[spec.audience]) for _ in range(wanted)]
            rows += self._for_event(event, spec, people, feedback, series_key=None)
        if series:
            rows += self._series(series, feedback)
        Registration.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        Feedback.objects.bulk_create(feedback, batch_size=INSERT_BATCH)
        return rows, len(feedback)

    def _for_event(
        self,
        event: Event,
        spec: Spec,
        people: list[dict[str, Any]],
        feedback: list[Feedback],
        *,
        series_key: Any,
        attends: list[bool] | None = None,
        booked_at: dt.datetime | None = None,
    ) -> list[Registration]:
        """Registrations in the order people came: places first, then the waiting list; some
        cancel (the next waiting person moves up); past events record who came."""
        rng = self.rng
        starts, ends = event.starts_at, event.ends_at
        past = ends < self.now
        audience = AUDIENCES[spec.audience]
        opens = starts - dt.timedelta(days=rng.randint(21, 42))
        # Registration for events far ahead opened some days ago already.
        opens = min(opens, self.now - dt.timedelta(days=rng.randint(2, 20)))
        closes = event.registration_closes_at or starts - dt.timedelta(hours=2)
        latest = min(closes, self.now - dt.timedelta(minutes=5))
        span = max((latest - opens).total_seconds(), 60)
        # Most register early or in the last days: a U shape over the window.
        moments = sorted(
            booked_at or opens + dt.timedelta(seconds=span * rng.betavariate(0.7, 0.9))
            for _ in people
        )
        registrations = []
        holding: list[Registration] = []
        waiting: list[Registration] = []
        for person, moment in zip(people, moments, strict=True):
            source = self._source(audience, past) if not series_key else RegistrationSource.PORTAL
            if source == RegistrationSource.DOOR:
                moment = starts + dt.timedelta(minutes=rng.randint(-10, 20))
            fields = dict(person)
            if source != RegistrationSource.PORTAL and rng.random() < 0.5:
                fields["email"] = ""  # staff took a phone number, or only the name
                if rng.random() < 0.5:
                    fields["phone"] = ""
            elif not fields["email"] and not fields["phone"]:
                fields["phone"] = f"+49 176 {rng.randint(1000000, 9999999)}"
            if spec.interpretation and rng.random() < 0.6:
                wanted = [c for c in spec.interpretation if c in self.refs.languages]
                fields["interpreting_into_id"] = rng.choice(wanted) if wanted else None
            registration = Registration(
                event=event,
                office=self.office,
                series_key=series_key,
                status=RegistrationStatus.REGISTERED,
                source=source,
                consent_at=moment,
                created_at=moment,
                childcare=spec.audience == "refugees" and rng.random() < 0.15,
                accessibility_needs="Rollstuhl: bitte stufenlosen Zugang"
                if rng.random() < 0.01
                else "",
                **fields,
            )
            if source == RegistrationSource.DOOR:
                registration.status = RegistrationStatus.ATTENDED
                registration.checked_in_at = moment
            registrations.append(registration)
        if spec.status == EventStatus.CANCELLED:
            for registration in registrations:
                registration.status = RegistrationStatus.CANCELLED
                registration.cancelled_at = event.cancelled_at
            return registrations
        # In the order things happened: a registration takes a free place or joins the waiting
        # list; some cancel before the day, and their place goes to the first one waiting.
        share = 0.0 if spec.exact or series_key else (0.08 if past else 0.04)
        latest = min(starts - dt.timedelta(hours=3), self.now)
        steps: list[tuple[dt.datetime, int, Registration]] = []
        for registration in registrations:
            if registration.source == RegistrationSource.DOOR:
                continue
            steps.append((registration.created_at, 0, registration))
            if rng.random() < share and latest > registration.created_at:
                when = registration.created_at + (latest - registration.created_at) * rng.random()
                steps.append((when, 1, registration))
        for when, cancels, registration in sorted(steps, key=lambda step: step[:2]):
            if not cancels:
                if len(holding) < spec.capacity:
                    holding.append(registration)
                else:
                    registration.status = RegistrationStatus.WAITING
                    registration.waiting_since = when
                    waiting.append(registration)
                continue
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = when
            if registration in waiting:
                waiting.remove(registration)
                continue
            holding.remove(registration)
            if waiting:
                moved = waiting.pop(0)
                moved.status = RegistrationStatus.REGISTERED
                moved.promoted_at = when
                holding.append(moved)
        reminded = starts - dt.timedelta(days=1)
        for registration in holding:
            if reminded < self.now and registration.created_at < reminded:
                registration.reminded_at = reminded
        if not past:
            return registrations
        share = rng.uniform(0.70, 0.85)
        for index, registration in enumerate(holding):
            came = attends[index] if attends is not None else rng.random() < share
            registration.status = (
                RegistrationStatus.ATTENDED if came else RegistrationStatus.NO_SHOW
            )
            if came:
                registration.checked_in_at = starts + dt.timedelta(minutes=rng.randint(-15, 25))
        asked = ends + dt.timedelta(hours=2)
        for registration in registrations:
            if registration.status != RegistrationStatus.ATTENDED or not registration.email:
                continue
            if asked >= self.now:
                continue
            registration.feedback_requested_at = asked
            if rng.random() < 0.3:
                given = min(asked + dt.timedelta(hours=rng.randint(1, 72)), self.now)
                registration.feedback_given_at = given
                feedback.append(
                    Feedback(
                        event=event,
                        office=self.office,
                        rating=rng.choices((5, 4, 3, 2, 1), weights=(45, 35, 12, 5, 3))[0],
                        useful=rng.choices((True, False, None), weights=(80, 8, 12))[0],
                        comment=rng.choice(FEEDBACK_COMMENTS) if rng.random() < 0.45 else "",
                        created_at=given,
                    )
                )
        return registrations

    def _series(self, modules: list[tuple[Event, Spec]], feedback: list[Feedback]) -> list[Any]:
        """Employers' staff: most booked the whole series and came to every module or all but
        one (a certificate), a few dropped out; others booked single modules."""
        rng = self.rng
        audience = AUDIENCES["employers"]
        participants = []
        for index in range(14):
            domain = EMPLOYERS[index % len(EMPLOYERS)]
            person = self._person(audience, series_domain=domain)
            if index < 10:
                attends = [True] * len(modules)
            elif index < 12:
                attends = [True] * len(modules)
                attends[rng.randrange(len(modules))] = False
            else:
                attends = [rng.random() < 0.5 for _ in modules]
            participants.append((person, attends, uuid.UUID(int=rng.getrandbits(128), version=4)))
        # The whole series is booked at once, some weeks before the first module.
        first = modules[0][0].starts_at
        booked = [first - dt.timedelta(days=rng.randint(10, 40)) for _ in participants]
        rows = []
        for position, (event, spec) in enumerate(modules):
            for (person, attends, key), booked_at in zip(participants, booked, strict=True):
                rows += self._for_event(
                    event, spec, [person], feedback, series_key=key,
                    attends=[attends[position]], booked_at=booked_at,
                )  # fmt: skip
            singles = [
                self._person(audience, series_domain=rng.choice(EMPLOYERS))
                for _ in range(rng.randint(2, 5))
            ]
            rows += self._for_event(event, spec, singles, feedback, series_key=None)
        return rows


def _refs() -> Refs:
    names = {
        "Stadtbibliothek Stuttgart",
        "Welcome Center Stuttgart",
        "Welcome Center Region Braunschweig",
        "Haus der Kulturen Braunschweig e.V.",
        "IQ Netzwerk Baden-Württemberg – Anerkennungsberatung Stuttgart",
    }
    organisations: dict[str, int] = {}
    for pk, name in (
        Organisation.objects.filter(name__in=names).order_by("id").values_list("pk", "name")
    ):
        organisations.setdefault(name, pk)
    locations: dict[str, int] = {}
    for pk, name in (
        Location.objects.filter(organisation__name__in=names)
        .order_by("id")
        .values_list("pk", "organisation__name")
    ):
        locations.setdefault(name, pk)
    return Refs(
        languages=set(Language.objects.values_list("code", flat=True)),
        countries=set(Country.objects.values_list("code", flat=True)),
        groups=dict(TargetGroup.objects.values_list("slug", "pk")),
        locations=locations,
        organisations=organisations,
        manager=User.objects.filter(username=DEMO_MANAGER).first(),
    )


def generate(
    office: Office,
    specs: list[Spec],
    *,
    rng: random.Random,
    today: dt.date,
    refs: Refs | None = None,
) -> Counts:
    """Write `specs` for `office` with programs, texts, staffing, registrations and feedback."""
    writer = Writer(office, refs or _refs(), rng, today)
    programs = writer.programs(tuple(dict.fromkeys(spec.program for spec in specs)))
    counts = writer.events(specs, programs)
    counts.programs = writer.created_programs
    return counts


@transaction.atomic
def seed(*, scale: int, stdout: TextIO) -> None:
    began = time.perf_counter()
    offices = Office.objects.in_bulk(list(OFFICE_PROGRAMS), field_name="slug")
    refs = _refs()
    today = timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets
    counts = Counts()
    for slug in OFFICE_PROGRAMS:
        office = offices.get(slug)
        if office is None or Program.objects.filter(office=office).exists():
            continue
        specs = BUILDERS[slug](rng, today, refs)
        counts.add(generate(office, specs, rng=rng, today=today, refs=refs))
    if scale > 1 and "stuttgart" in offices:
        counts.add(_seed_extra(offices["stuttgart"], scale, refs, today))
    reset_queries()
    if not counts.events:
        stdout.write("Events: the demo offices have their programs; none added.\n")
        return
    stdout.write(
        f"Events: {counts.programs} programs, {counts.events:,} events, "
        f"{counts.registrations:,} registrations ({counts.attended:,} attended, "
        f"{counts.waiting:,} waiting), {counts.feedback:,} feedback, {counts.staffing} staffing "
        f"({time.perf_counter() - began:.1f} s).\n"
    )


def _seed_extra(office: Office, scale: int, refs: Refs, today: dt.date) -> Counts:
    """The benchmark-sized part: only what is missing for this scale is added."""
    wanted = (scale - 1) * EXTRA_EVENTS_PER_SCALE
    have = Event.objects.filter(office=office, program__slug="open-meetups").count()
    if have >= wanted:
        return Counts()
    rng = random.Random(f"{SEED}-extra-{have}")  # noqa: S311 - reproducible demo data
    counts = Counts()
    for first in range(have, wanted, 500):
        specs = _extra(rng, today, min(500, wanted - first))
        counts.add(generate(office, specs, rng=rng, today=today, refs=refs))
        reset_queries()  # with DEBUG on, Django keeps the SQL of every bulk insert
    return counts
