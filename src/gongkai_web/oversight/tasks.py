"""The background task (django-tasks): read the waiting files of a batch.

Run by the database backend's worker (``python -m gongkai_web intake_worker``, which `gongkai
serve` starts beside the web server), or in the request with the immediate backend
(``GONGKAI_TASKS=immediate``). Re-enqueueing a batch is harmless: files are claimed one at a time.
"""

from __future__ import annotations

from django.db.models import Min
from django_tasks import default_task_backend, task

from gongkai_web.oversight.models import FileStatus, IntakeFile
from gongkai_web.oversight.reading import STALE_AFTER, read_next


@task()
def read_batch(batch_id: int) -> int:
    """Read every claimable file of the batch; the number read.

    A file another worker is still reading (or that a dead worker left) is looked at again when it
    would be stale, if the backend can run a task later.
    """
    count = 0
    while read_next(batch_id) is not None:
        count += 1
    busy = IntakeFile.objects.filter(batch_id=batch_id, status=FileStatus.READING)
    oldest = busy.aggregate(since=Min("reading_since"))["since"]
    if oldest is not None and default_task_backend.supports_defer:
        read_batch.using(run_after=oldest + STALE_AFTER).enqueue(batch_id)
    return count
