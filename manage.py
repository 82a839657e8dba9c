#!/usr/bin/env python
"""Django's command-line utility for the pledge tracker."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # manage.py is a developer's tool: with no DEBUG in the environment it runs in
    # development mode (so `manage.py extract FILE` works on a fresh checkout).
    # The WSGI/ASGI entry points and Celery never assume this; production sets
    # DEBUG=0 and SECRET_KEY explicitly (see docker-compose.yml).
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
