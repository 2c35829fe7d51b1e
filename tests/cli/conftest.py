import pytest


@pytest.fixture(autouse=True)
def dutch_locale(monkeypatch):
    """The CLI picks its language from the locale: tests start from a neutral one (Dutch by default)."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
