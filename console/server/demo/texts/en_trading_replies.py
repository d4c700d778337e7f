"""English replies, notes and customer answers: spot, futures and margin, fees, P2P."""

POOLS = """
== spot.ask
Thanks for reporting this. Could you send the order ID and a screenshot from when you placed it?
I'll look up the matching details.
== spot.details
Order ID is {order}, screenshot attached.
--
I placed it around {time}; the screenshot shows price and size.
== spot.hold
I've sent your order to the trading engineering team to check the matching logs; expect a reply
within 1-2 business days.
== spot.note
Raised with trading engineering {ref}.
--
Matching log: order {order} queued price-time priority, never reached the front. Working as
intended.
== spot.resolve
We checked and your order was handled according to the matching rules; there was no system issue.
Thanks for your understanding.
--
We found a matching delay at that time and have credited the difference to your Spot wallet.
== spot_limit_unfilled/spot_trade_history.ask
A limit order fills only when the price reaches your level and your order reaches the front of the
queue; the candle high/low may reflect only a small amount traded. Send me a screenshot of the
order and I'll check the matching records.
== spot_partial.note
Cancel source is self-trade prevention (STP). Explain to customer.
== spot_tp_sl.ask
A stop order is only submitted once the last traded price reaches the trigger, and in very fast
markets it may not fill in time. Send the order ID and a screenshot and I'll pull the trigger log.
== spot_balance.ask
Spot orders use the balance in your Spot wallet; funds in Funding need to be transferred first. Go
to Assets > Transfer, move USDT from Funding to Spot, then place the order again.
== spot_balance/spot_dust.resolve
All sorted - you can trade normally after the transfer. Let us know if anything else comes up.
== spot_slippage.ask
Market orders walk the order book, so thin liquidity can mean large slippage. For bigger trades we
recommend limit orders. Send the order ID and I'll check the book depth at that moment.
== spot_delisting.ask
After delisting the trading pairs close, but you can still withdraw the token for 90 days from the
delisting date. We suggest selling before then or moving it to your own wallet.
== spot_new_listing.ask
Trading opens at the time in the announcement, and there can be a short queue in the first minutes.
Some new tokens aren't available in every region. Send a screenshot and your country and I'll check
for restrictions on your account.
== spot_dust.ask
You can convert small balances in Assets > Convert Small Balances to LMX, once every 6 hours, for a
small fee.

== futures_margin.ask
Could you send the order ID or a position screenshot? I'll pull the fills and margin history for
that time.
== futures_margin.details
Position screenshot attached, order {order}.
--
I tried what you suggested and it still doesn't work. Screenshot attached.
== futures_margin.hold
I've asked the futures engineering team to look into it and will update this ticket; expect 1-3
business days.
== futures_margin.note
Raised with futures engineering {ref}.
--
Position exceeds bracket size; customer must reduce size for higher leverage. Explained.
== futures_margin.resolve
This is fixed and you can carry on as normal. Thanks for your patience.
== fut_liquidation/fut_wick.ask
Lumen futures trigger liquidations and stops on the mark price, which follows an index of several
spot venues so that one market's spike can't take you out. Please send a position screenshot and
I'll check the mark price and fills at that time.
== fut_liquidation/fut_wick.note
Checked mark price: {mark_price} at the time, trigger was correct. Not eligible for compensation.
--
One index constituent had bad prints at that time; sent to risk for compensation review {ref}.
== fut_liquidation/fut_wick.hold
I've asked the risk team to review this. It usually takes 3-5 business days and you'll get the
outcome by email.
== fut_liquidation/fut_wick.resolve
Risk has reviewed the case: the order triggered correctly on the mark price, so it isn't eligible
for compensation. We recommend stop-losses and watching your margin ratio.
--
We confirmed abnormal market conditions and have compensated {loss} USDT to your Futures wallet.
== fut_funding.ask
Funding is paid between longs and shorts; Lumen doesn't keep it. When the rate is positive longs
pay shorts, settled every 8 hours. You can see the history on the contract page.
== fut_adl.ask
Auto-deleveraging only happens when a liquidation can't be filled in the market and the insurance
fund can't cover it. Positions are ranked by profit and leverage, and the top of the queue is
reduced first, at the bankruptcy price and with no fee.
== fut_margin_mode.ask
To switch between cross and isolated you need to cancel all open orders on that contract, including
TP/SL orders, and have no open position. Please cancel and try again.
== fut_leverage.ask
Each leverage level has a maximum position size: the bigger the position, the lower the maximum
leverage. You can see the brackets under Leverage & Margin Tiers; reduce the position to raise
leverage.
== fut_margin_interest.ask
Margin interest accrues hourly; the borrow page shows the daily rate, and part of an hour counts as
a full hour. There's no penalty for repaying early.
== fut_transfer.ask
Unrealised PnL and margin in use can't be transferred out of Futures. Transferable = wallet balance
- margin in use - unrealised loss (if any).
== fut_margin_ratio.note
Margin ratio change comes from unrealised loss on another cross-margin contract. Explained.

== fees.ask
Thanks for the report. Could you send the order ID? I'll check which rate applied at the time.
== fees.details
Order {order}, screenshot attached, filled at {time}.
--
Screenshot attached, please take a look.
== fees.hold
I've submitted a fee review; if we overcharged, the difference is refunded within 3 business days.
== fees.note
Sent to fee review {ref}.
== fees.resolve
The extra {fee_amount} USDT fee has been refunded to your Spot wallet.
== fee_tier_mismatch/fee_vip_upgrade.ask
VIP tiers are recalculated daily at 00:00 UTC from your 30-day volume (spot and futures counted
separately) and balance, and the new rate applies to orders after the update. The Fee Tier page
shows how far you are from the next tier.
== fee_tier_mismatch.note
Customer reached VIP {vip} on {date}; fill was before the upgrade, rate correct.
== fee_tier_mismatch/fee_vip_upgrade.resolve
Your fee rate is now updated to VIP {vip} and applies automatically to new orders.
== fee_lmx_discount.ask
LMX fee payment needs enough LMX in your Spot wallet (not Funding) and uses the LMX price at
the time
of the fill. Could you check where your LMX is held?
== fee_withdrawal_high.ask
Withdrawal fees follow on-chain network costs and vary a lot between networks. You can pick another
supported network on the withdrawal page; just make sure the receiver supports it.
== fee_withdrawal_high/fee_futures_calc.resolve
Hope that explains it. If anything else comes up, just reply here.
== fee_referral.ask
Referral commission is paid the day (UTC) after your friend trades, provided they entered your code
at sign-up and completed verification. Send me their UID and I'll check the link.
== fee_referral.resolve
The referral link is confirmed and the missing commission has been paid to your Funding wallet.
== fee_futures_calc.ask
Futures fees are charged on position value (size x fill price), not on margin, so higher leverage
means higher fees for the same margin.
== fee_double.ask
Send me the order ID and I'll check. When one order fills in several parts, each fill has its own
fee entry.
== fee_double.resolve
The two entries are fees for two partial fills of the same order, so there was no double charge.
== fee_institutional.ask
Thanks for your interest. For institutional and market maker terms we need company documents and
recent volume statements; I'll pass your request to our institutional team, who will contact you
within 3 business days.
== fee_institutional.note
Passed to institutional team, ~{volume} USDT monthly.
== fee_zero_promo.ask
The zero-fee promotion applies only after you register on the campaign page, and only to the listed
pairs. Could you check whether you registered?
== fee_zero_promo.note
Promo needed registration, customer didn't register. Requested one-time waiver {ref}.

== p2p.ask
Please send the order number and any screenshots and we'll look into it right away.
== p2p.details
Payment proof uploaded to the appeal, shows time and amount.
--
Checked my banking app again - nothing received. Screenshot attached.
== p2p.hold
Your appeal is being handled and we are contacting the other party. Appeals are usually settled
within 24-48 hours and the crypto stays locked in escrow until then.
== p2p.note
Contacted counterparty, waiting for reply {ref}.
== p2p.resolve
This is resolved now. Thanks for your cooperation.
== p2p_seller_not_release/p2p_cancelled_paid/p2p_appeal_time.ask
Please don't cancel the order. Upload proof of payment on the appeal page (showing time, amount and
the receiving account) and an agent will step in within the appeal window. The seller's crypto is
held in escrow meanwhile.
== p2p_seller_not_release/p2p_cancelled_paid/p2p_appeal_time.note
Seller {merchant} unresponsive; contacted merchant ops, will force release on timeout.
--
Buyer's proof matches bank statement. Waiting 2h for counterparty response.
== p2p_seller_not_release/p2p_appeal_time.resolve
The appeal is resolved: the crypto has been released to your Funding wallet and the order is
complete.
== p2p_cancelled_paid.resolve
The seller confirmed receiving your payment, so we've recreated the order and released the crypto.
== p2p_not_paid.ask
Please don't release until you've confirmed the money in your own bank or wallet app - not a
screenshot from the buyer. If it really hasn't arrived, open an appeal from the order page and an
agent will step in.
== p2p_third_party.ask
A payment from someone other than the buyer is a third-party payment and carries risk. Please
don't release; ask the buyer to refund through the same channel and open an appeal so we can help.
== p2p_third_party.note
Third-party payment. Told customer not to release; counterparty sent to risk {ref}.
== p2p_not_paid/p2p_third_party.resolve
We confirmed the buyer didn't pay as required; the order is cancelled and your USDT is back in your
account.
== p2p_merchant_apply.ask
To become a merchant you need advanced verification, a minimum number of completed orders in the
last 30 days and a security deposit; see the P2P Merchant Centre for details.
== p2p_merchant_apply.resolve
Your merchant application is submitted; you'll get the result by email.
== p2p_bank_frozen.ask
Sorry to hear that. We can provide order records in response to a formal request from law
enforcement, and you can download a trade statement from the order page. Please ask your bank
what they need first.
== p2p_bank_frozen.note
Customer's receiving bank account frozen; counterparty sent for risk review {ref}.
== p2p_restricted.ask
Your P2P access is temporarily restricted pending a risk review, usually after a recent appeal or
unusual payment. Please complete the identity check on that page and we'll review within 1-2
business days.
== p2p_restricted.resolve
Your P2P access has been restored. Thanks for your patience.
"""
