"""Seats given by e-mail address (an invitation, a thematic expert's assignment, an
LP member's account) go only to the account that confirmed the address: person A
who typed B's address into their own account settings gets none of B's seats.

While e-mail verification was off, A could even make B's address their login
without confirming it; `_claim` builds that state (allauth's records as its e-mail
page left them), the strongest claim an unconfirmed address can have."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core.errors import DomainError
from networks.models import NetworkExpert
from organisations.models import Invitation, Membership
from partnerships.services import member_account_give
from partnerships.tests.builders import add_members
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _claim(user: User, email: str, *, as_login: bool = True) -> None:
    """`user` adds `email` on the e-mail page, never confirms it, and (as_login)
    makes it their login there."""
    if as_login:
        EmailAddress.objects.filter(user=user).update(primary=False)
    EmailAddress.objects.create(user=user, email=email, primary=as_login)
    if as_login:
        user.email = email
        user.save(update_fields=["email"])


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_invitation_never_goes_to_an_account_that_only_claims_the_address(
    world: World,
) -> None:
    # given Gdynia invites nowa.osoba@example.pl, and officer A of Katowice
    # claims that address as their login without confirming it
    claimant = world.user("lead_coordinator")
    _claim(claimant, world.invitation.email)
    url = reverse("organisations:invitation_accept", args=[world.invitation_token])
    # when A, signed in, accepts the invitation
    _signed_in(claimant).post(url)
    # then A gets no role in Gdynia, and the invitation stays open
    assert not Membership.objects.filter(
        user=claimant, organisation=world.partner_city
    ).exists()
    world.invitation.refresh_from_db()
    assert world.invitation.status == Invitation.Status.PENDING


def test_the_invited_person_gets_their_seat_although_someone_added_their_address(
    world: World,
) -> None:
    # given officer A added the invited address to their settings (unconfirmed)
    claimant = world.user("city_officer")
    _claim(claimant, world.invitation.email, as_login=False)
    url = reverse("organisations:invitation_accept", args=[world.invitation_token])
    # when the invited person opens the link and chooses a password
    Client().post(
        url,
        {
            "full_name": "Nowa Osoba",
            "password": "Rewitalizacja-2026!",
            "password_again": "Rewitalizacja-2026!",
        },
    )
    # then a new account of theirs, confirmed, gets the seat; A's does not
    invited = User.objects.get(email=world.invitation.email)
    assert invited != claimant
    assert EmailAddress.objects.get(user=invited).verified
    assert Membership.objects.filter(
        user=invited, organisation=world.partner_city, role=Membership.Role.OFFICER
    ).exists()


def test_an_expert_is_assigned_only_to_the_account_that_confirmed_the_address(
    world: World,
) -> None:
    # given officer A claims ekspertka@example.pl as their login, unconfirmed
    claimant = world.user("city_officer")
    _claim(claimant, "ekspertka@example.pl")
    admin = _signed_in(world.user("ministry_admin"))
    url = reverse("networks:experts", args=[world.network.slug])
    # when the ministry assigns an expert by that address
    response = admin.post(url, {"email": "ekspertka@example.pl"})
    # then nobody is assigned: no account confirmed it
    assert response.status_code == 200
    assert "Nie ma aktywnego konta z tym adresem e-mail" in response.text
    assert not NetworkExpert.objects.filter(user=claimant).exists()
    # while the address an account confirmed assigns it
    owner = User.objects.create_user(email="prawdziwa@example.pl", password=None)
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True)
    admin.post(url, {"email": "Prawdziwa@example.pl"})
    assert NetworkExpert.objects.filter(user=owner, network=world.network).exists()


def test_an_lp_member_account_is_never_linked_to_an_account_that_claims_the_address(
    world: World,
) -> None:
    # given an LP member whose address officer A claims as their login, unconfirmed
    member = add_members(world, 1)[0]
    claimant = world.user("city_officer")
    _claim(claimant, member.email)
    # when the coordinator gives the member an account
    with pytest.raises(DomainError):
        member_account_give(member=member, actor=world.user("city_coordinator"))
    # then A's account is not linked to the member
    member.refresh_from_db()
    assert member.user_id is None


def test_an_lp_member_account_is_new_and_confirmed_when_someone_added_the_address(
    world: World,
) -> None:
    # given officer A added the member's address to their settings (unconfirmed)
    member = add_members(world, 1)[0]
    claimant = world.user("city_officer")
    _claim(claimant, member.email, as_login=False)
    # when the coordinator gives the member an account
    account = member_account_give(member=member, actor=world.user("city_coordinator"))
    # then it is a new account of the member's, its address confirmed
    assert account != claimant
    assert account.email == member.email
    assert EmailAddress.objects.get(user=account).verified
