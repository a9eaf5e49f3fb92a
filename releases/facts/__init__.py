"""The pre-publication check that a release's two languages state the same facts.

Parsers by what they read (`figures`, `dates`, `contacts`, `terms`), the pieces
they share (`text`), and the comparison (`findings`). Nothing here reads the
database: releases.preflight gives the check a release's texts and the glossary.
"""

from releases.facts.findings import Finding, Texts, check
from releases.facts.terms import Entry, Glossary

__all__ = ["Entry", "Finding", "Glossary", "Texts", "check"]
