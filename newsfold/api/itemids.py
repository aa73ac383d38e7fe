"""Item ids as Google Reader clients write them.

The protocol names an item `tag:google.com,2005:reader/item/<16 hex digits>` in contents
and by the same number in decimal in id lists; clients send back whichever they kept, and
some trim the zeros of the hex or drop the prefix. The number is the article's id.
"""

from __future__ import annotations

import re

from newsfold.ids import valid_id

PREFIX = "tag:google.com,2005:reader/item/"
_HEX = re.compile(r"^[0-9a-fA-F]{1,16}$")
_DECIMAL = re.compile(r"^[0-9]{1,19}$")


class BadItemId(ValueError):
    pass


def long_id(pk: int) -> str:
    return f"{PREFIX}{pk:016x}"


def parse(value: str) -> int:
    """The article id an item id stands for. Raises BadItemId for anything else."""
    text = (value or "").strip()
    if text.startswith(PREFIX):
        digits = text[len(PREFIX) :]
        if not _HEX.match(digits):
            raise BadItemId(f"not an item id: {value[:80]}")
        number = int(digits, 16)
    elif len(text) == 16 and _HEX.match(text):
        number = int(text, 16)  # the long form without its prefix (Reeder)
    elif _DECIMAL.match(text):
        number = int(text)
    else:
        raise BadItemId(f"not an item id: {value[:80]}")
    if not valid_id(number):
        raise BadItemId(f"not an item id: {value[:80]}")
    return number
