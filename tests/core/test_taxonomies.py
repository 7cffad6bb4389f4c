from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from lotse.core.countries import EEA_NOT_EU, EU_MEMBERS, SWITZERLAND, country_group
from lotse.core.models import (
    Country,
    CountryGroup,
    Language,
    ResidenceStatus,
    TargetGroup,
    Topic,
)
from lotse.core.taxonomies import TARGET_GROUPS, TOPICS, sync_taxonomies

pytestmark = pytest.mark.django_db


def test_the_eu_has_27_members_and_the_uk_is_not_one() -> None:
    assert len(EU_MEMBERS) == 27
    assert "GB" not in EU_MEMBERS and "HR" in EU_MEMBERS
    assert {"IS", "LI", "NO"} == EEA_NOT_EU and {"CH"} == SWITZERLAND
    assert not (EU_MEMBERS & EEA_NOT_EU)


@pytest.mark.parametrize(
    ("code", "group"),
    [("DE", "eu"), ("es", "eu"), ("NO", "eea"), ("CH", "ch"), ("GB", "third"), ("SY", "third"),
     ("UA", "third"), ("XK", "third"), ("TR", "third")],
)  # fmt: skip
def test_country_group(code: str, group: str) -> None:
    assert country_group(code) == group


def test_the_migration_loaded_every_country_with_its_group() -> None:
    assert Country.objects.count() == 250  # ISO 3166-1 and Kosovo
    assert Country.objects.filter(group=CountryGroup.EU).count() == 27
    assert Country.objects.filter(group=CountryGroup.EEA).count() == 3
    stored = dict(Country.objects.values_list("code", "group"))
    assert all(country_group(code) == group for code, group in stored.items())
    assert Country.objects.get(code="NO").has_free_movement
    assert not Country.objects.get(code="TN").has_free_movement


def test_names_follow_the_active_language_with_german_fallback() -> None:
    syria = Country.objects.get(code="SY")
    with translation.override("de"):
        assert syria.name == "Syrien"
    with translation.override("en"):
        assert syria.name == "Syria"
    with translation.override("ar"):
        assert syria.name == "سوريا"
    topic = Topic.objects.get(slug="recognition")
    with translation.override("it"):
        assert topic.name == "Anerkennung ausländischer Abschlüsse"  # no Italian name: German


def test_languages_include_those_welcome_centers_meet() -> None:
    codes = set(Language.objects.values_list("code", flat=True))
    assert {"de", "en", "ar", "uk", "tr", "ru", "fa", "prs", "ckb", "kmr", "ti", "ps"} <= codes
    assert Language.objects.get(code="ar").is_rtl and not Language.objects.get(code="uk").is_rtl
    with translation.override("de"):
        assert Language.objects.get(code="uk").name == "Ukrainisch"


def test_topics_form_a_two_level_tree_with_german_and_english_names() -> None:
    top = Topic.objects.filter(parent=None)
    assert top.count() == len(TOPICS) == 13
    assert all(topic.children.exists() for topic in top)
    assert not Topic.objects.filter(parent__parent__isnull=False).exists()
    for model in (Topic, TargetGroup, ResidenceStatus):
        assert all(term.names.get("de") and term.names.get("en") for term in model.objects.all())
    assert TargetGroup.objects.count() == len(TARGET_GROUPS)


def test_a_subtopic_cannot_get_subtopics() -> None:
    child = Topic.objects.get(slug="recognition-academic")
    grandchild = Topic(slug="too-deep", names={"de": "Zu tief"}, parent=child)
    with pytest.raises(ValidationError):
        grandchild.full_clean()


def test_a_term_needs_a_german_name() -> None:
    with pytest.raises(ValidationError):
        TargetGroup(slug="x", names={"en": "only English"}).full_clean()


def test_the_sync_adds_nothing_twice_and_keeps_admin_edits() -> None:
    topic = Topic.objects.get(slug="housing")
    topic.names = {"de": "Wohnen und Wohnungssuche", "en": "Housing"}
    topic.save()
    counts = sync_taxonomies(apps)
    assert set(counts.values()) == {0}
    topic.refresh_from_db()
    assert topic.names["de"] == "Wohnen und Wohnungssuche"


def test_platform_admins_edit_names_per_language_in_the_admin(
    client: object, platform_admin: object
) -> None:
    from tests.conftest import login

    login(client, platform_admin)
    topic = Topic.objects.get(slug="housing")
    url = f"/admin/core/topic/{topic.pk}/change/"
    assert client.get(url).status_code == 200
    data = {
        "slug": "housing", "parent": "", "position": 5, "is_active": "on",
        "name_de": "Wohnen", "name_en": "Housing", "name_ar": "السكن",
        "name_uk": "", "name_tr": "", "name_ru": "", "name_fa": "", "name_es": "", "name_fr": "",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    topic.refresh_from_db()
    assert topic.names == {"de": "Wohnen", "en": "Housing", "ar": "السكن"}
    data["name_de"] = ""
    assert client.post(url, data).status_code == 200  # German is required
