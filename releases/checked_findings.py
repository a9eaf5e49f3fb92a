"""A publisher's "checked: as intended" on one finding of the two languages' check.

Kept under the finding's key, which names the finding and the texts it was
found in (releases.facts.findings), so an edit of either language asks again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class CheckedFinding(models.Model):
    release = models.ForeignKey(
        "releases.Release", on_delete=models.CASCADE, related_name="checked_findings"
    )
    key = models.CharField(max_length=64)
    # The finding as it was worded when checked, in the history's two languages (JSON).
    finding = models.TextField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField()

    class Meta:
        app_label = "releases"
        constraints = [
            models.UniqueConstraint(fields=["release", "key"], name="one_check_per_finding")
        ]
        verbose_name = gettext_lazy("finding checked as intended")
        verbose_name_plural = gettext_lazy("findings checked as intended")

    def __str__(self) -> str:
        return self.key
