"""Make ``ext/sphinx_briefing/data/gazetteer.json``, the candidate finder's places.

Run by hand when the data should change; nothing imports this at build time and neither the
build nor ``briefing candidates`` needs the network::

    .venv/bin/python tools/make_gazetteer.py            # writes the data file
    .venv/bin/python tools/make_gazetteer.py --check    # exit 1 if the file is out of date

Sources, all already installed with the extension:

- countries and regions: CLDR's territory names in Arabic and English, through Babel
  (``babel.Locale("ar").territories``); alpha-2 to alpha-3 through CLDR's territory aliases
  (``babel.core.get_global("territory_aliases")``, which lists the ISO 3166-1 alpha-3 codes
  as aliases of the alpha-2 ones), leaving out the withdrawn codes of ISO 3166-3;
- cities: CLDR's time-zone exemplar cities in Arabic and English
  (``babel.dates.get_timezone_location(..., return_city=True)``), with their coordinates from
  the tz database's ``zone.tab`` in the ``tzdata`` package (degrees and minutes, rounded to
  0.01 degree);
- by hand (:data:`EXTRA_CITIES`, :data:`COUNTRY_VARIANTS`): capitals and large cities that
  have no time zone of their own (Washington, Beijing, Aleppo, Alexandria...) with their
  coordinates to 0.01 degree (checked against GeoNames), and the spellings Arabic news use
  besides CLDR's (أمريكا/أميركا, بريطانيا, السعودية...).

A name that is both a country and a city (الكويت, تونس, الجزائر) is the country's; exemplar
cities that are also common words (نوم "sleep", ترك "left", ماهي "what is") are left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import babel
import tzdata
from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ext" / "sphinx_briefing" / "data" / "gazetteer.json"
ZONE_TAB = Path(tzdata.__file__).parent / "zoneinfo" / "zone.tab"

#: ISO 3166-3 withdrawn alpha-3 codes that CLDR still lists as aliases.
WITHDRAWN = frozenset({"ZAR", "DDR", "FXX", "BUR", "TMP", "YMD", "ANT", "SCG", "YUG", "CSK"})
#: CLDR territories that are not places (pseudo-locales, the euro area, "unknown").
NOT_PLACES = frozenset({"XA", "XB", "ZZ", "QO", "EZ", "UN", "EU", "001"})
#: CLDR regions (UN M.49 codes) kept as places without a code.
REGIONS = frozenset(
    "002 005 011 013 014 015 017 018 029 030 034 035 039 142 143 145 150 151 154 155 419".split()  # noqa: SIM905
)
#: English names clearer than CLDR's short display forms.
ENGLISH = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "HK": "Hong Kong",
    "MO": "Macau",
    "MM": "Myanmar",
    "PS": "Palestine",
    "TR": "Turkey",
    "CI": "Ivory Coast",
}
#: Arabic names CLDR writes in a display form (with brackets or a dash) or rarely used.
ARABIC = {
    "CD": "جمهورية الكونغو الديمقراطية",
    "CG": "جمهورية الكونغو",
    "HK": "هونغ كونغ",
    "MO": "ماكاو",
    "MM": "ميانمار",
    "TL": "تيمور الشرقية",
    "CC": "جزر كوكوس",
    "PS": "فلسطين",
}
#: Spellings of country names common in Arabic news besides CLDR's.
COUNTRY_VARIANTS: dict[str, list[str]] = {
    "US": [
        "الولايات المتحدة الأمريكية",
        "الولايات المتحدة الأميركية",
        "أمريكا",
        "أميركا",
    ],
    "GB": ["بريطانيا", "بريطانيا العظمى"],
    "SA": ["السعودية"],
    "AE": ["الإمارات"],
    "PS": ["الأراضي الفلسطينية", "دولة فلسطين"],
    "CZ": ["جمهورية التشيك", "تشيكيا"],
    "MM": ["بورما"],
    "CD": ["الكونغو الديمقراطية"],
    "CI": ["كوت ديفوار"],
    "DK": ["الدنمارك", "الدنمرك"],
    "HU": ["المجر"],
    "BY": ["بيلاروسيا", "روسيا البيضاء"],
    "SZ": ["سوازيلاند"],
    "SY": ["سورية"],
    "TR": ["تركيا"],
    "KP": ["كوريا الديمقراطية"],
    "KR": ["جمهورية كوريا"],
    "CN": ["جمهورية الصين الشعبية"],
    "IE": ["إيرلندا"],
    "NL": ["هولاندا"],
    "ME": ["مونتينيغرو"],
    "MK": ["مقدونيا"],
    "CV": ["كاب فيردي"],
    "TW": ["تايوان"],
    "RU": ["روسيا الاتحادية"],
    "DE": ["المانيا"],
    "MR": ["موريتانيا"],
    "KM": ["جزر القمر"],
    "MV": ["المالديف"],
    "UA": ["أوكرانيا"],
    "LY": ["ليبيا"],
    "PH": ["الفليبين"],
}
#: Regions Arabic news name that CLDR does not list.
EXTRA_REGIONS = [
    ("الشرق الأوسط", [], "Middle East"),
    ("الشرق الأدنى", [], "Near East"),
    ("الخليج العربي", ["الخليج الفارسي"], "Persian Gulf"),
    ("المغرب العربي", [], "Maghreb"),
    ("القرن الأفريقي", ["القرن الإفريقي"], "Horn of Africa"),
    ("البلقان", [], "Balkans"),
    ("القوقاز", [], "Caucasus"),
    ("أوروبا الشرقية", [], "Eastern Europe"),
    ("أوروبا الغربية", [], "Western Europe"),
    ("آسيا الوسطى", [], "Central Asia"),
    ("سيناء", ["شبه جزيرة سيناء"], "Sinai"),
    ("القرم", ["شبه جزيرة القرم"], "Crimea"),
    ("دونباس", ["الدونباس"], "Donbas"),
    ("كردستان", ["إقليم كردستان"], "Kurdistan"),
    ("الضفة الغربية", [], "West Bank"),
    ("قطاع غزة", [], "Gaza Strip"),
    ("الجولان", ["هضبة الجولان", "مرتفعات الجولان"], "Golan Heights"),
]
#: Exemplar cities that are also common Arabic words, or not the name news use.
SKIPPED_CITIES = frozenset(
    {
        "نوم",
        "ترك",
        "ماهي",
        "سمراء",
        "ديلي",
        "واك",
        "سنتر",
        "أورال",
        "كناري",
        "ترول",
        "جوني",
        "دارون",
        "ثيل",
        "بلم",
        "برثا",
        "عمّان",  # folds to عمان, Oman: added by hand with its own spellings
        "كالكتا",  # Kolkata: added by hand
        "غودثاب",
        "كانتون",
        "استانلي",
        "هيبرون (مدينة الخليل)",
        "مدينة هو تشي منه",
        "حي الأمير السفلي",
        "مدينة غير معروفة",
    }
)
#: Zones whose exemplar city is a national capital.
CAPITAL_ZONES = frozenset(
    """Africa/Accra Africa/Addis_Ababa Africa/Asmara Africa/Bamako Africa/Bangui Africa/Banjul
    Africa/Bissau Africa/Brazzaville Africa/Cairo Africa/Conakry Africa/Dakar Africa/Freetown
    Africa/Gaborone Africa/Harare Africa/Juba Africa/Kampala Africa/Khartoum Africa/Kigali
    Africa/Kinshasa Africa/Libreville Africa/Lome Africa/Luanda Africa/Lusaka Africa/Malabo
    Africa/Maputo Africa/Maseru Africa/Mbabane Africa/Mogadishu Africa/Monrovia Africa/Nairobi
    Africa/Ndjamena Africa/Niamey Africa/Nouakchott Africa/Ouagadougou Africa/Porto-Novo
    Africa/Sao_Tome Africa/Tripoli Africa/Windhoek America/Asuncion America/Bogota
    America/Caracas America/Havana America/Lima America/Managua America/Mexico_City
    America/Montevideo America/Nassau America/Paramaribo America/Port-au-Prince
    America/Port_of_Spain America/Santiago America/Santo_Domingo America/Tegucigalpa
    America/Argentina/Buenos_Aires Asia/Baghdad Asia/Baku Asia/Bangkok Asia/Beirut
    Asia/Bishkek Asia/Damascus Asia/Dhaka Asia/Dili Asia/Dushanbe Asia/Jakarta Asia/Kabul
    Asia/Kathmandu Asia/Kuala_Lumpur Asia/Manila Asia/Muscat Asia/Nicosia Asia/Phnom_Penh
    Asia/Pyongyang Asia/Riyadh Asia/Seoul Asia/Taipei Asia/Tashkent Asia/Tbilisi Asia/Tehran
    Asia/Thimphu Asia/Tokyo Asia/Ulaanbaatar Asia/Vientiane Asia/Yerevan Asia/Ashgabat
    Atlantic/Reykjavik Europe/Amsterdam Europe/Athens Europe/Belgrade Europe/Berlin
    Europe/Bratislava Europe/Brussels Europe/Bucharest Europe/Budapest Europe/Chisinau
    Europe/Copenhagen Europe/Dublin Europe/Helsinki Europe/Kyiv Europe/Lisbon
    Europe/Ljubljana Europe/London Europe/Madrid Europe/Minsk Europe/Moscow Europe/Oslo
    Europe/Paris Europe/Podgorica Europe/Prague Europe/Riga Europe/Rome Europe/Sarajevo
    Europe/Skopje Europe/Sofia Europe/Stockholm Europe/Tallinn Europe/Tirane Europe/Vaduz
    Europe/Vienna Europe/Vilnius Europe/Warsaw Europe/Zagreb Indian/Antananarivo
    Pacific/Apia Pacific/Funafuti Pacific/Majuro Pacific/Port_Moresby""".split()  # noqa: SIM905
)
#: Spellings of exemplar cities common in Arabic news besides CLDR's, by zone.
CITY_VARIANTS: dict[str, list[str]] = {
    "Asia/Pyongyang": ["بيونغيانغ", "بيونج يانج", "بيونغ يانج"],
    "Asia/Seoul": ["سيول", "سيؤول"],
    "America/Los_Angeles": ["لوس أنجلوس", "لوس أنجليس"],
    "Asia/Jerusalem": ["القدس المحتلة"],
    "Europe/Kyiv": ["كييڤ", "كيف"],
    "Asia/Tehran": [],
    "Europe/Istanbul": ["اسطنبول", "إستانبول"],
    "Asia/Ulaanbaatar": ["أولان باتور", "أولانباتار"],
    "Africa/Mogadishu": ["مقديشو"],
    "Asia/Kuala_Lumpur": ["كوالالمبور"],
    "Asia/Yangon": ["يانغون"],
    "America/Mexico_City": ["مدينة مكسيكو"],
    "Europe/Volgograd": ["فولغوغراد"],
    "Asia/Yekaterinburg": ["يكاترينبورغ"],
    "Europe/Kaliningrad": ["كالينينغراد"],
    "Asia/Vladivostok": ["فلاديفوستوك"],
    "Asia/Hong_Kong": [],
    "Asia/Taipei": ["تايبه"],
    "Asia/Kabul": ["كابل"],
    "Asia/Ashgabat": ["عشق أباد"],
    "America/Chicago": ["شيكاجو"],
    "Europe/Malta": [],
    "Asia/Shanghai": ["شانغهاي"],
}
#: Capitals and large cities with no time zone of their own: (Arabic, variants, English,
#: country alpha-3, capital, latitude, longitude), coordinates to 0.01 degree (GeoNames).
EXTRA_CITIES: list[tuple[str, list[str], str, str, bool, float, float]] = [
    ("واشنطن", ["واشنطون"], "Washington", "USA", True, 38.90, -77.04),
    ("بكين", ["بيجين", "بيجينغ"], "Beijing", "CHN", True, 39.91, 116.40),
    ("نيودلهي", ["نيو دلهي"], "New Delhi", "IND", True, 28.64, 77.22),
    ("أنقرة", [], "Ankara", "TUR", True, 39.92, 32.85),
    ("الرباط", [], "Rabat", "MAR", True, 34.01, -6.83),
    ("إسلام آباد", ["إسلام أباد", "اسلام اباد"], "Islamabad", "PAK", True, 33.72, 73.04),
    ("أبوجا", [], "Abuja", "NGA", True, 9.06, 7.50),
    ("كانبرا", [], "Canberra", "AUS", True, -35.28, 149.13),
    ("أوتاوا", [], "Ottawa", "CAN", True, 45.41, -75.70),
    ("برازيليا", [], "Brasília", "BRA", True, -15.78, -47.93),
    ("برن", [], "Bern", "CHE", True, 46.95, 7.45),
    ("أبوظبي", ["أبو ظبي"], "Abu Dhabi", "ARE", True, 24.45, 54.40),
    ("الدوحة", [], "Doha", "QAT", True, 25.29, 51.53),
    ("المنامة", [], "Manama", "BHR", True, 26.23, 50.59),
    ("صنعاء", [], "Sanaa", "YEM", True, 15.35, 44.21),
    ("عمّان", [], "Amman", "JOR", True, 31.96, 35.95),
    ("بريتوريا", [], "Pretoria", "ZAF", True, -25.74, 28.19),
    ("لاهاي", [], "The Hague", "NLD", False, 52.08, 4.30),
    ("جدة", [], "Jeddah", "SAU", False, 21.49, 39.19),
    ("مكة المكرمة", ["مكة"], "Mecca", "SAU", False, 21.43, 39.83),
    ("المدينة المنورة", [], "Medina", "SAU", False, 24.47, 39.61),
    ("الدمام", [], "Dammam", "SAU", False, 26.43, 50.10),
    ("البصرة", [], "Basra", "IRQ", False, 30.51, 47.78),
    ("الموصل", [], "Mosul", "IRQ", False, 36.34, 43.12),
    ("أربيل", ["إربيل"], "Erbil", "IRQ", False, 36.19, 44.01),
    ("كركوك", [], "Kirkuk", "IRQ", False, 35.47, 44.39),
    ("النجف", [], "Najaf", "IRQ", False, 32.03, 44.35),
    ("كربلاء", [], "Karbala", "IRQ", False, 32.62, 44.02),
    ("حلب", [], "Aleppo", "SYR", False, 36.20, 37.16),
    ("حمص", [], "Homs", "SYR", False, 34.72, 36.73),
    ("حماة", [], "Hama", "SYR", False, 35.13, 36.76),
    ("اللاذقية", [], "Latakia", "SYR", False, 35.53, 35.79),
    ("طرطوس", [], "Tartus", "SYR", False, 34.89, 35.89),
    ("إدلب", [], "Idlib", "SYR", False, 35.93, 36.63),
    ("دير الزور", [], "Deir ez-Zor", "SYR", False, 35.34, 40.14),
    ("الرقة", [], "Raqqa", "SYR", False, 35.95, 39.01),
    ("درعا", [], "Daraa", "SYR", False, 32.62, 36.10),
    ("دوما", [], "Douma", "SYR", False, 33.57, 36.40),
    ("داريا", [], "Daraya", "SYR", False, 33.46, 36.24),
    ("القامشلي", [], "Qamishli", "SYR", False, 37.05, 41.23),
    ("صيدا", [], "Sidon", "LBN", False, 33.56, 35.37),
    ("بعلبك", [], "Baalbek", "LBN", False, 34.01, 36.21),
    ("إربد", [], "Irbid", "JOR", False, 32.56, 35.85),
    ("الزرقاء", [], "Zarqa", "JOR", False, 32.07, 36.09),
    ("العقبة", [], "Aqaba", "JOR", False, 29.53, 35.01),
    ("رام الله", [], "Ramallah", "PSE", False, 31.90, 35.20),
    ("نابلس", [], "Nablus", "PSE", False, 32.22, 35.25),
    ("جنين", [], "Jenin", "PSE", False, 32.46, 35.30),
    ("الخليل", [], "Hebron", "PSE", False, 31.53, 35.09),
    ("رفح", [], "Rafah", "PSE", False, 31.30, 34.24),
    ("خان يونس", ["خانيونس"], "Khan Yunis", "PSE", False, 31.34, 34.31),
    ("تل أبيب", [], "Tel Aviv", "ISR", False, 32.08, 34.78),
    ("حيفا", [], "Haifa", "ISR", False, 32.81, 35.00),
    ("الإسكندرية", [], "Alexandria", "EGY", False, 31.20, 29.92),
    ("الجيزة", [], "Giza", "EGY", False, 30.01, 31.21),
    ("الأقصر", [], "Luxor", "EGY", False, 25.70, 32.64),
    ("أسوان", [], "Aswan", "EGY", False, 24.09, 32.90),
    ("بورسعيد", ["بور سعيد"], "Port Said", "EGY", False, 31.27, 32.30),
    ("السويس", [], "Suez", "EGY", False, 29.97, 32.53),
    ("الإسماعيلية", [], "Ismailia", "EGY", False, 30.60, 32.27),
    ("المنصورة", [], "Mansoura", "EGY", False, 31.04, 31.38),
    ("طنطا", [], "Tanta", "EGY", False, 30.79, 31.00),
    ("الزقازيق", [], "Zagazig", "EGY", False, 30.59, 31.50),
    ("أسيوط", [], "Asyut", "EGY", False, 27.18, 31.18),
    ("المنيا", [], "Minya", "EGY", False, 28.09, 30.76),
    ("الفيوم", [], "Faiyum", "EGY", False, 29.31, 30.84),
    ("دمياط", [], "Damietta", "EGY", False, 31.42, 31.81),
    ("العريش", [], "Arish", "EGY", False, 31.13, 33.80),
    ("شرم الشيخ", [], "Sharm El Sheikh", "EGY", False, 27.92, 34.33),
    ("الغردقة", [], "Hurghada", "EGY", False, 27.26, 33.81),
    ("بنغازي", [], "Benghazi", "LBY", False, 32.11, 20.07),
    ("مصراتة", [], "Misrata", "LBY", False, 32.38, 15.09),
    ("صفاقس", [], "Sfax", "TUN", False, 34.74, 10.76),
    ("سوسة", [], "Sousse", "TUN", False, 35.83, 10.64),
    ("وهران", [], "Oran", "DZA", False, 35.70, -0.64),
    ("قسنطينة", [], "Constantine", "DZA", False, 36.37, 6.61),
    ("مراكش", [], "Marrakesh", "MAR", False, 31.63, -8.00),
    ("فاس", [], "Fez", "MAR", False, 34.03, -5.00),
    ("طنجة", [], "Tangier", "MAR", False, 35.77, -5.80),
    ("أكادير", [], "Agadir", "MAR", False, 30.42, -9.60),
    ("خريبكة", [], "Khouribga", "MAR", False, 32.88, -6.91),
    ("أم درمان", [], "Omdurman", "SDN", False, 15.64, 32.48),
    ("بورتسودان", ["بور سودان"], "Port Sudan", "SDN", False, 19.62, 37.22),
    ("تعز", [], "Taiz", "YEM", False, 13.58, 44.02),
    ("الحديدة", [], "Hodeidah", "YEM", False, 14.80, 42.95),
    ("مشهد", [], "Mashhad", "IRN", False, 36.30, 59.61),
    ("أصفهان", [], "Isfahan", "IRN", False, 32.65, 51.67),
    ("تبريز", [], "Tabriz", "IRN", False, 38.08, 46.29),
    ("شيراز", [], "Shiraz", "IRN", False, 29.61, 52.53),
    ("قم", [], "Qom", "IRN", False, 34.64, 50.88),
    ("إزمير", ["أزمير"], "İzmir", "TUR", False, 38.41, 27.14),
    ("غازي عنتاب", [], "Gaziantep", "TUR", False, 37.06, 37.38),
    ("سانت بطرسبرغ", ["سان بطرسبورغ", "بطرسبورغ"], "Saint Petersburg", "RUS", False, 59.94, 30.31),
    ("قازان", [], "Kazan", "RUS", False, 55.79, 49.12),
    ("خاركيف", ["خاركوف"], "Kharkiv", "UKR", False, 49.98, 36.25),
    ("أوديسا", [], "Odesa", "UKR", False, 46.49, 30.74),
    ("لفيف", [], "Lviv", "UKR", False, 49.84, 24.02),
    ("دونيتسك", [], "Donetsk", "UKR", False, 48.02, 37.80),
    ("ماريوبول", [], "Mariupol", "UKR", False, 47.10, 37.54),
    ("خيرسون", [], "Kherson", "UKR", False, 46.64, 32.61),
    ("زابوريجيا", ["زاباروجيا"], "Zaporizhzhia", "UKR", False, 47.85, 35.12),
    ("بوسان", [], "Busan", "KOR", False, 35.10, 129.03),
    ("إنتشون", [], "Incheon", "KOR", False, 37.46, 126.71),
    ("قوانغتشو", ["غوانغتشو"], "Guangzhou", "CHN", False, 23.12, 113.25),
    ("شنتشن", ["شنجن"], "Shenzhen", "CHN", False, 22.55, 114.07),
    ("ووهان", [], "Wuhan", "CHN", False, 30.58, 114.27),
    ("أوساكا", [], "Osaka", "JPN", False, 34.69, 135.50),
    ("هيروشيما", [], "Hiroshima", "JPN", False, 34.40, 132.45),
    ("مومباي", [], "Mumbai", "IND", False, 19.07, 72.88),
    ("كولكاتا", ["كلكتا"], "Kolkata", "IND", False, 22.56, 88.36),
    ("لاهور", [], "Lahore", "PAK", False, 31.56, 74.35),
    ("سان فرانسيسكو", [], "San Francisco", "USA", False, 37.77, -122.42),
    ("ميامي", [], "Miami", "USA", False, 25.77, -80.19),
    ("هيوستن", [], "Houston", "USA", False, 29.76, -95.36),
    ("مانشستر", [], "Manchester", "GBR", False, 53.48, -2.24),
    ("برمنغهام", [], "Birmingham", "GBR", False, 52.48, -1.90),
    ("مرسيليا", [], "Marseille", "FRA", False, 43.30, 5.38),
    ("ليون", [], "Lyon", "FRA", False, 45.75, 4.85),
    ("ميونخ", [], "Munich", "DEU", False, 48.14, 11.58),
    ("هامبورغ", [], "Hamburg", "DEU", False, 53.55, 9.99),
    ("فرانكفورت", [], "Frankfurt", "DEU", False, 50.12, 8.68),
    ("جنيف", [], "Geneva", "CHE", False, 46.20, 6.15),
    ("ميلانو", [], "Milan", "ITA", False, 45.46, 9.19),
    ("برشلونة", [], "Barcelona", "ESP", False, 41.39, 2.16),
    ("ريو دي جانيرو", [], "Rio de Janeiro", "BRA", False, -22.91, -43.18),
    ("كيب تاون", [], "Cape Town", "ZAF", False, -33.93, 18.42),
    ("الشارقة", [], "Sharjah", "ARE", False, 25.34, 55.41),
]


def _alpha3() -> dict[str, str]:
    """alpha-2 → alpha-3, from CLDR's territory aliases."""
    found: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and alias not in WITHDRAWN:
            target = targets[0]
            if len(target) == 2:
                if target in found:
                    raise SystemExit(f"two alpha-3 codes for {target}: {found[target]}, {alias}")
                found[target] = alias
    return found


def _coordinates() -> dict[str, tuple[str, float, float]]:
    """zone → (country alpha-2, latitude, longitude) from ``zone.tab``."""
    found = {}
    for line in ZONE_TAB.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        country, position, zone = line.split("\t")[:3]
        split = max(position.rfind("+"), position.rfind("-"))
        found[zone] = (country, _degrees(position[:split]), _degrees(position[split:]))
    return found


def _degrees(value: str) -> float:
    """``+DDMM``, ``+DDDMM``, ``+DDMMSS`` or ``+DDDMMSS`` as decimal degrees, 2 places."""
    sign = -1 if value[0] == "-" else 1
    digits = value[1:]
    seconds = 0
    if len(digits) in (6, 7):
        digits, seconds = digits[:-2], int(digits[-2:])
    degrees, minutes = int(digits[:-2]), int(digits[-2:])
    return round(sign * (degrees + minutes / 60 + seconds / 3600), 2)


def _place(ar: str, variants: list[str], **fields: Any) -> dict[str, Any]:
    unique = [v for i, v in enumerate(variants) if v != ar and v not in variants[:i]]
    return {"ar": ar, "variants": unique, **fields}


def build() -> dict[str, Any]:
    """The gazetteer's content."""
    ar, en = Locale("ar"), Locale("en")
    alpha3 = _alpha3()
    places: list[dict[str, Any]] = []
    taken: set[str] = set()
    for code in sorted(ar.territories):
        if code in NOT_PLACES:
            continue
        if code in REGIONS:
            places.append(_place(ar.territories[code], [], en=en.territories[code], kind="region"))
        elif len(code) == 2 and code in alpha3:
            name = ARABIC.get(code, ar.territories[code])
            variants = [ar.territories[code], *COUNTRY_VARIANTS.get(code, [])]
            if "(" in variants[0] or " - " in variants[0]:
                variants = variants[1:]
            english = ENGLISH.get(code, en.territories[code]).replace(" & ", " and ")
            places.append(_place(name, variants, en=english, kind="country", iso=alpha3[code]))
        else:
            continue
        taken.update([places[-1]["ar"], *places[-1]["variants"]])
    for name, variants, english in EXTRA_REGIONS:
        places.append(_place(name, variants, en=english, kind="region"))
    coordinates = _coordinates()
    for zone in sorted(coordinates):
        far = zone.split("/")[0] in ("Antarctica", "Arctic", "Etc") or zone.count("/") > 1
        if far and zone != "America/Argentina/Buenos_Aires":
            continue
        city = get_timezone_location(zone, locale="ar", return_city=True)
        if not city or city in SKIPPED_CITIES or city in taken:
            continue
        country, lat, lon = coordinates[zone]
        if country not in alpha3:
            continue
        english = get_timezone_location(zone, locale="en", return_city=True)
        places.append(
            _place(
                city,
                CITY_VARIANTS.get(zone, []),
                en=english,
                kind="capital" if zone in CAPITAL_ZONES else "city",
                country=alpha3[country],
                lat=lat,
                lon=lon,
            )
        )
        taken.add(city)
    for name, variants, english, country, capital, lat, lon in EXTRA_CITIES:
        if name in taken:
            raise SystemExit(f"{name}: already in the gazetteer")
        places.append(
            _place(
                name,
                variants,
                en=english,
                kind="capital" if capital else "city",
                country=country,
                lat=lat,
                lon=lon,
            )
        )
        taken.add(name)
    return {
        "description": (
            "Countries, regions, capitals and large cities with their Arabic names and "
            "spellings, English names, ISO 3166-1 alpha-3 codes and coordinates: the places "
            "`briefing candidates` knows. Made by tools/make_gazetteer.py; do not edit by hand."
        ),
        "sources": {
            "territories": f"CLDR {get_global('cldr')['version']} territory names (ar, en) "
            f"and territory aliases (alpha-3), through Babel {babel.__version__}",
            "cities": "CLDR time-zone exemplar cities (ar, en), through Babel",
            "coordinates": f"tz database zone.tab, tzdata {metadata.version('tzdata')}, "
            "rounded to 0.01 degree",
            "by hand": "tools/make_gazetteer.py: news spellings of countries, regions CLDR "
            "lacks, and capitals and large cities without a time zone of their own "
            "(coordinates to 0.01 degree, checked against GeoNames)",
        },
        "places": places,
    }


def render(data: dict[str, Any]) -> str:
    """One place per line: small and easy to review in a diff."""
    head = {k: v for k, v in data.items() if k != "places"}
    lines = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    items = ",\n".join("  " + json.dumps(p, ensure_ascii=False) for p in data["places"])
    return f'{lines},\n "places": [\n{items}\n ]\n}}\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT}: {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {len(build()['places'])} places, {len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
