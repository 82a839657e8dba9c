"""Action lexicon: which predicates name something a government can deliver.

Korean policy actions are mostly Sino-Korean verbal nouns (NNG + 하다/되다);
they are grouped here by what they do to their object, so a missing verb is
added to its class rather than to a list of words seen in one article. A noun
derived with the suffix -화 (활성화, 의무화: "-ize") is an action by
construction and needs no entry. Native verbs are listed by the same classes.

English action verbs follow the same classes.
"""

from __future__ import annotations

_KO_CLASSES: dict[str, tuple[str, ...]] = {
    # bring something into existence
    "create": (
        "건설", "건축", "건립", "조성", "설립", "신설", "개설", "구축", "개발", "제작",
        "마련", "수립", "편성", "신축", "증축", "착공", "완공", "준공", "개통", "개관",
        "개원", "개교", "개장", "개소", "출범", "설치", "창설", "발굴", "설계", "제정",
        "조달", "공모", "창업", "구현", "도입", "배출", "양성", "육성", "창출", "조직",
        "발족", "착수", "건조", "생산", "재건축", "재개발", "리모델링", "정비",
    ),
    # make more of something
    "increase": (
        "확대", "확충", "증대", "증가", "증원", "증액", "증설", "확장", "상향", "인상",
        "강화", "보강", "추가", "연장", "확산", "유치", "확보", "늘리",
    ),
    # make less of something, remove a rule
    "decrease": (
        "감축", "축소", "절감", "감소", "인하", "완화", "폐지", "철폐", "감면", "면제",
        "해소", "근절", "감량", "철거", "하향", "규제완화", "단축", "폐차", "폐쇄",
        "퇴출", "매각",
    ),
    # give, fund, allocate
    "provide": (
        "공급", "제공", "보급", "지급", "지원", "배분", "배정", "투입", "투자", "출자",
        "출연", "융자", "보조", "집행", "배치", "채용", "고용", "선정", "지정", "무상",
        "보장", "교육", "훈련", "분양", "임대",
    ),
    # change the form of something
    "change": (
        "전환", "교체", "개편", "개선", "개정", "개혁", "혁신", "재편", "통합", "이전",
        "이관", "고도화", "활성화", "상용화", "보완", "복원", "회복", "도약", "개방",
        "허용", "실현", "달성", "완료", "완성", "진입", "기여", "견인", "뒷받침",
        "연결",
    ),
    # run, carry out
    "operate": (
        "운영", "시행", "실시", "추진", "가동", "운행", "정상화", "보호",
    ),
}  # fmt: skip

ACTION_NOUNS: frozenset[str] = frozenset(w for ws in _KO_CLASSES.values() for w in ws)

# Native (non-Sino) verb stems of the same classes.
POLICY_VERBS: frozenset[str] = frozenset(
    [
        # create
        "세우", "짓", "만들", "열", "심", "깔", "뚫", "잇", "내놓", "내걸", "갖추", "펼치",
        "일으키", "닦", "놓",
        # increase
        "늘리", "끌어올리", "높이", "키우", "올리", "넓히", "채우", "모으", "앞당기",
        # decrease
        "줄이", "낮추", "내리", "없애", "덜", "막",
        # provide / change / operate
        "돕", "살리", "되살리", "바꾸", "고치", "나서", "마치", "끝내", "지키", "이루",
        "뽑",
    ]
)  # fmt: skip

# Nouns naming a plan: "…한다는 계획이다", "…하겠다는 목표를 세웠다".
PLAN_NOUNS: frozenset[str] = frozenset(
    [
        "계획", "예정", "방침", "구상", "복안", "목표", "의지", "약속", "입장", "각오",
        "포부", "방안", "전략", "안", "목표치", "청사진", "로드맵", "대책", "과제",
    ]
)  # fmt: skip

# Nouns of a plan document whose adoption is the announcement itself
# ("…계획을 마련했다", "목표를 … 설정했다", "전략을 의결했다").
PLAN_DOCUMENTS: frozenset[str] = frozenset(
    [
        "계획", "목표", "목표치", "전략", "방안", "대책", "로드맵", "청사진", "종합계획",
        "기본계획", "실행계획", "추진계획", "이행계획", "업무계획", "마스터플랜",
    ]
)  # fmt: skip

# Predicates that adopt or publish a plan document.
ADOPTION_PREDICATES: frozenset[str] = frozenset(
    [
        "마련", "수립", "확정", "발표", "의결", "설정", "제시", "공개", "내놓", "세우",
        "잡", "정하", "채택", "승인", "심의", "결정",
    ]
)  # fmt: skip

# English verbs that name a deliverable (the object of a commitment).
EN_ACTION_VERBS: frozenset[str] = frozenset(
    [
        "build", "construct", "create", "establish", "set", "launch", "open", "found",
        "develop", "deliver", "provide", "supply", "plant", "install", "deploy",
        "upgrade", "expand", "increase", "raise", "boost", "double", "triple",
        "quadruple", "grow", "extend", "reach", "achieve", "hit", "cut", "reduce",
        "lower", "halve", "eliminate", "end", "phase", "scrap", "abolish", "invest",
        "spend", "allocate", "fund", "finance", "commit", "earmark", "train", "hire",
        "recruit", "employ", "generate", "produce", "power", "support", "replace",
        "convert", "retrofit", "restore", "protect", "offer", "introduce",
        "implement", "roll", "make", "bring", "add", "connect",
    ]
)  # fmt: skip
