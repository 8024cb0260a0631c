"""Tenants, users, passwords (argon2id, zxcvbn policy), JWT access tokens bound to sessions, rotating refresh
tokens, and throttled logins, sign-ups and registrations. The rules live here and each method opens its own
transaction; every statement they run is in hiring.stores.identity."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import re
import secrets
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hiring.adapters.postgres import Connection, Database
from hiring.errors import Conflict, InvalidInput, NotFound, RateLimited, Unauthenticated
from hiring.observability import logger
from hiring.principal import Principal, Role
from hiring.stores import identity as store
from hiring.stores.audit import record_audit
from hiring.stores.sourcing_outreach import link_invitations

__all__ = [
    "IdentityService",
    "Principal",
    "Role",
    "SecurityEvent",
    "ThrottlePolicy",
    "TokenPair",
    "UserState",
    "WeakPassword",
    "hash_password",
    "validate_password",
]


class WeakPassword(InvalidInput):
    """A password the policy refuses (422): too short, too long, or too easy to guess."""

    code = "weak_password"


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret


@dataclass(frozen=True)
class UserState:
    """An account as an admin sees it after enabling or disabling it."""

    id: str
    email: str
    role: Role
    disabled: bool


@dataclass(frozen=True)
class SecurityEvent:
    id: int
    user_id: str | None
    kind: str
    detail: dict[str, Any]
    created_at: dt.datetime


@dataclass(frozen=True)
class ThrottlePolicy:
    """Exponential delays after free failures, per key; a key's count starts again after a quiet window."""

    free_per_account: int = 5
    free_per_client: int = 20
    free_signups_per_client: int = 10
    base_delay_s: float = 1.0
    max_delay_s: float = 300.0
    window_s: float = 3600.0

    def delay_s(self, failures: int, free: int) -> float:
        """How long the next attempt waits after `failures` counted ones: nothing while fewer than `free` were
        counted, then base, 2 x base, 4 x base ... up to the cap (with 5 free: attempts 1-5 at once, the 6th
        1 s after the 5th, the 7th 2 s after the 6th ...)."""
        if failures < free:
            return 0.0
        return min(self.base_delay_s * 2.0 ** min(failures - free, 62), self.max_delay_s)


_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# A real hash to verify against when the email is unknown, so timing does not reveal which emails exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")
_JWT_ALGORITHM = "HS256"
_ISSUER = "hiring"
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 256
_ZXCVBN_MAX_LENGTH = 72  # zxcvbn's own bound: its cost grows fast with length; a longer password is scored on this
_WRONG = "email or password is wrong"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def validate_email(email: str) -> str:
    email = email.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise InvalidInput("email is not a valid address", field="email")
    return email


def validate_password(password: str, user_inputs: Iterable[str | None] = (), min_score: int = 3) -> None:
    """Refuse (WeakPassword) a password shorter than 10 or longer than 256 characters, or one zxcvbn scores below
    `min_score` given what it knows of the account (email, name, organisation), with zxcvbn's own feedback."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise WeakPassword(f"password must be at least {PASSWORD_MIN_LENGTH} characters", field="password")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise WeakPassword(f"password must be at most {PASSWORD_MAX_LENGTH} characters", field="password")
    from zxcvbn import zxcvbn  # only the API creates passwords; other functions never load the dictionaries

    words: list[str] = []
    for value in user_inputs:
        if value:
            words.append(value.lower())
            words.extend(w for w in re.split(r"[^a-z0-9]+", value.lower()) if len(w) >= 3)
    result = zxcvbn(password[:_ZXCVBN_MAX_LENGTH], user_inputs=words)
    if result["score"] < min_score:
        feedback = result.get("feedback") or {}
        parts = [feedback.get("warning") or "This password is too easy to guess."]
        parts.extend(feedback.get("suggestions") or [])
        raise WeakPassword(" ".join(p for p in parts if p), field="password", score=result["score"])


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _uuid_or_none(value: object) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class IdentityService:
    def __init__(
        self,
        db: Database,
        jwt_secret: str,
        access_ttl_s: int = 900,
        refresh_ttl_s: int = 14 * 24 * 3600,
        throttle: ThrottlePolicy | None = None,
        password_min_score: int = 3,
        clock: Callable[[], dt.datetime] = _now,
    ) -> None:
        if len(jwt_secret) < 32:
            raise ValueError("the JWT secret must be at least 32 characters")
        self.db = db
        self._secret = jwt_secret
        # The throttle's keys are HMACs under a pepper derived from the secret: no address or email in clear.
        self._pepper = hmac.new(jwt_secret.encode(), b"hiring login throttle", hashlib.sha256).digest()
        self.access_ttl_s = access_ttl_s
        self.refresh_ttl_s = refresh_ttl_s
        self.throttle = throttle or ThrottlePolicy()
        self.password_min_score = password_min_score
        self.clock = clock

    # --- tenants and users -------------------------------------------------------------------------

    def create_tenant(self, slug: str, name: str) -> str:
        _check_slug(slug)
        with self.db.connect() as conn:
            return self._insert_tenant(conn, slug, name)

    def sign_up(
        self, slug: str, name: str, admin_email: str, admin_password: str, client: str | None = None
    ) -> tuple[str, str]:
        """An organisation and its first admin, in one transaction: everything is checked before anything is
        written, and a refused admin leaves no tenant behind. Throttled per client address. (tenant id, user id)"""
        if client:
            self._charge([("signup-client", client, self.throttle.free_signups_per_client)], "signup_throttled")
        _check_slug(slug)
        email = validate_email(admin_email)
        validate_password(admin_password, (email, email.split("@")[0], slug, name), self.password_min_score)
        password_hash = hash_password(admin_password)
        with self.db.connect() as conn:
            tenant_id = self._insert_tenant(conn, slug, name)
            user_id = self._insert_user(conn, tenant_id, email, password_hash, Role.ADMIN, None)
            self._security_event(conn, tenant_id, user_id, "tenant_created", {"slug": slug})
            return tenant_id, user_id

    def tenant_id_for(self, slug_or_id: str) -> str:
        with self.db.connect() as conn:
            tenant_id = store.find_tenant_id(conn, slug_or_id)
        if tenant_id is None:
            raise NotFound(f"tenant {slug_or_id!r} does not exist")
        return tenant_id

    def register(
        self, tenant: str, email: str, password: str, full_name: str | None = None, client: str | None = None
    ) -> tuple[str, str]:
        """A candidate joins an organisation; throttled per client address. (tenant id, user id)"""
        if client:
            self._charge([("register-client", client, self.throttle.free_signups_per_client)], "register_throttled")
        tenant_id = self.tenant_id_for(tenant)
        return tenant_id, self.create_user(tenant_id, email, password, Role.CANDIDATE, full_name)

    def create_user(
        self,
        tenant_id: str,
        email: str,
        password: str,
        role: Role,
        full_name: str | None = None,
        actor: str | None = None,
    ) -> str:
        """A new account in one tenant; the same address may have an account in another tenant. actor: the admin
        who created it (the audit log's actor), else the new user themself (registration)."""
        email = validate_email(email)
        with self.db.connect() as conn:
            tenant = store.tenant(conn, tenant_id)
        if tenant is None:
            raise NotFound("tenant does not exist")
        inputs = (email, email.split("@")[0], full_name, tenant["slug"], tenant["name"])
        validate_password(password, inputs, self.password_min_score)
        password_hash = hash_password(password)
        with self.db.connect() as conn:
            return self._insert_user(conn, tenant_id, email, password_hash, role, full_name, actor)

    def ensure_user(self, tenant_id: str, email: str, password: str, role: Role) -> str:
        """Create the user, or reset its password and role and enable it if it exists (demo seeding). The
        password policy applies here too: a weak HIRING_DEMO_PASSWORD is refused with zxcvbn's feedback."""
        email = validate_email(email)
        validate_password(password, (email, email.split("@")[0]), self.password_min_score)
        with self.db.connect() as conn:
            return store.upsert_user(conn, tenant_id, email, hash_password(password), role)

    def set_disabled(self, admin: Principal, user_id: str, disabled: bool) -> UserState:
        """An admin disables (every session of the user ends at once) or enables an account of their tenant."""
        target = self._other_user(admin, user_id, "disable" if disabled else "enable")
        with self.db.connect() as conn:
            row = store.set_disabled(conn, admin.tenant_id, target, disabled)
            if row is None:
                raise NotFound("user not found")
            if disabled:
                store.revoke_user_sessions(conn, target)
            kind = "user_disabled" if disabled else "user_enabled"
            self._security_event(conn, admin.tenant_id, target, kind, {"by": admin.user_id})
            record_audit(conn, admin.tenant_id, admin.user_id, kind, "user", target)
            return UserState(target, row["email"], Role(row["role"]), row["disabled_at"] is not None)

    def delete_user(self, admin: Principal, user_id: str) -> None:
        """An admin deletes an account of their tenant; its tokens die with it."""
        target = self._other_user(admin, user_id, "delete")
        with self.db.connect() as conn:
            if not store.delete_user(conn, admin.tenant_id, target):
                raise NotFound("user not found")
            self._security_event(conn, admin.tenant_id, None, "user_deleted", {"user_id": target, "by": admin.user_id})
            record_audit(conn, admin.tenant_id, admin.user_id, "user_deleted", "user", target)

    # --- login, refresh, logout --------------------------------------------------------------------

    def login(self, email: str, password: str, tenant: str | None = None, client: str | None = None) -> TokenPair:
        """Tokens for the account with this email (in `tenant`, a slug, when given) and password.

        Throttled per account (the normalised email, whether an account has it or not) and per client address:
        a throttled attempt is refused (RateLimited, 429) before any password is checked, the same way for every
        email. A wrong password and an unknown email get the same 401 after the same work (one argon2 verify per
        account with that email, or one against a dummy hash). Without `tenant`, an email with accounts in several
        tenants is checked against each; the one whose password matches wins, two matches ask for the tenant.
        """
        email = email.strip().lower()
        keys = [("login-account", email, self.throttle.free_per_account)]
        if client:
            keys.append(("login-client", client, self.throttle.free_per_client))
        self._charge(keys, "login_throttled")
        with self.db.connect() as conn:
            accounts = store.accounts_by_email(conn, email, tenant)
        verified = [a for a in accounts if _verify(a["password_hash"], password)]  # every account: same work
        if not accounts:
            _verify(_DUMMY_HASH, password)
        usable = [a for a in verified if a["disabled_at"] is None]
        if len(usable) > 1:
            self._refund(keys)  # the password was right: no penalty
            with self.db.connect() as conn:
                self._security_event(conn, None, None, "login_ambiguous", {"tenants": len(usable)})
            raise Unauthenticated(
                'this email has accounts in several organisations; say which one with "tenant"', field="tenant"
            )
        if not usable:
            with self.db.connect() as conn:
                if not accounts:
                    self._security_event(conn, None, None, "login_unknown_email", {})
                for account in accounts:
                    kind = "login_disabled" if account in verified else "login_failed"
                    self._security_event(conn, str(account["tenant_id"]), str(account["id"]), kind, {})
            raise Unauthenticated(_WRONG)
        user = usable[0]
        tenant_id, user_id = str(user["tenant_id"]), str(user["id"])
        self._refund(keys)
        with self.db.connect() as conn:
            rehashed = hash_password(password) if _hasher.check_needs_rehash(user["password_hash"]) else None
            store.record_login(conn, user_id, rehashed)
            principal = Principal(user_id, tenant_id, Role(user["role"]), user["email"])
            return self._issue(conn, principal, family_id=str(uuid.uuid4()))

    def refresh(self, refresh_token: str) -> TokenPair:
        """Trade a refresh token for a new pair; a reused (already rotated) token revokes its whole family."""
        now = dt.datetime.now(dt.UTC)
        with self.db.connect() as conn:
            row = store.refresh_token_for_update(conn, _token_hash(refresh_token))
            if row is None:
                raise Unauthenticated("refresh token is not valid")
            if row["revoked_at"] is not None:
                store.revoke_family(conn, row["family_id"])
                self._security_event(conn, str(row["tenant_id"]), str(row["user_id"]), "refresh_token_reuse", {})
                conn.commit()
                raise Unauthenticated("refresh token was already used; all sessions from it are revoked")
            if row["expires_at"] <= now:
                raise Unauthenticated("refresh token has expired")
            if row["disabled_at"] is not None:
                raise Unauthenticated("refresh token is not valid")
            principal = Principal(str(row["user_id"]), str(row["tenant_id"]), Role(row["role"]), row["email"])
            pair = self._issue(conn, principal, family_id=str(row["family_id"]))
            store.mark_rotated(conn, row["id"], _token_hash(pair.refresh_token))
            return pair

    def logout(self, refresh_token: str | None = None, access_token: str | None = None) -> None:
        """End the session of a refresh token and/or of a bearer access token: its refresh tokens are revoked and
        its access tokens are refused from now on. An unknown refresh token is a no-op, as before; a bearer token
        that is not valid is refused (401) unless a refresh token came with it."""
        if refresh_token is None and access_token is None:
            raise Unauthenticated("a refresh token or a bearer access token is required")
        session = None
        if access_token is not None:
            try:
                claims = self._claims(access_token, verify_exp=False)  # an expired token may still end its session
                session = (claims["sid"], claims["sub"])
            except Unauthenticated:
                if refresh_token is None:
                    raise
        with self.db.connect() as conn:
            ended = []
            if refresh_token is not None:
                ended += store.revoke_family_of_token(conn, _token_hash(refresh_token))
            if session is not None:
                ended += store.revoke_session(conn, *session)
            for tenant_id, user_id in {(str(r["tenant_id"]), str(r["user_id"])) for r in ended}:
                self._security_event(conn, tenant_id, user_id, "logout", {})

    def authenticate(self, access_token: str) -> Principal:
        """The caller of a well-signed, unexpired access token whose user exists, is not disabled, and whose
        session is live: one indexed query (the user by primary key, its session by refresh-token family)."""
        claims = self._claims(access_token, verify_exp=True)
        with self.db.connect() as conn:
            row = store.live_user(conn, claims["sub"], claims["tid"], claims["sid"])
        if row is None:
            raise Unauthenticated("the session has ended; log in again")
        return Principal(claims["sub"], claims["tid"], Role(row["role"]), row["email"])

    # --- internals ---------------------------------------------------------------------------------

    def _claims(self, access_token: str, verify_exp: bool) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                access_token,
                self._secret,
                algorithms=[_JWT_ALGORITHM],
                issuer=_ISSUER,
                options={"require": ["exp", "iat", "sub", "tid", "role", "sid"], "verify_exp": verify_exp},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("access token has expired") from exc
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated("access token is not valid") from exc
        ids = [_uuid_or_none(claims[k]) for k in ("sub", "tid", "sid")]
        if None in ids or claims["role"] not in {r.value for r in Role}:
            raise Unauthenticated("access token is not valid")
        claims["sub"], claims["tid"], claims["sid"] = ids
        return claims

    def _other_user(self, admin: Principal, user_id: str, action: str) -> str:
        target = _uuid_or_none(user_id)
        if target is None:
            raise NotFound("user not found")
        if target == admin.user_id:
            raise InvalidInput(f"an admin cannot {action} their own account", field="user_id")
        return target

    def _key(self, scope: str, value: str) -> str:
        return hmac.new(self._pepper, f"{scope}\x00{value}".encode(), hashlib.sha256).hexdigest()

    def _charge(self, keys: Sequence[tuple[str, str, int]], event: str) -> None:
        """Count one attempt against every key, or refuse it (RateLimited) when any key must still wait.

        The count is taken before the attempt is judged (and given back on success), under the rows' locks, so
        concurrent attempts cannot slip through together. A refused attempt counts for nothing.
        """
        now = self.clock()
        window = dt.timedelta(seconds=self.throttle.window_s)
        hashed = sorted((self._key(scope, value), free) for scope, value, free in keys)
        wait = 0.0
        with self.db.connect() as conn:
            rows = store.lock_throttle_keys(conn, [h for h, _ in hashed], now)
            for key_hash, free in hashed:
                row = rows[key_hash]
                stale = row["updated_at"] < now - window
                failures = 1 if stale else row["failures"] + 1
                if not stale and row["next_allowed_at"] > now:
                    wait = max(wait, (row["next_allowed_at"] - now).total_seconds())
                    continue
                next_allowed = now + dt.timedelta(seconds=self.throttle.delay_s(failures, free))
                store.set_throttle(conn, key_hash, failures, next_allowed, now)
            if wait > 0:
                conn.rollback()  # a refused attempt changes no counter
                retry_after = max(1, math.ceil(wait))
                self._security_event(conn, None, None, event, {"retry_after_s": retry_after})
                conn.commit()
                raise RateLimited(f"too many attempts; try again in {retry_after} s", retry_after_s=retry_after)
            # Counters quiet for a whole window are forgotten (a few at a time, by the updated_at index).
            store.forget_quiet_throttles(conn, now - window)

    def _refund(self, keys: Sequence[tuple[str, str, int]]) -> None:
        """A successful login: the account's counter starts again; the client's gives back this attempt."""
        with self.db.connect() as conn:
            for scope, value, free in keys:
                key_hash = self._key(scope, value)
                if scope == "login-account":
                    store.delete_throttle(conn, key_hash)
                    continue
                row = store.throttle_for_update(conn, key_hash)
                if row is None:
                    continue
                failures = max(row["failures"] - 1, 0)
                delay = dt.timedelta(seconds=self.throttle.delay_s(failures, free))
                store.lower_throttle(conn, key_hash, failures, row["updated_at"] + delay)

    @staticmethod
    def _insert_tenant(conn: Connection, slug: str, name: str) -> str:
        tenant_id = store.insert_tenant(conn, slug, name)
        if tenant_id is None:
            raise Conflict(f"tenant {slug!r} already exists", field="tenant")
        return tenant_id

    def _insert_user(
        self,
        conn: Connection,
        tenant_id: str,
        email: str,
        password_hash: str,
        role: Role,
        full_name: str | None,
        actor: str | None = None,
    ) -> str:
        user_id = store.insert_user(conn, tenant_id, email, password_hash, role, full_name)
        if user_id is None:  # only within this tenant: other tenants' accounts are never looked at
            raise Conflict("an account with this email already exists in this organisation", field="email")
        self._security_event(conn, tenant_id, user_id, "user_created", {"role": role.value})
        record_audit(conn, tenant_id, actor or user_id, "user_created", "user", user_id, {"role": role.value})
        if role is Role.CANDIDATE:  # a sourced prospect who consented and was invited becomes this candidate
            for prospect_id in link_invitations(conn, tenant_id, email, user_id):
                record_audit(conn, tenant_id, actor or user_id, "prospect_conversion_linked", "prospect", prospect_id)
        return user_id

    def _issue(self, conn: Connection, principal: Principal, family_id: str) -> TokenPair:
        now = dt.datetime.now(dt.UTC)
        access = jwt.encode(
            {
                "sub": principal.user_id,
                "tid": principal.tenant_id,
                "sid": family_id,  # the session: logout revokes it, and with it this token
                "role": principal.role.value,
                "email": principal.email,
                "iss": _ISSUER,
                "iat": now,
                "exp": now + dt.timedelta(seconds=self.access_ttl_s),
                "jti": secrets.token_hex(8),
            },
            self._secret,
            algorithm=_JWT_ALGORITHM,
        )
        refresh = secrets.token_urlsafe(48)
        expires_at = now + dt.timedelta(seconds=self.refresh_ttl_s)
        store.insert_refresh_token(
            conn, principal.tenant_id, principal.user_id, family_id, _token_hash(refresh), expires_at
        )
        return TokenPair(access_token=access, refresh_token=refresh, expires_in=self.access_ttl_s)

    def security_events(self, tenant_id: str, limit: int = 200) -> list[SecurityEvent]:
        """The tenant's security events (logins, throttling, sessions, accounts), newest first."""
        with self.db.connect() as conn:
            rows = store.security_events(conn, tenant_id, limit)
        return [
            SecurityEvent(r["id"], str(r["user_id"]) if r["user_id"] else None, r["kind"], r["detail"], r["created_at"])
            for r in rows
        ]

    @staticmethod
    def _security_event(
        conn: Connection, tenant_id: str | None, user_id: str | None, kind: str, detail: dict[str, Any]
    ) -> None:
        store.insert_security_event(conn, tenant_id, user_id, kind, detail)
        logger.info("security event", extra={"kind": kind, "tenant_id": tenant_id, "user_id": user_id})


def _check_slug(slug: str) -> None:
    if not _SLUG.fullmatch(slug):
        raise InvalidInput("tenant slug must be 2-63 characters of a-z, 0-9 and '-'", field="tenant")


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
