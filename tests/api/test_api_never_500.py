"""Property-based fuzzing of every operation in openapi.yaml (schemathesis): whatever the input,
the server answers with a documented, non-5xx response. A 500 is a bug."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

import pytest


@pytest.fixture(scope="session")
def api_schema(base_url: str):
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.yaml")
    return schema.configure(base_url=base_url) if hasattr(schema, "configure") else schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_fail(case, member_token, base_url):
    if case.path == "/api/v1/tokens/{tokenId}" and case.method == "DELETE":
        # Revoking the fuzzing token itself ("current") would turn the rest of the run into 401s.
        case.path_parameters = {"tokenId": "00000000-0000-0000-0000-000000000000"}
    response = case.call(base_url=base_url, headers={"Authorization": f"Bearer {member_token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path} → {response.status_code}: {response.text[:300]}"
    if response.status_code >= 400:
        content_type = response.headers.get("content-type") or ""
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        assert content_type.startswith("application/problem+json"), \
            f"{case.method} {case.formatted_path} → {response.status_code} without problem+json"
