"""registry trigram index: the children's name filter on a server (PostgreSQL only)

The registry filter matches words anywhere in the folded `child.search_key`
(LIKE '%word%'). SQLite walks ix_child_registry in name order and stops after a page;
on a regional server with a million children a rare word would make that walk long, so
PostgreSQL gets a pg_trgm GIN index that answers LIKE '%word%' directly, and its
planner picks whichever is cheaper. pg_trgm is a trusted extension: the database's
owner may create it. SQLite files are unchanged. migrations/env.py leaves indexes named
*_trgm out of the models comparison (the models know no index method).

Revision ID: b3c1d2e4f5a6
Revises: f92d407f8047
Create Date: 2026-12-02 14:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = 'b3c1d2e4f5a6'
down_revision: str | None = 'f92d407f8047'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE INDEX ix_child_search_trgm ON child "
               "USING gin (search_key gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_child_search_trgm")
