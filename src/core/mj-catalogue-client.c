#define G_LOG_DOMAIN "mj-catalogue"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-catalogue.h"

/* Errors that are not SMTP replies: classic Outlook client codes
 * (0x800CCCxx, imnxport.h), Microsoft Entra sign-in errors (AADSTS…),
 * libcurl result codes (by number, so no curl header is needed), and
 * the entries for unknown input, automatic replies and non-bounces.
 * Data only: see mj-catalogue.h for the meaning of each field and
 * mj-explainer.c for the lookup order. Keep the English plain: the reader
 * is a small-business owner, not a mail administrator. */

const MjCatalogueEntry mj_catalogue_client[] = {
  {
    .id = "client-0x800CCC0B",
    .match = "0x800CCC0B",
    .code = 0, .klass = 'T', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server is busy"),
    .explanation = N_("The server (or the mailbox) is busy with another operation."),
    .action = N_("Wait a moment and try again."),
  },
  {
    .id = "client-0x800CCC0D",
    .match = "0x800CCC0D",
    .code = 0, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server name could not be found"),
    .explanation = N_("The name of the mail server could not be looked up: it is misspelled, or there "
          "is no Internet connection or DNS."),
    .action = N_("Check the server name in the account settings and your Internet connection."),
  },
  {
    .id = "client-0x800CCC0E",
    .match = "0x800CCC0E",
    .code = 0, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Could not connect to the mail server"),
    .explanation = N_("The program could not open a connection to the outgoing mail server: the "
          "server name or port is wrong, there is no Internet connection, or a firewall "
          "or antivirus blocks the port."),
    .action = N_("Check the Internet connection, the server name and port 587 in the account "
          "settings, and allow Mensajero in your firewall or antivirus; then run the "
          "connection test."),
  },
  {
    .id = "client-0x800CCC0F",
    .match = "0x800CCC0F",
    .code = 0, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The connection was cut"),
    .explanation = N_("The server or the network closed the connection in the middle of the "
          "conversation (a timeout, an antivirus that scans mail, a very large message or "
          "the wrong encryption setting)."),
    .action = N_("Check that the account uses STARTTLS on port 587 (or TLS on 465), turn off "
          "mail scanning in your antivirus, and try again."),
  },
  {
    .id = "client-0x800CCC13",
    .match = "0x800CCC13",
    .code = 0, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Your computer could not send data over the network"),
    .explanation = N_("Windows failed to write to the network connection. The problem is on the "
          "computer (network adapter, VPN, antivirus or firewall), not at the server."),
    .action = N_("Restart the computer and the router, turn off the VPN or antivirus mail "
          "scanning for a test, and try again."),
  },
  {
    .id = "client-0x800CCC18",
    .match = "0x800CCC18",
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
    .id = "client-0x800CCC19",
    .match = "0x800CCC19",
    .code = 0, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not answer in time"),
    .explanation = N_("The mail server took too long to answer. The network may be slow, the port may "
          "be blocked, or the server may be overloaded."),
    .action = N_("Check your Internet connection and that port 587 is not blocked by a firewall; "
          "Mensajero will keep the invoice in the queue."),
  },
  {
    .id = "client-0x800CCC1A",
    .match = "0x800CCC1A",
    .code = 0, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The secure connection could not be set up"),
    .explanation = N_("The encryption handshake with the server failed: the security setting does not "
          "match the port (for example TLS on port 587 instead of STARTTLS), or one side "
          "only supports old versions."),
    .action = N_("Use STARTTLS with port 587 or TLS with port 465, as your provider recommends, "
          "and run the connection test."),
  },
  {
    .id = "client-0x800CCC60",
    .match = "0x800CCC60",
    .code = 0, .klass = 'P', .reason = "undefined",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The mail server answered with an error"),
    .explanation = N_("The outgoing server answered with an error; the server's own text (next to the "
          "code) says which."),
    .action = N_("Paste the whole error text, including the server's answer, into Mensajero's "
          "explainer."),
  },
  {
    .id = "client-0x800CCC67",
    .match = "0x800CCC67",
    .code = 0, .klass = 'T', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server is not available right now"),
    .explanation = N_("The server closed the connection: it is overloaded, restarting, or limiting "
          "how much you send."),
    .action = N_("Nothing to change: wait a while. If it lasts for hours, check your provider's "
          "service status page."),
  },
  {
    .id = "client-0x800CCC78",
    .match = "0x800CCC78",
    .code = 0, .klass = 'P', .reason = "rejected",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server refused the sender"),
    .explanation = N_("The outgoing server refused the sender address: the program was not signed in, "
          "or the “From” address is not the mailbox you signed in with."),
    .action = N_("Make sure sign-in is turned on for the outgoing server and that you send from "
          "your own address."),
  },
  {
    .id = "client-0x800CCC79",
    .match = "0x800CCC79",
    .code = 0, .klass = 'P', .reason = "norelaying",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server refused the recipients"),
    .explanation = N_("The outgoing server refused one or more recipients: it will not pass mail on "
          "without sign-in, or an address is wrong."),
    .action = N_("Turn on sign-in for the outgoing server and check the recipients' addresses."),
  },
  {
    .id = "client-0x800CCC7C",
    .match = "0x800CCC7C",
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
    .id = "client-0x800CCC7D",
    .match = "0x800CCC7D",
    .code = 0, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The secure connection could not be set up"),
    .explanation = N_("The encryption handshake with the server failed: the security setting does not "
          "match the port (for example TLS on port 587 instead of STARTTLS), or one side "
          "only supports old versions."),
    .action = N_("Use STARTTLS with port 587 or TLS with port 465, as your provider recommends, "
          "and run the connection test."),
  },
  {
    .id = "client-0x800CCC7F",
    .match = "0x800CCC7F",
    .code = 0, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The secure connection could not be set up"),
    .explanation = N_("The encryption handshake with the server failed: the security setting does not "
          "match the port (for example TLS on port 587 instead of STARTTLS), or one side "
          "only supports old versions."),
    .action = N_("Use STARTTLS with port 587 or TLS with port 465, as your provider recommends, "
          "and run the connection test."),
  },
  {
    .id = "client-0x800CCC90",
    .match = "0x800CCC90",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The incoming mail server (POP3) returned an error"),
    .explanation = N_("This code comes from receiving mail with POP3, not from sending. Mensajero "
          "only sends, so it is not affected by it."),
    .action = N_("In your other mail program, check the POP3 settings and the server's text; for "
          "Outlook.com and Microsoft 365 use “Sign in with Microsoft” (OAuth), because "
          "passwords are refused."),
  },
  {
    .id = "client-0x800CCC91",
    .match = "0x800CCC91",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The user name was refused (POP3)"),
    .explanation = N_("The incoming mail server did not accept the user name. This comes from "
          "receiving mail, not from sending."),
    .action = N_("Use your full email address as the user name in your mail program."),
  },
  {
    .id = "client-0x800CCC92",
    .match = "0x800CCC92",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The password was refused (POP3)"),
    .explanation = N_("The incoming mail server did not accept the password. For Outlook.com and "
          "Microsoft 365 this happens because passwords from other programs are no longer "
          "accepted."),
    .action = N_("Type the password again or, for Microsoft accounts, use “Sign in with "
          "Microsoft” (OAuth)."),
  },
};
const gsize mj_catalogue_client_len = G_N_ELEMENTS (mj_catalogue_client);

const MjCatalogueEntry mj_catalogue_aadsts[] = {
  {
    .id = "aadsts-50011",
    .match = "AADSTS50011",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero's registration with Microsoft has a problem"),
    .explanation = N_("Microsoft refused the sign-in because of how this copy of Mensajero is "
          "registered with Microsoft (wrong or disabled application, address or setting). "
          "It is not your password."),
    .action = N_("Update Mensajero. If you set a custom application ID, check it in the account "
          "settings; otherwise report the code to Mensajero's makers."),
  },
  {
    .id = "aadsts-50020",
    .match = "AADSTS50020",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("This account does not belong to that organization"),
    .explanation = N_("You signed in with an account that is not a member of the organization "
          "Mensajero asked Microsoft about (for example a personal account where a work "
          "account was expected)."),
    .action = N_("Sign in again with the same address as the account in Mensajero; if you have "
          "several Microsoft accounts, pick the right one in the browser."),
  },
  {
    .id = "aadsts-50034",
    .match = "AADSTS50034",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("This account does not belong to that organization"),
    .explanation = N_("You signed in with an account that is not a member of the organization "
          "Mensajero asked Microsoft about (for example a personal account where a work "
          "account was expected)."),
    .action = N_("Sign in again with the same address as the account in Mensajero; if you have "
          "several Microsoft accounts, pick the right one in the browser."),
  },
  {
    .id = "aadsts-50053",
    .match = "AADSTS50053",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("There is a problem with your Microsoft account"),
    .explanation = N_("Microsoft refused the sign-in because of the state of your account: it is "
          "locked, disabled, not found in this organization, or its password has expired."),
    .action = N_("Sign in at office.com or outlook.com in your browser to see what Microsoft "
          "asks for; if you cannot, contact your IT administrator."),
  },
  {
    .id = "aadsts-50055",
    .match = "AADSTS50055",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("There is a problem with your Microsoft account"),
    .explanation = N_("Microsoft refused the sign-in because of the state of your account: it is "
          "locked, disabled, not found in this organization, or its password has expired."),
    .action = N_("Sign in at office.com or outlook.com in your browser to see what Microsoft "
          "asks for; if you cannot, contact your IT administrator."),
  },
  {
    .id = "aadsts-50057",
    .match = "AADSTS50057",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("There is a problem with your Microsoft account"),
    .explanation = N_("Microsoft refused the sign-in because of the state of your account: it is "
          "locked, disabled, not found in this organization, or its password has expired."),
    .action = N_("Sign in at office.com or outlook.com in your browser to see what Microsoft "
          "asks for; if you cannot, contact your IT administrator."),
  },
  {
    .id = "aadsts-50058",
    .match = "AADSTS50058",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You need to sign in with Microsoft again"),
    .explanation = N_("Mensajero's permission to send for you has expired or was withdrawn (after a "
          "long time without use, a password change, or a security check)."),
    .action = N_("Open the account settings and choose “Sign in with Microsoft” again. Invoices "
          "waiting in the queue will go out after that."),
  },
  {
    .id = "aadsts-50076",
    .match = "AADSTS50076",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Microsoft asks for an extra verification"),
    .explanation = N_("Your account needs a second step (for example an app notification or a code) "
          "that was not completed during the sign-in."),
    .action = N_("Choose “Sign in with Microsoft” again and complete every step in the browser window."),
  },
  {
    .id = "aadsts-50079",
    .match = "AADSTS50079",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Microsoft asks for an extra verification"),
    .explanation = N_("Your account needs a second step (for example an app notification or a code) "
          "that was not completed during the sign-in."),
    .action = N_("Choose “Sign in with Microsoft” again and complete every step in the browser window."),
  },
  {
    .id = "aadsts-50105",
    .match = "AADSTS50105",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization's rules blocked the sign-in"),
    .explanation = N_("A security rule of your organization (Conditional Access, device or location "
          "requirements) did not allow this sign-in."),
    .action = N_("Tell your IT administrator the error code shown in the details; they can see "
          "the reason in the sign-in logs."),
  },
  {
    .id = "aadsts-50126",
    .match = "AADSTS50126",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Wrong Microsoft password"),
    .explanation = N_("Microsoft says the user name or password typed in the sign-in page is wrong."),
    .action = N_("Sign in again and type the password carefully; use “Forgot password” on the "
          "Microsoft page if needed."),
  },
  {
    .id = "aadsts-50158",
    .match = "AADSTS50158",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Microsoft asks for an extra verification"),
    .explanation = N_("Your account needs a second step (for example an app notification or a code) "
          "that was not completed during the sign-in."),
    .action = N_("Choose “Sign in with Microsoft” again and complete every step in the browser window."),
  },
  {
    .id = "aadsts-50173",
    .match = "AADSTS50173",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You need to sign in with Microsoft again"),
    .explanation = N_("Mensajero's permission to send for you has expired or was withdrawn (after a "
          "long time without use, a password change, or a security check)."),
    .action = N_("Open the account settings and choose “Sign in with Microsoft” again. Invoices "
          "waiting in the queue will go out after that."),
  },
  {
    .id = "aadsts-50194",
    .match = "AADSTS50194",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero's registration with Microsoft has a problem"),
    .explanation = N_("Microsoft refused the sign-in because of how this copy of Mensajero is "
          "registered with Microsoft (wrong or disabled application, address or setting). "
          "It is not your password."),
    .action = N_("Update Mensajero. If you set a custom application ID, check it in the account "
          "settings; otherwise report the code to Mensajero's makers."),
  },
  {
    .id = "aadsts-50199",
    .match = "AADSTS50199",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The permission was not granted"),
    .explanation = N_("The sign-in was cancelled, or the permission for Mensajero to send mail was "
          "declined on the Microsoft page."),
    .action = N_("Choose “Sign in with Microsoft” again and accept the permission to send mail."),
  },
  {
    .id = "aadsts-53003",
    .match = "AADSTS53003",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization's rules blocked the sign-in"),
    .explanation = N_("A security rule of your organization (Conditional Access, device or location "
          "requirements) did not allow this sign-in."),
    .action = N_("Tell your IT administrator the error code shown in the details; they can see "
          "the reason in the sign-in logs."),
  },
  {
    .id = "aadsts-530003",
    .match = "AADSTS530003",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization's rules blocked the sign-in"),
    .explanation = N_("A security rule of your organization (Conditional Access, device or location "
          "requirements) did not allow this sign-in."),
    .action = N_("Tell your IT administrator the error code shown in the details; they can see "
          "the reason in the sign-in logs."),
  },
  {
    .id = "aadsts-54005",
    .match = "AADSTS54005",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You need to sign in with Microsoft again"),
    .explanation = N_("Mensajero's permission to send for you has expired or was withdrawn (after a "
          "long time without use, a password change, or a security check)."),
    .action = N_("Open the account settings and choose “Sign in with Microsoft” again. Invoices "
          "waiting in the queue will go out after that."),
  },
  {
    .id = "aadsts-65001",
    .match = "AADSTS65001",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your administrator must approve Mensajero"),
    .explanation = N_("Your organization does not let users allow new applications by themselves, so "
          "Microsoft asks an administrator to approve Mensajero before it can send for "
          "you."),
    .action = N_("Send the message below to your IT administrator. Once they approve Mensajero, "
          "choose “Sign in with Microsoft” again."),
    .admin = N_("Hello,\n\nI want to use Mensajero (an invoice mailer) to send mail from my "
          "Microsoft 365 mailbox. Signing in with Microsoft stops with “Need admin "
          "approval” / AADSTS65001 or AADSTS90094, because our organization does not let "
          "users consent to applications.\n\nCould you grant admin consent for the "
          "application “Mensajero”? It only asks for the delegated permissions "
          "“SMTP.Send” (https://outlook.office.com/SMTP.Send) and “offline_access”. In "
          "the Microsoft Entra admin center: Enterprise applications › Consent and "
          "permissions › Admin consent requests, or approve the request I have "
          "sent.\n\nThank you."),
  },
  {
    .id = "aadsts-65004",
    .match = "AADSTS65004",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The permission was not granted"),
    .explanation = N_("The sign-in was cancelled, or the permission for Mensajero to send mail was "
          "declined on the Microsoft page."),
    .action = N_("Choose “Sign in with Microsoft” again and accept the permission to send mail."),
  },
  {
    .id = "aadsts-70000",
    .match = "AADSTS70000",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You need to sign in with Microsoft again"),
    .explanation = N_("Mensajero's permission to send for you has expired or was withdrawn (after a "
          "long time without use, a password change, or a security check)."),
    .action = N_("Open the account settings and choose “Sign in with Microsoft” again. Invoices "
          "waiting in the queue will go out after that."),
  },
  {
    .id = "aadsts-70008",
    .match = "AADSTS70008",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You need to sign in with Microsoft again"),
    .explanation = N_("Mensajero's permission to send for you has expired or was withdrawn (after a "
          "long time without use, a password change, or a security check)."),
    .action = N_("Open the account settings and choose “Sign in with Microsoft” again. Invoices "
          "waiting in the queue will go out after that."),
  },
  {
    .id = "aadsts-70011",
    .match = "AADSTS70011",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero's registration with Microsoft has a problem"),
    .explanation = N_("Microsoft refused the sign-in because of how this copy of Mensajero is "
          "registered with Microsoft (wrong or disabled application, address or setting). "
          "It is not your password."),
    .action = N_("Update Mensajero. If you set a custom application ID, check it in the account "
          "settings; otherwise report the code to Mensajero's makers."),
  },
  {
    .id = "aadsts-90094",
    .match = "AADSTS90094",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your administrator must approve Mensajero"),
    .explanation = N_("Your organization does not let users allow new applications by themselves, so "
          "Microsoft asks an administrator to approve Mensajero before it can send for "
          "you."),
    .action = N_("Send the message below to your IT administrator. Once they approve Mensajero, "
          "choose “Sign in with Microsoft” again."),
    .admin = N_("Hello,\n\nI want to use Mensajero (an invoice mailer) to send mail from my "
          "Microsoft 365 mailbox. Signing in with Microsoft stops with “Need admin "
          "approval” / AADSTS65001 or AADSTS90094, because our organization does not let "
          "users consent to applications.\n\nCould you grant admin consent for the "
          "application “Mensajero”? It only asks for the delegated permissions "
          "“SMTP.Send” (https://outlook.office.com/SMTP.Send) and “offline_access”. In "
          "the Microsoft Entra admin center: Enterprise applications › Consent and "
          "permissions › Admin consent requests, or approve the request I have "
          "sent.\n\nThank you."),
  },
  {
    .id = "aadsts-90095",
    .match = "AADSTS90095",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your administrator must approve Mensajero"),
    .explanation = N_("Your organization does not let users allow new applications by themselves, so "
          "Microsoft asks an administrator to approve Mensajero before it can send for "
          "you."),
    .action = N_("Send the message below to your IT administrator. Once they approve Mensajero, "
          "choose “Sign in with Microsoft” again."),
    .admin = N_("Hello,\n\nI want to use Mensajero (an invoice mailer) to send mail from my "
          "Microsoft 365 mailbox. Signing in with Microsoft stops with “Need admin "
          "approval” / AADSTS65001 or AADSTS90094, because our organization does not let "
          "users consent to applications.\n\nCould you grant admin consent for the "
          "application “Mensajero”? It only asks for the delegated permissions "
          "“SMTP.Send” (https://outlook.office.com/SMTP.Send) and “offline_access”. In "
          "the Microsoft Entra admin center: Enterprise applications › Consent and "
          "permissions › Admin consent requests, or approve the request I have "
          "sent.\n\nThank you."),
  },
  {
    .id = "aadsts-500011",
    .match = "AADSTS500011",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_ADMIN, .retry = MJ_RETRY_NEVER,
    .title = N_("Your organization has no Microsoft 365 mail service"),
    .explanation = N_("Microsoft could not find the Exchange Online mail service in your "
          "organization, so it cannot give permission to send mail."),
    .action = N_("Check that this address is a Microsoft 365 mailbox; otherwise set the account "
          "up with its real provider. Your IT administrator can confirm it."),
  },
  {
    .id = "aadsts-700016",
    .match = "AADSTS700016",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero's registration with Microsoft has a problem"),
    .explanation = N_("Microsoft refused the sign-in because of how this copy of Mensajero is "
          "registered with Microsoft (wrong or disabled application, address or setting). "
          "It is not your password."),
    .action = N_("Update Mensajero. If you set a custom application ID, check it in the account "
          "settings; otherwise report the code to Mensajero's makers."),
  },
  {
    .id = "aadsts-700082",
    .match = "AADSTS700082",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("You need to sign in with Microsoft again"),
    .explanation = N_("Mensajero's permission to send for you has expired or was withdrawn (after a "
          "long time without use, a password change, or a security check)."),
    .action = N_("Open the account settings and choose “Sign in with Microsoft” again. Invoices "
          "waiting in the queue will go out after that."),
  },
  {
    .id = "aadsts-7000112",
    .match = "AADSTS7000112",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero's registration with Microsoft has a problem"),
    .explanation = N_("Microsoft refused the sign-in because of how this copy of Mensajero is "
          "registered with Microsoft (wrong or disabled application, address or setting). "
          "It is not your password."),
    .action = N_("Update Mensajero. If you set a custom application ID, check it in the account "
          "settings; otherwise report the code to Mensajero's makers."),
  },
  {
    .id = "aadsts-7000218",
    .match = "AADSTS7000218",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero's registration with Microsoft has a problem"),
    .explanation = N_("Microsoft refused the sign-in because of how this copy of Mensajero is "
          "registered with Microsoft (wrong or disabled application, address or setting). "
          "It is not your password."),
    .action = N_("Update Mensajero. If you set a custom application ID, check it in the account "
          "settings; otherwise report the code to Mensajero's makers."),
  },
  {
    .id = "aadsts-900144",
    .match = "AADSTS900144",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero's registration with Microsoft has a problem"),
    .explanation = N_("Microsoft refused the sign-in because of how this copy of Mensajero is "
          "registered with Microsoft (wrong or disabled application, address or setting). "
          "It is not your password."),
    .action = N_("Update Mensajero. If you set a custom application ID, check it in the account "
          "settings; otherwise report the code to Mensajero's makers."),
  },
  {
    .id = "aadsts-9002313",
    .match = "AADSTS9002313",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero's registration with Microsoft has a problem"),
    .explanation = N_("Microsoft refused the sign-in because of how this copy of Mensajero is "
          "registered with Microsoft (wrong or disabled application, address or setting). "
          "It is not your password."),
    .action = N_("Update Mensajero. If you set a custom application ID, check it in the account "
          "settings; otherwise report the code to Mensajero's makers."),
  },
};
const gsize mj_catalogue_aadsts_len = G_N_ELEMENTS (mj_catalogue_aadsts);

const MjCatalogueEntry mj_catalogue_curl[] = {
  {
    .id = "curl-1",
    .match = "CURLE_UNSUPPORTED_PROTOCOL|unsupported protocol",
    .code = 1, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_PROVIDER, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero hit an internal problem"),
    .explanation = N_("Mensajero could not complete the operation because of a problem inside the "
          "program, not because of the server or your message."),
    .action = N_("Close and open Mensajero and try again. If it keeps happening, report it to "
          "Mensajero's makers with the details."),
  },
  {
    .id = "curl-3",
    .match = "CURLE_URL_MALFORMAT|url using bad/illegal format",
    .code = 3, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server name could not be found"),
    .explanation = N_("The name of the mail server could not be looked up: it is misspelled, or there "
          "is no Internet connection or DNS."),
    .action = N_("Check the server name in the account settings and your Internet connection."),
  },
  {
    .id = "curl-5",
    .match = "CURLE_COULDNT_RESOLVE_PROXY|couldn't resolve proxy",
    .code = 5, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The proxy server could not be found"),
    .explanation = N_("Your computer is set to use a proxy server whose name could not be looked up."),
    .action = N_("Check the proxy settings of your system (or remove the proxy) and try again."),
  },
  {
    .id = "curl-6",
    .match = "CURLE_COULDNT_RESOLVE_HOST|couldn't resolve host|could not resolve host",
    .code = 6, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server name could not be found"),
    .explanation = N_("The name of the mail server could not be looked up: it is misspelled, or there "
          "is no Internet connection or DNS."),
    .action = N_("Check the server name in the account settings and your Internet connection."),
  },
  {
    .id = "curl-7",
    .match = "CURLE_COULDNT_CONNECT|couldn't connect to server|failed to connect to|could "
             "not connect to server",
    .code = 7, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Could not connect to the mail server"),
    .explanation = N_("The program could not open a connection to the outgoing mail server: the "
          "server name or port is wrong, there is no Internet connection, or a firewall "
          "or antivirus blocks the port."),
    .action = N_("Check the Internet connection, the server name and port 587 in the account "
          "settings, and allow Mensajero in your firewall or antivirus; then run the "
          "connection test."),
  },
  {
    .id = "curl-8",
    .match = "CURLE_WEIRD_SERVER_REPLY|weird server reply",
    .code = 8, .klass = 'P', .reason = "syntaxerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server answered in an unexpected way"),
    .explanation = N_("The server's answer did not look like a mail server's answer; perhaps the port "
          "or the security setting is wrong (for example TLS on a STARTTLS port)."),
    .action = N_("Check the server, port and security in the account settings and run the "
          "connection test."),
  },
  {
    .id = "curl-26",
    .match = "CURLE_READ_ERROR|failed to open/read local data",
    .code = 26, .klass = 'P', .reason = "systemerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The attachment could not be read"),
    .explanation = N_("Mensajero could not read the message or its PDF from the disk while sending."),
    .action = N_("Check that the PDF still exists and can be opened, then send again."),
  },
  {
    .id = "curl-27",
    .match = "CURLE_OUT_OF_MEMORY|out of memory",
    .code = 27, .klass = 'T', .reason = "systemerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("Mensajero hit an internal problem"),
    .explanation = N_("Mensajero could not complete the operation because of a problem inside the "
          "program, not because of the server or your message."),
    .action = N_("Close and open Mensajero and try again. If it keeps happening, report it to "
          "Mensajero's makers with the details."),
  },
  {
    .id = "curl-28",
    .match = "CURLE_OPERATION_TIMEDOUT|timeout was reached|operation timed out",
    .code = 28, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The server did not answer in time"),
    .explanation = N_("The mail server took too long to answer. The network may be slow, the port may "
          "be blocked, or the server may be overloaded."),
    .action = N_("Check your Internet connection and that port 587 is not blocked by a firewall; "
          "Mensajero will keep the invoice in the queue."),
  },
  {
    .id = "curl-35",
    .match = "CURLE_SSL_CONNECT_ERROR|ssl connect error",
    .code = 35, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The secure connection could not be set up"),
    .explanation = N_("The encryption handshake with the server failed: the security setting does not "
          "match the port (for example TLS on port 587 instead of STARTTLS), or one side "
          "only supports old versions."),
    .action = N_("Use STARTTLS with port 587 or TLS with port 465, as your provider recommends, "
          "and run the connection test."),
  },
  {
    .id = "curl-42",
    .match = "CURLE_ABORTED_BY_CALLBACK|operation was aborted",
    .code = 42, .klass = 'P', .reason = "undefined",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Sending was cancelled"),
    .explanation = N_("The operation was stopped before it finished, because it was cancelled."),
    .action = N_("Send it again when you are ready."),
  },
  {
    .id = "curl-52",
    .match = "CURLE_GOT_NOTHING|server returned nothing|empty reply from server",
    .code = 52, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The connection was cut"),
    .explanation = N_("The server or the network closed the connection in the middle of the "
          "conversation (a timeout, an antivirus that scans mail, a very large message or "
          "the wrong encryption setting)."),
    .action = N_("Check that the account uses STARTTLS on port 587 (or TLS on 465), turn off "
          "mail scanning in your antivirus, and try again."),
  },
  {
    .id = "curl-55",
    .match = "CURLE_SEND_ERROR|failed sending data to the peer|failure when sending data",
    .code = 55, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The connection was cut"),
    .explanation = N_("The server or the network closed the connection in the middle of the "
          "conversation (a timeout, an antivirus that scans mail, a very large message or "
          "the wrong encryption setting)."),
    .action = N_("Check that the account uses STARTTLS on port 587 (or TLS on 465), turn off "
          "mail scanning in your antivirus, and try again."),
  },
  {
    .id = "curl-56",
    .match = "CURLE_RECV_ERROR|failure when receiving data from the peer|connection reset by "
             "peer",
    .code = 56, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The connection was cut"),
    .explanation = N_("The server or the network closed the connection in the middle of the "
          "conversation (a timeout, an antivirus that scans mail, a very large message or "
          "the wrong encryption setting)."),
    .action = N_("Check that the account uses STARTTLS on port 587 (or TLS on 465), turn off "
          "mail scanning in your antivirus, and try again."),
  },
  {
    .id = "curl-58",
    .match = "CURLE_SSL_CERTPROBLEM|problem with the local ssl certificate|problem with the "
             "local client certificate",
    .code = 58, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server's security certificate is not trusted"),
    .explanation = N_("The server's certificate could not be verified: it is expired, issued for "
          "another name, or signed by an unknown authority. Mensajero never sends your "
          "password over such a connection."),
    .action = N_("Check the server name in the account settings (it must be exactly the "
          "provider's name, for example smtp.office365.com). If your company uses its own "
          "certificate authority, choose its CA file in the account settings."),
  },
  {
    .id = "curl-59",
    .match = "CURLE_SSL_CIPHER|couldn't use specified ssl cipher",
    .code = 59, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The secure connection could not be set up"),
    .explanation = N_("The encryption handshake with the server failed: the security setting does not "
          "match the port (for example TLS on port 587 instead of STARTTLS), or one side "
          "only supports old versions."),
    .action = N_("Use STARTTLS with port 587 or TLS with port 465, as your provider recommends, "
          "and run the connection test."),
  },
  {
    .id = "curl-60",
    .match = "CURLE_PEER_FAILED_VERIFICATION|ssl peer certificate or ssh remote key was not "
             "ok|ssl certificate problem|certificate verify failed",
    .code = 60, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server's security certificate is not trusted"),
    .explanation = N_("The server's certificate could not be verified: it is expired, issued for "
          "another name, or signed by an unknown authority. Mensajero never sends your "
          "password over such a connection."),
    .action = N_("Check the server name in the account settings (it must be exactly the "
          "provider's name, for example smtp.office365.com). If your company uses its own "
          "certificate authority, choose its CA file in the account settings."),
  },
  {
    .id = "curl-64",
    .match = "CURLE_USE_SSL_FAILED|requested ssl level failed",
    .code = 64, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server does not offer encryption"),
    .explanation = N_("The server did not offer STARTTLS, so Mensajero refused to send your password "
          "or your invoices over an unencrypted connection."),
    .action = N_("Check the server and port in the account settings (for example port 587 with "
          "STARTTLS, or 465 with TLS); if the server really has no encryption, use "
          "another server."),
  },
  {
    .id = "curl-67",
    .match = "CURLE_LOGIN_DENIED|login denied",
    .code = 67, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Wrong user name or password"),
    .explanation = N_("The mail server did not accept the user name and password that Mensajero sent."),
    .action = N_("Check the user name (usually your full email address) and type the password "
          "again. If your provider uses app passwords (Gmail, Yahoo, iCloud…), create a "
          "new one and paste it; for Outlook.com and Microsoft 365 use “Sign in with "
          "Microsoft”."),
  },
  {
    .id = "curl-77",
    .match = "CURLE_SSL_CACERT_BADFILE|problem with the ssl ca cert",
    .code = 77, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server's security certificate is not trusted"),
    .explanation = N_("The server's certificate could not be verified: it is expired, issued for "
          "another name, or signed by an unknown authority. Mensajero never sends your "
          "password over such a connection."),
    .action = N_("Check the server name in the account settings (it must be exactly the "
          "provider's name, for example smtp.office365.com). If your company uses its own "
          "certificate authority, choose its CA file in the account settings."),
  },
  {
    .id = "curl-80",
    .match = "CURLE_SSL_SHUTDOWN_FAILED|failed to shut down the ssl connection",
    .code = 80, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The connection was cut"),
    .explanation = N_("The server or the network closed the connection in the middle of the "
          "conversation (a timeout, an antivirus that scans mail, a very large message or "
          "the wrong encryption setting)."),
    .action = N_("Check that the account uses STARTTLS on port 587 (or TLS on 465), turn off "
          "mail scanning in your antivirus, and try again."),
  },
  {
    .id = "curl-83",
    .match = "CURLE_SSL_ISSUER_ERROR|issuer check against peer certificate failed",
    .code = 83, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server's security certificate is not trusted"),
    .explanation = N_("The server's certificate could not be verified: it is expired, issued for "
          "another name, or signed by an unknown authority. Mensajero never sends your "
          "password over such a connection."),
    .action = N_("Check the server name in the account settings (it must be exactly the "
          "provider's name, for example smtp.office365.com). If your company uses its own "
          "certificate authority, choose its CA file in the account settings."),
  },
  {
    .id = "curl-94",
    .match = "CURLE_AUTH_ERROR|an authentication function returned an error",
    .code = 94, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The sign-in was refused"),
    .explanation = N_("The server did not accept Mensajero's sign-in. With Microsoft this also "
          "happens when the Microsoft sign-in has expired or was given for another "
          "account."),
    .action = N_("Sign in again from the account settings (“Sign in with Microsoft”, or type the "
          "password again). If it keeps failing, ask your IT administrator whether SMTP "
          "sending is allowed for your mailbox."),
  },
  {
    .id = "curl-98",
    .match = "CURLE_SSL_CLIENTCERT|ssl client certificate required",
    .code = 98, .klass = 'P', .reason = "failedstarttls",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The server's security certificate is not trusted"),
    .explanation = N_("The server's certificate could not be verified: it is expired, issued for "
          "another name, or signed by an unknown authority. Mensajero never sends your "
          "password over such a connection."),
    .action = N_("Check the server name in the account settings (it must be exactly the "
          "provider's name, for example smtp.office365.com). If your company uses its own "
          "certificate authority, choose its CA file in the account settings."),
  },
};
const gsize mj_catalogue_curl_len = G_N_ELEMENTS (mj_catalogue_curl);

const MjCatalogueEntry mj_catalogue_other[] = {
  {
    .id = "unknown",
    .match = "",
    .code = 0, .klass = 'U', .reason = "undefined",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Mensajero does not recognise this message"),
    .explanation = N_("The text has no error code or known wording that Mensajero can explain, so it "
          "cannot tell what went wrong or whether it is temporary."),
    .action = N_("Paste the complete server reply or the whole bounce message (or open the .eml "
          "file); it usually contains a code such as “550 5.1.1”."),
  },
  {
    .id = "client-unknown",
    .match = "",
    .code = 0, .klass = 'U', .reason = "undefined",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Unknown Outlook error code"),
    .explanation = N_("This is an error code of the classic Outlook program that Mensajero does not "
          "know in detail. Codes starting with 0x800CCC usually mean a connection, "
          "sign-in or server problem."),
    .action = N_("Run Mensajero's connection test for the account; it checks each step and "
          "explains the one that fails."),
  },
  {
    .id = "aadsts-unknown",
    .match = "",
    .code = 0, .klass = 'P', .reason = "securityerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("Microsoft refused the sign-in"),
    .explanation = N_("Microsoft's sign-in service returned an error code that Mensajero does not "
          "know in detail."),
    .action = N_("Choose “Sign in with Microsoft” again. If the same code comes back, send it to "
          "your IT administrator, who can look it up in the sign-in logs."),
  },
  {
    .id = "curl-unknown",
    .match = "",
    .code = 0, .klass = 'T', .reason = "networkerror",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_BY_CLASS,
    .title = N_("The connection to the mail server failed"),
    .explanation = N_("Mensajero's connection to the mail server failed for a technical reason it "
          "does not know in detail."),
    .action = N_("Run the connection test for the account; it checks each step and explains the "
          "one that fails."),
  },
  {
    .id = "auto-reply",
    .match = "",
    .code = 0, .klass = 'S', .reason = "vacation",
    .who = MJ_WHO_FIXES_RECIPIENT, .retry = MJ_RETRY_NEVER,
    .title = N_("This is an automatic reply, not a failure"),
    .explanation = N_("The recipient's mailbox answered automatically (for example “Out of office”). "
          "Your message was delivered."),
    .action = N_("Nothing to do. If the reply gives another contact or a return date, you may "
          "follow it up."),
  },
  {
    .id = "not-bounce",
    .match = "",
    .code = 0, .klass = 'U', .reason = "undefined",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("This does not look like a bounce message"),
    .explanation = N_("Mensajero found no failed recipient, delivery report or automatic reply in "
          "this message."),
    .action = N_("Check that you opened the message that came back (“Undeliverable”, “Delivery "
          "Status Notification”, “No se puede entregar”…), saved as .eml."),
  },
  {
    .id = "bounce-no-diagnostic",
    .match = "",
    .code = 0, .klass = 'P', .reason = "onhold",
    .who = MJ_WHO_FIXES_YOU, .retry = MJ_RETRY_NEVER,
    .title = N_("The message was not delivered to this recipient"),
    .explanation = N_("The bounce says the message did not reach this recipient but gives no reason "
          "that Mensajero can read."),
    .action = N_("Check the address; if it is right, ask your client whether they receive your "
          "mail, or send the bounce to your IT helper."),
  },
};
const gsize mj_catalogue_other_len = G_N_ELEMENTS (mj_catalogue_other);
