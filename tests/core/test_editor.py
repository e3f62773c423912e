import json

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.models import Article
from core.editor import EXTENSIONS, sanitise
from core.html import ALLOWED_TAGS, clean_html, paragraphs_from_plain_text, paragraphs_migration
from tests.factories import make_article

# What the admin's editor sends for a heading, two paragraphs with bold, italic, a line
# break and a link, a bulleted list, a numbered list that starts at 3 in letters, a quote
# and a smaller heading (copied from the browser).
EDITOR_OUTPUT = (
    "<h2>Heading two</h2><p>First paragraph with <strong>bold</strong> and <em>italic</em>"
    "</p><p>Second paragraph</p><ul><li><p>one</p></li><li><p>two</p></li></ul>"
    '<ol start="3" type="a"><li><p>first</p></li></ol><blockquote><p>quoted</p></blockquote>'
    "<p>line<br>break</p><h3>three</h3>"
)


def test_everything_the_editor_produces_survives_the_sanitiser():
    assert sanitise(EDITOR_OUTPUT) == EDITOR_OUTPUT


def test_a_picture_with_its_description_and_caption_survives_without_the_editors_classes():
    figure = (
        '<figure class="figure"><img src="/media/articles/gate.jpg" alt="Workers at the gate">'
        '<figcaption class="figure-caption">The gate at dawn</figcaption></figure>'
    )

    assert sanitise(figure) == (
        '<figure><img src="/media/articles/gate.jpg" alt="Workers at the gate">'
        "<figcaption>The gate at dawn</figcaption></figure>"
    )


@pytest.mark.parametrize(
    "source",
    [
        "https://tracker.example/pixel.gif",
        "//tracker.example/pixel.gif",
        "/\\tracker.example/pixel.gif",
        "/\t/tracker.example/pixel.gif",
        "media/relative.jpg",
    ],
)
def test_pictures_from_other_sites_lose_their_address(source):
    assert clean_html(f'<img src="{source}" alt="x">') == '<img alt="x">'


def test_a_body_written_before_the_editor_comes_back_from_it_unchanged_in_meaning():
    before = (
        '<h2>A</h2><h4>Small</h4><figure><img src="/media/a.jpg" alt="Poster">'
        '<figcaption>cap</figcaption></figure><ol start="3"><li>three</li></ol>'
        '<p>x <a href="https://example.org" title="T" rel="noopener noreferrer">link</a></p>'
    )
    # What the admin's editor sends for it untouched (copied from the browser).
    from_editor = (
        '<h2>A</h2><h4>Small</h4><figure class="figure"><img src="/media/a.jpg" alt="Poster">'
        '<figcaption class="figure-caption">cap</figcaption></figure>'
        '<ol data-type="decimal" start="3"><li><p>three</p></li></ol>'
        '<p>x <a rel="noopener noreferrer" href="https://example.org" title="T">link</a></p>'
    )

    assert sanitise(from_editor) == before.replace("<li>three</li>", "<li><p>three</p></li>")


def test_every_tag_the_editor_offers_is_one_the_sanitiser_keeps():
    offered = allowlist_from_extensions(expand_extensions(EXTENSIONS))["tags"]

    assert offered <= ALLOWED_TAGS


def test_links_from_the_editor_keep_their_address_and_lose_a_new_window_target():
    html = '<p><a target="_blank" rel="nofollow" href="mailto:press@example.org">write</a></p>'

    assert sanitise(html) == (
        '<p><a href="mailto:press@example.org" rel="noopener noreferrer">write</a></p>'
    )


@pytest.mark.parametrize(
    "dirty",
    [
        '<ol start="javascript:alert(1)"><li>x</li></ol>',
        '<ol start="٣"><li>x</li></ol>',
        '<ol type="disc" onclick="alert(1)"><li>x</li></ol>',
        '<ol start="1234567" style="color:red"><li>x</li></ol>',
    ],
)
def test_list_properties_keep_only_a_plain_number_and_a_list_type(dirty):
    assert clean_html(dirty) == "<ol><li>x</li></ol>"


@pytest.mark.parametrize(
    "dirty",
    [
        '<p onmouseover="alert(1)">x</p>',
        '<h2 style="position:fixed">x</h2>',
        '<blockquote cite="javascript:alert(1)">x</blockquote>',
        '<p><a href="javascript:alert(1)">x</a></p>',
        "<p><script>alert(1)</script>x</p>",
        '<p><span class="x">x</span></p>',
        "<table><tr><td>x</td></tr></table>",
    ],
)
def test_markup_the_editor_does_not_offer_is_removed(dirty):
    assert "x" in sanitise(dirty)
    assert not any(
        word in sanitise(dirty)
        for word in ("alert", "style", "script", "span", "table", "cite", "onmouseover")
    )


def test_an_emptied_editor_saves_a_blank_text():
    assert sanitise("<p></p>") == ""


def test_empty_paragraphs_left_by_pressing_enter_twice_are_dropped():
    assert sanitise("<p>One</p><p></p><p><br></p><p>Two</p><p></p>") == "<p>One</p><p>Two</p>"


def test_text_typed_without_the_editor_keeps_its_paragraphs():
    assert sanitise("One\n\nTwo") == "<p>One</p><p>Two</p>"


def test_plain_text_with_blank_lines_becomes_paragraphs_and_single_breaks_stay():
    text = (
        "Arrested in March.\r\n\r\nHeld in Almaty\nsince May.\n \n\n"
        "Sentenced to 5 < 7 years & more."
    )

    assert paragraphs_from_plain_text(text) == (
        "<p>Arrested in March.</p><p>Held in Almaty<br>since May.</p>"
        "<p>Sentenced to 5 &lt; 7 years &amp; more.</p>"
    )


@pytest.mark.parametrize("html", ["<p>One</p>\n\n<p>Two</p>", "Intro\n\n<b>bold</b>", ""])
def test_text_holding_html_is_left_as_it_is(html):
    assert paragraphs_from_plain_text(html) == html


def test_converting_twice_changes_nothing():
    once = paragraphs_from_plain_text("One line\n\nAnother")

    assert paragraphs_from_plain_text(once) == once == "<p>One line</p><p>Another</p>"


@pytest.mark.django_db
def test_the_data_migration_turns_stored_plain_text_into_paragraphs_and_leaves_html():
    plain = make_article()
    written = make_article()
    Article.objects.filter(pk=plain.pk).update(body="First paragraph\n\nSecond")
    Article.objects.filter(pk=written.pk).update(body="<p>Already HTML</p>")

    paragraphs_migration("articles", "Article", "body").code(django_apps, None)

    assert Article.objects.get(pk=plain.pk).body == "<p>First paragraph</p><p>Second</p>"
    assert Article.objects.get(pk=written.pk).body == "<p>Already HTML</p>"


# What the toolbar's Video and Picture buttons place (copied from the browser).
PLACED_VIDEO = (
    '<p><a target="_blank" rel="noopener noreferrer nofollow" '
    'href="https://www.youtube.com/watch?v=M7lc1UVf-VE&amp;t=30s">'
    "https://www.youtube.com/watch?v=M7lc1UVf-VE&amp;t=30s</a></p>"
)
PLACED_PICTURE = (
    '<figure class="figure"><img src="/media/library/2026/12/abc123-gate.png" '
    'alt="Strikers at the gate"><figcaption class="figure-caption">The gate</figcaption>'
    "</figure>"
)


def test_a_placed_site_video_and_library_picture_survive_the_sanitiser():
    assert sanitise(PLACED_VIDEO + PLACED_PICTURE) == (
        '<p><a href="https://www.youtube.com/watch?v=M7lc1UVf-VE&amp;t=30s" '
        'rel="noopener noreferrer">https://www.youtube.com/watch?v=M7lc1UVf-VE&amp;t=30s</a></p>'
        '<figure><img src="/media/library/2026/12/abc123-gate.png" alt="Strikers at the gate">'
        "<figcaption>The gate</figcaption></figure>"
    )


def refusal(html: str) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        sanitise(html)
    return refused.value.messages


@pytest.mark.parametrize(
    ("source", "host"),
    [
        ("https://tracker.example/pixel.gif", "tracker.example"),
        ("//cdn.example/photo.jpg", "cdn.example"),
        ("/\\evil.example/photo.jpg", "/\\evil.example/photo.jpg"),
    ],
)
def test_a_picture_from_another_site_is_refused_naming_the_site(source, host):
    messages = refusal(f'<p>Text</p><img src="{source}" alt="A photo">')

    assert len(messages) == 1
    assert messages[0].startswith(f"The picture from {host} cannot be shown")
    assert "picture button" in messages[0]


def test_a_pasted_picture_is_refused_asking_for_an_upload():
    messages = refusal('<img src="data:image/png;base64,iVBORw0KGgo=" alt="Screenshot">')

    assert messages == [
        "A picture pasted into the text cannot be kept: upload it with the toolbar's picture "
        "button, with its description."
    ]


@pytest.mark.parametrize("alt", ["", ' alt=""', ' alt="  "'])
def test_a_picture_without_a_description_is_refused(alt):
    messages = refusal(f'<figure><img src="/media/library/gate.png"{alt}></figure>')

    assert messages[0].startswith("A picture in the text has no description")


def test_nothing_dangerous_passes_beside_a_library_picture():
    dangerous = (
        '<figure><img src="/media/library/gate.png" alt="Gate" onerror="alert(1)" '
        'style="position:fixed" srcset="https://tracker.example/x.gif 1w"></figure>'
        '<script>alert(1)</script><p><a href="javascript:alert(1)">x</a></p>'
        '<iframe src="https://www.youtube.com/embed/M7lc1UVf-VE"></iframe>'
    )

    assert sanitise(dangerous) == (
        '<figure><img src="/media/library/gate.png" alt="Gate"></figure><p><a '
        'rel="noopener noreferrer">x</a></p>'
        '<p><a href="https://www.youtube.com/watch?v=M7lc1UVf-VE" rel="noopener noreferrer">'
        "https://www.youtube.com/watch?v=M7lc1UVf-VE</a></p>"
    )


def test_the_editor_is_told_where_its_pickers_ask():
    config = Article._meta.get_field("body").formfield().widget.get_config()

    assert config["pickers"] == {
        "video": "/admin/media_embeds/video/pick/",
        "picture": "/admin/media_embeds/libraryimage/pick/",
        "upload": "/admin/media_embeds/libraryimage/upload/",
    }


@pytest.mark.parametrize(
    ("language", "translations"),
    [
        ("ru", ["полужирный", "Вставить видео с сайта", "Альтернативный текст"]),
        ("kk", ["қалың", "Сайттағы бейнені қою", "Балама мәтін"]),
    ],
)
def test_the_editors_toolbar_and_dialogs_speak_the_admin_users_language(
    admin_client, language, translations
):
    catalogue = admin_client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE=language)

    text = catalogue.content.decode()
    for translated in translations:
        assert json.dumps(translated) in text or translated in text
