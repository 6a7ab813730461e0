"""An online application, sent by the applicant through the portal, with its attachments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from gongkai.cases import ApplicantType
from gongkai_web.applications.attachments import CheckedUpload, add_attachment
from gongkai_web.applications.models import Application, Attachment, Channel, Delivery, Medium, ReceiptBasis
from gongkai_web.applications.services import register_application
from gongkai_web.bodies.models import Body


@dataclass(frozen=True)
class Submission:
    application: Application
    repeated: bool  # this form had been sent before: the first application is returned unchanged


def submit_application(
    *,
    body: Body,
    applicant_type: ApplicantType,
    applicant_name: str,
    identity_document: str,
    contact: str,
    description: str,
    medium: Medium,
    delivery: Delivery,
    attachments: Sequence[CheckedUpload],
    submission_key: str,
    today: dt.date,
) -> Submission:
    """Register the application sent online today, with its files, all or nothing.

    The system confirms receipt on the day of submission, so ``today`` (the local date) is the
    date of receipt (条例 第三十一条第（三）项, 双方确认之日). A ``submission_key`` seen before returns
    the application it made (a second click, a reload); when two requests with one key race, the
    loser gets the winner's application from `register_application` and adds only files the
    application does not hold yet (same SHA-256), which for a repeated form is none.

    Files are written while the transaction is open; if anything fails, the transaction rolls back
    and the files written so far are deleted, so no file outlives a rolled-back application. Call
    it outside any transaction (views do): an enclosing transaction that rolls back later would
    leave the files behind.
    """

    def register() -> Application:
        return register_application(
            body=body,
            applicant_type=applicant_type,
            applicant_name=applicant_name,
            identity_document=identity_document,
            contact=contact,
            description=description,
            medium=medium,
            delivery=delivery,
            channel=Channel.ONLINE,
            submitted_on=today,
            receipt_basis=ReceiptBasis.CONFIRMED_BY_BOTH,
            received_on=today,
            submission_key=submission_key,
        )

    if Application.objects.filter(submission_key=submission_key).exists():
        # register_application returns it, or refuses a key that was used at another body.
        return Submission(register(), repeated=True)
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            application = register()
            held = set(Attachment.objects.filter(application=application).values_list("sha256", flat=True))
            for upload in attachments:
                if upload.sha256 in held:
                    continue
                held.add(upload.sha256)
                stored.append(add_attachment(application=application, upload=upload, actor=None))
    except BaseException:
        for attachment in stored:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return Submission(application, repeated=False)
