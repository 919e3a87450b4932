"""Writing the packages of the stale courses: in this process, or by a pool of worker processes.

Each task writes one course's formats of one group (see `registry.format_groups`) into the staging
folder, through the writers the registry names; errors in a worker come back as what they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from builder.package import registry

if TYPE_CHECKING:
    from builder.package import BuildContext
    from builder.problems import Problems
    from builder.render import RenderedCourse


def write_formats(rendered: RenderedCourse, names: list[str], context: BuildContext,
                  ) -> list[tuple[str, list[Path]]]:
    """One task: the named formats of one course into its folder of the context; the files of each."""
    folder = context.course_folder(rendered.course)
    return [(name, registry.writer(name, context).write(rendered, folder)) for name in names]


@dataclass(frozen=True)
class Outcome:
    """A worker's result as plain, picklable data: the files written, or an error's kind and arguments.

    Exceptions are not sent back as they are: some (SourceErrors with its Localized problems, an
    OSError's subclass) do not survive pickling intact.
    """

    kind: str  # "ok", "content", "nonconformant", "os" or "internal"
    files: list[tuple[str, list[Path]]] = field(default_factory=list)
    problems: Problems | None = None  # "content": every problem in the sources
    package: str = ""  # "nonconformant": the package Etos got wrong, with its broken rules
    broken_rules: list[str] = field(default_factory=list)
    details: tuple[object, ...] = ()  # "os": errno, message and file name; "internal": type and message


def write_formats_in_worker(rendered: RenderedCourse, names: list[str], context: BuildContext) -> Outcome:
    """`write_formats` in a worker process, its outcome as plain data.

    An error comes back as data that the parent raises again as what it was (a content error, a
    machine's fault, a package Etos got wrong), never as a worker's traceback.
    """
    from builder.problems import NonConformantPackage, SourceErrors

    try:
        return Outcome("ok", write_formats(rendered, names, context))
    except SourceErrors as failure:
        return Outcome("content", problems=failure.problems)
    except NonConformantPackage as failure:
        return Outcome("nonconformant", package=failure.kind, broken_rules=failure.problems)
    except OSError as error:
        return Outcome("os", details=(error.errno, error.strerror, error.filename))
    except Exception as error:  # noqa: BLE001 - carried to the parent's last line of defence
        return Outcome("internal", details=(type(error).__name__, str(error)))


class WorkerError(Exception):
    """An unexpected error in a worker process, named as it was raised there."""


def raise_outcome(outcome: Outcome) -> None:
    """Raise the error a task reported, as the exception it was in the worker."""
    from builder.problems import NonConformantPackage, SourceErrors

    kind, details = outcome.kind, outcome.details
    if kind == "content" and outcome.problems is not None:
        raise SourceErrors(outcome.problems)
    if kind == "nonconformant":
        raise NonConformantPackage(outcome.package, outcome.broken_rules)
    if kind == "os":
        raise OSError(*details)
    if kind == "internal":
        raise WorkerError(": ".join(str(part) for part in details))


def write_outputs(stale: list[RenderedCourse], formats: list[str], context: BuildContext, jobs: int,
                  progress: Callable[[str], None]) -> dict[str, list[list[Path]]]:
    """Write every format of every stale course into the staging folder; the files per course and format.

    With more than one job, each course's zip formats and its PDFs are tasks for a pool of processes
    started from a fork server (a clean process: no thread of the PDF engine is ever forked). What
    each task writes depends only on its course, so the order in which tasks finish changes nothing;
    results are taken in course and format order, and the first error in that order is raised.
    """
    tasks = [(rendered, group) for rendered in stale for group in registry.format_groups(formats)]
    written: dict[str, dict[str, list[Path]]] = {rendered.course.id: {} for rendered in stale}

    def done(rendered: RenderedCourse, files: list[tuple[str, list[Path]]]) -> None:
        written[rendered.course.id].update(files)
        for _, paths in files:
            for path in paths:
                progress(f"{rendered.course.id}: {path.name}")

    if jobs <= 1 or len(tasks) <= 1:
        for rendered, group in tasks:
            done(rendered, write_formats(rendered, group, context))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        processes = multiprocessing.get_context("forkserver")
        processes.set_forkserver_preload(["builder.writing", *registry.preload_modules()])
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=processes) as pool:
            futures = [pool.submit(write_formats_in_worker, rendered, group, context)
                       for rendered, group in tasks]
            for (rendered, _), future in zip(tasks, futures, strict=True):
                outcome = future.result()
                raise_outcome(outcome)
                done(rendered, outcome.files)
    return {course_id: [by_format[name] for name in formats] for course_id, by_format in written.items()}
