"""What the preview server answers, asked with a client that sends paths exactly as written."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from serve_support import Server, edit, get, wait_for_rebuild
from tathya.httpd import safe_path


def test_path_traversal_and_folder_listing_get_404(server, content):
    attempts = [
        "/mini/../../../../etc/passwd", "/mini/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/mini/%2E%2E/content/site.yaml",
        "/mini/en%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/mini/..%5c..%5c..%5cetc%5cpasswd", "/mini/..\\..\\..\\etc\\passwd",
        "/mini//etc/passwd", "/mini/%2fetc%2fpasswd", "/etc/passwd", "//etc/passwd", "/mini/en/../../../content/site.yaml",
        "/mini/%00", "/mini/%ff", "/mini/./en/", "http://127.0.0.1/etc/passwd", "/mini/assets/", "/mini/en/moon-cheese/claims/",
    ]
    answers = {path: get(server, path) for path in attempts}
    assert {path: status for path, (status, _, _) in answers.items()} == dict.fromkeys(attempts, 404)
    assert all("root:" not in body and "languages:" not in body for _, _, body in answers.values())
    assert all("<h1>पेज नहीं मिला</h1>" in body for path, (_, _, body) in answers.items() if path.startswith("/"))


def test_a_symlink_out_of_the_output_folder_is_refused(tmp_path):
    (tmp_path / "out/en").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "out/en/index.html").write_text("page")
    (tmp_path / "out/leak").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "out/home").symlink_to(tmp_path / "out/en", target_is_directory=True)
    assert safe_path(tmp_path / "out", "leak") is None
    assert safe_path(tmp_path / "out", "home/index.html") == (tmp_path / "out/en/index.html").resolve()


def test_root_redirects_to_the_base_path_and_folders_get_their_slash(server):
    assert [(status, headers.get("Location")) for status, headers, _ in
            (get(server, path) for path in ("/", "/mini", "/mini/en", "/mini/en/"))] == [
        (302, "/mini/"), (302, "/mini/"), (302, "/mini/en/"), (200, None)]


def test_pages_keep_their_csp_and_load_the_reload_script_from_the_site(server):
    status, headers, body = get(server, "/mini/en/moon-cheese/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;; '
            "style-src &#39;self&#39;; img-src &#39;self&#39; data:; font-src &#39;self&#39;; connect-src &#39;self&#39;; "
            'base-uri &#39;none&#39;; form-action &#39;self&#39;">') in body
    assert re.search(r'<script src="\.\./\.\./assets/livereload\.js\?build=[0-9a-f]{8}-0" defer></script>', body)
    assert "<script>" not in body
    status, headers, script = get(server, "/mini/assets/livereload.js")
    assert (status, headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    assert 'location.host + "/livereload"' in script


def test_the_error_page_speaks_the_language_of_the_url_and_escapes_the_messages(server, content):
    edit(content / "checks/moon-cheese/claims.yaml", "verdict: false", "verdict: <b>fals</b>")
    wait_for_rebuild(server, 1)
    message = (f"{content}/checks/moon-cheese/claims.yaml:15: unknown verdict &#39;&lt;b&gt;fals&lt;/b&gt;&#39;; "
               "use one of true, mostly-true, misleading, false, unverified\n    verdict: &lt;b&gt;fals&lt;/b&gt;\n</pre>")
    pages = {path: get(server, path) for path in ("/mini/hi/moon-cheese/", "/mini/en/", "/mini/", "/mini/en/new-check/")}
    assert {path: (status, re.search(r'<html lang="(\w+)">', body)[1], re.search(r"<h1>(.*)</h1>", body)[1])
            for path, (status, _, body) in pages.items()} == {
        "/mini/hi/moon-cheese/": (500, "hi", "प्रीव्यू नहीं बन सका"),
        "/mini/en/": (500, "en", "The preview could not be built"),
        "/mini/": (500, "hi", "प्रीव्यू नहीं बन सका"),
        "/mini/en/new-check/": (500, "en", "The preview could not be built"),
    }
    assert all(message in body and "livereload.js?build=" in body for _, _, body in pages.values())
    assert get(server, "/mini/assets/tathya.css")[0] == 200  # the last good build still styles the error page


def test_a_missing_translation_falls_back_with_a_visible_mark(server, content):
    edit(content / "checks/moon-cheese/claims.yaml", ', en: "Is the Moon made of cheese?"}', "}")
    assert wait_for_rebuild(server, 1).startswith("content/checks/moon-cheese/claims.yaml changed: ")
    status, _, body = get(server, "/mini/en/moon-cheese/")
    assert status == 200
    assert '<h1><span lang="hi">क्या चाँद पनीर का बना है?</span> <span class="pending">[translation pending]</span></h1>' in body


def test_the_server_starts_on_broken_content_and_recovers_when_it_is_fixed(content):
    edit(content / "checks/moon-cheese/claims.yaml", "verdict: false", "verdict: fals")
    server = Server(content)
    try:
        assert server.lines[:4] == [
            f"{content}/checks/moon-cheese/claims.yaml:15: unknown verdict 'fals'; use one of true, mostly-true, misleading, false, unverified",
            "    verdict: fals", "build failed: 1 error, site not written", "the browser shows these errors until they are fixed"]
        assert [get(server, path)[0] for path in ("/mini/en/", "/mini/assets/tathya.css", "/mini/assets/nothing.css")] == [500, 200, 404]
        edit(content / "checks/moon-cheese/claims.yaml", "verdict: fals", "verdict: false")
        # On a loaded machine a scan may catch the save half written (a failed rebuild); the next one has it whole.
        assert re.fullmatch(r"content/checks/moon-cheese/claims\.yaml changed: \d+ files rewritten \(26 pages\) in \d+ ms",
                            server.wait_for(r"^content/checks/moon-cheese/claims\.yaml changed: \d+ files rewritten"))
        assert get(server, "/mini/en/")[0] == 200
    finally:
        server.stop()


def test_long_addresses_get_414_and_long_or_odd_names_the_site_s_404(server):
    too_long = {"/mini/" + "a" * 8000: 8006, "/mini/" + "a/" * 6000: 12006, "/mini/" + "%41" * 6000: 18006, "/" + "x" * 20000: 20001}
    for path, length in too_long.items():
        assert get(server, path)[::2] == (
            414, f"refused: the address is {length} characters long; the preview answers up to 4096\n")
    odd = ["/mini/" + "x" * 300 + "/", "/mini/" + ("y" * 250 + "/") * 16, "/mini/en/" + "%e0%a4" * 100, "/mini/%", "/mini/%zz",
           "/mini/%e0%a4", "/mini/%C0%AE%C0%AE/", "/mini/en/%u0041", "/mini/%25%32%65%25%32%65/", "/mini/assets/.hidden",
           "/mini/assets/" + "z" * 4000]
    answers = {path: get(server, path) for path in odd}
    assert {path: status for path, (status, _, _) in answers.items()} == dict.fromkeys(odd, 404)
    assert all("<h1>पेज नहीं मिला</h1>" in body for _, _, body in answers.values())
    assert get(server, "/mini/en/")[0] == 200
    assert "Traceback" not in server.output()


def test_a_request_waits_while_the_output_folder_is_swapped(server):
    out = Path(re.fullmatch(r"built .* into (.+): .*", server.lines[0])[1])
    out.rename(out.with_name("site.old"))  # a build swapping its new folder in leaves none for a moment
    threading.Timer(0.3, out.with_name("site.old").rename, [out]).start()
    status, _, body = get(server, "/mini/en/moon-cheese/")
    assert status == 200 and "<h1>Is the Moon made of cheese?</h1>" in body
    out.rename(out.with_name("site.old"))  # gone for good: after a second, the plain 404
    assert get(server, "/mini/en/moon-cheese/")[::2] == (404, "not found\n")
