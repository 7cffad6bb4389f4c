from django.urls import path

from lotse.pool import views

app_name = "pool"

urlpatterns = [
    path("", views.member_list, name="member-list"),
    path("new/", views.member_create, name="member-create"),
    path("<int:member_id>/", views.member_detail, name="member-detail"),
    path("<int:member_id>/edit/", views.member_edit, name="member-edit"),
]
