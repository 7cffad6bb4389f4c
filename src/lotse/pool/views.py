"""Placeholder views: the URL contract, filled in next."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import staff_view


@staff_view("pool.member.view")
def member_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("member_list")


@staff_view("pool.member.manage")
def member_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("member_create")


@staff_view("pool.member.view")
def member_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("member_detail")


@staff_view("pool.member.manage")
def member_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("member_edit")
