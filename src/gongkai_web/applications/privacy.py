"""Who sees an applicant's identity document and contact in full, and the masked view for everyone else.

Lists, exports and the API's list endpoints always mask (issue 4, item 9). The full values are
shown on a case's page to the people who must contact or identify the applicant: those who work on
the case (`access.works_on_case`: the body's registrars, reviewers and heads, and the handlers of
the assigned department). An administrator manages the system, not cases, and sees masked values.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from gongkai.privacy import mask_identity_document, mask_text
from gongkai_web.accounts.models import User
from gongkai_web.applications.access import works_on_case
from gongkai_web.applications.models import Application


@dataclass(frozen=True)
class ApplicantDetails:
    identity_document: str
    contact: str
    masked: bool


def masked_details(application: Application) -> ApplicantDetails:
    return ApplicantDetails(
        identity_document=mask_identity_document(application.identity_document),
        contact=mask_text(application.contact),
        masked=True,
    )


def applicant_details(user: User | AnonymousUser, application: Application) -> ApplicantDetails:
    """Full values for those who need them, masked ones for everyone else."""
    if works_on_case(user, application):
        return ApplicantDetails(application.identity_document, application.contact, masked=False)
    return masked_details(application)
