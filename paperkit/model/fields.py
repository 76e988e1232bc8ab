"""Field types shared by the models: localisable text, keys, URLs, dates."""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, PlainValidator, WithJsonSchema

from .dates import PartialDate, parse_partial_date

LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _check_nonblank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text


def _check_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        return _check_nonblank(value)
    if isinstance(value, dict) and value:
        out: dict[str, str] = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not LANG_TAG.match(lang):
                raise ValueError(f"{lang!r} is not a language tag (like en, ja, zh-Hant)")
            if not isinstance(text, str):
                raise ValueError(f"the {lang} text must be text, not {_describe(text)}")
            out[lang] = _check_nonblank(text)
        return out
    raise ValueError(f"expected text, or a mapping from language to text; got {_describe(value)}")


Text = Annotated[
    str | dict[str, str],
    PlainValidator(_check_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "object", "additionalProperties": {"type": "string", "minLength": 1},
                 "propertyNames": {"pattern": LANG_TAG.pattern}, "minProperties": 1},
            ],
            "description": "Text with *emphasis*, **strong**, [links](url) and [^key] citations; "
            "or a mapping from language tag to such text.",
        }
    ),
]
"""Prose: a string in the Markdown subset, or a mapping language → string."""

NonBlank = Annotated[str, AfterValidator(_check_nonblank)]


def _check_key(value: str) -> str:
    if not KEY.match(value):
        raise ValueError("a key is letters, digits and . _ : - (no spaces), starting with a letter or digit")
    return value


Key = Annotated[str, AfterValidator(_check_key)]

FILE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_DEVICE_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)$", re.IGNORECASE)


def _check_file_id(value: str) -> str:
    if not FILE_ID.match(value):
        raise ValueError("an id is up to 100 letters, digits and . _ - (no spaces, slashes or colons), starting "
                         "with a letter or digit: it names the output files")
    if _DEVICE_NAMES.match(value.split(".")[0]):
        raise ValueError(f"{value!r} names a device on Windows (CON, PRN, AUX, NUL, COM1, LPT1 …): files named "
                         "after it could not be opened there; choose another id")
    return value


FileId = Annotated[str, AfterValidator(_check_file_id),
                   WithJsonSchema({"type": "string", "pattern": FILE_ID.pattern,
                                   "description": "Names the output files: <id>.<lang>.pdf …"})]
"""A position id: it names files, so it is safe as a file name on every system."""


def _check_lang(value: str) -> str:
    if not LANG_TAG.match(value):
        raise ValueError(f"{value!r} is not a language tag (like en, en-GB, ja, zh-Hant)")
    return value


LangTag = Annotated[str, AfterValidator(_check_lang)]

_URL = re.compile(r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+|#[^\s]*)$", re.IGNORECASE)


def _check_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError("expected a web address starting with https:// or http://")
    return value


Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri"})]


def _to_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, _date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2024-09-09 or 2024-07; got {_describe(value)}")
    return parse_partial_date(value)


Date = Annotated[
    PartialDate,
    BeforeValidator(_to_partial_date),
    PlainSerializer(str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                    "description": "YYYY-MM-DD, or YYYY-MM for a month-only date"}),
]

_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an e-mail address (like name@example.org)")
    return value


Email = Annotated[str, AfterValidator(_check_email), WithJsonSchema({"type": "string", "format": "email"})]
"""An e-mail address, checked for its shape (a full RFC 5322 parser would cost more than it saves)."""
