"""Hypothesis profiles for the property tests.

* ``ci`` (the default): about 100 examples per property, no deadline — a quick run in CI.
* ``long``: 10,000 examples per property, for the documented long run
  (``HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/properties``; figures in the README, "Property tests").
* ``dev``: 20 examples, for editing.

Select one with the environment variable ``HYPOTHESIS_PROFILE``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]

settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("long", max_examples=10_000, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("dev", max_examples=20, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
