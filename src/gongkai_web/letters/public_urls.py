"""The applicant's downloads: /letters/<tracking code>/<id>.pdf|.docx, for letters addressed to them."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.letters import views

app_name = "applicant_letters"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:tracking_code>/<int:letter_id>.pdf", views.applicant_download, {"fmt": "pdf"}, name="pdf"),
    path("<str:tracking_code>/<int:letter_id>.docx", views.applicant_download, {"fmt": "docx"}, name="docx"),
]
