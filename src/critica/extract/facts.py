"""Film facts stated in one document, each with the exact sentence or line that states it.

The readers run in a fixed order: credit blocks and lists first, so that the cast reader can
tell actors from characters in prose ("Ali (Schoenaerts)") by the names the lists gave.
"""

from __future__ import annotations

from critica.extract.accolades import read_accolades
from critica.extract.awards import read_awards
from critica.extract.cast import read_cast
from critica.extract.cast_more import read_more_cast
from critica.extract.companies import read_companies
from critica.extract.context import Context
from critica.extract.credits import read_credits
from critica.extract.figures import read_certificates, read_money, read_runtime
from critica.extract.origin import read_based_on, read_origin
from critica.extract.origin_more import read_more_origin
from critica.extract.release_prose import read_release_prose
from critica.extract.releases import read_releases
from critica.records import FACT_FIELDS, ClassifiedDocument, Fact

_READERS = (
    read_credits, read_companies, read_cast, read_more_cast, read_runtime, read_certificates, read_releases, read_release_prose,
    read_money,
    read_origin, read_more_origin, read_based_on, read_awards, read_accolades,
)


def extract_facts(doc: ClassifiedDocument) -> tuple[Fact, ...]:
    """Every fact ``doc`` states about its film. Unreadable text yields no facts, never an error."""
    if not doc.text or not doc.text.strip():
        return ()
    ctx = Context.of(doc)
    for reader in _READERS:
        reader(ctx)
    order = {name: i for i, name in enumerate(FACT_FIELDS)}
    return tuple(sorted(ctx.facts, key=lambda f: order.get(f.field, len(order))))
