"""The office's letters: /office/letters/cases/<id>/ (list, generate) and the downloads."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.letters import views

app_name = "letters"

urlpatterns: list[URLPattern | URLResolver] = [
    path("cases/<int:application_id>/", views.case_letters, name="case"),
    path("<int:letter_id>.docx", views.download, {"fmt": "docx"}, name="docx"),
    path("<int:letter_id>.pdf", views.download, {"fmt": "pdf"}, name="pdf"),
]
