"""'No stupid questions': a member asks, another answers, the asker accepts, and search finds it."""

from __future__ import annotations

import secrets

from helpers import (axe_check, fill, go, h1_text, page_text, passphrase, press, set_checkbox, shot, sign_out, sign_up,
                     unique_email, wait_for_path)


def test_ask_answer_accept_search(driver, base_url):
    tag = secrets.token_hex(3)
    asker_email, asker_password = unique_email("asker"), passphrase()
    answerer_email, answerer_password = unique_email("answerer"), passphrase()
    title = f"How do I ask for feedback without sounding needy {tag}?"

    # -- The asker joins General and asks (first with an empty title: the form says what to fix) ----------
    sign_up(driver, base_url, f"Asha Asker {tag}", asker_email, asker_password)
    wait_for_path(driver, lambda p: p == "/profile/edit", "/profile/edit after sign-up")
    go(driver, base_url, "/spaces")
    axe_check(driver, "spaces")
    go(driver, base_url, "/spaces/general")
    press(driver, "Join to ask and answer")
    wait_for_path(driver, lambda p: p == "/spaces/general", "the space after joining")
    press(driver, "Ask")
    assert "error-summary" in driver.page_source, "an empty question should show an error summary"
    fill(driver, "title", title)
    fill(driver, "body", "I'm new to the team. <script>window.__xss = 1</script> **Any tips?**")
    fill(driver, "tags", "feedback, career")
    shot(driver, "questions-01-ask")
    press(driver, "Ask")
    question_path = wait_for_path(driver, lambda p: p.startswith("/questions/"), "the question's page")
    assert title in h1_text(driver)
    assert driver.execute_script("return window.__xss === undefined"), "stored script must never run"
    axe_check(driver, "question")
    sign_out(driver)

    # -- Another member answers and upvotes the question --------------------------------------------------
    sign_up(driver, base_url, f"Bo Answerer {tag}", answerer_email, answerer_password)
    wait_for_path(driver, lambda p: p == "/profile/edit", "/profile/edit after sign-up")
    go(driver, base_url, question_path)
    press(driver, "Join General")
    go(driver, base_url, question_path)
    press(driver, "Upvote the question")
    wait_for_path(driver, lambda p: p == question_path, "the question after voting")
    fill(driver, "body", f"Ask for one specific thing to improve after each demo ({tag}).")
    press(driver, "Post your answer")
    wait_for_path(driver, lambda p: p == question_path, "the question after answering")
    assert "Thank you for answering" in page_text(driver)
    sign_out(driver)

    # -- The asker accepts the answer ---------------------------------------------------------------------
    from helpers import sign_in
    sign_in(driver, base_url, asker_email, asker_password)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in")
    go(driver, base_url, question_path)
    press(driver, f"Accept this answer by Bo Answerer {tag}")
    wait_for_path(driver, lambda p: p == question_path, "the question after accepting")
    assert "Accepted answer" in page_text(driver)
    shot(driver, "questions-02-accepted")

    # -- Search finds it, with the matching words marked --------------------------------------------------
    go(driver, base_url, "/spaces")
    fill(driver, "q", f"feedback {tag}")
    press(driver, "Search")
    wait_for_path(driver, lambda p: p == "/search", "the search results")
    assert title in page_text(driver)
    assert "<mark>" in driver.page_source
    axe_check(driver, "search")
    shot(driver, "questions-03-search")
