"""Staff pages of the question log: what newcomers asked on the portal and did not find.

Thin views: one selector (reads) or one service (writes), a template. Another office's question
is not found (the selectors answer 404); a role without the action gets 403.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.ask import selectors, services_staff
from lotse.ask.forms import ExampleForm
from lotse.ask.models import AskedQuestion
from lotse.core import policy
from lotse.core.access import post_only, staff_view

PAGE_SIZE = 50
VIEW = selectors.VIEW
MANAGE = selectors.MANAGE

TABS = [
    (selectors.OPEN, gettext_lazy("Open")),
    (selectors.NOT_ANSWERED, gettext_lazy("Not answered")),
    (selectors.NOT_HELPED, gettext_lazy("Did not help")),
    (selectors.ALL, gettext_lazy("All recent")),
]


def _show(value: Any) -> str:
    return value if value in selectors.SHOW else selectors.OPEN


def _list_url(show: str) -> str:
    url = reverse("ask:questions")
    return url if show == selectors.OPEN else f"{url}?{urlencode({'show': show})}"


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@staff_view(VIEW)
@require_GET
def question_list(request: HttpRequest) -> HttpResponse:
    show = _show(request.GET.get("show"))
    found = selectors.questions_for_staff(user=request.user, office=request.office, show=show)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = selectors.answer_entries(page.object_list, office=request.office)
    rows = [
        {
            "question": question,
            "language": language_name(question.language),
            "answers": selectors.answers_of(question, entries),
        }
        for question in page
    ]
    context = {
        "show": show,
        "tabs": [(key, label, _list_url(key)) for key, label in TABS],
        "page": page,
        "rows": rows,
        "query": urlencode({"show": show}) if show != selectors.OPEN else "",
        "days": settings.LOTSE_ASK_QUESTION_DAYS,
        "can_manage": policy.can(request.user, MANAGE, request.office),
    }
    return render(request, "ask/question_list.html", context)


def _question(request: HttpRequest, question_id: int) -> AskedQuestion:
    return selectors.question_get(user=request.user, office=request.office, question_id=question_id)


@staff_view(MANAGE)
@post_only
def question_done(request: HttpRequest, question_id: int) -> HttpResponse:
    question = _question(request, question_id)
    services_staff.mark_done(office=request.office, by=request.user, question=question)
    messages.success(request, _("The question was marked as dealt with."))
    return redirect(_list_url(_show(request.POST.get("show"))))


@staff_view(MANAGE)
@post_only
def question_delete(request: HttpRequest, question_id: int) -> HttpResponse:
    question = _question(request, question_id)
    services_staff.delete_question(office=request.office, by=request.user, question=question)
    messages.success(request, _("The question was deleted."))
    return redirect(_list_url(_show(request.POST.get("show"))))


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def question_example(request: HttpRequest, question_id: int) -> HttpResponse:
    """Add the question as an example question of a service or page the office keeps."""
    question = _question(request, question_id)
    targets, pages = selectors.example_targets(user=request.user, office=request.office)
    form = ExampleForm(request.POST or None, services=targets, pages=pages)
    if request.method == "POST" and form.is_valid():
        entry = form.cleaned_data["entry"]
        try:
            services_staff.question_to_example(
                office=request.office, by=request.user, question=question, entry=entry
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("The question was added to “%(entry)s”. Routing learns it shortly.")
                % {"entry": entry.title},
            )
            return redirect(_list_url(selectors.OPEN))
    context = {
        "question": question,
        "language": language_name(question.language),
        "form": form,
    }
    return render(request, "ask/question_example.html", context)
