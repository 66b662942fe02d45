"""The ``tiaki`` command: opens the app, and scripted or admin work as subcommands.

Exit codes: 0 ok, 1 a check failed, 2 usage, 3 wrong passphrase or locked, 4 invalid input. Errors are one
line on stderr, never a traceback, and never contain a client's information.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from tiaki import __version__, logs
from tiaki.cli_io import EXIT_CHECK_FAILED, EXIT_INVALID, EXIT_LOCKED, EXIT_USAGE, CliError
from tiaki.core.roles import AccessDenied, Role
from tiaki.store.errors import (
    DamagedStore,
    InvalidInput,
    NoStore,
    NotFound,
    StoreError,
    StoreExists,
    UnlockDelayed,
    WorkerNeeded,
    WrongPassphrase,
)

# PartnerKind's values, spelled out so that starting the app does not import the sharing model (a test checks).
PARTNER_KINDS = ("government_agency", "ngo", "iwi_or_pacific_provider", "health_provider")
URGENCIES = ("routine", "urgent", "asap")  # tiaki.core.referral_bundle.URGENCIES (a test keeps them equal)
log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"tiaki: {message} (see 'tiaki --help')\n")


def _globals(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Global options, accepted before or after the subcommand."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="the store's directory (default: TIAKI_DATA_DIR or the platform's data dir)")
    parser.add_argument("--worker", metavar="NAME", default=default,
                        help="who you are (may be left out when the store has one worker)")
    parser.add_argument("--passphrase-file", metavar="FILE", default=default,
                        help="read the passphrase from FILE (else TIAKI_PASSPHRASE, else a prompt)")


def _command(sub: argparse._SubParsersAction[_Parser], name: str, run: str | Callable[[argparse.Namespace], int],
             help_text: str) -> _Parser:
    """``run`` names a function in ``cli_commands`` (imported only when a command runs: opening the app
    should not wait for the database and crypto libraries) or is the function itself."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    _globals(parser, suppress=True)
    parser.set_defaults(run=run)
    return parser


def build_parser() -> _Parser:
    parser = _Parser(prog="tiaki", description="Tiaki: encrypted client records, consent and safe sharing.")
    parser.add_argument("--version", action="version", version=f"tiaki {__version__}")
    _globals(parser, suppress=False)
    parser.set_defaults(run=_gui)
    top = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    init = _command(top, "init", "cmd_init", "create the store and its first administrator")
    init.add_argument("--display-name", metavar="TEXT")
    init.add_argument("--organisation", metavar="NAME", help="the collecting agency named in notices and receipts")
    init.add_argument("--recovery-out", metavar="FILE", help="write the recovery key to FILE instead of printing")

    _command(top, "gui", _gui, "open the app")
    demo = _command(top, "demo", "cmd_demo", "open the app on a demo store of fictional clients")
    demo.add_argument("--clients", type=int, default=200, help=argparse.SUPPRESS)

    client = _command(top, "client", _needs_subcommand, "add, edit, show, find and archive clients")
    csub = client.add_subparsers(title="client commands", metavar="ACTION", parser_class=_Parser)
    add = _command(csub, "add", "cmd_client_add", "add a client from JSON (prints the new id)")
    add.add_argument("--json", required=True, metavar="FILE|-", help="the client JSON (see docs/client-json.md)")
    edit = _command(csub, "edit", "cmd_client_edit", "change fields from JSON (null clears a field)")
    edit.add_argument("id")
    edit.add_argument("--json", required=True, metavar="FILE|-")
    get = _command(csub, "get", "cmd_client_get", "show a client (audited as a view)")
    get.add_argument("id")
    get.add_argument("--json", action="store_true", help="print JSON")
    search = _command(csub, "search", "cmd_client_search", "find clients by name or identifier")
    search.add_argument("query")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=int, default=50)
    archive = _command(csub, "archive", "cmd_client_archive", "archive a client")
    archive.add_argument("id")
    assign = _command(csub, "assign", "cmd_client_assign", "assign a client to a worker (privacy officer)")
    assign.add_argument("id")
    assign.add_argument("--to", required=True, metavar="NAME")

    audit = _command(top, "audit", _needs_subcommand, "the audit log")
    asub = audit.add_subparsers(title="audit commands", metavar="ACTION", parser_class=_Parser)
    _command(asub, "verify", "cmd_audit_verify", "check the hash chain and signed checkpoints")
    _command(top, "check", "cmd_check", "check every database page (integrity and authentication)")
    selfcheck = _command(top, "self-check", "ui.self_check.cmd_self_check",
                         "check that this installation can start: Qt, translations, resources, the first window")
    selfcheck.add_argument("--offscreen", action="store_true", help="no display needed (QT_QPA_PLATFORM=offscreen)")

    worker = _command(top, "worker", _needs_subcommand, "workers and roles (privacy officer)")
    wsub = worker.add_subparsers(title="worker commands", metavar="ACTION", parser_class=_Parser)
    wadd = _command(wsub, "add", "cmd_worker_add", "add a worker with their own passphrase")
    wadd.add_argument("name")
    wadd.add_argument("--role", required=True, choices=[r.value for r in Role])
    wadd.add_argument("--display-name", metavar="TEXT")
    wadd.add_argument("--new-passphrase-file", metavar="FILE",
                      help="their passphrase from FILE (else TIAKI_NEW_PASSPHRASE, else a prompt)")
    wlist = _command(wsub, "list", "cmd_worker_list", "list workers")
    wlist.add_argument("--json", action="store_true")

    pchange = _command(top, "passphrase", "cmd_passphrase_change", "change your passphrase")
    pchange.add_argument("--new-passphrase-file", metavar="FILE")
    recover = _command(top, "recover", "cmd_recover",
                       "set a new passphrase for a worker using the organisation's recovery key")
    recover.add_argument("--recovery-key-file", metavar="FILE", help="else TIAKI_RECOVERY_KEY, else a prompt")
    recover.add_argument("--new-passphrase-file", metavar="FILE")
    rkey = _command(top, "recovery-key", _needs_subcommand, "the organisation's recovery key")
    rsub = rkey.add_subparsers(title="recovery-key commands", metavar="ACTION", parser_class=_Parser)
    rotate = _command(rsub, "rotate", "cmd_recovery_rotate", "replace the recovery key (privacy officer)")
    rotate.add_argument("--recovery-out", metavar="FILE")
    partner = _command(top, "partner", _needs_subcommand, "partner organisations (privacy officer adds)")
    psub = partner.add_subparsers(title="partner commands", metavar="ACTION", parser_class=_Parser)
    padd = _command(psub, "add", "cli_sharing.cmd_partner_add", "add a partner from JSON (prints its id)")
    padd.add_argument("--json", required=True, metavar="FILE|-", help="see docs/sharing-json.md")
    _command(psub, "list", "cli_sharing.cmd_partner_list", "list partners as JSON")
    enroll = _command(psub, "enroll", "cli_sync.cmd_partner_enroll",
                      "enrol a partner from its card after comparing the fingerprint (prints id and fingerprint)")
    enroll.add_argument("--card", required=True, metavar="FILE")
    enroll.add_argument("--yes", action="store_true",
                        help="the fingerprint was compared with the partner out of band (else a prompt)")
    # The partner's own side: its inbox service (no store, no passphrase).
    pinit = _command(psub, "init", "cli_partner.cmd_init", "create a partner inbox's identity and write its card")
    pinit.add_argument("--name", metavar="TEXT", help="the organisation's name on its card")
    pinit.add_argument("--kind", default="ngo", choices=PARTNER_KINDS)
    pinit.add_argument("--inbox-url", metavar="URL", help="the URL devices send to (default from --host/--port)")
    pinit.add_argument("--packet-only", action="store_true",
                       help="no inbox: a card without a URL, for a partner reached only by referral packets")
    pinit.add_argument("--host", default="127.0.0.1")
    pinit.add_argument("--port", type=int, default=8470)
    prot = _command(psub, "rotate", "cli_partner.cmd_rotate",
                    "make a new key and a card signed by the old one (old keys still open what was sealed to them)")
    prot.add_argument("--inbox-url", metavar="URL")
    serve = _command(psub, "serve", "cli_partner.cmd_serve", "run the partner inbox")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    allow = _command(psub, "allow", "cli_partner.cmd_allow", "let a Tiaki device send to this inbox (its card)")
    allow.add_argument("--card", required=True, metavar="SENDER_CARD")
    inbox = _command(psub, "inbox", _needs_subcommand, "what arrived in this partner inbox")
    isub = inbox.add_subparsers(title="inbox commands", metavar="ACTION", parser_class=_Parser)
    ilist = _command(isub, "list", "cli_partner.cmd_inbox_list", "messages received, newest first")
    ilist.add_argument("--json", action="store_true", help="print JSON (the only format)")
    iopen = _command(isub, "open", "cli_partner.cmd_inbox_open", "decrypt one message and print it as JSON")
    iopen.add_argument("message_id", metavar="MSG_ID")
    device = _command(top, "device", _needs_subcommand, "this device's identity")
    dsub = device.add_subparsers(title="device commands", metavar="ACTION", parser_class=_Parser)
    dcard = _command(dsub, "card", "cli_sync.cmd_device_card",
                     "write this device's sender card (a partner allows it with 'tiaki partner allow')")
    dcard.add_argument("--out", required=True, metavar="FILE")
    agreement = _command(top, "agreement", _needs_subcommand, "sharing agreements (privacy officer adds)")
    gsub = agreement.add_subparsers(title="agreement commands", metavar="ACTION", parser_class=_Parser)
    gadd = _command(gsub, "add", "cli_sharing.cmd_agreement_add", "add a sharing agreement from JSON (prints its id)")
    gadd.add_argument("--json", required=True, metavar="FILE|-", help="see docs/sharing-json.md")
    consent = _command(top, "consent", _needs_subcommand, "a client's consent records")
    nsub = consent.add_subparsers(title="consent commands", metavar="ACTION", parser_class=_Parser)
    nrec = _command(nsub, "record", "cli_sharing.cmd_consent_record", "record a consent (prints its id)")
    nrec.add_argument("--client", required=True, metavar="ID")
    nrec.add_argument("--json", required=True, metavar="FILE|-", help="see docs/sharing-json.md")
    nwd = _command(nsub, "withdraw", "cli_sharing.cmd_consent_withdraw", "withdraw a consent (a new event, from now)")
    nwd.add_argument("consent_id", metavar="CONSENT_ID")
    nwd.add_argument("--reason", metavar="TEXT")
    nrenew = _command(nsub, "renew", "cli_sharing.cmd_consent_renew",
                      "the person confirms a consent again (a new event)")
    nrenew.add_argument("consent_id", metavar="CONSENT_ID")
    nrenew.add_argument("--expires", metavar="DATE", help="the new expiry (YYYY-MM-DD); none: open-ended")
    nlist = _command(nsub, "list", "cli_sharing.cmd_consent_list", "a client's consents with their history")
    nlist.add_argument("--client", required=True, metavar="ID")
    nlist.add_argument("--json", action="store_true", help="print JSON (the only format)")
    share = _command(top, "share", _needs_subcommand, "what may be shared")
    ssub_ = share.add_subparsers(title="share commands", metavar="ACTION", parser_class=_Parser)
    prev = _command(ssub_, "preview", "cli_sharing.cmd_share_preview",
                    "the fields that would go to a partner for a purpose, and those withheld, with reasons")
    prev.add_argument("--client", required=True, metavar="ID")
    prev.add_argument("--partner", required=True, metavar="PID")
    prev.add_argument("--purpose", required=True, metavar="KEY")
    prev.add_argument("--json", action="store_true", help="print JSON")
    queue = _command(ssub_, "queue", "cli_sync.cmd_share_queue",
                     "queue a client's permitted fields for a partner (prints the message id)")
    queue.add_argument("--client", required=True, metavar="ID")
    queue.add_argument("--partner", required=True, metavar="PID")
    queue.add_argument("--purpose", required=True, metavar="KEY")
    _serious_threat(queue)
    sync = _command(top, "sync", "cli_sync.cmd_sync", "send what is queued to partners and collect their receipts")
    sync.add_argument("--once", action="store_true", help="one run, then exit (the only mode on the command line)")
    sync.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                      help="give up retrying after this long (default 120)")
    _history_commands(top)
    _packet_commands(top)

    settings = _command(top, "settings", _needs_subcommand, "settings for everyone using this store")
    ssub = settings.add_subparsers(title="settings", metavar="SETTING", parser_class=_Parser)
    auto_lock = _command(ssub, "auto-lock", "cmd_settings_auto_lock",
                         "show, or set (privacy officer), the idle minutes before Tiaki locks")
    auto_lock.add_argument("minutes", nargs="?", type=int)
    clipboard = _command(ssub, "clipboard", "cmd_settings_clipboard",
                         "show, or set (privacy officer), the seconds before a copied value leaves the clipboard")
    clipboard.add_argument("seconds", nargs="?", type=int)
    sync_interval = _command(ssub, "sync-interval", "cmd_settings_sync_interval",
                             "show, or set (privacy officer), the minutes between automatic syncs in the app "
                             "(0: only Sync now)")
    sync_interval.add_argument("minutes", nargs="?", type=int)
    return parser


def _serious_threat(parser: _Parser) -> None:
    parser.add_argument("--serious-threat", metavar="JUSTIFICATION", dest="serious_threat",
                        help="share under a serious-threat override (Privacy Act, principle 11(1)(f)): why it is "
                             "needed, at least 20 characters; a supervisor reviews it")


def _history_filters(parser: _Parser, *, suppress: bool) -> None:
    """The history's filters, on ``history`` and again on ``history report`` (there SUPPRESSed, so a filter
    given before ``report`` is kept)."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--client", metavar="ID", default=default, help="one client's disclosures")
    parser.add_argument("--partner", metavar="PID", default=default, help="to one partner")
    parser.add_argument("--made-by", metavar="ID|NAME", dest="filter_worker", default=default,
                        help="made by one worker (an id or a sign-in name)")
    parser.add_argument("--purpose", metavar="KEY", default=default, help="for one purpose")
    parser.add_argument("--basis", metavar="B", default=default,
                        help="relying on one legal basis (consent, purpose_of_collection, authorised_by_person, "
                             "approved_sharing_agreement, information_matching, legal_requirement, serious_threat)")
    parser.add_argument("--channel", metavar="C", default=default, help="sync, packet or print")
    parser.add_argument("--status", metavar="S", default=default,
                        help="queued, sent, acknowledged, refused, parked, cancelled, exported or printed")
    parser.add_argument("--search", metavar="TEXT", default=default,
                        help="a client's name, a partner's or worker's name, or a disclosure id")
    parser.add_argument("--since", metavar="DATE", default=default, help="from this day (YYYY-MM-DD, local time)")
    parser.add_argument("--until", metavar="DATE", default=default,
                        help="up to and including this day (YYYY-MM-DD, local time)")


def _history_commands(top: argparse._SubParsersAction[_Parser]) -> None:
    history = _command(top, "history", "cli_history.cmd_history",
                       "the sharing history: every disclosure you may see, newest first, as JSON")
    history.add_argument("--json", action="store_true", help="print JSON (the only format)")
    _history_filters(history, suppress=False)
    hsub = history.add_subparsers(title="history commands", metavar="[report]", parser_class=_Parser)
    report = _command(hsub, "report", "cli_history.cmd_history_report",
                      "write the filtered history as a CSV or PDF report (it holds personal information; only "
                      "you can read the file); prints the number of entries")
    report.add_argument("--format", required=True, choices=("csv", "pdf"))
    report.add_argument("--out", required=True, metavar="FILE", help="a new file")
    _history_filters(report, suppress=True)

    review = _command(top, "review", _needs_subcommand,
                      "the review queue: serious-threat overrides and anomalies (supervisors, privacy officers)")
    vsub = review.add_subparsers(title="review commands", metavar="ACTION", parser_class=_Parser)
    vlist = _command(vsub, "list", "cli_history.cmd_review_list", "counts and undecided items as JSON")
    vlist.add_argument("--json", action="store_true", help="print JSON (the only format)")
    decide = _command(vsub, "decide", "cli_history.cmd_review_decide",
                      "record a review of one item (prints the review's id)")
    decide.add_argument("item_id", metavar="ID", help="kind:disclosure-id, as 'tiaki review list' shows it")
    decide.add_argument("--decision", required=True, choices=("accepted", "rejected"))
    decide.add_argument("--comment", required=True, metavar="TEXT", help="why (kept in the encrypted store)")


def _packet_commands(top: argparse._SubParsersAction[_Parser]) -> None:
    packet = _command(top, "packet", _needs_subcommand,
                      "referral packets: an encrypted, signed file only one partner can open (docs/referral-packet.md)")
    ksub = packet.add_subparsers(title="packet commands", metavar="ACTION", parser_class=_Parser)
    export = _command(ksub, "export", "cli_packet.cmd_export",
                      "seal a client's permitted fields as a referral to a partner (prints the packet id)")
    export.add_argument("--client", required=True, metavar="ID")
    export.add_argument("--partner", required=True, metavar="PID")
    export.add_argument("--purpose", required=True, metavar="KEY")
    export.add_argument("--reason", metavar="TEXT", help="why the person is referred")
    export.add_argument("--urgency", default="routine", choices=URGENCIES)
    export.add_argument("--services", metavar="TEXT", help="the services requested")
    export.add_argument("--note", metavar="TEXT", help="a note to the partner")
    export.add_argument("--out", required=True, metavar="FILE", help="the new .age file (only you can read it)")
    _serious_threat(export)
    kopen = _command(ksub, "open", "cli_packet.cmd_open",
                     "decrypt and verify a packet with an age identity file (no store needed); who signed it "
                     "goes to stderr")
    kopen.add_argument("file", metavar="FILE")
    kopen.add_argument("--identity", required=True, metavar="FILE",
                       help="the age identity file (a partner directory's age-identity.txt)")
    kopen.add_argument("--sender-card", metavar="FILE",
                       help="the sender's device card: exit 1 unless that device signed the packet")
    kopen.add_argument("--json", action="store_true", help="print the FHIR R4 Bundle as JSON (else a summary)")
    kimport = _command(ksub, "import", "cli_packet.cmd_import",
                       "create a client from a packet signed by a trusted sender (prints the new client's id)")
    kimport.add_argument("file", metavar="FILE")
    kimport.add_argument("--assign-to", metavar="WORKER_NAME", help="the worker who takes the client on")
    trust = _command(ksub, "trust", "cli_packet.cmd_trust",
                     "trust a referring device's sender card after comparing its fingerprint (prints key id and "
                     "fingerprint)")
    trust.add_argument("--card", required=True, metavar="SENDER_CARD")
    trust.add_argument("--yes", action="store_true",
                       help="the fingerprint was compared with the sender out of band (else a prompt)")
    card = _command(ksub, "card", "cli_packet.cmd_card",
                    "write this organisation's packet-only partner card for referrers to enrol (prints key id and "
                    "fingerprint)")
    card.add_argument("--out", required=True, metavar="FILE")
    card.add_argument("--name", metavar="NAME", help="the name on the card (default: the organisation's)")
    card.add_argument("--kind", default="ngo", choices=PARTNER_KINDS)


def _gui(args: argparse.Namespace) -> int:
    from tiaki.paths import data_dir
    from tiaki.ui.app import run_app

    return run_app(data_dir(args.data_dir))


def _resolve(run: str | Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A command named as "function" (in cli_commands) or "module.function" (a tiaki module), imported now."""
    if callable(run):
        return run
    module_name, _, name = run.rpartition(".")
    module = importlib.import_module(f"tiaki.{module_name or 'cli_commands'}")
    function: Callable[[argparse.Namespace], int] = getattr(module, name)
    return function


def _needs_subcommand(args: argparse.Namespace) -> int:
    raise CliError("Say what to do: see --help for the actions.", EXIT_USAGE)


_STORE_EXIT = (
    ((WrongPassphrase, UnlockDelayed, WorkerNeeded), EXIT_LOCKED),
    ((InvalidInput, NotFound, StoreExists), EXIT_INVALID),
    ((NoStore,), EXIT_USAGE),
    ((DamagedStore,), EXIT_CHECK_FAILED),
)


def _exit_code(exc: StoreError) -> int:
    for kinds, code in _STORE_EXIT:
        if isinstance(exc, kinds):
            return code
    return EXIT_CHECK_FAILED


_GLOBAL_OPTIONS = ("--data-dir", "--worker", "--passphrase-file")


def _opens_the_app(argv: Sequence[str]) -> bool:
    """True when ``argv`` holds only global options (and their values): the app is opened, and the parser of
    every subcommand — a sixth of the time to the first window — need not be built."""
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word in _GLOBAL_OPTIONS and rest:
            rest.pop(0)
        elif not word.startswith(tuple(f"{option}=" for option in _GLOBAL_OPTIONS)):
            return False
    return True


def _app_parser() -> _Parser:
    parser = _Parser(prog="tiaki")
    _globals(parser, suppress=False)
    parser.set_defaults(run=_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = (_app_parser() if _opens_the_app(words) else build_parser()).parse_args(words)
    logs.setup()  # once, for the app and every command; nothing personal can reach it (see tiaki.logs)
    command = _command_name(args.run)
    log.info(logs.COMMAND_STARTED, command)
    code = _run(args, command)
    log.info(logs.COMMAND_FINISHED, command, code)
    return code


def _command_name(run: str | Callable[[argparse.Namespace], int]) -> str:
    """What a command runs, by its name in the code ("cmd_client_add", "cli_sync.cmd_sync", "gui"): never input."""
    return run if isinstance(run, str) else run.__name__.lstrip("_")


def _run(args: argparse.Namespace, command: str) -> int:
    try:
        return int(_resolve(args.run)(args))
    except CliError as exc:
        return _fail(str(exc), exc.code)
    except StoreError as exc:
        return _fail(str(exc), _exit_code(exc))
    except AccessDenied as exc:
        return _fail(str(exc), EXIT_CHECK_FAILED)
    except OSError as exc:  # a data directory that is a file, a disk that is full: the OS's words, no values
        return _fail(f"Cannot read or write the data directory or a file ({exc.strerror or 'system error'}).",
                     EXIT_INVALID)
    except KeyboardInterrupt:
        return _fail("Interrupted; nothing more was done.", EXIT_INVALID)
    except Exception as exc:
        # The type only: an exception's text could carry a value from the record.
        log.error(logs.COMMAND_FAILED, command, exc_info=exc)  # the type and code frames, never the text
        return _fail(f"Unexpected error ({type(exc).__name__}); nothing more was done.", EXIT_CHECK_FAILED)


def _fail(message: str, code: int) -> int:
    print(f"tiaki: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
