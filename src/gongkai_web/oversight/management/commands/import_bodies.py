from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai_web.oversight.services import HierarchyError, import_hierarchy
from gongkai_web.registers.imports import MAX_FILE_BYTES, ImportFileError


class Command(BaseCommand):
    help = (
        "导入机关名录（CSV 或 XLSX：机关名称、层级、上级机关、机关类别）。任何一行有误则全部不导入；"
        "重复导入同一文件不会重复建立机关。不受监督范围限制（供系统管理员使用）。"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="机关名录文件")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with path.open("rb") as stream:
                content = stream.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from error
        try:
            summary = import_hierarchy(content=content, within=None)
        except ImportFileError as error:
            raise CommandError(f"{error.message} [{error.code}]") from error
        except HierarchyError as error:
            for row_error in error.errors:
                self.stderr.write(str(row_error))
            raise CommandError(error.message) from error
        self.stdout.write(f"已导入 {path.name}：{summary}")
