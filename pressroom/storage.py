"""Media on S3-compatible storage, stored with types that cannot run."""

from storages.backends.s3 import S3Storage

from pressroom.media import media_headers


class MediaS3Storage(S3Storage):
    """S3 storage that gives each object a safe Content-Type and Content-Disposition.

    Browsers fetch media straight from the bucket, so the headers that keep an
    uploaded HTML or SVG file from running must be stored with the object.
    """

    def get_object_parameters(self, name: str) -> dict:
        headers = media_headers(name)
        return {
            **super().get_object_parameters(name),
            "ContentType": headers["Content-Type"],
            "ContentDisposition": headers["Content-Disposition"],
        }
