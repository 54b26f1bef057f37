"""The WSGI entry point: gunicorn 'wsgi:app'.

Refuses to start on an unmigrated database, but starts while the database is unreachable (a
worker restarting during an outage must not stop the whole server): see portal/core/migrations.py.
"""

from portal import create_app
from portal.core.migrations import check_migrations_at_start

app = create_app()
check_migrations_at_start(app)
