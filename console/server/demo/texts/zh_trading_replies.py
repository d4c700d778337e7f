"""Chinese replies, notes and customer answers: spot, futures and margin, fees, P2P."""

POOLS = """
== spot.ask
感谢反馈。请您提供订单号和下单时的截图，我会查询该订单的撮合明细。
== spot.details
订单号就是 {order}，截图已经上传了。
--
下单时间大概是 {time}，截图里能看到价格和数量。
== spot.hold
已将您的订单提交交易技术团队核查撮合日志，预计 1–2 个工作日内回复您。
== spot.note
已转交易技术组核查 {ref}。
--
撮合日志：订单 {order} 按价格优先、时间优先排队，未轮到成交，属正常。
== spot.resolve
经核查，您的订单按撮合规则正常处理，没有系统异常。感谢您的理解。
--
核查发现当时存在撮合延迟，相关差额已补偿至您的现货账户，请查收。
== spot_limit_unfilled/spot_trade_history.ask
您好，限价单需要价格达到您的委托价且轮到您的订单时才会成交，
K 线上的最高/最低价可能只成交了少量挂单。请提供订单截图，我帮您核对撮合记录。
== spot_partial.note
撤单来源为系统自成交保护（STP），需向用户解释。
== spot_tp_sl.ask
止损单在最新成交价达到触发价后才会提交委托，行情剧烈时可能出现未能及时成交的情况。
请提供订单号和截图，我会调取触发记录为您核查。
== spot_balance.ask
现货下单使用的是"现货账户"的余额，资金账户里的资产需要先划转。
您可以在"资产 → 划转"中把 USDT 从资金账户转到现货账户后再下单。
== spot_balance/spot_dust.resolve
问题已解决，划转后即可正常下单。如有其他问题欢迎随时联系我们。
== spot_slippage.ask
市价单会按当时盘口依次成交，深度不足时可能出现较大滑点。
建议大额交易使用限价单。请提供订单号，我们核对一下当时的盘口深度。
== spot_delisting.ask
下架后相关交易对将关闭，但下架日起 90 天内您仍可以提现该币种。
建议您在下架前卖出或尽快提现到自己的钱包。
== spot_new_listing.ask
新币开盘时间以公告为准，开盘前几分钟可能出现排队。部分地区的用户无法交易个别新币。
请提供页面截图和您所在地区，我们帮您核实账户是否有限制。
== spot_dust.ask
小额资产可以在"资产 → 小额兑换"中一键兑换为 LMX，每 6 小时可操作一次，兑换收取少量手续费。

== futures_margin.ask
感谢联系。请提供相关订单号或仓位截图，我会为您调取当时的成交明细和保证金变化记录。
== futures_margin.details
仓位截图已经上传，订单号 {order}。
--
我按你们说的试了一下还是不行，截图发给你们了。
== futures_margin.hold
已提交合约技术组查询，有结果后我会在此工单回复您，预计 1–3 个工作日。
== futures_margin.note
已转合约技术组 {ref}。
--
用户仓位档位超限，需降低仓位才能提高杠杆，已解释。
== futures_margin.resolve
问题已处理完成，您可以正常操作了。感谢您的耐心。
== fut_liquidation/fut_wick.ask
您好，Lumen 合约使用标记价格触发强平和止损，标记价格参考多家现货交易所的指数价格，
用于防止单一市场的异常波动。请提供仓位截图，我们会核对当时的标记价格和成交记录。
== fut_liquidation/fut_wick.note
核对标记价格：当时标记价格 {mark_price}，触发正常，不符合补偿条件。
--
当时指数价格有一家成分交易所异常，已报风控评估是否补偿 {ref}。
== fut_liquidation/fut_wick.hold
已将您的情况提交风控团队复核，复核通常需要 3–5 个工作日，结果会邮件通知您。
== fut_liquidation/fut_wick.resolve
经风控复核，您的仓位按标记价格正常触发，不符合补偿条件。建议您设置止损并关注保证金率。
--
经核查，当时行情异常，平台已按规则为您补偿 {loss} USDT，已到合约账户，请查收。
== fut_funding.ask
资金费用是多空双方之间互相支付的，平台不收取。当费率为正时多头支付给空头，
每 8 小时结算一次。您可以在合约页面查看历史资金费率。
== fut_adl.ask
自动减仓（ADL）是在强平单无法在市场上成交、风险保障基金不足时触发的机制，
系统会按盈利和杠杆排序减仓，排名靠前的仓位优先被减。被减仓部分按破产价格成交，不收手续费。
== fut_margin_mode.ask
逐仓和全仓切换需要先撤销该合约的所有挂单（包括止盈止损单）并且没有持仓。请撤单后再试。
== fut_leverage.ask
每个杠杆倍数对应最大仓位档位，仓位越大可用的最高杠杆越低。
您可以在合约页面的"杠杆与保证金档位"中查看，降低仓位后即可调高杠杆。
== fut_margin_interest.ask
杠杆借币按小时计息，利率在借币页面显示为日利率，不足 1 小时按 1 小时计算。提前还款没有违约金。
== fut_transfer.ask
合约账户中未实现盈亏和已占用的保证金不能划转，
可划转余额 = 钱包余额 − 占用保证金 −（亏损时的）未实现亏损。
== fut_margin_ratio.note
保证金率变化来自全仓下其他合约的浮亏，已向用户解释。

== fees.ask
感谢您的反馈。请提供相关订单号，我帮您核对当时适用的费率。
== fees.details
订单号 {order}，截图已上传，成交时间 {time}。
--
截图已经发了，麻烦看一下。
== fees.hold
已提交费用核查，如确认扣费有误，差额会在 3 个工作日内退回。
== fees.note
已转费用核查 {ref}。
== fees.resolve
经核查，多扣的手续费 {fee_amount} USDT 已退回到您的现货账户，请查收。
== fee_tier_mismatch/fee_vip_upgrade.ask
您好，VIP 等级根据过去 30 天的交易量（现货与合约分别计算）和资产余额每天 00:00 (UTC) 更新，
新费率从更新后的订单开始生效。您可以在"费率等级"页面查看离下一等级的差距。
== fee_tier_mismatch.note
用户 {date} 升级 VIP {vip}，订单成交在升级前，费率正确。
== fee_tier_mismatch/fee_vip_upgrade.resolve
您的费率已按 VIP {vip} 更新，后续订单将自动适用。
== fee_lmx_discount.ask
LMX 抵扣需要现货账户中有足够的 LMX，且按成交时的价格计算。请确认 LMX 在现货账户而不是资金账户。
== fee_withdrawal_high.ask
提现手续费根据链上网络费用动态调整，不同网络的费用差别较大。
您可以在提现页面选择其他支持该币种的网络，提现前请确认接收方支持所选网络。
== fee_withdrawal_high/fee_futures_calc.resolve
希望以上解释对您有帮助，如有其他问题欢迎随时联系我们。
== fee_referral.ask
推荐返佣在被邀请人交易后的次日 (UTC) 发放，被邀请人需在注册时填写您的邀请码并完成身份认证。
请提供好友的 UID，我帮您查询绑定关系。
== fee_referral.resolve
已核实绑定关系，遗漏的返佣已补发到您的资金账户。
== fee_futures_calc.ask
合约手续费按仓位价值（数量 × 成交价格）计算，而不是按保证金计算，
所以杠杆越高、同样保证金下手续费越多。
== fee_double.ask
请提供订单号，我帮您核查。同一订单分多次成交时，每次成交都会产生一条手续费记录。
== fee_double.resolve
经核对，两条记录分别是订单两次部分成交的手续费，没有重复扣费。
== fee_institutional.ask
感谢联系。机构和做市商计划需要提交公司资料和近期交易量证明，
我们会将您的申请转给机构业务团队，对方会在 3 个工作日内与您联系。
== fee_institutional.note
已转机构业务组，月交易量约 {volume} USDT。
== fee_zero_promo.ask
零手续费活动需要在活动页面报名后才生效，且仅适用于指定交易对。请确认是否已报名。
== fee_zero_promo.note
活动需报名，用户未报名，可按规则豁免一次，已申请 {ref}。

== p2p.ask
您好，请提供订单号和相关截图，我们会尽快核实处理。
== p2p.details
付款截图已经上传到申诉页面，付款时间和金额都能看到。
--
我查了银行 APP，确实没有收到这笔钱，截图已上传。
== p2p.hold
您的申诉已进入处理流程，客服正在联系对方核实。P2P 申诉一般在 24–48 小时内有结论，
期间对应资产已被冻结。
== p2p.note
已联系对方核实，等待回复 {ref}。
== p2p.resolve
您的问题已处理完成，感谢配合。
== p2p_seller_not_release/p2p_cancelled_paid/p2p_appeal_time.ask
您好，请不要取消订单。请在申诉页面上传付款凭证（需显示付款时间、金额和收款账户），
客服会在申诉时限内介入处理。期间卖家的币已被平台托管冻结。
== p2p_seller_not_release/p2p_cancelled_paid/p2p_appeal_time.note
卖家 {merchant} 未响应，已联系商家运营，超时将强制放币。
--
买家付款截图与银行流水核对一致，待对方 2 小时内回应。
== p2p_seller_not_release/p2p_appeal_time.resolve
申诉已处理完成，资产已放行到您的资金账户，订单已完成。
== p2p_cancelled_paid.resolve
经核实，卖家已确认收到款项，已为您重新下单并放币，请查收。
== p2p_not_paid.ask
在确认收到款项之前，请不要放币。请登录您的银行或收款账户确认实际到账，
而不是仅看对方发来的截图。如果确实没有收到，请在订单页面提交申诉，客服会介入处理。
== p2p_third_party.ask
付款人姓名与买家实名不一致属于第三方付款，存在资金风险。请不要放币，
可以联系买家原路退款，并在订单页面提交申诉，客服会协助处理。
== p2p_third_party.note
第三方付款，已提醒用户不要放币，对方账户已提交风控 {ref}。
== p2p_not_paid/p2p_third_party.resolve
经核实买家未按规则付款，订单已取消，冻结的 USDT 已退回您的账户。
== p2p_merchant_apply.ask
商家申请需要完成高级认证、近 30 天完成一定数量的订单并缴纳保证金，具体要求请查看 P2P 商家中心。
== p2p_merchant_apply.resolve
您的商家申请已提交审核，结果会通过邮件通知您。
== p2p_bank_frozen.ask
很抱歉听到这个情况。我们可以根据执法机关的正式请求提供订单信息，
您也可以在订单详情页下载交易凭证。建议您先与银行沟通，了解需要提供的材料。
== p2p_bank_frozen.note
用户收款银行卡被冻结，对手方已提交风控复查 {ref}。
== p2p_restricted.ask
您的 P2P 权限因风控核查被暂时限制，通常与近期的申诉或付款异常有关。
请完成页面上的身份核验，我们会在 1–2 个工作日内复核。
== p2p_restricted.resolve
您的 P2P 权限已恢复，感谢配合。
"""
