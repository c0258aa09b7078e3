"""pgo's client-side schedule checks (cmd/pgo-scheduler/scheduler/validate.go).

``ValidateSchedule`` uses robfig/cron v3.0.1 with ``NewParser(Minute | Hour | Dom | Month | Dow)``:
exactly five fields, no ``@`` descriptors, an optional ``TZ=``/``CRON_TZ=`` prefix. The parsed
fields are kept so that the emulator's schedule clock can tell when a schedule fires.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

_MONTHS = {
    n: i + 1
    for i, n in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_DAYS = {n: i for i, n in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))}
# (min, max, names) per field: minute, hour, day of month, month, day of week
_BOUNDS: tuple[tuple[int, int, dict[str, int] | None], ...] = (
    (0, 59, None),
    (0, 23, None),
    (1, 31, None),
    (1, 12, _MONTHS),
    (0, 6, _DAYS),
)
_STAR_BIT = 1 << 63


class CronError(ValueError):
    """robfig/cron's parse error."""


@dataclass(frozen=True)
class Cron:
    """A parsed five-field schedule: one bit set per field, the star bit as robfig keeps it."""

    minute: int
    hour: int
    dom: int
    month: int
    dow: int
    zone: str | None

    def matches(self, when: dt.datetime) -> bool:
        """Whether the schedule fires in the minute of ``when`` (robfig's day-of-month/week rule)."""
        if self.zone:
            when = when.astimezone(zoneinfo.ZoneInfo(self.zone))
        dow = (when.weekday() + 1) % 7
        if not (
            self.minute >> when.minute & 1 and self.hour >> when.hour & 1 and self.month >> when.month & 1
        ):
            return False
        dom_ok = bool(self.dom >> when.day & 1)
        dow_ok = bool(self.dow >> dow & 1)
        if self.dom & _STAR_BIT or self.dow & _STAR_BIT:
            return dom_ok and dow_ok
        return dom_ok or dow_ok


def _atoi(text: str) -> int:
    """Go's ``strconv.Atoi``: optional sign, decimal digits only."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or not body.isdigit():
        raise CronError(f"failed to parse int from {text}")
    value = int(text)
    if value < 0:
        raise CronError(f"negative number ({value}) not allowed: {text}")
    return value


def _int_or_name(text: str, names: dict[str, int] | None) -> int:
    if names is not None and text.lower() in names:
        return names[text.lower()]
    return _atoi(text)


def _bits(low: int, high: int, step: int) -> int:
    bits = 0
    for i in range(low, high + 1, step):
        bits |= 1 << i
    return bits


def _range(expr: str, low_bound: int, high_bound: int, names: dict[str, int] | None) -> int:
    range_and_step = expr.split("/")
    low_and_high = range_and_step[0].split("-")
    single = len(low_and_high) == 1
    extra = 0
    if low_and_high[0] in ("*", "?"):
        start, end, extra = low_bound, high_bound, _STAR_BIT
    else:
        start = _int_or_name(low_and_high[0], names)
        if len(low_and_high) == 1:
            end = start
        elif len(low_and_high) == 2:
            end = _int_or_name(low_and_high[1], names)
        else:
            raise CronError(f"too many hyphens: {expr}")
    if len(range_and_step) == 1:
        step = 1
    elif len(range_and_step) == 2:
        step = _atoi(range_and_step[1])
        if single:
            end = high_bound
        if step > 1:
            extra = 0
    else:
        raise CronError(f"too many slashes: {expr}")
    if start < low_bound:
        raise CronError(f"beginning of range ({start}) below minimum ({low_bound}): {expr}")
    if end > high_bound:
        raise CronError(f"end of range ({end}) above maximum ({high_bound}): {expr}")
    if start > end:
        raise CronError(f"beginning of range ({start}) beyond end of range ({end}): {expr}")
    if step == 0:
        raise CronError(f"step of range should be a positive number: {expr}")
    return _bits(start, end, step) | extra


def parse_cron(spec: str) -> Cron:
    """Parse ``spec`` as robfig/cron v3's five-field parser does, or raise CronError."""
    if spec == "":
        raise CronError("empty spec string")
    zone: str | None = None
    if spec.startswith(("TZ=", "CRON_TZ=")):
        space = spec.find(" ")
        if space < 0:
            # Go slices spec[eq+1:-1] here and panics; pgo crashes
            raise CronError("provided bad location")
        zone = spec[spec.index("=") + 1 : space]
        try:
            zoneinfo.ZoneInfo(zone) if zone not in ("", "UTC", "Local") else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as err:
            raise CronError(f"provided bad location {zone}: {err}") from err
        if zone in ("", "Local"):
            zone = None
        spec = spec[space:].strip()
    if spec.startswith("@"):
        raise CronError(f"parser does not accept descriptors: {spec}")
    fields = spec.split()
    if len(fields) != 5:
        raise CronError(f"expected exactly 5 fields, found {len(fields)}: {fields}")
    masks: list[int] = []
    for text, (low, high, names) in zip(fields, _BOUNDS, strict=True):
        mask = 0
        for expr in (part for part in text.split(",") if part):
            mask |= _range(expr, low, high, names)
        masks.append(mask)
    return Cron(masks[0], masks[1], masks[2], masks[3], masks[4], zone)


def validate_schedule(schedule: str) -> str | None:
    """``ValidateSchedule``'s message (note the trailing ``: ``), or None."""
    try:
        parse_cron(schedule)
    except CronError:
        return f"{schedule} is not a valid schedule: "
    return None


def validate_schedule_type(schedule_type: str) -> str | None:
    """``ValidateScheduleType``: the lower-cased type must be pgbackrest or policy."""
    lowered = schedule_type.lower()
    if lowered in ("pgbackrest", "policy"):
        return None
    return f"{lowered} is not a valid schedule type"


def validate_backrest_schedule(
    schedule_type: str, cluster: str, selector: str, backup_type: str
) -> str | None:
    """``ValidateBackRestSchedule`` (its storage-type check can never fail, so it is left out)."""
    if schedule_type != "pgbackrest":
        return None
    if cluster == "" and selector == "":
        return "Deployment or Label required for pgBackRest schedules"
    if backup_type == "":
        return "Backup Type required for pgBackRest schedules"
    if backup_type not in ("full", "incr", "diff"):
        return f"pgBackRest Backup Type invalid: {backup_type}"
    return None


def validate_policy_schedule(schedule_type: str, policy: str, database: str) -> str | None:
    """``ValidatePolicySchedule``."""
    if schedule_type != "policy":
        return None
    if database == "":
        return "Database name required for policy schedules"
    if policy == "":
        return "Policy name required for policy schedules"
    return None
