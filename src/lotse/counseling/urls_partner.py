from django.urls import path

from lotse.counseling import views_partner

app_name = "partner"

urlpatterns = [
    path("referral/<str:token>/", views_partner.referral_answer, name="referral-answer"),
]
