"""whatsapp/: the bot's conversation exports, JSON Lines, one file per month.

Times carry an offset: mostly `-05:00`, some `+00:00` (UTC), including
evening conversations whose UTC date is already the next month.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from dataclasses import dataclass

from pipelines.sample_data import calibration as cal
from pipelines.sample_data.allocation import flags, rng_for, share
from pipelines.sample_data.dates import ALL_DAY_HOURS, month_days, random_times, to_bogota_iso, to_utc_iso
from pipelines.sample_data.people import fake_mobile
from pipelines.sample_data.writers import JsonLinesFile

UTC_SHARE = 0.1
OVERLAP_MONTH, OVERLAP_SIZE = 9, 3  # September's export repeats the last conversations of August

# Evening conversations written in UTC: (Bogotá local start, month of the file that holds them).
UTC_BOUNDARY: tuple[tuple[dt.datetime, int], ...] = (
    (dt.datetime(2025, 5, 31, 21, 5, 37), 6),  # 2025-06-01T02:05:37+00:00, in June's file
    (dt.datetime(2025, 11, 30, 22, 41, 12), 11),  # 2025-12-01T03:41:12+00:00
)
BOUNDARY_TIMES = {when: file_month for when, file_month in UTC_BOUNDARY}


@dataclass(frozen=True)
class Conversation:
    conversation_id: str
    started: dt.datetime  # Bogotá local
    ended: dt.datetime
    phone: str
    handed_to_agent: bool
    effective: bool
    resolved_first_contact: bool
    closed_by_inactivity: bool
    utc: bool  # written with a +00:00 offset

    @property
    def file_month(self) -> int:
        return BOUNDARY_TIMES.get(self.started, self.started.month)

    def json_line(self) -> str:
        stamp = to_utc_iso if self.utc else to_bogota_iso
        record = {
            "conversation_id": self.conversation_id,
            "started_at": stamp(self.started),
            "ended_at": stamp(self.ended),
            "phone": f"57{self.phone}",
            "handed_to_agent": self.handed_to_agent,
            "effective": self.effective,
            "resolved_first_contact": self.resolved_first_contact,
            "closed_by_inactivity": self.closed_by_inactivity,
        }
        return json.dumps(record, ensure_ascii=False)


def whatsapp_plan(rng: random.Random, month: int) -> cal.WhatsappPlan:
    if month == cal.REPORT_MONTH:
        return cal.NOVEMBER_WHATSAPP
    total = rng.randint(150, 260)
    return cal.WhatsappPlan(
        conversations=total,
        resolved=share(rng, total, 0.92, 0.96),
        effective=share(rng, total, 0.62, 0.72),
        handed_to_agent=share(rng, total, 0.18, 0.26),
        closed_by_inactivity=share(rng, total, 0.08, 0.14),
    )


def _inactivity(rng: random.Random, effective: list[bool], count: int) -> list[bool]:
    """Closed by inactivity only happens to conversations that were not effective."""
    idle = [i for i, ok in enumerate(effective) if not ok]
    chosen = set(rng.sample(idle, count))
    return [i in chosen for i in range(len(effective))]


def month_conversations(rng: random.Random, month: int) -> list[Conversation]:
    plan = whatsapp_plan(rng, month)
    fixed = [when for when in BOUNDARY_TIMES if when.month == month]
    days = month_days(cal.YEAR, month)
    starts = fixed + random_times(rng, days, plan.conversations - len(fixed), ALL_DAY_HOURS)
    resolved = flags(rng, plan.conversations, plan.resolved)
    effective = flags(rng, plan.conversations, plan.effective)
    handed = flags(rng, plan.conversations, plan.handed_to_agent)
    idle = _inactivity(rng, effective, plan.closed_by_inactivity)
    conversations = []
    for i, started in enumerate(starts):
        minutes = rng.randint(2, 25) + (rng.randint(5, 20) if handed[i] else 0)
        conversations.append(
            Conversation(
                conversation_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                started=started,
                ended=started + dt.timedelta(minutes=minutes, seconds=rng.randrange(60)),
                phone=fake_mobile(rng),
                handed_to_agent=handed[i],
                effective=effective[i],
                resolved_first_contact=resolved[i],
                closed_by_inactivity=idle[i],
                utc=started in BOUNDARY_TIMES or rng.random() < UTC_SHARE,
            )
        )
    return conversations


def _bad_lines(rng: random.Random, month: int) -> list[tuple[dt.datetime, str]]:
    """The planted bad lines (see docs/sample-data.md), with the time they sort at."""
    if month == 3:  # the export lost the conversation id
        record = {
            "started_at": "2025-03-12T10:14:03-05:00",
            "ended_at": "2025-03-12T10:21:40-05:00",
            "phone": f"57{fake_mobile(rng)}",
            "handed_to_agent": False,
            "effective": True,
            "resolved_first_contact": True,
            "closed_by_inactivity": False,
        }
        return [(dt.datetime(2025, 3, 12, 10, 14, 3), json.dumps(record, ensure_ascii=False))]
    if month == 7:  # a line cut short when the export job was interrupted
        cut = f'{{"conversation_id": "{uuid.UUID(int=rng.getrandbits(128), version=4)}", "started_at": "2025-07-'
        return [(dt.datetime(2025, 7, 18, 16, 0), cut)]
    return []


def whatsapp_files(seed: str) -> list[JsonLinesFile]:
    rng = rng_for(seed, "whatsapp")
    conversations = [c for m in cal.MONTHS for c in month_conversations(rng, m)]
    by_file: dict[int, list[tuple[dt.datetime, str]]] = {m: _bad_lines(rng, m) for m in cal.MONTHS}
    for c in conversations:
        by_file[c.file_month].append((c.started, c.json_line()))
    august = sorted((c.started, c.json_line()) for c in conversations if c.file_month == OVERLAP_MONTH - 1)
    by_file[OVERLAP_MONTH].extend(august[-OVERLAP_SIZE:])
    return [
        JsonLinesFile(
            f"whatsapp/{cal.YEAR}/conversaciones_{cal.YEAR}-{m:02d}.jsonl",
            [line for _, line in sorted(lines)],
        )
        for m, lines in by_file.items()
    ]
