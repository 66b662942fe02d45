"""When to sync, in the app: when the network comes back, on "Sync now", and on a timer.

With the store's sync interval set to 0 (off), only "Sync now" starts a run.

The sync engine (``tiaki.sync``) does the work on a worker thread through ``BackgroundTask``; this object only
decides when to start it and relays its progress and report to the window. One run at a time: a trigger while
a run is going is ignored (the running one already picks up everything queued).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QNetworkInformation

from tiaki.store.session import Session
from tiaki.ui.tasks import BackgroundTask, TaskCancelled

DEFAULT_INTERVAL_MINUTES = 15
_REACHABLE = (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site,
              QNetworkInformation.Reachability.Local)


def _network() -> QNetworkInformation | None:
    """The platform's network-reachability backend, if it has one (None: trigger on the timer alone)."""
    if QNetworkInformation.instance() is None and not QNetworkInformation.loadBackendByFeatures(
            QNetworkInformation.Feature.Reachability):
        return None
    return QNetworkInformation.instance()


class SyncController(QObject):
    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)  # a tiaki.sync.engine.SyncReport
    failed = Signal(str)  # one line, no personal information
    online_changed = Signal(object)  # True, False, or None when the platform cannot tell

    def __init__(self, session: Session, parent: QObject | None = None, *,
                 interval_minutes: int = DEFAULT_INTERVAL_MINUTES,
                 engine_factory: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._engine_factory = engine_factory or self._default_engine
        self.task: BackgroundTask | None = None
        self.last_report: Any = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.start(scheduled=True))
        self.interval_minutes = 0
        self.set_interval_minutes(interval_minutes)
        self._network = _network()
        self.online: bool | None = None
        if self._network is not None:
            self._network.reachabilityChanged.connect(self._on_reachability)
            self.online = self._reachable(self._network.reachability())

    def _default_engine(self) -> Any:
        from tiaki.sync.engine import SyncEngine

        return SyncEngine(self._session.outbox)

    @staticmethod
    def _reachable(reachability: QNetworkInformation.Reachability) -> bool | None:
        if reachability == QNetworkInformation.Reachability.Unknown:
            return None
        return reachability in _REACHABLE

    def set_interval_minutes(self, minutes: int) -> None:
        """Sync every ``minutes`` (and when the network comes back); 0: only when a worker asks."""
        minutes = max(0, minutes)
        if minutes == self.interval_minutes and (self._timer.isActive() or not minutes):
            return  # unchanged: the next run stays when it was due
        self.interval_minutes = minutes
        if self.interval_minutes:
            self._timer.start(self.interval_minutes * 60_000)
        else:
            self._timer.stop()

    @property
    def automatic(self) -> bool:
        return self.interval_minutes > 0

    def _on_reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        was, self.online = self.online, self._reachable(reachability)
        self.online_changed.emit(self.online)
        if self.online and not was and self.automatic:
            self.start(scheduled=False)  # a connection came back: deliver what waited

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def sync_now(self) -> bool:
        return self.start(scheduled=False)

    def start(self, *, scheduled: bool) -> bool:
        """Start a run unless one is going (or the platform says there is no network and this is the timer)."""
        if self.running or not self._session.is_open or (scheduled and self.online is False):
            return False
        engine = self._engine_factory()

        def run(report: Callable[[int, int], None]) -> Any:
            return engine.run_once(progress=report, respect_schedule=scheduled)

        task = BackgroundTask(run, self)
        task.progress.connect(self.progress)
        task.finished.connect(self._on_finished)
        task.failed.connect(self._on_failed)
        self.task = task
        self.started.emit()
        task.start()
        return True

    def _on_finished(self, report: object) -> None:
        self.last_report = report
        self.finished.emit(report)

    def _on_failed(self, exc: object) -> None:
        if isinstance(exc, TaskCancelled):
            self.failed.emit(self.tr("Sync stopped. Nothing was lost: what was not acknowledged is sent next time."))
        else:
            self.failed.emit(self.tr("Sync stopped by an unexpected error ({kind}). Nothing was lost: what was not "
                                     "acknowledged is sent next time.").format(kind=type(exc).__name__))

    def stop(self) -> None:
        """Ask a running sync to stop at its next step (on lock and quit)."""
        self._timer.stop()
        if self.task is not None:
            self.task.cancel()
