import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import UploadTo, create_renditions, rendition_widths
from tests.factories import make_image_upload


def stored_jpeg(width, height, name="uploads/photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, "JPEG")
    return default_storage.save(name, SimpleUploadedFile(name, buffer.getvalue()))


def test_a_large_image_gets_webp_renditions_at_each_standard_width():
    name = stored_jpeg(2000, 1000)

    made = create_renditions(name)

    assert len(made) == 3
    sizes = []
    for rendition in made:
        with default_storage.open(rendition) as handle, Image.open(handle) as image:
            assert image.format == "WEBP"
            sizes.append(image.size)
    assert sizes == [(480, 240), (960, 480), (1440, 720)]


def test_renditions_are_made_once():
    name = stored_jpeg(1000, 500)
    first = create_renditions(name)
    modified = [default_storage.get_modified_time(rendition) for rendition in first]

    assert create_renditions(name) == first
    assert [default_storage.get_modified_time(rendition) for rendition in first] == modified


def test_saving_again_does_not_decode_the_original_when_its_renditions_exist(monkeypatch):
    name = stored_jpeg(1000, 500)
    first = create_renditions(name)

    def decode_refused(image):
        raise AssertionError("the original was decoded again")

    monkeypatch.setattr("core.images.ImageOps.exif_transpose", decode_refused)
    assert create_renditions(name) == first


def test_a_phone_photo_taken_upright_gets_upright_renditions():
    upload = make_image_upload("phone.jpg", size=(2000, 1000), orientation=6)
    name = default_storage.save("uploads/phone.jpg", upload)

    sizes = []
    for rendition in create_renditions(name):
        with default_storage.open(rendition) as handle, Image.open(handle) as image:
            sizes.append(image.size)

    assert sizes == [(480, 960), (960, 1920)]


def test_a_small_image_is_not_enlarged():
    assert rendition_widths(300) == [300]
    assert rendition_widths(1000) == [480, 960]


def test_a_file_that_is_not_an_image_gets_no_renditions_and_no_crash():
    name = default_storage.save("uploads/fake.jpg", SimpleUploadedFile("fake.jpg", b"not an image"))

    assert create_renditions(name) == []


def test_upload_names_are_unique_and_safe():
    upload_to = UploadTo("articles")

    first = upload_to(None, "../../Etc Passwd <script>.JPG")
    second = upload_to(None, "../../Etc Passwd <script>.JPG")

    assert first != second
    assert first.startswith("articles/")
    assert ".." not in first
    assert first.endswith("-etc-passwd-script.jpg")
