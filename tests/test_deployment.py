"""Production settings, and docker-compose.yml kept in step with them."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kq9!production-like-secret-key-with-enough-entropy-3f8a2c1d",
    "ALLOWED_HOSTS": "tracker.example.org",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_like_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def settings_env_names() -> set[str]:
    text = (ROOT / "config" / "settings.py").read_text()
    return set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', text))


def test_compose_has_the_full_stack_each_with_a_health_check():
    services = compose()["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    for name, service in services.items():
        assert "healthcheck" in service, name
        assert service["healthcheck"]["test"], name


def test_compose_commands_run_the_project_entry_points():
    services = compose()["services"]
    assert "gunicorn config.wsgi:application" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A config worker")
    assert services["beat"]["command"].startswith("celery -A config beat")
    assert (ROOT / "config" / "wsgi.py").exists()


def test_compose_variables_are_the_ones_settings_read():
    services = compose()["services"]
    known = settings_env_names()
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert set(env) <= known, set(env) - known
        assert env["DEBUG"] == "0"
        assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"} <= set(env)


def test_compose_database_and_redis_urls_point_at_its_own_services():
    services = compose()["services"]
    env = services["web"]["environment"]
    db = services["db"]["environment"]
    assert env["DATABASE_URL"] == (
        f"postgres://{db['POSTGRES_USER']}:{db['POSTGRES_PASSWORD']}@db:5432/{db['POSTGRES_DB']}"
    )
    assert env["REDIS_URL"].startswith("redis://redis:6379/")
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_web_runs_threaded_preloaded_gunicorn_from_the_config_file():
    """Long export downloads must neither block other requests nor be cut
    off by the worker timeout (threads), and a fresh worker starts warm
    (preload + config/warmup.py)."""
    command = compose()["services"]["web"]["command"]
    assert "-c config/gunicorn.conf.py" in command
    assert '"-c", "config/gunicorn.conf.py"' in (ROOT / "Dockerfile").read_text()
    namespace: dict = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), namespace)
    assert namespace["worker_class"] == "gthread"
    assert namespace["threads"] >= 2
    assert namespace["preload_app"] is True


def test_web_and_worker_share_the_export_folder():
    """The worker writes the export files and nightly dumps; web sends them."""
    services = compose()["services"]
    folders = {
        services[name]["environment"]["EXPORT_DIR"] for name in ("web", "worker")
    }
    assert len(folders) == 1
    folder = folders.pop()
    for name in ("web", "worker"):
        mounts = {m.split(":")[1]: m.split(":")[0] for m in services[name]["volumes"]}
        assert mounts.get(folder) == "exports", name
    assert "exports" in compose()["volumes"]
    # A fresh named volume takes the image folder's owner: it must exist there.
    assert "/app/var/exports" in (ROOT / "Dockerfile").read_text()
