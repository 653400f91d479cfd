"""The SMTP sink's handler: aiosmtpd's Maildir handler that refuses one domain's mailboxes as a real server would.

Every recipient at khong-ton-tai.example.vn is refused at RCPT with 550 (no such mailbox), so a test can show an
office a message that failed for good, with the server's own reason.
"""
from aiosmtpd.handlers import Mailbox

REFUSED_DOMAIN = "@khong-ton-tai.example.vn"


class RefusingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith(REFUSED_DOMAIN):
            return "550 5.1.1 Mailbox does not exist"
        envelope.rcpt_tos.append(address)
        return "250 OK"
