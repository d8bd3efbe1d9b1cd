"""docs/DEPLOY.md's backups, restores and rollbacks, done with the guide's own commands on a database that holds the
demo community and is being written to while the backup runs.

* SQLite: `sqlite3 DB ".backup 'FILE'"` and `sqlite3 DB "VACUUM INTO 'FILE'"` while two writers post goals; each
  copy restored as the guide says (stop the server, replace the file, remove -wal and -shm, start it) and checked
  with `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
* PostgreSQL: `pg_dump --format=custom` with the role's URL (the role owns the database, as the guide sets it up)
  while two writers post goals; restored by the superuser with `createdb --owner` and `pg_restore --no-owner --role`,
  then served as the role.
  After each restore: the server starts healthy, every goal acknowledged before the backup began is there, no other
  table changed, the person signs in with their password and sees their goals, and a new goal can be written.
* `ithaca migrate --revert`, then `ithaca migrate`, on both databases. A batch is what one `migrate` (or the `serve`
  start that found migrations to apply) applied, so on a database installed by this version the last batch is the
  whole schema. Both cases: the migrations since the first round (M028–M034) as the last batch — an upgrade from the first
  round's schema, rolled back — go, while the older tables keep every row, and applying them again on those rows
  gives the same schema as before; the whole schema as the last batch drops every table.

* Every suffix of the migrations (M034, M033–M034, …, M002–M034) reverted and re-applied on a database full of data:
  about 25 s on SQLite and 35–65 s on PostgreSQL with the debug build (figures in docs/RELIABILITY.md).
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import sqlite3
import subprocess
import threading
import time
import urllib.parse
import uuid

import pytest

from conftest import psql
from faults import Database, Server, call

PASSWORD = "a long passphrase for backups"
#: M001–M027 were the schema of the first round (2026-11-23); M028–M033 came with the second (2026-12-07), M034 after
SECOND_ROUND_FIRST_MIGRATION = 28


# ---------------------------------------------------------------------------------------------------- helpers

def run(argv: list[str], env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """A command of the guide; a non-zero exit fails the test with what it printed."""
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, **(env or {})})
    assert result.returncode == 0, (f"{' '.join(argv)} exited with {result.returncode}\n"
                                    f"stdout: {result.stdout[-1500:]}\nstderr: {result.stderr[-3000:]}")
    return result


def tables(url: str) -> set[str]:
    if url.startswith("sqlite://"):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    return {row[0] for row in Database(url).rows(sql)}


def columns(url: str, table: str) -> set[str]:
    if url.startswith("sqlite://"):
        return {row[1] for row in Database(url).rows(f"PRAGMA table_info('{table}')")}
    return {row[0] for row in Database(url).rows(
        f"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'")}


def indexes(url: str) -> set[str]:
    if url.startswith("sqlite://"):
        return {row[0] for row in Database(url).rows("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return {row[0] for row in Database(url).rows("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}


def row_counts(url: str) -> dict[str, int]:
    names = sorted(tables(url))
    sql = " UNION ALL ".join(f"SELECT '{name}', COUNT(*) FROM \"{name}\"" for name in names)
    return {name: int(count) for name, count in Database(url).rows(sql)}


def schema(url: str) -> list[str]:
    """Everything that defines the schema, in a stable order, to compare before and after a round trip."""
    if url.startswith("sqlite://"):
        return ["|".join(row) for row in Database(url).rows(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")]
    dump = run(["pg_dump", "--schema-only", "--no-owner", url]).stdout
    # pg_dump 15.14+ brackets its output with \restrict <random key>; comments and SETs are not schema
    return [line for line in dump.splitlines()
            if line.strip() and not line.startswith(("--", "\\restrict", "\\unrestrict", "SET "))]


def migrations(url: str) -> dict[int, int]:
    """Applied migrations: number → batch."""
    return {int(re.search(r"\.M(\d{3})", name).group(1)): int(batch)
            for name, batch in Database(url).rows("SELECT name, batch FROM _fluent_migrations")}


def execute(url: str, sql: str) -> None:
    """One statement that changes something (faults.Database.rows only reads)."""
    if url.startswith("sqlite://"):
        connection = sqlite3.connect(url.removeprefix("sqlite://"))
        try:
            with connection:
                connection.execute(sql)
        finally:
            connection.close()
    else:
        psql(url, sql)


def set_last_batch(url: str, first: int) -> None:
    """Makes migrations `first`…end batch 2 and the rest batch 1: the state of a database that a version ending at
    `first - 1` created and this version upgraded. (No older binary is kept to do it for real.)"""
    number = ("CAST(substr(name, instr(name, '.M') + 2, 3) AS INTEGER)" if url.startswith("sqlite://")
              else "CAST(substring(name from '\\.M(\\d{3})') AS INTEGER)")
    execute(url, f"UPDATE _fluent_migrations SET batch = CASE WHEN {number} >= {first} THEN 2 ELSE 1 END")


def ithaca_migrate(binary: str, url: str, revert: bool = False) -> str:
    result = run([binary, "migrate", "--database", url, *(["--revert"] if revert else [])])
    return result.stdout.strip()


def sign_in(port: int, email: str) -> str:
    """A token from the person's email and password, as a person signs in."""
    status, body = call(port, "POST", "/api/v1/tokens", {"email": email, "password": PASSWORD, "label": "backup"})
    assert status == 201, (email, status, body)
    return body["token"]


def goal_titles(port: int, token: str) -> set[str]:
    status, body = call(port, "GET", "/api/v1/me/goals", token=token)
    assert status == 200, (status, body)
    return {goal["title"] for goal in body["items"]}


class Writers:
    """Threads posting goals for one person as fast as the server answers; remembers when each was acknowledged."""

    def __init__(self, port: int, token: str, prefix: str, threads: int = 2):
        self.port, self.token, self.prefix = port, token, prefix
        self.acknowledged: dict[str, float] = {}  # title → when its 201 arrived
        self.attempted: set[str] = set()
        self.failures: list[str] = []
        self.lock, self.stop_event = threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self.write, args=(index,)) for index in range(threads)]

    def write(self, index: int) -> None:
        number = 0
        while not self.stop_event.is_set():
            number += 1
            title = f"{self.prefix}{index}-{number}"
            with self.lock:
                self.attempted.add(title)
            try:
                status, body = call(self.port, "POST", "/api/v1/me/goals", {"title": title, "milestones": ["one"]},
                                    self.token)
            except OSError as error:
                status, body = None, {"error": str(error)}
            with self.lock:
                if status == 201:
                    self.acknowledged[title] = time.time()
                else:
                    self.failures.append(f"{title}: {status} {body}")

    def start(self) -> None:
        for thread in self.threads:
            thread.start()
        self.wait_for(10)

    def wait_for(self, count: int) -> None:
        """Until `count` more writes are acknowledged: the writers are running, and keep running past this moment."""
        with self.lock:
            target = len(self.acknowledged) + count
        deadline = time.time() + 30
        while time.time() < deadline:
            with self.lock:
                if len(self.acknowledged) >= target:
                    return
            time.sleep(0.01)
        raise AssertionError(f"the writers did not get {count} more goals acknowledged: {self.failures[:3]}")

    def stop(self) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=30)
        assert not self.failures, self.failures[:5]

    def acknowledged_before(self, moment: float) -> set[str]:
        with self.lock:
            return {title for title, at in self.acknowledged.items() if at < moment}

    def acknowledged_between(self, start: float, end: float) -> int:
        with self.lock:
            return sum(1 for at in self.acknowledged.values() if start <= at <= end)


def check_restored(server: Server, email: str, writers: Writers, backup_started: float,
                   before_writers: dict[str, int]) -> str:
    """What must hold of a database restored from a backup that began at `backup_started`; a summary line."""
    url, prefix = server.database, writers.prefix
    goals = {row[0] for row in Database(url).rows(f"SELECT title FROM goals WHERE title LIKE '{prefix}%'")}
    owed = writers.acknowledged_before(backup_started)
    missing = owed - goals
    assert not missing, f"{len(missing)} goals acknowledged before the backup began are missing: {sorted(missing)[:5]}"
    assert goals <= writers.attempted, f"goals nobody wrote: {sorted(goals - writers.attempted)[:5]}"
    # the writers only post goals: every other table is as it was before they began
    restored = row_counts(url)
    changed = {name: (count, restored.get(name)) for name, count in before_writers.items()
               if name != "goals" and restored.get(name) != count}
    assert not changed, f"tables that differ from before the writes (before, restored): {changed}"
    # the person signs in with their password and sees their goals; the restored database takes writes
    token = sign_in(server.port, email)
    assert owed <= goal_titles(server.port, token), "the person does not see every goal acknowledged before the backup"
    status, body = call(server.port, "POST", "/api/v1/me/goals", {"title": f"{prefix}after-restore"}, token)
    assert status == 201, (status, body)
    return f"{len(owed)} goals acknowledged before it began, {len(goals)} in it"


# ------------------------------------------------------------------ one populated database per kind, copied per test

def populate(binary: str, url: str, work: pathlib.Path) -> str:
    """`ithaca serve --demo` on an empty database (300 people with mentorships, meetings, notes, questions, circles,
    programs, events, …) and one person of our own with three goals; their email."""
    server = Server(binary, url, work)
    server.extra_arguments = ["--demo"]
    server.start()
    email = f"person-{os.getpid()}@backup.example"
    status, body = call(server.port, "POST", "/api/v1/accounts",
                        {"email": email, "password": PASSWORD, "name": "Person"})
    assert status == 201, (status, body)
    token = sign_in(server.port, email)
    for number in range(3):
        status, body = call(server.port, "POST", "/api/v1/me/goals", {"title": f"kept-{number}"}, token)
        assert status == 201, (status, body)
    assert server.terminate()[0] == 0
    return email


class SQLiteTemplate:
    def __init__(self, path: pathlib.Path, email: str):
        self.path, self.email = path, email

    def copy(self, path: pathlib.Path) -> str:
        """A copy made with SQLite's backup API (the template's -wal is included); its URL."""
        source, target = sqlite3.connect(self.path), sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return f"sqlite://{path}"


class OwnedDatabases:
    """A role and the databases it owns, as docs/DEPLOY.md section 4 sets them up; all dropped afterwards."""

    def __init__(self, server_url: str, tag: str):
        self.server_url, self.role, self.names = server_url, f"ithaca_backup_{tag}", []
        parts = urllib.parse.urlsplit(server_url)
        self.superuser_env = {"PGHOST": parts.hostname or "127.0.0.1", "PGPORT": str(parts.port or 5432),
                              "PGUSER": parts.username or "postgres"}
        if parts.password:
            self.superuser_env["PGPASSWORD"] = parts.password
        self.template, self.email = "", ""  # set by the postgres_template fixture

    def name(self, suffix: str) -> str:
        """A database name of this run (dropped at the end whoever makes it)."""
        name = f"{self.role}_{suffix}"
        self.names.append(name)
        return name

    def url(self, name: str) -> str:
        """The role's own connection URL (DATABASE_URL in the guide)."""
        netloc = f"{self.role}:secret@{self.superuser_env['PGHOST']}:{self.superuser_env['PGPORT']}"
        return urllib.parse.urlunsplit(("postgres", netloc, f"/{name}", "", ""))

    def create(self, suffix: str, template: str | None = None) -> str:
        name = self.name(suffix)
        psql(self.server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        copying = f" TEMPLATE {template}" if template else ""
        psql(self.server_url, f"CREATE DATABASE {name} OWNER {self.role}{copying}")
        return name

    def __enter__(self) -> OwnedDatabases:
        psql(self.server_url, f"DROP ROLE IF EXISTS {self.role}")
        psql(self.server_url, f"CREATE ROLE {self.role} LOGIN PASSWORD 'secret'")
        return self

    def __exit__(self, *_: object) -> None:
        for name in self.names:
            psql(self.server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        psql(self.server_url, f"DROP ROLE IF EXISTS {self.role}")


@pytest.fixture(scope="module")
def sqlite_template(ithaca_bin, tmp_path_factory) -> SQLiteTemplate:
    work = tmp_path_factory.mktemp("sqlite-template")
    email = populate(ithaca_bin, f"sqlite://{work}/template.sqlite", work)
    return SQLiteTemplate(work / "template.sqlite", email)


@pytest.fixture(scope="module")
def postgres_template(ithaca_bin, postgres_url, tmp_path_factory):
    """OwnedDatabases whose `template` database (tables owned by the role) the tests copy."""
    with OwnedDatabases(postgres_url, str(os.getpid())) as owned:
        owned.template = owned.create("template")
        owned.email = populate(ithaca_bin, owned.url(owned.template), tmp_path_factory.mktemp("postgres-template"))
        yield owned


# -------------------------------------------------------------------------------------------------- SQLite

def test_sqlite_backup_under_writes_restores_everything_acknowledged(ithaca_bin, sqlite_template, tmp_path):
    if shutil.which("sqlite3") is None:
        pytest.fail("the sqlite3 command is not installed (apt-get install sqlite3): the guide's backups use it",
                    pytrace=False)
    # given: a server on a SQLite file with the demo community, and two writers posting goals without pause
    live = tmp_path / "ithaca.sqlite"
    server = Server(ithaca_bin, sqlite_template.copy(live), tmp_path)
    server.start()
    try:
        token = sign_in(server.port, sqlite_template.email)
        before_writers = row_counts(server.database)
        writers = Writers(server.port, token, f"goal-{os.getpid()}-")
        writers.start()
        # when: the guide's two backups, each while the writers write (they run from before it to after it)
        copies = {}
        for name, command in [(".backup", ".backup '{}'"), ("VACUUM INTO", "VACUUM INTO '{}'")]:
            copy = tmp_path / f"backup-{len(copies)}.sqlite"
            started = time.time()
            run(["sqlite3", str(live), command.format(copy)])
            copies[name] = (copy, started, time.time())
            writers.wait_for(10)
        writers.stop()

        # then: each copy, restored as the guide says, is a working database with every acknowledged write
        report = []
        for name, (copy, started, ended) in copies.items():
            assert server.terminate()[0] == 0
            shutil.copyfile(copy, live)
            for suffix in ("-wal", "-shm"):
                pathlib.Path(f"{live}{suffix}").unlink(missing_ok=True)
            server.start()
            integrity = run(["sqlite3", str(live), "PRAGMA integrity_check"]).stdout.strip()
            assert integrity == "ok", integrity
            assert run(["sqlite3", str(live), "PRAGMA foreign_key_check"]).stdout.strip() == ""
            report.append(f"{name} in {ended - started:.2f} s ({writers.acknowledged_between(started, ended)} goals "
                          f"acknowledged meanwhile): "
                          + check_restored(server, sqlite_template.email, writers, started, before_writers))
        print("; ".join(report) + f"; {len(writers.acknowledged)} goals acknowledged in all")
    finally:
        if server.process.poll() is None:
            server.terminate()


# ---------------------------------------------------------------------------------------------- PostgreSQL

def test_postgres_dump_under_writes_restores_everything_acknowledged(ithaca_bin, postgres_template, tmp_path):
    owned = postgres_template
    # given: a server, as the database's owner role, on the demo community, and two writers posting goals
    live = owned.create("live", template=owned.template)
    server = Server(ithaca_bin, owned.url(live), tmp_path)
    server.start()
    try:
        token = sign_in(server.port, owned.email)
        before_writers = row_counts(server.database)
        writers = Writers(server.port, token, f"goal-{os.getpid()}-")
        writers.start()
        # when: the guide's pg_dump, with the role's DATABASE_URL, while the writers write
        dump = tmp_path / "ithaca.dump"
        started = time.time()
        run(["pg_dump", "--format=custom", f"--file={dump}", server.database])
        ended = time.time()
        writers.wait_for(10)
        writers.stop()
        assert server.terminate()[0] == 0

        # then: restored as the guide says (by the superuser, every object owned by the role), served as the role
        restored = owned.name("restored")
        run(["createdb", f"--owner={owned.role}", restored], env=owned.superuser_env)
        run(["pg_restore", "--no-owner", f"--role={owned.role}", f"--dbname={restored}", str(dump)],
            env=owned.superuser_env)
        (tmp_path / "restored").mkdir()
        server = Server(ithaca_bin, owned.url(restored), tmp_path / "restored")
        server.start()
        print(f"pg_dump in {ended - started:.2f} s ({writers.acknowledged_between(started, ended)} goals acknowledged "
              f"meanwhile): " + check_restored(server, owned.email, writers, started, before_writers)
              + f"; {len(writers.acknowledged)} goals acknowledged in all")
    finally:
        if server.process and server.process.poll() is None:
            server.terminate()


# ------------------------------------------------------------------------------------ migrate --revert

@pytest.fixture(params=["sqlite", "postgres"])
def populated_copy(request, tmp_path) -> tuple[str, str]:
    """(URL, email of the person with goals) of a copy of the populated database."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        return template.copy(tmp_path / "ithaca.sqlite"), template.email
    owned = request.getfixturevalue("postgres_template")
    return owned.url(owned.create(f"copy_{len(owned.names)}", template=owned.template)), owned.email


#: what reverting M028–M034 takes away, as their revert() functions say
SECOND_ROUND_TABLES = {"outbox", "notification_preferences", "job_leases", "reminders_sent", "site_secrets",
                       "invitations", "oidc_identities", "oidc_logins", "request_reports", "request_pauses",
                       "audit_log", "lineage_opt_outs"}
SECOND_ROUND_COLUMNS = {"notifications": {"digest", "digested_at"}, "users": {"joined_at", "guide_dismissed_at"},
                        "mentorship_requests": {"info_question", "info_reply", "waiting_since", "answered_at"},
                       "matching_rounds": {"gap_bound"}}


def test_migrate_revert_rolls_back_the_last_batch_and_migrate_restores_it(ithaca_bin, populated_copy, tmp_path):
    url, email = populated_copy
    # given: a database installed by this version (one `serve` start), with the demo community and a person's goals
    applied = migrations(url)
    assert set(applied.values()) == {1} and len(applied) >= 34, f"one start applies them all as one batch: {applied}"
    full_schema, full_counts = schema(url), row_counts(url)

    # when: the second round's migrations are the last batch (an upgrade from the first round's schema)
    set_last_batch(url, SECOND_ROUND_FIRST_MIGRATION)
    started = time.time()
    said = ithaca_migrate(ithaca_bin, url, revert=True)
    revert_seconds = time.time() - started

    # then: exactly that batch is undone, named newest first, and the older tables keep every row
    assert said.startswith("Reverted the last batch of migrations (7): M034") and "M028" in said, said
    assert sorted(migrations(url)) == list(range(1, SECOND_ROUND_FIRST_MIGRATION))
    left = tables(url)
    assert not SECOND_ROUND_TABLES & left, f"still there: {SECOND_ROUND_TABLES & left}"
    for table, dropped in SECOND_ROUND_COLUMNS.items():
        assert not dropped & columns(url, table), f"{table} still has {dropped & columns(url, table)}"
    left_indexes = indexes(url)
    assert "enrolments_program_role_idx" not in left_indexes and "mentorship_requests_one_open" not in left_indexes
    assert "mentorship_requests_one_pending" in left_indexes, "M030's revert puts the first round's index back"
    counts = row_counts(url)
    kept = {name: count for name, count in full_counts.items() if name in left and name != "_fluent_migrations"}
    assert kept == {name: count for name, count in counts.items() if name != "_fluent_migrations"}, "rows were lost"

    # when: migrated again, on those rows
    assert ithaca_migrate(ithaca_bin, url) == "The database is up to date."
    # then: the same schema as before, and the server works: the person signs in and sees their goals
    assert schema(url) == full_schema, "reverting and re-applying M028–M034 changed the schema"
    server = Server(ithaca_bin, url, tmp_path)
    server.start()
    try:
        assert goal_titles(server.port, sign_in(server.port, email)) == {"kept-0", "kept-1", "kept-2"}
    finally:
        assert server.terminate()[0] == 0

    # when: the last batch is the whole schema, as on a database this version installed
    execute(url, "UPDATE _fluent_migrations SET batch = 1")
    # (but not while that batch names a migration this version does not know: then nothing is reverted)
    execute(url, "INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at) "
                 f"SELECT '{uuid.uuid4()}', 'M999FromANewerVersion', 1, created_at, updated_at FROM _fluent_migrations "
                 "WHERE name LIKE '%M034%'")
    refused = subprocess.run([ithaca_bin, "migrate", "--database", url, "--revert"], capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "M999FromANewerVersion" in refused.stderr and "nothing was reverted" in refused.stderr, refused
    assert schema(url) == full_schema, "a refused revert changed the schema"
    execute(url, "DELETE FROM _fluent_migrations WHERE name = 'M999FromANewerVersion'")
    started = time.time()
    assert ithaca_migrate(ithaca_bin, url, revert=True).startswith("Reverted the last batch of migrations (")
    whole_seconds = time.time() - started
    # then: every table is gone, rows and all; only the migrations log is left, empty
    assert tables(url) == {"_fluent_migrations"}, tables(url)
    assert migrations(url) == {}
    # and a start migrates the empty database: the first to sign up is its site admin again
    server.start()
    try:
        status, body = call(server.port, "POST", "/api/v1/accounts",
                            {"email": "first@backup.example", "password": PASSWORD, "name": "First"})
        assert status == 201, (status, body)
        assert Database(url).rows("SELECT email, role FROM users") == [("first@backup.example", "admin")]
    finally:
        assert server.terminate()[0] == 0
    assert schema(url) == full_schema
    print(f"M028–M034 reverted in {revert_seconds:.2f} s ({sum(kept.values())} rows kept) and re-applied; "
          f"the whole schema reverted in {whole_seconds:.2f} s")


def test_every_suffix_of_the_migrations_reverts_and_reapplies_on_data(ithaca_bin, populated_copy):
    url, _ = populated_copy
    full_schema = schema(url)
    last = max(migrations(url))
    started = time.time()
    for first in range(last, 1, -1):
        # given: M<first>…M<last> are the last batch, on a database full of data
        set_last_batch(url, first)
        before = row_counts(url)
        # when: reverted
        try:
            ithaca_migrate(ithaca_bin, url, revert=True)
        except AssertionError as error:
            raise AssertionError(f"reverting M{first:03}–M{last:03} failed: {error}") from None
        # then: the older migrations, their tables and their rows stay
        assert sorted(migrations(url)) == list(range(1, first)), f"after reverting M{first:03}–M{last:03}"
        lost = {name: (before[name], count) for name, count in row_counts(url).items()
                if name != "_fluent_migrations" and count != before[name]}
        assert not lost, f"reverting M{first:03}–M{last:03} changed rows of older tables (before, after): {lost}"
        # and applied again on those rows
        try:
            ithaca_migrate(ithaca_bin, url)
        except AssertionError as error:
            raise AssertionError(f"applying M{first:03}–M{last:03} again failed: {error}") from None
    assert schema(url) == full_schema
    print(f"{last - 1} suffixes reverted and re-applied in {time.time() - started:.0f} s")
