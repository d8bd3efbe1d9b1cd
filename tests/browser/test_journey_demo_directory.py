"""The demo community's directory: paging through ~300 people and filtering by organisation."""

from __future__ import annotations

import re
import urllib.parse

from selenium.webdriver.common.by import By

from helpers import (ADMIN_EMAIL, DEMO_ORGANIZATIONS, DEMO_PASSWORD, axe_check, card_link, choose,
                     click_and_wait_for_new_page, go, page_text, person_cards, press, selected_text,
                     shot, sign_in, wait_for_path)

ORG = "Helios Health"


def _profile_paths(driver) -> list[str]:
    return [urllib.parse.urlparse(card_link(c).get_attribute("href")).path for c in person_cards(driver)]


def _next_link(driver):
    for how, what in ((By.CSS_SELECTOR, "a[rel~='next']"),
                      (By.XPATH, "//a[starts-with(normalize-space(), 'Next')]")):
        found = [e for e in driver.find_elements(how, what) if e.is_displayed()]
        if found:
            return found[0]
    return None


def _result_count(driver) -> int | None:
    """A total like '312 people' / '98 results' if the page shows one."""
    m = re.search(r"\b(\d[\d,]*)\s+(?:people|persons|results|matches|members|mentors)\b", page_text(driver), re.I)
    return int(m.group(1).replace(",", "")) if m else None


def test_demo_directory_paging_and_filters(driver, base_url):
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in as the demo admin")

    # -- Page 1 → Next → page 2 -----------------------------------------------------------
    go(driver, base_url, "/people")
    page1 = _profile_paths(driver)
    assert len(page1) >= 5, f"the demo directory shows only {len(page1)} people on page 1"
    assert all(p.startswith("/people/") for p in page1), f"card links: {page1[:5]}"
    total_all = _result_count(driver)
    shot(driver, "demo-01-directory-page-1")

    nxt = _next_link(driver)
    assert nxt is not None, "no 'Next' link on the directory although the demo has ~300 people"
    url1 = driver.current_url
    click_and_wait_for_new_page(driver, nxt)
    assert driver.current_url != url1, "'Next' did not change the URL"
    page2 = _profile_paths(driver)
    assert page2, "page 2 of the directory is empty"
    assert not set(page1) & set(page2), f"pages 1 and 2 share people: {sorted(set(page1) & set(page2))[:5]}"
    shot(driver, "demo-02-directory-page-2")
    axe_check(driver, "people-page-2")

    # -- Organisation filter ----------------------------------------------------------------
    go(driver, base_url, "/people")
    choose(driver, "organization", ORG)
    press(driver, "Search")
    wait_for_path(driver, lambda p: p == "/people", "/people with the organisation filter")
    filtered = _profile_paths(driver)
    assert filtered, f"no one in {ORG}"
    assert selected_text(driver, "organization") == ORG, "the organisation filter was not kept in the form"
    total_org = _result_count(driver)
    if total_all is not None and total_org is not None:
        assert total_org < total_all, f"filtering by {ORG} did not narrow: {total_org} of {total_all}"
    shot(driver, "demo-03-directory-filtered-by-organization")

    cards_text = [c.text for c in person_cards(driver)]
    if all(any(o in t for o in DEMO_ORGANIZATIONS) for t in cards_text):
        others = [t.splitlines()[0] for t in cards_text if ORG not in t]
        assert not others, f"people outside {ORG} in the filtered results: {others[:5]}"
    else:
        # Cards don't name the organisation: the profiles must.
        for path in filtered[:3]:
            go(driver, base_url, path)
            assert ORG in page_text(driver), f"{path} is in the {ORG} results but its profile doesn't say {ORG}"
    assert set(filtered) != set(page1) or len(filtered) < len(page1), "the filter changed nothing"
