"""A real HTTP server on a free port of 127.0.0.1 that records what is posted to it.

Stands in for a webhook endpoint or a WebSub hub. Each post is answered with
the next of `answers` (a status code, or HANG to say nothing until the
sender gives up), then with the last one again.
"""

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG = "hang"


@dataclass(frozen=True)
class Post:
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    def __init__(self, answers=(204,)):
        self.answers = list(answers)
        self.posts: list[Post] = []
        self.released = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                answers = receiver.answers
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                if answer == HANG:
                    receiver.released.wait(timeout=10)
                    return
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver.posts.append(Post(self.path, headers, body))
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hook"

    def start(self) -> "Receiver":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
