"""The `newsfold` command as a user runs it: exit codes, one-line errors, output."""

import json

import pytest

from newsfold.__main__ import COMMANDS
from newsfold.sources.models import Feed, Source
from tests.conftest import Route
from tests.ingest.feedbuilder import rss


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_has_help(cli, name):
    result = cli(name, "--help")
    assert result.returncode == 0, result.stderr
    assert b"usage:" in result.stdout


def test_bare_command_lists_the_subcommands(cli):
    result = cli()
    assert result.returncode == 0
    assert all(name.encode() in result.stdout for name in COMMANDS)


def test_add_feed_refuses_a_non_http_url_in_one_line(cli):
    result = cli("add-feed", "file:///etc/passwd")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert b"not an http(s) URL" in result.stderr


def test_add_fetch_and_list_feeds(cli, local_server):
    local_server.routes["/feed.xml"] = Route(body=rss([1, 2]))
    url = local_server.url("/feed.xml")
    assert cli("add-feed", url, "--source", "Harbour Ledger").returncode == 0
    again = cli("add-feed", url)
    assert again.returncode != 0 and b"already subscribed" in again.stderr
    fetched = cli("fetch", "--all")
    assert fetched.returncode == 0, fetched.stderr
    assert b"2 added" in fetched.stdout
    listing = cli("feeds", "--json")
    row = json.loads(listing.stdout.splitlines()[0])
    assert row["source"] == "Harbour Ledger" and row["status"] == "ok"


def test_fetch_exits_non_zero_when_a_feed_fails(cli, local_server):
    local_server.routes["/gone.xml"] = Route(status=410)
    cli("add-feed", local_server.url("/gone.xml"))
    result = cli("fetch", "--all")
    assert result.returncode == 1
    assert b"1 of 1 feed(s) failed" in result.stderr
    listing = cli("feeds").stdout.decode()
    assert "last error" in listing and "410" in listing


def test_fetch_of_an_unknown_feed_is_an_error(cli):
    result = cli("fetch", "999")
    assert result.returncode == 1 and b"no such feed: 999" in result.stderr


def test_import_reports_and_export_lists_articles(cli, tmp_path):
    (tmp_path / "ledger.xml").write_bytes(rss([1, 2, 3]))
    (tmp_path / "junk.bin").write_bytes(b"\x00\x01\x02 binary")
    result = cli("import", str(tmp_path))
    out = result.stdout.decode()
    assert result.returncode == 1  # one file failed
    assert "3 added" in out and "FAILED" in out and "junk.bin" in out
    lines = cli("export").stdout.decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3
    assert set(records[0]) >= {
        "id",
        "url",
        "title",
        "source",
        "published_at",
        "language",
        "text",
        "copies",
    }
    assert records[0]["copies"][0]["source"] == "Harbour Ledger"


def test_import_of_a_missing_path_fails_clearly(cli):
    result = cli("import", "no/such/folder")
    assert result.returncode == 1
    assert b"no such file or folder" in result.stdout


def test_import_rejects_a_bad_capture_time(cli, tmp_path):
    result = cli("import", str(tmp_path), "--captured-at", "yesterday")
    assert result.returncode == 1 and b"--captured-at" in result.stderr


def test_opml_export_round_trips_through_import(cli, tmp_path):
    cli(
        "add-feed",
        "https://ledger.example/feed.xml",
        "--source",
        "Harbour Ledger",
        "--region",
        "Europe",
        "--folder",
        "Islands",
    )
    exported = cli("export-opml")
    assert exported.returncode == 0
    path = tmp_path / "subs.opml"
    path.write_bytes(exported.stdout)
    Feed.objects.all().delete()
    Source.objects.all().delete()

    result = cli("import", str(path))
    assert result.returncode == 0 and b"1 feeds added" in result.stdout
    feed = Feed.objects.select_related("source").get()
    assert (feed.url, feed.folder) == ("https://ledger.example/feed.xml", "Islands")
    assert (feed.source.name, feed.source.region) == ("Harbour Ledger", "Europe")
    again = cli("import", str(path))
    assert b"0 feeds added" in again.stdout and Feed.objects.count() == 1


def test_config_masks_secrets(cli):
    result = cli("config", env={"SECRET_KEY": "hunter2-very-secret"})
    assert result.returncode == 0
    assert b"hunter2" not in result.stdout and b"SECRET_KEY=***" in result.stdout


def test_a_bad_setting_stops_with_its_name(cli):
    result = cli("feeds", env={"NEWSFOLD_MAX_BYTES": "lots"})
    assert result.returncode == 2
    assert b"NEWSFOLD_MAX_BYTES" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_extract_reads_html_from_stdin(cli):
    page = (
        "<html><head><title>Night trains return</title></head><body><nav>Home News</nav>"
        "<article><h1>Night trains return</h1>"
        + "".join(
            f"<p>The night train between the two capitals will run again from spring, "
            f"the operator said in its statement number {i}, after a pause of four years.</p>"
            for i in range(5)
        )
        + "</article><footer>Contact us</footer></body></html>"
    ).encode()
    result = cli("extract", stdin=page)
    assert result.returncode == 0
    assert b"night train between the two capitals" in result.stdout
    assert b"Contact us" not in result.stdout
    fields = json.loads(cli("extract", "--json", stdin=page).stdout)
    assert fields["title"] == "Night trains return"


def test_extract_with_nothing_on_stdin_fails(cli):
    result = cli("extract", stdin=b"")
    assert result.returncode == 1 and b"no HTML on stdin" in result.stderr


def test_a_feed_added_without_a_name_takes_its_outlets_name_from_the_feed(cli, local_server):
    local_server.routes["/feed.xml"] = Route(body=rss([1], title="Kestrel Point Chronicle"))
    cli("add-feed", local_server.url("/feed.xml"))
    assert b"Kestrel Point Chronicle" not in cli("feeds").stdout
    cli("fetch", "--all")
    assert b"Kestrel Point Chronicle" in cli("feeds").stdout


def test_group_prints_a_cluster_for_every_article(cli):
    wire = (
        "The regional water board said on Monday that the Sable dam spillway would open at "
        "dawn after three days of rain, and asked farmers downstream to move their herds to "
        "higher ground before the river rises further over the weekend."
    )
    docs = [
        {"id": "a", "title": "Sable dam spillway to open", "body": wire},
        {"id": "b", "title": "Farmers told to move herds", "body": "AMBERVALE (VWS) - " + wire},
        {
            "id": "c",
            "title": "Chess club wins county shield",
            "body": "The Northgate chess "
            "club beat Redmoor in the final round of the county league on Saturday evening.",
        },
    ]
    stdin = "\n".join(json.dumps(d) for d in docs).encode()
    dup = [json.loads(x) for x in cli("group", "--task", "dup", stdin=stdin).stdout.splitlines()]
    clusters = {row["id"]: row["cluster"] for row in dup}
    assert clusters["a"] == clusters["b"] != clusters["c"]
    bad = cli("group", stdin=b'{"id": "x"}\nnot json\n')
    assert bad.returncode == 1 and b"line 2" in bad.stderr


@pytest.mark.django_db(transaction=True)
def test_refile_files_articles_stored_before_there_were_sections(cli, tmp_path):
    from newsfold.news.models import Article, ArticleTag

    (tmp_path / "ledger.xml").write_bytes(rss([1, 2]))
    cli("import", str(tmp_path))
    # As an older version left them: the feed's own tags kept, nothing filed.
    Article.objects.update(category="", tags=["Sport", "Kessel Strait"])
    ArticleTag.objects.all().delete()
    result = cli("refile")
    assert result.returncode == 0 and b"filed 2 articles" in result.stdout
    assert set(Article.objects.values_list("category", flat=True)) == {"sports"}
    assert ArticleTag.objects.filter(tag__slug="kessel-strait").count() == 2


def test_an_unreachable_database_is_one_line_not_a_traceback(cli):
    # Port 1 on loopback: nothing listens there, the connection is refused at once.
    result = cli("feeds", env={"DATABASE_URL": "postgres://nobody@127.0.0.1:1/newsfold"})
    assert result.returncode == 1
    [line] = result.stderr.decode().strip().splitlines()
    assert line.startswith("newsfold: database error (check DATABASE_URL): OperationalError")
    assert b"Traceback" not in result.stderr
