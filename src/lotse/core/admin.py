"""The Django admin is for platform admins: offices, users, taxonomies; the audit log read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lotse.core.audit import audit_record
from lotse.core.models import (
    AuditEntry,
    Country,
    Language,
    Membership,
    Office,
    ResidenceStatus,
    TargetGroup,
    Topic,
    User,
    validate_names,
)
from lotse.core.network import client_ip_address


class AuditedAdmin(admin.ModelAdmin):
    """Write platform admins' changes to Lotse's audit log too, not only Django's LogEntry."""

    def _audit(self, request: HttpRequest, obj: Any, verb: str) -> None:
        audit_record(
            action=f"admin.{obj._meta.label_lower}.{verb}",
            actor=request.user,
            office=obj if isinstance(obj, Office) and verb != "deleted" else None,
            obj=obj,
            ip_address=client_ip_address(request),
        )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._audit(request, obj, "created")
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._audit(request, obj, "updated")
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            self._audit(request, obj, "deleted")
        return super().log_deletions(request, queryset)


class TranslatedNamesForm(forms.ModelForm):
    """Edit the `names` JSON as one text field per configured language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = self.instance.names or {}
        for code, label in settings.LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": label},
                required=code == "de",
                initial=names.get(code, ""),
                max_length=200,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        names = dict(self.instance.names or {})
        for code, _label in settings.LANGUAGES:
            value = (data.get(f"name_{code}") or "").strip()
            if value:
                names[code] = value
            else:
                names.pop(code, None)
        validate_names(names)
        self.instance.names = names
        return data


class TermAdmin(AuditedAdmin):
    form = TranslatedNamesForm
    exclude = ("names",)
    list_display = ("__str__", "position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("names",)


@admin.register(Topic)
class TopicAdmin(TermAdmin):
    list_display = ("__str__", "slug", "parent", "position", "is_active")
    list_filter = ("is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent",)
    search_fields = ("slug", "names")


@admin.register(TargetGroup, ResidenceStatus)
class SlugTermAdmin(TermAdmin):
    list_display = ("__str__", "slug", "position", "is_active")
    search_fields = ("slug", "names")


@admin.register(Country)
class CountryAdmin(TermAdmin):
    list_display = ("code", "__str__", "group", "is_active")
    list_filter = ("group", "is_active")
    readonly_fields = ("group",)
    search_fields = ("code", "names")


@admin.register(Language)
class LanguageAdmin(TermAdmin):
    list_display = ("code", "__str__", "is_rtl", "is_active")
    list_filter = ("is_rtl", "is_active")
    search_fields = ("code", "names")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "email", "first_name", "last_name", "is_active", "is_superuser")


@admin.register(Office)
class OfficeAdmin(AuditedAdmin):
    list_display = ("name", "slug", "client_prefix", "city", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "office", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "office")
    date_hierarchy = "at"
    list_select_related = ("office", "actor")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
