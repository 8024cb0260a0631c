"""Tenants, users, passwords (argon2id), JWT access tokens and rotating refresh tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hiring.adapters.postgres import Connection, Database
from hiring.errors import AccountLocked, Conflict, InvalidInput, NotFound, Unauthenticated
from hiring.observability import logger
from hiring.principal import Principal, Role
from hiring.tenants import find_tenant_id

__all__ = ["IdentityService", "Principal", "Role", "TokenPair", "hash_password"]


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret


_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# A real hash to verify against when the email is unknown, so timing does not reveal which emails exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_JWT_ALGORITHM = "HS256"
_ISSUER = "hiring"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def validate_email(email: str) -> str:
    email = email.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise InvalidInput("email is not a valid address", field="email")
    return email


def validate_password(password: str) -> None:
    if len(password) < 10:
        raise InvalidInput("password must be at least 10 characters", field="password")
    if len(password) > 256:
        raise InvalidInput("password must be at most 256 characters", field="password")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class IdentityService:
    def __init__(
        self,
        db: Database,
        jwt_secret: str,
        access_ttl_s: int = 900,
        refresh_ttl_s: int = 14 * 24 * 3600,
        max_failed_logins: int = 5,
        lockout_s: int = 900,
    ) -> None:
        if len(jwt_secret) < 32:
            raise ValueError("the JWT secret must be at least 32 characters")
        self.db = db
        self._secret = jwt_secret
        self.access_ttl_s = access_ttl_s
        self.refresh_ttl_s = refresh_ttl_s
        self.max_failed_logins = max_failed_logins
        self.lockout_s = lockout_s

    # --- tenants and users -------------------------------------------------------------------------

    def create_tenant(self, slug: str, name: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,62}", slug):
            raise InvalidInput("tenant slug must be 2-63 characters of a-z, 0-9 and '-'", field="tenant")
        with self.db.connect() as conn:
            row = conn.execute(
                "INSERT INTO tenants (slug, name) VALUES (%s, %s) ON CONFLICT (slug) DO NOTHING RETURNING id",
                (slug, name),
            ).fetchone()
            if row is None:
                raise Conflict(f"tenant {slug!r} already exists", field="tenant")
            return str(row["id"])

    def tenant_id_for(self, slug_or_id: str) -> str:
        with self.db.connect() as conn:
            tenant_id = find_tenant_id(conn, slug_or_id)
        if tenant_id is None:
            raise NotFound(f"tenant {slug_or_id!r} does not exist")
        return tenant_id

    def create_user(self, tenant_id: str, email: str, password: str, role: Role, full_name: str | None = None) -> str:
        email = validate_email(email)
        validate_password(password)
        with self.db.connect() as conn:
            row = conn.execute(
                "INSERT INTO users (tenant_id, email, password_hash, role, full_name) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT DO NOTHING RETURNING id",
                (tenant_id, email, hash_password(password), role.value, full_name),
            ).fetchone()
            if row is None:
                raise Conflict("an account with this email already exists", field="email")
            self._security_event(conn, tenant_id, str(row["id"]), "user_created", {"role": role.value})
            return str(row["id"])

    def ensure_user(self, tenant_id: str, email: str, password: str, role: Role) -> str:
        """Create the user, or reset its password and role if it exists (demo seeding)."""
        email = validate_email(email)
        with self.db.connect() as conn:
            row = conn.execute(
                "INSERT INTO users (tenant_id, email, password_hash, role) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash,"
                " role = EXCLUDED.role, failed_logins = 0, locked_until = NULL RETURNING id",
                (tenant_id, email, hash_password(password), role.value),
            ).fetchone()
            assert row is not None
            return str(row["id"])

    # --- login, refresh, logout --------------------------------------------------------------------

    def login(self, email: str, password: str) -> TokenPair:
        email = email.strip().lower()
        now = dt.datetime.now(dt.UTC)
        with self.db.connect() as conn:
            user = conn.execute(
                "SELECT id, tenant_id, email, role, password_hash, failed_logins, locked_until FROM users"
                " WHERE lower(email) = %s FOR UPDATE",
                (email,),
            ).fetchone()
            if user is None:
                _verify(_DUMMY_HASH, password)
                self._security_event(conn, None, None, "login_unknown_email", {})
                conn.commit()  # the event must be kept even though we raise
                raise Unauthenticated("email or password is wrong")
            tenant_id, user_id = str(user["tenant_id"]), str(user["id"])
            if user["locked_until"] is not None and user["locked_until"] > now:
                self._security_event(conn, tenant_id, user_id, "login_while_locked", {})
                conn.commit()
                raise AccountLocked(
                    "too many failed logins; try again later",
                    retry_after_s=int((user["locked_until"] - now).total_seconds()) + 1,
                )
            if not _verify(user["password_hash"], password):
                failed = user["failed_logins"] + 1
                locked_until = now + dt.timedelta(seconds=self.lockout_s) if failed >= self.max_failed_logins else None
                conn.execute(
                    "UPDATE users SET failed_logins = %s, locked_until = %s WHERE id = %s",
                    (0 if locked_until else failed, locked_until, user_id),
                )
                self._security_event(conn, tenant_id, user_id, "login_failed", {"failed_logins": failed})
                if locked_until:
                    self._security_event(conn, tenant_id, user_id, "account_locked", {})
                conn.commit()  # the failure must count even though we raise
                raise Unauthenticated("email or password is wrong")
            if _hasher.check_needs_rehash(user["password_hash"]):
                conn.execute("UPDATE users SET password_hash = %s WHERE id = %s", (hash_password(password), user_id))
            conn.execute(
                "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = %s",
                (user_id,),
            )
            principal = Principal(user_id, tenant_id, Role(user["role"]), user["email"])
            return self._issue(conn, principal, family_id=str(uuid.uuid4()))

    def refresh(self, refresh_token: str) -> TokenPair:
        """Trade a refresh token for a new pair; a reused (already rotated) token revokes its whole family."""
        now = dt.datetime.now(dt.UTC)
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT t.id, t.family_id, t.expires_at, t.revoked_at, u.id AS user_id, u.tenant_id, u.role, u.email"
                " FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = %s FOR UPDATE OF t",
                (_token_hash(refresh_token),),
            ).fetchone()
            if row is None:
                raise Unauthenticated("refresh token is not valid")
            if row["revoked_at"] is not None:
                conn.execute(
                    "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = %s AND revoked_at IS NULL",
                    (row["family_id"],),
                )
                self._security_event(conn, str(row["tenant_id"]), str(row["user_id"]), "refresh_token_reuse", {})
                conn.commit()
                raise Unauthenticated("refresh token was already used; all sessions from it are revoked")
            if row["expires_at"] <= now:
                raise Unauthenticated("refresh token has expired")
            principal = Principal(str(row["user_id"]), str(row["tenant_id"]), Role(row["role"]), row["email"])
            pair = self._issue(conn, principal, family_id=str(row["family_id"]))
            conn.execute(
                "UPDATE refresh_tokens SET revoked_at = now(),"
                " replaced_by = (SELECT id FROM refresh_tokens WHERE token_hash = %s) WHERE id = %s",
                (_token_hash(pair.refresh_token), row["id"]),
            )
            return pair

    def logout(self, refresh_token: str) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id ="
                " (SELECT family_id FROM refresh_tokens WHERE token_hash = %s) AND revoked_at IS NULL",
                (_token_hash(refresh_token),),
            )

    def authenticate(self, access_token: str) -> Principal:
        try:
            claims = jwt.decode(
                access_token,
                self._secret,
                algorithms=[_JWT_ALGORITHM],
                issuer=_ISSUER,
                options={"require": ["exp", "iat", "sub", "tid", "role"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("access token has expired") from exc
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated("access token is not valid") from exc
        try:
            role = Role(claims["role"])
        except ValueError as exc:
            raise Unauthenticated("access token is not valid") from exc
        return Principal(claims["sub"], claims["tid"], role, claims.get("email", ""))

    # --- internals ---------------------------------------------------------------------------------

    def _issue(self, conn: Connection, principal: Principal, family_id: str) -> TokenPair:
        now = dt.datetime.now(dt.UTC)
        access = jwt.encode(
            {
                "sub": principal.user_id,
                "tid": principal.tenant_id,
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
        conn.execute(
            "INSERT INTO refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at)"
            " VALUES (%s, %s, %s, %s, %s)",
            (
                principal.tenant_id,
                principal.user_id,
                family_id,
                _token_hash(refresh),
                now + dt.timedelta(seconds=self.refresh_ttl_s),
            ),
        )
        return TokenPair(access_token=access, refresh_token=refresh, expires_in=self.access_ttl_s)

    @staticmethod
    def _security_event(
        conn: Connection, tenant_id: str | None, user_id: str | None, kind: str, detail: dict[str, Any]
    ) -> None:
        conn.execute(
            "INSERT INTO security_events (tenant_id, user_id, kind, detail) VALUES (%s, %s, %s, %s)",
            (tenant_id, user_id, kind, detail),
        )
        logger.info("security event", extra={"kind": kind, "tenant_id": tenant_id, "user_id": user_id})


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
