"""Import and export of the directory: problems in plain words, all or nothing, identical round
trips, hostile files, and the two pages."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lotse.core.models import AuditEntry, Office, Role, User
from lotse.directory import exchange
from lotse.directory.models import (
    Location,
    Organisation,
    Service,
    ServiceTranslation,
    TranslationStatus,
    translation_status,
)
from lotse.directory.search import search_service_ids
from tests.conftest import login, member
from tests.core.factories import OfficeFactory
from tests.directory.factories import LocationFactory, OrganisationFactory, make_service

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "directory-exchange.md"


# --- Helpers -----------------------------------------------------------------------------------


def admin_of(office: Office, username: str) -> User:
    return member(office, Role.OFFICE_ADMIN, username)


def csv_file(
    rows: list[dict[str, str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ",",
    name: str = "directory.csv",
    bom: bool = False,
) -> ContentFile:
    header = header or exchange.column_names()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    data = buffer.getvalue().encode("utf-8")
    return ContentFile((b"\xef\xbb\xbf" if bom else b"") + data, name=name)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def do_import(office: Office, by: User, upload: ContentFile, *, dry_run: bool = False) -> Any:
    return exchange.directory_import(office=office, by=by, upload=upload, dry_run=dry_run)


def counts() -> tuple[int, ...]:
    return (
        Service.objects.count(),
        Organisation.objects.count(),
        Location.objects.count(),
        ServiceTranslation.objects.count(),
        AuditEntry.objects.count(),
    )


def problems_of(report: Any) -> set[tuple[int | None, str]]:
    return {(p.row, p.column) for p in report.problems}


def new_row(**values: str) -> dict[str, str]:
    row = {
        "organisation": "Beratungszentrum Nord",
        "organisation_kind": "counseling_service",
        "topics": "work-job-search",
        "title_de": "Jobberatung",
    }
    row.update(values)
    return row


def xlsx_cells(content: bytes) -> list[list[Any]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


# --- The column layout -------------------------------------------------------------------------


def test_the_documentation_describes_every_column() -> None:
    documented = set(re.findall(r"^\| `([a-z_<>]+)` \|", DOCS.read_text(), flags=re.M))
    expected = {column.name for column in exchange.COLUMNS}
    expected |= {f"{name}_<lang>" for name in exchange.TEXT_FIELDS}
    assert documented == expected


def test_export_and_import_share_one_column_list(office_a: Office, office_admin: User) -> None:
    make_service(title="Beratung", office=office_a)
    header = exchange.export_table(user=office_admin, office=office_a)[0]
    assert header == exchange.column_names()
    assert header[:3] == ["service_id", "organisation", "organisation_kind"]
    assert header[-5:] == [f"{n}_fr" for n in exchange.TEXT_FIELDS]


# --- Values ------------------------------------------------------------------------------------


def test_opening_hours_are_read_in_german_weekdays_and_written_back_alike() -> None:
    slots = exchange.parse_opening_hours("Mo 09:00-12:00; mo 14:00 – 16:00;Di,Do 8.30-10:00")
    assert slots == [
        {"day": 0, "opens": "09:00", "closes": "12:00"},
        {"day": 0, "opens": "14:00", "closes": "16:00"},
        {"day": 1, "opens": "08:30", "closes": "10:00"},
        {"day": 3, "opens": "08:30", "closes": "10:00"},
    ]
    assert exchange.format_opening_hours(slots) == (
        "Mo 09:00-12:00; Mo 14:00-16:00; Di 08:30-10:00; Do 08:30-10:00"
    )
    assert [s["day"] for s in exchange.parse_opening_hours("Mo-Fr 09:00-12:00")] == [0, 1, 2, 3, 4]
    for bad in ("Monday 09:00-12:00", "Mo 9-12", "Mo 12:00-09:00", "Fr-Mo 09:00-10:00",
                "Mo 25:00-26:00", "09:00-12:00"):  # fmt: skip
        with pytest.raises(exchange.CellError):
            exchange.parse_opening_hours(bad)


@given(st.text())
def test_the_formula_apostrophe_always_comes_off_again(text: str) -> None:
    value = exchange.cell_in(text)  # any value as the database keeps it after an import
    exported = exchange.cell_out(value)
    assert exchange.cell_in(exported) == value
    assert not exported.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_cells_that_look_like_formulas_get_an_apostrophe() -> None:
    assert exchange.cell_out('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert exchange.cell_out("+49 711 1234") == "'+49 711 1234"
    assert exchange.cell_out("@SUM(A1)") == "'@SUM(A1)"
    assert exchange.cell_out("'s-Hertogenbosch") == "'s-Hertogenbosch"
    assert exchange.cell_out("'=x") == "''=x"
    assert exchange.cell_in("'=x") == "=x"
    assert exchange.cell_in("'s-Hertogenbosch") == "'s-Hertogenbosch"


# --- A broken file -----------------------------------------------------------------------------


def test_a_broken_file_reports_every_problem_and_changes_nothing(
    office_a: Office, office_admin: User
) -> None:
    own = make_service(title="Eigene Beratung", office=office_a)
    foreign = make_service(title="Fremde Beratung", office=OfficeFactory(slug="elsewhere"))
    rows = [
        new_row(topics="work-job-search|no-such-topic"),  # row 2
        new_row(languages="de|xx"),  # row 3
        new_row(email="not an address"),  # row 4
        new_row(last_verified="2026-13-45"),  # row 5
        new_row(city="Stuttgart", opening_hours="Montag 9 bis 12"),  # row 6
        new_row(title_de="", title_en="Job advice"),  # row 7
        new_row(service_id=str(foreign.pk)),  # row 8
        new_row(service_id=str(own.pk)),  # row 9
        new_row(service_id=str(own.pk)),  # row 10
        new_row(),  # row 11: fine
        new_row(organisation="Neuer Verein", organisation_kind=""),  # row 12
        new_row(access_modes="walk_in|by_pigeon", is_free="vielleicht"),  # row 13
    ]
    before = counts()
    with translation.override("en"):  # the messages are checked in English below
        report = do_import(office_a, office_admin, csv_file(rows), dry_run=False)
    assert counts() == before
    assert not report.ok
    assert problems_of(report) == {
        (2, "topics"), (3, "languages"), (4, "email"), (5, "last_verified"),
        (6, "opening_hours"), (7, "title_de"), (8, "service_id"), (10, "service_id"),
        (12, "organisation_kind"), (13, "access_modes"), (13, "is_free"),
    }  # fmt: skip
    text = {(p.row, p.column): p.message for p in report.problems}
    assert "no-such-topic" in text[(2, "topics")]
    assert "xx" in text[(3, "languages")]
    assert "e-mail" in text[(4, "email")].lower() or "email" in text[(4, "email")].lower()
    assert "2026-11-21" in text[(5, "last_verified")]
    assert "Mo Di Mi Do Fr Sa So" in text[(6, "opening_hours")]
    assert "German title" in text[(7, "title_de")]
    assert "not found" in text[(8, "service_id")]
    assert "more than once" in text[(10, "service_id")] and "row 9" in text[(10, "service_id")]
    assert "Did you mean “walk_in”" not in text[(13, "access_modes")]
    assert "by_pigeon" in text[(13, "access_modes")]


def test_problems_are_worded_in_the_users_language(office_a: Office, office_admin: User) -> None:
    from django.utils import translation

    with translation.override("de"):
        report = do_import(office_a, office_admin, csv_file([new_row(email="kaputt")]))
    assert "E-Mail" in report.problems[0].message or "gültige" in report.problems[0].message


def test_an_unknown_topic_suggests_the_closest_code(office_a: Office, office_admin: User) -> None:
    report = do_import(office_a, office_admin, csv_file([new_row(topics="recogniton")]))
    assert "Did you mean “recognition”?" in report.problems[0].message


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("directory.xls", b"\xd0\xcf\x11\xe0", "Upload a .csv or .xlsx file"),
        ("directory.pdf", b"%PDF-1.4", "Upload a .csv or .xlsx file"),
        ("directory.csv", b"", "empty"),
        ("directory.csv", b"\n\n ,, \n", "empty"),
        ("directory.csv", b"service_id,organisation\n", "no rows below the header"),
        ("directory.csv", "organisation,title_de\nStadt Stuttgart,Bürgerbüro\n".encode("cp1252"),
         "UTF-8"),
        ("directory.csv", b"organisation\x00,title_de\n", "not a text file"),
        ("directory.csv", b"PK\x03\x04rest", "Excel workbook"),
        ("directory.csv", b"name,titel\nx,y\n", "first row must name the columns"),
        ("directory.xlsx", b"not a zip at all", "not a readable .xlsx"),
    ],
)  # fmt: skip
def test_files_that_cannot_be_read_are_refused_in_plain_words(
    office_a: Office, office_admin: User, name: str, data: bytes, words: str
) -> None:
    before = counts()
    report = do_import(office_a, office_admin, ContentFile(data, name=name), dry_run=False)
    assert [p.row for p in report.problems] == [None] or words.startswith("first row")
    assert words in report.problems[0].message
    assert counts() == before


def test_unknown_and_repeated_columns_are_named(office_a: Office, office_admin: User) -> None:
    upload = csv_file([], header=["organisation", "titel_de", "title_de", "title_de"])
    report = do_import(office_a, office_admin, upload)
    assert problems_of(report) == {(1, "titel_de"), (1, "title_de")}


# --- Limits ------------------------------------------------------------------------------------


def test_a_file_over_ten_megabytes_is_refused_unread(office_a: Office, office_admin: User) -> None:
    upload = ContentFile(b"a" * (exchange.MAX_BYTES + 1), name="directory.csv")
    report = do_import(office_a, office_admin, upload)
    assert "larger than 10 MB" in report.problems[0].message


def test_more_than_five_thousand_rows_are_refused(office_a: Office, office_admin: User) -> None:
    rows = "organisation,title_de\n" + "Verein,Titel\n" * (exchange.MAX_ROWS + 1)
    report = do_import(office_a, office_admin, ContentFile(rows.encode(), name="directory.csv"))
    assert "more than 5000 rows" in report.problems[0].message
    exactly = "organisation,title_de\n" + "Verein,Titel\n" * exchange.MAX_ROWS
    report = do_import(office_a, office_admin, ContentFile(exactly.encode(), name="d.csv"))
    assert report.rows == exchange.MAX_ROWS


def test_a_zip_bomb_is_refused_before_it_is_unpacked(office_a: Office, office_admin: User) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (70 * 1024 * 1024) + b"</a>")
    assert len(buffer.getvalue()) < exchange.MAX_BYTES
    report = do_import(office_a, office_admin, ContentFile(buffer.getvalue(), name="bomb.xlsx"))
    assert "unpacks to more than" in report.problems[0].message


def test_entity_expansion_in_a_workbook_is_refused(office_a: Office, office_admin: User) -> None:
    """openpyxl parses with the standard library (no defusedxml installed): expat ≥ 2.4.1 stops
    the "billion laughs"; this keeps it so."""
    import pyexpat

    assert pyexpat.version_info >= (2, 4, 1)
    good = xlsx_bytes([["organisation", "title_de"], ["Verein", "Titel"]])
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lololololololololololol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10)
        ).replace("&lol1;", "&lol;")
        + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = laughs.encode()
            archive.writestr(item, data)
    started = time.monotonic()
    report = do_import(office_a, office_admin, ContentFile(buffer.getvalue(), name="lol.xlsx"))
    assert time.monotonic() - started < 5
    assert not report.ok and report.problems[0].row is None


def test_a_sheet_that_claims_a_million_rows_is_refused_quickly(
    office_a: Office, office_admin: User
) -> None:
    good = xlsx_bytes([["organisation", "title_de"], ["Verein", "Titel"]])
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                far = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
            archive.writestr(item, data)
    started = time.monotonic()
    report = do_import(office_a, office_admin, ContentFile(buffer.getvalue(), name="big.xlsx"))
    assert time.monotonic() - started < 5
    assert "below row 20000" in report.problems[0].message


# --- A valid file ------------------------------------------------------------------------------


def test_a_valid_file_creates_and_updates_services_audited_and_indexed(
    office_a: Office, office_admin: User
) -> None:
    own = make_service(title="Alte Beratung", office=office_a, topics=["work"])
    rows = [
        new_row(
            organisation="Welcome Service Region", organisation_kind="authority",
            topics="recognition|recognition-professional", target_groups="refugee",
            languages="de|ar|fr", access_modes="appointment|phone", is_free="nein",
            phone="+49 711 555", email="info@example.org", website="www.example.org",
            review_interval_days="180", last_verified="21.11.2026", city="Stuttgart",
            street="Königstraße 1", postal_code="70173", latitude="48,7784", longitude="9.1721",
            opening_hours="Mo-Fr 09:00-12:00", title_de="Anerkennungsberatung",
            summary_de="Hilfe bei der Anerkennung", title_en="Recognition counselling",
            title_ar="استشارات الاعتراف",
        ),
        {"service_id": str(own.pk), "organisation": own.organisation.name,
         "topics": "work|language", "title_de": "Neue Beratung"},
    ]  # fmt: skip
    audit_before = AuditEntry.objects.count()
    dry = do_import(office_a, office_admin, csv_file(rows), dry_run=True)
    assert dry.ok and (dry.created, dry.updated, dry.organisations_created) == (1, 1, 1)
    assert AuditEntry.objects.count() == audit_before

    report = do_import(office_a, office_admin, csv_file(rows))
    assert report.ok, report.problems
    assert (report.rows, report.created, report.updated) == (2, 1, 1)
    created = Service.objects.exclude(pk=own.pk).get(owner_office=office_a)
    assert created.organisation.name == "Welcome Service Region"
    assert created.organisation.kind == "authority"
    assert sorted(t.slug for t in created.topics.all()) == [
        "recognition",
        "recognition-professional",
    ]
    assert sorted(lang.code for lang in created.languages.all()) == ["ar", "de", "fr"]
    assert created.access_modes == ["appointment", "phone"]
    assert created.is_free is False and created.review_interval_days == 180
    assert created.website == "https://www.example.org"
    assert str(created.last_verified) == "2026-11-21"
    place = created.locations.get()
    assert place.latitude == Decimal("48.7784") and place.opening_hours[4]["day"] == 4
    texts = {row.language: row for row in created.translations.all()}
    assert texts["ar"].title == "استشارات الاعتراف"
    assert translation_status(texts["en"], texts["de"]) == TranslationStatus.CURRENT
    own.refresh_from_db()
    assert own.translation_for("de").title == "Neue Beratung"
    assert sorted(t.slug for t in own.topics.all()) == ["language", "work"]
    # Audited and indexed like a change made in the forms.
    entry = AuditEntry.objects.get(action="directory.import.completed")
    assert entry.data == {"format": "csv", "rows": 2, "created": 1, "updated": 1, "unchanged": 0,
                          "organisations_created": 1}  # fmt: skip
    assert entry.actor == office_admin and entry.office == office_a
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    # Updates go through service_save one by one; new services are inserted in bulk and counted
    # in the import's entry.
    assert {"directory.service.updated", "directory.organisation.created"} <= actions
    assert search_service_ids("Recognition counselling", language="en")[0].service_id == created.pk
    assert search_service_ids("Neue Beratung", language="de")[0].service_id == own.pk


def test_a_semicolon_file_with_a_byte_order_mark_reads_like_excel_writes_it(
    office_a: Office, office_admin: User
) -> None:
    row = new_row(opening_hours="Mo 09:00-12:00; Di 09:00-12:00", city="Stuttgart")
    for delimiter in (";", "\t", ","):
        report = do_import(
            office_a, office_admin, csv_file([row], delimiter=delimiter, bom=True), dry_run=True
        )
        assert report.ok, (delimiter, report.problems)


def test_a_workbook_with_numbers_and_dates_in_cells_imports(
    office_a: Office, office_admin: User
) -> None:
    import datetime as dt

    content = xlsx_bytes([
        ["organisation", "organisation_kind", "topics", "title_de", "postal_code", "city",
         "last_verified", "review_interval_days", "is_free", "latitude"],
        ["Verein", "other", "work", "Treff", 70173, "Stuttgart", dt.datetime(2026, 1, 5), 90.0,
         False, 48.5],
    ])  # fmt: skip
    report = do_import(office_a, office_admin, ContentFile(content, name="d.xlsx"))
    assert report.ok, report.problems
    service = Service.objects.get(owner_office=office_a)
    assert service.locations.get().postal_code == "70173"
    assert (str(service.last_verified), service.review_interval_days) == ("2026-01-05", 90)
    assert service.is_free is False


def test_a_formula_in_a_workbook_is_reported(office_a: Office, office_admin: User) -> None:
    content = xlsx_bytes(
        [["organisation", "organisation_kind", "topics", "title_de"],
         ["Verein", "other", "work", "=1+1"]]
    )  # fmt: skip
    report = do_import(office_a, office_admin, ContentFile(content, name="d.xlsx"))
    assert problems_of(report) == {(2, "title_de")}
    assert "formula" in report.problems[0].message


def test_changing_only_german_leaves_the_translations_outdated(
    office_a: Office, office_admin: User
) -> None:
    service = make_service(title="Beratung", office=office_a, texts={"en": {"title": "Advice"}})
    table = exchange.export_table(user=office_admin, office=office_a)
    row = dict(zip(table[0], table[1], strict=True))
    row["title_de"] = "Beratung (neu)"
    report = do_import(office_a, office_admin, csv_file([row]))
    assert report.ok and report.updated == 1
    texts = {row.language: row for row in service.translations.all()}
    assert texts["de"].title == "Beratung (neu)"
    assert translation_status(texts["en"], texts["de"]) == TranslationStatus.OUTDATED


def test_a_column_left_out_leaves_that_field_alone(office_a: Office, office_admin: User) -> None:
    service = make_service(title="Beratung", office=office_a, phone="0711 1", internal_notes="x")
    upload = csv_file([{"service_id": str(service.pk), "email": "neu@example.org"}],
                      header=["service_id", "email"])  # fmt: skip
    report = do_import(office_a, office_admin, upload)
    assert report.ok and report.updated == 1, report.problems
    service.refresh_from_db()
    assert (service.email, service.phone, service.internal_notes) == (
        "neu@example.org",
        "0711 1",
        "x",
    )
    assert service.translation_for("de").title == "Beratung"


def test_a_shared_place_described_two_ways_is_reported(
    office_a: Office, office_admin: User
) -> None:
    organisation = OrganisationFactory(owner_office=office_a)
    first = make_service(title="Eins", organisation=organisation)
    second = make_service(title="Zwei", organisation=organisation)
    second.locations.set(first.locations.all())
    table = exchange.export_table(user=office_admin, office=office_a)
    rows = [dict(zip(table[0], line, strict=True)) for line in table[1:]]
    rows[1]["street"] = "Andere Straße 2"
    report = do_import(office_a, office_admin, csv_file(rows))
    assert problems_of(report) == {(3, "street")}
    rows[0]["street"] = "Andere Straße 2"
    report = do_import(office_a, office_admin, csv_file(rows))
    assert (
        report.ok and Location.objects.get(pk=first.locations.get().pk).street == "Andere Straße 2"
    )


# --- Round trips -------------------------------------------------------------------------------


def build_directory(office: Office) -> None:
    """Services with texts in German, English and Arabic and the characters that break files."""
    caritas = OrganisationFactory(owner_office=office, name="Caritas „Süd“; Beratung, e.V.",
                                  kind="welfare_provider")  # fmt: skip
    iq = OrganisationFactory(owner_office=office, name="'s-Hertogenbosch Netzwerk IQ",
                             kind="counseling_service")  # fmt: skip
    recognition = make_service(
        title="Anerkennungsberatung für Pflegefachkräfte", organisation=iq,
        topics=["recognition-regulated", "recognition"], languages=["de", "fr", "ar"],
        target_groups=["skilled-worker"], access_modes=["appointment", "online"],
        phone="+49 711 12345-0", email="iq@example.org", website="https://example.org/iq",
        internal_notes="Frau Weber fragen;\nsie kennt \"alle\" Fälle", review_interval_days=180,
        texts={
            "de": {"title": "Anerkennungsberatung für Pflegefachkräfte",
                   "summary": "=Anerkennung; \"schnell\", gründlich",
                   "description": "Zeile 1\nZeile 2 mit ß und ü\n\n- Liste",
                   "eligibility": "@alle", "cost": "-kostenlos-"},
            "en": {"title": "Recognition counselling for nurses", "summary": "Quick, \"thorough\""},
            "ar": {"title": "استشارات الاعتراف بالمؤهلات", "description": "سطر ١\nسطر ٢"},
        },
    )  # fmt: skip
    place = recognition.locations.get()
    place.name, place.latitude, place.longitude = (
        "Haus 3; Eingang B",
        Decimal("48.7784"),
        Decimal("-9.5"),
    )
    place.opening_hours = [{"day": 0, "opens": "09:00", "closes": "12:00"},
                           {"day": 3, "opens": "14:00", "closes": "18:30"}]  # fmt: skip
    place.accessibility_notes = "Rampe\nAufzug"
    place.save()
    # A second service in the same place, one with two places, one with none.
    shared = make_service(title="Sprachcafé", organisation=iq, topics=["language-informal"])
    shared.locations.set([place])
    second_place = LocationFactory(organisation=iq, city="Esslingen", street="Markt 1")
    recognition.locations.add(second_place)
    make_service(title="Kleiderkammer", organisation=caritas, topics=["everyday"], is_free=False,
                 texts={"en": {"title": "Clothes"}}).locations.clear()  # fmt: skip


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_round_trip_into_an_empty_office_gives_the_same_file(
    office_a: Office, office_admin: User, file_format: str
) -> None:
    build_directory(office_a)
    first = exchange.directory_export(
        user=office_admin, office=office_a, file_format=file_format, with_ids=False
    )
    fresh = OfficeFactory(slug="fresh", name="Fresh office")
    fresh_admin = admin_of(fresh, "fresh-admin")
    report = do_import(fresh, fresh_admin, ContentFile(first.content, name=f"x.{file_format}"))
    assert report.ok, report.problems
    assert (report.created, report.organisations_created) == (3, 2)
    second = exchange.directory_export(
        user=fresh_admin, office=fresh, file_format=file_format, with_ids=False
    )
    if file_format == "csv":
        assert second.content == first.content
    else:
        assert xlsx_cells(second.content) == xlsx_cells(first.content)
    # The shared place stays shared; a service's second place is not part of the file.
    services = Service.objects.filter(owner_office=fresh)
    assert Location.objects.filter(organisation__owner_office=fresh).count() == 1
    assert sum(s.locations.count() for s in services) == 2


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_round_trip_into_the_same_office_changes_nothing(
    office_a: Office, office_admin: User, file_format: str
) -> None:
    build_directory(office_a)
    first = exchange.directory_export(user=office_admin, office=office_a, file_format=file_format)
    before = counts()
    report = do_import(office_a, office_admin, ContentFile(first.content, name=f"x.{file_format}"))
    assert report.ok, report.problems
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    # Only the import's own entry (and the export's) reached the audit log.
    assert counts()[:4] == before[:4] and counts()[4] == before[4] + 1
    second = exchange.directory_export(user=office_admin, office=office_a, file_format=file_format)
    assert (
        xlsx_cells(second.content) == xlsx_cells(first.content)
        if file_format == "xlsx"
        else (second.content == first.content)
    )
    # The second place of a service survives an update.
    recognition = Service.objects.get(translations__title__startswith="Anerkennungsberatung")
    assert recognition.locations.count() == 2


def test_formulas_are_neutralised_in_the_file_and_come_back_unchanged(
    office_a: Office, office_admin: User
) -> None:
    build_directory(office_a)
    table = exchange.export_table(user=office_admin, office=office_a)
    cells = [cell for row in table for cell in row]
    assert '\'=Anerkennung; "schnell", gründlich' in cells
    assert "'@alle" in cells and "'-kostenlos-" in cells and "'+49 711 12345-0" in cells
    assert "'-9.5" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    content = exchange.directory_export(user=office_admin, office=office_a, with_ids=False).content
    fresh = OfficeFactory(slug="fresh", name="Fresh office")
    fresh_admin = admin_of(fresh, "fresh-admin")
    rows = content.decode("utf-8-sig").replace(",'", ",").encode()  # no apostrophes: also fine
    assert do_import(fresh, fresh_admin, ContentFile(rows, name="x.csv")).ok
    texts = ServiceTranslation.objects.filter(service__owner_office=fresh, language="de")
    assert texts.get(title__startswith="Anerkennungs").summary.startswith("=Anerkennung")


# --- Hostile input -----------------------------------------------------------------------------

_hypothesis = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_hypothesis
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode)))
def test_any_bytes_give_problems_or_a_result_never_an_error(
    office_a: Office, office_admin: User, data: bytes
) -> None:
    for name in ("x.csv", "x.xlsx"):
        report = do_import(office_a, office_admin, ContentFile(data, name=name), dry_run=True)
        assert report.ok or report.problems


cell_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "work", "work|language", "de|ar", "yes", "no", "2026-01-01", "365",
                     "Mo 09:00-12:00", "=1+1", "'=x", "a;b", 'x"y', "ü\nß", "48,5", "Stuttgart",
                     "walk_in", "refugee", "x" * 301]),
)  # fmt: skip
REQUIRED = ["organisation", "organisation_kind", "topics", "title_de"]
PLAUSIBLE = {
    "organisation": st.sampled_from(["Verein A", "verein a", "Caritas", "", "x" * 201]),
    "organisation_kind": st.sampled_from(["other", "authority", "", "nope"]),
    "topics": st.sampled_from(["work", "work|language", "", "nope", "WORK , housing"]),
    "title_de": st.one_of(st.sampled_from(["Beratung", ""]), cell_text),
}
OPTIONAL = [name for name in exchange.column_names() if name not in REQUIRED]


@pytest.fixture
def own_service_id(office_a: Office) -> str:
    return str(make_service(title="Vorhanden", office=office_a).pk)


@_hypothesis
@given(extra=st.lists(st.sampled_from(OPTIONAL), max_size=10, unique=True), data=st.data(),
       delimiter=st.sampled_from([",", ";", "\t"]))  # fmt: skip
def test_a_dry_run_without_problems_means_the_import_succeeds(
    office_a: Office, office_admin: User, own_service_id: str, extra: list[str],
    data: st.DataObject, delimiter: str,
) -> None:  # fmt: skip
    header = [*REQUIRED, *extra]
    strategies = {**PLAUSIBLE, "service_id": st.sampled_from(["", own_service_id, "999999"])}
    rows = data.draw(
        st.lists(st.tuples(*(strategies.get(c, cell_text) for c in header)), min_size=1, max_size=5)
    )
    upload = csv_file([dict(zip(header, row, strict=True)) for row in rows], header=header,
                      delimiter=delimiter)  # fmt: skip
    dry = do_import(office_a, office_admin, upload, dry_run=True)
    upload.seek(0)
    real = do_import(office_a, office_admin, upload)
    event(f"dry run ok: {dry.ok}")
    assert real.ok == dry.ok, real.problems
    assert (real.created, real.updated) == (dry.created, dry.updated)


# --- The pages ---------------------------------------------------------------------------------


def test_an_office_admin_checks_then_imports_a_file(
    client: Client, office_a: Office, office_admin: User
) -> None:
    login(client, office_admin)
    url = reverse("directory:import")
    page = client.get(url)
    assert (
        page.status_code == 200 and b'name="dry_run"' in page.content and b"checked" in page.content
    )
    broken = csv_file([new_row(topics="nope"), new_row(email="bad")])
    response = client.post(url, {"file": broken, "dry_run": "on"})
    body = response.content.decode()
    assert response.status_code == 200 and "The file has 2 problems" in body
    assert "nope" in body and "<code>email</code>" in body
    response = client.post(url, {"file": csv_file([new_row()]), "dry_run": "on"})
    assert (
        "All 1 rows are OK" in response.content.decode()
        or "1 row is OK" in response.content.decode()
    )
    assert not Service.objects.exists()
    response = client.post(url, {"file": csv_file([new_row()])})
    assert response.status_code == 302
    assert Service.objects.filter(owner_office=office_a).count() == 1
    assert "Import complete" in client.get(response["Location"]).content.decode()


def test_a_failed_real_import_lists_the_problems(
    client: Client, office_a: Office, office_admin: User
) -> None:
    login(client, office_admin)
    response = client.post(
        reverse("directory:import"), {"file": csv_file([new_row(), new_row(topics="")])}
    )
    assert response.status_code == 200 and "Choose at least one topic" in response.content.decode()
    assert not Service.objects.exists()


def test_a_counselor_may_export_but_not_import(
    client: Client, office_a: Office, counselor: User
) -> None:
    login(client, counselor)
    assert client.get(reverse("directory:import")).status_code == 403
    upload = csv_file([new_row()])
    assert client.post(reverse("directory:import"), {"file": upload}).status_code == 403
    assert not Service.objects.exists()
    assert client.get(reverse("directory:export")).status_code == 200


def test_the_export_holds_the_offices_entries_and_the_regional_ones_on_request(
    client: Client, office_a: Office, counselor: User, office_b: Office
) -> None:
    make_service(title="Unsere Beratung", office=office_a, internal_notes="Notiz A")
    make_service(title="Andere Beratung", office=office_b, internal_notes="Notiz B")
    login(client, counselor)
    response = client.get(reverse("directory:export"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )
    text = response.content.decode("utf-8-sig")
    assert "Unsere Beratung" in text and "Notiz A" in text and "Andere Beratung" not in text
    text = client.get(reverse("directory:export"), {"scope": "all"}).content.decode("utf-8-sig")
    assert "Andere Beratung" in text and "Notiz B" not in text
    response = client.get(reverse("directory:export"), {"format": "xlsx"})
    assert response["Content-Type"] == exchange.FORMATS["xlsx"]
    assert xlsx_cells(response.content)[1][exchange.column_names().index("title_de")] == (
        "Unsere Beratung"
    )
    assert client.get(reverse("directory:export"), {"format": "pdf"}).status_code == 400
    assert client.post(reverse("directory:export")).status_code == 405
    assert AuditEntry.objects.filter(action="directory.export.created").count() == 3


def test_without_the_right_to_internal_notes_the_column_is_left_out(
    client: Client, office_a: Office
) -> None:
    viewer = member(office_a, Role.STATISTICS_VIEWER, "viewer-a")
    make_service(title="Beratung", office=office_a, internal_notes="Notiz A")
    login(client, viewer)
    text = client.get(reverse("directory:export")).content.decode("utf-8-sig")
    assert "internal_notes" not in text and "Notiz A" not in text


def test_strangers_get_nothing(client: Client, office_a: Office, outsider: User) -> None:
    make_service(title="Unsere Beratung", office=office_a, internal_notes="Notiz A")
    assert client.get(reverse("directory:export")).status_code == 302
    login(client, outsider)
    text = client.get(reverse("directory:export")).content.decode("utf-8-sig")
    assert "Unsere Beratung" not in text
