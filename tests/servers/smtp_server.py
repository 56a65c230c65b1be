#!/usr/bin/python3
"""Loopback SMTP submission server for Mensajero's tests.

Runs under Debian's /usr/bin/python3 (python3-aiosmtpd 1.4.3). Listens on
127.0.0.1 only. STARTTLS is required before AUTH and MAIL (unless
--no-starttls, which offers neither TLS nor AUTH); --smtps-port adds an
implicit-TLS listener. AUTH PLAIN, LOGIN and XOAUTH2.

On start it prints "listening on 127.0.0.1:PORT" (then, with --smtps-port,
"smtps listening on 127.0.0.1:PORT") and flushes. Stop it with SIGTERM.

Scripted behaviour, by recipient local part:
  nouser@    550 5.1.1 at RCPT
  tempfail@  451 4.7.500 at the end of DATA, the first time per Message-ID
  drop421@   354, reads 5 lines, sends 421 4.4.2 and closes mid-DATA
  slow@      waits --slow seconds before accepting the RCPT
and by login: disabled@... gets Microsoft's
  535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is
  disabled for the Tenant. ...

--events FILE receives one JSON object per line: connect, tls, auth,
mail, rcpt, data, drop, message (stored, with its Message-ID). Messages are
stored byte for byte as received (CRLF) in the Maildir's new/ folder.
"""

import argparse
import asyncio
import base64
import json
import os
import signal
import ssl
import sys
import time
from email.parser import BytesHeaderParser

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

DISABLED_TEXT = ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
                 "disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more "
                 "information.")


class Events:
    def __init__(self, path):
        self.path = path

    def __call__(self, event, **fields):
        if not self.path:
            return
        record = {"event": event, "time": round(time.time(), 3)}
        record.update(fields)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")


class Maildir:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.counter = 0
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(path, sub), exist_ok=True)

    def store(self, data):
        self.counter += 1
        name = "%d.%d_%d.mensajero-test" % (time.time_ns(), os.getpid(), self.counter)
        tmp = os.path.join(self.path, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(data)
        final = os.path.join(self.path, "new", name)
        os.rename(tmp, final)
        return final


def local_part(address):
    return address.split("@", 1)[0].lower()


class Handler:
    def __init__(self, args, events, maildir):
        self.args = args
        self.events = events
        self.maildir = maildir
        self.tempfailed = set()

    # -- authentication ------------------------------------------------
    def tokens(self):
        tokens = set(self.args.token or [])
        if self.args.token_file:
            try:
                with open(self.args.token_file, encoding="utf-8") as f:
                    tokens.update(line.strip() for line in f if line.strip())
            except OSError:
                pass
        return tokens

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode("utf-8", "replace")
        password = auth_data.password.decode("utf-8", "replace")
        conn = getattr(server, "conn_id", 0)
        if local_part(login) == "disabled":
            self.events("auth", conn=conn, mechanism=mechanism, login=login, result="fail",
                        reply=DISABLED_TEXT[:13])
            return AuthResult(success=False, handled=False, message=DISABLED_TEXT)
        ok = (self.args.user is not None and login == self.args.user
              and password == self.args.password)
        self.events("auth", conn=conn, mechanism=mechanism, login=login,
                    result="ok" if ok else "fail")
        if ok:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Authentication credentials invalid")

    async def auth_XOAUTH2(self, server, args):
        conn = getattr(server, "conn_id", 0)
        if len(args) > 1:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except ValueError:
                await server.push("501 5.5.2 Can't decode base64")
                return AuthResult(success=False, handled=True)
        else:
            blob = await server.challenge_auth("")
            if not isinstance(blob, bytes):
                return AuthResult(success=False, handled=True)
        fields = {}
        for part in blob.decode("utf-8", "replace").split("\x01"):
            if "=" in part:
                key, value = part.split("=", 1)
                fields[key] = value
        login = fields.get("user", "")
        auth = fields.get("auth", "")
        token = auth[7:] if auth.startswith("Bearer ") else None
        if local_part(login) == "disabled":
            self.events("auth", conn=conn, mechanism="XOAUTH2", login=login, result="fail",
                        reply=DISABLED_TEXT[:13])
            return AuthResult(success=False, handled=False, message=DISABLED_TEXT)
        ok = token is not None and token in self.tokens() and (
            self.args.user is None or login == self.args.user)
        self.events("auth", conn=conn, mechanism="XOAUTH2", login=login,
                    result="ok" if ok else "fail")
        if ok:
            return AuthResult(success=True,
                              auth_data=LoginPassword(login.encode(), b""))
        # What Microsoft answers to a refused token.
        return AuthResult(success=False, handled=False,
                          message="535 5.7.3 Authentication unsuccessful")

    # -- envelope and data ---------------------------------------------
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.events("mail", conn=server.conn_id, address=address,
                    tls=server.has_tls(), auth=session.authenticated)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 Sender OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        part = local_part(address)
        if part == "nouser":
            reply = "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        else:
            if part == "slow":
                await asyncio.sleep(self.args.slow)
            envelope.rcpt_tos.append(address)
            reply = "250 2.1.5 Recipient OK"
        self.events("rcpt", conn=server.conn_id, address=address, reply=reply[:3])
        return reply

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content
        headers = BytesHeaderParser().parsebytes(data)
        message_id = (headers.get("Message-ID") or "").strip().strip("<>")
        self.events("data", conn=server.conn_id, size=len(data), message_id=message_id)
        if any(local_part(r) == "tempfail" for r in envelope.rcpt_tos):
            if message_id not in self.tempfailed:
                self.tempfailed.add(message_id)
                self.events("tempfail", conn=server.conn_id, message_id=message_id)
                return "451 4.7.500 Server busy. Please try again later."
        path = self.maildir.store(data)
        self.events("message", conn=server.conn_id, message_id=message_id,
                    mail_from=envelope.mail_from, rcpt=list(envelope.rcpt_tos),
                    path=path, size=len(data))
        return "250 2.0.0 OK queued as %s" % os.path.basename(path).split(".")[0]


class TestSMTP(SMTP):
    next_conn_id = 0

    def __init__(self, handler, *, events, args, implicit_tls=False, **kwargs):
        super().__init__(handler, **kwargs)
        self.events = events
        self.args = args
        self.implicit_tls = implicit_tls
        TestSMTP.next_conn_id += 1
        self.conn_id = TestSMTP.next_conn_id

    def has_tls(self):
        return self.implicit_tls or self._tls_protocol is not None

    def connection_made(self, transport):
        starttls = self._original_transport is not None
        super().connection_made(transport)
        ssl_object = transport.get_extra_info("ssl_object")
        if starttls:
            self.events("tls", conn=self.conn_id, mode="starttls", result="ok",
                        version=ssl_object.version() if ssl_object else None)
        else:
            self.events("connect", conn=self.conn_id, port=transport.get_extra_info("sockname")[1])
            if self.implicit_tls:
                self.events("tls", conn=self.conn_id, mode="implicit", result="ok",
                            version=ssl_object.version() if ssl_object else None)

    async def smtp_STARTTLS(self, arg):
        try:
            await super().smtp_STARTTLS(arg)
        except Exception:
            self.events("tls", conn=self.conn_id, mode="starttls", result="fail")
            raise

    async def _handle_client(self):
        if self.args.slow_greeting:
            await asyncio.sleep(self.args.slow_greeting)
        await super()._handle_client()

    async def push(self, status):
        # aiosmtpd's own size error carries no enhanced code.
        if status == "552 Error: Too much mail data":
            status = "552 5.3.4 Message size exceeds fixed maximum message size"
        await super().push(status)

    async def smtp_DATA(self, arg):
        if (self.envelope.rcpt_tos and self.session.authenticated
                and any(local_part(r) == "drop421" for r in self.envelope.rcpt_tos)):
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            for _ in range(5):
                await self._reader.readline()
            await self.push("421 4.4.2 Connection dropped during DATA")
            self.events("drop", conn=self.conn_id)
            self.transport.close()
            return
        await super().smtp_DATA(arg)


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--smtps-port", type=int, default=None)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--token", action="append")
    parser.add_argument("--token-file")
    parser.add_argument("--events")
    parser.add_argument("--no-starttls", action="store_true")
    parser.add_argument("--slow-greeting", type=float, default=0)
    parser.add_argument("--slow", type=float, default=5)
    parser.add_argument("--max-size", type=int, default=33554432)
    parser.add_argument("--pidfile")
    args = parser.parse_args()

    if (args.cert is None) != (args.key is None):
        parser.error("--cert and --key go together")
    if args.smtps_port is not None and args.cert is None:
        parser.error("--smtps-port needs --cert and --key")
    if not args.no_starttls and args.cert is None:
        parser.error("STARTTLS needs --cert and --key (or pass --no-starttls)")

    events = Events(args.events)
    handler = Handler(args, events, Maildir(args.maildir))
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    loop = asyncio.get_running_loop()
    common = dict(events=events, args=args, hostname="localhost", ident="Mensajero test server",
                  data_size_limit=args.max_size, authenticator=handler.authenticator,
                  auth_required=True)

    def submission():
        if args.no_starttls:
            return TestSMTP(handler, **common)
        return TestSMTP(handler, tls_context=context, require_starttls=True,
                        auth_require_tls=True, **common)

    def smtps():
        # aiosmtpd only counts STARTTLS as TLS: AUTH must be allowed here.
        return TestSMTP(handler, implicit_tls=True, auth_require_tls=False, **common)

    server = await loop.create_server(submission, "127.0.0.1", args.port)
    print("listening on 127.0.0.1:%d" % server.sockets[0].getsockname()[1], flush=True)
    servers = [server]
    if args.smtps_port is not None:
        tls_server = await loop.create_server(smtps, "127.0.0.1", args.smtps_port, ssl=context)
        print("smtps listening on 127.0.0.1:%d" % tls_server.sockets[0].getsockname()[1],
              flush=True)
        servers.append(tls_server)
    if args.pidfile:
        with open(args.pidfile, "w", encoding="ascii") as f:
            f.write("%d\n" % os.getpid())

    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    await stop
    for s in servers:
        s.close()


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
