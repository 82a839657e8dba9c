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
    # No collectstatic before tests: serve static files without the manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
