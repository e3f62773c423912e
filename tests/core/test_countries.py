from django.utils import translation

from core.countries import country_choices, country_name


def test_countries_are_named_in_kazakh_and_russian():
    assert country_name("KZ", "kk") == "Қазақстан"
    assert country_name("GB", "kk") == "Ұлыбритания"
    assert country_name("DE", "kk") == "Германия"
    assert country_name("KZ", "ru") == "Казахстан"
    assert country_name("LR", "ru") == "Либерия"
    assert country_name("kz", "en") == "Kazakhstan"


def test_the_name_follows_the_active_language_by_default():
    with translation.override("kk"):
        assert country_name("CN") == "Қытай"
    with translation.override("ru"):
        assert country_name("CN") == "Китай"


def test_kazakh_letters_sort_in_the_kazakh_alphabet_not_after_ya():
    names = [name for _code, name in country_choices("kk")]
    # Kazakh puts the barred o right after o; by code point it would come after ya.
    assert names.index("Оман") < names.index("Өзбекстан") < names.index("Пәкістан")
    assert names.index("Қазақстан") < names.index("Ямайка")


def test_russian_yo_and_latin_accents_sort_beside_their_letters():
    english = [name for _code, name in country_choices("en")]
    assert english.index("Afghanistan") < english.index("Åland Islands") < english.index("Albania")
    russian = [name for _code, name in country_choices("ru")]
    assert russian.index("Австралия") < russian.index("Австрия") < russian.index("Япония")
    assert russian[-1] == "Япония"


def test_every_language_lists_the_same_countries():
    codes = {code for code, _name in country_choices("en")}
    assert len(codes) > 240
    assert {code for code, _name in country_choices("kk")} == codes
    assert {code for code, _name in country_choices("ru")} == codes
