"""A configuration mistake stops the server at start-up with one clear line and exit status 1: email would otherwise
be lost later, or single sign-on fail for everyone."""

from __future__ import annotations

import socket
import subprocess

import pytest

from conftest import free_port


@pytest.mark.parametrize("flags, says", [
    (["--smtp-url", "smtps//mail.example.org"], "--smtp-url"),
    (["--smtp-url", "smtp://user@mail.example.org:99999"], "--smtp-url"),
    (["--mail-from", "not an address"], "--mail-from"),
    (["--oidc-issuer", "ftp://login.example.org", "--oidc-client-id", "ithaca"], "--oidc-issuer"),
    (["--oidc-issuer", "https://login.example.org"], "--oidc-client-id"),
])
def test_a_bad_setting_stops_the_server_with_one_line(ithaca_bin, tmp_path, flags, says):
    result = subprocess.run(
        [ithaca_bin, "serve", "--port", str(free_port()), "--database", f"sqlite://{tmp_path}/db.sqlite", *flags],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, (result.returncode, result.stdout[-500:], result.stderr[-500:])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ithaca: ") and says in lines[0], lines[0]


def test_a_taken_port_stops_the_server_with_one_line_and_no_crash(ithaca_bin, tmp_path):
    # given something already listening on the port
    port = free_port()
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    holder.bind(("127.0.0.1", port))
    holder.listen()
    try:
        # when the server starts on it (with its background jobs running, which once crashed on the closed database)
        result = subprocess.run(
            [ithaca_bin, "serve", "--port", str(port), "--database", f"sqlite://{tmp_path}/db.sqlite", "--jobs-interval", "1"],
            capture_output=True, text=True, timeout=120)
    finally:
        holder.close()
    # then it exits 1 with one line naming the address, never saying it listens, and without a backtrace
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Backtracing" not in result.stderr and "Fatal error" not in result.stderr, result.stderr[-2000:]
    problems = [line for line in result.stderr.splitlines() if line.startswith("ithaca: ")]
    assert len(problems) == 1 and f"127.0.0.1:{port}" in problems[0], result.stderr[-2000:]
    assert "Ithaca is listening" not in result.stdout + result.stderr
