"""The command line of spec/diary-format.md §4. Exit status: 0 success; 2 bad usage or invalid
input (nothing changed); 1 any other failure (nothing lost). Messages go to stderr.

Only ``crampdiary`` without a subcommand touches Kivy (through ``crampdiary.app``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("KIVY_NO_ARGS", "1")

from crampdiary import __version__
from crampdiary.domain import (
    Context,
    MedicineClass,
    Muscle,
    Side,
    Symptom,
    ValidationError,
)

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage or invalid input: exit 2."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-21") from None


def _choices(kind: type[Any]) -> list[str]:
    return [m.value for m in kind]


def build_parser() -> argparse.ArgumentParser:
    db_parent = argparse.ArgumentParser(add_help=False)
    db_parent.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="TARGET",
        help="diary file path or SQLAlchemy URL (default: $CRAMPDIARY_DB or the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="crampdiary",
        description="Cramp Diary: log muscle cramps, see warning signs, "
        "prepare a doctor visit. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"crampdiary {__version__}")
    parser.add_argument("--db", default=None, metavar="TARGET", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = sub.add_parser("add", parents=[db_parent], help="log one cramp; prints its id")
    add.add_argument("--muscle", required=True, choices=_choices(Muscle))
    add.add_argument("--side", required=True, choices=_choices(Side))
    add.add_argument("--duration", required=True, help="minutes (fractions allowed)")
    add.add_argument("--severity", required=True, help="worst pain, 0-10")
    add.add_argument("--context", required=True, choices=_choices(Context))
    add.add_argument("--at", help="start, local time YYYY-MM-DDTHH:MM (default: now)")
    add.add_argument("--eased-with-rest", choices=("yes", "no"))
    add.add_argument(
        "--symptom",
        action="append",
        default=[],
        choices=_choices(Symptom),
        help="repeat for several",
    )
    add.add_argument(
        "--medication",
        action="append",
        default=None,
        metavar="NAME|CLASS|STARTED_ON",
        help="a medicine taken at the time; repeat for several (default: the "
        f"medicines list; classes: {', '.join(_choices(MedicineClass))})",
    )
    add.add_argument(
        "--no-medications",
        action="store_true",
        help="record no medicines, even if the medicines list has some",
    )
    add.add_argument("--hydration", metavar="LITRES", help="drinks in the last 24 h, litres")
    add.add_argument("--exercise", metavar="MINUTES", help="exercise in the last 24 h, minutes")
    add.add_argument("--soreness-days", metavar="DAYS")
    add.add_argument("--affected-daily-activities", choices=("yes", "no"))
    add.add_argument("--notes", default="")

    lst = sub.add_parser("list", parents=[db_parent], help="list cramps")
    lst.add_argument("--from", dest="start", type=_date)
    lst.add_argument("--to", dest="end", type=_date)
    lst.add_argument("--json", action="store_true")

    imp = sub.add_parser("import", parents=[db_parent], help="import a JSON or CSV file")
    imp.add_argument("file", type=Path)

    exp = sub.add_parser("export", parents=[db_parent], help="export to JSON or CSV")
    exp.add_argument("--format", required=True, choices=("json", "csv"))
    exp.add_argument("--out", required=True, help="file, or - for standard output")

    warn = sub.add_parser("warnings", parents=[db_parent], help="evaluate the warning signs")
    warn.add_argument("--as-of", type=_date, help="date to evaluate for (default: today)")
    warn.add_argument("--json", action="store_true")

    rep = sub.add_parser("report", parents=[db_parent], help="write the doctor-visit PDF")
    rep.add_argument("--out", required=True, type=Path)
    rep.add_argument("--from", dest="start", type=_date)
    rep.add_argument("--to", dest="end", type=_date)
    rep.add_argument("--no-notes", action="store_true")

    demo = sub.add_parser("demo", parents=[db_parent], help="fill the diary with an example")
    demo.add_argument("--months", type=int, default=12)
    demo.add_argument("--seed", type=int, default=7)

    bak = sub.add_parser("backup", parents=[db_parent], help="online backup of the diary")
    bak.add_argument("--out", type=Path)
    res = sub.add_parser("restore", parents=[db_parent], help="replace the diary with a backup")
    res.add_argument("file", type=Path)
    return parser


def _yes_no(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def cmd_add(diary: Any, args: argparse.Namespace) -> int:
    from crampdiary.domain.validation import episode_from_mapping

    now = diary.clock()
    at = args.at or now.isoformat(timespec="minutes")
    if args.medication is not None:
        meds: list[dict[str, str | None]] = []
        for index, item in enumerate(args.medication):
            parts = item.split("|")
            if len(parts) not in (2, 3):
                raise ValidationError(
                    f"medications[{index}]", item, "must be written as NAME|CLASS|STARTED_ON"
                )
            meds.append(
                {
                    "name": parts[0],
                    "class": parts[1],
                    "started_on": (parts[2] if len(parts) == 3 else "") or None,
                }
            )
    elif args.no_medications:
        meds = []
    else:
        try:
            day = datetime.fromisoformat(at).date()
        except ValueError:
            day = now.date()
        meds = [
            {
                "name": m.name,
                "class": m.med_class.value,
                "started_on": m.started_on.isoformat() if m.started_on else None,
            }
            for m in diary.medicines_on(day)
        ]
    raw = {
        "started_at": at,
        "duration_minutes": args.duration,
        "muscle": args.muscle,
        "side": args.side,
        "severity_0_10": args.severity,
        "context": args.context,
        "eased_with_rest": _yes_no(args.eased_with_rest),
        "symptoms": args.symptom,
        "medications": meds,
        "hydration_litres_24h": args.hydration,
        "exercise_minutes_24h": args.exercise,
        "soreness_days": args.soreness_days,
        "affected_daily_activities": _yes_no(args.affected_daily_activities),
        "notes": args.notes,
    }
    episode = diary.log_episode(episode_from_mapping(raw, now=now))
    print(episode.id)
    return EXIT_OK


def cmd_list(diary: Any, args: argparse.Namespace) -> int:
    from crampdiary.domain.enums import CONTEXT_LABELS, MUSCLE_LABELS, SIDE_LABELS
    from crampdiary.domain.validation import episode_to_mapping

    episodes = diary.episodes(args.start, args.end)
    if args.json:
        print(json.dumps([episode_to_mapping(e) for e in episodes], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not episodes:
        print("No cramps logged in this period.")
        return EXIT_OK
    for e in episodes:
        print(
            f"{e.started_at:%a %d %b %Y %H:%M}  {MUSCLE_LABELS[e.muscle]:<14} "
            f"{SIDE_LABELS[e.side]:<7} "
            f"{e.duration_minutes:>5g} min  {e.severity_0_10:>2}/10  {CONTEXT_LABELS[e.context]}"
            f"  {e.id}"
        )
    print(f"{len(episodes)} cramp{'s' if len(episodes) != 1 else ''}.")
    return EXIT_OK


def cmd_import(diary: Any, args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    summary = diary.import_file(args.file)
    print(f"Imported {args.file.name}: {summary.describe()}")
    return EXIT_OK


def cmd_export(diary: Any, args: argparse.Namespace) -> int:
    if args.out == "-":
        sys.stdout.write(diary.export_text(args.format))
        return EXIT_OK
    out = Path(args.out)
    diary.export_file(args.format, out)
    print(f"Wrote {out}. It holds health data: keep it private.", file=sys.stderr)
    return EXIT_OK


def cmd_demo(diary: Any, args: argparse.Namespace) -> int:
    from crampdiary.services.demo import demo_document

    try:
        document = demo_document(end=diary.clock(), months=args.months, seed=args.seed)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    summary = diary.import_document(document, source="demo")
    print(f"Demo diary: {summary.describe()}")
    return EXIT_OK


def cmd_backup(diary: Any, args: argparse.Namespace) -> int:
    print(diary.backup(args.out))
    return EXIT_OK


def cmd_restore(db: str | None, args: argparse.Namespace) -> int:
    """Runs without opening the diary: a diary that no longer opens is the one to restore."""
    from crampdiary.services.diary import restore_diary

    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    kept = restore_diary(db, args.file)
    print(
        f"Restored the diary from {args.file}."
        + (f" The old diary was kept as {kept}." if kept else "")
    )
    return EXIT_OK


def cmd_warnings(diary: Any, args: argparse.Namespace) -> int:
    from crampdiary.services.insights import current_warnings

    as_of = args.as_of or diary.clock().date()
    signs = current_warnings(diary, as_of)
    if args.json:
        print(json.dumps([s.to_json() for s in signs], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not signs:
        print(f"No warning signs as of {as_of:%a %d %b %Y}.")
        return EXIT_OK
    for sign in signs:
        print(f"[{sign.severity}] {sign.id}\n  {sign.message}")
        for source in sign.sources:
            print(f"    - {source}")
    return EXIT_OK


def cmd_report(diary: Any, args: argparse.Namespace) -> int:
    from crampdiary.services.report import build_report

    end = args.end or diary.clock().date()
    start = args.start or (end - timedelta(days=90))
    if start > end:
        raise UsageError("--from must not be after --to")
    path = build_report(diary, args.out, start, end, include_notes=not args.no_notes)
    print(f"Wrote {path}. It holds health data: keep it private.", file=sys.stderr)
    return EXIT_OK


COMMANDS = {
    "add": cmd_add,
    "list": cmd_list,
    "import": cmd_import,
    "export": cmd_export,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "warnings": cmd_warnings,
    "report": cmd_report,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from crampdiary.app import main as app_main

        return app_main(db=args.db)
    from crampdiary.reports.interchange import InvalidRecord
    from crampdiary.services import Diary
    from crampdiary.services.diary import NotABackup
    from crampdiary.storage import DiaryError

    invalid_input = (ValidationError, InvalidRecord, UsageError, NotABackup)
    if args.command == "restore":
        try:
            return cmd_restore(args.db, args)
        except invalid_input as exc:
            print(f"crampdiary: {exc}. Nothing was changed.", file=sys.stderr)
            return EXIT_USAGE
        except (DiaryError, OSError) as exc:
            print(f"crampdiary: {exc}", file=sys.stderr)
            return EXIT_FAILURE
    try:
        diary = Diary.open(args.db)
    except DiaryError as exc:
        print(f"crampdiary: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        print(f"crampdiary: cannot open the diary: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        return int(COMMANDS[args.command](diary, args))
    except invalid_input as exc:
        print(f"crampdiary: {exc}. Nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
    except DiaryError as exc:
        print(f"crampdiary: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        print(f"crampdiary: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        diary.close()
