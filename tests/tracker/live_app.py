"""The app served by a real gunicorn subprocess on the test database, with
its own environment (e.g. REDIS_URL at a port where nothing listens), and a
tiny cookie-keeping HTTP client for it."""

import http.client
import json
import re
import shutil
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from tests.services import ROOT, worker_env

# This helper's ports (a range no other test uses).
CLOSED_BROKER_PORT = 18599


_static_collected = False


def collect_static(env: dict[str, str]) -> None:
    """DEBUG off serves the manifest's hashed names: build it once a run."""
    global _static_collected
    if not _static_collected:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        _static_collected = True


class LiveApp:
    def __init__(self, port: int, *, log: Path, **env: str) -> None:
        self.port = port
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
        environment = worker_env(
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            ALLOWED_HOSTS="127.0.0.1",
            API_RATE_LIMIT_ANON="1000000/min",
            API_RATE_LIMIT_KEY="1000000/min",
        )
        environment.update(env)
        collect_static(environment)
        self.proc = subprocess.Popen(
            [
                gunicorn or "gunicorn",
                "config.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--timeout=60",
            ],
            cwd=ROOT,
            env=environment,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.cookies: dict[str, str] = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {log}")
            try:
                self.request("GET", "/static/css/site.css")
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not start; see {log}")

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes, float]:
        """(status, headers, body, seconds); keeps cookies like a browser."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        elapsed = time.perf_counter() - started
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), data, elapsed

    def post_json(
        self, path: str, payload: dict, *, token: str, language: str = "en"
    ) -> tuple:
        status, headers, data, elapsed = self.request(
            "POST",
            path,
            body=json.dumps(payload).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {token}",
                "Accept-Language": language,
            },
        )
        return status, headers, data, elapsed

    def post_form(self, path: str, fields: dict[str, str]) -> tuple:
        """GET the form for its CSRF token, then POST it."""
        status, _, page, _ = self.request("GET", path)
        assert status == 200, page[:500]
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token in the form"
        body = urlencode({**fields, "csrfmiddlewaretoken": token.group(1).decode()})
        return self.request(
            "POST",
            path,
            body=body.encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}{path}",
            },
        )

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
