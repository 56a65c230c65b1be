#!/usr/bin/python3
"""Loopback stand-in for the Microsoft identity platform (v2.0 endpoints).

Plays GET /TENANT/oauth2/v2.0/authorize (authorization code + PKCE, the
browser is redirected to the app's loopback listener) and
POST /TENANT/oauth2/v2.0/token (grant_type authorization_code and
refresh_token) over TLS, for Mensajero's integration tests.

Every access token that is currently valid (issued, not expired, not
revoked) is written, one per line, to --token-file; the test SMTP server
(tests/servers/smtp_server.py --token-file) re-reads that file at each AUTH,
so only live tokens are accepted over XOAUTH2. The file is rewritten
atomically whenever the set changes and when a token expires.

Like Microsoft's, the tokens and codes it issues carry characters that
must be escaped in a form body ("+", "/", "=", "!", "*", "$"), refresh tokens
rotate (a used one is spent), and the redirect URI must match the
registered one, http://localhost by default, with any port (Microsoft ignores
the port of a localhost redirect but matches the host: 127.0.0.1 is another
registration).

Test controls (not part of Microsoft's API):
  GET /_test/revoke-access    every access token stops working
  GET /_test/revoke-refresh   every refresh token stops working (invalid_grant);
                              ?aadsts=N picks the AADSTS code (700082 by
                              default), &codes-only=1 leaves it out of
                              error_description (only in error_codes)
  GET /_test/busy?on=1|0      the token endpoint answers 503
                              temporarily_unavailable

Run with /usr/bin/python3 (Debian's); prints "listening on 127.0.0.1:PORT".
"""

import argparse
import base64
import hashlib
import json
import os
import secrets
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCOPE_SMTP = "https://outlook.office.com/SMTP.Send"

# RFC 7636 §4.1: the code verifier's alphabet.
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

INVALID_GRANT = {
    # AADSTS code: Microsoft's description of why a refresh token is dead.
    70008: "The provided authorization code or refresh token has expired due to inactivity.",
    700082: "The refresh token has expired due to inactivity.",
    50173: "The provided grant has expired due to it being revoked, a fresh auth token is "
           "needed. The user might have changed or reset their password.",
}


def opaque(prefix):
    """A token in the shape of Microsoft's opaque ones (MSA access tokens are
    base64 with + / =; refresh tokens and codes carry ! * $ too)."""
    return prefix + secrets.token_urlsafe(18) + "+/=!*$" + secrets.token_hex(4)

DENIALS = {
    # --deny MODE: (error, error_description) sent back to the redirect URI.
    "consent": ("consent_required",
                "AADSTS65001: The user or administrator has not consented to use the "
                "application with ID '{client}' named 'Mensajero'. Send an interactive "
                "authorization request for this user and resource."),
    "admin": ("access_denied",
              "AADSTS90094: The grant requires admin permission. Need admin approval."),
    "user": ("access_denied",
             "AADSTS65004: User declined to consent to access the app."),
}


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.codes = {}            # code -> dict(client_id, redirect_uri, challenge, scope)
        self.access = {}           # token -> expires_at (epoch seconds)
        self.refresh = set()
        self.written = None
        self.refresh_error = 700082
        self.refresh_codes_only = False
        self.busy = False

    def event(self, **fields):
        if not self.args.events:
            return
        fields.setdefault("time", time.time())
        with open(self.args.events, "a", encoding="utf-8") as f:
            f.write(json.dumps(fields) + "\n")

    def write_tokens_locked(self):
        now = time.time()
        live = sorted(t for t, exp in self.access.items() if exp > now)
        if live == self.written:
            return
        path = self.args.token_file
        if path:
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                for t in live:
                    f.write(t + "\n")
            os.replace(tmp, path)
        self.written = live

    def expiry_loop(self):
        while True:
            time.sleep(0.2)
            with self.lock:
                self.write_tokens_locked()

    def issue_locked(self):
        access = opaque("at-")
        refresh = opaque("rt-")
        self.access[access] = time.time() + self.args.expires_in
        self.refresh.add(refresh)
        self.write_tokens_locked()
        return access, refresh


def redirect_ok(uri, registered):
    """Microsoft's matching for a loopback registration such as
    http://localhost: same scheme, host and path, any port (RFC 8252 §7.3;
    facts sheet §2.3). No query, no fragment."""
    try:
        u = urllib.parse.urlsplit(uri)
        r = urllib.parse.urlsplit(registered)
        port = u.port
    except ValueError:
        return False
    return (u.scheme == r.scheme == "http" and u.hostname == r.hostname
            and port is not None and u.path in ("", "/") and r.path in ("", "/")
            and not u.query and not u.fragment)


def s256(verifier):
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


class Handler(BaseHTTPRequestHandler):
    server_version = "MensajeroTestIdP/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("oauth_server: " + (fmt % args) + "\n")

    @property
    def st(self):
        return self.server.state

    def send_body(self, status, body, ctype, extra=None):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, status, obj):
        self.send_body(status, json.dumps(obj), "application/json; charset=utf-8")

    def token_error(self, status, error, description, codes):
        self.st.event(event="token", result="fail", error=error, description=description)
        self.send_json(status, {"error": error, "error_description": description,
                                "error_codes": codes})

    def redirect(self, uri, params):
        sep = "&" if "?" in uri else "?"
        location = uri + sep + urllib.parse.urlencode(params)
        self.send_body(302, "redirecting\n", "text/plain", {"Location": location})

    def split_path(self):
        parts = urllib.parse.urlsplit(self.path)
        segs = [s for s in parts.path.split("/") if s]
        return segs, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def do_GET(self):
        segs, query = self.split_path()
        q = {k: v[0] for k, v in query.items()}
        if segs == ["_test", "revoke-access"]:
            with self.st.lock:
                self.st.access.clear()
                self.st.write_tokens_locked()
            self.st.event(event="revoke", what="access")
            return self.send_body(200, "ok\n", "text/plain")
        if segs == ["_test", "revoke-refresh"]:
            with self.st.lock:
                self.st.refresh.clear()
                self.st.refresh_error = int(q.get("aadsts", "700082"))
                self.st.refresh_codes_only = q.get("codes-only") == "1"
            self.st.event(event="revoke", what="refresh")
            return self.send_body(200, "ok\n", "text/plain")
        if segs == ["_test", "busy"]:
            with self.st.lock:
                self.st.busy = q.get("on", "1") == "1"
            return self.send_body(200, "ok\n", "text/plain")
        if len(segs) == 4 and segs[1:] == ["oauth2", "v2.0", "authorize"]:
            return self.authorize(q)
        self.send_body(404, "not found\n", "text/plain")

    def authorize(self, q):
        args = self.st.args
        client_id = q.get("client_id", "")
        redirect_uri = q.get("redirect_uri", "")
        state = q.get("state")
        if client_id != args.client_id:
            self.st.event(event="authorize", result="fail", error="unknown client")
            return self.send_body(400, "AADSTS700016: Application with identifier '%s' was not "
                                  "found in the directory.\n" % client_id, "text/plain")
        if not redirect_ok(redirect_uri, args.registered_redirect):
            self.st.event(event="authorize", result="fail", error="bad redirect_uri")
            return self.send_body(400, "AADSTS50011: The redirect URI '%s' specified in the "
                                  "request does not match the redirect URIs configured for "
                                  "the application.\n" % redirect_uri, "text/plain")
        back = {"state": state} if state is not None else {}

        def fail(error, description):
            self.st.event(event="authorize", result="fail", error=error)
            self.redirect(redirect_uri, dict(back, error=error, error_description=description))

        if q.get("response_type") != "code":
            return fail("unsupported_response_type", "AADSTS70005: response_type must be code")
        if q.get("code_challenge_method") != "S256" or len(q.get("code_challenge", "")) < 43:
            return fail("invalid_request",
                        "AADSTS9002325: Proof Key for Code Exchange is required (S256).")
        scopes = q.get("scope", "").split()
        if SCOPE_SMTP not in scopes or "offline_access" not in scopes:
            return fail("invalid_scope", "AADSTS70011: The provided scope is not valid.")
        if not state:
            return fail("invalid_request", "AADSTS900144: The request must contain 'state'.")
        if args.deny:
            error, description = DENIALS[args.deny]
            return fail(error, description.format(client=client_id))

        code = opaque("code-")
        with self.st.lock:
            self.st.codes[code] = {
                "client_id": client_id,
                "redirect_uri": redirect_uri,
                "challenge": q["code_challenge"],
                "scope": " ".join(scopes),
                "expires": time.time() + 600,
            }
        self.st.event(event="authorize", result="ok", login_hint=q.get("login_hint"),
                      prompt=q.get("prompt"), scope=q.get("scope"),
                      redirect_uri=redirect_uri)
        self.redirect(redirect_uri, {"code": code, "state": state})

    def do_POST(self):
        segs, _ = self.split_path()
        if not (len(segs) == 4 and segs[1:] == ["oauth2", "v2.0", "token"]):
            return self.send_body(404, "not found\n", "text/plain")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        ctype = self.headers.get("Content-Type", "")
        if not ctype.startswith("application/x-www-form-urlencoded"):
            return self.token_error(400, "invalid_request",
                                    "AADSTS900561: The endpoint only accepts form posts.",
                                    [900561])
        form = {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
        args = self.st.args
        if self.st.busy:
            self.st.event(event="token", result="fail", error="temporarily_unavailable")
            return self.send_json(503, {
                "error": "temporarily_unavailable",
                "error_description": "AADSTS90033: A transient error has occurred. Please try again.",
                "error_codes": [90033]})
        if form.get("client_id") != args.client_id:
            return self.token_error(400, "unauthorized_client",
                                    "AADSTS700016: Application with identifier '%s' was not "
                                    "found in the directory." % form.get("client_id"), [700016])
        grant = form.get("grant_type")
        if grant == "authorization_code":
            return self.grant_code(form)
        if grant == "refresh_token":
            return self.grant_refresh(form)
        return self.token_error(400, "unsupported_grant_type",
                                "AADSTS70003: The app requested an unsupported grant type.",
                                [70003])

    def reply_tokens(self, grant, scope):
        with self.st.lock:
            access, refresh = self.st.issue_locked()
        self.st.event(event="token", result="ok", grant_type=grant, access_token=access,
                      refresh_token=refresh)
        self.send_json(200, {
            "token_type": "Bearer",
            "scope": scope,
            "expires_in": self.st.args.expires_in,
            "ext_expires_in": self.st.args.expires_in,
            "access_token": access,
            "refresh_token": refresh,
        })

    def grant_code(self, form):
        with self.st.lock:
            entry = self.st.codes.pop(form.get("code", ""), None)   # single use
        if entry is None or entry["expires"] < time.time():
            return self.token_error(400, "invalid_grant",
                                    "AADSTS70008: The provided authorization code or refresh "
                                    "token has expired due to inactivity.", [70008])
        if form.get("redirect_uri") != entry["redirect_uri"]:
            return self.token_error(400, "invalid_grant",
                                    "AADSTS500112: The reply address does not match the reply "
                                    "address provided when requesting the authorization code.",
                                    [500112])
        verifier = form.get("code_verifier", "")
        if (not (43 <= len(verifier) <= 128) or not set(verifier) <= UNRESERVED
                or s256(verifier) != entry["challenge"]):
            return self.token_error(400, "invalid_grant",
                                    "AADSTS501481: The Code_Verifier does not match the "
                                    "code_challenge supplied in the authorization request.",
                                    [501481])
        self.reply_tokens("authorization_code", entry["scope"])

    def grant_refresh(self, form):
        token = form.get("refresh_token", "")
        with self.st.lock:
            known = token in self.st.refresh
            if known:
                # Rotation: the old refresh token is spent.
                self.st.refresh.discard(token)
        if not known:
            code = self.st.refresh_error
            text = INVALID_GRANT.get(code, "The provided grant is invalid.")
            if not self.st.refresh_codes_only:
                text = "AADSTS%d: %s" % (code, text)
            return self.token_error(400, "invalid_grant",
                                    text + " Trace ID: 0000 Correlation ID: 1111", [code])
        scopes = form.get("scope", "").split()
        if SCOPE_SMTP not in scopes:
            return self.token_error(400, "invalid_scope",
                                    "AADSTS70011: The provided scope is not valid.", [70011])
        self.reply_tokens("refresh_token", " ".join(scopes))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--client-id", default="test")
    p.add_argument("--registered-redirect", default="http://localhost",
                   help="the app registration's redirect URI (port ignored)")
    p.add_argument("--token-file", help="live access tokens, one per line")
    p.add_argument("--expires-in", type=int, default=3600, help="access token lifetime (s)")
    p.add_argument("--deny", choices=sorted(DENIALS), help="refuse every authorization")
    p.add_argument("--events", help="JSON-lines log of authorize/token events")
    p.add_argument("--pidfile")
    args = p.parse_args()

    state = State(args)
    with state.lock:
        state.write_tokens_locked()
    if args.token_file and not os.path.exists(args.token_file):
        open(args.token_file, "w").close()

    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    httpd.daemon_threads = True
    httpd.state = state
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(args.cert, args.key)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)

    threading.Thread(target=state.expiry_loop, daemon=True).start()
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write("%d\n" % os.getpid())
    print("listening on 127.0.0.1:%d" % httpd.server_address[1], flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
