"""A development email backend: each email a file of its own under var/mail/."""

import uuid
from pathlib import Path

from django.core.mail.backends import filebased
from django.utils import timezone


class FilePerEmailBackend(filebased.EmailBackend):
    """Write every email to its own .eml file, so a newcomer can open what was sent.

    Django's file backend writes every message of one connection into one file;
    alert senders keep a connection open for a whole batch.
    """

    def open(self) -> bool:
        return False

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = Path(self.file_path) / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\n"))
        return len(email_messages)
