"""依申请公开 cases, framework-free: the workflow state machine, decisions and section 三 counts.

The Django app stores what these types name (status, action and outcome ids) and calls
`apply` for every change, so a status is never edited directly (CONVENTIONS habit 3).
"""

from gongkai.cases.outcomes import (
    APPLICANT_TYPES,
    OUTCOMES,
    ApplicantType,
    CaseError,
    Decision,
    DecisionError,
    Outcome,
    RecordError,
    outcome_of_items,
)
from gongkai.cases.statistics import ApplicationRecord, table3
from gongkai.cases.workflow import (
    ACTION_LABELS,
    STATUS_LABELS,
    TRANSITIONS,
    Action,
    CaseState,
    Event,
    IllegalTransition,
    Status,
    Transition,
    allowed_actions,
    apply,
    replay,
)

__all__ = [
    "ACTION_LABELS",
    "APPLICANT_TYPES",
    "OUTCOMES",
    "STATUS_LABELS",
    "TRANSITIONS",
    "Action",
    "ApplicantType",
    "ApplicationRecord",
    "CaseError",
    "CaseState",
    "Decision",
    "DecisionError",
    "Event",
    "IllegalTransition",
    "Outcome",
    "RecordError",
    "Status",
    "Transition",
    "allowed_actions",
    "apply",
    "outcome_of_items",
    "replay",
    "table3",
]
