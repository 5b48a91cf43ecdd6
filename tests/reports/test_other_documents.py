"""Agenda, invitations, letters to bodies and the child's extract, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from app.errors import StorageError
from app.i18n import tr
from app.reports.agenda import build_agenda
from app.reports.extract import build_extract
from app.reports.invitation import build_invitations
from app.reports.letters import build_letters
from app.services import documents
from app.services.context import today
from tests.reports.conftest import KAZAKH_LETTERS, font_names, pages_text, text
from tests.reports.scenario import PLACE, SCHOOL


def _in(lang: str, ru: str, kk: str) -> str:
    """The scenario's text in the document's language."""
    return kk if lang == "kk" else ru


def _check_pdf(path, lang, title):
    reader = PdfReader(path)
    assert reader.metadata.title == title
    assert reader.metadata.author and reader.trailer["/Root"]["/Lang"] == lang
    assert all(embedded for _, embedded in font_names(path))


@pytest.mark.parametrize(("lang", "heading", "case"), [
    ("ru", "ПОВЕСТКА ДНЯ", "Материал №"), ("kk", "КҮН ТӘРТІБІ", "материал")])
def test_the_agenda_lists_the_questions_with_children_as_initials(read, tmp_path, lang,
                                                                   heading, case):
    s, admin, sc = read
    out = build_agenda(documents.agenda_data(s, admin, sc.main.id, lang), lang,
                       tmp_path / "agenda.pdf")
    body = text(out)
    for part in (heading, sc.main.label, sc.main.date.strftime("%d.%m.%Y"), "10:00",
                 PLACE.get(lang), case, "Т. Н. А.", "Ә. І. С.",
                 _in(lang, "О профилактике буллинга в школах района",
                     "Аудан мектептеріндегі буллингтің алдын алу туралы"), "Жақсыбай Е.С.",
                 tr(lang, "Control of execution"), "Сәрсенбаева Гүлнар Қайратқызы",
                 "Оспанова Әйгерім Нұрланқызы"):
        assert part in body, part
    assert "Төлеуов" not in body and "Әбенова" not in body and sc.iin not in body
    _check_pdf(out, lang, tr(lang, "Agenda of meeting No. {number}").format(
        number=sc.main.label))


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_one_invitation_per_legal_representative(read, tmp_path, lang):
    s, admin, sc = read
    out = build_invitations(documents.invitations_data(s, admin, sc.next.id, lang), lang,
                            tmp_path / "invitations.pdf")
    pages = pages_text(out)
    body = " ".join(pages)
    assert body.count(tr(lang, "INVITATION")) == 1
    for part in ("Әбенов Серік Қайратұлы",
                 _in(lang, "с. Торайгыр, ул. Школьная, 3", "Торайғыр а., Мектеп к-сі, 3"),
                 "Әбенова Інжу Серікқызы", sc.next.date.strftime("%d.%m.%Y"), "15:30",
                 PLACE.get(lang), tr(lang, "father"),
                 tr(lang, "Please bring:"), tr(lang, "an identity document"),
                 tr(lang, "Your rights at the meeting:"),
                 tr(lang, "to have the assistance of a lawyer"),
                 tr(lang, "to appeal the resolution of the commission"),
                 "Оспанова Әйгерім Нұрланқызы"):
        assert part in body, part
    if lang == "kk":
        assert set(KAZAKH_LETTERS) <= set(body.lower())
        assert "Өзіңізбен бірге алып келіңіз:" in body and "әкесі" in body
    else:
        assert "При себе иметь:" in body and "пользоваться помощью адвоката" in body
    _check_pdf(out, lang, tr(lang, "Invitations to meeting No. {number}").format(
        number=sc.next.label))


def test_invitations_for_several_children_are_one_letter_each(read, tmp_path):
    s, admin, sc = read
    doc = documents.invitations_data(s, admin, sc.main.id, "ru")
    # Item 1's mother is both on the card and invited by name: one letter, not two; the
    # postponed item 4 is invited to the next meeting instead.
    assert [i.name for i in doc.invitations] == ["Төлеуова Сәуле Бекқызы"]
    two = type(doc)(**{**{f: getattr(doc, f) for f in doc.__dataclass_fields__},
                       "invitations": doc.invitations * 2})
    pages = pages_text(build_invitations(two, "ru", tmp_path / "two.pdf"))
    assert len(pages) == 2 and all("ИЗВЕЩЕНИЕ" in p for p in pages)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_one_letter_per_responsible_body(read, tmp_path, lang):
    s, admin, sc = read
    folder = build_letters(documents.letters_data(s, admin, sc.main.id, lang), lang,
                           tmp_path / "letters")
    files = sorted(p.name for p in folder.iterdir())
    assert files == {"ru": ["01-Служба_поддержки_семьи.pdf", "02-Школа-гимназия_№_1.pdf",
                            "03-Отдел_образования_района.pdf"],
                     "kk": ["01-Отбасын_қолдау_қызметі.pdf", "02-№_1_мектеп-гимназия.pdf",
                            "03-Аудандық_білім_бөлімі.pdf"]}[lang]
    school = text(folder / files[1])
    n = sc.main.number
    for part in (tr(lang, "To:"), SCHOOL.get(lang), sc.main.label,
                 tr(lang, "On the execution of the decisions of the commission"),
                 _in(lang, "Вовлечь в спортивную секцию (футбол, бокс)",
                     "Спорт секциясына (футбол, бокс) тарту"), f"{n}/1",
                 (today() + dt.timedelta(days=20)).strftime("%d.%m.%Y"),
                 "Төлеуов Нұрсұлтан Асхатұлы", "Сәрсенбаева Гүлнар Қайратқызы"):
        assert part in school, part
    # A body sees only its own measures.
    family = _in(lang, "Оценить потребности семьи", "Отбасының қажеттіліктерін бағалап")
    assert family not in school
    assert _in(lang, "Провести во всех школах района", "барлық мектептерде") not in school
    service = text(folder / files[0])
    assert family in service and "Қасымова Ә.Т." in service
    _check_pdf(folder / files[2], lang,
               tr(lang, "Letter on the measures of meeting No. {number}").format(
                   number=sc.main.label) + " — "
               + _in(lang, "Отдел образования района", "Аудандық білім бөлімі"))


def test_letters_refuse_a_file_where_the_folder_should_be(read, tmp_path):
    s, admin, sc = read
    clash = tmp_path / "letters"
    clash.write_text("not a folder")
    with pytest.raises(StorageError):
        build_letters(documents.letters_data(s, admin, sc.main.id, "ru"), "ru", clash)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_extract_holds_the_childs_whole_history(read, tmp_path, lang):
    s, admin, sc = read
    out = build_extract(documents.extract_data(s, admin, sc.control_child_id, lang), lang,
                        tmp_path / "extract.pdf")
    body = text(out)
    n = sc.earlier.number
    for part in ("Смирнов Кирилл Андреевич", "14.03.2012", "120314500123",
                 "Смирнова Наталья Игоревна", "+7 700 000 12 34",
                 SCHOOL.get(lang) + ", 7 «А»",
                 _in(lang, "Пропуски занятий без причины", "Сабақтарды себепсіз босату"),
                 f"{n}/1", f"{sc.main.number}/3",
                 _in(lang, "Организовать индивидуальную работу.", "Жеке жұмыс ұйымдастырылсын."),
                 _in(lang, "Снять меру с контроля", "бақылаудан алынсын"),
                 _in(lang, "Составить план индивидуальной работы", "Жеке жұмыс жоспарын құрып"),
                 _in(lang, "План составлен, проведено четыре встречи, пропусков нет.",
                     "Жоспар құрылды, төрт кездесу өткізілді, сабақ босату жоқ."),
                 _in(lang, "Пропусков занятий нет", "Сабақ босату жоқ"), tr(lang, "effective"),
                 tr(lang, "accepted"),
                 tr(lang, "Execution reports"), tr(lang, "Assessments of effectiveness"),
                 tr(lang, "EXTRACT FROM THE RECORDS OF THE COMMISSION"),
                 "Оспанова Әйгерім Нұрланқызы"):
        assert part in body, part
    if lang == "kk":
        assert "Орындалуы туралы есептер" in body and "тиімді" in body
    else:
        assert "Отчёты об исполнении" in body and "эффективна" in body
    _check_pdf(out, lang, tr(lang, "Extract on the minor {name}").format(
        name="Смирнов Кирилл Андреевич"))
