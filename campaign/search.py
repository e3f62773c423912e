"""The site search page. Each searchable app joins by declaring `search_sections` on its
AppConfig (core.registry): a section's `search(query)` returns published matches annotated
with `search_rank`."""

import unicodedata
from dataclasses import dataclass

from django.shortcuts import render

from core.page_cache import page_cache_reads
from core.registry import SearchSection, search_sections

MAX_QUERY_LENGTH = 200
RESULTS_PER_SECTION = 20


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    kind: str
    date: object
    snippet: str
    language: str = ""


def _result(section: SearchSection, obj) -> SearchResult:
    return SearchResult(
        title=str(obj),
        url=obj.get_absolute_url(),
        kind=section.kind,
        date=getattr(obj, "published_at", None),
        snippet=getattr(obj, "search_snippet", ""),
        language=getattr(obj, "language", ""),
    )


def clean_query(raw: str) -> str:
    """The query with control characters (NUL bytes among them, which PostgreSQL refuses)
    replaced by spaces and runs of whitespace collapsed."""
    visible = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Cs"} else char for char in raw
    )
    return " ".join(visible.split())


@page_cache_reads("q")
def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {"search_query": query, "sections": [], "too_long": False}
    if len(query) > MAX_QUERY_LENGTH:
        # A kind answer, not an error: the page asks for a shorter search and runs none.
        context.update(too_long=True, max_length=MAX_QUERY_LENGTH, search_query="")
        return render(request, "campaign/search.html", context)
    if query:
        for section in search_sections():
            matches = list(section.search(query)[:RESULTS_PER_SECTION])
            context["sections"].append(
                {
                    "heading": section.heading,
                    "results": [_result(section, obj) for obj in matches],
                }
            )
        context["total"] = sum(len(section["results"]) for section in context["sections"])
    return render(request, "campaign/search.html", context)
