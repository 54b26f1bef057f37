"""The Nu Html Checker over every HTML response the live server sent to the browser tests.

The live app writes each text/html response it sends into a folder, one file per distinct
content. When the browser tests end, vnu checks them all in one run (the JVM is slow to start)
and the session fails with a list of every error: the URL, vnu's message and the line.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, request
from flask import Response as FlaskResponse

ROOT = Path(__file__).resolve().parents[2]
# `make vnu` installs it here: npm install --prefix .tools vnu-jar@<version in the Makefile>.
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))

# Parts of a page that change on every response but not its structure: left out of the hash so
# the same page fetched twice is checked once.
VOLATILE = re.compile(rb'(nonce|value|content)="[A-Za-z0-9_\-.=+/]{20,}"')
DOCTYPE = re.compile(rb"^\s*<!doctype html", re.IGNORECASE)
# An htmx fragment is checked inside the smallest valid document, the shell on the fragment's
# first line so its line numbers stay as they were. A fragment may start with a <title> (htmx
# sets the page's title from it): that goes in the head.
FRAGMENT_HEAD = b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
FRAGMENT_TITLE = re.compile(rb"^\s*<title>.*?</title>", re.DOTALL)


@dataclass(frozen=True)
class HtmlError:
    """One error vnu found in one recorded response."""

    url: str
    line: int | None
    message: str
    extract: str

    def describe(self) -> str:
        where = f"line {self.line}" if self.line else "document"
        return f"{self.url} ({where}): {self.message}\n        {self.extract.strip()!r}"


class HtmlRecorder:
    """Keeps one file per distinct HTML response, with the URL that first returned it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    def record_responses(self, app: Flask) -> None:
        """Write every complete text/html response of `app` to the folder."""

        def record(response: FlaskResponse) -> FlaskResponse:
            complete = not (response.is_streamed or response.direct_passthrough)
            redirect = 300 <= response.status_code < 400
            if response.mimetype == "text/html" and complete and not redirect:
                self.record(request.full_path.rstrip("?"), response.get_data())
            return response

        app.after_request(record)

    def record(self, url: str, body: bytes) -> None:
        """Keep `body` unless the same page (up to tokens and nonces) is already kept."""
        if not body.strip():
            return
        name = hashlib.sha256(VOLATILE.sub(rb'\1=""', body)).hexdigest()[:20] + ".html"
        path = self.folder / name
        if path.exists():
            return
        if DOCTYPE.match(body):
            path.write_bytes(body)
        else:
            title = FRAGMENT_TITLE.match(body)
            if title:
                fragment = title.group(0) + b"</head><body>" + body[title.end() :]
            else:
                fragment = b"<title>fragment</title></head><body>" + body
            path.write_bytes(FRAGMENT_HEAD + fragment)
            url += " (htmx fragment)"
        path.with_suffix(".url").write_text(url, encoding="utf-8")

    def errors(self) -> list[HtmlError]:
        """Run vnu once over every kept response and return its errors."""
        files = sorted(self.folder.glob("*.html"))
        if not files:
            return []
        java = shutil.which("java")
        assert java, "java is missing: install Debian's default-jre-headless (see .ci/run)"
        assert VNU_JAR.exists(), f"vnu.jar is missing at {VNU_JAR}: run `make vnu`"
        result = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
            + [str(path) for path in files],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            messages = json.loads(result.stdout)["messages"]
        except (json.JSONDecodeError, KeyError) as error:
            message = f"vnu did not answer in JSON:\n{result.stdout}\n{result.stderr}"
            raise AssertionError(message) from error
        return [self._error(message) for message in messages if message["type"] == "error"]

    def _error(self, message: dict) -> HtmlError:
        source = Path(message.get("url", "").removeprefix("file:"))
        url_file = self.folder / source.with_suffix(".url").name
        url = url_file.read_text(encoding="utf-8") if url_file.exists() else str(source)
        return HtmlError(
            url=f"{url} [{source.name}]",
            line=message.get("lastLine"),
            message=message.get("message", ""),
            extract=message.get("extract", ""),
        )

    def assert_valid(self) -> None:
        """Fail with every vnu error, grouped by page, if there is any."""
        found = self.errors()
        assert not found, (
            f"the Nu Html Checker found {len(found)} errors in the pages the browser tests saw "
            f"(files kept in {self.folder}):\n" + "\n".join(e.describe() for e in found)
        )
