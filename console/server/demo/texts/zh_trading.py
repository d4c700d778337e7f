"""Chinese templates: spot, futures and margin, fees, P2P."""

from console.core.domain import Category

OPENINGS = {
    Category.SPOT: """
== spot_limit_unfilled | limit-order unfilled
限价单没成交，价格明明已经到了
我挂了一个 {pair} 限价{side}单，价格 {price}，数量 {qty}，订单号 {order}。
K 线上价格已经碰到 {price} 了，但是我的订单一直没成交，请问是什么原因？

== spot_slippage | market-order slippage ^
市价单成交价偏差太大
{date} {time} 我用市价{side}了 {qty} {base}，成交均价比当时盘口价差了将近 3%，
订单号 {order}。这个滑点也太离谱了，是不是系统出问题了？

== spot_partial | partial-fill
订单部分成交后剩下的被取消了
我的 {pair} 订单（{order}）只成交了一部分，剩下的显示"已撤销"，
但我没有手动撤单。请帮忙查一下是谁撤的。

== spot_balance | insufficient-balance
下单提示余额不足，但账户里有钱
我账户里明明有 USDT，下单买 {base} 的时候一直提示"可用余额不足"。
是不是资金在别的账户里？怎么划转到现货账户？

== spot_delisting | delisting
持有的币要下架了，怎么办
看到公告说 {base} 要下架了，我还持有一些。
下架以后还能提现吗？是不是只能在下架前卖掉？

== spot_tp_sl | stop-order not-triggered
止损单没有触发，亏了不少
我设置的 {pair} 止损触发价是 {price}，昨晚价格跌破了，可是止损单没有触发，
订单号 {order}。现在亏损扩大了，请给个说法。

== spot_new_listing | new-listing
新币上线了为什么买不了
公告说 {base} 今天 {time} 开放交易，我准时进去，一直显示"即将开盘"，
别人都已经买到了。是我的账户有限制吗？

== spot_dust | dust-conversion
账户里很多小额币种怎么清理
资金里有一堆零碎的小额币种，每个都不到 1 USDT，卖不掉也提不了。
有没有一键转换的功能？

== spot_trade_history | trade-history
成交记录和 K 线对不上
我在 {time} 成交的 {pair} 价格是 {price}，但那一分钟的 K 线最高价都没到这个价格，
订单号 {order}。是不是记录有误？
""",
    Category.FUTURES_MARGIN: """
== fut_liquidation | liquidation dispute ^
合约被强平，标记价格有问题
我的 {symbol} {leverage} 多单在 {time} 被强制平仓了，强平价 {liq_price}，
但是我看其他平台当时的最低价都没到这个位置。损失了 {loss} USDT，
请解释一下标记价格是怎么算的，能不能赔偿？

== fut_funding | funding-fee
资金费率扣得太多了
我持有 {symbol} 空单，这两天每 8 小时都被扣资金费，最近一次费率 {funding}，
感觉比平时高很多。资金费是平台收的吗？怎么计算的？

== fut_adl | adl
我的仓位被自动减仓了
我的 {symbol} 仓位是盈利的，但突然被"自动减仓"平掉了一部分，
这是什么规则？为什么偏偏是我？

== fut_margin_mode | margin-mode
全仓逐仓切换不了
我想把 {symbol} 从全仓切换成逐仓，一直提示"存在挂单或持仓，无法切换"。
我已经没有仓位了，只有一个止盈单。这个也要撤掉吗？

== fut_leverage | leverage-limit
杠杆倍数调不上去
我想把 {symbol} 杠杆调到 {leverage}，提示"当前持仓超过该杠杆档位的最大仓位"。
档位是怎么划分的？

== fut_wick | wick stop-loss ^
插针导致止损成交价格很差
{time} 那根插针把我的止损打掉了，止损触发价 {price}，
结果成交价差了很多，订单号 {order}。这种极端行情平台会补偿吗？

== fut_margin_interest | margin-interest
杠杆借币利息怎么算的
我在逐仓杠杆借了 {usdt_amount} USDT，看账单每小时都在计息，
比我预想的高不少。利率是年化还是日化？提前还款有没有违约金？

== fut_transfer | transfer-failed
合约账户划转失败
从合约账户往资金账户划转 {usdt_amount} USDT，提示"可划转余额不足"，
但显示余额明明够。是不是未实现盈亏不能划转？

== fut_margin_ratio | margin-ratio
保证金率突然变得很高
我的仓位没动，{symbol} 价格波动也不大，但保证金率从 30% 一下跳到了 80%，
收到了追加保证金的通知。请问是哪里出了问题？
""",
    Category.FEES: """
== fee_tier_mismatch | fee-tier vip
手续费率和 VIP 等级对不上
我现在显示是 VIP {vip}，按照费率表应该是挂单 {maker}，
但是最近几笔成交扣的还是普通用户的费率，订单号 {order}。请帮忙核对。

== fee_lmx_discount | lmx-discount
开启了 LMX 抵扣手续费但没生效
我已经打开了"使用 LMX 抵扣手续费"，账户里也有 LMX，
但最近的成交还是扣的 USDT，没有享受折扣。是哪里设置不对吗？

== fee_withdrawal_high | withdrawal-fee
提现手续费为什么这么高
提 {asset} 走 {network} 网络手续费要 {wd_fee} {asset}，比上个月贵了不少。
提现手续费是怎么定的？有没有便宜一点的网络？

== fee_vip_upgrade | vip-upgrade
VIP 等级怎么升级，交易量怎么算
我过去 30 天的现货交易量大概 {volume} USDT，请问离下一个 VIP 等级还差多少？
合约的交易量算不算在里面？

== fee_referral | referral-commission
推荐返佣没有到账
我邀请的朋友已经注册并交易了，但是我的返佣一直是 0。
他注册的时候填了我的邀请码，请帮我查一下。

== fee_futures_calc | futures-fee
合约手续费怎么算的，感觉扣多了
我开了 {symbol} {leverage} 的仓位，手续费扣了 {fee_amount} USDT，
是按保证金算还是按仓位价值算的？

== fee_double | double-fee
一笔交易为什么扣了两次手续费
订单 {order} 成交记录里出现了两条手续费扣除，一共 {fee_amount} USDT，
是不是重复扣费了？

== fee_institutional | institutional-rate
机构客户费率怎么申请
我们是一家量化团队，月交易量在 {volume} USDT 以上，
想了解机构费率和做市商计划，需要提交什么资料？

== fee_zero_promo | promotion
零手续费活动没有生效
公告说 {pair} 现货零手续费，我 {date} 交易的时候还是收了手续费，
订单号 {order}。是需要报名吗？
""",
    Category.P2P: """
== p2p_seller_not_release | p2p-appeal not-released ^
已付款，卖家一直不放币
P2P 订单 {p2p_order}，我通过{pay_method}付了 {fiat_amount} {fiat}，
已经点了"已付款"，过了 {minutes} 分钟商家 {merchant} 还没放币，也不回消息。
付款截图我有，请尽快处理。

== p2p_not_paid | p2p-appeal payment-not-received ^
买家说已付款，但我没收到钱
我在 P2P 卖出 USDT，订单 {p2p_order}，买家点了已付款，
但我的{pay_method}里没有收到 {fiat_amount} {fiat}。我不敢放币，现在怎么办？

== p2p_bank_frozen | bank-frozen ^
收款后银行卡被冻结了
我上周通过 P2P 卖了 USDT，收到一笔 {fiat_amount} {fiat} 的转账后，
银行卡被冻结了，说是涉嫌可疑资金。订单号 {p2p_order}，请问平台能提供什么证明？

== p2p_cancelled_paid | p2p-cancelled
订单被取消了，但我已经付款了
订单 {p2p_order} 我付款后忘了点"已付款"，超时被系统自动取消了。
钱已经转给卖家 {merchant} 了，对方现在不回复。怎么追回？

== p2p_appeal_time | p2p-appeal
申诉提交后多久能处理
我的 P2P 订单 {p2p_order} 已经提交申诉 {hours} 个小时了，还没有客服介入。
申诉一般要多久？

== p2p_merchant_apply | merchant-application v
怎么申请成为 P2P 认证商家
我想申请 P2P 商家，请问需要什么条件？保证金要交多少？

== p2p_third_party | third-party-payment ^
收到的付款人名字和买家实名不一致
订单 {p2p_order}，买家的实名是一个名字，打款人却是另一个名字。
我还没放币，这种情况要怎么处理？

== p2p_restricted | p2p-restricted
P2P 交易功能被限制
今天打开 P2P 提示"您的账户暂时无法使用 P2P 交易"，
我之前都正常交易的，没有任何纠纷。请问是什么原因？
""",
}
