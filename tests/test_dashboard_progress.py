"""Long CLI runs show a progress line (rich) with articles/s and events found: ``eventdesk code``
with stderr a terminal (a pseudo-terminal here); ``run --progress`` is checked in test_dashboard.py."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from tests.conftest import EXAMPLE_ARTICLE


def test_code_shows_progress_on_a_terminal() -> None:
    """With stderr a terminal (a pty), ``eventdesk code`` shows articles/s and events found."""
    master, terminal = pty.openpty()
    command = [sys.executable, "-c", "from eventdesk.cli import main; main()", "code", str(EXAMPLE_ARTICLE)]
    coder = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal,
                             env={**os.environ, "COLUMNS": "120"})
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert coder.wait(timeout=120) == 0
    text = shown.decode("utf-8", "replace")
    assert "1 articles" in text and "9 events" in text and "articles/s" in text, text[-500:]
