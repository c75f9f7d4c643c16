"""Skeleton files for `cahiers new`: filled in, valid, and passing `cahiers check` as written."""

from __future__ import annotations

import datetime as dt
import json


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), so `NO` or `a: b` stay text."""
    return json.dumps(text, ensure_ascii=False)


def group_yml(title: str, chair: str, association: str, today: dt.date) -> str:
    return f"""title: {_q(title)}
summary: {_q("Une phrase qui dit ce que fait le groupe.")}
status: active
associations: [{association}]
chairs: [{chair}]
members:
  - person: {chair}
    since: {today.isoformat()}
charter: |
  Le groupe « {title} » réunit des membres des organisations adhérentes pour partager leurs
  retours d'expérience et publier des recommandations indépendantes de tout fournisseur.

  Ses travaux sont ouverts, relus par des pairs d'autres organisations, et publiés sous licence
  libre dans le Cahier annuel.
"""


def contribution_md(title: str, author: str) -> str:
    return f"""---
title: {_q(title)}
authors: [{author}]
status: draft
summary: {_q("Une ou deux phrases qui résument la contribution.")}
tags: []
reviewers: []
---

## Constats

Ce que le groupe a observé, chiffres à l'appui[^source].

## Recommandations

1. Une recommandation adressée aux décideurs.

[^source]: Enquête du groupe auprès des organisations membres.
"""


def paper_yml(title: str, editor: str, association: str, today: dt.date) -> str:
    return f"""title: {_q(title)}
subtitle: ""
edition: {_q(str(today.year))}
date: {today.isoformat()}
associations: [{association}]
editors: [{editor}]
license: CC-BY-4.0
preamble: preamble.md
key_messages:
  - title: {_q("Premier message aux décideurs")}
    text: {_q("À rédiger à partir des recommandations des groupes.")}
parts: []
"""


PREAMBLE_MD = """Ce Cahier rassemble les travaux des groupes de l'année. Il est indépendant de tout
fournisseur : chaque contribution a été relue par des pairs issus d'autres organisations.
"""
