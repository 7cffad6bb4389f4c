"""Topic and target-group names in the portal languages beyond German and English."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.utils import translation

from lotse.core.models import TargetGroup, Topic
from lotse.core.taxonomies import TARGET_GROUPS, TOPICS
from lotse.core.taxonomy_names import TERM_LANGUAGES, TERM_NAMES, sync_term_names

LANGUAGES = ("ar", "uk", "tr", "ru", "fa", "es", "fr")
TOPIC_SLUGS = {slug for slug, _, _, _ in TOPICS} | {
    child for _, _, _, children in TOPICS for child, _, _ in children
}
GROUP_SLUGS = {slug for slug, _, _ in TARGET_GROUPS}
ALL_NAMES = [
    (kind, slug, language, name)
    for kind, terms in TERM_NAMES.items()
    for slug, names in terms.items()
    for language, name in names.items()
]
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def test_every_topic_subtopic_and_target_group_has_a_name_in_every_portal_language() -> None:
    assert set(TERM_LANGUAGES) == set(LANGUAGES)
    assert set(TERM_NAMES) == {"topic", "target_group"}
    assert set(TERM_NAMES["topic"]) == TOPIC_SLUGS
    assert len(TOPIC_SLUGS) == 63
    assert set(TERM_NAMES["target_group"]) == GROUP_SLUGS
    for terms in TERM_NAMES.values():
        for slug, names in terms.items():
            assert set(names) == set(LANGUAGES), slug


def test_every_name_is_non_empty_stripped_and_plain() -> None:
    for kind, slug, language, name in ALL_NAMES:
        assert isinstance(name, str) and name, (kind, slug, language)
        assert name == name.strip(), (kind, slug, language)
        assert "  " not in name and "\n" not in name, (kind, slug, language)
        assert len(name) <= 60, (kind, slug, language, name)  # a filter label on a phone


def test_arabic_and_farsi_names_are_in_arabic_script_with_the_right_letters() -> None:
    for _, slug, language, name in ALL_NAMES:
        if language not in {"ar", "fa"}:
            continue
        assert ARABIC_SCRIPT.search(name), (slug, language, name)
        if language == "fa":  # Persian yeh and keheh, not the Arabic letters
            assert not re.search("[\u064a\u0643]", name), (slug, name)
        else:
            assert not re.search("[\u06cc\u06a9]", name), (slug, name)


def test_latin_and_cyrillic_languages_use_their_own_script() -> None:
    for _, slug, language, name in ALL_NAMES:
        if language in {"uk", "ru"}:
            assert CYRILLIC.search(name), (slug, language, name)
        elif language in {"tr", "es", "fr"}:
            assert not CYRILLIC.search(name) and not ARABIC_SCRIPT.search(name), (slug, name)


def test_ukrainian_names_are_ukrainian_not_copies_of_the_russian_ones() -> None:
    pairs = [
        (slug, names["uk"], names["ru"])
        for terms in TERM_NAMES.values()
        for slug, names in terms.items()
    ]
    for slug, uk, ru in pairs:
        assert not re.search("[ыэёъ]", uk.lower()), (slug, uk)  # letters Ukrainian lacks
        assert not re.search("[іїєґ]", ru.lower()), (slug, ru)  # letters Russian lacks
    copies = [slug for slug, uk, ru in pairs if uk == ru]
    assert len(copies) <= 3, copies  # only words spelt alike in both, such as "Школа"
    ukrainian_letters = [slug for slug, uk, _ in pairs if re.search("[іїєґ’]", uk.lower())]
    assert len(ukrainian_letters) > len(pairs) // 2


@pytest.mark.django_db
def test_the_migration_loaded_the_names() -> None:
    language = Topic.objects.get(slug="language")
    assert language.names["ar"] == TERM_NAMES["topic"]["language"]["ar"]
    assert language.names["de"] == "Deutsch lernen"  # German and English are untouched
    with translation.override("ar"):
        assert ARABIC_SCRIPT.search(language.name)
        assert language.name == "تعلم اللغة الألمانية"
    with translation.override("uk"):
        assert Topic.objects.get(slug="residence-blue-card").name == "Блакитна карта ЄС"
    with translation.override("fa"):
        assert ARABIC_SCRIPT.search(TargetGroup.objects.get(slug="refugee").name)
    for model, kind in ((Topic, "topic"), (TargetGroup, "target_group")):
        for term in model.objects.all():
            assert all(term.names.get(code) for code in LANGUAGES), term.slug
            assert set(TERM_NAMES[kind][term.slug].items()) <= set(term.names.items())


@pytest.mark.django_db
def test_the_sync_keeps_edited_names_and_adds_nothing_twice() -> None:
    assert sync_term_names(apps) == 0  # the migration did it all
    topic = Topic.objects.get(slug="housing")
    names = dict(topic.names)
    names["ar"] = "السكن والإيجار"  # a platform admin's wording
    del names["fr"]  # a language an admin removed (or one we add later)
    names["uk"] = "  "  # blank is no name
    topic.names = names
    topic.save()
    group = TargetGroup.objects.get(slug="student")
    group.names = {**group.names, "tr": "Öğrenciler"}
    group.save()

    assert sync_term_names(apps) == 1
    topic.refresh_from_db()
    assert topic.names["ar"] == "السكن والإيجار"
    assert topic.names["fr"] == "Logement"
    assert topic.names["uk"] == "Житло"
    assert topic.names["de"] == "Wohnen"
    group.refresh_from_db()
    assert group.names["tr"] == "Öğrenciler"
    assert sync_term_names(apps) == 0


@pytest.mark.django_db
def test_a_language_without_a_name_still_falls_back_to_german() -> None:
    topic = Topic.objects.get(slug="recognition")
    with translation.override("uk"):
        assert topic.name == "Визнання іноземних дипломів"
    with translation.override("it"):  # Italian: countries have names, topics do not
        assert topic.name == "Anerkennung ausländischer Abschlüsse"
    topic.names = {key: value for key, value in topic.names.items() if key != "uk"}
    with translation.override("uk"):
        assert topic.name == "Anerkennung ausländischer Abschlüsse"
