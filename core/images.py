"""Uploaded images and their resized renditions, shared by every app that shows pictures.

An image field declared with ``RenditionImageField`` (with ``width_field``/``height_field``
so pages know the size without opening files) gets WebP renditions at a few widths made
once, when the file is first saved. Pages only ever show renditions: re-encoding drops the
original's EXIF data, which can hold the GPS position of a family's home.
"""

import logging
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (480, 960, 1440)
RENDITION_FORMAT = "webp"
RENDITION_QUALITY = 80


@deconstructible
class UploadTo:
    """Safe, unique upload names: `<folder>/<year>/<month>/<random>-<slugified name>.<ext>`."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        path = PurePosixPath(filename)
        stem = slugify(path.stem)[:60] or "image"
        suffix = slugify(path.suffix.lstrip("."))[:10] or "bin"
        now = timezone.now()
        return f"{self.folder}/{now:%Y/%m}/{uuid.uuid4().hex[:12]}-{stem}.{suffix}"

    def __eq__(self, other):
        return isinstance(other, UploadTo) and other.folder == self.folder


def validate_image_size(file) -> None:
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("This image is %(size)s MB; images may be at most %(limit)s MB."),
            code="image_too_large",
            params={"size": f"{file.size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:g}"},
        )


def rendition_widths(original_width: int | None) -> list[int]:
    """The widths made for an image: the standard ones that fit, or one at its own width."""
    if not original_width:
        return []
    widths = [width for width in RENDITION_WIDTHS if width <= original_width]
    return widths or [original_width]


def rendition_name(name: str, width: int) -> str:
    stem = PurePosixPath(name).with_suffix("")
    return f"renditions/{stem}-{width}w.{RENDITION_FORMAT}"


# EXIF orientations that turn the picture a quarter: its width is the stored height.
QUARTER_TURNS = {5, 6, 7, 8}


def _turned_a_quarter(image: Image.Image) -> bool:
    return image.getexif().get(ExifTags.Base.Orientation, 1) in QUARTER_TURNS


def _upright_width(image: Image.Image) -> int:
    return image.height if _turned_a_quarter(image) else image.width


def create_renditions(name: str, storage=default_storage) -> list[str]:
    """Make the missing renditions of a stored image; return the names that exist.

    Runs on every save of a model with an image, so the original (up to 10 MB) is decoded
    only when a rendition is missing: its size comes from the file's header.
    """
    try:
        with storage.open(name, "rb") as handle, Image.open(handle) as original:
            widths = rendition_widths(_upright_width(original))
            missing = [width for width in widths if not storage.exists(rendition_name(name, width))]
            if missing:
                image = ImageOps.exif_transpose(original)
                if image.mode not in ("RGB", "RGBA"):
                    image = image.convert("RGBA" if "transparency" in image.info else "RGB")
                for width in missing:
                    height = max(1, round(image.height * width / image.width))
                    resized = image.resize((width, height), Image.Resampling.LANCZOS)
                    buffer = ContentFile(b"")
                    resized.save(buffer, RENDITION_FORMAT, quality=RENDITION_QUALITY)
                    storage.save(rendition_name(name, width), buffer)
            return [rendition_name(name, width) for width in widths]
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        logger.exception("Could not make renditions of %s", name)
        return []


class RenditionImageField(models.ImageField):
    """An ImageField that accepts only real images within the size limit and makes
    its renditions when a new file is saved."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)
        if validate_image_size not in self.validators:
            self.validators.append(validate_image_size)

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Store the size the picture is shown at: a phone photo taken upright is stored
        sideways with an EXIF turn, and its renditions (and the page's width, height and
        srcset) follow the turn."""
        if self.attname not in instance.__dict__:
            # Deferred (a list that loads no image): nothing to size, as in Django's own.
            return super().update_dimension_fields(instance, force, *args, **kwargs)
        before = self._stored_size(instance)
        super().update_dimension_fields(instance, force, *args, **kwargs)
        if self._stored_size(instance) == before:
            return
        file = getattr(instance, self.attname)
        if not (file and self.width_field and self.height_field):
            return
        was_closed = file.closed
        try:
            file.open("rb")
            position = file.tell()
            with Image.open(file) as image:
                turned = _turned_a_quarter(image)
            file.seek(position)
        except (OSError, UnidentifiedImageError):
            return
        finally:
            if was_closed:
                file.close()
        if turned:
            width, height = self._stored_size(instance)
            setattr(instance, self.width_field, height)
            setattr(instance, self.height_field, width)

    def _stored_size(self, instance):
        # Read from the instance's own values: getattr on a deferred field would load it.
        return tuple(
            instance.__dict__.get(name) if name else None
            for name in (self.width_field, self.height_field)
        )

    def pre_save(self, model_instance, add):
        file = super().pre_save(model_instance, add)
        if file:
            create_renditions(file.name, file.storage)
        return file

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        if kwargs.get("max_length") == 255:
            del kwargs["max_length"]
        return name, path, args, kwargs


def responsive_image(field_file, *, alt: str, sizes: str, lazy: bool = True, css_class: str = ""):
    """The attributes of an <img> for a rendition field, or None when there is no image.

    Uses the dimensions stored on the model (width_field/height_field), so rendering a
    list of images opens no file.
    """
    if not field_file:
        return None
    field = field_file.field
    instance = field_file.instance
    width = getattr(instance, field.width_field, None) if field.width_field else None
    height = getattr(instance, field.height_field, None) if field.height_field else None
    widths = rendition_widths(width)
    if not widths:
        return None
    storage = field_file.storage
    sources = [(storage.url(rendition_name(field_file.name, w)), w) for w in widths]
    shown_width = widths[-1]
    shown_height = round(height * shown_width / width) if height else None
    return {
        "src": sources[min(1, len(sources) - 1)][0],
        "srcset": ", ".join(f"{url} {w}w" for url, w in sources),
        "sizes": sizes,
        "width": shown_width,
        "height": shown_height,
        "alt": alt,
        "loading": "lazy" if lazy else "eager",
        "css_class": css_class,
        "largest_url": sources[-1][0],
    }


def social_image(field_file) -> dict | None:
    """The largest rendition's absolute address (``url``), ``width`` and ``height``, for
    link previews (og:image), or None. Never the original upload, whose EXIF data can hold
    where the picture was taken."""
    attributes = responsive_image(field_file, alt="", sizes="100vw")
    if not attributes:
        return None
    url = attributes["largest_url"]
    return {
        "url": url if url.startswith(("http://", "https://")) else settings.SITE_URL + url,
        "width": attributes["width"],
        "height": attributes["height"],
    }


def social_image_url(field_file) -> str:
    """``social_image``'s address, or ""."""
    image = social_image(field_file)
    return image["url"] if image else ""


def require_alt_text(image, alt: str, *, alt_field: str, message) -> None:
    """An uploaded picture needs a description for people who cannot see it."""
    if image and not alt.strip():
        raise ValidationError({alt_field: message})
