"""The meeting part of a 1:1 mentorship: availability, booking, items that carry over, outcome, feedback,
messages and notes, and the private calendar feed.

Meetings can only be marked held once they have started, so the journey moves the first meeting into the
past directly in the server's SQLite database (ITHACA_BROWSER_DB, the file behind `--database sqlite://…`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import sqlite3
import urllib.parse

import pytest
import requests
from icalendar import Calendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import (axe_check, choose, el, fill, go, h1_text, page_text, passphrase, path_of, press,
                     set_checkbox, set_value_js, shot, sign_in, sign_out, sign_up, unique_email, wait_for_path)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
WEEKEND = ("saturday", "sunday")
MENTOR_ZONE = "Europe/Berlin"


# --------------------------------------------------------------------------- small helpers
def browser_db() -> str:
    path = os.environ.get("ITHACA_BROWSER_DB", "")
    if not path:
        pytest.fail("ITHACA_BROWSER_DB is not set: point it at the SQLite file the server under test uses "
                    "(the path after sqlite:// in `ithaca serve --database`); scripts/test sets it",
                    pytrace=False)
    if not os.path.isfile(path):
        pytest.fail(f"ITHACA_BROWSER_DB={path} is not a file: is it the server's --database?", pytrace=False)
    return path


def flash_text(driver) -> str:
    return " ".join(f.text for f in driver.find_elements(By.CSS_SELECTOR, ".flash"))


def assert_flash(driver, expected: str) -> None:
    got = flash_text(driver)
    assert expected in got, f"expected the flash {expected!r} on {driver.current_url}, got {got!r}"


def section_text(driver, heading_id: str) -> str:
    """The text of the <section> labelled by the heading with this id."""
    found = driver.find_elements(By.CSS_SELECTOR, f"section[aria-labelledby='{heading_id}']")
    assert found, f"no section labelled #{heading_id} on {driver.current_url}"
    return found[0].text


def has_error_summary(driver) -> bool:
    return bool(driver.find_elements(By.CSS_SELECTOR, ".error-summary"))


def slot_radios(driver):
    return driver.find_elements(By.CSS_SELECTOR, "input[type=radio][name=start]")


def checked_value(driver, name: str) -> str | None:
    for r in driver.find_elements(By.CSS_SELECTOR, f"input[type=radio][name='{name}']"):
        if r.is_selected():
            return r.get_attribute("value")
    return None


def click_radio(driver, name: str, value: str) -> None:
    radio = driver.find_element(By.CSS_SELECTOR, f"input[type=radio][name='{name}'][value='{value}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", radio)
    radio.click()
    assert radio.is_selected(), f"could not choose {name}={value}"


def cookie_header(driver) -> dict:
    return {"Cookie": "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())}


def parse_ics(body: bytes | str, what: str) -> Calendar:
    try:
        return Calendar.from_ical(body)
    except Exception as error:  # noqa: BLE001
        raise AssertionError(f"{what} is not valid iCalendar ({error}): {body[:300]!r}") from None


def vevents(cal: Calendar) -> list:
    return [c for c in cal.walk() if c.name == "VEVENT"]


def meeting_id_of(path: str) -> str:
    m = re.fullmatch(r"/meetings/([0-9a-f-]{36})", path)
    assert m, f"not a meeting page: {path}"
    return m.group(1)


def shift_meeting_into_the_past(db_path: str, meeting_id: str) -> None:
    """Start the meeting two hours ago, keeping its length.

    Fluent's SQLite driver stores a UUID as its upper-case text and a Date as REAL seconds since 1970
    (e.g. start_at = 1795617000.0); anything else fails loudly rather than writing a wrong format.
    """
    con = sqlite3.connect(db_path, timeout=10)
    try:
        rows = con.execute("SELECT id, start_at, end_at, typeof(start_at) FROM meetings WHERE lower(id) = ?",
                           (meeting_id.lower(),)).fetchall()
        assert len(rows) == 1, (f"meeting {meeting_id} not found in {db_path}: is ITHACA_BROWSER_DB the "
                                f"database of the server under test?")
        key, start, end, kind = rows[0]
        assert kind in ("real", "integer"), f"meetings.start_at is stored as {kind} ({start!r}), not seconds since 1970"
        now = dt.datetime.now(dt.timezone.utc).timestamp()
        assert 0 < start - now < 30 * 86400, f"start_at {start!r} is not a date in the next month: unexpected format"
        new_start = now - 2 * 3600
        con.execute("UPDATE meetings SET start_at = ?, end_at = ? WHERE id = ?",
                    (new_start, new_start + (end - start), key))
        con.commit()
    finally:
        con.close()


def axe_check_availability(driver, page_name: str) -> None:
    """axe_check, minus one known false positive of the bundled axe-core 3.1.1.

    The weekly table labels each time input with a visually hidden <label for> ("Monday window 1 from").
    axe-core 3.1.1's `hidden-explicit-label` check calls such a label hidden and fails the `label` rule as
    critical (dequelabs/axe-core#1202, fixed in later axe-core releases, which only fail labels hidden from
    screen readers too). Only that exact case is forgiven, and only after checking that every flagged input
    really has a non-empty label hidden with the `visually-hidden` class; anything else still fails the test.
    """
    problems = driver.ithaca_axe_problems
    before = len(problems)
    bad = axe_check(driver, page_name) or []
    if not bad:
        return
    forgiven = True
    for violation in bad:
        if violation.get("id") != "label":
            forgiven = False
            break
        for node in violation.get("nodes", []):
            # axe lists a failed node's failing checks under all/any/none (any: all of them failed).
            failing = {c.get("id") for key in ("all", "any", "none") for c in node.get(key, []) or []}
            target = node.get("target", [""])[0]
            labelled = driver.execute_script(
                "var i = document.querySelector(arguments[0]); if (!i || !i.id) return null;"
                "var l = document.querySelector('label[for=\"' + i.id + '\"]');"
                "return l ? [l.textContent.trim(), l.classList.contains('visually-hidden')] : null;", target)
            if failing != {"hidden-explicit-label"} or not labelled or not labelled[0] or not labelled[1]:
                forgiven = False
                break
    if forgiven:
        del problems[before:]
        print(f"\n[axe] {page_name}: forgave axe-core 3.1.1's hidden-explicit-label false positive "
              f"on {sum(len(v.get('nodes', [])) for v in bad)} visually-hidden-labelled time inputs")


NOTICE = dt.timedelta(hours=48)


def parse_slot(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def comfortable_slot(values: list[str]) -> str:
    """The first slot far enough past the 48 hours' notice that it is still bookable a few requests later."""
    limit = dt.datetime.now(dt.timezone.utc) + NOTICE + dt.timedelta(minutes=10)
    for v in values:
        if parse_slot(v) >= limit:
            return v
    raise AssertionError(f"no slot comfortably past the 48 hours' notice among {values}")


def first_weekday_after(days: int) -> dt.date:
    d = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=days)
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


# --------------------------------------------------------------------------- the journey
def test_book_hold_and_follow_up_meetings(driver, base_url):
    db_path = browser_db()
    tag = secrets.token_hex(3)
    mentor_name, mentor_email, mentor_password = f"Ines Mentor {tag}", unique_email("mentor"), passphrase()
    mentee_name, mentee_email, mentee_password = f"Tomas Mentee {tag}", unique_email("mentee"), passphrase()
    agenda_1 = f"Plan the first month of the cross-team project ({tag})"
    agenda_2 = f"Review how the kickoff went ({tag})"
    question = f"How do I say no to a senior stakeholder? ({tag})"
    message = f"Looking forward to our next chat! ({tag})"
    private_note = f"PRIVATE: I felt nervous about the stakeholder map ({tag})"
    shared_note = f"SHARED: reading list from our first meeting ({tag})"
    mentee_comment = f"Very practical advice, thank you ({tag})"
    mentor_comment = f"Came well prepared with a clear agenda ({tag})"
    # A weekday off in the next fortnight, past the 48 hours' notice: no slots may be offered on it.
    day_off = first_weekday_after(4)

    # -- 1. A mentor opens two places and publishes their week -------------------------------
    sign_up(driver, base_url, mentor_name, mentor_email, mentor_password)
    wait_for_path(driver, lambda p: p == "/profile/edit", "/profile/edit after the mentor signs up")
    fill(driver, "headline", f"Engineering manager who enjoys mentoring ({tag})")
    set_checkbox(driver, "openToMentoring", True)
    fill(driver, "mentorCapacity", "2")
    press(driver, "Save profile")
    mentor_path = wait_for_path(driver, lambda p: p.startswith("/people/"), "the mentor's profile")

    go(driver, base_url, "/availability")
    assert "Your availability" in h1_text(driver)
    choose(driver, "timeZone", MENTOR_ZONE)
    for day in WEEKDAYS:
        set_value_js(driver, f"{day}-1-start", "09:00")
        set_value_js(driver, f"{day}-1-end", "17:00")
    # A window that ends before it starts.
    set_value_js(driver, "monday-1-start", "15:00")
    set_value_js(driver, "monday-1-end", "10:00")
    fill(driver, "exceptions", day_off.isoformat())
    press(driver, "Save availability")
    wait_for_path(driver, lambda p: p == "/availability", "the availability form answered with its problems")
    assert has_error_summary(driver), "a window that ends before it starts should show an error summary"
    shot(driver, "meetings-01-availability-error")
    axe_check_availability(driver, "availability-error")
    # Nothing typed is lost.
    assert Select(el(driver, "timeZone")).first_selected_option.get_attribute("value") == MENTOR_ZONE
    assert el(driver, "monday-1-start").get_attribute("value") == "15:00"
    assert el(driver, "monday-1-end").get_attribute("value") == "10:00"
    for day in WEEKDAYS[1:]:
        assert el(driver, f"{day}-1-start").get_attribute("value") == "09:00", f"{day}'s start was lost"
        assert el(driver, f"{day}-1-end").get_attribute("value") == "17:00", f"{day}'s end was lost"
    assert el(driver, "exceptions").get_attribute("value").strip() == day_off.isoformat()
    # Fix it.
    set_value_js(driver, "monday-1-start", "09:00")
    set_value_js(driver, "monday-1-end", "17:00")
    press(driver, "Save availability")
    wait_for_path(driver, lambda p: p == "/availability", "/availability after saving")
    assert_flash(driver, "Availability saved.")
    assert not has_error_summary(driver)
    assert Select(el(driver, "timeZone")).first_selected_option.get_attribute("value") == MENTOR_ZONE
    for day in WEEKDAYS:
        assert el(driver, f"{day}-1-start").get_attribute("value") == "09:00", f"{day}'s saved start"
        assert el(driver, f"{day}-1-end").get_attribute("value") == "17:00", f"{day}'s saved end"
    for day in WEEKEND:
        assert el(driver, f"{day}-1-start").get_attribute("value") == "", f"{day} should stay free"
    assert el(driver, "exceptions").get_attribute("value").strip() == day_off.isoformat()
    shot(driver, "meetings-02-availability-saved")
    axe_check_availability(driver, "availability")
    sign_out(driver)

    # -- 2. A mentee asks; the mentor accepts; both acknowledge the agreement ------------------
    sign_up(driver, base_url, mentee_name, mentee_email, mentee_password)
    wait_for_path(driver, lambda p: p == "/profile/edit", "/profile/edit after the mentee signs up")
    go(driver, base_url, mentor_path)
    fill(driver, "goal", "Lead my first cross-team project")
    choose(driver, "focus", "leadership")
    fill(driver, "message", "I'd love your help planning the first month.")
    press(driver, "Ask for mentoring")
    wait_for_path(driver, lambda p: p == "/mentoring", "/mentoring after asking")
    sign_out(driver)

    sign_in(driver, base_url, mentor_email, mentor_password)
    wait_for_path(driver, lambda p: p == "/", "/ after the mentor signs in")
    go(driver, base_url, "/mentoring")
    assert mentee_name in page_text(driver)
    press(driver, "Accept")
    mentorship_path = wait_for_path(driver, lambda p: re.fullmatch(r"/mentorships/[0-9a-f-]{36}", p),
                                    "the new mentorship")
    assert "Once you have both acknowledged the agreement" in section_text(driver, "book-title")
    press(driver, "I acknowledge this agreement")
    wait_for_path(driver, lambda p: p == mentorship_path, "back on the mentorship")
    sign_out(driver)

    sign_in(driver, base_url, mentee_email, mentee_password)
    wait_for_path(driver, lambda p: p == "/", "/ after the mentee signs in")
    go(driver, base_url, mentorship_path)
    press(driver, "I acknowledge this agreement")
    wait_for_path(driver, lambda p: p == mentorship_path, "back on the mentorship")
    assert "Active" in page_text(driver), "both acknowledged: the mentorship should be active"

    # -- 3. The mentee books, first without an agenda ----------------------------------------
    slots = slot_radios(driver)
    assert slots, f"the mentor published availability, so slots should be offered: {section_text(driver, 'book-title')[:400]!r}"
    values = [s.get_attribute("value") for s in slots]
    now = dt.datetime.now(dt.timezone.utc)
    starts = [parse_slot(v) for v in values]
    # The page was made a moment ago: allow that moment when checking the 48 hours' notice.
    assert all(s - now >= NOTICE - dt.timedelta(minutes=2) for s in starts), (
        f"slots inside the 48 hours' notice: {values[:5]}")
    assert all(s.weekday() < 5 for s in starts), f"slots on a weekend although the mentor only works weekdays: {values}"
    assert not any(s.date() == day_off for s in starts), f"slots offered on the mentor's day off {day_off}: {values}"
    assert any(s.date() > day_off for s in starts), f"the slots shown should reach past the day off {day_off}: {values}"
    shot(driver, "meetings-03-mentorship-with-slots")
    axe_check(driver, "mentorship-with-slots")

    first_slot = comfortable_slot(values)
    click_radio(driver, "start", first_slot)
    fill(driver, "agenda", "")
    press(driver, "Book this meeting")
    wait_for_path(driver, lambda p: p.startswith(mentorship_path), "the mentorship page with the booking's problems")
    assert mentor_name in h1_text(driver) and "Book a meeting" in page_text(driver), "still the mentorship page"
    # The refusal is announced in the booking card. (The app shows the missing agenda as one form-level alert,
    # not as an error summary linked to the agenda field: see the report.)
    alerts = " ".join(a.text for a in driver.find_elements(
        By.CSS_SELECTOR, "section[aria-labelledby='book-title'] [role=alert]"))
    assert "agenda" in alerts.lower(), f"booking without an agenda should say why: {section_text(driver, 'book-title')[:300]!r}"
    assert checked_value(driver, "start") == first_slot, "the chosen slot should still be chosen after the error"
    shot(driver, "meetings-04-booking-error")
    axe_check(driver, "mentorship-booking-error")

    fill(driver, "agenda", agenda_1)
    if checked_value(driver, "start") != first_slot:
        click_radio(driver, "start", first_slot)
    press(driver, "Book this meeting")
    meeting_1_path = wait_for_path(driver, lambda p: p.startswith("/meetings/"), "the booked meeting")
    meeting_1 = meeting_id_of(meeting_1_path)
    assert_flash(driver, "Meeting booked")
    assert mentor_name in h1_text(driver)
    assert agenda_1 in section_text(driver, "agenda-title")

    # The .ics download, fetched with the browser's session.
    ics_link = driver.find_element(By.LINK_TEXT, "Add to calendar (.ics)")
    ics_url = urllib.parse.urljoin(driver.current_url, ics_link.get_attribute("href"))
    r = requests.get(ics_url, headers=cookie_header(driver), timeout=15, allow_redirects=False)
    assert r.status_code == 200, f"GET {ics_url} -> {r.status_code}: {r.text[:300]!r}"
    assert r.headers.get("Content-Type", "").startswith("text/calendar"), r.headers.get("Content-Type")
    cal = parse_ics(r.content, ics_url)
    events = vevents(cal)
    assert len(events) == 1, f"the meeting's .ics should hold one VEVENT, has {len(events)}"
    event = events[0]
    uid_1 = str(event.get("UID"))
    assert uid_1.endswith("@ithaca") and meeting_1 in uid_1, f"UID {uid_1!r}"
    dtstart = event.decoded("DTSTART")
    assert isinstance(dtstart, dt.datetime) and dtstart.utcoffset() == dt.timedelta(0), (
        f"DTSTART should be in UTC: {event.get('DTSTART').to_ical()!r}")
    assert dtstart == dt.datetime.fromisoformat(first_slot.replace("Z", "+00:00")), (
        f"DTSTART {dtstart} is not the booked slot {first_slot}")
    assert agenda_1 in str(event.get("DESCRIPTION", "")), "the .ics should carry the agenda"
    # Without the session the .ics is not served.
    anon = requests.get(ics_url, timeout=15, allow_redirects=False)
    assert anon.status_code in (302, 303, 401, 403, 404), f"anonymous GET {ics_url} -> {anon.status_code}"

    # -- 4. The mentee raises an open question ------------------------------------------------
    choose(driver, "item-kind", "Open question")
    fill(driver, "itemText", question)
    press(driver, "Add item")
    wait_for_path(driver, lambda p: p == meeting_1_path, "back on the meeting")
    assert_flash(driver, "Added.")
    raised = section_text(driver, "items-title")
    assert question in raised and "Open question" in raised, f"the question should be listed: {raised!r}"
    assert "Nothing open from earlier meetings." in section_text(driver, "carried-title")
    assert "You'll be asked for quick feedback" in section_text(driver, "feedback-title")
    assert not driver.find_elements(By.ID, "outcome-title"), "a future meeting cannot be marked held"
    shot(driver, "meetings-05-meeting-booked")
    axe_check(driver, "meeting-upcoming")

    # -- 5. Time passes; the meeting happened -------------------------------------------------
    shift_meeting_into_the_past(db_path, meeting_1)
    go(driver, base_url, meeting_1_path)
    assert "How did it go?" in page_text(driver), "a started meeting should ask how it went"
    assert not driver.find_elements(By.ID, "cancel-title"), "a started meeting cannot be cancelled any more"
    click_radio(driver, "outcome", "held")
    press(driver, "Save")
    wait_for_path(driver, lambda p: p == meeting_1_path, "back on the meeting after recording it")
    assert_flash(driver, "the meeting's outcome is saved")
    assert "How did it go?" not in page_text(driver), "the outcome is recorded once"
    assert "Held" in driver.find_element(By.CSS_SELECTOR, ".page-header .badge").text

    # Mentee's feedback on the mentor's part.
    assert f"How useful was {mentor_name}'s part?" in section_text(driver, "feedback-title")
    press(driver, "Send feedback")  # nothing chosen: the form explains
    assert has_error_summary(driver) or driver.find_elements(By.ID, "useful-error"), (
        "feedback without a rating should be refused")
    click_radio(driver, "useful", "4")
    fill(driver, "comment", mentee_comment)
    press(driver, "Send feedback")
    wait_for_path(driver, lambda p: p == meeting_1_path, "back on the meeting after feedback")
    assert_flash(driver, "Thank you for your feedback.")
    feedback = section_text(driver, "feedback-title")
    assert "You said: useful 4 of 5" in feedback and mentee_comment in feedback, feedback
    assert f"{mentor_name} hasn't given feedback yet." in feedback, feedback
    assert not driver.find_elements(By.ID, "comment"), "feedback is given once"
    shot(driver, "meetings-06-mentee-feedback")
    axe_check(driver, "meeting-held-mentee")
    sign_out(driver)

    # The mentor reads it and answers in kind.
    sign_in(driver, base_url, mentor_email, mentor_password)
    wait_for_path(driver, lambda p: p == "/", "/ after the mentor signs in")
    go(driver, base_url, meeting_1_path)
    assert mentee_name in h1_text(driver)
    feedback = section_text(driver, "feedback-title")
    assert f"{mentee_name} said about your part: useful 4 of 5" in feedback and mentee_comment in feedback, feedback
    assert question in section_text(driver, "items-title"), "the mentor sees the mentee's question too"
    click_radio(driver, "useful", "5")
    fill(driver, "comment", mentor_comment)
    press(driver, "Send feedback")
    wait_for_path(driver, lambda p: p == meeting_1_path, "back on the meeting after the mentor's feedback")
    assert_flash(driver, "Thank you for your feedback.")
    feedback = section_text(driver, "feedback-title")
    assert "You said: useful 5 of 5" in feedback and mentor_comment in feedback, feedback
    axe_check(driver, "meeting-held-mentor")
    sign_out(driver)

    sign_in(driver, base_url, mentee_email, mentee_password)
    wait_for_path(driver, lambda p: p == "/", "/ after the mentee signs in")
    go(driver, base_url, meeting_1_path)
    feedback = section_text(driver, "feedback-title")
    assert f"{mentor_name} said about your part: useful 5 of 5" in feedback and mentor_comment in feedback, feedback
    assert "hasn't given feedback yet" not in feedback

    # -- 6. The next meeting: the open question carries over ----------------------------------
    go(driver, base_url, mentorship_path)
    past = driver.find_elements(By.XPATH, "//h3[normalize-space()='Earlier']/following-sibling::ul[1]")
    assert past and "Held" in past[0].text, f"the held meeting should be listed under Earlier: {section_text(driver, 'meetings-title')!r}"
    slots = slot_radios(driver)
    assert slots, "the mentor still has free slots"
    second_slot = comfortable_slot([r.get_attribute("value") for r in slots])
    click_radio(driver, "start", second_slot)
    fill(driver, "agenda", agenda_2)
    press(driver, "Book this meeting")
    meeting_2_path = wait_for_path(driver, lambda p: p.startswith("/meetings/") and p != meeting_1_path,
                                   "the second meeting")
    meeting_2 = meeting_id_of(meeting_2_path)
    assert_flash(driver, "Meeting booked")
    carried = section_text(driver, "carried-title")
    assert question in carried, f"the open question should carry over: {carried!r}"
    shot(driver, "meetings-07-carried-over")
    axe_check(driver, "meeting-with-carried-over")
    press(driver, f"Mark resolved: {question}")
    wait_for_path(driver, lambda p: p == meeting_2_path, "back on the second meeting")
    assert_flash(driver, "Item updated.")
    carried = section_text(driver, "carried-title")
    assert question not in carried and "Nothing open from earlier meetings." in carried, carried

    go(driver, base_url, mentorship_path)
    upcoming = section_text(driver, "meetings-title")
    assert agenda_2 in upcoming, f"the second meeting should be coming up: {upcoming!r}"

    # -- 7. Messages and notes ----------------------------------------------------------------
    fill(driver, "messageBody", message)
    press(driver, "Send")
    wait_for_path(driver, lambda p: p == mentorship_path, "back on the mentorship after the message")
    assert_flash(driver, "Message sent.")
    assert message in section_text(driver, "messages-title")

    fill(driver, "noteBody", private_note)
    set_checkbox(driver, "note-shared", False)
    press(driver, "Save note")
    wait_for_path(driver, lambda p: p == mentorship_path, "back on the mentorship after the private note")
    assert_flash(driver, "Note saved.")
    fill(driver, "noteBody", shared_note)
    set_checkbox(driver, "note-shared", True)
    press(driver, "Save note")
    wait_for_path(driver, lambda p: p == mentorship_path, "back on the mentorship after the shared note")
    notes = section_text(driver, "notes-title")
    assert private_note in notes and "Private: only you can see this" in notes, notes
    assert shared_note in notes and "Shared by you" in notes, notes
    shot(driver, "meetings-08-messages-and-notes")
    axe_check(driver, "mentorship-messages-notes")
    sign_out(driver)

    sign_in(driver, base_url, mentor_email, mentor_password)
    wait_for_path(driver, lambda p: p == "/", "/ after the mentor signs in")
    go(driver, base_url, mentorship_path)
    assert message in section_text(driver, "messages-title"), "the mentor should read the mentee's message"
    notes = section_text(driver, "notes-title")
    assert shared_note in notes and f"Shared by {mentee_name}" in notes, notes
    assert private_note not in driver.page_source, "the mentee's private note leaked to the mentor"
    assert "PRIVATE:" not in driver.page_source
    go(driver, base_url, meeting_2_path)
    assert private_note not in driver.page_source
    sign_out(driver)

    # -- 8. The mentee's private calendar feed ------------------------------------------------
    sign_in(driver, base_url, mentee_email, mentee_password)
    wait_for_path(driver, lambda p: p == "/", "/ after the mentee signs in")
    go(driver, base_url, "/settings")
    press(driver, "Make a calendar feed")
    wait_for_path(driver, lambda p: p.startswith("/settings"), "settings with the new feed")
    feed_url = driver.find_element(By.CSS_SELECTOR, ".feed-url").text.strip()
    assert re.match(r"https?://", feed_url) and feed_url.endswith(".ics"), f"feed URL {feed_url!r}"
    shot(driver, "meetings-09-calendar-feed")
    axe_check(driver, "settings-calendar-feed")
    fetch_url = feed_url  # exactly what a calendar app would be given
    r = requests.get(fetch_url, timeout=15, allow_redirects=False)
    assert r.status_code == 200, f"GET {fetch_url} (no cookies) -> {r.status_code}: {r.text[:300]!r}"
    cal = parse_ics(r.content, "the calendar feed")
    uids = {str(e.get("UID")) for e in vevents(cal)}
    assert f"{meeting_1}@ithaca" in uids and f"{meeting_2}@ithaca" in uids, f"feed UIDs {uids}"
    texts = " ".join(str(e.get(k, "")) for e in vevents(cal) for k in ("SUMMARY", "DESCRIPTION", "LOCATION"))
    assert agenda_1 in texts and agenda_2 in texts, f"the feed should carry both agendas: {texts[:400]!r}"
    unfolded = re.sub(r"\r?\n[ \t]", "", r.content.decode("utf-8", "replace"))  # the raw document, unfolded
    for note in (private_note, shared_note):
        assert note not in texts and note not in unfolded, f"note text in the calendar feed: {note!r}"
    assert "PRIVATE:" not in unfolded and "SHARED:" not in unfolded, "note text in the calendar feed"

    go(driver, base_url, "/settings")
    assert "Your current feed was made" in section_text(driver, "calendar-title")
    assert not driver.find_elements(By.CSS_SELECTOR, ".feed-url"), "the feed address is shown only once"
    press(driver, "Revoke the feed")
    wait_for_path(driver, lambda p: p == "/settings", "settings after revoking the feed")
    assert_flash(driver, "Calendar feed revoked.")
    assert "Make a calendar feed" in section_text(driver, "calendar-title")
    r = requests.get(fetch_url, timeout=15, allow_redirects=False)
    assert r.status_code == 404, f"the revoked feed {fetch_url} -> {r.status_code}, expected 404"
    shot(driver, "meetings-10-feed-revoked")
    assert path_of(driver) == "/settings"
