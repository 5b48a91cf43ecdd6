"""A throw-away PostgreSQL server for the tests and benchmarks: Debian's server binaries,
a cluster made with initdb in a temporary folder, on a free loopback port, with TLS
(a certificate made here), stopped and removed at the end.

PostgreSQL refuses to run as root, so as root (CI) the server runs as the `postgres`
account that Debian's package creates; the folder is handed to it.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "postgres"
SUPERUSER = "kenes_admin"
TEMPLATE = "kenes_template"


def find_bindir() -> Path:
    """The newest server binaries: Debian keeps them in /usr/lib/postgresql/N/bin."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name
                        .isdigit() else 0)
    if candidates:
        return candidates[-1].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError("PostgreSQL's server is not installed: `make test` installs Debian's "
                       "postgresql package (apt-get install postgresql)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "server.crt", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.TraditionalOpenSSL,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


class TempCluster:
    """`start()` → a running server; `url(dbname)`; `stop()` removes everything."""

    def __init__(self, *, durable: bool = False) -> None:
        self.bindir = find_bindir()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="kenes-pg-"))
        self.data = self.root / "data"
        self.durable = durable  # benchmarks keep fsync on; tests don't need it
        self._as_root = os.geteuid() == 0
        self._user = pwd.getpwnam(SERVER_USER) if self._as_root else None

    def _run(self, *args: str) -> None:
        kwargs: dict = {}
        if self._user is not None:
            kwargs = {"user": self._user.pw_uid, "group": self._user.pw_gid,
                      "extra_groups": []}
        subprocess.run(args, check=True, capture_output=True, cwd=self.root,
                       env={**os.environ, "LC_ALL": "C.UTF-8"}, **kwargs)

    def start(self) -> TempCluster:
        cert, key = _self_signed(self.root)
        if self._user is not None:
            for path in (self.root, cert, key):
                os.chown(path, self._user.pw_uid, self._user.pw_gid)
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = [f"-p {self.port}", "-c listen_addresses=127.0.0.1",
                   f"-c unix_socket_directories={self.root}", "-c ssl=on",
                   f"-c ssl_cert_file={cert}", f"-c ssl_key_file={key}",
                   "-c max_connections=60", "-c shared_buffers=128MB"]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off",
                        "-c full_page_writes=off"]
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
                  "-l", str(self.root / "server.log"), "-o", " ".join(options), "start")
        return self

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self):  # type: ignore[no-untyped-def]  # psycopg.Connection, autocommit
        import psycopg

        return psycopg.connect(self.url(), autocommit=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"'
                         + (f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""))
        return self.url(name)

    def test_database(self) -> str:
        """A fresh copy of the TEMPLATE database; its URL."""
        self._made = getattr(self, "_made", 0) + 1
        return self.create_database(f"t{os.getpid()}_{self._made}", template=TEMPLATE)

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
