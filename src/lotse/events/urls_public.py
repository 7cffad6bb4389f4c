from django.urls import path

from lotse.events import views_public

app_name = "events-public"

# On the portal, in the reader's language (mounted under the language prefix at events/).
urlpatterns = [
    path("", views_public.calendar, name="calendar"),
    path("<int:event_id>/", views_public.event, name="event"),
    path("<int:event_id>/register/", views_public.register, name="register"),
    path("<int:event_id>/calendar.ics", views_public.event_ics, name="event-ics"),
    path("programs/<slug:slug>/", views_public.program, name="program"),
    path("programs/<slug:slug>/register/", views_public.series_register, name="series-register"),
    path("programs/<slug:slug>/calendar.ics", views_public.program_feed, name="program-feed"),
    # The personal link from the confirmation e-mail.
    path("my/<str:token>/", views_public.my, name="my"),
    path("my/<str:token>/cancel/", views_public.my_cancel, name="my-cancel"),
    path("my/<str:token>/feedback/", views_public.my_feedback, name="my-feedback"),
    path("my/<str:token>/calendar.ics", views_public.my_ics, name="my-ics"),
    path("my/<str:token>/certificate.pdf", views_public.my_certificate, name="my-certificate"),
]
