"""Alembic environment: always runs on the connection handed in by app.migrate."""

from alembic import context

import app.models  # noqa: F401  (registers every table)
from app.models import Base

connection = context.config.attributes["connection"]


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # PostgreSQL's trigram indexes (…_issue18_registry_trigram.py) have no model twin.
    return not (type_ == "index" and name and name.endswith("_trgm"))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copy-and-move
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
