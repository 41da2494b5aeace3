"""Load every data file, validate it, and check the files against each other.

``load_data`` is the one place facts enter the program. It returns an immutable
:class:`SiteData` or raises :class:`~generator.errors.DataError` listing every
problem in every file at once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar, cast, get_type_hints

from pydantic import ValidationError

from generator.errors import DataError, Problem, display_path
from generator.load import change_models, guidance_models, models, table_models
from generator.load.checks import cross_file_problems
from generator.load.messages import friendly_message, strip_union_tags
from generator.load.yaml_file import KeyPath, YamlDocument, load_yaml
from generator.paths import national_data_dir

R = TypeVar("R", bound=models.Record)  # the model a document is validated as


def read_from(file_name: str, *, national: bool) -> Any:
    """Declare a :class:`SiteData` field read from the data file ``file_name``, validated as
    the field's type. A national file may be left out of an area's folder: the project's
    data/ folder supplies it. Each data file is registered here and nowhere else."""
    return field(metadata={"file": file_name, "national": national})


@dataclass(frozen=True)
class SiteData:
    """Every data file, validated: the single source of the site's facts."""

    directory: Path
    # Each area's own: every area folder must have these.
    site: models.SiteFile = read_from("site.yaml", national=False)
    area_sources: models.SourcesFile = read_from("area_sources.yaml", national=False)
    contacts: models.ContactsFile = read_from("contacts.yaml", national=False)
    venues: models.VenuesFile = read_from("venues.yaml", national=False)
    procedures: models.ProceduresFile = read_from("procedures.yaml", national=False)
    # The same in every MAPPA area of England and Wales.
    sources: models.SourcesFile = read_from("sources.yaml", national=True)
    agencies: models.AgenciesFile = read_from("agencies.yaml", national=True)
    categories: models.CategoriesFile = read_from("categories.yaml", national=True)
    levels: models.LevelsFile = read_from("levels.yaml", national=True)
    read_codes: models.ReadCodesFile = read_from("read_codes.yaml", national=True)
    notification_periods: table_models.NotificationPeriodsFile = read_from("notification_periods.yaml", national=True)
    glossary: models.GlossaryFile = read_from("glossary.yaml", national=True)
    registered_person: guidance_models.RegisteredPersonFile = read_from("registered_person.yaml", national=True)
    if_asked: guidance_models.IfAskedFile = read_from("if_asked.yaml", national=True)
    offences: guidance_models.OffencesFile = read_from("offences.yaml", national=True)
    a_to_z: guidance_models.AToZFile = read_from("a_to_z.yaml", national=True)
    changes: change_models.ChangesFile = read_from(change_models.CHANGES_FILE, national=True)
    documents: dict[str, YamlDocument] = field(default_factory=dict, repr=False, compare=False)
    translation_drafts: tuple[str, ...] = ()  # in another language: where each file still a draft says so ('file:line:column')

    def where(self, filename: str, path: KeyPath) -> str:
        """Where the value at ``path`` in ``filename`` is written, as 'file:line:column'."""
        return self.documents[filename].where(path)

    @property
    def all_sources(self) -> list[models.Source]:
        """National sources, then the area's own."""
        return [*self.sources.sources, *self.area_sources.sources]

    def source(self, source_id: str) -> models.Source:
        """The source cited as ``source_id``; LookupError, in plain words, if there is none."""
        for source in self.all_sources:
            if source.id == source_id:
                return source
        raise LookupError(f"no source with the id '{source_id}' in sources.yaml or area_sources.yaml")


@dataclass(frozen=True)
class DataFile:
    """One data file as :class:`SiteData` declares it: its name, the field it fills, the
    model it is validated as, and whether it is national."""

    name: str
    field: str
    model: type[models.Record]
    national: bool


def _registered() -> dict[str, DataFile]:
    hints = get_type_hints(SiteData)
    return {
        item.metadata["file"]: DataFile(item.metadata["file"], item.name, hints[item.name], item.metadata["national"])
        for item in fields(SiteData)
        if "file" in item.metadata
    }


DATA_FILES: dict[str, DataFile] = _registered()
"""Every data file by its name, in the order SiteData declares them."""
NATIONAL_FILES = tuple(name for name, file in DATA_FILES.items() if file.national)
LOCAL_FILES = tuple(name for name, file in DATA_FILES.items() if not file.national)

PLACEHOLDER = "FILL IN"


def placeholders(value: Any, path: KeyPath = ()) -> list[tuple[KeyPath, str]]:
    """Every value still written as a placeholder ('FILL IN: ...'), with its path."""
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in placeholders(item, path + (key,))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in placeholders(item, path + (index,))]
    return []


def _one_per_place(problems: list[tuple[Problem, bool]]) -> list[Problem]:
    """Every problem once; of those from a union's branches (each branch reports the same
    value its own way), only the first at each line and column."""
    places = {(p.path, p.line, p.column) for p, from_union in problems if not from_union}
    kept: list[Problem] = []
    for problem, from_union in problems:
        place = (problem.path, problem.line, problem.column)
        if from_union and place in places:
            continue
        places.add(place)
        if problem not in kept:
            kept.append(problem)
    return kept


def validate_document(document: YamlDocument, model: type[R]) -> tuple[R | None, list[Problem]]:
    """The document's value as ``model``, or None; and every problem, located and in plain words."""
    unfilled = placeholders(document.value)
    problems = [document.problem(path, "still to fill in: " + text.removeprefix(PLACEHOLDER).lstrip(" :")) for path, text in unfilled]
    try:
        value = model.model_validate(document.value)
    except ValidationError as error:
        found = [(problem, False) for problem in problems]
        for item in error.errors():
            location = strip_union_tags(item["loc"])
            if any(location[: len(path)] == path for path, _ in unfilled):
                continue  # the placeholder is the problem, reported above
            message, at_key = friendly_message(item, model)
            found.append((document.problem(location, message, at_key=at_key), location != tuple(item["loc"])))
        return None, _one_per_place(found)
    return (None if problems else value), problems


def data_file(directory: Path, filename: str, national_dir: Path | None = None) -> Path:
    """Where a data file is read from: the area's folder, or for a national file the
    area leaves out, the national data folder."""
    path = directory / filename
    if filename in NATIONAL_FILES and not path.exists():
        return (national_dir or national_data_dir()) / filename
    return path


def load_data(directory: Path, national_dir: Path | None = None) -> SiteData:
    """Read and validate an area's data folder; raise DataError listing every problem.

    National files the folder does not hold come from ``national_dir`` (by default the
    project's data/ folder).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise DataError([Problem(display_path(directory), 1, 1, "data folder not found")])
    documents: dict[str, YamlDocument] = {}
    values: dict[str, models.Record] = {}
    problems: list[Problem] = []
    for filename, registered in DATA_FILES.items():
        try:
            document = load_yaml(data_file(directory, filename, national_dir))
        except DataError as error:
            problems.extend(error.problems)
            continue
        documents[filename] = document
        value, found = validate_document(document, registered.model)
        problems.extend(found)
        if value is not None:
            values[filename] = value
    problems.extend(unexpected_files(directory))
    if problems:
        raise DataError(problems)
    problems = cross_file_problems(values, documents)
    if problems:
        raise DataError(problems)
    files = {registered.field: values[name] for name, registered in DATA_FILES.items()}  # each file's model, checked above
    return SiteData(directory=directory, documents=documents, **cast(dict[str, Any], files))


def unexpected_files(directory: Path, words: str = "unknown data file") -> list[Problem]:
    """A problem, in ``words``, for each YAML file in ``directory`` that is no data file,
    naming the data file it is closest to."""
    problems = []
    for path in sorted(directory.glob("*.y*ml")):
        if path.name not in DATA_FILES:
            close = difflib.get_close_matches(path.name, list(DATA_FILES), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(display_path(path), 1, 1, f"{words}{hint}"))
    return problems
