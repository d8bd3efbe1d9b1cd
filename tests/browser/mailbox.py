"""Reading the emails Ithaca sent, as they arrived at the real SMTP server scripts/test runs on loopback
(tests/support/smtp_receiver.py writes NNNNNN.eml with an NNNNNN.json envelope into $ITHACA_SMTP_OUT)."""

from __future__ import annotations

import email
import email.policy
import json
import os
import pathlib
import re
import time
import urllib.parse

import pytest


def _folder() -> pathlib.Path:
    out = os.environ.get("ITHACA_SMTP_OUT", "")
    if not out:
        pytest.fail("ITHACA_SMTP_OUT is not set: run the journeys through scripts/test, which starts the SMTP receiver",
                    pytrace=False)
    return pathlib.Path(out)


def messages_to(address: str) -> list[email.message.EmailMessage]:
    """Every message delivered to `address` so far, in arrival order."""
    found = []
    folder = _folder()
    if not folder.exists():
        return found
    for envelope in sorted(folder.glob("*.json")):
        rcpts = [r.lower() for r in json.loads(envelope.read_text()).get("rcpt_tos", [])]
        eml = envelope.with_suffix(".eml")
        if address.lower() in rcpts and eml.exists():
            found.append(email.message_from_bytes(eml.read_bytes(), policy=email.policy.default))
    return found


def wait_for(address: str, predicate=lambda m: True, what: str = "an email", timeout: float = 40) -> email.message.EmailMessage:
    """The first message to `address` that matches, once it has arrived (the server delivers every second)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for message in messages_to(address):
            if predicate(message):
                return message
        time.sleep(0.3)
    subjects = [m["subject"] for m in messages_to(address)]
    raise AssertionError(f"no {what} for {address} within {timeout:.0f} s; it has: {subjects}")


def text(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def links(message: email.message.EmailMessage) -> list[str]:
    """Path and query of every link in the plain-text part."""
    result = []
    for url in re.findall(r"https?://\S+", text(message)):
        parts = urllib.parse.urlsplit(url)
        result.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return result


def calendar(message: email.message.EmailMessage) -> str:
    """The text/calendar attachment, or "" when there is none."""
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            content = part.get_content()
            return content.decode() if isinstance(content, bytes) else content
    return ""
