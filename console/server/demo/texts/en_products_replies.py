"""English replies, notes and customer answers: Earn, Web3 wallet, API, and generic fallbacks."""

POOLS = """
== earn.ask
Could you send a screenshot of the order or your reward history? I'll check it for you.
== earn.details
Screenshot of the reward history attached.
--
Order screenshot attached, date {date}.
== earn.hold
I've passed this to the Earn product team; expect an answer within 1-3 business days.
== earn.note
Raised with Earn product team {ref}.
== earn.resolve
This is sorted now. Let us know if there's anything else.
== earn_redeem_delay.ask
Flexible redemptions are usually instant but can take up to 48 hours at peak times. I've checked and
your redemption is still being processed.
== earn_redeem_delay.resolve
Your redemption is complete and the funds are back in your Funding wallet.
== earn_early_redeem.ask
Redeeming a locked product early forfeits the rewards for the remaining term; rewards already paid
are not taken back. The product page has the full terms.
== earn_apr_mismatch/earn_missing_reward.ask
APR is annualised: daily reward = principal x APR / 365, and tiered products pay a lower rate above
the tier cap. Rewards are paid the next day. Send me a screenshot of your reward history and I'll
check it.
== earn_apr_mismatch.note
Tiered APR: first 500 USDT at {apr}, remainder at base rate. Calculation correct.
== earn_missing_reward.note
Daily reward job delayed; product team will back-pay today {ref}.
== earn_missing_reward.resolve
That day's rewards were delayed by a system issue and have now been paid to your Earn account.
== earn_dual.ask
Dual Investment uses the settlement price at 08:00 UTC on the settlement date, not the day's high or
low. Send the order screenshot and I'll check the price used.
== earn_eth_staking.ask
ETH unstaking waits in the Ethereum validator exit queue; the time depends on the chain, and we
can't speed it up. No rewards accrue while unbonding.
== earn_eth_staking.note
ETH unstaking depends on the validator exit queue, not on us.
== earn_auto_subscribe.ask
You can turn this off under Earn > Auto-Subscribe; subscribed Flexible funds can be redeemed back to
Funding at any time.
== earn_sold_out.ask
Quota for popular products is topped up from time to time. Turn on "Notify me" on the product page
and you'll hear as soon as there's more.

== web3_wallet.ask
Could you send the transaction hash and a screenshot? I'll check the on-chain status.
== web3_wallet.details
Tx hash is {dex_tx}, screenshot attached.
--
Screenshot attached, please take a look.
== web3_wallet.hold
I've asked the Web3 engineering team to check; expect an update within 24 hours.
== web3_wallet.note
Raised with Web3 team {ref}.
== web3_wallet.resolve
All sorted - refresh your wallet to see it.
== w3_swap_failed/w3_slippage/w3_stuck_pending.ask
When an on-chain transaction fails, the gas goes to the network validators, so we can't refund it.
Failures are usually caused by low slippage tolerance or an expired quote. Send me the tx hash and
I'll check the reason. To speed up a pending transaction, use "Speed up" on the transaction page.
== w3_swap_failed/w3_slippage.note
Explorer: tx reverted on slippage protection (execution reverted). Gas consumed normally.
== w3_approval_drained.ask
The Lumen Web3 wallet is self-custodial: you control the assets on-chain. We can't freeze or reverse
on-chain transfers caused by a malicious approval, but we will help flag the addresses. Revoke all
suspicious approvals under Approval Management now and move remaining funds to a new wallet.
Anyone asking for your seed phrase or private key is a scammer - Lumen never will.
== w3_approval_drained.details
I've revoked all approvals and moved what's left to a new wallet.
== w3_approval_drained.hold
The addresses have been sent to our Security team to be flagged on-chain. We'll let you know of any
progress.
== w3_approval_drained.note
Malicious contract reported to Security {case}. Assets were in the self-custody wallet; nothing to
freeze.
== w3_bridge.ask
Bridge transfers usually take 10-30 minutes but can take longer when the destination chain is
congested. Send the source chain tx hash and I'll check the bridge status.
== w3_bridge.note
Bridge relayer delay, raised with Web3 team {ref}.
== w3_bridge.resolve
The bridged funds have arrived on the destination chain; refresh your wallet to see them.
== w3_token_missing/w3_airdrop.ask
If a token isn't shown, tap Manage Tokens on the wallet home page and paste the token contract
address to add it. Campaign rewards are distributed within 14 days after the campaign ends.
== w3_recovery.ask
The wallet's cloud backup is encrypted with the backup password you chose, and Lumen can't see or
reset it. Try the passwords you usually use; if you still have the old phone, you can export a new
backup from it. Never tell anyone your backup password.
== w3_to_exchange.ask
Please send the tx hash and confirm the network you used. Transfers from the Web3 wallet to your
exchange account are credited after {need} confirmations.

== api.ask
Could you send the request time, the endpoint and the full response (without your secret key)? I'll
check the gateway logs.
== api.details
Sample request attached, secret key removed.
--
It happened around {time}; full response in the screenshot.
== api.hold
I've passed this to the API engineering team to check gateway logs; expect a reply in 1-2 business
days.
== api.note
Raised with API engineering {ref}.
== api.resolve
Glad that's working now. If you see errors again, include the request time and the response body.
== api_signature.ask
The signature is an HMAC SHA256 over the full query string (including timestamp), with parameters in
the same order as sent. For POST requests the body must be signed too. Send a sample request with
the secret key removed and I'll take a look.
== api_signature.note
Gateway log: signature payload for this key is missing the timestamp param.
== api_timestamp.ask
{api_code} usually means your server clock has drifted. Sync it with NTP and use /api/v1/time to
calibrate against our server time.
== api_rate_limit/api_mm_program.ask
Standard accounts can place 100 orders per 10 seconds; above that you get 42901. Use WebSocket for
market data and the batch order endpoint to reduce request counts. Market makers can apply for
higher limits.
== api_rate_limit/api_mm_program.note
Rate limit increase / market maker application sent to institutional team {ref}.
== api_rate_limit/api_mm_program.resolve
Your account's rate limits have been raised, effective immediately.
== api_ip_whitelist.ask
IP allowlist changes take about 5 minutes to take effect. Please check that your server's outbound
IP matches the allowlist - on cloud hosts it often differs from the private IP.
== api_ip_whitelist.note
IP allowlist changes take 5 minutes to propagate. Explained.
== api_websocket.ask
For stability the server closes each connection after 24 hours, and also when no pong arrives for
10 minutes. Please reconnect automatically and send a ping regularly.
== api_permission.ask
Futures orders over the API need an activated Futures account (including the futures quiz) before
you enable futures trading on the key.
== api_key_expired.ask
For security, API keys without an IP allowlist are deleted after 90 days without use. Please create
a new key and bind your IPs. Never share your secret key with anyone.

== any.ask
Thanks for contacting Lumen Support. To speed things up, could you send a screenshot and roughly
when this happened?
== any.details
Screenshot attached, please take a look.
== any.hold
I've passed this to the relevant team and will update you as soon as I hear back. Thanks for your
patience.
== any.note
Verified customer details, passed to the relevant team {ref}.
--
Customer is anxious; prioritise the next reply.
== any.resolve
This is now resolved. If there's anything else, just reply here.
== any.followup
Any update on this? It's been a while.
--
Hello? Is anyone looking at this ticket?
--
Just tried again and it's still the same.
--
I've attached a screenshot of the error now.
--
It's been a day. Can you give me an ETA?
--
This is urgent for me, I need these funds tomorrow. Please escalate.
--
Screenshot of the error attached - it says "System busy, please try again later".
--
Is there anything else you need from me? Happy to send it right away.
--
Could someone please follow up on this? Thanks.
--
I just got another email notification about this, screenshot attached. Is it related?
== any.thanks
Got it, thank you!
--
All sorted, thanks for the help.
--
Received, thanks a lot.
"""
