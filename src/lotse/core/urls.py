from django.urls import path

from lotse.core import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/backup-codes/", views.backup_codes_page, name="backup-codes"),
    path("keep-alive/", views.keep_alive, name="keep-alive"),
    path("password/", views.password_change, name="password-change"),
    path("password/done/", views.password_change_done, name="password-change-done"),
    path("password/reset/", views.password_reset, name="password-reset"),
    path("password/reset/sent/", views.password_reset_done, name="password-reset-done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password-reset-complete"),
    path("office/switch/", views.office_switch, name="office-switch"),
    path("office/", views.office_edit, name="office-edit"),
    path("members/", views.member_list, name="member-list"),
    path("members/new/", views.member_add, name="member-add"),
    path("members/<int:membership_id>/", views.member_edit, name="member-edit"),
    path("audit/", views.audit_log, name="audit-log"),
]
