import re
import uuid
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from core.uploads import FileKind, validate_upload
from materials.models import (
    MATERIAL_FILE_KINDS,
    MATERIAL_MAX_BYTES,
    ORIGINAL_NAME_MAX_LENGTH,
    Material,
    MaterialVersion,
)
from materials.permissions import can_add_to, can_add_version
from networks.models import Network


def material_upload_check(upload: UploadedFile) -> FileKind:
    """The kind of an uploaded file (by content) if the library accepts it, or a
    ValidationError saying what is wrong with it."""
    return validate_upload(
        upload, kinds=MATERIAL_FILE_KINDS, max_bytes=MATERIAL_MAX_BYTES
    )


def material_visibilities(network: Network | None) -> list[Material.Visibility]:
    """Who a material may be shown to: the programme's own documents are public or
    for the ministry only, a network's are public or for its members."""
    if network is None:
        return [Material.Visibility.PUBLIC, Material.Visibility.MINISTRY]
    return [Material.Visibility.PUBLIC, Material.Visibility.NETWORK]


def safe_file_name(name: str) -> str:
    """A file name fit for a Content-Disposition header: no folders, no control,
    quoting or other special characters, the extension kept, not too long."""
    path = PurePath(PurePath(name.replace("\\", "/")).name)
    extension = re.sub(r"[^A-Za-z0-9]", "", path.suffix)[:15]
    stem = re.sub(r"[^-\w. ]", "", path.stem).strip(" .").replace(" ", "_")
    room = ORIGINAL_NAME_MAX_LENGTH - len(extension) - 1
    stem = stem[:room] or "material"
    return f"{stem}.{extension}" if extension else stem


def _checked(upload: UploadedFile) -> FileKind:
    try:
        return material_upload_check(upload)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error


def _version_write(
    *,
    material: Material,
    number: int,
    upload: UploadedFile,
    kind: FileKind,
    actor: User,
) -> MaterialVersion:
    version = MaterialVersion(
        material=material,
        number=number,
        original_name=safe_file_name(upload.name or ""),
        size=upload.size or 0,
        mime_type=kind.mime,
        uploaded_by=actor,
    )
    version.file.save(f"{uuid.uuid4().hex}.{kind.extensions[0]}", upload, save=False)
    try:
        version.save(force_insert=True)
    except BaseException:
        # The row did not land: neither may its file. (A rollback of an enclosing
        # transaction after this point leaves the file behind, unreferenced: Django
        # has no hook for rollbacks.)
        version.file.delete(save=False)
        raise
    return version


def material_create(
    *,
    title: str,
    description: str,
    language: Material.Language,
    visibility: Material.Visibility,
    network: Network | None,
    upload: UploadedFile,
    actor: User,
) -> Material:
    """Adds a document to the library — to the programme's own (network None) or to
    a network's — with the uploaded file as its version 1."""
    if not can_add_to(actor, network):
        raise PermissionDenied
    if not title.strip():
        raise DomainError(_("A material needs a title."))
    if visibility not in material_visibilities(network):
        raise DomainError(_("This visibility is not available for this material."))
    kind = _checked(upload)
    with transaction.atomic():
        material = Material.objects.create(
            title=title.strip(),
            description=description.strip(),
            language=language,
            visibility=visibility,
            network=network,
            created_by=actor,
        )
        _version_write(
            material=material, number=1, upload=upload, kind=kind, actor=actor
        )
    return material


def material_version_add(
    *, material: Material, upload: UploadedFile, actor: User
) -> MaterialVersion:
    """Uploads a new file of a material: it becomes the current version, and the
    earlier versions stay available to everyone who may see the material."""
    if not can_add_version(actor, material):
        raise PermissionDenied
    kind = _checked(upload)
    with transaction.atomic():
        # The lock makes concurrent uploads take turns, so each gets its own number.
        locked = Material.objects.select_for_update().get(pk=material.pk)
        last = locked.versions.aggregate(last=Max("number"))["last"] or 0
        return _version_write(
            material=locked, number=last + 1, upload=upload, kind=kind, actor=actor
        )
