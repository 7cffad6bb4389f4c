"""Forms of the question log's staff pages. They check input; the services decide and save."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.directory.models import InfoPage, Service


class ExampleForm(forms.Form):
    """Which of the office's own entries answers the question."""

    entry = forms.ChoiceField(
        label=_("Service or page that answers it"),
        help_text=_("Only entries your office keeps: only the owner may change an entry."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        services: Sequence[Service],
        pages: Sequence[InfoPage],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self._entries: dict[str, Service | InfoPage] = {}
        choices: list[Any] = [("", _("Choose…"))]
        for organisation, group in groupby(services, key=lambda s: s.organisation):
            options = []
            for service in group:
                self._entries[f"service-{service.pk}"] = service
                options.append((f"service-{service.pk}", service.title))
            choices.append((organisation.name, options))
        if pages:
            options = []
            for page in pages:
                self._entries[f"page-{page.pk}"] = page
                options.append((f"page-{page.pk}", page.title))
            choices.append((_("Information pages"), options))
        self.fields["entry"].choices = choices

    @property
    def has_entries(self) -> bool:
        return bool(self._entries)

    def clean_entry(self) -> Service | InfoPage:
        # The choices were checked already; another office's entry is not among them.
        return self._entries[self.cleaned_data["entry"]]
