import factory
from allauth.account.models import EmailAddress

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@example.pl")
    full_name = factory.Faker("name", locale="pl_PL")
    password = factory.django.Password("haslo-testowe-2026")

    @factory.post_generation
    def email_confirmed(
        obj: User,
        create: bool,
        extracted: bool | None,
        **kwargs: object,
    ) -> None:
        """Every account the portal makes has its login address confirmed
        (accounts.services.user_create); `email_confirmed=False` for one that
        does not."""
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=True
            )
