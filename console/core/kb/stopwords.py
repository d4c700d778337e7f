"""Words a customer wraps a question in ("我的…怎么还没…", "how do I…", "…できません") that say
nothing about the topic; dropped from queries unless nothing else is left."""

from __future__ import annotations

__all__ = ["CJK_STOPWORDS", "LATIN_STOPWORDS"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LATIN_STOPWORDS = _words(
    """
    a about after again am an and any are as at be been before being but by can cannot could did
    do does doing done don dont didn doesn for from get got had has have having hello help hi how
    i im i'm if in into is isn it its just me my myself no not now of off on once only or our out
    please should so some still than that the their them then there these they this those to too
    very was wasn we were what when where which while who why will with would yet you your
    ive i've can't won't what's t s
    """
)

CJK_STOPWORDS = _words(
    """
    我 我的 我们 你 你们 您 您好 你好 请问 请 的 了 吗 呢 啊 吧 呀 么 嘛 怎么 怎么办 怎样 怎么样
    如何 为什么 为啥 什么 是 是不是 在 有 没有 和 与 及 或 能 可以 能不能 可不可以 一直 还 还是
    已经 都 就 也 要 想 想要 多久 多长时间 需要 时候 这个 那个 这 那 一下 帮 帮我 给 把 哪里
    哪 谁 到底 不了 不能 无法 没 不 会 该 应该 啥 呃 嗯 后 之后 以后 得 地
    の は が を に で と も か へ や よ ね な です ます ました ません ですか ますか でした ください
    どう どうすれば どうしたら いい よい したい したら する して した しない しています できない
    できません ない なぜ なんで いつ どのくらい どれくらい ている ていない ていません 私 私の
    この その あの まだ とは について こと もの ため から まで なら ば ので けど のに たい
    이 가 을 를 은 는 에 의 도 로 으로 에서 와 과 하고 제 내 저 나 왜 어떻게 언제 얼마나 무엇
    뭐 요 해요 하나요 되나요 돼요 안 못 있나요 없어요 했는데 했어요 하는 좀 너무 아직 수 합니다
    입니다 해야 하면 나요 까요 어디 있어요 되지 않아요 싶어요 하고 싶어요
    """
)
