"""The news as RSS 2.0 and Atom 1.0 feeds (django.contrib.syndication)."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext_lazy as _

from documents.richtext import sanitise
from programme.models import Page, PageVersion
from programme.selectors import published_of_kind
from programme.services import without_control_characters

FEED_ITEMS = 20


class NewsRss(Feed):  # type: ignore[type-arg]
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    title = _("City Partnership Initiative: news")
    description = _("News of the City Partnership Initiative programme.")
    language = "pl"

    def link(self) -> str:
        return reverse("programme:news")

    def items(self) -> QuerySet[PageVersion]:
        return published_of_kind(Page.Kind.NEWS)[:FEED_ITEMS]

    # Rows saved before control characters were left out (services.PageText) are
    # written without them too: the feed writer refuses them, the whole feed fails.
    def item_title(self, item: PageVersion) -> str:
        return without_control_characters(item.title)

    def item_description(self, item: PageVersion) -> str:
        # Sanitised HTML; the feed writer escapes it as XML text.
        return without_control_characters(sanitise(item.body))

    def item_link(self, item: PageVersion) -> str:
        return item.page.get_absolute_url()

    def item_pubdate(self, item: PageVersion) -> datetime | None:
        return item.page.published_at

    def item_updateddate(self, item: PageVersion) -> datetime:
        return item.created_at


class NewsAtom(NewsRss):
    feed_type = Atom1Feed
    subtitle = NewsRss.description
