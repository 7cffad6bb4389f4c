from django.urls import path

from lotse.ask import views

app_name = "ask"

urlpatterns = [
    path("", views.question_list, name="questions"),
    path("<int:question_id>/done/", views.question_done, name="question-done"),
    path("<int:question_id>/delete/", views.question_delete, name="question-delete"),
    path("<int:question_id>/example/", views.question_example, name="question-example"),
]
