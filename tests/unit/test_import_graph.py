"""The package rules in ARCHITECTURE.md hold: the import-linter contracts in pyproject.toml.

- layers: core <- accounts <- features; a package never imports one above it.
- no-cycles: no import cycles between portal's top-level packages.
- through-services: one package uses another only through the modules on the allow-list.

Each contract is also shown to break when an import it forbids is added to the graph, so a
contract that can never fail (a typo in a module name, say) fails here instead.
"""

from copy import deepcopy
from functools import cache
from pathlib import Path

import grimp
import pytest
from importlinter.api import read_configuration
from importlinter.application import output
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.layers import LayersContract
from importlinter.contracts.protected import ProtectedContract
from importlinter.domain.contract import Contract

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
CONTRACT_TYPES = {
    kind.type_name: kind for kind in (LayersContract, AcyclicSiblingsContract, ProtectedContract)
}


@cache
def configuration() -> dict:
    return read_configuration(str(PYPROJECT))


@cache
def import_graph() -> grimp.ImportGraph:
    """The imports between portal's modules, as import-linter sees them (no cache on disk)."""
    session = configuration()["session_options"]
    return grimp.build_graph(
        *session["root_packages"],
        exclude_type_checking_imports=str(session["exclude_type_checking_imports"]) == "True",
        cache_dir=None,
    )


def contract(contract_id: str) -> Contract:
    """The contract with this id, as pyproject.toml declares it."""
    options = next(c for c in configuration()["contracts_options"] if c["id"] == contract_id)
    return CONTRACT_TYPES[options["type"]](
        name=options["name"],
        session_options=configuration()["session_options"],
        contract_options=options,
    )


def broken_imports(contract_id: str, extra_imports: tuple[tuple[str, str], ...] = ()) -> str:
    """import-linter's account of what breaks the contract ("" when it is kept)."""
    checked = contract(contract_id)
    graph = deepcopy(import_graph())
    for importer, imported in extra_imports:
        graph.add_import(
            importer=importer, imported=imported, line_number=1, line_contents="import ..."
        )
    result = checked.check(graph, verbose=False)
    if result.kept:
        return ""
    with output.console.capture() as captured:
        checked.render_broken_contract(result)
    return captured.get()


def test_every_contract_in_pyproject_is_checked_here() -> None:
    ids = {c["id"] for c in configuration()["contracts_options"]}
    assert ids == {"layers", "no-cycles", "through-services"}


@pytest.mark.parametrize("contract_id", ["layers", "no-cycles", "through-services"])
def test_the_portal_keeps_the_contract(contract_id: str) -> None:
    broken = broken_imports(contract_id)
    assert not broken, broken


@pytest.mark.parametrize(
    ("contract_id", "forbidden_import", "reported"),
    [
        ("layers", ("portal.core.audit", "portal.plans.models"), "portal.core.audit"),
        ("layers", ("portal.accounts.models", "portal.referrals.models"), "portal.accounts"),
        ("no-cycles", ("portal.plans.service", "portal.referrals.store"), "No cycles"),
        (
            "through-services",
            ("portal.coproduction.surveys", "portal.plans.models"),
            "portal.coproduction.surveys -> portal.plans.models",
        ),
        (
            "through-services",
            ("portal.plans.service", "portal.accounts.forms"),
            "portal.plans.service -> portal.accounts.forms",
        ),
    ],
)
def test_a_forbidden_import_breaks_the_contract(
    contract_id: str, forbidden_import: tuple[str, str], reported: str
) -> None:
    assert reported in broken_imports(contract_id, extra_imports=(forbidden_import,))
