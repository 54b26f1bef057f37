"""The WSGI entry point: gunicorn 'wsgi:app'. Refuses to start on an unmigrated database."""

from portal import create_app
from portal.core.migrations import ensure_database_is_migrated

app = create_app()
ensure_database_is_migrated(app)
