"""The demo workspace's macros: the canned answers a Lumen Exchange agent uses every day.

Placeholders: {customer_name} {uid} {ticket_id} {agent_name}; no other braces appear. The
account-security answers never ask for a password, a 2FA code, a seed phrase or a private key:
they tell the customer that nobody at Lumen will ever ask for them.
"""

from __future__ import annotations

from console.core.domain import TicketStatus

# (name, bodies per language, status to set, tags to add)
DemoMacro = tuple[str, dict[str, str], TicketStatus | None, list[str]]

WITHDRAWAL_DELAY: DemoMacro = (
    "Withdrawal delay: ask for the TxID",
    {
        "en": (
            "Hi {customer_name},\n\n"
            "Thanks for your patience. Withdrawals are usually processed within 30 minutes, but "
            "network congestion or an extra security review can add time. So I can trace yours, "
            "please reply with the TxID (transaction hash) shown in your withdrawal history, the "
            "asset and the network you chose.\n\n"
            "Ticket #{ticket_id}, UID {uid}\n{agent_name}, Lumen Support"
        ),
        "zh": (
            "{customer_name} 您好,\n\n"
            "感谢您的耐心等待。提币通常会在 30 分钟内处理完成,但网络拥堵或额外的安全审核可能导致延"
            "迟。"
            "为了帮您查询,请回复提币记录中显示的 TxID(交易哈希)、币种以及您选择的网络。\n\n"
            "工单 #{ticket_id},UID {uid}\n{agent_name},Lumen 客服"
        ),
        "ja": (
            "{customer_name} 様\n\n"
            "お待たせして申し訳ございません。出金は通常 30 分以内に処理されますが、ネットワークの"
            "混雑や"
            "追加のセキュリティ審査により時間がかかる場合がございます。お調べいたしますので、出金"
            "履歴に"
            "表示される TxID(トランザクションハッシュ)、通貨、ご選択のネットワークをご返信ください"
            "。\n\n"
            "チケット #{ticket_id}、UID {uid}\n{agent_name}(Lumen サポート)"
        ),
        "ko": (
            "{customer_name} 님, 안녕하세요.\n\n"
            "기다려 주셔서 감사합니다. 출금은 보통 30분 이내에 처리되지만 네트워크 혼잡이나 추가 "
            "보안 "
            "검토로 지연될 수 있습니다. 확인을 위해 출금 내역에 표시된 TxID(트랜잭션 해시), 자산, "
            "선택하신 네트워크를 회신해 주세요.\n\n"
            "티켓 #{ticket_id}, UID {uid}\n{agent_name}, Lumen 고객지원"
        ),
    },
    TicketStatus.PENDING,
    ["withdrawal", "awaiting-txid"],
)

KYC_DOCUMENTS: DemoMacro = (
    "KYC: request documents",
    {
        "en": (
            "Hi {customer_name},\n\n"
            "To finish verifying account {uid}, please upload these in the app under "
            "Profile > Identity verification (not by email or chat):\n"
            "1. A clear photo of both sides of your ID card or passport\n"
            "2. A selfie holding the same document\n"
            "3. Proof of address dated within the last 3 months\n\n"
            "Review usually takes 1-2 business days.\n{agent_name}, Lumen Support"
        ),
        "zh": (
            "{customer_name} 您好,\n\n"
            "为完成账户 {uid} 的身份认证,请在 App 内「个人中心 > 身份认证」上传以下资料"
            "(请勿通过邮件或聊天发送):\n"
            "1. 身份证或护照正反面清晰照片\n"
            "2. 手持同一证件的自拍照\n"
            "3. 近 3 个月内的地址证明\n\n"
            "审核通常需要 1-2 个工作日。\n{agent_name},Lumen 客服"
        ),
        "ja": (
            "{customer_name} 様\n\n"
            "アカウント {uid} の本人確認を完了するため、アプリの「プロフィール > 本人確認」から"
            "以下をアップロードしてください(メールやチャットでは送らないでください):\n"
            "1. 身分証明書またはパスポートの両面の鮮明な写真\n"
            "2. 同じ書類を持ったセルフィー\n"
            "3. 発行から 3 か月以内の住所証明\n\n"
            "審査には通常 1~2 営業日かかります。\n{agent_name}(Lumen サポート)"
        ),
        "ko": (
            "{customer_name} 님, 안녕하세요.\n\n"
            "계정 {uid}의 본인 인증을 완료하려면 앱의 '프로필 > 본인 인증'에서 아래 서류를 "
            "업로드해 주세요(이메일이나 채팅으로 보내지 마세요):\n"
            "1. 신분증 또는 여권 앞뒷면의 선명한 사진\n"
            "2. 같은 서류를 들고 찍은 셀카\n"
            "3. 최근 3개월 이내 발급된 주소 증명서\n\n"
            "심사는 보통 영업일 기준 1~2일 걸립니다.\n{agent_name}, Lumen 고객지원"
        ),
    },
    TicketStatus.PENDING,
    ["kyc"],
)

SECURITY_LOCK: DemoMacro = (
    "Account security: lock guidance",
    {
        "en": (
            "Hi {customer_name},\n\n"
            "If you think someone else has access to your account, lock it now: App > Profile > "
            "Security > Disable account. This stops logins, trading and withdrawals at once.\n"
            "Then change your email password and check your devices for unknown apps.\n\n"
            "Important: Lumen staff will NEVER ask for your password, 2FA codes, seed phrase or "
            "private keys, by email, chat, phone or social media. Do not share them with anyone, "
            "including us.\n\n"
            "We have flagged ticket #{ticket_id} for our security team.\n{agent_name}, Lumen Suppo"
            "rt"
        ),
        "zh": (
            "{customer_name} 您好,\n\n"
            "如果您怀疑他人可以访问您的账户,请立即锁定:App > 个人中心 > 安全 > 禁用账户。"
            "这会立刻停止登录、交易和提币。\n"
            "随后请修改您的邮箱密码,并检查设备上是否有陌生应用。\n\n"
            "重要提示:Lumen 工作人员绝不会通过邮件、聊天、电话或社交媒体索要您的密码、"
            "二次验证码、助记词或私钥。请勿向任何人(包括我们)提供这些信息。\n\n"
            "我们已将工单 #{ticket_id} 转交安全团队。\n{agent_name},Lumen 客服"
        ),
        "ja": (
            "{customer_name} 様\n\n"
            "第三者にアカウントを使われている恐れがある場合は、今すぐロックしてください:アプリ > "
            "プロフィール > セキュリティ > アカウントを無効化。ログイン・取引・出金が直ちに停止さ"
            "れます。\n"
            "その後、メールのパスワードを変更し、端末に見覚えのないアプリがないかご確認ください。\n"
            "\n"
            "重要:Lumen のスタッフがメール、チャット、電話、SNS でパスワード、2FA コード、"
            "シードフレーズ、秘密鍵を尋ねることは決してありません。当社を含め誰にも教えないでくだ"
            "さい。\n\n"
            "チケット #{ticket_id} をセキュリティチームに共有しました。\n{agent_name}(Lumen サポー"
            "ト)"
        ),
        "ko": (
            "{customer_name} 님, 안녕하세요.\n\n"
            "다른 사람이 계정에 접근했다고 의심되면 지금 바로 잠가 주세요: 앱 > 프로필 > 보안 > "
            "계정 비활성화. 로그인, 거래, 출금이 즉시 중지됩니다.\n"
            "그다음 이메일 비밀번호를 변경하고 기기에 모르는 앱이 없는지 확인해 주세요.\n\n"
            "중요: Lumen 직원은 이메일, 채팅, 전화, SNS로 비밀번호, 2FA 코드, 시드 문구, "
            "개인 키를 절대 요청하지 않습니다. 저희를 포함해 누구에게도 알려 주지 마세요.\n\n"
            "티켓 #{ticket_id}을 보안팀에 전달했습니다.\n{agent_name}, Lumen 고객지원"
        ),
    },
    None,
    ["security", "account-locked"],
)

TWO_FA_RESET: DemoMacro = (
    "2FA reset process",
    {
        "en": (
            "Hi {customer_name},\n\n"
            "To reset two-factor authentication on account {uid}:\n"
            "1. On the login page choose 'Security verification unavailable?'\n"
            "2. Follow the steps and complete the face verification\n"
            "3. Bind your new authenticator app once the reset is approved\n\n"
            "For your safety, withdrawals are paused for 24 hours after a 2FA reset. We will never "
            "ask you for your old or new 2FA codes.\n{agent_name}, Lumen Support"
        ),
        "zh": (
            "{customer_name} 您好,\n\n"
            "重置账户 {uid} 的二次验证请按以下步骤操作:\n"
            "1. 在登录页选择「安全验证不可用?」\n"
            "2. 按提示完成人脸验证\n"
            "3. 审核通过后绑定新的身份验证器\n\n"
            "为保障资金安全,重置二次验证后 24 小时内暂停提币。我们不会向您索要新旧验证码。\n"
            "{agent_name},Lumen 客服"
        ),
        "ja": (
            "{customer_name} 様\n\n"
            "アカウント {uid} の二段階認証をリセットする手順:\n"
            "1. ログイン画面で「セキュリティ認証が利用できない場合」を選択\n"
            "2. 案内に従って顔認証を完了\n"
            "3. リセット承認後、新しい認証アプリを連携\n\n"
            "安全のため、リセット後 24 時間は出金が停止されます。新旧の 2FA コードをお尋ねすること"
            "は"
            "ありません。\n{agent_name}(Lumen サポート)"
        ),
        "ko": (
            "{customer_name} 님, 안녕하세요.\n\n"
            "계정 {uid}의 2단계 인증 재설정 방법:\n"
            "1. 로그인 화면에서 '보안 인증을 사용할 수 없나요?'를 선택\n"
            "2. 안내에 따라 얼굴 인증 완료\n"
            "3. 재설정 승인 후 새 인증 앱 연결\n\n"
            "안전을 위해 재설정 후 24시간 동안 출금이 제한됩니다. 이전 또는 새 2FA 코드는 절대 "
            "요청하지 않습니다.\n{agent_name}, Lumen 고객지원"
        ),
    },
    TicketStatus.PENDING,
    ["2fa"],
)
