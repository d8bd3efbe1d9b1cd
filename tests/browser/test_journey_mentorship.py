"""A mentee asks a mentor, the mentor accepts, and both acknowledge the agreement (the 1:1 lifecycle so far)."""

from __future__ import annotations

import secrets

from helpers import (axe_check, el, fill, go, h1_text, page_text, passphrase, press, set_checkbox, shot,
                     sign_in, sign_out, sign_up, unique_email, wait_for_path, choose)


def test_request_accept_acknowledge(driver, base_url):
    tag = secrets.token_hex(3)
    mentor_name, mentor_email, mentor_password = f"Moana Mentor {tag}", unique_email("mentor"), passphrase()
    mentee_name, mentee_email, mentee_password = f"Milo Mentee {tag}", unique_email("mentee"), passphrase()

    # -- A mentor opens two places ----------------------------------------------------------
    sign_up(driver, base_url, mentor_name, mentor_email, mentor_password)
    wait_for_path(driver, lambda p: p == "/profile/edit", "/profile/edit after the mentor signs up")
    fill(driver, "headline", f"Staff engineer who enjoys mentoring ({tag})")
    set_checkbox(driver, "openToMentoring", True)
    fill(driver, "mentorCapacity", "2")
    press(driver, "Save profile")
    mentor_path = wait_for_path(driver, lambda p: p.startswith("/people/"), "the mentor's profile")
    sign_out(driver)

    # -- The mentee asks, with a goal and a focus --------------------------------------------
    sign_up(driver, base_url, mentee_name, mentee_email, mentee_password)
    wait_for_path(driver, lambda p: p == "/profile/edit", "/profile/edit after the mentee signs up")
    go(driver, base_url, mentor_path)
    assert mentor_name in h1_text(driver)
    axe_check(driver, "person-with-ask-form")
    press(driver, "Ask for mentoring")  # empty: the form explains what to fix
    wait_for_path(driver, lambda p: p.endswith("/ask"), "the ask form answered with its problems")
    assert "error-summary" in driver.page_source, "an empty request should show an error summary"
    assert "Tell your mentor what you would like help with." in page_text(driver)
    fill(driver, "goal", "Lead my first cross-team project")
    choose(driver, "focus", "leadership")
    fill(driver, "message", "I'd love your help planning the first month.")
    shot(driver, "mentorship-01-ask")
    press(driver, "Ask for mentoring")
    wait_for_path(driver, lambda p: p == "/mentoring", "/mentoring after asking")
    text = page_text(driver)
    assert mentor_name in text and "Pending" in text, "the sent request should be listed as pending"
    axe_check(driver, "mentoring-mentee")
    sign_out(driver)

    # -- The mentor sees the mentee's goal and accepts ---------------------------------------
    sign_in(driver, base_url, mentor_email, mentor_password)
    wait_for_path(driver, lambda p: p == "/", "/ after the mentor signs in")
    go(driver, base_url, "/mentoring")
    text = page_text(driver)
    assert mentee_name in text and "Lead my first cross-team project" in text
    shot(driver, "mentorship-02-inbox")
    axe_check(driver, "mentoring-mentor")
    press(driver, "Accept")
    wait_for_path(driver, lambda p: p.startswith("/mentorships/"), "the new mentorship")
    mentorship_path = wait_for_path(driver, lambda p: p.startswith("/mentorships/"), "the mentorship page")
    text = page_text(driver)
    assert "Proposed" in text and "Lead my first cross-team project" in text and "stays between us" in text
    axe_check(driver, "mentorship")
    press(driver, "I acknowledge this agreement")
    wait_for_path(driver, lambda p: p == mentorship_path, "back on the mentorship")
    assert "Agreement acknowledged." in page_text(driver)
    sign_out(driver)

    # -- The mentee acknowledges too: the mentorship is active -------------------------------
    sign_in(driver, base_url, mentee_email, mentee_password)
    wait_for_path(driver, lambda p: p == "/", "/ after the mentee signs in")
    go(driver, base_url, mentorship_path)
    press(driver, "I acknowledge this agreement")
    wait_for_path(driver, lambda p: p == mentorship_path, "back on the mentorship")
    assert "Active" in page_text(driver), "both acknowledged: the mentorship should be active"
    shot(driver, "mentorship-03-active")
