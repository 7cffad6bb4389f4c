from django.urls import path

from lotse.counseling import views_people

urlpatterns = [
    path("people/", views_people.person_list, name="person-list"),
    path("people/new/", views_people.person_create, name="person-create"),
    path("people/<int:person_id>/", views_people.person_detail, name="person-detail"),
    path("people/<int:person_id>/edit/", views_people.person_edit, name="person-edit"),
    path("people/<int:person_id>/merge/", views_people.person_merge, name="person-merge"),
    path("people/<int:person_id>/consents/new/", views_people.consent_add, name="consent-add"),
    path(
        "consents/<int:consent_id>/withdraw/",
        views_people.consent_withdraw,
        name="consent-withdraw",
    ),
    path("people/<int:person_id>/household/new/", views_people.household_add, name="household-add"),
    path("household/<int:link_id>/remove/", views_people.household_remove, name="household-remove"),
    path(
        "people/<int:person_id>/outcomes/new/", views_people.outcome_create, name="outcome-create"
    ),
    path("outcomes/<int:outcome_id>/delete/", views_people.outcome_delete, name="outcome-delete"),
    path(
        "people/<int:person_id>/recognition/new/",
        views_people.recognition_create,
        name="recognition-create",
    ),
    path("recognition/<int:case_id>/", views_people.recognition_edit, name="recognition-edit"),
    path(
        "people/<int:person_id>/follow-ups/new/",
        views_people.follow_up_create,
        name="follow-up-create",
    ),
    path("follow-ups/", views_people.follow_up_list, name="follow-up-list"),
    path("follow-ups/<int:follow_up_id>/done/", views_people.follow_up_done, name="follow-up-done"),
]
