"""Faults from outside: `kill -9` of `ithaca serve` during a write-heavy load, and SIGTERM with requests in flight.

Every write the server acknowledged (201) must be there after the restart, exactly once, and the database must be
consistent (SQLite: `PRAGMA integrity_check` and `PRAGMA foreign_key_check`; PostgreSQL checks its own keys).
The pytest tests in test_faults.py run short modes; the full runs (figures in docs/RELIABILITY.md) are

    python3 tests/processes/faults.py kill --kills 50                       # SQLite
    python3 tests/processes/faults.py kill --kills 20 --postgres URL        # PostgreSQL (a database is made and dropped)
    python3 tests/processes/faults.py term --in-flight 200 [--postgres URL]
    python3 tests/processes/faults.py signups --rounds 20 [--postgres URL]
    python3 tests/processes/faults.py silent --connections 1100
    python3 tests/processes/faults.py nodes --postgres URL [--seconds 30]    # needs nginx and openssl

with ITHACA_BIN naming the server (default .build/debug/ithaca; a release build is faster).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import pathlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from conftest import REPO, free_port, psql, wait_healthy  # noqa: E402

PASSWORD = "a long passphrase for faults"


def fetch(url: str, method: str = "GET", body: dict | None = None, token: str | None = None, form: dict | None = None,
          headers: dict | None = None, context=None, timeout: float = 15) -> tuple[int, bytes, object]:
    """One HTTP request, redirects not followed; (status, body, headers). Connection errors raise OSError."""
    data = json.dumps(body).encode() if body is not None else None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/x-www-form-urlencoded" if form is not None else "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect())
    try:
        with opener.open(request, timeout=timeout) as response:
            try:
                return response.status, response.read(), response.headers
            except http.client.IncompleteRead:
                # killed between the status line and the end of the body: the answer (201) was given
                return response.status, b"", response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib's signature
        return None


def call(port: int, method: str, path: str, body: dict | None = None, token: str | None = None,
         timeout: float = 15) -> tuple[int, dict]:
    """One API request to a server; (status, JSON body). Connection errors raise OSError."""
    status, text, _ = fetch(f"http://127.0.0.1:{port}{path}", method, body, token, timeout=timeout)
    try:
        return status, json.loads(text) if text else {}
    except ValueError:
        return status, {"raw": text[:200].decode(errors="replace")}


class Server:
    """`ithaca serve` on one database and port, started and stopped as an operator (or the kernel) would."""

    def __init__(self, binary: str, database: str, workdir: pathlib.Path):
        self.binary, self.database, self.workdir = binary, database, workdir
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.extra_arguments: list[str] = []
        self.preexec = None

    def start(self) -> float:
        started = time.time()
        log = open(self.workdir / f"server-{self.starts}.log", "w")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", str(self.port), "--database", self.database, "--jobs-interval", "1",
             "--mail-dir", str(self.workdir / "mail"), "--log-level", "notice", *self.extra_arguments],
            stdout=log, stderr=subprocess.STDOUT, preexec_fn=self.preexec)
        self.starts += 1
        wait_healthy(self.port, self.process)
        return time.time() - started

    def kill9(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def terminate(self, limit: float = 30) -> tuple[int | None, float]:
        """SIGTERM; the exit status (None if still running after `limit` seconds, then killed) and the time taken."""
        assert self.process is not None
        started = time.time()
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            status = None
        return status, time.time() - started


@dataclass
class Tally:
    acknowledged: set[str] = field(default_factory=set)
    answers: dict[int, int] = field(default_factory=dict)
    connection_errors: int = 0
    #: connections the server accepted and then closed without an answer (not refused): the client cannot know
    #: whether the write happened
    cut: set[str] = field(default_factory=set)
    #: writes answered 503 (busy, or the server draining before it stops): refused before any work
    refused: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int | None, title: str | None = None, cut: bool = False) -> None:
        with self.lock:
            if status is None:
                self.connection_errors += 1
                if cut and title:
                    self.cut.add(title)
                return
            self.answers[status] = self.answers.get(status, 0) + 1
            if status == 201 and title:
                self.acknowledged.add(title)
            if status == 503 and title:
                self.refused.add(title)

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.answers.items() if status >= 500 and status != 503)


def make_writers(port: int, count: int, tag: str) -> list[str]:
    """`count` members with an API token each."""
    tokens = []
    for index in range(count):
        email = f"writer{index}-{tag}@faults.example"
        status, body = call(port, "POST", "/api/v1/accounts", {"email": email, "password": PASSWORD, "name": f"Writer {index}"})
        assert status == 201, (status, body)
        status, body = call(port, "POST", "/api/v1/tokens", {"email": email, "password": PASSWORD, "label": "faults"})
        assert status == 201, (status, body)
        tokens.append(body["token"])
    return tokens


def write_goal(port: int, token: str, title: str, tally: Tally) -> None:
    try:
        status, _ = call(port, "POST", "/api/v1/me/goals", {"title": title, "milestones": ["first step", "second step"]}, token)
    except ConnectionRefusedError:
        tally.record(None)
        return
    except (OSError, http.client.HTTPException):  # reset, closed without an answer, or timed out
        tally.record(None, title, cut=True)
        return
    tally.record(status, title)


class Database:
    """The checks after a crash, on the database the server used."""

    def __init__(self, url: str):
        self.url = url
        self.sqlite_path = url.removeprefix("sqlite://") if url.startswith("sqlite://") else None

    def integrity(self) -> list[str]:
        """Problems found by the database's own checks (SQLite; PostgreSQL enforces keys as it writes)."""
        if self.sqlite_path is None:
            return []
        connection = sqlite3.connect(self.sqlite_path)
        try:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
            problems += [f"foreign key: {row}" for row in connection.execute("PRAGMA foreign_key_check")]
            return problems
        finally:
            connection.close()

    def rows(self, sql: str) -> list[tuple[str, ...]]:
        """The rows of a query, every value as text (psql's output, or SQLite's values turned into text)."""
        if self.sqlite_path is None:
            return [tuple(line.split("|")) for line in psql(self.url, sql).splitlines() if line]
        connection = sqlite3.connect(self.sqlite_path)
        try:
            return [tuple(str(value) for value in row) for row in connection.execute(sql)]
        finally:
            connection.close()

    def goal_counts(self, prefix: str) -> dict[str, int]:
        rows = self.rows(f"SELECT title, COUNT(*) FROM goals WHERE title LIKE '{prefix}%' GROUP BY title")
        return {title: int(count) for title, count in rows}


def lost_and_doubled(database: Database, prefix: str, tally: Tally) -> tuple[list[str], list[str]]:
    counts = database.goal_counts(prefix)
    with tally.lock:
        lost = sorted(title for title in tally.acknowledged if counts.get(title, 0) == 0)
    doubled = sorted(title for title, count in counts.items() if count > 1)
    return lost, doubled


@dataclass
class KillReport:
    kills: int
    writes_acknowledged: int
    lost: int
    doubled: int
    integrity_problems: list[str]
    server_errors: int
    answers: dict[int, int]
    connection_errors: int
    restart_seconds_median: float
    seconds: float

    def line(self) -> str:
        return (f"{self.kills} kills in {self.seconds:.0f} s: {self.writes_acknowledged} writes acknowledged, {self.lost} lost, "
                f"{self.doubled} duplicated, integrity {'ok' if not self.integrity_problems else self.integrity_problems[:3]}, "
                f"answers {dict(sorted(self.answers.items()))} ({self.server_errors} x 5xx other than 503), "
                f"{self.connection_errors} connection errors while down, restart median {self.restart_seconds_median:.1f} s")


def kill_run(binary: str, database_url: str, kills: int, writers: int = 8, seed: int = 1) -> KillReport:
    """Writers post goals without pause; the server is killed with SIGKILL `kills` times at random moments and
    restarted on the same database. After each kill, before the restart: integrity, nothing acknowledged lost or
    written twice."""
    rng = random.Random(seed)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="ithaca-faults-") as work:
        server = Server(binary, database_url, pathlib.Path(work))
        database = Database(database_url)
        server.start()
        tag = f"{os.getpid()}-{int(started)}"
        prefix = f"fault-{tag}-"
        tokens = make_writers(server.port, writers, tag)
        tally, stop = Tally(), threading.Event()

        def writer(index: int) -> None:
            number = 0
            while not stop.is_set():
                number += 1
                before = tally.connection_errors
                write_goal(server.port, tokens[index], f"{prefix}{index}-{number}", tally)
                if tally.connection_errors != before:
                    time.sleep(0.05)  # the server is down: try again shortly, as a client with retries would

        threads = [threading.Thread(target=writer, args=(index,), daemon=True) for index in range(writers)]
        for thread in threads:
            thread.start()
        problems: list[str] = []
        restarts: list[float] = []
        lost: list[str] = []
        doubled: list[str] = []
        try:
            for _ in range(kills):
                time.sleep(rng.uniform(0.3, 1.5))
                server.kill9()
                problems += database.integrity()
                lost, doubled = lost_and_doubled(database, prefix, tally)
                if problems or lost or doubled:
                    break
                restarts.append(server.start())
            time.sleep(1)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            if server.process and server.process.poll() is None:
                server.terminate()
        if not (problems or lost or doubled):
            problems += database.integrity()
            lost, doubled = lost_and_doubled(database, prefix, tally)
        restarts.sort()
        return KillReport(
            kills=len(restarts) + (1 if problems or lost or doubled else 0), writes_acknowledged=len(tally.acknowledged),
            lost=len(lost), doubled=len(doubled), integrity_problems=problems, server_errors=tally.server_errors,
            answers=dict(tally.answers), connection_errors=tally.connection_errors,
            restart_seconds_median=restarts[len(restarts) // 2] if restarts else 0.0, seconds=time.time() - started)


@dataclass
class TermReport:
    in_flight: int
    exit_status: int | None
    exit_seconds: float
    answers: dict[int, int]
    connection_errors: int
    server_errors: int
    writes_acknowledged: int
    lost: int
    doubled: int
    cut: int
    cut_but_written: int
    refused_but_written: int

    def line(self) -> str:
        return (f"SIGTERM with {self.in_flight} requests in flight: exit {self.exit_status} after {self.exit_seconds:.1f} s, "
                f"answers {dict(sorted(self.answers.items()))} ({self.refused_but_written} of the 503s written), "
                f"{self.connection_errors - self.cut} connections refused, "
                f"{self.cut} closed without an answer ({self.cut_but_written} of them written), "
                f"{self.writes_acknowledged} writes acknowledged, {self.lost} lost, {self.doubled} duplicated")


def term_run(binary: str, database_url: str, in_flight: int = 200) -> TermReport:
    """`in_flight` writes sent at once; SIGTERM once the server has begun answering them. Each is answered (2xx, or
    503 before any work) or its connection refused; the process exits 0 within 30 s; nothing acknowledged is lost."""
    with tempfile.TemporaryDirectory(prefix="ithaca-faults-") as work:
        server = Server(binary, database_url, pathlib.Path(work))
        database = Database(database_url)
        server.start()
        tag = f"term-{os.getpid()}-{int(time.time())}"
        prefix = f"fault-{tag}-"
        tokens = make_writers(server.port, 8, tag)
        tally = Tally()
        answered = threading.Semaphore(0)

        def one(index: int) -> None:
            write_goal(server.port, tokens[index % len(tokens)], f"{prefix}{index}", tally)
            answered.release()

        with concurrent.futures.ThreadPoolExecutor(max_workers=in_flight) as pool:
            futures = [pool.submit(one, index) for index in range(in_flight)]
            answered.acquire(timeout=30)  # the first answer: the rest are queued or being worked on
            status, seconds = server.terminate()
            concurrent.futures.wait(futures, timeout=60)
        server.start()  # the same database, to read what was kept
        try:
            lost, doubled = lost_and_doubled(database, prefix, tally)
            written = database.goal_counts(prefix)
        finally:
            server.terminate()
        return TermReport(
            in_flight=in_flight, exit_status=status, exit_seconds=seconds, answers=dict(tally.answers),
            connection_errors=tally.connection_errors, server_errors=tally.server_errors,
            writes_acknowledged=len(tally.acknowledged), lost=len(lost), doubled=len(doubled),
            cut=len(tally.cut), cut_but_written=sum(1 for title in tally.cut if title in written),
            refused_but_written=sum(1 for title in tally.refused if title in written))


@dataclass
class SilentReport:
    connections: int
    opened: int
    healthz_status: int | None
    healthz_seconds: float
    closed_after_timeout: int
    seconds_to_close: float

    def line(self) -> str:
        return (f"{self.opened} of {self.connections} silent connections open (half a header each, server started with a "
                f"soft limit of 1,024 open files): /healthz answered {self.healthz_status} in {self.healthz_seconds:.2f} s; "
                f"{self.closed_after_timeout} closed by the server {self.seconds_to_close:.1f} s later (idle timeout 15 s)")


def silent_run(binary: str, database_url: str, connections: int = 1100) -> SilentReport:
    """`connections` clients each send half a request header and then nothing, against a server started with the
    common soft limit of 1,024 open files: /healthz still answers, and the server closes them at its idle timeout."""
    import resource
    import socket

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, max(soft, connections + 256))
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))  # this script's own sockets

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))

    with tempfile.TemporaryDirectory(prefix="ithaca-faults-") as work:
        server = Server(binary, database_url, pathlib.Path(work))
        server.extra_arguments = ["--idle-timeout", "15"]
        server.preexec = low_limit
        server.start()
        sockets = []
        try:
            for _ in range(connections):
                try:
                    connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
                    connection.sendall(b"GET /healthz HTTP/1.1\r\nHo")
                    sockets.append(connection)
                except OSError:
                    break
            started = time.time()
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/healthz", timeout=4).status
            except Exception:  # noqa: BLE001 - refused, reset or timed out: /healthz did not answer
                status = None
            healthz_seconds = time.time() - started
            closed = 0
            deadline = time.time() + 45
            for connection in sockets:
                connection.settimeout(max(0.1, deadline - time.time()))
                try:
                    if connection.recv(1) == b"":
                        closed += 1
                except OSError:
                    pass
            seconds_to_close = time.time() - started
        finally:
            for connection in sockets:
                connection.close()
            server.terminate()
        return SilentReport(connections=connections, opened=len(sockets), healthz_status=status, healthz_seconds=healthz_seconds,
                            closed_after_timeout=closed, seconds_to_close=seconds_to_close)


@dataclass
class NodesReport:
    session_on_both: bool
    writes_acknowledged: int
    lost: int
    retried: int
    doubled_after_retry: int
    doubled_without_retry: int
    answers: dict[int, int]
    seconds: float

    def line(self) -> str:
        return (f"two servers behind nginx (deploy/nginx-ithaca.conf, TLS), one killed with SIGKILL under load and restarted: "
                f"a session made through one works on both: {self.session_on_both}; {self.writes_acknowledged} writes acknowledged, "
                f"{self.lost} lost; {self.retried} retried by clients after an unanswered attempt, {self.doubled_after_retry} of them "
                f"written twice; {self.doubled_without_retry} doubled without a retry; answers {dict(sorted(self.answers.items()))}, "
                f"{self.seconds:.0f} s")


def render_nginx(work: pathlib.Path, upstreams: list[int], http_port: int, https_port: int) -> pathlib.Path:
    """deploy/nginx-ithaca.conf with this run's ports and a throwaway certificate, inside a minimal nginx.conf."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")], check=True, capture_output=True)
    site = (REPO / "deploy/nginx-ithaca.conf").read_text()
    replacements = {
        "server 127.0.0.1:8081": f"server 127.0.0.1:{upstreams[0]}", "server 127.0.0.1:8082": f"server 127.0.0.1:{upstreams[1]}",
        "listen 80;": f"listen 127.0.0.1:{http_port};", "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "/etc/letsencrypt/live/mentoring.example.org/fullchain.pem": str(work / "cert.pem"),
        "/etc/letsencrypt/live/mentoring.example.org/privkey.pem": str(work / "key.pem"),
    }
    for old, new in replacements.items():
        assert old in site, f"deploy/nginx-ithaca.conf no longer has {old!r}: update faults.py with it"
        site = site.replace(old, new)
    (work / "ithaca.conf").write_text(site)
    main = work / "nginx.conf"
    main.write_text(f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log notice;
daemon off;
events {{ worker_connections 2048; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
    include {work}/ithaca.conf;
}}
""")
    return main


def nodes_run(binary: str, postgres_server_url: str, writers: int = 8, seconds: float = 12) -> NodesReport:
    """Two servers on one PostgreSQL behind nginx: a session made through one is honoured by the other; one server
    is killed with SIGKILL under a write load through nginx (and restarted): clients that retry an unanswered write lose
    no acknowledged write."""
    import ssl

    started = time.time()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with PostgresDatabase(postgres_server_url, f"ithaca_nodes_{os.getpid()}") as url, \
            tempfile.TemporaryDirectory(prefix="ithaca-nodes-") as folder:
        work = pathlib.Path(folder)
        http_port, https_port = free_port(), free_port()
        public = f"https://127.0.0.1:{https_port}"
        nodes = [Server(binary, url, work) for _ in range(2)]
        for node in nodes:
            node.extra_arguments = ["--trust-forwarded-for", "--public-url", public]
        nodes[0].start()  # migrations once, then the second
        nodes[1].start()
        nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
        nginx = subprocess.Popen([nginx_binary, "-p", str(work), "-c", str(render_nginx(work, [n.port for n in nodes], http_port, https_port))],
                                 stdout=subprocess.DEVNULL, stderr=open(work / "nginx.out", "w"))
        try:
            def through_nginx(method: str, path: str, body: dict | None = None, token: str | None = None,
                              headers: dict | None = None, form: dict | None = None) -> tuple[int, bytes, object]:
                return fetch(public + path, method, body, token, form, headers, context)

            deadline = time.time() + 30
            while time.time() < deadline:
                try:
                    if through_nginx("GET", "/healthz")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.2)
            # a session made through nginx (whichever server answered) works on each server
            status, _, headers = through_nginx("GET", "/signin")
            cookies = {c.split("=", 1)[0]: c.split(";", 1)[0].split("=", 1)[1] for c in headers.get_all("Set-Cookie") or []}
            csrf = next(value for name, value in cookies.items() if name.endswith("ithaca_csrf"))
            status, _, _ = through_nginx("POST", "/api/v1/accounts", {"email": "first@faults.example", "password": PASSWORD, "name": "First"})
            assert status == 201, status
            status, _, headers = through_nginx(
                "POST", "/signin", headers={"Origin": public, "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
                form={"email": "first@faults.example", "password": PASSWORD, "csrfToken": csrf})
            assert status in (302, 303), status
            for cookie in headers.get_all("Set-Cookie") or []:
                name, value = cookie.split(";", 1)[0].split("=", 1)
                cookies[name] = value
            session_on_both = True
            for node in nodes:
                status, _, _ = fetch(f"http://127.0.0.1:{node.port}/settings", headers={
                    "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "X-Forwarded-Proto": "https"})
                session_on_both &= status == 200

            tag = f"nodes-{os.getpid()}"
            prefix = f"fault-{tag}-"
            tokens = []
            for index in range(writers):
                email = f"node-writer{index}@faults.example"
                assert through_nginx("POST", "/api/v1/accounts", {"email": email, "password": PASSWORD, "name": f"W {index}"})[0] == 201
                status, body, _ = through_nginx("POST", "/api/v1/tokens", {"email": email, "password": PASSWORD, "label": "nodes"})
                tokens.append(json.loads(body)["token"])
            tally, stop = Tally(), threading.Event()
            retried: set[str] = set()

            def writer(index: int) -> None:
                number = 0
                while not stop.is_set():
                    number += 1
                    title = f"{prefix}{index}-{number}"
                    for attempt in range(20):  # a client that retries an unanswered write, as a browser user would
                        try:
                            status, _, _ = through_nginx("POST", "/api/v1/me/goals", {"title": title, "milestones": ["a"]}, tokens[index])
                        except (OSError, http.client.HTTPException):
                            status = None
                        tally.record(status, title)
                        if status == 201 or (status is not None and status < 500):
                            break
                        with tally.lock:
                            retried.add(title)
                        time.sleep(0.1)

            threads = [threading.Thread(target=writer, args=(index,), daemon=True) for index in range(writers)]
            for thread in threads:
                thread.start()
            time.sleep(seconds / 3)
            nodes[0].kill9()
            time.sleep(seconds / 3)
            nodes[0].start()
            time.sleep(seconds / 3)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            counts = Database(url).goal_counts(prefix)
            lost = sum(1 for title in tally.acknowledged if counts.get(title, 0) == 0)
            doubled = {title for title, count in counts.items() if count > 1}
            return NodesReport(
                session_on_both=session_on_both, writes_acknowledged=len(tally.acknowledged), lost=lost, retried=len(retried),
                doubled_after_retry=len(doubled & retried), doubled_without_retry=len(doubled - retried),
                answers=dict(tally.answers), seconds=time.time() - started)
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)
            for node in nodes:
                if node.process and node.process.poll() is None:
                    node.terminate()


@dataclass
class SignUpReport:
    rounds: int
    admins_per_round: list[int]
    answers: dict[int, int]

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.answers.items() if status >= 500)

    def line(self) -> str:
        return (f"{self.rounds} fresh installs with 8 simultaneous first sign-ups each: admins per install "
                f"{sorted(set(self.admins_per_round))}, answers {dict(sorted(self.answers.items()))}")


def sign_up_run(binary: str, fresh_database, rounds: int = 20, people: int = 8) -> SignUpReport:
    """`rounds` fresh installs; on each, `people` sign up at the same moment: exactly one becomes the site admin and
    nobody gets a 5xx. `fresh_database()` is a context manager yielding an empty database's URL."""
    admins: list[int] = []
    answers: dict[int, int] = {}
    for round_number in range(rounds):
        with fresh_database() as url, tempfile.TemporaryDirectory(prefix="ithaca-faults-") as work:
            server = Server(binary, url, pathlib.Path(work))
            server.start()
            try:
                barrier = threading.Barrier(people)

                def sign_up(index: int) -> int:
                    barrier.wait()
                    body = {"email": f"first{index}-{round_number}@faults.example", "password": PASSWORD, "name": f"First {index}"}
                    try:
                        return call(server.port, "POST", "/api/v1/accounts", body)[0]
                    except OSError:
                        return 0
                with concurrent.futures.ThreadPoolExecutor(max_workers=people) as pool:
                    for status in pool.map(sign_up, range(people)):
                        answers[status] = answers.get(status, 0) + 1
            finally:
                server.terminate()
            admins.append(int(Database(url).rows("SELECT COUNT(*) FROM users WHERE role = 'admin'")[0][0]))
    return SignUpReport(rounds=rounds, admins_per_round=admins, answers=answers)


class PostgresDatabase:
    """A database of its own on a PostgreSQL server, dropped afterwards."""

    def __init__(self, server_url: str, name: str):
        self.server_url, self.name = server_url, name
        self.url = urllib.parse.urlsplit(server_url)._replace(path=f"/{name}").geturl()

    def __enter__(self) -> str:
        psql(self.server_url, f"DROP DATABASE IF EXISTS {self.name}")
        psql(self.server_url, f"CREATE DATABASE {self.name}")
        return self.url

    def __exit__(self, *_: object) -> None:
        psql(self.server_url, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def fresh_database_factory(postgres: str | None):
    """A context manager factory yielding a new empty database URL each time (SQLite file or PostgreSQL database)."""
    import contextlib

    counter = iter(range(1_000_000))

    @contextlib.contextmanager
    def fresh():
        if postgres:
            with PostgresDatabase(postgres, f"ithaca_faults_{os.getpid()}_{next(counter)}") as url:
                yield url
        else:
            with tempfile.TemporaryDirectory(prefix="ithaca-faults-db-") as folder:
                yield f"sqlite://{folder}/faults.sqlite"
    return fresh


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["kill", "term", "signups", "silent", "nodes"])
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--connections", type=int, default=1100)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--in-flight", type=int, default=200)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (a database is created on it and dropped)")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    binary = os.environ.get("ITHACA_BIN", str(REPO / ".build/debug/ithaca"))

    if arguments.mode == "nodes":
        assert arguments.postgres, "nodes needs --postgres"
        report = nodes_run(binary, arguments.postgres, arguments.writers, arguments.seconds)
        ok = report.session_on_both and report.lost == 0 and report.doubled_without_retry == 0 and report.writes_acknowledged > 0
        print(("PASS " if ok else "FAIL ") + "PostgreSQL " + report.line())
        return 0 if ok else 1
    if arguments.mode == "signups":
        report = sign_up_run(binary, fresh_database_factory(arguments.postgres), arguments.rounds)
        ok = report.admins_per_round == [1] * report.rounds and report.answers == {201: 8 * report.rounds}
        print(("PASS " if ok else "FAIL ") + ("PostgreSQL " if arguments.postgres else "SQLite ") + report.line())
        return 0 if ok else 1

    def run(url: str) -> tuple[str, bool]:
        if arguments.mode == "silent":
            report = silent_run(binary, url, arguments.connections)
            return report.line(), report.healthz_status == 200 and report.opened == report.connections \
                and report.closed_after_timeout == report.opened
        if arguments.mode == "kill":
            report = kill_run(binary, url, arguments.kills, arguments.writers, arguments.seed)
            ok = not (report.lost or report.doubled or report.integrity_problems or report.server_errors)
        else:
            report = term_run(binary, url, arguments.in_flight)
            ok = report.exit_status == 0 and report.exit_seconds < 30 and not (
                report.lost or report.doubled or report.server_errors or report.cut or report.refused_but_written)
        return report.line(), ok

    if arguments.postgres:
        with PostgresDatabase(arguments.postgres, f"ithaca_faults_{os.getpid()}") as url:
            line, ok = run(url)
    else:
        with tempfile.TemporaryDirectory(prefix="ithaca-faults-db-") as folder:
            line, ok = run(f"sqlite://{folder}/faults.sqlite")
    print(("PASS " if ok else "FAIL ") + ("PostgreSQL " if arguments.postgres else "SQLite ") + line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
