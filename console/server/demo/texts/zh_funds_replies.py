"""Chinese replies, notes and customer answers: deposits and withdrawals, security, verification."""

POOLS = """
== deposit_withdrawal.ask
您好，为了帮您核查，请补充涉及的币种、网络、数量和操作时间，并附上相关页面截图。
--
收到您的反馈。请在此工单回复资金记录页面的截图，我们会第一时间提交相关团队核查。
== deposit_withdrawal.details
截图已经上传了，请查收。
--
补充一下，我是 {date} {time} 左右操作的，币种和网络都在截图里。
== deposit_withdrawal.hold
已为您提交相关团队核查，一般需要 1–3 个工作日，有进展会第一时间通知您。
== deposit_withdrawal.note
用户 KYC {kyc_text}，近 30 天无异常登录，资料已核对。
--
已按流程转资金组 {ref}，等待回复。
== deposit_withdrawal.resolve
您好，您反馈的问题已处理完成，请刷新资金记录查看。如有其他问题欢迎随时联系我们。

== dep_not_credited/dep_exchange_pending.ask
{network} 网络需要 {need} 个区块确认才会入账，您这笔交易目前是 {conf} 个确认。
如果已经超过所需确认数仍未入账，请回复区块浏览器截图，我们会提交钱包组手动核查。
--
感谢您的耐心。为了帮您核查，请补充以下信息：
- 区块浏览器截图（能看到确认数和接收地址）
- 发送平台的提现记录截图
收到后我们会第一时间提交钱包团队核查。
== dep_btc_slow.ask
您好，比特币网络目前较为拥堵，矿工费较低的交易会在内存池中等待更久。
Lumen 无法加速外部钱包发出的交易，您可以在发送钱包中使用 RBF 提高手续费。
交易达到 {need} 个确认后会自动入账，请耐心等待。
== dep_not_credited/dep_exchange_pending/dep_btc_slow/w3_to_exchange.details
好的，交易哈希是 {tx}，区块浏览器截图我已经上传了。
--
我补充一下：发送平台那边显示已完成，附件是他们的提现记录截图，网络是 {network}。
--
截图已上传，区块浏览器显示接收地址就是我的 Lumen 充值地址 {addr_short}。
== dep_not_credited/dep_exchange_pending/dep_btc_slow/w3_to_exchange.note
链上已确认 {conf}/{need}，入账服务未扫到该笔，已转钱包组补扫 {ref}。
--
{network} 节点同步延迟，钱包组确认今天内补扫，稍后回访用户。
--
TxID 与接收地址已核对，为本平台地址，等待钱包组处理 {ref}。
== dep_not_credited/dep_exchange_pending/dep_btc_slow/w3_to_exchange.hold
已为您提交钱包团队核查，由于需要链上核对和人工补单，一般需要 1–2 个工作日，请您耐心等待。
== dep_not_credited/dep_exchange_pending/dep_btc_slow/w3_to_exchange.resolve
您好，经核查这笔 {amount} {asset} 已入账到您的资金账户，请刷新后查看。给您带来不便，深表歉意。
--
您的充值已完成入账。之前因 {network} 节点同步延迟导致入账较慢，现已恢复正常。

== dep_wrong_network/dep_missing_memo/dep_unsupported_token.ask
感谢联系。这种情况需要提交资产找回申请。请在此工单回复交易哈希，
并附上发送平台提现记录的截图（需能看到网络、地址和数量）。
找回一般需要 7–14 个工作日，成功后可能收取一定的找回手续费。
--
您好，很遗憾听到这个情况。我们会尽力协助找回，但无法保证一定成功。
请提供交易哈希和发送方的提现截图，我们核实后会提交资产找回小组。
== dep_wrong_network/dep_missing_memo/dep_unsupported_token.details
交易哈希：{tx}，发送平台的提现截图已上传。
--
截图发了，能看到我选的网络是 {network}，数量 {amount} {asset}。
== dep_wrong_network/dep_missing_memo/dep_unsupported_token.note
TxID 核对无误，接收地址为平台地址，已提交找回流程 {ref}。
--
MEMO {memo} 核对属于该用户 UID，可走手动入账，已提单 {ref}。
== dep_wrong_network/dep_missing_memo/dep_unsupported_token.hold
您的找回申请已提交至资产找回小组，处理周期为 7–14 个工作日。
审核通过后资产将退回至您的资金账户，期间请勿重复提交。
== dep_wrong_network/dep_missing_memo/dep_unsupported_token.resolve
资产已成功找回并入账到您的资金账户。温馨提示：充值前请核对网络和 MEMO，避免再次误充。
--
您的找回申请已处理完成，扣除找回手续费后的余额已退回您的账户，请查收。

== wd_under_review.ask
这笔提现目前处于风控审核中。出于账户安全考虑，部分提现需要人工复核，通常在 24 小时内完成。
审核期间请不要重复提交，也无需撤销。
--
您好，我查看到这笔提现正在进行例行安全审核。为了加快进度，
请简要说明这笔资金的来源（例如之前在本平台买入、从其他平台转入等），我们会补充到审核记录中。
== wd_under_review.details
资金来源是我之前在 Lumen 现货买入的，充值记录截图也附上了。
--
这是我自己的冷钱包地址，之前也提过几次，麻烦尽快审核。
== wd_under_review.note
提现命中大额规则进入人工复核，已发合规组 {ref}，勿向用户透露具体风控规则。
--
用户 KYC {kyc_text}，近 30 天无异常登录，提现地址为历史地址，建议放行。
== wd_under_review.hold
这笔提现需要合规团队进一步复核，预计 1–3 个工作日内完成。复核完成后会通过邮件和站内信通知您，
期间资产是安全的。
== wd_under_review.resolve
这笔提现已审核通过并完成广播，一般 10–30 分钟即可到账，请在区块浏览器查看确认进度。

== wd_not_received.ask
您好，我查询到这笔提现已经广播到链上，交易哈希为 {tx_short}。
请在区块浏览器核对接收地址，如果是转到其他平台，请向接收方确认是否需要 MEMO。
--
链上记录显示这笔提现已成功，如果您的钱包余额没有变化，请尝试刷新或重新同步钱包，
并在区块浏览器中查询接收地址 {addr_short} 的余额。
== wd_not_received.details
区块浏览器上能查到这笔交易，截图已上传，但钱包里还是没显示。
--
我用的是硬件钱包，重新同步之后还是没有，截图发给你们了。
== wd_not_received.note
链上确认交易成功，接收地址与用户提交一致，非平台问题，已告知用户核查钱包。
== wd_not_received.resolve
链上显示资产已到达地址 {addr_short}，经用户确认是钱包未同步导致，现已正常显示。

== wd_failed_fee.ask
您好，这笔提现失败是因为接收地址未通过网络校验。我们正在核查手续费的退回情况，
请提供资金记录的截图，方便我们核对金额。
== wd_failed_fee.note
提现失败：地址校验未通过。手续费未自动退回，已申请人工退回 {ref}。
== wd_failed_fee.resolve
经核查，提现失败属于平台侧校验问题，手续费 {wd_fee} {asset} 已全额退回您的资金账户。

== wd_limit.ask
您好，提现额度与认证等级有关，您目前是{kyc_text}。
完成更高等级认证后，24 小时提现额度会相应提高。本次可以先在额度内分批提现。
== wd_limit.note
用户 {kyc_text}，已达 24 小时额度上限，建议升级认证，不可人工调整。
== wd_limit.resolve
您的认证等级已更新，新的提现额度已生效，现在可以正常提现了。

== wd_new_address/sec_withdraw_lock.ask
您好，新增提现地址、重置密码或修改安全设置后，系统会暂停提现 24 小时，
这是保护您资产的安全措施，无法人工提前解除，请您谅解。期间充值和交易不受影响。
--
理解您的着急。24 小时提现限制是为了防止账户被盗后资产被快速转走，客服无法手动解除。
限制结束后即可正常提现，建议您提前把常用地址加入地址簿白名单。
== wd_new_address/sec_withdraw_lock.resolve
24 小时安全限制已自动解除，您现在可以正常提现了。

== account_security.ask
为保障您的资产安全，我们已临时冻结账户的提现和交易功能，并将工单升级至安全团队。
请您：
- 立即修改登录密码和邮箱密码
- 检查设备是否有可疑的浏览器插件或远程控制软件
- 回复最近一次本人登录的时间和地点
Lumen 工作人员绝不会索要您的密码、短信验证码或谷歌验证码，请勿向任何人透露。
--
收到，我们非常重视。账户已临时锁定，安全团队会在 24 小时内联系您。
请回复可疑登录发生的大致时间，以及您常用的登录设备型号，方便我们比对日志。
请不要把任何验证码或密码发给任何人，包括自称 Lumen 客服的人。
== account_security.details
我最后一次正常登录是 {date} 晚上，在{city_home}，用的是自己的手机。
--
密码已经改了，电脑也查过了，没有装什么插件。截图已经上传。
== account_security.hold
您的案件已由安全团队接手（案件号 {case}），我们正在核查登录日志和资金去向，
调查期间账户保持冻结，完成后会第一时间通知您。
--
安全团队正在核查登录日志和设备信息，预计 1–2 个工作日给您答复。
在此期间请不要在任何第三方网站登录您的账户。
== account_security.note
已冻结账户并转安全组 {case}。登录日志：{city} {ip}，设备 {device}，与常用地不符。
--
可疑提现地址已提交链上分析并加入内部黑名单，等安全组回复再回复用户。
--
已删除可疑 API Key 并强制下线所有设备，转安全组 {case}。
== account_security.resolve
安全团队已完成核查，您的账户已解冻。建议您开启通行密钥（Passkey）并设置提现地址白名单。
感谢您的配合。
== sec_new_device.resolve
经安全团队核实，该登录来自您本人的新设备，账户没有异常。您可以在设备管理中移除不再使用的设备。
== sec_stolen.resolve
安全团队已完成调查（案件号 {case}），调查结果已发送至您的注册邮箱。
您的账户已恢复使用，登录密码已强制重置，请重新设置两步验证并开启提现地址白名单。

== sec_frozen.ask
您好，您的账户因触发风控规则被临时冻结。为了核实是您本人，
请在 APP 中完成人脸验证，安全团队审核通过后会为您解冻，一般需要 1–3 个工作日。
冻结期间您的资产是安全的。
== sec_2fa_lost/sec_phone_change.ask
感谢您的耐心。重置安全验证需要进行身份核验：请在 APP 登录页选择"安全验证不可用"，
按提示上传手持证件照片并完成人脸识别。审核通常需要 1–3 个工作日，重置后 24 小时内暂不能提现。
== sec_2fa_lost/sec_phone_change.details
手持证件照和人脸识别已经在 APP 里提交了，请帮忙加快审核。
== sec_2fa_lost/sec_phone_change.note
用户已完成人脸核验，与 KYC 照片比对一致，可以走重置流程。
== sec_2fa_lost/sec_phone_change.resolve
安全验证已重置成功，请尽快绑定新的验证方式。出于安全考虑，24 小时内暂不能提现。
== sec_fake_support.details
我没有转账，和对方的聊天截图已经上传了，对方的 Telegram 账号也在截图里。
== sec_frozen.details
人脸验证已经在 APP 里完成了，请帮忙尽快审核。
== sec_withdraw_lock/wd_new_address.details
好的，明白了，那我明天再试。
--
可是我真的很急，有没有别的办法？
== sec_fake_support.ask
Lumen 官方客服只会通过 APP 内客服、官网工单和 support@lumen.example 联系您，
不会要求您转账到任何"安全钱包"，也不会索要密码或验证码。
您可以在官网的"官方验证"页面核实账号真伪。请不要向对方转账，并保留聊天截图。
== sec_fake_support/sec_phishing.note
钓鱼域名/冒充账号已报安全组做下架处理 {case}，用户账户暂未见异常操作。
== sec_fake_support.resolve
感谢您的举报，该冒充账号已提交平台处理。您的账户一切正常，请继续保持警惕。

== kyc.ask
感谢您的耐心。目前认证审核量较大，高级认证一般需要 1–3 个工作日。
您的资料已进入人工审核队列，无需重复提交。
== kyc.details
好的，我按要求重新提交了，麻烦帮我看一下。
--
资料已经上传，请查收。
== kyc.hold
您的资料已转交合规团队进行人工复核，预计 2–3 个工作日内完成，结果会通过邮件通知。
== kyc.note
KYC 资料完整，转合规人工复核 {ref}。
--
资料有缺项，已提示用户补充。
== kyc.resolve
您好，您的身份认证已审核通过，账户额度已经更新，感谢您的耐心等待。
--
认证信息已更新完成，账户功能不受影响。如有其他问题随时联系我们。
== kyc_blurry.ask
您好，认证被拒的原因是证件四角不完整或有反光。请将证件平放在深色背景上，
在光线均匀的地方拍摄，确保四个角和文字清晰可见，然后在认证页面重新提交。扫描件也可以接受。
== kyc_blurry.note
证件照有反光，OCR 失败，已建议用户重拍。
== kyc_face.ask
人脸识别失败通常和网络或光线有关。建议您更新到最新版 APP，摘掉眼镜和帽子，在 Wi-Fi 环境下重试。
如果仍然失败，请回复，我们可以为您开通人工视频认证。
== kyc_address.ask
地址证明需为近 3 个月内出具、显示您姓名和完整地址的文件，
如银行对账单、水电煤账单或政府信函。银行流水电子版可以接受，无需盖章。
== kyc_address.details
我上传了银行电子对账单，日期是上个月的，请查收。
== kyc_name_mismatch.ask
P2P 实名校验以身份认证的姓名为准。请上传收款账户显示姓名的截图，
我们会提交合规团队核实后为您关联拼写，一般需要 2–3 个工作日。
== kyc_name_mismatch.note
姓名拼写与证件一致，P2P 实名校验需要合规手动关联。
== kyc_upgrade/kyc_business.ask
高级认证需要提交地址证明，部分情况还需要资金来源说明；企业认证需要营业执照、
公司章程、董事名册、股东结构图以及最终受益人的身份证明。提交后一般 3–5 个工作日完成审核。
== kyc_expired.ask
证件过期后账户有 30 天宽限期，期间充值和交易不受影响，宽限期结束后会限制提现。
拿到新证件后在"身份认证 → 更新证件"中提交即可。
== kyc_relocation.ask
修改居住国家需要重新提交新地址的地址证明，审核期间现有资产和挂单不受影响。
请注意，部分国家和地区的可用产品可能不同。
"""
