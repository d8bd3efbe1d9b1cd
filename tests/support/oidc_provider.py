#!/usr/bin/env python3
"""Start oidc-provider-mock (a real OpenID Connect provider for tests) on a loopback port.

    python3 oidc_provider.py --port 0            # 0 = pick a free port
    -> prints "READY http://127.0.0.1:PORT" on stdout once discovery answers

The issuer is http://HOST:PORT exactly as printed.  The mock derives its issuer from the
Host header of each request, so the server under test, its settings and the browser must
all use the same spelling (127.0.0.1, not localhost).

Clients: no registration is needed.  Any client_id, any client_secret and any redirect_uri
are accepted (require_client_registration is off); the token endpoint authenticates with
client_secret_basic or client_secret_post (a secret must be sent; "none" is refused).
The mock does not check PKCE (code_verifier is ignored); nonce is required here.

Users and claims, two ways:
  * --user-claims '{"sub": "ann", "email": "ann@example.org", "email_verified": true, "name": "Ann"}'
    (repeatable) predefines a user, shown as a one-click button on the login form;
  * PUT http://HOST:PORT/users/<sub> with a JSON object of claims (204), any time before
    the login form is submitted for that sub.
  A sub nobody defined gets the claims {"email": sub} (and no email_verified).
  Claims are filtered by scope: email/email_verified need "email", name needs "profile".

The login form (GET authorization_endpoint?...): one text input name="sub" and a submit
button labelled "Authorize"; a second form has <button name="action" value="deny">Deny</button>;
predefined users appear as <button name="sub" value="SUB">SUB</button>.  Submitting POSTs
the form to the same URL and the mock answers 302 to redirect_uri?code=...&state=...
(or ?error=access_denied&state=... for Deny).
"""

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
import urllib.request
import warnings

os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain http on loopback

try:
    import authlib.deprecate

    # authlib turns its own deprecation warnings on at import; they are noise here.
    warnings.simplefilter("ignore", authlib.deprecate.AuthlibDeprecationWarning)
    import oidc_provider_mock
    import werkzeug.serving
except ImportError as error:  # the Swift tests show this and fail
    print(
        f"oidc_provider.py: cannot import oidc-provider-mock ({error}); "
        "install it with: python3 -m pip install oidc-provider-mock==0.3.4",
        file=sys.stderr,
    )
    sys.exit(2)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run oidc-provider-mock on loopback for tests.")
    parser.add_argument("--port", type=int, required=True, help="TCP port; 0 picks a free one")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument(
        "--user-claims", action="append", default=[], metavar="JSON",
        help='predefined user, e.g. {"sub": "ann", "email": "ann@example.org", "email_verified": true}',
    )
    parser.add_argument("--token-max-age", type=int, default=3600, help="ID/access token lifetime in seconds")
    parser.add_argument(
        "--exit-on-stdin-eof", action="store_true",
        help="stop when stdin closes (so a test runner that dies does not leave the provider behind)",
    )
    parser.add_argument("--max-seconds", type=float, default=0, help="stop after this long (0: never)")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser.parse_args()


def predefined_users(claims_json: list[str]) -> list[oidc_provider_mock.User]:
    users = []
    for text in claims_json:
        claims = json.loads(text)
        sub = claims.pop("sub", None)
        if not isinstance(sub, str) or not sub:
            sys.exit(f'oidc_provider.py: --user-claims needs a "sub": {text}')
        users.append(oidc_provider_mock.User(sub=sub, claims=claims))
    return users


def wait_until_answering(issuer: str, deadline_seconds: float = 20) -> None:
    deadline = time.monotonic() + deadline_seconds
    while True:
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit("oidc_provider.py: the provider did not answer in time")
        time.sleep(0.05)


def main() -> None:
    arguments = parse_arguments()
    if not arguments.verbose:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from datetime import timedelta

    app = oidc_provider_mock.app(
        require_client_registration=False,
        require_nonce=True,
        access_token_max_age=timedelta(seconds=arguments.token_max_age),
        user_claims=predefined_users(arguments.user_claims),
    )
    server = werkzeug.serving.make_server(arguments.host, arguments.port, app, threaded=True)
    host = f"[{arguments.host}]" if ":" in arguments.host else arguments.host
    issuer = f"http://{host}:{server.server_port}"

    def stop(*_: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if arguments.exit_on_stdin_eof:
        threading.Thread(target=lambda: (sys.stdin.read(), stop()), daemon=True).start()
    if arguments.max_seconds > 0:
        timer = threading.Timer(arguments.max_seconds, stop)
        timer.daemon = True
        timer.start()

    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    serving.start()
    wait_until_answering(issuer)
    print(f"READY {issuer}", flush=True)
    serving.join()
    server.server_close()


if __name__ == "__main__":
    main()
