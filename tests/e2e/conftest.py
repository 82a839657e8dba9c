"""Browser tests share pytest-django's session-wide live server, whose
middleware reads SECURE_SSL_REDIRECT once, when the server starts, before any
per-test settings fixture runs. The live server speaks plain HTTP, so the
redirect is turned off here, at collection, before it can start. (Every test
already runs with it off: see the autouse fixture in tests/conftest.py.)"""

from django.conf import settings

settings.SECURE_SSL_REDIRECT = False
