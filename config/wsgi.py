import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

if os.environ.get("WEB_WARMUP", "1") not in ("0", "false", ""):
    from config.warmup import warm_up

    warm_up()
