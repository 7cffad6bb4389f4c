"""The volunteers' self-service, mounted without a language prefix:

    path("volunteer/", include("lotse.sponsorship.urls_self")),

The coordinators' invitation lives here too, so the feature keeps its routes together; it is a
staff view like any other.
"""

from django.urls import path

from lotse.sponsorship import views_self

app_name = "self-service"

urlpatterns = [
    path("", views_self.home, name="home"),
    path("sessions/<int:session_id>/sign-up/", views_self.session_sign_up, name="session-sign-up"),
    path("availability/", views_self.availability, name="availability"),
    path("pause/", views_self.pause, name="pause"),
    path("resume/", views_self.resume, name="resume"),
    path("invite/<int:volunteer_id>/", views_self.invite, name="invite"),
]
