from django import template

from core.images import responsive_image

register = template.Library()


@register.inclusion_tag("includes/image.html")
def image(field_file, alt, sizes="100vw", lazy=True, css_class=""):
    """A responsive <img> from the field's renditions, e.g.
    {% image article.lead_image article.lead_image_alt sizes="(min-width: 48rem) 42rem, 100vw" %}
    Pass lazy=False for an image above the fold."""
    attributes = responsive_image(field_file, alt=alt, sizes=sizes, lazy=lazy, css_class=css_class)
    return {"image": attributes}
