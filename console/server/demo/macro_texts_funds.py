"""Demo macros about deposits, P2P, fees, and the closing follow-up (see macro_texts.py)."""

from __future__ import annotations

from console.core.domain import TicketStatus

from .macro_texts import DemoMacro

DEPOSIT_MEMO: DemoMacro = (
    "Deposit missing memo/tag",
    {
        "en": (
            "Hi {customer_name},\n\n"
            "Deposits of XRP, XLM, EOS, ATOM and similar coins need the memo/tag shown on your "
            "deposit page; without it the funds reach our wallet but cannot be matched to UID "
            "{uid}. We can recover them: please reply with the TxID, the amount, and a screenshot "
            "of the sending platform's withdrawal record. Recovery usually takes 3-5 business "
            "days.\n{agent_name}, Lumen Support"
        ),
        "zh": (
            "{customer_name} 您好,\n\n"
            "XRP、XLM、EOS、ATOM 等币种充值时需要填写充值页面显示的 Memo/标签;未填写时资金会到达"
            "我们的钱包,但无法匹配到 UID {uid}。我们可以为您找回:请回复 TxID、金额,以及转出平台"
            "提币记录的截图。找回通常需要 3-5 个工作日。\n{agent_name},Lumen 客服"
        ),
        "ja": (
            "{customer_name} 様\n\n"
            "XRP、XLM、EOS、ATOM などの入金には入金ページに表示されるメモ/タグが必要です。未入力の"
            "場合、資金は当社ウォレットに届きますが UID {uid} と照合できません。回収可能ですので、"
            "TxID、金額、送金元の出金記録のスクリーンショットをご返信ください。回収には通常 3~5 "
            "営業日かかります。\n{agent_name}(Lumen サポート)"
        ),
        "ko": (
            "{customer_name} 님, 안녕하세요.\n\n"
            "XRP, XLM, EOS, ATOM 등은 입금 페이지에 표시된 메모/태그가 필요합니다. 누락되면 자금은 "
            "저희 지갑에 도착하지만 UID {uid}와 매칭되지 않습니다. 복구가 가능하니 TxID, 금액, 보"
            "낸 "
            "플랫폼의 출금 기록 스크린샷을 회신해 주세요. 복구는 보통 영업일 기준 3~5일 걸립니다.\n"
            "{agent_name}, Lumen 고객지원"
        ),
    },
    TicketStatus.PENDING,
    ["deposit", "missing-memo"],
)

P2P_DISPUTE: DemoMacro = (
    "P2P dispute process",
    {
        "en": (
            "Hi {customer_name},\n\n"
            "We have opened an appeal for your P2P order. While it is under review the seller's "
            "crypto stays locked in escrow, so it cannot be moved by either side.\n"
            "Please upload in the order's Appeal section: the payment receipt or bank statement "
            "showing the transfer, and your chat with the counterparty. Never release crypto befor"
            "e "
            "the payment has arrived in your own account.\n\n"
            "An arbitrator usually decides within 24 hours.\n{agent_name}, Lumen Support"
        ),
        "zh": (
            "{customer_name} 您好,\n\n"
            "我们已为您的 P2P 订单发起申诉。审核期间卖家的数字资产会继续冻结在托管中,任何一方都"
            "无法转移。\n请在订单的「申诉」页面上传:显示转账的付款凭证或银行流水,以及与对方的聊天"
            "记录。在款项到达您本人账户之前,请勿放币。\n\n"
            "仲裁专员通常会在 24 小时内处理。\n{agent_name},Lumen 客服"
        ),
        "ja": (
            "{customer_name} 様\n\n"
            "P2P 注文の申し立てを受け付けました。審査中、売り手の暗号資産はエスクローでロックされ、"
            "どちらの当事者も移動できません。\n注文の「申し立て」欄に、送金を示す支払い証明または"
            "銀行明細と、相手とのチャットをアップロードしてください。ご自身の口座への着金を確認する"
            "まで、暗号資産をリリースしないでください。\n\n"
            "通常 24 時間以内に担当者が判断します。\n{agent_name}(Lumen サポート)"
        ),
        "ko": (
            "{customer_name} 님, 안녕하세요.\n\n"
            "P2P 주문에 대한 이의 제기를 접수했습니다. 검토 중에는 판매자의 암호화폐가 에스크로에 "
            "잠겨 있어 양측 모두 이동할 수 없습니다.\n주문의 '이의 제기' 화면에 송금 내역이 보이는 "
            "결제 영수증 또는 은행 거래 내역과 상대방과의 채팅을 올려 주세요. 본인 계좌에 입금이 "
            "확인되기 전에는 코인을 릴리스하지 마세요.\n\n"
            "중재 담당자가 보통 24시간 이내에 결정합니다.\n{agent_name}, Lumen 고객지원"
        ),
    },
    TicketStatus.PENDING,
    ["p2p", "appeal"],
)

FEES: DemoMacro = (
    "Fee explanation",
    {
        "en": (
            "Hi {customer_name},\n\n"
            "Spot trades are charged 0.10% maker / 0.10% taker, lower with a higher VIP tier or "
            "when you pay fees in LMN. Withdrawal fees are not set by us alone: they cover the "
            "network's own transaction fee and differ by network, so choosing another network (for "
            "example TRC20 instead of ERC20 for USDT) can cost less. The exact fee is shown before "
            "you confirm.\n{agent_name}, Lumen Support"
        ),
        "zh": (
            "{customer_name} 您好,\n\n"
            "现货交易手续费为挂单 0.10% / 吃单 0.10%,VIP 等级越高或使用 LMN 抵扣时更低。提币手续费"
            "用于支付区块链网络本身的矿工费,不同网络费用不同,例如 USDT 选择 TRC20 而非 ERC20 通常"
            "更便宜。确认提币前页面会显示准确费用。\n{agent_name},Lumen 客服"
        ),
        "ja": (
            "{customer_name} 様\n\n"
            "現物取引の手数料はメイカー 0.10%/テイカー 0.10% で、VIP ランクが高い場合や LMN で支払"
            "う"
            "場合は割引されます。出金手数料はブロックチェーンのネットワーク手数料に充てられ、ネット"
            "ワークごとに異なります。たとえば USDT は ERC20 より TRC20 の方が安くなることが多いで"
            "す。"
            "確定前に正確な手数料が表示されます。\n{agent_name}(Lumen サポート)"
        ),
        "ko": (
            "{customer_name} 님, 안녕하세요.\n\n"
            "현물 거래 수수료는 메이커 0.10% / 테이커 0.10%이며 VIP 등급이 높거나 LMN으로 수수료를 "
            "내면 더 낮아집니다. 출금 수수료는 블록체인 네트워크 자체 수수료를 충당하며 네트워크마"
            "다 "
            "다릅니다. 예를 들어 USDT는 ERC20보다 TRC20이 대체로 저렴합니다. 출금 확인 전에 정확한 "
            "수수료가 표시됩니다.\n{agent_name}, Lumen 고객지원"
        ),
    },
    TicketStatus.SOLVED,
    ["fees"],
)

CLOSING: DemoMacro = (
    "Closing follow-up",
    {
        "en": (
            "Hi {customer_name},\n\n"
            "I'm glad we could sort this out. I'll mark ticket #{ticket_id} as solved; if anything "
            "else comes up, just reply here and it will reopen with the whole history.\n\n"
            "Thank you for trading with Lumen.\n{agent_name}, Lumen Support"
        ),
        "zh": (
            "{customer_name} 您好,\n\n"
            "很高兴问题已经解决。我会将工单 #{ticket_id} 标记为已解决;如有其他问题,直接回复本工单即"
            "可重新打开,之前的记录都会保留。\n\n感谢您选择 Lumen。\n{agent_name},Lumen 客服"
        ),
        "ja": (
            "{customer_name} 様\n\n"
            "解決できてよかったです。チケット #{ticket_id} を解決済みにいたします。ほかにご不明な"
            "点が"
            "あれば、このチケットにご返信いただければ履歴ごと再開されます。\n\n"
            "Lumen をご利用いただきありがとうございます。\n{agent_name}(Lumen サポート)"
        ),
        "ko": (
            "{customer_name} 님, 안녕하세요.\n\n"
            "문제가 해결되어 다행입니다. 티켓 #{ticket_id}을 해결됨으로 표시하겠습니다. 다른 문의"
            "가 "
            "있으시면 이 티켓에 회신해 주시면 기존 기록과 함께 다시 열립니다.\n\n"
            "Lumen을 이용해 주셔서 감사합니다.\n{agent_name}, Lumen 고객지원"
        ),
    },
    TicketStatus.SOLVED,
    ["resolved"],
)
