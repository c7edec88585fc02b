"""Who may do what with the programme's pages — the single source of truth.

| role                              | read published | see drafts, versions | edit, publish |
|-----------------------------------|----------------|----------------------|---------------|
| ministry admin (programme office) | yes            | yes                  | yes           |
| ministry staff                    | yes            | yes (read-only)      | –             |
| everyone else, the public         | yes            | –                    | –             |

Both follow global permissions of the ministry's groups
(organisations/permissions.py, MINISTRY_ROLE_PERMISSIONS):
`programme.edit_programme_pages` and `programme.view_programme_drafts`. A page that
is not published answers 404 to those who may not see drafts, like a missing one.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import User
from programme.models import DeclarationVersion, Page, PageVersion

EDIT_PAGES = "programme.edit_programme_pages"
VIEW_DRAFTS = "programme.view_programme_drafts"

AnyUser = User | AnonymousUser


def _signed_in(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_active


def can_edit_programme_pages(user: AnyUser) -> bool:
    return _signed_in(user) and user.has_perm(EDIT_PAGES)


def can_view_programme_drafts(user: AnyUser) -> bool:
    return _signed_in(user) and (
        user.has_perm(VIEW_DRAFTS) or user.has_perm(EDIT_PAGES)
    )


def access_page(user: AnyUser, pk: int, *, edit: bool = False) -> Page:
    """A page for its versions (those who see drafts) or its editor (those who
    edit): 404 for everyone else, as for a missing page."""
    allowed = can_edit_programme_pages if edit else can_view_programme_drafts
    page = Page.objects.filter(pk=pk).first()
    if page is None or not allowed(user):
        raise Http404
    return page


def access_page_version(user: AnyUser, page: Page, number: int) -> PageVersion:
    version = page.versions.select_related("author").filter(number=number).first()
    if version is None or not can_view_programme_drafts(user):
        raise Http404
    return version


def access_declaration_version(user: AnyUser, number: int) -> DeclarationVersion:
    version = (
        DeclarationVersion.objects.select_related("author")
        .filter(number=number)
        .first()
    )
    if version is None or not can_view_programme_drafts(user):
        raise Http404
    return version
