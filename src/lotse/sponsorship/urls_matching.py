from django.urls import path

from lotse.sponsorship import views_matching as views

urlpatterns = [
    path("matching/", views.matching_page, name="matching"),
    path("matching/run/", views.matching_run, name="matching-run"),
    path("matching/settings/", views.matching_settings, name="matching-settings"),
    path("tandems/remind/", views.tandem_remind, name="tandem-remind"),
    path("matching/<int:proposal_id>/accept/", views.matching_accept, name="matching-accept"),
    path("matching/<int:proposal_id>/reject/", views.matching_reject, name="matching-reject"),
    path("matching/<int:proposal_id>/swap/", views.matching_swap, name="matching-swap"),
    path("tandems/", views.tandem_list, name="tandem-list"),
    path("tandems/<int:tandem_id>/", views.tandem_detail, name="tandem-detail"),
    path("tandems/<int:tandem_id>/agreement/", views.tandem_update, name="tandem-update"),
    path("tandems/<int:tandem_id>/check-ins/", views.tandem_check_in, name="tandem-check-in"),
    path("tandems/<int:tandem_id>/end/", views.tandem_end, name="tandem-end"),
]
