"""Import and export of the directory as CSV and XLSX: one row per service.

The layout is `COLUMNS` plus five text columns per configured language (`column_names()`);
docs/directory-exchange.md describes it and a test keeps the two in step. Export and import
share the cell conventions (`cell_out`, `cell_in`), so a file exported, imported and exported
again is the same file.

An import is checked completely before anything is written. If any row has a problem, nothing
changes; otherwise every row is written in one transaction through the directory's services, so
each change is audited and re-indexed as if made in the forms.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.core import policy
from lotse.core.audit import audit_record
from lotse.core.models import Language, Office, TargetGroup, Topic, User
from lotse.directory import rules  # noqa: F401  (registers the directory's actions)
from lotse.directory import services as directory_services
from lotse.directory.models import (
    AccessMode,
    Location,
    Organisation,
    OrganisationKind,
    Service,
    ServiceTranslation,
)
from lotse.directory.search import reindex_service

#: An upload larger than this is refused before it is read. A CSV of 5,000 services with long
#: texts in several languages can pass 5 MB (the .xlsx of it is about a tenth), hence 10.
MAX_BYTES = 10 * 1024 * 1024
#: Rows below the header (empty rows are not counted).
MAX_ROWS = 5000
#: An .xlsx is a zip of XML files: refuse one whose parts unpack to more than this (a "zip
#: bomb"). A full export of 5,000 services in nine languages unpacks to well under 20 MB.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
#: Spreadsheet XML packs about 10:1 (a very repetitive sheet up to 50:1); a part that claims
#: far more is built to unpack big, whatever the total says.
MAX_COMPRESSION_RATIO = 100
#: Parts smaller than this are not held to the ratio: a tiny part packs unevenly.
RATIO_CHECK_FROM_BYTES = 1024 * 1024
#: Only this many columns of a sheet are read, and a sheet must end above this row; both keep a
#: tiny file that claims a huge sheet from costing time.
MAX_COLUMNS = 200
MAX_SHEET_ROW = 20_000
#: At most this many problems are listed; the rest are counted.
MAX_PROBLEMS = 500

LIST_SEPARATOR = "|"
WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    """One column of the exchange file, as the docs and the import page describe it."""

    name: str
    required: str | Promise
    format: str | Promise
    example: str


_NO = gettext_lazy("no")
_YES = gettext_lazy("yes")
_LIST = gettext_lazy("codes separated by |")

#: The columns before the per-language text columns, in file order.
COLUMNS: tuple[Column, ...] = (
    Column("service_id", gettext_lazy("no: empty for a new service"),
           gettext_lazy("number of a service of your office; that service is updated"), "17"),
    Column("organisation", _YES,
           gettext_lazy("name; matched within your office, created if new"),
           "Agentur für Arbeit Stuttgart"),
    Column("organisation_kind", gettext_lazy("for a new organisation"),
           format_lazy("{}: {}", gettext_lazy("one of"), ", ".join(OrganisationKind.values)),
           "employment_agency"),
    Column("topics", _YES, _LIST, "work-job-search|recognition-professional"),
    Column("target_groups", _NO, _LIST, "skilled-worker|refugee"),
    Column("languages", _NO, gettext_lazy("language codes separated by |"), "de|en|ar"),
    Column("access_modes", _NO,
           format_lazy("{}: {}", _LIST, ", ".join(AccessMode.values)), "appointment|walk_in"),
    Column("is_free", _NO, gettext_lazy("yes or no; empty means yes"), "yes"),
    Column("phone", _NO, gettext_lazy("text"), "+49 711 12345-0"),
    Column("email", _NO, gettext_lazy("e-mail address"), "beratung@example.org"),
    Column("website", _NO, gettext_lazy("address starting with https://"),
           "https://www.example.org"),
    Column("internal_notes", _NO, gettext_lazy("text, staff only"), "Ask for Ms Weber"),
    Column("review_interval_days", _NO,
           gettext_lazy("whole number of days, at least 7; empty means 365"), "365"),
    Column("last_verified", _NO, gettext_lazy("date YYYY-MM-DD (DD.MM.YYYY also read)"),
           "2026-11-21"),
    Column("location_name", _NO, gettext_lazy("name of the place"), "Haus der Wirtschaft"),
    Column("street", _NO, gettext_lazy("street and number"), "Willi-Bleicher-Straße 19"),
    Column("postal_code", _NO, gettext_lazy("text"), "70174"),
    Column("city", gettext_lazy("when a place is given"), gettext_lazy("text"), "Stuttgart"),
    Column("district", _NO, gettext_lazy("district or municipality"), "Mitte"),
    Column("latitude", _NO, gettext_lazy("decimal degrees, point or comma"), "48.7784"),
    Column("longitude", _NO, gettext_lazy("decimal degrees, point or comma"), "9.1721"),
    Column("opening_hours", _NO,
           gettext_lazy("weekday and times, separated by ;"),
           "Mo 09:00-12:00; Mo 14:00-16:00; Fr 09:00-12:00"),
    Column("opening_notes", _NO, gettext_lazy("text"), "Closed on public holidays"),
    Column("accessibility_notes", _NO, gettext_lazy("text"), "Step-free entrance, lift"),
)  # fmt: skip
#: Per configured language, after COLUMNS: title_de, summary_de, …, title_en, …
TEXT_FIELDS: tuple[str, ...] = ServiceTranslation.TEXT_FIELDS
SERVICE_FIELDS = (
    "access_modes", "is_free", "phone", "email", "website", "internal_notes",
    "review_interval_days", "last_verified",
)  # fmt: skip
#: Location model field -> column.
LOCATION_COLUMNS = {
    "name": "location_name", "street": "street", "postal_code": "postal_code", "city": "city",
    "district": "district", "latitude": "latitude", "longitude": "longitude",
    "opening_hours": "opening_hours", "opening_notes": "opening_notes",
    "accessibility_notes": "accessibility_notes",
}  # fmt: skip
RELATION_COLUMNS = ("topics", "target_groups", "languages")


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def code_lists() -> list[tuple[str, list[tuple[str, str]]]]:
    """The codes a file may use for topics, target groups and languages, with their names."""
    return [
        ("topics", [(t.slug, t.name) for t in Topic.objects.filter(is_active=True)]),
        ("target_groups", [(g.slug, g.name) for g in TargetGroup.objects.filter(is_active=True)]),
        ("languages", [(lang.code, lang.name) for lang in Language.objects.filter(is_active=True)]),
    ]


def column_names(*, internal: bool = True) -> list[str]:
    """Every column in file order; without `internal_notes` for someone who may not read them."""
    names = [c.name for c in COLUMNS if internal or c.name != "internal_notes"]
    names += [f"{name}_{code}" for code in languages() for name in TEXT_FIELDS]
    return names


# --- Cells ---------------------------------------------------------------------------------------

#: A spreadsheet may run a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*FORMULA_START, "'")
#: Characters XML (so .xlsx) cannot hold, and NUL, which PostgreSQL refuses; tab and line
#: breaks stay.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _clean(value: str) -> str:
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def cell_out(value: str) -> str:
    """The cell text for a value: line breaks as \\n, and a leading ' before formula starts.

    The apostrophe goes before =, +, -, @ and tab, and before an apostrophe that is followed by
    one of those or another apostrophe, so that `cell_in` can always take exactly one away.
    """
    value = _clean(value)
    if value[:1] in FORMULA_START or (value[:1] == "'" and value[1:2] in _ESCAPED and value[1:]):
        return "'" + value
    return value


def cell_in(value: str) -> str:
    """The value of a cell: trimmed, line breaks as \\n, one escaping apostrophe removed."""
    value = _clean(value).strip()
    if value[:1] == "'" and value[1:2] and value[1:2] in _ESCAPED:
        return value[1:]
    return value


def canonical(value: str) -> str:
    """A stored text as it comes back from a file (for telling changed from unchanged)."""
    return cell_in(cell_out(value or ""))


# --- Values ------------------------------------------------------------------------------------


class CellError(Exception):
    """A cell's value cannot be used; the message is for the person who wrote the file."""


def format_opening_hours(slots: Iterable[dict[str, Any]]) -> str:
    parts = []
    for slot in slots:
        opens = dt.time.fromisoformat(slot["opens"])
        closes = dt.time.fromisoformat(slot["closes"])
        parts.append(f"{WEEKDAYS[int(slot['day'])]} {opens:%H:%M}-{closes:%H:%M}")
    return "; ".join(parts)


_SLOT = re.compile(
    r"^(?P<days>[A-Za-z][A-Za-z,\s\-–]*?)\s*(?P<opens>\d{1,2}[:.]\d{2})\s*[-–]\s*"
    r"(?P<closes>\d{1,2}[:.]\d{2})$"
)
_DAY_INDEX = {day.casefold(): index for index, day in enumerate(WEEKDAYS)}


def _time(text: str) -> str:
    hours, minutes = re.split("[:.]", text)
    return dt.time(int(hours), int(minutes)).strftime("%H:%M")


def parse_opening_hours(text: str) -> list[dict[str, Any]]:
    """Read `Mo 09:00-12:00; Mo-Fr 14:00-16:00; Di,Do 08:30-10:00` (German weekdays)."""
    slots: list[dict[str, Any]] = []
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        match = _SLOT.match(part)
        problem = CellError(
            _(
                "Cannot read “%(part)s”. Write a weekday (Mo Di Mi Do Fr Sa So) and times, "
                "e.g. “Mo 09:00-12:00; Fr 14:00-16:00”."
            )
            % {"part": part}
        )
        if match is None:
            raise problem
        days: list[int] = []
        for item in match["days"].replace("–", "-").split(","):
            ends = [end.strip().casefold() for end in item.split("-")]
            if len(ends) > 2 or not all(end in _DAY_INDEX for end in ends):
                raise problem
            first, last = _DAY_INDEX[ends[0]], _DAY_INDEX[ends[-1]]
            if last < first:
                raise problem
            days.extend(range(first, last + 1))
        try:
            opens, closes = _time(match["opens"]), _time(match["closes"])
        except ValueError:
            raise problem from None
        if closes <= opens:
            raise CellError(
                _("“%(part)s”: the closing time must come after the opening time.") % {"part": part}
            )
        slots.extend({"day": day, "opens": opens, "closes": closes} for day in days)
    return slots


def _canonical_hours(slots: Any) -> list[tuple[int, str, str]]:
    try:
        return [
            (
                int(s["day"]),
                dt.time.fromisoformat(s["opens"]).strftime("%H:%M"),
                dt.time.fromisoformat(s["closes"]).strftime("%H:%M"),
            )
            for s in slots or []
        ]
    except (KeyError, TypeError, ValueError):
        return [("?", repr(slots), "")]  # type: ignore[list-item]  # never equal to a file's


def format_decimal(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value.quantize(Decimal('0.000001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_decimal(text: str) -> Decimal | None:
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
        if not value.is_finite():
            raise InvalidOperation
        # Six places (about 10 cm) are what the database keeps.
        return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise CellError(_("Enter a number like 48.7784.")) from None


_TRUE = {"yes", "ja", "true", "wahr", "1", "y", "j", "x"}
_FALSE = {"no", "nein", "false", "falsch", "0", "n"}


def parse_bool(text: str) -> bool:
    word = text.casefold()
    if not word or word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError(_("Write yes or no."))


def parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        pass
    raise CellError(_("Enter a date like 2026-11-21."))


def parse_days(text: str) -> int:
    if not text:
        return 365
    if not re.fullmatch(r"\d{1,5}", text):
        raise CellError(_("Enter a whole number of days, e.g. 365."))
    return int(text)


def parse_website(text: str) -> str:
    # People paste "www.example.org"; the model wants a scheme.
    if text and "://" not in text:
        return f"https://{text}"
    return text


def split_list(text: str) -> list[str]:
    """Codes separated by | (a comma is read too); blanks and repeats dropped, order kept."""
    items: list[str] = []
    for item in re.split(r"[|,]", text):
        item = item.strip().casefold()
        if item and item not in items:
            items.append(item)
    return items


def _unknown(message: str, code: str, known: Iterable[str]) -> str:
    """`message` has a %(code)s; a close known code is suggested after it."""
    message = message % {"code": code}
    close = difflib.get_close_matches(code, list(known), n=1)
    if close:
        message += " " + _("Did you mean “%(code)s”?") % {"code": close[0]}
    return message


# --- Reading files -----------------------------------------------------------------------------


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why in plain words."""


@dataclass(frozen=True)
class BadCell:
    """A cell that holds no usable value (a formula, a spreadsheet error)."""

    message: str


Cell = str | BadCell


def read_table(*, name: str, data: bytes) -> tuple[str, list[tuple[int, list[Cell]]]]:
    """Return the file's format and its non-empty rows with their row numbers (header first)."""
    if not data:
        raise FileRejected(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise _too_large()
    suffix = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    if suffix == "xlsx":
        return "xlsx", _read_xlsx(data)
    if suffix == "csv":
        return "csv", _read_csv(data)
    raise FileRejected(
        _("Upload a .csv or .xlsx file. Save older Excel files (.xls) as .xlsx first.")
    )


def _too_large() -> FileRejected:
    return FileRejected(
        _("The file is larger than %(mb)s MB. Split it into smaller files.")
        % {"mb": MAX_BYTES // (1024 * 1024)}
    )


def _too_many_rows() -> FileRejected:
    return FileRejected(
        _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS}
    )


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon (Excel in Germany) or tab.

    The header decides first: the delimiter that splits it into the most known column names.
    Only without a recognisable header does csv.Sniffer guess from the first lines, since the
    semicolons in opening hours can outnumber the commas of a comma-separated file.
    """
    header = text.split("\n", 1)[0]
    known = set(column_names())

    def score(delimiter: str) -> int:
        return sum(
            1 for cell in header.split(delimiter) if cell.strip().strip('"').casefold() in known
        )

    best = max(",;\t", key=score)
    if score(best):
        return best
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_csv(data: bytes) -> list[tuple[int, list[Cell]]]:
    if data.startswith(b"PK\x03\x04"):
        raise FileRejected(_("This is an Excel workbook, not a CSV file. Name it .xlsx."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRejected(
            _(
                "The file is not saved as UTF-8. In Excel, choose the file type "
                "“CSV UTF-8” when saving."
            )
        ) from None
    if "\x00" in text:
        raise FileRejected(_("This is not a text file. Upload a .csv or .xlsx file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    rows: list[tuple[int, list[Cell]]] = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if any(cell.strip() for cell in record):
                rows.append((number, list(record)))
                if len(rows) > MAX_ROWS + 1:
                    raise _too_many_rows()
    except csv.Error:
        raise FileRejected(
            _("Row %(row)s cannot be read: check its quotation marks, or a cell is too long.")
            % {"row": number + 1}
        ) from None
    return rows


def _read_xlsx(data: bytes) -> list[tuple[int, list[Cell]]]:
    import openpyxl

    not_a_workbook = FileRejected(
        _("The file is not a readable .xlsx workbook (a password-protected one cannot be read).")
    )
    buffer = io.BytesIO(data)
    try:
        with zipfile.ZipFile(buffer) as archive:
            members = archive.infolist()
            # Declared sizes are binding: zipfile stops at a member's declared size and checks
            # its CRC, so these checks hold for what openpyxl will unpack.
            _refuse_zip_bomb(members)
            _refuse_xml_declarations(archive, members)
    except FileRejected:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise not_a_workbook from None
    rows: list[tuple[int, list[Cell]]] = []
    # No part declares a DTD (checked above), so no entity can expand or reach outside; expat
    # (≥ 2.4.1, which openpyxl uses without defusedxml) would also stop a "billion laughs".
    try:
        workbook = openpyxl.load_workbook(buffer, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged or hostile file
        raise not_a_workbook from None
    try:
        if not workbook.worksheets:
            raise not_a_workbook
        sheet = workbook.worksheets[0]
        # The size a sheet declares may be wrong (or hostile): read the rows that are there.
        sheet.reset_dimensions()
        for number, cells in enumerate(sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS), start=1):
            if number > MAX_SHEET_ROW:
                raise FileRejected(
                    _("The sheet goes on below row %(max)s. Delete the empty rows at its end.")
                    % {"max": MAX_SHEET_ROW}
                )
            values = [_xlsx_cell(cell) for cell in cells]
            if any(value for value in values):
                while values and values[-1] == "":
                    values.pop()
                rows.append((number, values))
                if len(rows) > MAX_ROWS + 1:
                    raise _too_many_rows()
    except FileRejected:
        raise
    except Exception:  # a broken sheet inside a valid zip
        raise not_a_workbook from None
    finally:
        workbook.close()
    return rows


def _refuse_zip_bomb(members: list[zipfile.ZipInfo]) -> None:
    too_big = FileRejected(
        _("The workbook unpacks to more than %(mb)s MB; this is not a directory export.")
        % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
    )
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise too_big
    for member in members:
        if (
            member.file_size >= RATIO_CHECK_FROM_BYTES
            and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise FileRejected(
                _(
                    "A part of the workbook is packed %(ratio)s times tighter than a spreadsheet "
                    "can be; this is not a directory export."
                )
                % {"ratio": member.file_size // max(member.compress_size, 1)}
            )


class _PrologEnd(Exception):
    """The XML part's root element began: no declaration can follow."""


class _DeclaresDtd(Exception):
    """The XML part declares a document type (and with it, perhaps, entities)."""


def _declares_dtd(part: Any) -> bool:
    import pyexpat

    def declaration(*_args: Any) -> None:
        raise _DeclaresDtd

    def root(*_args: Any) -> None:
        raise _PrologEnd

    parser = pyexpat.ParserCreate()
    parser.StartDoctypeDeclHandler = declaration
    parser.EntityDeclHandler = declaration
    parser.StartElementHandler = root
    try:
        while chunk := part.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _DeclaresDtd:
        return True
    except (_PrologEnd, pyexpat.ExpatError):
        # An ExpatError means not well-formed: openpyxl refuses it with the usual message.
        return False
    return False


def _refuse_xml_declarations(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a workbook whose XML parts declare a DTD (entities, external references).

    Office files never carry one. A DTD can only stand before the root element, so each part
    is parsed (by expat, in its own encoding) up to its first element and no further.
    """
    for member in members:
        if member.is_dir() or not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(member) as part:
            if _declares_dtd(part):
                raise FileRejected(
                    _(
                        "The workbook contains XML declarations (a DTD) that spreadsheets never "
                        "need; it is refused for safety. Save it again from your spreadsheet "
                        "program."
                    )
                )


def _xlsx_cell(cell: Any) -> Cell:
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f":
        return BadCell(_("This cell holds a formula. Type the value itself."))
    if cell.data_type == "e":
        return BadCell(_("This cell shows the error %(error)s.") % {"error": value})
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


# --- Export ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    rows: int


def export_table(
    *, user: User, office: Office, scope: str = "own", with_ids: bool = True
) -> list[list[str]]:
    """The header and one row per service, ordered by organisation name and service number.

    `scope="own"` is the office's services, `"all"` the whole regional directory. Internal notes
    are the owner office's: other offices' rows leave them empty, and without the right to read
    them the column is left out (so importing that file leaves the notes alone).
    """
    policy.require(user, "directory.entry.view", office)
    internal = policy.can(user, "directory.internal.view", office)
    header = column_names(internal=internal)
    services = Service.objects.filter(is_archived=False, organisation__is_archived=False)
    if scope != "all":
        services = services.filter(owner_office=office)
    services = (
        services.select_related("organisation")
        .prefetch_related("translations", "topics", "target_groups", "languages", "locations")
        .order_by("organisation__name", "id")
    )
    table = [header]
    for service in services:
        values = _service_values(
            service, with_id=with_ids, internal=service.owner_office_id == office.pk
        )
        table.append([cell_out(values.get(name, "")) for name in header])
    return table


def _service_values(service: Service, *, with_id: bool, internal: bool) -> dict[str, str]:
    values = {
        "service_id": str(service.pk) if with_id else "",
        "organisation": service.organisation.name,
        "organisation_kind": service.organisation.kind,
        "topics": LIST_SEPARATOR.join(sorted(t.slug for t in service.topics.all())),
        "target_groups": LIST_SEPARATOR.join(sorted(g.slug for g in service.target_groups.all())),
        "languages": LIST_SEPARATOR.join(sorted(lang.code for lang in service.languages.all())),
        "access_modes": LIST_SEPARATOR.join(dict.fromkeys(service.access_modes or [])),
        "is_free": "yes" if service.is_free else "no",
        "phone": service.phone,
        "email": service.email,
        "website": service.website,
        "internal_notes": service.internal_notes if internal else "",
        "review_interval_days": str(service.review_interval_days),
        "last_verified": service.last_verified.isoformat() if service.last_verified else "",
    }
    location = first_location(service)
    if location is not None:
        for name, column in LOCATION_COLUMNS.items():
            value = getattr(location, name)
            if name in ("latitude", "longitude"):
                value = format_decimal(value)
            elif name == "opening_hours":
                value = format_opening_hours(value or [])
            values[column] = value
    for row in service.translations.all():
        for name in TEXT_FIELDS:
            values[f"{name}_{row.language}"] = getattr(row, name)
    return values


def first_location(service: Service) -> Location | None:
    """The place a row describes: the service's oldest (lowest id); others stay as they are."""
    return min(service.locations.all(), key=lambda location: location.pk, default=None)


def write_csv(table: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads umlauts and Arabic), comma, CRLF rows."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(table: list[list[str]]) -> bytes:
    """One sheet, every cell text (postal codes keep their zeros), the header bold and frozen."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Lotse")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for index, row in enumerate(table):
        if index == 0:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)
        else:
            # Cells are already neutralised (no leading "="), so openpyxl keeps them as text.
            sheet.append([value or None for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def directory_export(
    *,
    user: User,
    office: Office,
    file_format: str = "csv",
    scope: str = "own",
    with_ids: bool = True,
) -> ExportFile:
    """The directory as a file to download; the export itself is written to the audit log."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}")
    table = export_table(user=user, office=office, scope=scope, with_ids=with_ids)
    content = write_csv(table) if file_format == "csv" else write_xlsx(table)
    audit_record(
        action="directory.export.created",
        actor=user,
        office=office,
        data={"format": file_format, "scope": scope, "rows": len(table) - 1},
    )
    name = office.slug if scope != "all" else "all"
    return ExportFile(
        content=content,
        content_type=FORMATS[file_format],
        filename=f"lotse-directory-{name}-{timezone.localdate():%Y-%m-%d}.{file_format}",
        rows=len(table) - 1,
    )


# --- Import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem: row None means the file as a whole; column may be empty."""

    row: int | None
    column: str
    message: str


@dataclass
class ImportReport:
    dry_run: bool
    file_format: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations_created: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_omitted: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.problems_omitted

    def add(self, row: int | None, column: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, message))
        else:
            self.problems_omitted += 1


@dataclass
class _Plan:
    """What one valid row will do."""

    row: int
    service: Service | None
    organisation_name: str | None  # None: keep the service's organisation
    organisation_kind: str | None  # None: not given
    fields: dict[str, Any]
    relations: dict[str, list[Any]]
    location: dict[str, Any] | None  # None: leave the places as they are
    texts: dict[str, dict[str, str]]  # language -> the text fields given
    changes: set[str] = field(default_factory=set)


def _message_dict(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {NON_FIELD_ERRORS: error.messages}


Report = Callable[[str, str], None]


def _check_model(obj: Any, columns: dict[str, str], *, exclude: list[str], problem: Report) -> None:
    """Run the model's own validation (lengths, choices, ranges) and report it by column."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in _message_dict(error).items():
            if name in columns or name == NON_FIELD_ERRORS:
                for message in messages:
                    problem(columns.get(name, ""), message)


class _Checker:
    """Turns rows into plans, collecting every problem on the way (reads only)."""

    def __init__(self, *, office: Office, report: ImportReport) -> None:
        self.office = office
        self.report = report
        self.topics = {t.slug: t for t in Topic.objects.all()}
        self.target_groups = {g.slug: g for g in TargetGroup.objects.all()}
        self.languages = {lang.code.casefold(): lang for lang in Language.objects.all()}
        self.services: dict[int, Service] = {}
        self.organisations = {
            o.name.casefold(): o for o in Organisation.objects.filter(owner_office=office)
        }
        self.seen_ids: dict[int, int] = {}
        self.kinds: dict[str, tuple[int, str]] = {}
        self.places: dict[int, tuple[int, dict[str, Any]]] = {}

    def check(self, header: list[str], rows: list[tuple[int, list[Cell]]]) -> list[_Plan]:
        self.load_services(header, rows)
        plans = []
        for number, cells in rows:
            problems: list[tuple[str, str]] = []
            if len(cells) > len(header) and any(cells[len(header) :]):
                problems.append(("", _("This row has more cells than the header has columns.")))
            values: dict[str, str] = {}
            bad: set[str] = set()
            for name, cell in zip(header, cells, strict=False):
                if isinstance(cell, BadCell):
                    problems.append((name, cell.message))
                    bad.add(name)
                    if name:
                        values[name] = ""
                elif name:
                    values[name] = cell_in(cell)
                elif cell.strip():
                    problems.append(("", _("A cell stands in a column without a name.")))
            for name in header[len(cells) :]:
                if name:
                    values[name] = ""

            def problem(
                column: str,
                message: str,
                bad: set[str] = bad,
                problems: list[tuple[str, str]] = problems,
            ) -> None:
                # A cell already reported as unreadable is not reported again as empty.
                if column not in bad:
                    problems.append((column, message))

            plan = self.check_row(number, values, problem)
            for column, message in problems:
                self.report.add(number, column, message)
            if plan is not None and not problems:
                plans.append(plan)
        return plans

    def load_services(self, header: list[str], rows: list[tuple[int, list[Cell]]]) -> None:
        """The office's services the file names, with everything a row compares."""
        if "service_id" not in header:
            return
        index = header.index("service_id")
        ids = set()
        for _number, cells in rows:
            cell = cells[index] if index < len(cells) else ""
            text = cell_in(cell) if isinstance(cell, str) else ""
            if re.fullmatch(r"\d{1,12}", text):
                ids.add(int(text))
        self.services = {
            s.pk: s
            for s in Service.objects.filter(owner_office=self.office, pk__in=ids)
            .select_related("organisation")
            .prefetch_related("translations", "topics", "target_groups", "languages", "locations")
        }

    def check_row(self, row: int, values: dict[str, str], problem: Report) -> _Plan | None:
        service = None
        text = values.get("service_id", "")
        if text:
            service_id = int(text) if re.fullmatch(r"\d{1,12}", text) else None
            service = self.services.get(service_id) if service_id is not None else None
            if service is None:
                problem(
                    "service_id",
                    _(
                        "Service %(id)s was not found in your office's directory. Leave the "
                        "cell empty to add a new service."
                    )
                    % {"id": text},
                )
                return None
            if service.pk in self.seen_ids:
                problem(
                    "service_id",
                    _("Service %(id)s appears more than once in the file (first in row %(row)s).")
                    % {"id": service.pk, "row": self.seen_ids[service.pk]},
                )
                return None
            self.seen_ids[service.pk] = row
        new = service is None
        organisation_name, kind = self._check_organisation(row, values, new, problem)
        fields = self._check_fields(values, problem)
        relations = self._check_relations(values, new, problem)
        location = self._check_location(row, values, service, problem)
        texts = self._check_texts(values, service, problem)
        plan = _Plan(
            row=row,
            service=service,
            organisation_name=organisation_name or None,
            organisation_kind=kind,
            fields=fields,
            relations=relations,
            location=location,
            texts=texts,
        )
        plan.changes = self._changes(plan)
        return plan

    def _check_organisation(
        self, row: int, values: dict[str, str], new: bool, problem: Report
    ) -> tuple[str | None, str | None]:
        name = values.get("organisation")
        if (name is not None or new) and not name:
            problem("organisation", _("Name the organisation."))
        kind = values.get("organisation_kind", "").casefold() or None
        if kind is not None and kind not in OrganisationKind.values:
            problem(
                "organisation_kind",
                _unknown(
                    _("Unknown kind of organisation “%(code)s”."), kind, OrganisationKind.values
                ),
            )
            return name, None
        if not name:
            return name, kind
        key = name.casefold()
        if key not in self.organisations:
            if kind is None:
                problem(
                    "organisation_kind",
                    _("“%(name)s” is a new organisation: give its kind, e.g. %(example)s.")
                    % {"name": name, "example": OrganisationKind.COUNSELING_SERVICE.value},
                )
            else:
                _check_model(
                    Organisation(owner_office=self.office, name=name, kind=kind),
                    {"name": "organisation", "kind": "organisation_kind"},
                    exclude=["owner_office"],
                    problem=problem,
                )
        if kind is not None:
            first = self.kinds.setdefault(key, (row, kind))
            if first[1] != kind:
                problem(
                    "organisation_kind",
                    _("Row %(row)s gives this organisation the kind %(kind)s.")
                    % {"row": first[0], "kind": first[1]},
                )
        return name, kind

    def _check_fields(self, values: dict[str, str], problem: Report) -> dict[str, Any]:
        parsers: dict[str, Callable[[str], Any]] = {
            "is_free": parse_bool,
            "review_interval_days": parse_days,
            "last_verified": parse_date,
            "website": parse_website,
            "access_modes": self._access_modes,
        }
        fields: dict[str, Any] = {}
        for name in SERVICE_FIELDS:
            if name in values:
                try:
                    fields[name] = parsers.get(name, str)(values[name])
                except CellError as error:
                    problem(name, str(error))
        _check_model(
            Service(owner_office=self.office, **fields),
            {name: name for name in fields},
            exclude=["organisation", "owner_office"],
            problem=problem,
        )
        return fields

    def _check_relations(
        self, values: dict[str, str], new: bool, problem: Report
    ) -> dict[str, list[Any]]:
        lookups: dict[str, tuple[dict[str, Any], str]] = {
            "topics": (self.topics, _("Unknown topic “%(code)s”.")),
            "target_groups": (self.target_groups, _("Unknown target group “%(code)s”.")),
            "languages": (self.languages, _("Unknown language code “%(code)s”.")),
        }
        relations: dict[str, list[Any]] = {}
        for name, (known, label) in lookups.items():
            if name not in values and not (new and name == "topics"):
                continue  # an absent column leaves the service's choice as it is
            codes = split_list(values.get(name, ""))
            for code in codes:
                if code not in known:
                    problem(name, _unknown(label, code, known))
            relations[name] = [known[code] for code in codes if code in known]
            if name == "topics" and not codes:
                problem("topics", _("Choose at least one topic."))
        return relations

    def _check_texts(
        self, values: dict[str, str], service: Service | None, problem: Report
    ) -> dict[str, dict[str, str]]:
        texts: dict[str, dict[str, str]] = {}
        for code in languages():
            given = {
                name: values[f"{name}_{code}"] for name in TEXT_FIELDS if f"{name}_{code}" in values
            }
            if code == "de" and (service is None or "title" in given) and not given.get("title"):
                problem("title_de", _("The German title is required."))
                continue
            if not any(given.values()):
                continue  # a language left empty stays as it is
            has_title = service is not None and any(
                row.language == code and row.title for row in service.translations.all()
            )
            if not given.get("title") and ("title" in given or not has_title):
                problem(
                    f"title_{code}",
                    _("A title is needed when other texts in this language are filled in."),
                )
                continue
            texts[code] = given
            _check_model(
                ServiceTranslation(language=code, **{"title": "-", **given}),
                {name: f"{name}_{code}" for name in given},
                exclude=["service", "updated_by"],
                problem=problem,
            )
        return texts

    def _access_modes(self, text: str) -> list[str]:
        modes = split_list(text)
        for mode in modes:
            if mode not in AccessMode.values:
                raise CellError(
                    _unknown(_("Unknown way of access “%(code)s”."), mode, AccessMode.values)
                )
        return modes

    def _check_location(
        self, row: int, values: dict[str, str], service: Service | None, problem: Report
    ) -> dict[str, Any] | None:
        given = {
            name: values[column] for name, column in LOCATION_COLUMNS.items() if column in values
        }
        if not any(given.values()):
            return None  # no place given: a new service gets none, an existing one keeps its own
        location: dict[str, Any] = {}
        for name, text in given.items():
            try:
                if name in ("latitude", "longitude"):
                    location[name] = parse_decimal(text)
                elif name == "opening_hours":
                    location[name] = parse_opening_hours(text)
                else:
                    location[name] = text
            except CellError as error:
                problem(LOCATION_COLUMNS[name], str(error))
        if not given.get("city"):
            problem("city", _("Give the city of the place."))
            return None
        _check_model(
            Location(**location),
            {name: LOCATION_COLUMNS[name] for name in location},
            exclude=["organisation", *[n for n in LOCATION_COLUMNS if n not in location]],
            problem=problem,
        )
        # A place shared by services is one record: two rows must not describe it differently.
        current = first_location(service) if service is not None else None
        if current is not None:
            earlier = self.places.setdefault(current.pk, (row, location))
            differing = [n for n in location if earlier[1].get(n, location[n]) != location[n]]
            if differing:
                problem(
                    LOCATION_COLUMNS[differing[0]],
                    _(
                        "This service shares its place with the service in row %(row)s, "
                        "which describes the place differently."
                    )
                    % {"row": earlier[0]},
                )
        return location

    def _changes(self, plan: _Plan) -> set[str]:
        """What the plan would change: "new", "service", "place" and language codes."""
        service = plan.service
        if service is None:
            return {"new"}
        changes: set[str] = set()
        if any(_differs(getattr(service, name), value) for name, value in plan.fields.items()):
            changes.add("service")
        for name, chosen in plan.relations.items():
            if {obj.pk for obj in chosen} != {obj.pk for obj in getattr(service, name).all()}:
                changes.add("service")
        if (
            plan.organisation_name is not None
            and plan.organisation_name.casefold() != service.organisation.name.casefold()
        ):
            changes.update({"service", "place"})
        elif plan.organisation_kind and plan.organisation_kind != service.organisation.kind:
            changes.add("organisation")
        if plan.location is not None:
            current = first_location(service)
            if current is None or not _same_place(current, plan.location):
                changes.add("place")
        rows = {row.language: row for row in service.translations.all()}
        for code, given in plan.texts.items():
            row = rows.get(code)
            if row is None or any(_differs(getattr(row, n), v) for n, v in given.items()):
                changes.add(code)
        return changes


def _differs(stored: Any, value: Any) -> bool:
    if isinstance(value, str):
        return canonical(stored or "") != value
    return stored != value


def _same_place(location: Location, given: dict[str, Any]) -> bool:
    for name, value in given.items():
        stored = getattr(location, name)
        if name == "opening_hours":
            if _canonical_hours(stored) != _canonical_hours(value):
                return False
        elif _differs(stored, value):
            return False
    return True


def _place_key(values: dict[str, Any]) -> tuple[Any, ...]:
    key = []
    for name in LOCATION_COLUMNS:
        value = values.get(name)
        if name == "opening_hours":
            key.append(tuple(_canonical_hours(value)))
        elif name in ("latitude", "longitude"):
            key.append(None if value is None else Decimal(value).normalize())
        else:
            key.append(canonical(value or ""))
    return tuple(key)


def _header(cells: list[Cell], report: ImportReport, row: int) -> list[str] | None:
    known = column_names()
    header: list[str] = []
    for cell in cells:
        name = cell_in(cell).casefold() if isinstance(cell, str) else ""
        header.append(name)
    unknown = [name for name in header if name and name not in known]
    if not set(header) & set(known):
        report.add(
            row,
            "",
            _("The first row must name the columns, e.g. %(columns)s.")
            % {"columns": ", ".join(known[:4])},
        )
        return None
    for name in unknown:
        report.add(row, name, _("Unknown column. The columns are described on this page."))
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    for name in duplicates:
        report.add(row, name, _("This column appears more than once."))
    return None if unknown or duplicates else header


def directory_import(
    *, office: Office, by: User, upload: File, dry_run: bool = True
) -> ImportReport:
    """Check a CSV or XLSX file and, unless `dry_run`, write it: every row or none."""
    policy.require(by, "directory.import", office)
    report = ImportReport(dry_run=dry_run)
    try:
        if (getattr(upload, "size", None) or 0) > MAX_BYTES:
            raise _too_large()
        data = upload.read(MAX_BYTES + 1)  # at most one byte too many, whatever size claimed
        report.file_format, rows = read_table(name=getattr(upload, "name", "") or "", data=data)
    except FileRejected as error:
        report.add(None, "", str(error))
        return report
    if not rows:
        report.add(None, "", _("The file is empty."))
        return report
    (header_row, header_cells), rows = rows[0], rows[1:]
    header = _header(header_cells, report, header_row)
    if header is None:
        return report
    if not rows:
        report.add(None, "", _("The file has no rows below the header."))
        return report
    if len(rows) > MAX_ROWS:
        report.add(None, "", str(_too_many_rows()))
        return report
    report.rows = len(rows)
    checker = _Checker(office=office, report=report)
    plans = checker.check(header, rows)
    if not report.ok:
        return report
    for plan in plans:
        if "new" in plan.changes:
            report.created += 1
        elif plan.changes:
            report.updated += 1
        else:
            report.unchanged += 1
    report.organisations_created = len(
        {
            plan.organisation_name.casefold()
            for plan in plans
            if plan.organisation_name
            and plan.organisation_name.casefold() not in checker.organisations
        }
    )
    if dry_run:
        return report
    try:
        with transaction.atomic():
            _Writer(office=office, by=by, checker=checker, plans=plans).write()
            audit_record(
                action="directory.import.completed",
                actor=by,
                office=office,
                data={
                    "format": report.file_format,
                    "rows": report.rows,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "organisations_created": report.organisations_created,
                },
            )
    except _WriteFailed as failure:
        # Checked rows should not fail; if one does (say, a colleague's change in between),
        # the transaction is rolled back and the row is reported like any other problem.
        report.created = report.updated = report.unchanged = report.organisations_created = 0
        for column, message in failure.problems:
            report.add(failure.row, column, message)
    return report


class _WriteFailed(Exception):
    def __init__(self, row: int | None, problems: list[tuple[str, str]]) -> None:
        super().__init__(row)
        self.row = row
        self.problems = problems


class _Writer:
    def __init__(self, *, office: Office, by: User, checker: _Checker, plans: list[_Plan]) -> None:
        self.office = office
        self.by = by
        self.organisations = dict(checker.organisations)
        self.plans = plans
        # Places updated in place must not be picked up by other rows in their old form.
        self.moving = {
            first_location(plan.service).pk  # type: ignore[union-attr]
            for plan in plans
            if plan.service is not None
            and "place" in plan.changes
            and first_location(plan.service) is not None
            and (plan.organisation_name is None
                 or plan.organisation_name.casefold() == plan.service.organisation.name.casefold())
        }  # fmt: skip
        self.pools: dict[int, dict[tuple[Any, ...], Location]] = {}

    def write(self) -> None:
        """Changed services one by one through the services, then the new ones in bulk."""
        for plan in self.plans:
            if plan.service is not None and plan.changes:
                with _reporting(plan.row):
                    self.write_row(plan)
        new = [plan for plan in self.plans if plan.service is None]
        if new:
            self.create(new)

    def organisation(self, plan: _Plan) -> Organisation:
        service = plan.service
        if plan.organisation_name is None:
            assert service is not None  # noqa: S101  (a new row always names one)
            organisation = service.organisation
        else:
            key = plan.organisation_name.casefold()
            organisation = self.organisations.get(key)
            if organisation is None:
                organisation = directory_services.organisation_save(
                    office=self.office, by=self.by, name=plan.organisation_name,
                    kind=plan.organisation_kind,
                )  # fmt: skip
                self.organisations[key] = organisation
                return organisation
        if plan.organisation_kind and organisation.kind != plan.organisation_kind:
            organisation = directory_services.organisation_save(
                office=self.office, by=self.by, organisation=organisation,
                kind=plan.organisation_kind,
            )  # fmt: skip
        return organisation

    def place(
        self, organisation: Organisation, values: dict[str, Any], *, save: bool = True
    ) -> Location:
        """A place of the organisation with exactly these values, or a new one.

        With `save=False` a new place is returned unsaved, for `create` to insert in bulk.
        """
        pool = self.pools.get(organisation.pk)
        if pool is None:
            pool = self.pools[organisation.pk] = {}
            for location in Location.objects.filter(organisation=organisation).order_by("pk"):
                if location.pk not in self.moving:
                    pool.setdefault(_place_key(_location_values(location)), location)
        key = _place_key(values)
        if key not in pool:
            if save:
                pool[key] = directory_services.location_save(
                    office=self.office, by=self.by, organisation=organisation, **values
                )
            else:
                pool[key] = Location(organisation=organisation, **values)
        return pool[key]

    def write_row(self, plan: _Plan) -> None:
        # A fresh instance: the checker's prefetched one would show search indexing old texts.
        service = (
            Service.objects.select_related("organisation").get(pk=plan.service.pk)
            if plan.service is not None
            else None
        )
        organisation = self.organisation(plan)
        fields: dict[str, Any] = dict(plan.fields)
        fields.update(plan.relations)
        if plan.location is not None:
            current = first_location(service) if service is not None else None
            if current is not None and current.organisation_id == organisation.pk:
                if "place" in plan.changes:
                    directory_services.location_save(
                        office=self.office, by=self.by, organisation=organisation,
                        location=current, **plan.location,
                    )  # fmt: skip
            else:
                fields["locations"] = [self.place(organisation, _full_place(plan.location))]
        elif service is not None and service.organisation_id != organisation.pk:
            fields["locations"] = []  # the old organisation's places cannot follow the service
        if service is None or plan.changes & {"service", "de"} or "locations" in fields:
            service = directory_services.service_save(
                office=self.office, by=self.by, service=service, organisation=organisation,
                german=plan.texts.get("de", {}), **fields,
            )  # fmt: skip
        translated = False
        for code, texts in plan.texts.items():
            # An unchanged translation is not saved again: saving would mark it as following
            # the German text even when only German changed (it is outdated then).
            if code != "de" and (code in plan.changes or "new" in plan.changes):
                directory_services.translation_save(
                    obj=service, by=self.by, office=self.office, language=code, texts=texts,
                    reindex=False,
                )  # fmt: skip
                translated = True
        if translated:
            reindex_service(service)

    def create(self, plans: list[_Plan]) -> None:
        """Insert new services in bulk, then index them for search.

        Creating 5,000 services one by one through `service_save` takes minutes; this takes
        seconds. The rows were validated like the services would (the models' full_clean), new
        organisations still go through `organisation_save`, and the import's own audit entry
        records the counts in place of one entry per created service.
        """
        rows: list[tuple[_Plan, Service, Location | None]] = []
        for plan in plans:
            with _reporting(plan.row):
                organisation = self.organisation(plan)
            place = None
            if plan.location is not None:
                place = self.place(organisation, _full_place(plan.location), save=False)
            service = Service(owner_office=self.office, organisation=organisation, **plan.fields)
            rows.append((plan, service, place))
        with _reporting(None):
            places = {id(place): place for _p, _s, place in rows if place and place.pk is None}
            Location.objects.bulk_create(places.values())
            Service.objects.bulk_create([service for _plan, service, _place in rows])
            links: dict[str, list[Any]] = {name: [] for name in (*RELATION_COLUMNS, "locations")}
            translations = []
            for plan, service, place in rows:
                for name, chosen in plan.relations.items():
                    links[name].extend((service.pk, obj.pk) for obj in chosen)
                if place is not None:
                    links["locations"].append((service.pk, place.pk))
                for code, texts in plan.texts.items():
                    translations.append(
                        ServiceTranslation(
                            service=service, language=code, version=1, source_version=1,
                            updated_by=self.by, **texts,
                        )
                    )  # fmt: skip
            for name, pairs in links.items():
                relation = Service._meta.get_field(name)
                through = relation.remote_field.through  # type: ignore[union-attr]
                source = relation.m2m_field_name()  # type: ignore[union-attr]
                target = relation.m2m_reverse_field_name()  # type: ignore[union-attr]
                through.objects.bulk_create(
                    [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs]
                )
            ServiceTranslation.objects.bulk_create(translations)
            ids = [service.pk for _plan, service, _place in rows]
            for start in range(0, len(ids), 500):
                chunk = (
                    Service.objects.filter(pk__in=ids[start : start + 500])
                    .select_related("organisation")
                    .prefetch_related(
                        "translations",
                        Prefetch("topics", queryset=Topic.objects.select_related("parent")),
                        "target_groups",
                        "locations",
                    )
                )
                for service in chunk:
                    reindex_service(service)


@contextmanager
def _reporting(row: int | None) -> Iterator[None]:
    """Turn a write that fails after all checks into a problem of its row (and a rollback)."""
    try:
        yield
    except IntegrityError:
        raise _WriteFailed(
            row, [("", _("This row clashes with a change made meanwhile."))]
        ) from None
    except ValidationError as error:
        columns = {**{n: n for n in SERVICE_FIELDS}, **LOCATION_COLUMNS}
        raise _WriteFailed(
            row,
            [
                (columns.get(name, ""), message)
                for name, messages in _message_dict(error).items()
                for message in messages
            ],
        ) from error


def _full_place(given: dict[str, Any]) -> dict[str, Any]:
    """Every field of a place: the given ones, the others empty."""
    values: dict[str, Any] = dict.fromkeys(LOCATION_COLUMNS, "")
    values.update(latitude=None, longitude=None, opening_hours=[])
    values.update(given)
    return values


def _location_values(location: Location) -> dict[str, Any]:
    return {name: getattr(location, name) for name in LOCATION_COLUMNS}
