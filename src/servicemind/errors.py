"""The one exception tree of servicemind.

::

    ServicemindError                 every error we raise; has a stable ``code`` (E###)
    ├── ConfigError                  a setting, profile or option is wrong            E1xx
    ├── InputError                   input cannot be read or understood               E2xx
    │   ├── FormatDetectionError     no ingest format recognises the file             E201
    │   └── RecordError              one record is bad: names file, line and field     E202
    │       └── RecordWarning        a record kept with a change (a time set to null)   E203
    ├── ModelError                   a trained artefact is missing or does not fit    E3xx
    ├── SchemaError                  an output does not validate against the schema   E4xx
    ├── StoreError                   the database cannot be used                      E5xx
    └── ServeError                   the HTTP API or an external endpoint failed      E6xx

Messages say what went wrong *and* how to fix it. Third-party exceptions are converted
at the boundary (``raise ... from exc``). The CLI prints ``str(error)`` without a
traceback; the HTTP API returns :meth:`ServicemindError.to_dict`.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConfigError",
    "FormatDetectionError",
    "InputError",
    "ModelError",
    "RecordError",
    "RecordWarning",
    "SchemaError",
    "ServeError",
    "ServicemindError",
    "StoreError",
]


class ServicemindError(Exception):
    """Base of every servicemind error."""

    code: str = "E000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        # keep the hint and the subclass's fields when an error crosses a process boundary
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))

    def to_dict(self) -> dict[str, Any]:
        """The one JSON error shape of the API: ``{"error": {"code", "message", "hint",
        "file", "line", "field"}}`` (the last three ``null`` where no record is named)."""
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "hint": self.hint,
                "file": None,
                "line": None,
                "field": None,
            }
        }


def _rebuild(
    cls: type[ServicemindError], args: tuple[Any, ...], state: dict[str, Any]
) -> ServicemindError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class ConfigError(ServicemindError):
    code = "E100"


class InputError(ServicemindError):
    code = "E200"


class FormatDetectionError(InputError):
    code = "E201"


class RecordError(InputError):
    """One bad record. Names the file, the line (1-based) and the field."""

    code = "E202"

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.field = field
        where = ":".join(str(p) for p in (file, line) if p is not None) or "<input>"
        where_field = f" field '{field}'" if field else ""
        super().__init__(f"{where}{where_field}: {reason}", hint=hint)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["error"].update({"file": self.file, "line": self.line, "field": self.field})
        return d


class RecordWarning(RecordError):
    """A record that is kept with a change (a time that is no time set to null): reported
    beside the rejects, with its file, line and field, but nothing was left out, so it is
    not counted as rejected and ``--strict`` does not stop on it."""

    code = "E203"


class ModelError(ServicemindError):
    code = "E300"


class SchemaError(ServicemindError):
    code = "E400"


class StoreError(ServicemindError):
    code = "E500"


class ServeError(ServicemindError):
    code = "E600"
