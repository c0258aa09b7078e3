"""Rules the client and the emulator share: system accounts, password types, user names.

``crv1.PGUserSystemAccounts`` (``pkg/apis/crunchydata.com/v1/common.go``), ``passwordTypeStrings``
(``internal/apiserver/common.go``) and the user-name rule of ``CreateUser`` (``userimpl.go``).
"""

from __future__ import annotations

import re

#: Matched lower-cased (``util.IsPostgreSQLUserSystemAccount``).
SYSTEM_ACCOUNTS = frozenset({"crunchyadm", "ccp_monitoring", "pgbouncer", "primaryuser", "postgres"})

#: Exact and case-sensitive; ``""`` means md5 (or the cluster's own type).
PASSWORD_TYPES = ("", "md5", "scram", "scram-sha-256")
PASSWORD_TYPE_ERROR = "invalid password type. choices are (md5, scram-sha-256)"

#: The legacy Secret-name rule for new user names.
USER_NAME = re.compile(r"^[a-z0-9.-]*$")
USER_NAME_ERROR = "user name is required to contain lowercase letters, numbers, '.' and '-' only."


def is_system_account(username: str) -> bool:
    """``util.IsPostgreSQLUserSystemAccount``."""
    return username.lower() in SYSTEM_ACCOUNTS
