"""Clearly fictional demo data: NZ names with macrons, rural addresses, test-range NHI numbers (ZZZ...).

Used by ``tiaki demo``, the screenshots and the benchmarks. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

GIVEN = ["Aroha", "Mere", "Hēmi", "Tamati", "Anahera", "Wiremu", "Kiri", "Rāwiri", "Ngaio", "Tāne", "Moana",
         "Hine", "Manaia", "Rēwi", "Ātaahua", "Sione", "Losa", "Mele", "Tevita", "Siaosi", "Grace", "Liam",
         "Olivia", "Jack", "Priya", "Wei", "Ana", "Māia", "Tūī", "Kōwhai"]
FAMILY = ["Ngata", "Te Whānau", "Pōmare", "Tūhoe-Smith", "Pārata", "Tāwhiao", "Kēepa", "Rangihau", "Māhaki",
          "Fonoti", "Tuilagi", "Havili", "Taufa", "Brown", "Wilson", "Ōtāne", "Paewai", "Hōhaia", "Wēpiha",
          "Tamihana", "Matenga", "Rōpata", "Singh", "Chen", "Fifita", "Leaupepe"]
PLACES = [("Ōpōtiki", "bay_of_plenty"), ("Ruatōria", "gisborne"), ("Kaikohe", "northland"),
          ("Wairoa", "hawkes_bay"), ("Taumarunui", "manawatu_whanganui"), ("Murupara", "bay_of_plenty"),
          ("Ōtorohanga", "waikato"), ("Whanganui", "manawatu_whanganui"), ("Kaitāia", "northland"),
          ("Tokoroa", "waikato"), ("Pātea", "taranaki"), ("Westport", "west_coast"), ("Twizel", "canterbury"),
          ("Te Kūiti", "waikato"), ("Rāwene", "northland")]
ROADS = ["Kōwhai Demo Road", "Pōhutukawa Sample Lane", "Tōtara Example Street", "Mānuka Test Drive",
         "Rimu Fictional Road"]
_NHI_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def demo_client(rng: random.Random, index: int) -> dict[str, object]:
    town, region = rng.choice(PLACES)
    fields: dict[str, object] = {
        "given_name": rng.choice(GIVEN),
        "family_name": rng.choice(FAMILY),
        "date_of_birth": f"{rng.randint(1940, 2015)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "address": f"{rng.randint(1, 400)} {rng.choice(ROADS)}\nRD {rng.randint(1, 9)}\n{town}",
        "region": region,
        "phone": f"027 555 {index % 10000:04d}",
    }
    if rng.random() < 0.6:
        fields["nhi"] = "ZZZ" + "".join(rng.choice(_NHI_ALPHABET[:10]) for _ in range(2)) + "".join(
            rng.choice(_NHI_ALPHABET) for _ in range(2))
    if rng.random() < 0.4:
        fields["living_arrangement"] = rng.choice(["renting", "whanau", "social_housing", "owner"])
    if rng.random() < 0.3:
        fields["dependent_children"] = rng.randint(0, 6)
    if rng.random() < 0.5:
        fields["case_notes"] = "Fictional demo note: home visit went well; follow up about housing next week."
    return fields


def demo_clients(count: int, seed: int = 2026) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    for index in range(count):
        yield demo_client(rng, index)
