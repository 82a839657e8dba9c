import pytest

from tests.factories import EditorFactory, JournalistFactory, UserFactory


@pytest.fixture
def editor(db):
    return EditorFactory(username="eddie-editor")


@pytest.fixture
def journalist(db):
    return JournalistFactory(username="jo-journalist")


@pytest.fixture
def reader(db):
    """A signed-in user with no newsroom role."""
    return UserFactory(username="ray-reader")


@pytest.fixture(autouse=True)
def _plain_http_test_client(settings):
    """Tests run with DEBUG off, like production, but the test client speaks
    plain HTTP: without this every request would be redirected to https."""
    settings.SECURE_SSL_REDIRECT = False
    # Password hashing is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No collectstatic before tests: serve static files without the manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    # The site defaults to Korean (with a Korean catalogue in locale/); tests
    # read English unless they ask for Korean (django_language cookie or
    # Accept-Language), so assertions do not depend on the catalogue.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _export_files_per_test(settings, tmp_path_factory):
    """Export files are named after the record's generation, which every test
    starts again from the same number: each test keeps its own folder, or it
    could be sent the file another test's record left."""
    settings.EXPORT_DIR = str(tmp_path_factory.mktemp("exports"))


@pytest.fixture(autouse=True)
def _api_rate_limit_out_of_the_way(settings):
    """The API's per-IP limit counts in the cache, which lives for the whole
    test session: a long run from 127.0.0.1 must not trip it. Tests about rate
    limits set their own."""
    settings.API_RATE_LIMIT_ANON = "1000000/min"
    settings.API_RATE_LIMIT_KEY = "1000000/min"
