"""What the demo's departments answer to an escalation, in the ticket's language.

Internal answers to the agent (the customer never sees them), in the tone of a back-office team:
what they checked, what they decided, and what the agent should tell the customer.
"""

from __future__ import annotations

import random

from console.core.domain import Department

TEAM_NAMES: dict[Department, dict[str, str]] = {
    Department.SECURITY: {
        "en": "Security team",
        "zh": "安全团队",
        "ja": "セキュリティチーム",
        "ko": "보안팀",
    },
    Department.RISK_AML: {
        "en": "Risk & AML",
        "zh": "风控与反洗钱",
        "ja": "リスク・AML",
        "ko": "리스크·AML팀",
    },
    Department.FINANCE: {"en": "Finance", "zh": "财务部", "ja": "財務部", "ko": "재무팀"},
    Department.ENGINEERING: {
        "en": "Engineering",
        "zh": "技术部",
        "ja": "エンジニアリング",
        "ko": "엔지니어링팀",
    },
    Department.COMPLIANCE: {
        "en": "Compliance",
        "zh": "合规部",
        "ja": "コンプライアンス",
        "ko": "컴플라이언스팀",
    },
}

ANSWERS: dict[Department, dict[str, list[str]]] = {
    Department.SECURITY: {
        "en": [
            "Checked the login history: two sessions from an unknown device and IP were ended and "
            "the account stays locked. The customer should reset the password and re-bind 2FA "
            "after face verification; we will unlock within 24 h once that is done.",
            "No sign of compromise: the new-device login matches the customer's usual region and "
            "device model. Safe to lift the withdrawal hold; remind them never to share 2FA codes.",
        ],
        "zh": [
            "已核查登录记录:来自陌生设备和 IP 的两个会话已被强制下线,账户保持锁定。请客户完成人脸"
            "验证后重置密码并重新绑定二次验证,完成后我们会在 24 小时内解锁。",
            "未发现被盗迹象:新设备登录与客户常用地区和机型一致,可以解除提币限制。请提醒客户不要向"
            "任何人提供验证码。",
        ],
        "ja": [
            "ログイン履歴を確認し、不明な端末と IP からの 2 つのセッションを終了しました。アカウン"
            "トは"
            "ロックのままです。顔認証後にパスワード変更と 2FA の再設定をご案内ください。完了後 24 "
            "時間"
            "以内にロックを解除します。",
        ],
        "ko": [
            "로그인 기록을 확인해 알 수 없는 기기와 IP의 세션 두 개를 종료했고 계정은 잠금 상태로 "
            "유지됩니다. 얼굴 인증 후 비밀번호 재설정과 2FA 재등록을 안내해 주세요. 완료되면 24시"
            "간 "
            "이내에 잠금을 해제합니다.",
        ],
    },
    Department.RISK_AML: {
        "en": [
            "The withdrawal was held by an automatic rule (new address, amount above the usual "
            "pattern). Reviewed and released; it should broadcast within 30 minutes.",
            "We need the source of funds before releasing: please ask the customer for a bank "
            "statement or trade history covering the deposit. The hold stays until then.",
        ],
        "zh": [
            "该笔提币因自动风控规则被拦截(新地址且金额高于日常水平)。已复核并放行,预计 30 分钟内"
            "广播上链。",
            "放行前需要资金来源证明:请客户提供覆盖该笔充值的银行流水或交易记录,在此之前继续冻结。",
        ],
        "ja": [
            "自動ルール(新しいアドレス、通常より大きい金額)により保留されていました。確認のうえ"
            "解除しました。30 分以内にブロードキャストされる見込みです。",
        ],
        "ko": [
            "자동 규칙(새 주소, 평소보다 큰 금액)으로 출금이 보류되었습니다. 검토 후 해제했으며 "
            "30분 이내에 전송될 예정입니다.",
        ],
    },
    Department.FINANCE: {
        "en": [
            "Found the deposit on chain; it was credited to the wrong sub-account. Moved to the "
            "customer's spot wallet just now, ledger reference FIN-2291.",
            "The refund of the duplicated fee was approved and will be credited within 1 "
            "business day.",
        ],
        "zh": [
            "已在链上找到该笔充值,之前误入了子账户,现已划转至客户现货账户,账务编号 FIN-2291。",
            "重复扣除的手续费退款已批准,将在 1 个工作日内到账。",
        ],
        "ja": [
            "オンチェーンで入金を確認しました。別のサブアカウントに入金されていたため、現物ウォレ"
            "ットへ"
            "振替済みです(台帳番号 FIN-2291)。",
        ],
        "ko": [
            "체인에서 입금을 확인했습니다. 다른 하위 계정에 입금되어 있어 방금 현물 지갑으로 옮겼"
            "습니다"
            "(원장 번호 FIN-2291).",
        ],
    },
    Department.ENGINEERING: {
        "en": [
            "Confirmed a bug in the order history export for this region; a fix ships in tonight's "
            "release. The customer's balances and orders were never affected.",
            "The wallet node for this network was behind by a few hundred blocks; it has caught up "
            "and the pending deposits are being credited now.",
        ],
        "zh": [
            "已确认该地区订单历史导出存在缺陷,修复将在今晚发版上线。客户的资产和订单未受影响。",
            "该网络的钱包节点落后了数百个区块,现已同步完成,待入账的充值正在陆续到账。",
        ],
        "ja": [
            "このネットワークのウォレットノードが数百ブロック遅れていましたが、同期が完了し、保留"
            "中の"
            "入金は順次反映されています。",
        ],
        "ko": [
            "이 네트워크의 지갑 노드가 수백 블록 뒤처져 있었으나 동기화가 끝나 대기 중인 입금이 "
            "지금 반영되고 있습니다.",
        ],
    },
    Department.COMPLIANCE: {
        "en": [
            "The account was restricted because the residence document expired. Once the customer "
            "uploads a valid proof of address in the app, the restriction is lifted automatically.",
            "Request reviewed: we cannot share another user's details with the customer. Advise "
            "them to file a police report; we respond to law-enforcement requests directly.",
        ],
        "zh": [
            "账户因居住证明过期被限制。客户在 App 内上传有效的地址证明后,限制会自动解除。",
            "已审阅该请求:我们不能向客户提供其他用户的信息。请建议客户报警,我们会直接配合执法机构"
            "的调取请求。",
        ],
        "ja": [
            "居住証明の期限切れにより制限されています。アプリで有効な住所証明をアップロードいただ"
            "ければ、"
            "制限は自動的に解除されます。",
        ],
        "ko": [
            "거주 증명 서류가 만료되어 계정이 제한되었습니다. 앱에서 유효한 주소 증명을 올리면 제"
            "한이 "
            "자동으로 해제됩니다.",
        ],
    },
}


def department_answer(department: Department, language: str, rng: random.Random) -> tuple[str, str]:
    """(answer, team name) in `language`, English when the department has no such texts."""
    texts = ANSWERS[department]
    lang = language if language in texts else "en"
    names = TEAM_NAMES[department]
    return rng.choice(texts[lang]), names.get(lang, names["en"])
