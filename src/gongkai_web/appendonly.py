"""Records written once: the audit trail of a case (issue 4, item 9) cannot be edited or deleted.

A model that inherits `AppendOnlyModel` refuses a second `save` of a stored row, `delete`, and the
queryset's `update`, `delete` and `bulk_update`; the admin shows such models read-only. The
database user could still change the rows, which is what backups and database permissions are for.
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn, TypeVar

from django.db import models

_M = TypeVar("_M", bound=models.Model)


class AppendOnlyError(Exception):
    """A change to a stored record of the audit trail."""


class AppendOnlyQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model._meta.verbose_name}不能修改")

    def delete(self) -> NoReturn:
        raise AppendOnlyError(f"{self.model._meta.verbose_name}不能删除")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model._meta.verbose_name}不能修改")


class AppendOnlyModel(models.Model):
    objects: ClassVar[Any] = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name}（{self}）已保存，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self._meta.verbose_name}（{self}）不能删除")
