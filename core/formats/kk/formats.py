# Django ships no Kazakh formats, so it would fall back to English ones ("1,234", no
# grouping): Kazakhstan groups thousands with a space and writes a decimal comma.
DATE_FORMAT = "j F Y ж."
DATETIME_FORMAT = "j F Y ж. H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
