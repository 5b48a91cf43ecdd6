"""Who may see what (SYNC.md "Scope").

Every synced row either is *shared* (territories, catalogs, commissions — names and
territories, no personal data, and every child or case refers to one: a district holding
a child registered by the regional commission must hold that commission too) or is
*owned* by one territory:

- a commission's compositions (acts, memberships): the commission's territory;
- a child and what hangs on it (representatives, categories, register entries, cases):
  the child's district (`Child.district_id`), or the commission's territory when the
  child has no district;
- a meeting and everything recorded at it (agenda, attendance, invited persons,
  recusals, votes, dissenting opinions, amendments, decisions, measures, reports,
  assessments): the territory of the meeting's commission.

An office may see a row owned by its own territory or any territory under it: a
district sees its own, the regional office everything of the districts under it.
The same rules decide what the sender exports and what the receiver accepts.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.chunks import chunks

SHARED_TABLES = frozenset({"territory", "catalog_item", "commission"})

_CHILD = ("SELECT c.id AS id, coalesce(c.district_id, cm.territory_id) AS t FROM child c "
          "LEFT JOIN commission cm ON cm.id = c.commission_id")
_MEETING = ("SELECT m.id AS id, cm.territory_id AS t FROM meeting m "
            "LEFT JOIN commission cm ON cm.id = m.commission_id")

# Per table: SQL giving (row id, owning territory id) for every row.
OWNER_SQL: dict[str, str] = {
    "composition_act": "SELECT a.id AS id, cm.territory_id AS t FROM composition_act a "
                       "LEFT JOIN commission cm ON cm.id = a.commission_id",
    "membership": "SELECT ms.id AS id, cm.territory_id AS t FROM membership ms "
                  "LEFT JOIN composition_act a ON a.id = ms.act_id "
                  "LEFT JOIN commission cm ON cm.id = a.commission_id",
    "child": _CHILD,
    **{t: f"SELECT x.id AS id, o.t AS t FROM {t} x LEFT JOIN ({_CHILD}) o ON o.id = x.child_id"
       for t in ("legal_representative", "child_category", "register_entry", "case_file")},
    "meeting": _MEETING,
    **{t: f"SELECT x.id AS id, o.t AS t FROM {t} x "
          f"LEFT JOIN ({_MEETING}) o ON o.id = x.meeting_id"
       for t in ("agenda_item", "attendance", "invited_person", "amendment", "decision")},
    **{t: f"SELECT x.id AS id, o.t AS t FROM {t} x JOIN agenda_item ai ON ai.id = x.agenda_item_id "
          f"LEFT JOIN ({_MEETING}) o ON o.id = ai.meeting_id"
       for t in ("recusal", "vote", "dissenting_opinion")},
    "measure": f"SELECT x.id AS id, o.t AS t FROM measure x JOIN decision d ON d.id = x.decision_id "
               f"LEFT JOIN ({_MEETING}) o ON o.id = d.meeting_id",
    **{t: f"SELECT x.id AS id, o.t AS t FROM {t} x JOIN measure ms ON ms.id = x.measure_id "
          f"JOIN decision d ON d.id = ms.decision_id "
          f"LEFT JOIN ({_MEETING}) o ON o.id = d.meeting_id"
       for t in ("measure_report", "assessment")},
}


def _sql(table: str) -> str:
    return OWNER_SQL[table]


def territory_parents(s: Session) -> dict[str, str | None]:
    return {r[0]: r[1] for r in s.execute(text("SELECT id, parent_id FROM territory"))}


def territories_under(s: Session, root: str) -> frozenset[str]:
    """`root` and every territory below it."""
    parents = territory_parents(s)
    inside: set[str] = {root}
    changed = True
    while changed:
        changed = False
        for tid, parent in parents.items():
            if parent in inside and tid not in inside:
                inside.add(tid)
                changed = True
    return frozenset(inside)


def owners(s: Session, table: str, row_ids: Iterable[str] | None = None) -> dict[str, str | None]:
    """{row id: owning territory} for rows of an owned table (all rows if row_ids is None)."""
    if table in SHARED_TABLES:
        raise ValueError(f"{table} is shared")
    sql = _sql(table)
    if row_ids is None:
        return {r[0]: r[1] for r in s.execute(text(sql))}
    ids = list(dict.fromkeys(row_ids))
    found: dict[str, str | None] = {}
    conn = s.connection()  # plain "?" marks: a package can ask about 100k rows
    for chunk in chunks(ids):
        found.update(conn.exec_driver_sql(
            f"SELECT * FROM ({sql}) WHERE id IN ({', '.join('?' * len(chunk))})",
            tuple(chunk)).all())
    return found


class Scope:
    """What one office (by its territory) may see."""

    def __init__(self, s: Session, territory_id: str) -> None:
        self.territory_id = territory_id
        self.allowed = territories_under(s, territory_id)

    def visible_ids(self, s: Session, table: str, row_ids: Iterable[str]) -> set[str]:
        """The ids among `row_ids` this office may see (rows unknown here are not)."""
        ids = list(row_ids)
        if table in SHARED_TABLES:
            return set(ids)
        return {rid for rid, owner in owners(s, table, ids).items() if owner in self.allowed}

    def filter(self, s: Session, table: str, row_ids: Iterable[str]) -> set[str]:
        return self.visible_ids(s, table, row_ids)


def check_tables_known(tables: Iterable[str]) -> list[str]:
    """Synced tables with no scope rule (a new table must get one here)."""
    return [t for t in tables if t not in SHARED_TABLES and t not in OWNER_SQL]
