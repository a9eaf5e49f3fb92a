from django import template

from pressroom import languages

register = template.Library()


@register.filter
def html_lang(language_code: str) -> str:
    """Turn a Django language code into an HTML lang value: zh-hant → zh-Hant-HK."""
    return languages.html_lang(language_code)


@register.filter
def content_html_lang(language_code: str) -> str:
    """The lang value of stored text as this page shows it (zh-Hans on Simplified pages)."""
    return languages.content_html_lang(language_code)
