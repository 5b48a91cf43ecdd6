"""Screenshots of the live session on a demo database, in Russian and Kazakh:

    python -m app.ui.session.screenshots [--out docs/screenshots] [--children 2000]

The demo's planned meeting is started, the roll called (two members away), and its
first child's case heard, drafted from a template and voted on; the window is grabbed
at 1366x768. Until the lead merges docs/dev/ui-strings-session.tsv into the catalogs,
its rows are laid over the compiled ones, so the pictures show the translations.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import os
import tempfile
from pathlib import Path

DEMO_PASSWORD = "demo-password-1"
SIZE = (1366, 768)
TSV = Path(__file__).resolve().parents[3] / "docs" / "dev" / "ui-strings-session.tsv"


class _Overlay(gettext.NullTranslations):
    """The compiled catalog, with the rows of a TSV file laid over it."""

    def __init__(self, base: gettext.NullTranslations, rows: dict[str, str]) -> None:
        super().__init__()
        self.base, self.rows = base, rows

    def gettext(self, message: str) -> str:
        return self.rows.get(message) or self.base.gettext(message)


def overlay_translations(tsv: Path = TSV) -> None:
    import app.i18n as i18n

    columns = {"ru": 1, "kk": 2}
    rows: dict[str, dict[str, str]] = {"ru": {}, "kk": {}}
    if tsv.exists():
        with tsv.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3 and row[0]:
                    for lang, col in columns.items():
                        rows[lang][row[0]] = row[col]
    original = i18n.translator

    def translator(lang: str) -> gettext.NullTranslations:
        base = original(lang)
        return _Overlay(base, rows[lang]) if lang in rows else base

    i18n.translator = translator  # type: ignore[assignment]


def prepare(db, actor) -> str:  # type: ignore[no-untyped-def]
    """Start the demo's planned meeting and bring it to the vote on its first case."""
    from app.models.enums import AbsenceReason, ItemKind, MeetingStatus
    from app.services import attendance, commissions, meetings, voting

    with db.session() as s:
        commission = commissions.list_commissions(s)[0]
        planned = [m for m in meetings.meetings_of(s, commission.id)
                   if m.status is MeetingStatus.PLANNED]
        meeting = planned[0]
        meetings.start_meeting(s, actor, meeting.id)
        roll = attendance.roll_call(s, meeting.id)
        for n, member in enumerate(roll):
            if n == len(roll) - 1:
                attendance.mark_absent(s, actor, meeting.id, member.membership_id,
                                       reason=AbsenceReason.ILLNESS)
            elif n == len(roll) - 2:
                attendance.mark_absent(s, actor, meeting.id, member.membership_id,
                                       reason=AbsenceReason.BUSINESS_TRIP)
            else:
                attendance.mark_present(s, actor, meeting.id, member.membership_id)
        item = next(i for i in meetings.agenda(s, meeting.id)
                    if i.kind is ItemKind.CHILD_CASE)
        meetings.record_item_notes(
            s, actor, item.id, rights_explained=True,
            heard="Инспектор ПДН ОП Павлодарского района сообщил, что несовершеннолетний "
                  "систематически пропускает занятия без уважительной причины.",
            spoke="Мать несовершеннолетнего пояснила, что сын после уроков не приходит "
                  "домой; обещала усилить контроль.")
        voting.vote_all_for(s, actor, item.id)
        return meeting.id


def capture(out: Path, *, children: int, langs: tuple[str, ...] = ("ru", "kk")) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.db import open_database
    from app.demo import build_demo
    from app.i18n import set_language
    from app.services import commissions, session
    from app.services.users import log_in
    from app.ui.app import qt_application
    from app.ui.app_settings import Settings
    from app.ui.context import UiContext
    from app.ui.ops import SyncRunner
    from app.ui.session.window import DECISION, SessionWindow

    overlay_translations()
    app = qt_application()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KENES_DATA_DIR"] = tmp  # keep the user's settings untouched
        path = Path(tmp) / "demo.db"
        build_demo(path, children=children, meetings=12, seed=1, password=DEMO_PASSWORD)
        db = open_database(path)
        with db.session() as s:
            user = log_in(s, "admin", DEMO_PASSWORD)
            commission_id = commissions.list_commissions(s)[0].id
        assert user is not None
        meeting_id = prepare(db, user.actor())
        for lang in langs:
            set_language(lang)
            ctx = UiContext(SyncRunner(db), user.actor(), commission_id, Settings())
            window = SessionWindow(ctx, meeting_id)
            window.resize(*SIZE)
            window.show()
            items = [i.id for i in window.view.agenda]
            window.go_to(items[0])
            window.show_page(DECISION)
            window.decision.template.setCurrentIndex(1)
            window.decision._template_chosen(1)
            for row, body in enumerate(("КГУ «Школа-гимназия № 7»", "ОП Павлодарского района")):
                if row < window.decision.measures.rowCount():
                    window.decision.measures.setData(window.decision.measures.index(row, 2),
                                                     body)
            window.vote.table.selectRow(0)
            window.autosaver.flush()
            app.processEvents()
            target = out / f"session-{lang}.png"
            window.grab().save(str(target))
            written.append(target)
            for page, name in ((1, "item"), (0, "roll")):
                window.show_page(page)
                app.processEvents()
                extra = out / f"session-{name}-{lang}.png"
                window.grab().save(str(extra))
                written.append(extra)
            window.close()  # saves the draft; the next language starts from a clean one
            window.deleteLater()
            with db.session() as s:
                session.clear_draft(s, user.actor(), items[0])
        db.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--children", type=int, default=2000)
    args = parser.parse_args()
    for path in capture(args.out, children=args.children):
        print(path)


if __name__ == "__main__":
    main()
