"""Public pages: the newest releases, the archive and its search, one release; staff preview."""

from django.core.paginator import EmptyPage, Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from releases import search
from releases.forms import ArchiveFilterForm
from releases.languages import content_html_lang, content_language
from releases.models import Release, Topic

HOME_PAGE_SIZE = 10
ARCHIVE_PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    releases = Release.objects.public().with_translations()[:HOME_PAGE_SIZE]
    return render(request, "releases/home.html", {"releases": releases})


def archive(request: HttpRequest) -> HttpResponse:
    """List public releases, newest first, filtered by topic, year, month and search words.

    Filter values that cannot be right (no such topic, year 99999, page "abc" or
    past the end) get the page with a message saying so, as a 404.
    """
    topics = Topic.with_names()
    years = Release.objects.public().years()
    form = ArchiveFilterForm(request.GET, topics=topics, years=years)
    query = search.clean_query(request.GET.get("q", ""))
    context = {"form": form, "search_query": query, "noindex": bool(query)}
    if not form.is_valid():
        errors = [error for field in form.errors.values() for error in field]
        return render(request, "releases/archive.html", {**context, "errors": errors}, status=404)

    filters = form.filters()
    releases = Release.objects.public()
    if "topic" in filters:
        releases = releases.filter(topics__slug=filters["topic"])
    if "year" in filters:
        releases = releases.filter(publish_at__year=filters["year"])
    if "month" in filters:
        releases = releases.filter(publish_at__month=filters["month"])
    if query:
        releases = search.matching(releases, query)

    paginator = Paginator(releases.with_translations(), ARCHIVE_PAGE_SIZE)
    try:
        page = paginator.page(form.cleaned_data["page"] or 1)
    except EmptyPage:
        message = _("There is no page %(page)s of these results.") % {
            "page": form.cleaned_data["page"]
        }
        return render(
            request, "releases/archive.html", {**context, "errors": [message]}, status=404
        )

    terms = search.query_terms(query)
    parameters = QueryDict(mutable=True)
    parameters.update({"q": query} if query else {})
    parameters.update(filters)
    context |= {
        "page": page,
        "filters": filters,
        "filter_parameters": parameters,
        "topic": next((t for t in topics if t.slug == filters.get("topic")), None),
        "results": [(release, search.excerpts(release, terms)) for release in page]
        if query
        else None,
    }
    return render(request, "releases/archive.html", context)


def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    # A withdrawn release keeps its page (with the notice); lists use public().
    try:
        release = Release.objects.visible_at_url().get_for_page(pk)
    except Release.DoesNotExist:
        raise Http404 from None
    if slug != release.slug:
        # Titles change; links shared with an old or missing slug must still arrive.
        return HttpResponsePermanentRedirect(release.get_absolute_url())
    return render_release(request, release)


def render_release(
    request: HttpRequest,
    release: Release,
    preview: bool = False,
    template_name: str = "releases/detail.html",
    extra_context: dict | None = None,
) -> HttpResponse:
    """Render a release page; the preview and the review page are the same page, marked."""
    lead = release.translations_in_interface_order[0]
    context = {
        "release": release,
        "preview": preview,
        "page_title": lead.title,
        "page_description": lead.lead,
        "structured_data": news_article(request, release),
        "release_url": request.build_absolute_uri(release.get_absolute_url()),
        **(extra_context or {}),
    }
    return render(request, template_name, context)


def news_article(request: HttpRequest, release: Release) -> dict:
    """Describe a release as a schema.org NewsArticle in the interface language."""
    lead = release.translations_in_interface_order[0]
    publisher = {
        "@type": "GovernmentOrganization",
        "name": _("Customs and Excise Department"),
        "url": request.build_absolute_uri(reverse("releases:home")),
    }
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": lead.title,
        "description": lead.lead,
        "inLanguage": content_html_lang(content_language()),
        "datePublished": release.publish_at.isoformat(),
        "dateModified": release.updated_at.isoformat(),
        "url": request.build_absolute_uri(release.get_absolute_url()),
        "mainEntityOfPage": request.build_absolute_uri(release.get_absolute_url()),
        "author": publisher,
        "publisher": publisher,
    }


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show staff any release exactly as its public page would, marked and never indexed."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("releases.view_release")):
        raise Http404
    try:
        release = Release.objects.get_for_page(pk)
    except Release.DoesNotExist:
        raise Http404 from None
    response = render_release(request, release, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
