"""Which owner on record an extracted owner name denotes.

The engine proposes the actor as written in the article ("서울시", "오 시장",
"the Scottish Government"); the record may hold it under another form
("서울특별시", "오세훈 서울시장"). `owner_names.match_owner` knows the
language's short forms; this module feeds it the owners table."""

from commitments.models import Owner
from tracker.extraction.owner_names import KnownOwner, match_owner


def owner_matching(name: str, *, context: str = "") -> Owner | None:
    """The one owner `name` denotes (by name, English name, alias or a short
    form), or None when there is none or more than one. `context` is the
    article: a surname with an office matches only when it names the person."""
    if not name or not name.strip():
        return None
    owners = {str(o.pk): o for o in Owner.objects.all()}
    known = [
        KnownOwner(
            key=key,
            name=o.name,
            name_en=o.name_en,
            aliases=tuple(a for a in (o.aliases or []) if isinstance(a, str)),
        )
        for key, o in owners.items()
    ]
    found = match_owner(name, known, context=context)
    return owners[found.key] if found else None
