"""What each ``tiaki`` subcommand does. Input is validated before the store is unlocked, so bad input
never changes the store (not even by an unlock entry in the audit log)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tiaki import paths
from tiaki.cli_io import (
    EXIT_CHECK_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    PrivateFile,
    read_input,
    secret,
)
from tiaki.core.client_json import MAX_INPUT_BYTES, ClientInput, ClientInputError, parse_client_input
from tiaki.core.notices import load_notices
from tiaki.core.purposes import load_purposes
from tiaki.core.roles import Role
from tiaki.core.text import bad_characters, nfc
from tiaki.paths import resource_dir
from tiaki.store.errors import InvalidInput
from tiaki.store.session import (
    Session,
    create_store,
    default_catalogue,
    recover_store,
    store_exists,
    unlock_store,
)
from tiaki.store.settings import AUTO_LOCK_MINUTES, CLIPBOARD_CLEAR_SECONDS, SYNC_INTERVAL_MINUTES, StoreSetting
from tiaki.store.unlocked import check_passphrase
from tiaki.store.workers import clean_worker_name

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SUMMARY_KEYS = ("given_name", "family_name", "preferred_name", "date_of_birth")


def data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(args.data_dir)


def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    return secret(file=args.passphrase_file, env="TIAKI_PASSPHRASE", prompt="Passphrase: ", what="passphrase",
                  confirm=confirm)


def new_passphrase(args: argparse.Namespace) -> str:
    return secret(file=args.new_passphrase_file, env="TIAKI_NEW_PASSPHRASE", prompt="New passphrase: ",
                  what="new passphrase", confirm=True)


@contextmanager
def unlocked(args: argparse.Namespace) -> Iterator[Session]:
    """The store unlocked as the worker for one command, locked again however the command ends."""
    directory = data_dir(args)
    if not store_exists(directory):
        raise CliError("There is no Tiaki store here yet; run 'tiaki init' first.", EXIT_USAGE)
    session = unlock_store(directory, passphrase=passphrase(args), worker_name=args.worker)
    try:
        _failed_unlock_notice(session)
        yield session
    finally:
        session.lock()


def client_id(text: str) -> str:
    text = text.strip().lower()
    if not _UUID.match(text):
        raise CliError("That is not a client id (ids look like 8-4-4-4-12 hexadecimal digits).", EXIT_INVALID)
    return text


def emit(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _failed_unlock_notice(session: Session) -> None:
    failed = session.failed_unlocks
    if failed.count:
        print(f"Note: {failed.count} failed unlock attempt(s) since the last unlock (last at {failed.last_at}).",
              file=sys.stderr)


# --- commands -----------------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    directory = data_dir(args)
    if store_exists(directory):
        raise CliError("A Tiaki store already exists in this data directory.", EXIT_INVALID)
    if not args.worker:
        raise CliError("Name the first administrator with --worker NAME.", EXIT_USAGE)
    organisation = nfc(args.organisation or "").strip()
    if args.organisation is not None and (not organisation or len(organisation) > 200 or bad_characters(organisation)):
        raise CliError("The organisation's name must be 1 to 200 ordinary characters.", EXIT_INVALID)
    secret_pass = passphrase(args, confirm=True)
    out = PrivateFile(args.recovery_out) if args.recovery_out else None
    try:
        session, recovery_key = create_store(directory, admin_name=args.worker, passphrase=secret_pass,
                                             admin_display_name=args.display_name or "")
        try:
            if args.organisation:
                session.set_organisation_name(args.organisation)
        finally:
            session.lock()
        if out is not None:
            try:
                out.write(recovery_key)
            except OSError:  # the key exists only here now: show it rather than lose it
                print(f"Could not write the file, so here is the recovery key:\n\n    {recovery_key}\n")
                raise
            print(f"Store created. The recovery key was written to {args.recovery_out}; print it, keep it "
                  "somewhere safe away from this computer, then delete the file.")
        else:
            print("Store created. This is the organisation's recovery key. It is shown only once.\n"
                  "Write it down or print it and keep it somewhere safe, away from this computer:\n")
            print(f"    {recovery_key}\n")
    finally:
        if out is not None:
            out.close()
    return EXIT_OK


def cmd_client_add(args: argparse.Namespace) -> int:
    parsed = _parse_client(args.json, partial=False)
    with unlocked(args) as session:
        duplicates = session.clients.likely_duplicates(parsed.fields)
        record = session.clients.create(parsed.fields, collection=parsed.collection, anonymous=parsed.anonymous)
    if duplicates.any:
        count = len(duplicates.visible) + duplicates.hidden_count
        print(f"Warning: {count} client(s) with the same name and date of birth already exist.", file=sys.stderr)
    print(record.id)
    return EXIT_OK


def cmd_client_edit(args: argparse.Namespace) -> int:
    cid = client_id(args.id)
    parsed = _parse_client(args.json, partial=True)
    with unlocked(args) as session:
        record = session.clients.update(cid, parsed.fields, collection=parsed.collection)
    emit(record.to_json())
    return EXIT_OK


def _parse_client(source: str, *, partial: bool) -> ClientInput:
    data = read_input(source, MAX_INPUT_BYTES)
    resources = resource_dir()
    try:
        return parse_client_input(data, default_catalogue(), load_purposes(resources / "purposes.json"),
                                  load_notices(resources / "notices.json"), partial=partial)
    except ClientInputError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None


def cmd_client_get(args: argparse.Namespace) -> int:
    cid = client_id(args.id)
    with unlocked(args) as session:
        record = session.clients.get(cid)
        catalogue = session.catalogue
    if args.json:
        emit(record.to_json())
    else:
        for key, stored in record.values.items():
            print(f"{catalogue.get(key).label}: {stored.value}")
    return EXIT_OK


def cmd_client_search(args: argparse.Namespace) -> int:
    if len(args.query) > 200:
        raise CliError("The search text is too long (at most 200 characters).", EXIT_INVALID)
    if not 1 <= args.limit <= 1000:
        raise CliError("--limit must be between 1 and 1000.", EXIT_INVALID)
    with unlocked(args) as session:
        results = session.clients.list(args.query, limit=args.limit)
        values = session.clients.summary_fields([r.id for r in results], _SUMMARY_KEYS)
    if args.json:
        emit([{**r.to_json(), "fields": values.get(r.id, {})} for r in results])
    else:
        for r in results:
            print(f"{r.id}  {r.display_name}  {r.date_of_birth or ''}")
    return EXIT_OK


def cmd_client_archive(args: argparse.Namespace) -> int:
    cid = client_id(args.id)
    with unlocked(args) as session:
        session.clients.archive(cid)
    return EXIT_OK


def cmd_client_assign(args: argparse.Namespace) -> int:
    cid = client_id(args.id)
    with unlocked(args) as session:
        target = next((w for w in session.workers() if w.name.casefold() == args.to.strip().casefold()), None)
        if target is None:
            raise CliError("There is no worker with that sign-in name.", EXIT_INVALID)
        session.clients.assign(cid, target.id)
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with unlocked(args) as session:
        result = session.verify_audit()
    if result.problem is None:
        print(f"Audit log intact: {result.entries} entries, {result.checkpoints} signed checkpoint(s) verified.")
        return EXIT_OK
    print(f"Audit log check failed at {result.problem.describe()}", file=sys.stderr)
    return EXIT_CHECK_FAILED


def cmd_check(args: argparse.Namespace) -> int:
    with unlocked(args) as session:
        problems = session.integrity_problems()
    if problems:
        print(f"The database is damaged: {len(problems)} problem(s); first: {problems[0][:200]}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print("Database integrity check passed (every page authenticated).")
    return EXIT_OK


def cmd_worker_add(args: argparse.Namespace) -> int:
    new_pass = new_passphrase(args)
    check_passphrase(new_pass, clean_worker_name(args.name))  # before unlocking: bad input changes nothing
    with unlocked(args) as session:
        worker = session.add_worker(name=args.name, display_name=args.display_name or "", role=Role(args.role),
                                    passphrase=new_pass)
    print(worker.id)
    return EXIT_OK


def cmd_worker_list(args: argparse.Namespace) -> int:
    with unlocked(args) as session:
        workers = session.workers()
        sizes = session.caseload_sizes()
    rows = [{"id": w.id, "name": w.name, "display_name": w.display_name, "role": w.role.value,
             "active": w.active, "caseload": sizes.get(w.id, 0)} for w in workers]
    if args.json:
        emit(rows)
    else:
        for r in rows:
            print(f"{r['name']}\t{r['role']}\t{'active' if r['active'] else 'inactive'}\t{r['caseload']} clients")
    return EXIT_OK


def cmd_passphrase_change(args: argparse.Namespace) -> int:
    new_pass = new_passphrase(args)
    check_passphrase(new_pass, args.worker or "")  # what can be checked before unlocking
    with unlocked(args) as session:
        check_passphrase(new_pass, session.worker.name)
        session.change_passphrase(passphrase(args), new_pass)
    print("Passphrase changed.")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    if not args.worker:
        raise CliError("Say whose passphrase to replace with --worker NAME.", EXIT_USAGE)
    key = secret(file=args.recovery_key_file, env="TIAKI_RECOVERY_KEY", prompt="Recovery key: ",
                 what="recovery key")
    session = recover_store(data_dir(args), recovery_key=key, worker_name=args.worker,
                            new_passphrase=new_passphrase(args))
    session.lock()
    print("A new passphrase is set. Consider replacing the recovery key: tiaki recovery-key rotate.")
    return EXIT_OK


def cmd_recovery_rotate(args: argparse.Namespace) -> int:
    out = PrivateFile(args.recovery_out) if args.recovery_out else None
    try:
        with unlocked(args) as session:
            key = session.rotate_recovery_key(keep=out.write if out is not None else None)
    finally:
        if out is not None:
            out.close()
    if out is None:
        print(f"The new recovery key (the old one no longer works):\n\n    {key}\n")
    else:
        print(f"The new recovery key was written to {args.recovery_out}; the old one no longer works.")
    return EXIT_OK


def catalogues() -> tuple[Any, Any, Any]:
    resources = resource_dir()
    return default_catalogue(), load_purposes(resources / "purposes.json"), load_notices(resources / "notices.json")


def _store_setting(args: argparse.Namespace, setting: StoreSetting, value: int | None) -> int:
    """Show a store setting, or set it first (privacy officer); an out-of-range value changes nothing."""
    if value is not None:
        try:
            setting.check(value)
        except InvalidInput as exc:
            raise CliError(str(exc), EXIT_INVALID) from None
    with unlocked(args) as session:
        if value is not None:
            session.set_setting(setting, value)
        return session.setting(setting)


def cmd_settings_auto_lock(args: argparse.Namespace) -> int:
    minutes = _store_setting(args, AUTO_LOCK_MINUTES, args.minutes)
    print(f"Tiaki locks after {minutes} idle minute(s).")
    return EXIT_OK


def cmd_settings_clipboard(args: argparse.Namespace) -> int:
    seconds = _store_setting(args, CLIPBOARD_CLEAR_SECONDS, args.seconds)
    print(f"A copied value leaves the clipboard after {seconds} second(s).")
    return EXIT_OK


def cmd_settings_sync_interval(args: argparse.Namespace) -> int:
    minutes = _store_setting(args, SYNC_INTERVAL_MINUTES, args.minutes)
    print(f"The app syncs every {minutes} minute(s)." if minutes else "The app syncs only when asked (Sync now).")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from tiaki.demo_partner import set_up_demo_sharing, start_demo_inbox
    from tiaki.demo_store import open_demo_store
    from tiaki.ui.app import run_app

    directory = Path(args.data_dir) if args.data_dir else None
    session, where, note = open_demo_store(directory, clients=args.clients)
    print(note)
    try:
        inbox = start_demo_inbox(where)
    except OSError as exc:
        print(f"The demo partner's inbox could not start ({exc.strerror}); sharing will wait for it.")
    else:
        set_up_demo_sharing(session, inbox)
        print(f"Demo partner inbox ({inbox.url}): enrolled as 'Kāinga Housing Trust (demo)'; use Sync → Sync now.")
    return run_app(where, session=session)
