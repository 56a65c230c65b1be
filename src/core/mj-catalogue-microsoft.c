#define G_LOG_DOMAIN "mj-catalogue"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-catalogue.h"

/* Enhanced status codes with Microsoft 365 / Outlook.com meanings
 * (microsoft-smtp-facts.md section 5). They are looked up together with
 * mj_catalogue_enhanced; a code for one class beats an X. one.
 * Data only: see mj-catalogue.h for the meaning of each field and
 * mj-explainer.c for the lookup order. Keep the English plain: the reader
 * is a small-business owner, not a mail administrator. */

const MjCatalogueEntry mj_catalogue_microsoft[] = {
  {
    .id = "ms-4.4.62",
    .match = "X.4.62",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("Your organization's mail connector is misconfigured"),
    .explanation = N_("Microsoft 365 could not match this mail to your organization: the connector's "
          "IP address or certificate no longer matches."),
    .action = N_("Tell your IT administrator; they must update the inbound connector in Exchange "
          "Online."),
  },
  {
    .id = "ms-x.4.8",
    .match = "X.4.8",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's server has a security (TLS) problem"),
    .explanation = N_("The recipient's domain requires encrypted delivery, but its own server's "
          "certificate or security settings do not match what it promises, so the message "
          "could not be delivered safely."),
    .action = N_("Tell your client by another channel; their IT people must fix their mail "
          "server's certificate or MTA-STS/DANE settings."),
  },
  {
    .id = "ms-x.4.316",
    .match = "X.4.316",
    .code = 0, .klass = 'P', .reason = "networkerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The recipient's mail server has a problem"),
    .explanation = N_("The recipient's mail server is not working properly right now (it is "
          "unreachable, misconfigured or out of resources)."),
    .action = N_("Wait and try again later; if it keeps happening, tell your client by another "
          "channel so their IT people can fix their server."),
  },
  {
    .id = "ms-5.4.300",
    .match = "X.4.300",
    .code = 0, .klass = 'P', .reason = "expired",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The message could not be delivered in time"),
    .explanation = N_("The servers kept trying to deliver the message for a long time but the "
          "recipient's server never accepted it, so they gave up."),
    .action = N_("Check the address; if it is right, the recipient's server is probably down: "
          "send again later or tell your client by another channel."),
  },
  {
    .id = "ms-x.4.14",
    .match = "X.4.14",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message went round in a loop"),
    .explanation = N_("The message was forwarded between servers in a circle until they stopped it, "
          "usually because of a forwarding rule on the recipient's side."),
    .action = N_("Tell your client by another channel; their forwarding rules must be fixed. If "
          "it happens with your own mailbox, check your forwarding rules."),
  },
  {
    .id = "ms-4.5.3",
    .match = "4.5.3",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .shared = TRUE,
    .title = N_("Too many recipients in one message"),
    .explanation = N_("The server accepts only a limited number of recipients per message, and this "
          "message had more."),
    .action = N_("Send the invoice to fewer recipients at a time (for example one message per client)."),
  },
  {
    .id = "ms-x.7.321-325",
    .match = "X.7.321-325",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The recipient's server has a security (TLS) problem"),
    .explanation = N_("The recipient's domain requires encrypted delivery, but its own server's "
          "certificate or security settings do not match what it promises, so the message "
          "could not be delivered safely."),
    .action = N_("Tell your client by another channel; their IT people must fix their mail "
          "server's certificate or MTA-STS/DANE settings."),
  },
  {
    .id = "ms-4.7.500-699",
    .match = "4.7.500-699",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .shared = TRUE,
    .title = N_("Microsoft is holding back your mail for now"),
    .explanation = N_("Microsoft's servers temporarily refuse mail from this source because the "
          "amount of mail suddenly rose above its usual level, or the sending IP address "
          "is under suspicion."),
    .action = N_("Nothing to change for one invoice: wait. Send fewer messages at a time; if it "
          "lasts for hours, check Microsoft's service status page."),
  },
  {
    .id = "ms-4.7.850-899",
    .match = "4.7.850-899",
    .code = 0, .klass = 'P', .reason = "badreputation",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .shared = TRUE,
    .title = N_("Microsoft is holding back your mail for now"),
    .explanation = N_("Microsoft's servers temporarily refuse mail from this source because the "
          "amount of mail suddenly rose above its usual level, or the sending IP address "
          "is under suspicion."),
    .action = N_("Nothing to change for one invoice: wait. Send fewer messages at a time; if it "
          "lasts for hours, check Microsoft's service status page."),
  },
  {
    .id = "ms-4.7.66",
    .match = "4.7.66",
    .code = 0, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The connection used an outdated security version"),
    .explanation = N_("The server refused the connection because it was encrypted with TLS 1.0 or "
          "1.1, which are no longer accepted; TLS 1.2 or newer is required."),
    .action = N_("Update Mensajero and your system. If it still happens, report it to "
          "Mensajero's makers with the details."),
  },
  {
    .id = "ms-4.7.26",
    .match = "4.7.26",
    .code = 0, .klass = 'P', .reason = "authfailure",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS,
    .shared = TRUE,
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
    .id = "ms-5.0.350",
    .match = "5.0.350",
    .code = 0, .klass = 'P', .reason = "filtered",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's server rejected the message"),
    .explanation = N_("The recipient's server refused the message after reading it, without saying "
          "exactly why (often a content rule)."),
    .action = N_("Send again with a plain subject and text; if it fails again, ask your client "
          "whether their server filters messages like yours."),
  },
  {
    .id = "ms-5.1.8",
    .match = "5.1.8",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .shared = TRUE,
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
    .id = "ms-5.1.90",
    .match = "5.1.90",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("You have reached your sending limit"),
    .explanation = N_("Your provider limits how many messages or recipients you may send per minute "
          "or per day, and this message went over the limit."),
    .action = N_("Wait (up to 24 hours for a daily limit) and send the rest later, in smaller "
          "batches. If you did not send much, change your password: someone may be using "
          "your account."),
  },
  {
    .id = "ms-5.2.121-122",
    .match = "5.2.121-122",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The recipient is receiving too much mail"),
    .explanation = N_("The recipient's mailbox is receiving too many messages right now (from you or "
          "from everyone), so its server accepts no more for a while."),
    .action = N_("Wait and send later; space out several invoices to the same client."),
  },
  {
    .id = "ms-5.2.251-255",
    .match = "5.2.251-255",
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
    .id = "ms-5.2.252",
    .match = "5.2.252",
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
    .id = "ms-5.3.190",
    .match = "5.3.190",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("A journaling setting of your organization failed"),
    .explanation = N_("The message was refused because of a journaling configuration in Microsoft "
          "365, which only administrators manage."),
    .action = N_("Tell your IT administrator, with the details."),
  },
  {
    .id = "ms-5.4.1",
    .match = "5.4.1",
    .code = 0, .klass = 'P', .reason = "userunknown",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .shared = TRUE,
    .title = N_("The recipient's server does not accept this address"),
    .explanation = N_("The recipient's mail system refused the address: the mailbox does not exist "
          "there, or that server does not handle mail for this domain."),
    .action = N_("Check the address with your client and send again."),
  },
  {
    .id = "ms-5.4.6",
    .match = "5.4.6",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .shared = TRUE,
    .title = N_("The message went round in a loop"),
    .explanation = N_("The message was forwarded between servers in a circle until they stopped it, "
          "usually because of a forwarding rule on the recipient's side."),
    .action = N_("Tell your client by another channel; their forwarding rules must be fixed. If "
          "it happens with your own mailbox, check your forwarding rules."),
  },
  {
    .id = "ms-5.5.0",
    .match = "5.5.0",
    .code = 0, .klass = 'P', .reason = "userunknown",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .shared = TRUE,
    .title = N_("The recipient's address does not exist"),
    .explanation = N_("The recipient's mail server says there is no mailbox with this address. "
          "Usually it is a typing mistake, or the person has changed address or left the "
          "company."),
    .action = N_("Check the address letter by letter, or ask your client for the right one, then "
          "send the invoice again to the corrected address."),
  },
  {
    .id = "ms-5.6.11",
    .match = "5.6.11",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "ms-5.6.211",
    .match = "5.6.211",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "auth-ms-5.7.3",
    .match = "5.7.3",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .shared = TRUE,
    .title = N_("The sign-in was refused"),
    .explanation = N_("The server did not accept Mensajero's sign-in. With Microsoft this also "
          "happens when the Microsoft sign-in has expired or was given for another "
          "account."),
    .action = N_("Sign in again from the account settings (“Sign in with Microsoft”, or type the "
          "password again). If it keeps failing, ask your IT administrator whether SMTP "
          "sending is allowed for your mailbox."),
  },
  {
    .id = "ms-5.7.12",
    .match = "5.7.12",
    .code = 0, .klass = 'P', .reason = "policyviolation",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .shared = TRUE,
    .title = N_("The recipient's organization does not accept your message"),
    .explanation = N_("The recipient's server refused the message because of one of its rules: for "
          "example it only accepts mail from certain senders, from inside the "
          "organization, or for groups you may not write to."),
    .action = N_("Ask your client to allow your address (or to give you an address that accepts "
          "external mail), then send again."),
  },
  {
    .id = "ms-5.7.13",
    .match = "5.7.13",
    .code = 0, .klass = 'P', .reason = "policyviolation",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .shared = TRUE,
    .title = N_("The recipient's organization does not accept your message"),
    .explanation = N_("The recipient's server refused the message because of one of its rules: for "
          "example it only accepts mail from certain senders, from inside the "
          "organization, or for groups you may not write to."),
    .action = N_("Ask your client to allow your address (or to give you an address that accepts "
          "external mail), then send again."),
  },
  {
    .id = "ms-5.7.30",
    .match = "5.7.30",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .shared = TRUE,
    .title = N_("Microsoft 365 no longer accepts passwords for sending"),
    .explanation = N_("Microsoft 365 refused the password because sign-in with a password (“basic "
          "authentication”) is turned off for sending from other programs. Only “Sign in "
          "with Microsoft” works."),
    .action = N_("Edit the account in Mensajero and choose “Sign in with Microsoft” instead of a "
          "password."),
  },
  {
    .id = "ms-5.7.54",
    .match = "5.7.54",
    .code = 0, .klass = 'P', .reason = "norelaying",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("The server refused to pass the message on"),
    .explanation = N_("The server would not forward mail to this recipient's domain. From your own "
          "mail server this usually means Mensajero was not signed in, or you are using "
          "the wrong server; from the recipient's side it means their server does not "
          "handle this domain."),
    .action = N_("Check the account's server, port and sign-in in the account settings and run "
          "the connection test; check the recipient's address too."),
  },
  {
    .id = "auth-ms-5.7.57",
    .match = "X.7.57",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    /* Not registered, but Exchange Server on premises (any company's own
     * server) sends it too. */
    .shared = TRUE,
    .title = N_("Mensajero was not signed in when sending"),
    .explanation = N_("The server refused to send because the connection was not signed in. Either "
          "the account has no sign-in configured, or the sign-in failed without a clear "
          "error."),
    .action = N_("Open the account settings, make sure sign-in is configured (“Sign in with "
          "Microsoft” or a password) and run the connection test."),
  },
  {
    .id = "ms-5.7.60",
    .match = "5.7.60",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("You cannot send as that address"),
    .explanation = N_("The “From” address of the message is not the mailbox you signed in with, and "
          "your account has no permission to send on behalf of that address."),
    .action = N_("Send from the same address you signed in with (check the account's email "
          "address), or ask your IT administrator to give you “Send As” permission for "
          "the other address."),
  },
  {
    .id = "ms-5.7.64",
    .match = "5.7.64",
    .code = 0, .klass = 'P', .reason = "norelaying",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("Your organization's mail connector is misconfigured"),
    .explanation = N_("Microsoft 365 could not match this mail to your organization: the connector's "
          "IP address or certificate no longer matches."),
    .action = N_("Tell your IT administrator; they must update the inbound connector in Exchange "
          "Online."),
  },
  {
    .id = "ms-5.7.124",
    .match = "5.7.124",
    .code = 0, .klass = 'P', .reason = "policyviolation",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The recipient's organization does not accept your message"),
    .explanation = N_("The recipient's server refused the message because of one of its rules: for "
          "example it only accepts mail from certain senders, from inside the "
          "organization, or for groups you may not write to."),
    .action = N_("Ask your client to allow your address (or to give you an address that accepts "
          "external mail), then send again."),
  },
  {
    .id = "ms-5.7.133-136",
    .match = "5.7.133-136",
    .code = 0, .klass = 'P', .reason = "policyviolation",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The recipient's organization does not accept your message"),
    .explanation = N_("The recipient's server refused the message because of one of its rules: for "
          "example it only accepts mail from certain senders, from inside the "
          "organization, or for groups you may not write to."),
    .action = N_("Ask your client to allow your address (or to give you an address that accepts "
          "external mail), then send again."),
  },
  {
    .id = "auth-ms-5.7.139",
    .match = "5.7.139",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Microsoft refused the sign-in"),
    .explanation = N_("Microsoft refused the sign-in from Mensajero. The text after the code says "
          "why: sending from other programs turned off, passwords not allowed, a security "
          "policy, or a wrong password."),
    .action = N_("Use “Sign in with Microsoft” in the account settings. If it still fails, send "
          "the details to your IT administrator."),
  },
  {
    .id = "ms-5.7.233",
    .match = "5.7.233",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("Your organization reached its daily limit of outside recipients"),
    .explanation = N_("Microsoft limits how many outside recipients an organization (or a new "
          "*.onmicrosoft.com address) may write to per day, and that limit was reached."),
    .action = N_("Wait until tomorrow. Tell your IT administrator: sending from your own domain "
          "instead of *.onmicrosoft.com, or more licences, raise the limit."),
  },
  {
    .id = "ms-5.7.236",
    .match = "5.7.236",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("Your organization reached its daily limit of outside recipients"),
    .explanation = N_("Microsoft limits how many outside recipients an organization (or a new "
          "*.onmicrosoft.com address) may write to per day, and that limit was reached."),
    .action = N_("Wait until tomorrow. Tell your IT administrator: sending from your own domain "
          "instead of *.onmicrosoft.com, or more licences, raise the limit."),
  },
  {
    .id = "ms-5.7.501-503",
    .match = "5.7.501-503",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER, .precise = TRUE,
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
    .id = "ms-5.7.504-505",
    .match = "5.7.504-505",
    .code = 0, .klass = 'P', .reason = "userunknown",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("Microsoft's servers refused this recipient"),
    .explanation = N_("The recipient address was refused by Microsoft as blocked or not valid."),
    .action = N_("Check the address with your client. If it is right, your IT administrator can "
          "ask Microsoft support."),
  },
  {
    .id = "ms-5.7.506",
    .match = "5.7.506",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The sending server introduced itself wrongly"),
    .explanation = N_("The receiving server refused the greeting (HELO/EHLO) of the sending server, "
          "which is typical of badly configured or infected senders."),
    .action = N_("If you send through your provider, report it to them; if Mensajero talks to "
          "the server directly, report it to Mensajero's makers."),
  },
  {
    .id = "ms-5.7.507",
    .match = "5.7.507",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The recipient's organization blocks mail from your server"),
    .explanation = N_("The recipient's organization has put the sending server's address on its own "
          "block list, so it refuses your mail."),
    .action = N_("Contact your client by another channel and ask their IT people to unblock your "
          "address or domain."),
  },
  {
    .id = "ms-5.7.508",
    .match = "5.7.508",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The server asks to slow down"),
    .explanation = N_("The server is temporarily limiting how much it accepts from you (too many "
          "messages or connections in a short time, or an unusual rise in volume)."),
    .action = N_("Nothing to change: wait a while. Sending fewer invoices at once helps."),
  },
  {
    .id = "ms-5.7.509",
    .match = "5.7.509",
    .code = 0, .klass = 'P', .reason = "authfailure",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
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
    .id = "ms-5.7.510",
    .match = "5.7.510",
    .code = 0, .klass = 'P', .reason = "notaccept",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The recipient does not accept mail over IPv6"),
    .explanation = N_("The recipient's domain refuses mail that arrives over IPv6 connections."),
    .action = N_("Report it to your email provider; they decide how mail leaves their servers."),
  },
  {
    .id = "ms-5.7.511",
    .match = "5.7.511",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The sending server is on a block list"),
    .explanation = N_("The recipient's server refused the connection because the IP address of the "
          "server sending your mail is on a block list (often shared by many customers of "
          "the same provider)."),
    .action = N_("This is not caused by your invoice. Try again later; if it persists, report it "
          "to your email provider with the details, or ask your client to allow your "
          "address."),
  },
  {
    .id = "ms-5.7.512",
    .match = "5.7.512",
    .code = 0, .klass = 'P', .reason = "notcompliantrfc",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("The message does not follow the email standards"),
    .explanation = N_("The receiving server refused the message because one of its headers (for "
          "example “From”) is missing or badly formed."),
    .action = N_("Check the sender name and address in the account settings and send again. If "
          "it keeps happening, report it to Mensajero's makers."),
  },
  {
    .id = "ms-5.7.513",
    .match = "5.7.513",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The recipient's organization blocks mail from your server"),
    .explanation = N_("The recipient's organization has put the sending server's address on its own "
          "block list, so it refuses your mail."),
    .action = N_("Contact your client by another channel and ask their IT people to unblock your "
          "address or domain."),
  },
  {
    .id = "ms-5.7.515",
    .match = "5.7.515",
    .code = 0, .klass = 'P', .reason = "authfailure",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
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
    .id = "ms-5.7.520",
    .match = "5.7.520",
    .code = 0, .klass = 'P', .reason = "spamdetected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The message was taken for spam"),
    .explanation = N_("A spam filter judged this message to be unwanted mail and refused it. Invoices "
          "are sometimes caught because of the subject, the wording or the attachment."),
    .action = N_("Use a plain subject (for example “Invoice 2026-031 from Your Business”), a "
          "short normal text without capitals or many links, and send again later."),
  },
  {
    .id = "ms-5.7.606-649",
    .match = "5.7.606-649",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("The sending server is on a block list"),
    .explanation = N_("The recipient's server refused the connection because the IP address of the "
          "server sending your mail is on a block list (often shared by many customers of "
          "the same provider)."),
    .action = N_("This is not caused by your invoice. Try again later; if it persists, report it "
          "to your email provider with the details, or ask your client to allow your "
          "address."),
  },
  {
    .id = "ms-5.7.703",
    .match = "5.7.703",
    .code = 0, .klass = 'P', .reason = "policyviolation",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_BY_CLASS, .precise = TRUE,
    .title = N_("Your organization blocks this recipient"),
    .explanation = N_("The recipient or their domain is on your own organization's block list (Tenant "
          "Allow/Block List)."),
    .action = N_("Ask your IT administrator to remove the block if the recipient is legitimate."),
  },
  {
    .id = "ms-5.7.705",
    .match = "5.7.705",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("Your organization is blocked from sending"),
    .explanation = N_("Microsoft has blocked sending for your whole organization (or its server or "
          "domain), usually because of spam from a compromised account or device, or "
          "because the domain is not verified."),
    .action = N_("Tell your IT administrator; only they (with Microsoft support) can solve it."),
  },
  {
    .id = "ms-5.7.708",
    .match = "5.7.708",
    .code = 0, .klass = 'P', .reason = "badreputation",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("Microsoft does not accept mail from your organization's address range"),
    .explanation = N_("Microsoft refused the message because your organization sends from IP "
          "addresses with low reputation; this is common for new or trial Microsoft 365 "
          "subscriptions."),
    .action = N_("Tell your IT administrator: buying licences or asking Microsoft support for an "
          "exception solves it."),
  },
  {
    .id = "ms-5.7.750",
    .match = "5.7.750",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("Your organization sends from domains it has not registered"),
    .explanation = N_("Microsoft blocked sending because many messages used sender domains that are "
          "not added and verified in your organization's Microsoft 365."),
    .action = N_("Tell your IT administrator: every domain you send from must be added and "
          "verified in Microsoft 365."),
  },
  {
    .id = "ms-5.7.800",
    .match = "5.7.800",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER, .precise = TRUE,
    .title = N_("Your organization is blocked from sending"),
    .explanation = N_("Microsoft has blocked sending for your whole organization (or its server or "
          "domain), usually because of spam from a compromised account or device, or "
          "because the domain is not verified."),
    .action = N_("Tell your IT administrator; only they (with Microsoft support) can solve it."),
  },
};
const gsize mj_catalogue_microsoft_len = G_N_ELEMENTS (mj_catalogue_microsoft);
