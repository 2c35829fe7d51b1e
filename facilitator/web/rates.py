"""Everyone rates, from a phone: the quickscan of the ten success factors, and dots on the tips.

Anonymous by construction. Any phone that entered the join code may rate (no
group or name needed). The server keeps one *rater key* per phone: a one-way
hash of the phone's token, never a name or a participant id. The session stores
only that key with each rating (`Session.phone_ratings`, one per key and factor,
so a re-rate replaces) and each dot set (`Session.dot_votes`, one per key,
changeable until the facilitator closes the vote). The room page gets counts
only: distributions per factor and dots per tip number, no names and no tip text.

The phone ratings are kept apart from the facilitator's own `quickscan` (the
team's ratings typed on the laptop); docs/serve.md says how the two relate.
Its messages are the catalog's ``web.error.*`` keys, the page's labels its ``web.*``
keys (served as /strings.js, like every phone page's).
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING, Any

from aiohttp import web

from facilitator.core import clock as core_clock
from facilitator.core.errors import UserError
from facilitator.core.model import QUICKSCAN_SCALE
from facilitator.services import content
from facilitator.web.api import lang_of, read_json, state_of, visitor_of
from facilitator.web.auth import Visitor
from facilitator.web.body import ApiError
from facilitator.web.i18n import message as base_message

if TYPE_CHECKING:
    from facilitator.web.state import WebState

log = logging.getLogger("facilitator.web")

def message(key: str, lang: str, **params: Any) -> str:
    return base_message(key, lang, **params)


def refuse(request: web.Request, err: ApiError) -> web.Response:
    lang = lang_of(request)
    body = {"error": err.key, "message": message(err.key, lang, **err.params), **err.params}
    return web.json_response(body, status=err.status)


def rater_of(visitor: Visitor) -> str:
    """The phone's anonymous key: a one-way hash of its token (the token itself never reaches the file)."""
    return hashlib.sha256(("facilitator-rater|" + visitor.token).encode()).hexdigest()[:32]


def factors_json(lang: str) -> list[dict[str, Any]]:
    sf = content.success_factors()
    clusters = {n: c.title.get(lang) for c in sf.clusters for n in c.factors}
    return [{"n": f.number, "title": f.title.get(lang), "text": f.quickscan.get(lang),
             "cluster": clusters.get(f.number, "")} for f in sf.factors]


def scale_json(lang: str) -> list[dict[str, str]]:
    sf = content.success_factors()
    return [{"value": v, "label": label.get(lang)} for v, label in zip(sf.scale, sf.scale_labels)]


def phone_view(st: "WebState", rater: str, lang: str) -> dict[str, Any]:
    """A phone's rating page: the factors, its own ratings, the tips and its own dots (no one else's)."""
    session = st.session
    mine = {r.factor: r.rating for r in session.phone_ratings if r.rater == rater}
    vote = next((v for v in session.dot_votes if v.voter == rater), None)
    tips = st.service.tips()
    return {
        "factors": factors_json(lang),
        "scale": scale_json(lang),
        "mine": {str(k): v for k, v in mine.items()},
        # Tips by number and text only: never the group, the author or another phone's dots.
        "tips": [{"id": n.id, "n": i, "text": n.text} for i, n in enumerate(tips, 1)],
        "dots": session.dots,
        "my_dots": list(vote.notes) if vote else [],
        "closed": session.voting_closed,
    }


async def view(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    lang = lang_of(request)
    rater = rater_of(visitor)

    def answer() -> dict[str, Any]:
        st.refresh()
        return phone_view(st, rater, lang)

    return web.json_response(await st.call(answer))


def _saved_or_503(st: "WebState", result):
    if not st.service.saved and not st.service.flush():
        log.warning("not saved yet: %s", st.service.last_error)
        raise ApiError(503, "not_saved")
    return result


async def rate(request: web.Request) -> web.Response:
    """One factor's rating from this phone; the same factor again replaces it."""
    try:
        visitor = visitor_of(request)
        st = state_of(request)
        data = await read_json(request)
        factor, rating = data.get("factor"), data.get("rating")
        if isinstance(factor, bool) or not isinstance(factor, int) or not 1 <= factor <= 10:
            raise ApiError(400, "rate_factor_unknown")
        if rating not in QUICKSCAN_SCALE:
            raise ApiError(400, "rate_value_unknown")
        rater = rater_of(visitor)

        def save() -> dict[str, Any]:
            st.refresh()
            saved = st.service.rate_from_phone(rater, factor, rating)
            return {"factor": saved.factor, "rating": saved.rating}

        body = await st.call(save, after=lambda r: _saved_or_503(st, r))
    except ApiError as err:
        return refuse(request, err)
    st.changed({"kind": "rating", "factor": factor})
    return web.json_response({"ok": True, "saved": True, **body})


async def dots(request: web.Request) -> web.Response:
    """This phone's whole set of dots (replaces the earlier one) until the vote is closed."""
    try:
        visitor = visitor_of(request)
        st = state_of(request)
        data = await read_json(request)
        chosen = data.get("notes")
        if not isinstance(chosen, list) or not all(isinstance(x, str) and len(x) <= 64 for x in chosen):
            raise ApiError(400, "bad_request")
        rater = rater_of(visitor)

        def save() -> list[str]:
            st.refresh()
            session = st.session
            if session.voting_closed:
                raise ApiError(409, "dots_closed")
            if len(chosen) > session.dots:
                raise ApiError(400, "dots_too_many", dots=session.dots)
            if any(n not in {t.id for t in st.service.tips()} for n in chosen):
                raise ApiError(409, "dots_not_tip")
            try:
                vote = st.service.cast_dots(rater, chosen)
            except UserError as exc:
                log.info("dots refused: %s", exc)
                raise ApiError(400, "bad_request") from None
            return list(vote.notes)

        mine = await st.call(save, after=lambda r: _saved_or_503(st, r))
    except ApiError as err:
        return refuse(request, err)
    st.changed({"kind": "dots"})
    return web.json_response({"ok": True, "saved": True, "my_dots": mine})


# -- the room page: counts only -----------------------------------------------------------
def room_part(st: "WebState", lang: str) -> dict[str, Any]:
    """What the projector shows of the ratings: distributions per factor, dots per tip number.

    Which panel shows follows the agenda: the dots in Plenair (when there are tips),
    nothing during Dialoog and Oefenen, else the phones' quickscan once anyone rated.
    Never a name, a tip's text or a single phone's choice.
    """
    session = st.session
    kind = None
    if session.phases:
        try:
            kind = session.phases[core_clock.replay(session.phases, session.clock, st.service.now()).current].kind
        except core_clock.ClockLogError:
            kind = None
    out: dict[str, Any] = {"show": None}
    if kind == "plenary":
        counts = st.service.dot_counts()
        if counts:
            out["show"] = "dots"
            out["dots"] = {"tips": [{"n": i, "count": c} for i, c in enumerate(counts.values(), 1)],
                           "voters": sum(1 for v in session.dot_votes if v.notes),
                           "closed": session.voting_closed}
        return out
    if kind in ("dialogue", "practice") or not session.phone_ratings:
        return out
    dist = st.service.phone_quickscan()
    titles = {f["n"]: f["title"] for f in factors_json(lang)}
    out["show"] = "quickscan"
    out["quickscan"] = {
        "scale": scale_json(lang),
        "raters": len({r.rater for r in session.phone_ratings}),
        "factors": [{"n": n, "title": titles.get(n, str(n)), "counts": scan.counts, "total": scan.raters}
                    for n, scan in sorted(dist.items())],
    }
    return out


async def room(request: web.Request) -> web.Response:
    try:
        visitor_of(request)
    except ApiError as err:
        return refuse(request, err)
    st = state_of(request)
    lang = lang_of(request)

    def answer() -> dict[str, Any]:
        st.refresh()
        return room_part(st, lang)

    return web.json_response(await st.call(answer))


def add_routes(app: web.Application) -> None:
    """The rating endpoints (app.py serves the page itself, /rate)."""
    app.router.add_get("/api/rates", view)
    app.router.add_post("/api/rate", rate)
    app.router.add_post("/api/dots", dots)
    app.router.add_get("/api/room/rates", room)

