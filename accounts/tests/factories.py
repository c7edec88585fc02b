import factory

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@example.pl")
    full_name = factory.Faker("name", locale="pl_PL")
    password = factory.django.Password("haslo-testowe-2026")
