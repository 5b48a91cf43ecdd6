"""server place: where a database on a server started its origin

sync_state.place holds the PostgreSQL cluster's system identifier and the database's
oid when the current origin was started; a database restored or copied elsewhere finds
another place on open and starts a new origin (app/sync/epoch_server.py). SQLite files
leave it empty (their copies are found through the data folder's registry).
Plain ALTER TABLE ADD COLUMN: sync_state is not a synced table (no trigger to redo).

Revision ID: f92d407f8047
Revises: d6e33aad13c1
Create Date: 2026-12-02 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'f92d407f8047'
down_revision: str | None = 'd6e33aad13c1'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('sync_state', sa.Column('place', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_state') as batch:
        batch.drop_column('place')
