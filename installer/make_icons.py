"""Render resources/icons/kenes.svg (kenes-small.svg for 16 and 32 pixels) to the PNG
sizes and the Windows .ico.

    .venv/bin/python installer/make_icons.py            (re)write the PNGs and kenes.ico
    .venv/bin/python installer/make_icons.py --preview F also write a sheet of every size

Run it after editing the SVG and commit what it writes: the app and the installers use
the PNGs and the ICO, so neither the build nor the app needs QtSvg. The ICO holds one
PNG-compressed image per size (read by Windows Vista and later); no Pillow needed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "kenes.svg"
SMALL_SVG = ICONS / "kenes-small.svg"  # 16 and 32 pixels: fewer, heavier strokes
SIZES = (16, 32, 48, 64, 128, 256)
SMALL = (16, 32)


def png_name(size: int) -> str:
    return f"kenes-{size}.png"


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    source = SMALL_SVG if size in SMALL else SVG
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file: ICONDIR, one ICONDIRENTRY per image, then the PNG data."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def read_ico(data: bytes) -> list[tuple[int, bytes]]:
    """(size, image bytes) per entry; the inverse of `ico`, used by the tests."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if reserved != 0 or kind != 1:
        raise ValueError("not an ICO file")
    found = []
    for n in range(count):
        side, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * n)
        found.append((side or 256, data[offset:offset + length]))
    return found


def preview(images: dict[int, bytes], out: Path) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter

    width = sum(SIZES) + 20 * (len(SIZES) + 1)
    sheet = QImage(width, max(SIZES) + 40, QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#ffffff"))
    painter = QPainter(sheet)
    x = 20
    for size in SIZES:
        painter.drawImage(x, 20, QImage.fromData(images[size], "PNG"))
        x += size + 20
    painter.end()
    sheet.save(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", type=Path, help="also write a sheet of all sizes here")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: render(size) for size in SIZES}
    for size, png in images.items():
        (ICONS / png_name(size)).write_bytes(png)
    (ICONS / "kenes.ico").write_bytes(ico(images))
    if args.preview:
        preview(images, args.preview)
    print(f"wrote {len(images)} PNGs and kenes.ico into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
