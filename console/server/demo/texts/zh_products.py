"""Chinese templates: Earn, Web3 wallet, API; the pools every category falls back on."""

from console.core.domain import Category

OPENINGS = {
    Category.EARN: """
== earn_redeem_delay | redemption
活期赎回还没到账
我 {date} 赎回了 {earn_amount} USDT 活期理财，页面显示"赎回中"，
到现在还没回到资金账户。活期不是说随时赎回吗？

== earn_early_redeem | early-redemption
定期理财提前赎回收益怎么算
我买了{product}，现在急用钱想提前赎回，
提示"提前赎回将损失全部收益"。已经发放的收益也要扣回吗？

== earn_apr_mismatch | apr
实际收益和 APR 对不上
{product}显示年化 {apr}，我投了 {earn_amount} USDT，
按理每天应该有不少收益，可实际发放的比计算的少了一半。是怎么算的？

== earn_eth_staking | staking unbonding
ETH 质押赎回要等多久
我赎回了质押的 ETH，显示需要排队解锁，已经 {days} 天了。
解锁期间还有收益吗？什么时候能到账？

== earn_dual | dual-investment ^
双币投资结算价格有疑问
我的双币投资 {date} 到期，结算时说价格达到了目标价，按 {price} 换成了 {base}，
但我看当时价格没到。结算价是取哪个时间点的？

== earn_auto_subscribe | auto-subscribe
自动申购把我的资金都申购了
我开了活期自动申购，结果资金账户里的 USDT 都被申购进去了，
提现时发现余额不足。怎么关闭？

== earn_missing_reward | missing-reward
昨天的理财收益没有发放
{product}昨天的收益没有到账，前几天都是正常的，
我没有做任何赎回操作。请帮忙查一下。

== earn_sold_out | sold-out v
理财产品额度已满，什么时候补充
想申购{product}，一直显示"额度已售罄"，请问什么时候会补充额度？
""",
    Category.WEB3_WALLET: """
== w3_swap_failed | swap-failed gas
Web3 钱包兑换失败，Gas 费被扣了
我在 Lumen Web3 钱包里用 {chain} 兑换 {token}，显示"交易失败"，
但是 Gas 费 {gas} 已经扣掉了。交易哈希 {dex_tx}。失败原因是什么？Gas 能退吗？

== w3_bridge | bridge not-received ^
跨链桥转账一直没到账
用钱包的跨链功能从 {chain} 转 {usdt_amount} USDT 到另一条链，
源链已经成功了（{dex_tx}），目标链上等了 {hours} 个小时还没到。

== w3_approval_drained | approval drained !
授权了陌生合约，钱包里的币被转走了
前天我在一个空投网站连接了 Lumen Web3 钱包并点了授权，
今天发现钱包里的 {token} 全部被转走了，转账哈希 {dex_tx}。
能不能帮我追回？现在还要做什么？

== w3_token_missing | token-not-shown
钱包里看不到刚买的代币
我在 {chain} 上买了 {token}，链上显示已经到我的地址了，
但是 Lumen Web3 钱包里看不到。是不是需要手动添加？

== w3_recovery | wallet-recovery ^
换手机后 Web3 钱包不见了
换了新手机重新登录 Lumen APP，交易所账户都在，但 Web3 钱包提示需要恢复。
我当时开了云备份，但忘了备份密码。里面有一些资产，还能恢复吗？

== w3_slippage | slippage
兑换到手的数量比报价少很多
报价显示能换到不少 {token}，实际到账少了接近 5%。
滑点我设的是自动。是不是被夹了（MEV）？

== w3_stuck_pending | pending-tx
钱包交易一直卡在"处理中"
我从 Web3 钱包在 {chain} 上转账，已经 {hours} 个小时还是"处理中"，
哈希 {dex_tx}。能不能取消或者加速？

== w3_to_exchange | internal-transfer | assets=USDT
从 Web3 钱包转到交易所账户没到
我从 Web3 钱包往交易所资金账户转了 {usdt_amount} USDT，走的 {network}，
钱包显示成功，交易所那边没有记录。

== w3_airdrop | airdrop v
Web3 钱包的空投活动怎么领取
看到 Web3 钱包首页有个空投活动，我完成了任务，但是奖励一直没有发，请问怎么领？
""",
    Category.API: """
== api_signature | signature-error
API 下单一直返回 40101 签名错误
我用 Python 调用 {endpoint}，一直返回 {api_code} {api_msg}。
同样的代码查询余额是正常的，只有下单报错。参数顺序有要求吗？

== api_timestamp | timestamp recv-window
API 报错 40103 时间戳过期
服务器在{city}，调用接口偶尔返回 {api_code} {api_msg}，
大概每小时出现几十次。recvWindow 设置的 5000，是不是需要调大？

== api_rate_limit | rate-limit
触发 42901 频率限制，策略被中断
我们的网格策略在行情波动时经常收到 {api_code} {api_msg}，
导致挂单失败。现在的频率限制是多少？能否提高？

== api_ip_whitelist | ip-whitelist
API 提示 40301 IP 不在白名单
我换了云服务器，新 IP 是 {ip}，调用接口返回 {api_code} {api_msg}。
我在 API 管理里加了新 IP，还是不行，要等多久生效？

== api_websocket | websocket
WebSocket 行情推送经常断开
订阅 {pair} 深度数据的 WebSocket 连接大概每 24 小时断一次，
有时候十几分钟就断了，断开前也没有收到任何消息。这是正常的吗？

== api_permission | permission
API 下合约单提示权限不足
我的 API Key 已经勾选了合约交易，调用合约下单还是返回 {api_code} {api_msg}。
Key 是上周创建的。

== api_key_expired | api-key-expired
API Key 突然失效了
我的 API Key 没有改过任何设置，今天突然全部请求都报 {api_code} {api_msg}。
查看 API 管理，Key 已经不在了，是被删除了吗？

== api_mm_program | market-maker v
申请做市商 API 权限
我们是专业做市团队，希望接入 Lumen 的低延迟接口并提高频率限制，请问申请流程是什么？
""",
}
