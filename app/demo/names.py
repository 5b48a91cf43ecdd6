"""Synthetic name, address and school pools for the demo commission.

Every person is a random combination of common first names, surnames and patronymics,
so no record describes a real person. Kazakh names keep the Kazakh letters (ә, ғ, қ, ң,
ө, ұ, ү, і) that search folding must cope with; Russian names follow Russian patterns.
Phones use the reserved-looking block "+7 700 000 …" and house numbers are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.domain.iin import Sex

KK_MALE = (
    "Әлихан", "Нұрлан", "Ерғали", "Қайрат", "Бауыржан", "Дәурен", "Шыңғыс", "Төлеген",
    "Ілияс", "Әлібек", "Нұрсұлтан", "Ерлан", "Серік", "Асхат", "Арман", "Данияр", "Ержан",
    "Мұхтар", "Ғалым", "Рүстем", "Темірлан", "Аңсар", "Санжар", "Айдос", "Алмас", "Нұрболат",
    "Ақжол", "Бекзат", "Дамир", "Еркебұлан", "Жандос", "Олжас", "Самат", "Тимур", "Ұлан",
)
KK_FEMALE = (
    "Әйгерім", "Аружан", "Ақбота", "Жұлдыз", "Інжу", "Гүлназ", "Күнсұлу", "Үміт", "Дана",
    "Айым", "Мөлдір", "Назерке", "Томирис", "Гүлнар", "Сәуле", "Дариға", "Ақмарал", "Балнұр",
    "Жанерке", "Асель", "Мадина", "Айдана", "Әсем", "Таңшолпан", "Нұрай", "Іңкәр", "Салтанат",
    "Айгүл", "Ботагөз", "Ләззат",
)
# Surnames that take -а in the feminine (Ахметов → Ахметова), and ones that never change.
KK_SURNAMES = (
    "Ахметов", "Жумабеков", "Жұмабеков", "Қасымов", "Төлеуов", "Әбенов", "Нұрғалиев",
    "Оңғаров", "Серікбаев", "Дәулетов", "Үсенов", "Ілиясов", "Оспанов", "Темірбеков",
    "Ермеков", "Жақсылықов", "Исабеков", "Кенжебаев", "Мұқанов", "Сағындықов", "Түребеков",
    "Омаров", "Бердібеков", "Әлімжанов", "Қалиев", "Байғожин", "Смағұлов", "Мұратов",
    "Ысқақов", "Тұрсынов", "Айтжанов", "Шәріпов",
)
KK_SURNAMES_FIXED = ("Сейткали", "Сейітқали", "Нұрмағамбет", "Жақсыбай", "Әміржан", "Бекбосын")

RU_MALE = (
    ("Александр", "Александрович", "Александровна"), ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Максим", "Максимович", "Максимовна"), ("Сергей", "Сергеевич", "Сергеевна"),
    ("Андрей", "Андреевич", "Андреевна"), ("Алексей", "Алексеевич", "Алексеевна"),
    ("Артём", "Артёмович", "Артёмовна"), ("Илья", "Ильич", "Ильинична"),
    ("Кирилл", "Кириллович", "Кирилловна"), ("Михаил", "Михайлович", "Михайловна"),
    ("Никита", "Никитич", "Никитична"), ("Иван", "Иванович", "Ивановна"),
    ("Егор", "Егорович", "Егоровна"), ("Владимир", "Владимирович", "Владимировна"),
    ("Павел", "Павлович", "Павловна"), ("Роман", "Романович", "Романовна"),
    ("Виктор", "Викторович", "Викторовна"), ("Олег", "Олегович", "Олеговна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"), ("Николай", "Николаевич", "Николаевна"),
    ("Денис", "Денисович", "Денисовна"), ("Юрий", "Юрьевич", "Юрьевна"),
)
RU_FEMALE = (
    "Анастасия", "Мария", "Дарья", "Анна", "Елизавета", "Полина", "Виктория", "Екатерина",
    "Софья", "Александра", "Ксения", "Алина", "Вероника", "Арина", "Валерия", "Юлия",
    "Ольга", "Татьяна", "Наталья", "Елена", "Ирина", "Светлана", "Людмила", "Галина",
)
RU_SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Сергеев",
    "Кузьмин", "Фролов", "Дмитриев", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков",
    "Сорокин", "Виноградов", "Ковалёв", "Белов", "Тарасов", "Жуков", "Баранов", "Комаров",
)
RU_SURNAMES_FIXED = ("Шевченко", "Бондаренко", "Ткаченко", "Миллер", "Шульц", "Коваль")

STREETS = (
    "ул. Абая", "ул. Торайгырова", "ул. Естая", "ул. Лермонтова", "ул. Сатпаева",
    "ул. Толстого", "ул. Ауэзова", "ул. Гагарина", "ул. Мира", "ул. Победы", "ул. Пушкина",
    "ул. Чокина", "ул. Кутузова", "ул. Ломова", "ул. Жамбыла", "ул. Майры", "ул. Казыбек би",
    "ул. Строительная", "ул. Школьная", "ул. Садовая", "ул. Степная", "ул. Центральная",
    "ул. Камзина", "ул. Академика Бектурова", "мкр. Сарыарка", "мкр. Химгородок",
)
SCHOOL_KINDS = ("Школа-гимназия", "Школа-лицей", "СОШ", "Общеобразовательная школа")
COLLEGES = ("Колледж № {n}", "Высший колледж № {n}", "Технический колледж № {n}")
GRADE_LETTERS = "АБВГД"


@dataclass(frozen=True, slots=True)
class Person:
    surname: str
    first_name: str
    patronymic: str
    sex: Sex
    kazakh: bool

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.first_name} {self.patronymic}"


def _feminine(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname  # Сейткали, Шевченко, Миллер: the same for both sexes


def _kk_patronymic(rng: random.Random, father: str, sex: Sex) -> str:
    # Both forms are in use: the Kazakh -ұлы/-қызы and the Russified -ович/-овна.
    if rng.random() < 0.55:
        return father + ("ұлы" if sex is Sex.MALE else "қызы")
    stem = father.replace("ә", "а").replace("ұ", "у").replace("ү", "у").replace("қ", "к")
    stem = stem.replace("ғ", "г").replace("ң", "н").replace("ө", "о").replace("і", "и")
    return stem + ("ович" if sex is Sex.MALE else "овна")


def person(rng: random.Random, sex: Sex, *, kazakh: bool, surname: str | None = None) -> Person:
    """A synthetic person; `surname` (masculine form) keeps a family's name."""
    if kazakh:
        base = surname or rng.choice(KK_SURNAMES + KK_SURNAMES_FIXED)
        first = rng.choice(KK_MALE if sex is Sex.MALE else KK_FEMALE)
        patronymic = _kk_patronymic(rng, rng.choice(KK_MALE), sex)
    else:
        base = surname or rng.choice(RU_SURNAMES + RU_SURNAMES_FIXED)
        father = rng.choice(RU_MALE)
        if sex is Sex.MALE:
            first = rng.choice(RU_MALE)[0]
            patronymic = father[1]
        else:
            first = rng.choice(RU_FEMALE)
            patronymic = father[2]
    last = base if sex is Sex.MALE else _feminine(base)
    return Person(last, first, patronymic, sex, kazakh)


def masculine(surname: str) -> str:
    """The family name a child's relatives share (Ахметова → Ахметов)."""
    if surname.endswith(("ова", "ева", "ёва", "ина")):
        return surname[:-1]
    return surname


def address(rng: random.Random, locality: str) -> str:
    street = rng.choice(STREETS)
    house = rng.randint(1, 180)
    if locality.startswith("г.") and rng.random() < 0.8:
        return f"{locality}, {street}, {house}, кв. {rng.randint(1, 160)}"
    return f"{locality}, {street}, {house}"


def school(rng: random.Random, age: int) -> tuple[str, str]:
    """A school (or college past 15) and a grade for the child's age."""
    if age >= 16 and rng.random() < 0.4:
        return rng.choice(COLLEGES).format(n=rng.randint(1, 24)), f"{age - 15} курс"
    grade = min(11, max(1, age - 6))
    kind = rng.choice(SCHOOL_KINDS)
    return f"{kind} № {rng.randint(1, 45)}", f"{grade} «{rng.choice(GRADE_LETTERS)}»"


def phone(rng: random.Random) -> str:
    return f"+7 700 000 {rng.randint(10, 99)} {rng.randint(10, 99)}"
