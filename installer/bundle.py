"""What goes into the frozen application and what stays out: the rules installer/kenes.spec
applies, kept here as plain Python so tests/test_packaging.py can check them without
running PyInstaller."""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "app" / "migrations"

# The Qt modules Kenes imports; everything else Qt ships stays out.
QT_USED = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets")
QT_UNUSED = (
    "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel",
    "QtWebSockets", "QtWebView", "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic",
    "Qt3DAnimation", "Qt3DExtras", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickWidgets", "QtQuickTest", "QtMultimedia", "QtMultimediaWidgets",
    "QtSpatialAudio", "QtTextToSpeech", "QtCharts", "QtDataVisualization", "QtGraphs",
    "QtGraphsWidgets", "QtBluetooth", "QtNfc", "QtPositioning", "QtLocation",
    "QtSensors", "QtSerialPort", "QtSerialBus", "QtRemoteObjects", "QtScxml",
    "QtStateMachine", "QtHelp", "QtDesigner", "QtUiTools", "QtSql", "QtTest", "QtSvg",
    "QtSvgWidgets", "QtXml", "QtNetworkAuth", "QtHttpServer", "QtOpenGL",
    "QtOpenGLWidgets", "QtConcurrent", "QtDBus", "QtAxContainer", "QtNetwork",
    "QtCanvasPainter",
)
DEV_ONLY = (
    "tkinter", "_tkinter", "unittest", "doctest", "pytest", "_pytest", "pytestqt",
    "hypothesis", "babel", "pypdf", "IPython", "pydoc", "pydoc_data", "lib2to3",
    "idlelib", "ensurepip", "venv", "setuptools", "pkg_resources", "distutils", "xmlrpc",
    "curses", "PyInstaller", "numpy", "alembic.testing", "sqlalchemy.testing",
)
# ReportLab imports PIL.Image at start, so Pillow stays; Kenes puts no pictures in its
# documents, so Pillow's fonts, colour management, WebP and AVIF (and the 9 MB of
# libraries behind them) stay out.
PILLOW_UNUSED = (
    "PIL._imagingft", "PIL.ImageFont", "PIL._imagingcms", "PIL.ImageCms", "PIL._webp",
    "PIL.WebPImagePlugin", "PIL._avif", "PIL.AvifImagePlugin", "PIL._imagingtk",
    "PIL.ImageTk", "PIL.ImageQt",
)
EXCLUDES = (*(f"PySide6.{name}" for name in QT_UNUSED), *DEV_ONLY, *PILLOW_UNUSED)
# Modules of app/ that are development tools: Babel, the screenshot maker.
APP_DEV_MODULES = ("app.i18n_build", "app.ui.screenshots")

# Qt shared libraries none of the kept modules needs. QtNetwork stays as a library:
# QtPdf links it (the Python QtNetwork module is excluded).
QT_LIB_UNUSED = (
    "Qt6Quick", "Qt6Qml", "Qt6OpenGL", "Qt6VirtualKeyboard", "Qt6Svg", "Qt6Multimedia",
    "Qt6WebEngine", "Qt6Charts", "Qt63D", "Qt6Designer", "Qt6PdfQuick",
    "opengl32sw",  # Windows: Mesa's software OpenGL (20 MB); widgets draw without GL
)
# Plugins Kenes can do without. Kept: a platform plugin per desktop (xcb and wayland on
# Linux, windows on Windows) and offscreen for `kenes smoke`; compose and ibus input
# (dead keys, input methods); CUPS printing; the xdg portal theme (native file dialogs
# without bundling GTK); Wayland's plain window decorations and the xdg shell; Windows'
# styles. A plugin that links a Qt library left out (QtSvg, QtOpenGL) goes too.
PLUGINS_UNUSED = (
    "networkinformation", "tls", "qmltooling", "multimedia", "position", "sensors",
    "sqldrivers", "texttospeech", "renderers", "sceneparsers", "geometryloaders",
    "assetimporters", "canbus", "designer", "webview", "virtualkeyboard",
    "egldeviceintegrations", "generic", "xcbglintegrations",
    "iconengines",  # the window icon comes from PNGs (app/ui/about.py app_icon)
    "wayland-graphics-integration-server",
    "wayland-graphics-integration-client",  # EGL buffers; widgets draw to shared memory
)
PLUGINS_KEPT = {
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qcocoa"),
    "imageformats": ("qico", "qgif", "qjpeg"),  # PNG and BMP are built into QtGui
    "platforminputcontexts": ("composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"),
    "platformthemes": ("qxdgdesktopportal",),  # qgtk3 would bring GTK, cairo, pango
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": ("bradient",),  # adwaita's needs QtSvg
}
QT_TRANSLATIONS_KEPT = ("qtbase_ru.qm",)  # Kazakh sessions use it too (app/ui/qt_i18n.py)


def version() -> str:
    """The one version: pyproject.toml's."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def write_metadata(folder: Path) -> Path:
    """A minimal kenes-<version>.dist-info for importlib.metadata in the frozen app."""
    meta = folder / f"kenes-{version()}.dist-info"
    meta.mkdir(parents=True, exist_ok=True)
    (meta / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: kenes\nVersion: {version()}\n", "utf-8")
    (meta / "INSTALLER").write_text("pyinstaller\n", "utf-8")
    return meta


def _tree(base: Path, pattern: str, dest_root: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted(base.glob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            found.append((str(path), (Path(dest_root) / path.parent.relative_to(base))
                          .as_posix()))
    return found


class CatalogsNotCompiled(Exception):
    pass


def data_files() -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every data file Kenes reads at run time:
    fonts, seed catalogs, icons, compiled translations (never .po/.pot), and the
    migrations (Alembic loads env.py and the version scripts from files, by path)."""
    i18n = RESOURCES / "i18n"
    for po in sorted(i18n.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            raise CatalogsNotCompiled(
                f"resources/{mo.relative_to(RESOURCES).as_posix()} is missing or older than "
                "its .po: compile the catalogs first (python -m app.i18n_build compile; "
                "`make dist` does it)")
    return [
        *_tree(RESOURCES / "fonts", "*", "resources/fonts"),
        *_tree(RESOURCES / "catalogs", "*.json", "resources/catalogs"),
        *_tree(RESOURCES / "icons", "kenes-*.png", "resources/icons"),
        *_tree(i18n, "*/LC_MESSAGES/*.mo", "resources/i18n"),
        (str(MIGRATIONS / "env.py"), "app/migrations"),
        (str(MIGRATIONS / "script.py.mako"), "app/migrations"),
        *_tree(MIGRATIONS / "versions", "*.py", "app/migrations/versions"),
    ]


def migration_imports() -> list[str]:
    """Modules the migration scripts import: they ship as data, so nothing analyses them.
    `from app.sync import capture` counts app.sync and, being a module, app.sync.capture."""
    import importlib.util

    names = set()
    for script in MIGRATIONS.rglob("*.py"):
        for node in ast.walk(ast.parse(script.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                for alias in node.names:
                    try:
                        if importlib.util.find_spec(f"{node.module}.{alias.name}"):
                            names.add(f"{node.module}.{alias.name}")
                    except (ImportError, ValueError):
                        pass  # a name, not a module
    return sorted(names)


def qt_relative(dest: str) -> str | None:
    """'plugins/…' or 'translations/…' for a Qt file, whichever wheel layout:
    PySide6/Qt/plugins on Linux and macOS, PySide6/plugins on Windows."""
    path = Path(dest).as_posix()
    for prefix in ("PySide6/Qt/", "PySide6/"):
        rest = path.removeprefix(prefix)
        if path.startswith(prefix) and rest.startswith(("plugins/", "translations/")):
            return rest
    return None


def keep(dest: str) -> bool:
    """Whether a file PyInstaller's hooks collected (by its path in the bundle) stays."""
    name = Path(dest).name
    qt = qt_relative(dest)
    if qt and qt.startswith("translations/"):
        return name in QT_TRANSLATIONS_KEPT
    if qt and qt.startswith("plugins/"):
        kind = qt.split("/")[1]
        stem = name.split(".")[0].removeprefix("lib")
        if kind in PLUGINS_UNUSED:
            return False
        return stem in PLUGINS_KEPT.get(kind, (stem,))
    return not name.removeprefix("lib").startswith(QT_LIB_UNUSED)


def is_root(dest: str) -> bool:
    """A binary something loads by path: a Python extension, a Qt plugin, libpython."""
    name = Path(dest).name
    return ((qt_relative(dest) or "").startswith("plugins/") or ".cpython-" in name
            or ".abi3." in name or name.endswith(".pyd")
            or name.startswith(("libpython", "python3")))


def without_orphans(binaries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop the libraries only removed plugins needed (GTK, cairo and pango came with the
    qgtk3 theme): keep what the roots link, transitively. Linux only (ldd)."""
    from PyInstaller.depend.bindepend import get_imports

    binaries = list(binaries)
    by_name = {Path(dest).name: src for dest, src, _kind in binaries}
    wanted = {Path(dest).name for dest, _src, _kind in binaries if is_root(dest)}
    todo = list(wanted)
    while todo:
        for needed, _path in get_imports(by_name[todo.pop()]):
            name = Path(needed).name
            if name in by_name and name not in wanted:
                wanted.add(name)
                todo.append(name)
    return [entry for entry in binaries if Path(entry[0]).name in wanted]
