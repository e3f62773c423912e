from actions.models import LetterAction
from core.sitemaps import TranslatedSitemap


class LetterActionSitemap(TranslatedSitemap):
    changefreq = "daily"

    def items(self):
        return LetterAction.objects.published().order_by("pk")
