#define G_LOG_DOMAIN "mj-catalogue"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-catalogue.h"

/* Enhanced status codes of RFC 3463, RFC 5248 and the IANA registry
 * (exact codes, subjects X.n.*, classes n.*.*) and basic reply codes
 * (RFC 5321 and extensions).
 * Data only: see mj-catalogue.h for the meaning of each field and
 * mj-explainer.c for the lookup order. Keep the English plain: the reader
 * is a small-business owner, not a mail administrator. */

const MjCatalogueEntry mj_catalogue_enhanced[] = {
  {
    .id = "class-2",
    .match = "2.*.*",
    .code = 0, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server accepted the message"),
    .explanation = N_("The server answered that the step succeeded. For a sent message this is the "
          "proof that your provider took it for delivery."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "class-4",
    .match = "4.*.*",
    .code = 0, .klass = 'T', .reason = "undefined",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server refused the message for now"),
    .explanation = N_("The server answered with a temporary error that Mensajero does not know in "
          "detail. Temporary means the problem may go away by itself, and a later attempt "
          "may succeed."),
    .action = N_("Nothing to do for now. If it keeps failing for hours, read the server's text "
          "in the details or send it to your IT helper."),
  },
  {
    .id = "class-5",
    .match = "5.*.*",
    .code = 0, .klass = 'P', .reason = "undefined",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server refused the message permanently"),
    .explanation = N_("The server answered with a permanent error that Mensajero does not know in "
          "detail. Permanent means that sending the same message again, unchanged, will "
          "fail the same way."),
    .action = N_("Read the server's text in the details: it often names the cause. Check the "
          "recipient's address and your account settings; if you cannot tell, send the "
          "details to your IT helper."),
  },
  {
    .id = "subject-1",
    .match = "X.1.*",
    .code = 0, .klass = 'P', .reason = "userunknown",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("There is a problem with an address"),
    .explanation = N_("The server refused an address of the message (the recipient's or yours): it is "
          "badly written, does not exist, or its domain cannot be used."),
    .action = N_("Check the recipient's address and the account's address for typos and send again."),
  },
  {
    .id = "subject-2",
    .match = "X.2.*",
    .code = 0, .klass = 'P', .reason = "mailboxfull",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("There is a problem with the recipient's mailbox"),
    .explanation = N_("The recipient's address exists, but its mailbox cannot take the message now "
          "(full, disabled or limited)."),
    .action = N_("Tell your client by another channel and send again later."),
  },
  {
    .id = "subject-3",
    .match = "X.3.*",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mail server has a problem"),
    .explanation = N_("The recipient's mail server is not working properly right now (it is "
          "unreachable, misconfigured or out of resources)."),
    .action = N_("Wait and try again later; if it keeps happening, tell your client by another "
          "channel so their IT people can fix their server."),
  },
  {
    .id = "subject-4",
    .match = "X.4.*",
    .code = 0, .klass = 'P', .reason = "networkerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A network problem between mail servers"),
    .explanation = N_("The servers could not talk to each other properly (no answer, broken "
          "connection, or a name that could not be looked up)."),
    .action = N_("Usually it solves itself: wait and send again later. If it keeps failing, "
          "check the recipient's address."),
  },
  {
    .id = "subject-5",
    .match = "X.5.*",
    .code = 0, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "subject-6",
    .match = "X.6.*",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "subject-7",
    .match = "X.7.*",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Refused for security or policy reasons"),
    .explanation = N_("The server refused the message because of a security or policy rule. The text "
          "of the reply usually names the rule."),
    .action = N_("Read the server's text in the details. If it mentions your sign-in or your "
          "domain, contact your IT administrator; if it mentions the recipient, contact "
          "your client."),
  },
  {
    .id = "x.1.0",
    .match = "X.1.0",
    .code = 0, .klass = 'P', .reason = "userunknown",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("There is a problem with an address"),
    .explanation = N_("The server refused an address of the message (the recipient's or yours): it is "
          "badly written, does not exist, or its domain cannot be used."),
    .action = N_("Check the recipient's address and the account's address for typos and send again."),
  },
  {
    .id = "x.1.1",
    .match = "X.1.1",
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
    .id = "x.1.2",
    .match = "X.1.2",
    .code = 0, .klass = 'P', .reason = "hostunknown",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's domain does not exist or takes no mail"),
    .explanation = N_("The part of the address after the “@” does not lead to any mail server: the "
          "domain does not exist, or it is misspelled (for example “hotmial.com”)."),
    .action = N_("Check the part after the “@” carefully, or ask your client for their correct address."),
  },
  {
    .id = "x.1.3",
    .match = "X.1.3",
    .code = 0, .klass = 'P', .reason = "userunknown",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The address is badly written"),
    .explanation = N_("An address in the message is not written the way email addresses must be (for "
          "example a space, a missing “@” or a comma instead of a dot)."),
    .action = N_("Correct the address and send again."),
  },
  {
    .id = "x.1.4",
    .match = "X.1.4",
    .code = 0, .klass = 'P', .reason = "filtered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The address is ambiguous"),
    .explanation = N_("The recipient's server found several possible mailboxes for this address and "
          "could not choose."),
    .action = N_("Ask your client for their exact address."),
  },
  {
    .id = "x.1.5",
    .match = "X.1.5",
    .code = 0, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server accepted the message"),
    .explanation = N_("The server answered that the step succeeded. For a sent message this is the "
          "proof that your provider took it for delivery."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "x.1.6",
    .match = "X.1.6",
    .code = 0, .klass = 'P', .reason = "hasmoved",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient has moved to another address"),
    .explanation = N_("The recipient's server says this mailbox has moved and no longer receives mail "
          "here; sometimes the reply names the new address."),
    .action = N_("Look in the details for a new address, or ask your client, and send the "
          "invoice to the new address."),
  },
  {
    .id = "x.1.7",
    .match = "X.1.7",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your sender address was refused"),
    .explanation = N_("The server refused the sender address of the message: it does not exist, is "
          "badly written, or is not allowed to send from here."),
    .action = N_("Check the email address in the account settings; it must be the mailbox you "
          "sign in with."),
  },
  {
    .id = "x.1.8",
    .match = "X.1.8",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Your sender address was refused"),
    .explanation = N_("The server refused the sender address of the message: it does not exist, is "
          "badly written, or is not allowed to send from here."),
    .action = N_("Check the email address in the account settings; it must be the mailbox you "
          "sign in with."),
  },
  {
    .id = "x.1.10",
    .match = "X.1.10",
    .code = 0, .klass = 'P', .reason = "notaccept",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's domain does not accept email"),
    .explanation = N_("The recipient's domain has declared that it receives no email at all, or its "
          "server refuses all messages."),
    .action = N_("Check the address with your client; they may use another domain for email."),
  },
  {
    .id = "x.2.0",
    .match = "X.2.0",
    .code = 0, .klass = 'P', .reason = "filtered",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("There is a problem with the recipient's mailbox"),
    .explanation = N_("The recipient's address exists, but its mailbox cannot take the message now "
          "(full, disabled or limited)."),
    .action = N_("Tell your client by another channel and send again later."),
  },
  {
    .id = "x.2.1",
    .match = "X.2.1",
    .code = 0, .klass = 'P', .reason = "suspend",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mailbox is disabled"),
    .explanation = N_("The address exists but its mailbox has been disabled or suspended, so it "
          "receives no mail."),
    .action = N_("Ask your client for another address where they receive mail."),
  },
  {
    .id = "x.2.2",
    .match = "X.2.2",
    .code = 0, .klass = 'P', .reason = "mailboxfull",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mailbox is full"),
    .explanation = N_("The recipient's mailbox has no space left, so their server cannot take new "
          "messages for now."),
    .action = N_("Let your client know by phone or another channel that their mailbox is full, "
          "and send the invoice again once they have made room."),
  },
  {
    .id = "x.2.3",
    .match = "X.2.3",
    .code = 0, .klass = 'P', .reason = "exceedlimit",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message is too large"),
    .explanation = N_("The message, with its attachments, is bigger than the server accepts. "
          "Attachments grow by about a third when sent by email."),
    .action = N_("Send fewer or smaller PDFs (for example one invoice per message, or a "
          "compressed PDF) and send again."),
  },
  {
    .id = "x.2.4",
    .match = "X.2.4",
    .code = 0, .klass = 'P', .reason = "filtered",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A mailing list could not be expanded"),
    .explanation = N_("The address is a mailing list or group, and the recipient's server failed to "
          "pass the message on to its members."),
    .action = N_("Tell your client; their IT people must check the list. Meanwhile send to a "
          "personal address."),
  },
  {
    .id = "x.3.0",
    .match = "X.3.0",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The mail server had an internal problem"),
    .explanation = N_("The server could not process the message because of a problem on its side, not "
          "because of your message."),
    .action = N_("Wait and try again later. If it lasts, check your provider's service status page."),
  },
  {
    .id = "x.3.1",
    .match = "X.3.1",
    .code = 0, .klass = 'P', .reason = "systemfull",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The mail server is out of space"),
    .explanation = N_("The mail server has no room to store the message right now."),
    .action = N_("Wait and send again later."),
  },
  {
    .id = "x.3.2",
    .match = "X.3.2",
    .code = 0, .klass = 'P', .reason = "notaccept",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mail server has a problem"),
    .explanation = N_("The recipient's mail server is not working properly right now (it is "
          "unreachable, misconfigured or out of resources)."),
    .action = N_("Wait and try again later; if it keeps happening, tell your client by another "
          "channel so their IT people can fix their server."),
  },
  {
    .id = "x.3.3",
    .match = "X.3.3",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mail server has a problem"),
    .explanation = N_("The recipient's mail server is not working properly right now (it is "
          "unreachable, misconfigured or out of resources)."),
    .action = N_("Wait and try again later; if it keeps happening, tell your client by another "
          "channel so their IT people can fix their server."),
  },
  {
    .id = "x.3.4",
    .match = "X.3.4",
    .code = 0, .klass = 'P', .reason = "emailtoolarge",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message is too large"),
    .explanation = N_("The message, with its attachments, is bigger than the server accepts. "
          "Attachments grow by about a third when sent by email."),
    .action = N_("Send fewer or smaller PDFs (for example one invoice per message, or a "
          "compressed PDF) and send again."),
  },
  {
    .id = "x.3.5",
    .match = "X.3.5",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mail server has a problem"),
    .explanation = N_("The recipient's mail server is not working properly right now (it is "
          "unreachable, misconfigured or out of resources)."),
    .action = N_("Wait and try again later; if it keeps happening, tell your client by another "
          "channel so their IT people can fix their server."),
  },
  {
    .id = "x.4.0",
    .match = "X.4.0",
    .code = 0, .klass = 'P', .reason = "networkerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A network problem between mail servers"),
    .explanation = N_("The servers could not talk to each other properly (no answer, broken "
          "connection, or a name that could not be looked up)."),
    .action = N_("Usually it solves itself: wait and send again later. If it keeps failing, "
          "check the recipient's address."),
  },
  {
    .id = "x.4.1",
    .match = "X.4.1",
    .code = 0, .klass = 'P', .reason = "expired",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A network problem between mail servers"),
    .explanation = N_("The servers could not talk to each other properly (no answer, broken "
          "connection, or a name that could not be looked up)."),
    .action = N_("Usually it solves itself: wait and send again later. If it keeps failing, "
          "check the recipient's address."),
  },
  {
    .id = "x.4.2",
    .match = "X.4.2",
    .code = 0, .klass = 'P', .reason = "networkerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A network problem between mail servers"),
    .explanation = N_("The servers could not talk to each other properly (no answer, broken "
          "connection, or a name that could not be looked up)."),
    .action = N_("Usually it solves itself: wait and send again later. If it keeps failing, "
          "check the recipient's address."),
  },
  {
    .id = "x.4.3",
    .match = "X.4.3",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A network problem between mail servers"),
    .explanation = N_("The servers could not talk to each other properly (no answer, broken "
          "connection, or a name that could not be looked up)."),
    .action = N_("Usually it solves itself: wait and send again later. If it keeps failing, "
          "check the recipient's address."),
  },
  {
    .id = "x.4.4",
    .match = "X.4.4",
    .code = 0, .klass = 'P', .reason = "hostunknown",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's domain does not exist or takes no mail"),
    .explanation = N_("The part of the address after the “@” does not lead to any mail server: the "
          "domain does not exist, or it is misspelled (for example “hotmial.com”)."),
    .action = N_("Check the part after the “@” carefully, or ask your client for their correct address."),
  },
  {
    .id = "4.4.4",
    .match = "4.4.4",
    .code = 0, .klass = 'P', .reason = "networkerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("A network problem between mail servers"),
    .explanation = N_("The servers could not talk to each other properly (no answer, broken "
          "connection, or a name that could not be looked up)."),
    .action = N_("Usually it solves itself: wait and send again later. If it keeps failing, "
          "check the recipient's address."),
  },
  {
    .id = "x.4.5",
    .match = "X.4.5",
    .code = 0, .klass = 'P', .reason = "systemfull",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server is not available right now"),
    .explanation = N_("The server closed the connection: it is overloaded, restarting, or limiting "
          "how much you send."),
    .action = N_("Nothing to change: wait a while. If it lasts for hours, check your provider's "
          "service status page."),
  },
  {
    .id = "x.4.6",
    .match = "X.4.6",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message went round in a loop"),
    .explanation = N_("The message was forwarded between servers in a circle until they stopped it, "
          "usually because of a forwarding rule on the recipient's side."),
    .action = N_("Tell your client by another channel; their forwarding rules must be fixed. If "
          "it happens with your own mailbox, check your forwarding rules."),
  },
  {
    .id = "x.4.7",
    .match = "X.4.7",
    .code = 0, .klass = 'P', .reason = "expired",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message could not be delivered in time"),
    .explanation = N_("The servers kept trying to deliver the message for a long time but the "
          "recipient's server never accepted it, so they gave up."),
    .action = N_("Check the address; if it is right, the recipient's server is probably down: "
          "send again later or tell your client by another channel."),
  },
  {
    .id = "x.5.0",
    .match = "X.5.0",
    .code = 0, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "x.5.1",
    .match = "X.5.1",
    .code = 0, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "x.5.2",
    .match = "X.5.2",
    .code = 0, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "x.5.3",
    .match = "X.5.3",
    .code = 0, .klass = 'P', .reason = "ratelimited",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Too many recipients in one message"),
    .explanation = N_("The server accepts only a limited number of recipients per message, and this "
          "message had more."),
    .action = N_("Send the invoice to fewer recipients at a time (for example one message per client)."),
  },
  {
    .id = "x.5.4",
    .match = "X.5.4",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "x.5.5",
    .match = "X.5.5",
    .code = 0, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "x.5.6",
    .match = "X.5.6",
    .code = 0, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "x.6.0",
    .match = "X.6.0",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "x.6.1",
    .match = "X.6.1",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "x.6.2",
    .match = "X.6.2",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "x.6.3",
    .match = "X.6.3",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "x.6.4",
    .match = "X.6.4",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "x.6.5",
    .match = "X.6.5",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "x.6.7",
    .match = "X.6.7",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "x.6.8",
    .match = "X.6.8",
    .code = 0, .klass = 'P', .reason = "contenterror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "x.7.0",
    .match = "X.7.0",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Refused for security or policy reasons"),
    .explanation = N_("The server refused the message because of a security or policy rule. The text "
          "of the reply usually names the rule."),
    .action = N_("Read the server's text in the details. If it mentions your sign-in or your "
          "domain, contact your IT administrator; if it mentions the recipient, contact "
          "your client."),
  },
  {
    .id = "auth-required-530",
    .match = "X.7.0",
    .code = 530, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero was not signed in when sending"),
    .explanation = N_("The server refused to send because the connection was not signed in. Either "
          "the account has no sign-in configured, or the sign-in failed without a clear "
          "error."),
    .action = N_("Open the account settings, make sure sign-in is configured (“Sign in with "
          "Microsoft” or a password) and run the connection test."),
  },
  {
    .id = "temporary-auth-454",
    .match = "X.7.0",
    .code = 454, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Sign-in failed for a temporary reason"),
    .explanation = N_("The server could not check your sign-in right now because of a problem on its "
          "side; your password is not necessarily wrong."),
    .action = N_("Do not change your password yet; wait a while."),
  },
  {
    .id = "x.7.1",
    .match = "X.7.1",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Delivery was not authorized"),
    .explanation = N_("The server refused the message by a rule: the sender is not allowed to write "
          "to this recipient, the server will not pass it on, or the sender or sending "
          "server is blocked."),
    .action = N_("Read the server's text in the details. Check that Mensajero is signed in "
          "(connection test); if the text names the recipient's rules, contact your "
          "client."),
  },
  {
    .id = "4.7.1",
    .match = "4.7.1",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The receiving server is holding back your mail"),
    .explanation = N_("The receiving server refused the message for now by one of its rules (often "
          "greylisting, a temporary block of the sending server, or too much mail at "
          "once)."),
    .action = N_("Nothing to change for one invoice: wait. If it keeps failing for hours, read "
          "the server's text in the details or tell your client."),
  },
  {
    /* Temporary security or policy refusals without an entry of their own
     * (RFC 3463 4.7.x: 4.7.500 from a server that is not Microsoft's):
     * held back for now, retried. */
    .id = "subject-4.7",
    .match = "4.7.*",
    .code = 0, .klass = 'T', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The receiving server is holding back your mail"),
    .explanation = N_("The receiving server refused the message for now by one of its rules (often "
          "greylisting, a temporary block of the sending server, or too much mail at "
          "once)."),
    .action = N_("Nothing to change for one invoice: wait. If it keeps failing for hours, read "
          "the server's text in the details or tell your client."),
  },
  {
    .id = "4.7.2",
    .match = "4.7.2",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's organization does not accept your message"),
    .explanation = N_("The recipient's server refused the message because of one of its rules: for "
          "example it only accepts mail from certain senders, from inside the "
          "organization, or for groups you may not write to."),
    .action = N_("Ask your client to allow your address (or to give you an address that accepts "
          "external mail), then send again."),
  },
  {
    .id = "x.7.2",
    .match = "X.7.2",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's organization does not accept your message"),
    .explanation = N_("The recipient's server refused the message because of one of its rules: for "
          "example it only accepts mail from certain senders, from inside the "
          "organization, or for groups you may not write to."),
    .action = N_("Ask your client to allow your address (or to give you an address that accepts "
          "external mail), then send again."),
  },
  {
    .id = "x.7.4",
    .match = "X.7.4",
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
    .id = "x.7.5",
    .match = "X.7.5",
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
    .id = "x.7.7",
    .match = "X.7.7",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server could not handle the message's format"),
    .explanation = N_("The receiving server refused the message because its format or encoding is not "
          "one it accepts."),
    .action = N_("Try sending again with a simpler message (plain text, a normal PDF). If it "
          "keeps happening, report it to Mensajero's makers with the details."),
  },
  {
    .id = "auth-invalid-credentials",
    .match = "X.7.8",
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
    .id = "auth-mechanism-weak",
    .match = "X.7.9",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server wants another sign-in method"),
    .explanation = N_("The server does not accept the sign-in method Mensajero used (it is too weak "
          "or not supported there)."),
    .action = N_("Choose the provider's recommended settings in the account (for Microsoft: "
          "“Sign in with Microsoft”) and run the connection test."),
  },
  {
    .id = "auth-tls-required-x.7.10",
    .match = "X.7.10",
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
    .id = "auth-tls-required-x.7.11",
    .match = "X.7.11",
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
    .id = "auth-password-transition",
    .match = "X.7.12",
    .code = 432, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You must change your password first"),
    .explanation = N_("The server needs you to set a new password before it lets you sign in from "
          "other programs."),
    .action = N_("Sign in to your email in the browser, change the password when asked, then "
          "type the new password in Mensajero."),
  },
  {
    .id = "x.7.13",
    .match = "X.7.13",
    .code = 0, .klass = 'P', .reason = "suspend",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's mailbox is disabled"),
    .explanation = N_("The address exists but its mailbox has been disabled or suspended, so it "
          "receives no mail."),
    .action = N_("Ask your client for another address where they receive mail."),
  },
  {
    .id = "x.7.17",
    .match = "X.7.17",
    .code = 0, .klass = 'P', .reason = "hasmoved",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient has moved to another address"),
    .explanation = N_("The recipient's server says this mailbox has moved and no longer receives mail "
          "here; sometimes the reply names the new address."),
    .action = N_("Look in the details for a new address, or ask your client, and send the "
          "invoice to the new address."),
  },
  {
    .id = "x.7.18",
    .match = "X.7.18",
    .code = 0, .klass = 'P', .reason = "hasmoved",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient has moved to another address"),
    .explanation = N_("The recipient's server says this mailbox has moved and no longer receives mail "
          "here; sometimes the reply names the new address."),
    .action = N_("Look in the details for a new address, or ask your client, and send the "
          "invoice to the new address."),
  },
  {
    .id = "x.7.20",
    .match = "X.7.20",
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
    .id = "x.7.21",
    .match = "X.7.21",
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
    .id = "x.7.22",
    .match = "X.7.22",
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
    .id = "x.7.23",
    .match = "X.7.23",
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
    .id = "x.7.24",
    .match = "X.7.24",
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
    .id = "x.7.25",
    .match = "X.7.25",
    .code = 0, .klass = 'P', .reason = "blocked",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The sending server has no reverse DNS name"),
    .explanation = N_("The recipient's server requires the sending server's IP address to have a "
          "matching name (a reverse DNS record), and it has none."),
    .action = N_("If you send through your provider (Outlook, Gmail…), report it to them. If "
          "your company runs its own mail server, ask your IT administrator to add the "
          "reverse DNS record."),
  },
  {
    .id = "x.7.26",
    .match = "X.7.26",
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
    .id = "x.7.27",
    .match = "X.7.27",
    .code = 0, .klass = 'P', .reason = "notaccept",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your sender address was refused"),
    .explanation = N_("The server refused the sender address of the message: it does not exist, is "
          "badly written, or is not allowed to send from here."),
    .action = N_("Check the email address in the account settings; it must be the mailbox you "
          "sign in with."),
  },
  {
    .id = "x.7.29",
    .match = "X.7.29",
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
};
const gsize mj_catalogue_enhanced_len = G_N_ELEMENTS (mj_catalogue_enhanced);

const MjCatalogueEntry mj_catalogue_reply[] = {
  {
    .id = "reply-220",
    .match = "",
    .code = 220, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server accepted the message"),
    .explanation = N_("The server answered that the step succeeded. For a sent message this is the "
          "proof that your provider took it for delivery."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "reply-221",
    .match = "",
    .code = 221, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server accepted the message"),
    .explanation = N_("The server answered that the step succeeded. For a sent message this is the "
          "proof that your provider took it for delivery."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "reply-235",
    .match = "",
    .code = 235, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Signed in"),
    .explanation = N_("The server accepted Mensajero's sign-in."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "reply-250",
    .match = "",
    .code = 250, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server accepted the message"),
    .explanation = N_("The server answered that the step succeeded. For a sent message this is the "
          "proof that your provider took it for delivery."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "reply-251",
    .match = "",
    .code = 251, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server accepted the message"),
    .explanation = N_("The server answered that the step succeeded. For a sent message this is the "
          "proof that your provider took it for delivery."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "reply-252",
    .match = "",
    .code = 252, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server accepted the message"),
    .explanation = N_("The server answered that the step succeeded. For a sent message this is the "
          "proof that your provider took it for delivery."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "reply-334",
    .match = "",
    .code = 334, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server is waiting for more"),
    .explanation = N_("This is an intermediate answer in the conversation with the server (for "
          "example “go ahead, send the message”), not an error."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "reply-354",
    .match = "",
    .code = 354, .klass = 'S', .reason = "delivered",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server is waiting for more"),
    .explanation = N_("This is an intermediate answer in the conversation with the server (for "
          "example “go ahead, send the message”), not an error."),
    .action = N_("Nothing to do."),
  },
  {
    .id = "reply-421",
    .match = "",
    .code = 421, .klass = 'T', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server is not available right now"),
    .explanation = N_("The server closed the connection: it is overloaded, restarting, or limiting "
          "how much you send."),
    .action = N_("Nothing to change: wait a while. If it lasts for hours, check your provider's "
          "service status page."),
  },
  {
    .id = "reply-432",
    .match = "",
    .code = 432, .klass = 'T', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You must change your password first"),
    .explanation = N_("The server needs you to set a new password before it lets you sign in from "
          "other programs."),
    .action = N_("Sign in to your email in the browser, change the password when asked, then "
          "type the new password in Mensajero."),
  },
  {
    .id = "reply-450",
    .match = "",
    .code = 450, .klass = 'T', .reason = "systemerror",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The mailbox is not available right now"),
    .explanation = N_("The recipient's mailbox or server could not take the message at this moment "
          "(busy, or a temporary rule)."),
    .action = N_("Nothing to change: wait a while."),
  },
  {
    .id = "reply-451",
    .match = "",
    .code = 451, .klass = 'T', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The mail server had an internal problem"),
    .explanation = N_("The server could not process the message because of a problem on its side, not "
          "because of your message."),
    .action = N_("Wait and try again later. If it lasts, check your provider's service status page."),
  },
  {
    .id = "reply-452",
    .match = "",
    .code = 452, .klass = 'T', .reason = "systemfull",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server cannot take the message now"),
    .explanation = N_("The server has no room for the message right now, or there were too many "
          "recipients for one attempt."),
    .action = N_("Wait and send again later; with many recipients, send to fewer at a time."),
  },
  {
    .id = "reply-454",
    .match = "",
    .code = 454, .klass = 'T', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Sign-in failed for a temporary reason"),
    .explanation = N_("The server could not check your sign-in right now because of a problem on its "
          "side; your password is not necessarily wrong."),
    .action = N_("Do not change your password yet; wait a while."),
  },
  {
    .id = "reply-455",
    .match = "",
    .code = 455, .klass = 'T', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The mail server had an internal problem"),
    .explanation = N_("The server could not process the message because of a problem on its side, not "
          "because of your message."),
    .action = N_("Wait and try again later. If it lasts, check your provider's service status page."),
  },
  {
    .id = "reply-500",
    .match = "",
    .code = 500, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "reply-501",
    .match = "",
    .code = 501, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "reply-502",
    .match = "",
    .code = 502, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "reply-503",
    .match = "",
    .code = 503, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "reply-504",
    .match = "",
    .code = 504, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server wants another sign-in method"),
    .explanation = N_("The server does not accept the sign-in method Mensajero used (it is too weak "
          "or not supported there)."),
    .action = N_("Choose the provider's recommended settings in the account (for Microsoft: "
          "“Sign in with Microsoft”) and run the connection test."),
  },
  {
    .id = "reply-521",
    .match = "",
    .code = 521, .klass = 'P', .reason = "notaccept",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's domain does not accept email"),
    .explanation = N_("The recipient's domain has declared that it receives no email at all, or its "
          "server refuses all messages."),
    .action = N_("Check the address with your client; they may use another domain for email."),
  },
  {
    .id = "auth-reply-530",
    .match = "",
    .code = 530, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero was not signed in when sending"),
    .explanation = N_("The server refused to send because the connection was not signed in. Either "
          "the account has no sign-in configured, or the sign-in failed without a clear "
          "error."),
    .action = N_("Open the account settings, make sure sign-in is configured (“Sign in with "
          "Microsoft” or a password) and run the connection test."),
  },
  {
    .id = "auth-reply-534",
    .match = "",
    .code = 534, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server wants another sign-in method"),
    .explanation = N_("The server does not accept the sign-in method Mensajero used (it is too weak "
          "or not supported there)."),
    .action = N_("Choose the provider's recommended settings in the account (for Microsoft: "
          "“Sign in with Microsoft”) and run the connection test."),
  },
  {
    .id = "auth-reply-535",
    .match = "",
    .code = 535, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Wrong user name or password"),
    .explanation = N_("The mail server did not accept the user name and password that Mensajero sent."),
    .action = N_("Check the user name (usually your full email address) and type the password "
          "again. If your provider uses app passwords (Gmail, Yahoo, iCloud…), create a "
          "new one and paste it; for Outlook.com and Microsoft 365 use “Sign in with "
          "Microsoft”."),
  },
  {
    .id = "auth-reply-538",
    .match = "",
    .code = 538, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server requires an encrypted connection"),
    .explanation = N_("The server only accepts sign-in and sending over an encrypted connection "
          "(STARTTLS or TLS), and this connection was not encrypted or used an old TLS "
          "version."),
    .action = N_("In the account settings choose the provider's recommended security (usually "
          "STARTTLS on port 587, or TLS on port 465) and run the connection test."),
  },
  {
    .id = "reply-550",
    .match = "",
    .code = 550, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server refused the message"),
    .explanation = N_("The server refused to take the message: usually the recipient's mailbox does "
          "not exist or is unavailable, or a rule of the server refused it."),
    .action = N_("Read the server's text in the details, check the recipient's address, and ask "
          "your client if it still fails."),
  },
  {
    .id = "reply-551",
    .match = "",
    .code = 551, .klass = 'P', .reason = "hasmoved",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient has moved to another address"),
    .explanation = N_("The recipient's server says this mailbox has moved and no longer receives mail "
          "here; sometimes the reply names the new address."),
    .action = N_("Look in the details for a new address, or ask your client, and send the "
          "invoice to the new address."),
  },
  {
    .id = "reply-552",
    .match = "",
    .code = 552, .klass = 'P', .reason = "emailtoolarge",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The message is too large"),
    .explanation = N_("The message, with its attachments, is bigger than the server accepts. "
          "Attachments grow by about a third when sent by email."),
    .action = N_("Send fewer or smaller PDFs (for example one invoice per message, or a "
          "compressed PDF) and send again."),
  },
  {
    .id = "reply-553",
    .match = "",
    .code = 553, .klass = 'P', .reason = "userunknown",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The address is not allowed"),
    .explanation = N_("The server refused an address of the message because it is badly written or "
          "not allowed there."),
    .action = N_("Check the recipient's address and the account's address, then send again."),
  },
  {
    .id = "reply-554",
    .match = "",
    .code = 554, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server refused the transaction"),
    .explanation = N_("The server refused the message or the whole connection, often because of a "
          "block or a content rule."),
    .action = N_("Read the server's text in the details; it usually says why. If it does not, "
          "send the details to your IT helper."),
  },
  {
    .id = "reply-555",
    .match = "",
    .code = 555, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("The server did not understand a command"),
    .explanation = N_("The mail server rejected a command or a parameter of the conversation between "
          "Mensajero and the server. This is a technical fault, not something in your "
          "invoice."),
    .action = N_("Check the account's server and port (a wrong server can cause this) and run "
          "the connection test. If it keeps happening, report it to Mensajero's makers "
          "with the details."),
  },
  {
    .id = "reply-556",
    .match = "",
    .code = 556, .klass = 'P', .reason = "notaccept",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The recipient's domain does not accept email"),
    .explanation = N_("The recipient's domain has declared that it receives no email at all, or its "
          "server refuses all messages."),
    .action = N_("Check the address with your client; they may use another domain for email."),
  },
};
const gsize mj_catalogue_reply_len = G_N_ELEMENTS (mj_catalogue_reply);
