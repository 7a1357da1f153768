"""A window to drag files from, as a file manager would: the import journey drags the
archives from it onto Rapport's window, so the drop is a real X drag and drop (XDND).
Usage: drag-source.py FILE…  (Debian's python3-gi and gir1.2-gtk-3.0)."""

import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, Gio, Gtk  # noqa: E402

uris = [Gio.File.new_for_path(path).get_uri() for path in sys.argv[1:]]

window = Gtk.Window(title="Files to drop on Rapport")
button = Gtk.Button(label="Drag these files")
button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
button.drag_source_add_uri_targets()
button.connect("drag-data-get", lambda _w, _ctx, data, _info, _time: data.set_uris(uris))
button.connect("drag-end", lambda *_: Gtk.main_quit())
window.add(button)
window.set_default_size(240, 120)
window.move(1600, 40)
window.connect("destroy", Gtk.main_quit)
window.show_all()
Gtk.main()
