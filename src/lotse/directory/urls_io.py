"""Import and export of the directory; included by lotse.directory.urls (namespace directory)."""

from django.urls import path

from lotse.directory import views_io

urlpatterns = [
    path("export/", views_io.export, name="export"),
    path("import/", views_io.import_view, name="import"),
]
