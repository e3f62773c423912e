"""What the site needs from each app, as the app declares it on its ``AppConfig``.

An app joins the site by setting any of these attributes on its config; ``core`` and the
project read them here and never name an app themselves:

- ``content_models``: models (``"app.Model"``) whose changes show on public pages, so that
  saving or deleting one makes the page cache serve fresh pages;
- ``search_sections``: ``SearchSection``s for the site search, in the order shown;
- ``sitemaps``: ``{"section": "dotted.path.to.Sitemap"}``;
- ``editor_permissions`` / ``moderator_permissions``: the codenames of the app's own
  permissions that the Editors role, and the Moderators role on top of it, hold;
- ``text_players``: the dotted path of a function taking ``{(provider, video id)}`` and
  returning the HTML of the site's own player for those it knows (``core.templatetags.
  rich_text`` shows it where an editor placed the video);
- ``text_pictures``: the dotted path of a function taking media file names and returning
  the stored image field (with renditions) of those it knows;
- ``editor_pickers``: ``{"video" | "picture" | "upload": "admin:url_name"}``, the admin views
  the rich-text editor's picker buttons ask (``core.editor``).
- ``mailing_audiences``: ``{"app_label.name": "dotted.path.to.callable"}``, who a mailing can
  go to: the callable takes ``scope_id`` (keyword: the petition's or case's pk, or None) and
  yields ``core.mailings.Recipient``s;
- ``mailing_audience_choices``: a dotted path to a callable that yields ``(audience,
  scope_id, label)`` for each audience the admin offers moderators ("Confirmed signers of
  “…”"); an audience left out of it is only written to by the app's own code.
- ``embassy_directory``: the dotted path of a function ``(country code) -> LetterRecipient``,
  the Kazakhstan embassy that writers in that country address (one app keeps the directory).
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string

CRUD = ("add", "change", "delete", "view")


def crud(*model_names: str) -> list[str]:
    """Every permission Django makes for these models: add, change, delete and view."""
    return [f"{action}_{model}" for model in model_names for action in CRUD]


@dataclass(frozen=True)
class SearchSection:
    heading: str
    kind: str
    model: str
    # Sections are shown by position, not by the order of INSTALLED_APPS (which seeds
    # prisoners before the news that links them): news first, as readers expect.
    position: int = 100

    def search(self, query: str):
        """Published matches for ``query`` annotated with ``search_rank``."""
        return apps.get_model(self.model).objects.search(query)


def _declared(attribute: str, empty):
    for config in apps.get_app_configs():
        yield config, getattr(config, attribute, empty)


@cache
def content_model_labels() -> frozenset[str]:
    return frozenset(
        label.lower() for _, labels in _declared("content_models", ()) for label in labels
    )


def search_sections() -> list[SearchSection]:
    sections = [section for _, declared in _declared("search_sections", ()) for section in declared]
    return sorted(sections, key=lambda section: section.position)


def sitemaps() -> dict:
    return {
        name: import_string(path)
        for _, declared in _declared("sitemaps", {})
        for name, path in declared.items()
    }


def role_permissions() -> dict[str, list[tuple[str, str]]]:
    """``{"Editors": [(app_label, codename), …], "Moderators": […]}``."""
    editors = [
        (config.label, codename)
        for config, codenames in _declared("editor_permissions", ())
        for codename in codenames
    ]
    moderators = [
        (config.label, codename)
        for config, codenames in _declared("moderator_permissions", ())
        for codename in codenames
    ]
    return {"Editors": editors, "Moderators": editors + moderators}


def _merged_lookups(attribute: str, keys) -> dict:
    found = {}
    if keys:
        for _, path in _declared(attribute, None):
            if path:
                found |= import_string(path)(keys)
    return found


def text_players(keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    return _merged_lookups("text_players", keys)


def text_pictures(names: set[str]) -> dict:
    return _merged_lookups("text_pictures", names)


def editor_pickers() -> dict[str, str]:
    return {
        kind: url_name
        for _, declared in _declared("editor_pickers", {})
        for kind, url_name in declared.items()
    }


def mailing_audiences() -> dict[str, str]:
    return {
        key: path
        for _, declared in _declared("mailing_audiences", {})
        for key, path in declared.items()
    }


def mailing_audience(key: str):
    """The recipients callable of the audience ``key``; ``LookupError`` if no app declares it."""
    try:
        return import_string(mailing_audiences()[key])
    except KeyError:
        raise LookupError(f"No app declares the mailing audience {key!r}") from None


def mailing_audience_choices() -> list[tuple[str, int | None, str]]:
    """(audience, scope_id, label) for every audience the apps offer in the admin."""
    return [
        choice
        for _, path in _declared("mailing_audience_choices", None)
        if path
        for choice in import_string(path)()
    ]


@dataclass(frozen=True)
class LetterRecipient:
    """Whom a supporter's letter goes to, with what the page says about the address."""

    name: str
    email: str
    postal_address: str = ""
    # Demo data: the address is not real, and the page says so.
    is_example: bool = False
    # The directory has no embassy for the country: a general address stands in.
    is_fallback: bool = False


def embassy_for(country: str) -> LetterRecipient | None:
    """The embassy that writers in ``country`` (an ISO code) address, from the app that
    declares ``embassy_directory``; None when no app keeps one."""
    for _, path in _declared("embassy_directory", None):
        if path:
            return import_string(path)(country)
    return None
