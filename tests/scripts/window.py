"""A plain window with the title given, standing in for a browser tab in the watched
time journey: an X window, or a Wayland one with GDK_BACKEND=wayland. Its class on X11
and its app id on Wayland are Firefox's. Usage: window.py TITLE  (Debian's python3-gi
and gir1.2-gtk-3.0)."""

import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402

# GTK takes the Wayland app id from the program name.
GLib.set_prgname("firefox")

window = Gtk.Window(title=sys.argv[1])
window.set_wmclass("Navigator", "firefox")
window.add(Gtk.Label(label=sys.argv[1]))
window.set_default_size(400, 200)
window.connect("destroy", Gtk.main_quit)
window.show_all()
Gtk.main()
