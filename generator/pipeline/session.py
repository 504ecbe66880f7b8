"""What a run keeps for the next one: the pipeline's cache. A cold build is a fresh Session; ``make serve``
keeps one and calls the same functions again after every edit.

A ``Session`` holds, for each record file (known by its path, modification time and size), the loaded
file, the validated record and its own problems (generator.content.project.FileCache); each record's
personal-data findings; each record's part of the theme index and the rendered pages with their keys
(generator.render.pagecache). A later run reads again only the files that changed, and renders again
only the pages whose keys changed. A change to any setting, the board's overrides or the built-in
templates (generator.core.inputs.SETTINGS) starts afresh.

    session = Session(root)
    generate(root, session=session)   # the first run is a full one
    ...                               # edit a record
    generate(root, session=session)   # only that record, and the pages that show it
"""

from __future__ import annotations

from pathlib import Path

from generator.content.project import FileCache
from generator.core.inputs import settings_snapshot
from generator.core.memo import RecordMemo
from generator.render.pagecache import PageCache


class Session:
    """The caches of one project, kept from one run to the next."""

    def __init__(self, root: Path, one_run: bool = False):
        self.root = Path(root).resolve()
        self.one_run = one_run
        """A build's session, used once: pages are written as they are rendered and not kept."""
        self._settings: dict | None = None
        self._loads = 0
        self.files = FileCache()
        self.fresh()

    def fresh(self) -> None:
        """Forget everything: the next run is a full one."""
        self._loads += self.files.loads
        self.files = FileCache()
        """The record files as last read, and the checks across records."""
        self.scans: RecordMemo = RecordMemo()
        """Each record's personal-data and link findings."""
        self.pages = PageCache(self.root, keep_texts=not self.one_run)
        """The rendered pages and their keys, each record's part of the theme index."""
        self.written: dict[str, str | None] | None = None
        """The pages the last run wrote (a page with the same text is not compared with its file again)."""
        self.config_key: object = None
        """What the generated site configuration was last written from."""
        self.feeds_key: object = None
        """What the calendars and the Atom feed were last written from."""

    @property
    def loads(self) -> int:
        """How many record files this session has read."""
        return self._loads + self.files.loads

    def start_run(self) -> None:
        """Start afresh when a setting, an override or a template changed since the last run."""
        found = settings_snapshot(self.root)
        if found != self._settings:
            if self._settings is not None:
                self.fresh()
            self._settings = found
