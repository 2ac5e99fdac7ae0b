"""WSGI entry point for production servers (``smartmfg.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartmfg.settings")
application = get_wsgi_application()
