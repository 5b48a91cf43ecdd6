"""The protocol: every part DOMAIN.md lists, in Russian and Kazakh; the redacted variant;
page numbering of a long protocol; fonts, metadata and the atomic write."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from app.i18n import tr
from app.reports import layout, samples
from app.reports.protocol import build_protocol
from app.services import documents
from app.services.context import today
from tests.reports.conftest import KAZAKH_LETTERS, font_names, pages_text, text

# Labels as a secretary expects them (the glossary of DOMAIN.md): these fail if the
# catalogs lose the translations, not only if the code drops a part.
PARTS = {
    "ru": ["ПРОТОКОЛ № {number}", "Расширенное заседание", "Председательствующий:",
           "Секретарь:", "Присутствовали члены комиссии (6):",
           "Отсутствовали члены комиссии (1):", "болезнь", "Приглашённые:",
           "Присутствуют 6 из 7 членов комиссии; кворум (4) имеется, заседание правомочно.",
           "ПОВЕСТКА ДНЯ:", "СЛУШАЛИ:", "ВЫСТУПИЛИ:",
           "разъяснены их права и обязанности", "Ходатайства:", "ПОСТАНОВИЛИ (решение №",
           "ГОЛОСОВАЛИ: за — 3, против — 1, воздержались — 0.",
           "Не голосовали (заявлен конфликт интересов): Петрова Ольга Викторовна.",
           "Особое мнение (Үсенов Дәурен Ғалымұлы):", "Решение принято.",
           "Рассмотрение вопроса перенесено на заседание № {next}.",
           "Контроль исполнения:", "Мера на контроле:", "Эффективность меры: эффективна",
           "прибыл(а) к вопросу 2", "ИЗМЕНЕНИЯ В ПРОТОКОЛ:", "Начало: 10:00. Окончание: 12:15."],
    "kk": ["№ {number} ХАТТАМА", "Кеңейтілген отырыс", "Төрағалық етуші:", "Хатшы:",
           "Қатысқан комиссия мүшелері (6):", "Қатыспаған комиссия мүшелері (1):", "науқас",
           "Шақырылғандар:", "Комиссияның 7 мүшесінің 6 мүшесі қатысуда; кворум (4) бар",
           "КҮН ТӘРТІБІ:", "ТЫҢДАЛДЫ:", "СӨЙЛЕДІ:", "құқықтары мен міндеттері түсіндірілді",
           "Өтінішхаттар:", "ҚАУЛЫ ЕТТІ (№",
           "ДАУЫС БЕРДІ: жақтап — 3, қарсы — 1, қалыс қалды — 0.",
           "Дауыс бермегендер (мүдделер қақтығысы мәлімделді): Петрова Ольга Викторовна.",
           "Ерекше пікір (Үсенов Дәурен Ғалымұлы):", "Шешім қабылданды.",
           "Мәселені қарау № {next} отырысқа ауыстырылды.", "Орындалуын бақылау:",
           "Бақылаудағы шара:", "Шараның тиімділігі: тиімді", "2-мәселеден бастап қатысты",
           "ХАТТАМАҒА ӨЗГЕРІСТЕР:", "Басталуы: 10:00. Аяқталуы: 12:15."],
}
# Names recorded through the services: printed as written in either language.
NAMES = ["Сәрсенбаева Гүлнар Қайратқызы", "Оспанова Әйгерім Нұрланқызы",
         "Иванов Сергей Петрович", "Жақсыбай Ерлан Серікұлы", "Мұқанова Ләззат Төлегенқызы",
         "Үсенов Дәурен Ғалымұлы", "Төлеуова Сәуле Бекқызы", "Ахметова Дана Ерлановна",
         "Иванов С.П.", "Қасымова Ә.Т."]
# Typed texts: each document prints its own language's.
VALUES = {
    "ru": ["с. Баянаул, акимат района, зал заседаний", "заместитель акима района",
           "Нахождение в ночное время без сопровождения",
           "Вынести несовершеннолетнему Төлеуову Нұрсұлтану Асхатұлы предупреждение.",
           "Служба поддержки семьи; Қасымова Ә.Т.", "Отдел образования района",
           "Вовлечь в спортивную секцию (футбол, бокс)",
           "Считаю необходимым поставить семью на учёт", "Снять меру с контроля",
           "План составлен, проведено четыре встречи, пропусков нет.",
           "О профилактике буллинга в школах района",
           "О профилактике буллинга и кибербуллинга в школах района", "Травля в школе",
           "Уточнено название вопроса"],
    "kk": ["Баянауыл а., аудан әкімдігі, мәжіліс залы", "аудан әкімінің орынбасары",
           "Түнгі уақытта ересектердің қарауынсыз жүру",
           "Кәмелетке толмаған Төлеуов Нұрсұлтан Асхатұлына ескерту жасалсын.",
           "Отбасын қолдау қызметі; Қасымова Ә.Т.", "Аудандық білім бөлімі",
           "Спорт секциясына (футбол, бокс) тарту",
           "Отбасын қиын өмірлік жағдайдағы отбасы ретінде есепке алу қажет",
           "Шара орындалған ретінде бақылаудан алынсын.",
           "Жоспар құрылды, төрт кездесу өткізілді, сабақ босату жоқ.",
           "Аудан мектептеріндегі буллингтің алдын алу туралы",
           "Аудан мектептеріндегі буллинг пен кибербуллингтің алдын алу туралы",
           "Мектептегі қудалау", "Мәселенің атауы нақтыланды"],
}


def _protocol(read, tmp_path, lang, redacted=False):
    s, admin, sc = read
    out = tmp_path / f"protocol-{lang}.pdf"
    build_protocol(documents.protocol_data(s, admin, sc.main.id, lang, redacted=redacted),
                   lang, out)
    return out, sc


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_protocol_has_every_part_and_value(read, tmp_path, lang):
    out, sc = _protocol(read, tmp_path, lang)
    body = text(out)
    s = read[0]
    commission = documents._header(s, sc.main.commission_id).name(lang)
    assert " ".join(commission.upper().split()) in body
    for part in PARTS[lang]:
        assert part.format(number=sc.main.label, next=sc.next.label) in body, part
    for value in NAMES + VALUES[lang]:
        assert value in body, value
    # Only the document's language: none of the other language's typed texts.
    for value in VALUES["kk" if lang == "ru" else "ru"]:
        assert value not in body, value
    # The meeting's date and the measures' deadlines (scenario: today + 30, 20, 60 days).
    for d in (sc.main.date, *(today() + dt.timedelta(days=n) for n in (30, 20, 60))):
        assert d.strftime("%d.%m.%Y") in body
    # The four items appear in the agenda and again as sections, in order.
    assert [int(n) for n in re.findall(r"(?<![\d/.])([1-4])\. ", body)][:8] == [1, 2, 3, 4] * 2
    # The signatures close the last page.
    last = pages_text(out)[-1]
    signers = [tr(lang, "Presiding member"), tr(lang, "Secretary")]
    assert all(x in last for x in signers + ["Сәрсенбаева Гүлнар Қайратқызы"])


def test_kazakh_letters_survive_in_the_kazakh_protocol(read, tmp_path):
    out, _ = _protocol(read, tmp_path, "kk")
    body = text(out)
    assert set(KAZAKH_LETTERS) <= set(body.lower())
    assert "БАЯНАУЫЛ АУДАНЫ ӘКІМДІГІНІҢ КӘМЕЛЕТКЕ ТОЛМАҒАНДАРДЫҢ" in body
    assert "Қатысқан комиссия мүшелері" in body and "ҚАУЛЫ ЕТТІ" in body


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_redacted_protocol_hides_children_and_relatives(read, tmp_path, lang):
    out, sc = _protocol(read, tmp_path, lang, redacted=True)
    body = text(out)
    lowered = body.lower()
    for surname in sc.private_surnames:
        assert surname[:-1].lower() not in lowered, surname  # no inflected form either
    for name in ("Нұрсұлтан", "Сәуле", "Інжу", "Кирилл", "Наталья"):
        assert name not in body
    assert sc.iin not in body and not re.search(r"(?<!\d)\d{12}(?!\d)", body)
    # Initials and case codes instead; commission members and officials stay named.
    assert "Т. Н. А." in body and "Т. С. Б." in body and "Ә. І. С." in body
    case_code = re.escape(tr(lang, "Case No. {code}")).replace(re.escape("{code}"),
                                                                 r"\d+/\d{4}")
    assert len(re.findall(case_code, body)) >= 4  # items 1 and 4, in the agenda and below
    assert tr(lang, "Redacted copy") in body
    for official in ("Сәрсенбаева Гүлнар Қайратқызы", "Петрова Ольга Викторовна",
                     "Ахметова Дана Ерлановна", "Иванов С.П."):
        assert official in body


def test_the_full_protocol_does_show_the_names_the_redacted_one_hides(read, tmp_path):
    out, sc = _protocol(read, tmp_path, "ru")
    body = text(out)
    assert "Төлеуов Нұрсұлтан Асхатұлы" in body and sc.iin in body


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_40_item_protocol_numbers_every_page(tmp_path, lang):
    out = build_protocol(samples.meeting(40), lang, tmp_path / "long.pdf")
    pages = pages_text(out)
    n = len(pages)
    assert n > 15
    template = re.escape(tr(lang, "Page {page} of {pages}"))
    footer = re.compile(template.replace(re.escape("{pages}"), r"(?P<pages>\d+)")
                        .replace(re.escape("{page}"), r"(?P<page>\d+)"))
    for number, page in enumerate(pages, 1):
        found = [(int(m["page"]), int(m["pages"])) for m in footer.finditer(page)]
        assert found == [(number, n)]
    assert "40. " in pages[-1] or any("40. " in p for p in pages[-4:])
    assert tr(lang, "Presiding member") in pages[-1]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_metadata_fonts_and_language(read, tmp_path, lang):
    out, sc = _protocol(read, tmp_path, lang)
    reader = PdfReader(out)
    meta = reader.metadata
    assert meta.title == tr(lang, "Protocol No. {number}").format(number=sc.main.label)
    assert meta.author == documents._header(read[0], sc.main.commission_id).name(lang)
    assert meta.subject == tr(lang, "Protocol of the meeting of the commission")
    assert reader.trailer["/Root"]["/Lang"] == lang
    fonts = font_names(out)
    assert fonts and all(embedded for _, embedded in fonts)
    assert {name.split("+")[-1] for name, _ in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}


def test_a_failed_build_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch):
    out = tmp_path / "protocol.pdf"
    out.write_bytes(b"the signed copy")

    def broken(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(layout.NumberedCanvas, "save", broken)
    with pytest.raises(RuntimeError):
        build_protocol(samples.meeting(3), "ru", out)
    assert out.read_bytes() == b"the signed copy"
    assert [p.name for p in tmp_path.iterdir()] == ["protocol.pdf"]


def test_a_protocol_without_quorum_says_no_decision_was_adopted(tmp_path):
    import dataclasses

    doc = samples.meeting(2)
    items = (dataclasses.replace(doc.items[0], has_quorum=False, adopted=False),
             doc.items[1])
    doc = dataclasses.replace(doc, present=doc.present[:3], items=items)
    body = text(build_protocol(doc, "ru", tmp_path / "p.pdf"))
    assert "кворума (4) нет" in body
    assert "По этому вопросу не было кворума" in body
