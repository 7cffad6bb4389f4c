from django.urls import path

from lotse.events import views, views_participants

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("calendar/", views.event_calendar, name="event-calendar"),
    path("new/", views.event_create, name="event-create"),
    path("<int:event_id>/", views.event_detail, name="event-detail"),
    path("<int:event_id>/edit/", views.event_edit, name="event-edit"),
    path("<int:event_id>/texts/<str:language>/", views.event_texts, name="event-texts"),
    path("<int:event_id>/publish/", views.event_publish, name="event-publish"),
    path("<int:event_id>/copy/", views.event_copy, name="event-copy"),
    path("<int:event_id>/cancel/", views.event_cancel, name="event-cancel"),
    path("<int:event_id>/staffing/", views.event_staffing, name="event-staffing"),
    path(
        "<int:event_id>/staffing/<int:staffing_id>/remove/",
        views.staffing_remove,
        name="staffing-remove",
    ),
    path("programs/", views.program_list, name="program-list"),
    path("programs/new/", views.program_create, name="program-create"),
    path("programs/<int:program_id>/", views.program_detail, name="program-detail"),
    path("programs/<int:program_id>/edit/", views.program_edit, name="program-edit"),
    path(
        "programs/<int:program_id>/texts/<str:language>/",
        views.program_texts,
        name="program-texts",
    ),
    # Participants, the door and the messages (views_participants).
    path(
        "<int:event_id>/participants/",
        views_participants.participant_list,
        name="participant-list",
    ),
    path(
        "<int:event_id>/participants/new/",
        views_participants.participant_add,
        name="participant-add",
    ),
    path(
        "<int:event_id>/participants/<int:registration_id>/status/",
        views_participants.participant_status,
        name="participant-status",
    ),
    path(
        "<int:event_id>/participants/absent/",
        views_participants.participants_absent,
        name="participants-absent",
    ),
    path("<int:event_id>/check-in/", views_participants.checkin, name="checkin"),
    path(
        "<int:event_id>/check-in/<int:registration_id>/",
        views_participants.checkin_toggle,
        name="checkin-toggle",
    ),
    path(
        "<int:event_id>/attendance/",
        views_participants.attendance_print,
        name="attendance-print",
    ),
    path(
        "<int:event_id>/message/",
        views_participants.participant_message,
        name="participant-message",
    ),
    path(
        "<int:event_id>/reminders/",
        views_participants.send_reminders,
        name="send-reminders",
    ),
    path(
        "programs/<int:program_id>/certificates/",
        views_participants.certificate_list,
        name="certificate-list",
    ),
    path(
        "programs/<int:program_id>/certificates/<int:registration_id>.pdf",
        views_participants.certificate_pdf,
        name="certificate-pdf",
    ),
]
