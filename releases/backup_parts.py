"""Which tables the archive carries, as each app says in its own `archive` module.

The releases app is the lowest layer, so it cannot import the apps that keep
review links, subscribers or anything added later. Instead each app that has
something to move writes an `archive.py` (found here as Django finds
`admin.py`), and what it says there is read from the module:

- every model of an app with an `archive` module travels, so a model added to
  such an app is carried with no change anywhere;
- `ALSO_KEEPS`: labels of models of other apps (a library's) that this app
  keeps, such as the versions django-reversion stores for releases;
- `LEFT_OUT`: labels this app leaves out on purpose, each with the reason
  the commands print;
- `restored(restore)`: called inside the import's transaction once every row
  is in, with a `Restore` (when the archive was written; this site's ids of
  the users the old site's ids named); it returns lines for the command's
  report. Alerts queue their pending work again there, since the task queue
  is not moved; releases point the user ids inside saved versions at this
  site's users.

A model nobody keeps or leaves out stops both commands with its name: a move
must never lose a table without saying so.
"""

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.module_loading import module_has_submodule

MODULE = "archive"


class ArchiveError(Exception):
    """The archive cannot be written or restored here; the message says why."""


@dataclass
class Restore:
    """What an app's `restored()` is told of the archive just imported."""

    written_at: datetime
    # For each table left out that kept rows name by id (users, content types): the
    # natural key of each of the old site's ids, so ids held as text can be mapped too.
    natural_keys: dict[str, dict[str, list]] = field(default_factory=dict)
    _found: dict[tuple[str, str], Any] = field(default_factory=dict)

    def local_pk(self, model: type[models.Model], old_pk: object) -> Any | None:
        """This site's id of the row the old site called `old_pk`, or None if it has none."""
        label, old = model._meta.label, str(old_pk)
        if (label, old) not in self._found:
            key = self.natural_keys.get(label, {}).get(old)
            self._found[label, old] = None
            if key is not None:
                with suppress(model.DoesNotExist):
                    self._found[label, old] = model._default_manager.get_by_natural_key(*key).pk
        return self._found[label, old]


@dataclass(frozen=True)
class Parts:
    # The models the archive carries, each after the models it refers to.
    models: list[type[models.Model]]
    # Label of each table left out on purpose, with the reason.
    left_out: dict[str, str]
    hooks: list[Callable[[Restore], list[str]]]


def _modules() -> list[tuple[str, ModuleType]]:
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE):
            found.append((config.label, import_module(f"{config.name}.{MODULE}")))
    return found


def _storable(model: type[models.Model]) -> bool:
    return model._meta.managed and not model._meta.proxy and not model._meta.swapped


def parts() -> Parts:
    """Read every app's archive module and check that each table is kept or left out."""
    kept: list[type[models.Model]] = []
    left_out: dict[str, str] = {}
    hooks = []
    for label, module in _modules():
        kept += [m for m in apps.get_app_config(label).get_models() if _storable(m)]
        kept += [apps.get_model(name) for name in getattr(module, "ALSO_KEEPS", ())]
        left_out.update(getattr(module, "LEFT_OUT", {}))
        if hasattr(module, "restored"):
            hooks.append(module.restored)
    kept = [model for model in kept if model._meta.label not in left_out]
    known = {model._meta.label for model in kept} | set(left_out)
    forgotten = sorted(
        model._meta.label
        for model in apps.get_models()
        if _storable(model) and model._meta.label not in known
    )
    if forgotten:
        raise ArchiveError(
            f"No app says whether these tables move: {forgotten}. Keep or leave each out "
            "in its app's archive.py."
        )
    # A table left out takes its many-to-many tables with it (a user's groups).
    for model in list(apps.get_models()):
        if model._meta.label in left_out:
            for relation in model._meta.many_to_many:
                through = relation.remote_field.through
                if through._meta.auto_created:
                    left_out.setdefault(through._meta.label, left_out[model._meta.label])
    return Parts(models=_in_dependency_order(kept), left_out=left_out, hooks=hooks)


def _in_dependency_order(kept: list[type[models.Model]]) -> list[type[models.Model]]:
    """Place each model after the models it refers to.

    serializers.sort_dependencies() orders only by relations to models with
    natural keys, which these have not, so the order is worked out here.
    """
    ordered: list[type[models.Model]] = []

    def place(model: type[models.Model], trail: tuple) -> None:
        if model in ordered or model in trail:
            return
        for relation in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if relation.is_relation and relation.related_model in kept:
                place(relation.related_model, (*trail, model))
        ordered.append(model)

    for model in kept:
        place(model, ())
    return ordered


def through_tables(model: type[models.Model]) -> list[type[models.Model]]:
    """The many-to-many tables Django made for this model, carried with its records."""
    return [
        relation.remote_field.through
        for relation in model._meta.many_to_many
        if relation.remote_field.through._meta.auto_created
    ]


def tables(kept: list[type[models.Model]]) -> list[type[models.Model]]:
    """Every table of these models: each model's own, then its many-to-many tables."""
    return [table for model in kept for table in (model, *through_tables(model))]


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def named_left_out(kept: list[type[models.Model]]) -> list[type[models.Model]]:
    """The tables left out that kept rows refer to, and that have natural keys (users)."""
    named = []
    for model in kept:
        for relation in model._meta.concrete_fields:
            target = relation.related_model if relation.is_relation else None
            if (
                target
                and target not in kept
                and target not in named
                and hasattr(target._default_manager, "get_by_natural_key")
            ):
                named.append(target)
    return named
