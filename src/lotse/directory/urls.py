from django.urls import path

from lotse.directory import views
from lotse.directory.urls_io import urlpatterns as io_urlpatterns

app_name = "directory"

urlpatterns = [
    path("", views.service_list, name="service-list"),
    path("services/new/", views.service_create, name="service-create"),
    path("services/<int:service_id>/", views.service_detail, name="service-detail"),
    path("services/<int:service_id>/edit/", views.service_edit, name="service-edit"),
    path("services/<int:service_id>/archive/", views.service_archive, name="service-archive"),
    path("services/<int:service_id>/verify/", views.service_verify, name="service-verify"),
    path("services/<int:service_id>/contacts/", views.service_contacts, name="service-contacts"),
    path(
        "services/<int:service_id>/translations/<str:language>/",
        views.translation_edit,
        name="translation-edit",
    ),
    path("services/<int:service_id>/examples/", views.service_examples, name="service-examples"),
    path("translations/", views.translation_overview, name="translation-status"),
    path("review/", views.review_due, name="review-due"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path(
        "organisations/<int:organisation_id>/",
        views.organisation_edit,
        name="organisation-edit",
    ),
    path(
        "organisations/<int:organisation_id>/places/new/",
        views.location_create,
        name="location-create",
    ),
    path("places/<int:location_id>/", views.location_edit, name="location-edit"),
    path("pages/", views.page_list, name="page-list"),
    path("pages/new/", views.page_create, name="page-create"),
    path("pages/<int:page_id>/", views.page_edit, name="page-edit"),
    path(
        "pages/<int:page_id>/translations/<str:language>/",
        views.page_translation_edit,
        name="page-translation-edit",
    ),
    path("pages/<int:page_id>/examples/", views.page_examples, name="page-examples"),
    path("examples/<int:example_id>/remove/", views.example_remove, name="example-remove"),
]

# Import and export (CSV, XLSX) live in their own module, in the same namespace.
urlpatterns += io_urlpatterns
