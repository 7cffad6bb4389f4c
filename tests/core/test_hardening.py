"""Hardening: the idle warning and its keep-alive, logout on the server, two-factor backup codes
stored hashed, safe XLSX imports, and the upload limits."""

from __future__ import annotations

import io
import re
import time
import zipfile
from typing import Any

import openpyxl
import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.hashers import check_password
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.models import AuditEntry, BackupCodeDevice, User
from lotse.directory import exchange
from tests.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db

START = "2026-11-21 09:00 +01:00"


# --- The idle warning and the keep-alive ---------------------------------------------------------


def test_a_staff_page_carries_the_idle_warning_with_the_seconds_left(
    client: Client, counselor: User
) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        login(client, counselor)
        client.get("/staff/")
        traveller.shift(30)  # the session's clock is written once a minute, not on each page
        page = client.get("/staff/").content.decode()
    box = re.search(r'<div id="idle-warning"[^>]*>', page)
    assert box is not None
    assert 'role="alertdialog"' in box.group(0) and " hidden" in box.group(0)
    # Counted from the last time the session's clock was written, half a minute ago.
    assert 'data-idle-remaining="1770"' in box.group(0)
    assert 'data-idle-warning="120"' in box.group(0)
    assert 'action="/staff/keep-alive/"' in page
    assert "Stay logged in" in page
    assert 'src="/static/lotse/idle.js"' in page


def test_the_warning_is_only_for_logged_in_users(client: Client) -> None:
    page = client.get("/staff/login/").content.decode()
    assert "idle-warning" not in page and "idle.js" not in page


def test_keep_alive_counts_as_activity_and_answers_204(client: Client, counselor: User) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        login(client, counselor)
        client.get("/staff/")
        traveller.shift(25 * 60)
        response = client.post("/staff/keep-alive/")
        assert response.status_code == 204
        assert response["Lotse-Idle-Remaining"] == "1800"
        assert client.session["lotse_last_seen"] == int(time.time())
        traveller.shift(25 * 60)  # fifty minutes after the last page, 25 after the keep-alive
        assert client.get("/staff/").status_code == 200


def test_keep_alive_cannot_revive_an_ended_session(client: Client, counselor: User) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        login(client, counselor)
        client.get("/staff/")
        traveller.shift(31 * 60)
        response = client.post("/staff/keep-alive/")
        assert response.status_code == 302 and "/staff/login/" in response["Location"]
        assert client.get("/staff/").status_code == 302


def test_keep_alive_needs_a_login_a_post_and_the_csrf_token(
    client: Client, counselor: User
) -> None:
    anonymous = client.post("/staff/keep-alive/")
    assert anonymous.status_code == 302 and "/staff/login/" in anonymous["Location"]
    login(client, counselor)
    assert client.get("/staff/keep-alive/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    login(strict, counselor)
    assert strict.post("/staff/keep-alive/").status_code == 403


def test_htmx_requests_count_as_activity_and_report_the_seconds_left(
    client: Client, counselor: User
) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        login(client, counselor)
        client.get("/staff/")
        traveller.shift(25 * 60)
        partial = client.get("/staff/counseling/people/?q=x", HTTP_HX_REQUEST="true")
        assert partial.status_code == 200
        assert partial["Lotse-Idle-Remaining"] == "1800"
        traveller.shift(25 * 60)
        assert client.get("/staff/").status_code == 200


def test_after_the_idle_time_the_login_page_opens_and_says_why(
    client: Client, counselor: User
) -> None:
    """Where the idle warning sends the browser: the login form, not a redirect to itself."""
    with time_machine.travel(START, tick=False) as traveller:
        login(client, counselor)
        client.get("/staff/")
        traveller.shift(31 * 60)
        page = client.get("/staff/login/?next=/staff/members/")
    assert page.status_code == 200
    assert "logged out after a time without activity" in page.content.decode()
    assert "_auth_user_id" not in client.session


# --- Logout -------------------------------------------------------------------------------------


def test_logout_is_a_post_and_the_old_session_cookie_no_longer_works(
    client: Client, counselor: User
) -> None:
    login(client, counselor)
    assert client.get("/staff/").status_code == 200
    assert client.get("/staff/logout/").status_code == 405  # a link or an image cannot log out
    old_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    assert client.post("/staff/logout/").status_code == 302
    assert not Session.objects.filter(session_key=old_key).exists()

    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get("/staff/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


# --- Two-factor backup codes --------------------------------------------------------------------


def current_token(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def verified(client: Client, user: User) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    login(client, user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def create_codes(client: Client) -> list[str]:
    page = client.post("/staff/two-factor/backup-codes/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    return re.findall(r'<li dir="ltr">([A-Z0-9-]+)</li>', page.content.decode())


def log_in_with_code(client: Client, code: str) -> Any:
    client.post("/staff/login/", {"username": "admin-a", "password": PASSWORD})
    return client.post("/staff/two-factor/", {"backup_code": code, "next": "/staff/members/"})


def test_ten_codes_are_shown_once_and_stored_only_as_salted_hashes(
    client: Client, office_admin: User
) -> None:
    verified(client, office_admin)
    codes = create_codes(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code) for code in codes)

    device = BackupCodeDevice.objects.get(user=office_admin)
    stored = repr(list(BackupCodeDevice.objects.filter(pk=device.pk).values()))
    assert not any(code.replace("-", "") in stored for code in codes)
    assert len({h.split("$")[1] for h in device.code_hashes}) == 10  # a salt for each
    assert check_password(codes[0].replace("-", ""), device.code_hashes[0])

    again = client.get("/staff/two-factor/backup-codes/").content.decode()
    assert codes[0] not in again
    assert "10 unused backup codes" in again
    entry = AuditEntry.objects.get(action="auth.two_factor.backup_codes_created")
    assert entry.actor == office_admin and entry.data == {"count": 10}


def test_a_backup_code_passes_the_second_factor_once(
    client: Client, settings: Any, office_admin: User
) -> None:
    verified(client, office_admin)
    codes = create_codes(client)
    client.post("/staff/logout/")
    settings.LOTSE_REQUIRE_2FA = True

    used = log_in_with_code(client, codes[3].lower().replace("-", " "))  # as typed from paper
    assert used.status_code == 302 and used["Location"] == "/staff/members/"
    assert client.get("/staff/members/").status_code == 200
    assert len(BackupCodeDevice.objects.get(user=office_admin).code_hashes) == 9
    entry = AuditEntry.objects.get(action="auth.two_factor.backup_code_used")
    assert entry.actor == office_admin and entry.data == {"remaining": 9}

    client.post("/staff/logout/")
    again = log_in_with_code(client, codes[3])
    assert again.status_code == 200
    assert "not right, or it was used before" in again.content.decode()
    assert client.get("/staff/members/").status_code == 302


def test_wrong_backup_codes_are_throttled(
    client: Client, settings: Any, office_admin: User
) -> None:
    verified(client, office_admin)
    codes = create_codes(client)
    client.post("/staff/logout/")
    settings.LOTSE_REQUIRE_2FA = True
    with time_machine.travel(START, tick=False):
        assert log_in_with_code(client, "AAAAA-AAAAA").status_code == 200
        # Right after a wrong try even a right code waits (django-otp's back-off).
        blocked = log_in_with_code(client, codes[0])
        assert "Too many wrong codes" in blocked.content.decode()
    assert len(BackupCodeDevice.objects.get(user=office_admin).code_hashes) == 10


def test_codes_of_a_reset_authenticator_no_longer_work(
    client: Client, settings: Any, office_admin: User
) -> None:
    device = verified(client, office_admin)
    codes = create_codes(client)
    client.post("/staff/logout/")
    device.delete()  # an office admin reset the second factor after a lost phone
    settings.LOTSE_REQUIRE_2FA = True
    client.post("/staff/login/", {"username": "admin-a", "password": PASSWORD})
    assert client.post("/staff/two-factor/", {"backup_code": codes[0]}).status_code == 200
    assert client.get("/staff/members/").status_code == 302


def test_a_new_set_replaces_the_old_one(client: Client, office_admin: User) -> None:
    verified(client, office_admin)
    first = create_codes(client)
    second = create_codes(client)
    hashes = BackupCodeDevice.objects.get(user=office_admin).code_hashes
    assert len(hashes) == 10
    assert not any(check_password(first[0].replace("-", ""), h) for h in hashes)
    assert any(check_password(second[0].replace("-", ""), h) for h in hashes)


def test_codes_need_an_authenticator_and_a_session_that_passed_it(
    client: Client, settings: Any, office_admin: User
) -> None:
    login(client, office_admin)
    page = client.post("/staff/two-factor/backup-codes/")
    assert "Set up two-factor authentication first" in page.content.decode()
    assert not BackupCodeDevice.objects.exists()
    TOTPDevice.objects.create(user=office_admin, name="phone", confirmed=True)
    not_yet = client.post("/staff/two-factor/backup-codes/")
    assert not_yet.status_code == 302 and not_yet["Location"].startswith("/staff/two-factor/")
    assert not BackupCodeDevice.objects.exists()


def test_enrolling_an_authenticator_leads_to_the_backup_codes(
    client: Client, settings: Any, office_admin: User
) -> None:
    settings.LOTSE_REQUIRE_2FA = True
    client.post("/staff/login/", {"username": "admin-a", "password": PASSWORD})
    client.get("/staff/two-factor/?next=/staff/members/")
    device = TOTPDevice.objects.get(user=office_admin, confirmed=False)
    done = client.post(
        "/staff/two-factor/", {"token": current_token(device), "next": "/staff/members/"}
    )
    assert done["Location"] == "/staff/two-factor/backup-codes/?next=%2Fstaff%2Fmembers%2F"
    assert len(create_codes(client)) == 10


# --- XLSX imports ---------------------------------------------------------------------------------


def workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["organisation", "title_de"])
    book.active.append(["Verein", "Titel"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_part(name: str, content: bytes, *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The small workbook with one part replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for item in source.infolist():
            if item.filename != name:
                archive.writestr(item.filename, source.read(item.filename))
        archive.writestr(name, content)
    return buffer.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(exchange.FileRejected) as refused:
        exchange.read_table(name="directory.xlsx", data=data)
    return str(refused.value)


SHEET = "xl/worksheets/sheet1.xml"
SHEET_BODY = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>{cell}</t></is></c></row>'
    "</sheetData></worksheet>"
)


def test_a_plain_workbook_still_reads() -> None:
    file_format, rows = exchange.read_table(name="directory.xlsx", data=workbook())
    assert file_format == "xlsx"
    assert rows == [(1, ["organisation", "title_de"]), (2, ["Verein", "Titel"])]


def test_a_zip_bomb_under_the_total_limit_is_refused_by_its_packing_ratio() -> None:
    # 40 MB of one repeated row packs to about 40 KB: under the 64 MB total, a thousand to one.
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    bomb = with_part(SHEET, SHEET_BODY.format(cell="x").encode() + row * (40_000_000 // len(row)))
    assert len(bomb) < 200_000
    assert "packed" in refusal(bomb) and "times tighter" in refusal(bomb)


def test_entity_expansion_is_refused_before_it_is_parsed() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]>"
        + SHEET_BODY.format(cell="&i;")
    ).encode()
    assert "DTD" in refusal(with_part(SHEET, laughs))


def test_an_external_entity_is_refused() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        + SHEET_BODY.format(cell="&secret;")
    ).encode()
    assert "DTD" in refusal(with_part(SHEET, xxe))
    # Also where openpyxl reads first, and in another encoding than UTF-8.
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x []><x/>').encode("utf-16")
    assert "DTD" in refusal(with_part("[Content_Types].xml", utf16))


def test_an_import_reports_the_refusal_in_plain_words(office_a: Any, office_admin: User) -> None:
    from django.core.files.base import ContentFile

    xxe = (
        '<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        + SHEET_BODY.format(cell="&secret;")
    ).encode()
    report = exchange.directory_import(
        office=office_a,
        by=office_admin,
        upload=ContentFile(with_part(SHEET, xxe), name="d.xlsx"),
        dry_run=True,
    )
    assert not report.ok
    assert "Save it again from your spreadsheet program" in report.problems[0].message


# --- Upload limits ------------------------------------------------------------------------------


def test_request_bodies_are_limited(client: Client) -> None:
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 5
    huge = client.post(
        "/staff/login/",
        "username=" + "x" * (3 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert huge.status_code == 400
