"""Small helpers that make saved model instances for tests: `make_article(title="…")`."""

import itertools

from django.utils import timezone

_sequence = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_sequence)}"


# ---- articles ----


def make_category(**fields):
    from articles.models import Category

    name = fields.pop("name", unique("Category"))
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Category.objects.create(name=name, **fields)


def make_article(**fields):
    """A published article (an hour old) unless told otherwise; `categories=[…]` is set
    after saving."""
    from articles.models import Article

    categories = fields.pop("categories", ())
    fields.setdefault("title", unique("Article"))
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("publication", Article.Publication.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    article = Article.objects.create(**fields)
    if categories:
        article.categories.set(categories)
    return article


def make_image_upload(name="photo.jpg", size=(1600, 900), image_format="JPEG", orientation=1):
    """An uploaded image file, as a browser would send it. A phone held upright stores its
    pixels sideways with an EXIF ``orientation`` of 6 or 8."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import ExifTags, Image

    buffer = BytesIO()
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    Image.new("RGB", size, (200, 30, 30)).save(buffer, image_format, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


# ---- videos ----


def make_video(**fields):
    from media_embeds.models import Video

    fields.setdefault("title", unique("Video"))
    fields.setdefault("source_url", f"https://www.youtube.com/watch?v=test{next(_sequence):07d}")
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("publication", Video.Publication.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    return Video.objects.create(**fields)


def png_bytes(width=640, height=360, color=(180, 40, 30)) -> bytes:
    """A real PNG image, for uploads and faked thumbnail downloads."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def make_video_with_poster(**fields):
    from django.core.files.base import ContentFile

    video = make_video(**fields)
    video.lead_image.save("poster.png", ContentFile(png_bytes()), save=False)
    video.lead_image_alt = fields.get("lead_image_alt", "A crowd of workers")
    video.save()
    return video


def make_library_image(*, width=960, height=540, **fields):
    from django.core.files.base import ContentFile

    from media_embeds.models import LibraryImage

    fields.setdefault("alt", "Workers at the gate")
    picture = LibraryImage(**fields)
    picture.image.save("gate.png", ContentFile(png_bytes(width, height)), save=False)
    picture.save()
    return picture


# ---- prisoners ----


def jpeg_upload(name="photo.jpg", size=(600, 800)):
    """An uploaded JPEG file, for image fields."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_prisoner(**fields):
    from prisoners.models import Prisoner

    fields.setdefault("name", unique("Prisoner"))
    fields.setdefault("slug", fields["name"].lower().replace(" ", "-"))
    fields.setdefault("publication", Prisoner.Publication.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    return Prisoner.objects.create(**fields)


def make_detention(prisoner=None, **fields):
    from prisoners.models import Detention

    return Detention.objects.create(prisoner=prisoner or make_prisoner(), **fields)


def make_charge(detention=None, **fields):
    from prisoners.models import Charge

    fields.setdefault("article", "164")
    return Charge.objects.create(detention=detention or make_detention(), **fields)


def make_timeline_event(prisoner=None, **fields):
    from prisoners.models import TimelineEvent

    fields.setdefault("date", timezone.localdate())
    fields.setdefault("kind", TimelineEvent.Kind.ARREST)
    fields.setdefault("description", unique("Event"))
    return TimelineEvent.objects.create(prisoner=prisoner or make_prisoner(), **fields)


# ---- petitions ----


def make_petition(**fields):
    from petitions.models import Petition

    fields.setdefault("title", unique("Petition"))
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("status", Petition.Status.OPEN)
    fields.setdefault("publication", Petition.Publication.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    return Petition.objects.create(**fields)


def make_signature(**fields):
    """A signature row as the sign/confirm services would leave it (confirmed by default),
    with the petition's count kept in step."""
    from petitions.models import Signature, SignatureCountSlot
    from petitions.services import normalise_email

    petition = fields.pop("petition", None) or make_petition()
    fields.setdefault("name", unique("Signer"))
    fields.setdefault("email", f"{unique('signer')}@example.org")
    fields.setdefault("email_normalised", normalise_email(fields["email"]))
    fields.setdefault("country", "GB")
    fields.setdefault("state", Signature.State.CONFIRMED)
    if fields["state"] == Signature.State.CONFIRMED:
        fields.setdefault("confirmed_at", timezone.now())
    signature = Signature.objects.create(petition=petition, **fields)
    if signature.state == Signature.State.CONFIRMED:
        SignatureCountSlot.add(petition.pk, 1)
    return signature


def make_embassy(**fields):
    from petitions.models import Embassy

    fields.setdefault("country", "GB")
    fields.setdefault("name", "Embassy of Kazakhstan in the United Kingdom")
    fields.setdefault("email", "embassy-gb@example.org")
    return Embassy.objects.create(**fields)


# ---- letter actions ----


def make_action(*, targets=("embassy",), **fields):
    """A published letter action (an hour old) with an embassy target unless told otherwise;
    a target given as a dict is a named one."""
    from actions.models import LetterAction, LetterTarget

    fields.setdefault("title", unique("Action"))
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("letter_subject", "Free them")
    fields.setdefault("letter_body", "Dear Ambassador,\n\nFree them.\n\nYours,")
    fields.setdefault("publication", LetterAction.Publication.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    action = LetterAction.objects.create(**fields)
    for position, target in enumerate(targets):
        if target == "embassy":
            LetterTarget.objects.create(
                action=action, kind=LetterTarget.Kind.EMBASSY, position=position
            )
        else:
            LetterTarget.objects.create(action=action, position=position, **target)
    return action


# ---- pages ----


def make_page(**fields):
    """A published page (an hour old) in English unless told otherwise."""
    from pages.models import Page

    fields.setdefault("title", unique("Page"))
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("publication", Page.Publication.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    return Page.objects.create(**fields)


# ---- events ----


def make_event(**fields):
    """A published event a week from now, two hours long, in Almaty, unless told otherwise;
    `prisoners=[…]` and `videos=[…]` are set after saving."""
    from events.models import Event

    prisoners = fields.pop("prisoners", ())
    videos = fields.pop("videos", ())
    fields.setdefault("title", unique("Event"))
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("start", timezone.now().replace(microsecond=0) + timezone.timedelta(days=7))
    fields.setdefault("end", fields["start"] + timezone.timedelta(hours=2))
    fields.setdefault("time_zone", "Asia/Almaty")
    fields.setdefault("place", "Republic Square, Almaty")
    fields.setdefault("publication", Event.Publication.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    event = Event.objects.create(**fields)
    if prisoners:
        event.prisoners.set(prisoners)
    if videos:
        event.videos.set(videos)
    return event


# ---- staff logins ----


def make_authenticator(user, **fields):
    """A confirmed authenticator app (TOTP device) for `user`, as after setting it up."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    fields.setdefault("name", "Authenticator app")
    fields.setdefault("confirmed", True)
    return TOTPDevice.objects.create(user=user, **fields)


def authenticator_code(device, steps_later=0) -> str:
    """The six digits the app shows now (or `steps_later` periods of 30 s from now)."""
    from django_otp.oath import totp

    code = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + steps_later,
    )
    return f"{code:0{device.digits}d}"


def pass_second_factor(client, user):
    """Mark the test client's session as having passed the second factor for `user` (who
    gets an authenticator if they have none), as logging in with a code does."""
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    device = next(iter(devices_for_user(user)), None) or make_authenticator(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def make_petition_event(petition=None, **fields):
    from petitions.models import PetitionEvent

    fields.setdefault("date", timezone.localdate())
    fields.setdefault("kind", PetitionEvent.Kind.DELIVERED)
    fields.setdefault("summary", unique("Event"))
    return PetitionEvent.objects.create(petition=petition or make_petition(), **fields)


def make_follower(prisoner=None, **fields):
    """A follower as following and confirming would leave them (confirmed by default)."""
    from core.emails import normalise_email
    from prisoners.models import Follower

    fields.setdefault("email", f"{unique('follower')}@example.org")
    fields.setdefault("email_normalised", normalise_email(fields["email"]))
    fields.setdefault("confirmed_at", timezone.now())
    return Follower.objects.create(prisoner=prisoner or make_prisoner(), **fields)
