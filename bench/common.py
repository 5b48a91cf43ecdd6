"""What every benchmark shares: the bare child table of the raw baselines."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from app.domain.bilingual import Bilingual
from app.domain.ids import new_id
from app.services.children import ChildInput, search_key

# The columns of Kenes's `child` table, in the order the baseline inserts them.
COLUMNS = ("id", "deleted", "commission_id", "surname", "first_name", "patronymic", "iin",
           "birth_date", "sex", "address_ru", "address_kk", "district_id", "school_ru",
           "school_kk", "grade", "language", "family_situation", "curator_name",
           "curator_position_ru", "curator_position_kk", "curator_assigned_on", "consent_by",
           "consent_on", "consent_basis_ru", "consent_basis_kk", "search_key")


def child_tuples(rows: Sequence[ChildInput], commission_id: str) -> list[tuple]:
    """The rows as Kenes stores them (ids, folded search key), ready for executemany."""
    out = []
    for r in rows:
        data: dict[str, object] = {}
        for f in fields(ChildInput):
            value = getattr(r, f.name)
            if isinstance(value, Bilingual):  # two columns: x_ru, x_kk
                data[f"{f.name}_ru"], data[f"{f.name}_kk"] = value.ru, value.kk
            else:
                data[f.name] = value
        data.update(id=new_id(), deleted=0, commission_id=commission_id,
                    birth_date=r.birth_date.isoformat(), sex=r.sex.value,
                    search_key=search_key(r.surname, r.first_name, r.patronymic, r.iin))
        out.append(tuple(data.get(c) for c in COLUMNS))
    return out


def raw_insert(path: Path, rows: list[tuple]) -> float:
    """Seconds to executemany `rows` into a bare table (same columns, no index, no
    trigger) and commit: what the same rows cost at the raw library level."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"CREATE TABLE child ({', '.join(COLUMNS)})")
        conn.commit()
        start = time.perf_counter()
        conn.executemany(f"INSERT INTO child VALUES ({', '.join('?' * len(COLUMNS))})", rows)
        conn.commit()
        return time.perf_counter() - start
    finally:
        conn.close()


def file_size(path: Path) -> int:
    """Bytes on disk, the write-ahead log included."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
