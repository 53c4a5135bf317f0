"""The village's own words as the screens show them, in the language in use.

``domain.village_words`` knows what a village calls its head, itself and its hamlets; this puts
those words in the window's sentences. They are names (Nagari, Jorong, Wali Nagari), so English
keeps them and says what they are: only the plain desa words have an English name of their own
("village", "hamlet", "village head"), which is what the screens said before they knew the region.
Qt-free (the window imports it before the database is open).
"""

from __future__ import annotations

from typing import Protocol

from ..domain import actors
from ..domain import village_words as vw
from ..domain.text import Text, language


class _Village(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def head_title(self) -> str: ...
    @property
    def name(self) -> str: ...


def words_of(village: _Village) -> vw.VillageWords:
    """The words of a village row (the same as ``services.village.village_words``, without the database layer)."""
    return vw.words_for(village.code, village.kind, village.head_title, village.name)


def plain_head(words: vw.VillageWords) -> bool:
    """Whether the head is a plain Kepala Desa (whose title the screens translate)."""
    return words.head_title.lower() == vw.KEPALA_DESA.lower()


def unit(words: vw.VillageWords) -> Text:
    """The village's own word as a heading: 'Nagari', 'Kelurahan'; a plain 'Desa' is 'Village' in English."""
    return Text(words.unit, "Village" if words.unit == "Desa" else words.unit)


def unit_name(words: vw.VillageWords) -> Text:
    """'Nagari Muaro' in both languages; a plain desa is 'Desa Cibiru Hilir', in English 'Cibiru Hilir village'."""
    english = f"{words.name} village" if words.unit == "Desa" else words.unit_name
    return Text(words.unit_name, english)


def hamlet(words: vw.VillageWords) -> Text:
    """The form's and the tables' word for a hamlet: 'Jorong' (English 'Jorong (hamlet)'); 'Dusun' is 'Hamlet'."""
    word = vw.form_labels(words)["dusun"]
    return Text(word, "Hamlet" if word == "Dusun" else f"{word} (hamlet)")


def head(words: vw.VillageWords) -> Text:
    """What the head is called: 'Wali Nagari', 'Lurah'; the plain one 'Kepala desa' / 'Village head'."""
    if plain_head(words):
        return Text("Kepala desa", "Village head")
    return Text(words.head_title, words.head_title)


def role_name(role: str, words: vw.VillageWords | None, *, with_id: bool = False, lang: str | None = None) -> str:
    """A role as this village calls it: the approver is its head ('wali nagari', 'lurah'); the operator
    and the admin keep their general names, and so does everything in a plain desa (or before the
    village is known)."""
    if words is None or role != actors.ROLE_APPROVER or plain_head(words):
        return actors.role_name(role, with_id=with_id, lang=lang)
    # Indonesian writes a title without a name in lower case (as 'kepala desa'); English keeps the name.
    name = vw.role_name(role, words).get("id") if (lang or language()) == "id" else words.head_title
    return f"{name} ({role})" if with_id else name


#: What the approver does, in the label of a list of roles (Indonesian mode names no English role).
_APPROVES = {"id": "penyetuju", "en": "approver"}


def role_label(role: str, words: vw.VillageWords | None, lang: str | None = None) -> str:
    """A role in a list of accounts or roles, in the village's words: 'Wali Nagari (penyetuju)',
    'Kepala Desa (penyetuju)', 'Operator'; in English 'Wali Nagari (approver)', 'Village head (approver)'."""
    if role not in actors.ROLE_NAMES:
        return role
    lang = lang or language()
    if role != actors.ROLE_APPROVER:
        name = role_name(role, words, lang=lang)
        return name[:1].upper() + name[1:]
    if lang == "id":
        title = words.head_title if words is not None else vw.KEPALA_DESA
    elif words is None or plain_head(words):
        title = "Village head"
    else:
        title = words.head_title
    return f"{title} ({_APPROVES.get(lang, 'approver')})"
