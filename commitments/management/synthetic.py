"""The vocabulary `manage.py generate_synthetic` draws a synthetic record from
(regions, departments, categories, pledge shapes, outlets, status weights),
and the bulk-insert helper that keeps its historical timestamps."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models

from commitments.statuses import Status

REGIONS = [
    ("서울특별시", "Seoul", "서울시장"),
    ("부산광역시", "Busan", "부산시장"),
    ("대구광역시", "Daegu", "대구시장"),
    ("인천광역시", "Incheon", "인천시장"),
    ("광주광역시", "Gwangju", "광주시장"),
    ("대전광역시", "Daejeon", "대전시장"),
    ("울산광역시", "Ulsan", "울산시장"),
    ("세종특별자치시", "Sejong", "세종시장"),
    ("경기도", "Gyeonggi Province", "경기도지사"),
    ("강원특별자치도", "Gangwon", "강원도지사"),
    ("충청북도", "North Chungcheong", "충북도지사"),
    ("충청남도", "South Chungcheong", "충남도지사"),
    ("전북특별자치도", "Jeonbuk", "전북도지사"),
    ("전라남도", "South Jeolla", "전남도지사"),
    ("경상북도", "North Gyeongsang", "경북도지사"),
    ("경상남도", "South Gyeongsang", "경남도지사"),
    ("제주특별자치도", "Jeju", "제주도지사"),
]
DEPARTMENTS = [
    ("주택정책실", "Housing Policy Office"),
    ("교통실", "Transport Office"),
    ("경제정책실", "Economic Policy Office"),
    ("복지정책실", "Welfare Policy Office"),
    ("기후환경본부", "Climate and Environment Bureau"),
    ("교육협력국", "Education Cooperation Bureau"),
    ("문화본부", "Culture Bureau"),
    ("안전총괄실", "Safety Office"),
    ("디지털정책관", "Digital Policy Bureau"),
    ("청년정책관", "Youth Policy Bureau"),
]
CATEGORIES = [
    ("housing", "주택", "Housing"),
    ("transport", "교통", "Transport"),
    ("economy", "경제·일자리", "Economy and jobs"),
    ("welfare", "복지", "Welfare"),
    ("environment", "환경·기후", "Environment and climate"),
    ("education", "교육", "Education"),
    ("culture", "문화·관광", "Culture and tourism"),
    ("safety", "안전", "Safety"),
    ("digital", "디지털·AI", "Digital and AI"),
    ("youth", "청년", "Youth"),
    ("health", "보건·의료", "Health"),
    ("administration", "행정", "Administration"),
]
# (Korean pattern, English pattern, unit, metric): {n} is the number.
PLEDGE_SHAPES = [
    ("공공주택 {n}호 공급", "Supply {n} public homes", "호", "homes supplied"),
    ("청년 일자리 {n}개 창출", "Create {n} jobs for young people", "개", "jobs"),
    ("AI 인재 {n}명 양성", "Train {n} AI specialists", "명", "people trained"),
    ("전기버스 {n}대 도입", "Introduce {n} electric buses", "대", "buses"),
    ("어린이집 {n}곳 확충", "Open {n} more daycare centres", "곳", "centres"),
    ("나무 {n}그루 식재", "Plant {n} trees", "그루", "trees planted"),
    ("공영주차장 {n}면 확보", "Add {n} public parking spaces", "면", "spaces"),
    ("CCTV {n}대 설치", "Install {n} CCTV cameras", "대", "cameras"),
    ("도서관 {n}곳 신설", "Build {n} new libraries", "곳", "libraries"),
    ("창업기업 {n}곳 지원", "Support {n} start-ups", "곳", "start-ups"),
]
OUTLETS = ["연합뉴스", "CNB뉴스", "한겨레", "조선일보", "KBS", "Korea Herald"]
STATUS_WEIGHTS = {
    Status.NOT_RATED: 12,
    Status.NOT_STARTED: 10,
    Status.IN_PROGRESS: 30,
    Status.STALLED: 8,
    Status.PARTIALLY_KEPT: 10,
    Status.KEPT: 15,
    Status.BROKEN: 8,
    Status.WITHDRAWN: 4,
    Status.UNRATABLE: 3,
}
NUMBERS = [50, 100, 300, 500, 1000, 2000, 5000, 10000, 30000, 100000]


@contextmanager
def settable_timestamps(*fields: models.DateField) -> Iterator[None]:
    """Let bulk_create keep the historical timestamps we give it: auto_now(_add)
    would stamp every row with the moment the command ran."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
