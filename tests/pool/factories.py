from __future__ import annotations

from typing import Any

from lotse.core.models import Language, Office
from lotse.pool.models import PoolMember, PoolRole, Terms


def make_member(
    office: Office,
    *,
    name: str = "Samira Haddad",
    roles: tuple[str, ...] = (PoolRole.INTERPRETER,),
    languages: tuple[str, ...] = ("ar", "de"),
    **fields: Any,
) -> PoolMember:
    member = PoolMember.objects.create(
        office=office,
        name=name,
        roles=list(roles),
        terms=fields.pop("terms", Terms.FEE),
        **fields,
    )
    member.languages.set(Language.objects.filter(code__in=languages))
    return member
