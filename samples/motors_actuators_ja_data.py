"""Project 3 of the samples, as build_samples.py writes it (motors_actuators_ja.xlsx and
motors_actuators_ja_csv/): a small Japanese maker of motors and actuators for cars and robots,
with every name in Japanese and prices in yen. Where its figures come from: build_samples.py's
docstring; what is particular to this one is below.

The company, its suppliers and all quantities are fictitious (some suppliers are the other
samples' fictitious companies under their Japanese names). Ids stay ASCII codes, as in most
Japanese ERP systems; names and units are Japanese.

- Magnets are made for the company by toll processors from rare earths it buys itself and
  supplies to them (有償支給), so the BOM goes down to the oxide and metals. Grain-boundary
  diffusion keeps the heavy rare earths low: EPS / oil-pump grade NdPr 29.5 wt% with Dy 1.0 wt%;
  servo grade NdPr 30 wt% with Dy 0.5 and Tb 0.6 wt% (the same public ranges as the EV sample).
  NdPr is bought as oxide (NdPr metal ÷ 0.857 kg of oxide), Dy and Tb as metal; the 27% scrap
  on those lines is the toll processors' melting and machining loss (a rule of thumb).
- Magnet mass per motor: EPS 0.16 kg, electric oil pump 0.09 kg, cobot joint servo 0.25 kg
  (assumptions in the range of published small-motor teardowns, low reliability).
- Prices: the EV sample's public-figure prices converted at the Rates sheet's illustrative
  150 JPY per USD, 172 JPY per EUR (150 ÷ 0.87) and 21 JPY per CNY, rounded; a Japanese
  trading house (商社) or recycler charges 10-20% over a Chinese refiner. NdPr oxide 69 USD/kg
  is about ¥10,400/kg; Dy metal about ¥50,000-62,000/kg; Tb metal about ¥176,000-215,000/kg.
- NdPr comes for nearly half from Malaysia, through a trading house and direct, as Japan has
  done since 2011 to depend less on China; Dy and Tb are still Chinese for 75% and 95%, with a
  little from a domestic recycler (Sources secondary: recovered from magnet scrap in Japan,
  so a stop of China does not reach it). A tenth of the Dy comes through a Tokyo trading
  house (Suppliers kind 商社) that does not say where it was refined: its origin is left blank, so
  the declared figures count it as Japanese and look-through spreads it over world rare
  earth production (about 69% China), 82% China in all.
- Items 鉱種 (commodity) names the rare earths in Japanese and says なし for electrolytic
  iron; the other materials are matched by their names (銅 is copper).
- Alternates: a Dy-free fine-grain magnet grade (NdPr 30.5 wt%, no Dy) may replace the
  Dy-diffused grade in the EPS rotors (78% of that grade's use) 120 days after a stop
  begins, the time a car maker takes to approve a change of magnet grade (an assumption);
  it needs a little more NdPr, which a stop of China cuts by a third.
- Forecast: twelve months from November 2026. EPS motors follow the Japanese car-production
  year (a March peak before the fiscal year end, dips at Golden Week, Obon and the New Year);
  cobot servos ramp up from 1,500 to 2,600 a month.
"""

from __future__ import annotations

import datetime as dt

from sample_dates import day, months

FIRST_MONTH = dt.date(2026, 11, 1)
# EPS motors, Nov 2026 - Oct 2027: New Year dip, March peak, Golden Week (May), Obon (Aug).
EPS_MONTHS = [12000, 12200, 10400, 12600, 13800, 12000, 10600, 12400, 12200, 10300, 12500,
              12800]
# Cobot joint servos: a new customer's line ramps up through 2027.
SRV_MONTHS = [1500, 1550, 1500, 1700, 1850, 1950, 2050, 2200, 2300, 2400, 2500, 2600]

JA = {
    "name": "motors_actuators_ja",
    "company": "株式会社 三遠モーター精工",
    "currency": "JPY",
    # units of JPY for one unit of each: illustrative, not a quotation (see above)
    "rates": [("USD", 150), ("CNY", 21), ("EUR", 172)],
    "csv_bom": True,  # Excel on a Japanese desktop reads UTF-8 CSV as Shift_JIS without it
    # item_id, name, kind, unit, unit_price (JPY), category[, commodity (鉱種; blank: from the
    # name and category)]
    "items": [
        ("P-EPS-01", "EPS用ブラシレスモーター (電動パワーステアリング)", "product", "個", 14_500,
         "車載モーター"),
        ("P-EPB-01", "電動パーキングブレーキ用アクチュエーター", "product", "個", 6800,
         "車載アクチュエーター"),
        ("P-EOP-01", "電動オイルポンプ用モーター (HEV)", "product", "個", 9500, "車載モーター"),
        ("P-SRV-01", "協働ロボット関節用サーボモーター (フレームレス)", "product", "個", 68_000,
         "ロボット用モーター"),
        ("C-ROTOR-EPS", "ロータ組立 (EPS用)", "component", "個", 4200, "ロータ"),
        ("C-STATOR-EPS", "ステータ組立 (EPS用、集中巻)", "component", "個", 3600, "ステータ"),
        ("C-ROTOR-SRV", "ロータ組立 (サーボ用)", "component", "個", 16_000, "ロータ"),
        ("C-STATOR-SRV", "ステータ組立 (サーボ用)", "component", "個", 14_000, "ステータ"),
        ("C-MAG-DY", "ネオジム焼結磁石 (Dy拡散、EPS・ポンプ用)", "component", "kg", 11_500,
         "磁石"),
        ("C-MAG-TB", "ネオジム焼結磁石 (Tb拡散、高保磁力サーボ用)", "component", "kg", 14_500,
         "磁石"),
        ("C-MAG-DYFREE", "ネオジム焼結磁石 (Dyフリー、微細結晶粒グレード)", "component", "kg",
         11_200, "磁石"),
        ("C-COIL", "巻線 (自己融着エナメル線コイル)", "component", "kg", 2300, "巻線"),
        ("C-ENC", "アブソリュートエンコーダ (23ビット)", "component", "個", 9800,
         "購入部品"),
        ("C-DCM", "DCブラシモーター (EPB用)", "component", "個", 640, "購入部品"),
        ("C-GEAR-EPB", "遊星歯車減速ユニット (EPB用)", "component", "個", 1200, "購入部品"),
        ("M-NDPR", "ネオジム・プラセオジム酸化物 (NdPr酸化物)", "material", "kg", 10_400,
         "レアアース", "ネオジム"),
        ("M-DY", "ジスプロシウム (Dyメタル 99.5%)", "material", "kg", 52_000, "レアアース",
         "ジスプロシウム"),
        ("M-TB", "テルビウム (Tbメタル 99.9%)", "material", "kg", 181_000, "レアアース",
         "テルビウム"),
        ("M-FEB", "フェロボロン (FeB18)", "material", "kg", 600, "ホウ素"),
        ("M-FE", "電解鉄", "material", "kg", 160, "鉄", "なし"),
        ("M-ESTEEL", "無方向性電磁鋼板 0.25mm", "material", "kg", 290, "電磁鋼板"),
        ("M-CU", "銅線 (エナメル丸線・平角線)", "material", "kg", 1650, "銅"),
    ],
    # parent_id, child_id, qty_per, scrap_pct (None = blank)
    "bom": [
        ("P-EPS-01", "C-ROTOR-EPS", 1, None),
        ("P-EPS-01", "C-STATOR-EPS", 1, None),
        ("P-EPB-01", "C-DCM", 1, None),
        ("P-EPB-01", "C-GEAR-EPB", 1, None),
        ("P-EOP-01", "C-MAG-DY", 0.09, 1),
        ("P-EOP-01", "C-COIL", 0.20, 2),
        ("P-EOP-01", "M-ESTEEL", 1.0, 35),
        ("P-SRV-01", "C-ROTOR-SRV", 1, None),
        ("P-SRV-01", "C-STATOR-SRV", 1, None),
        ("P-SRV-01", "C-ENC", 1, None),
        ("C-ROTOR-EPS", "C-MAG-DY", 0.16, 1),
        ("C-ROTOR-EPS", "M-ESTEEL", 0.5, 35),
        ("C-STATOR-EPS", "C-COIL", 0.35, 2),
        ("C-STATOR-EPS", "M-ESTEEL", 1.1, 35),
        ("C-ROTOR-SRV", "C-MAG-TB", 0.25, 1),
        ("C-ROTOR-SRV", "M-ESTEEL", 0.6, 35),
        ("C-STATOR-SRV", "C-COIL", 0.45, 2),
        ("C-STATOR-SRV", "M-ESTEEL", 1.6, 35),
        ("C-MAG-DY", "M-NDPR", 0.344, 27),
        ("C-MAG-DY", "M-DY", 0.010, 27),
        ("C-MAG-DY", "M-FEB", 0.055, 27),
        ("C-MAG-DY", "M-FE", 0.600, 27),
        ("C-MAG-TB", "M-NDPR", 0.350, 27),
        ("C-MAG-TB", "M-DY", 0.005, 27),
        ("C-MAG-TB", "M-TB", 0.006, 27),
        ("C-MAG-TB", "M-FEB", 0.055, 27),
        ("C-MAG-TB", "M-FE", 0.590, 27),
        ("C-MAG-DYFREE", "M-NDPR", 0.356, 27),
        ("C-MAG-DYFREE", "M-FEB", 0.055, 27),
        ("C-MAG-DYFREE", "M-FE", 0.589, 27),
        ("C-COIL", "M-CU", 1.0, 3),
    ],
    # item_id, alternate_id, ratio, qualification_days, max_share (代替品): the Dy-free grade
    # replaces the Dy-diffused one kilogram for kilogram once the car maker has approved it
    # (120 days: a change of magnet grade is a change of part that the customer approves),
    # in the EPS rotors only: 1,920 of the 2,460 kg a month, 78%; the oil pump runs too hot
    # for a magnet without heavy rare earths
    "alternates": [("C-MAG-DY", "C-MAG-DYFREE", 1, 120, 0.78)],
    # item_id, quantity, per
    "demand": [
        ("P-EPS-01", 12_000, "month"),
        ("P-EPB-01", 30_000, "month"),
        ("P-EOP-01", 6000, "month"),
        ("P-SRV-01", 1500, "month"),
        ("C-MAG-DY", 40, "month"),  # service magnets for rewinding and repair
    ],
    # item_id, month (first day), quantity in that month
    "forecast": [("P-EPS-01", m, q) for m, q in months(FIRST_MONTH, EPS_MONTHS)]
    + [("P-SRV-01", m, q) for m, q in months(FIRST_MONTH, SRV_MONTHS)],
    # (item_id, supplier_id) -> (unit_price, currency): the price as the supplier quotes it
    "quoted": {
        ("M-NDPR", "SUP-QRM"): (481, "CNY"),
        ("M-NDPR", "SUP-KAR"): (71, "USD"),
        ("M-NDPR", "SUP-CHA"): (72.5, "USD"),
        ("M-NDPR", "SUP-PBM"): (68.6, "EUR"),
        ("M-DY", "SUP-QRM"): (2400, "CNY"),
        ("M-TB", "SUP-QRM"): (8400, "CNY"),
        ("M-FE", "SUP-LFE"): (0.9, "EUR"),
        ("M-CU", "SUP-TCW"): (10.8, "USD"),
        ("C-DCM", "SUP-HPM"): (4.27, "USD"),
        ("C-DCM", "SUP-NBM"): (28.6, "CNY"),
    },
    # item_id -> (days of cover, safety days, target_days, expected status), as in EV
    "stock_intent": {
        "M-NDPR": (48, 20, None, "short"),
        "M-DY": (22, 30, 180, "critical"),  # at/below safety stock
        "M-TB": (16, 30, 180, "critical"),  # at/below safety stock, under the lead time
        "M-FEB": (120, 30, None, "ok"),
        "M-FE": (40, 10, 30, "ok"),
        "M-ESTEEL": (45, 10, 30, "ok"),
        "M-CU": (17, 5, 21, "short"),
        "C-ENC": (75, 20, None, "ok"),
        "C-DCM": (50, 10, 30, "ok"),
        "C-GEAR-EPB": (26, 10, 30, "short"),
    },
    # Stock of made intermediates (literal quantities; gross requirements ignore them).
    "stock_fixed": [
        ("C-ROTOR-EPS", 1800, None, None),
        ("C-STATOR-EPS", 1500, None, None),
        ("C-ROTOR-SRV", 240, None, None),
        ("C-STATOR-SRV", 200, None, None),
        ("C-MAG-DY", 1400, 300, None),
        ("C-MAG-TB", 160, 40, None),
        ("C-COIL", 900, None, None),
    ],
    # supplier_id, name, country[, kind (仕入先区分): producer or trader; blank: producer]
    "suppliers": [
        ("SUP-QRM", "銭塘希有金属精錬有限公司", "CN"),
        ("SUP-HKB", "北辰物産株式会社", "JP", "trader"),  # MY NdPr, CN ferro-boron
        ("SUP-STK", "瀬戸内産業貿易株式会社", "JP", "trader"),  # CN-refined Dy and Tb
        ("SUP-KAR", "キナバル・アドバンスト・レアアース社", "MY"),
        ("SUP-PBM", "ペイプシ・バルティック・メタルズ社", "EE"),
        ("SUP-CHA", "カットハイ・レアアース合金社", "VN"),
        ("SUP-RCY", "東日本レアメタルリサイクル株式会社", "JP"),  # domestic recycler
        ("SUP-NFA", "日本海フェロアロイ株式会社", "JP"),
        ("SUP-TDT", "東北電解鉄工業株式会社", "JP"),
        ("SUP-LFE", "ロレーヌ電解鉄社", "FR"),
        ("SUP-NDK", "西日本電磁鋼株式会社", "JP"),
        ("SUP-DGE", "大邱電磁鋼株式会社", "KR"),
        ("SUP-KEW", "北関東エナメル線株式会社", "JP"),
        ("SUP-TCW", "台中漆包線股份有限公司", "TW"),
        ("SUP-SOE", "信州光学エンコーダ株式会社", "JP"),
        ("SUP-HPM", "ハイフォン精密モーター有限会社", "VN"),
        ("SUP-NBM", "寧波微電機有限公司", "CN"),
        ("SUP-HMG", "浜松ギア工業株式会社", "JP"),
        ("SUP-SPG", "サイアム精密ギア社", "TH"),
        # a Tokyo trading house that does not say where its Dy was refined: origin blank,
        # so look-through spreads it over world rare earth production
        ("SUP-TRM", "東京レアメタル商事株式会社", "JP", "trader"),
    ],
    # item_id, supplier_id, share, unit_price (JPY), lead_time_days, capacity_per_month, moq,
    # origin_country (None = blank = the supplier's country)
    "sources": [
        # NdPr oxide: diversified, 45% Malaysia, 35% China -> under both caps
        ("M-NDPR", "SUP-QRM", 0.35, 10_100, 60, 3000, 500, "CN"),
        ("M-NDPR", "SUP-HKB", 0.25, 11_200, 30, 1500, 200, "MY"),
        ("M-NDPR", "SUP-KAR", 0.20, 10_650, 45, 1200, 250, None),
        ("M-NDPR", "SUP-PBM", 0.10, 11_800, 50, 500, 100, None),
        ("M-NDPR", "SUP-CHA", 0.10, 10_900, 40, 500, 100, "VN"),
        # Dy: a Chinese refiner and a trading house selling CN metal -> country 75% declared;
        # a Tokyo trading house's 10% of unknown origin (declared JP) -> 82% China effective
        ("M-DY", "SUP-QRM", 0.50, 50_400, 60, 40, 10, None),
        ("M-DY", "SUP-STK", 0.25, 58_000, 21, 25, 5, "CN"),
        ("M-DY", "SUP-TRM", 0.10, 60_000, 14, 8, 2, None),
        ("M-DY", "SUP-RCY", 0.15, 62_000, 30, 10, 2, None),
        # Tb: 65% one Chinese refiner, 95% China -> both caps
        ("M-TB", "SUP-QRM", 0.65, 176_400, 75, 5, 1, None),
        ("M-TB", "SUP-STK", 0.30, 205_000, 21, 3, 1, "CN"),
        ("M-TB", "SUP-RCY", 0.05, 215_000, 30, 1, 1, None),
        # Ferro-boron: exactly at both caps (60% Japan, 40% China via a trading house)
        ("M-FEB", "SUP-NFA", 0.60, 620, 30, 2000, 200, None),
        ("M-FEB", "SUP-HKB", 0.40, 580, 28, 1500, 200, "CN"),
        # Electrolytic iron: a domestic maker and a French one, exactly at both caps
        ("M-FE", "SUP-TDT", 0.60, 160, 30, 30_000, 2000, None),
        ("M-FE", "SUP-LFE", 0.40, 155, 45, 20_000, 1000, None),
        # Electrical steel and copper wire: Japan 55%, under both caps
        ("M-ESTEEL", "SUP-NDK", 0.55, 290, 35, 80_000, 10_000, None),
        ("M-ESTEEL", "SUP-DGE", 0.45, 270, 42, 60_000, 10_000, None),
        ("M-CU", "SUP-KEW", 0.55, 1680, 14, 15_000, 1000, None),
        ("M-CU", "SUP-TCW", 0.45, 1620, 28, 12_000, 2000, "TW"),
        # Purchased components
        ("C-ENC", "SUP-SOE", 1.00, 9800, 60, 4000, 200, None),
        ("C-DCM", "SUP-HPM", 0.60, 640, 45, 25_000, 5000, None),
        ("C-DCM", "SUP-NBM", 0.40, 600, 40, 20_000, 5000, None),
        ("C-GEAR-EPB", "SUP-HMG", 0.60, 1200, 21, 24_000, 2000, None),
        ("C-GEAR-EPB", "SUP-SPG", 0.40, 1100, 35, 15_000, 3000, None),
    ],
    # Sources rows of recycled material (Sources secondary "yes", 二次原料): the domestic
    # recycler's Dy and Tb, recovered in Japan from magnet scrap (its blank origin is JP)
    "secondary": {("M-DY", "SUP-RCY"), ("M-TB", "SUP-RCY")},
    # item_id, supplier_id, quantity, due_date (発注残: open orders)
    "orders": [
        ("M-NDPR", "SUP-QRM", 1500, day(25)),
        ("M-NDPR", "SUP-KAR", 1000, day(52)),
        ("M-NDPR", "SUP-HKB", 800, day(110)),
        ("M-DY", "SUP-STK", 15, day(12)),
        ("M-DY", "SUP-QRM", 40, day(95)),
        ("M-TB", "SUP-STK", 2, day(19)),
        ("M-TB", "SUP-QRM", 5, day(100)),
        ("M-CU", "SUP-KEW", 8000, day(9)),
        ("M-CU", "SUP-TCW", 6000, day(33)),
        ("M-ESTEEL", "SUP-NDK", 60_000, day(16)),
        ("M-FE", "SUP-LFE", 5000, day(30)),
        ("C-ENC", "SUP-SOE", 2000, day(40)),
        ("C-DCM", "SUP-HPM", 20_000, day(28)),
        ("C-GEAR-EPB", "SUP-HMG", 20_000, day(10)),
        ("C-GEAR-EPB", "SUP-SPG", 12_000, day(120)),
    ],
    # Intended cap breaches (checked): item -> (over supplier cap, over country cap)
    "expect_caps": {
        "M-NDPR": (False, False),
        "M-DY": (False, True),
        "M-TB": (True, True),
        "M-FEB": (False, False),
        "M-FE": (False, False),
        "M-ESTEEL": (False, False),
        "M-CU": (False, False),
        "C-ENC": (True, True),
        "C-DCM": (False, False),
        "C-GEAR-EPB": (False, False),
    },
}
