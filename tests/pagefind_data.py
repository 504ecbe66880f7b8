"""Pagefind's binary files, decoded for the tests: gzip, then Pagefind's signature, then CBOR (RFC 8949).

Pagefind writes only definite-length CBOR of a few kinds (integers, text, byte strings, arrays, maps,
true/false/null), so a decoder of those is a few lines, and the tests need no package for it.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
"""What each of Pagefind's binary files starts with once decompressed."""


def cbor(data: bytes):
    """The one value CBOR-encoded in ``data`` (ValueError for what Pagefind does not write)."""
    value, end = _item(data, 0)
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes left after the CBOR value")
    return value


def _item(data: bytes, at: int):
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info not in simple:
            raise ValueError(f"CBOR simple value or float {info} at byte {at - 1}")
        return simple[info], at
    if info < 24:
        number = info
    elif info <= 27:
        width = 1 << (info - 24)
        number, at = int.from_bytes(data[at:at + width], "big"), at + width
    else:
        raise ValueError(f"indefinite-length CBOR at byte {at - 1}")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major in (2, 3):
        raw = data[at:at + number]
        return (raw if major == 2 else raw.decode("utf-8")), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(number):
            key, at = _item(data, at)
            mapping[key], at = _item(data, at)
        return mapping, at
    raise ValueError(f"CBOR tag at byte {at - 1}")


def decoded(path: Path):
    """A Pagefind index, filter or metadata file's value."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not one of Pagefind's files")
    return cbor(data[len(SIGNATURE):])


def filters(bundle: Path) -> dict[str, dict[str, list[int]]]:
    """Every filter of a bundle: filter name → value → the numbers of the pages that have it.

    A filter file is [name, [[value, [page, …]], …]]; Pagefind writes the values in an order of its own
    that changes from run to run (and so the file's bytes and its content-hash name)."""
    found = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = decoded(path)
        found[name] = {value: pages for value, pages in values}
    return found


def metadata(bundle: Path):
    """A bundle's metadata (its .pf_meta): [version, pages, index chunks, filters, sorts, meta fields], with
    the filters by name only, in order (their files' names follow from the order above, and so does the
    order Pagefind lists them in)."""
    [path] = bundle.glob("pagefind.*.pf_meta")
    version, pages, chunks, filter_files, *rest = decoded(path)
    return [version, pages, chunks, sorted(name for name, _ in filter_files), *rest]


def entry(bundle: Path) -> dict:
    """pagefind-entry.json without the metadata's file name (which follows from the filter files')."""
    found = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in found["languages"].values():
        language.pop("hash")
    return found
