"""The command line's standard streams: output that never fails on a code page.

Python encodes what it prints with the locale's encoding when the stream is a pipe or a
file; on Windows that is the ANSI code page (cp1251 on a Russian system, cp1252 on an
English one), and neither has the Kazakh letters: `kenes protocol … > log.txt` would end
with "'charmap' codec can't encode" after writing the document. So:

- a pipe or a file gets UTF-8, on every platform (and a pipe or file read as standard
  input, e.g. --password-stdin, is read as UTF-8, a byte-order mark skipped);
- a Windows console is left to Python, which writes it through the console's wide API
  (WriteConsoleW): every character arrives whatever the console's code page;
- a POSIX terminal keeps its locale's encoding, and a character it cannot show is
  replaced rather than ending the command.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO


def configure_streams() -> None:
    """Set up sys.stdin, sys.stdout and sys.stderr as above (before anything is read or
    printed). Streams that are not the process's own (a windowed program has none; a
    test may have replaced them) are left alone."""
    _configure(sys.stdin, reading=True)
    _configure(sys.stdout)
    _configure(sys.stderr)


def is_windows_console(stream: TextIO) -> bool:
    """Whether Python writes this stream through the Windows console's wide API."""
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    return type(raw).__name__ == "_WindowsConsoleIO"


def _configure(stream: TextIO | None, reading: bool = False) -> None:
    if not isinstance(stream, io.TextIOWrapper) or not _has_descriptor(stream):
        return
    if is_windows_console(stream):
        return
    if os.name != "nt" and stream.isatty():
        if not reading:
            stream.reconfigure(errors="replace")
        return
    if reading:
        stream.reconfigure(encoding="utf-8-sig")
    else:
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def _has_descriptor(stream: io.TextIOWrapper) -> bool:
    try:
        stream.fileno()
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return False
    return True
