"""The person's "who your information has been shared with" report, read back from the PDF with pypdf: every
partner that received this client's data and nothing about another client, in English and in te reo Māori;
made from the client's Sharing tab and audited."""

from __future__ import annotations

import io
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from outbox_support import agree, consent, enrol, shared_client
from referral_support import DETAILS, packet_partner
from support import collected
from tiaki.core.audit import Action
from tiaki.ui.client_report import ClientReportDialog, ClientReportDocument
from tiaki.ui.client_sharing_panel import ClientSharingPanel

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ORGANISATION = "Whānau Support Kirikiriroa"
SYNC_PARTNER, PACKET_PARTNER, OTHER_PARTNER = "Kāinga Housing Trust", "Te Whare Āwhina", "Budget Advice Qzother"


def words(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def _send(session, partner_id: str) -> None:  # type: ignore[no-untyped-def]
    envelope = session.outbox.seal_next(partner_id, max_messages=20)
    assert envelope is not None
    session.outbox.record_attempt(envelope.envelope_id, error=None)


@pytest.fixture
def world(session):  # type: ignore[no-untyped-def]
    """Client A (Ana Havili): a sync share sent to one partner, a referral packet exported to another, and a
    share to a third partner queued but never sent (not received). Client B: a share sent to that third one."""
    session.set_organisation_name(ORGANISATION)
    a, sync_partner, _identity, _consent = shared_client(session, SYNC_PARTNER)
    packet_id, _ = packet_partner(session, PACKET_PARTNER)
    consent(session, a, packet_id)
    b = session.clients.create({"given_name": "Rāwiri", "family_name": "Qzotherclient", "phone": "021 555 0188"},
                               collection=collected(session)).id
    other, _ = enrol(session, OTHER_PARTNER)
    agree(session, other)
    consent(session, b, other)
    session.outbox.queue_share(a, sync_partner, "referral")
    _send(session, sync_partner)
    session.referrals.export(a, packet_id, "referral", DETAILS)
    session.outbox.queue_share(b, other, "referral")
    _send(session, other)
    consent(session, a, other)
    session.outbox.queue_share(a, other, "referral")  # queued only: that partner has not received A's data
    return a, b


@pytest.fixture
def maori_i18n(tmp_path: Path) -> Path:
    if not (BIN / "pyside6-lrelease").exists():
        pytest.skip("pyside6-lrelease is not installed")
    folder = tmp_path / "i18n"
    folder.mkdir()
    shutil.copy(ROOT / "i18n" / "tiaki_mi.ts", folder / "tiaki_mi.ts")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(folder / "tiaki_mi.ts"), "-qm", str(folder / "tiaki_mi.qm")],
                   check=True, capture_output=True)
    return folder


def test_english_report_lists_every_receiving_partner_and_nothing_else(qapp, session, world) -> None:
    a, b = world
    report = session.history.client_report(a)
    assert [row.partner_name for row in report.rows] == [SYNC_PARTNER, PACKET_PARTNER]
    text = words(ClientReportDocument(report, session.catalogue, "en").pdf_bytes())
    assert "Who your information has been shared with" in text and "Confidential" in text and "Page 1 of" in text
    assert ORGANISATION in text and "Ana Havili" in text
    for name in (SYNC_PARTNER, PACKET_PARTNER):
        assert name in text
    for foreign in (OTHER_PARTNER, "Rāwiri", "Qzotherclient", "021 555 0188"):
        assert foreign not in text
    assert "Sent encrypted over the internet, straight to the organisation's secure inbox." in text
    assert "Handed over as an encrypted file that only that organisation can open." in text
    assert "You agreed to it (your consent)." in text
    assert "Given name" in text and "Referral" in text
    assert "principle 6" in text and "principle 7" in text and "privacy officer at " + ORGANISATION in text
    assert "027 555 0101" not in text, "the report names kinds of information, never their values"
    # Client B's own report names only the partner B's data went to.
    other = words(ClientReportDocument(session.history.client_report(b), session.catalogue, "en").pdf_bytes())
    assert OTHER_PARTNER in other and SYNC_PARTNER not in other and PACKET_PARTNER not in other
    assert "Ana Havili" not in other


def test_maori_report_has_maori_headings(qapp, session, world, maori_i18n: Path) -> None:
    a, _b = world
    document = ClientReportDocument(session.history.client_report(a), session.catalogue, "mi", i18n=maori_i18n)
    assert document.lang.language == "mi"
    text = words(document.pdf_bytes())
    for heading in ("Ko wai kua whiwhi i ō mōhiohio", "Matatapu", "Whārangi 1 o", "Āhea", "Ngā momo mōhiohio",
                    "I runga i te aha", "Te kite me te whakatika i ō mōhiohio", "Ko wai hei whakapā atu"):
        assert heading in text, heading
    for english in ("Who your information", "Confidential", "What kinds of information", "On what basis"):
        assert english not in text
    for name in (SYNC_PARTNER, PACKET_PARTNER, "Ana Havili", ORGANISATION):
        assert name in text
    assert OTHER_PARTNER not in text and "Qzotherclient" not in text
    assert "Noema" in text or "Tīhema" in text or re.search(r"\d{1,2} [A-ZĀĒĪŌŪ][a-zāēīōū]+ \d{4}", text)


def test_dialog_saves_an_audited_private_pdf_from_the_sharing_tab(qtbot, session, world, maori_i18n: Path,
                                                                  tmp_path: Path, accessibility) -> None:
    a, _b = world
    panel = ClientSharingPanel(session)
    qtbot.addWidget(panel)
    panel.show_for(a, "Ana Havili", writable=True)
    panel.show()
    assert panel.report_button.isEnabled()
    opened = panel.report()
    assert opened is not None and opened.isVisible()
    assert accessibility(opened) == []
    opened.reject()
    dialog = ClientReportDialog(session, a, "Ana Havili", i18n=maori_i18n)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("mi"))
    path = tmp_path / "report.pdf"
    with qtbot.waitSignal(dialog.made) as made:
        assert dialog.save_pdf_to(path)
    assert made.args == ["pdf"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Ko wai kua whiwhi i ō mōhiohio" in words(path.read_bytes())
    made_reports = [e for e in session.audit.recent(20) if e.action == Action.CLIENT_REPORT]
    assert [(e.subject_id, e.detail) for e in made_reports] == [(a, {"format": "pdf", "language": "mi"})]
    assert "report.pdf" in dialog.status.text()


def test_report_for_a_client_out_of_reach_is_refused_in_one_line(qtbot, session, world, tmp_path: Path) -> None:
    dialog = ClientReportDialog(session, "no-such-client", "Nobody")
    qtbot.addWidget(dialog)
    path = tmp_path / "nothing.pdf"
    assert not dialog.save_pdf_to(path)
    assert not path.exists() and not dialog.problem.isHidden() and "\n" not in dialog.problem.text()


def test_reports_from_a_real_history_name_exactly_the_receiving_partners(qapp, tmp_path: Path) -> None:
    from contextlib import closing

    from history_support import history_world

    with closing(history_world(tmp_path)) as world:
        names = {"inbox": "Te Whare Āwhina", "housing": "Kāinga Housing Trust", "health": "Ōtautahi Health"}
        expected = {"tama_a": {"inbox", "housing"}, "tama_b": {"inbox", "health"}, "ana_a": {"inbox", "health"}}
        people = {"tama_a": "Aroha Tane", "tama_b": "Wiremu Kahu", "ana_a": "Sione Havili"}
        for key, partners in expected.items():
            report = world.admin.history.client_report(world.clients[key])
            assert {row.partner_name for row in report.rows} == {names[p] for p in partners}
            text = words(ClientReportDocument(report, world.admin.catalogue, "en").pdf_bytes())
            for partner, name in names.items():
                assert (name in text) == (partner in partners), (key, name)
            for other, person in people.items():
                assert (person in text) == (other == key), (key, person)
        housing = next(r for r in world.admin.history.client_report(world.clients["tama_a"]).rows
                       if r.partner_name == names["housing"])
        document = ClientReportDocument(world.admin.history.client_report(world.clients["tama_a"]),
                                        world.admin.catalogue, "en")
        assert set(housing.channels) == {"packet", "print"}
        text = words(document.pdf_bytes())
        assert "On a printed or PDF referral form." in text and "Handed over as an encrypted file" in text
        override = words(ClientReportDocument(world.admin.history.client_report(world.clients["ana_a"]),
                                              world.admin.catalogue, "en").pdf_bytes())
        assert "It was necessary to prevent or lessen a serious threat to someone's life or health." in override


def test_printing_is_audited_with_its_language(qtbot, session, world, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    a, _b = world
    dialog = ClientReportDialog(session, a, "Ana Havili")
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(dialog.made) as made:
        assert dialog.print_to(printer)
    assert made.args == ["print"] and dialog.status.text() == "The report was sent to the printer."
    assert SYNC_PARTNER in words((tmp_path / "printed.pdf").read_bytes())
    made_reports = [e for e in session.audit.recent(20) if e.action == Action.CLIENT_REPORT]
    assert [(e.subject_id, e.detail) for e in made_reports] == [(a, {"format": "print", "language": "en"})]


def test_a_missing_translation_falls_back_to_english_and_says_so(qtbot, session, world, tmp_path: Path) -> None:
    a, _b = world
    empty = tmp_path / "no-translations"
    empty.mkdir()
    dialog = ClientReportDialog(session, a, "Ana Havili", i18n=empty)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("mi"))
    assert dialog.save_pdf_to(tmp_path / "fallback.pdf")
    assert "Who your information has been shared with" in words((tmp_path / "fallback.pdf").read_bytes())
    assert dialog.status.text().endswith("No translation for that language is installed, so the report is in "
                                         "English.")
    made_reports = [e for e in session.audit.recent(20) if e.action == Action.CLIENT_REPORT]
    assert [e.detail for e in made_reports] == [{"format": "pdf", "language": "en"}]
