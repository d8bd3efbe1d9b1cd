"""A newcomer signs up, describes what they want to learn, and finds a Swift mentor."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By

from helpers import (axe_check, card_link, card_reasons, choose, click_and_wait_for_new_page, el,
                     fill, go, h1_text, link_with_text, page_text, passphrase, person_cards,
                     press, set_checkbox, shot, sign_out, sign_up, unique_email, wait,
                     wait_for_path)


def test_find_a_mentor(driver, base_url):
    tag = secrets.token_hex(3)
    name = f"Mara Test {tag}"
    headline = f"iOS developer growing into tech lead ({tag})"

    # -- Home and sign-up ------------------------------------------------------------------
    go(driver, base_url, "/")
    shot(driver, "find-mentor-01-home")
    axe_check(driver, "home")

    go(driver, base_url, "/signup")
    axe_check(driver, "signup")
    sign_up(driver, base_url, name, unique_email("mentee"), passphrase())
    wait_for_path(driver, lambda p: p == "/profile/edit", "/profile/edit after sign-up")
    shot(driver, "find-mentor-02-profile-edit")
    axe_check(driver, "profile-edit")

    # -- Profile ---------------------------------------------------------------------------
    assert el(driver, "name").get_attribute("value") == name, "profile form should start with my name"
    fill(driver, "headline", headline)
    fill(driver, "organization", "Northwind Labs")
    fill(driver, "title", "iOS Developer")
    choose(driver, "timeZone", "Europe/Lisbon")
    fill(driver, "skillsWanted", "Swift, leadership")
    fill(driver, "goals", "Ship a Swift server feature end to end and learn to lead a small team.")
    set_checkbox(driver, "openToBeingMentored", True)
    shot(driver, "find-mentor-03-profile-filled")
    press(driver, "Save profile")

    my_path = wait_for_path(driver, lambda p: p.startswith("/people/"), "my profile /people/{id}")
    text = page_text(driver)
    assert "Profile saved." in text, f"flash 'Profile saved.' missing on {my_path}"
    assert headline in text, "my profile page should show the headline I saved"
    assert name in h1_text(driver), f"my profile's h1 is {h1_text(driver)!r}, not my name"
    shot(driver, "find-mentor-04-my-profile")
    axe_check(driver, "profile-own")

    # -- Directory search: Swift mentors with room -----------------------------------------
    go(driver, base_url, "/people")
    axe_check(driver, "people")
    fill(driver, "skill", "swift")
    choose(driver, "role", "mentor")
    set_checkbox(driver, "openOnly", True)
    press(driver, "Search")
    wait_for_path(driver, lambda p: p == "/people", "/people with the search")
    cards = person_cards(driver)
    assert cards, f"no mentor found for skill 'swift' at {driver.current_url}"
    reasons = [card_reasons(c) for c in cards]
    assert any("swift" in r.lower() for r in reasons), (
        f"no result explains a Swift match; reasons: {reasons[:5]}")
    assert el(driver, "skill").get_attribute("value").lower() == "swift", "search form should keep my query"
    shot(driver, "find-mentor-05-search-results")
    axe_check(driver, "people-search-results")

    # -- Open the first result --------------------------------------------------------------
    first = card_link(cards[0])
    mentor_name = first.text.strip()
    assert mentor_name, "the first result's link has no text"
    click_and_wait_for_new_page(driver, first)
    wait_for_path(driver, lambda p: p.startswith("/people/") and p != my_path, "a mentor's profile")
    assert mentor_name in h1_text(driver), f"profile h1 {h1_text(driver)!r} is not {mentor_name!r}"
    shot(driver, "find-mentor-06-mentor-profile")
    axe_check(driver, "profile-other")

    # -- Sign out ---------------------------------------------------------------------------
    sign_out(driver)
    wait_for_path(driver, lambda p: p == "/", "/ after sign-out")
    wait(driver).until(lambda d: link_with_text(d, "Sign in") is not None,
                       "header should offer 'Sign in' after signing out")
    assert not driver.find_elements(
        By.XPATH, "//button[normalize-space()='Sign out']"), "still shows 'Sign out' after signing out"
    shot(driver, "find-mentor-07-signed-out")
