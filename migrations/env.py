"""Alembic environment for factdb.

Runs from code (``factdb.db.migrate`` passes a live connection in ``config.attributes``)
or from the ``alembic`` command in a checkout (URL from alembic.ini's ``sqlalchemy.url``
or ``FACTDB_DATABASE_URL``). ``render_as_batch`` lets SQLite alter tables.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from factdb.config import resolve_url
from factdb.db.engine import make_engine
from factdb.db.migrate import migration_connection
from factdb.db.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or resolve_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or resolve_url())
    with migration_connection(engine) as conn:
        _configure(conn)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
