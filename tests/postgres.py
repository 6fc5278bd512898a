"""A private PostgreSQL for the store tests: initdb in a temp dir, started on a free loopback
port, stopped and removed afterwards. As root (CI), the server runs as the ``postgres`` user,
which Debian's postgresql package creates. Skips, with the reason, only where none can start."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(home: Path) -> list[str]:
    """Run server commands as ``postgres`` when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return []
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL as")
    os.chown(home, user.pw_uid, user.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        pytest.skip(f"cannot start PostgreSQL: {Path(command[-1]).name}: {last[0]}")


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[str]:
    """The URL of a running private server (database ``postgres``, user ``eventdesk``)."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'eventdesk[postgres]')")
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    home = Path(tempfile.mkdtemp(prefix="eventdesk-pg-"))
    prefix = _as_server_user(home)
    data, port = home / "data", _free_port()
    _run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "eventdesk", "-A", "trust", "-E", "UTF8",
          "--locale=C", "--no-sync"])
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    _run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-o", options, "-w",
          "start"])
    try:
        yield f"postgresql://eventdesk@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60, check=False)
        shutil.rmtree(home, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """A new empty database on the server; returns its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where to open a fresh store: a SQLite file, or a new database on the private server."""
    if request.param == "sqlite":
        return str(tmp_path / "events.sqlite")
    return fresh_database(request.getfixturevalue("postgres_server"))
