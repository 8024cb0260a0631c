"""The console's shell in Chromium: sign in per role, register, password feedback, sign out, the transparent token
refresh, the collapsed navigation at phone width, and the keyboard path."""

from __future__ import annotations

import time
from typing import Any

import httpx
import jwt
import pytest

from tests.browser.conftest import DEMO_PASSWORD, Console, shot
from tests.conftest import login

STRONG_PASSWORD = "violet-harbour-tandem-41"


@pytest.mark.parametrize("role", ["candidate", "recruiter", "admin"])
def test_each_demo_role_signs_in_and_sees_its_navigation(console: Console, demo: Any, role: str) -> None:
    console.sign_in(f"{role}@example.com")

    page = console.page
    assert page.url.endswith(f"#/{role}")
    assert console.heading() == "Your home"
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_text(f"{role}@example.com ({role})").is_visible()
    assert nav.get_by_role("link", name="Home").get_attribute("href") == f"#/{role}"
    assert nav.get_by_role("link", name="Account").is_visible()
    assert nav.get_by_role("link", name="Sign in").count() == 0
    shot(page, f"shell-{role}-home")


def test_a_role_page_of_another_role_says_so(console: Console, demo: Any) -> None:
    console.sign_in("candidate@example.com")
    console.goto("/admin")

    assert console.heading() == "Not available"
    assert "for the admin role" in console.page.locator("#content").inner_text()


def test_a_new_candidate_registers_in_the_demo_organisation(console: Console, demo: Any, http: httpx.Client) -> None:
    console.goto("/register")
    form = console.page.get_by_role("form", name="Register")
    form.get_by_label("Organisation").fill("demo")
    form.get_by_label("Full name").fill("Ada Lovelace")
    form.get_by_label("Email").fill("ada@example.org")
    form.get_by_label("Password").fill(STRONG_PASSWORD)
    shot(console.page, "shell-register")
    form.get_by_role("button", name="Create account").click()

    console.page.get_by_text("Signed in as ada@example.org (candidate).").wait_for()
    assert console.page.url.endswith("#/candidate")
    me = http.get("/api/me", headers=login(http, "ada@example.org", STRONG_PASSWORD)).json()
    assert me["role"] == "candidate" and me["tenant_id"] == str(demo.tenant_id)


def test_a_weak_password_shows_the_api_feedback_next_to_the_field(
    console: Console, demo: Any, http: httpx.Client
) -> None:
    console.goto("/register")
    form = console.page.get_by_role("form", name="Register")
    form.get_by_label("Organisation").fill("demo")
    form.get_by_label("Email").fill("weak@example.org")
    form.get_by_label("Password").fill("password1")
    form.get_by_role("button", name="Create account").click()

    field_error = form.locator('[data-field="password"] .field-error')
    field_error.wait_for()
    weak = {"tenant": "demo", "email": "weak2@example.org", "password": "password1"}
    api = http.post("/api/auth/register", json=weak)
    assert api.status_code == 422 and api.json()["error"]["code"] == "weak_password"
    assert field_error.inner_text() == api.json()["error"]["message"]
    assert form.get_by_label("Password").get_attribute("aria-invalid") == "true"
    assert "weak_password" in console.messages()
    shot(console.page, "shell-register-weak-password")


def test_a_wrong_password_is_reported_in_the_live_region(console: Console, demo: Any) -> None:
    console.goto("/signin")
    form = console.page.get_by_role("form", name="Sign in")
    form.get_by_label("Email").fill("candidate@example.com")
    form.get_by_label("Password").fill("not-the-password")
    form.get_by_role("button", name="Sign in").click()

    alert = console.page.locator("#messages [role=alert]")
    alert.wait_for()
    assert "unauthenticated" in alert.inner_text()
    assert console.page.locator("#messages").get_attribute("aria-live") == "polite"
    shot(console.page, "shell-signin-error")


def test_sign_out_ends_the_session_on_the_server(console: Console, demo: Any, http: httpx.Client) -> None:
    console.sign_in("recruiter@example.com")
    refresh_token = console.page.evaluate("sessionStorage.getItem('hiring.refresh')")
    assert refresh_token

    console.page.get_by_role("button", name="Sign out").click()

    console.page.get_by_role("form", name="Sign in").wait_for()
    assert console.page.evaluate("sessionStorage.getItem('hiring.refresh')") is None
    assert http.post("/api/auth/refresh", json={"refresh_token": refresh_token}).status_code == 401
    console.goto("/account")
    console.page.get_by_role("form", name="Sign in").wait_for()
    assert "next=%2Faccount" in console.page.url


def test_an_expired_access_token_is_refreshed_and_the_form_still_submits(
    console: Console, demo: Any, http: httpx.Client, settings: Any
) -> None:
    """The first save goes out with the same session's token, expired: the API answers 401, the console trades
    its refresh token once and sends the save again; the text typed into the form is kept."""
    console.sign_in("candidate@example.com")
    page = console.page
    form = page.get_by_role("form", name="Desired roles")
    form.wait_for()  # the home page has read the roles
    seen: list[tuple[str, str]] = []

    def record(response: Any) -> None:
        if response.request.method != "GET" and response.url.endswith(("/api/me/roles", "/api/auth/refresh")):
            seen.append((f"{response.request.method} {response.url.rsplit('/api', 1)[1]}", str(response.status)))

    page.on("response", record)

    def expire_once(route: Any) -> None:
        if route.request.method != "PUT" or any(s.startswith("PUT") for s, _ in seen):
            route.continue_()
            return
        token = route.request.headers["authorization"].removeprefix("Bearer ")
        claims = jwt.decode(token, options={"verify_signature": False})
        claims["iat"], claims["exp"] = int(time.time()) - 120, int(time.time()) - 60
        expired = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
        route.continue_(headers={**route.request.headers, "authorization": f"Bearer {expired}"})

    page.route("**/api/me/roles", expire_once)
    form.get_by_label("Desired roles").fill("Data Engineer, Backend Engineer")
    form.get_by_role("button", name="Save roles").click()

    page.get_by_text("Saved 2 roles.").wait_for()
    assert seen == [("PUT /me/roles", "401"), ("POST /auth/refresh", "200"), ("PUT /me/roles", "200")]
    assert form.get_by_label("Desired roles").input_value() == "Data Engineer, Backend Engineer"
    roles = http.get("/api/me/roles", headers=login(http, "candidate@example.com")).json()["roles"]
    assert [r["title"] for r in roles] == ["Data Engineer", "Backend Engineer"]


def test_a_failed_refresh_returns_to_sign_in_and_back_to_the_page(
    console: Console, demo: Any, http: httpx.Client
) -> None:
    console.sign_in("admin@example.com")
    refresh_token = console.page.evaluate("sessionStorage.getItem('hiring.refresh')")
    assert http.post("/api/auth/logout", json={"refresh_token": refresh_token}).status_code == 204

    console.page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()

    console.page.get_by_text("Your session has ended; sign in again.").wait_for()
    assert "next=%2Faccount" in console.page.url
    form = console.page.get_by_role("form", name="Sign in")
    form.get_by_label("Email").fill("admin@example.com")
    form.get_by_label("Password").fill(DEMO_PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    console.page.locator("#account-email").wait_for()
    assert console.page.url.endswith("#/account")
    assert console.page.locator("#account-email").inner_text() == "admin@example.com"


def test_at_phone_width_the_navigation_collapses_behind_a_menu_button(console: Console, demo: Any) -> None:
    page = console.page
    page.set_viewport_size({"width": 375, "height": 740})
    console.sign_in("candidate@example.com")
    nav = page.get_by_role("navigation", name="Main")
    menu = nav.get_by_role("button", name="Menu")

    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
    assert not nav.get_by_role("link", name="Account").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "shell-phone-collapsed")

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert nav.get_by_role("link", name="Account").is_visible()
    shot(page, "shell-phone-menu-open")


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_the_heading(console: Console) -> None:
    console.goto("/signin")
    page = console.page

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "page-title"


def test_navigation_moves_focus_to_the_new_page_heading(console: Console) -> None:
    console.goto("/signin")
    console.page.get_by_role("navigation", name="Main").get_by_role("link", name="Register").click()

    console.page.wait_for_function("document.activeElement && document.activeElement.id === 'page-title'")
    assert console.heading() == "Create a candidate account"
    assert console.page.title() == "Create a candidate account · Hiring console"
