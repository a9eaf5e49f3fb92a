from django import template

from releases import languages

register = template.Library()


@register.filter
def html_lang(language_code: str) -> str:
    """Turn a Django language code into an HTML lang value: zh-hant → zh-Hant."""
    return languages.html_lang(language_code)
