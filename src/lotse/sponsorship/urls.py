from django.urls import path

from lotse.sponsorship import views

app_name = "sponsorship"

urlpatterns = [
    path("volunteers/", views.volunteer_list, name="volunteer-list"),
    path("volunteers/<int:volunteer_id>/", views.volunteer_detail, name="volunteer-detail"),
    path("volunteers/<int:volunteer_id>/edit/", views.volunteer_edit, name="volunteer-edit"),
    path("volunteers/<int:volunteer_id>/status/", views.volunteer_status, name="volunteer-status"),
    path("safeguarding/", views.safeguarding_due, name="safeguarding-due"),
]
