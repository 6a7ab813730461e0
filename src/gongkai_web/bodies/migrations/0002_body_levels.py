from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def departments_are_at_department_level(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """A department's level is known from its kind; a government's level nobody has said yet."""
    apps.get_model("bodies", "Body").objects.filter(kind="department").update(level="department")


class Migration(migrations.Migration):
    dependencies = [
        ("bodies", "0001_bodies"),
    ]

    operations = [
        migrations.AddField(
            model_name="body",
            name="level",
            field=models.CharField(
                blank=True,
                choices=[
                    ("province", "省级"),
                    ("city", "市级"),
                    ("county", "县级"),
                    ("township", "乡级"),
                    ("department", "部门"),
                ],
                default="",
                max_length=16,
                verbose_name="层级",
            ),
        ),
        migrations.RunPython(departments_are_at_department_level, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("level", ""),
                    models.Q(("kind", "department"), ("level", "department")),
                    models.Q(
                        ("kind", "peoples_government"),
                        ("level__in", ["province", "city", "county", "township"]),
                    ),
                    _connector="OR",
                ),
                name="body_level_fits_kind",
            ),
        ),
    ]
