#define G_LOG_DOMAIN "mj-diagnostics"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-diagnostic-texts.h"

/* The English text is the msgid; the Spanish comes from po/es.po through
 * mj_i18n_translate(), so both are available at the same time. */
static const MjDiagnosticText texts[] = {
  /* --- DNS --- */
  { "dns-not-found", "hostunknown", MJ_WHO_FIXES_YOU, FALSE,
    N_("The server name does not exist"),
    N_("The name of the outgoing mail server in this account's settings could not be found on the internet. It is probably mistyped."),
    N_("Check the server name in the account settings. For Microsoft 365 and Outlook.com it is smtp.office365.com or smtp-mail.outlook.com.") },
  { "dns-failed", "networkerror", MJ_WHO_FIXES_YOU, TRUE,
    N_("The server name could not be looked up"),
    N_("Your computer could not ask the internet's directory (DNS) for the mail server's address. The internet connection may be down or the network's DNS may not be working."),
    N_("Check that this computer is connected to the internet (open a web page), then run the test again.") },
  { "dns-timeout", "networkerror", MJ_WHO_FIXES_YOU, TRUE,
    N_("Looking up the server name took too long"),
    N_("The internet's directory (DNS) did not answer in time. The connection may be very slow or down."),
    N_("Check the internet connection and run the test again in a few minutes.") },

  /* --- TCP --- */
  { "tcp-refused", "networkerror", MJ_WHO_FIXES_YOU, TRUE,
    N_("The server refused the connection"),
    N_("The mail server's address was reached, but nothing accepts connections on that port. The port in the settings may be wrong, the server may be down, or a firewall rejected the connection."),
    N_("Check the port: 587 with STARTTLS for most providers (465 only with implicit TLS). If it is right, try again later or ask whoever manages your network whether port 587 is allowed.") },
  { "tcp-timeout", "networkerror", MJ_WHO_FIXES_YOU, TRUE,
    N_("The server did not answer (the port may be blocked)"),
    N_("The connection attempt got no answer at all. This usually means that a firewall, an antivirus program or the internet provider blocks outgoing mail ports such as 587, or that the network is down."),
    N_("Allow Mensajero (or port 587) in the firewall or antivirus, or try from another network (for example a mobile hotspot). Public and hotel Wi-Fi often block mail ports.") },
  { "tcp-unreachable", "networkerror", MJ_WHO_FIXES_YOU, TRUE,
    N_("The network cannot reach the server"),
    N_("This computer has no route to the mail server: it is offline, or the network does not allow this kind of connection."),
    N_("Check the internet connection (cable, Wi-Fi, VPN) and run the test again.") },
  { "connect-failed", "networkerror", MJ_WHO_FIXES_YOU, TRUE,
    N_("The connection to the server failed"),
    N_("The connection to the mail server could not be opened or was lost."),
    N_("Check the server name, the port and the internet connection, then try again.") },

  /* --- greeting, EHLO --- */
  { "greeting-timeout", "networkerror", MJ_WHO_FIXES_PROVIDER, TRUE,
    N_("The server did not greet us in time"),
    N_("The connection opened but the mail server did not say hello within the time limit. The server may be overloaded, or an antivirus or firewall that inspects mail is holding the connection."),
    N_("Try again in a few minutes. If it keeps happening, turn off the mail scanning of your antivirus for outgoing mail, or ask your provider.") },
  { "server-closed", "networkerror", MJ_WHO_FIXES_PROVIDER, TRUE,
    N_("The server closed the connection"),
    N_("The mail server hung up during the conversation without explaining why. It may be busy, or a firewall or antivirus cut the connection."),
    N_("Try again in a few minutes; if it keeps happening, check the antivirus or firewall.") },

  /* --- STARTTLS, TLS --- */
  { "starttls-missing", "failedstarttls", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("The server does not offer encryption"),
    N_("The server did not offer STARTTLS, so the password and the invoices would travel unprotected. Mensajero never sends them that way. Either the security setting does not match the port, or something on the network (a firewall or an antivirus) removes the encryption offer."),
    N_("Check the security setting: STARTTLS on port 587, implicit TLS on port 465. If they are right, ask whoever manages the network or the mail server.") },
  { "tls-failed", "failedstarttls", MJ_WHO_FIXES_ADMIN, TRUE,
    N_("The encrypted connection could not be set up"),
    N_("The server and Mensajero could not agree on a secure connection. The server may only accept old encryption, or the security setting does not match the port."),
    N_("Check the security setting (STARTTLS on 587, implicit TLS on 465). If it is right, the mail server's administrator must update its TLS configuration.") },
  { "tls-untrusted", "securityerror", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("The server's certificate is not trusted"),
    N_("The server proved its identity with a certificate that no trusted authority vouches for. It may be a self-made certificate, an antivirus or company proxy that inspects encrypted traffic, or someone intercepting the connection."),
    N_("Do not send from this network until it is clear. If your company uses its own certificate authority, set its CA file in the account settings; otherwise tell the mail server's administrator.") },
  { "tls-expired", "securityerror", MJ_WHO_FIXES_PROVIDER, FALSE,
    N_("The server's certificate has expired"),
    N_("The certificate the mail server uses to prove its identity is out of date (or not valid yet). Until it is renewed, Mensajero cannot know it is talking to the real server."),
    N_("Check that this computer's date and time are right. If they are, tell the mail provider or the server's administrator that the certificate must be renewed.") },
  { "tls-host-mismatch", "securityerror", MJ_WHO_FIXES_YOU, FALSE,
    N_("The certificate is for a different server name"),
    N_("The server's certificate is valid, but not for the name in the account settings. The server name may be an alias that the certificate does not cover."),
    N_("Use the server name your provider gives (the one the certificate is for), for example smtp.office365.com.") },
  { "tls-old-protocol", "securityerror", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("The server uses an outdated encryption version"),
    N_("The connection was encrypted with a TLS version older than 1.2. Microsoft and most providers refuse these old versions, and they are no longer considered safe."),
    N_("The mail server's administrator should enable TLS 1.2 or 1.3. With Microsoft 365, use smtp.office365.com, which supports TLS 1.2.") },

  /* --- AUTH, sender --- */
  { "auth-no-credentials", "securityerror", MJ_WHO_FIXES_YOU, FALSE,
    N_("No password or sign-in is saved for this account"),
    N_("Mensajero has no password (or Microsoft sign-in) stored in the keyring for this account, so it cannot log in to the server."),
    N_("Open the account settings and enter the password again, or sign in with Microsoft again.") },
  { "auth-not-offered", "securityerror", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("The server does not accept this sign-in method"),
    N_("The server did not offer the sign-in method this account uses (password or Microsoft sign-in)."),
    N_("Check that the account type and server are right; for Microsoft accounts use \"Sign in with Microsoft\".") },

  /* --- Microsoft service status --- */
  { "microsoft-status", "systemerror", MJ_WHO_FIXES_PROVIDER, TRUE,
    N_("Microsoft's mail service may be having problems"),
    N_("Microsoft's servers could not be reached or keep answering \"try again later\". This is usually a temporary problem on Microsoft's side."),
    N_("Check Microsoft's service status page (https://status.cloud.microsoft); a Microsoft 365 administrator can also look at Service health in the admin center. Try again later; Mensajero keeps queued invoices and retries them.") },

  /* --- test message --- */
  { "test-message-failed", "undefined", MJ_WHO_FIXES_YOU, FALSE,
    N_("The test message was not accepted"),
    N_("Everything up to the sign-in worked, but the server did not accept the test message to your own address."),
    N_("Read the server's answer in the transcript; the explanation of that answer says what to do.") },

  /* --- domain checks --- */
  { "spf-missing", "authfailure", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("Your domain has no SPF record"),
    N_("SPF is a DNS record that lists the servers allowed to send mail for your domain. Without it, many receivers put your invoices in spam or refuse them."),
    N_("Ask whoever manages your domain's DNS to add a TXT record at the domain itself; for Microsoft 365: v=spf1 include:spf.protection.outlook.com -all") },
  { "spf-no-microsoft", "authfailure", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("Your SPF record does not include Microsoft 365"),
    N_("Your domain's SPF record does not list Microsoft's servers (include:spf.protection.outlook.com), but your mail goes out through Microsoft 365. Receivers may treat your invoices as forged."),
    N_("Ask whoever manages your domain's DNS to add include:spf.protection.outlook.com to the existing SPF record (one SPF record only).") },
  { "spf-multiple", "authfailure", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("Your domain has more than one SPF record"),
    N_("A domain may publish only one SPF record. With two or more, receivers treat SPF as broken (permerror)."),
    N_("Ask whoever manages your domain's DNS to merge them into a single v=spf1 record.") },
  { "spf-ok", "delivered", MJ_WHO_FIXES_YOU, FALSE,
    N_("Your domain has an SPF record"),
    N_("The domain publishes which servers may send its mail."),
    N_("Nothing to do.") },
  { "dmarc-missing", "authfailure", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("Your domain has no DMARC record"),
    N_("DMARC tells receivers what to do with mail that fails SPF and DKIM. Large providers (Gmail, Yahoo, Outlook.com) increasingly expect it."),
    N_("Ask whoever manages your domain's DNS to add a TXT record at _dmarc.your-domain, starting with v=DMARC1; p=none and moving later to quarantine or reject.") },
  { "dmarc-none", "authfailure", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("Your DMARC policy only monitors"),
    N_("The DMARC record has p=none: receivers report failures but still accept forged mail in your name. That is fine to start with."),
    N_("Once SPF and DKIM pass, your administrator can move the policy to p=quarantine and then p=reject.") },
  { "dmarc-ok", "delivered", MJ_WHO_FIXES_YOU, FALSE,
    N_("Your domain has a DMARC policy"),
    N_("Receivers know what to do with mail that pretends to come from your domain."),
    N_("Nothing to do.") },
  { "dkim-missing", "authfailure", MJ_WHO_FIXES_ADMIN, FALSE,
    N_("Microsoft 365 DKIM signing is not set up for your domain"),
    N_("The DNS records selector1._domainkey and selector2._domainkey that Microsoft 365 uses to sign your mail were not found. Your mail is then signed for the onmicrosoft.com domain only, which does not count for DMARC."),
    N_("Your Microsoft 365 administrator should copy the two CNAME records shown under Email authentication settings › DKIM in Microsoft Defender into your DNS and enable signing.") },
  { "dkim-ok", "delivered", MJ_WHO_FIXES_YOU, FALSE,
    N_("DKIM records are published"),
    N_("The DKIM selector records for Microsoft 365 exist."),
    N_("Nothing to do.") },
  { "mx-missing", "hostunknown", MJ_WHO_FIXES_RECIPIENT, FALSE,
    N_("The recipient's domain cannot receive mail"),
    N_("The recipient's domain has no mail server (MX) record, or does not exist. The address is probably mistyped (for example hotmial.com instead of hotmail.com)."),
    N_("Check the part of the address after the @ with your client.") },
  { "mx-ok", "delivered", MJ_WHO_FIXES_YOU, FALSE,
    N_("The recipient's domain receives mail"),
    N_("The domain has mail servers (MX records)."),
    N_("Nothing to do.") },
  { "domain-lookup-failed", "networkerror", MJ_WHO_FIXES_YOU, TRUE,
    N_("The domain's records could not be checked"),
    N_("The DNS lookup did not give an answer (no internet connection, or the DNS server did not respond)."),
    N_("Check the internet connection and run the check again.") },
};

const MjDiagnosticText *
mj_diagnostic_text_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (strcmp (texts[i].id, id) == 0)
      return &texts[i];
  return NULL;
}

const MjDiagnosticText *
mj_diagnostic_texts_get_all (guint *n_texts)
{
  if (n_texts != NULL)
    *n_texts = G_N_ELEMENTS (texts);
  return texts;
}
