"""The SSRF guard judges resolved addresses: private and reserved ranges are refused, the
public internet (including the neighbours of every refused range) is not."""

import ipaddress
import json
from pathlib import Path

import pytest

from newsfold.pipeline.errors import BlockedAddress, ConnectFailed
from newsfold.pipeline.netguard import (
    address_allowed,
    is_public_address,
    parse_target,
    resolve_checked,
)
from newsfold.pipeline.types import FetchPolicy

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONTROLS = SHARED / "data" / "hostile" / "ssrf_allow_controls.jsonl"
STRICT = FetchPolicy()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.254",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "198.18.0.1",
        "198.19.255.254", "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.0.0.192",
        "192.88.99.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "0.0.0.0", "0.1.2.3",
        "::1", "::", "fc00::1", "fd00:ec2::254", "fe80::1", "fec0::1", "ff02::1", "100::1",
        "2001:db8::1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::",
        "2002:c0a8:101::1", "::ffff:127.0.0.1", "::ffff:a9fe:a9fe", "::7f00:1",
        "::ffff:0:7f00:1", "2001::1",
    ],
)  # fmt: skip
def test_non_public_addresses_are_refused(address):
    assert not is_public_address(ipaddress.ip_address(address))
    with pytest.raises(BlockedAddress) as caught:
        resolve_checked(parse_target("http://feeds.example.com/"), STRICT, lambda h, p: [address])
    assert (
        address in caught.value.message
        or str(ipaddress.ip_address(address)) in caught.value.message
    )


@pytest.mark.parametrize(
    "address",
    [
        "93.184.215.14", "8.8.8.8", "1.1.1.1", "100.63.255.254", "100.128.0.1",
        "172.15.255.254", "172.32.0.1", "198.17.255.254", "198.20.0.1", "169.253.255.254",
        "11.0.0.1", "126.255.255.254", "128.0.0.1", "2606:4700:4700::1111",
        "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
    ],
)  # fmt: skip
def test_public_addresses_are_allowed(address):
    assert is_public_address(ipaddress.ip_address(address))
    answer = resolve_checked(
        parse_target("http://feeds.example.com/"), STRICT, lambda h, p: [address]
    )
    assert answer == [str(ipaddress.ip_address(address))]


def test_one_private_answer_among_public_ones_refuses_the_name():
    target = parse_target("http://rebind.example.com/")
    with pytest.raises(BlockedAddress):
        resolve_checked(target, STRICT, lambda h, p: ["93.184.215.14", "127.0.0.1"])


def test_ip_literals_are_judged_without_asking_the_resolver():
    def no_lookup(host, port):
        raise AssertionError("literal addresses need no lookup")

    for url in ("http://127.0.0.1/", "http://[::1]/", "http://2130706433/", "http://0x7f.1/"):
        with pytest.raises(BlockedAddress):
            resolve_checked(parse_target(url), STRICT, no_lookup)


def test_the_system_resolver_is_asked_for_names_and_localhost_is_refused():
    with pytest.raises(BlockedAddress) as caught:
        resolve_checked(parse_target("http://localhost/"), STRICT)
    assert "localhost" in caught.value.message


def test_a_name_that_does_not_resolve_is_a_connect_failure():
    def nxdomain(host, port):
        raise OSError("Name or service not known")

    with pytest.raises(ConnectFailed) as caught:
        resolve_checked(parse_target("http://nowhere.invalid/"), STRICT, nxdomain)
    assert "nowhere.invalid" in caught.value.message


def test_allowed_networks_open_only_what_they_name():
    policy = FetchPolicy(allowed_networks=("127.0.0.1", "10.8.0.0/16"))
    assert address_allowed(ipaddress.ip_address("127.0.0.1"), policy)
    assert address_allowed(ipaddress.ip_address("::ffff:127.0.0.1"), policy)
    assert address_allowed(ipaddress.ip_address("10.8.3.4"), policy)
    assert not address_allowed(ipaddress.ip_address("127.0.0.2"), policy)
    assert not address_allowed(ipaddress.ip_address("10.9.0.1"), policy)
    assert not address_allowed(ipaddress.ip_address("::1"), policy)


def test_allow_private_opens_private_networks():
    policy = FetchPolicy(allow_private=True)
    for address in ("192.168.1.10", "10.0.0.1", "fd00::1"):
        assert address_allowed(ipaddress.ip_address(address), policy)


@pytest.mark.shared
def test_the_corpus_allow_controls_pass_the_address_check():
    if not CONTROLS.exists():
        pytest.skip("evaluation data not present: ../shared/data/hostile/ssrf_allow_controls.jsonl")
    rows = [json.loads(line) for line in CONTROLS.read_text(encoding="utf-8").splitlines()]

    def public_dns(host, port):
        return ["93.184.215.14"]  # what example.com's names resolve to publicly

    for row in rows:
        addresses = resolve_checked(parse_target(row["url"]), STRICT, public_dns)
        assert addresses, row
    assert len(rows) >= 19
