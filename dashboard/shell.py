"""Pages drawn inside the app's shell even when Streamlit runs a page file directly.

With a ``pages/`` folder, Streamlit's legacy folder router runs the first script run
of a server process (and every AppTest run): it picks the page file named in the URL
and runs it directly, before ``app.py`` can call ``st.navigation``. Every page starts
with :func:`frame`, which then runs ``app.py`` (page config, navigation, demo banner,
sidebar filters) and stops; ``app.py`` runs the page inside it through
:func:`run_page`. A first visitor's deep link (/outlets) so opens the right page,
with its sidebar and without Streamlit's "Page not found" notice.
"""

from __future__ import annotations

import runpy
import threading
from pathlib import Path

import streamlit as st

ENTRY = Path(__file__).resolve().parents[1] / "app.py"
_state = threading.local()


def run_page(page) -> None:
    """Run the page ``st.navigation`` chose, marked as inside the shell."""
    _state.inside = True
    try:
        page.run()
    finally:
        _state.inside = False


def frame() -> None:
    """At the top of every page: outside the shell, run ``app.py`` (which runs this page
    inside it) and stop, so the page is drawn once."""
    if getattr(_state, "inside", False):
        return
    runpy.run_path(str(ENTRY), run_name="__main__")
    st.stop()
