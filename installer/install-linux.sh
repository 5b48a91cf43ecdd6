#!/bin/sh
# Install Kenes for the current user from the unpacked tarball (no root needed):
#   ~/.local/opt/kenes/            the application folder (replaced on update)
#   ~/.local/bin/kenes             a link to start it from a terminal
#   ~/.local/share/applications/   the menu entry, ~/.local/share/icons/ its icon
# The data (~/.local/share/Kenes: database, backups, log) is never touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" \
         "$prefix/share/icons/hicolor/256x256/apps" "$prefix/share/mime/packages"
rm -rf "$prefix/opt/kenes"
cp -a "$here/kenes" "$prefix/opt/kenes"
ln -sf "$prefix/opt/kenes/kenes" "$prefix/bin/kenes"
sed "s|^Exec=kenes |Exec=$prefix/opt/kenes/kenes |; s|^TryExec=kenes|TryExec=$prefix/opt/kenes/kenes|" \
    "$here/kenes.desktop" > "$prefix/share/applications/kenes.desktop"
cp "$here/kenes.png" "$prefix/share/icons/hicolor/256x256/apps/kenes.png"
cp "$here/kenes-mime.xml" "$prefix/share/mime/packages/kenes.xml"  # .kenes opens Kenes
command -v update-mime-database >/dev/null 2>&1 \
    && update-mime-database "$prefix/share/mime" || true
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database "$prefix/share/applications" || true
echo "Kenes installed in $prefix/opt/kenes; start it from the menu or with: kenes"
