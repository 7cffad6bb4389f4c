"""Placeholder views: the URL contract, filled in next."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import staff_view


@staff_view("events.participant.manage")
def participant_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("participant_list")


@staff_view("events.participant.manage")
def participant_add(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("participant_add")


@staff_view("events.participant.manage")
def participant_status(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("participant_status")


@staff_view("events.participant.manage")
def participants_absent(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("participants_absent")


@staff_view("events.participant.manage")
def checkin(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("checkin")


@staff_view("events.participant.manage")
def checkin_toggle(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("checkin_toggle")


@staff_view("events.participant.manage")
def attendance_print(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("attendance_print")


@staff_view("events.participant.manage")
def participant_message(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("participant_message")


@staff_view("events.participant.manage")
def send_reminders(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("send_reminders")


@staff_view("events.participant.manage")
def certificate_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("certificate_list")


@staff_view("events.participant.manage")
def certificate_pdf(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("certificate_pdf")
