"""Rules on links and images: tracking parameters, vendors' commercial pages, vendor logos."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from cahiers.check.review.catalogue import rule
from cahiers.check.review.context import TextContext
from cahiers.check.review.lexicon import CompiledPolicy
from cahiers.check.review.normalize import fold_key
from cahiers.check.review.patterns import match_key
from cahiers.check.review.types import LinkLike
from cahiers.findings import Excerpt, Finding, Location, Severity

_TOKENS = re.compile(r"[^\W_]+")
_LANGUAGE = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2})?$")


def _where(ctx: TextContext, link: LinkLike) -> Location:
    return Location(ctx.scan.text.path, link.line, link.column)


def _host(target: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    """(host, path, parameters) of a web link, or None for any other target."""
    if not re.match(r"(?i)^(?:https?:)?//", target.strip()):
        return None
    parts = urlsplit(target.strip())
    params = parse_qsl(parts.query, keep_blank_values=True)
    params += parse_qsl(parts.fragment, keep_blank_values=True) if "=" in parts.fragment else []
    return (parts.hostname or "").casefold(), parts.path, params


@rule("tracking-link", Severity.WARNING)
def tracking_link(ctx: TextContext) -> Iterator[Finding]:
    """A link that carries tracking or affiliate parameters, or hides its target.

    `utm_*`, `gclid`, `fbclid`, affiliate ids and the like (`policy/links.yml`) tell a vendor
    who sent the reader, and may pay the sender: remove them. Link shorteners and affiliate
    redirectors hide the real target: link to it directly.
    """
    links = ctx.compiled.policy.links
    for link in ctx.scan.text.links:
        parsed = _host(link.target)
        if parsed is None:
            continue
        host, _path, params = parsed
        tracked = [
            name
            for name, _ in params
            if name.casefold() in links.tracking_parameters
            or name.casefold().startswith(links.tracking_prefixes or ("\x00",))
        ]
        if tracked:
            at = link.target.find(tracked[0])
            excerpt = Excerpt(link.target, max(at, 0), max(at, 0) + len(tracked[0]))
            yield from ctx.finding_at(
                "tracking-link",
                _where(ctx, link),
                f"link with tracking parameter{'s' if len(tracked) > 1 else ''} "
                + ", ".join(f"`{t}`" for t in dict.fromkeys(tracked)),
                "remove the tracking parameters and keep the plain address",
                excerpt,
            )
        elif _domain_in(host, links.shorteners | links.affiliate_hosts):
            yield from ctx.finding_at(
                "tracking-link",
                _where(ctx, link),
                f"link through `{host}`, a shortener or affiliate redirector that hides its target",
                "link to the final address directly",
                Excerpt(link.target, 0, len(link.target)),
            )


def _domain_in(host: str, domains: frozenset[str]) -> bool:
    while host:
        if host in domains:
            return True
        host = host.partition(".")[2]
    return False


@rule("vendor-commercial-link", Severity.WARNING)
def vendor_commercial_link(ctx: TextContext) -> Iterator[Finding]:
    """A link to a vendor's commercial pages: home page, pricing, trial, shop, product offers.

    A vendor's documentation, security advisories or published reports are fine sources; its
    storefront is not. The vendor is recognised by the link's domain (the `domains` of the
    organisations registry and of `policy/vendors.yml`), the commercial pages by their path
    (`commercial_paths` in `policy/links.yml`).
    """
    links = ctx.compiled.policy.links
    for link in ctx.scan.text.links:
        parsed = _host(link.target)
        if parsed is None or link.kind == "image":
            continue
        host, path, _params = parsed
        vendor = ctx.compiled.vendor_of_host(host)
        if vendor is None:
            continue
        segments = [s for s in path.casefold().split("/") if s]
        home = all(_LANGUAGE.match(s) for s in segments)
        words = {w for s in segments for w in (s, *re.split(r"[-_.]", s))}
        commercial = sorted(words & links.commercial_paths)
        if home or commercial:
            what = "home page" if home else f"commercial page (`{commercial[0]}`)"
            yield from ctx.finding_at(
                "vendor-commercial-link",
                _where(ctx, link),
                f"link to {vendor.name}'s {what}",
                "cite documentation, a published report or a neutral source instead",
                Excerpt(link.target, 0, len(link.target)),
            )


@rule("vendor-logo", Severity.WARNING)
def vendor_logo(ctx: TextContext) -> Iterator[Finding]:
    """An image that is a vendor's logo, recognised by its file name or its alt text.

    `aws-logo.png`, `partenaires/nuagis.svg`, or an alt text "Logo Nuagis": logos are
    advertising. Diagrams that name several vendors ("Comparaison des architectures") are fine.
    """
    compiled = ctx.compiled
    logo_words = compiled.policy.links.logo_words
    for link in ctx.scan.text.links:
        if link.kind != "image":
            continue
        name = link.target.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        file_tokens = _TOKENS.findall(fold_key(name))
        alt_tokens = _TOKENS.findall(fold_key(link.text))
        logo = bool(logo_words & {*file_tokens, *alt_tokens})
        vendors = _vendors(compiled, file_tokens, loose=logo) | _vendors(
            compiled, alt_tokens, loose=logo
        )
        whole = _whole_name(compiled, file_tokens) or _whole_name(compiled, alt_tokens)
        if (logo and vendors) or whole:
            names = ", ".join(sorted(compiled.vendors[k].name for k in vendors | whole))
            yield from ctx.finding_at(
                "vendor-logo",
                _where(ctx, link),
                f"image looks like the logo of {names} (file `{name}`, alt “{link.text}”)",
                "remove vendor logos; use a neutral diagram, or name vendors in the text",
                Excerpt(link.target, 0, len(link.target)),
            )


def _vendors(compiled: CompiledPolicy, tokens: list[str], *, loose: bool) -> set[str]:
    text = " ".join(tokens)
    found: set[str] = set()
    for m in compiled.main.pattern.finditer(text):
        for ref in compiled.names.get(match_key(m.group()), []):
            if loose or not ref.common:
                found.add(ref.vendor)
    return found


def _whole_name(compiled: CompiledPolicy, tokens: list[str]) -> set[str]:
    refs = compiled.names.get("".join(tokens), []) if tokens else []
    return {r.vendor for r in refs if not r.common}
