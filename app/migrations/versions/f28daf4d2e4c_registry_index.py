"""registry index: the children's registry in name order, per commission

The registry (app/services/registry.py) lists a commission's live children ordered by
(search_key, id) and stops after a page. With this index SQLite walks the children in
that order without sorting, checks the text filter (search_key) and the district
filter (district_id, carried as the last column) on the index entries, and reads a
table row only for a match. Without it, a keystroke sorted all 100,000 children.

The model declares the same index (Child.__table_args__), so autogenerate agrees.

Revision ID: f28daf4d2e4c
Revises: 98f51251c0c8
Create Date: 2026-11-25 20:06:18.508395
"""

from collections.abc import Sequence

from alembic import op

revision: str = 'f28daf4d2e4c'
down_revision: str | None = '98f51251c0c8'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain CREATE INDEX: no batch mode, so the table (and its change-capture
    # triggers) is left as it is.
    op.create_index('ix_child_registry', 'child',
                    ['commission_id', 'deleted', 'search_key', 'id', 'district_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_child_registry', table_name='child')
