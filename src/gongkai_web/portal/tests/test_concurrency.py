"""Two clicks racing on PostgreSQL (SQLite serialises every write, so there is no race to test there)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from gongkai_web.applications.models import Application, Attachment
from gongkai_web.personas import Office
from gongkai_web.testing import at_once

from . import sample_files
from .conftest import apply_url, valid_form

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections"),
]


def test_two_posts_of_one_form_at_once_make_one_application_with_its_file_once(office: Office) -> None:
    url = apply_url(office)
    data = valid_form(Client(), url)
    pdf = sample_files.pdf()

    def post() -> str:
        form = data | {"attachments": [SimpleUploadedFile("申请书.pdf", pdf)]}
        return str(Client().post(url, form)["Location"])

    locations = at_once(post)
    application = Application.objects.get()
    assert all(isinstance(location, str) for location in locations), locations
    assert {str(location).split("?")[0] for location in locations} == {
        f"/apply/received/{application.tracking_code}/"
    }
    assert Attachment.objects.filter(application=application).count() == 1
