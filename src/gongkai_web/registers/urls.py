from django.urls import URLPattern, URLResolver, path

from gongkai_web.registers import views

app_name = "registers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<int:body_id>/", views.documents, name="documents"),
    path("<int:body_id>/documents/add/", views.add_document, name="add_document"),
    path("<int:body_id>/documents/<int:pk>/", views.edit_document, name="edit_document"),
    path("<int:body_id>/documents/<int:pk>/repeal/", views.repeal_document, name="repeal_document"),
    path("<int:body_id>/figures/<int:year>/", views.figures, name="figures"),
    path("<int:body_id>/import/", views.import_file, name="import"),
    path("<int:body_id>/proactive/<int:year>/", views.proactive, name="proactive"),
]
