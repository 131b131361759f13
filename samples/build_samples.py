"""Build the sample projects in the import template (docs/template.md): workbooks and CSVs.

Run:  python samples/build_samples.py
Writes next to this script:
  ev_motors_wind.xlsx           + ev_motors_wind_csv/<Sheet>.csv
  semiconductor_equipment.xlsx  + semiconductor_equipment_csv/<Sheet>.csv
then re-opens every output and checks it (shares, references, BOM acyclic, intended
stock situations and cap breaches) and prints a short summary per project.

Companies, suppliers and all quantities are fictitious. Intensities, compositions, prices and
country mixes follow public figures (USGS Mineral Commodity Summaries 2026 and published reports):

NdFeB intensity and composition (published reports on material intensity and composition)
- Large direct-drive PM wind generator: 625-850 kg NdFeB per MW (Moss et al. 2013, JRC, cited
  by Heim & Vander Wal, Minerals 2023 13:1274); here 4 MW x 600 kg/MW = 2,400 kg finished
  magnet (192 pole modules x 12.5 kg).
- EV traction motor ~1-2 kg NdFeB per motor (secondary sources, low reliability); here 1.6 kg.
- Total rare-earth content of NdFeB ~30 wt% (Heim & Vander Wal 2023); Dy ~4 wt% in wind
  grades (same); typical ranges Nd 20-30, Pr 0.5-7, Dy 0.2-6, B 0.3-1 wt% (review quoted on
  wungiel.pl). EV grade here: Nd 23.5 / Pr 6.0 / Dy 2.0 / Tb 0.6 (grain-boundary diffused);
  wind grade: Nd 21.0 / Pr 5.5 / Dy 4.0 / Tb 0.5; boron as ferro-boron (~18% B), rest iron.
- Magnet machining loss 20-25% (scrap_pct on the magnet BOM lines): industry rule of thumb,
  not from a published source.
Country mixes (USGS Mineral Commodity Summaries 2026, world production tables, 2025 estimates)
- Rare earths mine production: China 270 of 390 kt (69%), Burma 22 kt, US 51 kt, Australia
  29 kt; China ~90% of separation/refining (industry estimate; IEA projects 77% in 2030,
  IEA); US imports of Tb compounds/metals 100% China
  (USGS MCS 2026, import sources); EU HREE supply 100% China (EC CRM 2023 study).
- Gallium primary production: China 900 of ~909 t (~99%); Ge: China largest refiner,
  US metal imports China 41 / Belgium 27 / Germany 25% (2021-24).
- Tungsten: China 67 of 85 kt (79%), Vietnam 3 kt, Austria 0.84 kt, Portugal 0.7 kt.
- Antimony: China 40, Russia 32, Tajikistan 22, Turkey 3 of 110 kt (2025).
- Natural graphite: China 1,400 of 1,800 kt (78%), Madagascar 80, Tanzania 75, Brazil 65,
  Mozambique 60 kt; China ~90% of battery-grade graphite (IEA).
- Cobalt: DR Congo 230 of 310 kt mined (74%); China >75% of refining (IEA WEO 2024); refined
  here in FI / CN / BE (origin_country = refining country, the choke point, docs/definitions.md).
Prices (USGS MCS 2026, 2025 averages, converted at an assumed ~0.87 EUR/USD and rounded; metal
and high-purity premiums over oxide/cathode are assumptions): NdPr oxide 69, Nd oxide 73,
Pr oxide 74, Dy oxide 239, Tb oxide 1,010 USD/kg; gallium 580 USD/kg; germanium metal
4,100 USD/kg; antimony 25 USD/lb; cobalt cathode 21 USD/lb.
Forecasts (fictitious, like the companies): the EV traction motor line ramps up from 1,600
motors a month in November 2026 to 5,000 a month from September 2027; the wind generator
order book ends in June 2027 (three a month until then, none after, through 2028). The Demand
sheet keeps the flat rates, which is what cover said before the Forecast sheet existed.
Currencies: some Chinese sources are priced in CNY, some traders and Malaysian, Singaporean and
US sources in USD, a few in EUR written out; the projects' currency is EUR. The Rates sheet
(0.87 EUR per USD, 0.12 EUR per CNY) is illustrative, not a quotation of any published rate;
each price in USD or CNY is the EUR price above converted at it and rounded.
Stockpile targets: 60 days (JOGMEC national 42 + private 18), up to 180 days for high-risk
metals (IEA policies DB 16639) -> target_days 180 on Dy, Tb, Ga2O3, Ge and 90 on Ga, Sb;
supplier and country caps 60% (G7, June 2026).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 11, 2)
HORIZON_DAYS = 90
TARGET_DAYS = 60
CAP = 0.6
DAYS_PER = {"day": 1.0, "week": 7.0, "month": 365.0 / 12.0, "year": 365.0}

# Column names exactly as in docs/template.md, in template order.
COLUMNS = {
    "Items": ["item_id", "name", "kind", "unit", "unit_price", "category"],
    "BOM": ["parent_id", "child_id", "qty_per", "scrap_pct"],
    "Demand": ["item_id", "quantity", "per"],
    "Forecast": ["item_id", "month", "quantity"],
    "Stock": ["item_id", "on_hand", "safety_stock", "target_days"],
    "Suppliers": ["supplier_id", "name", "country"],
    "Sources": ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
                "capacity_per_month", "moq", "origin_country", "currency"],
    "Orders": ["item_id", "supplier_id", "quantity", "due_date"],
    "Rates": ["currency", "rate"],
    "Settings": ["key", "value"],
}

# Number formats per column (Excel display only; values stay plain numbers).
FORMATS = {
    "unit_price": "#,##0.00",
    "qty_per": "#,##0.###",
    "scrap_pct": "0",
    "quantity": "#,##0.###",
    "on_hand": "#,##0.###",
    "safety_stock": "#,##0.###",
    "target_days": "0",
    "share": "0%",
    "lead_time_days": "0",
    "capacity_per_month": "#,##0",
    "moq": "#,##0",
    "due_date": "yyyy-mm-dd",
    "month": "yyyy-mm",
    "rate": "0.0###",
}
RATES = [("USD", 0.87), ("CNY", 0.12)]  # EUR for one unit: illustrative (see above)


def day(offset: int) -> dt.date:
    """A date `offset` days after the as-of date."""
    return AS_OF + dt.timedelta(days=offset)


def months(first: dt.date, quantities: list[float]) -> list[tuple[dt.date, float]]:
    """(first day of the month, quantity) for consecutive months from ``first``."""
    out = []
    for k, quantity in enumerate(quantities):
        year, month = divmod(first.month - 1 + k, 12)
        out.append((dt.date(first.year + year, month + 1, 1), quantity))
    return out


# EV traction motors: a new line starts in January 2027 and ramps up from 1,600 a month in
# November 2026 to 5,000 a month from September 2027, held through 2028.
TM150_RAMP = [1600, 1900, 2600, 3200, 3700, 4100, 4400, 4600, 4800, 4900] + [5000] * 16
# Wind generators: the order book ends in June 2027 (3 a month until then), nothing after.
WG4_ORDERS = [3] * 8 + [0] * 18


# ---------------------------------------------------------------------------------------------
# Project 1: EV traction motors, e-axles, inverters and direct-drive wind generators
# ---------------------------------------------------------------------------------------------
EV = {
    "name": "ev_motors_wind",
    "company": "Auenfeld Antriebe GmbH",
    # item_id, name, kind, unit, unit_price (EUR), category
    "items": [
        ("P-TM150", "EV traction motor 150 kW (PMSM, hairpin)", "product", "pcs", 1450,
         "ev drive"),
        ("P-EAX150", "E-axle 150 kW (motor + GaN inverter + gearbox)", "product", "pcs", 4200,
         "ev drive"),
        ("P-INV800", "800 V GaN traction inverter (stand-alone)", "product", "pcs", 780,
         "power electronics"),
        ("P-WG4", "Direct-drive PM wind generator 4 MW", "product", "pcs", 1_150_000, "wind"),
        ("C-ROTOR-TM", "Rotor assembly TM150", "component", "pcs", 310, "rotor"),
        ("C-STATOR-TM", "Stator TM150, hairpin winding", "component", "pcs", 260, "stator"),
        ("C-MAG-TM", "Magnet set TM150 (1.6 kg NdFeB, coated)", "component", "set", 165,
         "magnet"),
        ("C-NDFEB-EV", "Sintered NdFeB block, grade 48SH (Tb-diffused)", "component", "kg", 62,
         "magnet alloy"),
        ("C-PWRMOD", "GaN half-bridge power module 650 V", "component", "pcs", 85,
         "power electronics"),
        ("C-GEARBOX", "Single-speed reduction gearbox 1:9.7", "component", "pcs", 640,
         "drivetrain"),
        ("C-MAGPOLE-WG", "Magnet pole module WG4 (12.5 kg NdFeB)", "component", "pcs", 1250,
         "magnet"),
        ("C-NDFEB-WG", "Sintered NdFeB block, grade 42UH (high Dy)", "component", "kg", 58,
         "magnet alloy"),
        ("C-STATORSEG-WG", "Stator segment WG4 (1/48 of stator)", "component", "pcs", 5800,
         "stator"),
        ("M-ND", "Neodymium metal 99.5%", "material", "kg", 75, "rare earth"),
        ("M-PR", "Praseodymium metal 99.5%", "material", "kg", 78, "rare earth"),
        ("M-DY", "Dysprosium metal 99.5%", "material", "kg", 300, "rare earth"),
        ("M-TB", "Terbium metal 99.9%", "material", "kg", 1050, "rare earth"),
        ("M-FEB", "Ferro-boron FeB18", "material", "kg", 3.5, "boron"),
        ("M-FE", "Electrolytic iron flake", "material", "kg", 0.9, "iron"),
        ("M-CU", "Copper, enamelled rectangular wire / rod", "material", "kg", 9.2, "copper"),
        ("M-ESTEEL", "Non-oriented electrical steel 0.27 mm", "material", "kg", 1.6, "steel"),
        ("M-GA", "Gallium metal 6N (for GaN epitaxy)", "material", "g", 0.55, "gallium"),
    ],
    # parent_id, child_id, qty_per, scrap_pct (None = blank)
    "bom": [
        ("P-TM150", "C-ROTOR-TM", 1, None),
        ("P-TM150", "C-STATOR-TM", 1, None),
        ("P-EAX150", "C-ROTOR-TM", 1, None),
        ("P-EAX150", "C-STATOR-TM", 1, None),
        ("P-EAX150", "C-PWRMOD", 3, None),
        ("P-EAX150", "C-GEARBOX", 1, None),
        ("P-INV800", "C-PWRMOD", 3, None),
        ("P-INV800", "M-CU", 1.8, 5),
        ("P-WG4", "C-MAGPOLE-WG", 192, None),
        ("P-WG4", "C-STATORSEG-WG", 48, None),
        ("C-ROTOR-TM", "C-MAG-TM", 1, 1),
        ("C-ROTOR-TM", "M-ESTEEL", 11, 35),
        ("C-STATOR-TM", "M-CU", 6.5, 4),
        ("C-STATOR-TM", "M-ESTEEL", 17, 35),
        ("C-MAG-TM", "C-NDFEB-EV", 1.6, 25),
        ("C-NDFEB-EV", "M-ND", 0.235, 2),
        ("C-NDFEB-EV", "M-PR", 0.060, 2),
        ("C-NDFEB-EV", "M-DY", 0.020, 2),
        ("C-NDFEB-EV", "M-TB", 0.006, 2),
        ("C-NDFEB-EV", "M-FEB", 0.055, None),
        ("C-NDFEB-EV", "M-FE", 0.620, None),
        ("C-MAGPOLE-WG", "C-NDFEB-WG", 12.5, 20),
        ("C-NDFEB-WG", "M-ND", 0.210, 2),
        ("C-NDFEB-WG", "M-PR", 0.055, 2),
        ("C-NDFEB-WG", "M-DY", 0.040, 2),
        ("C-NDFEB-WG", "M-TB", 0.005, 2),
        ("C-NDFEB-WG", "M-FEB", 0.055, None),
        ("C-NDFEB-WG", "M-FE", 0.630, None),
        ("C-STATORSEG-WG", "M-CU", 125, 3),
        ("C-STATORSEG-WG", "M-ESTEEL", 520, 30),
        ("C-PWRMOD", "M-GA", 0.35, 15),
        ("C-PWRMOD", "M-CU", 0.15, None),
    ],
    # item_id, quantity, per
    "demand": [
        ("P-TM150", 350, "week"),
        ("P-EAX150", 1200, "month"),
        ("P-INV800", 7800, "year"),
        ("P-WG4", 36, "year"),
        ("C-MAG-TM", 60, "month"),  # spare magnet sets for the service business
    ],
    # item_id, month (first day), quantity in that month
    "forecast": [("P-TM150", m, q) for m, q in months(dt.date(2026, 11, 1), TM150_RAMP)]
    + [("P-WG4", m, q) for m, q in months(dt.date(2026, 11, 1), WG4_ORDERS)],
    # (item_id, supplier_id) -> (unit_price, currency): the price as the supplier quotes it
    "quoted": {
        ("M-ND", "SUP-QRM"): (600, "CNY"),
        ("M-ND", "SUP-HYR"): (590, "CNY"),
        ("M-ND", "SUP-ELB"): (79, "EUR"),
        ("M-ND", "SUP-KAR"): (93, "USD"),
        ("M-PR", "SUP-QRM"): (615, "CNY"),
        ("M-PR", "SUP-KAR"): (94, "USD"),
        ("M-DY", "SUP-QRM"): (2420, "CNY"),
        ("M-DY", "SUP-HYR"): (2460, "CNY"),
        ("M-TB", "SUP-QRM"): (8420, "CNY"),
        ("M-GA", "SUP-HTG"): (4.0, "CNY"),
        ("M-GA", "SUP-SIT"): (0.71, "USD"),
        ("M-CU", "SUP-WKD"): (9.3, "EUR"),
    },
    # Stock of bought items as intent: item_id -> (days of cover, safety days, target_days,
    # expected status). on_hand and safety_stock are derived from the daily requirement and
    # rounded, so the sample keeps telling the intended story if demand is edited.
    "stock_intent": {
        "M-ND": (75, 20, None, "ok"),
        "M-PR": (48, 20, None, "short"),
        "M-DY": (95, 30, 180, "short"),
        "M-TB": (24, 30, 180, "critical"),  # at/below safety stock
        "M-FEB": (140, 30, None, "ok"),
        "M-FE": (35, 10, 30, "ok"),
        "M-CU": (26, 7, 21, "ok"),
        "M-ESTEEL": (36, 10, 30, "ok"),
        "M-GA": (41, 20, 90, "short"),
        "C-GEARBOX": (62, 15, None, "ok"),
    },
    # Stock of made intermediates (literal quantities; gross requirements ignore them).
    "stock_fixed": [
        ("C-MAG-TM", 2400, 600, None),
        ("C-NDFEB-EV", 3500, None, None),
        ("C-ROTOR-TM", 350, None, None),
        ("C-PWRMOD", 2600, 1000, None),
        ("C-MAGPOLE-WG", 400, None, None),
        ("C-NDFEB-WG", 18000, None, None),
    ],
    # supplier_id, name, country
    "suppliers": [
        ("SUP-QRM", "Qiantang Rare Metals Refining Co., Ltd.", "CN"),
        ("SUP-HYR", "Hengyue Rare Earth New Materials Co., Ltd.", "CN"),
        ("SUP-ELB", "Elbmark Metallhandel GmbH", "DE"),  # trader, sells CN-refined metal
        ("SUP-KAR", "Kinabalu Advanced Rare Earths Sdn. Bhd.", "MY"),
        ("SUP-PBM", "Peipsi Baltic Metals AS", "EE"),
        ("SUP-CHA", "Cat Hai Rare Earth Alloys JSC", "VN"),
        ("SUP-SIT", "Setouchi Industrial Trading Co., Ltd.", "JP"),  # trader, CN gallium
        ("SUP-HTG", "Hongtai Gallium Materials Co., Ltd.", "CN"),
        ("SUP-HRR", "Harzrand Metallrecycling GmbH", "DE"),
        ("SUP-WKD", "Weserkupfer Drahtwerk GmbH", "DE"),
        ("SUP-ODR", "Odra Copper Rod Sp. z o.o.", "PL"),
        ("SUP-SEB", "Saarhütte Elektroband GmbH", "DE"),
        ("SUP-BEA", "Bergslagen Elektrostål AB", "SE"),
        ("SUP-ABA", "Anadolu Bor Alaşımları A.Ş.", "TR"),
        ("SUP-LFE", "Lorraine Fer Électrolytique SAS", "FR"),
        ("SUP-AGB", "Allgäuer Getriebebau GmbH", "DE"),
    ],
    # item_id, supplier_id, share, unit_price, lead_time_days, capacity_per_month, moq,
    # origin_country (None = blank = the supplier's country)
    "sources": [
        # Nd: diversified suppliers, but 75% China origin -> country cap breach only
        ("M-ND", "SUP-QRM", 0.45, 72, 55, 5000, 500, "CN"),
        ("M-ND", "SUP-HYR", 0.20, 71, 60, 2500, 500, None),
        ("M-ND", "SUP-ELB", 0.10, 79, 21, 800, 100, "CN"),
        ("M-ND", "SUP-KAR", 0.15, 81, 35, 1500, 250, None),
        ("M-ND", "SUP-CHA", 0.10, 77, 40, 600, 200, "VN"),
        # Pr: 65% one Chinese refiner -> supplier and country cap breach
        ("M-PR", "SUP-QRM", 0.65, 74, 55, 1500, 200, None),
        ("M-PR", "SUP-KAR", 0.20, 82, 35, 500, 100, None),
        ("M-PR", "SUP-PBM", 0.15, 84, 30, 300, 100, "EE"),
        # Dy: three suppliers, all China-refined (trader too) -> country 100%
        ("M-DY", "SUP-QRM", 0.55, 290, 60, 400, 50, "CN"),
        ("M-DY", "SUP-HYR", 0.25, 295, 60, 200, 50, None),
        ("M-DY", "SUP-ELB", 0.20, 335, 21, 80, 10, "CN"),
        # Tb: 70% one Chinese refiner + German trader with CN origin -> both caps
        ("M-TB", "SUP-QRM", 0.70, 1010, 75, 100, 10, None),
        ("M-TB", "SUP-ELB", 0.30, 1160, 21, 40, 5, "CN"),
        # Ga (grams): Chinese producer + Japanese trader (CN origin) + German recycler
        ("M-GA", "SUP-HTG", 0.80, 0.48, 90, 5000, 5000, None),
        ("M-GA", "SUP-SIT", 0.15, 0.62, 21, 1500, 1000, "CN"),
        ("M-GA", "SUP-HRR", 0.05, 0.70, 30, 500, 500, "DE"),
        # Ferro-boron: exactly at both caps (60% Turkey, 40% China via trader) -> no breach
        ("M-FEB", "SUP-ABA", 0.60, 3.3, 45, 5000, 1000, None),
        ("M-FEB", "SUP-ELB", 0.40, 3.8, 28, 3000, 500, "CN"),
        # Electrolytic iron: single source
        ("M-FE", "SUP-LFE", 1.00, 0.9, 30, 150_000, 10_000, None),
        # Copper and electrical steel: diversified, under both caps
        ("M-CU", "SUP-WKD", 0.55, 9.3, 14, 30_000, 2000, None),
        ("M-CU", "SUP-ODR", 0.45, 9.0, 21, 25_000, 5000, "PL"),
        ("M-ESTEEL", "SUP-SEB", 0.55, 1.65, 28, 150_000, 20_000, None),
        ("M-ESTEEL", "SUP-BEA", 0.45, 1.55, 42, 120_000, 25_000, None),
        # Purchased component, single source
        ("C-GEARBOX", "SUP-AGB", 1.00, 640, 42, 1500, 100, None),
    ],
    # item_id, supplier_id, quantity, due_date
    "orders": [
        ("M-ND", "SUP-QRM", 6000, day(32)),
        ("M-ND", "SUP-KAR", 3000, day(105)),
        ("M-PR", "SUP-QRM", 1500, day(18)),
        ("M-DY", "SUP-QRM", 400, day(71)),
        ("M-DY", "SUP-ELB", 200, day(119)),
        ("M-TB", "SUP-ELB", 60, day(14)),
        ("M-TB", "SUP-QRM", 150, day(110)),
        ("M-GA", "SUP-SIT", 2000, day(38)),
        ("M-CU", "SUP-WKD", 20_000, day(7)),
        ("M-CU", "SUP-ODR", 15_000, day(21)),
        ("M-ESTEEL", "SUP-SEB", 120_000, day(14)),
        ("M-ESTEEL", "SUP-BEA", 100_000, day(45)),
        ("C-GEARBOX", "SUP-AGB", 1500, day(28)),
    ],
    # Intended cap breaches (checked): item -> (over supplier cap, over country cap)
    "expect_caps": {
        "M-ND": (False, True),
        "M-PR": (True, True),
        "M-DY": (False, True),
        "M-TB": (True, True),
        "M-GA": (True, True),
        "M-FEB": (False, False),
        "M-FE": (True, True),
        "M-CU": (False, False),
        "M-ESTEEL": (False, False),
        "C-GEARBOX": (True, True),
    },
}

# ---------------------------------------------------------------------------------------------
# Project 2: semiconductor and battery production equipment, plus sputter-target consumables
# ---------------------------------------------------------------------------------------------
SEMI = {
    "name": "semiconductor_equipment",
    "company": "Kempenveld Process Equipment B.V.",
    "items": [
        ("P-PVD300", "PVD cluster tool 300 mm", "product", "pcs", 3_400_000, "deposition"),
        ("P-MOCVD", "GaN MOCVD reactor 8x150 mm", "product", "pcs", 2_900_000, "deposition"),
        ("P-SLIT", "Electrode slitter-rewinder (Li-ion)", "product", "pcs", 950_000,
         "battery"),
        ("P-ANF", "Anode graphitisation furnace (continuous)", "product", "pcs", 2_100_000,
         "battery"),
        ("P-TGT-W", "Tungsten sputter target 300 mm, bonded", "product", "pcs", 9500,
         "consumable"),
        ("P-TGT-GST", "GST phase-change sputter target (Ge2Sb2Te5)", "product", "pcs", 24_000,
         "consumable"),
        ("P-TGT-IGZO", "IGZO sputter target (In-Ga-Zn-O 1:1:1)", "product", "pcs", 16_500,
         "consumable"),
        ("C-RFGEN", "RF plasma generator 13.56 MHz 5 kW", "component", "pcs", 29_000,
         "rf power"),
        ("C-HEATER-W", "Tungsten filament heater assembly", "component", "pcs", 4800, "heater"),
        ("C-SUSCEPT", "SiC-coated graphite susceptor 8x150 mm", "component", "pcs", 6500,
         "furnace part"),
        ("C-HOTZONE", "Hot zone set, synthetic graphite (heaters, insulation)", "component",
         "set", 95_000, "furnace part"),
        ("C-BLADESET", "Carbide slitting knife set (WC-Co)", "component", "set", 2400,
         "tooling"),
        ("C-BACKPLATE", "OFE copper backing plate", "component", "pcs", 420, "target part"),
        ("C-GST-INGOT", "GST alloy ingot (vacuum cast)", "component", "kg", 950, "target alloy"),
        ("C-IGZO-BLEND", "IGZO calcined oxide blend", "component", "kg", 420, "target alloy"),
        ("M-GA2O3", "Gallium oxide 5N", "material", "kg", 430, "gallium"),
        ("M-IN2O3", "Indium oxide 4N", "material", "kg", 360, "indium"),
        ("M-ZNO", "Zinc oxide 4N", "material", "kg", 3.9, "zinc"),
        ("M-GE", "Germanium metal 5N", "material", "kg", 3550, "germanium"),
        ("M-SB", "Antimony metal 4N", "material", "kg", 50, "antimony"),
        ("M-TE", "Tellurium 5N", "material", "kg", 95, "tellurium"),
        ("M-W", "Tungsten powder 5N", "material", "kg", 120, "tungsten"),
        ("M-WC", "Tungsten carbide powder, submicron", "material", "kg", 68, "tungsten"),
        ("M-CO", "Cobalt powder, extra fine", "material", "kg", 45, "cobalt"),
        ("M-GRAPH", "Isostatic synthetic graphite block", "material", "kg", 17, "graphite"),
        ("M-CU", "Copper, oxygen-free electronic (OFE) plate", "material", "kg", 11.3,
         "copper"),
    ],
    "bom": [
        ("P-PVD300", "C-RFGEN", 2, None),
        ("P-PVD300", "M-CU", 85, 10),
        ("P-MOCVD", "C-RFGEN", 1, None),
        ("P-MOCVD", "C-HEATER-W", 1, None),
        ("P-MOCVD", "C-SUSCEPT", 2, None),
        ("P-SLIT", "C-BLADESET", 2, None),
        ("P-ANF", "C-HOTZONE", 1, None),
        ("P-TGT-W", "M-W", 14, 15),
        ("P-TGT-W", "C-BACKPLATE", 1, None),
        ("P-TGT-GST", "C-GST-INGOT", 4.0, 12),
        ("P-TGT-GST", "C-BACKPLATE", 1, None),
        ("P-TGT-IGZO", "C-IGZO-BLEND", 7.5, 10),
        ("P-TGT-IGZO", "C-BACKPLATE", 1, None),
        ("C-BACKPLATE", "M-CU", 9, 20),
        ("C-GST-INGOT", "M-GE", 0.141, 1),
        ("C-GST-INGOT", "M-SB", 0.237, 1),
        ("C-GST-INGOT", "M-TE", 0.622, 1),
        ("C-IGZO-BLEND", "M-GA2O3", 0.343, 2),
        ("C-IGZO-BLEND", "M-IN2O3", 0.508, 2),
        ("C-IGZO-BLEND", "M-ZNO", 0.149, 2),
        ("C-HEATER-W", "M-W", 6, 20),
        ("C-SUSCEPT", "M-GRAPH", 40, 30),
        ("C-HOTZONE", "M-GRAPH", 2000, 15),
        ("C-BLADESET", "M-WC", 2.6, 25),
        ("C-BLADESET", "M-CO", 0.36, 25),
    ],
    "demand": [
        ("P-PVD300", 2, "month"),
        ("P-MOCVD", 10, "year"),
        ("P-SLIT", 36, "year"),
        ("P-ANF", 4, "year"),
        ("P-TGT-W", 60, "month"),
        ("P-TGT-GST", 6, "week"),
        ("P-TGT-IGZO", 40, "month"),
        ("C-BLADESET", 60, "month"),  # regrind/replacement knife sets for the installed base
        ("C-SUSCEPT", 8, "month"),  # susceptors are consumed in MOCVD service
        ("C-RFGEN", 3, "month"),  # service exchange units
        ("C-HEATER-W", 2, "month"),
    ],
    "forecast": [],
    "quoted": {
        ("M-GA2O3", "SUP-XGM"): (3420, "CNY"),
        ("M-GA2O3", "SUP-MRT"): (540, "USD"),
        ("M-IN2O3", "SUP-HIM"): (414, "USD"),
        ("M-IN2O3", "SUP-GIO"): (2750, "CNY"),
        ("M-GE", "SUP-MGE"): (3650, "EUR"),
        ("M-GE", "SUP-YGE"): (27_500, "CNY"),
        ("M-GE", "SUP-MRT"): (4310, "USD"),
        ("M-SB", "SUP-ZAP"): (383, "CNY"),
        ("M-SB", "SUP-MRT"): (63, "USD"),
        ("M-W", "SUP-JWM"): (958, "CNY"),
        ("M-WC", "SUP-JWM"): (517, "CNY"),
        ("M-WC", "SUP-SCT"): (76, "USD"),
        ("M-CO", "SUP-LCN"): (342, "CNY"),
        ("M-GRAPH", "SUP-PIC"): (117, "CNY"),
        ("M-GRAPH", "SUP-MRT"): (18.4, "USD"),
        ("C-RFGEN", "SUP-CPP"): (32_200, "USD"),
    },
    "stock_intent": {
        "M-GA2O3": (12, 20, 180, "critical"),  # below safety stock
        "M-IN2O3": (70, 20, None, "ok"),
        "M-ZNO": (160, 30, None, "ok"),
        "M-GE": (110, 45, 180, "short"),
        "M-SB": (45, 20, 90, "short"),
        "M-TE": (95, 30, None, "ok"),
        "M-W": (72, 25, None, "ok"),
        "M-WC": (52, 20, None, "short"),
        "M-CO": (130, 30, None, "ok"),
        "M-GRAPH": (38, 20, None, "short"),
        "M-CU": (40, 10, 30, "ok"),
        "C-RFGEN": (78, 20, None, "ok"),
    },
    "stock_fixed": [
        ("C-HEATER-W", 5, 2, None),
        ("C-SUSCEPT", 12, 4, None),
        ("C-BLADESET", 45, 20, None),
        ("C-BACKPLATE", 110, 40, None),
        ("C-GST-INGOT", 60, None, None),
        ("C-IGZO-BLEND", 150, None, None),
    ],
    "suppliers": [
        ("SUP-XGM", "Xinguang Gallium Materials Co., Ltd.", "CN"),
        ("SUP-MRT", "Marina Bay Resources Trading Pte. Ltd.", "SG"),  # trader, CN material
        ("SUP-RHM", "Rhein-Hessen Metallurgie GmbH", "DE"),
        ("SUP-HIM", "Hanbit Indium Materials Co., Ltd.", "KR"),
        ("SUP-CRM", "Chikuho Rare Metals Co., Ltd.", "JP"),
        ("SUP-GIO", "Guixi Indium Oxide Co., Ltd.", "CN"),
        ("SUP-KZO", "Kempen Zinkoxide B.V.", "NL"),
        ("SUP-AOZ", "Ardennes Oxyde de Zinc S.A.", "BE"),
        ("SUP-MGE", "Maasland Germanium N.V.", "BE"),
        ("SUP-YGE", "Yunxi Germanium Technology Co., Ltd.", "CN"),
        ("SUP-ZAP", "Zijiang Antimony Products Co., Ltd.", "CN"),
        ("SUP-PAM", "Pamir Antimony Metals LLC", "TJ"),
        ("SUP-EGE", "Ege Antimon Metal Sanayi A.Ş.", "TR"),
        ("SUP-KTR", "Kansai Tellurium Refining Co., Ltd.", "JP"),
        ("SUP-JWM", "Jiangxi Wuyi Tungsten Powder Co., Ltd.", "CN"),
        ("SUP-HRM", "Hanseatic Refractory Metals GmbH", "DE"),  # trader, CN tungsten
        ("SUP-STW", "Steirische Wolframpulver GmbH", "AT"),
        ("SUP-SCT", "Song Cau Tungsten Carbide JSC", "VN"),
        ("SUP-PCO", "Pohjanmaa Cobalt Oy", "FI"),
        ("SUP-LCN", "Lianyun Cobalt New Materials Co., Ltd.", "CN"),
        ("SUP-SCP", "Scheldt Cobalt Powders N.V.", "BE"),
        ("SUP-PIC", "Pingding Isostatic Carbon Co., Ltd.", "CN"),
        ("SUP-HFC", "Harima Fine Carbon K.K.", "JP"),
        ("SUP-BKB", "Brabant Koper B.V.", "NL"),
        ("SUP-OKH", "Oderland Kupferhalbzeug GmbH", "DE"),
        ("SUP-CPP", "Cascade Plasma Power Inc.", "US"),
        ("SUP-SRF", "Sagami RF Systems Co., Ltd.", "JP"),
    ],
    "sources": [
        # Ga2O3: 70% one Chinese producer, SG trader with CN origin -> both caps (CN 90%)
        ("M-GA2O3", "SUP-XGM", 0.70, 410, 90, 200, 25, None),
        ("M-GA2O3", "SUP-MRT", 0.20, 470, 35, 80, 10, "CN"),
        ("M-GA2O3", "SUP-RHM", 0.10, 520, 30, 25, 5, None),
        # In2O3: diversified, under both caps
        ("M-IN2O3", "SUP-HIM", 0.50, 360, 30, 250, 20, None),
        ("M-IN2O3", "SUP-CRM", 0.30, 385, 25, 120, 10, "JP"),
        ("M-IN2O3", "SUP-GIO", 0.20, 330, 60, 200, 25, None),
        # ZnO: two western suppliers, 70% one of them -> both caps (low risk, cheap)
        ("M-ZNO", "SUP-KZO", 0.70, 3.8, 21, 5000, 250, None),
        ("M-ZNO", "SUP-AOZ", 0.30, 4.1, 28, 3000, 250, None),
        # Ge: Belgian recycler/refiner 45%, China 40% + SG trader 15% (CN) -> CN 55%, no breach
        ("M-GE", "SUP-MGE", 0.45, 3650, 45, 20, 5, None),
        ("M-GE", "SUP-YGE", 0.40, 3300, 75, 30, 10, None),
        ("M-GE", "SUP-MRT", 0.15, 3750, 30, 8, 2, "CN"),
        # Sb: spread over 4 suppliers, but China 40% + trader 25% (CN) -> country cap only
        ("M-SB", "SUP-ZAP", 0.40, 46, 70, 600, 100, None),
        ("M-SB", "SUP-MRT", 0.25, 55, 30, 200, 50, "CN"),
        ("M-SB", "SUP-PAM", 0.20, 47, 60, 500, 200, "TJ"),
        ("M-SB", "SUP-EGE", 0.15, 52, 35, 250, 50, None),
        # Te: single source (copper-refinery by-product in Japan)
        ("M-TE", "SUP-KTR", 1.00, 95, 30, 400, 25, None),
        # W powder: China 50% + German trader 20% (CN origin) + Austria 30% -> country cap
        ("M-W", "SUP-JWM", 0.50, 115, 60, 2000, 250, "CN"),
        ("M-W", "SUP-HRM", 0.20, 128, 21, 600, 100, "CN"),
        ("M-W", "SUP-STW", 0.30, 135, 30, 800, 100, None),
        # WC powder: diversified AT / CN / VN, under both caps
        ("M-WC", "SUP-STW", 0.40, 75, 30, 500, 100, None),
        ("M-WC", "SUP-JWM", 0.35, 62, 60, 1000, 200, None),
        ("M-WC", "SUP-SCT", 0.25, 66, 45, 400, 100, "VN"),
        # Co powder: refined in FI / CN / BE (mined in CD), under both caps
        ("M-CO", "SUP-PCO", 0.40, 46, 28, 300, 50, None),
        ("M-CO", "SUP-LCN", 0.35, 41, 60, 500, 100, None),
        ("M-CO", "SUP-SCP", 0.25, 48, 21, 200, 25, None),
        # Isostatic graphite: CN 45% + SG trader 25% (CN) + JP 30% -> country cap (CN 70%)
        ("M-GRAPH", "SUP-PIC", 0.45, 14, 75, 8000, 1000, None),
        ("M-GRAPH", "SUP-HFC", 0.30, 24, 45, 3000, 500, None),
        ("M-GRAPH", "SUP-MRT", 0.25, 16, 30, 2000, 500, "CN"),
        # OFE copper: diversified
        ("M-CU", "SUP-BKB", 0.50, 11.5, 14, 8000, 500, None),
        ("M-CU", "SUP-OKH", 0.50, 11.2, 21, 10_000, 1000, "DE"),
        # RF generators: exactly at both caps (60% US, 40% JP) -> no breach
        ("C-RFGEN", "SUP-CPP", 0.60, 28_000, 60, 12, 1, None),
        ("C-RFGEN", "SUP-SRF", 0.40, 31_000, 75, 8, 1, None),
    ],
    "orders": [
        ("M-GA2O3", "SUP-MRT", 100, day(22)),
        ("M-GA2O3", "SUP-XGM", 300, day(46)),
        ("M-GE", "SUP-MGE", 25, day(79)),
        ("M-GE", "SUP-YGE", 80, day(128)),
        ("M-SB", "SUP-EGE", 60, day(29)),
        ("M-W", "SUP-STW", 600, day(25)),
        ("M-W", "SUP-JWM", 1500, day(102)),
        ("M-WC", "SUP-SCT", 300, day(43)),
        ("M-GRAPH", "SUP-HFC", 1800, day(84)),
        ("M-GRAPH", "SUP-PIC", 4000, day(148)),
        ("M-CU", "SUP-BKB", 1500, day(10)),
        ("C-RFGEN", "SUP-CPP", 8, day(35)),
    ],
    "expect_caps": {
        "M-GA2O3": (True, True),
        "M-IN2O3": (False, False),
        "M-ZNO": (True, True),
        "M-GE": (False, False),
        "M-SB": (False, True),
        "M-TE": (True, True),
        "M-W": (False, True),
        "M-WC": (False, False),
        "M-CO": (False, False),
        "M-GRAPH": (False, True),
        "M-CU": (False, False),
        "C-RFGEN": (False, False),
    },
}

PROJECTS = (EV, SEMI)


# ---------------------------------------------------------------------------------------------
# Computation (docs/definitions.md), used to derive stock and to check the outputs
# ---------------------------------------------------------------------------------------------
def topo_order(items: list[str], bom: list[tuple]) -> list[str]:
    """Parents before children; raises ValueError naming a cycle."""
    children = defaultdict(list)
    for parent, child, *_ in bom:
        children[parent].append(child)
    state: dict[str, int] = {}
    order: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise ValueError("BOM cycle: " + " -> ".join([*path, node]))
        state[node] = 1
        for child in children[node]:
            visit(child, [*path, node])
        state[node] = 2
        order.append(node)

    for item in items:
        visit(item, [])
    return order[::-1]


def daily_requirements(items: list[str], bom: list[tuple], demand: list[tuple]
                       ) -> dict[str, float]:
    req = dict.fromkeys(items, 0.0)
    for item, quantity, per in demand:
        req[item] += float(quantity) / DAYS_PER[str(per).lower()]
    lines = defaultdict(list)
    for parent, child, qty, scrap in bom:
        lines[parent].append((child, float(qty) * (1 + float(scrap or 0) / 100)))
    for parent in topo_order(items, bom):
        for child, eff in lines[parent]:
            req[child] += req[parent] * eff
    return req


def nice(x: float) -> float:
    """Round to two significant figures (three from 10,000 up), as a planner would."""
    if x <= 0:
        return 0
    digits = 3 if x >= 10_000 else 2
    step = 10 ** (math.floor(math.log10(x)) - digits + 1)
    value = round(x / step) * step
    return int(value) if value >= 1 else round(value, 3)


def stock_rows(project: dict) -> list[tuple]:
    ids = [row[0] for row in project["items"]]
    req = daily_requirements(ids, project["bom"], project["demand"])
    rows = []
    for item, (cover, safety, target, _status) in project["stock_intent"].items():
        rows.append((item, nice(req[item] * cover), nice(req[item] * safety), target))
    rows.extend(project["stock_fixed"])
    order = {item: i for i, item in enumerate(ids)}
    return sorted(rows, key=lambda r: order[r[0]])


def tables(project: dict) -> dict[str, list[tuple]]:
    settings = [
        ("company", project["company"]),
        ("as_of_date", AS_OF),
        ("horizon_days", HORIZON_DAYS),
        ("target_days", TARGET_DAYS),
        ("max_supplier_share", CAP),
        ("max_country_share", CAP),
        ("currency", "EUR"),
    ]
    return {
        "Items": project["items"],
        "BOM": project["bom"],
        "Demand": project["demand"],
        "Forecast": project["forecast"],
        "Stock": stock_rows(project),
        "Suppliers": project["suppliers"],
        "Sources": source_rows(project),
        "Orders": project["orders"],
        "Rates": RATES,
        "Settings": settings,
    }


def source_rows(project: dict) -> list[tuple]:
    """The Sources rows with each quoted price in its currency (blank: EUR)."""
    rows = []
    for row in project["sources"]:
        price, currency = project["quoted"].get((row[0], row[1]), (row[3], None))
        if currency is not None:
            eur = price * dict(RATES).get(currency, 1.0)
            assert abs(eur - row[3]) <= 0.005 * row[3], (row[:2], eur, row[3])
        rows.append((*row[:3], price, *row[4:], currency))
    return rows


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", start_color="305496")


def display_width(value: object, fmt: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float | int) and not isinstance(value, bool):
        if fmt == "0%":
            return 4
        return len(f"{value:,}") + 1
    return len(str(value))


def write_workbook(path: Path, data: dict[str, list[tuple]]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, columns in COLUMNS.items():
        ws = wb.create_sheet(sheet)
        ws.append(columns)
        for cell in ws[1]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center")
        for row in data[sheet]:
            ws.append(list(row))
        widths = [len(c) + 2 for c in columns]
        for col_idx, name in enumerate(columns, start=1):
            fmt = FORMATS.get(name)
            for (cell,) in ws.iter_rows(min_row=2, min_col=col_idx, max_col=col_idx):
                if sheet == "Settings" and isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif fmt and isinstance(cell.value, int | float | dt.date):
                    whole = isinstance(cell.value, int | float) and float(cell.value).is_integer()
                    # "#,##0.###" would show a trailing "." on whole numbers in Excel
                    cell.number_format = fmt.split(".")[0] if whole and "#" in fmt else fmt
                widths[col_idx - 1] = max(widths[col_idx - 1],
                                          display_width(cell.value, fmt) + 2)
        for col_idx, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col_idx)].width = min(width, 60)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.save(path)


def csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv_folder(folder: Path, data: dict[str, list[tuple]]) -> None:
    folder.mkdir(exist_ok=True)
    for sheet, columns in COLUMNS.items():
        with open(folder / f"{sheet}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            for row in data[sheet]:
                writer.writerow([value.strftime("%Y-%m") if name == "month" else csv_value(value)
                                 for name, value in zip(columns, row, strict=True)])


# ---------------------------------------------------------------------------------------------
# Checking the written files
# ---------------------------------------------------------------------------------------------
def read_workbook(path: Path) -> dict[str, list[dict]]:
    wb = load_workbook(path)
    assert wb.sheetnames == list(COLUMNS), wb.sheetnames
    out = {}
    for sheet, columns in COLUMNS.items():
        rows = list(wb[sheet].iter_rows(values_only=True))
        assert list(rows[0]) == columns, (path.name, sheet, rows[0])
        out[sheet] = [dict(zip(columns, r, strict=True)) for r in rows[1:]
                      if any(v is not None for v in r)]
    return out


def read_csv_folder(folder: Path) -> dict[str, list[dict]]:
    out = {}
    for sheet, columns in COLUMNS.items():
        with open(folder / f"{sheet}.csv", encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
        assert reader.fieldnames == columns, (folder.name, sheet)
        out[sheet] = rows
    return out


def check(project: dict, wb: dict[str, list[dict]], csv_data: dict[str, list[dict]]) -> str:
    name = project["name"]
    for sheet in COLUMNS:
        assert len(wb[sheet]) == len(csv_data[sheet]), (name, sheet, "xlsx/csv row count")

    items = {r["item_id"]: r for r in wb["Items"]}
    assert len(items) == len(wb["Items"]), "duplicate item_id"
    assert {r["kind"] for r in items.values()} <= {"product", "component", "material"}
    for r in items.values():
        if r["kind"] == "material":
            assert r["category"] and r["category"] == r["category"].lower(), r
    suppliers = {r["supplier_id"]: r for r in wb["Suppliers"]}
    assert len(suppliers) == len(wb["Suppliers"]), "duplicate supplier_id"
    for r in suppliers.values():
        assert len(r["country"]) == 2 and r["country"].isupper(), r

    bom = [(r["parent_id"], r["child_id"], r["qty_per"], r["scrap_pct"]) for r in wb["BOM"]]
    assert len({(p, c) for p, c, *_ in bom}) == len(bom), "duplicate BOM line"
    for parent, child, qty, scrap in bom:
        assert parent in items and child in items, (parent, child)
        assert qty > 0 and (scrap is None or scrap >= 0), (parent, child)
    order = topo_order(list(items), bom)  # raises on a cycle
    depth = dict.fromkeys(items, 1)
    for node in reversed(order):
        for parent, child, *_ in bom:
            if parent == node:
                depth[node] = max(depth[node], depth[child] + 1)
    assert max(depth.values()) >= 3, "want at least 3 BOM levels"
    parents_of = defaultdict(set)
    for parent, child, *_ in bom:
        parents_of[child].add(parent)
    assert any(len(p) >= 2 and items[c]["kind"] == "component" for c, p in parents_of.items())

    for sheet in ("Demand", "Forecast", "Stock"):
        for r in wb[sheet]:
            assert r["item_id"] in items, (sheet, r)
    months_given = [(r["item_id"], r["month"]) for r in wb["Forecast"]]
    assert len(set(months_given)) == len(months_given), "a month given twice"
    assert all(r["month"].day == 1 for r in wb["Forecast"])
    rated = {r["currency"] for r in wb["Rates"]} | {"EUR"}
    assert all(r["currency"] in rated for r in wb["Sources"] if r["currency"]), "rate missing"
    demand = [(r["item_id"], r["quantity"], r["per"]) for r in wb["Demand"]]
    req = daily_requirements(list(items), bom, demand)

    share_sum = defaultdict(float)
    by_item = defaultdict(list)
    for r in wb["Sources"]:
        assert r["item_id"] in items and r["supplier_id"] in suppliers, r
        assert 0 < r["share"] <= 1 and 14 <= r["lead_time_days"] <= 120, r
        origin = r["origin_country"] or suppliers[r["supplier_id"]]["country"]
        share_sum[r["item_id"]] += r["share"]
        by_item[r["item_id"]].append((r["supplier_id"], origin, r["share"],
                                      r["lead_time_days"]))
    for item, total in share_sum.items():
        assert abs(total - 1) <= 0.005, (name, item, total)
    assert any(r["origin_country"] is None for r in wb["Sources"]), "want blank origins"
    assert any(r["origin_country"] and r["origin_country"] != suppliers[r["supplier_id"]][
        "country"] for r in wb["Sources"]), "want a trader selling foreign-origin material"
    for r in csv_data["Sources"]:
        assert r["share"] and 0 < float(r["share"]) <= 1, r

    pairs = {(r["item_id"], r["supplier_id"]) for r in wb["Sources"]}
    limit = dt.datetime.combine(AS_OF, dt.time()) + dt.timedelta(days=HORIZON_DAYS)
    due_in = defaultdict(float)
    soon = later = 0
    for r in wb["Orders"]:
        assert (r["item_id"], r["supplier_id"]) in pairs, r
        assert isinstance(r["due_date"], dt.datetime), r
        if r["due_date"] <= limit:
            due_in[r["item_id"]] += r["quantity"]
            soon += 1
        else:
            later += 1
    assert soon and later, "want orders both inside and beyond the horizon"

    settings = {r["key"]: r["value"] for r in wb["Settings"]}
    assert settings["as_of_date"] == dt.datetime(2026, 11, 2), settings
    assert settings["currency"] == "EUR" and settings["company"]

    stock = {r["item_id"]: r for r in wb["Stock"]}
    lines = [f"{name}: {len(items)} items "
             f"({sum(r['kind'] == 'product' for r in items.values())} products, "
             f"{sum(r['kind'] == 'component' for r in items.values())} components, "
             f"{sum(r['kind'] == 'material' for r in items.values())} materials), "
             f"{len(suppliers)} suppliers, {len(wb['Sources'])} sources, "
             f"{len(wb['Orders'])} orders ({soon} due within {HORIZON_DAYS} days)",
             f"  {'item':<10} {'daily':>10} {'on_hand':>9} {'cover':>6} {'w/ord':>6} "
             f"{'target':>6}  status    sup  cty  top-country"]
    sourced = [i for i in items if i in share_sum]
    for item in sourced:
        assert req[item] > 0, (item, "sourced item without demand")
        s = stock[item]
        cover = s["on_hand"] / req[item]
        cover_orders = (s["on_hand"] + due_in[item]) / req[item]
        target = s["target_days"] if s["target_days"] is not None else TARGET_DAYS
        fastest = min(lead for *_, lead in by_item[item])
        # Status rule as in planner/compute.py (work in progress): critical when at or below
        # safety stock or when cover is shorter than the fastest lead time; short below target.
        if s["on_hand"] <= (s["safety_stock"] or 0) or cover < fastest:
            status = "critical"
        elif cover < target:
            status = "short"
        else:
            status = "ok"
        sup_top = max(share for _, _, share, _ in by_item[item])
        country = defaultdict(float)
        for _, origin, share, _ in by_item[item]:
            country[origin] += share
        cty, cty_top = max(country.items(), key=lambda kv: kv[1])
        over = (sup_top > CAP + 1e-9, cty_top > CAP + 1e-9)
        expected_status = project["stock_intent"][item][3]
        assert status == expected_status, (name, item, status, expected_status, cover)
        assert over == project["expect_caps"][item], (name, item, over)
        flags = ("SUP" if over[0] else "-", "CTY" if over[1] else "-")
        lines.append(f"  {item:<10} {req[item]:>10.2f} {s['on_hand']:>9,} {cover:>6.0f} "
                     f"{cover_orders:>6.0f} {target:>6}  {status:<9} {flags[0]:<4} "
                     f"{flags[1]:<4} {cty} {cty_top:.0%}")
    assert set(project["stock_intent"]) == set(sourced), "every sourced item needs an intent"
    return "\n".join(lines)


def main() -> None:
    for project in PROJECTS:
        data = tables(project)
        xlsx = HERE / f"{project['name']}.xlsx"
        folder = HERE / f"{project['name']}_csv"
        write_workbook(xlsx, data)
        write_csv_folder(folder, data)
        summary = check(project, read_workbook(xlsx), read_csv_folder(folder))
        print(f"wrote {xlsx.relative_to(HERE.parent)} and {folder.relative_to(HERE.parent)}/")
        print(summary)


if __name__ == "__main__":
    main()
