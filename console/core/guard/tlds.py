"""Top-level domains and public suffixes the link finder knows (a subset of the Public Suffix
List, https://publicsuffix.org, ICANN section, plus hosting platforms that give every customer a
subdomain). Bare domains ("lumen-support.com") count as links only under a known top-level
domain, so "wallet.dat" and "e.g." are not links; a link with a scheme or "www." is one whatever
its ending.
"""

from __future__ import annotations

__all__ = [
    "BARE_TLDS",
    "FUNCTION_WORD_TLDS",
    "HOSTING_SUFFIXES",
    "SECOND_LEVEL_LABELS",
]

_COUNTRY = """
    ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb be bf bg bh bi bj bm bn bo br bs bt
    bv bw by bz ca cc cd cf cg ch ci cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg
    es et eu fi fj fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr
    ht hu id ie il im in io iq ir is it je jo jp ke kg ki km kn kp kr kw ky kz la lb lc li lk lr
    ls lt lu lv ly ma mc md me mg mh mk ml mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng
    ni nl no nr nu nz om pa pe pf ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se
    sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv
    tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt zm zw
"""
_GENERIC = """
    aero agency app art asia bank bar beauty best bet bid bio biz blog bond boo buzz capital
    cash casino cat center cfd chat city click cloud club codes com community company coop
    country coupons credit cyou date deals design dev diamonds digital discount download earth
    eco edu email energy enterprises events example exchange expert fans finance financial fit
    foo foundation free fun fund fyi game games gift gifts global gold gov green group guru hair
    help holdings host hosting how icu inc info ink insure int international invalid investments
    jobs land lat life limited link live llc loan loans localhost lol ltd makeup market markets
    media meet meme men mil mobi money monster mov name net network new news nexus ninja now one
    online org page partners photo photos pics plus poker post press pro promo pub quest racing
    ren rest review rocks run safe sale sbs secure security services shop site skin social
    software solutions space store stream studio support systems team tech tel test today tools
    top trade trading travel tube ventures video vin vip wang website wiki win work works world
    wtf xyz yachts zip zone
"""
# Cyrillic country and generic domains (a homoglyph attack may also end in one of these).
_CYRILLIC = """
    бг бел дети ею католик ком мкд мон москва онлайн орг рус рф сайт срб укр қаз
"""
# Country endings that are also common file extensions: "main.py", "notes.md", "run.sh",
# "logo.ps", "backup.zip", "clip.mov" are files, not links, when written bare.
_FILE_EXTENSIONS = frozenset({"py", "md", "sh", "rs", "ps", "mk", "pl", "so", "zip", "mov"})


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


BARE_TLDS: frozenset[str] = _words(_COUNTRY + _GENERIC + _CYRILLIC) - _FILE_EXTENSIONS
# Endings that are everyday words: "it.is", "go.to" written without a space are no links unless
# the name also imitates the brand.
FUNCTION_WORD_TLDS: frozenset[str] = _words(
    "is it in at be me to no us so do my go as am an by id im vc la"
)
# "lumen.co.uk", "lumen.com.cn": the registrable name is three labels under these.
SECOND_LEVEL_LABELS: frozenset[str] = _words(
    "com net org co ac gov edu ne or go ltd plc me idv gen biz info in"
)
HOSTING_SUFFIXES: frozenset[str] = _words(
    """
    github.io gitlab.io vercel.app netlify.app herokuapp.com pages.dev workers.dev web.app
    firebaseapp.com appspot.com blogspot.com azurewebsites.net cloudfront.net ngrok.io ngrok.app
    ngrok-free.app glitch.me repl.co replit.app onrender.com fly.dev surge.sh wixsite.com
    weebly.com 000webhostapp.com godaddysites.com myshopify.com carrd.co webflow.io
    framer.website notion.site gitbook.io r2.dev trycloudflare.com
    """
)
