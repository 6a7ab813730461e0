"""The public catalogue under /catalogue/ and the office's pages under /office/catalogue/ (one include)."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.catalogue import office_views, public_views

app_name = "catalogue"

urlpatterns: list[URLPattern | URLResolver] = [
    path("catalogue/", public_views.index, name="index"),
    path("catalogue/<int:body_id>/", public_views.body_catalogue, name="body"),
    path("catalogue/<int:body_id>/guide/", public_views.guide, name="guide"),
    path("catalogue/<int:body_id>/items/<int:pk>/", public_views.item, name="item"),
    path("catalogue/<int:body_id>/items/<int:pk>/v<int:revision>/", public_views.item, name="item_revision"),
    path(
        "catalogue/<int:body_id>/items/<int:pk>/files/<int:file_pk>/",
        public_views.attachment,
        name="attachment",
    ),
    path("office/catalogue/", office_views.item_list, name="office_list"),
    path("office/catalogue/new/", office_views.create, name="office_create"),
    path("office/catalogue/guide/", office_views.guide_settings, name="office_guide"),
    path("office/catalogue/<int:pk>/", office_views.detail, name="office_item"),
    path("office/catalogue/<int:pk>/edit/", office_views.edit, name="office_edit"),
    path("office/catalogue/<int:pk>/revise/", office_views.revise, name="office_revise"),
    path("office/catalogue/<int:pk>/submit/", office_views.submit, name="office_submit"),
    path("office/catalogue/<int:pk>/approve/", office_views.approve, name="office_approve"),
    path("office/catalogue/<int:pk>/return/", office_views.send_back, name="office_return"),
    path("office/catalogue/<int:pk>/withdraw/", office_views.withdraw, name="office_withdraw"),
    path("office/catalogue/<int:pk>/files/<int:file_pk>/", office_views.attachment, name="office_attachment"),
]
