"""A real SMTP server for tests (aiosmtpd on 127.0.0.1), and a worker run in-process."""

import email
import errno
import io
import signal
import socket
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from django.core.management import call_command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """Keep every message the server accepts, parsed as a mail client would."""

    def __init__(self) -> None:
        self.port = 0
        self.messages: list[EmailMessage] = []
        # Addresses the server refuses for good (550), as for an address that does not exist.
        self.refused: set[str] = set()
        self.controller: Controller | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for recipient in envelope.rcpt_tos:
            message = email.message_from_bytes(envelope.original_content, policy=policy.default)
            message["X-Envelope-To"] = recipient
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        """Listen on a free port, or, started again after `stop()`, on the port it had."""
        if self.port:
            self._listen()
            return
        # A free port can be taken by another process (another xdist worker's server)
        # before this one binds it: then another is tried.
        for _attempt in range(5):
            self.port = free_port()
            try:
                self._listen()
                return
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise
        raise OSError(errno.EADDRINUSE, "no free port for the test SMTP server")

    def _listen(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["X-Envelope-To"] == address]


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content()


def run_worker() -> str:
    """Run `manage.py db_worker` until no task is due, as a worker would, and return its log."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    output = io.StringIO()
    try:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, verbosity=1, stdout=output
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    return output.getvalue()


def header(message: EmailMessage, name: str) -> str:
    """Return a header's value as a mail client shows it (Django folds long ones)."""
    return str(message[name]).strip()
