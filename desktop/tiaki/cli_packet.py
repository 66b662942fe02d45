"""``tiaki packet export|open|import|trust|card`` — referral packets on the command line (docs/referral-packet.md).

    export   a coordinator's device seals a client's permitted fields to an enrolled partner; prints the packet id
    open     anyone holding the partner's age identity file reads a packet (no store); prints who signed it on
             stderr, and the FHIR Bundle (--json) or a readable summary on stdout
    import   a receiving Tiaki store creates a client from a packet signed by a trusted sender; prints its id
    trust    a receiving store trusts a sender's device card, after comparing its fingerprint by phone
    card     a receiving store's packet-only partner card, for its referrers to enrol

Exit codes (as for every ``tiaki`` command): 0 ok; 1 a check failed (not for our keys, bad signature, another
recipient, an unknown sender, not the device on --sender-card); 2 usage; 3 locked or wrong passphrase; 4 invalid
input (no such file, too large, not a packet, a damaged or malformed packet, a Bundle Tiaki cannot read, a packet
already imported). Every error is one line on stderr and never holds a value from the packet or the record.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pyrage

from tiaki.cli_commands import client_id, unlocked
from tiaki.cli_io import (
    EXIT_CHECK_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    PrivateFile,
    card_name,
    confirm_fingerprint,
    justification,
    read_bounded_file,
)
from tiaki.core.canonical import fingerprint
from tiaki.core.cards import MAX_CARD_BYTES, CardError, SenderCard, card_file_bytes, parse_sender_card
from tiaki.core.packet import MAX_PACKET_BYTES, OpenedPacket, PacketError, open_packet, read_identity_file
from tiaki.core.reasons import REASON_TEXT, Reason
from tiaki.core.referral_bundle import ReceivedReferral, ReferralDetails, parse_bundle
from tiaki.core.sharing import Override, PartnerKind
from tiaki.core.text import bad_characters
from tiaki.partner.identity import PartnerSetupError, age_identity_path, load_identity

if TYPE_CHECKING:
    from tiaki.store.session import Session

MAX_IDENTITY_FILE_BYTES: Final = 1024 * 1024

# Our own words for each failure, so that no message from deeper down (which might one day quote a value) reaches
# stderr. Unknown codes get the generic line.
_PACKET_ERRORS: Final[dict[str, tuple[str, int]]] = {
    "too_large": ("The packet file is too large to be a referral packet.", EXIT_INVALID),
    "not_a_packet": ("That file is not a referral packet, or it is damaged or cut short.", EXIT_INVALID),
    "not_for_us": ("None of the identity's keys opens this packet: it was sealed for someone else.",
                   EXIT_CHECK_FAILED),
    "malformed": ("The packet opened but its contents are not in the referral packet format.", EXIT_INVALID),
    "bad_signature": ("The packet's signature does not verify: it was altered or not signed by its sender.",
                      EXIT_CHECK_FAILED),
    "recipient_mismatch": ("The packet was addressed to another organisation's key.", EXIT_CHECK_FAILED),
    "bundle_invalid": ("The referral inside the packet is not one Tiaki can read; nothing was created.",
                       EXIT_INVALID),
    "unknown_sender": ("The packet's sender is not trusted here: trust its card first "
                       "('tiaki packet trust --card FILE').", EXIT_CHECK_FAILED),
    "already_imported": ("This packet was already imported; nothing was created.", EXIT_INVALID),
}


@contextmanager
def _packet_errors() -> Iterator[None]:
    try:
        yield
    except PacketError as exc:
        message, code = _PACKET_ERRORS.get(exc.code, ("The packet could not be used.", EXIT_INVALID))
        raise CliError(message, code) from None


def read_packet(path: str) -> bytes:
    """The packet's bytes; a file over MAX_PACKET_BYTES is refused by its size, before it is read."""
    return read_bounded_file(path, MAX_PACKET_BYTES, "packet")


def _shown(text: str, *, multiline: bool = False) -> str:
    """Text from a packet as it may reach a terminal: any control or bidi-override character replaced."""
    bad = set(bad_characters(text, multiline=multiline))
    return "".join("\N{REPLACEMENT CHARACTER}" if ch in bad else ch for ch in text) if bad else text


def _read_sender_card(path: str) -> SenderCard:
    data = read_bounded_file(path, MAX_CARD_BYTES, "card")
    try:
        return parse_sender_card(data)
    except CardError as exc:
        raise CliError(f"Not a usable sender card: {exc}", EXIT_INVALID) from None


def _read_identities(path: str) -> list[pyrage.x25519.Identity]:
    data = read_bounded_file(path, MAX_IDENTITY_FILE_BYTES, "identity")
    try:
        identities = read_identity_file(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise CliError("The identity file is not an age identity file (AGE-SECRET-KEY-1… lines).",
                       EXIT_INVALID) from None
    if not identities:
        raise CliError("The identity file holds no age secret key.", EXIT_INVALID)
    return identities


# --- export ------------------------------------------------------------------------------------------------


def _details(args: argparse.Namespace) -> ReferralDetails:
    details = ReferralDetails(reason=args.reason or "", urgency=args.urgency, services=args.services or "",
                              note=args.note or "")
    try:
        return details.checked()
    except ValueError as exc:  # the model's message names the detail, never its text
        lines = str(exc).splitlines()
        raise CliError(lines[0] if lines else "The referral details are not acceptable.", EXIT_INVALID) from None


def cmd_export(args: argparse.Namespace) -> int:
    cid = client_id(args.client)
    details = _details(args)
    partner, purpose = args.partner.strip(), args.purpose.strip()
    if not partner or not purpose:
        raise CliError("Give the partner's id and the purpose's key.", EXIT_USAGE)
    why = justification(args.serious_threat)
    out = PrivateFile(args.out)  # a bad path fails here, before anything is sealed or audited
    try:
        with unlocked(args) as session:
            override = None if why is None else Override(why, session.worker.id)
            exported = session.referrals.export(cid, partner, purpose, details, override=override)
        try:
            out.write_bytes(exported.data)
        except OSError as exc:
            raise CliError(f"Packet {exported.packet_id} was made and recorded, but its file could not be written "
                           f"({exc.strerror or 'system error'}); no partial file was left.", EXIT_INVALID) from None
    finally:
        out.close()
    print(exported.packet_id)
    return EXIT_OK


# --- open --------------------------------------------------------------------------------------------------


def _signer_lines(opened: OpenedPacket, card: SenderCard | None) -> str:
    header = opened.header
    addressed = f"Addressed to the partner key with fingerprint {fingerprint(header.recipient_key_id)}."
    if card is None:
        return (f"Signed by a device of {_shown(header.organisation)} (as the packet says), key fingerprint "
                f"{header.fingerprint()}.\nNo --sender-card given: compare this fingerprint with the sender "
                f"before relying on who sent it.\n{addressed}")
    return (f"Signed by a device of {_shown(card.organisation)}, key fingerprint {header.fingerprint()}: "
            f"matches the sender card.\n{addressed}")


def _check_sender(opened: OpenedPacket, card: SenderCard) -> None:
    header = opened.header
    if header.key_id != card.key_id or header.signing_key != card.signing_key or header.device_id != card.device_id:
        raise CliError("The packet was not signed by the device on that sender card.", EXIT_CHECK_FAILED)


def _partner_key_ids(identity_file: str) -> frozenset[str] | None:
    """When the identity file is a partner directory's own age-identity.txt, the key ids of every card that
    partner has issued: a packet must then name one of them as its recipient (one that was opened and sealed
    again to this partner still names the first in its signed Bundle). Any other identity file: no such check."""
    path = Path(identity_file).expanduser()
    directory = path.parent
    try:
        if not path.samefile(age_identity_path(directory)):
            return None
        return frozenset(load_identity(directory).keys)
    except (OSError, PartnerSetupError):
        return None


def cmd_open(args: argparse.Namespace) -> int:
    identities = _read_identities(args.identity)
    card = _read_sender_card(args.sender_card) if args.sender_card else None
    data = read_packet(args.file)
    with _packet_errors():
        opened = open_packet(data, identities, recipient_key_ids=_partner_key_ids(args.identity))
        if card is not None:
            _check_sender(opened, card)
        referral = parse_bundle(opened.bundle)  # the structure is checked for --json too
    print(_signer_lines(opened, card), file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps(opened.bundle, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(summary(referral))
    return EXIT_OK


def summary(referral: ReceivedReferral) -> str:
    """The referral in plain lines: what was sent, what was withheld (names and reasons only) and on what basis."""
    from tiaki.store.session import default_catalogue  # labels only; no store is opened

    catalogue = default_catalogue()

    def label(key: str) -> str:
        return catalogue.get(key).label if key in catalogue else key

    details = referral.details
    lines = [f"Referral {referral.packet_id}", f"From: {_shown(referral.organisation)}"
             f" (coordinator: {_shown(referral.coordinator_name)})",
             f"To: {_shown(referral.partner_name)}", f"Created: {referral.created_at}",
             f"Purpose: {referral.purpose}", f"Urgency: {details.urgency}"]
    for title, text in (("Reason", details.reason), ("Services requested", details.services)):
        if text:
            lines.append(f"{title}: {_shown(text)}")
    if details.note:
        lines.append("Note: " + _shown(details.note, multiline=True).replace("\n", "\n      "))
    lines.append("")
    lines.append("Sent:")
    for key, sent in referral.fields.items():
        lines.append(f"  {label(key)}: {_shown(str(sent.value), multiline=True)}  [{sent.basis}]")
    if referral.withheld:
        lines.append("Withheld (not in the packet):")
        lines.extend(f"  {label(key)}: {_reason(reason)}" for key, reason in referral.withheld.items())
    for consent in referral.consents:
        until = consent.expires_at or "no expiry"
        lines.append(f"Consent {consent.consent_id}: given {consent.given_at} ({consent.method}), until {until}")
    for agreement in referral.agreements:
        name = f" {_shown(agreement.name)}" if agreement.name else ""
        lines.append(f"Agreement {agreement.agreement_id}:{name} ({agreement.basis})")
    return "\n".join(lines) + "\n"


def _reason(code: str) -> str:
    try:
        return REASON_TEXT[Reason(code)]
    except ValueError:  # a code from a newer sender: shown as it is
        return code


# --- the receiving store -------------------------------------------------------------------------------------


def _worker_id(session: Session, name: str) -> str:
    wanted = name.strip().casefold()
    worker = next((w for w in session.workers() if w.name.casefold() == wanted and w.active), None)
    if worker is None:
        raise CliError("There is no active worker with that sign-in name.", EXIT_INVALID)
    return worker.id


def cmd_import(args: argparse.Namespace) -> int:
    data = read_packet(args.file)
    with unlocked(args) as session, _packet_errors():
        assign_to = _worker_id(session, args.assign_to) if args.assign_to else None
        new_id = session.referrals.import_packet(data, assign_to=assign_to)
    print(new_id)
    return EXIT_OK


def cmd_trust(args: argparse.Namespace) -> int:
    card = _read_sender_card(args.card)
    confirm_fingerprint(f"Sender: {_shown(card.organisation)}", card.fingerprint(), assume_yes=args.yes,
                        refused="Not trusted: the fingerprint was not confirmed.")
    with unlocked(args) as session:
        sender = session.referrals.trust_sender(card)
    print(sender.key_id)
    print(sender.fingerprint)
    return EXIT_OK


def cmd_card(args: argparse.Namespace) -> int:
    kind = PartnerKind(args.kind)
    name = card_name(args.name) if args.name is not None else None
    out = PrivateFile(args.out)
    try:
        with unlocked(args) as session:
            try:
                card = session.referrals.receiving_card(name=name, kind=kind)
            except CardError as exc:
                raise CliError(f"Cannot make the card: {exc}", EXIT_INVALID) from None
        out.write_bytes(card_file_bytes(card))
    finally:
        out.close()
    print(card.key_id)
    print(card.fingerprint())
    return EXIT_OK
