#!/usr/bin/env python3
"""The "browser" of the OAuth tests, given to mcptask as $MCPTASK_OPENER: requests the authorization URL
(its one argument), expects the authorization server's redirect, and follows it to mcptask's loopback
listener, as a browser would after the person approved. Standard library only; prints nothing."""

import sys
import urllib.error
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def main() -> int:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(sys.argv[1], timeout=10)
        return 1  # no redirect: nothing to follow
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location")
        if error.code not in (302, 303, 307) or not location:
            return 1
    with urllib.request.urlopen(location, timeout=10) as answer:
        answer.read()
    return 0


if __name__ == "__main__":
    sys.exit(main())
