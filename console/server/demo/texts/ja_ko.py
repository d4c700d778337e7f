"""Japanese and Korean templates: a smaller set, as these queues see far less traffic."""

from console.core.domain import Category

OPENINGS_JA = {
    Category.DEPOSIT_WITHDRAWAL: """
== dep_not_credited | deposit not-credited | deposit
{asset}（{network}）の入金が反映されません
{date} {time} に外部ウォレットから {amount} {asset} を入金しました。
エクスプローラーでは {conf} 承認済みですが、口座に反映されていません。
TxID：{tx}
ご確認をお願いします。

== wd_under_review | withdrawal under-review | withdrawal
出金が「審査中」のまま進みません
{amount} {asset} の出金が {hours} 時間「審査中」のままです。
送金先は {address}（{network}）です。いつ頃完了しますか。
""",
    Category.ACCOUNT_SECURITY: """
== sec_stolen | stolen-account unauthorized-withdrawal | withdrawal !
【至急】身に覚えのない出金がありました
{amount} {asset} が知らないアドレス {address} に出金されました。私の操作ではありません。
すぐにアカウントを凍結してください。

== sec_2fa_lost | 2fa-lost | ^
機種変更で二段階認証が使えなくなりました
新しいスマホに認証アプリを移行しておらず、ログインできません。
二段階認証のリセット方法を教えてください。
""",
    Category.KYC: """
== kyc_blurry | kyc-rejected document
本人確認が「画像が不鮮明」で否認されました
{doc}の写真を何度撮り直しても否認されます。スキャン画像でも大丈夫でしょうか。
""",
    Category.SPOT: """
== spot_limit_unfilled | limit-order unfilled
指値注文が約定しません
{pair} の指値注文（{price}、注文番号 {order}）が、
価格に到達したのに約定していません。理由を教えてください。
""",
    Category.FUTURES_MARGIN: """
== fut_liquidation | liquidation dispute ^
{symbol} の強制ロスカットについて
{time} に {symbol} {leverage} のロングが {liq_price} でロスカットされました。
他の取引所ではその価格まで下がっていません。マーク価格の計算方法を教えてください。
""",
    Category.P2P: """
== p2p_seller_not_release | p2p-appeal not-released ^
P2P：支払い済みなのに売り手が暗号資産を解放しません
注文 {p2p_order} で {fiat_amount} {fiat} を支払い、{minutes} 分経ちましたが、
{merchant} さんから返信がありません。支払い証明はあります。
""",
    Category.EARN: """
== earn_redeem_delay | redemption
フレキシブルの償還がまだ届きません
{date} に {earn_amount} USDT を償還しましたが、まだ資金口座に戻っていません。
""",
    Category.WEB3_WALLET: """
== w3_swap_failed | swap-failed gas
Web3ウォレットのスワップが失敗し、ガス代だけ引かれました
{chain} で {token} へのスワップが失敗しましたが、ガス代 {gas} が差し引かれています。Tx {dex_tx}
""",
    Category.API: """
== api_timestamp | timestamp recv-window
API で 40103 タイムスタンプエラーが出ます
{city} のサーバーから呼び出すと、時々 {api_code} {api_msg} が返ってきます。対処法を教えてください。
""",
    Category.FEES: """
== fee_tier_mismatch | fee-tier vip
VIP {vip} の手数料率が適用されていません
VIP {vip} になったのに、最近の約定（注文番号 {order}）は通常の手数料率でした。確認をお願いします。
""",
}

OPENINGS_KO = {
    Category.DEPOSIT_WITHDRAWAL: """
== dep_not_credited | deposit not-credited | deposit
{asset} ({network}) 입금이 반영되지 않았습니다
{date} {time}에 외부 지갑에서 {amount} {asset}를 입금했습니다.
익스플로러에서는 {conf}건 컨펌이 완료됐는데 계정에 반영되지 않았습니다.
TxID: {tx}
확인 부탁드립니다.

== dep_missing_memo | deposit memo-missing | deposit assets=XRP/TON
{asset} 입금 시 메모(태그)를 빠뜨렸습니다
다른 거래소에서 {amount} {asset}를 보내면서 데스티네이션 태그를 입력하지 않았습니다.
TxID {tx}입니다. 제 태그는 {memo}입니다. 수동으로 반영 가능한가요?
""",
    Category.ACCOUNT_SECURITY: """
== sec_new_device | new-device suspicious-login | !
제 기기가 아닌 곳에서 로그인 알림이 왔습니다
오늘 {time}에 {city}에서 {device}로 로그인했다는 알림을 받았습니다. 저는 {city_home}에 있습니다.
비밀번호는 이미 변경했습니다. 자산은 안전한가요?

== sec_fake_support | impersonation scam | ^
텔레그램에서 Lumen 고객센터를 사칭하는 사람이 연락했습니다
"보안 업그레이드"가 필요하다며 USDT를 {address}로 옮기라고 합니다. 아직 보내지 않았습니다.
공식 직원이 맞나요?
""",
    Category.KYC: """
== kyc_slow | kyc-pending
본인 인증이 {days}일째 심사 중입니다
{date}에 고급 인증을 제출했는데 아직도 "심사 중"입니다. 인증이 끝나야 출금할 수 있어서 급합니다.
""",
    Category.SPOT: """
== spot_balance | insufficient-balance
USDT가 있는데 "잔액 부족"이 뜹니다
계정에 USDT가 있는데 {base}를 사려고 하면 계속 "사용 가능 잔액 부족"이라고 나옵니다.
""",
    Category.FUTURES_MARGIN: """
== fut_funding | funding-fee
펀딩비가 너무 많이 빠져나갑니다
{symbol} 숏 포지션을 들고 있는데 8시간마다 펀딩비가 빠지고, 최근 비율은 {funding}입니다.
펀딩비는 거래소가 가져가는 건가요?
""",
    Category.P2P: """
== p2p_not_paid | p2p-appeal payment-not-received ^
구매자가 입금 완료를 눌렀는데 돈이 안 들어왔습니다
P2P 주문 {p2p_order}에서 구매자가 입금 완료를 눌렀지만 {fiat_amount} {fiat}가 들어오지 않았습니다.
코인을 풀어줘야 하나요?
""",
    Category.EARN: """
== earn_apr_mismatch | apr
실제 이자가 APR과 다릅니다
{product} APR이 {apr}인데 {earn_amount} USDT를 넣고 받은 일일 보상이 계산의 절반 정도입니다.
""",
    Category.WEB3_WALLET: """
== w3_token_missing | token-not-shown
구매한 토큰이 지갑에 보이지 않습니다
{chain}에서 {token}을 샀고 익스플로러에는 보이는데 Lumen Web3 지갑에는 안 보입니다.
""",
    Category.API: """
== api_rate_limit | rate-limit
API 42901 요청 한도 초과 오류
변동성이 클 때 그리드 전략에서 {api_code} {api_msg} 오류가 자주 납니다. 한도를 올릴 수 있나요?
""",
    Category.FEES: """
== fee_withdrawal_high | withdrawal-fee
{asset} 출금 수수료가 너무 높습니다
{network} 네트워크로 {asset}를 출금하는데 수수료가 {wd_fee} {asset}입니다.
더 저렴한 네트워크가 있나요?
""",
}

POOLS_JA = """
== any.ask
Lumen サポートへお問い合わせいただきありがとうございます。
確認のため、スクリーンショットと発生日時をお送りいただけますでしょうか。
--
ご連絡ありがとうございます。発生日時と画面に表示された内容を詳しくお知らせください。
== deposit.ask
{network} の入金は {need} 承認後に反映されます。TxID とエクスプローラーの画面をお送りください。
ウォレットチームに確認を依頼いたします。
== account_security.ask
資産保護のため、アカウントの出金と取引を一時的に停止し、セキュリティチームへ引き継ぎました。
ログインパスワードとメールのパスワードを直ちに変更してください。
Lumen のスタッフがパスワードや認証コードを尋ねることは絶対にありません。誰にも教えないでください。
== account_security.hold
本件はセキュリティチームが担当しております（案件番号 {case}）。
調査中はアカウントを凍結したままにいたします。
== account_security.resolve
セキュリティチームによる調査が完了しました。調査結果はご登録のメールアドレスにお送りしています。
== any.details
スクリーンショットを添付しました。ご確認ください。
== any.hold
担当チームに確認を依頼しました。進捗があり次第ご連絡いたします。
== any.note
担当チームへエスカレーション済み {ref}。
== any.resolve
確認が完了し、問題は解決いたしました。ほかにご不明点があればお気軽にご返信ください。
== any.followup
その後の進捗はいかがでしょうか。
--
エラー画面のスクリーンショットを追加しました。
--
急ぎの資金なので、できるだけ早く対応をお願いします。
== any.thanks
確認できました。ありがとうございました。
"""

POOLS_KO = """
== any.ask
Lumen 고객센터에 문의해 주셔서 감사합니다. 확인을 위해 스크린샷과 발생 시간을 보내 주시겠어요?
--
문의 감사합니다. 발생 시간과 화면에 표시된 내용을 자세히 알려 주세요.
== deposit.ask
{network} 입금은 {need}건 컨펌 후 반영됩니다. TxID와 익스플로러 화면을 보내 주시면
지갑 팀에 확인을 요청하겠습니다.
== account_security.ask
자산 보호를 위해 계정의 출금과 거래를 일시 중지하고 보안팀에 이관했습니다.
로그인 비밀번호와 이메일 비밀번호를 즉시 변경해 주세요.
Lumen 직원은 절대 비밀번호나 인증 코드를 요청하지 않습니다. 누구에게도 알려 주지 마세요.
== account_security.hold
이 건은 보안팀이 담당하고 있습니다(사건 번호 {case}). 조사 기간 동안 계정은 동결 상태로 유지됩니다.
== account_security.resolve
보안팀의 조사가 완료되었습니다. 조사 결과는 등록하신 이메일로 보내 드렸습니다.
== any.details
스크린샷을 첨부했습니다. 확인 부탁드립니다.
== any.hold
담당 팀에 확인을 요청했습니다. 진행 상황이 있으면 바로 안내해 드리겠습니다.
== any.note
담당 팀에 이관 완료 {ref}.
== any.resolve
확인 결과 문제가 해결되었습니다. 다른 문의 사항이 있으면 언제든 회신해 주세요.
== any.followup
진행 상황이 어떻게 되나요?
--
오류 화면 스크린샷을 추가로 첨부했습니다.
--
급한 자금이라 최대한 빨리 처리 부탁드립니다.
== any.thanks
확인했습니다. 감사합니다!
"""
