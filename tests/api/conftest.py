"""The readers' fixtures (articles through the real store, accounts), shared with the API
tests."""

from tests.community.conftest import (  # noqa: F401 - fixtures, found by name
    _no_counts_from_other_tests,
    make_reader,
    signed_in,
)
