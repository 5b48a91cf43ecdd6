"""Packaging (issue 8).

Always: what installer/kenes.spec puts into the bundle and leaves out (the rules in
installer/bundle.py), the version, the icon, the About dialog.

Marked `dist`: the frozen bundle in dist/kenes itself — fonts, translations and
migrations inside; `kenes smoke` on a database made by the development version; an
older schema migrated, with a backup. `make dist-smoke` builds the bundle and runs them
(`pytest -m dist`, where a missing or stale bundle fails). In a plain run they check a
bundle that is there and newer than the code, and are skipped otherwise.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from xml.etree import ElementTree

import pytest

from app.cli import build_parser, cmd_gui, package_argv
from installer import bundle
from installer.make_icons import SIZES, read_ico

ROOT = bundle.ROOT
SPEC = ROOT / "installer" / "kenes.spec"
DIST = ROOT / "dist" / "kenes"
INTERNAL = DIST / "_internal"
FROZEN = DIST / ("kenes-cli.exe" if sys.platform == "win32" else "kenes")
MB = 1024 * 1024
SIZE_GOAL_MB = 180


@pytest.fixture
def resources(tmp_path, monkeypatch) -> Path:
    """A copy of resources/ with every catalog compiled (a stand-in .mo newer than its
    .po), so the rules are checked whatever state the working tree's .mo files are in."""
    copy = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", copy, ignore=shutil.ignore_patterns("*.mo"))
    for po in copy.glob("i18n/*/LC_MESSAGES/*.po"):
        po.with_suffix(".mo").write_bytes(b"")
        os.utime(po.with_suffix(".mo"), (po.stat().st_mtime + 1,) * 2)
    monkeypatch.setattr(bundle, "RESOURCES", copy)
    return copy


def _dests() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for src, dest in bundle.data_files():
        found.setdefault(dest, set()).add(Path(src).name)
    return found


# -- the spec and its rules -----------------------------------------------------------

def test_the_spec_applies_the_rules_and_builds_windowed_one_folder():
    source = SPEC.read_text("utf-8")
    ast.parse(source)  # a spec is Python
    for used in ("bundle.data_files()", "bundle.EXCLUDES", "bundle.keep(",
                 "bundle.without_orphans(", "bundle.migration_imports()",
                 "bundle.write_metadata(", "installer\" / \"kenes_main.py",
                 'name="kenes", console=False', 'name="kenes-cli", console=True',
                 "exclude_binaries=True", "COLLECT("):
        assert used in source, used
    assert "onefile" not in source


def test_the_bundle_carries_fonts_catalogs_icons_and_compiled_translations(resources):
    dests = _dests()
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"} <= dests["resources/fonts"]
    assert dests["resources/catalogs"] == {
        p.name for p in (ROOT / "resources" / "catalogs").glob("*.json")}
    assert dests["resources/icons"] == {f"kenes-{size}.png" for size in SIZES}
    for lang in ("ru", "kk"):
        assert dests[f"resources/i18n/{lang}/LC_MESSAGES"] == {"kenes.mo"}
    every = {name for names in dests.values() for name in names}
    assert not {name for name in every if name.endswith((".po", ".pot"))}


def test_the_bundle_carries_the_migrations_as_files(resources):
    dests = _dests()
    assert dests["app/migrations"] == {"env.py", "script.py.mako"}
    shipped = {p.name for p in (ROOT / "app" / "migrations" / "versions").glob("*.py")}
    assert shipped and dests["app/migrations/versions"] == shipped
    imports = bundle.migration_imports()
    assert {"alembic", "sqlalchemy", "app.sync.capture"} <= set(imports)
    assert all(importlib.util.find_spec(name) for name in imports)


def test_catalogs_older_than_their_po_stop_the_build(resources):
    po = resources / "i18n" / "kk" / "LC_MESSAGES" / "kenes.po"
    mo = po.with_suffix(".mo")
    bundle.data_files()
    os.utime(po, (mo.stat().st_mtime + 10,) * 2)
    with pytest.raises(bundle.CatalogsNotCompiled, match="kk/LC_MESSAGES/kenes.mo"):
        bundle.data_files()
    mo.unlink()
    with pytest.raises(bundle.CatalogsNotCompiled):
        bundle.data_files()


def test_unused_qt_modules_and_development_packages_stay_out():
    excludes = set(bundle.EXCLUDES)
    for module in ("QtWebEngineCore", "QtWebEngineWidgets", "Qt3DCore", "QtQuick", "QtQml",
                   "QtMultimedia", "QtCharts", "QtBluetooth", "QtTest", "QtSvg"):
        assert f"PySide6.{module}" in excludes
    assert {"tkinter", "unittest", "pytest", "hypothesis", "babel", "pypdf"} <= excludes
    assert not {f"PySide6.{module}" for module in bundle.QT_USED} & excludes


def test_the_app_imports_only_the_qt_modules_the_bundle_keeps():
    """A screen that starts using, say, QtSvg must be added to the bundle's rules, or
    the frozen app fails where the development one works."""
    used = set()
    for path in (ROOT / "app").rglob("*.py"):
        used.update(re.findall(r"PySide6\.(Qt\w+)", path.read_text("utf-8")))
    assert used <= set(bundle.QT_USED), sorted(used - set(bundle.QT_USED))


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_ru.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qt_ru.qm", False),
    ("PySide6/Qt/translations/qtwebengine_ru.qm", False),
    ("PySide6/translations/qtbase_ru.qm", True),  # the Windows wheel's layout
    ("PySide6/translations/qtbase_fr.qm", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/wayland-decoration-client/libadwaita.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
    ("PySide6/Qt/lib/libQt6PdfWidgets.so.6", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", True),  # QtPdf links it
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Qml.so.6", False),
    ("PySide6/Qt/lib/libQt6Svg.so.6", False),
    ("PySide6/Qt6Quick.dll", False),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/QtPdf.abi3.so", True),
    ("resources/fonts/DejaVuSans.ttf", True),
])
def test_what_the_qt_hooks_collect_is_trimmed(dest, kept):
    assert bundle.keep(dest) is kept


def test_the_version_comes_from_pyproject(tmp_path):
    import tomllib
    from importlib.metadata import PathDistribution

    import app

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    meta = bundle.write_metadata(tmp_path)
    assert meta.name == f"kenes-{declared}.dist-info"
    assert PathDistribution(meta).version == declared == bundle.version()
    assert app.__version__ == declared  # the development install agrees


# -- the installers ----------------------------------------------------------------------

def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif line and not line.startswith(";"):
            sections.setdefault(current, []).append(line)
    return sections


def test_the_windows_installer_speaks_russian_and_kazakh_and_keeps_the_data():
    iss = _sections((ROOT / "installer" / "kenes.iss").read_text("utf-8"))
    raw = (ROOT / "installer" / "Kazakh.isl").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup 6 reads UTF-8 only with a BOM
    kazakh = _sections(raw.decode("utf-8-sig"))
    assert "LanguageID=$043F" in kazakh["LangOptions"]
    languages = " ".join(iss["Languages"])
    assert 'Name: "ru"; MessagesFile: "compiler:Languages\\Russian.isl"' in languages
    assert 'Name: "kk"; MessagesFile: "compiler:Languages\\Russian.isl,Kazakh.isl"' in languages
    for line in kazakh["Messages"] + kazakh["CustomMessages"]:
        key, value = line.split("=", 1)
        assert key == "ButtonOK" or re.search("[а-яәғқңөұүһі]", value.lower()), line
    # every custom message the script uses exists in both languages
    defined = {line.split("=")[0] for line in iss["CustomMessages"]}
    standard = {line.split("=")[0] for line in kazakh["CustomMessages"]}
    for name in set(re.findall(r"\{cm:(\w+)", (ROOT / "installer" / "kenes.iss").read_text("utf-8"))):
        assert name in standard or {f"ru.{name}", f"kk.{name}"} <= defined, name
    assert any(line.startswith('Source: "..\\dist\\windows\\kenes\\*"')
               for line in iss["Files"])
    icons = " ".join(iss["Icons"])
    assert "{group}\\{#AppName}" in icons and "{autodesktop}\\{#AppName}" in icons
    registry = " ".join(iss["Registry"])
    assert "Software\\Classes\\.kenes" in registry
    assert "shell\\open\\command" in registry and "{#PackageOpenCommand}" in registry
    # double-clicking a package opens the app, which imports it after the login
    assert registered_open_command() == '"{app}\\kenes.exe" --import "%1"'
    args = build_parser().parse_args(["--import", "C:\\Users\\x\\from-district.kenes"])
    assert args.func is cmd_gui and args.import_package.name.endswith("from-district.kenes")
    # the data folder is the user's: nothing outside {app} is deleted
    for section in ("UninstallDelete", "InstallDelete"):
        for line in iss.get(section, []):
            assert '"{app}' in line and "appdata" not in line.lower(), line


def _ispp_string(literal: str) -> str:
    """The value of an Inno Setup preprocessor string literal: "…", each "" one quote."""
    body = literal[1:-1]
    assert literal[0] == literal[-1] == '"' and '"' not in body.replace('""', ""), literal
    return body.replace('""', '"')


def _inno_parameter(value: str) -> str:
    """A parameter's value as the Inno Setup compiler reads it: in quotes, each "" inside
    one quote; anything else stops it ("Mismatched or misplaced quotes on parameter")."""
    if not value.startswith('"'):
        if '"' in value:
            raise ValueError(f"misplaced quotes: {value}")
        return value
    body = value[1:-1]
    if len(value) < 2 or not value.endswith('"') or '"' in body.replace('""', ""):
        raise ValueError(f"mismatched or misplaced quotes: {value}")
    return body.replace('""', '"')


def registered_open_command() -> str:
    """What kenes.iss writes as the .kenes open command: the preprocessor's defines
    expanded into the [Registry] line, then its ValueData read as the compiler reads it."""
    text = (ROOT / "installer" / "kenes.iss").read_text("utf-8")
    defines = {name: _ispp_string(literal) for name, literal in
               re.findall(r'^#define (\w+) (".*")$', text, re.MULTILINE)}
    (line,) = [line for line in text.splitlines()
               if line.startswith("Root:") and "shell\\open\\command" in line]
    expanded = re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], line)
    (data,) = re.findall(r'ValueData: ("(?:[^"]|"")*"(?=;)|[^;]*)', expanded)
    return _inno_parameter(data)


def test_the_quoting_model_refuses_what_the_compiler_refused():
    assert _inno_parameter('"""{app}\\kenes.exe"" --import ""%1"""') == \
        '"{app}\\kenes.exe" --import "%1"'
    # the script before issue 17: the preprocessor made --import "%1", single quotes
    broken = '"""{app}\\kenes.exe"" ' + _ispp_string('"--import ""%1"""') + '"'
    with pytest.raises(ValueError, match="misplaced quotes"):
        _inno_parameter(broken)


def test_the_linux_desktop_entry_and_installer():
    import configparser

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "installer" / "kenes.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert (desktop["Type"], desktop["Name"], desktop["Exec"], desktop["Icon"]) == (
        "Application", "Kenes", "kenes %f", "kenes")
    # a .kenes file opened from the file manager comes as `kenes FILE`: the import
    assert desktop["MimeType"] == "application/x-kenes-package;"
    mime = ElementTree.parse(ROOT / "installer" / "kenes-mime.xml").getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    kind = mime.find(f"{ns}mime-type")
    assert kind.get("type") == "application/x-kenes-package"
    assert kind.find(f"{ns}glob").get("pattern") == "*.kenes"
    parser = build_parser()
    args = parser.parse_args(package_argv(["/home/x/from-district.kenes"], parser.commands))
    assert args.func is cmd_gui and args.import_package == Path("/home/x/from-district.kenes")
    assert desktop["Terminal"] == "false" and desktop["Categories"].endswith(";")
    assert "Comment[ru]" in desktop and "Comment[kk]" in desktop
    script = (ROOT / "installer" / "install-linux.sh").read_text("utf-8")
    assert os.access(ROOT / "installer" / "install-linux.sh", os.X_OK)
    assert "share/Kenes" not in script.replace("~/.local/share/Kenes:", "")  # data untouched
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", ROOT / "installer" / "kenes.desktop"],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


# -- the icon ----------------------------------------------------------------------------

def test_the_icon_has_every_size_in_png_and_ico(qapp):
    from PySide6.QtGui import QImage

    from app.ui.qt_app import ICON_SIZES, app_icon

    assert ICON_SIZES == SIZES
    icons = ROOT / "resources" / "icons"
    svg = (icons / "kenes.svg").read_text("utf-8")
    assert 'viewBox="0 0 256 256"' in svg
    for size in SIZES:
        image = QImage(str(icons / f"kenes-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    entries = read_ico((icons / "kenes.ico").read_bytes())
    assert [size for size, _png in entries] == list(SIZES)
    for size, png in entries:
        assert png.startswith(b"\x89PNG")
        assert QImage.fromData(png, "PNG").width() == size
    assert {s.width() for s in app_icon().availableSizes()} == set(SIZES)


# -- the About dialog ------------------------------------------------------------------

@pytest.fixture
def about_ctx(world, qapp):
    from app.ui.app_settings import Settings
    from app.ui.context import UiContext
    from app.ui.fonts import install_fonts
    from app.ui.ops import SyncRunner

    install_fonts(qapp)
    return UiContext(SyncRunner(world.db), world.admin, world.commission_id, Settings())


def test_about_shows_version_schema_office_and_folders(qtbot, world, about_ctx, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from app.migrate import head_revision
    from app.paths import data_dir
    from app.ui.about import AboutDialog

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    (data_dir() / "kenes.log").write_text("", "utf-8")
    dialog = AboutDialog(about_ctx)
    qtbot.addWidget(dialog)
    fields = {key: label.text() for key, label in dialog.fields.items()}
    assert fields["version"] == bundle.version()
    assert fields["schema"] == f"{head_revision()} (up to date)"
    assert fields["office"] == world.office_id
    assert fields["fingerprint"] == "no office keys yet"
    assert fields["database"] == str(world.db.path)
    assert fields["data_folder"] == str(data_dir())
    dialog.open_folder.click()
    dialog.open_log.click()
    assert [url.toLocalFile() for url in opened] == [
        str(data_dir()), str(data_dir() / "kenes.log")]


def test_about_shows_the_office_fingerprint_once_there_are_keys(qtbot, world, about_ctx):
    from app.sync import keys
    from app.ui.about import AboutDialog

    with world.db.session() as s:
        signed = keys.create_office_keys(s, "a passphrase for the office keys")
    dialog = AboutDialog(about_ctx)
    qtbot.addWidget(dialog)
    expected = keys.card_fingerprint(signed["card"])
    assert re.fullmatch(r"(\d{4} ){11}\d{4}", expected)
    assert dialog.fields["fingerprint"].text() == expected


def test_about_without_a_log_yet_offers_no_log(qtbot, about_ctx):
    from app.ui.about import AboutDialog

    dialog = AboutDialog(about_ctx)
    qtbot.addWidget(dialog)
    assert not dialog.open_log.isEnabled() and dialog.open_folder.isEnabled()


def test_f1_opens_about_from_the_main_window(qtbot, world, about_ctx):
    from PySide6.QtGui import QKeySequence

    from app.ui.about import AboutDialog
    from app.ui.main_window import MainWindow

    window = MainWindow(about_ctx, commission_name="КДН", db_path=world.db.path)
    qtbot.addWidget(window)
    window.show()
    (action,) = [a for a in window.actions() if a.shortcut() == QKeySequence("F1")]
    action.trigger()
    dialogs = window.findChildren(AboutDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].reject()


# -- the frozen bundle ------------------------------------------------------------------

def _requested(config: pytest.Config) -> bool:
    """`pytest -m dist` (make dist-smoke): the bundle must be there and current."""
    return bool(re.search(r"(?<!not )\bdist\b", config.getoption("markexpr") or ""))


def _stale_reason() -> str | None:
    if not FROZEN.is_file():
        return f"there is no bundle in {DIST.relative_to(ROOT)}: run `make dist`"
    built = FROZEN.stat().st_mtime
    sources = [*(ROOT / "app").rglob("*.py"), *(ROOT / "app" / "migrations").rglob("*"),
               SPEC, ROOT / "installer" / "bundle.py", ROOT / "pyproject.toml"]
    newer = sorted(str(p.relative_to(ROOT)) for p in sources
                   if p.is_file() and p.stat().st_mtime > built)
    if newer:
        return (f"{DIST.relative_to(ROOT)} is older than {newer[0]} (and {len(newer) - 1} "
                "more): run `make dist`")
    return None


@pytest.fixture(scope="module")
def frozen(request) -> Path:
    reason = _stale_reason()
    if reason and _requested(request.config):
        pytest.fail(reason)
    if reason:
        pytest.skip(f"{reason} (make dist-smoke builds and checks it)")
    return FROZEN


PASSWORD = "frozen-bundle-test"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The frozen `kenes`, off-screen, in this test's data folder (KENES_DATA_DIR)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KENES_PASSWORD": PASSWORD}
    return subprocess.run([str(FROZEN), *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def dev_demo(tmp_path_factory) -> Path:
    """A demo database made by the development version (this venv), not the bundle."""
    folder = tmp_path_factory.mktemp("dev-demo")
    path = folder / "demo.db"
    env = {**os.environ, "KENES_PASSWORD": PASSWORD, "KENES_DATA_DIR": str(folder / "data")}
    done = subprocess.run([sys.executable, "-m", "app.cli", "demo", "--db", str(path),
                           "--children", "200", "--meetings", "2"],
                          env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def demo_copy(dev_demo, tmp_path) -> Path:
    path = tmp_path / "kenes.db"
    shutil.copy(dev_demo, path)
    shutil.copy(f"{dev_demo}.keys", f"{path}.keys")  # the demo is encrypted: its key slots
    return path


@pytest.mark.dist
def test_the_bundle_holds_fonts_translations_and_migrations(frozen):
    resources = INTERNAL / "resources"
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        assert (resources / "fonts" / font).read_bytes() == \
            (ROOT / "resources" / "fonts" / font).read_bytes()
    for lang in ("ru", "kk"):
        mo = Path("i18n") / lang / "LC_MESSAGES" / "kenes.mo"
        assert (resources / mo).read_bytes() == (ROOT / "resources" / mo).read_bytes()
    assert {p.name for p in (resources / "catalogs").glob("*.json")} == {
        p.name for p in (ROOT / "resources" / "catalogs").glob("*.json")}
    assert not [p for p in DIST.rglob("*") if p.suffix in (".po", ".pot")]
    migrations = INTERNAL / "app" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    source = ROOT / "app" / "migrations" / "versions"
    assert {p.name: p.read_bytes() for p in (migrations / "versions").glob("*.py")} == {
        p.name: p.read_bytes() for p in source.glob("*.py")}
    metadata = INTERNAL / f"kenes-{bundle.version()}.dist-info" / "METADATA"
    assert f"Version: {bundle.version()}" in metadata.read_text("utf-8")


@pytest.mark.dist
def test_the_bundle_keeps_only_the_qt_it_uses_and_stays_small(frozen):
    qt_files = [p for p in (INTERNAL / "PySide6").rglob("*") if p.is_file()]
    names = {p.name for p in qt_files}
    assert {p.name for p in qt_files if p.suffix == ".qm"} == {"qtbase_ru.qm"}
    for module in bundle.QT_USED:
        assert any(n.startswith(f"{module}.") for n in names), module
    for unused in ("WebEngine", "Quick", "Qml", "Multimedia", "Charts", "3DCore", "Svg"):
        assert not [n for n in names if f"Qt6{unused}" in n or f"Qt{unused}." in n], unused
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < SIZE_GOAL_MB * MB, f"{size / MB:.0f} MB"


@pytest.mark.dist
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_every_qt_plugin_finds_its_qt_libraries(frozen):
    missing = []
    for plugin in (INTERNAL / "PySide6" / "Qt" / "plugins").rglob("*.so"):
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
        missing += [f"{plugin.name}: {line.split()[0]}" for line in out.splitlines()
                    if "not found" in line and "Qt6" in line]
    assert missing == []


@pytest.mark.dist
def test_the_frozen_app_runs_on_a_database_made_by_the_development_version(
        frozen, demo_copy):
    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"kenes {bundle.version()}"
    smoke = run("smoke", "--db", demo_copy)
    assert smoke.returncode == 0, smoke.stderr
    check = run("check", "--db", demo_copy, "--user", "admin")
    assert check.returncode == 0, check.stderr
    assert "no problems found" in check.stdout


@pytest.mark.dist
def test_the_frozen_app_writes_documents_with_its_fonts(frozen, demo_copy, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "protocol-kk.pdf"
    made = run("protocol", "--db", demo_copy, "--user", "admin", "--meeting", "1/2026",
               "--lang", "kk", "--out", out)
    assert made.returncode == 0, made.stderr
    reader = PdfReader(out)
    text = reader.pages[0].extract_text()
    assert "ХАТТАМА" in text  # Kazakh, from the bundled catalog, in the bundled font
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in name for name in fonts), fonts


@pytest.mark.dist
def test_the_frozen_app_migrates_an_older_schema_after_a_backup(frozen, demo_copy):
    from alembic import command

    from app.db import sqlite as engines
    from app.db import unlock
    from app.migrate import alembic_config, head_revision, shipped_revisions

    head = head_revision()
    previous = shipped_revisions()[head]
    assert previous, "only one migration: there is no older schema to open"
    # The previous release's schema, holding the development version's demo data: the
    # newest migration taken back by its own downgrade.
    key = unlock(demo_copy, "admin", PASSWORD)  # the demo is encrypted
    engine = engines.engine(demo_copy, key)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), previous)
    engine.dispose()

    before = run("check", "--db", demo_copy, "--user", "admin")
    assert before.returncode == 3
    assert f"migration: database is at {previous}" in before.stderr
    smoke = run("smoke", "--db", demo_copy)
    assert smoke.returncode == 0, smoke.stderr
    after = run("check", "--db", demo_copy, "--user", "admin")
    assert after.returncode == 0, after.stderr
    (backup,) = (demo_copy.parent / "backups").glob(f"kenes-*-before-{head[:8]}.db")
    with closing(engines.connect(backup, key)) as conn:  # an encrypted backup
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            previous,)
