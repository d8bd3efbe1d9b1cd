"""A write storm with readers alongside (issue 16): `ithaca serve` on one database, `writers` connections posting
goals without pause and `readers` connections reading people by id, both driven by wrk for `seconds` seconds.

Before the storm, the readers run alone for the same time: the comparison, on the same machine in the same run.
The figures are wrk's (latency per request, from send to the last byte of the answer):

    python3 tests/processes/storm.py                          # SQLite, 64 writers + 64 readers, 20 s each
    python3 tests/processes/storm.py --postgres URL           # PostgreSQL (a database is made and dropped)
    ITHACA_BIN=.build-release/release/ithaca python3 tests/processes/storm.py

test_faults.py runs a short storm on both databases and asserts that no answer is a 5xx.
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
from dataclasses import dataclass

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from conftest import REPO  # noqa: E402
from faults import Database, PostgresDatabase, Server, call, make_writers  # noqa: E402

#: wrk calls `response` for every answer and `done` once; each thread counts statuses in its own Lua state, and
#: `done` adds them up and prints them as one JSON line wrk's own report does not have.
COUNTING = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
statuses = {}
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do total[tostring(status)] = (total[tostring(status)] or 0) + count end
  end
  local parts = {}
  for status, count in pairs(total) do table.insert(parts, string.format('"%s": %d', status, count)) end
  io.write(string.format('STORM {"statuses": {%s}, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "requests": %d, "socket_errors": %d}\\n',
    table.concat(parts, ", "), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


@dataclass
class Load:
    """What wrk saw from one group of connections."""
    requests: int
    seconds: float
    statuses: dict[int, int]
    p50_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def line(self) -> str:
        return (f"{self.per_second:.0f}/s, p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, max {self.max_ms:.0f} ms, "
                f"answers {dict(sorted(self.statuses.items()))}, {self.socket_errors} socket errors")


@dataclass
class StormReport:
    database: str
    readers_alone: Load
    readers: Load
    writers: Load
    goals_written: int

    @property
    def server_errors(self) -> int:
        return self.readers_alone.server_errors + self.readers.server_errors + self.writers.server_errors

    def all_acknowledged_written(self, writers: int) -> bool:
        """Every 201 is a goal in the database; a few more may be there (in flight when wrk stopped)."""
        acknowledged = self.writers.statuses.get(201, 0)
        return acknowledged <= self.goals_written <= acknowledged + writers

    def line(self) -> str:
        return (f"{self.database}: readers alone {self.readers_alone.line()}; during the storm readers {self.readers.line()}, "
                f"writers {self.writers.line()}; {self.goals_written} goals in the database")


def wrk_script(folder: pathlib.Path, name: str, requests: list[str]) -> pathlib.Path:
    """A wrk script sending the given raw requests round-robin, counting answers by status."""
    lines = ["local requests = {" + ", ".join(json.dumps(r) for r in requests) + "}",
             "local next_index = 0",
             "function request() next_index = next_index % #requests + 1; return requests[next_index] end",
             COUNTING]
    path = folder / f"{name}.lua"
    path.write_text("\n".join(lines))
    return path


def raw_request(method: str, path: str, token: str, body: dict | None = None) -> str:
    data = json.dumps(body) if body is not None else ""
    headers = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {token}", "Accept: application/json"]
    if body is not None:
        headers += ["Content-Type: application/json", f"Content-Length: {len(data.encode())}"]
    return "\r\n".join(headers) + "\r\n\r\n" + data


def start_wrk(port: int, script: pathlib.Path, connections: int, seconds: float) -> subprocess.Popen:
    return subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "30s", "--latency", "-s", str(script),
         f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_wrk(process: subprocess.Popen, seconds: float) -> Load:
    output, _ = process.communicate(timeout=seconds + 120)
    found = re.search(r"^STORM (\{.*\})$", output, re.MULTILINE)
    assert process.returncode == 0 and found, output
    figures = json.loads(found.group(1))
    return Load(requests=figures["requests"], seconds=seconds, statuses={int(k): v for k, v in figures["statuses"].items()},
                p50_ms=figures["p50_ms"], p99_ms=figures["p99_ms"], max_ms=figures["max_ms"],
                socket_errors=figures["socket_errors"])


def storm_run(binary: str, database_url: str, writers: int = 64, readers: int = 64, seconds: float = 20,
              accounts: int = 64) -> StormReport:
    """Readers alone for `seconds`, then readers and writers together for `seconds`. `accounts` members (each with an
    API token) are read and write; each connection takes them in turn."""
    assert shutil.which("wrk"), "wrk is not installed (apt-get install wrk)"
    with tempfile.TemporaryDirectory(prefix="ithaca-storm-") as work:
        folder = pathlib.Path(work)
        server = Server(binary, database_url, folder)
        server.start()
        try:
            tag = f"{os.getpid()}-{int(time.time())}"
            tokens = make_writers(server.port, accounts, tag)
            ids = [call(server.port, "GET", "/api/v1/me", token=token)[1]["id"] for token in tokens]
            reads = [raw_request("GET", f"/api/v1/people/{person}", tokens[index % len(tokens)]) for index, person in enumerate(ids)]
            writes = [raw_request("POST", "/api/v1/me/goals", token, {"title": f"storm-{tag}-{index}", "milestones": ["a step"]})
                      for index, token in enumerate(tokens)]
            read_script = wrk_script(folder, "read", reads)
            write_script = wrk_script(folder, "write", writes)

            readers_alone = finish_wrk(start_wrk(server.port, read_script, readers, seconds), seconds)
            writing = start_wrk(server.port, write_script, writers, seconds)
            reading = start_wrk(server.port, read_script, readers, seconds)
            writers_load, readers_load = finish_wrk(writing, seconds), finish_wrk(reading, seconds)
            written = int(Database(database_url).rows(f"SELECT COUNT(*) FROM goals WHERE title LIKE 'storm-{tag}-%'")[0][0])
        finally:
            server.terminate()
    return StormReport(database="PostgreSQL" if database_url.startswith("postgres") else "SQLite",
                       readers_alone=readers_alone, readers=readers_load, writers=writers_load, goals_written=written)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--writers", type=int, default=64)
    parser.add_argument("--readers", type=int, default=64)
    parser.add_argument("--accounts", type=int, default=64)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (a database is created on it and dropped)")
    arguments = parser.parse_args()
    binary = os.environ.get("ITHACA_BIN", str(REPO / ".build/debug/ithaca"))

    def run(url: str) -> StormReport:
        return storm_run(binary, url, arguments.writers, arguments.readers, arguments.seconds, arguments.accounts)

    if arguments.postgres:
        with PostgresDatabase(arguments.postgres, f"ithaca_storm_{os.getpid()}") as url:
            report = run(url)
    else:
        with tempfile.TemporaryDirectory(prefix="ithaca-storm-db-") as folder:
            report = run(f"sqlite://{folder}/storm.sqlite")
    ok = report.server_errors == 0 and report.all_acknowledged_written(arguments.writers)
    print(("PASS " if ok else "FAIL ") + report.line())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
