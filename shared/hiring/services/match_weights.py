"""Weight administration: the profile in force per role level (the tenant's newest version, else the default), and
new versions an admin stores; every later score carries the version that produced it."""

from __future__ import annotations

from hiring.adapters.postgres import Database
from hiring.errors import InvalidInput
from hiring.matching.weights import LEVELS, WeightProfile, WeightSettings, apply_settings, default_profile
from hiring.principal import Principal
from hiring.services.match_models import WeightProfileOut
from hiring.stores import matches as store
from hiring.stores.audit import record_audit


class MatchWeights:
    def __init__(self, db: Database) -> None:
        self.db = db

    def profiles(self, tenant_id: str) -> dict[str, WeightProfile]:
        """The profile in force for each level: the tenant's newest version, else the default."""
        with self.db.connect() as conn:
            rows = store.current_weights(conn, tenant_id)
        profiles = {level: default_profile(level) for level in LEVELS}
        for row in rows:
            profiles[row["level"]] = apply_settings(row["settings"], row["version"])
        return profiles

    def describe(self, tenant_id: str) -> dict[str, WeightProfileOut]:
        return {level: WeightProfileOut.of(profile) for level, profile in self.profiles(tenant_id).items()}

    def add(self, principal: Principal, settings: WeightSettings) -> WeightProfileOut:
        """Store a new version of the tenant's profile for one level; later scores carry its version."""
        try:
            apply_settings(settings, "check")
        except ValueError as exc:
            raise InvalidInput(str(exc)) from exc
        with self.db.connect() as conn:
            values = settings.model_dump(mode="json")
            version = store.add_weights(conn, principal.tenant_id, settings.level, values, principal.user_id)
            record_audit(conn, principal.tenant_id, principal.user_id, "weights_added", "weights", version, values)
        return self.describe(principal.tenant_id)[settings.level]
