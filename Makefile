# Kenes — two commands: `make run` and `make test`. Everything else is a helper.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.stamp-deps
# Qt's runtime libraries: off-screen use, then real windows (the xcb platform of a desktop,
# and Xvfb to run it without one), and poppler for reading PDFs back (DESIGN.md).
# PostgreSQL's server and client programs: the tests start a throw-away server
# (tests/pg_cluster.py); `kenes server backup` uses pg_dump.
SYSDEPS := libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 \
           libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
           libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 \
           libxcb-xinerama0 xvfb xauth poppler-utils postgresql

.PHONY: run test lint sysdeps setup i18n bench screenshots clean dist dist-smoke

run: setup
	$(BIN)/kenes

test: setup
	$(BIN)/ruff check app tests bench
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

setup: sysdeps $(STAMP) i18n

sysdeps:
	@missing=""; for p in $(SYSDEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system libraries:$$missing"; \
	    scripts/apt-install.sh $$missing || exit 1; \
	  else \
	    echo "Missing system libraries; run: sudo apt-get install$$missing"; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Compiled catalogs are build output: made from resources/i18n/*/LC_MESSAGES/kenes.po.
i18n: $(STAMP)
	$(BIN)/python -m app.i18n_build compile

bench: setup
	$(BIN)/python -m bench.run

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m app.ui.screenshots --out docs/screenshots

# The frozen application (issue 8): dist/kenes/ from installer/kenes.spec, and a tarball
# with the folder, the .desktop entry, the icon and an installer script. README: Packaging.
VERSION  = $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
TARBALL  = dist/kenes-$(VERSION)-linux-$(shell uname -m).tar.gz

dist: setup
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller installer/kenes.spec
	tar -czf $(TARBALL) --owner=0 --group=0 \
	  --transform 's,^kenes-256\.png$$,kenes.png,' --transform 's,^,kenes-$(VERSION)/,' \
	  -C dist kenes -C $(CURDIR)/installer kenes.desktop kenes-mime.xml install-linux.sh \
	  -C $(CURDIR)/resources/icons kenes-256.png
	@du -sh dist/kenes $(TARBALL)

# Build the bundle, then run its tests (tests/test_packaging.py, marked `dist`): contents,
# `kenes smoke` on a demo database made by the development version, an older schema.
dist-smoke: dist
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m dist tests/test_packaging.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
