"""Word tables that quantity reading uses: counted nouns and the measure each stands for,
money units, and the verbs with their lemma and class (stock or event).

They are data, not logic; ``quantities`` holds the reader that uses them.
"""

from __future__ import annotations

from factdb.vocabulary import VerbClass

MEASURES: dict[str, str] = {
    **dict.fromkeys(
        [
            "troops",
            "troop",
            "soldiers",
            "soldier",
            "forces",
            "service members",
            "servicemembers",
            "servicemen",
            "personnel",
            "military personnel",
            "marines",
            "paratroopers",
            "special forces",
            "boots on the ground",
        ],
        "troops",
    ),
    **dict.fromkeys(
        [
            "fighters",
            "fighter",
            "militants",
            "militiamen",
            "insurgents",
            "jihadists",
            "combatants",
            "gunmen",
            "rebels",
        ],
        "fighters",
    ),
    **dict.fromkeys(
        [
            "people",
            "persons",
            "person",
            "civilians",
            "residents",
            "individuals",
            "inhabitants",
            "men",
            "women",
            "children",
            "others",
            "victims",
            "victim",
            "teens",
            "teenagers",
            "adults",
            "juveniles",
            "kids",
            "boys",
            "girls",
            "youths",
            "males",
            "females",
            "bystanders",
            "patrons",
            "students",
        ],
        "people",
    ),
    **dict.fromkeys(
        ["killed", "dead", "deaths", "fatalities", "lives", "died", "bodies"], "killed"
    ),
    **dict.fromkeys(["injured", "wounded", "injuries", "hurt"], "injured"),
    **dict.fromkeys(["refugees", "displaced", "evacuees"], "displaced"),
    **dict.fromkeys(["advisers", "advisors", "trainers", "instructors"], "advisers"),
    **dict.fromkeys(["dollars", "usd"], "money"),
}

MONEY_UNITS = {"dollars": "USD", "usd": "USD", "euros": "EUR", "pounds": "GBP"}

# Measures that count what has happened so far: such a toll only grows, so a later and
# higher figure is an update, never a contradiction (a later and lower one is flagged).
# Levels (troops, displaced people, people in camps) go up and down and are not here.
CUMULATIVE_MEASURES = frozenset({"killed", "injured", "buried", "houses destroyed"})

VICTIM_NOUNS = {"people", "fighters", "troops", "displaced"}
# people named by their role, counted only as victims: "killed five officers"
VICTIM_ROLES = frozenset(
    {"officers", "policemen", "deputies", "troopers", "civilians", "firefighters", "guards"}
)

VERB_LEMMAS: dict[str, tuple[str, str]] = {}


def _add_verbs(cls: str, table: dict[str, str]) -> None:
    for lemma, forms in table.items():
        for form in [lemma, *forms.split()]:
            VERB_LEMMAS.setdefault(form, (lemma, cls))


_add_verbs(
    VerbClass.stock,
    {
        "have": "has had having",
        "number": "numbers numbered",
        "keep": "keeps kept keeping",
        "maintain": "maintains maintained maintaining",
        "station": "stations stationed",
        "remain": "remains remained remaining",
        "leave": "leaves leaving",
        "host": "hosts hosted",
        "employ": "employs employed",
        "total": "totals totalled totaled",
        "field": "fields",
        "count": "counts",
        "comprise": "comprises comprised",
        "include": "includes included",
        "hold": "holds",
        "control": "controls",
        "command": "commands",
    },
)

_add_verbs(
    VerbClass.event,
    {
        "train": "trains trained training",
        "kill": "kills killed killing",
        "send": "sends sent sending",
        "withdraw": "withdraws withdrew withdrawn withdrawing",
        "capture": "captures captured capturing",
        "take": "takes took taken taking",
        "recapture": "recaptures recaptured",
        "wound": "wounds wounded wounding",
        "injure": "injures injured injuring",
        "arrest": "arrests arrested",
        "deploy": "deploys deployed",
        "detain": "detains detained",
        "evacuate": "evacuates evacuated",
        "displace": "displaces displaced",
        "free": "frees freed",
        "release": "releases released",
        "lose": "loses lost",
        "recruit": "recruits recruited",
        "add": "adds added",
        "cut": "cuts cutting",
        "pull": "pulls pulled",
        "bring": "brings brought",
        "execute": "executes executed",
        "abduct": "abducts abducted",
        "kidnap": "kidnapped",
        "rescue": "rescues rescued",
        "dispatch": "dispatched",
        "reduce": "reduces reduced",
        "seize": "seizes seized",
        "destroy": "destroys destroyed",
        "die": "died dies",
        "flee": "fled flees",
        "return": "returns returned",
        "hire": "hires hired",
        "equip": "equips equipped",
        "arm": "armed",
        "graduate": "graduated",
        "receive": "receives received",
        "spend": "spends spent",
        "pledge": "pledged",
        "allocate": "allocated",
        "approve": "approved",
        "raise": "raised",
        # one-off events that contradiction detection compares (detect.ONE_OFF_EVENTS)
        "overrun": "overran overruns overrunning",
        "retake": "retakes retook retaken retaking",
        "liberate": "liberates liberated liberating",
        "conquer": "conquers conquered conquering",
        "attack": "attacks attacked attacking",
    },
)

STOP_AFTER = {
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "with",
    "into",
    "inside",
    "across",
    "for",
    "as",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "while",
    "since",
    "after",
    "before",
    "during",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "the",
    "a",
    "an",
    "their",
    "its",
    "his",
    "her",
    "our",
    "this",
    "these",
    "those",
    "than",
    "over",
    "under",
    "more",
    "less",
    "of",
    "per",
    "each",
    "every",
}
