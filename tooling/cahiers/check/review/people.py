"""Rules on who writes and who approves: declared interests, independent review, balance."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from cahiers.check.review.catalogue import rule
from cahiers.check.review.context import PaperContext, TextContext
from cahiers.check.review.links import _host
from cahiers.findings import Finding, Location, Severity
from cahiers.model import span


@rule("undeclared-interest", Severity.ERROR)
def undeclared_interest(ctx: TextContext) -> Iterator[Finding]:
    """An author from a vendor names that vendor or its products without declaring the interest.

    When an author's organisation is a vendor (kind `vendor` in `groups/organizations.yml`)
    and the text names it, one of its products, or links to its domains, the front matter must
    say so under `interests:` (person, organisation, statement). The declaration is printed on
    the paper's transparency page.
    """
    contribution = ctx.contribution
    if contribution is None:
        return
    declared = {(i.person, i.organization) for i in contribution.interests}
    authors_by_vendor: dict[str, list[str]] = defaultdict(list)
    for author in contribution.authors:
        person = ctx.people.get(author)
        org = ctx.organizations.get(person.organization) if person else None
        if org is not None and org.kind == "vendor" and (author, org.id) not in declared:
            authors_by_vendor[org.id].append(author)
    if not authors_by_vendor:
        return
    scan = ctx.scan
    reported: set[str] = set()
    for hit in scan.hits:
        for key in hit.vendors:
            if key in authors_by_vendor and key not in reported:
                reported.add(key)
                yield from _interest(ctx, key, authors_by_vendor[key], hit.start, hit.end)
    for link in scan.text.links:
        parsed = _host(link.target)
        vendor = ctx.compiled.vendor_of_host(parsed[0]) if parsed else None
        if vendor is not None and vendor.key in authors_by_vendor and vendor.key not in reported:
            reported.add(vendor.key)
            location = Location(scan.text.path, link.line, link.column)
            yield from ctx.finding_at(
                "undeclared-interest",
                location,
                _message(ctx, vendor.key, authors_by_vendor[vendor.key], "links to"),
                _hint(authors_by_vendor[vendor.key][0], vendor.key),
            )


def _interest(
    ctx: TextContext, key: str, authors: list[str], start: int, end: int
) -> Iterator[Finding]:
    yield from ctx.finding(
        "undeclared-interest",
        start,
        end,
        _message(ctx, key, authors, "names"),
        _hint(authors[0], key),
    )


def _message(ctx: TextContext, key: str, authors: list[str], verb: str) -> str:
    who = ", ".join(ctx.people[a].name for a in authors)
    return (
        f"the text {verb} {ctx.vendor_name(key)}, employer of {who}, "
        "but the front matter declares no interest"
    )


def _hint(author: str, org: str) -> str:
    return (
        f"add to the front matter: `interests: [{{person: {author}, organization: {org}, "
        "statement: …}]`"
    )


@rule("independent-approval", Severity.ERROR)
def independent_approval(ctx: TextContext) -> Iterator[Finding]:
    """An approved contribution whose review was not independent.

    `status: approved` needs at least two reviewers who are not authors, from at least two
    organisations that are not the authors' own, and at least one of them from a user
    organisation (kind `user`): the people who buy IT, not those who sell it.
    """
    contribution = ctx.contribution
    if contribution is None or contribution.status != "approved":
        return
    author_orgs = {ctx.people[a].organization for a in contribution.authors if a in ctx.people}
    independent = [
        ctx.people[r]
        for r in contribution.reviewers
        if r in ctx.people
        and r not in contribution.authors
        and ctx.people[r].organization not in author_orgs
    ]
    orgs = {p.organization for p in independent}
    users = [
        p
        for p in independent
        if getattr(ctx.organizations.get(p.organization), "kind", "") == "user"
    ]
    problems = []
    if len(independent) < 2 or len(orgs) < 2:
        problems.append(
            f"{len(independent)} independent reviewer{'s' if len(independent) != 1 else ''} "
            f"from {len(orgs)} organisation{'s' if len(orgs) != 1 else ''} (at least 2 and 2)"
        )
    if not users:
        problems.append("none from a user organisation")
    if not problems:
        return
    where = span(contribution.spans, "status", contribution.location)
    yield from ctx.finding_at(
        "independent-approval",
        where,
        "approved without an independent review: " + "; ".join(problems),
        "add `reviewers:` from two other organisations, one of them a user organisation, "
        "or set `status: review`",
    )


@rule("organisation-share", Severity.WARNING, scope="paper")
def organisation_share(ctx: PaperContext) -> Iterator[Finding]:
    """One organisation wrote more than the configured share of a paper's words.

    Each contribution's visible words are shared equally between its authors, and credited to
    their organisations. A warning when one organisation exceeds `organisation_share` of the
    paper (default 40 %), for papers of at least `organisation_share_min_words` words.
    """
    words: dict[str, float] = defaultdict(float)
    for contribution in ctx.contributions:
        count = ctx.words.get(contribution.path, 0)
        orgs = [ctx.people[a].organization for a in contribution.authors if a in ctx.people]
        for org in orgs:
            words[org] += count / len(orgs)
    total = sum(words.values())
    thresholds = ctx.compiled.policy.thresholds
    if total <= 0 or total < thresholds.organisation_share_min_words:
        return
    paper = ctx.paper
    where = span(paper.spans, "parts", paper.location)
    for org, written in sorted(words.items(), key=lambda item: -item[1]):
        share = written / total
        if share > thresholds.organisation_share:
            name = ctx.organizations[org].name if org in ctx.organizations else org
            yield from ctx.finding_at(
                "organisation-share",
                where,
                f"{name} wrote {share:.0%} of the words of `{paper.slug}` "
                f"({written:,.0f} of {total:,.0f}); the limit is "
                f"{thresholds.organisation_share:.0%}",
                "invite contributions from other organisations, or share the writing",
            )
