"""English templates: deposits and withdrawals, account security, identity verification."""

from console.core.domain import Category

OPENINGS = {
    Category.DEPOSIT_WITHDRAWAL: """
== dep_not_credited | deposit not-credited | deposit
{asset} deposit not credited after {conf} confirmations
Hi, I sent {amount} {asset} over {network} to my Lumen deposit address on {date} at {time}.
The explorer shows {conf} confirmations but nothing has arrived in my account
and it isn't in my deposit history either.
TxID: {tx}
Can you check what's going on?

== dep_wrong_network | deposit wrong-network | deposit ^ assets=USDT/ETH networks=ERC20/BEP20/BASE
Sent {asset} on {network} instead of {network_alt}
I made a mistake: my Lumen deposit page said {network_alt} but I withdrew from the other
platform using {network}. {amount} {asset}, TxID {tx}, sent to {address}.
It's been {hours} hours. Is this recoverable, and is there a fee?

== dep_missing_memo | deposit memo-missing | deposit assets=XRP/TON
Forgot the {asset} destination tag on my deposit
I deposited {amount} {asset} from another exchange and didn't fill in the tag/memo.
The transaction is confirmed on-chain (TxID {tx}) but my balance hasn't changed.
My tag should be {memo}. Can you credit it manually?

== wd_under_review | withdrawal under-review | withdrawal
Withdrawal of {amount} {asset} stuck "Under review"
My {asset} withdrawal from {date} has been "Under review" for {hours} hours now.
Usually withdrawals go through in minutes. Address {address}, network {network}.
Why is it being reviewed and how long will it take? I need these funds.

== wd_not_received | withdrawal not-received | withdrawal
Withdrawal shows completed but never arrived
I withdrew {amount} {asset} ({network}) to my hardware wallet. Lumen shows "Completed"
with TxID {tx}, but the wallet balance is unchanged.
Address was copy-pasted: {address}. Please confirm it was actually sent.

== wd_failed_fee | withdrawal failed fee-refund | withdrawal
Failed withdrawal - fee not refunded?
My {amount} {asset} withdrawal on {date} failed and the funds came back to my Funding
wallet, minus what looks like the {wd_fee} {asset} fee. Was it my address or your side?
Shouldn't the fee be refunded if it failed?

== dep_exchange_pending | deposit pending | deposit
Deposit from another exchange still pending
The exchange I withdrew from says the {amount} {asset} transfer completed {hours} hours ago
(TxID {tx}) but Lumen still shows it as pending with {conf}/{need} confirmations.
Is the {network} network congested?

== wd_limit | withdrawal limit | withdrawal
"Exceeds 24h withdrawal limit" error
I'm trying to withdraw {amount} {asset} and keep getting "exceeds 24h withdrawal limit".
My account is {kyc_text}. What is my limit and how do I raise it?
Can I at least withdraw part of it today?

== dep_unsupported_token | deposit unsupported-token | deposit ^
Deposited a token you don't list
I sent a token to my {network} deposit address before realising Lumen doesn't support it.
TxID {tx}, worth roughly {amount} {asset}. Can it be returned to my sending address?

== wd_network_suspended | withdrawal suspended-network | withdrawal
{network} withdrawals suspended?
The withdrawal page says {asset} withdrawals on {network} are temporarily suspended.
Is there an ETA? I have {amount} {asset} I need to move today.
""",
    Category.ACCOUNT_SECURITY: """
== sec_stolen | stolen-account unauthorized-withdrawal | withdrawal !
URGENT: account hacked, {asset} withdrawn without my permission
I just got a "withdrawal successful" email for {amount} {asset} to an address I don't know:
{address}. I did NOT do this. My phone and laptop are with me.
Please freeze my account right now and stop this withdrawal if you still can.

== sec_new_device | new-device suspicious-login | !
Login alert from a device that isn't mine
At {time} today I got an alert that a {device} logged into my account from {city}
(IP {ip}). I'm in {city_home} and have never been to {city}.
I've changed my password already. What else should I do? Are my funds safe?

== sec_2fa_lost | 2fa-lost | ^
Lost my phone - can't get past 2FA
I got a new phone and didn't transfer my authenticator app. Now I can't log in or withdraw.
I still have funds on the account. How do I reset 2FA and what do you need from me?

== sec_phishing | phishing | !
I entered my login on a fake Lumen site
I got a text saying my account had "unusual activity" and needed re-verification.
I clicked the link and logged in before noticing the domain wasn't lumen.example.
What do I do now? Should I freeze the account?

== sec_frozen | account-frozen | ^
Account frozen - can't log in
When I log in it says "Your account has been frozen, please contact support".
I haven't done anything wrong. UID {uid}. Why was it frozen and how do I get it back?
I have open positions.

== sec_phone_change | phone-change
Old phone number deactivated - need to change it
My registered phone number is no longer active so I can't receive SMS codes.
I can still log in with email but withdrawals and security changes need SMS.
How do I switch to my new number?

== sec_unknown_api | api-key unknown-api-key | !
There's an API key on my account I didn't create
In Security settings I see an API key called "{api_label}" created on {date} with spot
trading enabled. I have never created an API key. Has someone been trading on my account?

== sec_fake_support | impersonation scam | ^
Someone claiming to be Lumen support on Telegram
A "Lumen Official Support" account messaged me on Telegram saying my account needs a
"security upgrade" and asked me to move my USDT to a "safe wallet": {address}.
I haven't sent anything. Is this you? How do I verify official staff?

== sec_withdraw_lock | withdrawal-lock password-reset
Withdrawals locked for 24h after password reset
I reset my password because I forgot it, and now withdrawals are locked for 24 hours.
I urgently need to move {amount} {asset}. Can you lift the lock early?
""",
    Category.KYC: """
== kyc_blurry | kyc-rejected document
Verification rejected: "document image unclear"
I submitted my {doc} for verification and it was rejected for "blurry image or glare".
I've retaken the photo several times with the same result. Can I upload a scan instead?

== kyc_face | kyc-rejected liveness
Face verification keeps failing
The liveness check keeps saying "face the screen" and fails every time. I've tried over
ten times on my {device} in good light. Is there another way to verify?

== kyc_address | proof-of-address
Proof of address rejected as older than 3 months
I uploaded a utility bill as proof of address and it was rejected because it's "older than
3 months". My bills are quarterly. Will a bank statement work?

== kyc_slow | kyc-pending
Verification pending for {days} days
I submitted advanced verification on {date} and it's still "Under review" after {days} days.
I can't withdraw until it's approved. Can this be expedited?

== kyc_name_mismatch | name-mismatch
Name on my bank account doesn't match my ID
My {doc} shows my full legal name including a middle name, but my bank account doesn't.
P2P now says the names don't match. How can I fix this?

== kyc_upgrade | kyc-upgrade withdrawal-limit
How do I upgrade verification for higher limits?
I'm {kyc_text} and the daily withdrawal limit isn't enough for me.
What documents do I need for the next level and how long does review take?

== kyc_expired | document-expired
My ID expired - will my account be restricted?
I got an email saying my {doc} has expired and I need to update it or withdrawals will be
limited. My new one will take about {days} days to arrive. Will my account be frozen meanwhile?

== kyc_relocation | region-change
Moved to {city} - how do I update my country of residence?
I recently relocated from {city_home} to {city} for work and my verification still shows my
old country. Do I need to re-verify? Will it affect my balances or open orders?

== kyc_business | business-verification
Corporate account verification requirements
Our company would like to open a corporate account for treasury management.
What documents are required, how far up the ownership chain do you need, and how long does it take?
""",
}
