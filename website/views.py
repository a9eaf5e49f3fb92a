"""Public pages: the newest releases, the archive and its search, one release; staff preview."""

from datetime import date

from django.core.paginator import EmptyPage
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import http_date
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pagecache.counts import BoundedPaginator, CountedPaginator
from pagecache.versions import reads_query
from pressroom.languages import (
    CHINESE,
    ENGLISH,
    SIMPLIFIED,
    content_html_lang,
    content_language,
)
from pressroom.machine_time import machine_time
from releases.cuts import cut_to_width
from releases.models import Release, ReleaseTranslation, Topic
from search.passages import excerpts
from search.results import Results
from search.terms import clean_query, query_terms
from website.cards import HEIGHT, WIDTH, release_card_url
from website.days import by_day
from website.files import may_preview
from website.forms import ArchiveFilterForm
from website.release_pages import article_key, kept, release_for_page

HOME_PAGE_SIZE = 10
ARCHIVE_PAGE_SIZE = 20
# What search results and link previews show in full: about 160 English or 80 Chinese characters.
DESCRIPTION_WIDTH = 160


def home(request: HttpRequest) -> HttpResponse:
    releases = Release.objects.public().with_translations()[:HOME_PAGE_SIZE]
    return render(request, "releases/home.html", {"days": by_day(list(releases))})


def feeds(request: HttpRequest) -> HttpResponse:
    """Explain the feeds, the site's and each topic's, in the reader's language."""
    context = {
        "topics": sorted(Topic.with_names(), key=lambda topic: topic.name_in_interface),
        "page_title": _("Feeds"),
        "page_description": _(
            "Follow new press releases in a feed reader: RSS, Atom or JSON Feed, "
            "for all releases or one topic, in each language."
        ),
    }
    return render(request, "releases/feeds.html", context)


@reads_query("q", "topic", "year", "month", "page")
def archive(request: HttpRequest) -> HttpResponse:
    """List public releases, newest first, filtered by topic, year, month and search words.

    Filter values that cannot be right (no such topic, year 99999, page "abc" or
    past the end) get the page with a message saying so, as a 404.
    """
    topics = Topic.with_names()
    years = Release.objects.public().years()
    form = ArchiveFilterForm(request.GET, topics=topics, years=years)
    query = clean_query(request.GET.get("q", ""))
    context = {"form": form, "search_query": query, "noindex": bool(query)}
    if not form.is_valid():
        # The template names each field's message, so the field can point at it.
        return render(request, "releases/archive.html", context, status=404)

    filters = form.filters()
    topic = next((t for t in topics if t.slug == filters.get("topic")), None)
    now = timezone.now()
    releases = Release.objects.public(now)
    if topic:
        # By its id, read already: each count and page then joins the links alone.
        releases = releases.filter(topics=topic)
    if "year" in filters:
        releases = releases.filter(publish_at__year=filters["year"])
    if "month" in filters:
        releases = releases.filter(publish_at__month=filters["month"])
    terms = query_terms(query)
    if query:
        # Unfiltered, the few releases a reader may not see are what the count leaves out.
        hidden = None if filters else Release.objects.hidden(now)
        found = Results(releases, terms, hidden, remember_as=filters)
        paginator = BoundedPaginator(found, ARCHIVE_PAGE_SIZE)
    else:
        found = None
        paginator = CountedPaginator(releases, ARCHIVE_PAGE_SIZE, filters)
    try:
        page = paginator.page(form.cleaned_data["page"] or 1)
        if not page.object_list and page.number > 1:
            raise EmptyPage  # past the end of an estimated count
    except EmptyPage:
        message = _("There is no page %(page)s of these results.") % {
            "page": form.cleaned_data["page"]
        }
        return render(
            request, "releases/archive.html", {**context, "errors": [message]}, status=404
        )

    parameters = QueryDict(mutable=True)
    parameters.update({"q": query} if query else {})
    parameters.update(filters)
    heading = archive_heading(query, topic, filters, page.number)
    estimated = paginator.counted.estimated
    context |= {
        "page": page,
        "heading": heading,
        "page_title": heading,
        "filters": filters,
        "filter_parameters": parameters,
        "topic": topic,
        "results": [(hit.release, excerpts(hit, terms)) for hit in page] if found else None,
        # An estimate reads as one: "about 98,000", rounded, with its thousands marked.
        "estimated_count": f"{paginator.count:,}" if estimated else "",
        "estimated_pages": f"{max(paginator.num_pages, page.number):,}" if estimated else "",
    }
    return render(request, "releases/archive.html", context)


def archive_heading(query: str, topic: Topic | None, filters: dict, page_number: int) -> str:
    """Name what a page of the archive holds: "Drug enforcement · 2025 · page 2"."""
    described = [topic.name_in_interface] if topic else []
    year, month = filters.get("year"), filters.get("month")
    if year and month:
        described.append(date_format(date(year, month, 1), pgettext("archive month", "F Y")))
    elif month:
        described.append(date_format(date(2000, month, 1), pgettext("archive month", "F")))
    elif year:
        described.append(pgettext("archive year", "%(year)s") % {"year": year})
    if query:
        parts = [_("Search results for “%(query)s”") % {"query": query}, *described]
    else:
        parts = described or [_("All press releases")]
    if page_number > 1:
        parts.append(_("page %(number)s") % {"number": page_number})
    return pgettext("heading separator", " · ").join(parts)


def release_at_url(pk: int) -> Release:
    """Return the release a public address names, or raise Http404."""
    # A withdrawn release keeps its page (with the notice); lists use public().
    try:
        return release_for_page(pk)
    except Release.DoesNotExist:
        raise Http404 from None


def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    release = release_at_url(pk)
    if slug != release.slug:
        # Titles change; links shared with an old or missing slug must still arrive.
        return HttpResponsePermanentRedirect(release.get_absolute_url())
    response = render_release(request, release, kept_as=article_key(request, release))
    response["Last-Modified"] = http_date(release.last_public_change.timestamp())
    return response


def parallel(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Show a release's translations paragraph by paragraph, for those who compare them.

    Readers read one language on the release page; this view is for translators
    and language learners, so search engines are asked not to index it.
    """
    release = release_at_url(pk)
    if slug != (release.slug or "-"):
        return HttpResponsePermanentRedirect(release.get_parallel_url())
    return render_parallel(request, release)


def render_parallel(
    request: HttpRequest,
    release: Release,
    template_name: str = "releases/parallel.html",
    extra_context: dict | None = None,
) -> HttpResponse:
    """Render a release's paragraph view; the review page's is the same page, marked."""
    lead = release.translations_in_interface_order[0]
    context = {
        "release": release,
        "noindex": True,
        "page_title": _("Compare paragraph by paragraph: %(title)s") % {"title": lead.title},
        "page_description": cut_to_width(lead.lead, DESCRIPTION_WIDTH),
        **(extra_context or {}),
    }
    return render(request, template_name, context)


def render_release(
    request: HttpRequest,
    release: Release,
    preview: bool = False,
    template_name: str = "releases/detail.html",
    extra_context: dict | None = None,
    kept_as: str = "",
) -> HttpResponse:
    """Render a release page; the preview and the review page are the same page, marked.

    `kept_as` names the public page's article and metadata, kept for this version
    of the release (website.release_pages); pages never reused leave it empty.
    """
    context = {
        "release": release,
        "preview": preview,
        "kept_as": kept_as,
        **kept(f"{kept_as}:meta" if kept_as else "", lambda: release_meta(request, release)),
        **(extra_context or {}),
    }
    return render(request, template_name, context)


def release_meta(request: HttpRequest, release: Release) -> dict:
    """What a release page says of the release beside its article: titles, image, addresses."""
    lead = release.translations_in_interface_order[0]
    title, description = lead.title, lead.lead
    if release.is_withdrawn:
        # Shares and search snippets must not look current: say so, and say why.
        title = pgettext("page title", "Withdrawn: %(title)s") % {"title": title}
        description = lead.withdrawal_reason or _("This press release has been withdrawn.")
    return {
        "page_title": title,
        "page_description": cut_to_width(description, DESCRIPTION_WIDTH),
        "og_image": preview_image(request, release, lead),
        "structured_data": news_article(request, release),
        "printed_addresses": printed_addresses(request, release),
    }


def preview_image(request: HttpRequest, release: Release, lead: ReleaseTranslation) -> dict:
    """The image a shared link shows: the release's first photo, else its own card."""
    figures = lead.figures
    if figures:
        source = figures[0].src
        url, width, height, alt = source.url, source.width, source.height, figures[0].alt
    else:
        url, width, height, alt = release_card_url(release), WIDTH, HEIGHT, lead.title
    return {"url": request.build_absolute_uri(url), "width": width, "height": height, "alt": alt}


def printed_addresses(request: HttpRequest, release: Release) -> list[dict]:
    """The release's address in its two languages, this page's first, for print."""
    chinese = SIMPLIFIED if get_language() == SIMPLIFIED else CHINESE
    codes = [chinese, ENGLISH] if content_language() == CHINESE else [ENGLISH, chinese]
    addresses = []
    for code in codes:
        with translation.override(code):
            url = request.build_absolute_uri(release.get_absolute_url())
        addresses.append({"language_code": code, "url": url})
    return addresses


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
        "description": cut_to_width(lead.lead, DESCRIPTION_WIDTH),
        "inLanguage": content_html_lang(content_language()),
        "datePublished": machine_time(release.publish_at),
        "dateModified": machine_time(release.last_public_change),
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
    if not may_preview(request.user):
        raise Http404
    try:
        release = Release.objects.get_for_page(pk)
    except Release.DoesNotExist:
        raise Http404 from None
    response = render_release(request, release, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
