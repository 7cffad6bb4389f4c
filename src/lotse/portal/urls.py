from django.urls import path

from lotse.portal import views

app_name = "portal"

# Paths stay the same in every language, so the language links (translate_url) keep the page.
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("services/<int:service_id>/", views.service_detail, name="service-detail"),
    path("services/<int:service_id>/print/", views.service_print, name="service-print"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("ask/", views.ask_question, name="ask"),
    path("ask/feedback/", views.ask_feedback, name="ask-feedback"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/report-a-barrier/", views.barrier_report, name="barrier-report"),
]
