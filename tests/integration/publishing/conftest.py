"""Helpers for publishing integration tests: an app reading a copy of the content."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from portal.publishing import service
from portal.publishing.content import CONTENT_ROOT


@pytest.fixture
def content_copy(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at a copy of the content that a test may edit; edits show at once."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_ROOT, root, ignore=shutil.ignore_patterns("directory"))
    app.config["CONTENT_DIR"] = str(root)
    service.init_state(app)
    monkeypatch.setattr(service, "RELOAD_CHECK_SECONDS", -1.0)
    return root


@pytest.fixture
def edit_content(content_copy: Path) -> Callable[[str, Callable[[str], str]], None]:
    """Change one content file: edit_content("en/kinship.md", lambda text: ...)."""

    def edit(relative: str, change: Callable[[str], str]) -> None:
        path = content_copy / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return edit
