"""The review app's part of the archive a site moves with (read by releases.backup_parts).

Every model of the app travels: review links, keeping their keys, and the
comments reviewers sent. A link's address is its key signed with the site's
secret key, so links already sent open on the new site only if it keeps
DJANGO_SECRET_KEY.
"""
