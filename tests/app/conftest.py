"""Fixtures of the widget tests: the app built on the real rubric, closed after each test."""

from __future__ import annotations

import pytest

from autodiag.app import App, build_app


@pytest.fixture
def app(rubric) -> App:
    view = build_app()
    assert isinstance(view, App)
    yield view
    view.close()
