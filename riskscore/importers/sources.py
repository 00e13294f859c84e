"""The datasets riskscore imports, as rows of country_data/sources.csv.

Each importer writes its own record, so sources.csv always describes what is in the tables.
"""

RSF = {
    "id": "rsf_wpfi",
    "publisher": "Reporters Without Borders (RSF)",
    "title": "World Press Freedom Index",
    "edition": "2024 and 2025 (published May of each year)",
    "address": "https://rsf.org/en/index",
    "licence": "RSF's own terms; scores published for download, attribution required",
    "attribution": "Reporters Without Borders (RSF), World Press Freedom Index 2025",
    "obtained_from": "RSF yearly CSVs as packaged in github.com/petzi53/rsf (commit aad222b), "
                     "decimal marks repaired; see shared/data/rsf_press_freedom/SOURCE.md",
}
VDEM = {
    "id": "vdem_v14",
    "publisher": "V-Dem Institute, University of Gothenburg",
    "title": "V-Dem Country-Year Dataset v14 (Coppedge et al. 2024)",
    "edition": "v14 (2024), years 2013-2023",
    "address": "https://doi.org/10.23696/mcwt-fr58",
    "licence": "CC BY-SA 4.0",
    "attribution": "Coppedge, M. et al. 2024. V-Dem Country-Year Dataset v14. Varieties of "
                   "Democracy (V-Dem) Project. https://doi.org/10.23696/mcwt-fr58",
    "obtained_from": "github.com/eteitelbaum/vdemlite (commit a992948)",
}
FIW = {
    "id": "fiw",
    "publisher": "Freedom House",
    "title": "Freedom in the World, raw data 2013-2024",
    "edition": "editions 2013-2024 (each assesses the previous calendar year)",
    "address": "https://freedomhouse.org/report/freedom-world",
    "licence": "Freedom House's terms: use with attribution (not a Creative Commons licence)",
    "attribution": "Freedom House, Freedom in the World 2024",
    "obtained_from": "All_data_FIW_2013-2024.xlsx via github.com/pachadotdev/freedomhouse "
                     "(commit 6f48484)",
}
POPULATION = {
    "id": "wb_population",
    "publisher": "World Bank",
    "title": "World Development Indicators: Population, total (SP.POP.TOTL)",
    "edition": "2015-2024 series (latest year used)",
    "address": "https://data.worldbank.org/indicator/SP.POP.TOTL",
    "licence": "CC BY 4.0",
    "attribution": "World Bank, World Development Indicators (SP.POP.TOTL)",
    "obtained_from": "github.com/datasets/population (commit 425fc44)",
}
GROUPS = {
    "id": "country_groups",
    "publisher": "OCHA (Countries & Territories Taxonomy) and country_converter",
    "title": "UN M49 regions, World Bank income groups (FY2024 values) and memberships",
    "edition": "hdx-python-country 4.2.5; country_converter 1.3.2",
    "address": "https://github.com/OCHA-DAP/hdx-python-country",
    "licence": "MIT (OCHA taxonomy); GPL-3.0 package of public membership facts "
               "(country_converter)",
    "attribution": "OCHA Countries & Territories Taxonomy; UN Statistics Division M49; "
                   "World Bank income classification",
    "obtained_from": "package data files; see shared/data/country_groups/SOURCE.md",
}
OFFENCES = {
    "id": "riskscore_offences",
    "publisher": "riskscore contributors (compiled from the pages cited in each row)",
    "title": "Maximum statutory penalties for rights-protected conduct",
    "edition": "curated rows as of 2026-11-22",
    "address": "country_data/offences.csv (each row: source_url, source_title, source_date)",
    "licence": "Facts compiled from the cited sources; attribute each row's source",
    "attribution": "riskscore offence-penalty compilation, citing the source named in each row",
    "obtained_from": "shared/data/offences (SOURCE.md and SOURCES_*.md)",
}
CONVENTION = {
    "id": "convention_status",
    "publisher": "riskscore contributors (compiled from the sources named in each row)",
    "title": "UN Convention against Cybercrime: signatures and ratifications",
    "edition": "material up to about August 2026",
    "address": "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/"
               "XVIII-16.en.xml",
    "licence": "Facts compiled from public sources; cite the sources named in each row",
    "attribution": "UN Treaty Collection, chapter XVIII-16, and the sources named per row",
    "obtained_from": "shared/data/convention (SOURCE.md)",
}
NATURAL_EARTH = {
    "id": "natural_earth",
    "publisher": "Natural Earth (geometry); world-atlas by Michael Bostock (TopoJSON packaging)",
    "title": "Admin-0 countries, 1:50 million, as TopoJSON",
    "edition": "world-atlas 2.0.2 (countries-50m.json)",
    "address": "https://www.naturalearthdata.com/",
    "licence": "Public domain (Natural Earth); ISC (world-atlas packaging, Copyright 2013-2019 "
               "Michael Bostock)",
    "attribution": "Made with Natural Earth. Boundaries shown are not an endorsement by "
                   "riskscore; disputed areas follow Natural Earth's admin-0 de facto view",
    "obtained_from": "npm pack world-atlas@2.0.2; see shared/data/natural_earth/SOURCE.md",
}
UNHCR = {
    "id": "unhcr_population",
    "publisher": "Office of the United Nations High Commissioner for Refugees (UNHCR)",
    "title": "Refugee Population Statistics Database (origin x asylum): refugees, "
             "asylum-seekers, other people in need of international protection",
    "edition": "2025 figures (Global Trends 2025; R package refugees 2025.12.1)",
    "address": "https://www.unhcr.org/refugee-statistics/",
    "licence": "CC BY 4.0",
    "attribution": "UNHCR Refugee Population Statistics Database, "
                   "https://www.unhcr.org/refugee-statistics/",
    "obtained_from": "population dataset of UNHCR's R package refugees 2025.12.1 "
                     "(github.com/PopulationStatistics/refugees); see "
                     "shared/data/unhcr_population/SOURCE.md",
}
