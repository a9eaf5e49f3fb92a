"""The desk's file input: "Currently: photo.jpg" with the colon of the interface's language."""

from django import forms


class FileInput(forms.ClearableFileInput):
    # Django's template puts a half-width colon after 「目前」; this one asks the catalogue.
    template_name = "desk/widgets/clearable_file_input.html"
