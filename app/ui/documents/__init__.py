"""Documents in the app: choose a document and its language (chooser.py), build it off
the GUI thread with the same calls as the command line (build.py), preview, print and
save it as PDF (preview.py, QtPdf from PySide6-Addons)."""
