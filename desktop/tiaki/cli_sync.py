"""The device's sync subcommands: enrol a partner from its card, write this device's card, queue a share,
and sync once (the sharing history is ``cli_history``).

``tiaki sync --once`` exits 0 only when every deliverable message holds a verified receipt; otherwise it
prints one line per partner saying what still waits and why, and exits 1.
"""

from __future__ import annotations

import argparse

from tiaki.cli_commands import client_id, unlocked
from tiaki.cli_io import (
    EXIT_CHECK_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    PrivateFile,
    confirm_fingerprint,
    justification,
    read_bounded_file,
)
from tiaki.core.cards import MAX_CARD_BYTES, CardError, PartnerCard, card_file_bytes, parse_partner_card
from tiaki.core.sharing import Override


def _read_card(path: str) -> PartnerCard:
    data = read_bounded_file(path, MAX_CARD_BYTES, "card")
    try:
        return parse_partner_card(data)
    except CardError as exc:
        raise CliError(f"Not a usable partner card: {exc}", EXIT_INVALID) from None


def _confirm_fingerprint(card: PartnerCard, assume_yes: bool) -> None:
    confirm_fingerprint(f"Partner: {card.name}", card.fingerprint(), assume_yes=assume_yes,
                        refused="Not enrolled: the fingerprint was not confirmed.")


def cmd_partner_enroll(args: argparse.Namespace) -> int:
    card = _read_card(args.card)
    _confirm_fingerprint(card, args.yes)
    with unlocked(args) as session:
        try:
            partner = session.outbox.enroll_partner(card)
        except CardError as exc:
            raise CliError(f"Not enrolled: {exc}", EXIT_INVALID) from None
    print(partner.id)
    print(card.fingerprint())
    return EXIT_OK


def cmd_device_card(args: argparse.Namespace) -> int:
    out = PrivateFile(args.out)
    try:
        with unlocked(args) as session:
            card = session.outbox.device_card()
        out.write_bytes(card_file_bytes(card))
    finally:
        out.close()
    print(card.fingerprint())
    return EXIT_OK


def cmd_share_queue(args: argparse.Namespace) -> int:
    cid = client_id(args.client)
    why = justification(args.serious_threat)
    with unlocked(args) as session:
        override = None if why is None else Override(why, session.worker.id)
        message_id = session.outbox.queue_share(cid, args.partner.strip(), args.purpose.strip(),
                                                 override=override)
    print(message_id)
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from tiaki.sync.engine import SyncEngine

    if not 0 <= args.timeout <= 24 * 3600:
        raise CliError("--timeout is in seconds, from 0 to 86400.", EXIT_INVALID)
    with unlocked(args) as session:
        report = SyncEngine(session.outbox).run_once(retry_for=args.timeout)
    for partner in report.partners:
        print(partner.summary())
    if not report.partners:
        print("No partner is enrolled for sending.")
    return EXIT_OK if report.complete else EXIT_CHECK_FAILED
