"""Funder templates and the small-numbers threshold: office admins keep them, nobody else."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEntry, Office, Role, User
from lotse.reports import services
from lotse.reports.models import FunderTemplate, FunderTemplateItem, ReportSettings
from tests.conftest import login, member
from tests.reports.test_exports import (  # noqa: F401  (fake_figures is a fixture)
    fake_figures,
    make_template,
)

pytestmark = pytest.mark.usefixtures("fake_figures")

LIST_URL = reverse("reports:template-list")
CREATE_URL = reverse("reports:template-create")
SETTINGS_URL = reverse("reports:settings")


def edit_url(template: FunderTemplate) -> str:
    return reverse("reports:template-edit", kwargs={"template_id": template.pk})


def form_data(
    name: str = "ESF indicator sheet", *, funder: str = "European Social Fund", **figures: Any
) -> dict[str, Any]:
    """POST data; each figure as key=(place, label) ticks it."""
    data: dict[str, Any] = {"name": name, "funder": funder}
    for key, (place, label) in figures.items():
        data[f"include-{key}"] = "on"
        data[f"position-{key}"] = "" if place is None else str(place)
        data[f"label-{key}"] = label
    return data


def items_of(template: FunderTemplate) -> list[tuple[int, str, str]]:
    return list(template.items.order_by("position").values_list("position", "figure_key", "label"))


# --- Creating and editing --------------------------------------------------------------------


def test_an_office_admin_creates_a_template_in_the_funders_order_and_words(
    client: Client, office_a: Office, office_admin: User
) -> None:
    data = form_data(
        test_countries=(1, "Nationalities (ESF 12)"), test_people=(2, "Participants (ESF 1)")
    )
    data["public"] = "on"
    response = login(client, office_admin).post(CREATE_URL, data)
    assert response.status_code == 302 and response["Location"] == LIST_URL
    template = FunderTemplate.objects.get()
    assert (template.office, template.name, template.funder, template.public) == (
        office_a,
        "ESF indicator sheet",
        "European Social Fund",
        True,
    )
    assert items_of(template) == [
        (1, "test_countries", "Nationalities (ESF 12)"),
        (2, "test_people", "Participants (ESF 1)"),
    ]
    entry = AuditEntry.objects.get(action="reports.template.created")
    assert (entry.actor, entry.office, entry.object_id) == (
        office_admin,
        office_a,
        str(template.pk),
    )
    assert entry.data == {"figures": 2}


def test_figures_without_a_place_follow_in_the_standard_order(
    client: Client, office_admin: User
) -> None:
    data = form_data(test_people=(None, ""), test_countries=(None, "Herkunft"))
    login(client, office_admin).post(CREATE_URL, data)
    assert [key for _p, key, _l in items_of(FunderTemplate.objects.get())] == [
        "test_people",
        "test_countries",
    ]
    data = form_data("Second", test_people=(None, ""), test_countries=(7, ""))
    client.post(CREATE_URL, data)
    second = FunderTemplate.objects.get(name="Second")
    assert items_of(second) == [(1, "test_countries", ""), (2, "test_people", "")]


def test_a_label_repeating_the_figures_name_is_no_override(
    client: Client, office_admin: User
) -> None:
    login(client, office_admin).post(CREATE_URL, form_data(test_people=(1, "Test people")))
    assert items_of(FunderTemplate.objects.get()) == [(1, "test_people", "")]


def test_unticked_figures_are_left_out_whatever_their_place_and_label(
    client: Client, office_admin: User
) -> None:
    data = form_data(test_people=(1, ""))
    data.update({"position-test_countries": "2", "label-test_countries": "Not wanted"})
    login(client, office_admin).post(CREATE_URL, data)
    assert items_of(FunderTemplate.objects.get()) == [(1, "test_people", "")]


def test_the_form_lists_every_figure_with_labelled_inputs(
    client: Client, office_admin: User
) -> None:
    content = login(client, office_admin).get(CREATE_URL).content.decode()
    assert '<label class="visually-hidden" for="id_include-test_people">' in content
    assert "Include “Test people”" in content
    assert "Place of “Test countries”" in content
    assert "Label of “Test countries” in this report" in content
    assert '<th scope="colgroup" colspan="4">Test section</th>' in content


def test_editing_shows_the_template_and_replaces_its_figures(
    client: Client, office_a: Office, office_admin: User
) -> None:
    template = make_template(office_a, [("test_people", "Participants")])
    login(client, office_admin)
    content = client.get(edit_url(template)).content.decode()
    assert 'value="ESF indicator sheet"' in content
    assert 'name="include-test_people" class="form-check-input" id="id_include-test_people" checked' in content  # fmt: skip  # noqa: E501
    assert 'value="Participants"' in content

    data = form_data("ESF sheet 2026", test_countries=(1, ""), test_people=(2, "People"))
    assert client.post(edit_url(template), data).status_code == 302
    template.refresh_from_db()
    assert template.name == "ESF sheet 2026"
    assert items_of(template) == [(1, "test_countries", ""), (2, "test_people", "People")]
    entry = AuditEntry.objects.get(action="reports.template.changed")
    assert entry.data == {"fields": ["funder", "items", "name"], "figures": 2}


# --- Bad input -------------------------------------------------------------------------------


def test_a_template_needs_at_least_one_figure(client: Client, office_admin: User) -> None:
    response = login(client, office_admin).post(CREATE_URL, form_data())
    assert response.status_code == 200
    content = response.content.decode()
    assert '<div class="invalid-feedback d-block mb-2" id="figures-error">Choose at least one figure.' in content  # fmt: skip  # noqa: E501
    assert 'aria-describedby="figures-help figures-error"' in content
    assert not FunderTemplate.objects.exists()


def test_a_template_needs_a_name(client: Client, office_admin: User) -> None:
    response = login(client, office_admin).post(CREATE_URL, form_data("", test_people=(1, "")))
    assert "This field is required." in response.content.decode()
    assert not FunderTemplate.objects.exists()


def test_a_name_used_already_in_the_office_is_refused(
    client: Client, office_a: Office, office_b: Office, office_admin: User
) -> None:
    make_template(office_a, [("test_people", "")], name="ESF indicator sheet")
    make_template(office_b, [("test_people", "")], name="City report")
    login(client, office_admin)
    response = client.post(CREATE_URL, form_data("esf indicator SHEET", test_people=(1, "")))
    content = response.content.decode()
    assert 'id="id_name_error">Your office has a template with this name already.' in content
    assert FunderTemplate.objects.filter(office=office_a).count() == 1
    # Another office's names do not count.
    assert client.post(CREATE_URL, form_data("City report", test_people=(1, ""))).status_code == 302


@pytest.mark.parametrize("place", ["0", "-1", "abc", "1000"])
def test_a_place_must_be_a_number_from_one(client: Client, office_admin: User, place: str) -> None:
    data = form_data(test_people=(1, ""))
    data["position-test_people"] = place
    response = login(client, office_admin).post(CREATE_URL, data)
    assert 'id="id_position-test_people_error"' in response.content.decode()
    assert not FunderTemplate.objects.exists()


def test_a_label_may_not_be_overlong(client: Client, office_admin: User) -> None:
    response = login(client, office_admin).post(CREATE_URL, form_data(test_people=(1, "x" * 201)))
    assert 'id="id_label-test_people_error"' in response.content.decode()
    assert not FunderTemplate.objects.exists()


def test_an_unknown_figure_posted_is_ignored_and_the_service_refuses_one(
    client: Client, office_a: Office, office_admin: User
) -> None:
    data = form_data(test_people=(2, ""), no_such_figure=(1, "Sneaky"))
    login(client, office_admin).post(CREATE_URL, data)
    assert items_of(FunderTemplate.objects.get()) == [(1, "test_people", "")]

    with pytest.raises(ValidationError) as refused:
        services.template_save(
            office=office_a, by=office_admin, name="Other", items=[("no_such_figure", "")]
        )
    assert refused.value.message_dict == {"items": ["There is no figure “no_such_figure”."]}
    with pytest.raises(ValidationError, match="each figure once"):
        services.template_save(
            office=office_a,
            by=office_admin,
            name="Other",
            items=[("test_people", ""), ("test_people", "")],
        )
    with pytest.raises(ValidationError, match="at least one figure"):
        services.template_save(office=office_a, by=office_admin, name="Other", items=[])
    assert not FunderTemplate.objects.filter(name="Other").exists()


def test_the_model_refuses_a_figure_not_in_the_registry(office_a: Office) -> None:
    template = make_template(office_a, [])
    item = FunderTemplateItem(template=template, position=1, figure_key="no_such_figure")
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "figure_key" in refused.value.message_dict


def test_the_service_will_not_save_another_offices_template(
    office_a: Office, office_b: Office, office_admin: User
) -> None:
    theirs = make_template(office_b, [("test_people", "")])
    with pytest.raises(ValidationError):
        services.template_save(
            office=office_a, by=office_admin, template=theirs, name="x", items=[("test_people", "")]
        )


# --- Access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.STATISTICS_VIEWER])
def test_only_office_admins_keep_templates_and_settings(
    client: Client, office_a: Office, role: str
) -> None:
    template = make_template(office_a, [("test_people", "")])
    login(client, member(office_a, role, "someone"))
    for url in (LIST_URL, CREATE_URL, edit_url(template), SETTINGS_URL):
        assert client.get(url).status_code == 403, url
    assert client.post(CREATE_URL, form_data("New", test_people=(1, ""))).status_code == 403
    assert client.post(SETTINGS_URL, {"small_number_threshold": "9"}).status_code == 403
    assert FunderTemplate.objects.count() == 1 and not ReportSettings.objects.exists()


def test_another_offices_template_is_not_found(
    client: Client, office_a: Office, outsider: User
) -> None:
    template = make_template(office_a, [("test_people", "")])
    login(client, outsider)
    assert client.get(edit_url(template)).status_code == 404
    response = client.post(edit_url(template), form_data("Taken", test_people=(1, "")))
    assert response.status_code == 404
    template.refresh_from_db()
    assert template.name == "ESF indicator sheet"


def test_the_list_shows_the_offices_templates_only_with_their_figures_in_order(
    client: Client, office_a: Office, office_b: Office, office_admin: User
) -> None:
    make_template(office_a, [("test_countries", "Nationalities"), ("test_people", "")])
    make_template(office_b, [("test_people", "")], name="Their template")
    content = login(client, office_admin).get(LIST_URL).content.decode()
    assert "ESF indicator sheet" in content and "Their template" not in content
    assert content.index("<li>Nationalities</li>") < content.index("<li>Test people</li>")
    assert "Public reports show numbers under 5 as “&lt; 5”." in content


def test_the_lists_download_links_give_last_years_report_with_the_template(
    client: Client, office_a: Office, office_admin: User
) -> None:
    import re

    template = make_template(office_a, [("test_people", "Participants")])
    content = login(client, office_admin).get(LIST_URL).content.decode()
    link = re.search(r'href="(/[^"]*report\.csv\?[^"]*)"', content).group(1).replace("&amp;", "&")
    assert f"template={template.pk}" in link and "period=last-year" in link
    response = client.get(link)
    assert response.status_code == 200
    assert "esf-indicator-sheet.csv" in response["Content-Disposition"]
    assert "Participants" in response.content.decode("utf-8-sig")


def test_the_list_runs_a_fixed_number_of_queries(
    client: Client, office_a: Office, office_admin: User, django_assert_max_num_queries: Any
) -> None:
    login(client, office_admin)
    client.get(LIST_URL)

    def load(start: int, count: int) -> None:
        for number in range(start, start + count):
            make_template(
                office_a, [("test_people", ""), ("test_countries", "")], name=f"Template {number}"
            )

    load(0, 3)
    with django_assert_max_num_queries(15) as few:
        assert client.get(LIST_URL).status_code == 200
    load(3, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL)
    assert response.content.decode().count("Template ") >= 30


# --- Settings --------------------------------------------------------------------------------


def test_the_threshold_defaults_to_five_and_can_be_changed(
    client: Client, office_a: Office, office_admin: User
) -> None:
    login(client, office_admin)
    assert 'value="5"' in client.get(SETTINGS_URL).content.decode()
    response = client.post(SETTINGS_URL, {"small_number_threshold": "8"})
    assert response.status_code == 302
    assert ReportSettings.objects.get(office=office_a).small_number_threshold == 8
    assert 'value="8"' in client.get(SETTINGS_URL).content.decode()
    entry = AuditEntry.objects.get(action="reports.settings.changed")
    assert entry.data == {"fields": ["small_number_threshold"], "small_number_threshold": 8}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "greater than or equal to 1"),
        ("51", "less than or equal to 50"),
        ("abc", "Enter a whole number."),
        ("", "This field is required."),
    ],
)
def test_a_threshold_outside_one_to_fifty_is_refused(
    client: Client, office_a: Office, office_admin: User, value: str, message: str
) -> None:
    response = login(client, office_admin).post(SETTINGS_URL, {"small_number_threshold": value})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_small_number_threshold_error"' in content and message in content
    assert not ReportSettings.objects.exists()


def test_the_service_checks_the_threshold_too(office_a: Office, office_admin: User) -> None:
    with pytest.raises(ValidationError):
        services.settings_save(office=office_a, by=office_admin, small_number_threshold=99)
    assert not ReportSettings.objects.exists()


def test_every_mistake_is_named_at_once(client: Client, office_admin: User) -> None:
    content = login(client, office_admin).post(CREATE_URL, form_data("")).content.decode()
    assert 'id="id_name_error"' in content and 'id="figures-error"' in content
