"""English replies, notes and customer answers: deposits and withdrawals, security, verification."""

POOLS = """
== deposit_withdrawal.ask
So I can look into this, could you tell me the asset, network, amount and roughly when you made
the transfer, and attach a screenshot of the page?
--
Thanks for reaching out. Please reply with a screenshot of your transaction history and I'll pass
it straight to the right team.
== deposit_withdrawal.details
Screenshot attached.
--
To add: I did this around {time} on {date}; asset and network are in the screenshot.
== deposit_withdrawal.hold
I've raised this with the relevant team; it usually takes 1-3 business days and I'll update you
here as soon as there's progress.
== deposit_withdrawal.note
KYC {kyc_text}, no unusual logins in 30 days, details verified.
--
Passed to funds team per process {ref}, waiting on reply.
== deposit_withdrawal.resolve
This is now sorted; please refresh your transaction history. Let us know if anything else comes up.

== dep_not_credited/dep_exchange_pending.ask
{network} deposits are credited after {need} confirmations; your transaction is currently at
{conf}. If it has passed that and still isn't credited, reply with an explorer screenshot and
we'll ask the wallet team to rescan it.
--
Thanks for your patience. So I can look into this, please send:
- a block explorer screenshot showing confirmations and the receiving address
- the withdrawal record from the sending platform
I'll pass it straight to our wallet team once I have it.
== dep_btc_slow.ask
The Bitcoin network is congested right now, so low-fee transactions wait longer in the mempool.
We can't accelerate a transaction sent from an external wallet, but if your wallet supports RBF
you can bump the fee there. It will be credited automatically after {need} confirmations.
== dep_not_credited/dep_exchange_pending/dep_btc_slow/w3_to_exchange.details
Sure - the TxID is {tx} and I've attached the explorer screenshot.
--
The sending platform shows it as completed on {network}; their withdrawal record is attached.
--
Screenshot attached. The explorer shows the receiving address is my Lumen deposit address
{addr_short}.
== dep_not_credited/dep_exchange_pending/dep_btc_slow/w3_to_exchange.note
On-chain {conf}/{need} confs, deposit scanner missed it. Raised with wallet ops for rescan {ref}.
--
{network} node lagging, wallet team will rescan today. Call back customer after.
--
TxID and destination checked, destination is our address. Waiting on wallet ops {ref}.
== dep_not_credited/dep_exchange_pending/dep_btc_slow/w3_to_exchange.hold
I've raised this with our wallet team. Because it needs an on-chain check and a manual credit,
it usually takes 1-2 business days. Thanks for bearing with us.
== dep_not_credited/dep_exchange_pending/dep_btc_slow/w3_to_exchange.resolve
Good news: the {amount} {asset} has now been credited to your Funding wallet. Sorry for the wait.
--
Your deposit has been credited. The delay was caused by our {network} node falling behind,
which is fixed now.

== dep_wrong_network/dep_missing_memo/dep_unsupported_token.ask
Thanks for letting us know. This needs an asset recovery request: please reply with the TxID and a
screenshot of the withdrawal record from the sending platform (showing network, address and
amount). Recovery usually takes 7-14 business days and a recovery fee may apply.
--
Sorry to hear that. We'll do our best to recover the funds, although we can't guarantee it.
Please send the TxID and the sender's withdrawal screenshot, and we'll file it with the
recovery team.
== dep_wrong_network/dep_missing_memo/dep_unsupported_token.details
TxID: {tx}. The withdrawal screenshot from the sending platform is attached.
--
Screenshot attached - it shows I picked {network}, amount {amount} {asset}.
== dep_wrong_network/dep_missing_memo/dep_unsupported_token.note
TxID verified, destination is our address. Recovery request filed {ref}.
--
Memo {memo} confirmed as belonging to this UID; manual credit requested {ref}.
== dep_wrong_network/dep_missing_memo/dep_unsupported_token.hold
Your recovery request is with the asset recovery team; processing takes 7-14 business days. Once
approved, the funds go back to your Funding wallet. No need to submit it again.
== dep_wrong_network/dep_missing_memo/dep_unsupported_token.resolve
The funds have been recovered and credited to your Funding wallet. Please double-check the network
and memo before depositing next time.
--
Your recovery request is complete; the amount minus the recovery fee is back in your account.

== wd_under_review.ask
This withdrawal is in a routine risk review. Some withdrawals are checked manually to protect your
account, and most reviews finish within 24 hours. Please don't resubmit or cancel it.
--
I can see this withdrawal is going through a standard security review. To speed it up, could you
briefly tell us where the funds came from (e.g. bought on Lumen, transferred in from another
platform)? I'll add it to the review.
== wd_under_review.details
The funds are from a spot purchase on Lumen; deposit history screenshot attached.
--
It's my own cold wallet and I've withdrawn there before. Please hurry.
== wd_under_review.note
Withdrawal hit large-amount rule, sent to compliance {ref}. Do not disclose rule details to
customer.
--
KYC {kyc_text}, no unusual logins in 30 days, address used before. Recommend release.
== wd_under_review.hold
This withdrawal needs an additional compliance review, which usually takes 1-3 business days. Your
funds are safe in the meantime and you'll get an email when it's done.
== wd_under_review.resolve
Your withdrawal has been approved and broadcast. It should arrive within 10-30 minutes depending on
network confirmations.

== wd_not_received.ask
I can see this withdrawal was broadcast on-chain with TxID {tx_short}. Please check the receiving
address on the explorer, and if it went to another platform, ask them whether a memo was required.
--
The chain shows this withdrawal as successful. If your wallet balance hasn't changed, try refreshing
or resyncing the wallet, and check the balance of {addr_short} on a block explorer.
== wd_not_received.details
I can see the transaction on the explorer (screenshot attached) but the wallet still shows nothing.
--
It's a hardware wallet; I resynced and it's still missing. Screenshot attached.
== wd_not_received.note
Tx confirmed on-chain to the address the customer submitted. Not on our side; asked customer to
check wallet.
== wd_not_received.resolve
The explorer shows the funds arrived at {addr_short}; the customer's wallet just hadn't synced.
All showing correctly now.

== wd_failed_fee.ask
This withdrawal failed because the destination address didn't pass network validation. We're
checking why the fee wasn't returned; could you attach a screenshot of your transaction history?
== wd_failed_fee.note
Withdrawal failed on address validation. Fee not auto-refunded; manual refund requested {ref}.
== wd_failed_fee.resolve
The failure was caused by a validation issue on our side, so the {wd_fee} {asset} fee has been
refunded in full to your Funding wallet.

== wd_limit.ask
Withdrawal limits depend on your verification level; you're currently {kyc_text}. Completing the
next level raises your 24h limit. For today you can withdraw in parts within the current limit.
== wd_limit.note
Customer {kyc_text}, at 24h cap. Can't be raised manually; suggested upgrade.
== wd_limit.resolve
Your verification level is updated and the new withdrawal limit is live.

== wd_new_address/sec_withdraw_lock.ask
After adding a new withdrawal address, resetting your password or changing security settings,
withdrawals pause for 24 hours. It protects your funds and can't be lifted manually, sorry.
Deposits and trading work as normal meanwhile.
--
I understand the urgency. The 24-hour lock stops an attacker from moving funds quickly after taking
over an account, so support can't remove it. Adding your usual addresses to the allowlist ahead of
time helps avoid this.
== wd_new_address/sec_withdraw_lock.resolve
The 24-hour security lock has ended and you can withdraw normally now.
== wd_network_suspended.ask
{network} withdrawals are paused for a scheduled network upgrade. They'll resume once the network is
stable; follow our announcements for updates. If the receiver supports it, you can use
{network_alt} instead.
== wd_network_suspended.resolve
{network} withdrawals have resumed, so you can go ahead now.

== account_security.ask
To protect your funds we have temporarily locked withdrawals and trading on your account, and
escalated this ticket to our Security team. In the meantime please:
- change your login password and your email password
- check your devices for unfamiliar browser extensions or remote-access apps
- reply with the time and place of your last login that you recognise
Lumen staff will never ask for your password, SMS code or authenticator code. Never share them
with anyone.
--
Thanks for flagging this right away. Your account is locked and our Security team will contact you
within 24 hours. Could you tell us roughly when the suspicious activity happened and which device
you normally use, so we can compare against the login logs? Please don't share any codes or
passwords with anyone, including people claiming to be Lumen staff.
== account_security.details
My last normal login was {date} in the evening, from {city_home}, on my own phone.
--
Password changed and I checked my laptop, no odd extensions. Screenshot attached.
== account_security.hold
Our Security team has taken over your case (case {case}). They are reviewing the login logs and
tracing the funds. Your account stays locked during the investigation.
--
Security is reviewing the login logs and device history; expect an update within 1-2 business
days. Please don't log in to any third-party site with your Lumen credentials.
== account_security.note
Account frozen, escalated to Security {case}. Login from {city} {ip} on {device}, not the
customer's usual location.
--
Destination address sent for chain analysis and added to internal blocklist. Wait for Security
before replying.
--
Revoked the suspicious API key and signed out all sessions; escalated to Security {case}.
== account_security.resolve
Security has completed the review and your account is unlocked. We recommend turning on a passkey
and enabling the withdrawal address allowlist. Thanks for your cooperation.
== sec_new_device.resolve
Our Security team confirmed the login came from your own new device, so there's nothing to worry
about. You can remove old devices under Device Management.
== sec_stolen.resolve
Our Security team has completed the investigation (case {case}) and sent the findings to your
registered email. Your account is active again with a forced password reset; please set up 2FA
again and turn on the withdrawal address allowlist.

== sec_frozen.ask
Your account was temporarily frozen by an automated risk rule. To confirm it's you, please complete
the face check in the app; once Security approves it we'll unfreeze the account, usually within
1-3 business days. Your funds are safe while it's frozen.
== sec_2fa_lost/sec_phone_change.ask
Resetting security verification requires an identity check: on the login screen choose "Security
verification unavailable", upload a photo of you holding your ID and complete the face check.
Review takes 1-3 business days, and withdrawals are paused for 24 hours after the reset.
== sec_2fa_lost/sec_phone_change.details
I've submitted the ID selfie and face check in the app. Please speed it up if you can.
== sec_2fa_lost/sec_phone_change.note
Face check passed and matches KYC photo; OK to proceed with the reset.
== sec_2fa_lost/sec_phone_change.resolve
Your security verification has been reset. Please set up the new method as soon as possible;
withdrawals are paused for 24 hours as a precaution.
== sec_fake_support.details
I haven't sent anything. Screenshots of the chat, including their Telegram handle, are attached.
== sec_frozen.details
I've completed the face check in the app. Please review it as soon as you can.
== sec_withdraw_lock/wd_new_address.details
OK, understood. I'll try again tomorrow.
--
But this is really urgent. Is there nothing else you can do?
== sec_fake_support.ask
Official Lumen support only contacts you through in-app chat, tickets on lumen.example and
support@lumen.example. We will never ask you to move funds to a "safe wallet" or for your
password or codes. You can check any account on our Official Verification page. Please don't
send anything, and keep the chat screenshots.
== sec_fake_support/sec_phishing.note
Phishing domain / impersonation account reported to Security for takedown {case}. No unusual
activity on the account so far.
== sec_fake_support.resolve
Thanks for reporting it; the impersonation account has been reported for takedown. Your account is
fine - please stay alert.

== kyc.ask
Thanks for waiting. We're seeing high volumes right now; advanced verification usually takes 1-3
business days. Your documents are already in the manual review queue, no need to resubmit.
== kyc.details
OK, I've resubmitted as suggested. Could you take a look?
--
Documents uploaded, please check.
== kyc.hold
Your documents have been passed to our Compliance team for manual review; expect a result by email
within 2-3 business days.
== kyc.note
KYC file complete, sent to compliance manual review {ref}.
--
File incomplete, asked customer to add the missing document.
== kyc.resolve
Your verification has been approved and your limits are updated. Thanks for your patience.
--
Your verification details are updated and your account is unaffected. Let us know if you need
anything else.
== kyc_blurry.ask
Your verification was rejected because the document's corners were cut off or there was glare. Lay
the ID flat on a dark surface in even light, make sure all four corners and the text are readable,
and resubmit from the verification page. A scan is fine too.
== kyc_blurry.note
Glare on ID photo, OCR failed. Asked customer to retake.
== kyc_face.ask
Face checks usually fail because of connection or lighting. Update to the latest app version,
remove glasses or hats, and try on Wi-Fi. If it still fails, reply here and we can set up a video
verification call.
== kyc_address.ask
Proof of address must be issued within the last 3 months and show your name and full address: a
bank statement, utility bill or government letter. Electronic bank statements are fine.
== kyc_address.details
I've uploaded an electronic bank statement from last month.
== kyc_name_mismatch.ask
The P2P name check uses the name on your verified ID. Please upload a screenshot showing the name on
your bank account and Compliance will link the spelling, usually within 2-3 business days.
== kyc_name_mismatch.note
Name matches ID; P2P name check needs a manual link by compliance.
== kyc_upgrade/kyc_business.ask
Advanced verification needs a proof of address and sometimes a source-of-funds note. Corporate
verification needs the certificate of incorporation, articles, register of directors, an
ownership chart and ID for every ultimate beneficial owner. Review takes 3-5 business days.
== kyc_expired.ask
After your ID expires there's a 30-day grace period in which deposits and trading work normally;
after that withdrawals are limited. Submit the new document under Verification > Update ID when
you have it.
== kyc_relocation.ask
Changing your country of residence needs a new proof of address; your balances and open orders are
not affected during review. Note that available products can differ by country.
"""
