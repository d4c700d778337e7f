"""English templates: Earn, Web3 wallet, API; the pools every category falls back on."""

from console.core.domain import Category

OPENINGS = {
    Category.EARN: """
== earn_redeem_delay | redemption
Flexible redemption hasn't arrived
I redeemed {earn_amount} USDT from Flexible Earn on {date}. It says "Redeeming" and the funds
still aren't in my Funding wallet. Isn't flexible supposed to be instant?

== earn_early_redeem | early-redemption
Early redemption from a locked product
I'm in {product} and need the money now. Early redemption says I'll "lose all rewards".
Will rewards already paid out be clawed back too?

== earn_apr_mismatch | apr
Rewards don't match the APR
{product} shows {apr} APR. I put in {earn_amount} USDT but the daily rewards are about half of
what I calculated. How is it worked out?

== earn_eth_staking | staking unbonding
How long does ETH unstaking take?
I unstaked my ETH and it says I'm in the unbonding queue. It's been {days} days.
Do I still earn during this time? When will it arrive?

== earn_dual | dual-investment ^
Dual Investment settlement price looks wrong
My Dual Investment settled on {date} and converted into {base} at {price}, saying the target
was hit.
I don't think the price got there. Which time is the settlement price taken from?

== earn_auto_subscribe | auto-subscribe
Auto-subscribe moved all my USDT into Earn
I turned on auto-subscribe for Flexible and now all the USDT in Funding has been subscribed, so my
withdrawal failed for insufficient balance. How do I turn it off?

== earn_missing_reward | missing-reward
Yesterday's Earn rewards missing
I didn't get yesterday's rewards for {product}. Every other day was fine and I haven't redeemed
anything.

== earn_sold_out | sold-out v
{product} sold out - when is more quota added?
I've been trying to subscribe to {product} but it always says "Sold out". When will quota be
topped up?
""",
    Category.WEB3_WALLET: """
== w3_swap_failed | swap-failed gas
Swap failed in the Web3 wallet but gas was charged
I tried swapping for {token} on {chain} in the Lumen Web3 wallet and got "Transaction failed",
but {gas} in gas was still deducted. Tx {dex_tx}. Why did it fail, and can I get the gas back?

== w3_bridge | bridge not-received ^
Bridge transfer hasn't arrived
I bridged {usdt_amount} USDT out of {chain} with the wallet's bridge. The source chain tx succeeded
({dex_tx}) but nothing has arrived on the destination chain after {hours} hours.

== w3_approval_drained | approval drained !
Wallet drained after approving a contract
Two days ago I connected my Lumen Web3 wallet to an airdrop site and approved something.
Today all my {token} is gone, tx {dex_tx}. Can you get it back? What should I do now?

== w3_token_missing | token-not-shown
Token I bought isn't showing in my wallet
I bought {token} on {chain}; the explorer shows it in my address but the Lumen Web3 wallet doesn't.
Do I need to add it manually?

== w3_recovery | wallet-recovery ^
Web3 wallet missing after switching phones
I logged in on a new phone; my exchange account is fine but the Web3 wallet asks to be recovered.
I turned on cloud backup but forgot the backup password. Can I still recover it?

== w3_slippage | slippage
Received much less than the quote
The swap quote showed a good amount of {token} but I received almost 5% less. Slippage was on auto.
Did I get sandwiched (MEV)?

== w3_stuck_pending | pending-tx
Transaction stuck on "Processing"
A transfer from my Web3 wallet on {chain} has been "Processing" for {hours} hours, hash {dex_tx}.
Can I cancel or speed it up?

== w3_to_exchange | internal-transfer | assets=USDT
Sent from Web3 wallet to my exchange account - not received
I sent {usdt_amount} USDT from my Web3 wallet to my exchange Funding wallet over {network}.
The wallet
says success but there's nothing on the exchange side.

== w3_airdrop | airdrop v
How do I claim the Web3 wallet airdrop?
I completed the tasks for the airdrop campaign on the Web3 wallet home page, but the reward never
showed up. How do I claim it?
""",
    Category.API: """
== api_signature | signature-error
Order endpoint returns 40101 invalid signature
I'm calling {endpoint} from Python and keep getting {api_code} {api_msg}. The same code works for
balance queries; only placing orders fails. Does parameter order matter?

== api_timestamp | timestamp recv-window
Intermittent 40103 timestamp errors
Our server is in {city} and calls occasionally fail with {api_code} {api_msg}, a few dozen times an
hour. recvWindow is 5000. Should we raise it?

== api_rate_limit | rate-limit
Hitting 42901 rate limits, strategy keeps stopping
Our grid strategy gets {api_code} {api_msg} during volatile periods and orders fail. What are the
current limits and can they be raised?

== api_ip_whitelist | ip-whitelist
40301 IP not whitelisted after server move
We moved to a new server with IP {ip} and now get {api_code} {api_msg}. I added the IP in API
Management but it still fails. How long until it takes effect?

== api_websocket | websocket
WebSocket market data keeps disconnecting
Our {pair} depth stream disconnects about every 24 hours, sometimes after just a few minutes,
with no
message beforehand. Is that expected?

== api_permission | permission
Futures orders via API return insufficient permission
My API key has futures trading enabled but futures orders return {api_code} {api_msg}.
The key was created last week.

== api_key_expired | api-key-expired
API key suddenly stopped working
I didn't change anything, but today every request fails with {api_code} {api_msg}. The key is
no longer listed in API Management. Was it deleted?

== api_mm_program | market-maker v
Requesting market maker API access
We are a professional market making firm and would like low-latency access and higher rate limits.
What is the application process?
""",
}
