"""Fixtures for the API robustness checks: a running server (ITHACA_BASE_URL) and a member's token."""

from __future__ import annotations

import os
import uuid

import pytest
import requests


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("ITHACA_BASE_URL", "").rstrip("/")
    if not url:
        pytest.fail("ITHACA_BASE_URL is not set: run scripts/test, or start `ithaca serve` and set it", pytrace=False)
    return url


@pytest.fixture(scope="session")
def member_token(base_url: str) -> str:
    """A fresh member (not the admin), so fuzzed writes never touch the demo admin's account."""
    email = f"fuzz-{uuid.uuid4().hex[:10]}@example.com"
    password = "a long fuzzing passphrase"
    created = requests.post(f"{base_url}/api/v1/accounts", json={"email": email, "password": password, "name": "Fuzz Tester"}, timeout=30)
    assert created.status_code == 201, created.text
    token = requests.post(f"{base_url}/api/v1/tokens", json={"email": email, "password": password, "label": "fuzz"}, timeout=30)
    assert token.status_code == 201, token.text
    return token.json()["token"]
