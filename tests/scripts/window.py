"""A plain X window with the title given, standing in for a browser tab in the watched
time journey. Usage: window.py TITLE  (Debian's python3-gi and gir1.2-gtk-3.0)."""

import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import Gtk  # noqa: E402

window = Gtk.Window(title=sys.argv[1])
window.set_wmclass("Navigator", "firefox")
window.add(Gtk.Label(label=sys.argv[1]))
window.set_default_size(400, 200)
window.connect("destroy", Gtk.main_quit)
window.show_all()
Gtk.main()
