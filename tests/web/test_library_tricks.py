"""Speed tricks that lean on Litestar's insides (#31 item 6): each test fails if Litestar changes under it,
so that the trick is looked at again rather than quietly sending something else."""

from __future__ import annotations

import datetime as dt
import email.utils
import inspect
import re

import litestar.response.base
from litestar.datastructures import Cookie

from voice.web.public import DRAFT_COOKIE, _draft_gone, _Encoded


def test_a_cookie_worked_out_once_sends_what_litestar_would() -> None:
    """public._Encoded keeps its Set-Cookie header in the Cookie's __dict__, worked out once."""
    for secure in (False, True):
        cached = _draft_gone("ypag-priorities", secure)
        plain = Cookie(
            key=DRAFT_COOKIE,
            path="/s/ypag-priorities",
            expires=0,
            max_age=0,
            httponly=True,
            samesite="lax",
            secure=secure,
        )
        # The header is made once, so its "expires" is the moment it was made (Litestar writes expires=0 as
        # now): always in the past, and Max-Age=0 says the same. The rest is what Litestar sends each time.
        kept, fresh = cached.to_encoded_header()[1].decode(), plain.to_encoded_header()[1].decode()
        made = email.utils.parsedate_to_datetime(re.search(r"expires=([^;]+);", kept)[1])  # type: ignore[index]
        assert made <= dt.datetime.now(dt.UTC)
        assert re.sub(r"expires=[^;]+;", "", kept) == re.sub(r"expires=[^;]+;", "", fresh)
        assert cached.to_encoded_header()[0] == plain.to_encoded_header()[0] == b"set-cookie"
        assert cached.to_encoded_header() is cached.to_encoded_header()  # worked out once
        assert cached == plain  # the header kept beside the fields is not one of them


def test_litestar_still_lets_a_cookie_keep_more_and_sends_it_through_to_encoded_header() -> None:
    cookie = _Encoded(key="k", value="v")
    cookie.to_encoded_header()
    assert "_header" in vars(cookie), "Litestar's Cookie no longer takes attributes (__slots__?): see public._Encoded"
    assert "to_encoded_header" in inspect.getsource(litestar.response.base), (
        "Litestar no longer sends cookies through Cookie.to_encoded_header: public._Encoded saves nothing"
    )


def test_voice_s_own_embedding_still_gives_what_wordllama_gives() -> None:
    """voice.reading.reader embeds with WordLlama's tokenizer and token vectors directly (no padding, each
    word's ids cached), for speed: if WordLlama changes how it tokenises, pools or normalises, this fails."""
    import numpy as np

    from voice.reading.reader import embed, embedder

    texts = ["i feel safe at home", "my step dad hits me when hes drunk", "idk", "football after school most days"]
    ours, _ = embed(texts)
    # One at a time: voice turned padding off on the shared tokenizer, which WordLlama's batches need.
    theirs = np.vstack([np.asarray(embedder().embed([t], norm=True)) for t in texts])
    assert ours.shape == theirs.shape and float(np.abs(ours - theirs).max()) < 1e-5
