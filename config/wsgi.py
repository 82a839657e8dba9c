import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

if os.environ.get("WEB_WARMUP", "1") not in ("0", "false", ""):
    from config.warmup import warm_up

    warm_up()

# What is loaded so far lives as long as the process: the collector leaves it
# alone from here on (as Celery's parent does, config/celery.py). With
# `preload_app` this runs in the gunicorn master, so the workers fork with
# those pages shared and never written by the collector; and a request that
# makes many objects (an export's chunk) no longer pays for full collections
# that walk the whole of Django and the libraries each time.
gc.freeze()
