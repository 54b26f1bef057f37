"""flask content check | hash: the content checks, for editors and CI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from portal.core.clock import london_today
from portal.core.i18n import LANGUAGES
from portal.publishing.checks import APP_PATHS, check_library
from portal.publishing.content import ContentLibrary, content_hash
from portal.publishing.directory import service_url
from portal.publishing.search_words import SynonymsError, load_synonyms
from portal.publishing.service import directory, site_token_values, synonyms_path

content_cli = AppGroup("content", help="Check and fingerprint the content pages.")


@content_cli.command("check")
@click.option("--today", default=None, help="Check review dates as if today were this date.")
@with_appcontext
def check(today: str | None) -> None:
    """Fail when a page misses front matter, is overdue, has a broken link or misses a heading."""
    library = ContentLibrary.load(Path(current_app.config["CONTENT_DIR"]), site_token_values())
    paths = set(APP_PATHS) | {service_url(s["id"]) for s in directory().services}
    day = dt.date.fromisoformat(today) if today else london_today()
    problems: list[object] = list(check_library(library, today=day, app_paths=paths))
    try:
        load_synonyms(synonyms_path(), LANGUAGES)
    except SynonymsError as error:
        problems.append(error)
    for problem in problems:
        click.echo(str(problem), err=True)
    pages = sum(len(p) for p in library.pages.values())
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {pages} pages")
    click.echo(f"All {pages} pages in {len(library.languages())} languages passed.")


@content_cli.command("hash")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def hash_command(path: Path) -> None:
    """Print the hash a translation of this English file puts in `translation_of`."""
    click.echo(content_hash(path.read_text(encoding="utf-8")))
