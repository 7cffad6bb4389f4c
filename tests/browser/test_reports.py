"""A team lead's round: the dashboard for last year and all offices, then the PDF and the XLSX,
with the same numbers on screen and in both files."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.utils import translation
from pypdf import PdfReader

from lotse.core.models import Role
from lotse.reports import figures
from lotse.reports.scope import Scope
from tests.browser.support import RecordingPage
from tests.browser.test_staff import log_in
from tests.conftest import member
from tests.core.factories import MembershipFactory
from tests.reports.conftest import counseling_data  # noqa: F401  (the hand-checked data set)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEYS = ("people_counselled", "consultations", "new_people", "countries_count")


def _digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_a_team_lead_finds_the_same_numbers_on_screen_in_the_pdf_and_in_the_xlsx(
    desktop: RecordingPage,
    counseling_data,  # noqa: F811  (the fixture imported above)
    time_machine,
) -> None:
    time_machine.move_to("2026-03-02 09:00 +01:00", tick=True)
    lead = member(counseling_data.office_a, Role.STATISTICS_VIEWER, "browser-lead")
    MembershipFactory(user=lead, office=counseling_data.office_b, role=Role.STATISTICS_VIEWER)
    scope = Scope(
        offices=(counseling_data.office_a.pk, counseling_data.office_b.pk),
        start=counseling_data.scope().start.replace(month=1, day=1),
        end=counseling_data.scope().start.replace(year=2026, month=1, day=1),
    )
    expected = {key: figures.compute(key, scope).total for key in KEYS}
    assert expected["people_counselled"] > 0

    log_in(desktop, "browser-lead")
    page = desktop.page
    desktop.goto("/staff/reports/")
    page.locator("select[name=period]").select_option("last-year")
    for box in page.locator("input[name=offices]").all():
        box.check()  # all offices of the region
    page.locator("#main form").first.get_by_role("button").first.click()
    page.wait_for_load_state()

    on_screen = {
        key: _digits(page.locator(f"[data-figure={key}]").first.inner_text()) for key in KEYS
    }
    assert on_screen == expected
    desktop.assert_accessible()

    with page.expect_download() as pdf_download:
        page.locator("a[href*='report.pdf']").first.click()
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(pdf_download.value.path()).pages)
    with page.expect_download() as xlsx_download:
        page.locator("a[href*='report.xlsx']").first.click()
    # The saved download has no file extension, which openpyxl insists on: read the bytes.
    book = openpyxl.load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes()))
    rows = {row[1]: row[2] for row in book.worksheets[0].iter_rows(values_only=True) if row[1:]}

    with translation.override("de"):  # the browser asks for German
        labels = {key: str(figures.get(key).label) for key in KEYS}
    for key in KEYS:
        assert rows[labels[key]] == expected[key], key
        line = next(line for line in pdf_text.splitlines() if labels[key] in line)
        assert re.search(rf"\b{expected[key]}\b", line), (key, line)
    desktop.assert_no_outside_requests()
