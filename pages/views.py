from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from pages.models import Page


def page(request, slug: str, template_name: str = "pages/page_detail.html", fixed=False):
    """A page editors wrote. A fixed page (About, Privacy) has a template that states what
    the site must say even before editors have written anything; others are not found."""
    page = Page.objects.for_reader(slug=slug, language=get_language(), user=request.user)
    if page is None and not fixed:
        raise Http404
    return render(request, template_name, {"page": page, "object": page})
