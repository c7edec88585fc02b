import factory
from django.db.models import Max

from accounts.tests.factories import UserFactory
from materials.models import Material, MaterialVersion
from materials.tests.files import PDF


class MaterialFactory(factory.django.DjangoModelFactory[Material]):
    class Meta:
        model = Material

    title = factory.Sequence(lambda n: f"Materiał {n}")
    description = "Opis materiału."
    language = Material.Language.POLISH
    visibility = Material.Visibility.PUBLIC
    network = None
    created_by = factory.SubFactory(UserFactory)


class MaterialVersionFactory(factory.django.DjangoModelFactory[MaterialVersion]):
    class Meta:
        model = MaterialVersion

    material = factory.SubFactory(MaterialFactory)
    # the material's next number, as materials.services numbers an upload
    number = factory.LazyAttribute(
        lambda version: (
            (version.material.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        )
    )
    file = factory.django.FileField(data=PDF, filename="material.pdf")
    original_name = "material.pdf"
    size = len(PDF)
    mime_type = "application/pdf"
    uploaded_by = factory.SelfAttribute("material.created_by")
