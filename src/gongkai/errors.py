"""The exceptions gongkai raises. Each has a stable English ``code`` and a Chinese message.

The reading and report errors are defined here; the errors of a domain module are defined beside
the rules they guard (they carry that module's context, e.g. the offending event), all under
`GongkaiError`, so a caller can catch everything gongkai refuses with one class:

    GongkaiError
    ├── ReportDataError            report JSON that does not fit the canonical shape
    ├── ReadError                  a document that cannot be read at all
    │   ├── UnsupportedDocumentError   a kind of file no reader handles
    │   └── UndecodableTextError       text whose encoding cannot be determined
    ├── CalendarError              gongkai.workdays: bad holiday data, a year without data
    ├── ClockEventError            gongkai.clock: an event sequence the 条例 does not allow
    ├── FeeInputError              gongkai.fees: input the 109号 tariff cannot price
    ├── CaseError                  gongkai.cases: illegal transitions, decisions, records
    └── MessageError               gongkai.messages: a step a public message's state does not allow
"""

from __future__ import annotations


class GongkaiError(Exception):
    code = "gongkai_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


class ReportDataError(GongkaiError):
    code = "report_data_invalid"


class ReadError(GongkaiError):
    code = "read_failed"


class UnsupportedDocumentError(ReadError):
    code = "unsupported_document"


class UndecodableTextError(ReadError):
    code = "undecodable_text"
