"""issue 12, bilingual text: typed texts that reach a document hold Russian and Kazakh

Each such column `x` becomes the pair `x_ru`, `x_kk` (app/domain/bilingual.py; the models
map the pair as one `Bilingual` composite). Existing text goes to the language it is
written in: Kazakh when it has a letter Russian lacks (ә ғ қ ң ө ұ ү һ і) or more Kazakh
than Russian marker words ("туралы", "және" against "в", "на"), else Russian.
Every office runs this same rule on the same rows, so the move is not logged as changes
(the capture triggers are dropped while it runs and regenerated after).

Amendments name the corrected column, so an amendment of `heard` now names `heard_ru` or
`heard_kk` by the language of its new text. The commission and each meeting get a
working language: Kazakh where most of the commission's meeting places and item titles
were Kazakh, else Russian.

Plain ALTER TABLE (add, copy, drop) rather than batch rebuilds: no table that others
reference is copied, and the whole migration is one transaction.

Revision ID: b7e1c2a9d4f0
Revises: b3c1d2e4f5a6
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.sync import capture

revision: str = 'b7e1c2a9d4f0'
down_revision: str | None = 'b3c1d2e4f5a6'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KAZAKH = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Frozen copies of app.domain.bilingual's word lists: a migration must not change later.
_KAZAKH_WORDS = frozenset({"туралы", "және", "бойынша", "жөнінде", "жөніндегі", "үшін",
                           "мен", "бен", "пен", "немесе", "емес", "жылғы", "жылы", "бар",
                           "жоқ", "ауданы", "облысы", "кезінде", "сияқты"})
_RUSSIAN_WORDS = frozenset({"и", "в", "во", "на", "по", "о", "об", "с", "со", "для", "от",
                            "к", "из", "за", "не", "что", "как", "при", "года", "района",
                            "области", "города"})

# (table, column, type): the columns split into _ru/_kk, with the type of each half.
SPLIT = (
    ("meeting", "place", sa.String(500)),
    ("agenda_item", "title", sa.String(1000)),
    ("agenda_item", "heard", sa.Text()),
    ("agenda_item", "spoke", sa.Text()),
    ("agenda_item", "motions", sa.Text()),
    ("attendance", "reason_note", sa.String(500)),
    ("invited_person", "organisation", sa.String(300)),
    ("dissenting_opinion", "text", sa.Text()),
    ("amendment", "reason", sa.Text()),
    ("decision", "text", sa.Text()),
    ("decision", "circumstances", sa.Text()),
    ("decision", "rights_violations", sa.Text()),
    ("decision", "causes", sa.Text()),
    ("measure", "text", sa.Text()),
    ("measure", "responsible_body", sa.String(300)),
    ("measure_report", "text", sa.Text()),
    ("assessment", "comment", sa.Text()),
    ("composition_act", "issuing_body", sa.String(300)),
    ("membership", "position", sa.String(500)),
    ("child", "address", sa.String(500)),
    ("child", "school", sa.String(300)),
    ("child", "curator_position", sa.String(300)),
    ("child", "consent_basis", sa.String(300)),
    ("legal_representative", "address", sa.String(500)),
    ("register_entry", "reason", sa.String(1000)),
    ("register_entry", "removal_reason", sa.String(1000)),
    ("case_file", "description", sa.Text()),
)
INDEXED = {("measure", "responsible_body")}
# Amendments of these fields name the column they correct.
AMENDABLE = {("agenda_item", c) for c in ("title", "heard", "spoke", "motions")} | {
    ("decision", c) for c in ("text", "circumstances", "rights_violations", "causes")} | {
    ("measure", c) for c in ("text", "responsible_body")}


def _lang(text: str | None) -> str:
    if not text:
        return "ru"
    if _KAZAKH.intersection(text):
        return "kk"
    words = [w.strip(".,;:!?()«»\"'").casefold() for w in text.split()]
    kazakh = sum(w in _KAZAKH_WORDS for w in words)
    return "kk" if kazakh > sum(w in _RUSSIAN_WORDS for w in words) else "ru"


def _drop_capture(conn: sa.Connection) -> None:
    if conn.dialect.name != "sqlite":  # capture on a server is not by these triggers
        return
    for name in capture.installed_triggers(conn):
        if name.startswith(capture.TRIGGER_PREFIX):
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')


def upgrade() -> None:
    conn = op.get_bind()
    _drop_capture(conn)
    for table, column, type_ in SPLIT:
        for lang in ("ru", "kk"):
            op.add_column(table, sa.Column(f"{column}_{lang}", type_, nullable=True))
        rows = conn.exec_driver_sql(
            f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL').all()
        by_lang: dict[str, list[dict]] = {"ru": [], "kk": []}
        for row_id, value in rows:
            by_lang[_lang(value)].append({"id": row_id, "v": value})
        for lang, params in by_lang.items():
            if params:
                conn.execute(sa.text(f'UPDATE "{table}" SET "{column}_{lang}" = :v '
                                     'WHERE id = :id'), params)
        if (table, column) in INDEXED:
            op.drop_index(f"ix_{table}_{column}", table_name=table)
            op.create_index(f"ix_{table}_{column}_ru", table, [f"{column}_ru"])
            op.create_index(f"ix_{table}_{column}_kk", table, [f"{column}_kk"])
        conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    amendments = conn.exec_driver_sql(
        "SELECT id, target_table, field, new_text FROM amendment").all()
    for row_id, table, field, new_text in amendments:
        if (table, field) in AMENDABLE:
            conn.execute(sa.text("UPDATE amendment SET field = :f WHERE id = :id"),
                         {"f": f"{field}_{_lang(new_text)}", "id": row_id})
    for table in ("commission", "meeting"):
        op.add_column(table, sa.Column("working_language", sa.String(2), nullable=False,
                                       server_default="ru"))
    _working_languages(conn)
    capture.install(conn)


def _working_languages(conn: sa.Connection) -> None:
    """Kazakh for a commission whose meeting places and item titles were mostly Kazakh."""
    for (commission_id,) in conn.exec_driver_sql("SELECT id FROM commission").all():
        counts = conn.execute(sa.text(
            "SELECT count(m.place_kk) + count(i.title_kk), count(m.place_ru) + "
            "count(i.title_ru) FROM meeting m LEFT JOIN agenda_item i ON i.meeting_id = m.id "
            "WHERE m.commission_id = :c"), {"c": commission_id}).one()
        if (counts[0] or 0) > (counts[1] or 0):
            conn.execute(sa.text("UPDATE commission SET working_language = 'kk' WHERE id = :c"),
                         {"c": commission_id})
            conn.execute(sa.text("UPDATE meeting SET working_language = 'kk' "
                                 "WHERE commission_id = :c"), {"c": commission_id})


def downgrade() -> None:
    conn = op.get_bind()
    _drop_capture(conn)
    for table in ("commission", "meeting"):
        conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP COLUMN working_language')
    for table, field in AMENDABLE:
        for lang in ("ru", "kk"):
            conn.execute(sa.text("UPDATE amendment SET field = :f WHERE target_table = :t "
                                 "AND field = :lf"), {"f": field, "t": table,
                                                      "lf": f"{field}_{lang}"})
    for table, column, type_ in SPLIT:
        op.add_column(table, sa.Column(column, type_, nullable=True))
        conn.exec_driver_sql(f'UPDATE "{table}" SET "{column}" = '
                             f'coalesce("{column}_ru", "{column}_kk")')
        if (table, column) in INDEXED:
            op.drop_index(f"ix_{table}_{column}_ru", table_name=table)
            op.drop_index(f"ix_{table}_{column}_kk", table_name=table)
            op.create_index(f"ix_{table}_{column}", table, [column])
        for lang in ("ru", "kk"):
            conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}_{lang}"')
    capture.install(conn)
