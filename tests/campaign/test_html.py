import pytest

from campaign.html import clean_html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<img src="/media/a.jpg" alt="A" onerror="alert(1)">', '<img src="/media/a.jpg" alt="A">'),
        ('<p style="color:red">Red</p>', "<p>Red</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="javascript\u200b:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<img src="data:image/png;base64,AAAA" alt="">', '<img alt="">'),
        ("<iframe src=https://evil.example></iframe><p>ok</p>", "<p>ok</p>"),
    ],
)
def test_dangerous_markup_is_removed(dirty, clean):
    assert clean_html(dirty) == clean


def test_allowed_markup_is_kept():
    html = (
        "<h2>Head</h2><h3>Sub</h3><h4>Small</h4><p>A <strong>bold</strong> <em>claim</em><br>"
        "</p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote>"
        '<figure><img src="/media/x.jpg" alt="X" width="10" height="5"><figcaption>cap'
        "</figcaption></figure>"
    )

    assert clean_html(html) == html


def test_links_keep_their_address_and_title_and_gain_rel():
    assert clean_html('<a href="https://example.org/" title="Ex">Ex</a>') == (
        '<a href="https://example.org/" title="Ex" rel="noopener noreferrer">Ex</a>'
    )


def test_empty_input_stays_empty():
    assert clean_html("") == ""
