"""Who is asking: the visitor's address, read the same way by every protection that counts
per visitor (the contact form's rate limit, the login lockout, the search rate limit).

Behind the reverse proxy REMOTE_ADDR is the proxy's address; the visitor's is in
X-Forwarded-For, which only the proxies listed in settings.TRUSTED_PROXIES may be believed
about. gunicorn is given the same list (GUNICORN_FORWARDED_ALLOW_IPS, see gunicorn.conf.py)
for the scheme, so one variable says "this is our proxy" for both.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(raw):
    if "*" in raw:
        return "*"
    networks = []
    for item in raw:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def trusted_proxies():
    """The networks of settings.TRUSTED_PROXIES, or "*" when every sender is trusted."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def _parse_ip(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(address, proxies):
    return proxies == "*" or any(address in network for network in proxies)


def client_ip(request):
    """The visitor's address (an ipaddress object, None if REMOTE_ADDR is not an address).

    In X-Forwarded-For each proxy appends the address it received the request from, and
    everything further left is whatever the client chose to send: the right-most address
    that is not one of our proxies is the visitor.
    """
    remote = _parse_ip(request.META.get("REMOTE_ADDR", ""))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = trusted_proxies()
    if remote is None or not forwarded or not _is_trusted(remote, proxies):
        return remote
    for value in reversed(forwarded.split(",")):
        address = _parse_ip(value)
        if address is None:
            break  # a malformed entry: nothing left of it can be trusted
        if proxies == "*" or not _is_trusted(address, proxies):
            return address
    return remote


def client_key(request):
    """The visitor as a counting key: the address, or its /64 for IPv6 (one household or
    phone usually holds a whole /64, and can pick any address in it)."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
