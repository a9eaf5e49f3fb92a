"""What the archive a site moves with leaves out of Django's own tables and the lock-out's.

Read by releases.backup_parts, which makes every table say whether it moves.
"""

ACCOUNTS = (
    "staff accounts, passwords and permissions stay with the old site; create them on the "
    "new one (migrate makes the groups); authors, history and review links find their "
    "user by user name"
)

LEFT_OUT = {
    "auth.User": ACCOUNTS,
    "auth.Group": ACCOUNTS,
    "auth.Permission": "made by migrate for each model",
    "contenttypes.ContentType": "made by migrate; versions name theirs by app and model",
    "sessions.Session": "sign-ins end with a move",
    "admin.LogEntry": (
        "the admin's own log of staff actions belongs to accounts left out; a release's "
        "history travels with its versions"
    ),
    "axes.AccessAttempt": "login records are about the old site's sign-ins",
    "axes.AccessAttemptExpiration": "login records are about the old site's sign-ins",
    "axes.AccessFailureLog": "login records are about the old site's sign-ins",
    "axes.AccessLog": "login records are about the old site's sign-ins",
}
