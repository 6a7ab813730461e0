"""The WSGI application for gunicorn: ``gunicorn gongkai_web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")

application = get_wsgi_application()
