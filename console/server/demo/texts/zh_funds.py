"""Chinese templates: deposits and withdrawals, account security, identity verification."""

from console.core.domain import Category

OPENINGS = {
    Category.DEPOSIT_WITHDRAWAL: """
== dep_not_credited | deposit not-credited | deposit
{asset}（{network}）充值未到账，链上已 {conf} 个确认
你好，我在 {date} {time} 从外部钱包充值了 {amount} {asset}，网络选的是 {network}。
区块浏览器上已经显示 {conf} 个确认了，但 Lumen 账户里一直没到账，资金记录也查不到。
交易哈希：{tx}
麻烦帮忙查一下，谢谢。

== dep_wrong_network | deposit wrong-network | deposit ^ assets=USDT/ETH networks=ERC20/BEP20/BASE
充错网络：{asset} 用 {network} 转到了 {network_alt} 地址
客服你好，我提 {amount} {asset} 到 Lumen 的时候，充值页面选的是 {network_alt}，
但在对方平台提币时误选了 {network}。现在过去 {hours} 个小时了都没到账。
交易哈希 {tx}，接收地址 {address}。
请问这种情况能找回吗？需要多久，要收多少费用？

== dep_missing_memo | deposit memo-missing | deposit assets=XRP/TON
充值 {asset} 忘记填写 MEMO/标签，资产没有到账
我从别的平台充值 {amount} {asset} 到 Lumen，提币的时候没有填写 MEMO（标签），
现在链上显示成功但账户没到。交易哈希：{tx}。
我的充值标签应该是 {memo}，请问可以帮我手动入账吗？

== wd_under_review | withdrawal under-review | withdrawal
提现 {amount} {asset} 一直显示"审核中"
{date} 提交的 {asset} 提现到现在已经 {hours} 个小时了，状态一直是"审核中"，
以前提现几分钟就到了。提现地址 {address}，网络 {network}。
请问为什么要审核？大概要多久？我这边比较着急用钱。

== wd_not_received | withdrawal not-received | withdrawal
提现显示已完成，但钱包没收到 {asset}
你好，我从 Lumen 提了 {amount} {asset}（{network}）到自己的冷钱包，
APP 上显示已完成，也有交易哈希 {tx}，但是我的钱包余额没有变化。
地址我复制粘贴的，应该没错：{address}。请帮我确认一下到底发出去没有。

== wd_failed_fee | withdrawal failed fee-refund | withdrawal
提现失败，手续费退回了吗？
{date} 发起的 {amount} {asset} 提现显示失败，资产已经退回到资金账户，
但是好像少了一点，手续费 {wd_fee} {asset} 没有退回来。
提现失败是平台的原因还是我地址的问题？手续费能退吗？

== dep_unsupported_token | deposit unsupported-token | deposit ^
误充了平台不支持的代币，怎么找回
我往 Lumen 的 {network} 充值地址转了一个代币，后来才发现 Lumen 没有上线这个币，
交易哈希 {tx}，数量折合大约 {amount} {asset}。链上是成功的。
请问能不能帮忙退回到我的原地址？

== wd_limit | withdrawal limit | withdrawal
提现提示超出 24 小时额度
我想提现 {amount} {asset}，系统提示"超出 24 小时提现额度"，
我的账户是 {kyc_text}。请问额度是多少？怎么提高？今天之内能不能先提一部分？

== dep_btc_slow | deposit slow-confirmation | deposit assets=BTC
BTC 充值好几个小时只有 {conf} 个确认
从外部钱包充值 {amount} BTC，已经过了 {hours} 个小时，
浏览器显示只有 {conf} 个确认，是不是我给的矿工费太低了？
交易哈希 {tx}。这种情况 Lumen 这边能加速吗？

== wd_new_address | withdrawal address-lock | withdrawal
新增提现地址后为什么不能提币
我昨天把 {network} 地址 {addr_short} 加到了地址簿，今天提币提示
"新地址 24 小时内暂不可用"。之前没有这个限制啊，能不能帮我解除？
""",
    Category.ACCOUNT_SECURITY: """
== sec_stolen | stolen-account unauthorized-withdrawal | withdrawal !
紧急！账户被盗，{asset} 被提走了
我刚刚收到提币成功的邮件，{amount} {asset} 被提到了一个陌生地址 {address}，
不是我本人操作的！我的手机和电脑都在身边，也没有登录过其他网站。
请马上冻结我的账户，能不能把这笔提现拦截下来？

== sec_new_device | new-device suspicious-login | !
收到陌生设备登录提醒，不是我本人
今天 {time} 收到提醒，一台 {device} 在{city}登录了我的账户，IP {ip}。
我人在{city_home}，从来没去过{city}，也不认识这台设备。
我已经改了登录密码，还需要做什么？资产现在安全吗？

== sec_2fa_lost | 2fa-lost | ^
手机丢了，谷歌验证器用不了，无法登录
我换了新手机，旧手机上的谷歌验证器没有迁移，现在登录和提币都要验证码，
账户里还有资产。请问怎么重置两步验证？需要准备什么资料？

== sec_phishing | phishing | !
点了冒充 Lumen 的短信链接，账户会不会有风险
今天收到一条短信，说我的账户"存在异常交易，需要重新验证"，
我点了链接并登录了那个网站，后来才发现域名不是 lumen.example。
现在很害怕，请问我该怎么办？要不要先冻结账户？

== sec_frozen | account-frozen | ^
账户被冻结，无法登录也无法交易
今天登录时提示"账户已被冻结，请联系客服"，我没有做任何违规的事情。
我的 UID 是 {uid}。请问为什么被冻结？怎样才能解冻？我还有持仓。

== sec_phone_change | phone-change
旧手机号停用了，怎么更换绑定手机
我原来绑定的手机号已经停机，收不到短信验证码了，
登录还可以用邮箱，但是提币和修改安全设置都需要短信。请问怎么换绑新号码？

== sec_unknown_api | api-key unknown-api-key | !
账户里多了一个不是我创建的 API Key
刚刚在安全中心看到一个 API Key，标签叫"{api_label}"，是 {date} 创建的，
有现货交易权限，但我从来没有创建过 API。请问会不会已经被人下单了？

== sec_fake_support | impersonation scam | ^
有人在 Telegram 冒充 Lumen 客服让我转账
有个自称"Lumen 官方客服"的人在 Telegram 上联系我，说我的账户需要"安全升级"，
让我把 USDT 转到一个"安全钱包"：{address}。我还没有转。
请问这是你们的人吗？怎么核实官方客服身份？

== sec_withdraw_lock | withdrawal-lock password-reset
重置密码后 24 小时不能提现？
我忘记了登录密码，刚刚通过邮箱重置了，结果提示 24 小时内禁止提现。
我有一笔 {amount} {asset} 着急转出，能不能提前解除？
""",
    Category.KYC: """
== kyc_blurry | kyc-rejected document
身份认证被拒：证件照片不清晰
我提交了{doc}做身份认证，今天收到通知说"证件照片模糊或有反光"被拒了。
我用手机拍了好几次都一样，请问有什么要求？可以用扫描件吗？

== kyc_face | kyc-rejected liveness
人脸识别一直失败
做身份认证的人脸验证环节，一直提示"请正对屏幕"，试了十几次都不通过。
手机是 {device}，光线也挺亮的。还有别的验证方式吗？

== kyc_address | proof-of-address
地址证明被拒，说文件超过三个月
我上传了水电费账单作为地址证明，被拒了，理由是"文件日期超过 3 个月"。
我这边账单是季度寄的，请问银行流水可以吗？需要盖章吗？

== kyc_slow | kyc-pending
身份认证提交三天了还在审核中
我 {date} 提交的高级认证到现在还显示"审核中"，已经 {days} 天了。
认证没通过就没法提现，请问能加急处理吗？

== kyc_name_mismatch | name-mismatch
证件姓名和银行卡姓名不一致怎么办
我的{doc}上是中文名，银行卡和 P2P 收款账户用的是英文名（拼音），
P2P 下单的时候提示实名信息不一致。请问怎样才能修改或者关联？

== kyc_upgrade | kyc-upgrade withdrawal-limit
想升级高级认证，提高提现额度
我现在是 {kyc_text}，每天提现额度不够用。请问升级到高级认证需要提交什么材料？
大概多久能审核完？

== kyc_expired | document-expired
证件过期了，要求重新认证
收到邮件说我的{doc}已经过期，需要更新身份信息，否则会限制提现。
我的新证件还在办理中，大概要 {days} 天，这段时间账户会不会被冻结？

== kyc_relocation | region-change
搬家到{city}了，居住地区怎么修改
我最近从{city_home}搬到了{city}工作，认证信息里的居住国家还是原来的。
需要重新做认证吗？会影响现在的资产和订单吗？

== kyc_business | business-verification
企业账户认证需要哪些材料
我们公司想开一个企业账户做资金管理，请问企业认证需要提供哪些文件？
股东结构需要穿透到什么程度？大概多久能审核完？
""",
}
