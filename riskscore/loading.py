"""Load the validated dataset: the entry point for notebooks and for every command."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from . import cache, legal, paths
from .errors import ValidationFailed


@dataclass(frozen=True)
class Dataset:
    """Validated tables, each a DataFrame with a plain 0..n-1 index."""

    countries: pd.DataFrame
    observations: pd.DataFrame
    offences: pd.DataFrame
    convention_status: pd.DataFrame
    sources: pd.DataFrame
    pillars: pd.DataFrame
    indicators: pd.DataFrame
    categories: pd.DataFrame
    provisions: pd.DataFrame
    engagement: pd.DataFrame
    classes: pd.DataFrame
    data_dir: Path
    indicators_dir: Path
    pair_components: pd.DataFrame | None = None
    # optional tables: empty (with their columns) when the data folder has none
    displacement: pd.DataFrame | None = None
    shields: pd.DataFrame | None = None
    transnational_repression: pd.DataFrame | None = None
    recodifications: pd.DataFrame | None = None
    world_map: pd.DataFrame | None = None
    shield_features: pd.DataFrame | None = None  # catalogue (empty: no reductions)
    safeguard_provisions: pd.DataFrame | None = None  # catalogue: the convention's text
    edition: pd.DataFrame | None = None  # catalogue: the declared edition


def load(data_dir: str | Path | None = None, indicators_dir: str | Path | None = None) -> Dataset:
    """Read and validate the country data and the indicator catalogue.

    Defaults are the shipped folders. Raises :class:`riskscore.errors.ValidationFailed`
    listing every problem when anything is wrong; never returns partly valid data.
    """
    data = Path(data_dir) if data_dir is not None else paths.default_data_dir()
    meta = Path(indicators_dir) if indicators_dir is not None else paths.default_indicators_dir()
    digest = cache.key(data, meta)
    cached = cache.load(digest)
    if isinstance(cached, Dataset):
        # the same bytes may sit in another folder: report the folders actually read
        return replace(cached, data_dir=data, indicators_dir=meta)
    ds = _validated(data, meta)
    cache.store(digest, ds)
    return ds


def _validated(data: Path, meta: Path) -> Dataset:
    # Imported here: validation needs pandera, which a cached load never touches.
    from .schemas import (
        CATEGORIES,
        CLASSES,
        CONVENTION_STATUS,
        COUNTRIES,
        DISPLACEMENT,
        EDITION,
        ENGAGEMENT,
        INDICATORS,
        OBSERVATIONS,
        OFFENCES,
        PAIR_COMPONENTS,
        PILLARS,
        PROVISIONS,
        RECODIFICATIONS,
        SAFEGUARD_PROVISIONS,
        SHIELD_FEATURES,
        SHIELDS,
        SOURCES,
        TRANSNATIONAL_REPRESSION,
        WORLD_MAP,
    )
    from .validate import validate_folders

    tables, problems = validate_folders(data, meta)
    if problems:
        raise ValidationFailed(problems)

    def t(spec) -> pd.DataFrame:
        return tables[spec.name].reset_index(drop=True)

    def optional(spec) -> pd.DataFrame:
        return t(spec) if spec.name in tables else pd.DataFrame(columns=list(spec.columns))

    return Dataset(
        countries=t(COUNTRIES), observations=t(OBSERVATIONS),
        offences=legal.with_linked_penalties(t(OFFENCES)),
        convention_status=t(CONVENTION_STATUS), sources=t(SOURCES), pillars=t(PILLARS),
        indicators=t(INDICATORS), categories=t(CATEGORIES), provisions=t(PROVISIONS),
        engagement=t(ENGAGEMENT), classes=t(CLASSES),
        data_dir=data, indicators_dir=meta, pair_components=t(PAIR_COMPONENTS),
        displacement=optional(DISPLACEMENT), shields=optional(SHIELDS),
        transnational_repression=optional(TRANSNATIONAL_REPRESSION),
        recodifications=optional(RECODIFICATIONS), world_map=optional(WORLD_MAP),
        shield_features=optional(SHIELD_FEATURES),
        safeguard_provisions=optional(SAFEGUARD_PROVISIONS),
        edition=optional(EDITION),
    )
