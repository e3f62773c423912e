import re

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from tests.factories import make_article, make_category, make_image_upload, make_video

pytestmark = pytest.mark.django_db


def article_form(**overrides):
    data = {
        "title": "Angry protests erupt",
        "slug": "angry-protests-erupt",
        "standfirst": "Workers demand nationalisation",
        "body": "<p>Hundreds gathered.</p>",
        "author_name": "",
        "lead_image_alt": "",
        "publication": "published",
        "language": "en",
        "published_at_0": "",
        "published_at_1": "",
        "categories": [],
        "prisoners": [],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != []}


def test_a_text_file_named_like_a_photo_is_refused_with_a_clear_error(admin_client):
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")

    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(lead_image=fake, lead_image_alt="A photo"),
    )

    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Article.objects.exists()


def test_an_uploaded_image_gets_its_renditions_and_a_preview(admin_client):
    category = make_category()
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(
            lead_image=make_image_upload(size=(1600, 900)),
            lead_image_alt="Workers at the gate",
            categories=[category.pk],
        ),
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.lead_image_width, article.lead_image_height) == (1600, 900)
    stem = article.lead_image.name.rsplit(".", 1)[0]
    for width in (480, 960, 1440):
        assert default_storage.exists(f"renditions/{stem}-{width}w.webp")
    assert article.is_public
    change = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert f"renditions/{stem}-480w.webp" in change.content.decode()


def test_an_image_without_a_description_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form(lead_image=make_image_upload())
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "lead_image_alt": ["Describe the lead image for people who cannot see it."]
    }
    assert not Article.objects.exists()


def test_body_typed_in_the_admin_is_stored_sanitised(admin_client):
    admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(body='<p style="color:red">Hi<script>alert(1)</script></p>'),
    )

    assert Article.objects.get().body == "<p>Hi</p>"


def test_publish_and_unpublish_actions(admin_client):
    draft = make_article(publication=Article.Publication.DRAFT, published_at=None)
    url = reverse("admin:articles_article_changelist")

    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    assert Article.objects.published().get() == draft

    admin_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert not Article.objects.published().exists()


@pytest.mark.parametrize(
    ("action", "history"),
    [("publish", "Опубликовано"), ("unpublish", "Снято с публикации (возвращено в черновики)")],
)
def test_publishing_is_noted_in_the_history_in_the_editors_language(
    rf, admin_user, action, history
):
    article = make_article(publication=Article.Publication.DRAFT, published_at=None)
    request = rf.post(reverse("admin:articles_article_changelist"))
    request.user = admin_user
    request._messages = CookieStorage(request)

    with translation.override("ru"):
        getattr(admin.site.get_model_admin(Article), action)(
            request, Article.objects.filter(pk=article.pk)
        )

    assert LogEntry.objects.get(object_id=str(article.pk)).change_message == history


def test_changelist_shows_status_and_categories_and_view_on_site_previews_drafts(
    admin_client,
):
    draft = make_article(
        title="Work in progress",
        publication=Article.Publication.DRAFT,
        categories=[make_category(name="Strikes")],
    )

    changelist = admin_client.get(reverse("admin:articles_article_changelist"))
    assert "Work in progress" in changelist.content.decode()
    assert "Strikes" in changelist.content.decode()

    content_type = ContentType.objects.get_for_model(draft)
    view_on_site = admin_client.get(
        reverse("admin:view_on_site", args=[content_type.pk, draft.pk]), follow=True
    )
    assert view_on_site.status_code == 200
    assert "Not published — only logged-in editors see this page" in view_on_site.content.decode()


def test_the_slug_help_shows_the_address_pattern_to_the_editor(admin_client):
    page = admin_client.get(reverse("admin:articles_article_add")).text

    assert "/news/&lt;slug&gt;/" in page
    assert "/news//" not in page


def test_categories_filter_by_whether_articles_or_videos_are_filed_under_them(admin_client):
    strikes, video = make_category(name="Strikes"), make_category(name="Video")
    make_category(name="Empty")
    make_article(categories=[strikes], publication=Article.Publication.DRAFT)
    make_video().categories.add(video)
    changelist = reverse("admin:articles_category_changelist")

    def listed(content):
        html = admin_client.get(changelist, {"content": content}).text
        return [name for name in ("Strikes", "Video", "Empty") if f">{name}</a>" in html]

    assert listed("articles") == ["Strikes"]
    assert listed("videos") == ["Video"]
    assert listed("empty") == ["Empty"]
    assert "Without articles or videos" in admin_client.get(changelist).text


def test_a_phone_photo_taken_upright_shows_upright_with_only_renditions_that_exist(admin_client):
    admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(
            lead_image=make_image_upload(size=(2000, 1000), orientation=6),
            lead_image_alt="Strikers at the gate",
            publication="published",
        ),
    )
    article = Article.objects.get()
    page = admin_client.get(article.get_absolute_url()).text
    image = re.search(r'<img[^>]*alt="Strikers at the gate"[^>]*>', page)[0]

    assert 'width="960"' in image and 'height="1920"' in image
    urls = re.findall(r"(/media/\S+) \d+w", image)
    assert len(urls) == 2
    for url in urls:
        assert default_storage.exists(url.removeprefix("/media/"))


def test_a_pasted_youtube_embed_code_is_saved_as_the_videos_link(admin_client):
    code = '&lt;iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"&gt;&lt;/iframe&gt;'

    admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(body=f"<p>Watch:</p><p>{code}</p>"),
    )

    assert Article.objects.get().body == (
        '<p>Watch:</p><p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" '
        'rel="noopener noreferrer">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>'
    )


def test_an_embed_code_that_cannot_be_shown_is_refused_with_the_reason(admin_client):
    code = '&lt;iframe src="https://video.example.org/embed/1"&gt;&lt;/iframe&gt;'

    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form(body=f"<p>{code}</p>")
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert errors[0] == (
        "An embed code from video.example.org cannot be shown: only YouTube and Vimeo videos "
        "can be placed in the text."
    )
    assert errors[1].startswith("Paste a YouTube or Vimeo link")
    assert not Article.objects.exists()


def test_a_picture_from_another_site_is_refused_with_the_reason_shown_on_the_form(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(
            body='<p>Look:</p><img src="https://tracker.example/photo.jpg" alt="A photo">'
        ),
    )

    assert response.status_code == 200
    assert "The picture from tracker.example cannot be shown" in response.text
    assert "picture button" in response.text
    assert not Article.objects.exists()
