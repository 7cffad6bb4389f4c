"""Placeholder views: the URL contract, filled in next."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import staff_view


@staff_view("events.event.view")
def event_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_list")


@staff_view("events.event.view")
def event_calendar(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_calendar")


@staff_view("events.event.manage")
def event_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_create")


@staff_view("events.event.view")
def event_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_detail")


@staff_view("events.event.manage")
def event_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_edit")


@staff_view("events.event.manage")
def event_texts(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_texts")


@staff_view("events.event.manage")
def event_publish(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_publish")


@staff_view("events.event.manage")
def event_copy(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_copy")


@staff_view("events.event.manage")
def event_cancel(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_cancel")


@staff_view("events.event.manage")
def event_staffing(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_staffing")


@staff_view("events.event.manage")
def staffing_remove(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("staffing_remove")


@staff_view("events.event.view")
def program_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("program_list")


@staff_view("events.event.manage")
def program_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("program_create")


@staff_view("events.event.view")
def program_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("program_detail")


@staff_view("events.event.manage")
def program_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("program_edit")


@staff_view("events.event.manage")
def program_texts(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("program_texts")
