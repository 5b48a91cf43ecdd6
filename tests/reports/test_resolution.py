"""The resolution on a child: every part of DOMAIN.md "The resolution", in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from app.errors import NotFound, StateError, ValidationError
from app.i18n import tr
from app.reports.resolution import build_resolution
from app.services import documents
from app.services.context import today
from tests.reports.conftest import KAZAKH_LETTERS, font_names, pages_text, text

PARTS = {
    "ru": ["ПОСТАНОВЛЕНИЕ № {number}", "принято на заседании № {meeting}",
           "Председательствующий:", "Секретарь:", "Присутствовали члены комиссии:",
           "Отсутствовали члены комиссии:", "болезнь",
           "не присутствовал(а) при рассмотрении вопроса", "Также присутствовали:",
           "Рассмотренный вопрос:", "Несовершеннолетний:", "дата рождения 14.03.2012",
           "ИИН {iin}", "КОМИССИЯ УСТАНОВИЛА:", "Выявленные нарушения прав ребёнка:",
           "Причины и условия, способствовавшие этому:", "комиссия ПОСТАНОВИЛА:",
           "Меры, которые должны принять ответственные органы:",
           "ГОЛОСОВАЛИ: за — 3, против — 1, воздержались — 0.",
           "Порядок обжалования:", "в вышестоящую комиссию или в суд в течение 10 дней",
           "Копии вручаются в течение 3 дней:", "Председательствующий"],
    "kk": ["№ {number} ҚАУЛЫ", "№ {meeting} отырыста қабылданды", "Төрағалық етуші:",
           "Хатшы:", "Қатысқан комиссия мүшелері:", "Қатыспаған комиссия мүшелері:", "науқас",
           "мәселені қарау кезінде қатыспады", "Сондай-ақ қатысқандар:", "Қаралған мәселе:",
           "Кәмелетке толмаған:", "туған күні 14.03.2012", "ЖСН {iin}", "КОМИССИЯ АНЫҚТАДЫ:",
           "Бала құқықтарының анықталған бұзушылықтары:",
           "Оған ықпал еткен себептер мен жағдайлар:", "комиссия ҚАУЛЫ ЕТТІ:",
           "Жауапты органдар қабылдауға тиіс шаралар:",
           "ДАУЫС БЕРДІ: жақтап — 3, қарсы — 1, қалыс қалды — 0.", "Шағымдану тәртібі:",
           "10 күн ішінде жоғары тұрған комиссияға немесе сотқа",
           "Көшірмелері 3 күн ішінде табысталады:", "Төрағалық етуші"],
}
NAMES = ["Сәрсенбаева Гүлнар Қайратқызы", "Оспанова Әйгерім Нұрланқызы",
         "Иванов Сергей Петрович", "Мұқанова Ләззат Төлегенқызы", "Жақсыбай Ерлан Серікұлы",
         "Төлеуова Сәуле Бекқызы", "Ахметова Дана Ерлановна", "Төлеуов Нұрсұлтан Асхатұлы",
         "10:00"]
VALUES = {
    "ru": ["Школа-гимназия № 1", "Нахождение в ночное время без сопровождения",
           "с. Баянаул, ул. Сатпаева, 12",
           "законного представителя; мать работает в ночную смену",
           "Нарушено право ребёнка на надлежащий присмотр.",
           "Занятость матери в ночное время, отсутствие организованного досуга.",
           "Вынести несовершеннолетнему Төлеуову Нұрсұлтану Асхатұлы предупреждение.",
           "Оценить потребности семьи и оказать социально-психологическую помощь",
           "Служба поддержки семьи", "с. Баянаул, акимат района, зал заседаний"],
    "kk": ["№ 1 мектеп-гимназия", "Түнгі уақытта ересектердің қарауынсыз жүру",
           "Баянауыл а., Сәтбаев к-сі, 12", "анасы түнгі ауысымда жұмыс істейді",
           "Баланың тиісті қадағалауға құқығы бұзылды.",
           "Анасының түнгі уақыттағы жұмысы, ұйымдастырылған бос уақыттың болмауы.",
           "Кәмелетке толмаған Төлеуов Нұрсұлтан Асхатұлына ескерту жасалсын.",
           "Отбасының қажеттіліктерін бағалап, әлеуметтік-психологиялық көмек көрсету",
           "Отбасын қолдау қызметі", "Баянауыл а., аудан әкімдігі, мәжіліс залы"],
}


def _resolution(read, tmp_path, lang, position=1):
    s, admin, sc = read
    doc = documents.resolution_data(s, admin, sc.main.id, position, lang)
    return build_resolution(doc, lang, tmp_path / f"resolution-{lang}.pdf"), sc


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_resolution_has_every_part(read, tmp_path, lang):
    out, sc = _resolution(read, tmp_path, lang)
    body = text(out)
    number = f"{sc.main.number}/1"
    for part in PARTS[lang]:
        assert part.format(number=number, meeting=sc.main.label, iin=sc.iin) in body, part
    for value in NAMES + VALUES[lang]:
        assert value in body, value
    for value in VALUES["kk" if lang == "ru" else "ru"]:
        assert value not in body, value
    for d in (sc.main.date, today() + dt.timedelta(days=30), today() + dt.timedelta(days=20)):
        assert d.strftime("%d.%m.%Y") in body
    # Copies: the mother and every body with a measure; the signatures share their page.
    last = pages_text(out)[-1]
    assert "Төлеуова Сәуле Бекқызы" in last
    assert {"ru": "Служба поддержки семьи", "kk": "Отбасын қолдау қызметі"}[lang] in last
    assert tr(lang, "Presiding member") in last
    # Recused and absent members are not listed as present.
    present = body.split(PARTS[lang][4])[1].split(PARTS[lang][5])[0]
    assert "Иванов Сергей Петрович" in present and "Мұқанова" not in present


def test_kazakh_resolution_keeps_kazakh_letters_and_metadata(read, tmp_path):
    out, sc = _resolution(read, tmp_path, "kk")
    assert set(KAZAKH_LETTERS) <= set(text(out).lower())
    reader = PdfReader(out)
    assert reader.metadata.title == f"№ {sc.main.number}/1 қаулы"
    assert reader.trailer["/Root"]["/Lang"] == "kk"
    assert all(embedded for _, embedded in font_names(out))


def test_only_a_decision_on_a_child_has_a_resolution(read, tmp_path):
    s, admin, sc = read
    with pytest.raises(ValidationError):  # item 2: a general question
        documents.resolution_data(s, admin, sc.main.id, 2, "ru")
    with pytest.raises(StateError):  # item 4: postponed, no decision
        documents.resolution_data(s, admin, sc.main.id, 4, "ru")
    with pytest.raises(NotFound):
        documents.resolution_data(s, admin, sc.main.id, 9, "ru")
