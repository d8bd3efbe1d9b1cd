"""docs/DEPLOY.md's systemd unit, as the guide prints it: systemd accepts every line of it (`systemd-analyze verify`,
no warning), and its ExecStart — the guide's flags, the port from the instance name, the environment file — starts a
server that answers; the unit's KillSignal then stops it with exit status 0 well within its TimeoutStopSec."""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import signal
import subprocess
import time
import urllib.request

from conftest import REPO, free_port, wait_healthy

GUIDE = REPO / "docs/DEPLOY.md"


def guide_unit() -> str:
    text = GUIDE.read_text()
    match = re.search(r"`/etc/systemd/system/ithaca@\.service`.*?```ini\n(.*?)```", text, re.S)
    assert match, "docs/DEPLOY.md has no ithaca@.service unit"
    return match.group(1)


def setting(unit: str, key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", unit, re.M)
    assert match, f"the unit has no {key}="
    return match.group(1).strip()


def test_systemd_accepts_every_line_of_the_guides_unit(ithaca_bin, tmp_path):
    # given the guide's unit, with this machine's binary, user and environment file in place of the guide's paths
    unit = guide_unit().replace("/usr/local/bin/ithaca", ithaca_bin).replace("User=ithaca", "User=root") \
        .replace("/etc/ithaca/ithaca.env", str(tmp_path / "ithaca.env"))
    (tmp_path / "ithaca.env").write_text(f"DATABASE_URL=sqlite://{tmp_path}/db.sqlite\n")
    (tmp_path / "ithaca@.service").write_text(unit)
    # when systemd checks an instance of it
    result = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "ithaca@8081.service")],
                            capture_output=True, text=True, timeout=60)
    # then it knows every directive and finds nothing to say (an unknown key is only a warning, so any output fails)
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stdout + result.stderr


def test_the_units_command_serves_and_stops_cleanly_on_its_kill_signal(ithaca_bin, tmp_path):
    unit = guide_unit()
    port = free_port()
    # given ExecStart as systemd would run it for instance ithaca@<port>, with the guide's environment file's kind of
    # settings (a database URL, JSON logs)
    command = [ithaca_bin if word == "/usr/local/bin/ithaca" else word.replace("%i", str(port))
               for word in shlex.split(setting(unit, "ExecStart"))]
    environment = {**os.environ, "DATABASE_URL": f"sqlite://{tmp_path}/db.sqlite", "LOG_FORMAT": "json",
                   "ITHACA_PUBLIC_URL": "https://mentoring.example.org"}
    server = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # when it is up, then it answers on the instance's port
        wait_healthy(port, server)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert response.status == 200
        # when systemd stops it with the unit's KillSignal
        kill_signal = getattr(signal, setting(unit, "KillSignal"))
        timeout = float(setting(unit, "TimeoutStopSec"))
        started = time.monotonic()
        server.send_signal(kill_signal)
        status = server.wait(timeout=timeout)
        # then it exits 0 (systemd would not count it as failed, nor restart it) well within the stop timeout
        assert status == 0, server.stdout.read()[-2000:]
        assert time.monotonic() - started < timeout / 2
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
