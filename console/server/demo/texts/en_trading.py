"""English templates: spot, futures and margin, fees, P2P."""

from console.core.domain import Category

OPENINGS = {
    Category.SPOT: """
== spot_limit_unfilled | limit-order unfilled
Limit order not filled even though price hit my level
I placed a {pair} limit {side} at {price} for {qty} (order {order}).
The chart clearly touched {price} but my order is still open. Why didn't it fill?

== spot_slippage | market-order slippage ^
Huge slippage on a market order
On {date} at {time} I market-{side} {qty} {base} and the average fill was almost 3% away from
the order book price. Order {order}. That can't be right - was there a system issue?

== spot_partial | partial-fill
Order partially filled, rest cancelled by itself
My {pair} order {order} filled partially and the rest shows "Cancelled", but I didn't cancel it.
Who cancelled it?

== spot_balance | insufficient-balance
"Insufficient balance" but I have USDT
I have USDT in my account but every time I try to buy {base} it says "insufficient balance".
Is my money in a different wallet? How do I move it to Spot?

== spot_delisting | delisting
What happens to my {base} after delisting?
I saw the announcement that {base} is being delisted and I still hold some.
Will I be able to withdraw after the delisting date or do I have to sell before?

== spot_tp_sl | stop-order not-triggered
Stop-loss didn't trigger
My {pair} stop-loss was set at {price}. Price dropped through it last night but the order
never triggered (order {order}) and my loss is now much bigger. Please explain.

== spot_new_listing | new-listing
Couldn't buy the new listing at launch
The announcement said {base} trading opens at {time} today. I was on the page on time but it kept
showing "Coming soon" while other people were already trading. Is my account restricted?

== spot_dust | dust-conversion
How do I clean up tiny balances?
I have a bunch of tiny balances worth less than 1 USDT each. I can't sell or withdraw them.
Is there a way to convert them all at once?

== spot_trade_history | trade-history
Fill price doesn't match the chart
My {pair} trade at {time} filled at {price}, but the high of that 1-minute candle never reached
that price. Order {order}. Is the record wrong?
""",
    Category.FUTURES_MARGIN: """
== fut_liquidation | liquidation dispute ^
Liquidation dispute on {symbol}
My {symbol} {leverage} long was liquidated at {time} at {liq_price}. None of the other big venues
traded that low at the time. I lost {loss} USDT. How is your mark price calculated,
and will you compensate?

== fut_funding | funding-fee
Why am I paying so much in funding?
I'm short {symbol} and have paid funding every 8 hours for two days; the last rate was {funding},
way above normal. Does Lumen keep this fee? How is it calculated?

== fut_adl | adl
My position was auto-deleveraged
My {symbol} position was in profit and part of it was suddenly closed by "auto-deleveraging".
What is this rule and why me?

== fut_margin_mode | margin-mode
Can't switch from cross to isolated margin
I want to switch {symbol} to isolated margin but get "cannot switch with open orders or positions".
I have no position, only a take-profit order. Do I need to cancel that too?

== fut_leverage | leverage-limit
Can't raise leverage
Trying to set {symbol} leverage to {leverage} gives "position exceeds the maximum for this
leverage bracket". How do the brackets work?

== fut_wick | wick stop-loss ^
Stop-loss filled terribly during a wick
The wick at {time} took out my stop (trigger {price}) and the fill was far below it.
Order {order}. Do you compensate for abnormal market moves like this?

== fut_margin_interest | margin-interest
How is margin interest calculated?
I borrowed {usdt_amount} USDT on isolated margin and I'm being charged interest every hour,
more than I expected. Is the rate annual or daily? Any penalty for repaying early?

== fut_transfer | transfer-failed
Can't transfer from Futures to Funding
Transferring {usdt_amount} USDT from my Futures wallet fails with "insufficient transferable
balance" even though my balance is higher. Is unrealised PnL excluded?

== fut_margin_ratio | margin-ratio
Margin ratio jumped for no reason
I didn't touch my position and {symbol} barely moved, but my margin ratio went from 30% to 80%
and I got a margin call. What happened?
""",
    Category.FEES: """
== fee_tier_mismatch | fee-tier vip
Fee rate doesn't match my VIP tier
My account shows VIP {vip}, which should mean {maker} maker, but my recent fills were charged
the regular rate. Example order: {order}. Could you check?

== fee_lmx_discount | lmx-discount
LMX fee discount not applied
I turned on "Pay fees with LMX" and I hold LMX, but recent trades still charged USDT with no
discount.
What am I missing?

== fee_withdrawal_high | withdrawal-fee
Why is the {asset} withdrawal fee so high?
Withdrawing {asset} on {network} costs {wd_fee} {asset}, much more than last month.
How are withdrawal fees set? Is there a cheaper network?

== fee_vip_upgrade | vip-upgrade
How close am I to the next VIP tier?
My 30-day spot volume is about {volume} USDT. How far am I from the next tier,
and does futures volume count?

== fee_referral | referral-commission
Referral commission never paid
A friend signed up with my referral code and has been trading, but my commission is still 0.
Can you check?

== fee_futures_calc | futures-fee
Futures fee seems too high
I opened a {symbol} position at {leverage} and was charged {fee_amount} USDT in fees.
Is the fee based on margin or on position value?

== fee_double | double-fee
Charged the fee twice on one order?
Order {order} shows two fee entries totalling {fee_amount} USDT. Was I double-charged?

== fee_institutional | institutional-rate
Institutional fee schedule
We're a quant fund trading over {volume} USDT a month. We'd like details on your institutional
rates and market maker programme. What do you need from us?

== fee_zero_promo | promotion
Zero-fee promotion not applied
The announcement said {pair} spot is zero-fee, but I was charged on {date}. Order {order}.
Do I need to register?
""",
    Category.P2P: """
== p2p_seller_not_release | p2p-appeal not-released ^
Paid but seller won't release crypto
P2P order {p2p_order}: I paid {fiat_amount} {fiat} via {pay_method} and marked it paid
{minutes} minutes ago. The merchant {merchant} hasn't released and isn't replying.
I have proof of payment. Please help.

== p2p_not_paid | p2p-appeal payment-not-received ^
Buyer marked paid but I received nothing
I'm selling USDT on P2P, order {p2p_order}. The buyer marked it as paid but no {fiat_amount} {fiat}
has arrived in my {pay_method}. I don't want to release. What now?

== p2p_bank_frozen | bank-frozen ^
Bank account frozen after a P2P sale
After selling USDT on P2P last week, my bank froze my account over a {fiat_amount} {fiat}
transfer, saying it's suspicious. Order {p2p_order}. What documents can Lumen provide?

== p2p_cancelled_paid | p2p-cancelled
Order cancelled even though I paid
I paid for order {p2p_order} but forgot to click "Transferred, notify seller" and it timed out.
The money is with the seller {merchant}, who is not answering. How do I get it back?

== p2p_appeal_time | p2p-appeal
How long does a P2P appeal take?
I opened an appeal on order {p2p_order} {hours} hours ago and nobody has joined yet.
What's the usual time?

== p2p_merchant_apply | merchant-application v
How do I become a verified P2P merchant?
I'd like to apply as a P2P merchant. What are the requirements and how much is the deposit?

== p2p_third_party | third-party-payment ^
Payment came from someone other than the buyer
On order {p2p_order} the buyer's verified name is different from the name on the payment I received.
I haven't released yet. What should I do?

== p2p_restricted | p2p-restricted
P2P trading restricted on my account
Today P2P says "your account is temporarily unable to use P2P trading". I've never had a dispute.
Why?
""",
}
