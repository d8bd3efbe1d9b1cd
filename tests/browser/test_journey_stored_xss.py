"""Stored XSS: one corpus of hostile texts written into every user-text field, then every page that shows them opened
in Chromium. No payload may run, and no `on*` attribute, unsafe URL or injected active element may reach the DOM.

The corpus (`CORPUS`, one list) holds script tags, event attributes, `javascript:`, `vbscript:` and `data:` URLs raw
and as Markdown links, images, autolinks and references (mixed case, entity- and tab-obfuscated, angle-bracketed),
`<a href>`, `<iframe srcdoc>`, `<object>`, `<form action>`, SVG (`onload`, `<script>` inside, `xlink:href`),
attribute breakouts (`">` and `'`), `</textarea>`, `<style>`, `<base href>`, `<meta http-equiv=refresh>`,
`<details ontoggle>`, nested and mutation tricks, template syntax, and Unicode bidi controls (U+202E, U+2066-2069).
Every payload that runs sets `self.xssRan`; `alert`, `confirm`, `prompt` and `print` are hooked to do the same.
Chromium is told to ignore the Content-Security-Policy, so the test proves the escaping itself, not the CSP behind it.

Each field gets a token (`zq<field><run>`) followed by as many payloads as its length limit allows, each field
starting at a different payload, so the short fields together carry the whole corpus and the long ones carry all of
it. Each page must show the tokens of the fields it displays (proof the text was shown, not dropped or blank), and
every payload must be shown by some page.

Written through the forms (Chromium, or `requests` posting the page's form with its CSRF token):
  sign-up (name); the mentee's profile in Chromium (name, pronouns, headline, bio, organisation, team, job title,
  languages, skills offered and wanted, goals, strengths, areas to grow, gender; first a refused submission, whose
  error page echoes every value back); a mentorship request (goal, message); a shared note; a community question
  (title, details, tags); an answer.
Written through the JSON API: account name (POST /api/v1/accounts), API token label, the mentor's whole profile,
  request goals and messages, ask-more question and reply, decline reason, request report reason, agreement
  objectives and confidentiality terms, meeting agendas, action item, open question, meeting note, feedback comments
  (both sides), private and shared notes, messages, goal and milestones, introduction note, endorsement, end reason,
  retrospectives (both sides), an answer hidden by the admin and the hiding reason, question and answer comments, a
  content report reason, resources (title, description, tags) and a review, an event (title, description, place), a
  circle (name, goal, plan, meeting agenda and place, message, note), a learning path (title, goal, description), a
  challenge (title, description, check-in note), a program (name, description) and an enrolment (goals, skills),
  a space (name, description).
Not written: availability exceptions (dates), program CSV imports and invitations, site and circle invitations (email
  addresses and names that no page shows back), and the OpenID sign-in (names come from the provider). Some texts
  are written but shown by no page once their request moves on (the message of an accepted or declined request).
The API's own HTML (`bioHtml`, `bodyHtml`, `descriptionHtml`, search `titleHtml` and `excerptHtml`) is inserted
with innerHTML, as an API client would, and checked the same way.

Bidi controls: Ithaca stores and shows them as text and does not isolate them (no <bdi> or dir="auto"), so the test
checks what is promised: the exact text, controls included, is in the page as inert text, never in a URL attribute.

Needs ITHACA_BROWSER_DB (the server's SQLite file, as test_journey_meetings does) to move one meeting into the past,
so that it can be marked held and given feedback.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import re
import secrets
import time
import urllib.parse

import requests

from helpers import (ADMIN_EMAIL, DEMO_PASSWORD, browser_like_session, el, go, passphrase, press, set_value_js, shot,
                     submit_form, unique_email, wait_for_path)
from test_journey_meetings import browser_db, shift_meeting_into_the_past

# --------------------------------------------------------------------------- the corpus
# `§js` is the code a payload runs (it sets self.xssRan to the payload's number), `§m` the payload's visible marker.
# No payload uses `_` or `*`: Markdown emphasis would change it before it was tested.
# The third element marks payloads that need line breaks (they go only into multi-line fields).
CORPUS: list[tuple[int, str, bool]] = [
    (1, "<script>§js</script>§m", False),
    (2, "<img src=x onerror=§js>§m", False),
    (3, "<svg onload=§js>§m", False),
    (4, "<svg><script>§js</script></svg>§m", False),
    (5, "javascript:§js §m", False),
    (6, "data:text/html;base64,PHNjcmlwdD5wYXJlbnQueHNzUmFuPTY8L3NjcmlwdD4= §m", False),
    (7, "[§m](javascript:§js)", False),
    (8, "[§m](JaVaScRiPt:§js)", False),
    (9, "[§m](&#106;avascript:§js)", False),
    (10, "[§m](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=)", False),
    (11, "<a href=\"javascript:§js\">§m</a>", False),
    (12, "<iframe srcdoc=\"<script>parent.xssRan=12</script>\"></iframe>§m", False),
    (13, "\"><img src=x onerror=§js>§m", False),
    (14, "' autofocus onfocus='§js' x=' §m", False),
    (15, "</textarea><script>§js</script>§m", False),
    (16, "<style>body{background:url(\"javascript:§js\")}</style>§m", False),
    (17, "<base href=\"javascript:§js//\">§m", False),
    (18, "<meta http-equiv=\"refresh\" content=\"0;url=javascript:§js\">§m", False),
    (19, "<javascript:§js> §m", False),
    (20, "![§m](javascript:§js)", False),
    (21, "![§m](https://x.invalid/a.png\" onerror=\"§js)", False),
    (22, "[§m](https://example.org/\" onmouseover=\"§js)", False),
    (23, "[§m][r23]\n\n[r23]: javascript:§js", True),
    (24, "§m \u202etxt.exe \u2066evil\u2069 \u2067rtl\u2069 \u2068first\u2069", False),
    (25, "[§m \u202egro.elpmaxe](javascript:§js)", False),
    (26, "<a href=\"jav&#x09;ascript:§js\">§m</a>", False),
    (27, "[§m](java&#x09;script:§js)", False),
    (28, "<math><mtext><table><mglyph><style><img src=x onerror=§js>§m", False),
    (29, "<details open ontoggle=§js>§m", False),
    (30, "<object data=\"javascript:§js\"></object>§m", False),
    (31, "{{csrfToken}} {{{body}}} §m", False),
    (32, "<svg><a xlink:href=\"javascript:§js\"><text>§m</text></a></svg>", False),
    (33, "<form action=\"javascript:§js\"><button>§m</button></form>", False),
    (34, "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMzQpPg==\">§m", False),
    (35, "![§m](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMzUpPg==)", False),
    (36, "<noscript><p title=\"</noscript><img src=x onerror=§js>\">§m", False),
    (37, "&lt;script&gt;§js&lt;/script&gt; §m", False),
    (38, "%3Cscript%3E§js%3C/script%3E §m", False),
    (39, "[§m](<javascript:§js>)", False),
    (40, "[§m](vbscript:msgbox(40))", False),
    (41, "<scr<script>ipt>§js</script>§m", False),
    (42, "[§m](javascript&colon;§js)", False),
    (43, "`<script>§js</script>` §m", False),
    (44, "[§m](javascript:§js \"title\")", False),
    (45, "<a href=\"&#x6A;avascript:§js\">§m</a>", False),
    (46, "[§m](\u2028javascript:§js)", False),
]

BIDI_PAYLOAD = 24

# The fresh members, with their name's field code and first payload. Names land in headings, links, aria-labels and
# visually hidden button text, so they start with the attribute breakouts and the bidi text.
NAMES = {"mentee": ("nme", 13), "mentor": ("nmm", 14), "asked": ("nmc", 2), "decliner": ("nmd", 3),
         "ender": ("nmf", 29), "member": ("nmg", BIDI_PAYLOAD)}


class Corpus:
    """The corpus for one run: markers carry the run's tag, so only this run's texts count as shown."""

    def __init__(self, tag: str):
        self.tag = tag
        self._next_start = 0

    def marker(self, number: int) -> str:
        return f"zx{number:02d}{self.tag}"

    def token(self, code: str) -> str:
        return f"zq{code}{self.tag}"

    def payload(self, number: int) -> str:
        text = next(t for n, t, _ in CORPUS if n == number)
        return text.replace("§js", f"self.xssRan={number}").replace("§m", self.marker(number))

    def text(self, code: str, limit: int, multiline: bool = False, start: int | None = None) -> str:
        """The field's token, then payloads (from `start`, else the next unused offset) while they fit in `limit`."""
        usable = [n for n, _, needs_lines in CORPUS if multiline or not needs_lines]
        if start is None:
            first = self._next_start % len(usable)
            self._next_start += 7
        else:
            first = usable.index(start)
        separator = "\n\n" if multiline else " "
        out = self.token(code)
        for k in range(len(usable)):
            piece = self.payload(usable[(first + k) % len(usable)])
            if len(out) + len(separator) + len(piece) <= limit:
                out += separator + piece
        return out


# --------------------------------------------------------------------------- writing through the API and forms
class Member:
    """One person, signed in once. `post_form` submits a page's form as a browser would (Origin, CSRF token);
    `call` uses the JSON API on the same session (the CSRF cookie echoed in X-CSRF-Token, as the API allows)."""

    def __init__(self, base_url: str, key: str, email: str, password: str, web: requests.Session):
        self.base_url, self.key, self.email, self.password, self.web = base_url, key, email, password, web
        self.id = self.call("GET", "/api/v1/me")["id"].lower()

    def call(self, method: str, path: str, body: dict | None = None):
        headers = {"Accept": "application/json", "X-CSRF-Token": self.web.cookies.get("ithaca_csrf", "")}
        r = self.web.request(method, self.base_url + path, json=body, headers=headers, timeout=30)
        assert r.status_code in (200, 201, 204), f"{self.key}: {method} {path} answered {r.status_code}: {r.text[:500]}"
        return r.json() if r.content else None

    def post_form(self, page: str, button: str, by_id: dict) -> None:
        """Open `page`, fill the form holding `button` and submit it; the answer must be a redirect (saved)."""
        r = self.web.get(self.base_url + page, timeout=15)
        assert r.status_code == 200, f"{self.key}: GET {page} answered {r.status_code}"
        answer = submit_form(self.web, r.url, r.text, button, by_id, timeout=15)
        if answer.status_code not in (302, 303):
            problems = re.findall(r'class="field-error"[^>]*>(.*?)<', answer.text) or [answer.text[:300]]
            raise AssertionError(f"{self.key}: the {button!r} form on {page} answered {answer.status_code}: "
                                 f"{problems}")


def signed_in(base_url: str, key: str, email: str, password: str, name: str = "") -> Member:
    """Sign up through the form when a name is given (the account's name is then a form field), else sign in."""
    web = browser_like_session(base_url)
    if name:
        r = web.get(base_url + "/signup", timeout=15)
        r = submit_form(web, r.url, r.text, "Create account", {"name": name, "email": email, "password": password},
                        allow_redirects=True, timeout=30)
        assert urllib.parse.urlparse(r.url).path == "/profile/edit", f"{key}: sign-up ended at {r.url}"
    else:
        r = web.get(base_url + "/signin", timeout=15)
        r = submit_form(web, r.url, r.text, "Sign in", {"email": email, "password": password},
                        allow_redirects=True, timeout=30)
        assert urllib.parse.urlparse(r.url).path == "/", f"{key}: could not sign in ({r.url})"
    return Member(base_url, key, email, password, web)


def new_member(base_url: str, key: str, name: str, through_api: bool) -> Member:
    email, password = unique_email(f"xss-{key}"), passphrase()
    if not through_api:
        return signed_in(base_url, key, email, password, name)
    r = requests.post(base_url + "/api/v1/accounts", json={"email": email, "password": password, "name": name},
                      timeout=30)
    assert r.status_code == 201, f"creating {key} through the API answered {r.status_code}: {r.text[:300]}"
    return signed_in(base_url, key, email, password)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_world(base_url: str, db_path: str) -> tuple[Corpus, dict[str, Member], dict]:
    """Everyone writes the corpus into their fields; returns the corpus, the members and the ids of what they made."""
    c = Corpus(secrets.token_hex(3))
    t = c.text
    # Scrypt makes each sign-up slow (about a second in a debug build), so they run side by side.
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        futures = {key: pool.submit(new_member, base_url, key, t(code, 100, start=start), key == "ender")
                   for key, (code, start) in NAMES.items()}
        futures["admin"] = pool.submit(signed_in, base_url, "admin", ADMIN_EMAIL, DEMO_PASSWORD)
        members = {key: f.result() for key, f in futures.items()}
    mentee, mentor, asked, decliner, ender, member, admin = (members[k] for k in (
        "mentee", "mentor", "asked", "decliner", "ender", "member", "admin"))
    # An API token's label is shown on the settings page.
    r = requests.post(base_url + "/api/v1/tokens", timeout=30,
                      json={"email": mentee.email, "password": mentee.password, "label": t("tk", 59, start=1)})
    assert r.status_code == 201, f"creating a token answered {r.status_code}: {r.text[:300]}"

    # -- Profiles: mentors through the API (the mentee's goes through the browser form, in the test) -------------
    for m in (mentor, asked, decliner, ender):
        m.call("PATCH", "/api/v1/me", {"openToMentoring": True, "mentorCapacity": 3})
    mentor.call("PATCH", "/api/v1/me", {
        "pronouns": t("pnm", 40), "headline": t("hlm", 140), "bio": t("bim", 5_000, True),
        "organization": t("orm", 100), "team": t("tem", 100), "title": t("jtm", 100),
        "languages": [t("lam", 40)], "skillsOffered": [t("som", 50), t("so2m", 50)],
        "skillsWanted": [t("swm", 50)], "goals": t("gom", 2_000, True), "strengths": [t("stm", 80)],
        "areasToGrow": [t("agm", 80)], "gender": t("gem", 60)})

    # -- R1: mentee asks the mentor (API); accepted, agreement, meeting, notes, messages, goals ---------------------
    r1 = mentee.call("POST", "/api/v1/mentorship-requests", {
        "mentorId": mentor.id, "goal": t("rg1", 500, True), "focus": "leadership", "message": t("rm1", 2_000, True)})
    m1 = mentor.call("POST", f"/api/v1/mentorship-requests/{r1['id']}/accept")["id"].lower()
    agreement = mentor.call("PUT", f"/api/v1/mentorships/{m1}/agreement", {
        "objectives": [t("ob1", 500, True), t("ob2", 500, True)], "cadence": {"everyWeeks": 2, "minutes": 45},
        "endDate": (dt.date.today() + dt.timedelta(days=200)).isoformat(), "confidentiality": t("cf", 2_000, True)})
    version = agreement["agreement"]["version"]
    for m in (mentor, mentee):
        m.call("POST", f"/api/v1/mentorships/{m1}/agreement/acknowledge", {"version": version})
    mentor.call("PUT", "/api/v1/me/availability", {"timeZone": "UTC", "exceptions": [], "windows": [
        {"weekday": d, "start": "08:00", "end": "18:00"}
        for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")]})
    slots = mentee.call("GET", f"/api/v1/mentorships/{m1}/slots")["items"]
    assert len(slots) >= 2, f"the mentor should have free slots: {slots}"
    held = mentee.call("POST", f"/api/v1/mentorships/{m1}/meetings", {
        "start": slots[0]["start"], "durationMinutes": 30, "agenda": t("ag1", 2_000, True)})["id"].lower()
    upcoming = mentee.call("POST", f"/api/v1/mentorships/{m1}/meetings", {
        "start": slots[-1]["start"], "durationMinutes": 30, "agenda": t("ag2", 2_000, True)})["id"].lower()
    mentee.call("POST", f"/api/v1/meetings/{held}/items", {"kind": "actionItem", "text": t("ai", 500, True)})
    mentor.call("POST", f"/api/v1/meetings/{held}/items", {"kind": "openQuestion", "text": t("oq", 500, True)})
    mentee.call("POST", f"/api/v1/mentorships/{m1}/notes",
                {"body": t("mn", 5_000, True), "shared": True, "meetingId": held})
    shift_meeting_into_the_past(db_path, held)
    mentor.call("POST", f"/api/v1/meetings/{held}/outcome", {"outcome": "held"})
    mentee.call("POST", f"/api/v1/meetings/{held}/feedback", {"useful": 4, "comment": t("fbe", 1_000, True)})
    mentor.call("POST", f"/api/v1/meetings/{held}/feedback", {"useful": 5, "comment": t("fbm", 1_000, True)})
    mentee.call("POST", f"/api/v1/mentorships/{m1}/notes", {"body": t("pn", 5_000, True)})
    mentor.call("POST", f"/api/v1/mentorships/{m1}/notes", {"body": t("pnm2", 5_000, True)})
    mentor.call("POST", f"/api/v1/mentorships/{m1}/messages", {"body": t("msm", 5_000, True)})
    mentee.call("POST", f"/api/v1/mentorships/{m1}/messages", {"body": t("mse", 5_000, True)})
    mentee.call("POST", "/api/v1/me/goals", {
        "title": t("gt", 200), "milestones": [t("ms1", 200), t("ms2", 200)], "mentorshipId": m1})
    intro = mentor.call("POST", f"/api/v1/mentorships/{m1}/introductions",
                        {"memberId": member.id, "note": t("in", 1_000, True)})
    member.call("POST", f"/api/v1/introductions/{intro['id']}/accept")
    endorsement = mentor.call("POST", f"/api/v1/mentorships/{m1}/endorsements", {"text": t("en", 1_000, True)})
    mentee.call("POST", f"/api/v1/endorsements/{endorsement['id']}/approve")
    mentee.post_form(f"/mentorships/{m1}", "Save note", {"noteBody": t("sn", 5_000, True), "note-shared": True})

    # -- R2: through the ask form on the mentor's page; the mentor asks for more, the mentee replies (pending) ------
    mentee.post_form(f"/people/{asked.id}", "Ask for mentoring",
                     {"goal": t("rg2", 500, True), "focus": "careerMove", "message": t("rm2", 2_000, True)})
    r2 = next(r["id"] for r in mentee.call("GET", "/api/v1/mentorship-requests")["items"]
              if r["mentorId"].lower() == asked.id)
    asked.call("POST", f"/api/v1/mentorship-requests/{r2}/ask-more", {"question": t("aq", 1_000, True)})
    mentee.call("POST", f"/api/v1/mentorship-requests/{r2}/reply", {"reply": t("ar", 1_000, True)})

    # -- R3: declined with a reason; R4: reported with a reason; R5: accepted, ended, retrospectives -------------
    r3 = mentee.call("POST", "/api/v1/mentorship-requests", {
        "mentorId": decliner.id, "goal": t("rg3", 500, True), "focus": "communication",
        "message": t("rm3", 2_000, True)})
    decliner.call("POST", f"/api/v1/mentorship-requests/{r3['id']}/decline", {"reason": t("dr", 500, True)})
    r4 = member.call("POST", "/api/v1/mentorship-requests", {
        "mentorId": decliner.id, "goal": t("rg4", 500, True), "focus": "other", "message": t("rm4", 2_000, True)})
    decliner.call("POST", f"/api/v1/mentorship-requests/{r4['id']}/report", {"reason": t("rr", 1_000, True)})
    r5 = mentee.call("POST", "/api/v1/mentorship-requests", {
        "mentorId": ender.id, "goal": t("rg5", 500, True), "focus": "technicalSkill",
        "message": t("rm5", 2_000, True)})
    m5 = ender.call("POST", f"/api/v1/mentorship-requests/{r5['id']}/accept")["id"].lower()
    ender.call("POST", f"/api/v1/mentorships/{m5}/end", {"reason": t("er", 500, True)})
    for m, code in ((ender, "rtf"), (mentee, "rte")):
        m.call("POST", f"/api/v1/mentorships/{m5}/retrospectives", {
            "wentWell": t(code + "w", 2_000, True), "learned": t(code + "l", 2_000, True),
            "next": t(code + "n", 2_000, True)})

    # -- Community: a question and an answer through the forms, the rest through the API -------------------------
    for m in (mentee, mentor, member):
        m.call("POST", "/api/v1/spaces/general/join", {})
    mentee.post_form("/spaces/general", "Ask",
                     {"title": t("qt", 200), "body": t("qb", 20_000, True), "tags": t("qg", 30)})
    qid = next(q["id"] for q in mentee.call("GET", "/api/v1/spaces/general/questions?order=newest")["items"]
               if q["title"].startswith(c.token("qt"))).lower()
    mentor.post_form(f"/questions/{qid}", "Post your answer", {"body": t("an", 20_000, True)})
    answer = next(a for a in mentee.call("GET", f"/api/v1/questions/{qid}")["answers"]
                  if a["body"].startswith(c.token("an")))
    member.call("POST", f"/api/v1/answers/{answer['id']}/comments", {"body": t("acm", 1_000, True)})
    comment = member.call("POST", f"/api/v1/questions/{qid}/comments", {"body": t("qcm", 1_000, True)})
    mentee.call("POST", "/api/v1/reports", {"target": "comment", "id": comment["id"], "reason": t("cr", 500, True)})
    hidden = mentor.call("POST", f"/api/v1/questions/{qid}/answers", {"body": t("ha", 20_000, True)})
    admin.call("POST", "/api/v1/moderation/hide",
               {"target": "answer", "id": hidden["id"], "reason": t("hr", 500, True)})

    links = []
    for code, desc in (("rt", "rd"), ("rt2", "rd2")):
        links.append(mentor.call("POST", "/api/v1/resources", {
            "title": t(code, 150), "url": f"https://example.org/{code}", "description": t(desc, 2_000, True),
            "tags": [t(code + "g", 30)], "space": "general"})["id"].lower())
    mentee.call("POST", f"/api/v1/resources/{links[0]}/reviews", {"body": t("rv", 500, True)})
    path = mentor.call("POST", "/api/v1/learning-paths", {
        "title": t("lt", 150), "goal": t("lg", 300), "description": t("ld", 2_000, True), "steps": links})["id"].lower()
    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=5)
    event = mentor.call("POST", "/api/v1/events", {
        "title": t("et", 150), "description": t("ed", 4_000, True), "location": t("el", 300), "capacity": 10,
        "start": iso(start), "end": iso(start + dt.timedelta(hours=1))})["id"].lower()
    mentee.call("POST", f"/api/v1/events/{event}/rsvp")
    circle = mentor.call("POST", "/api/v1/circles", {
        "name": t("cn", 80), "goal": t("cg", 300), "plan": t("cp", 4_000, True), "kind": "cohort",
        "joinPolicy": "invitation"})["id"].lower()
    mentor.call("POST", f"/api/v1/circles/{circle}/invitations", {"email": mentee.email})
    mentee.call("POST", f"/api/v1/circles/{circle}/join")
    mentor.call("POST", f"/api/v1/circles/{circle}/meetings", {
        "agenda": t("ca", 2_000, True), "location": t("cl", 300), "start": iso(start + dt.timedelta(days=1)),
        "end": iso(start + dt.timedelta(days=1, hours=1))})
    mentor.call("POST", f"/api/v1/circles/{circle}/posts", {"kind": "message", "body": t("cm", 2_000, True)})
    mentor.call("POST", f"/api/v1/circles/{circle}/posts", {"kind": "note", "body": t("cno", 2_000, True)})
    challenge = mentor.call("POST", "/api/v1/challenges", {
        "title": t("cht", 120), "description": t("chd", 4_000, True), "startDate": dt.date.today().isoformat(),
        "lengthDays": 7})["id"].lower()
    mentor.call("POST", f"/api/v1/challenges/{challenge}/check-ins", {"note": t("ci", 500, True)})

    # -- Made by the site admin: a space and a program, which the mentee enrols in ---------------------------------
    space = admin.call("POST", "/api/v1/spaces", {"name": t("spn", 60), "description": t("spd", 500, True)})
    program = admin.call("POST", "/api/v1/programs", {
        "name": t("pgn", 120), "description": t("pgd", 4_000, True), "kind": "one_to_one",
        "startDate": dt.date.today().isoformat(), "endDate": (dt.date.today() + dt.timedelta(days=180)).isoformat(),
        "enrolmentOpen": True, "matchingMode": "self_serve"})["id"].lower()
    mentee.call("POST", f"/api/v1/programs/{program}/enrolments", {
        "role": "mentee", "goals": t("eg", 2_000, True), "skillsWanted": [t("esw", 50)]})
    return c, members, dict(m1=m1, m5=m5, held=held, upcoming=upcoming, question=qid, space=space["slug"],
                            program=program, path=path, event=event, circle=circle, challenge=challenge,
                            resource=links[0])


# --------------------------------------------------------------------------- looking in Chromium
# Runs before any page script: the dialogs a payload might call record a hit instead of blocking the page.
GUARD_JS = """
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  const hit = function () { self.xssRan = self.xssRan || name; };
  try { Object.defineProperty(window, name, {configurable: true, value: hit}); } catch (e) {}
}
"""

# Ithaca's pages have no script, frame, object, <style> or <base> of their own, and their only links to other
# resources are its stylesheet and icon; anything else of that kind on a page came from user text.
CHECK_JS = r"""
const problems = [];
// As a browser reads a URL: no controls or spaces (nor invisible format characters, to be safe), any case.
const clean = (v) => v.replace(
  /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g, '').toLowerCase();
const unsafeScheme = /^(javascript|vbscript|data|livescript|mocha):/;
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background',
  'srcset', 'imagesrcset', 'lowsrc', 'dynsrc', 'codebase', 'cite', 'ping', 'manifest', 'icon', 'longdesc', 'usemap',
  'to', 'from', 'values', 'by', 'xml:base']);
// Attributes whose value is shown or read out as text: the payload's words may be there, escaped.
const textAttributes = new Set(['value', 'alt', 'title', 'aria-label', 'aria-description', 'placeholder', 'label']);
const describe = (e) => '<' + e.tagName.toLowerCase()
  + [...e.attributes].map(a => ' ' + a.name + '="' + a.value.slice(0, 80) + '"').join('') + '>';
const injectedTags = ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'style', 'portal',
  'foreignobject', 'animate', 'set', 'handler', 'listener', 'template'];
for (const e of document.querySelectorAll('*')) {
  const tag = e.tagName.toLowerCase();
  if (injectedTags.includes(tag)) problems.push('injected element ' + describe(e));
  if (tag === 'link' && !['stylesheet', 'icon'].includes((e.getAttribute('rel') || '').toLowerCase())) {
    problems.push('unexpected <link> ' + describe(e));
  }
  if (tag === 'meta' && e.hasAttribute('http-equiv')) problems.push('injected <meta http-equiv> ' + describe(e));
  for (const a of e.attributes) {
    const name = a.name.toLowerCase();
    const value = clean(a.value);
    if (name.startsWith('on')) {
      problems.push('event attribute ' + name + ' on ' + describe(e));
    } else if (name === 'srcdoc') {
      problems.push('srcdoc on ' + describe(e));
    } else if (urlAttributes.has(name) || name.endsWith(':href')) {
      if (unsafeScheme.test(value) || a.value.includes('\u202e')) {
        problems.push('unsafe URL in ' + name + ' of ' + describe(e));
      }
    } else if (!textAttributes.has(name) && !name.startsWith('aria-')
               && (a.value.includes('xssRan') || unsafeScheme.test(value))) {
      problems.push('payload in attribute ' + name + ' of ' + describe(e));
    }
  }
}
const values = [...document.querySelectorAll('input, textarea')].map(e => e.value).join('\n');
return {ran: self.xssRan === undefined ? null : String(self.xssRan), problems: problems,
        text: (document.body ? document.body.innerText : '') + '\n' + values};
"""


def use_session(driver, base_url: str, member: Member) -> None:
    """Put the member's session cookies into Chromium (signing in again would cost a slow password hash). Through
    the DevTools protocol, so no page has to be open: a page without an icon makes Chromium fetch /favicon.ico,
    and the answer to that could set a CSRF cookie of its own after ours."""
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    for cookie in member.web.cookies:
        driver.execute_cdp_cmd("Network.setCookie", {"name": cookie.name, "value": cookie.value, "url": base_url + "/",
                                                     "httpOnly": True, "sameSite": "Lax"})


def inspect(driver, corpus: Corpus, what: str, codes: list[str], seen: set[int]) -> list[str]:
    """Everything wrong with the page now open: payloads that ran, dangerous markup, fields that were not shown.
    Adds the numbers of the payloads the page shows to `seen`."""
    time.sleep(0.1)  # an ontoggle or a refresh would fire a moment after the load
    found = driver.execute_script(CHECK_JS)
    problems = []
    seen.update(n for n, _, _ in CORPUS if corpus.marker(n) in found["text"])
    if found["ran"] is not None:
        problems.append(f"a payload ran (self.xssRan = {found['ran']})")
    problems += found["problems"][:10]
    text = found["text"]
    missing = [code for code in codes if corpus.token(code) not in text]
    if missing:
        problems.append(f"these fields are not shown: {missing}")
    bidi = corpus.payload(BIDI_PAYLOAD)
    if corpus.marker(BIDI_PAYLOAD) in text and bidi not in text:
        problems.append(f"the bidi text is not shown as it was written ({bidi!r})")
    if problems:
        shot(driver, f"stored-xss-{what}")
    return [f"{what}: {p}" for p in problems]


# The mentee's profile goes through the browser's own form: (control id, field code, limit, multi-line).
MENTEE_PROFILE = (("name", "nme", 100, False), ("pronouns", "pne", 40, False), ("headline", "hle", 140, False),
                  ("bio", "bie", 5_000, True), ("organization", "ore", 100, False), ("team", "tee", 100, False),
                  ("title", "jte", 100, False), ("languages", "lae", 40, False), ("skillsOffered", "soe", 50, False),
                  ("skillsWanted", "swe", 50, False), ("goals", "goe", 2_000, True), ("strengths", "ste", 80, False),
                  ("areasToGrow", "age", 80, False), ("gender", "gee", 60, False))
MENTOR_PROFILE = ["nmm", "pnm", "hlm", "bim", "orm", "tem", "jtm", "lam", "som", "so2m", "swm", "gom", "stm", "agm"]


def pages_to_open(c: Corpus, members: dict[str, Member], ids: dict) -> list[tuple[str, str, list[str]]]:
    """(viewer, path, fields the page must show): the owner's view and, where there is one, the other party's."""
    mentee, mentor = members["mentee"].id, members["mentor"].id
    own_profile = [code for _, code, _, _ in MENTEE_PROFILE if code != "gee"]  # gender is never shown
    retrospectives = [who + part for who in ("rte", "rtf") for part in "wln"]
    mentorship = ["ag2", "cf", "en", "gt", "in", "mn", "mse", "msm", "ob1", "ob2", "sn", "nmg"]
    meeting = ["ag1", "ai", "oq", "mn", "fbe", "fbm"]
    question = ["qt", "qb", "qg", "an", "acm", "qcm", "nmm", "nmg"]
    circle = ["cn", "cg", "cp", "ca", "cl", "cm"]
    return [
        ("mentee", "/", ["nme", "ag2"]),
        ("mentee", f"/people/{mentee}", own_profile + ["en", "qt"]),
        ("mentor", f"/people/{mentee}", own_profile + ["en"]),
        ("mentee", f"/people/{mentor}", MENTOR_PROFILE),
        ("mentor", "/profile/edit", MENTOR_PROFILE + ["gem"]),
        ("mentee", f"/people?q={c.token('nmm')}", ["nmm", "hlm", "jtm", "orm", "som"]),
        ("mentee", "/mentoring", ["aq", "ar", "dr", "rg1", "rg2", "rg3", "rg5", "ob1", "nmc", "nmd", "nmf", "nmm"]),
        ("mentor", "/mentoring", ["nme", "ob1"]),
        ("asked", "/mentoring", ["nme", "rg2", "rm2", "aq", "ar"]),
        ("member", "/mentoring", ["in", "rg4", "nmm"]),
        ("mentee", f"/mentorships/{ids['m1']}", mentorship + ["pn", "nmm"]),
        ("mentor", f"/mentorships/{ids['m1']}", mentorship + ["pnm2", "nme"]),
        ("mentee", f"/mentorships/{ids['m5']}", retrospectives + ["rg5", "nmf"]),
        ("ender", f"/mentorships/{ids['m5']}", retrospectives + ["rg5", "er", "nme"]),
        ("mentee", f"/meetings/{ids['held']}", meeting + ["nmm"]),
        ("mentor", f"/meetings/{ids['held']}", meeting + ["nme"]),
        ("mentee", f"/meetings/{ids['upcoming']}", ["ag2", "ai", "oq"]),
        ("mentee", "/goals", ["gt", "ms1", "ms2"]),
        ("mentee", "/notifications", ["aq", "dr", "qt", "rg3", "nmc", "nmd"]),
        ("mentor", "/notifications", ["hr", "qt", "rg1", "nme"]),
        ("decliner", "/notifications", ["rg3", "rg4", "nme", "nmg"]),
        ("mentee", "/settings", ["tk"]),
        ("mentee", "/spaces", ["spn", "spd"]),
        ("mentee", f"/spaces/{ids['space']}", ["spn", "spd"]),
        ("mentee", "/spaces/general", ["qt", "qg"]),
        ("mentee", f"/questions/{ids['question']}", question),
        ("mentor", f"/questions/{ids['question']}", question + ["ha", "hr"]),
        ("mentee", f"/search?q={c.token('qt')}", ["qt", "qb"]),
        ("admin", "/moderation", ["rr", "rg4", "rm4", "cr", "qcm"]),
        ("mentee", "/resources", ["rt", "rt2", "rtg", "rt2g", "nmm"]),
        ("mentee", f"/resources/{ids['resource']}", ["rt", "rd", "rtg", "rv", "nmm"]),
        ("mentee", "/paths", ["lt", "lg"]),
        ("mentee", f"/paths/{ids['path']}", ["lt", "lg", "ld", "rt", "rt2"]),
        ("mentee", "/events", ["et"]),
        ("mentee", f"/events/{ids['event']}", ["et", "ed", "el", "nmm"]),
        ("mentor", "/circles", ["cn", "cg"]),
        ("mentee", f"/circles/{ids['circle']}", circle + ["nmm"]),
        ("mentor", f"/circles/{ids['circle']}", circle + ["cno", "nme"]),
        ("mentee", "/challenges", ["cht"]),
        ("mentee", f"/challenges/{ids['challenge']}", ["cht", "chd", "ci", "nmm"]),
        ("mentee", "/programs", ["pgn"]),
        ("mentee", f"/programs/{ids['program']}", ["pgn", "pgd", "eg", "esw"]),
        ("admin", f"/programs/{ids['program']}/admin", ["pgn", "esw", "nme"]),
        ("admin", "/admin/audit", ["pgn", "spn"]),
        ("mentee", f"/lineage?person={mentee}", ["nme", "nmm"]),
    ]


def test_stored_xss_corpus_stays_inert_on_every_page(driver, base_url):
    started = time.monotonic()
    corpus, members, ids = build_world(base_url, browser_db())
    written = time.monotonic()
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": GUARD_JS})
    problems: list[str] = []
    seen: set[int] = set()  # the payloads some page showed

    # -- The mentee's profile through the browser: first refused (a tenure start in the future), which echoes every
    #    typed value back into the form, then saved.
    mentee = members["mentee"]
    use_session(driver, base_url, mentee)
    go(driver, base_url, "/profile/edit")
    for control, code, limit, multiline in MENTEE_PROFILE:
        start = NAMES["mentee"][1] if control == "name" else None  # the name it signed up with
        set_value_js(driver, control, corpus.text(code, limit, multiline, start))
    set_value_js(driver, "tenureStart", "2099-06-01")
    driver.execute_script("for (const f of document.forms) { f.noValidate = true; }")
    press(driver, "Save profile")
    assert el(driver, "tenureStart-error").text.strip(), "the future tenure start should have been refused"
    profile_codes = [code for _, code, _, _ in MENTEE_PROFILE]
    problems += inspect(driver, corpus, "profile-form-refused", profile_codes, seen)
    set_value_js(driver, "tenureStart", "")
    press(driver, "Save profile")
    wait_for_path(driver, lambda p: p == f"/people/{mentee.id}", "the mentee's profile after saving")
    go(driver, base_url, "/profile/edit")
    problems += inspect(driver, corpus, "profile-form-saved", profile_codes, seen)

    # -- Every page that shows the texts, as each person who may see it.
    viewer = "mentee"
    opened = 2
    for who, path, codes in pages_to_open(corpus, members, ids):
        if who != viewer:
            use_session(driver, base_url, members[who])
            viewer = who
        go(driver, base_url, path)
        opened += 1
        problems += inspect(driver, corpus, f"{who}-{path}", codes, seen)

    # -- The API's own HTML (bioHtml, bodyHtml, descriptionHtml, titleHtml, excerptHtml), inserted with innerHTML as
    #    a client of the API would insert it.
    fragments = api_html(mentee, corpus, ids, members["mentor"].id)
    driver.execute_script("document.querySelector('main').innerHTML = arguments[0];", "\n".join(fragments))
    problems += inspect(driver, corpus, "api-html-fields", ["bim", "qb", "an", "cm", "chd", "qt"], set())

    unseen = [n for n, _, _ in CORPUS if n not in seen]
    print(f"\nstored XSS: {len(CORPUS)} payloads written in {written - started:.1f} s, {opened} pages checked in "
          f"{time.monotonic() - written:.1f} s")
    assert not unseen, f"payloads never shown on any page (dropped, or the test writes them nowhere): {unseen}"
    assert not problems, f"{len(problems)} problem(s) with stored user text:\n" + "\n".join(problems)


def api_html(member: Member, corpus: Corpus, ids: dict, mentor: str) -> list[str]:
    """Every `...Html` value in the API's answers about what the corpus was written into."""
    answers = [member.call("GET", path) for path in (
        f"/api/v1/people/{mentor}", f"/api/v1/questions/{ids['question']}", f"/api/v1/challenges/{ids['challenge']}",
        f"/api/v1/circles/{ids['circle']}/posts?kind=message", f"/api/v1/search?q={corpus.token('qt')}")]
    found: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key.endswith("Html") and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(answers)
    return found
