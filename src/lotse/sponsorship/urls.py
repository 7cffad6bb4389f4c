from django.urls import path

from lotse.sponsorship import views
from lotse.sponsorship.urls_matching import urlpatterns as matching_urlpatterns
from lotse.sponsorship.urls_requests import urlpatterns as request_urlpatterns
from lotse.sponsorship.urls_training import urlpatterns as training_urlpatterns

app_name = "sponsorship"

urlpatterns = [
    path("volunteers/", views.volunteer_list, name="volunteer-list"),
    path("volunteers/<int:volunteer_id>/", views.volunteer_detail, name="volunteer-detail"),
    path("volunteers/<int:volunteer_id>/edit/", views.volunteer_edit, name="volunteer-edit"),
    path("volunteers/<int:volunteer_id>/status/", views.volunteer_status, name="volunteer-status"),
    path("safeguarding/", views.safeguarding_due, name="safeguarding-due"),
]

# Training, requests and matching/tandems keep their routes in their own modules.
urlpatterns += training_urlpatterns + request_urlpatterns + matching_urlpatterns
