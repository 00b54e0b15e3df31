"""What differs between database backends, in one place.

Every function here picks its way by ``dialect.name``: SQLite and PostgreSQL have fast
paths, and any other backend gets the portable path (plain SQLAlchemy Core), never another
backend's SQL. Covered: the writer lock, the as-of day number computed by the database
(for detection's driver-level reader), and the bulk insert of contradiction pairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.orm import Session

from factdb.db.models import Contradiction

CHUNK = 5000  # values per IN list: well under SQLite's 32,766 parameters

# Any fixed 64-bit number: the key of the PostgreSQL advisory lock that writers share.
WRITE_LOCK_KEY = 0x66616374_6462  # "factdb"

# PostgreSQL stores at least this many new pairs with COPY (fewer: a plain INSERT)
COPY_MIN_ROWS = 1000

# The columns of a contradiction row as the bulk inserts take them, in this order.
CONTRADICTION_COLUMNS = (
    "claim_a_id",
    "claim_b_id",
    "kind",
    "scope",
    "hardness",
    "severity",
    "detector_version",
    "status",
)

# The as-of date as a proleptic ordinal (date.toordinal), computed by the database.
_DAY_SQL = {
    "sqlite": "CAST(julianday(substr(as_of, 1, 10)) - 1721424.5 AS INTEGER)",
    "postgresql": "(as_of - DATE '0001-01-01' + 1)",
}


def chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """``values`` in slices of at most ``CHUNK``: one IN list each."""
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def lock_writers(session: Session) -> None:
    """Make this transaction the only writer until it ends, as SQLite's ``BEGIN IMMEDIATE``
    already does; on PostgreSQL a transaction-scoped advisory lock.

    Why: under READ COMMITTED two concurrent transactions cannot see each other's uncommitted
    rows, so both could store one syndicated text as an original, and detection in each
    would miss the pair the two articles form together (both seen in tests with 4 ingest
    processes). Only writing is serialised: reading and extraction, the slow part, still run
    in parallel. Re-entrant within a transaction. Other backends: no lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def day_number_sql(dialect: str) -> str | None:
    """SQL for the claim's as-of date as a proleptic ordinal, None where not known."""
    return _DAY_SQL.get(dialect)


def insert_contradictions(connection: Connection, rows: list[tuple]) -> list[int]:
    """Insert contradiction rows (``CONTRADICTION_COLUMNS``, in pair order); pairs already
    stored are skipped. Returns the new rows' ids, ascending (they follow pair order)."""
    insert_rows = BULK_INSERTS.get(connection.dialect.name, insert_portable)
    return insert_rows(connection, rows)


def insert_sqlite(connection: Connection, rows: list[tuple]) -> list[int]:
    """SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so the new rows are
    exactly those above the current maximum id; plain executemany is ~10x faster than
    building an INSERT ... RETURNING per batch."""
    before = connection.execute(select(func.coalesce(func.max(Contradiction.id), 0))).scalar()
    placeholders = ", ".join("?" * len(CONTRADICTION_COLUMNS))
    connection.connection.driver_connection.executemany(  # type: ignore[union-attr]
        f"INSERT INTO contradiction ({', '.join(CONTRADICTION_COLUMNS)}, created_at, updated_at) "
        f"VALUES ({placeholders}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) "
        "ON CONFLICT (claim_a_id, claim_b_id) DO NOTHING",
        rows,
    )
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"SELECT id FROM contradiction WHERE id > {int(before)} ORDER BY id")
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def insert_postgresql(
    connection: Connection, rows: list[tuple], copy_min_rows: int = COPY_MIN_ROWS
) -> list[int]:
    """PostgreSQL: COPY for many rows (psycopg 3), else INSERT ... ON CONFLICT DO NOTHING
    RETURNING id in batches."""
    driver = connection.connection.driver_connection
    if len(rows) >= copy_min_rows and hasattr(driver, "pipeline"):  # psycopg 3: COPY
        return _copy_postgresql(driver, rows)
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    table = Contradiction.__table__
    statement = (
        pg_insert(table)
        .on_conflict_do_nothing(index_elements=["claim_a_id", "claim_b_id"])
        .returning(table.c.id)
    )
    new: list[int] = []
    for chunk in chunks(_as_dicts(rows)):
        new.extend(connection.execute(statement, list(chunk)).scalars().all())
    return new


def _copy_postgresql(driver: Any, rows: list[tuple]) -> list[int]:
    """Many pairs into PostgreSQL: COPY them into a temporary table, then one INSERT ...
    SELECT with the same ON CONFLICT DO NOTHING, in pair order. Binding 8 parameters a row
    through executemany costs the client ~30 us a row; COPY ~2 us."""
    columns = ", ".join(CONTRADICTION_COLUMNS)
    with driver.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE factdb_new_pairs AS SELECT {columns} FROM contradiction "
            "WITH NO DATA"
        )
        try:
            with cursor.copy(f"COPY factdb_new_pairs ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO contradiction ({columns}) SELECT {columns} FROM factdb_new_pairs "
                "ORDER BY claim_a_id, claim_b_id "
                "ON CONFLICT (claim_a_id, claim_b_id) DO NOTHING RETURNING id"
            )
            new = sorted(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DROP TABLE factdb_new_pairs")
    return new


def insert_portable(connection: Connection, rows: list[tuple]) -> list[int]:
    """Any backend, plain Core: skip the pairs already stored, insert the rest in pair
    order, then read their ids back by pair. The caller holds the writer lock, so no other
    transaction stores one of these pairs in between."""
    table = Contradiction.__table__
    a, b = table.c.claim_a_id, table.c.claim_b_id

    def stored(pairs: list[tuple]) -> Iterator[tuple[int, int, int]]:
        for chunk in chunks(sorted({pair[0] for pair in pairs})):
            for row in connection.execute(select(table.c.id, a, b).where(a.in_(chunk))):
                yield row[0], row[1], row[2]

    existing = {(first, second) for _, first, second in stored(rows)}
    new_rows = [row for row in rows if (row[0], row[1]) not in existing]
    if not new_rows:
        return []
    connection.execute(insert(table), _as_dicts(new_rows))
    wanted = {(row[0], row[1]) for row in new_rows}
    return sorted(i for i, first, second in stored(new_rows) if (first, second) in wanted)


def _as_dicts(rows: list[tuple]) -> list[dict[str, Any]]:
    return [dict(zip(CONTRADICTION_COLUMNS, row, strict=True)) for row in rows]


# The fast bulk insert of each backend that has one, by dialect name; any other backend
# uses ``insert_portable``.
BULK_INSERTS = {"sqlite": insert_sqlite, "postgresql": insert_postgresql}
