"""What is worked out once per record and kept while the record is unchanged (the session's per-record cache).

A record read again is a new object, so results are kept by the record object itself (compared by
identity), with an optional context (e.g. the themes it was checked against): a result is reused only for
the same record in the same context. A cold build simply starts with an empty memo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class RecordMemo(Generic[T]):
    """Results by record, each worked out by ``make()`` the first time it is asked for."""

    def __init__(self) -> None:
        self._items: dict[int, tuple[Any, Any, T]] = {}

    def get(self, record: Any, make: Callable[[], T], context: Any = None) -> T:
        """The result for ``record`` in ``context``: the kept one, or ``make()``'s (then kept)."""
        hit = self._items.get(id(record))
        if hit is None or hit[0] is not record or hit[1] != context:
            hit = self._items[id(record)] = (record, context, make())
        return hit[2]

    def values(self) -> Iterable[T]:
        return (hit[2] for hit in self._items.values())

    def keep_only(self, records: Iterable[Any]) -> None:
        """Forget the results of records that are gone (read again, or deleted)."""
        live = {id(r): r for r in records}
        for key in [k for k, hit in self._items.items() if live.get(k) is not hit[0]]:
            del self._items[key]

    def __len__(self) -> int:
        return len(self._items)
