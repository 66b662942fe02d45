"""The sync engine: deliver every partner's queue, retrying with backoff, and say truthfully where things stand.

``SyncEngine.run_once`` gives each enrolled partner that has an inbox a turn (``tiaki.sync.courier``): receipts
asked for again, pending envelopes resent byte for byte, new envelopes sealed and sent. Partners are independent:
one that fails is scheduled for later (full-jitter backoff, never sooner than its ``Retry-After``) while the
others carry on. With ``retry_for`` the run keeps going, sleeping through the injected ``sleep``, until every
deliverable message has a verified receipt or the window ends; without it, one pass. Within a window no request
starts after it ends (each partner is still tried once) and each is bounded by what is left of it, though never
below ``MIN_REQUEST_SECONDS``: ``tiaki sync --once --timeout 30`` ends in about 30 seconds.

The report is read back from the store after the run, never inferred from HTTP statuses: a partner is complete
when none of its messages is still deliverable without an acknowledged state. Error lines come from transport
codes and HTTP statuses only, so they never carry personal information. Nothing here imports Qt: the app runs
this on a worker thread and the CLI runs it directly.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tiaki import logs
from tiaki.core.clock import Clock, utc_now
from tiaki.store.outbox import PartnerEndpoint, PartnerStatus
from tiaki.sync.backoff import Backoff, BatchSizer
from tiaki.sync.courier import Courier, DeliveryFailed
from tiaki.sync.transport import InboxClient

if TYPE_CHECKING:
    from tiaki.store.outbox import Outbox

MIN_REQUEST_SECONDS = 1.0  # a request started inside a retry window always gets at least this long
_SLEEP_SLICE = 0.5  # sleeping in slices keeps should_stop and a cancelled progress callback responsive
BAD_ADDRESS = "the partner's inbox address cannot be used"
SCHEDULED = "waiting for its next scheduled attempt"
STOPPED = "sync stopped before everything was sent"
NOT_YET = "queued during the run; sent next time"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PartnerResult:
    partner_id: str
    name: str
    acknowledged: int  # messages acknowledged (verified receipt) during this run
    waiting: int  # deliverable messages still without a verified receipt after this run
    parked: int  # totals in these states now (for the summary line)
    refused: int
    cancelled: int
    error: str | None  # one line, no personal information; None when nothing waits
    next_attempt_at: dt.datetime | None

    def summary(self) -> str:
        """"Te Whare Āwhina: 12 acknowledged, 0 waiting" or "...: 3 waiting (the inbox did not answer in time)"."""
        parts = [f"{self.acknowledged} acknowledged", f"{self.waiting} waiting"]
        if self.parked:
            parts.append(f"{self.parked} set aside")
        if self.refused:
            parts.append(f"{self.refused} refused")
        line = f"{self.name}: {', '.join(parts)}"
        return f"{line} ({self.error})" if self.error else line


@dataclass(frozen=True)
class SyncReport:
    partners: tuple[PartnerResult, ...]

    @property
    def complete(self) -> bool:
        """Every deliverable message of every partner holds a verified receipt (read from the store)."""
        return all(p.waiting == 0 for p in self.partners)


@dataclass
class _PartnerRun:
    """One partner across one run."""

    endpoint: PartnerEndpoint
    due: dt.datetime
    failures: int
    acknowledged_at_start: int
    skipped: bool
    settled: bool  # the store already says: no failures, nothing scheduled (an idle partner needs no write)
    error: str | None = None
    client: InboxClient | None = None
    courier: Courier | None = None
    tried: bool = False
    done: bool = False
    stopped: bool = False
    sizer: BatchSizer = field(default_factory=BatchSizer)


class SyncEngine:
    """Delivers queued messages to partner inboxes. One run at a time per store (the app and the CLI ensure
    it): two concurrent runs never store a message twice at a partner, but could interleave per-client order."""

    def __init__(self, outbox: Outbox, *, connect_timeout: float = 10, stall_timeout: float = 20,
                 deadline: float = 120, rng: random.Random | None = None, clock: Clock = utc_now,
                 sleep: Callable[[float], None] = time.sleep, initial_batch: int = 32) -> None:
        if min(connect_timeout, stall_timeout, deadline) <= 0:
            raise ValueError("timeouts must be positive")
        self._outbox = outbox
        self._timeouts = (connect_timeout, stall_timeout, deadline)
        self._backoff = Backoff(rng=rng)
        self._clock = clock
        self._sleep = sleep
        self._initial_batch = initial_batch
        BatchSizer(initial=initial_batch)  # validates it
        self.stats: Counter[str] = Counter()  # requests, bytes, failures: for tests and figures

    def run_once(self, *, retry_for: float = 0.0, progress: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None, respect_schedule: bool = False) -> SyncReport:
        """See the module docstring. ``progress(done, total)`` counts messages acknowledged during the run
        against those deliverable at its start; it may raise to cancel (the exception propagates, nothing is
        lost: every step is its own transaction)."""
        if not (math.isfinite(retry_for) and retry_for >= 0):
            raise ValueError("retry_for is a number of seconds, zero or more")
        stop = should_stop or (lambda: False)
        start = self._clock()
        window_end = start + dt.timedelta(seconds=retry_for)
        statuses = {s.partner_id: s for s in self._outbox.partner_status()}
        runs = [self._run_for(e, statuses.get(e.partner_id), start, respect_schedule)
                for e in self._outbox.endpoints()]
        total = sum(_waiting(statuses.get(t.endpoint.partner_id)) for t in runs if not t.skipped or retry_for > 0)
        tracker = _Progress(self._outbox, progress, {t.endpoint.partner_id: t.acknowledged_at_start for t in runs},
                            total)
        log.info(logs.SYNC_STARTED, len(runs), total)
        tracker.report()
        try:
            first = True
            while True:
                for partner in runs:
                    if stop():
                        break
                    if partner.done or partner.due > self._clock():
                        continue
                    if not first and retry_for > 0 and self._clock() >= window_end:
                        break
                    self._turn(partner, stop, tracker, window_end if retry_for > 0 else None)
                first = False
                waiting = [t for t in runs if not t.done]
                if stop() or not waiting or retry_for <= 0:
                    break
                wake = min(t.due for t in waiting)
                if wake >= window_end or not self._sleep_until(wake, stop, tracker):
                    break
        except BaseException as exc:  # a cancel from the app, or a fault: each step was its own transaction
            log.warning(logs.SYNC_ENDED_BY, type(exc), exc_info=exc)
            raise
        finally:
            for partner in runs:
                if partner.client is not None:
                    self.stats["connections"] += partner.client.connections_opened
                    partner.client.close()
        tracker.report()
        report = self._report(runs, stopped=stop())
        for result, partner in zip(report.partners, runs, strict=True):
            log.info(logs.SYNC_PARTNER, result.partner_id, result.acknowledged, result.waiting, result.refused,
                     result.parked, partner.failures)
        log.info(logs.SYNC_FINISHED, sum(p.acknowledged for p in report.partners),
                 sum(p.waiting for p in report.partners))
        return report

    def _run_for(self, endpoint: PartnerEndpoint, status: PartnerStatus | None, start: dt.datetime,
                 respect_schedule: bool) -> _PartnerRun:
        scheduled = status.next_attempt_at if status is not None else None
        skipped = respect_schedule and scheduled is not None and scheduled > start
        settled = status is not None and not status.failures and not scheduled and not status.last_error
        return _PartnerRun(endpoint, scheduled if skipped and scheduled else start,
                           status.failures if status is not None else 0,
                           status.acknowledged if status is not None else 0, skipped, settled,
                           error=status.last_error if skipped and status is not None else None,
                           sizer=BatchSizer(initial=self._initial_batch))

    def _turn(self, partner: _PartnerRun, stop: Callable[[], bool], tracker: _Progress,
              window_end: dt.datetime | None) -> None:
        pid = partner.endpoint.partner_id
        if partner.courier is None:
            connect, stall, deadline = self._timeouts
            try:
                partner.client = InboxClient(partner.endpoint.inbox_url, connect_timeout=connect,
                                             stall_timeout=stall, deadline=deadline)
            except ValueError:
                self._failed(partner, DeliveryFailed(BAD_ADDRESS))
                return
            client = partner.client

            def before_request() -> None:
                partner.tried = True
                if window_end is not None:
                    left = (window_end - self._clock()).total_seconds()
                    client.deadline = min(deadline, max(left, MIN_REQUEST_SECONDS))

            def stopping() -> bool:
                return stop() or (window_end is not None and partner.tried and self._clock() >= window_end)

            partner.courier = Courier(self._outbox, pid, client, partner.sizer, should_stop=stopping,
                                      before_request=before_request, on_receipts=tracker.report, stats=self.stats)
        try:
            finished = partner.courier.turn()
        except DeliveryFailed as failure:
            if partner.courier.progressed:
                partner.failures = 0  # a flaky link that still delivers keeps its backoff short
            self._failed(partner, failure)
            return
        if finished:
            partner.done, partner.failures, partner.error = True, 0, None
            if partner.tried or not partner.settled:
                self._outbox.set_partner_schedule(pid, next_attempt_at=None, failures=0, last_error=None)
        else:
            partner.stopped = True
            partner.due = self._clock()

    def _failed(self, partner: _PartnerRun, failure: DeliveryFailed) -> None:
        partner.failures += 1
        partner.error = failure.line
        due = self._clock() + dt.timedelta(seconds=self._backoff.delay(partner.failures - 1, failure.retry_after))
        partner.due = due + dt.timedelta(microseconds=-due.microsecond % 1000)  # whole ms, as the store keeps it
        self.stats["failures"] += 1
        self._outbox.set_partner_schedule(partner.endpoint.partner_id, next_attempt_at=partner.due,
                                          failures=partner.failures, last_error=failure.line)

    def _sleep_until(self, wake: dt.datetime, stop: Callable[[], bool], tracker: _Progress) -> bool:
        """Sleep (injected) until ``wake``; False if asked to stop meanwhile."""
        while True:
            if stop():
                return False
            remaining = (wake - self._clock()).total_seconds()
            if remaining <= 0:
                return True
            tracker.report()  # a cancelled app task raises here
            self._sleep(min(remaining, _SLEEP_SLICE))

    def _report(self, runs: list[_PartnerRun], *, stopped: bool) -> SyncReport:
        statuses = {s.partner_id: s for s in self._outbox.partner_status()}
        results = []
        for t in runs:
            status = statuses.get(t.endpoint.partner_id)
            waiting = _waiting(status)
            error = None
            if waiting:
                error = t.error or (SCHEDULED if t.skipped and not t.tried
                                    else STOPPED if t.stopped or stopped else NOT_YET)
            results.append(PartnerResult(
                t.endpoint.partner_id, t.endpoint.name,
                max(0, (status.acknowledged if status else 0) - t.acknowledged_at_start), waiting,
                status.parked if status else 0, status.refused if status else 0, status.cancelled if status else 0,
                error, t.due if waiting else None))
        return SyncReport(tuple(results))


def _waiting(status: PartnerStatus | None) -> int:
    return 0 if status is None else status.queued + status.sent


class _Progress:
    """Messages acknowledged since the start (read from the store) against the deliverable total at start."""

    def __init__(self, outbox: Outbox, callback: Callable[[int, int], None] | None, at_start: dict[str, int],
                 total: int) -> None:
        self._outbox, self._callback, self._at_start, self._total = outbox, callback, at_start, total

    def report(self) -> None:
        if self._callback is None:
            return
        done = sum(max(0, s.acknowledged - self._at_start[s.partner_id]) for s in self._outbox.partner_status()
                   if s.partner_id in self._at_start)
        self._callback(min(done, self._total), self._total)
