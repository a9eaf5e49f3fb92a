"""Admin forms: the release form with its lock and rules, and the withdrawal's reasons.

Every translated text gets one plain field per language, so staff write both
languages on one page and one Save stores both; parler stays the storage.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from desk import embargo
from desk.bilingual import bilingual_field, read_translations
from desk.chinese_spacing import joined
from desk.findings import keys_field
from desk.marked_changes import quoted_change
from desk.widgets import OneLineTextarea
from pressroom.languages import (
    CHINESE,
    ENGLISH,
    LANGUAGE_CODES,
    SUFFIXES,
    html_lang,
)
from releases import markup, publishing, translation_state, versions
from releases.models import Release, ReleaseTranslation
from releases.translation_state import TEXT_FIELDS

NOTE_ROWS = {"rows": 2}


def text_field(name: str, language_code: str) -> forms.CharField:
    """The field for one language's title, summary or body, its input marked with that language."""
    field = ReleaseTranslation._meta.get_field(name).formfield(required=False)
    if name == "title":
        # An English headline is longer than the column is wide: it wraps, all of it shown.
        field.widget = OneLineTextarea({"maxlength": field.max_length})
    field.widget.attrs.update({"lang": html_lang(language_code), "class": f"desk-{name}"})
    return field


def checked_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=gettext_lazy("Checked: no change needed"),
        required=False,
        help_text=gettext_lazy(
            "Tick when this language still says what the other now says, so it needs no edit."
        ),
    )


class ReleaseAdminForm(forms.ModelForm):
    """The release form: both languages at once, the lock and the publishing rules.

    ReleaseAdmin.get_form() sets `user` and, while a version is being restored,
    `version_before_restore` and `restored_version` on the subclass it builds.
    """

    user = None
    version_before_restore: int | None = None
    restored_version: int | None = None

    title_zh_hant = text_field("title", CHINESE)
    summary_zh_hant = text_field("summary", CHINESE)
    body_zh_hant = text_field("body", CHINESE)
    checked_zh_hant = checked_field()
    title_en = text_field("title", ENGLISH)
    summary_en = text_field("summary", ENGLISH)
    body_en = text_field("body", ENGLISH)
    checked_en = checked_field()
    # Shown beside the paragraphs (desk/findings.py), not in a fieldset.
    checked_findings = keys_field()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, initial=1)
    change_note_zh_hant = bilingual_field(
        gettext_lazy("Change note"), CHINESE, required=False, widget=forms.Textarea(NOTE_ROWS)
    )
    change_note_en = bilingual_field(
        gettext_lazy("Change note"),
        ENGLISH,
        required=False,
        widget=forms.Textarea(NOTE_ROWS),
        help_text=gettext_lazy(
            "For a correction of a published release, in both languages: readers see "
            "“Updated [date]: [note]”. Leave both blank for a minor edit."
        ),
    )
    notify_subscribers = forms.BooleanField(
        label=gettext_lazy("Notify subscribers of this correction"),
        required=False,
        help_text=gettext_lazy(
            "Emails “Updated:” with the change note to everyone who was sent this release."
        ),
    )
    withdrawal_reason_zh_hant = bilingual_field(
        gettext_lazy("Withdrawal reason"),
        CHINESE,
        required=False,
        widget=forms.Textarea(NOTE_ROWS),
    )
    withdrawal_reason_en = bilingual_field(
        gettext_lazy("Withdrawal reason"),
        ENGLISH,
        required=False,
        widget=forms.Textarea(NOTE_ROWS),
        help_text=gettext_lazy("Required in both languages to withdraw the release."),
    )
    # The embargo block (desk.embargo): publishers, before the release is public.
    embargo_media_at = embargo.media_at_field()
    embargo_audience = embargo.audience_field()
    cancel_embargo = embargo.cancel_field()

    class Meta:
        model = Release
        fields = ["status", "publish_at", "slug", "contact", "topics", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = [*TEXT_FIELDS, "withdrawal_reason"]
        for key, value in read_translations(self.instance, names).items():
            self.initial.setdefault(key, value)
        if self.version_before_restore is not None:
            # Restoring: the form stands on the version saved now, not the old one.
            self.initial["version"] = self.version_before_restore
        self.saved_status = self.instance.status if self.instance.pk else Release.Status.DRAFT
        self.saved_texts = {
            translation.language_code: translation_state.text_of(translation)
            for translation in (self.instance.translations.all() if self.instance.pk else [])
        }
        if "publish_at" in self.fields:
            publish_at = self.fields["publish_at"]
            date, time = publish_at.widget.widgets
            # Staff think in minutes; seconds in the proposed time are noise.
            time.format = "%H:%M"
            # Django's split widget leaves both inputs without a name of their own.
            date.attrs["aria-label"] = _("Publish date (Hong Kong time)")
            time.attrs["aria-label"] = _("Publish time (Hong Kong time)")
            publish_at.help_text = joined(
                f"{_('Hong Kong time (HKT, UTC+8).')} {publish_at.help_text}"
            )
        embargo.prepare(self)

    def written_languages(self) -> list[str]:
        """The languages this save has any title, summary or body in."""
        return [
            code
            for code in LANGUAGE_CODES
            if any(
                (self.cleaned_data.get(f"{name}_{SUFFIXES[code]}") or "").strip()
                for name in TEXT_FIELDS
            )
        ]

    def _clean_texts(self) -> None:
        """Each language written needs its title and body; a draft may have one language only."""
        written = self.written_languages()
        if not written:
            raise ValidationError(
                _("Write the title and body in at least one language."), code="empty"
            )
        for code in written:
            for name in ("title", "body"):
                field = f"{name}_{SUFFIXES[code]}"
                if not (self.cleaned_data.get(field) or "").strip():
                    self.add_error(field, _("This field is required."))

    def _write_texts(self) -> None:
        release, written = self.instance, self.written_languages()
        # A language emptied on a draft is blanked here (so the rules see it missing)
        # and deleted when the form saves.
        self.removed_languages = [code for code in self.saved_texts if code not in written]
        current = release.get_current_language()
        for code in [*written, *self.removed_languages]:
            release.set_current_language(code)
            for name in TEXT_FIELDS:
                setattr(release, name, self.cleaned_data.get(f"{name}_{SUFFIXES[code]}") or "")
        release.set_current_language(current)
        checked = {
            code for code in LANGUAGE_CODES if self.cleaned_data.get(f"checked_{SUFFIXES[code]}")
        }
        translation_state.record_save(
            release, self.saved_texts, checked, self.user, timezone.now()
        )

    def save(self, commit: bool = True):
        for code in getattr(self, "removed_languages", []):
            self.instance.delete_translation(code)
        return super().save(commit)

    @property
    def paragraph_counts(self) -> dict[str, int] | None:
        """Both bodies' paragraph counts ("chinese", "english") if both are written and differ."""
        source = self.data if self.is_bound else self.initial
        counts = {
            name: len(markup.Body(source.get(f"body_{SUFFIXES[code]}") or "").blocks)
            for name, code in (("chinese", CHINESE), ("english", ENGLISH))
        }
        return counts if all(counts.values()) and len(set(counts.values())) > 1 else None

    def clean(self):
        cleaned = super().clean()
        self.now = timezone.now()
        self._clean_texts()
        if self.instance.pk:
            self._refuse_stale_version(cleaned.get("version"))
        # The translations go onto the instance first, so the publishing rules judge the
        # text this save would store; where a field is wrong they judge the saved text,
        # and the editor still sees every problem at once.
        if not self.errors:
            self._write_texts()
        if cleaned.get("publish_at"):
            # The rules of an embargo judge the publish time this save asks for.
            self.instance.publish_at = cleaned["publish_at"]
        self._check_publishing()
        embargo.check(self)
        return cleaned

    def step(self) -> publishing.Step:
        """What this save asks of publishing, beyond the text and fields it sets."""
        cleaned = self.cleaned_data
        return publishing.Step(
            status=cleaned.get("status") or self.saved_status,
            reasons=self._by_language("withdrawal_reason"),
            change_note=self._by_language("change_note"),
            notify=bool(cleaned.get("notify_subscribers")),
            restored=self.restored_version,
            checked_findings=frozenset(cleaned.get("checked_findings") or ()),
        )

    def _by_language(self, name: str) -> dict[str, str]:
        return {
            code: (self.cleaned_data.get(f"{name}_{SUFFIXES[code]}") or "").strip()
            for code in LANGUAGE_CODES
        }

    def _check_publishing(self) -> None:
        """Show each rule publishing says this save breaks, beside the field it concerns."""
        found = publishing.problems(self.instance, self.step(), user=self.user, now=self.now)
        for problem in found:
            name = problem.field
            if name and problem.language_code:
                name = f"{name}_{SUFFIXES[problem.language_code]}"
            self.add_error(name if name in self.fields else None, problem.message)

    def _refuse_stale_version(self, submitted: int | None) -> None:
        if self.version_before_restore is not None:
            current = self.version_before_restore
        else:
            # Lock the row until this save commits, so two saves cannot both pass.
            with transaction.atomic():
                current = (
                    Release.objects.select_for_update()
                    .filter(pk=self.instance.pk)
                    .values_list("version", flat=True)
                    .get()
                )
        if submitted == current:
            return
        self.conflicting_changes = versions.changes_since(self.instance, submitted or 0)
        history = Version.objects.get_for_object(self.instance).select_related("revision__user")
        latest = history.first()
        who = (
            latest.revision.user.get_username()
            if latest and latest.revision.user
            else _("someone else")
        )
        messages = [
            ValidationError(
                _(
                    "%(who)s saved this release while you were editing it. Your changes have "
                    "not been saved and theirs are kept. Copy what you wrote, reload the page "
                    "to see the release as it is now, and apply your changes again."
                ),
                code="stale",
                params={"who": who},
            )
        ]
        if self.conflicting_changes:
            messages.append(ValidationError(_("Changed meanwhile:"), code="stale"))
            # Each quoted with the characters changed marked within their paragraph.
            messages += [
                ValidationError(
                    quoted_change(change.label, change.before, change.after), code="stale"
                )
                for change in self.conflicting_changes
            ]
        raise ValidationError(messages)


class WithdrawalForm(forms.Form):
    """The reason asked for by the "withdraw selected" action, in both languages."""

    reason_zh_hant = bilingual_field(
        gettext_lazy("Withdrawal reason"), CHINESE, widget=forms.Textarea(NOTE_ROWS)
    )
    reason_en = bilingual_field(
        gettext_lazy("Withdrawal reason"), ENGLISH, widget=forms.Textarea(NOTE_ROWS)
    )

    def reasons(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"reason_{SUFFIXES[code]}"] for code in LANGUAGE_CODES}
