"""https goes to the checked address yet verifies the certificate for the URL's host name.

The fetcher connects to an IP address (no second DNS lookup) and names the host in the
TLS SNI extension; these tests show the name is what the certificate is checked against.
"""

import shutil
import ssl
import subprocess

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import ConnectFailed, fetch

HOST = "feeds.harbour.test"


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A throw-away CA and two server certificates, one for HOST and one for another name."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make test certificates")
    d = tmp_path_factory.mktemp("pki")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=newsfold test CA", cwd=d)  # fmt: skip
    for name in (HOST, "other.harbour.test"):
        (d / f"{name}.ext").write_text(f"subjectAltName=DNS:{name}\n")
        openssl("req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr",
                "-subj", f"/CN={name}", cwd=d)  # fmt: skip
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", f"{name}.pem", "-days", "2",
                "-extfile", f"{name}.ext", cwd=d)  # fmt: skip
    return d


def tls_server(pki, cert_name, seen):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki / f"{cert_name}.pem", pki / f"{cert_name}.key")
    context.sni_callback = lambda sslobj, name, ctx: seen.append(name)
    return FetchServer(tls=context)


def test_https_is_verified_for_the_host_name_while_connecting_to_the_address(pki, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(pki / "ca.pem"))
    seen = []
    with tls_server(pki, HOST, seen) as server:
        server.routes["/feed.xml"] = lambda h: reply(h, body=b"<rss/>")
        url = f"https://{HOST}:{server.port}/feed.xml"

        result = fetch(url, test_policy(), resolver=lambda host, port: ["127.0.0.1"])

        assert result.content == b"<rss/>"
        assert result.url == url
        assert seen == [HOST]
        assert server.hits("/feed.xml")[0]["host"] == f"{HOST}:{server.port}"


def test_a_certificate_for_another_name_is_refused(pki, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(pki / "ca.pem"))
    with tls_server(pki, "other.harbour.test", []) as server:
        server.routes["/feed.xml"] = lambda h: reply(h, body=b"<rss/>")

        with pytest.raises(ConnectFailed) as caught:
            fetch(
                f"https://{HOST}:{server.port}/feed.xml",
                test_policy(),
                resolver=lambda host, port: ["127.0.0.1"],
            )

        assert "certificate" in caught.value.message.lower()
        assert server.hits("/feed.xml") == []


def test_an_unknown_certificate_authority_is_refused(pki):
    with tls_server(pki, HOST, []) as server, pytest.raises(ConnectFailed):
        fetch(
            f"https://{HOST}:{server.port}/feed.xml",
            test_policy(),
            resolver=lambda host, port: ["127.0.0.1"],
        )
