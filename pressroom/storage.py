"""Media on S3-compatible storage: stored with types that cannot run, private until public."""

from botocore.exceptions import ClientError
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from pressroom.media import PRIVATE_CACHE, PUBLIC_CACHE, media_headers, readable_name


class MediaS3Storage(S3Storage):
    """S3 storage whose objects are private until `make_public`, with safe headers stored.

    Browsers fetch media straight from the bucket, so the headers that keep an
    uploaded HTML or SVG file from running must be stored with the object: its
    Content-Type, Content-Disposition (with the name the uploader gave) and
    Cache-Control. S3 keeps no other header with an object: Content-Security-Policy
    and X-Content-Type-Options must be added by a CDN in front of the bucket
    (docs/operations.md).

    Every object is written private; releases.file_access makes a release's files
    public (a public-read ACL) when readers may see the release, and private again
    when they may not. Until then a page shows them through `signed_url`.
    """

    def _get_write_parameters(self, name: str, content=None) -> dict:
        # The stored name is random; the name the file came with is what a reader saves it as.
        given = getattr(content, "name", "") or ""
        headers = media_headers(name, readable_name(given) if given else "")
        return {
            **super()._get_write_parameters(name, content),
            "ContentType": headers["Content-Type"],
            "ContentDisposition": headers["Content-Disposition"],
            "CacheControl": PUBLIC_CACHE,
            "ACL": "private",
        }

    def _key(self, name: str) -> str:
        return self._normalize_name(clean_name(name))

    def make_public(self, name: str) -> None:
        """Let anyone fetch the object at its plain address."""
        self._set_acl(name, "public-read")

    def make_private(self, name: str) -> None:
        """Let nobody fetch the object but through a signed address."""
        self._set_acl(name, "private")

    def _set_acl(self, name: str, acl: str) -> None:
        try:
            self.connection.meta.client.put_object_acl(
                Bucket=self.bucket_name, Key=self._key(name), ACL=acl
            )
        except ClientError as error:
            # A row whose file is gone has nothing to open or close.
            if error.response["Error"]["Code"] not in {"NoSuchKey", "404"}:
                raise

    def signed_url(self, name: str, seconds: int) -> str:
        """A presigned address that works for `seconds`, answered never to be cached."""
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket_name,
                "Key": self._key(name),
                "ResponseCacheControl": PRIVATE_CACHE,
            },
            ExpiresIn=seconds,
        )
