"""The USGS release's commodities, statistics and units in the user's language
(レアアース for Rare Earths, 精錬生産 for Refinery production).

Scripts (``--json``) keep the release's English names in every language; text for people
shows them translated. The names are marked for the message catalogue like any other text,
so a new language translates them with the rest; a name not marked keeps its English.
"""

from __future__ import annotations

from planner.core.i18n import N_, _

# The commodities of the world production tables, marked so that their names are
# translated where shown (commodity_label); tests hold this list to the release's.
COMMODITY_NAMES = (
    N_("Aluminum"), N_("Antimony"), N_("Arsenic"), N_("Asbestos"), N_("Barite"),
    N_("Alumina"), N_("Bauxite"), N_("Beryllium"), N_("Bismuth"), N_("Boron"),
    N_("Bromine"), N_("Cadmium"), N_("Cement"), N_("Chromium"), N_("Clays"), N_("Cobalt"),
    N_("Copper"), N_("Diamond (Industrial)"), N_("Diatomite"),
    N_("Feldspar And Nepheline Syenite"), N_("Fluorspar"), N_("Gallium"),
    N_("Garnet (Industrial)"), N_("Gemstones"), N_("Gold"), N_("Graphite (Natural)"),
    N_("Gypsum"), N_("Helium"), N_("Neon"), N_("Krypton"), N_("Xenon"), N_("Indium"),
    N_("Iodine"), N_("Iron And Steel"), N_("Iron And Steel Slag"), N_("Iron Ore"),
    N_("Iron Oxide Pigments"), N_("Kyanite And Related Minerals"), N_("Lead"), N_("Lime"),
    N_("Lithium"), N_("Magnesium Compounds"), N_("Magnesium Metal"), N_("Manganese"),
    N_("Mercury"), N_("Mica (Natural)"), N_("Molybdenum"), N_("Nickel"),
    N_("Niobium (Columbium)"), N_("Nitrogen (Fixed)—Ammonia"), N_("Peat"), N_("Perlite"),
    N_("Phosphate Rock"), N_("Palladium"), N_("Platinum"), N_("Potash"),
    N_("Pumice And Pumicite"), N_("Rare Earths"), N_("Rhenium"), N_("Salt"),
    N_("Sand And Gravel (Construction)"), N_("Sand And Gravel (Industrial)"), N_("Scandium"),
    N_("Selenium"), N_("Silicon"), N_("Silver"), N_("Soda Ash"), N_("Stone (Crushed)"),
    N_("Stone (Dimension)"), N_("Strontium"), N_("Sulfur"), N_("Talc And Pyrophyllite"),
    N_("Tantalum"), N_("Tellurium"), N_("Tin"), N_("Titanium Sponge Metal"),
    N_("Titanium Mineral Concentrates"), N_("Tungsten"), N_("Vanadium"), N_("Vermiculite"),
    N_("Wollastonite"), N_("Yttrium"), N_("Zeolites (Natural)"), N_("Zinc"), N_("Zirconium"),
)

# The statistics most tables give, and the release's units, in the user's language; a
# statistic not listed is shown as the release writes it.
STATISTICS = {s: s for s in (
    N_("Mine production"), N_("Refinery production"), N_("Smelter production"),
    N_("Primary production"), N_("Plant production"), N_("Production"),
    N_("Production, all forms"), N_("Raw steel"), N_("Pig iron"), N_("Cement production"),
    N_("Helium Production"), N_("Silicon metal"), N_("Ferrosilicon"),
    N_("Titanium sponge metal production"), N_("Alumina, refinery production"),
    N_("Bauxite, mine production"), N_("Refinery production: concentrate"))}
MINE_DETAIL = N_("Mine production: {detail}")  # "Mine production: Kaolin"
UNITS = {u: u for u in (
    N_("kilograms"), N_("metric tons"), N_("million carats"), N_("million cubic meters"),
    N_("million liters"), N_("million metric tons"), N_("thousand metric dry tons"),
    N_("thousand metric tons"), N_("thousands of carats"))}


def commodity_name(name: object) -> str:
    """A commodity as text for people: in the user's language where it is marked, else
    its USGS name; blank for none (a missing value)."""
    if not isinstance(name, str):
        return ""
    return _(name) if name in COMMODITY_NAMES else name


def statistic_name(statistic: str) -> str:
    """A world table's statistic in the user's language ("Refinery production" → 精錬生産);
    the release's words where there is no translation."""
    if statistic in STATISTICS:
        return _(statistic)
    head = "Mine production: "
    if statistic.startswith(head):
        return _(MINE_DETAIL).format(detail=statistic[len(head):])
    return statistic


def unit_name(unit: str) -> str:
    """A unit of the release in the user's language."""
    return _(unit) if unit in UNITS else unit
