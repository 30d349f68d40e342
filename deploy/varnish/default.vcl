#
# Varnish in front of the site's gunicorn (VCL 4.1, Varnish 7.1 as packaged by Debian 12).
#
# What is cached: anonymous GET/HEAD requests, for as long as the site's Cache-Control says
# (s-maxage). The site marks what may be shared; this file never guesses a lifetime: a
# response without max-age/s-maxage, with Set-Cookie, or marked private/no-cache/no-store
# is passed to the visitor and not kept.
#
# Invalidation (sent by the site when an editor publishes; see pole_site/frontend_cache.py):
#   PURGE /path/            drops /path/ and every query-string variant of it (/path/?page=2)
#                           on the request's Host.
#   BAN / + X-Ban-Prefix    drops every URL of the request's Host starting with the prefix
#                           ("/" for the whole site).
# Both are bans on headers stored on the cached object (x-host, x-url), so the ban lurker
# applies them in the background and the ban list stays short.
#
# Run:   varnishd -f /etc/varnish/default.vcl -a :80 -s malloc,256m
#

vcl 4.1;

import std;

# gunicorn. Change .host/.port when it listens elsewhere (e.g. "app" / "8000" in Docker).
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    # Longer than gunicorn's worker timeout (GUNICORN_TIMEOUT, 30 s): gunicorn gives up first.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 35s;
    # Liveness only (/health/ does not touch the database or Redis): a backend marked sick
    # makes Varnish serve its stale copies longer (see req.grace below) instead of errors.
    .probe = {
        .url = "/health/";
        .timeout = 2s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Addresses allowed to send PURGE and BAN: the site's own servers. client.ip is the address
# of the TCP peer (or the one given by the PROXY protocol on a PROXY listener), so list the
# gunicorn hosts here, e.g. "10.0.0.0"/8; or "app"; when the site runs elsewhere.
acl purge {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # The host purges and bans are keyed on: lower case, without port, so that
    # "www.example.fr:443" and "WWW.example.fr" are one site.
    set req.http.x-purge-host = std.tolower(regsub(req.http.host, ":[0-9]+$", ""));

    if (req.method == "PURGE") {
        if (client.ip !~ purge) {
            return (synth(403, "Forbidden"));
        }
        # The path and all its query-string variants. Every character that is not plainly
        # literal in a regular expression is escaped, so "." or "+" in a path match themselves.
        ban("obj.http.x-host == " + req.http.x-purge-host
            + " && obj.http.x-url ~ ^"
            + regsuball(regsub(req.url, "\?.*$", ""), "([^A-Za-z0-9/_%~-])", "\\\1")
            + "(\?|$)");
        return (synth(200, "Purged"));
    }

    if (req.method == "BAN") {
        if (client.ip !~ purge) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.X-Ban-Prefix !~ "^/") {
            return (synth(400, "X-Ban-Prefix must be a path starting with /"));
        }
        ban("obj.http.x-host == " + req.http.x-purge-host
            + " && obj.http.x-url ~ ^"
            + regsuball(req.http.X-Ban-Prefix, "([^A-Za-z0-9/_%~-])", "\\\1"));
        return (synth(200, "Banned"));
    }

    unset req.http.x-purge-host;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # The admin, documents (privacy checks, downloads) and health probes are never cached.
    if (req.url ~ "^/(admin|documents|health)(/|\?|$)") {
        return (pass);
    }

    # A logged-in editor: everything straight from the site.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.http.Authorization) {
        return (pass);
    }

    # Anonymous: no cookie is needed to build a public page (the CSRF cookie the contact form
    # needs is set again by its response, which is never cached). Without it, the site's
    # "Vary: Cookie" does not split the cache into one copy per visitor.
    unset req.http.Cookie;

    # Stale copies cover short backend hiccups; a much longer window when gunicorn is down.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    return (hash);
}

sub vcl_hash {
    # An HTTP request answered by a redirect to HTTPS must not be served to HTTPS requests.
    hash_data(req.http.X-Forwarded-Proto);
    # Then Varnish's own: URL and Host.
}

sub vcl_backend_response {
    # Stored on the object for the bans above (and removed before delivery).
    set beresp.http.x-url = bereq.url;
    set beresp.http.x-host = std.tolower(regsub(bereq.http.host, ":[0-9]+$", ""));

    if (bereq.uncacheable) {
        return (deliver);
    }

    # During a background refresh, an error keeps the stale copy instead of replacing it.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }

    # Only what the site explicitly marks as shareable, for as long as it says.
    if (beresp.status >= 500
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)="
        || beresp.http.Vary == "*") {
        # "Hit-for-miss": later requests go to the site without waiting on each other, and
        # the next cacheable answer for this URL is stored.
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable || obj.hits == 0) {
        set resp.http.X-Varnish-Cache = "MISS";
    } else {
        set resp.http.X-Varnish-Cache = "HIT";
    }
    unset resp.http.x-url;
    unset resp.http.x-host;
}
