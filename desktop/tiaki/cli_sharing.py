"""The sharing subcommands: partners, agreements, consent records and the "what will leave" preview.

Like the other commands, input is checked before the store is unlocked wherever the store is not needed to
check it (docs/sharing-json.md has the shapes).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from tiaki.cli_commands import catalogues, client_id, emit, unlocked
from tiaki.cli_io import EXIT_INVALID, EXIT_OK, CliError, read_input
from tiaki.core.client_json import MAX_INPUT_BYTES, ClientInputError
from tiaki.core.clock import utc_now
from tiaki.core.consent_json import consent_json
from tiaki.core.reasons import REASON_TEXT
from tiaki.core.sharing_json import parse_agreement, parse_consent, parse_partner
from tiaki.core.text import bad_characters, nfc


def _sharing_input(source: str, parse: Any) -> Any:
    data = read_input(source, MAX_INPUT_BYTES)
    try:
        return parse(data)
    except ClientInputError as exc:
        raise CliError(str(exc), EXIT_INVALID) from None


def cmd_partner_add(args: argparse.Namespace) -> int:
    partner = _sharing_input(args.json, parse_partner)
    with unlocked(args) as session:
        added = session.sharing.add_partner(partner)
    print(added.id)
    return EXIT_OK


def cmd_partner_list(args: argparse.Namespace) -> int:
    with unlocked(args) as session:
        partners = session.sharing.partners()
    emit([{"id": p.id, "name": p.name, "kind": p.kind.value, "overseas": p.overseas, "ipp12_basis": p.ipp12_basis}
          for p in partners])
    return EXIT_OK


def cmd_agreement_add(args: argparse.Namespace) -> int:
    catalogue, purposes, _ = catalogues()
    agreement = _sharing_input(args.json, lambda data: parse_agreement(data, catalogue, purposes, utc_now()))
    with unlocked(args) as session:
        added = session.sharing.add_agreement(agreement)
    print(added.id)
    return EXIT_OK


def cmd_consent_record(args: argparse.Namespace) -> int:
    cid = client_id(args.client)
    catalogue, purposes, notices = catalogues()
    consent = _sharing_input(args.json, lambda data: parse_consent(data, catalogue, purposes,
                                                                   notices.language_names(), utc_now()))
    with unlocked(args) as session:
        record = session.sharing.record_consent(cid, consent)
    print(record.id)
    return EXIT_OK


def cmd_consent_withdraw(args: argparse.Namespace) -> int:
    consent_id = client_id(args.consent_id)
    reason = args.reason or ""
    if len(reason) > 300 or bad_characters(reason):
        raise CliError("The reason is too long or contains a character that cannot be stored.", EXIT_INVALID)
    with unlocked(args) as session:
        session.sharing.withdraw_consent(consent_id, reason=nfc(reason).strip())
    print("Consent withdrawn.")
    return EXIT_OK


def cmd_consent_renew(args: argparse.Namespace) -> int:
    consent_id = client_id(args.consent_id)
    expires_at = None
    if args.expires:
        try:
            expires_at = dt.datetime.combine(dt.date.fromisoformat(args.expires), dt.time(), tzinfo=dt.UTC)
        except ValueError:
            raise CliError("--expires must be a date written as YYYY-MM-DD.", EXIT_INVALID) from None
        if expires_at <= utc_now():
            raise CliError("A renewed consent must expire in the future (or not at all).", EXIT_INVALID)
    with unlocked(args) as session:
        session.sharing.renew_consent(consent_id, expires_at=expires_at)
    print("Consent renewed.")
    return EXIT_OK


def cmd_consent_list(args: argparse.Namespace) -> int:
    cid = client_id(args.client)
    with unlocked(args) as session:
        records = session.sharing.consents(cid)
        now = utc_now()
    emit([consent_json(r, now) for r in records])
    return EXIT_OK


def cmd_share_preview(args: argparse.Namespace) -> int:
    cid = client_id(args.client)
    partner_id = client_id(args.partner)
    _, purposes, _ = catalogues()
    if args.purpose not in purposes:
        raise CliError("There is no purpose with that key.", EXIT_INVALID)
    with unlocked(args) as session:
        decision = session.sharing.preview(cid, partner_id, args.purpose)
    if args.json:
        emit(decision.to_json())
    else:
        for allowed in decision.allowed:
            print(f"goes      {allowed.field}  ({allowed.basis.value})")
        for withheld in decision.withheld:
            print(f"withheld  {withheld.field}  ({REASON_TEXT[withheld.reason]})")
    return EXIT_OK


