"""Which three-letter codes count as real countries or territories.

ISO 3166-1 alpha-3 comes from pycountry (maintained, updated with ISO's changes). The
sources also use a few user-assigned codes that ISO does not list; each one we accept is
named here with its reason (METHODOLOGY.md, "Country codes").
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# Codes outside ISO 3166-1 that the sources use for real places.
EXTRA_CODES: dict[str, str] = {
    "XKX": "Kosovo (user-assigned code used by the World Bank, V-Dem, RSF and Freedom House)",
}

# Codes the sources use for entities that are not one state; importers skip them and say so.
NON_STATE_CODES: dict[str, str] = {
    "CSS": "RSF's code for the Organisation of Eastern Caribbean States, scored as one entity",
    "CTU": "RSF's code for Northern Cyprus, not recognised as a state by the UN",
}


# ISO 3166-1 reserves XAA-XZZ for user assignment. A user-assigned code is accepted where
# countries.csv declares it (Kosovo's XKX is one; the invented states of the test example
# use XAA-XAZ), so users can add an entity without changing code. Everywhere else a code
# must be ISO's or declared in countries.csv.
USER_ASSIGNED = re.compile(r"^X[A-Z]{2}$")


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(EXTRA_CODES)


def is_known(code: str) -> bool:
    return code in known_codes()


def is_user_assigned(code: str) -> bool:
    return bool(USER_ASSIGNED.match(code))


def other_names(code: str) -> list[str]:
    """The names readers also use for a state (ISO 3166's common and official names, as
    pycountry ships them): search finds "Russia"-style short names and long official ones."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    names = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
    return [n for n in dict.fromkeys(names) if n]


def reader_name(code: str, source_name: str) -> str:
    """The name readers use (issue 16): ISO 3166's common name where it has one (Bolivia,
    Iran, Laos, South Korea, Venezuela); else ISO's short name where it differs from the
    source's and reads as a plain name (Naoero -> Nauru, "United Kingdom of Great Britain
    and Northern Ireland" -> United Kingdom); else the source's name, unchanged."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return source_name
    common = getattr(country, "common_name", None)
    if common:
        return str(common)
    plain = "," not in country.name and "(" not in country.name
    return str(country.name) if source_name != country.name and plain else source_name
