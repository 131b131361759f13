"""Project 1 of the samples, as build_samples.py writes it (ev_motors_wind.xlsx and
ev_motors_wind_csv/): EV traction motors, e-axles, inverters and direct-drive wind
generators. Where its figures come from: build_samples.py's docstring."""

from __future__ import annotations

import datetime as dt

from sample_dates import day, months

# EV traction motors: a new line starts in January 2027 and ramps up from 1,600 a month in
# November 2026 to 5,000 a month from September 2027, held through 2028.
TM150_RAMP = [1600, 1900, 2600, 3200, 3700, 4100, 4400, 4600, 4800, 4900] + [5000] * 16
# Wind generators: the order book ends in June 2027 (3 a month until then), nothing after.
WG4_ORDERS = [3] * 8 + [0] * 18


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
        ("SUP-ELB", "Elbmark Metallhandel GmbH", "DE", "trader"),  # sells CN-refined metal
        ("SUP-KAR", "Kinabalu Advanced Rare Earths Sdn. Bhd.", "MY"),
        ("SUP-PBM", "Peipsi Baltic Metals AS", "EE"),
        ("SUP-CHA", "Cat Hai Rare Earth Alloys JSC", "VN"),
        ("SUP-SIT", "Setouchi Industrial Trading Co., Ltd.", "JP", "trader"),  # CN gallium
        ("SUP-HTG", "Hongtai Gallium Materials Co., Ltd.", "CN"),
        ("SUP-HRR", "Harzrand Metallrecycling GmbH", "DE"),
        ("SUP-WKD", "Weserkupfer Drahtwerk GmbH", "DE"),
        ("SUP-ODR", "Odra Copper Rod Sp. z o.o.", "PL"),
        ("SUP-SEB", "Saarhütte Elektroband GmbH", "DE"),
        ("SUP-BEA", "Bergslagen Elektrostål AB", "SE"),
        ("SUP-ABA", "Anadolu Bor Alaşımları A.Ş.", "TR"),
        ("SUP-LFE", "Lorraine Fer Électrolytique SAS", "FR"),
        ("SUP-AGB", "Allgäuer Getriebebau GmbH", "DE"),
        # a trader whose neodymium's origin the buyer does not know (origin "unknown")
        ("SUP-RMT", "Rijnmond Metals Trading B.V.", "NL", "trader"),
    ],
    # item_id, supplier_id, share, unit_price, lead_time_days, capacity_per_month, moq,
    # origin_country (None = blank = the supplier's country)
    "sources": [
        # Nd: diversified suppliers, but 70% China origin -> country cap breach only; 5% from
        # a Dutch trader of unknown origin (declared NL, spread over world production)
        ("M-ND", "SUP-QRM", 0.40, 72, 55, 5000, 500, "CN"),
        ("M-ND", "SUP-HYR", 0.20, 71, 60, 2500, 500, None),
        ("M-ND", "SUP-ELB", 0.10, 79, 21, 800, 100, "CN"),
        ("M-ND", "SUP-KAR", 0.15, 81, 35, 1500, 250, None),
        ("M-ND", "SUP-CHA", 0.10, 77, 40, 600, 200, "VN"),
        ("M-ND", "SUP-RMT", 0.05, 80, 25, 400, 100, "unknown"),
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
    # Sources rows of recycled material (Sources secondary "yes"): the German recycler's
    # gallium, recovered in Germany from production scrap; the others are primary
    "secondary": {("M-GA", "SUP-HRR")},
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
