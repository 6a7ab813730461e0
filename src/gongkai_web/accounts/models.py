"""The project's own user model, in place from the first migration so it can grow without a data move."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
