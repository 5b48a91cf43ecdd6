"""session state: what the live session needs to survive a crash

- meeting.current_item_id: the item on screen, so a restarted session resumes there
  (an agenda_item id, deliberately without a FOREIGN KEY constraint: adding one would
  rebuild the meeting table, which every other meeting table references);
- agenda_item.time_spent_s: seconds spent on the item so far;
- agenda_item.draft: the draft decision and measures (JSON) typed before the vote.

Plain ALTER TABLE ADD COLUMN (no batch rebuild); the change-capture triggers of the two
synced tables are regenerated for the new columns.

Revision ID: acd77f08b6ef
Revises: f28daf4d2e4c
Create Date: 2026-11-25 20:15:14.624785
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.sync import capture

revision: str = 'acd77f08b6ef'
down_revision: str | None = 'f28daf4d2e4c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('agenda_item', sa.Column('time_spent_s', sa.Integer(),
                                           server_default=sa.text('0'), nullable=False))
    op.add_column('agenda_item', sa.Column('draft', sa.Text(), nullable=True))
    op.add_column('meeting', sa.Column('current_item_id', sa.String(length=36),
                                       nullable=True))
    capture.install(op.get_bind())  # synced tables changed: regenerate their triggers


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('current_item_id')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_column('draft')
        batch_op.drop_column('time_spent_s')
    capture.install(op.get_bind())
