"""The database layer: engines and sessions (``engine``), the SQLAlchemy models (``models``),
Alembic migrations run from code (``migrate``) and what differs between backends (``dialects``).

Only ``factdb.store`` writes rows and only ``factdb.queries`` (and reports) read them; both
reach the database through this package.
"""

from factdb.db.dialects import lock_writers
from factdb.db.engine import make_engine, open_database
from factdb.db.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    head_revision_fast,
    migrate,
)

__all__ = [
    "alembic_config",
    "current_revision",
    "head_revision",
    "head_revision_fast",
    "lock_writers",
    "make_engine",
    "migrate",
    "open_database",
]
