from django.urls import path

from lotse.sponsorship import views_public

app_name = "volunteer"

urlpatterns = [
    path("", views_public.apply, name="apply"),
    path("thanks/", views_public.thanks, name="thanks"),
]
