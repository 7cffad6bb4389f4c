from django.urls import path

from lotse.counseling import views_referrals, views_work

urlpatterns = [
    path(
        "people/<int:person_id>/consultations/new/",
        views_work.consultation_create,
        name="consultation-create",
    ),
    path(
        "consultations/<int:consultation_id>/edit/",
        views_work.consultation_edit,
        name="consultation-edit",
    ),
    path("contacts/quick/", views_work.anonymous_create, name="anonymous-create"),
    path(
        "people/<int:person_id>/referrals/new/",
        views_referrals.referral_create,
        name="referral-create",
    ),
    path("referrals/", views_referrals.referral_list, name="referral-list"),
    path("referrals/<int:referral_id>/", views_referrals.referral_detail, name="referral-detail"),
    path(
        "referrals/<int:referral_id>/status/",
        views_referrals.referral_status,
        name="referral-status",
    ),
    path(
        "referrals/<int:referral_id>/letter/",
        views_referrals.referral_letter,
        name="referral-letter",
    ),
    path("letter-templates/", views_referrals.letter_template_list, name="letter-template-list"),
    path(
        "letter-templates/<str:language>/",
        views_referrals.letter_template_edit,
        name="letter-template-edit",
    ),
    path("services/lookup/", views_work.service_lookup, name="service-lookup"),
]
