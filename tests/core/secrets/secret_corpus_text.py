"""Pieces of ordinary support messages in zh, en, ja, ko for the secret-detection corpus.

Negatives are composed from an opener, an issue, a detail and a closer per language, with slots
for coins, amounts, networks, order ids, dates and transaction hashes (always with transaction
words around them). Positives wrap a secret in a customer sentence (`WRAPPERS`).
"""

from __future__ import annotations

OPENERS = {
    "en": [
        "Hi,",
        "Hello support,",
        "Good morning.",
        "Hey there,",
        "Dear team,",
        "Hi again, it's me.",
        "Sorry to bother you.",
        "Quick question:",
        "Hello, I need some help.",
        "Urgent!",
    ],
    "zh": [
        "你好，",
        "您好，",
        "客服你好，",
        "在吗？",
        "麻烦问一下，",
        "打扰了，",
        "请问一下，",
        "急！",
        "你好客服，",
        "早上好，",
    ],
    "ja": [
        "こんにちは。",
        "お世話になっております。",
        "すみません、",
        "サポートの方へ。",
        "お忙しいところ失礼します。",
        "質問です。",
        "至急お願いします。",
        "おはようございます。",
    ],
    "ko": [
        "안녕하세요.",
        "고객센터 담당자님께,",
        "문의드립니다.",
        "급합니다!",
        "실례합니다.",
        "수고하십니다.",
        "질문이 있어요.",
        "안녕하세요 상담원님.",
    ],
}

ISSUES = {
    "en": [
        "my {coin} deposit has not arrived after {hours} hours.",
        "I withdrew {amount} {coin} on {network} but it still shows pending.",
        "my KYC verification was rejected and I don't know why.",
        "I lost my phone and can't get the 2FA code anymore.",
        "the withdrawal fee for {coin} seems too high today.",
        "my P2P order {order} was marked as paid but the seller did not release.",
        "my futures position was liquidated even though the mark price never hit my level.",
        "I sent {coin} to the wrong network, can it be recovered?",
        "the app keeps logging me out when I open the spot market.",
        "I want to change the email address on my account.",
        "my account is locked after too many password attempts.",
        "why was my withdrawal to {address} cancelled?",
        "the staking reward for last month is missing from my balance.",
        "I can't find the memo tag for my {coin} deposit.",
        "the limit order {order} was filled at a different price than I set.",
        "my bank card payment failed but the money left my account.",
        "I forgot to add the memo when depositing {amount} {coin}.",
        "the copy trading bot closed all my positions at a loss.",
        "my identity check is stuck at the selfie step.",
        "my sub-account transfer of {amount} USDT never showed up.",
        "the funding rate on the perpetual contract looks wrong.",
        "I got an email asking me to verify my wallet, is it from you?",
        "somebody called me claiming to be support and asked for a code.",
        "my referral bonus was not credited this week.",
        "I want to close my account and withdraw everything.",
    ],
    "zh": [
        "我的{coin}充值{hours}个小时了还没到账。",
        "我在{network}上提了{amount}个{coin}，一直显示处理中。",
        "我的实名认证被拒绝了，不知道原因。",
        "手机丢了，收不到谷歌验证码了怎么办？",
        "今天{coin}的提币手续费怎么这么高？",
        "P2P订单{order}我已经付款了，卖家一直不放币。",
        "我的合约仓位被强平了，可是标记价格根本没到。",
        "我把{coin}转到了错误的网络，还能找回吗？",
        "APP一打开现货交易就闪退。",
        "我想修改账户绑定的邮箱。",
        "密码输错太多次，账户被锁定了。",
        "为什么我提到{address}的提现被取消了？",
        "上个月的理财收益没有发放到余额里。",
        "充值{coin}的时候找不到备注标签。",
        "限价单{order}成交价格和我设置的不一样。",
        "银行卡付款失败了，但是钱已经扣了。",
        "充值{amount}个{coin}的时候忘记填写备注了。",
        "跟单机器人把我的仓位全部亏损平仓了。",
        "身份验证一直卡在人脸识别这一步。",
        "子账户划转的{amount} USDT一直没有到。",
        "永续合约的资金费率好像不对。",
        "收到一封邮件让我验证钱包，是你们发的吗？",
        "有人打电话说是客服，问我要验证码。",
        "这周的邀请返佣没有到账。",
        "我想注销账户，把资产全部提走。",
    ],
    "ja": [
        "{coin}の入金が{hours}時間たっても反映されません。",
        "{network}で{amount} {coin}を出金しましたが、ずっと処理中のままです。",
        "本人確認が却下されましたが、理由がわかりません。",
        "スマホをなくして二段階認証のコードが受け取れません。",
        "今日の{coin}の出金手数料が高すぎる気がします。",
        "P2P注文{order}で支払い済みにしたのに、売り手がコインを解放してくれません。",
        "先物のポジションが強制決済されましたが、マーク価格は届いていませんでした。",
        "{coin}を間違ったネットワークに送ってしまいました。取り戻せますか？",
        "アプリで現物取引を開くとすぐ落ちます。",
        "登録しているメールアドレスを変更したいです。",
        "パスワードを何度も間違えてアカウントがロックされました。",
        "{address}への出金がキャンセルされたのはなぜですか？",
        "先月のステーキング報酬が残高に入っていません。",
        "{coin}入金のメモタグが見つかりません。",
        "指値注文{order}が設定と違う価格で約定しました。",
        "カード決済が失敗したのに口座からお金が引かれました。",
        "サブアカウントへの振替{amount} USDTが届きません。",
        "ウォレットの確認を求めるメールが届きましたが、本物ですか？",
        "サポートを名乗る人から電話があり、コードを聞かれました。",
        "アカウントを解約して全額出金したいです。",
    ],
    "ko": [
        "{coin} 입금이 {hours}시간이 지나도 반영되지 않았어요.",
        "{network}로 {amount} {coin} 출금했는데 계속 처리 중으로 나옵니다.",
        "신원 인증이 거절되었는데 이유를 모르겠어요.",
        "휴대폰을 잃어버려서 OTP 코드를 받을 수 없습니다.",
        "오늘 {coin} 출금 수수료가 너무 비싼 것 같아요.",
        "P2P 주문 {order} 결제 완료했는데 판매자가 코인을 안 보내줘요.",
        "선물 포지션이 청산됐는데 마크 가격은 거기까지 가지 않았어요.",
        "{coin}을 다른 네트워크로 잘못 보냈는데 복구할 수 있나요?",
        "앱에서 현물 거래 화면을 열면 바로 꺼집니다.",
        "계정에 등록된 이메일 주소를 바꾸고 싶어요.",
        "비밀번호를 여러 번 틀려서 계정이 잠겼습니다.",
        "{address}로 보낸 출금이 왜 취소되었나요?",
        "지난달 스테이킹 보상이 잔고에 안 들어왔어요.",
        "{coin} 입금 메모 태그를 찾을 수 없어요.",
        "지정가 주문 {order}이 설정한 가격과 다르게 체결됐어요.",
        "카드 결제는 실패했는데 돈은 빠져나갔어요.",
        "하위 계정 이체 {amount} USDT가 아직 안 왔어요.",
        "지갑 인증을 하라는 이메일을 받았는데 진짜인가요?",
        "고객센터라고 하면서 인증 코드를 물어보는 전화가 왔어요.",
        "계정을 해지하고 전부 출금하고 싶습니다.",
    ],
}

DETAILS = {
    "en": [
        "The TXID is {txhash}.",
        "Transaction hash: {txhash}",
        "Here is the tx: https://etherscan.io/tx/0x{hex64}",
        "My UID is {uid}.",
        "Order ID {order}, placed on {date}.",
        "The receiving address was {address}.",
        "I already checked the block explorer and it shows {confirmations} confirmations.",
        "I attached a screenshot of the error.",
        "It happened around {time} UTC.",
        "My xpub for the watch-only wallet is {xpub}.",
        "The reference number from my bank is {longnum}.",
        "The debug blob the app gave me: {blob}",
        "I paid with {fiat} via bank transfer.",
        "The hash of the transaction on the explorer: {txhash}",
        "Ticket number {ticket} from last week is still open.",
    ],
    "zh": [
        "交易哈希是{txhash}。",
        "TXID：{txhash}",
        "区块浏览器链接：https://tronscan.org/#/transaction/{hex64}",
        "我的UID是{uid}。",
        "订单号{order}，下单时间{date}。",
        "收款地址是{address}。",
        "区块浏览器上显示已经有{confirmations}个确认了。",
        "我上传了报错的截图。",
        "大概是北京时间{time}发生的。",
        "观察钱包用的xpub是{xpub}。",
        "银行流水号是{longnum}。",
        "APP给的调试信息：{blob}",
        "我用{fiat}银行转账付的款。",
        "这笔交易的哈希值：{txhash}",
        "上周的工单{ticket}还没有处理。",
    ],
    "ja": [
        "トランザクションハッシュは{txhash}です。",
        "TxID：{txhash}",
        "エクスプローラーのリンク：https://bscscan.com/tx/0x{hex64}",
        "UIDは{uid}です。",
        "注文ID {order}、{date}に発注しました。",
        "受取アドレスは{address}です。",
        "ブロックエクスプローラーでは{confirmations}承認になっています。",
        "エラー画面のスクリーンショットを添付します。",
        "日本時間の{time}ごろに起きました。",
        "銀行の振込番号は{longnum}です。",
        "取引ハッシュ：{txhash}",
        "先週のチケット{ticket}がまだ未対応です。",
    ],
    "ko": [
        "트랜잭션 해시는 {txhash}입니다.",
        "TXID: {txhash}",
        "익스플로러 링크: https://etherscan.io/tx/0x{hex64}",
        "제 UID는 {uid}입니다.",
        "주문 번호 {order}, {date}에 주문했어요.",
        "받는 주소는 {address}였습니다.",
        "블록 익스플로러에서는 {confirmations}번 컨펌됐다고 나와요.",
        "오류 화면 캡처를 첨부했습니다.",
        "한국 시간 {time}쯤 발생했어요.",
        "은행 거래 번호는 {longnum}입니다.",
        "거래 해시: {txhash}",
        "지난주 문의 {ticket}가 아직 처리되지 않았어요.",
    ],
}

CLOSERS = {
    "en": [
        "Thanks.",
        "Thank you in advance!",
        "Please help asap.",
        "Looking forward to your reply.",
        "Regards, Alex",
        "Can you check?",
        "What should I do now?",
        "",
    ],
    "zh": [
        "谢谢！",
        "麻烦尽快处理。",
        "等你们回复。",
        "怎么办啊？",
        "辛苦了。",
        "能帮我查一下吗？",
        "",
    ],
    "ja": ["よろしくお願いします。", "早めの対応をお願いします。", "どうすればいいですか？", ""],
    "ko": ["감사합니다.", "빠른 답변 부탁드립니다.", "어떻게 해야 하나요?", ""],
}

# Ordinary text that is dense in BIP39 English words, and long paragraphs in each language.
PARAGRAPHS = [
    "I have a problem with my account. Last week I made a deposit to the address shown in the "
    "app, but the balance did not change. I checked the network and the amount again and they "
    "are correct. Can you please check what happened and let me know when it will be fixed? "
    "I also want to know if there is any fee for this, because the price of the coin is going "
    "down and I need to sell soon.",
    "Please note that you can only use one account per person. If you have two accounts, "
    "the system may lock both of them until we review the case. To unlock, submit a valid "
    "photo of your ID and a short video where you say today's date.",
    "You have to wait until the network confirms the transfer. After that the funds will show "
    "up in your spot wallet. If they still do not appear after an hour, open a ticket and attach "
    "the proof of payment and the address you used.",
    "My friend told me about your exchange and I opened an account this morning. I want to "
    "buy some bitcoin with my card, but the page says the service is not available in my "
    "country. Is there another way to pay, for example a bank transfer or cash?",
    "Just to be clear, support will never ask for your password, your 2FA code or your secret "
    "recovery words. If anyone does, please report it to us right away and change your "
    "password.",
    "The market was very volatile last night and my stop order did not trigger at the price I "
    "set. I lost a lot of money because of that. I think the system had a problem, so I would "
    "like a review of the order and some kind of compensation.",
    "I tried to reset my password three times but the email never arrives. I checked the spam "
    "folder too. My phone number is also old, so I can't receive the code by SMS either.",
    "您好，我上周在你们平台充值了一笔USDT，链上显示已经成功了，可是我的账户余额一直没有变化。"
    "我已经核对过地址和网络，都是正确的。请帮我查一下到底是什么原因，什么时候能够到账？另外，"
    "如果需要我提供什么资料，请直接告诉我，我会尽快准备。",
    "关于资金安全，平台客服绝不会向您索要密码、验证码或者助记词，也不会要求您远程控制电脑。"
    "如果遇到自称客服的人这样做，请立即停止操作并向官方举报。",
    "昨天晚上行情波动很大，我的止损单没有按照设定的价格触发，导致亏损扩大。我认为是系统出了问题，"
    "希望你们能复核这笔订单，并给出合理的解释和补偿方案。",
    "お世話になっております。先週入金したUSDTがまだ残高に反映されていません。ブロックチェーン上では"
    "完了しているのですが、アドレスとネットワークも確認済みです。原因を調べていただけますか。",
    "サポートがパスワードや認証コード、復元フレーズを聞くことは絶対にありません。そのような"
    "連絡があった場合は、すぐに報告してください。",
    "안녕하세요. 지난주에 USDT를 입금했는데 아직 잔고에 반영되지 않았습니다. 블록체인에서는 "
    "완료로 나오고 주소와 네트워크도 확인했습니다. 원인을 확인해 주실 수 있을까요?",
    "고객센터는 절대로 비밀번호, 인증 코드, 복구 문구를 요구하지 않습니다. 그런 연락을 받으면 "
    "즉시 신고해 주세요.",
    "Withdrawal limits depend on your verification level. Level one accounts can withdraw up to "
    "two thousand dollars per day, level two up to one hundred thousand. You can see your "
    "current limit on the security page.",
    "Hi, I want to report a scam. Someone on a social network said he was from your team and "
    "asked me to connect my wallet to a website to claim a reward. I did not do it, but I want "
    "you to know, because other people may fall for it.",
]

# Where a secret sits in a customer message: text before and after it.
WRAPPERS = {
    "en": [
        ("Hi, my wallet was drained. My recovery phrase is: ", ". Can you freeze my account?"),
        ("I think I got hacked. Here are my 12 words:\n", "\nPlease help me!"),
        ("Support asked me for my seed, so here it is: ", " - is that ok?"),
        ("", ""),
        ("Is this phrase safe?\n", ""),
        ("Backup from my notebook:\n", "\nThanks."),
    ],
    "zh": [
        ("你好，我的钱包被盗了，助记词是：", "。能帮我冻结账户吗？"),
        ("客服让我提供助记词，我的是\n", "\n麻烦尽快处理。"),
        ("我的资产不见了，这是我的助记词 ", " 请帮我看看"),
        ("", ""),
        ("这个助记词安全吗？\n", ""),
    ],
    "ja": [
        ("ウォレットの資産が消えました。復元フレーズは：", "。アカウントを凍結してください。"),
        ("サポートに言われたのでシードを送ります。\n", "\nよろしくお願いします。"),
        ("", ""),
        ("このフレーズは安全ですか？\n", ""),
    ],
    "ko": [
        ("지갑이 털렸어요. 제 복구 문구는: ", ". 계정을 동결해 주세요."),
        ("상담원이 시드 구문을 달라고 해서 보냅니다.\n", "\n빨리 처리해 주세요."),
        ("", ""),
        ("이 문구 안전한가요?\n", ""),
    ],
}

# What customers write around a key, in each language ({key} is the value).
KEY_SENTENCES = {
    "en": [
        "Here is my private key: {key}",
        "my privkey {key} please check my funds",
        "Exported private key from MetaMask:\n{key}\nis it safe?",
        "I imported this key into my wallet: {key}",
        "Secret key = {key}",
        "My wallet private key is {key}, the balance is gone.",
    ],
    "zh": [
        "我的私钥是{key}，帮我看看资产还在吗",
        "私钥：{key}",
        "这是我导出的私钥 {key} 麻烦查一下",
        "钱包私钥 {key}",
    ],
    "ja": [
        "秘密鍵は{key}です。",
        "秘密鍵：{key}",
        "エクスポートしたプライベートキー {key} を確認してください。",
    ],
    "ko": [
        "제 개인키는 {key}입니다.",
        "개인 키: {key}",
        "내보내기 한 프라이빗 키 {key} 확인 부탁드려요.",
    ],
}

COINS = ["BTC", "ETH", "USDT", "SOL", "TRX", "XRP", "BNB", "DOGE", "TON", "USDC"]
NETWORKS = ["TRC20", "ERC20", "BEP20", "Solana", "Arbitrum", "Polygon", "the Bitcoin network"]
FIATS = ["EUR", "USD", "CNY", "JPY", "KRW", "BRL"]
