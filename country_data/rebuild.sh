#!/usr/bin/env bash
# Rebuild every table in country_data/ from the publishers' files. These are the exact
# commands that produced the shipped tables; next year's update is the same commands on the
# new files. Usage: bash country_data/rebuild.sh PATH/TO/shared/data  (or: make data)
set -euo pipefail
S=${1:?give the folder that holds the source data (shared/data)}
cd "$(dirname "$0")/.."
R=${RISKSCORE:-.venv/bin/riskscore}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# Order matters: groups creates the country list that population then fills in.
$R import groups     "$S/country_groups/country_groups.csv"                       --data "$OUT"
$R import population "$S/population_wb/wb_population_2015_2024.csv"              --data "$OUT"
$R import rsf        "$S/rsf_press_freedom/rsf_wpfi_2024.csv" \
                     "$S/rsf_press_freedom/rsf_wpfi_2025.csv"                     --data "$OUT"
$R import vdem       "$S/vdem_v14/vdem_v14_2013_2023_selected.csv"                --data "$OUT"
$R import fiw        "$S/freedom_house_fiw/fiw_2013_2024_editions_scores.csv"     --data "$OUT"
# The curated rows, plus the fields read out of their notes (in force, requires violence,
# stated minimum), kept in this repository because they are our reading, not the source's.
# riskscore's own cited research (country_data/curation/offences_riskscore.csv) and the
# surveys whose omissions are cited "not criminalised" rows are imported with them.
C=country_data/curation
$R import offences   "$S/offences/identity_offences.csv" "$S/offences/speech_offences.csv" \
                     "$S/offences/speech_offences_2.csv" "$S/offences/speech_offences_3.csv" \
                     "$C/offences_riskscore.csv" --annotations "$C/offence_annotations.csv" \
                     --surveys "$C/absence_surveys.csv" --survey-listed "$C/absence_listed.csv" \
                     --source-hosts "$C/source_hosts.csv" --data "$OUT"
$R import convention "$S/convention/signatures.csv" "$S/convention/ratifications.csv" \
                     "$C/convention_riskscore.csv" \
                                                                                  --data "$OUT"
# People by origin x asylum (latest year in the file: 2025), for the pair model.
$R import unhcr      "$S/unhcr_population/unhcr_population_2015_2025.csv"         --data "$OUT"
# The pair model's cited research: requested states' shields and the record of reaching
# abroad (Freedom House's transnational-repression findings, as read and cited by row).
$R import shields    "$C/shields_riskscore.csv"                                   --data "$OUT"
$R import tnr        "$C/transnational_repression_riskscore.csv"                  --data "$OUT"
# Criminal codes replaced since rows cited them: validate warns about rows still counted.
$R import recodifications "$C/recodifications_riskscore.csv"                      --data "$OUT"
# The site's world map: Natural Earth outlines (public domain) as one SVG path per state.
$R import map        "$S/natural_earth/countries-50m.json"                        --data "$OUT"
# Only a fully valid rebuild replaces the shipped tables.
$R validate --data "$OUT"
cp "$OUT"/*.csv country_data/
echo "country_data/ rebuilt from $S"
