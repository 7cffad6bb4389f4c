from django.urls import URLPattern, path

from lotse.sponsorship import views_requests

urlpatterns: list[URLPattern] = [
    path("requests/", views_requests.request_list, name="request-list"),
    path("requests/new/", views_requests.request_create, name="request-create"),
    path("requests/<int:request_id>/", views_requests.request_detail, name="request-detail"),
    path(
        "requests/<int:request_id>/confirm/",
        views_requests.request_confirm,
        name="request-confirm",
    ),
    path("requests/<int:request_id>/close/", views_requests.request_close, name="request-close"),
]
