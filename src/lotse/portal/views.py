"""The public portal: read-only, in every configured language, phone first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.core.access import public_view
from lotse.core.selectors import public_offices


@public_view
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"offices": public_offices()})
