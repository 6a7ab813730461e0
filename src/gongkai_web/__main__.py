"""``python -m gongkai_web <command>``: Django's manage.py for this project."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
    # The program name Django prints in its help and errors.
    execute_from_command_line(["python -m gongkai_web", *sys.argv[1:]])


if __name__ == "__main__":
    main()
