"""Use cases on one diary: log, edit, delete and undo episodes; medicines; profile; settings;
import, export, backup and restore. Each call is one unit of work. The UI and the command line
both go through here, so they behave the same.

Must not import Kivy or plyer. The clock is read here (``now``) and passed down.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crampdiary.domain import Context, Episode, Medicine, Muscle, Profile, ValidationError
from crampdiary.domain.validation import (
    episode_from_mapping,
    validate_episode,
    validate_medicine,
    validate_profile,
)
from crampdiary.reports import interchange
from crampdiary.storage import DiaryError, Store, resolve_target
from crampdiary.storage import backups as backup_files
from crampdiary.storage.database import Target

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class ImportSummary:
    """What an import changed; ``rejected`` is empty because imports are all or nothing."""

    added: int = 0
    already_present: int = 0
    medicines_added: int = 0
    medicines_updated: int = 0
    profile_updated: bool = False
    source: str = ""
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [
            f"{self.added} new cramp{'s' if self.added != 1 else ''} added",
            f"{self.already_present} already in the diary",
        ]
        if self.medicines_added or self.medicines_updated:
            merged = self.medicines_added + self.medicines_updated
            parts.append(f"{merged} medicine{'s' if merged != 1 else ''} merged")
        if self.profile_updated:
            parts.append("profile updated")
        return ", ".join(parts) + "."


def write_private(path: Path, data: bytes) -> None:
    """Write a file readable by the owner only, atomically (never a half-written export)."""
    path = path.expanduser()
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(partial, 0o600)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class NotABackup(ValueError):
    """A file offered for restore that is not a diary this version can use; nothing changed."""

    def __init__(self, source: Path, error: DiaryError) -> None:
        self.source = source
        reason = getattr(error, "reason", None) or str(error)
        super().__init__(f"{source} cannot be restored: {reason}")


def restore_diary(target: str | os.PathLike[str] | None, source: Path) -> Path | None:
    """Replace the diary at ``target`` with the backup ``source``; return where the replaced
    diary was kept. The diary is not opened first: one that no longer opens (damaged, cut
    short) is exactly the one that needs restoring. ``source`` is checked before anything is
    touched; a bad one raises ``NotABackup``."""
    path = resolve_target(target).path
    if path is None:
        raise ValidationError("db", target, "backups need a diary file, not memory")
    try:
        backup_files.verify(source)
    except DiaryError as exc:
        raise NotABackup(source, exc) from exc
    return backup_files.restore(path, source)


class Diary:
    """One open diary and everything that can be done with it."""

    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str] | None = None,
        *,
        clock: Clock = system_clock,
        auto_backup: bool = True,
    ) -> Diary:
        return cls(Store.open(resolve_target(target), auto_backup=auto_backup), clock)

    @property
    def target(self) -> Target:
        return self.store.target

    def close(self) -> None:
        self.store.close()

    # --- episodes -------------------------------------------------------------------------

    def log_episode(self, episode: Episode) -> Episode:
        validate_episode(episode, now=self.clock())
        with self.store.write() as uow:
            uow.episodes.add(episode, now=self.clock())
        return episode

    def log_from_mapping(self, raw: dict[str, Any]) -> Episode:
        return self.log_episode(episode_from_mapping(raw, now=self.clock()))

    def update_episode(self, episode: Episode) -> Episode:
        validate_episode(episode, now=self.clock())
        with self.store.write() as uow:
            if not uow.episodes.update(episode, now=self.clock()):
                raise ValidationError("id", episode.id, "no such cramp in the diary")
        return episode

    def delete_episode(self, episode_id: str) -> Episode:
        """Delete and return the episode, so the caller can offer to undo."""
        with self.store.write() as uow:
            episode = uow.episodes.get(episode_id)
            if episode is None:
                raise ValidationError("id", episode_id, "no such cramp in the diary")
            uow.episodes.delete(episode_id)
        return episode

    def undo_delete(self, episode: Episode) -> Episode:
        """Put a deleted episode back exactly as it was (same id)."""
        with self.store.write() as uow:
            if uow.episodes.get(episode.id) is None:
                uow.episodes.add(episode, now=self.clock())
        return episode

    def get_episode(self, episode_id: str) -> Episode | None:
        with self.store.read() as uow:
            return uow.episodes.get(episode_id)

    def episodes(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        muscles: Sequence[Muscle] = (),
        contexts: Sequence[Context] = (),
        text: str = "",
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[Episode]:
        with self.store.read() as uow:
            return uow.episodes.list(
                start,
                end,
                muscles=muscles,
                contexts=contexts,
                text=text,
                newest_first=newest_first,
                limit=limit,
            )

    def last_episode(self) -> Episode | None:
        with self.store.read() as uow:
            return uow.episodes.last()

    def cramp_days(self, start: date, end: date) -> list[date]:
        with self.store.read() as uow:
            return uow.episodes.cramp_days(start, end)

    def data_version(self) -> tuple[int, str]:
        with self.store.read() as uow:
            return uow.episodes.data_version()

    # --- medicines, profile, settings -----------------------------------------------------

    def medicines(self) -> list[Medicine]:
        with self.store.read() as uow:
            return uow.medicines.list()

    def medicines_on(self, day: date) -> list[Medicine]:
        return [m for m in self.medicines() if m.taken_on(day)]

    def save_medicine(self, medicine: Medicine) -> Medicine:
        validate_medicine(medicine)
        with self.store.write() as uow:
            uow.medicines.upsert(medicine, now=self.clock())
        return medicine

    def delete_medicine(self, medicine_id: str) -> Medicine:
        with self.store.write() as uow:
            medicine = uow.medicines.get(medicine_id)
            if medicine is None:
                raise ValidationError("id", medicine_id, "no such medicine in the list")
            uow.medicines.delete(medicine_id)
        return medicine

    def profile(self) -> Profile:
        with self.store.read() as uow:
            return uow.profile.get()

    def save_profile(self, profile: Profile) -> Profile:
        validate_profile(profile)
        with self.store.write() as uow:
            uow.profile.set(profile, now=self.clock())
        return profile

    def settings(self, prefix: str = "") -> dict[str, str]:
        with self.store.read() as uow:
            return uow.settings.get_all(prefix)

    def save_settings(self, values: dict[str, str]) -> None:
        with self.store.write() as uow:
            uow.settings.set_many(values, now=self.clock())

    # --- interchange ----------------------------------------------------------------------

    def document(self) -> interchange.DiaryDocument:
        with self.store.read() as uow:
            return interchange.DiaryDocument(
                tuple(uow.episodes.list()), tuple(uow.medicines.list()), uow.profile.get()
            )

    def export_text(self, fmt: str) -> str:
        document = self.document()
        if fmt == "json":
            return interchange.to_json(document, exported_at=self.clock())
        if fmt == "csv":
            return interchange.to_csv(document.episodes)
        raise ValidationError("format", fmt, "must be json or csv")

    def export_file(self, fmt: str, out: Path) -> Path:
        self._refuse_own_files("out", out)
        write_private(out, self.export_text(fmt).encode("utf-8"))
        return out

    def _refuse_own_files(self, field: str, out: Path) -> None:
        """Writing an export or a copy over the diary (or its WAL) would destroy it."""
        path = self.target.path
        if path is None:
            return
        out = out.expanduser().resolve()
        for own in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            same = own.resolve() == out or (
                own.exists() and out.exists() and os.path.samefile(own, out)
            )
            if same:
                raise ValidationError(field, str(out), "is the diary itself: choose another file")

    def parse_import(self, path: Path) -> interchange.DiaryDocument:
        suffix = path.suffix.lower()
        if suffix not in (".json", ".csv"):
            raise interchange.InvalidRecord(str(path.name), "(file)", "must end in .json or .csv")
        if path.stat().st_size > interchange.MAX_IMPORT_BYTES:
            raise interchange.InvalidRecord(str(path.name), "(file)", "is too large to import")
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise interchange.InvalidRecord(
                f"byte {exc.start}", "(file)", "is not UTF-8 text"
            ) from exc
        if suffix == ".json":
            return interchange.from_json(text, now=self.clock())
        return interchange.from_csv(text, now=self.clock())

    def import_document(
        self, document: interchange.DiaryDocument, source: str = ""
    ) -> ImportSummary:
        """Merge by id in one transaction: new ids are added, known ids are left as they are."""
        now = self.clock()
        with self.store.write() as uow:
            ids = [e.id for e in document.episodes]
            present = uow.episodes.existing_ids(ids)
            new = [e for e in document.episodes if e.id not in present]
            uow.episodes.add_many(new, now=now)
            med_added = med_updated = 0
            for medicine in document.medicines:
                if uow.medicines.upsert(medicine, now=now):
                    med_added += 1
                else:
                    med_updated += 1
            profile_updated = False
            if document.profile is not None and document.profile != uow.profile.get():
                uow.profile.set(document.profile, now=now)
                profile_updated = True
        return ImportSummary(
            added=len(new),
            already_present=len(present),
            medicines_added=med_added,
            medicines_updated=med_updated,
            profile_updated=profile_updated,
            source=source,
        )

    def import_file(self, path: Path) -> ImportSummary:
        return self.import_document(self.parse_import(path), source=str(path))

    # --- backup and restore ---------------------------------------------------------------

    def _require_file(self) -> Path:
        if self.target.path is None:
            raise ValidationError("db", self.target.url, "backups need a diary file, not memory")
        return self.target.path

    def backup(self, out: Path | None = None) -> Path:
        path = self._require_file()
        if out is None:
            return backup_files.make_backup(path, reason="manual")
        self._refuse_own_files("out", out)
        return backup_files.copy_database(path, out.expanduser().resolve())

    def restore_from(self, source: Path) -> Path | None:
        """Check ``source`` and replace this diary with it; returns where the old one was kept."""
        path = self._require_file()
        backup_files.verify(source)
        self.store.close()
        kept = backup_files.restore(path, source)
        self.store = Store.open(self.target, auto_backup=False)
        return kept
