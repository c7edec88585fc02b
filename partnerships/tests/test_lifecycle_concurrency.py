"""A Local Partnership ended while a request to join is being accepted, in two
real PostgreSQL transactions: the LP never ends with a member whose seat is open."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from partnerships.lifecycle import partnership_end
from partnerships.models import PartnershipMember
from partnerships.services import join_request_decide
from partnerships.tests.builders import join_request
from tests.support.world import World

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_lp_ended_while_a_request_is_accepted_keeps_no_open_seat(
    world: World,
) -> None:
    # given a request to join the Gdynia LP, being accepted by one coordinator
    request = join_request(world)
    partnership = request.partnership
    decided = threading.Event()
    errors: list[BaseException] = []

    def accept() -> None:
        try:
            with transaction.atomic():
                join_request_decide(
                    join_request=request,
                    accept=True,
                    actor=world.user("city_coordinator"),
                )
                decided.set()
                time.sleep(0.5)  # the other coordinator ends the LP meanwhile
        except BaseException as error:
            errors.append(error)
            decided.set()
        finally:
            connection.close()

    thread = threading.Thread(target=accept)
    thread.start()
    decided.wait(5)
    # when the other coordinator ends the LP at that moment
    partnership_end(
        partnership=partnership,
        ended_on=timezone.localdate(),
        actor=world.user("city_coordinator"),
    )
    thread.join()
    # then the accepted person's seat ended with the LP, like every other
    assert not errors
    assert PartnershipMember.objects.filter(partnership=partnership).exists()
    assert not PartnershipMember.objects.filter(
        partnership=partnership, left_on__isnull=True
    ).exists()
