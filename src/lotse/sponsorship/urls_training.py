from django.urls import path

from lotse.sponsorship import views_training as views

urlpatterns = [
    path("training/", views.training_list, name="training-list"),
    path("training/new/", views.training_create, name="training-create"),
    path("training/needed/", views.training_needed, name="training-needed"),
    path("training/<int:session_id>/", views.training_detail, name="training-detail"),
    path("training/<int:session_id>/edit/", views.training_edit, name="training-edit"),
    path("training/<int:session_id>/register/", views.training_register, name="training-register"),
    path(
        "training/<int:session_id>/attendance/",
        views.training_attendance,
        name="training-attendance",
    ),
    path("training/<int:session_id>/cancel/", views.training_cancel, name="training-cancel"),
]
