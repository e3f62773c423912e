"""The one place where HTML written by editors is made safe to show."""

import re
import unicodedata

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li",
    "blockquote", "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_SCRIPTABLE_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


def _drop_disguised_script_urls(tag: str, attribute: str, value: str) -> str | None:
    # Browsers ignore invisible and control characters in some places; a URL that spells a
    # script scheme once they are removed is dropped even if nh3 reads it as relative.
    if attribute in {"href", "src"}:
        visible = "".join(
            char
            for char in value
            if not char.isspace() and unicodedata.category(char) not in {"Cc", "Cf"}
        )
        if _SCRIPTABLE_SCHEME.match(visible):
            return None
    return value


def clean_html(value: str) -> str:
    """Keep only the allow-listed markup: scripts, styles, event attributes and
    javascript:/data: URLs go; links get rel="noopener noreferrer"."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_drop_disguised_script_urls,
    )
