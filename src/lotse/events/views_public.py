"""Placeholder views: the URL contract, filled in next."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import public_view


@public_view
def calendar(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("calendar")


@public_view
def event(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event")


@public_view
def register(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("register")


@public_view
def event_ics(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("event_ics")


@public_view
def program(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("program")


@public_view
def series_register(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("series_register")


@public_view
def program_feed(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("program_feed")


@public_view
def my(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("my")


@public_view
def my_cancel(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("my_cancel")


@public_view
def my_feedback(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("my_feedback")


@public_view
def my_ics(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("my_ics")


@public_view
def my_certificate(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("my_certificate")
