"""One list of events, many adapters.

Actions ``emit`` typed events; adapters (the inbox, email, documents)
``subscribe`` to the types they care about. Delivery happens after the
action's transaction commits, so nobody is told of a step that rolled back,
and an adapter's failure never undoes the step.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction

log = logging.getLogger(__name__)
E = TypeVar("E")
_subscribers: dict[type, list[Callable[[Any], None]]] = defaultdict(list)


def subscribe(event_type: type[E]) -> Callable[[Callable[[E], None]], Callable[[E], None]]:
    def register(handler: Callable[[E], None]) -> Callable[[E], None]:
        _subscribers[event_type].append(handler)
        return handler

    return register


def emit(event: object) -> None:
    transaction.on_commit(lambda: deliver(event))


def deliver(event: object) -> None:
    for handler in _subscribers[type(event)]:
        try:
            handler(event)
        except Exception:  # an adapter must not break the others
            log.exception("event adapter %s failed for %r", handler.__qualname__, event)
