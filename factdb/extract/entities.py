"""Entity mentions from the shipped gazetteer, aliases declared in the text, and name chunks.

The gazetteer (``factdb/data/gazetteer.json``) maps every alias, demonym and capital-city
metonym to a canonical entity, so "US", "U.S.", "Washington" and "Americans" all count as
mentions of "United States". Matching runs over ``normalise_for_matching`` text, so smart
quotes do not matter and offsets index the original text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factdb.extract.embedded_names import part_of_longer_name
from factdb.extract.records import DeclaredAlias, Mention
from factdb.extract.text import normalise_for_matching

GAZETTEER_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.json"

_SHORT_ACRONYM = 5  # all-caps aliases up to this many letters must match case exactly


def normalise_alias(alias: str) -> str:
    """Key under which an alias is stored: casefolded, acronym dots dropped, "the " stripped.

    ``"U.S."`` -> ``"us"``, ``"The  Coalition"`` -> ``"coalition"``, ``"Kata’ib"`` ->
    ``"kata'ib"``, ``"al–Mayadeen"`` -> ``"al-mayadeen"``.
    """
    s = normalise_for_matching(alias).replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", s.strip())).casefold()
    s = re.sub(r"(?<![\w.])(?:[a-z]\.)+[a-z]?\.?(?![\w])", lambda m: m.group(0).replace(".", ""), s)
    s = re.sub(r"^the ", "", s)
    return s.strip(" .")


@dataclass(frozen=True)
class Entity:
    """A gazetteer entry: canonical name, kind and optional Wikidata id / parent country."""

    name: str
    kind: str
    wikidata: str | None = None
    country: str | None = None


class Gazetteer:
    """Alias index over known entities, with a compiled matcher for finding mentions."""

    def __init__(self, entries: list[dict[str, object]]) -> None:
        self.entities: dict[str, Entity] = {}
        self._aliases: dict[str, str] = {}
        surfaces: set[str] = set()
        # Canonical names first, then aliases, then demonyms/capitals: earlier claims win.
        layers: list[list[tuple[str, str]]] = [[], [], []]
        self._demonyms: set[str] = set()  # nationality words, for ``is_demonym``
        self._primary: set[str] = set()  # keys of canonical names and aliases
        for raw in entries:
            name = str(raw["name"])
            ent = Entity(
                name=name,
                kind=str(raw.get("kind", "other")),
                wikidata=_opt_str(raw.get("wikidata")),
                country=_opt_str(raw.get("country")),
            )
            self.entities.setdefault(name, ent)
            layers[0].append((name, name))
            self._primary.add(normalise_alias(name))
            for a in _str_list(raw.get("aliases")):
                layers[1].append((a, name))
                self._primary.add(normalise_alias(a))
            self._demonyms.update(normalise_alias(d) for d in _str_list(raw.get("demonyms")))
            extra = _str_list(raw.get("demonyms")) + _str_list(raw.get("capital_aliases"))
            if raw.get("capital"):
                extra.append(str(raw["capital"]))
            for a in extra:
                layers[2].append((a, name))
        self._names: dict[str, list[str]] = {}
        for layer in layers:
            for surface, name in layer:
                key = normalise_alias(surface)
                if self._aliases.setdefault(key, name) == name:
                    names = self._names.setdefault(name, [])
                    if surface not in names:
                        names.append(surface)
                surfaces.update(_surface_variants(surface))
        self._forms: dict[str, set[str]] = {}
        for surface in surfaces:
            self._forms.setdefault(_case_key(surface), set()).add(surface)
        body = _trie_regex({_case_key(s) for s in surfaces})
        self._matcher = re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)

    def lookup(self, alias: str) -> Entity | None:
        """The entity an alias names, or ``None``."""
        name = self._aliases.get(normalise_alias(alias))
        return self.entities.get(name) if name else None

    def is_demonym(self, surface: str) -> bool:
        """True for a nationality word ("Mexican", "Somalis"), not the country's name."""
        key = normalise_alias(surface)
        return key in self._demonyms and key not in self._primary

    def names_of(self, entity: str) -> list[str]:
        """Every shipped name that resolves to ``entity`` (canonical name first)."""
        return list(self._names.get(entity, []))

    def add_alias(self, alias: str, entity: str) -> None:
        """Register an extra alias (does not affect the compiled matcher)."""
        self._aliases.setdefault(normalise_alias(alias), entity)

    def find_mentions(self, text: str, norm: str | None = None) -> list[Mention]:
        """All mentions in ``text``, longest match first, with case rules for short acronyms.

        ``norm`` is ``text`` already normalised for matching, if the caller has it."""
        if norm is None:
            norm = normalise_for_matching(text)
        out: list[Mention] = []
        based_end = -1
        for m in self._matcher.finditer(norm):
            if m.start() < based_end:
                continue
            surface = m.group(0)
            start = m.start()
            if not any(_case_ok(surface, f) for f in self._surface_forms(surface)):
                bare = re.match(r"(?i)the\s+", surface)
                if bare is None:
                    continue
                # "the White House" against the alias "The White House": try "White House"
                surface, start = surface[bare.end() :], start + bare.end()
                if not any(_case_ok(surface, f) for f in self._surface_forms(surface)):
                    continue
            ent = self.lookup(surface)
            if ent is None:
                continue
            if norm.startswith("-based", m.end()):
                # "Beirut-based al-Mayadeen TV": an organisation based there, not Lebanon
                org = _BASED_ORG.match(norm, m.end() + len("-based"))
                if org is not None and self.lookup(org.group(1)) is None:
                    based_end = org.end(1)
                    name = text[org.start(1) : org.end(1)]
                    out.append(Mention(org.start(1), org.end(1), name, name, "organisation"))
                continue
            if ent.kind == "country" and part_of_longer_name(
                norm, start, m.end(), demonym=self.is_demonym(surface)
            ):
                continue
            out.append(Mention(start, m.end(), text[start : m.end()], ent.name, ent.kind))
        return out

    def _surface_forms(self, surface: str) -> set[str]:
        return self._forms.get(_case_key(surface), {surface})


_BASED_ORG = re.compile(
    r"\s+(?:the\s+)?((?:(?:al|el)-)?[A-Z][\w'&.-]*(?:\s+(?:(?:of|for|and)\s+)?[A-Z][\w'&.-]*)*)"
)


def _opt_str(v: object) -> str | None:
    return str(v) if v else None


def _str_list(v: object) -> list[str]:
    return [str(x) for x in v] if isinstance(v, list) else []


def _surface_variants(surface: str) -> set[str]:
    s = normalise_for_matching(surface)
    out = {s}
    if s.lower().startswith("the "):
        out.add(s[4:])
    if "-" in s:
        out.add(s.replace("-", " "))
    return out


def _case_key(surface: str) -> str:
    return re.sub(r"\s+", " ", surface).casefold()


def _trie_regex(keys: set[str]) -> str:
    """One regex for many casefolded surfaces, as a trie (shared prefixes factored out), so
    ``re`` tries a handful of branches per position instead of every alias; a space in a
    surface matches any run of whitespace. Longer continuations are tried first."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = []
        end = False
        for ch in sorted(node):
            if ch == "":
                end = True
                continue
            atom = r"\s+" if ch == " " else re.escape(ch)
            branches.append(atom + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def _case_ok(text: str, gazetteer_form: str) -> bool:
    letters = "".join(c for c in gazetteer_form if c.isalpha())
    if letters.isupper() and len(letters) <= _SHORT_ACRONYM:
        return "".join(c for c in text if c.isalpha()) == letters
    first = next((c for c in gazetteer_form if c.isalpha()), "")
    if first.isupper():
        return next((c for c in text if c.isalpha()), "").isupper()
    return True


def _load(path: Path) -> Gazetteer:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data["entities"] if isinstance(data, dict) else data
    return Gazetteer(list(entries))


@lru_cache(maxsize=8)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load (and cache) a gazetteer; the shipped one when ``path`` is ``None``."""
    return _load(Path(path) if path is not None else GAZETTEER_PATH)


_PARTICLE = r"(?:al|el|ad|ash|as|an|ar|at|az|bin|ibn|abu|bint|de|van|von|der|du|da|di|le|la|st)"
_ABBREV = r"(?:[A-Z]|Gen|Brig|Col|Lt|Maj|Capt|Sgt|Cpl|Adm|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St|Jr|Sr|Prof)"
_NAME_TOKEN = (
    rf"(?:{_ABBREV}\.(?=[ \t])|(?:{_PARTICLE}-)?[A-Z][\w']*(?:-[A-Za-z][\w']*)*"
    rf"|{_PARTICLE}[ \t](?=[A-Z]))"
)
_CONNECTOR = r"(?:of|for|and|the|de|on)"
_CAP_SEQ = re.compile(rf"(?<![\w-]){_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})*")
_CAP_SEQ_CONNECTED = re.compile(
    rf"(?<![\w-]){_NAME_TOKEN}(?:[ \t]+(?:{_CONNECTOR}[ \t]+)*{_NAME_TOKEN})*"
)


def capitalised_chunks(
    text: str, connectors: bool = False, norm: str | None = None
) -> list[tuple[int, int, str]]:
    """Runs of capitalised words ("Jaafar al-Husseini", "Brigadier General Jonathan Braga").

    A cheap stand-in for named-entity recognition, used to find unknown people and groups;
    ``connectors`` also joins "of"/"for"/"and" inside names ("Popular Front for Change");
    ``norm`` is ``text`` already normalised for matching, if the caller has it.
    """
    if norm is None:
        norm = normalise_for_matching(text)
    pattern = _CAP_SEQ_CONNECTED if connectors else _CAP_SEQ
    out = []
    for m in pattern.finditer(norm):
        chunk = m.group(0).rstrip(" \t")
        if not chunk:
            continue
        out.append((m.start(), m.start() + len(chunk), text[m.start() : m.start() + len(chunk)]))
    return out


def _acronym_like(s: str) -> bool:
    letters = s.replace(".", "").replace("-", "")
    return (
        2 <= len(letters) <= 8
        and letters.isalnum()
        and letters[:1].isupper()
        and (sum(c.isupper() for c in letters) >= max(2, len(letters) - 2))
    )


def find_declared_aliases(
    text: str,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    norm: str | None = None,
    exclude: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
) -> list[DeclaredAlias]:
    """Aliases the text declares with parentheses: ``Daesh (Islamic State)``, ``Islamic State
    (IS)``, ``Popular Front (PF)``; ``norm`` as for ``capitalised_chunks``. Parentheses that
    touch an ``exclude`` span (credits: "CHICAGO (AP) --", "(Photo: KHOU)") declare nothing."""
    if norm is None:
        norm = normalise_for_matching(text)
    by_end = {m.end: m for m in mentions}
    chunks = {e: (s, c) for s, e, c in capitalised_chunks(text, connectors=True, norm=norm)}
    out: list[DeclaredAlias] = []
    seen: set[tuple[str, str]] = set()
    for m in re.finditer(r"\(([^()\n]{1,80})\)", norm):
        if exclude and any(s <= m.end() and m.start() <= e for s, e in exclude):
            continue
        inner = text[m.start(1) : m.end(1)].strip()
        end = m.start()
        while end > 0 and norm[end - 1] == " ":
            end -= 1
        outer_mention = by_end.get(end)
        outer = outer_mention.text if outer_mention else chunks.get(end, (0, ""))[1]
        outer = re.sub(r"^(?:the|The)\s+", "", outer).strip()
        if not outer or normalise_alias(outer) == normalise_alias(inner):
            continue
        inner_ent = gazetteer.lookup(inner)
        alias: DeclaredAlias | None = None
        same = (
            outer_mention is not None
            and inner_ent is not None
            and (outer_mention.entity == inner_ent.name)
        )
        if inner_ent is not None and same and _acronym_like(inner):
            alias = DeclaredAlias(inner, inner_ent.name, inner_ent.kind)
        elif inner_ent is not None and (outer_mention is None or same):
            alias = DeclaredAlias(outer, inner_ent.name, inner_ent.kind)
        elif _acronym_like(inner):
            if outer_mention is not None:
                alias = DeclaredAlias(inner, outer_mention.entity, outer_mention.kind)
            elif len(outer.split()) >= 2:
                alias = DeclaredAlias(inner, outer, "organisation")
        if alias and (alias.alias, alias.entity) not in seen:
            seen.add((alias.alias, alias.entity))
            out.append(alias)
    return out


def with_declared_mentions(
    text: str, mentions: list[Mention], declared: list[DeclaredAlias], gazetteer: Gazetteer
) -> list[Mention]:
    """``mentions`` plus those of the names the text introduced itself ("Popular Front for
    Change (PFC)"), in text order."""
    out = list(mentions)
    for d in declared:
        if gazetteer.lookup(d.entity) is not None and gazetteer.lookup(d.alias) is not None:
            continue
        # longest surface first, so "CRZYQ LAW AND LEGAL AFFAIRS" wins over its alias "LAW"
        # (iterating a set here made the result depend on PYTHONHASHSEED)
        for surface in sorted({d.entity, d.alias}, key=lambda x: (-len(x), x)):
            for m in re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?![\w])", text):
                if not any(x.start < m.end() and m.start() < x.end for x in out):
                    out.append(Mention(m.start(), m.end(), m.group(0), d.entity, d.kind))
    out.sort(key=lambda m: (m.start, -m.end))
    return out
