"""Characters XML 1.0 cannot carry, even escaped.

HTML parsers let them through (a page's `<img src=" &#14; …">`), lxml's XML tree refuses
them with an exception; whatever moves text from one to the other drops them first.
"""

from __future__ import annotations

import re

__all__ = ["xml_safe"]

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    return _INVALID.sub("", value)
