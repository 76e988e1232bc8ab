"""Which text of a language mapping serves a language: one rule for the loader and the builder.

A prose field is a string (the same in every language) or a mapping from language tag to
text.  ``pick`` finds the text for a tag: the exact tag, then its base language ("en-GB" →
"en"), then any variant of that base ("zh" → "zh-Hans").  Kept free of Babel and
markdown-it, so that ``paperkit validate`` stays light.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ..errors import PaperkitError


class MissingTranslation(PaperkitError, KeyError):
    """A text has no version in the document's language, and no fallback was given."""

    def __init__(self, lang: str, value: Mapping[str, str]):
        sample = next(iter(value.values()), "")
        sample = sample if len(sample) <= 60 else sample[:57] + "…"
        self.lang = lang
        PaperkitError.__init__(
            self, f"no {lang} translation of {sample!r} (given: {', '.join(value)}); translate it, "
                  "or render with a fallback language (--fallback LANG)")

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0]


def base(lang: str) -> str:
    return lang.split("-")[0].lower()


def chosen_key(value: Mapping[str, str], lang: str) -> str | None:
    """The key of ``value`` whose text serves ``lang`` (exact tag, base language, a variant of it)."""
    if lang in value:
        return lang
    wanted = base(lang)
    if wanted in value:
        return wanted
    return next((key for key in value if base(key) == wanted), None)


def pick(value: Mapping[str, str], lang: str) -> str | None:
    """The text of ``value`` for ``lang`` (exact tag, base language, a variant of it), or None."""
    key = chosen_key(value, lang)
    return None if key is None else value[key]


def unused_keys(value: Mapping[str, str], languages: Iterable[str]) -> list[str]:
    """The keys of ``value`` that no language of ``languages`` would ever print (a misspelt tag)."""
    used = {chosen_key(value, lang) for lang in languages}
    return [key for key in value if key not in used]


def missing_languages(value: Mapping[str, str], languages: Iterable[str]) -> list[str]:
    """The languages of ``languages`` that ``value`` has no text for."""
    return [lang for lang in languages if pick(value, lang) is None]


def localise(value: str | dict[str, str] | None, lang: str, fallback: str | None = None) -> str | None:
    """The text of a possibly-localised field in ``lang`` (exact tag, then base language),
    else in ``fallback``; MissingTranslation when neither is there."""
    if value is None or isinstance(value, str):
        return value
    text = pick(value, lang)
    if text is None and fallback:
        text = pick(value, fallback)
    if text is None:
        raise MissingTranslation(lang, value)
    return text
