"""Editors' proposed corrections of published releases, on the desk.

An editor reading a published release proposes a correction (its text in both
languages, with the change note they suggest); publishers see what is pending
on the release and in a list, compare it with what is published and apply or
decline it. Every step goes through releases.publishing.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.bilingual import bilingual_field
from desk.forms import NOTE_ROWS, text_field
from desk.marked_changes import marked
from pressroom.languages import (
    CHINESE,
    ENGLISH,
    LANGUAGE_CODES,
    SUFFIXES,
    WITH_LANGUAGE,
    html_lang,
    language_name,
)
from releases import publishing
from releases.models import CorrectionProposal, Release, ReleaseTranslation
from releases.proposals import texts_of
from releases.translation_state import TEXT_FIELDS


def change_note_fields() -> dict[str, forms.CharField]:
    return {
        f"change_note_{SUFFIXES[code]}": bilingual_field(
            gettext_lazy("Change note"), code, widget=forms.Textarea(NOTE_ROWS)
        )
        for code in LANGUAGE_CODES
    }


class ProposalForm(forms.Form):
    """The text of a published release in both languages, as the editor would correct it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            for name in TEXT_FIELDS:
                field = text_field(name, code)
                field.label = format_lazy(WITH_LANGUAGE, field.label, language_name(code))
                self.fields[f"{name}_{SUFFIXES[code]}"] = field
        self.fields.update(change_note_fields())
        self.fields[f"change_note_{SUFFIXES[ENGLISH]}"].help_text = gettext_lazy(
            "The public note readers will see if a publisher applies the correction: "
            "“Updated [date]: [note]”."
        )

    def by_language(self, name: str) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"{name}_{SUFFIXES[code]}") or ""
            for code in LANGUAGE_CODES
        }

    def texts(self) -> dict[str, dict[str, str]]:
        return {
            code: {
                name: self.cleaned_data.get(f"{name}_{SUFFIXES[code]}") or ""
                for name in TEXT_FIELDS
            }
            for code in LANGUAGE_CODES
        }

    def show(self, refused: publishing.PublishingRefused) -> None:
        for problem in refused.problems:
            name = (
                problem.field
                and problem.language_code
                and f"{problem.field}_{SUFFIXES[problem.language_code]}"
            )
            self.add_error(name if name in self.fields else None, problem.message)


class ApplyForm(forms.Form):
    """The change note the correction is published with, the editor's suggestion to start."""

    notify_subscribers = forms.BooleanField(
        label=gettext_lazy("Notify subscribers of this correction"),
        required=False,
        help_text=gettext_lazy(
            "Emails “Updated:” with the change note to everyone who was sent this release."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(change_note_fields())
        self.order_fields([*change_note_fields(), "notify_subscribers"])


class DeclineForm(forms.Form):
    decline_reason = forms.CharField(
        label=gettext_lazy("Why the correction is declined"),
        widget=forms.Textarea(NOTE_ROWS),
        help_text=gettext_lazy("The editor who proposed it reads this on the release."),
    )


def comparison(release: Release, proposal: CorrectionProposal) -> list[dict]:
    """Each text field of each language: as published, and as proposed, the changes marked."""
    published = texts_of(release)
    rows = []
    for code in LANGUAGE_CODES:
        for name in TEXT_FIELDS:
            before, after = published[code][name].replace("\r\n", "\n"), proposal.text(code, name)
            label = ReleaseTranslation._meta.get_field(name).verbose_name
            rows.append(
                {
                    "label": format_lazy(WITH_LANGUAGE, capfirst(label), language_name(code)),
                    "lang": html_lang(code),
                    "changed": before.strip() != after,
                    "marked": marked(before, after),
                }
            )
    return rows


class ProposalsAdminMixin:
    """The release admin's views for proposing, and applying or declining, a correction."""

    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/propose/",
                wrap(self.propose_view),
                name="releases_release_propose",
            ),
            path(
                "<path:object_id>/proposals/<int:proposal_id>/",
                wrap(self.proposal_view),
                name="releases_release_proposal",
            ),
            *super().get_urls(),
        ]

    def _viewable_release(self, request: HttpRequest, object_id: str) -> Release:
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404
        if not self.has_view_or_change_permission(request, release):
            raise PermissionDenied
        return release

    def _page(
        self, request: HttpRequest, release: Release, template: str, **context
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            **context,
        }
        return TemplateResponse(request, f"admin/releases/release/{template}", context)

    def propose_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        release = self._viewable_release(request, object_id)
        if release.status == Release.Status.DRAFT:
            messages.info(
                request,
                _("A draft is edited directly; corrections are proposed to published releases."),
            )
            return redirect(reverse("admin:releases_release_change", args=[release.pk]))
        initial = {
            f"{name}_{SUFFIXES[code]}": text
            for code, texts in texts_of(release).items()
            for name, text in texts.items()
        }
        form = ProposalForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                publishing.propose_correction(
                    release,
                    form.texts(),
                    form.by_language("change_note"),
                    user=request.user,
                    now=timezone.now(),
                )
            except publishing.PublishingRefused as refused:
                form.show(refused)
            else:
                messages.success(
                    request,
                    _(
                        "Your correction was sent to the publishers. It is shown on this "
                        "release until one of them applies or declines it."
                    ),
                )
                return redirect(reverse("admin:releases_release_change", args=[release.pk]))
        title = _("Propose a correction of “%(release)s”") % {"release": release}
        return self._page(request, release, "propose.html", title=title, form=form)

    def proposal_view(
        self, request: HttpRequest, object_id: str, proposal_id: int
    ) -> HttpResponse:
        release = self._viewable_release(request, object_id)
        proposal = (
            release.proposals.select_related("proposed_by", "decided_by")
            .filter(pk=proposal_id)
            .first()
        )
        if proposal is None:
            raise Http404
        can_decide = proposal.is_pending and publishing.can_publish(request.user)
        suggested = {
            f"change_note_{SUFFIXES[code]}": note for code, note in proposal.change_note.items()
        }
        apply_form = ApplyForm(
            request.POST if "apply" in request.POST else None, initial=suggested
        )
        decline_form = DeclineForm(request.POST if "decline" in request.POST else None)
        if request.method == "POST":
            if not can_decide:
                raise PermissionDenied
            done = self._decide(request, proposal, apply_form, decline_form)
            if done:
                return redirect(reverse("admin:releases_release_change", args=[release.pk]))
        title = _("Proposed correction of “%(release)s”") % {"release": release}
        return self._page(
            request,
            release,
            "proposal.html",
            title=title,
            proposal=proposal,
            rows=comparison(release, proposal),
            moved_on=proposal.is_pending and release.version != proposal.based_on_version,
            can_decide=can_decide,
            apply_form=apply_form,
            decline_form=decline_form,
        )

    def _decide(self, request: HttpRequest, proposal, apply_form, decline_form) -> bool:
        """Apply or decline as the publisher asked; say so, or show why not on the forms."""
        now = timezone.now()
        try:
            if apply_form.is_bound and apply_form.is_valid():
                notes = {
                    code: apply_form.cleaned_data[f"change_note_{SUFFIXES[code]}"]
                    for code in LANGUAGE_CODES
                }
                notify = apply_form.cleaned_data["notify_subscribers"]
                publishing.apply_proposal(
                    proposal, notes, user=request.user, now=now, notify=notify
                )
                messages.success(request, _("The correction was published with its change note."))
                return True
            if decline_form.is_bound and decline_form.is_valid():
                reason = decline_form.cleaned_data["decline_reason"]
                publishing.decline_proposal(proposal, reason, user=request.user, now=now)
                messages.success(
                    request, _("The correction was declined; its editor sees your reason.")
                )
                return True
        except publishing.PublishingRefused as refused:
            form = apply_form if apply_form.is_bound else decline_form
            for problem in refused.problems:
                form.add_error(None, problem.message)
        return False

    def proposals_context(self, request: HttpRequest, release: Release | None) -> dict:
        """The change page's corrections: what waits, for publishers; an editor's own, answered."""
        if release is None or release.pk is None or release.status == Release.Status.DRAFT:
            return {"proposals": None, "can_propose": False}
        shown = release.proposals.select_related("proposed_by", "decided_by")
        if not publishing.can_publish(request.user):
            shown = shown.filter(proposed_by=request.user)
        else:
            shown = shown.filter(state=CorrectionProposal.State.PENDING)
        return {"proposals": list(shown), "can_propose": not publishing.can_publish(request.user)}


@admin.register(CorrectionProposal)
class CorrectionProposalAdmin(admin.ModelAdmin):
    """The list of proposed corrections: all staff read it; deciding is on the release."""

    list_display = ["release_link", "proposed_by", "proposed_at", "state"]
    # Each row links to its comparison (release_link), not to a form of its own.
    list_display_links = None
    list_filter = ["state"]
    list_select_related = ["proposed_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CorrectionProposal]:
        return (
            super()
            .get_queryset(request)
            .select_related("release")
            .prefetch_related("release__translations")
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        # Opened from the menu, the list shows what waits for a decision.
        if not request.GET:
            return redirect(f"{request.path}?state__exact={CorrectionProposal.State.PENDING}")
        return super().changelist_view(request, extra_context)

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None:
            raise Http404
        return redirect(
            reverse("admin:releases_release_proposal", args=[proposal.release_id, proposal.pk])
        )

    @admin.display(description=gettext_lazy("Press release"), ordering="release")
    def release_link(self, proposal: CorrectionProposal) -> str:
        url = reverse("admin:releases_release_proposal", args=[proposal.release_id, proposal.pk])
        title = proposal.release.safe_translation_getter("title", language_code=CHINESE) or str(
            proposal.release
        )
        return format_html('<a href="{}">{}</a>', url, title)
