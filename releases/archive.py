"""The releases app's part of the archive a site moves with (read by releases.backup_parts).

Every model of the app travels (releases, translations, topics, contacts,
images, attachments, change notes, and any added later), and so does the
history of every save: django-reversion's revisions and versions, from which
the desk compares and restores. Versions name their release by id, kept.
"""

ALSO_KEEPS = ["reversion.Revision", "reversion.Version"]
