#!/usr/bin/env python3
"""A small SMTP server that stores every message it accepts, for tests.

Used by the Swift tests of IthacaMail and by the browser journeys: start it,
wait for the line ``READY <port>`` on stdout, point the app at
``smtp://127.0.0.1:<port>`` and read the messages from ``--out``.

Each accepted message becomes two files in DIR, named by arrival order:

    000001.json   envelope: {"mail_from", "rcpt_tos", "peer", "auth_user", "tls"}
    000001.eml    the message exactly as received (CRLF line ends)

The .json is written first and the .eml last, each through a temporary file
and a rename, so a reader that sees NNNNNN.eml can read both completely.

Options:
    --port N              port to listen on; 0 picks a free one (see READY line)
    --host HOST           address to listen on (default 127.0.0.1)
    --out DIR             where messages are stored (created if missing)
    --tls-cert/--tls-key  PEM files: offer STARTTLS (or implicit TLS, below)
    --implicit-tls        TLS from the first byte (smtps) instead of STARTTLS
    --require-starttls    refuse everything but EHLO/STARTTLS/QUIT before TLS
    --auth USER:PASS      require AUTH PLAIN/LOGIN with these credentials
    --fail-first N        answer the first N DATA commands with 451
    --reject-rcpt ADDR    answer RCPT TO:<ADDR> with 550 (repeatable)
    --auth-exclude MECH   do not offer this AUTH mechanism, e.g. PLAIN (repeatable)
"""

import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class StoringHandler:
    """Writes each message to disk; fails the first N DATA commands on request."""

    def __init__(self, out_dir, fail_first, rejected_recipients):
        self.out_dir = out_dir
        self.fail_left = fail_first
        self.rejected = {address.lower() for address in rejected_recipients}
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 <%s>: recipient unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail_left > 0:
                self.fail_left -= 1
                return "451 try again later"
            self.count += 1
            number = self.count
        stem = os.path.join(self.out_dir, "%06d" % number)
        sidecar = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "peer": str(session.peer),
            "auth_user": _text(session.auth_data),
            "tls": _uses_tls(server, session),
        }
        _write_atomically(stem + ".json", json.dumps(sidecar, indent=2).encode("utf-8"))
        _write_atomically(stem + ".eml", envelope.original_content)
        return "250 OK stored as %06d" % number


def _text(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _uses_tls(server, session):
    # session.ssl is only set after STARTTLS; implicit TLS shows on the transport.
    if session.ssl is not None:
        return True
    transport = getattr(server, "transport", None)
    return transport is not None and transport.get_extra_info("ssl_object") is not None


def _write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def make_authenticator(expected_user, expected_password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = (
            auth_data.login == expected_user.encode("utf-8")
            and auth_data.password == expected_password.encode("utf-8")
        )
        return AuthResult(success=ok, handled=False, auth_data=expected_user if ok else None)

    return authenticate


def free_port(host):
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def parse_arguments():
    parser = argparse.ArgumentParser(description="Store received SMTP messages as files.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--auth", metavar="USER:PASS")
    parser.add_argument("--fail-first", type=int, default=0, metavar="N")
    parser.add_argument("--reject-rcpt", action="append", default=[], metavar="ADDR")
    parser.add_argument("--auth-exclude", action="append", default=[], metavar="MECH")
    arguments = parser.parse_args()
    if bool(arguments.tls_cert) != bool(arguments.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if (arguments.implicit_tls or arguments.require_starttls) and not arguments.tls_cert:
        parser.error("--implicit-tls and --require-starttls need --tls-cert and --tls-key")
    if arguments.auth is not None and ":" not in arguments.auth:
        parser.error("--auth must be USER:PASS")
    return arguments


def build_controller(arguments, handler, port):
    smtp_options = {}
    controller_options = {}
    if arguments.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(arguments.tls_cert, arguments.tls_key)
        if arguments.implicit_tls:
            controller_options["ssl_context"] = context
        else:
            smtp_options["tls_context"] = context
            smtp_options["require_starttls"] = arguments.require_starttls
    if arguments.auth is not None:
        user, password = arguments.auth.split(":", 1)
        smtp_options["authenticator"] = make_authenticator(user, password)
        smtp_options["auth_required"] = True
        # AUTH in clear only when the run does not insist on STARTTLS.
        smtp_options["auth_require_tls"] = arguments.require_starttls
        if arguments.auth_exclude:
            smtp_options["auth_exclude_mechanism"] = [m.upper() for m in arguments.auth_exclude]
    return Controller(
        handler,
        hostname=arguments.host,
        port=port,
        server_hostname="localhost",
        **controller_options,
        **smtp_options,
    )


def main():
    arguments = parse_arguments()
    os.makedirs(arguments.out, exist_ok=True)
    handler = StoringHandler(arguments.out, arguments.fail_first, arguments.reject_rcpt)

    # With --port 0 a free port is chosen; another process may grab it between
    # the probe and the bind, so try a few times.
    attempts = 5 if arguments.port == 0 else 1
    for attempt in range(attempts):
        port = arguments.port or free_port(arguments.host)
        controller = build_controller(arguments, handler, port)
        try:
            controller.start()
            break
        except OSError:
            if attempt == attempts - 1:
                raise

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    print("READY %d" % port, flush=True)
    try:
        while not stopped.wait(0.5):
            pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
