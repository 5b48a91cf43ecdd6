"""The children's registry: synthetic children registered in bulk through the service.

Rows are generated from their own random stream, so the same seed gives the same
children whatever the meeting part of the demo does.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.domain.iin import Sex, make_iin
from app.models.enums import CatalogKind
from app.services import catalogs, children
from app.services.children import ChildInput

from .names import address, person, school
from .texts import ru
from .world import World

BATCH = 5000

# (territory code, locality for addresses, weight): the city of Pavlodar is the largest.
LOCALITIES = (
    ("kz_pavlodar_pavlodar_city", "г. Павлодар", 36),
    ("kz_pavlodar_ekibastuz_city", "г. Экибастуз", 16),
    ("kz_pavlodar_aksu_city", "г. Аксу", 8),
    ("kz_pavlodar_pavlodar_district", "с. Павлодарское", 5),
    ("kz_pavlodar_aktogay_district", "с. Актогай", 3),
    ("kz_pavlodar_bayanaul_district", "с. Баянаул", 4),
    ("kz_pavlodar_zhelezinka_district", "с. Железинка", 3),
    ("kz_pavlodar_irtysh_district", "с. Иртышск", 4),
    ("kz_pavlodar_terenkol_district", "с. Теренколь", 4),
    ("kz_pavlodar_akkuly_district", "с. Аккулы", 2),
    ("kz_pavlodar_may_district", "с. Коктобе", 2),
    ("kz_pavlodar_uspen_district", "с. Успенка", 3),
    ("kz_pavlodar_sharbakty_district", "с. Шарбакты", 4),
)
FAMILY = (
    None, None, None, "многодетная семья", "неполная семья (воспитывает мать)",
    "неполная семья (воспитывает отец)", "проживает с бабушкой", "семья с низким доходом",
    "родители работают вахтовым методом",
)


@dataclass(frozen=True, slots=True)
class Locality:
    territory_id: str
    name: str


def localities() -> tuple[list[Locality], list[int]]:
    return ([Locality(catalogs.seed_id("territory", code), name) for code, name, _ in
             LOCALITIES], [w for _, _, w in LOCALITIES])


def child_rows(seed: int, count: int, today: dt.date) -> Iterator[ChildInput]:
    """`count` synthetic minors aged 6 to 17, about 3 in 5 Kazakh, with unique valid IINs."""
    rng = random.Random(f"kenes-demo:{seed}:children")
    places, weights = localities()
    serials: dict[str, int] = {}
    for _ in range(count):
        sex = Sex.MALE if rng.random() < 0.58 else Sex.FEMALE
        kazakh = rng.random() < 0.6
        p = person(rng, sex, kazakh=kazakh)
        age = rng.choices(range(6, 18), weights=(2, 2, 3, 3, 4, 5, 6, 8, 9, 10, 10, 9))[0]
        birth = today - dt.timedelta(days=rng.randint(age * 365 + 3, age * 365 + 360))
        place = rng.choices(places, weights)[0]
        iin = None
        if rng.random() < 0.96:  # a few children arrive without a known IIN
            key = f"{birth.isoformat()}{sex.value}"
            iin = make_iin(birth, sex, serials.get(key, rng.randint(0, 2000)))
            serials[key] = int(iin[7:11]) + 1  # the next child of that day gets a new serial
        school_name, grade = school(rng, age) if age >= 7 else (None, None)
        yield ChildInput(
            surname=p.surname, first_name=p.first_name, patronymic=p.patronymic,
            birth_date=birth, sex=sex, iin=iin, address=ru(address(rng, place.name)),
            district_id=place.territory_id, school=ru(school_name), grade=grade,
            language="kk" if kazakh or rng.random() < 0.1 else "ru",
            family_situation=rng.choice(FAMILY))


def _batches(rows: Iterator[ChildInput], size: int) -> Iterator[list[ChildInput]]:
    batch: list[ChildInput] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def register_all(world: World, seed: int, count: int) -> tuple[list[str], list[ChildInput]]:
    """Register every child, one transaction per batch; returns ids and rows, in order."""
    ids: list[str] = []
    rows: list[ChildInput] = []
    for batch in _batches(child_rows(seed, count, world.today), BATCH):
        with world.db.session() as s:
            ids += children.register_children(s, world.secretary, world.commission_id, batch)
        rows += batch
    return ids, rows


CATEGORY_SAMPLE = ("family_difficult_situation", "neglect", "truancy", "bullying_victim",
                   "administrative_offence")


def mark_sample(world: World, ids: Sequence[str], rows: Sequence[ChildInput],
                skip: set[int]) -> int:
    """Risk categories and register entries for about 1 in 100 of the children without a
    case: a per-child service call each, so a sample rather than all 100,000."""
    rng = random.Random(f"{world.rng.random()}:sample")
    pool = [i for i in range(len(ids)) if i not in skip]
    picked = rng.sample(pool, min(len(pool), max(5, len(ids) // 100)))
    with world.db.session() as s:
        for n, i in enumerate(sorted(picked)):
            since = max(rows[i].birth_date, world.today - dt.timedelta(days=rng.randint(30, 900)))
            code = rng.choice(CATEGORY_SAMPLE)
            children.add_category(s, world.secretary, ids[i],
                                  world.cat(CatalogKind.CATEGORY, code), since)
            if n % 3 == 0:
                children.put_on_register(
                    s, world.secretary, ids[i], on=since,
                    reason=ru("Постановление комиссии (архивная запись до внедрения Kenes)"))
                if n % 9 == 0 and since < world.today - dt.timedelta(days=200):
                    children.remove_from_register(
                        s, world.secretary, ids[i], on=since + dt.timedelta(days=180),
                        reason=ru("Исправление поведения, устранение причин постановки на учёт"))
    return len(picked)
