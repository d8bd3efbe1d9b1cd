#!/usr/bin/env python3
"""Read paths under load (issue 14): `ithaca serve` on a fresh database with the demo community (and, with
`--people N`, N more people imported first through `ithaca bench import`), driven by wrk at 64 connections, next
to `ithaca bench ceiling` (a Hummingbird hello world from the same build: the fastest this stack answers here).

    swift build -c release --product ithaca
    python3 benchmarks/load/run.py                                   # SQLite, demo + 10,000 imported people
    python3 benchmarks/load/run.py --postgres postgres://postgres@127.0.0.1:5432/postgres   # and PostgreSQL

Each path runs alone for `--seconds`; wrk shares the machine's cores with the server, as it does with the ceiling.
Prints req/s, p50 and p99 per path and its share of the ceiling's rate, all from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

REPO = pathlib.Path(__file__).resolve().parents[2]
MENTEE = ("tesfaye.alemu@northwind.example", "mentoring-demo-2026")


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port: int, method: str, path: str, token: str | None = None, body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def wrk(url: str, seconds: float, connections: int, token: str | None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency", url]
    if token:
        command[1:1] = ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rate": rate, "p50": ms("50"), "p99": ms("99"), "non2xx": int(errors.group(1)) if errors else 0}


def paths(port: int) -> tuple[str, list[tuple[str, str]]]:
    """A member's token and the paths to drive, found through the API as a member would."""
    token = call(port, "POST", "/api/v1/tokens", body={"email": MENTEE[0], "password": MENTEE[1], "label": "load"})["token"]
    me = call(port, "GET", "/api/v1/me", token)
    person = next(p for p in call(port, "GET", "/api/v1/people?limit=20", token)["items"] if p["id"] != me["id"])
    skill = (me["profile"]["skillsWanted"] or person["skillsOffered"] or ["Leadership"])[0]
    mentorships = call(port, "GET", "/api/v1/mentorships", token)["items"]
    spaces = call(port, "GET", "/api/v1/spaces", token)["items"]
    questions = []
    for space in spaces:
        questions = call(port, "GET", f"/api/v1/spaces/{space['id']}/questions", token)["items"]
        if questions:
            break
    chosen = [
        ("/healthz", "/healthz"),
        ("person by id (API)", f"/api/v1/people/{person['id']}"),
        ("current member (API)", "/api/v1/me"),
        (f"directory, skill {skill} (API)", "/api/v1/people?" + urllib.parse.urlencode({"skill": skill})),
        ("/mentoring (page)", "/mentoring"),
    ]
    if mentorships:
        chosen.append(("a mentorship (page)", f"/mentorships/{mentorships[0]['id']}"))
    if questions:
        chosen.append(("a question (page)", f"/questions/{questions[0]['id']}"))
    chosen.append(("search (API)", "/api/v1/search?q=career"))
    return token, chosen


def run(binary: str, database: str, label: str, people: int, seconds: float, connections: int, ceiling_port: int) -> list[str]:
    if people:
        subprocess.run([binary, "bench", "import", "--rows", str(people), "--database", database],
                       check=True, capture_output=True, text=True)
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--demo", "--port", str(port), "--database", database, "--log-level", "warning"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_healthy(port, server)
        token, chosen = paths(port)
        ceiling = wrk(f"http://127.0.0.1:{ceiling_port}/", seconds, connections, None)
        lines = [f"{label}: ceiling (hello world) {ceiling['rate']:.0f} req/s, p50 {ceiling['p50']:.2f} ms, p99 {ceiling['p99']:.2f} ms"]
        for name, path in chosen:
            figures = wrk(f"http://127.0.0.1:{port}{path}", seconds, connections, None if path == "/healthz" else token)
            lines.append(f"  {name:38} {figures['rate']:8.0f} req/s  p50 {figures['p50']:7.1f} ms  p99 {figures['p99']:7.1f} ms  "
                         f"{100 * figures['rate'] / ceiling['rate']:5.1f} % of ceiling"
                         + (f"  ({figures['non2xx']} non-2xx)" if figures["non2xx"] else ""))
        return lines
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ithaca", default=os.environ.get("ITHACA_BIN", str(REPO / ".build/release/ithaca")))
    parser.add_argument("--postgres", help="also run on PostgreSQL: a server URL; a database is made and dropped")
    parser.add_argument("--people", type=int, default=10_000, help="people imported before the demo (0: the demo alone)")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (apt-get install wrk)")
    ceiling_port = free_port()
    ceiling = subprocess.Popen([args.ithaca, "bench", "ceiling", "--port", str(ceiling_port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    folder = pathlib.Path(tempfile.mkdtemp(prefix="ithaca-load-"))
    try:
        wait_healthy(ceiling_port, ceiling)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; {args.connections} connections, "
              f"{args.seconds:g} s per path, demo + {args.people} imported people", flush=True)
        for line in run(args.ithaca, f"sqlite://{folder}/load.sqlite", "SQLite", args.people, args.seconds, args.connections, ceiling_port):
            print(line, flush=True)
        if args.postgres:
            name = "ithaca_load_" + uuid.uuid4().hex[:8]
            server_url = urllib.parse.urlparse(args.postgres)
            subprocess.run(["psql", args.postgres, "-qc", f"CREATE DATABASE {name}"], check=True)
            try:
                url = server_url._replace(path="/" + name).geturl()
                for line in run(args.ithaca, url, "PostgreSQL", args.people, args.seconds, args.connections, ceiling_port):
                    print(line, flush=True)
            finally:
                subprocess.run(["psql", args.postgres, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)
    finally:
        ceiling.terminate()
        ceiling.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
