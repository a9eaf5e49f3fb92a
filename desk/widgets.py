"""The desk's inputs: a file input whose colon follows the language; boxes that wrap a line."""

import re

from django import forms

LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


class FileInput(forms.ClearableFileInput):
    # Django's template puts a half-width colon after 「目前」; this one asks the catalogue.
    template_name = "desk/widgets/clearable_file_input.html"


class OneLineTextarea(forms.Textarea):
    """A box that wraps a long line (a headline, an alt text) so all of it shows.

    What it holds is still one line: a line break typed or pasted becomes a space.
    """

    def __init__(self, attrs: dict | None = None):
        super().__init__({"rows": 2, **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return LINE_BREAKS.sub(" ", value) if isinstance(value, str) else value
