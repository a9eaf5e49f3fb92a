"""The search app's part of the archive a site moves with (read by releases.backup_parts)."""

LEFT_OUT = {
    "search.SearchDocument": "the search index is made from the releases; rebuilt on import",
}
