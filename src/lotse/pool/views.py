"""Staff pages of the pool: interpreters, moderators and speakers the office works with.

Thin views: a form, one selector (reads) or one service (writes), a template. Another office's
member is not found (the selectors answer 404); a role without the action gets 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core import policy
from lotse.core.access import staff_view
from lotse.core.choices import availability_summary
from lotse.pool import selectors, services
from lotse.pool.forms import MemberFilterForm, MemberForm, attach_error
from lotse.pool.models import PoolMember

PAGE_SIZE = 50
VIEW = "pool.member.view"
MANAGE = "pool.member.manage"


def _row(member: PoolMember) -> dict[str, Any]:
    """What the list shows of one member (languages come from the prefetch)."""
    return {
        "member": member,
        "roles": selectors.role_labels(member.roles),
        "languages": [language.name for language in member.languages.all()],
        "availability": availability_summary(member.availability),
    }


@staff_view(VIEW)
@require_GET
def member_list(request: HttpRequest) -> HttpResponse:
    form = MemberFilterForm(request.GET)
    filters = form.selector_kwargs() if form.is_valid() else {}
    found = selectors.member_list(user=request.user, office=request.office, **filters)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [_row(member) for member in page],
        "query": query.urlencode(),
        "filtered": any(request.GET.get(name) for name in form.fields),
        "can_manage": policy.can(request.user, MANAGE, request.office),
    }
    return render(request, "pool/member_list.html", context)


@staff_view(VIEW)
@require_GET
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get(user=request.user, office=request.office, member_id=member_id)
    context = {
        **_row(member),
        "can_manage": policy.can(request.user, MANAGE, request.office),
    }
    return render(request, "pool/member_detail.html", context)


def _form_page(request: HttpRequest, member: PoolMember | None, name: str = "") -> HttpResponse:
    form = MemberForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.member_save(
                office=request.office, by=request.user, member=member, **form.service_fields()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The record was saved."))
            return redirect("pool:member-detail", member_id=saved.pk)
    context = {"form": form, "member": member, "name": name, "grid": form.availability_grid()}
    return render(request, "pool/member_form.html", context)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get(user=request.user, office=request.office, member_id=member_id)
    # The heading keeps the stored name while the form shows what was typed.
    return _form_page(request, member, name=member.name)
