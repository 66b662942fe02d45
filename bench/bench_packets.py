"""Referral packets: sealing throughput against the stock age tool, and a typical export end to end.

1. Sealing a 1 MB and a 50 MB Bundle straight into a file (``tiaki.core.packet.seal_packet_to``: the header
   line, age encryption with pyrage streaming the header and the Bundle while a second thread hashes the Bundle,
   then the signature line with the Ed25519 signature), against the stock ``age`` command encrypting the same
   plaintext (the three lines Tiaki encrypted, read back) from a file to the same recipient in the same run
   (process start included, as a person using it would pay), interleaved. Goal: Tiaki's throughput >= 0.8x
   age's; the RESULT ratio is Tiaki's time over age's, so the goal is <= 1.25. Context: ``seal_packet`` (the
   packet as bytes in memory) followed by writing those bytes, the path that holds the whole packet twice.
2. A typical referral exported end to end (``session.referrals.export``: decide with the policy engine, build
   the FHIR Bundle, sign, encrypt, record the history row, the seal and the audit entry in one durable
   transaction) plus writing the file, on a store holding N other clients. Goal: p95 <= 200 ms; the RESULT
   ratio is p95 over 200 ms. Context: the "what will leave" preview for the same client (the decision alone).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from _common import client_count, header, ms, parser, percentile, populate_session, result, temp_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from referral_support import DETAILS, make_store, referral_setup
from tiaki.core.cards import new_partner_card
from tiaki.core.clock import iso, utc_now
from tiaki.core.packet import bundle_bytes, seal_packet, seal_packet_to
from tiaki.core.sharing import PartnerKind

GOAL_SEAL = 1.25  # time over age's: throughput >= 0.8x
GOAL_EXPORT_MS = 200.0
SIZES = {"1 MB": 1024 * 1024, "50 MB": 50 * 1024 * 1024}


def bundle_of(size: int) -> bytes:
    """A Bundle line of about ``size`` bytes: a referral whose note carries the bulk (incompressible text, as
    age does not compress and neither does the packet)."""
    filler = os.urandom(size // 2).hex()[: size - 200]
    doc = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": {"resourceType": "ServiceRequest", "status": "active",
                                                              "intent": "order", "note": [{"text": filler}]}}]}
    return bundle_bytes(doc)


def best_of(runs: int, fn: object) -> list[float]:
    assert callable(fn)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def bench_seal(work: Path, age: str) -> None:
    identity = pyrage.x25519.Identity.generate()
    card = new_partner_card(name="Te Whare Awhina", kind=PartnerKind.NGO, overseas=False, inbox_url=None,
                            age_recipient=str(identity.to_public()),
                            receipt_key=Ed25519PrivateKey.generate().public_key(), created_at=iso(utc_now()))
    key = Ed25519PrivateKey.generate()
    for label, size in SIZES.items():
        data = bundle_of(size)
        plain_path, tiaki_out, age_out = work / "plain.bin", work / "tiaki.age", work / "age.age"
        bytes_out = work / "tiaki-bytes.age"
        runs = 15 if size < 10 * 1024 * 1024 else 9

        def tiaki(data: bytes = data, out: Path = tiaki_out) -> None:
            with out.open("wb") as file:
                seal_packet_to(file, data, packet_id=str(uuid.uuid4()), created_at=iso(utc_now()),
                               organisation="Bench", device_id=str(uuid.uuid4()), signing_key=key, recipient=card)

        def in_memory(data: bytes = data, out: Path = bytes_out) -> None:
            out.write_bytes(seal_packet(data, packet_id=str(uuid.uuid4()), created_at=iso(utc_now()),
                                        organisation="Bench", device_id=str(uuid.uuid4()), signing_key=key,
                                        recipient=card))

        tiaki()  # the same plaintext bytes for age: the three lines seal_packet_to encrypted
        plain = pyrage.decrypt(tiaki_out.read_bytes(), [identity])
        plain_path.write_bytes(plain)
        assert plain.split(b"\n")[1] == data  # (a filler Bundle: not a referral, so not opened as one)

        def stock(out: Path = age_out, src: Path = plain_path) -> None:
            subprocess.run([age, "-r", card.age_recipient, "-o", str(out), str(src)], check=True)

        stock()
        assert pyrage.decrypt(age_out.read_bytes(), [identity]) == plain
        # Interleave the two so both see the same machine load.
        ours: list[float] = []
        theirs: list[float] = []
        memory: list[float] = []
        for _ in range(runs):
            ours += best_of(1, tiaki)
            theirs += best_of(1, stock)
            memory += best_of(1, in_memory)
        mine, base = statistics.median(ours), statistics.median(theirs)
        mb = len(plain) / 1e6
        print(f"{label}: plaintext {len(plain):,} bytes; Tiaki seal into the file median {ms(mine)} "
              f"({mb / mine:.0f} MB/s), age CLI median {ms(base)} ({mb / base:.0f} MB/s); best {ms(min(ours))} vs "
              f"{ms(min(theirs))}; {runs} runs each, interleaved")
        print(f"context: seal_packet to bytes, then write them, median {ms(statistics.median(memory))} "
              f"({base / statistics.median(memory):.2f}x age's throughput)")
        result(f"packet seal {label} vs age CLI", mine / base, GOAL_SEAL,
               f"Tiaki at {base / mine:.2f}x age's throughput (goal >= 0.8x)")


def bench_export(work: Path, n: int, seed: int) -> None:
    session = make_store(work / "store")
    try:
        populate_session(session, n, seed=seed)
        ref = referral_setup(session)
        out = work / "referral.age"
        exports: list[float] = []
        previews: list[float] = []
        for i in range(220):
            start = time.perf_counter()
            packet = session.referrals.export(ref.client_id, ref.partner_id, "referral", DETAILS)
            out.write_bytes(packet.data)
            took = time.perf_counter() - start
            start = time.perf_counter()
            session.sharing.preview(ref.client_id, ref.partner_id, "referral")
            took_preview = time.perf_counter() - start
            if i >= 20:  # warm
                exports.append(took)
                previews.append(took_preview)
        assert ref.open(out.read_bytes()).header.packet_id == packet.packet_id
        p95, p50 = percentile(exports, 95), percentile(exports, 50)
        print(f"export end to end over {len(exports)} referrals on a store of {n:,} clients: p50 {ms(p50)}, "
              f"p95 {ms(p95)}; packet {len(packet.data):,} bytes, {len(packet.fields)} fields sent, "
              f"{len(packet.withheld)} withheld")
        print(f"context: the preview (policy decision only) p50 {ms(percentile(previews, 50))}, "
              f"p95 {ms(percentile(previews, 95))}")
        result("packet export p95 vs 200 ms", p95 / (GOAL_EXPORT_MS / 1000), 1.0,
               f"p95 {ms(p95)}; preview p95 {ms(percentile(previews, 95))}")
    finally:
        session.lock()


def main() -> int:
    args = parser(__doc__.splitlines()[0]).parse_args()
    n = client_count(args)
    header("referral packets", n)
    age = shutil.which("age")
    with temp_dir("tiaki-bench-packets-") as work:
        if age is None:
            print("the stock age tool is not installed (apt-get install age): sealing is not compared")
        else:
            bench_seal(work, age)
        bench_export(work, n, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
