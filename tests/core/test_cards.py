import io

from PIL import Image

from core.cards import CARD_HEIGHT, CARD_WIDTH, Card, _font, render_card, wrap


def test_a_card_with_any_title_is_a_png_of_the_open_graph_size():
    for title in ("Free", "Бостандық! " * 60, "Құрамшинге" * 30):
        png = render_card(
            Card(
                title=title,
                kicker="Sign the petition",
                figures="1,200+ signatures",
                site_name="Campaign Kazakhstan",
                address="campaign.example.org",
                progress=0.24,
            )
        )
        with Image.open(io.BytesIO(png)) as image:
            assert (image.format, image.size) == ("PNG", (CARD_WIDTH, CARD_HEIGHT))


def test_wrapping_breaks_between_words_and_inside_a_word_wider_than_a_line():
    font = _font(40)

    assert wrap("Free Vadim Kuramshin", font, 1000) == ["Free Vadim Kuramshin"]
    assert wrap("Free Vadim Kuramshin", font, 300) == ["Free Vadim", "Kuramshin"]
    pieces = wrap("Құрамшинге" * 10, font, 400)
    assert len(pieces) > 1
    assert "".join(pieces) == "Құрамшинге" * 10
    assert all(font.getlength(piece) <= 400 for piece in pieces)
