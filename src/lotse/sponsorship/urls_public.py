from django.urls import path

from lotse.sponsorship import views_public, views_requests

app_name = "volunteer"

urlpatterns = [
    path("", views_public.apply, name="apply"),
    path("thanks/", views_public.thanks, name="thanks"),
    # A newcomer asks for a sponsor (the same public area as the volunteers' application).
    path("ask/", views_requests.public_request, name="ask"),
    path("ask/thanks/", views_requests.public_request_thanks, name="ask-thanks"),
]
