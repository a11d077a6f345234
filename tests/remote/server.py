# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/remote/server.py PORTFILE LOG PNG - the web server tests/t/remote.sh
fetches images from: 127.0.0.1 only, on a free port written to PORTFILE,
each request logged to LOG as "STATUS PATH [If-None-Match]"."""
import http.server
import os
import sys
import time

PORTFILE, LOG, PNG = sys.argv[1], sys.argv[2], open(sys.argv[3], "rb").read()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def note(self, status):
        with open(LOG, "a") as f:
            inm = self.headers.get("If-None-Match", "") or \
                self.headers.get("If-Modified-Since", "")
            f.write(f"{status} {self.path} {inm}\n".rstrip() + "\n")

    def send(self, status, ctype, body, extra=()):
        self.note(status)
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the slow image's time limit)

    def redirect(self, where):
        self.note(302)
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        p = self.path.split("?")[0]
        if p == "/ok.png":
            if self.headers.get("If-None-Match") == '"v1"':
                self.note(304)
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            self.send(200, "image/png", PNG, [("ETag", '"v1"')])
        elif p == "/dated.png":
            when = "Tue, 01 Dec 2026 10:00:00 GMT"
            if self.headers.get("If-Modified-Since") == when:
                self.note(304)
                self.send_response(304)
                self.end_headers()
                return
            self.send(200, "image/png", PNG, [("Last-Modified", when)])
        elif p == "/also.png":
            self.send(200, "application/octet-stream", PNG)
        elif p == "/hop.png":
            self.redirect("/also.png")
        elif p == "/slow.png":
            time.sleep(4)
            self.send(200, "image/png", PNG)
        elif p == "/huge.png":
            # No length announced: the cap must stop the stream itself.
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            try:
                self.wfile.write(PNG[:8])
                chunk = b"\0" * (1 << 20)
                for _ in range(40):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif p == "/page.png":
            self.send(200, "text/html", b"<html><body>Sign in</body></html>")
        elif p == "/fake.png":
            self.send(200, "image/png", b"this is not a picture at all")
        elif p == "/loop.png":
            self.redirect("/loop.png")
        elif p == "/metadata.png":
            self.redirect("http://169.254.169.254/latest/meta-data/x.png")
        elif p == "/ftp.png":
            self.redirect("ftp://127.0.0.1/x.png")
        else:
            self.send(404, "text/plain", b"not here")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
