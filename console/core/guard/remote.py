"""Remote access: asking the customer to let someone onto their device (AnyDesk, TeamViewer,
向日葵, ToDesk, QuickSupport, screen sharing to take control...).

A remote-access tool and a verb that starts it ("install", "open", "accept", "安装", "打开",
"インストール", "起動", "설치", "실행") anywhere in the same clause make a request. A clause that
removes or closes the tool ("uninstall AnyDesk", "卸载", "削除", "삭제") or only asks about the
past ("Have you installed TeamViewer?", "是否安装过", "インストールしましたか", "설치하신 적이
있나요") is none.
"""

from __future__ import annotations

import re

from .lexicon import Family

__all__ = ["REMOTE_CUE", "REMOTE_PROTECT", "REMOTE_STATE", "REMOTE_STATE_START"]

REMOTE_CUE = Family(
    latin="""
    install; download; open; run; launch; start; use; set up; setup; accept; allow; grant; enable;
    turn on; connect; join; approve; give me; give us; send me; send us; tell me; tell us; share;
    let me; let us; let's; let’s; do a; need; get; go to; click; tap; provide; help; assist; fix;
    solve; walk you through
    """,
    cjk="""
    安装; 安裝; 下载; 下載; 打开; 打開; 开启; 開啟; 运行; 運行; 启动; 啟動; 使用; 用一下; 接受;
    允许; 允許;
    授权; 授權; 同意; 连接; 連接; 连上; 連上; 共享; 分享; 发我; 發我; 给我; 給我; 告诉我; 告訴我;
    提供; 点击;
    點擊; 装一下; 裝一下; 装个; 裝個; 装上; 裝上; 开一下; 開一下; 进行; 進行; 配合; 帮您; 帮你;
    幫您; 幫你;
    协助您; 協助您; 处理; 處理; 操作
    ダウンロード; 起動; 開い; 開き; 使用; 使っ; 利用; 許可; 承認; 接続; 共有; お願い; 立ち上げ
    설치; 다운로드; 다운; 실행; 열어; 켜; 사용; 허용; 수락; 승인; 연결; 공유; 접속; 부탁; 진행;
    도와; 처리;
    해결
    """,
    # "画面共有していただけますか": a noun and a polite "please do".
    cjk_extra=r"インストール(?<!アンインストール)|して(?:ください|下さい|くださ|いただ|頂|もら|くれ|ほし)",
)
REMOTE_PROTECT = Family(
    latin="""
    uninstall*; remov*; delet*; close; closing; disconnect*; revok*; end; ending; quit; exit; stop;
    stopping; kill; terminate; block; deny; reject; decline; cancel; disable; turn off; shut down;
    log out; unfamiliar; unknown; suspicious; unauthorised; unauthorized; malware; virus
    """,
    cjk="""
    卸载; 卸載; 删除; 刪除; 移除; 关闭; 關閉; 断开; 斷開; 退出; 结束; 結束; 停止; 取消; 拒绝; 拒絕;
    禁用;
    关掉; 關掉; 陌生; 可疑; 不明
    アンインストール; 削除; 終了; 切断; 閉じ; 停止; 拒否; ブロック; 無効; 不審; 見覚えのない
    삭제; 제거; 종료; 끊; 차단; 닫; 거부; 해제; 중지; 모르는; 의심
    """,
)
# Questions about the past ("Have you installed AnyDesk?"); the first pattern opens a clause.
REMOTE_STATE_START = re.compile(r"\s*(?:is|are|was|were|do|does|did|have|has|had)(?![a-z])")
REMOTE_STATE = Family(
    latin="did you; have you; had you; were you; has anyone; whether; ever installed; ever used",
    cjk="""
    是否; 有没有; 有沒有; 是不是; 曾经; 曾經; 之前; 安装过; 安裝過; 用过; 用過; 记录; 記錄; 已安装;
    已安裝;
    安装了; 安裝了; 装了; 裝了
    ましたか; でしたか; たことが; かどうか; 履歴; していますか; されていますか; ありますか
    하셨나요; 했나요; 했습니까; 하신 적; 한 적; 있나요; 있으신가요; 있습니까; 여부; 기록
    """,
)
