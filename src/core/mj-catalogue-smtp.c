#define G_LOG_DOMAIN "mj-catalogue"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-catalogue.h"

/* Server text patterns. Order matters: the first match wins, so
 * specific wordings come before general ones.
 * Data only: see mj-catalogue.h for the meaning of each field and
 * mj-explainer.c for the lookup order. Keep the English plain: the reader
 * is a small-business owner, not a mail administrator. */

const MjCatalogueEntry mj_catalogue_text[] = {
  {
    .id = "ms-smtp-auth-disabled-tenant",
    .match = "smtpclientauthentication is disabled for the tenant",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization has turned off sending from other programs"),
    .explanation = N_("Microsoft 365 refused the sign-in because your organization has turned off "
          "sending from other programs (“SMTP AUTH”) for everyone. This blocks Mensajero "
          "even with the right password or with “Sign in with Microsoft”."),
    .action = N_("Ask your IT administrator to turn on “Authenticated SMTP” for your mailbox. "
          "You can copy the message below and send it to them."),
    .admin = N_("Hello,\n\nI use Mensajero to send invoices from my mailbox through "
          "smtp.office365.com (port 587). Microsoft 365 refuses the sign-in with “535 "
          "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for "
          "the Tenant”.\n\nCould you allow authenticated SMTP (SMTP AUTH) for my mailbox? "
          "In the Microsoft 365 admin center: Users › Active users › (my user) › Mail › "
          "Manage email apps › tick “Authenticated SMTP”. Or in Exchange Online "
          "PowerShell:\nSet-CASMailbox -Identity <my address> "
          "-SmtpClientAuthenticationDisabled $false\n\nThe organization-wide setting can "
          "stay off. More information: https://aka.ms/smtp_auth_disabled\n\nThank you."),
  },
  {
    .id = "ms-smtp-auth-disabled-mailbox",
    .match = "smtpclientauthentication is disabled|smtp_auth_disabled",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization has turned off sending from other programs"),
    .explanation = N_("Microsoft 365 refused the sign-in because sending from other programs (“SMTP "
          "AUTH”) is turned off for your mailbox. This blocks Mensajero even with the "
          "right password or with “Sign in with Microsoft”."),
    .action = N_("Ask your IT administrator to turn on “Authenticated SMTP” for your mailbox. "
          "You can copy the message below and send it to them."),
    .admin = N_("Hello,\n\nI use Mensajero to send invoices from my mailbox through "
          "smtp.office365.com (port 587). Microsoft 365 refuses the sign-in with “535 "
          "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for "
          "the Mailbox”.\n\nCould you allow authenticated SMTP (SMTP AUTH) for my "
          "mailbox? In the Microsoft 365 admin center: Users › Active users › (my user) › "
          "Mail › Manage email apps › tick “Authenticated SMTP”. Or in Exchange Online "
          "PowerShell:\nSet-CASMailbox -Identity <my address> "
          "-SmtpClientAuthenticationDisabled $false\n\nMore information: "
          "https://aka.ms/smtp_auth_disabled\n\nThank you."),
  },
  {
    .id = "ms-basic-auth-disabled",
    .match = "basic authentication is disabled|basic auth is disabled",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Microsoft no longer accepts your password from other programs"),
    .explanation = N_("Microsoft refused the password because this account does not allow signing in "
          "with a password from other programs. Outlook.com and Hotmail accounts only "
          "accept “Sign in with Microsoft” since September 2024; app passwords are "
          "refused as well."),
    .action = N_("Edit the account in Mensajero and choose “Sign in with Microsoft” instead of a "
          "password."),
  },
  {
    .id = "ms-basic-auth-not-supported",
    .match = "basic authentication is not supported",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Microsoft 365 no longer accepts passwords for sending"),
    .explanation = N_("Microsoft 365 refused the password because sign-in with a password (“basic "
          "authentication”) is turned off for sending from other programs. Only “Sign in "
          "with Microsoft” works."),
    .action = N_("Edit the account in Mensajero and choose “Sign in with Microsoft” instead of a "
          "password."),
  },
  {
    .id = "ms-security-defaults",
    .match = "security defaults policy|security defaults",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization's security settings block password sign-in"),
    .explanation = N_("Microsoft 365 refused the password because your organization uses Microsoft's "
          "“security defaults”, which block passwords from other programs."),
    .action = N_("Use “Sign in with Microsoft” in the account settings. If that fails too, send "
          "the message below to your IT administrator."),
    .admin = N_("Hello,\n\nI use Mensajero to send invoices from my Microsoft 365 mailbox "
          "through smtp.office365.com (port 587, sign-in with Microsoft/OAuth or "
          "password). The sign-in is refused by a policy of our organization (security "
          "defaults, Conditional Access or an authentication policy that blocks SMTP "
          "sign-in).\n\nCould you allow SMTP AUTH for my mailbox, or tell me which "
          "sign-in method I should use? The exact server reply is in the "
          "details.\n\nThank you."),
  },
  {
    .id = "ms-conditional-access",
    .match = "did not meet the criteria to be authenticated",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("A sign-in rule of your organization blocked Mensajero"),
    .explanation = N_("Microsoft 365 refused the sign-in because a rule of your organization "
          "(Conditional Access, for example “block legacy authentication”) does not allow "
          "it from this program or place."),
    .action = N_("Try “Sign in with Microsoft” in the account settings. If it is still refused, "
          "send the message below to your IT administrator."),
    .admin = N_("Hello,\n\nI use Mensajero to send invoices from my Microsoft 365 mailbox "
          "through smtp.office365.com (port 587, sign-in with Microsoft/OAuth or "
          "password). The sign-in is refused by a policy of our organization (security "
          "defaults, Conditional Access or an authentication policy that blocks SMTP "
          "sign-in).\n\nCould you allow SMTP AUTH for my mailbox, or tell me which "
          "sign-in method I should use? The exact server reply is in the "
          "details.\n\nThank you."),
  },
  {
    .id = "ms-federated-sts",
    .match = "federated sts",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization's sign-in server could not be reached"),
    .explanation = N_("Your organization signs in through its own server (federation, for example "
          "ADFS), and Microsoft could not reach it or it does not use a secure "
          "connection."),
    .action = N_("Tell your IT administrator; the federation server must be reachable over HTTPS "
          "with TLS 1.2."),
    .admin = N_("Hello,\n\nI use Mensajero to send invoices from my Microsoft 365 mailbox "
          "through smtp.office365.com (port 587, sign-in with Microsoft/OAuth or "
          "password). The sign-in is refused by a policy of our organization (security "
          "defaults, Conditional Access or an authentication policy that blocks SMTP "
          "sign-in).\n\nCould you allow SMTP AUTH for my mailbox, or tell me which "
          "sign-in method I should use? The exact server reply is in the "
          "details.\n\nThank you."),
  },
  {
    .id = "auth-credentials-incorrect",
    .match = "user credentials were incorrect|username and password not accepted|invalid "
             "credentials|authentication credentials invalid|incorrect authentication "
             "data|invalid login or password|bad username or password|username or password "
             "is incorrect",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Wrong user name or password"),
    .explanation = N_("The mail server did not accept the user name and password that Mensajero sent."),
    .action = N_("Check the user name (usually your full email address) and type the password "
          "again. If your provider uses app passwords (Gmail, Yahoo, iCloud…), create a "
          "new one and paste it; for Outlook.com and Microsoft 365 use “Sign in with "
          "Microsoft”."),
  },
  {
    .id = "auth-app-password-required",
    .match = "application-specific password required|app password required|invalidsecondfactor",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("This account needs an app password"),
    .explanation = N_("Your provider does not accept your normal password from other programs because "
          "two-step verification is on; it needs an app password made for Mensajero."),
    .action = N_("Follow the app-password guide in the account settings, create the password on "
          "your provider's security page and paste it into Mensajero."),
  },
  {
    .id = "relay-denied",
    .match = "relay access denied|allowed rcpthosts|relaying denied|relay not permitted|unable to "
             "relay|relaying not allowed|not permitted to relay|relay denied|we do not "
             "relay|not allowed to relay|relay prohibited|relaying mail to",
    .code = 0, .klass = 'P', .reason = "norelaying",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server refused to pass the message on"),
    .explanation = N_("The server would not forward mail to this recipient's domain. From your own "
          "mail server this usually means Mensajero was not signed in, or you are using "
          "the wrong server; from the recipient's side it means their server does not "
          "handle this domain."),
    .action = N_("Check the account's server, port and sign-in in the account settings and run "
          "the connection test; check the recipient's address too."),
  },
  {
    .id = "auth-not-authenticated",
    .match = "client not authenticated|not authenticated to send|authentication "
             "required|must authenticate|authentication is required",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero was not signed in when sending"),
    .explanation = N_("The server refused to send because the connection was not signed in. Either "
          "the account has no sign-in configured, or the sign-in failed without a clear "
          "error."),
    .action = N_("Open the account settings, make sure sign-in is configured (“Sign in with "
          "Microsoft” or a password) and run the connection test."),
  },
  {
    .id = "tls-legacy-version",
    .match = "tls 1.0 and 1.1 are not supported|smtp_auth_tls",
    .code = 0, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The connection used an outdated security version"),
    .explanation = N_("The server refused the connection because it was encrypted with TLS 1.0 or "
          "1.1, which are no longer accepted; TLS 1.2 or newer is required."),
    .action = N_("Update Mensajero and your system. If it still happens, report it to "
          "Mensajero's makers with the details."),
  },
  {
    .id = "tls-required",
    .match = "must issue a starttls command first|starttls is required|starttls required|tls "
             "required|encryption required for requested authentication|requires a secure "
             "connection|must use tls",
    .code = 0, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server requires an encrypted connection"),
    .explanation = N_("The server only accepts sign-in and sending over an encrypted connection "
          "(STARTTLS or TLS), and this connection was not encrypted or used an old TLS "
          "version."),
    .action = N_("In the account settings choose the provider's recommended security (usually "
          "STARTTLS on port 587, or TLS on port 465) and run the connection test."),
  },
  {
    .id = "ms-send-as-denied",
    .match = "sendasdenied|not allowed to send as|send as denied|does not have permissions "
             "to send as this sender",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You cannot send as that address"),
    .explanation = N_("The “From” address of the message is not the mailbox you signed in with, and "
          "your account has no permission to send on behalf of that address."),
    .action = N_("Send from the same address you signed in with (check the account's email "
          "address), or ask your IT administrator to give you “Send As” permission for "
          "the other address."),
  },
  {
    .id = "ms-outbound-refuse-quota",
    .match = "refusequota",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Outlook.com has stopped your sending for now"),
    .explanation = N_("Microsoft's anti-abuse system refused the message: the account has reached its "
          "daily limit, or Microsoft wants to verify that the account is not sending "
          "spam."),
    .action = N_("Sign in at outlook.com in your browser and complete any verification it asks "
          "for (for example a code by SMS). Then wait some hours before sending again, "
          "and send fewer messages at a time."),
  },
  {
    .id = "ms-outbound-spam",
    .match = "outboundspamexception",
    .code = 0, .klass = 'P', .reason = "spamdetected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Microsoft took your message for spam"),
    .explanation = N_("Microsoft's outgoing spam filter refused to send this message, because of its "
          "content or because the account looks suspicious to it."),
    .action = N_("Sign in at outlook.com and complete any verification it asks for; use a plain "
          "subject and text, and wait a few hours before sending again."),
  },
  {
    .id = "ms-content-spam",
    .match = "as(4810)|content identified as spam",
    .code = 0, .klass = 'P', .reason = "spamdetected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The message was taken for spam"),
    .explanation = N_("A spam filter judged this message to be unwanted mail and refused it. Invoices "
          "are sometimes caught because of the subject, the wording or the attachment."),
    .action = N_("Use a plain subject (for example “Invoice 2026-031 from Your Business”), a "
          "short normal text without capitals or many links, and send again later."),
  },
  {
    .id = "ms-external-forwarding",
    .match = "does not allow external forwarding|as(7555)",
    .code = 0, .klass = 'P', .reason = "policyviolation",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization blocks automatic forwarding"),
    .explanation = N_("The message was being forwarded automatically to an outside address, and your "
          "organization's anti-spam policy does not allow that."),
    .action = N_("Remove the forwarding rule, or ask your IT administrator to allow external "
          "forwarding for your mailbox."),
  },
  {
    .id = "ms-tenant-threshold",
    .match = "tenant has exceeded threshold",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization is blocked from sending"),
    .explanation = N_("Microsoft has blocked sending for your whole organization (or its server or "
          "domain), usually because of spam from a compromised account or device, or "
          "because the domain is not verified."),
    .action = N_("Tell your IT administrator; only they (with Microsoft support) can solve it."),
  },
  {
    .id = "ms-unregistered-domain",
    .match = "unregistered domain",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization is blocked from sending"),
    .explanation = N_("Microsoft has blocked sending for your whole organization (or its server or "
          "domain), usually because of spam from a compromised account or device, or "
          "because the domain is not verified."),
    .action = N_("Tell your IT administrator; only they (with Microsoft support) can solve it."),
  },
  {
    .id = "ms-banned-sending-ip",
    .match = "banned sending ip",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The sending server is on a block list"),
    .explanation = N_("The recipient's server refused the connection because the IP address of the "
          "server sending your mail is on a block list (often shared by many customers of "
          "the same provider)."),
    .action = N_("This is not caused by your invoice. Try again later; if it persists, report it "
          "to your email provider with the details, or ask your client to allow your "
          "address."),
  },
  {
    .id = "ms-bad-outbound-sender",
    .match = "bad outbound sender|spam abuse detected|banned sender",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your account has been blocked for sending spam"),
    .explanation = N_("Microsoft has blocked your account from sending because it saw it send spam. "
          "This usually means someone else got your password."),
    .action = N_("Change your password now and tell your IT administrator: they must check the "
          "account and release it in Microsoft Defender (“Restricted entities”). "
          "Outlook.com users: sign in at outlook.com and follow the steps shown."),
    .admin = N_("Hello,\n\nMicrosoft 365 blocks my mailbox from sending (the reply is in the "
          "details; it says the sender is blocked for spam or restricted). Could you "
          "check the account for compromise (password, inbox rules, forwarding), and "
          "release it under Microsoft Defender › Restricted entities? I have already "
          "changed my password.\n\nThank you."),
  },
  {
    .id = "ms-throttled-errors",
    .match = "sender throttled due to continuous",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Sending is paused after repeated errors"),
    .explanation = N_("Microsoft has stopped accepting messages from your account for a while because "
          "the same error kept happening (for example a full mailbox, a “send as” refusal "
          "or invalid recipients)."),
    .action = N_("Find and fix the earlier error first (see the other failed messages), then "
          "wait before sending again; retrying now only extends the pause."),
  },
  {
    .id = "sender-quota",
    .match = "daily user sending limit exceeded|submission quota exceeded|submission quota "
             "was exceeded|daily limit for message recipients|sending quota exceeded|daily "
             "sending quota|message rate limit exceeded|recipient rate limit "
             "exceeded|sending limit exceeded",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You have reached your sending limit"),
    .explanation = N_("Your provider limits how many messages or recipients you may send per minute "
          "or per day, and this message went over the limit."),
    .action = N_("Wait (up to 24 hours for a daily limit) and send the rest later, in smaller "
          "batches. If you did not send much, change your password: someone may be using "
          "your account."),
  },
  {
    .id = "recipient-thread-limit",
    .match = "recipient thread limit|per hour message receive limit|receiving mail at a rate "
             "that prevents",
    .code = 0, .klass = 'T', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient is receiving too much mail"),
    .explanation = N_("The recipient's mailbox is receiving too many messages right now (from you or "
          "from everyone), so its server accepts no more for a while."),
    .action = N_("Wait and send later; space out several invoices to the same client."),
  },
  {
    .id = "sender-thread-limit",
    .match = "sender thread limit|submission thread limit",
    .code = 0, .klass = 'T', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your mailbox is sending too much at the same time"),
    .explanation = N_("Your mailbox is handing over too many messages at once (for example from "
          "several programs or devices at the same time), so the server holds new ones back for "
          "a moment."),
    .action = N_("Wait a few minutes. If it happens often, close other programs that send from "
          "this mailbox at the same time."),
  },
  {
    .id = "too-many-connections",
    .match = "too many connections|too many concurrent|too many simultaneous|too many smtp "
             "sessions|too many sessions|connection limit|connection rate limit|maximum number of "
             "connections",
    .code = 0, .klass = 'T', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server has too many connections open"),
    .explanation = N_("The mail server refused a new connection because too many are already open "
          "from the same place. It is a limit on traffic, not a problem with your message."),
    .action = N_("Wait a few minutes and send again. If it happens every time, tell your email "
          "provider."),
  },
  {
    .id = "yahoo-tss04",
    .match = "tss04|temporarily deferred due to unexpected volume|unusual rate of "
             "unsolicited|unusual amount of unsolicited",
    .code = 0, .klass = 'T', .reason = "badreputation",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The sending server's reputation is too low"),
    .explanation = N_("The receiving server distrusts mail from the server or domain that sent your "
          "message, because of its recent volume or complaints, so it refused or delayed "
          "it."),
    .action = N_("Send fewer messages at a time and try again later. If it keeps happening, "
          "report it to your email provider."),
  },
  {
    .id = "greylisting",
    .match = "greylist|graylist",
    .code = 0, .klass = 'T', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's server asked to try again later"),
    .explanation = N_("The recipient's server uses “greylisting”: it turns away the first attempt "
          "from a new sender on purpose and accepts a later one."),
    .action = N_("Nothing to do: the message normally goes through on the next attempt."),
  },
  {
    .id = "dmarc-failed",
    .match = "unauthenticated email from|dmarc policy|does not pass dmarc|dmarc "
             "verification|failed dmarc|dmarc check|dmarc validation",
    .code = 0, .klass = 'P', .reason = "authfailure",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your domain's email authentication failed"),
    .explanation = N_("The recipient's server checked whether your domain really authorizes this "
          "message (SPF, DKIM and DMARC records) and the check failed, so it refused the "
          "message. This is about your domain's settings, not about your password."),
    .action = N_("Ask whoever manages your domain to publish correct SPF, DKIM and DMARC records "
          "(for Microsoft 365: include:spf.protection.outlook.com and the two DKIM "
          "selectors). The domain check in Mensajero shows what is missing."),
    .admin = N_("Hello,\n\nMail from our domain is being refused because the receiving server's "
          "SPF/DKIM/DMARC checks fail. Could you check our DNS records? For Microsoft "
          "365: one SPF TXT record “v=spf1 include:spf.protection.outlook.com -all” (plus "
          "any other senders), the DKIM CNAME records selector1._domainkey and "
          "selector2._domainkey with DKIM signing turned on in Microsoft Defender, and a "
          "DMARC record at _dmarc. The exact server reply is in the details.\n\nThank "
          "you."),
  },
  {
    .id = "spf-failed",
    .match = "sender policy framework|spf check failed|spf validation|spf fail|rejected due "
             "to spf|not designated to send|spf record|spf=fail|spf: ",
    .code = 0, .klass = 'P', .reason = "authfailure",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your domain's email authentication failed"),
    .explanation = N_("The recipient's server checked whether your domain really authorizes this "
          "message (SPF, DKIM and DMARC records) and the check failed, so it refused the "
          "message. This is about your domain's settings, not about your password."),
    .action = N_("Ask whoever manages your domain to publish correct SPF, DKIM and DMARC records "
          "(for Microsoft 365: include:spf.protection.outlook.com and the two DKIM "
          "selectors). The domain check in Mensajero shows what is missing."),
    .admin = N_("Hello,\n\nMail from our domain is being refused because the receiving server's "
          "SPF/DKIM/DMARC checks fail. Could you check our DNS records? For Microsoft "
          "365: one SPF TXT record “v=spf1 include:spf.protection.outlook.com -all” (plus "
          "any other senders), the DKIM CNAME records selector1._domainkey and "
          "selector2._domainkey with DKIM signing turned on in Microsoft Defender, and a "
          "DMARC record at _dmarc. The exact server reply is in the details.\n\nThank "
          "you."),
  },
  {
    .id = "dkim-failed",
    .match = "dkim signature|dkim verification|dkim fail|dkim=fail|dkim check",
    .code = 0, .klass = 'P', .reason = "authfailure",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your domain's email authentication failed"),
    .explanation = N_("The recipient's server checked whether your domain really authorizes this "
          "message (SPF, DKIM and DMARC records) and the check failed, so it refused the "
          "message. This is about your domain's settings, not about your password."),
    .action = N_("Ask whoever manages your domain to publish correct SPF, DKIM and DMARC records "
          "(for Microsoft 365: include:spf.protection.outlook.com and the two DKIM "
          "selectors). The domain check in Mensajero shows what is missing."),
    .admin = N_("Hello,\n\nMail from our domain is being refused because the receiving server's "
          "SPF/DKIM/DMARC checks fail. Could you check our DNS records? For Microsoft "
          "365: one SPF TXT record “v=spf1 include:spf.protection.outlook.com -all” (plus "
          "any other senders), the DKIM CNAME records selector1._domainkey and "
          "selector2._domainkey with DKIM signing turned on in Microsoft Defender, and a "
          "DMARC record at _dmarc. The exact server reply is in the details.\n\nThank "
          "you."),
  },
  {
    .id = "authentication-level",
    .match = "required authentication level|sender is unauthenticated|unauthenticated email is not accepted|"
             "message not accepted for policy reasons|must pass either spf or dkim|authentication "
             "checks did not pass",
    .code = 0, .klass = 'P', .reason = "authfailure",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your domain's email authentication failed"),
    .explanation = N_("The recipient's server checked whether your domain really authorizes this "
          "message (SPF, DKIM and DMARC records) and the check failed, so it refused the "
          "message. This is about your domain's settings, not about your password."),
    .action = N_("Ask whoever manages your domain to publish correct SPF, DKIM and DMARC records "
          "(for Microsoft 365: include:spf.protection.outlook.com and the two DKIM "
          "selectors). The domain check in Mensajero shows what is missing."),
    .admin = N_("Hello,\n\nMail from our domain is being refused because the receiving server's "
          "SPF/DKIM/DMARC checks fail. Could you check our DNS records? For Microsoft "
          "365: one SPF TXT record “v=spf1 include:spf.protection.outlook.com -all” (plus "
          "any other senders), the DKIM CNAME records selector1._domainkey and "
          "selector2._domainkey with DKIM signing turned on in Microsoft Defender, and a "
          "DMARC record at _dmarc. The exact server reply is in the details.\n\nThank "
          "you."),
  },
  {
    .id = "helo-rejected",
    .match = "helo command rejected|ehlo command rejected|invalid helo|helo name|need "
             "fully-qualified hostname|helo/ehlo|bad helo",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not accept the name the sender introduced itself with"),
    .explanation = N_("When a program or a server starts talking to a mail server it introduces "
          "itself with a name (“HELO”). The mail server refused that name, usually because it is "
          "not a complete internet name. Your invoice has nothing to do with it."),
    .action = N_("Report it with the details: to your email provider if the recipient's server "
          "said it, or to Mensajero's makers if your own provider's server said it."),
  },
  {
    .id = "ptr-missing",
    .match = "reverse dns|ptr record|no ptr|reverse lookup|rdns|reverse hostname|cannot find "
             "your hostname|cannot find your reverse hostname",
    .code = 0, .klass = 'P', .reason = "requireptr",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The sending server has no reverse DNS name"),
    .explanation = N_("The recipient's server requires the sending server's IP address to have a "
          "matching name (a reverse DNS record), and it has none."),
    .action = N_("If you send through your provider (Outlook, Gmail…), report it to them. If "
          "your company runs its own mail server, ask your IT administrator to add the "
          "reverse DNS record."),
  },
  {
    .id = "virus",
    .match = "virus|malware|infected|potential security issue",
    .code = 0, .klass = 'P', .reason = "virusdetected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A virus scanner refused the message"),
    .explanation = N_("A virus scanner found (or suspected) something harmful in the message or its "
          "attachment."),
    .action = N_("Scan your computer and the PDF with an antivirus, create the PDF again from "
          "your invoicing program and send the new file."),
  },
  {
    .id = "blocklist",
    .match = "ip you're using to send mail is not authorized|spamhaus|blocklist|block "
             "list|blacklist|blocked using|dnsbl|listed at|client host rejected|ip address "
             "has been blocked|s3150|s3140|barracuda|spamcop|blacklisted|not currently "
             "accepting mail from your ip|bad sender ip address|sender ip address "
             "rejected|listed as abusive|currently sending spam|too many spams from your "
             "ip|access from ip address&blocked|dynamic ip",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The sending server is on a block list"),
    .explanation = N_("The recipient's server refused the connection because the IP address of the "
          "server sending your mail is on a block list (often shared by many customers of "
          "the same provider)."),
    .action = N_("This is not caused by your invoice. Try again later; if it persists, report it "
          "to your email provider with the details, or ask your client to allow your "
          "address."),
  },
  {
    .id = "reputation",
    .match = "poor reputation|low reputation|bad reputation|reputation of|sender "
             "reputation|ip reputation|due to reputation",
    .code = 0, .klass = 'P', .reason = "badreputation",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The sending server's reputation is too low"),
    .explanation = N_("The receiving server distrusts mail from the server or domain that sent your "
          "message, because of its recent volume or complaints, so it refused or delayed "
          "it."),
    .action = N_("Send fewer messages at a time and try again later. If it keeps happening, "
          "report it to your email provider."),
  },
  {
    .id = "size-limit",
    .match = "sendsizelimit|message size limit|message size exceeds|message too big|message too large|message "
             "is too large|message is too big|exceeds the maximum size|size exceeds|exceeds "
             "size limit|too large for this|message length exceeds|maximum message size",
    .code = 0, .klass = 'P', .reason = "emailtoolarge",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The message is too large"),
    .explanation = N_("The message, with its attachments, is bigger than the server accepts. "
          "Attachments grow by about a third when sent by email."),
    .action = N_("Send fewer or smaller PDFs (for example one invoice per message, or a "
          "compressed PDF) and send again."),
  },
  {
    .id = "sender-rejected",
    .match = "sender address rejected|sender rejected|bad sender|sender domain|mail from "
             "address|sender verify failed|sender verification failed|invalid sender",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your sender address was refused"),
    .explanation = N_("The server refused the sender address of the message: it does not exist, is "
          "badly written, or is not allowed to send from here."),
    .action = N_("Check the email address in the account settings; it must be the mailbox you "
          "sign in with."),
  },
  {
    .id = "mailbox-disabled",
    .match = "account that you tried to reach is disabled|account has been disabled|account "
             "is disabled|mailbox disabled|mailbox is disabled|mailbox is inactive|inactive "
             "user|account inactive|account has been suspended|account is suspended|mailbox "
             "suspended",
    .code = 0, .klass = 'P', .reason = "suspend",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mailbox is disabled"),
    .explanation = N_("The address exists but its mailbox has been disabled or suspended, so it "
          "receives no mail."),
    .action = N_("Ask your client for another address where they receive mail."),
  },
  {
    .id = "mailbox-full",
    .match = "mailbox full|mailbox is full|quotaexceeded|exceeded its disk space|not enough "
             "storage space|has exceeded quota|user has exceeded|over quota|overquota|quota "
             "exceeded|exceeded storage allocation|mailbox has exceeded|inbox is full|out of "
             "storage space|mailbox size limit|buzón lleno|postfach voll|boîte pleine|caixa "
             "postal cheia|caixa de correio cheia",
    .code = 0, .klass = 'P', .reason = "mailboxfull",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mailbox is full"),
    .explanation = N_("The recipient's mailbox has no space left, so their server cannot take new "
          "messages for now."),
    .action = N_("Let your client know by phone or another channel that their mailbox is full, "
          "and send the invoice again once they have made room."),
  },
  {
    .id = "host-unknown",
    .match = "host or domain name not found|domain not found|name service error|no mx "
             "record|domain does not exist|unrouteable mail domain|unroutable mail domain|no "
             "such domain|host not found|domain name not found|nxdomain|domain is not "
             "valid|invalid domain",
    .code = 0, .klass = 'P', .reason = "hostunknown",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's domain does not exist or takes no mail"),
    .explanation = N_("The part of the address after the “@” does not lead to any mail server: the "
          "domain does not exist, or it is misspelled (for example “hotmial.com”)."),
    .action = N_("Check the part after the “@” carefully, or ask your client for their correct address."),
  },
  {
    .id = "null-mx",
    .match = "does not accept mail|null mx|accepts no mail|not accepting mail|does not "
             "receive email|no mail service",
    .code = 0, .klass = 'P', .reason = "notaccept",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's domain does not accept email"),
    .explanation = N_("The recipient's domain has declared that it receives no email at all, or its "
          "server refuses all messages."),
    .action = N_("Check the address with your client; they may use another domain for email."),
  },
  {
    .id = "mailbox-moved",
    .match = "has moved|no longer with|no longer available at this address|address has "
             "changed|user has moved",
    .code = 0, .klass = 'P', .reason = "hasmoved",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient has moved to another address"),
    .explanation = N_("The recipient's server says this mailbox has moved and no longer receives mail "
          "here; sometimes the reply names the new address."),
    .action = N_("Look in the details for a new address, or ask your client, and send the "
          "invoice to the new address."),
  },
  {
    .id = "user-unknown",
    .match = "recipnotfound|recipient not found|the email account that you tried to reach "
             "does not exist|user unknown|unknown user|no such user|user doesn't exist|user "
             "does not exist|mailbox unavailable|mailbox not found|no mailbox here|mailbox "
             "does not exist|address does not exist|account does not exist|invalid "
             "recipient|recipient unknown|unknown recipient|unrouteable address|unroutable "
             "address|no such recipient|no such mailbox|not a valid mailbox|invalid "
             "mailbox|bad destination mailbox|does not exist|not our customer|mailbox not "
             "available|addressee unknown|unknown address|recipient rejected|rejected "
             "rcpt|does not like recipient|is not a known user|address unknown|email address "
             "could not be found|is not an active address|no such person|no account by that "
             "name|recipient does not exist|recipient not ok|recipient is not local|unknown "
             "local-part|unknown local part|unknown mailbox|unknown e-mail address|unknown "
             "email address|user not found|user not known|user not active|there is no one at "
             "this address|this address no longer accepts mail|no existe ese usuario|no "
             "existe dicha persona|no valid recipients|non-existent user|nonexistent "
             "user|not a valid user here|archived recipient|bad "
             "recipient|bad-recipient|invalid address|wasn't found at|was not found at|user "
             "doesn't have a|no se encontró|no se ha encontrado|nicht "
             "gefunden|introuvable|não foi encontrad|non è stato trovato",
    .code = 0, .klass = 'P', .reason = "userunknown",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's address does not exist"),
    .explanation = N_("The recipient's mail server says there is no mailbox with this address. "
          "Usually it is a typing mistake, or the person has changed address or left the "
          "company."),
    .action = N_("Check the address letter by letter, or ask your client for the right one, then "
          "send the invoice again to the corrected address."),
  },
  {
    .id = "suppressed",
    .match = "suppression list|on the suppression|address is suppressed",
    .code = 0, .klass = 'P', .reason = "suppressed",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The address is on a do-not-send list"),
    .explanation = N_("A server along the way keeps this address on a suppression list (for example "
          "after earlier bounces or a complaint) and no longer delivers to it."),
    .action = N_("Confirm the address with your client; if it is right, ask them to contact "
          "their email provider."),
  },
  {
    .id = "policy-violation",
    .match = "administrative prohibition|has a policy that prohibited|prohibited by "
             "policy|policy violation|rejected by policy|policy reasons|denied by policy|not "
             "authorized to send|not allowed to send to|delivery not authorized|sender not "
             "in allowed|only accepts mail from",
    .code = 0, .klass = 'P', .reason = "policyviolation",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's organization does not accept your message"),
    .explanation = N_("The recipient's server refused the message because of one of its rules: for "
          "example it only accepts mail from certain senders, from inside the "
          "organization, or for groups you may not write to."),
    .action = N_("Ask your client to allow your address (or to give you an address that accepts "
          "external mail), then send again."),
  },
  {
    .id = "spam-content",
    .match = "spam|junk mail|unsolicited|content rejected|message content "
             "rejected|suspicious content|bulk mail|content restrictions",
    .code = 0, .klass = 'P', .reason = "spamdetected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message was taken for spam"),
    .explanation = N_("A spam filter judged this message to be unwanted mail and refused it. Invoices "
          "are sometimes caught because of the subject, the wording or the attachment."),
    .action = N_("Use a plain subject (for example “Invoice 2026-031 from Your Business”), a "
          "short normal text without capitals or many links, and send again later."),
  },
  {
    .id = "mail-loop",
    .match = "mail loop|routing loop|loops back to myself|too many hops|hop count "
             "exceeded|loop detected",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message went round in a loop"),
    .explanation = N_("The message was forwarded between servers in a circle until they stopped it, "
          "usually because of a forwarding rule on the recipient's side."),
    .action = N_("Tell your client by another channel; their forwarding rules must be fixed. If "
          "it happens with your own mailbox, check your forwarding rules."),
  },
  {
    .id = "mailer-error",
    .match = "command died with status|mailer error|unknown mailer error|pipe to |procmail",
    .code = 0, .klass = 'P', .reason = "mailererror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mail server has a problem"),
    .explanation = N_("The recipient's mail server is not working properly right now (it is "
          "unreachable, misconfigured or out of resources)."),
    .action = N_("Wait and try again later; if it keeps happening, tell your client by another "
          "channel so their IT people can fix their server."),
  },
  {
    .id = "not-compliant",
    .match = "rfc 5322|rfc5322|rfc 2822|rfc 5321|missing required header|malformed "
             "header|invalid header|header syntax|duplicate header|message-id header",
    .code = 0, .klass = 'P', .reason = "notcompliantrfc",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The message does not follow the email standards"),
    .explanation = N_("The receiving server refused the message because one of its headers (for "
          "example “From”) is missing or badly formed."),
    .action = N_("Check the sender name and address in the account settings and send again. If "
          "it keeps happening, report it to Mensajero's makers."),
  },
  {
    .id = "bare-lf",
    .match = "bare lf|bare linefeed|bare line feed|invalid characters|8bit data|8-bit "
             "data|smtputf8",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "too-many-recipients",
    .match = "too many recipients|recipient limit|too many rcpt",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Too many recipients in one message"),
    .explanation = N_("The server accepts only a limited number of recipients per message, and this "
          "message had more."),
    .action = N_("Send the invoice to fewer recipients at a time (for example one message per client)."),
  },
  {
    .id = "delivery-delayed",
    .match = "delivery delayed|delivery has been delayed|message delayed|has been "
             "delayed|will retry|will keep trying|still trying|delivery is "
             "delayed|retrasado|verzögert",
    .code = 0, .klass = 'T', .reason = "expired",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Delivery is delayed, but not failed yet"),
    .explanation = N_("Your provider could not hand the message to the recipient's server yet and "
          "keeps trying by itself. This notice is only a warning."),
    .action = N_("Do not send it again yet, to avoid duplicates; wait for a final notice. If the "
          "delay lasts more than a day, check the address with your client."),
  },
  {
    .id = "expired",
    .match = "retry timeout exceeded|message expired|delivery time expired|could not be "
             "delivered within|giving up on|queue lifetime|too long in queue|retry time not "
             "reached for any host|maximum time|expired after|message timed out",
    .code = 0, .klass = 'P', .reason = "expired",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message could not be delivered in time"),
    .explanation = N_("The servers kept trying to deliver the message for a long time but the "
          "recipient's server never accepted it, so they gave up."),
    .action = N_("Check the address; if it is right, the recipient's server is probably down: "
          "send again later or tell your client by another channel."),
  },
  {
    .id = "network-error",
    .match = "connection refused|connection timed out|connection reset|network is "
             "unreachable|no route to host|host unreachable|lost connection|timed out "
             "while|network error|socket error|could not connect|unable to connect|no "
             "response from",
    .code = 0, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A network problem between mail servers"),
    .explanation = N_("The servers could not talk to each other properly (no answer, broken "
          "connection, or a name that could not be looked up)."),
    .action = N_("Usually it solves itself: wait and send again later. If it keeps failing, "
          "check the recipient's address."),
  },
};
const gsize mj_catalogue_text_len = G_N_ELEMENTS (mj_catalogue_text);
