"""Alembic environment: always runs on the connection handed in by app.migrate."""

from alembic import context

import app.models  # noqa: F401  (registers every table)
from app.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copy-and-move
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
