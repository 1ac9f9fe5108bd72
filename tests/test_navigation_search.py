"""Street search on the Helsinki extract: case and diacritics do not matter, near misses get suggestions."""

import pytest

from cockpit.navigation.graph import build_graph
from cockpit.navigation.route import route
from cockpit.navigation.search import StreetIndex, fold


@pytest.fixture(scope="module")
def index():
    return StreetIndex(build_graph())


def test_case_and_diacritics_do_not_matter(index):
    assert fold("  TÖÖLÖNkatu ") == "toolonkatu"
    for typed in ("Mannerheimintie", "mannerheimintie", "MANNERHEIMINTIE"):
        assert index.find(typed).streets[0].name == "Mannerheimintie"
    found = [s.name for s in index.find("toolonlahden").streets]
    assert found == ["Töölönlahdenkatu"]  # typed without its diacritics, found with the map's own spelling


def test_a_near_miss_gets_suggestions_not_a_guess(index):
    found = index.find("Manerheimintie")
    assert found.streets == [] and found.suggestions[0] == "Mannerheimintie"
    assert index.find("zzzz qqqq").suggestions == [] and index.find("").streets == []


def test_a_found_street_is_somewhere_a_route_can_reach(index):
    graph = build_graph()
    a = index.find("Mannerheimintie").streets[0].destination
    b = index.find("Bulevardi").streets[0].destination
    r = route(graph, a, b)
    assert r.length_m > 100 and r.nodes[0] == a and r.nodes[-1] == b


def test_an_endless_query_is_cut_not_searched_whole(index):
    assert index.find("a" * 100_000).streets == []
