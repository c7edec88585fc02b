from accounts.models import User


def user_create(*, email: str, full_name: str, password: str | None) -> User:
    """Creates an account; `password=None` leaves it unusable until one is set."""
    return User.objects.create_user(email=email, password=password, full_name=full_name)
