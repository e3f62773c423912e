"""The prisoner list's filters: reading them from the address, and the links that set,
combine and remove them (plain links, so they work without JavaScript)."""

import re
from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from prisoners.models import Charge, Prisoner

# The order parameters are written in: one address for each combination.
FILTER_NAMES = ("status", "region", "article", "letters")
_ARTICLE = re.compile(r"\A\d[^\s()]*\Z")


class PrisonerFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", ""), *Prisoner.Status.choices])
    region = forms.CharField(required=False, max_length=100)
    article = forms.RegexField(_ARTICLE, required=False, max_length=20)
    letters = forms.ChoiceField(required=False, choices=[("", ""), ("1", "1")])

    def filters(self) -> dict[str, str]:
        """The valid, non-empty filters only: a stale or mistyped link still shows a list."""
        if not self.is_bound:
            return {}
        self.is_valid()
        # A field with an error is left out of cleaned_data.
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def has_invalid_filter(self) -> bool:
        return self.is_bound and bool(self.errors)


def query_for(filters: dict[str, str], **kwargs) -> str:
    """``filters`` as a query string in the fixed parameter order (no ``?``)."""
    return urlencode(
        [(name, filters[name]) for name in FILTER_NAMES if filters.get(name)], **kwargs
    )


def _list_url(filters: dict[str, str]) -> str:
    query = query_for(filters)
    return reverse("prisoners:list") + (f"?{query}" if query else "")


@dataclass(frozen=True)
class FilterLink:
    label: str
    count: int | None
    url: str
    selected: bool


@dataclass(frozen=True)
class FilterGroup:
    title: str
    links: list[FilterLink]


def _article_order(article: str) -> tuple:
    number = re.match(r"\d+", article)
    return (int(number[0]) if number else 0, article)


def filter_groups(filters: dict[str, str], counts: dict) -> list[FilterGroup]:
    """The groups of filter links: the values that leave at least one case with the other
    filters applied, and the selected one, whose link removes it."""

    def link(name, value, label, count):
        selected = filters.get(name) == value
        changed = {**filters, name: "" if selected else value}
        return FilterLink(str(label), count, _list_url(changed), selected)

    def values(name, found, order):
        chosen = filters.get(name)
        present = {value for value, count in found.items() if count}
        return sorted(present | ({chosen} if chosen else set()), key=order)

    status_labels = dict(Prisoner.Status.choices)
    status_order = list(status_labels)
    groups = [
        FilterGroup(
            _("Status"),
            [
                link("status", value, status_labels[value], counts["status"].get(value, 0))
                for value in values("status", counts["status"], status_order.index)
            ],
        ),
        FilterGroup(
            _("Region"),
            [
                link("region", value, value, counts["region"].get(value, 0))
                for value in values("region", counts["region"], str.casefold)
            ],
        ),
        FilterGroup(
            _("Criminal code article"),
            [
                link("article", value, Charge(article=value).label, counts["article"].get(value, 0))
                for value in values("article", counts["article"], _article_order)
            ],
        ),
        FilterGroup(
            _("Letters"),
            (
                [link("letters", "1", _("Can receive letters"), counts["letters"])]
                if counts["letters"] or filters.get("letters")
                else []
            ),
        ),
    ]
    return [group for group in groups if group.links]


def clear_url() -> str:
    return _list_url({})
