"""A task that fails unexpectedly is queued again with back-off, a few times, not forever."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsfold.ingestion.tasks import import_files

pytestmark = pytest.mark.django_db


def test_a_failing_task_is_retried_later_and_gives_up(settings):
    settings.NEWSFOLD_TASK_RETRIES = 2
    with pytest.raises(TypeError):
        import_files.call([None])  # not a path: an unexpected failure
    retry = DBTaskResult.objects.get()
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["kwargs"] == {"attempt": 1}

    with pytest.raises(TypeError):
        import_files.call([None], attempt=2)  # the last allowed attempt
    assert DBTaskResult.objects.count() == 1
