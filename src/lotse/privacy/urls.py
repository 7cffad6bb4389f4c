from django.urls import path

from lotse.privacy import views, views_export, views_subjects

app_name = "privacy"

urlpatterns = [
    # Retention: the preview of what is due next, the rules, a run by hand, the run log.
    path("", views.index, name="index"),
    path("retention/rules/", views.rules_edit, name="rules"),
    path("retention/run/", views.run_now, name="run"),
    path("retention/runs/", views.run_list, name="runs"),
    # Rights of the data subject, for a person of the counseling app.
    path("people/<int:person_id>/export.json", views_export.person_json, name="person-json"),
    path("people/<int:person_id>/export.pdf", views_export.person_pdf, name="person-pdf"),
    path(
        "people/<int:person_id>/restrict/", views_subjects.person_restrict, name="person-restrict"
    ),
    path("people/<int:person_id>/erase/", views_subjects.person_erase, name="person-erase"),
    path(
        "volunteers/<int:volunteer_id>/erase/",
        views_subjects.volunteer_erase,
        name="volunteer-erase",
    ),
    path(
        "registrations/<int:registration_id>/erase/",
        views_subjects.participant_erase,
        name="participant-erase",
    ),
    path("erasures/", views_subjects.erasure_list, name="erasures"),
    path("erasures/<str:reference>/", views_subjects.erasure_detail, name="erasure-detail"),
    # Art. 30: records of processing activities, from the register and the settings.
    path("records/", views_export.records, name="records"),
    path("records.pdf", views_export.records_pdf, name="records-pdf"),
]
