"""The results layer: one open project and every figure derived from it.

:class:`Results` holds a :class:`~planner.inputs.project.Project` and computes each result
(problems, report, plan, ranking, headline, printed summary) on first use, once per
change. The window, the printer, the exports and the command line all read it, so a
figure is computed in one place and never twice for the same state.

An edit is described by a :class:`Changes` (which tables, whether the settings, whether
the whole project), in the spirit of Anki's ``OpChanges``: :meth:`Results.apply` forgets
exactly the results the change can affect and returns what it invalidated, so each view
redraws only what changed.

Results are not thread-safe. Long work runs on a :meth:`snapshot` (a copy of the project
with its own caches) in a worker thread; :meth:`adopt` then takes the snapshot's
computed results back, if the project has not changed in the meantime.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from planner.analysis.compute import (
    STOCK_TABLES,
    STRUCTURE_TABLES,
    Report,
    Structure,
    Supply,
    compute,
)
from planner.core.errors import PlannerError, Problem
from planner.core.i18n import _
from planner.inputs.cross_checks import RequirementsCheck
from planner.inputs.project import Project
from planner.inputs.validation import KeptChecks, check_project

if TYPE_CHECKING:
    from planner.analysis.plan import Plan
    from planner.analysis.presets import Preset
    from planner.analysis.scenario import Ranking
    from planner.analysis.stockpile import StockpileResult
    from planner.outputs.summary import Headline, Summary

T = TypeVar("T")

# Which results each kind of change makes stale. Everything derives from the report, so
# any change to data or settings invalidates all of it; the names are what views listen to.
RESULTS = ("problems", "report", "headline", "plan", "ranking", "summary", "stockpile")


@dataclass(frozen=True)
class Changes:
    """What an edit changed: tables whose rows or cells changed, the settings, or all."""

    tables: frozenset[str] = frozenset()
    settings: bool = False
    project: bool = False  # replaced whole (open, import, revert)

    @classmethod
    def of_tables(cls, *tables: str) -> Changes:
        return cls(tables=frozenset(tables))

    @classmethod
    def everything(cls) -> Changes:
        return cls(project=True, settings=True)

    @property
    def empty(self) -> bool:
        return not (self.tables or self.settings or self.project)

    def merged(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables, self.settings or other.settings,
                       self.project or other.project)


@dataclass(frozen=True)
class Invalidated:
    """The answer to :meth:`Results.apply`: the change and the results it made stale."""

    changes: Changes
    results: frozenset[str] = field(default_factory=frozenset)

    def affects(self, *names: str) -> bool:
        return any(n in self.results for n in names)


def _plan_key(params: dict[str, float | str | None]
              ) -> tuple[tuple[str, float | str | None], ...]:
    return tuple(sorted(params.items()))


class Results:
    """A project and its figures, each computed on first use and kept until a change."""

    def __init__(self, project: Project | None = None):
        self.project = project if project is not None else Project.empty()
        self.version = 0  # incremented by every change; a snapshot remembers its own
        self._cache: dict[Any, Any] = {}
        self._report_error = ""
        # what depends only on the project's structure (compute.STRUCTURE_TABLES), kept
        # across edits of the other tables: the report's Structure and the requirements
        # check (Items, BOM and Demand alone)
        self._structure: Structure | None = None
        self._requirements = RequirementsCheck()
        # what depends on neither Stock nor Orders (compute.STOCK_TABLES), kept across
        # edits of those two: the report's Supply; and each part of the problems check,
        # kept until a table it reads changes
        self._supply: Supply | None = None
        self._checks = KeptChecks()
        # copies of the tables made for snapshots (with the table copied), each kept until
        # its table changes: only worker threads read them, so a snapshot after an edit
        # copies the edited table alone
        self._copies: dict[str, tuple[Any, Any]] = {}

    # --- changes ---------------------------------------------------------------------
    def apply(self, changes: Changes) -> Invalidated:
        """Forget what ``changes`` makes stale (the project was edited in place)."""
        if changes.empty:
            return Invalidated(changes)
        self.version += 1
        if changes.project or changes.tables & STRUCTURE_TABLES:
            self._structure = None
            self._requirements = RequirementsCheck()
        if changes.project or changes.settings or changes.tables - STOCK_TABLES:
            self._supply = None
        self._checks.forget(None if changes.project or changes.settings else changes.tables)
        if changes.project:
            self._copies.clear()
        for table in changes.tables:
            self._copies.pop(table, None)
        stale = frozenset(k if isinstance(k, str) else k[0] for k in self._cache)
        self._cache.clear()
        self._report_error = ""
        return Invalidated(changes, stale | frozenset(RESULTS))

    def replace(self, project: Project) -> Invalidated:
        """Hold another project (open, import, revert)."""
        self.project = project
        return self.apply(Changes.everything())

    # --- background work -------------------------------------------------------------
    def snapshot(self) -> Results:
        """A copy to compute on in another thread, carrying what is already computed."""
        project = self.project
        copies = self._copies
        for name, table in project.tables.items():
            if name not in copies or copies[name][0] is not table:
                copies[name] = (table, table.copy())
        copy = Results(Project({name: copies[name][1] for name in project.tables},
                               project.settings, dict(project.layouts),
                               list(project.warnings)))
        copy.version = self.version
        copy._cache = dict(self._cache)
        copy._report_error = self._report_error
        copy._structure = self._structure
        copy._requirements = RequirementsCheck(self._requirements.problems)
        copy._supply = self._supply
        copy._checks = self._checks.copy()
        return copy

    def adopt(self, snapshot: Results) -> bool:
        """Take the results computed on ``snapshot`` if nothing changed since it was made."""
        if snapshot.version != self.version:
            return False
        for key, value in snapshot._cache.items():
            self._cache.setdefault(key, value)
        if "report" in snapshot._cache:
            self._report_error = snapshot._report_error
        self._structure = self._structure or snapshot._structure
        if self._requirements.problems is None:
            self._requirements = snapshot._requirements
        if self._supply is None and snapshot._supply is not None and (
                snapshot._supply.structure is self._structure):
            self._supply = snapshot._supply
        self._checks.adopt(snapshot._checks)
        return True

    def computed(self, name: str) -> bool:
        """Whether ``name`` (or any plan or ranking, for those) is already at hand."""
        return any((k if isinstance(k, str) else k[0]) == name for k in self._cache)

    def _get(self, key: Any, make: Callable[[], T]) -> T:
        try:
            return self._cache[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._cache[key] = make()
            return value

    # --- the results -----------------------------------------------------------------
    @property
    def problems(self) -> list[Problem]:
        """Every located problem of the project (errors and warnings)."""
        return self._get("problems", lambda: check_project(self.project, self._requirements,
                                                           self._checks))

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def report(self) -> Report | None:
        """Cover and exposure, or None when the project cannot be computed (then
        :attr:`report_error` says why)."""
        return self._get("report", self._compute_report)

    @property
    def report_error(self) -> str:
        self.report  # noqa: B018 - computes it, and with it the reason it is missing
        return self._report_error

    def _compute_report(self) -> Report | None:
        try:
            if self._structure is None or not self._structure.fits(self.project):
                self._structure = Structure(self.project)
            if self._supply is None or self._supply.structure is not self._structure:
                self._supply = Supply(self.project, self._structure)
            return compute(self.project, self._structure, self._supply)
        except PlannerError as exc:
            self._report_error = str(exc)
        except (KeyError, ValueError, IndexError) as exc:
            # an edit left references dangling; the problems list says which
            self._report_error = _("figures not updated: {error}").format(error=exc)
        return None

    def require_report(self) -> Report:
        """The report, or a PlannerError saying why there is none."""
        report = self.report
        if report is None:
            raise PlannerError(_("There are no figures yet: {reason}").format(
                reason=self.report_error or _("the project is empty")))
        return report

    @property
    def headline(self) -> Headline:
        from planner.outputs.summary import headline

        return self._get("headline", lambda: headline(self.require_report()))

    def plan(self, progress: Callable[[int, int], object] | None = None,
             **params: float | str | None) -> Plan:
        """The procurement plan; ``params`` override the settings (None keeps one).
        ``progress(done, total)`` follows a plan being made (False stops it)."""
        from planner.analysis.plan import make_plan

        clean: dict[str, Any] = self._plan_overrides(params)
        return self._get(("plan", _plan_key(clean)),
                         lambda: make_plan(self.project, progress=progress, **clean))

    def _plan_overrides(self, params: dict[str, float | str | None]
                        ) -> dict[str, float | str | None]:
        """The parameters that differ from the settings (or, for the objective, from
        the default): a plan "for 90 days" is the default plan when the horizon is 90
        days, and is computed once."""
        from planner.analysis.plan import PlanParameters

        settings = self.project.settings
        return {k: v for k, v in params.items()
                if v is not None and v != getattr(settings, k, getattr(PlanParameters, k, None))}

    def cached_plan(self, **params: float | str | None) -> Plan | None:
        """The plan for ``params`` if it is already computed, else None (no work done)."""
        plan: Plan | None = self._cache.get(("plan", _plan_key(self._plan_overrides(params))))
        return plan

    def ranking(self, days: int | None = None) -> Ranking:
        """Every supplier and origin country stopped for its time to recover."""
        from planner.analysis.scenario import rank

        return self._get(("ranking", days),
                         lambda: rank(self.project, days, report=self.require_report()))

    def stockpile(self, presets: Sequence[Preset] | None = None) -> StockpileResult:
        """How much stock is worth holding, per material (with the bundled presets, or
        ``presets``, which are not kept). Reuses the default ranking's stops when it is
        already computed: the figures are the same either way."""
        from planner.analysis.stockpile import stockpile

        def make() -> StockpileResult:
            return stockpile(self.project, self.require_report(),
                             self._cache.get(("ranking", None)), presets)
        if presets is not None:
            return make()
        return self._get("stockpile", make)

    def summary(self) -> Summary:
        """The printed exposure summary with the default plan and the ranking."""
        from planner.outputs.summary import build_summary

        return self._get("summary", lambda: build_summary(
            self.project, self.require_report(), self.plan(), self.ranking(),
            self.stockpile()))

    def compute_all(self, names: Iterable[str] = ("problems", "report")) -> Results:
        """Compute ``names`` now (on a snapshot, in a worker thread); returns self."""
        for name in names:
            value = getattr(self, name)
            if callable(value):
                value()
        return self


__all__ = ["RESULTS", "Changes", "Invalidated", "Results"]
