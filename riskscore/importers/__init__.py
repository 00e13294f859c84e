"""Importers: read a publisher's file and write riskscore's tidy tables in country_data/.

Each importer owns its rows: re-importing replaces them and leaves others' rows alone. What
a source holds that riskscore cannot use (codes of no single state, units with no code) is
left out and named in the result, never silently dropped.
"""

from .cited import import_recodifications, import_shields, import_transnational_repression
from .convention import import_convention
from .fiw import import_fiw
from .groups import import_groups
from .offences import import_offences
from .population import import_population
from .rsf import import_rsf
from .unhcr import import_unhcr
from .vdem import import_vdem
from .worldmap import import_world_map

IMPORTERS = {
    "groups": import_groups,
    "population": import_population,
    "rsf": import_rsf,
    "vdem": import_vdem,
    "fiw": import_fiw,
    "offences": import_offences,
    "convention": import_convention,
    "unhcr": import_unhcr,
    "shields": import_shields,
    "tnr": import_transnational_repression,
    "recodifications": import_recodifications,
    "map": import_world_map,
}

__all__ = ["IMPORTERS"]
