"""A development email backend: each email a file of its own under var/mail/."""

import uuid
from pathlib import Path

from django.core.mail.backends import filebased
from django.utils import timezone


class FilePerEmailBackend(filebased.EmailBackend):
    """Write every email to its own .eml file, so a newcomer can open what was sent."""

    def _get_filename(self) -> str:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        return str(Path(self.file_path) / f"{stamp}-{uuid.uuid4().hex[:8]}.eml")

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            # Django's backend writes every message of one connection into one file.
            self.close()
            sent += super().send_messages([message])
        return sent
