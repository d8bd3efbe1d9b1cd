"""Two `ithaca serve` processes on one PostgreSQL database, as behind a load balancer: both load the demo (once),
both run the background jobs every second, and yet every reminder and every email exists exactly once."""

from __future__ import annotations

import email
import email.policy
import os
import pathlib
import signal
import subprocess
import time
import urllib.parse

from conftest import free_port, psql, wait_healthy


def test_two_servers_send_every_reminder_and_email_exactly_once(ithaca_bin, postgres_url, tmp_path):
    database = f"ithaca_two_{os.getpid()}"
    psql(postgres_url, f"DROP DATABASE IF EXISTS {database}")
    psql(postgres_url, f"CREATE DATABASE {database}")
    url = urllib.parse.urlsplit(postgres_url)._replace(path=f"/{database}").geturl()
    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            mail = tmp_path / f"mail-{name}"
            log = open(tmp_path / f"server-{name}.log", "w")
            process = subprocess.Popen(
                [ithaca_bin, "serve", "--port", str(port), "--database", url, "--demo", "--jobs-interval", "1",
                 "--mail-dir", str(mail)], stdout=log, stderr=subprocess.STDOUT)
            servers.append((name, port, mail, process))
        for _, port, _, process in servers:
            wait_healthy(port, process)
        # the demo's held meetings ask for feedback, its bookings and requests send mail: give the jobs time to run
        deadline = time.time() + 60
        while time.time() < deadline:
            pending = int(psql(url, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"))
            reminders = int(psql(url, "SELECT COUNT(*) FROM notifications WHERE kind = 'feedback_due'"))
            if reminders > 0 and pending == 0:
                break
            time.sleep(1)
        time.sleep(5)  # a few more ticks of both job runners: nothing new may appear

        assert int(psql(url, "SELECT COUNT(*) FROM users")) == 300, "the demo loaded once"
        assert reminders > 0, "the demo should have held meetings whose feedback is due"
        duplicated = psql(url, """SELECT COUNT(*) FROM (SELECT person_id, url FROM notifications WHERE kind = 'feedback_due'
                                  GROUP BY person_id, url HAVING COUNT(*) > 1) d""")
        assert duplicated == "0", "a reminder was sent twice"
        assert psql(url, "SELECT COUNT(*) FROM reminders_sent WHERE key LIKE 'feedback:%'") == str(reminders)
        queued = int(psql(url, "SELECT COUNT(*) FROM outbox"))
        assert queued > 0 and int(psql(url, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")) == 0
        # each message became exactly one .eml file, in whichever server's folder delivered it
        files = [f for _, _, mail, _ in servers for f in pathlib.Path(mail).glob("*.eml")]
        assert len(files) == queued, f"{len(files)} .eml files for {queued} messages"
        ids = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default)["Message-ID"] for f in files]
        assert len(set(ids)) == len(ids), "an email was delivered twice"
        assert int(psql(url, "SELECT COUNT(*) FROM job_leases WHERE last_finished_at IS NOT NULL")) >= 4, "every job ran"
    finally:
        for _, _, _, process in servers:
            process.send_signal(signal.SIGTERM)
        for _, _, _, process in servers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        psql(postgres_url, f"DROP DATABASE IF EXISTS {database}")
