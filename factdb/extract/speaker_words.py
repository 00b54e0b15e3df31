"""Word lists that speaker attribution reads: reporting verbs, titles, first names with a
gender cue, organisation words and the words that are never names.

They are data, not logic; ``speakers`` holds the patterns and the resolver that use them.
"""

from __future__ import annotations

from factdb.extract.words import MONTHS, WEEKDAYS

# The verbs the rest of the pipeline treats as reporting verbs (clause starts, speech times).
REPORTING_VERBS: dict[str, str] = {
    **dict.fromkeys(["said", "says", "say", "saying"], "say"),
    **dict.fromkeys(["told", "tells", "tell"], "tell"),
    **dict.fromkeys(["added", "adds"], "add"),
    **dict.fromkeys(["stated", "states"], "state"),
    **dict.fromkeys(["warned", "warns"], "warn"),
    **dict.fromkeys(["claimed", "claims"], "claim"),
    **dict.fromkeys(["insisted", "insists"], "insist"),
    **dict.fromkeys(["noted", "notes"], "note"),
    **dict.fromkeys(["wrote", "writes"], "write"),
    **dict.fromkeys(["announced", "announces"], "announce"),
    **dict.fromkeys(["declared", "declares"], "declare"),
    **dict.fromkeys(["explained", "explains"], "explain"),
    **dict.fromkeys(["confirmed", "confirms"], "confirm"),
    **dict.fromkeys(["denied", "denies"], "deny"),
    **dict.fromkeys(["acknowledged", "acknowledges"], "acknowledge"),
    **dict.fromkeys(["argued", "argues"], "argue"),
    **dict.fromkeys(["estimated", "estimates"], "estimate"),
}

# More speech verbs, used for attribution only.
MORE_VERBS: dict[str, str] = {
    **dict.fromkeys(["tweeted", "tweets"], "tweet"),
    **dict.fromkeys(["suggested", "suggests"], "suggest"),
    **dict.fromkeys(["predicted", "predicts"], "predict"),
    **dict.fromkeys(["promised", "promises"], "promise"),
    **dict.fromkeys(["vowed", "vows"], "vow"),
    **dict.fromkeys(["conceded", "concedes"], "concede"),
    **dict.fromkeys(["admitted", "admits"], "admit"),
    **dict.fromkeys(["complained", "complains"], "complain"),
    **dict.fromkeys(["contended", "contends"], "contend"),
    **dict.fromkeys(["testified", "testifies"], "testify"),
    **dict.fromkeys(["stressed", "stresses"], "stress"),
    **dict.fromkeys(["emphasized", "emphasised", "emphasizes", "emphasises"], "emphasize"),
    **dict.fromkeys(["asserted", "asserts"], "assert"),
    **dict.fromkeys(["cautioned", "cautions"], "caution"),
    **dict.fromkeys(["reported", "reports"], "report"),
    **dict.fromkeys(["recalled", "recalls"], "recall"),
    **dict.fromkeys(["asked", "asks"], "ask"),
    **dict.fromkeys(["replied", "replies"], "reply"),
    **dict.fromkeys(["responded", "responds"], "respond"),
    **dict.fromkeys(["quipped", "joked", "exclaimed", "continued"], "say"),
}

ALL_VERBS = {**REPORTING_VERBS, **MORE_VERBS}

# Verbs that only attribute next to a quotation ('"Why?" she asked'), never 'X asked Y to ...'.
QUOTE_ONLY = {"recall", "ask", "reply", "respond", "report"}

QUOTE_ONLY_FORMS = {"quipped", "joked", "exclaimed", "continued"}

TITLES = [
    "Brigadier General",
    "Major General",
    "Lieutenant General",
    "Lieutenant Colonel",
    "Lt. Gen.",
    "Maj. Gen.",
    "Brig. Gen.",
    "Lt. Col.",
    "General",
    "Gen.",
    "Colonel",
    "Col.",
    "Lieutenant",
    "Lt.",
    "Major",
    "Maj.",
    "Captain",
    "Capt.",
    "Sergeant",
    "Sgt.",
    "Admiral",
    "Adm.",
    "Vice President",
    "President",
    "President-elect",
    "Deputy Prime Minister",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Defense Minister",
    "Interior Minister",
    "Minister",
    "Secretary of State",
    "Defense Secretary",
    "Press Secretary",
    "Secretary",
    "Attorney General",
    "Senate Majority Leader",
    "Senate Minority Leader",
    "House Minority Leader",
    "House Majority Leader",
    "Majority Leader",
    "Minority Leader",
    "House Speaker",
    "Speaker",
    "Senator",
    "Sen.",
    "Sens.",
    "Representative",
    "Rep.",
    "Reps.",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov.",
    "Lt. Gov.",
    "Mayor",
    "Ambassador",
    "Chairman",
    "Chairwoman",
    "Chief Justice",
    "Justice",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Dr.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Rev.",
    "Reverend",
    "Grand Ayatollah",
    "Ayatollah",
    "Sheikh",
    "King",
    "Queen",
    "Crown Prince",
    "Prince",
    "Pope",
    "Spokesman",
    "Spokeswoman",
    "Commander",
    "Chief",
    "Director",
    "Judge",
    "Professor",
    "Prof.",
    "Former",
    "Democratic",
    "Republican",
    "Democrat",
    "GOP",
    "Independent",
]

MALE_TITLES = {"mr", "mr.", "king", "prince", "sheikh", "congressman", "chairman", "pope"}

FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "queen", "congresswoman", "chairwoman"}


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A small shipped list of first names with a gender cue (common in English-language news).
MALE_NAMES = wordset(
    """
    aaron abdul adam ahmed al alan albert alex alexander ali andrew andy anthony antonin
    ari arnold barack ben benjamin bernie bill billy bob bobby boris brad brian bruce carl
    carlos charles charlie chris christopher chuck chad clarence colin craig dan daniel
    darrell dave david dennis denis dick don donald doug douglas ed eddie edward emmanuel
    eric frank fred gary george gerald greg gregory harold harry henry howard hugh ian
    jack jacob jake james jared jason jay jeb jeff jeffrey jeremy jerry jesse jim jimmy
    joe joel john johnny jon jonathan jorge jose joseph josh juan justin kevin keith ken
    kenneth larry lee leon lindsey luis marco mark martin matt matthew michael mike mitch
    mitt mohammed muhammad nathan newt nick nicholas norman omar orrin pat patrick paul
    pete peter phil philip rand ray raymond reince richard rick rob robert roger ron
    ronald roy rudy russ ryan sam samuel scott sean sergei stephen steve steven ted terry
    thomas tim timothy todd tom tony vladimir walter wayne william willie xi yasser
    """
)

FEMALE_NAMES = wordset(
    """
    abby alice alicia allison amanda amy andrea angela angelina ann anna anne barbara
    betsy betty beth bonnie brenda carly carol caroline catherine cathy chelsea cheryl
    christine claire claudia cynthia dana debbie deborah diane donna dorothy elaine elena
    elizabeth ellen emily emma eva evelyn frances gabrielle gina grace hannah heather
    heidi helen hillary hope huma ivanka jackie jane janet janice jean jeanne jennifer
    jessica jill joan joanne jodi joni judith judy julia julie karen kate katherine
    kathleen kathy kay kellyanne kelly kim kimberly kirsten laura lauren linda lisa lois
    loretta lori lucy lynn madeleine maria marie marsha martha mary megyn melania melissa
    michele michelle nancy natalie nicole nikki olivia pam pamela patricia patty paula
    rachel rebecca rosa ruth sally samantha sandra sara sarah sharon sheila shirley
    stephanie sue susan susana tammy teresa theresa tina valerie victoria virginia wendy
    """
)

ORG_WORDS = wordset(
    """
    administration agency alliance assembly associated association authority bank board
    bureau campaign caucus center centre church club coalition college commission
    committee company congress corp corporation council court department foundation front
    fund group guard hospital house inc institute institution journal league ltd magazine
    ministry network news office organisation organization pac partners party police post
    press project radio review senate service society station studies system times tribune
    tv union university watch
    """
)

PLURAL_GROUPS = wordset(
    """
    democrats republicans conservatives liberals progressives officials critics supporters
    analysts experts evangelicals voters protesters activists
    """
)

NOT_NAMES = (
    wordset(
        """
    a an the this that these those it its he she they we i you there here what which who
    whom whose when where why how some many most several few all both each every any
    another other others such one no none but and or so yet then also meanwhile still
    however instead later earlier today yesterday now last next first asked told said
    his her their our my your
    having after before while despite although though since because nothing everything
    something anything everyone everybody nobody someone somebody speaking asked according
    if unless until once whether
    """
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)

PRONOUNS = {"he": "m", "she": "f", "it": "org"}

DETERMINERS = wordset(
    "the a an its his her their some many most several few other others one both all these "
    "those two another"
)

POSTMODIFIER = wordset("for at of with from in familiar close briefed who on to")

PARTICLES = wordset(
    """
    al el ad ash as an ar at az bin ibn abu bint de van von der du da di le la st
    """
)
