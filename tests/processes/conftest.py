"""Tests that run `ithaca serve` as real processes (scripts/test runs them after the Swift tests, while its
throwaway PostgreSQL is up): start-up refusals, and several servers sharing one database."""

from __future__ import annotations

import os
import pathlib
import socket
import subprocess
import time
import urllib.request

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def ithaca_bin() -> str:
    path = os.environ.get("ITHACA_BIN", str(REPO / ".build/debug/ithaca"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path} is not built: run scripts/test (or swift build) first", pytrace=False)
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("ITHACA_TEST_POSTGRES_URL", "")
    if not url:
        pytest.fail("ITHACA_TEST_POSTGRES_URL is not set: scripts/test starts a throwaway PostgreSQL for these tests",
                    pytrace=False)
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server on {port} exited with {process.returncode}")
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200:
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.5)
    raise AssertionError(f"the server on {port} did not become healthy within {timeout:.0f} s")


def psql(url: str, sql: str) -> str:
    result = subprocess.run(["psql", url, "-XAtq", "-c", sql], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
