"""Chinese replies, notes and customer answers: Earn, Web3 wallet, API, and generic fallbacks."""

POOLS = """
== earn.ask
您好，请提供理财订单截图或收益明细截图，我帮您核对。
== earn.details
收益明细截图已经上传了，请帮忙看一下。
--
订单截图发了，日期是 {date}。
== earn.hold
已将您的情况转交理财产品团队核查，预计 1–3 个工作日内答复。
== earn.note
已转理财产品组 {ref}。
== earn.resolve
您的问题已处理完成，如有其他问题欢迎随时联系我们。
== earn_redeem_delay.ask
您好，活期赎回一般实时到账，高峰时段可能需要最长 48 小时。我已帮您查询，赎回请求正在处理中，请稍候。
== earn_redeem_delay.resolve
您的赎回已完成，资金已回到资金账户。
== earn_early_redeem.ask
定期产品提前赎回将不再发放剩余期限的收益，已发放的收益不会扣回。具体规则请以产品页面的说明为准。
== earn_apr_mismatch/earn_missing_reward.ask
APR 是年化收益率，每日收益 = 本金 × APR ÷ 365，且阶梯利率产品超出额度的部分按较低利率计算。
收益次日发放，请提供收益明细截图，我帮您核对。
== earn_apr_mismatch.note
阶梯利率：前 500 USDT 按 {apr}，超出部分按基础利率，计算正确。
== earn_missing_reward.note
当日收益发放任务延迟，产品组确认今天内补发 {ref}。
== earn_missing_reward.resolve
经核查，该日收益因系统延迟未发放，现已补发到您的理财账户，请查收。
== earn_dual.ask
双币投资按到期日 08:00 (UTC) 的结算价格判断是否达到目标价，而不是当天的最高或最低价。
请提供订单截图，我帮您核对结算价格。
== earn_eth_staking.ask
ETH 质押赎回需要在以太坊网络上排队退出，等待时间取决于链上退出队列，平台无法加速。
解锁期间不产生收益。
== earn_eth_staking.note
ETH 质押解锁取决于链上退出队列，非平台可控。
== earn_auto_subscribe.ask
您可以在"理财 → 自动申购"中关闭该功能，已申购的活期资金可随时赎回回资金账户。
== earn_sold_out.ask
热门产品额度会不定期补充，您可以在产品页面开启"额度提醒"，补充时会第一时间通知您。

== web3_wallet.ask
您好，请提供交易哈希和相关截图，我帮您查询链上状态。
== web3_wallet.details
交易哈希是 {dex_tx}，截图也上传了。
--
截图已经发了，麻烦看一下。
== web3_wallet.hold
已提交 Web3 技术团队核查，预计 24 小时内给您答复。
== web3_wallet.note
已转 Web3 组 {ref}。
== web3_wallet.resolve
问题已处理，请刷新钱包查看。
== w3_swap_failed/w3_slippage/w3_stuck_pending.ask
链上交易失败时 Gas 费由网络验证者收取，平台无法退回。失败多为滑点不足或报价过期导致。
请提供交易哈希，我帮您查看失败原因。如需加速，可在交易详情页选择"加速"重新提交更高的 Gas。
== w3_swap_failed/w3_slippage.note
链上查询：交易因滑点保护回滚（execution reverted），Gas 正常消耗。
== w3_approval_drained.ask
Lumen Web3 钱包是自托管钱包，链上资产的控制权在您手中。
对于授权恶意合约导致的资产转移，我们无法冻结或撤回链上交易，但会协助标记相关地址。
请立即在"授权管理"中撤销所有可疑授权，并将剩余资产转移到新钱包。
请注意：任何人索要您的助记词或私钥都是诈骗，Lumen 绝不会这样做。
== w3_approval_drained.details
我已经撤销了所有授权，剩下的币转到了新钱包。
== w3_approval_drained.hold
相关地址已提交安全团队做链上标记，如有进展我们会通知您。
== w3_approval_drained.note
恶意合约地址已报安全组 {case}，用户资产在自托管钱包，平台无法冻结。
== w3_bridge.ask
跨链转账通常需要 10–30 分钟，目标链拥堵时可能更久。请提供源链交易哈希，我帮您查询跨链桥的处理状态。
== w3_bridge.note
跨链桥中继延迟，已报 Web3 组 {ref}。
== w3_bridge.resolve
跨链资产已到账目标链，请刷新钱包查看。
== w3_token_missing/w3_airdrop.ask
代币没有显示时，可以在钱包首页点击"管理代币"，粘贴代币合约地址手动添加。
活动奖励一般在活动结束后 14 天内统一发放。
== w3_recovery.ask
Lumen Web3 钱包的云备份由您设置的备份密码加密，Lumen 无法查看或重置这个密码。
请尝试您常用的密码；如果旧手机还在，可以在旧手机上重新导出备份。请不要把备份密码告诉任何人。
== w3_to_exchange.ask
请提供交易哈希并确认所选网络。从 Web3 钱包转入交易所账户需要达到 {need} 个确认后入账。

== api.ask
您好，请提供请求时间、调用的接口和完整的返回信息（请勿包含 Secret Key），我帮您查询网关日志。
== api.details
请求示例已贴在附件里，Secret Key 已经去掉了。
--
报错时间大概是 {time}，完整返回也截图了。
== api.hold
已将您的请求转给 API 技术团队，他们会核对网关日志，预计 1–2 个工作日回复。
== api.note
已转 API 技术组 {ref}。
== api.resolve
问题已确认解决，感谢您的配合。如后续仍有报错，请附上请求时间和返回信息。
== api_signature.ask
签名需要对完整的查询字符串（含 timestamp）做 HMAC SHA256，参数顺序必须与请求一致，
POST 请求的请求体也要参与签名。
请提供请求示例（请勿包含 Secret Key），我帮您检查。
== api_signature.note
网关日志：该 Key 签名串缺少 timestamp 参数。
== api_timestamp.ask
{api_code} 通常表示服务器时间偏差过大。建议使用 NTP 同步服务器时间，
并调用 /api/v1/time 获取服务器时间做校准。
== api_rate_limit/api_mm_program.ask
当前普通账户的下单频率限制为每 10 秒 100 次，超限会返回 42901。
建议使用 WebSocket 获取行情、合并批量下单接口以减少请求次数。做市商可申请更高的限额。
== api_rate_limit/api_mm_program.note
频率限制提升/做市商申请转机构业务组 {ref}。
== api_rate_limit/api_mm_program.resolve
已为您的账户调整频率限制，立即生效。
== api_ip_whitelist.ask
IP 白名单更新需要约 5 分钟生效。请确认服务器的出口 IP 与白名单一致，
云服务器的出口 IP 可能与内网 IP 不同。
== api_ip_whitelist.note
用户 IP 白名单更新需 5 分钟生效，已解释。
== api_websocket.ask
为了连接稳定，服务器会在连接 24 小时后主动断开，另外超过 10 分钟未收到 pong 也会断开。
请实现自动重连并定期发送 ping。
== api_permission.ask
合约 API 下单需要先开通合约账户并完成合约知识测验，之后再为 Key 勾选合约交易权限。
== api_key_expired.ask
出于安全考虑，未绑定 IP 白名单的 API Key 在 90 天未使用后会自动删除。
请重新创建 Key 并绑定 IP。请注意不要在任何地方分享您的 Secret Key。

== any.ask
您好，感谢您联系 Lumen 客服。为了更快帮您处理，请补充相关截图和发生时间。
== any.details
截图已经上传了，麻烦看一下。
== any.hold
已将您的问题提交相关团队核查，有进展会第一时间通知您，感谢耐心等待。
== any.note
已核实用户信息，转相关团队处理 {ref}。
--
用户情绪较急，请跟进时优先回复。
== any.resolve
您的问题已处理完成，如有其他问题欢迎随时联系我们。
== any.followup
请问处理得怎么样了？已经等了很久了。
--
你好，还有人在处理吗？麻烦尽快回复。
--
补充一下，我刚刚又试了一次，还是一样的问题。
--
截图已经补充上传了，请看一下。
--
已经过去一天了，能告诉我大概还要多久吗？
--
我这边很着急，这笔钱明天要用，麻烦加急处理。
--
我把错误提示也截图上传了，页面显示"系统繁忙，请稍后再试"。
--
请问需要我提供什么资料吗？我可以马上补充。
--
客服你好，麻烦帮我跟进一下这个工单，谢谢。
--
刚刚又收到一封邮件通知，截图发上来了，是不是和这个问题有关？
== any.thanks
好的，已经收到了，谢谢！
--
问题解决了，感谢客服的耐心帮助。
--
收到，谢谢你们。
"""
