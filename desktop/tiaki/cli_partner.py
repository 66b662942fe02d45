"""``tiaki partner init|rotate|serve|allow|inbox`` — the partner's side: its keys, its inbox service, and
reading what arrived. No device store and no passphrase: the partner directory (``--data-dir``) holds it all.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from tiaki.cli_io import EXIT_CHECK_FAILED, EXIT_INVALID, EXIT_OK, EXIT_USAGE, CliError, card_name, read_input
from tiaki.core.cards import MAX_CARD_BYTES, CardError, parse_sender_card
from tiaki.core.clock import iso, utc_now
from tiaki.core.envelope import EnvelopeError, open_payload, parse, verify_sender
from tiaki.core.sharing import PartnerKind
from tiaki.partner.identity import (
    PartnerSetupError,
    database_path,
    init_identity,
    load_identity,
    rotate_identity,
)
from tiaki.partner.inbox_db import InboxBusy, InboxEntry, InboxStore

_ALL_INTERFACES = ("0.0.0.0", "::", "")


def _partner_dir(args: argparse.Namespace) -> Path:
    if not getattr(args, "data_dir", None):
        raise CliError("Say which partner directory to use: --data-dir DIR.", EXIT_USAGE)
    return Path(args.data_dir).expanduser()


@contextlib.contextmanager
def _partner_errors() -> Iterator[None]:
    try:
        yield
    except PartnerSetupError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None
    except InboxBusy as exc:
        raise CliError(str(exc), EXIT_CHECK_FAILED) from None


def _store(data_dir: Path) -> InboxStore:
    load_identity(data_dir)  # a directory that is not a partner's gets a clear error, not a new empty database
    return InboxStore(database_path(data_dir))


def _print_key(key_id: str, fingerprint: str) -> None:
    print(key_id)
    print(fingerprint)


def default_inbox_url(host: str, port: int) -> str:
    if host in _ALL_INTERFACES:
        raise CliError("Give --inbox-url: devices cannot reach an address that means every interface.", EXIT_USAGE)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def cmd_init(args: argparse.Namespace) -> int:
    """Prints the new card's key id and fingerprint (read the fingerprint to each device's privacy officer).
    Also writes DIR/age-identity.txt, so that ``age -d -i DIR/age-identity.txt packet.age`` opens a referral."""
    data_dir = _partner_dir(args)
    if not args.name or not args.name.strip():
        raise CliError("Give the organisation's name for its card: --name TEXT.", EXIT_USAGE)
    name = card_name(args.name)
    if args.packet_only and args.inbox_url:
        raise CliError("Give either --inbox-url or --packet-only, not both.", EXIT_USAGE)
    url = None if args.packet_only else args.inbox_url or default_inbox_url(args.host, args.port)
    with _partner_errors():
        card = init_identity(data_dir, name=name, kind=PartnerKind(args.kind), inbox_url=url)
    _print_key(card.key_id, card.fingerprint())
    return EXIT_OK


def cmd_rotate(args: argparse.Namespace) -> int:
    """Prints the new key id and fingerprint; a running ``partner serve`` picks the new key up by itself."""
    data_dir = _partner_dir(args)
    with _partner_errors():
        card = rotate_identity(data_dir, inbox_url=args.inbox_url)
    _print_key(card.key_id, card.fingerprint())
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from tiaki.partner.serve import serve  # uvicorn only when serving

    data_dir = _partner_dir(args)
    with _partner_errors():
        load_identity(data_dir)
        try:
            serve(data_dir, args.host, args.port)
        except KeyboardInterrupt:  # Ctrl+C: uvicorn has shut down cleanly and re-raised it; that is a normal end
            return EXIT_OK
        except OSError as exc:
            raise CliError(f"Cannot listen on that address and port ({exc.strerror or 'system error'}).",
                           EXIT_INVALID) from None
    return EXIT_OK


def cmd_allow(args: argparse.Namespace) -> int:
    """Enrol a device's sender card; prints its fingerprint (compare it with the device's, by voice)."""
    data_dir = _partner_dir(args)
    data = read_input(args.card, MAX_CARD_BYTES)
    try:
        card = parse_sender_card(data)
    except CardError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None
    with _partner_errors(), _store(data_dir) as store:
        added = store.allow_sender(card, allowed_at=iso(utc_now()))
    if not added:
        print("tiaki: that device was already allowed; nothing changed.", file=sys.stderr)
    print(card.fingerprint())
    return EXIT_OK


def _entry_json(entry: InboxEntry) -> dict[str, object]:
    return {"message_id": entry.message_id, "kind": entry.kind, "client_id": entry.client_id,
            "envelope_id": entry.envelope_id,
            "sender": {"organisation": entry.sender_organisation, "key_id": entry.sender_key_id},
            "received_at": entry.received_at, "status": entry.status, "reason": entry.reason}


def cmd_inbox_list(args: argparse.Namespace) -> int:
    data_dir = _partner_dir(args)
    with _partner_errors(), _store(data_dir) as store:
        entries = store.entries()
    print(json.dumps([_entry_json(e) for e in entries], indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_inbox_open(args: argparse.Namespace) -> int:
    """Decrypt the stored envelope a message arrived in, check it again, and print that message. One whose
    consent has since been withdrawn is still printed (the partner did receive it), with a line on stderr saying
    so, so that nobody uses it further without noticing."""
    data_dir = _partner_dir(args)
    with _partner_errors():
        identity = load_identity(data_dir)
        with InboxStore(database_path(data_dir)) as store:
            stored = store.stored_envelope(args.message_id)
            if stored is None:
                raise CliError("No stored message has that id (see 'tiaki partner inbox list').", EXIT_INVALID)
            key = identity.keys.get(stored.recipient_key_id)
            if key is None:
                raise CliError("The key this message was sealed to is missing from the keys directory.",
                               EXIT_CHECK_FAILED)
            try:
                envelope = parse(stored.data)
                sender = store.sender(envelope.header.sender_key_id)
                if sender is None:
                    raise EnvelopeError("bad_signature")
                verify_sender(envelope, sender.public_key())
                messages = open_payload(envelope, key.identity, recipient_key_id=key.key_id)
            except EnvelopeError as exc:
                raise CliError(f"The stored envelope does not open: {exc}", EXIT_CHECK_FAILED) from None
            withdrawn = store.withdrawn(args.message_id)
    message = next((m for m in messages if m["id"] == args.message_id), None)
    if message is None:
        raise CliError("The stored envelope does not hold that message.", EXIT_CHECK_FAILED)
    print(json.dumps(message, indent=2, sort_keys=True, ensure_ascii=False))
    if withdrawn:
        print("tiaki: the person has withdrawn consent for this message (status revoked); do not use it further.",
              file=sys.stderr)
    return EXIT_OK
