"""The register of personal data stays complete: a model or field with personal data cannot be
added without a declaration of its purpose, legal basis and retention."""

from __future__ import annotations

from django.apps import apps

from lotse.privacy.register import (
    LEGAL_BASES,
    LOOKS_PERSONAL,
    NOT_PERSONAL,
    REGISTER,
    RETENTION,
    declaration_for,
)


def _lotse_models() -> list:
    return [m for m in apps.get_models() if m.__module__.startswith("lotse.")]


def _field_names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.concrete and not f.auto_created}


def test_every_model_is_declared_or_said_to_hold_no_personal_data() -> None:
    undecided = [
        m._meta.label
        for m in _lotse_models()
        if declaration_for(m._meta.label) is None and m._meta.label not in NOT_PERSONAL
    ]
    assert undecided == [], "declare these in lotse/privacy/register.py"
    both = [d.model for d in REGISTER if d.model in NOT_PERSONAL]
    assert both == []


def test_declarations_name_real_fields_bases_and_rules() -> None:
    labels = {m._meta.label: m for m in _lotse_models()}
    for declaration in REGISTER:
        model = labels[declaration.model]
        fields = _field_names(model)
        assert set(declaration.fields) <= fields, declaration.model
        assert set(declaration.not_personal) <= fields, declaration.model
        assert declaration.legal_basis in LEGAL_BASES
        assert declaration.retention in RETENTION
    assert set(NOT_PERSONAL) <= set(labels)


def test_fields_that_look_personal_are_declared_in_models_with_personal_data() -> None:
    missing = []
    for model in _lotse_models():
        declaration = declaration_for(model._meta.label)
        if declaration is None:
            continue
        for name in sorted(_field_names(model)):
            looks = any(part in name.split("_") or name == part for part in LOOKS_PERSONAL)
            decided = name in declaration.fields or name in declaration.not_personal
            if looks and not decided:
                missing.append(f"{model._meta.label}.{name}")
    assert missing == [], "declare these fields (or say why they are not personal)"
