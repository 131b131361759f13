"""A real PostgreSQL server for the tests, in a temporary folder (initdb and pg_ctl from the
distribution's packages: .ci/run installs them).

The server listens on 127.0.0.1 at a free port: the administrator (``planner_admin``) is
trusted, every other user signs in with a password (SCRAM), as on a team's server. Run as
root (as CI does), the server runs as the ``postgres`` user, which the packages create,
since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ADMIN = "planner_admin"


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        raise RuntimeError(f"{name} not found: install PostgreSQL (apt-get install postgresql)")
    return candidates[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One server: start, stop, and the addresses and users the tests need."""

    def __init__(self, folder: Path) -> None:
        if os.geteuid() == 0:  # the postgres user must reach it: not under root's 0700 dirs
            folder = Path(tempfile.mkdtemp(prefix="planner-pg-"))
        self.folder = folder
        self.data = folder / "data"
        self.sockets = folder / "sockets"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        folder.mkdir(parents=True, exist_ok=True)
        self.sockets.mkdir(exist_ok=True)
        if self.as_root:
            shutil.chown(folder, "postgres", "postgres")
            shutil.chown(self.sockets, "postgres", "postgres")
        self._run(_binary("initdb"), "-D", str(self.data), "-U", ADMIN, "--auth=trust",
                  "-E", "UTF8", "--locale=C")
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            "local all all trust\n"
            f"host all {ADMIN} 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n")
        if self.as_root:
            shutil.chown(hba, "postgres", "postgres")
        self.start()

    def _run(self, *args: str) -> None:
        command = ["runuser", "-u", "postgres", "--", *args] if self.as_root else list(args)
        subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self) -> None:
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                  "-w", "-o", f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1",
                  "start")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the test server did not start")

    def stop(self) -> None:
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def is_running(self) -> bool:
        command = [_binary("pg_ctl"), "-D", str(self.data), "status"]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True).returncode == 0

    def ensure_running(self) -> None:
        """Start the server again if a test stopped it (in a ``finally``)."""
        if not self.is_running():
            self.start()

    def remove(self) -> None:
        """Stop the server if it runs, and delete its folder."""
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def address(self, database: str = "postgres", project: str | None = None,
                user: str = ADMIN) -> str:
        tail = f"?project={project}" if project else ""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}{tail}"

    def admin(self, database: str = "postgres"):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(self.address(database), autocommit=True)

    def create_database(self, name: str) -> str:
        with self.admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            con.execute(f'CREATE DATABASE "{name}"')
        return name

    def run_sql(self, database: str, text: str) -> None:
        """Run a script of several statements as the administrator (roles_sql's output)."""
        with self.admin(database) as con:
            con.execute(text.encode())

    def create_user(self, name: str, password: str, role: str | None = None) -> None:
        from psycopg import sql

        with self.admin() as con:
            con.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
            con.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(password)))
            if role:
                con.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role),
                                                             sql.Identifier(name)))
