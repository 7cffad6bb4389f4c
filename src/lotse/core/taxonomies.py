"""The shared taxonomies and the function that writes them (used by a data migration).

Countries and languages take their names from Babel's CLDR data in every language Lotse knows;
topics, target groups and residence-status categories are ours, in German and English. Platform
admins may rename terms afterwards: the sync adds what is missing and never overwrites an edit.
"""

from __future__ import annotations

from typing import Any

import pycountry
from babel import Locale, UnknownLocaleError

from lotse.core.countries import EXTRA_COUNTRIES, country_group

#: Languages in which Babel names countries and languages for us (a superset of LOTSE_LANGUAGES).
NAME_LANGUAGES = ("de", "en", "ar", "uk", "tr", "ru", "fa", "es", "fr", "it", "pl", "ro")

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "prs", "yi", "dv", "sd", "ug"})

#: ISO 639-3 languages without a two-letter code that Welcome Centers meet often.
EXTRA_LANGUAGES: dict[str, dict[str, str]] = {
    "prs": {"de": "Dari", "en": "Dari", "fa": "دری", "ar": "الدارية"},
    "kmr": {"de": "Kurmandschi (Nordkurdisch)", "en": "Kurmanji (Northern Kurdish)"},
    "ckb": {},  # Sorani: Babel knows it
}

# (slug, German, English, [(slug, German, English), ...])
TOPICS: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    ("residence", "Aufenthalt und Visum", "Residence and visa", [
        ("residence-visa", "Visum und Einreise", "Visa and entry"),
        ("residence-title", "Aufenthaltstitel und Verlängerung", "Residence title and extension"),
        ("residence-blue-card", "Blaue Karte EU", "EU Blue Card"),
        ("residence-settlement", "Niederlassungserlaubnis und Einbürgerung",
         "Settlement permit and naturalisation"),
        ("residence-eu", "Freizügigkeit für EU-Bürger*innen", "Free movement for EU citizens"),
    ]),
    ("recognition", "Anerkennung ausländischer Abschlüsse", "Recognition of qualifications", [
        ("recognition-professional", "Anerkennung von Berufsabschlüssen",
         "Recognition of vocational qualifications"),
        ("recognition-academic", "Anerkennung von Hochschulabschlüssen",
         "Recognition of university degrees"),
        ("recognition-regulated", "Reglementierte Berufe (Pflege, Medizin, Lehramt)",
         "Regulated professions (nursing, medicine, teaching)"),
        ("recognition-adaptation", "Anpassungsqualifizierung", "Adaptation training"),
    ]),
    ("work", "Arbeit und Jobsuche", "Work and job search", [
        ("work-job-search", "Stellensuche", "Job search"),
        ("work-application", "Bewerbung und Lebenslauf", "Applications and CV"),
        ("work-rights", "Arbeitsrecht und Arbeitsvertrag", "Labour law and employment contract"),
        ("work-self-employment", "Selbstständigkeit und Gründung",
         "Self-employment and starting a business"),
        ("work-apprenticeship", "Ausbildung", "Apprenticeship"),
    ]),
    ("language", "Deutsch lernen", "Learning German", [
        ("language-integration-course", "Integrationskurs", "Integration course"),
        ("language-job-german", "Berufssprachkurs", "German for work"),
        ("language-informal", "Sprachcafé und Tandem", "Language café and tandem"),
        ("language-certificates", "Sprachzertifikate", "Language certificates"),
    ]),
    ("housing", "Wohnen", "Housing", [
        ("housing-search", "Wohnungssuche", "Finding a flat"),
        ("housing-rent", "Mietvertrag und Nebenkosten", "Tenancy and utilities"),
        ("housing-temporary", "Vorübergehende Unterkunft", "Temporary accommodation"),
    ]),
    ("health", "Gesundheit und Versicherung", "Health and insurance", [
        ("health-insurance", "Krankenversicherung", "Health insurance"),
        ("health-doctors", "Ärztinnen und Ärzte finden", "Finding a doctor"),
        ("health-other-insurance", "Weitere Versicherungen", "Other insurance"),
        ("health-mental", "Psychosoziale Beratung", "Psychosocial support"),
    ]),
    ("registration", "Anmeldung und Dokumente", "Registration and documents", [
        ("registration-address", "Wohnsitz anmelden", "Registering your address"),
        ("registration-tax-id", "Steuer-ID und Sozialversicherungsnummer",
         "Tax ID and social security number"),
        ("registration-documents", "Pässe, Urkunden und Übersetzungen",
         "Passports, certificates and translations"),
        ("registration-driving-licence", "Führerschein", "Driving licence"),
    ]),
    ("family", "Familie, Kinderbetreuung und Schule", "Family, childcare and school", [
        ("family-reunification", "Familiennachzug", "Family reunification"),
        ("family-childcare", "Kita und Kindertagespflege", "Daycare and childminders"),
        ("family-school", "Schule", "School"),
        ("family-partner-work", "Arbeit für Partnerin oder Partner", "Work for the partner"),
    ]),
    ("studies", "Studium", "Studies", [
        ("studies-admission", "Zulassung und Bewerbung", "Admission and application"),
        ("studies-financing", "Studienfinanzierung und Stipendien",
         "Study financing and scholarships"),
        ("studies-work", "Arbeiten während und nach dem Studium",
         "Working during and after studies"),
    ]),
    ("money", "Geld, Bank und Steuern", "Money, bank and taxes", [
        ("money-bank", "Bankkonto", "Bank account"),
        ("money-taxes", "Steuern und Steuererklärung", "Taxes and tax returns"),
        ("money-debt", "Schuldnerberatung", "Debt counseling"),
    ]),
    ("everyday", "Alltag und Freizeit", "Everyday life and leisure", [
        ("everyday-clubs", "Sport- und Kulturvereine", "Sport and cultural clubs"),
        ("everyday-community", "Migrantenvereine und Communities",
         "Migrant associations and communities"),
        ("everyday-mobility", "Mobilität und Nahverkehr", "Getting around and public transport"),
        ("everyday-volunteering", "Ehrenamt und Begleitung", "Volunteering and sponsors"),
    ]),
    ("asylum", "Asylverfahren", "Asylum procedure", [
        ("asylum-procedure", "Ablauf des Asylverfahrens", "How the asylum procedure works"),
        ("asylum-legal-advice", "Rechtsberatung im Asylverfahren", "Legal advice in asylum"),
        ("asylum-temporary-protection", "Vorübergehender Schutz (Ukraine)",
         "Temporary protection (Ukraine)"),
    ]),
    ("benefits", "Sozialleistungen", "Social benefits", [
        ("benefits-citizens-income", "Bürgergeld und Jobcenter", "Citizen's income and Jobcenter"),
        ("benefits-family", "Kindergeld und Elterngeld", "Child benefit and parental allowance"),
        ("benefits-asylum-seekers", "Leistungen nach dem Asylbewerberleistungsgesetz",
         "Benefits for asylum seekers"),
        ("benefits-housing", "Wohngeld", "Housing benefit"),
    ]),
]  # fmt: skip

TARGET_GROUPS: list[tuple[str, str, str]] = [
    ("skilled-worker", "Fachkraft", "Skilled worker"),
    ("student", "Studierende*r", "Student"),
    ("apprentice", "Auszubildende*r oder Ausbildungsinteressierte*r", "Apprentice or trainee"),
    ("researcher", "Forschende*r", "Researcher"),
    ("self-employed", "Selbstständige*r", "Self-employed"),
    ("eu-citizen", "EU-Bürger*in", "EU citizen"),
    ("family-member", "Familienangehörige*r", "Family member"),
    ("refugee", "Geflüchtete*r oder Schutzsuchende*r", "Refugee or protection seeker"),
    ("other", "Sonstige", "Other"),
]

RESIDENCE_STATUSES: list[tuple[str, str, str]] = [
    ("abroad-no-title", "Noch im Ausland, kein Titel", "Still abroad, no title yet"),
    ("visa", "Visum (z. B. zur Arbeits- oder Ausbildungsplatzsuche)",
     "Visa (e.g. to look for work or training)"),
    ("german-citizen", "Deutsche Staatsangehörigkeit", "German citizen"),
    ("eu-free-movement", "Freizügigkeit (EU, EWR, Schweiz)",
     "Free movement (EU, EEA, Switzerland)"),
    ("skilled-work", "Aufenthaltserlaubnis zur Beschäftigung (§§ 18a–18g AufenthG)",
     "Residence permit for employment (§§ 18a–18g)"),
    ("blue-card", "Blaue Karte EU", "EU Blue Card"),
    ("studies-training", "Aufenthaltserlaubnis für Studium oder Ausbildung (§§ 16a–16f)",
     "Residence permit for studies or training (§§ 16a–16f)"),
    ("recognition-measures", "Aufenthalt für Anerkennungsmaßnahmen (§ 16d)",
     "Residence for recognition measures (§ 16d)"),
    ("family", "Familiennachzug (§§ 27 ff.)", "Family reunification (§§ 27 ff.)"),
    ("asylum-seeker", "Aufenthaltsgestattung (im Asylverfahren)",
     "Permission to stay during the asylum procedure"),
    ("protection", "Schutzstatus (Asyl, Flüchtling, subsidiärer Schutz)",
     "Protection status (asylum, refugee, subsidiary protection)"),
    ("temporary-protection", "Vorübergehender Schutz (§ 24)", "Temporary protection (§ 24)"),
    ("toleration", "Duldung", "Toleration (Duldung)"),
    ("settlement", "Niederlassungserlaubnis oder Daueraufenthalt-EU",
     "Settlement permit or EU long-term residence"),
    ("other", "Sonstiger oder unbekannter Status", "Other or unknown status"),
]  # fmt: skip


def _locales() -> dict[str, Locale]:
    locales = {}
    for code in NAME_LANGUAGES:
        try:
            locales[code] = Locale.parse(code)
        except UnknownLocaleError:  # pragma: no cover - every code above is in CLDR
            continue
    return locales


def country_names() -> dict[str, dict[str, Any]]:
    """Return {alpha2: {"alpha3": ..., "names": {lang: name}}} for ISO 3166-1 and our extras."""
    locales = _locales()
    rows: dict[str, dict[str, Any]] = {}
    entries = [(c.alpha_2, c.alpha_3, c.name) for c in pycountry.countries]
    entries += [(code, a3, name) for code, (a3, name) in EXTRA_COUNTRIES.items()]
    for alpha2, alpha3, english in entries:
        names = {lang: loc.territories.get(alpha2, "") for lang, loc in locales.items()}
        names = {lang: name for lang, name in names.items() if name}
        names.setdefault("en", english)
        names.setdefault("de", names["en"])
        rows[alpha2] = {"alpha3": alpha3, "names": names}
    return rows


def language_names() -> dict[str, dict[str, str]]:
    """Return {code: {lang: name}} for ISO 639-1 languages and our ISO 639-3 extras."""
    locales = _locales()
    entries = [
        (lang.alpha_2, lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2")
    ]
    for code in EXTRA_LANGUAGES:
        entry = pycountry.languages.get(alpha_3=code)
        entries.append((code, entry.name if entry else code))
    rows: dict[str, dict[str, str]] = {}
    for code, english in entries:
        names = {lang: loc.languages.get(code, "") for lang, loc in locales.items()}
        names = {lang: name for lang, name in names.items() if name}
        names.update(EXTRA_LANGUAGES.get(code, {}))
        names.setdefault("en", english)
        names.setdefault("de", names["en"])
        rows[code] = names
    return rows


def sync_taxonomies(apps: Any) -> dict[str, int]:
    """Add every missing term; keep names edited by admins; keep country groups current.

    `apps` is a migration's app registry or django.apps.apps, so the data migration and the
    seed command share this code.
    """
    country_model = apps.get_model("core", "Country")
    language_model = apps.get_model("core", "Language")
    topic_model = apps.get_model("core", "Topic")
    target_group_model = apps.get_model("core", "TargetGroup")
    status_model = apps.get_model("core", "ResidenceStatus")
    created = dict.fromkeys(["countries", "languages", "topics", "target_groups", "statuses"], 0)

    existing = {c.code: c for c in country_model.objects.all()}
    new_countries = []
    for code, row in country_names().items():
        group = country_group(code)
        country = existing.get(code)
        if country is None:
            new_countries.append(
                country_model(code=code, alpha3=row["alpha3"], names=row["names"], group=group)
            )
        elif country.group != group:
            country.group = group
            country.save(update_fields=["group"])
    country_model.objects.bulk_create(new_countries)
    created["countries"] = len(new_countries)

    known = set(language_model.objects.values_list("code", flat=True))
    new_languages = [
        language_model(code=code, names=names, is_rtl=code in RTL_LANGUAGES)
        for code, names in language_names().items()
        if code not in known
    ]
    language_model.objects.bulk_create(new_languages)
    created["languages"] = len(new_languages)

    for position, (slug, de, en, children) in enumerate(TOPICS, start=1):
        parent, made = topic_model.objects.get_or_create(
            slug=slug, defaults={"names": {"de": de, "en": en}, "position": position * 100}
        )
        created["topics"] += made
        for child_position, (child_slug, child_de, child_en) in enumerate(children, start=1):
            _, made = topic_model.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "names": {"de": child_de, "en": child_en},
                    "parent": parent,
                    "position": position * 100 + child_position,
                },
            )
            created["topics"] += made

    for model, rows, key in (
        (target_group_model, TARGET_GROUPS, "target_groups"),
        (status_model, RESIDENCE_STATUSES, "statuses"),
    ):
        for position, (slug, de, en) in enumerate(rows, start=1):
            _, made = model.objects.get_or_create(
                slug=slug, defaults={"names": {"de": de, "en": en}, "position": position}
            )
            created[key] += made
    return created
